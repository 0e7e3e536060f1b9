package cmd

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/graph"
)

func init() { register(newGraphCmd) }

type graphFlags struct {
	format, direction, output string
	highlight, heat           string
	resource                  string
	legend                    bool
}

func newGraphCmd(a *app) *cobra.Command {
	f := &graphFlags{}
	c := &cobra.Command{
		Use:   "graph DEFINITION",
		Short: "Draw a state machine as a Graphviz (DOT) or Mermaid diagram",
		Long: `graph draws a state machine: every state with its type, the service a Task
calls, Choice rules on their edges, Catch edges dashed, retries as badges,
Parallel branches and Map processors as nested boxes. Unreachable states are
greyed; a transition to a missing state points at a red phantom and is
reported on stderr.

DEFINITION is a JSON or YAML file, or - for standard input; or a SAM,
CloudFormation, Serverless or Terraform template holding a state machine
(pick one with --resource when it holds several).

With --highlight RUN.json the picture shows the path one execution took:
RUN.json is what 'sfnctl run --format json --history' prints, or the output of
'aws stepfunctions get-execution-history'. --heat shades states by how often
the run entered them.`,
		Example: `  sfnctl graph order.asl.json | dot -Tsvg > order.svg
  sfnctl graph --format mermaid order.asl.json >> README.md
  sfnctl run --mock mocks.json --format json --history order.asl.json > run.json
  sfnctl graph --highlight run.json -o order.dot order.asl.json`,
		Args: oneDefinition,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runGraph(f, args[0]) },
	}
	fl := c.Flags()
	fl.StringVar(&f.format, "format", "dot", "output format: dot or mermaid")
	fl.StringVar(&f.direction, "direction", "TB", "layout direction: TB (top to bottom) or LR (left to right)")
	fl.StringVarP(&f.output, "output", "o", "", "write to this file instead of standard output")
	fl.StringVar(&f.highlight, "highlight", "", "show the path of the run in this JSON file (sfnctl run --format json --history)")
	fl.StringVar(&f.heat, "heat", "", "shade states by how often the run in this JSON file entered them")
	fl.BoolVar(&f.legend, "legend", false, "add a legend explaining shapes, colours and lines")
	fl.StringVar(&f.resource, "resource", "", "the state machine to draw when a template holds several (its logical id or name)")
	return c
}

func (a *app) runGraph(f *graphFlags, path string) error {
	format := strings.ToLower(f.format)
	if format != "dot" && format != "mermaid" {
		return usageError("--format must be dot or mermaid, not %q", f.format)
	}
	dir := strings.ToUpper(f.direction)
	if dir != "TB" && dir != "LR" {
		return usageError("--direction must be TB or LR, not %q", f.direction)
	}
	stdinUsers := 0
	for _, p := range []string{path, f.highlight, f.heat} {
		if p == "-" {
			stdinUsers++
		}
	}
	if stdinUsers > 1 {
		return usageError("standard input (-) can feed only one of the definition, --highlight and --heat")
	}
	opts := graph.Options{Direction: dir, Legend: f.legend}
	var err error
	if opts.Highlight, err = a.readTrace("--highlight", f.highlight); err != nil {
		return err
	}
	if opts.Heat, err = a.readTrace("--heat", f.heat); err != nil {
		return err
	}
	doc, sm, err := a.graphMachine(path, f.resource)
	if err != nil {
		return err
	}
	g := graph.Build(sm, opts)
	a.graphFindings(doc, g.Warnings)
	var buf bytes.Buffer
	if format == "mermaid" {
		err = graph.WriteMermaid(&buf, g)
	} else {
		err = graph.WriteDOT(&buf, g)
	}
	if err != nil {
		return &exitError{ExitInternal, err}
	}
	if f.output == "" || f.output == "-" {
		_, err = a.stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(f.output, buf.Bytes()); err != nil {
		return usageError("cannot write %s: %v", f.output, err)
	}
	return nil
}

// graphMachine loads the definition and its model, refusing (exit 1, with
// the findings) one that cannot be read as a state machine at all.
func (a *app) graphMachine(path, resource string) (*asl.Document, *asl.StateMachine, error) {
	doc, err := a.loadDefinition(path, resource)
	if err != nil {
		return nil, nil, err
	}
	var fatal []asl.Diagnostic
	for _, d := range doc.Diagnostics {
		if d.Severity == asl.SeverityError {
			fatal = append(fatal, d)
		}
	}
	sm := asl.Build(doc)
	if len(fatal) == 0 && sm == nil {
		// The same finding as validate's, so the rule id is the documented one.
		fatal = append(fatal, asl.Diagnostic{File: doc.File, Line: 1, Column: 1, EndLine: 1, EndColumn: 2, Rule: "schema",
			Severity: asl.SeverityError, Code: "SCHEMA_VALIDATION_FAILED", Message: "Definition must be a valid JSON object"})
	}
	if len(fatal) > 0 {
		a.graphFindings(doc, fatal)
		fmt.Fprintln(a.stderr, "sfnctl: nothing drawn: fix the definition first (sfnctl validate shows every problem)")
		return nil, nil, exitWith(ExitProblems)
	}
	return doc, sm, nil
}

// graphFindings prints problems the way validate does: coloured, and with
// the source line when stderr is a terminal.
func (a *app) graphFindings(doc *asl.Document, ds []asl.Diagnostic) {
	if len(ds) == 0 {
		return
	}
	f := &findings{Files: 1, Diagnostics: asl.SortDiagnostics(ds), Sources: map[string][]byte{doc.File: doc.Source}}
	_ = renderText(a.stderr, f, renderOptions{Snippet: isTerminal(a.stderr), app: a})
}

func (a *app) readTrace(flag, path string) (*graph.Trace, error) {
	if path == "" {
		return nil, nil
	}
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(io.LimitReader(a.stdin, 256<<20))
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, usageError("%s: cannot read the run: %v", flag, err)
	}
	t, err := graph.ReadTrace(data)
	if err != nil {
		return nil, usageError("%s %s: %v", flag, path, err)
	}
	return t, nil
}

// writeFileAtomic writes through a temporary file beside the target and
// renames it, so a failed write never leaves a half-written diagram.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}
