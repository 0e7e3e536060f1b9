package cmd

import (
	"encoding/json"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/expr"
	"github.com/sfnctl/sfnctl/simulate"
)

func init() { register(newTestStateCommand) }

type testStateFlags struct {
	request, state, input, result, errName, cause, variables, context string
	retries, mapFailures                                              int
}

func newTestStateCommand(a *app) *cobra.Command {
	var fl testStateFlags
	c := &cobra.Command{
		Use:   "test-state [DEFINITION]",
		Short: "Run one state once, as the TestState API does, with a mocked result or error",
		Long: `test-state runs a single state once, like the AWS TestState API: the Task's
service call (or a Map's or Parallel's whole work) is answered by --mock-result or
--mock-error. It prints {"status", "output", "error", "cause", "nextState"} with
status SUCCEEDED, FAILED, RETRIABLE (a retrier would try again) or CAUGHT_ERROR.

--request FILE (or -) takes a TestState request as JSON instead: definition, input,
stateName, mock {result | errorOutput {error, cause}}, variables, context and
stateConfiguration {retrierRetryCount, mapIterationFailureCount, mapItemReaderData}.
Exit 0 unless the status is FAILED (1); 2 for usage errors.`,
		Example: `  sfnctl test-state order.asl.json --state "Charge Card" --input '{"id": 1}' --mock-error Payment.Declined
  sfnctl test-state --request request.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			def := ""
			if len(args) == 1 {
				def = args[0]
			}
			return a.testState(def, fl)
		},
	}
	f := c.Flags()
	f.StringVar(&fl.request, "request", "", "a TestState request as JSON: a file, or - for standard input")
	f.StringVar(&fl.state, "state", "", "the state to test in a whole state machine (default: StartAt)")
	f.StringVar(&fl.input, "input", "", "state input: JSON text, @FILE, or - (default {})")
	f.StringVar(&fl.result, "mock-result", "", "the mocked result of the service call (JSON text or @FILE)")
	f.StringVar(&fl.errName, "mock-error", "", "the mocked error name (instead of a result)")
	f.StringVar(&fl.cause, "mock-cause", "", "the mocked error's cause")
	f.StringVar(&fl.variables, "variables", "", "workflow variables as a JSON object (text or @FILE)")
	f.StringVar(&fl.context, "context", "", "the context object $$ as JSON (text or @FILE)")
	f.IntVar(&fl.retries, "retrier-retry-count", 0, "retries the matching retrier has already made")
	f.IntVar(&fl.mapFailures, "map-iteration-failure-count", 0, "Map iterations that fail")
	return c
}

func (a *app) testState(defPath string, fl testStateFlags) error {
	var req simulate.TestStateRequest
	var err error
	if fl.request != "" {
		if defPath != "" {
			return usageError("give either DEFINITION or --request, not both")
		}
		if req, err = a.readTestStateRequest(fl.request); err != nil {
			return err
		}
	} else {
		if defPath == "" {
			return usageError("give a DEFINITION (a state or a state machine) or --request FILE")
		}
		doc, err := asl.LoadFile(defPath, a.stdin)
		if err != nil {
			return usageError("%v", err)
		}
		if hasErrors(doc.Diagnostics) {
			return a.refuseDefinition(doc, doc.Diagnostics)
		}
		req.Definition, req.StateName = doc.Root, fl.state
		if req.Input, err = a.readInput(fl.input); err != nil {
			return err
		}
		req.RetrierRetryCount, req.MapIterationFailureCount = fl.retries, fl.mapFailures
		if fl.result != "" || fl.errName != "" {
			req.Mock = &simulate.TestStateMock{}
			if fl.errName != "" {
				req.Mock.Error = &fl.errName
				if fl.cause != "" {
					req.Mock.Cause = &fl.cause
				}
			} else if req.Mock.Result, err = a.readJSONFlag("--mock-result", fl.result); err != nil {
				return err
			} else {
				req.Mock.HasResult = true
			}
		}
		if fl.variables != "" {
			v, err := a.readJSONFlag("--variables", fl.variables)
			if err != nil {
				return err
			}
			if req.Variables, _ = v.(map[string]any); req.Variables == nil {
				return usageError("--variables must be a JSON object")
			}
		}
		if fl.context != "" {
			v, err := a.readJSONFlag("--context", fl.context)
			if err != nil {
				return err
			}
			if req.Context, _ = v.(map[string]any); req.Context == nil {
				return usageError("--context must be a JSON object")
			}
		}
	}
	res, err := simulate.TestState(req)
	if err != nil {
		return usageError("%v", err)
	}
	out := testStateJSON{Status: res.Status, Error: res.Error, Cause: res.Cause, NextState: res.NextState}
	if res.Status == simulate.TestSucceeded || res.Status == simulate.TestCaughtError {
		out.Output = json.RawMessage(simulate.Compact(res.Output))
	}
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	if res.Status == simulate.TestFailed {
		return exitWith(ExitProblems)
	}
	return nil
}

// testStateJSON is what test-state prints, in the TestState response's
// field names (output parsed, as run prints it).
type testStateJSON struct {
	Status    string          `json:"status"`
	Output    json.RawMessage `json:"output,omitempty"`
	Error     *string         `json:"error,omitempty"`
	Cause     *string         `json:"cause,omitempty"`
	NextState string          `json:"nextState,omitempty"`
}

// readJSONFlag reads a flag given as JSON text or @FILE.
func (a *app) readJSONFlag(name, spec string) (any, error) {
	data := []byte(spec)
	if len(spec) > 0 && spec[0] == '@' {
		b, err := os.ReadFile(spec[1:])
		if err != nil {
			return nil, usageError("reading %s: %v", name, err)
		}
		data = b
	}
	v, err := expr.ParseJSON(data)
	if err != nil {
		return nil, usageError("%s is not valid JSON: %v", name, err)
	}
	return v, nil
}

// readTestStateRequest reads a TestState API request. Fields the API
// carries as JSON text (definition, input, variables, context,
// mock.result, stateConfiguration.mapItemReaderData) may be text or values.
func (a *app) readTestStateRequest(spec string) (simulate.TestStateRequest, error) {
	var req simulate.TestStateRequest
	var data []byte
	var err error
	if spec == "-" {
		data, err = io.ReadAll(io.LimitReader(a.stdin, 64<<20))
	} else {
		data, err = os.ReadFile(spec)
	}
	if err != nil {
		return req, usageError("reading the request: %v", err)
	}
	v, err := expr.ParseJSON(data)
	if err != nil {
		return req, usageError("the request is not valid JSON: %v", err)
	}
	r, ok := v.(map[string]any)
	if !ok {
		return req, usageError("the request must be a JSON object")
	}
	req.Definition = textOrValue(r["definition"])
	if req.Definition == nil {
		return req, usageError("the request has no definition")
	}
	req.Input = textOrValue(r["input"])
	if _, given := r["input"]; !given {
		req.Input = map[string]any{}
	}
	req.StateName, _ = r["stateName"].(string)
	req.RoleArn, _ = r["roleArn"].(string)
	req.Variables, _ = textOrValue(r["variables"]).(map[string]any)
	req.Context, _ = textOrValue(r["context"]).(map[string]any)
	if m, ok := r["mock"].(map[string]any); ok {
		req.Mock = &simulate.TestStateMock{}
		if res, ok := m["result"]; ok {
			req.Mock.Result, req.Mock.HasResult = textOrValue(res), true
		}
		if eo, ok := m["errorOutput"].(map[string]any); ok {
			if e, ok := eo["error"].(string); ok {
				req.Mock.Error = &e
			}
			if c, ok := eo["cause"].(string); ok {
				req.Mock.Cause = &c
			}
		}
	}
	if cfg, ok := r["stateConfiguration"].(map[string]any); ok {
		if n, ok := asl.Int(cfg["retrierRetryCount"]); ok {
			req.RetrierRetryCount = int(n)
		}
		if n, ok := asl.Int(cfg["mapIterationFailureCount"]); ok {
			req.MapIterationFailureCount = int(n)
		}
		if d, ok := cfg["mapItemReaderData"]; ok {
			req.MapItemReaderData = textOrValue(d)
		}
	}
	return req, nil
}

// textOrValue parses a string that holds JSON text (as the API sends
// these fields); other values, and strings that are not JSON, stay.
func textOrValue(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	if parsed, err := expr.ParseJSON([]byte(s)); err == nil {
		return parsed
	}
	return s
}
