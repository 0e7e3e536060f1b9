package simulate

import (
	"testing"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/expr"
)

// FuzzRun feeds arbitrary definitions and inputs to the engine: whatever
// they say, Run must return a result, never panic or hang.
func FuzzRun(f *testing.F) {
	f.Add(`{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"x.$": "$.y"}, "ResultPath": "$.r", "Next": "B"}, "B": {"Type": "Choice", "Choices": [{"Variable": "$.r", "IsPresent": true, "Next": "C"}], "Default": "C"}, "C": {"Type": "Succeed"}}}`, `{"y": 1}`)
	f.Add(`{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.a", "ItemSelector": {"v.$": "$$.Map.Item.Value"}, "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.v", "End": true}}}, "End": true}}}`, `{"a": [1, -1, "x"]}`)
	f.Add(`{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Pass", "Output": "{% $states.input.n + 1 %}", "End": true}}}], "Assign": {"v": "{% $states.result %}"}, "End": true}}}`, `{"n": 1}`)
	f.Add(`{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}], "End": true}, "F": {"Type": "Fail", "ErrorPath": "$.Error"}}}`, `{}`)
	// Failures that abort siblings (the engine reruns them with a cutoff).
	f.Add(`{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3, "Next": "Q"}, "Q": {"Type": "Parallel", "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "In"}}}], "End": true}}}, {"StartAt": "G", "States": {"G": {"Type": "Wait", "Seconds": 1, "Next": "H"}, "H": {"Type": "Fail", "Error": "Out"}}}], "Retry": [{"ErrorEquals": ["Out"], "MaxAttempts": 1}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "E"}], "End": true}, "E": {"Type": "Succeed"}}}`, `{}`)
	f.Add(`{"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 2, "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.w", "Next": "C"}, "C": {"Type": "Choice", "Choices": [{"Variable": "$.f", "IsPresent": true, "Next": "F"}], "Default": "S"}, "F": {"Type": "Fail", "Error": "X"}, "S": {"Type": "Succeed"}}}, "End": true}}}`, `[{"w": 2}, {"w": 1, "f": 1}, {"w": 0}, {"w": 1}]`)
	f.Fuzz(func(t *testing.T, def, input string) {
		doc := asl.Load("def.json", []byte(def))
		sm := asl.Build(doc)
		in, err := expr.ParseJSON([]byte(input))
		if err != nil || sm == nil {
			return
		}
		res, err := Run(sm, Options{Input: in, MaxEvents: 500})
		if err == nil && res.Status == "" {
			t.Fatal("empty status")
		}
	})
}

// FuzzTestState: any single state and mock, never a panic.
func FuzzTestState(f *testing.F) {
	f.Add(`{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["E"]}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "X"}], "End": true}`, `{"a": 1}`, `"E"`)
	f.Add(`{"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input %}", "ToleratedFailurePercentage": 10, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}`, `[1, 2]`, `[3, 4]`)
	f.Fuzz(func(t *testing.T, def, input, mock string) {
		d, err1 := expr.ParseJSON([]byte(def))
		in, err2 := expr.ParseJSON([]byte(input))
		m, err3 := expr.ParseJSON([]byte(mock))
		if err1 != nil || err2 != nil || err3 != nil {
			return
		}
		req := TestStateRequest{Definition: d, Input: in, MapIterationFailureCount: 1}
		if e, ok := m.(string); ok {
			req.Mock = &TestStateMock{Error: &e}
		} else {
			req.Mock = &TestStateMock{Result: m, HasResult: true}
		}
		if res, err := TestState(req); err == nil && res.Status == "" {
			t.Fatal("empty status")
		}
	})
}
