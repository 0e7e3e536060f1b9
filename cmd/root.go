// Package cmd holds the command-line interface: flags, output rendering,
// colour and exit codes. The packages below it know none of these.
package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
)

// Exit codes, the same for every command.
const (
	ExitOK       = 0 // clean, or the execution succeeded
	ExitProblems = 1 // findings, or the execution failed or timed out
	ExitUsage    = 2 // bad flag, missing file, unreadable mock file
	ExitInternal = 3 // a bug in sfnctl
)

// Version is set at build time with -ldflags "-X github.com/sfnctl/sfnctl/cmd.Version=v1.2.3";
// otherwise the module version from the build info is used.
var Version = ""

// app is what every command gets: its streams and the global settings.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	colorMode      string
}

// exitError carries an exit code out of a command. A nil err means the
// command already said everything it had to say.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// usageError makes an error that exits 2.
func usageError(format string, args ...any) error {
	return &exitError{ExitUsage, fmt.Errorf(format, args...)}
}

// exitWith makes a silent error that only sets the exit code.
func exitWith(code int) error { return &exitError{code: code} }

// subcommands is filled by each command's file, so adding a command never
// touches this one.
var subcommands []func(*app) *cobra.Command

func register(f func(*app) *cobra.Command) { subcommands = append(subcommands, f) }

// Main runs sfnctl with the given arguments and streams and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "sfnctl: internal error: %v\n%s\nPlease report this with the input that caused it.\n", r, debug.Stack())
			code = ExitInternal
		}
	}()
	root := a.newRoot()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "sfnctl: %v\n", ee.err)
		}
		return ee.code
	}
	// Everything else cobra returns is about the command line itself.
	fmt.Fprintf(stderr, "sfnctl: %v\nRun 'sfnctl --help' for usage.\n", err)
	return ExitUsage
}

func (a *app) newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "sfnctl",
		Short: "Validate, simulate, draw and cost AWS Step Functions state machines",
		Long: `sfnctl works with AWS Step Functions state machines written in the Amazon
States Language (JSON or YAML), offline: no AWS account, no network.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetVersionTemplate("sfnctl {{.Version}}\n")
	root.PersistentFlags().StringVar(&a.colorMode, "color", "auto", "colour output: auto, always or never (NO_COLOR is honoured)")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		switch a.colorMode {
		case "auto", "always", "never":
			return nil
		}
		return usageError("--color must be auto, always or never, not %q", a.colorMode)
	}
	root.CompletionOptions.DisableDefaultCmd = true
	for _, f := range subcommands {
		root.AddCommand(f(a))
	}
	return root
}

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// colorEnabled decides once, at the edge, whether w gets colour.
func (a *app) colorEnabled(w io.Writer) bool {
	switch a.colorMode {
	case "always":
		return true
	case "never":
		return false
	}
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	return isTerminal(w)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// painter returns a colour function for w, or one that leaves text alone.
func (a *app) painter(w io.Writer, attrs ...color.Attribute) func(string) string {
	if !a.colorEnabled(w) {
		return func(s string) string { return s }
	}
	c := color.New(attrs...)
	c.EnableColor()
	return func(s string) string { return c.Sprint(s) }
}
