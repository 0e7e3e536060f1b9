package cmd

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/spf13/cobra"
)

// oneDefinition is the argument check of the commands that work on one
// state machine.
func oneDefinition(c *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usageError("%s takes one definition file (or - for standard input), got %d; see 'sfnctl %s --help'", c.Name(), len(args), c.Name())
	}
	return nil
}

// loadDefinition loads the one state machine a command works on: a plain
// definition file, "-" for standard input, or one state machine of a SAM,
// CloudFormation, Serverless or Terraform template, picked with --resource
// when the template holds several.
func (a *app) loadDefinition(path, resource string) (*asl.Document, error) {
	var src []byte
	var err error
	file := path
	if path == "-" {
		file = "<stdin>"
		src, err = io.ReadAll(io.LimitReader(a.stdin, 64<<20))
	} else {
		src, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, usageError("cannot read the definition: %v", err)
	}
	docs := asl.LoadAny(file, src)
	if len(docs) == 0 {
		return nil, &exitError{ExitProblems, fmt.Errorf("%s: no state machine in this template", file)}
	}
	var names []string
	for _, d := range docs {
		_, name, _ := strings.Cut(d.Name, "#")
		if resource != "" && name == resource {
			return d, nil
		}
		names = append(names, name)
	}
	switch {
	case resource != "" && len(docs) == 1 && docs[0].Name == "":
		return nil, usageError("--resource %q: %s is a definition, not a template", resource, file)
	case resource != "":
		return nil, usageError("--resource %q: %s has no such state machine (it has: %s)", resource, file, strings.Join(names, ", "))
	case len(docs) > 1:
		return nil, usageError("%s holds %d state machines (%s): pick one with --resource NAME", file, len(docs), strings.Join(names, ", "))
	}
	return docs[0], nil
}
