package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/validate"
)

func init() { register(newValidateCmd) }

type validateFlags struct {
	format       string
	snippet      bool
	workflowType string
	strict       bool
	lint         lintFlags // --disable; see validate_files.go
}

func newValidateCmd(a *app) *cobra.Command {
	var fl validateFlags
	c := &cobra.Command{
		Use:   "validate [flags] PATH...",
		Short: "Check definitions the way AWS does, with file:line:col for every finding",
		Long: `validate checks Amazon States Language definitions (JSON or YAML) offline: the
schema of every state type in both query languages, transitions, Choice rules,
Retry/Catch, Map and Parallel rules, JSONPath, intrinsic functions and JSONata.

PATH is a definition, a template (SAM, CloudFormation, CDK output, Serverless
Framework, Terraform: every state machine in it is checked), a directory
(searched for both) or "-" for standard input. A template's declared workflow
type wins over --type. Findings can be silenced with --disable, a .sfnctl.yaml
found upward from the working directory, or "Comment": "sfnctl:ignore RULE".
Exit status: 0 clean (warnings allowed unless --strict), 1 errors found,
2 usage error, 3 internal error.`,
		Example: `  sfnctl validate statemachine.asl.json
  sfnctl validate --format json statemachines/
  cat def.json | sfnctl validate --snippet -
  sfnctl validate template.yaml main.tf serverless.yml
  sfnctl validate --format sarif . > sfnctl.sarif`,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runValidate(fl, args) },
	}
	f := c.Flags()
	f.StringVar(&fl.format, "format", "text", "output format: "+formatNames())
	f.BoolVar(&fl.snippet, "snippet", false, "show the source line and a caret under each finding (default on a terminal)")
	f.StringVar(&fl.workflowType, "type", "standard", "workflow type the definition is deployed as: standard or express")
	f.BoolVar(&fl.strict, "strict", false, "exit 1 on warnings too")
	fl.lint.register(f)
	return c
}

func (a *app) runValidate(fl validateFlags, args []string) error {
	if len(args) == 0 {
		return usageError("validate needs at least one file, directory or - (standard input)")
	}
	if _, ok := formats[fl.format]; !ok {
		return usageError("unknown --format %q: use one of %s", fl.format, formatNames())
	}
	opts := validate.Options{}
	switch strings.ToLower(fl.workflowType) {
	case "standard":
		opts.Type = validate.Standard
	case "express":
		opts.Type = validate.Express
	default:
		return usageError("--type must be standard or express, not %q", fl.workflowType)
	}
	files, err := asl.ExpandTemplatePaths(args)
	if err != nil {
		return usageError("%v", err)
	}
	if len(files) == 0 {
		return usageError("no definition files (*.asl.json, *.asl.yaml, *.asl.yml) or templates found in %s", strings.Join(args, ", "))
	}
	res, err := a.checkFiles(files, opts, fl.lint)
	if err != nil {
		return err
	}
	snippet := fl.snippet || (fl.format == "text" && isTerminal(a.stdout))
	if err := a.renderFindings(a.stdout, fl.format, res, snippet); err != nil {
		return err
	}
	errs, warns := res.count(asl.SeverityError), res.count(asl.SeverityWarning)
	if fl.format == "text" {
		fmt.Fprintln(a.stderr, validateSummary(res.Files, errs, warns))
	}
	if errs > 0 || (fl.strict && warns > 0) {
		return exitWith(ExitProblems)
	}
	return nil
}

func validateSummary(files, errs, warns int) string {
	plural := func(n int, s string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, s)
		}
		return fmt.Sprintf("%d %ss", n, s)
	}
	if errs == 0 && warns == 0 {
		return fmt.Sprintf("sfnctl: %s checked, no problems found", plural(files, "file"))
	}
	return fmt.Sprintf("sfnctl: %s checked: %s, %s", plural(files, "file"), plural(errs, "error"), plural(warns, "warning"))
}
