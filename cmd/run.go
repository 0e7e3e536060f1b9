package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/fatih/color"
	"github.com/spf13/cobra"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/expr"
	"github.com/sfnctl/sfnctl/simulate"
	"github.com/sfnctl/sfnctl/validate"
)

func init() { register(newRunCommand) }

type runFlags struct {
	input, mock, machine, testCase, format, startTime, typ, resource string
	history                                                          bool
	seed                                                             uint64
}

func newRunCommand(a *app) *cobra.Command {
	var fl runFlags
	c := &cobra.Command{
		Use:   "run DEFINITION",
		Short: "Execute a state machine locally with mocked Task results",
		Long: `run executes a state machine on a virtual clock, as AWS Step Functions would,
answering Task states from a Step Functions Local mock file. Nothing sleeps and
nothing is random unless seeded. Exit 0 when the execution succeeded, 1 when it
failed or timed out, 2 for usage errors.`,
		Example: `  sfnctl run order.asl.json --input @order.json --mock mocks.json --test-case HappyPath
  sfnctl run order.asl.json --input '{"id": 1}' --format json --history`,
		Args: oneDefinition,
		RunE: func(_ *cobra.Command, args []string) error { return a.run(args[0], fl) },
	}
	f := c.Flags()
	f.StringVar(&fl.input, "input", "", "execution input: JSON text, @FILE, or - for standard input (default {})")
	f.StringVar(&fl.mock, "mock", "", "Step Functions Local mock file (MockConfigFile format)")
	f.StringVar(&fl.machine, "state-machine", "", "state machine name in the mock file (optional when it has one, or one named like the definition file)")
	f.StringVar(&fl.testCase, "test-case", "", "test case name in the mock file (optional when it has one)")
	f.StringVar(&fl.format, "format", "text", "output format: text or json")
	f.BoolVar(&fl.history, "history", false, "include the execution history (AWS GetExecutionHistory events)")
	f.Uint64Var(&fl.seed, "seed", 0, "seed for execution names, UUIDs, random numbers and retry jitter")
	f.StringVar(&fl.startTime, "start-time", "", "virtual start time, RFC 3339 (default 2025-01-01T00:00:00Z)")
	f.StringVar(&fl.typ, "type", "", "workflow type: STANDARD or EXPRESS (default: the template's, else STANDARD)")
	f.StringVar(&fl.resource, "resource", "", "the state machine to run when the file is a template holding several (its resource name)")
	return c
}

func (a *app) run(defPath string, fl runFlags) error {
	if fl.format != "text" && fl.format != "json" {
		return usageError("--format must be text or json, not %q", fl.format)
	}
	if fl.input == "-" && defPath == "-" {
		return usageError("the definition and --input cannot both be read from standard input")
	}
	opts := simulate.Options{Seed: fl.seed, TestCase: fl.testCase, StateMachine: fl.machine, Type: strings.ToUpper(fl.typ)}
	if fl.startTime != "" {
		t, err := time.Parse(time.RFC3339Nano, fl.startTime)
		if err != nil {
			return usageError("--start-time must be an RFC 3339 date-time such as 2025-01-01T00:00:00Z: %v", err)
		}
		opts.StartTime = t
	}
	input, err := a.readInput(fl.input)
	if err != nil {
		return err
	}
	opts.Input = input

	doc, err := a.loadDefinition(defPath, fl.resource)
	if err != nil {
		return err
	}
	if opts.Type == "" {
		opts.Type = strings.ToUpper(doc.WorkflowType)
	}
	if opts.Type == "" {
		opts.Type = "STANDARD"
	}
	if opts.Type != "STANDARD" && opts.Type != "EXPRESS" {
		return usageError("--type must be STANDARD or EXPRESS, not %q", fl.typ)
	}
	// Validation (its schema compiles in about 10 ms) runs alongside the
	// loading and the simulation; an invalid definition is refused before
	// anything is printed.
	validated := make(chan []asl.Diagnostic, 1)
	go func() { validated <- checkDefinition(doc, opts.Type) }()
	refuseInvalid := func() error {
		if diags := <-validated; hasErrors(diags) {
			return a.refuseDefinition(doc, diags)
		}
		return nil
	}
	sm := asl.Build(doc)
	if fl.mock != "" {
		mdoc, err := asl.LoadFile(fl.mock, a.stdin)
		if err != nil {
			if rerr := refuseInvalid(); rerr != nil {
				return rerr
			}
			return usageError("reading the mock file: %v", err)
		}
		mc, diags := simulate.LoadMocks(mdoc)
		if len(diags) > 0 {
			if rerr := refuseInvalid(); rerr != nil {
				return rerr
			}
			for _, d := range diags {
				fmt.Fprintln(a.stderr, d.String())
			}
			return usageError("%s is not a valid mock file", mdoc.File)
		}
		opts.Mocks = mc
		// With several machines in the mock file, one named like the
		// definition file is the natural pick.
		if _, ok := mc.StateMachines[machineName(defPath)]; ok && opts.StateMachine == "" && len(mc.StateMachines) > 1 {
			opts.StateMachine = machineName(defPath)
		}
	}
	if opts.Mocks != nil {
		tc, err := opts.Mocks.Select(opts.StateMachine, opts.TestCase)
		if err != nil {
			if rerr := refuseInvalid(); rerr != nil {
				return rerr
			}
			return usageError("%v", err)
		}
		warnUnusedMocks(a.stderr, sm, tc)
	}
	if opts.StateMachineName == "" {
		opts.StateMachineName = machineName(defPath)
	}
	res, err := simulate.Run(sm, opts)
	if rerr := refuseInvalid(); rerr != nil {
		return rerr
	}
	if err != nil {
		return usageError("%v", err)
	}
	if fl.format == "json" {
		err = writeRunJSON(a.stdout, res, fl.history)
	} else {
		err = a.writeRunText(a.stdout, sm, res, fl.history)
	}
	if err != nil {
		return err
	}
	if res.Status != simulate.StatusSucceeded {
		return exitWith(ExitProblems)
	}
	return nil
}

// checkDefinition runs validate: run refuses what AWS would not accept.
func checkDefinition(doc *asl.Document, typ string) []asl.Diagnostic {
	return validate.Document(doc, validate.Options{Type: typ})
}

// refuseDefinition prints the definition's errors and exits 1.
func (a *app) refuseDefinition(doc *asl.Document, diags []asl.Diagnostic) error {
	var errs []asl.Diagnostic
	for _, d := range diags {
		if d.Severity == asl.SeverityError {
			errs = append(errs, d)
		}
	}
	f := &findings{Files: 1, Diagnostics: asl.SortDiagnostics(errs), Sources: map[string][]byte{doc.File: doc.Source}}
	if err := a.renderFindings(a.stderr, "text", f, false); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "sfnctl: %s is not a valid state machine: fix the errors above before running it\n", doc.File)
	return exitWith(ExitProblems)
}

func hasErrors(ds []asl.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == asl.SeverityError {
			return true
		}
	}
	return false
}

// warnUnusedMocks points out mocks for states that no Task (or Map with
// an ItemReader) of the definition has: usually a typo in a state name.
func warnUnusedMocks(w io.Writer, sm *asl.StateMachine, tc simulate.TestCase) {
	mockable := map[string]bool{}
	sm.Walk(func(st *asl.State) {
		if _, reads := st.Raw["ItemReader"]; st.Type == "Task" || reads {
			mockable[st.Name] = true
		}
	})
	var names []string
	for name := range tc {
		if !mockable[name] {
			names = append(names, name)
		}
	}
	for _, name := range sortStrings(names) {
		fmt.Fprintf(w, "sfnctl: warning: the test case mocks %q, which is not a Task state of the definition (a typo?)\n", name)
	}
}

func sortStrings(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

// readInput reads --input: JSON text, @FILE or - (standard input).
func (a *app) readInput(spec string) (any, error) {
	if spec == "" {
		return map[string]any{}, nil
	}
	var data []byte
	from := "--input"
	switch {
	case spec == "-":
		b, err := io.ReadAll(io.LimitReader(a.stdin, 64<<20))
		if err != nil {
			return nil, usageError("reading the input from standard input: %v", err)
		}
		data, from = b, "the input on standard input"
	case strings.HasPrefix(spec, "@"):
		b, err := os.ReadFile(spec[1:])
		if err != nil {
			return nil, usageError("reading the input: %v", err)
		}
		data, from = b, spec[1:]
	default:
		data = []byte(spec)
	}
	v, err := expr.ParseJSON(bytes.TrimPrefix(data, []byte("\ufeff")))
	if err != nil {
		return nil, usageError("%s is not valid JSON: %v", from, err)
	}
	return v, nil
}

// machineName derives the state machine's name from the file name.
func machineName(path string) string {
	base := path
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	for _, ext := range []string{".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"} {
		if strings.HasSuffix(strings.ToLower(base), ext) {
			base = base[:len(base)-len(ext)]
			break
		}
	}
	if base == "" || base == "-" {
		return "StateMachine"
	}
	return base
}

// runJSON is the `run --format json` contract (DESIGN.md).
type runJSON struct {
	Status      string  `json:"status"`
	Output      any     `json:"output"`
	Error       *string `json:"error"`
	Cause       *string `json:"cause"`
	Transitions int     `json:"transitions"`
	// BilledTransitions adds the retry attempts, which AWS bills as
	// transitions though they enter no state.
	BilledTransitions int              `json:"billed_transitions"`
	DurationMs        int64            `json:"duration_ms"`
	History           []simulate.Event `json:"history,omitempty"`
}

func writeRunJSON(w io.Writer, res *simulate.Result, history bool) error {
	out := runJSON{Status: res.Status, Output: res.Output, Error: res.Error, Cause: res.Cause,
		Transitions: res.Transitions, BilledTransitions: res.Transitions + res.Retries, DurationMs: res.DurationMs}
	if history {
		out.History = res.History
		if out.History == nil {
			out.History = []simulate.Event{}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeRunText prints the trace state by state, then the result.
func (a *app) writeRunText(w io.Writer, sm *asl.StateMachine, res *simulate.Result, history bool) error {
	dim := a.painter(w, color.Faint)
	bold := a.painter(w, color.Bold)
	red := a.painter(w, color.FgRed)
	green := a.painter(w, color.FgGreen)
	yellow := a.painter(w, color.FgYellow)
	var b strings.Builder
	var start time.Time
	if len(res.History) > 0 {
		start = res.History[0].Timestamp
	}
	failedTasks := map[string]bool{}
	pending := map[int]bool{} // by depth: the last attempt there failed, so the next exit is a catch
	current := ""
	enteredAt := map[int]time.Time{} // by depth
	failedAt := map[int]time.Time{}  // by depth: when the last attempt failed
	for _, ev := range res.History {
		at := dim(fmt.Sprintf("%9s", clock(ev.Timestamp.Sub(start)))) + strings.Repeat("  ", ev.Depth)
		switch ev.Type {
		case "MapStateFailed", "ParallelStateFailed", "EvaluationFailed":
			pending[ev.Depth] = true
		}
		if strings.HasSuffix(ev.Type, "StateAborted") {
			fmt.Fprintf(&b, "%s  %s\n", at, yellow("    ✂ "+current+" aborted: a sibling branch or iteration failed"))
			continue
		}
		switch d := ev.Details.(type) {
		case *simulate.StateEnteredDetails:
			current = d.Name
			enteredAt[ev.Depth] = ev.Timestamp
			fmt.Fprintf(&b, "%s  %s %s %s\n", at, bold("▶ "+d.Name), dim("("+strings.TrimSuffix(ev.Type, "StateEntered")+")"), dim("input "+clipJSON(d.Input.V)))
		case *simulate.StateExitedDetails:
			if ev.Type == "WaitStateExited" {
				if waited := ev.Timestamp.Sub(enteredAt[ev.Depth]); waited > 0 {
					fmt.Fprintf(&b, "%s  %s\n", at, dim("    ⏱ waited "+strings.TrimPrefix(clock(waited), "+")))
				}
			}
			name := d.Name
			if pending[ev.Depth] {
				name += " " + yellow("(caught)")
				pending[ev.Depth] = false
			}
			line := fmt.Sprintf("%s  %s %s", at, "  ◀ "+name, dim("output "+clipJSON(d.Output.V)))
			if len(d.AssignedVariables) > 0 {
				line += dim(" assigned " + strings.Join(sortedKeys(d.AssignedVariables), ", "))
			}
			b.WriteString(line + "\n")
		case *simulate.TaskScheduledDetails, *simulate.LambdaScheduledDetails, *simulate.ActivityScheduledDetails:
			if failedTasks[current] {
				after := ev.Timestamp.Sub(failedAt[ev.Depth])
				fmt.Fprintf(&b, "%s  %s\n", at, yellow("    ↻ retry after "+strings.TrimPrefix(clock(after), "+")))
			}
			var params any
			switch p := d.(type) {
			case *simulate.TaskScheduledDetails:
				params = p.Parameters.V
			case *simulate.LambdaScheduledDetails:
				params = p.Input.V
			case *simulate.ActivityScheduledDetails:
				params = p.Input.V
			}
			fmt.Fprintf(&b, "%s  %s %s\n", at, "    ⇢ task", dim("parameters "+clipJSON(params)))
		case *simulate.OutputDetails:
			pending[ev.Depth] = false
			fmt.Fprintf(&b, "%s  %s %s\n", at, "    ⇠ "+strings.TrimSuffix(ev.Type, "Succeeded")+" result", dim(clipJSON(d.Output.V)))
		case *simulate.TaskSucceededDetails:
			if ev.Type == "TaskSucceeded" {
				pending[ev.Depth] = false
				fmt.Fprintf(&b, "%s  %s %s\n", at, "    ⇠ result", dim(clipJSON(d.Output.V)))
			}
		case *simulate.TaskFailedDetails:
			failedTasks[current], pending[ev.Depth] = true, true
			failedAt[ev.Depth] = ev.Timestamp
			fmt.Fprintf(&b, "%s  %s\n", at, red("    ✗ "+errText(d.Error, d.Cause)))
		case *simulate.ErrorDetails:
			if strings.HasPrefix(ev.Type, "Execution") {
				continue
			}
			if strings.HasSuffix(ev.Type, "Failed") || strings.HasSuffix(ev.Type, "TimedOut") {
				failedTasks[current], pending[ev.Depth] = true, true
				failedAt[ev.Depth] = ev.Timestamp
			}
			fmt.Fprintf(&b, "%s  %s\n", at, red("    ✗ "+ev.Type+": "+errText(d.Error, d.Cause)))
		case *simulate.MapIterationDetails:
			switch ev.Type {
			case "MapIterationStarted":
				fmt.Fprintf(&b, "%s  %s\n", at, dim(fmt.Sprintf("  ┄ %s iteration %d", d.Name, d.Index)))
			case "MapIterationFailed":
				fmt.Fprintf(&b, "%s  %s\n", at, red(fmt.Sprintf("  ✗ %s iteration %d failed", d.Name, d.Index)))
			case "MapIterationAborted":
				fmt.Fprintf(&b, "%s  %s\n", at, yellow(fmt.Sprintf("  ✂ %s iteration %d aborted", d.Name, d.Index)))
			}
		case *simulate.MapStateStartedDetails:
			fmt.Fprintf(&b, "%s  %s\n", at, dim(fmt.Sprintf("    map over %d item(s)", d.Length)))
		case *simulate.EvaluationFailedDetails:
			fmt.Fprintf(&b, "%s  %s\n", at, red("    ✗ "+d.Error+": "+d.Cause))
		}
	}
	b.WriteString("\n")
	status := res.Status
	if status == simulate.StatusSucceeded {
		status = green(status)
	} else {
		status = red(status)
	}
	fmt.Fprintf(&b, "%s  %d transition(s), %s on the virtual clock\n", bold(status), res.Transitions, clock(time.Duration(res.DurationMs)*time.Millisecond))
	if res.Status == simulate.StatusSucceeded {
		out, _ := json.MarshalIndent(res.Output, "", "  ")
		b.WriteString("output: " + string(unescapeHTML(out)) + "\n")
	} else {
		b.WriteString("error:  " + strOrNull(res.Error) + "\n")
		b.WriteString("cause:  " + strOrNull(res.Cause) + "\n")
	}
	if history {
		b.WriteString("\nhistory:\n")
		for _, ev := range res.History {
			line, _ := json.Marshal(ev)
			b.WriteString(string(line) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func clock(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("+%ds", int64(d/time.Second))
	}
	return fmt.Sprintf("+%.3fs", d.Seconds())
}

func clipJSON(v any) string {
	s := simulate.Compact(v)
	if len(s) > 100 {
		s = s[:97] + "…"
	}
	return s
}

func errText(e, c *string) string {
	s := strOrNull(e)
	if c != nil && *c != "" {
		s += ": " + *c
	}
	return s
}

func strOrNull(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

func unescapeHTML(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte(`\u003c`), []byte("<"))
	b = bytes.ReplaceAll(b, []byte(`\u003e`), []byte(">"))
	return bytes.ReplaceAll(b, []byte(`\u0026`), []byte("&"))
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}
