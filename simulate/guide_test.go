package simulate

import (
	"testing"

	"github.com/sfnctl/sfnctl/expr"
)

// Behaviours taken from the AWS Step Functions developer guide's own rules
// and examples (the page is named on each case), run end to end.
func TestDeveloperGuideExamples(t *testing.T) {
	const task = `"Resource": "arn:aws:states:::lambda:invoke"`
	tests := []struct {
		page, def, input, mocks string
		status, output, err     string
		transitions             int
		durationMs              int64
	}{
		{page: `"Filtering state output using OutputPath": OutputPath null discards input and result, the output is {}`,
			def:    `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "OutputPath": null, "End": true}}}`,
			input:  `{"x": 1}`,
			status: StatusSucceeded, output: `{}`, transitions: 1},
		{page: `"InputPath": InputPath null gives the state {} as its input`,
			def:    `{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": null, "Parameters": {"in.$": "$"}, "End": true}}}`,
			input:  `{"x": 1}`,
			status: StatusSucceeded, output: `{"in": {}}`, transitions: 1},
		{page: `"Specifying state output using ResultPath": a path to missing fields creates them`,
			def:    `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "Hello", "ResultPath": "$.a.b", "End": true}}}`,
			input:  `{"x": 1}`,
			status: StatusSucceeded, output: `{"x": 1, "a": {"b": "Hello"}}`, transitions: 1},
		{page: `"Handling errors": IntervalSeconds 3, MaxAttempts 2, BackoffRate 1.5 retries after 3 s and 4.5 s`,
			def: `{"StartAt": "T", "States": {"T": {"Type": "Task", ` + task + `,
				"Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 3, "MaxAttempts": 2, "BackoffRate": 1.5}], "End": true}}}`,
			input:  `{}`,
			mocks:  taskMocks(`{"0-2": {"Throw": {"Error": "States.Timeout"}}}`),
			status: StatusFailed, err: "States.Timeout", transitions: 1, durationMs: 7500},
		{page: `"Handling errors": a retrier's defaults are IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0 (1 + 2 + 4 s)`,
			def:    `{"StartAt": "T", "States": {"T": {"Type": "Task", ` + task + `, "Retry": [{"ErrorEquals": ["E"]}], "End": true}}}`,
			input:  `{}`,
			mocks:  taskMocks(`{"0-3": {"Throw": {"Error": "E", "Cause": "c"}}}`),
			status: StatusFailed, err: "E", transitions: 1, durationMs: 7000},
		{page: `"Fail workflow state": CausePath may be an intrinsic function such as States.Format`,
			def:    `{"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.code", "CausePath": "States.Format('order {} failed', $.id)"}}}`,
			input:  `{"code": "Order.Failed", "id": 7}`,
			status: StatusFailed, err: "Order.Failed", transitions: 1},
		{page: `"Parallel workflow state": each branch gets the same input; the output is an array in branch order`,
			def: `{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
				{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"a.$": "$.v"}, "End": true}}},
				{"StartAt": "B", "States": {"B": {"Type": "Pass", "Parameters": {"b.$": "$.v"}, "End": true}}}]}}}`,
			input:  `{"v": 1}`,
			status: StatusSucceeded, output: `[{"a": 1}, {"b": 1}]`, transitions: 3},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			res := run(t, tt.def, tt.input, tt.mocks)
			if res.Status != tt.status || res.Transitions != tt.transitions || res.DurationMs != tt.durationMs {
				t.Fatalf("%s, %d transitions, %d ms; want %s, %d, %d (%s %s)", res.Status, res.Transitions, res.DurationMs,
					tt.status, tt.transitions, tt.durationMs, str(res.Error), str(res.Cause))
			}
			if tt.status == StatusSucceeded && !expr.DeepEqual(res.Output, mustJSON(t, tt.output)) {
				t.Fatalf("output %s, want %s", Compact(res.Output), tt.output)
			}
			if tt.status != StatusSucceeded && str(res.Error) != tt.err {
				t.Fatalf("error %s, want %s", str(res.Error), tt.err)
			}
		})
	}
}
