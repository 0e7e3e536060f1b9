package simulate

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/expr"
)

func mustJSON(t testing.TB, s string) any {
	t.Helper()
	v, err := expr.ParseJSON([]byte(s))
	if err != nil {
		t.Fatalf("bad JSON in test: %v\n%s", err, s)
	}
	return v
}

func mocksFrom(t testing.TB, s string) *MockConfig {
	t.Helper()
	mc, diags := LoadMocks(asl.Load("mocks.json", []byte(s)))
	if len(diags) > 0 {
		t.Fatalf("mock file: %v", diags)
	}
	return mc
}

func run(t testing.TB, def, input, mocks string) *Result {
	t.Helper()
	opts := Options{Input: mustJSON(t, input)}
	if mocks != "" {
		opts.Mocks = mocksFrom(t, mocks)
	}
	res, err := Run(asl.BuildValue(mustJSON(t, def)), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// taskMocks builds a one-state mock file: state T answers with answers.
func taskMocks(answers string) string {
	return `{"StateMachines": {"M": {"TestCases": {"C": {"T": "R"}}}}, "MockedResponses": {"R": ` + answers + `}}`
}

func TestEngine(t *testing.T) {
	const lambdaInvoke = `"Resource": "arn:aws:states:::lambda:invoke"`
	tests := []struct {
		name, def, input, mocks string
		status, output          string // output as JSON when SUCCEEDED
		err, cause              string // when not SUCCEEDED ("<nil>" for null)
		transitions             int
		durationMs              int64
	}{
		{name: "pass result falsy values kept",
			def:    `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"z": 0, "f": false, "n": null}, "ResultPath": "$.r", "End": true}}}`,
			input:  `{"x": 1}`,
			status: "SUCCEEDED", output: `{"x": 1, "r": {"z": 0, "f": false, "n": null}}`, transitions: 1},
		{name: "pass result null path keeps input",
			def:    `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 5, "ResultPath": null, "End": true}}}`,
			input:  `{"x": 1}`,
			status: "SUCCEEDED", output: `{"x": 1}`, transitions: 1},
		{name: "retry with backoff then success",
			def: `{"StartAt": "T", "States": {"T": {"Type": "Task", ` + lambdaInvoke + `,
				"Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 3}], "End": true}}}`,
			input: `{}`,
			mocks: taskMocks(`{"0-1": {"Throw": {"Error": "Boom", "Cause": "c"}}, "2": {"Return": {"Payload": 1, "StatusCode": 200}}}`),
			// 2 s, then 2×3 = 6 s.
			status: "SUCCEEDED", output: `{"Payload": 1, "StatusCode": 200}`, transitions: 1, durationMs: 8000},
		{name: "max delay caps backoff",
			def: `{"StartAt": "T", "States": {"T": {"Type": "Task", ` + lambdaInvoke + `,
				"Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 10, "BackoffRate": 10, "MaxDelaySeconds": 15, "MaxAttempts": 2}], "End": true}}}`,
			input: `{}`,
			mocks: taskMocks(`{"0-2": {"Throw": {"Error": "Boom", "Cause": "c"}}}`),
			// 10 s then min(100, 15) s, then the retrier is used up.
			status: "FAILED", err: "Boom", cause: "c", transitions: 1, durationMs: 25000},
		{name: "first matching retrier only, even when used up",
			def: `{"StartAt": "T", "States": {"T": {"Type": "Task", ` + lambdaInvoke + `,
				"Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 0}, {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}],
				"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}], "End": true},
				"C": {"Type": "Pass", "End": true}}}`,
			input:  `{"in": 1}`,
			mocks:  taskMocks(`{"0": {"Throw": {"Error": "Boom", "Cause": "why"}}}`),
			status: "SUCCEEDED", output: `{"Error": "Boom", "Cause": "why"}`, transitions: 2},
		{name: "catch result path",
			def: `{"StartAt": "T", "States": {"T": {"Type": "Task", ` + lambdaInvoke + `,
				"Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.err", "Next": "C"}], "End": true},
				"C": {"Type": "Pass", "End": true}}}`,
			input:  `{"in": 1}`,
			mocks:  taskMocks(`{"0": {"Throw": {"Error": "Boom", "Cause": "why"}}}`),
			status: "SUCCEEDED", output: `{"in": 1, "err": {"Error": "Boom", "Cause": "why"}}`, transitions: 2},
		{name: "TaskFailed does not match States.Timeout",
			def: `{"StartAt": "T", "States": {"T": {"Type": "Task", ` + lambdaInvoke + `,
				"Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "C"}], "End": true},
				"C": {"Type": "Pass", "End": true}}}`,
			input:  `{}`,
			mocks:  taskMocks(`{"0": {"Throw": {"Error": "States.Timeout", "Cause": ""}}}`),
			status: "FAILED", err: "States.Timeout", cause: "<nil>", transitions: 1},
		{name: "States.ALL does not catch States.Runtime",
			def: `{"StartAt": "T", "States": {"T": {"Type": "Task", ` + lambdaInvoke + `, "InputPath": "$.missing",
				"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}], "End": true},
				"C": {"Type": "Pass", "End": true}}}`,
			input:  `{}`,
			mocks:  taskMocks(`{"0": {"Return": 1}}`),
			status: "FAILED", err: "States.Runtime", transitions: 1},
		{name: "bare lambda ARN gives Payload only",
			def:    `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}`,
			input:  `{}`,
			mocks:  taskMocks(`{"0": {"Return": {"StatusCode": 200, "Payload": {"ok": true}}}}`),
			status: "SUCCEEDED", output: `{"ok": true}`, transitions: 1},
		{name: "past the last mocked response",
			def: `{"StartAt": "T", "States": {"T": {"Type": "Task", ` + lambdaInvoke + `,
				"Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 3}], "End": true}}}`,
			input:  `{}`,
			mocks:  taskMocks(`{"0": {"Throw": {"Error": "Boom", "Cause": ""}}}`),
			status: "FAILED", err: "sfnctl.NoMock", transitions: 1, durationMs: 1000},
		{name: "fail state without error or cause",
			def:    `{"StartAt": "F", "States": {"F": {"Type": "Fail"}}}`,
			input:  `{}`,
			status: "FAILED", err: "<nil>", cause: "<nil>", transitions: 1},
		{name: "execution timeout",
			def:    `{"TimeoutSeconds": 5, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "Next": "P"}, "P": {"Type": "Pass", "End": true}}}`,
			input:  `{}`,
			status: "TIMED_OUT", err: "<nil>", cause: "<nil>", transitions: 1, durationMs: 5000},
		{name: "wait timestamp in the past does not move the clock",
			def:    `{"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "2000-01-01T00:00:00Z", "End": true}}}`,
			input:  `{"a": 1}`,
			status: "SUCCEEDED", output: `{"a": 1}`, transitions: 1},
		{name: "wait seconds path negative",
			def:    `{"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}`,
			input:  `{"s": -1}`,
			status: "FAILED", err: "States.Runtime", transitions: 1,
			cause: "An error occurred while executing the state 'W' (entered at the event id #2). The SecondsPath parameter references a negative value: $.s == -1"},
		{name: "parallel outputs in branch order, lasts as long as the slowest",
			def: `{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
				{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 30, "Next": "A2"}, "A2": {"Type": "Pass", "Result": "a", "End": true}}},
				{"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 10, "Next": "B2"}, "B2": {"Type": "Pass", "Result": "b", "End": true}}}]}}}`,
			input:  `{}`,
			status: "SUCCEEDED", output: `["a", "b"]`, transitions: 5, durationMs: 30000},
		{name: "map with max concurrency on the virtual clock",
			def: `{"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 2, "End": true,
				"ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}}}}}`,
			input: `[1, 2, 3]`,
			// Two lanes: items 1 and 2 at t=0, item 3 at t=10.
			status: "SUCCEEDED", output: `[1, 2, 3]`, transitions: 4, durationMs: 20000},
		{name: "map iteration failure fails the map",
			def: `{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
				"ItemProcessor": {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "C"}}}}}}`,
			input:  `[1]`,
			status: "FAILED", err: "E", cause: "C", transitions: 2},
		{name: "tolerated failures",
			def: `{"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailureCount": 1, "End": true,
				"ItemProcessor": {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "C"}}}}}}`,
			input:  `[1, 2]`,
			status: "FAILED", err: "States.ExceedToleratedFailureThreshold", cause: "The specified tolerated failure threshold was exceeded", transitions: 3},
		{name: "variables: inner scopes read outer ones, writes stay inside",
			def: `{"StartAt": "A", "States": {
				"A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "M"},
				"M": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.r", "Next": "B",
					"ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "Assign": {"x": 2, "y": 3}, "Parameters": {"seen.$": "$x"}, "End": true}}}},
				"B": {"Type": "Pass", "Parameters": {"x.$": "$x", "r.$": "$.r"}, "End": true}}}`,
			input:  `{"items": [0]}`,
			status: "SUCCEEDED", output: `{"x": 1, "r": [{"seen": 1}]}`, transitions: 4},
		{name: "assign sees the old variables",
			def: `{"StartAt": "A", "States": {
				"A": {"Type": "Pass", "Assign": {"a": 1, "b": 2}, "Next": "B"},
				"B": {"Type": "Pass", "Assign": {"a.$": "$b", "b.$": "$a"}, "Next": "C"},
				"C": {"Type": "Pass", "Parameters": {"a.$": "$a", "b.$": "$b"}, "End": true}}}`,
			input:  `{}`,
			status: "SUCCEEDED", output: `{"a": 2, "b": 1}`, transitions: 3},
		{name: "choice without match or default",
			def: `{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
				{"Variable": "$.v", "NumericEquals": 1, "Next": "P"}]}, "P": {"Type": "Pass", "End": true}}}`,
			input:  `{"v": 2}`,
			status: "FAILED", err: "States.NoChoiceMatched", transitions: 1},
		{name: "payload over 256 KiB",
			def:    `{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`,
			input:  `{"big": "` + strings.Repeat("x", 300000) + `"}`,
			status: "FAILED", err: "States.DataLimitExceeded", transitions: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, tt.def, tt.input, tt.mocks)
			if res.Status != tt.status {
				t.Fatalf("status %s, want %s (error %s, cause %s)", res.Status, tt.status, str(res.Error), str(res.Cause))
			}
			if tt.status == StatusSucceeded {
				if want := mustJSON(t, tt.output); !expr.DeepEqual(want, res.Output) {
					t.Errorf("output %s, want %s", Compact(res.Output), tt.output)
				}
			} else {
				if tt.err != "" && str(res.Error) != tt.err {
					t.Errorf("error %s, want %s", str(res.Error), tt.err)
				}
				if tt.cause != "" && str(res.Cause) != tt.cause {
					t.Errorf("cause %s, want %s", str(res.Cause), tt.cause)
				}
			}
			if res.Transitions != tt.transitions {
				t.Errorf("transitions %d, want %d", res.Transitions, tt.transitions)
			}
			if res.DurationMs != tt.durationMs {
				t.Errorf("duration %d ms, want %d", res.DurationMs, tt.durationMs)
			}
		})
	}
}

func TestInfiniteLoopStopsAtHistoryLimit(t *testing.T) {
	res := run(t, `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}`, `{}`, "")
	if res.Status != StatusFailed || !strings.Contains(str(res.Cause), "25000") {
		t.Fatalf("got %s %s: %s", res.Status, str(res.Error), str(res.Cause))
	}
	if n := len(res.History); n > MaxHistoryEvents+1 {
		t.Errorf("%d events, more than the limit", n)
	}
}

func TestJitterIsSeeded(t *testing.T) {
	def := `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
		"Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 100, "MaxAttempts": 1, "JitterStrategy": "FULL"}], "End": true}}}`
	mocks := taskMocks(`{"0": {"Throw": {"Error": "E", "Cause": ""}}, "1": {"Return": {}}}`)
	durations := map[uint64]int64{}
	for _, seed := range []uint64{1, 1, 2} {
		res, err := Run(asl.BuildValue(mustJSON(t, def)), Options{Input: map[string]any{}, Mocks: mocksFrom(t, mocks), Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if res.DurationMs < 0 || res.DurationMs > 100000 {
			t.Fatalf("jittered delay %d ms outside [0, 100 s]", res.DurationMs)
		}
		if d, seen := durations[seed]; seen && d != res.DurationMs {
			t.Errorf("seed %d gave %d then %d ms", seed, d, res.DurationMs)
		}
		durations[seed] = res.DurationMs
	}
	if durations[1] == durations[2] {
		t.Errorf("seeds 1 and 2 gave the same jitter %d ms", durations[1])
	}
}

func TestHistoryShape(t *testing.T) {
	res := run(t, `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "W"},
		"W": {"Type": "Wait", "Seconds": 5, "End": true}}}`, `{}`, taskMocks(`{"0": {"Return": {"Payload": 1}}}`))
	var types []string
	for i, ev := range res.History {
		types = append(types, ev.Type)
		if ev.ID != int64(i+1) {
			t.Errorf("event %d has id %d", i, ev.ID)
		}
	}
	want := "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited WaitStateEntered WaitStateExited ExecutionSucceeded"
	if got := strings.Join(types, " "); got != want {
		t.Errorf("events\n got %s\nwant %s", got, want)
	}
	if last := res.History[len(res.History)-1]; !last.Timestamp.Equal(DefaultStartTime.Add(5 * time.Second)) {
		t.Errorf("last event at %v, want 5 s after the start", last.Timestamp)
	}
	// AWS chains the first state to 0, and each later event to the one before.
	if res.History[1].PreviousEventID != 0 || res.History[2].PreviousEventID != 2 {
		t.Errorf("previousEventId chain: %d, %d", res.History[1].PreviousEventID, res.History[2].PreviousEventID)
	}
}

func TestStringMatches(t *testing.T) {
	tests := []struct {
		s, pattern string
		want       bool
	}{
		{"log.txt", "*.txt", true},
		{"log.txt", "*.log", false},
		{"abc", "a*c", true},
		{"ac", "a*c", true},
		{"a*c", `a\*c`, true},
		{"abc", `a\*c`, false},
		{`a\c`, `a\\c`, true},
		{"aXbYc", "a*b*c", true},
		{"abcb", "*b", true},
		{"", "*", true},
		{"x", "", false},
	}
	for _, tt := range tests {
		if got := stringMatches(tt.s, tt.pattern); got != tt.want {
			t.Errorf("stringMatches(%q, %q) = %v", tt.s, tt.pattern, got)
		}
	}
}

func TestErrorMatches(t *testing.T) {
	tests := []struct {
		equals []string
		name   string
		want   bool
	}{
		{[]string{"States.ALL"}, "Custom", true},
		{[]string{"States.ALL"}, "States.Runtime", false},
		{[]string{"States.ALL"}, "States.DataLimitExceeded", true},
		{[]string{"States.DataLimitExceeded"}, "States.DataLimitExceeded", true},
		{[]string{"States.TaskFailed"}, "States.Timeout", false},
		{[]string{"States.TaskFailed"}, "Lambda.Unknown", true},
		{[]string{"States.Timeout"}, "States.Timeout", true},
		{[]string{"A", "B"}, "B", true},
		{[]string{"State.ALL"}, "X", false},
	}
	for _, tt := range tests {
		if got := errorMatches(tt.equals, tt.name); got != tt.want {
			t.Errorf("errorMatches(%v, %q) = %v", tt.equals, tt.name, got)
		}
	}
}

// Random values drawn from several template keys must come out the same on
// every run, although Go visits map keys in random order.
func TestRandomValuesAreDeterministic(t *testing.T) {
	def := `{"StartAt": "A", "States": {
		"A": {"Type": "Pass", "Parameters": {"a.$": "States.UUID()", "b.$": "States.UUID()", "c.$": "States.MathRandom(0, 1000)"}, "Next": "B"},
		"B": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"prev": "{% $states.input %}", "x": "{% $random() %}", "y": "{% $uuid() %}"}, "End": true}}}`
	first := ""
	for i := 0; i < 8; i++ {
		res := run(t, def, `{}`, "")
		got := Compact(res.Output)
		if first == "" {
			first = got
		} else if got != first {
			t.Fatalf("run %d differs:\n%s\n%s", i, got, first)
		}
	}
}

func TestMockDurationAndTaskTimeouts(t *testing.T) {
	tests := []struct {
		name, fields string
		status       string
		durationMs   int64
	}{
		{"finishes in time", `"TimeoutSeconds": 60`, StatusSucceeded, 30000},
		{"times out", `"TimeoutSeconds": 10`, StatusFailed, 10000},
		{"misses its heartbeat", `"HeartbeatSeconds": 5`, StatusFailed, 5000},
		{"no limits", `"Comment": "none"`, StatusSucceeded, 30000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", ` + tt.fields + `, "End": true}}}`
			res := run(t, def, `{}`, taskMocks(`{"0": {"Return": {"ok": true}, "Duration": 30}}`))
			if res.Status != tt.status || res.DurationMs != tt.durationMs {
				t.Fatalf("got %s after %d ms (%s), want %s after %d ms", res.Status, res.DurationMs, str(res.Error), tt.status, tt.durationMs)
			}
			if res.Status == StatusFailed && (str(res.Error) != "States.Timeout" || res.Cause != nil) {
				t.Errorf("error %s cause %s, want States.Timeout and no cause", str(res.Error), str(res.Cause))
			}
		})
	}
}

func TestParallelFailsWithTheEarliestBranchFailure(t *testing.T) {
	def := `{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
		{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 50, "Next": "F"}, "F": {"Type": "Fail", "Error": "Slow"}}},
		{"StartAt": "V", "States": {"V": {"Type": "Wait", "Seconds": 10, "Next": "G"}, "G": {"Type": "Fail", "Error": "Fast"}}}]}}}`
	res := run(t, def, `{}`, "")
	if str(res.Error) != "Fast" || res.DurationMs != 10000 {
		t.Fatalf("error %s after %d ms, want Fast after 10000", str(res.Error), res.DurationMs)
	}
}

func TestDistributedMapChildIsItsOwnExecution(t *testing.T) {
	def := `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"outer": 1}, "Next": "M"},
		"M": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
			"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"in.$": "$$.Execution.Input"}, "End": true}}}}}}`
	res := run(t, def, `[7]`, "")
	if want := mustJSON(t, `[{"in": 7}]`); !expr.DeepEqual(want, res.Output) {
		t.Errorf("output %s, want the child's own input", Compact(res.Output))
	}
	// Child states are not in the parent's history and not its transitions.
	if res.Transitions != 2 || res.ChildTransitions != 1 {
		t.Errorf("transitions %d/%d, want 2 in the parent and 1 in the child", res.Transitions, res.ChildTransitions)
	}
}

// Developer guide, "Parallel workflow state": if any branch fails, the
// entire Parallel state fails and its unfinished branches are stopped
// (the history shows them aborted). A sibling cut short enters no state
// after the failure, so those states are neither entered nor billed.
func TestParallelFailureStopsSiblings(t *testing.T) {
	tests := []struct {
		name, branches string
		transitions    int
		err            string
	}{
		{"later sibling waiting", `
			{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Boom"}}},
			{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "Next": "X"}, "X": {"Type": "Pass", "End": true}}}`, 3, "Boom"},
		{"earlier sibling waiting", `
			{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "Next": "X"}, "X": {"Type": "Pass", "End": true}}},
			{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Boom"}}}`, 3, "Boom"},
		{"nested parallel cut too", `
			{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Next": "F"}, "F": {"Type": "Fail", "Error": "Boom"}}},
			{"StartAt": "Q", "States": {"Q": {"Type": "Parallel", "End": true, "Branches": [
				{"StartAt": "V", "States": {"V": {"Type": "Wait", "Seconds": 3, "Next": "Y"}, "Y": {"Type": "Pass", "End": true}}}]}}}`, 5, "Boom"},
		{"sibling done before the failure", `
			{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 2, "Next": "F"}, "F": {"Type": "Fail", "Error": "Late"}}},
			{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}`, 5, "Late"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := `{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [` + tt.branches + `]}}}`
			res := run(t, def, `{}`, "")
			if res.Status != StatusFailed || str(res.Error) != tt.err || res.Transitions != tt.transitions {
				t.Errorf("%s %s with %d transitions, want FAILED %s with %d", res.Status, str(res.Error), res.Transitions, tt.err, tt.transitions)
			}
		})
	}
}

// Developer guide, "Map state": an Inline Map fails when an iteration
// fails, and the iterations still running are aborted. Iterations run
// side by side (up to MaxConcurrency), so every one started before the
// failure counts its states entered until then: the recorded execution
// timeouts/test_service_lambda_map_timeout enters the Task of all four
// iterations (5 transitions) although each one fails.
func TestMapFailureAbortsOtherIterations(t *testing.T) {
	proc := func(states string) string {
		return `{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, %s "ItemProcessor": {"StartAt": "C", "States": {
			"C": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "IsPresent": true, "Next": "F"}], "Default": "W"},
			"F": {"Type": "Fail", "Error": "Item"},` + states + `}}}}}`
	}
	waitThenPass := `"W": {"Type": "Wait", "Seconds": 5, "Next": "P"}, "P": {"Type": "Pass", "End": true}`
	waitThenTask := `"W": {"Type": "Wait", "Seconds": 5, "Next": "T"}, "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}`
	tests := []struct {
		name, def, input string
		transitions      int
	}{
		// M, then C+F, C+W, C+W: the Pass after each Wait is never entered.
		{"unlimited", fmt.Sprintf(proc(waitThenPass), ""), `[{"fail": 1}, {}, {}]`, 7},
		{"unlimited, failing item last", fmt.Sprintf(proc(waitThenPass), ""), `[{}, {}, {"fail": 1}]`, 7},
		// One lane: the items after the failing one never start.
		{"one at a time", fmt.Sprintf(proc(waitThenPass), `"MaxConcurrency": 1,`), `[{"fail": 1}, {}, {}]`, 3},
		// The Task (with no mock) after the Wait is never reached.
		{"aborted before a missing mock", fmt.Sprintf(proc(waitThenTask), ""), `[{}, {"fail": 1}]`, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, tt.def, tt.input, "")
			if res.Status != StatusFailed || str(res.Error) != "Item" || res.Transitions != tt.transitions || res.DurationMs != 0 {
				t.Errorf("%s %s with %d transitions after %d ms, want FAILED Item with %d after 0 ms",
					res.Status, str(res.Error), res.Transitions, res.DurationMs, tt.transitions)
			}
		})
	}
}

// A branch that would reach a Task with no mock after a Wait is aborted by
// a sibling's earlier failure first: the execution fails with that error.
func TestParallelSiblingAbortedBeforeMissingMock(t *testing.T) {
	def := `{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
		{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "Next": "T"}, "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
		{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Early"}}}]}}}`
	res := run(t, def, `{}`, "")
	if str(res.Error) != "Early" || res.Transitions != 3 || res.DurationMs != 0 {
		t.Fatalf("error %s, %d transitions, %d ms; want Early, 3, 0", str(res.Error), res.Transitions, res.DurationMs)
	}
	// Without the early failure the missing mock ends the run.
	def = strings.Replace(def, `"Type": "Fail", "Error": "Early"`, `"Type": "Pass", "End": true`, 1)
	if res := run(t, def, `{}`, ""); str(res.Error) != "sfnctl.NoMock" {
		t.Fatalf("error %s, want sfnctl.NoMock", str(res.Error))
	}
}

// Service quotas page: the execution input is limited to 256 KiB of UTF-8
// text; one byte over fails with States.DataLimitExceeded before any
// state runs, and the cause says what to do.
func TestExecutionInputLimit(t *testing.T) {
	def := `{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}`
	fits := `{"a":"` + strings.Repeat("x", MaxPayloadBytes-8) + `"}` // exactly 256 KiB
	if res := run(t, def, fits, ""); res.Status != StatusSucceeded {
		t.Fatalf("a 256 KiB input: %s %s", res.Status, str(res.Cause))
	}
	res := run(t, def, `{"a":"`+strings.Repeat("x", MaxPayloadBytes-7)+`"}`, "")
	if str(res.Error) != "States.DataLimitExceeded" || res.Transitions != 0 || !strings.Contains(str(res.Cause), "smaller input") {
		t.Fatalf("one byte over: %s %s after %d transitions", str(res.Error), str(res.Cause), res.Transitions)
	}
}

// ASL specification, "Batching Items": the interpreter limits each batch to
// MaxItemsPerBatch items and to MaxInputBytesPerBatch bytes. ["aaaa","bbbb"]
// is 15 bytes of JSON, so with a 15-byte limit the third item starts a new
// batch; with MaxItemsPerBatch 1 as well, every item is alone.
func TestItemBatcherByteLimit(t *testing.T) {
	def := func(batcher string) string {
		return `{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemBatcher": ` + batcher + `,
			"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
			"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}`
	}
	tests := []struct{ batcher, input, want string }{
		{`{"MaxInputBytesPerBatch": 15}`, `["aaaa", "bbbb", "cccc"]`, `[{"Items": ["aaaa", "bbbb"]}, {"Items": ["cccc"]}]`},
		{`{"MaxInputBytesPerBatch": 14}`, `["aaaa", "bbbb", "cccc"]`, `[{"Items": ["aaaa"]}, {"Items": ["bbbb"]}, {"Items": ["cccc"]}]`},
		{`{"MaxInputBytesPerBatchPath": "$[3]", "MaxItemsPerBatch": 2}`, `["a", "b", "c", 1000]`, `[{"Items": ["a", "b"]}, {"Items": ["c", 1000]}]`},
		{`{"MaxInputBytesPerBatch": 15, "MaxItemsPerBatch": 1}`, `["aaaa", "bbbb"]`, `[{"Items": ["aaaa"]}, {"Items": ["bbbb"]}]`},
		{`{"MaxInputBytesPerBatch": 3}`, `["long item"]`, `[{"Items": ["long item"]}]`},
	}
	for _, tt := range tests {
		res := run(t, def(tt.batcher), tt.input, "")
		if res.Status != StatusSucceeded || !expr.DeepEqual(res.Output, mustJSON(t, tt.want)) {
			t.Errorf("%s over %s: %s %s, want %s", tt.batcher, tt.input, res.Status, Compact(res.Output), tt.want)
		}
	}
}

// Developer guide, "Using Map state in Inline mode": an Inline Map runs up
// to 40 iterations at once, whatever MaxConcurrency asks; a Distributed Map
// is not held to that. 100 items waiting 10 s each take three waves.
func TestInlineMapRunsFortyIterationsAtOnce(t *testing.T) {
	items := "[" + strings.TrimSuffix(strings.Repeat("10,", 100), ",") + "]"
	def := func(extra string) string {
		return `{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, ` + extra + ` "ItemProcessor": {` +
			`"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$", "End": true}}}}}}`
	}
	tests := []struct {
		name, extra string
		ms          int64
	}{
		{"no MaxConcurrency", ``, 30000},
		{"MaxConcurrency above 40", `"MaxConcurrency": 100,`, 30000},
		{"MaxConcurrency 50", `"MaxConcurrency": 50,`, 30000},
		{"MaxConcurrency 25", `"MaxConcurrency": 25,`, 40000},
	}
	for _, tt := range tests {
		if res := run(t, def(tt.extra), items, ""); res.Status != StatusSucceeded || res.DurationMs != tt.ms {
			t.Errorf("%s: %s after %d ms, want %d", tt.name, res.Status, res.DurationMs, tt.ms)
		}
	}
	distributed := strings.Replace(def(``), `"ItemProcessor": {`, `"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, `, 1)
	if res := run(t, distributed, items, ""); res.DurationMs != 10000 {
		t.Errorf("distributed: %d ms, want 10000", res.DurationMs)
	}
}
