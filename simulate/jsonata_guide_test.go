package simulate

import (
	"testing"

	"github.com/sfnctl/sfnctl/expr"
)

// JSONata behaviours from the AWS Step Functions developer guide, run end
// to end through Run; each case names the guide page its expectation comes
// from. Type errors in numeric Map/Task fields follow the wording AWS uses
// for Wait's Seconds and Map's Items (recorded in the corpus).
func TestJSONataGuide(t *testing.T) {
	const jn = `"QueryLanguage": "JSONata", `
	const task = `"Resource": "arn:aws:states:::lambda:invoke"`
	const qe = "States.QueryEvaluationError"
	tests := []struct {
		page, def, input, mocks string
		status, output          string
		err, cause              string
		transitions             int
	}{
		{page: `"Transforming data with JSONata": a Pass state's default Output is its input`,
			def:    `{` + jn + `"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`,
			input:  `{"x": 1}`,
			status: StatusSucceeded, output: `{"x": 1}`, transitions: 1},
		{page: `"Transforming data with JSONata": a Task's default Output is its result`,
			def:    `{` + jn + `"StartAt": "T", "States": {"T": {"Type": "Task", ` + task + `, "Arguments": {"n": "{% $states.input.x %}"}, "End": true}}}`,
			input:  `{"x": 1}`,
			mocks:  taskMocks(`{"0": {"Return": {"r": 2}}}`),
			status: StatusSucceeded, output: `{"r": 2}`, transitions: 1},
		{page: `"Transforming data with JSONata": Output may use $states.result and $states.input of a Task`,
			def:    `{` + jn + `"StartAt": "T", "States": {"T": {"Type": "Task", ` + task + `, "Output": {"in": "{% $states.input.x %}", "out": "{% $states.result.r %}"}, "End": true}}}`,
			input:  `{"x": 1}`,
			mocks:  taskMocks(`{"0": {"Return": {"r": 2}}}`),
			status: StatusSucceeded, output: `{"in": 1, "out": 2}`, transitions: 1},
		{page: `"Transforming data with JSONata": expressions nest in objects and arrays`,
			def:    `{` + jn + `"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {"a": ["{% 1 + 1 %}", {"b": "{% $states.input.x %}"}], "lit": "x"}, "End": true}}}`,
			input:  `{"x": 3}`,
			status: StatusSucceeded, output: `{"a": [2, {"b": 3}], "lit": "x"}`, transitions: 1},
		{page: `"Transforming data with JSONata": a string with a space outside {% %} is a literal`,
			def:    `{` + jn + `"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {"a": " {% 1 %}", "b": "{% 1 %} "}, "End": true}}}`,
			status: StatusSucceeded, output: `{"a": " {% 1 %}", "b": "{% 1 %} "}`, transitions: 1},
		{page: `"Passing data between states with variables": Assign reads the values from before the state (a swap)`,
			def: `{` + jn + `"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"x": 1, "y": 2}, "Next": "B"},
				"B": {"Type": "Pass", "Assign": {"x": "{% $y %}", "y": "{% $x %}"}, "Output": {"x": "{% $x %}"}, "Next": "C"},
				"C": {"Type": "Pass", "Output": {"x": "{% $x %}", "y": "{% $y %}"}, "End": true}}}`,
			status: StatusSucceeded, output: `{"x": 2, "y": 1}`, transitions: 3},
		{page: `"Passing data between states with variables": JSONPath and JSONata states share variables`,
			def: `{"StartAt": "S", "States": {"S": {"Type": "Pass", "Assign": {"a.$": "$.x"}, "Next": "T"},
				"T": {"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"b": "{% $a * 2 %}"}, "Next": "U"},
				"U": {"Type": "Pass", "Parameters": {"b.$": "$b"}, "End": true}}}`,
			input:  `{"x": 3}`,
			status: StatusSucceeded, output: `{"b": 6}`, transitions: 3},
		{page: `"Passing data between states with variables": a Map iteration reads outer variables; its writes stay inside`,
			def: `{` + jn + `"StartAt": "S", "States": {"S": {"Type": "Pass", "Assign": {"outer": 5}, "Next": "M"},
				"M": {"Type": "Map", "Items": [1, 2], "ItemProcessor": {"StartAt": "B", "States": {
					"B": {"Type": "Pass", "Assign": {"outer": "{% $outer + $states.input %}"}, "Next": "C"},
					"C": {"Type": "Pass", "Output": "{% $outer %}", "End": true}}}, "Next": "Z"},
				"Z": {"Type": "Pass", "Output": {"items": "{% $states.input %}", "outer": "{% $outer %}"}, "End": true}}}`,
			status: StatusSucceeded, output: `{"items": [6, 7], "outer": 5}`, transitions: 7},
		{page: `"Map state" (JSONata): ItemSelector sees $states.context.Map.Item and the state input`,
			def: `{` + jn + `"StartAt": "M", "States": {"M": {"Type": "Map", "Items": "{% $states.input.list %}",
				"ItemSelector": {"v": "{% $states.context.Map.Item.Value %}", "i": "{% $states.context.Map.Item.Index %}", "k": "{% $states.input.k %}"},
				"ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}, "End": true}}}`,
			input:  `{"list": ["a", "b"], "k": 1}`,
			status: StatusSucceeded, output: `[{"v": "a", "i": 0, "k": 1}, {"v": "b", "i": 1, "k": 1}]`, transitions: 3},
		{page: `"Map state" (JSONata): Items must be an array`,
			def: `{` + jn + `"StartAt": "M", "States": {"M": {"Type": "Map", "Items": "{% {\"a\": 1} %}",
				"ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}, "End": true}}}`,
			status: StatusFailed, err: qe,
			cause:       `An error occurred while executing the state 'M' (entered at the event id #2). The JSONata expression '{"a": 1}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for value: {"a":1}`,
			transitions: 1},
		{page: `"Map state" (JSONata): MaxConcurrency must evaluate to an integer`,
			def: `{` + jn + `"StartAt": "M", "States": {"M": {"Type": "Map", "Items": [1], "MaxConcurrency": "{% 'two' %}",
				"ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}, "End": true}}}`,
			status: StatusFailed, err: qe,
			cause:       `An error occurred while executing the state 'M' (entered at the event id #2). The JSONata expression ''two'' specified for the field 'MaxConcurrency' returned an unexpected result type. Expected 'integer', but was 'string' for value: "two"`,
			transitions: 1},
		{page: `"Map state" (JSONata): MaxConcurrency from an expression limits nothing in the output`,
			def: `{` + jn + `"StartAt": "M", "States": {"M": {"Type": "Map", "Items": [1, 2], "MaxConcurrency": "{% $states.input.c %}",
				"ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}, "End": true}}}`,
			input:  `{"c": 1}`,
			status: StatusSucceeded, output: `[1, 2]`, transitions: 3},
		{page: `"Map state" (JSONata): ToleratedFailureCount must evaluate to an integer`,
			def: `{` + jn + `"StartAt": "M", "States": {"M": {"Type": "Map", "Items": [1], "ToleratedFailureCount": "{% 1.5 %}",
				"ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}, "End": true}}}`,
			status: StatusFailed, err: qe,
			cause:       `An error occurred while executing the state 'M' (entered at the event id #2). The JSONata expression '1.5' specified for the field 'ToleratedFailureCount' returned an unexpected result type. Expected 'integer', but was 'number' for value: 1.5`,
			transitions: 1},
		{page: `"Map state" (JSONata): ToleratedFailurePercentage must evaluate to a number`,
			def: `{` + jn + `"StartAt": "M", "States": {"M": {"Type": "Map", "Items": [1], "ToleratedFailurePercentage": "{% true %}",
				"ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}, "End": true}}}`,
			status: StatusFailed, err: qe,
			cause:       `An error occurred while executing the state 'M' (entered at the event id #2). The JSONata expression 'true' specified for the field 'ToleratedFailurePercentage' returned an unexpected result type. Expected 'number', but was 'boolean' for value: true`,
			transitions: 1},
		{page: `"ItemBatcher (Map)": MaxItemsPerBatch from JSONata groups the items`,
			def: `{` + jn + `"StartAt": "M", "States": {"M": {"Type": "Map", "Items": [1, 2, 3], "ItemBatcher": {"MaxItemsPerBatch": "{% $states.input.n %}"},
				"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}, "End": true}}}`,
			input:  `{"n": 2}`,
			status: StatusSucceeded, output: `[{"Items": [1, 2]}, {"Items": [3]}]`, transitions: 1},
		{page: `"ItemBatcher (Map)": MaxItemsPerBatch from JSONata must be an integer`,
			def: `{` + jn + `"StartAt": "M", "States": {"M": {"Type": "Map", "Items": [1, 2, 3], "ItemBatcher": {"MaxItemsPerBatch": "{% 'two' %}"},
				"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}, "End": true}}}`,
			status: StatusFailed, err: qe,
			cause:       `An error occurred while executing the state 'M' (entered at the event id #2). The JSONata expression ''two'' specified for the field 'ItemBatcher/MaxItemsPerBatch' returned an unexpected result type. Expected 'integer', but was 'string' for value: "two"`,
			transitions: 1},
		{page: `"Task workflow state": TimeoutSeconds from JSONata must be an integer`,
			def:    `{` + jn + `"StartAt": "T", "States": {"T": {"Type": "Task", ` + task + `, "TimeoutSeconds": "{% $states.input.t %}", "End": true}}}`,
			input:  `{"t": "10"}`,
			mocks:  taskMocks(`{"0": {"Return": 1}}`),
			status: StatusFailed, err: qe,
			cause:       `An error occurred while executing the state 'T' (entered at the event id #2). The JSONata expression '$states.input.t' specified for the field 'TimeoutSeconds' returned an unexpected result type. Expected 'integer', but was 'string' for value: "10"`,
			transitions: 1},
		{page: `"Task workflow state": HeartbeatSeconds from JSONata`,
			def:    `{` + jn + `"StartAt": "T", "States": {"T": {"Type": "Task", ` + task + `, "TimeoutSeconds": "{% 20 %}", "HeartbeatSeconds": "{% $states.input.h %}", "End": true}}}`,
			input:  `{"h": 10}`,
			mocks:  taskMocks(`{"0": {"Return": 1}}`),
			status: StatusSucceeded, output: `1`, transitions: 1},
		{page: `"Wait workflow state": Seconds from JSONata must be an integer`,
			def:    `{` + jn + `"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": "{% '5' %}", "End": true}}}`,
			status: StatusFailed, err: qe,
			cause:       `An error occurred while executing the state 'W' (entered at the event id #2). The JSONata expression ''5'' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was 'string' for value: "5"`,
			transitions: 1},
		{page: `"Fail workflow state": Error and Cause may be JSONata expressions`,
			def:    `{` + jn + `"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "{% $states.input.code %}", "Cause": "{% 'order ' & $states.input.id & ' failed' %}"}}}`,
			input:  `{"code": "Order.Failed", "id": "7"}`,
			status: StatusFailed, err: "Order.Failed", cause: "order 7 failed", transitions: 1},
		{page: `"Choice workflow state" (JSONata): a matched rule's Output and Assign`,
			def: `{` + jn + `"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n > 1 %}", "Output": {"big": "{% $states.input.n %}"}, "Assign": {"kind": "big"}, "Next": "D"}], "Default": "D"},
				"D": {"Type": "Pass", "Output": {"in": "{% $states.input %}", "kind": "{% $kind %}"}, "End": true}}}`,
			input:  `{"n": 2}`,
			status: StatusSucceeded, output: `{"in": {"big": 2}, "kind": "big"}`, transitions: 2},
		{page: `"Choice workflow state" (JSONata): a Condition must be a boolean`,
			def:    `{` + jn + `"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Condition": "{% 1 %}", "Next": "D"}]}, "D": {"Type": "Succeed"}}}`,
			status: StatusFailed, err: qe,
			cause:       `An error occurred while executing the state 'C' (entered at the event id #2). The JSONata expression '1' specified for the field 'Choices[0]/Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 1`,
			transitions: 1},
		{page: `"Handling errors" (JSONata): a catcher's default Output is $states.errorOutput; its Assign reads it`,
			def: `{` + jn + `"StartAt": "T", "States": {"T": {"Type": "Task", ` + task + `, "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"e": "{% $states.errorOutput.Error %}"}, "Next": "H"}], "End": true},
				"H": {"Type": "Pass", "Output": {"in": "{% $states.input %}", "e": "{% $e %}"}, "End": true}}}`,
			mocks:  taskMocks(`{"0": {"Throw": {"Error": "Boom", "Cause": "bad"}}}`),
			status: StatusSucceeded, output: `{"in": {"Error": "Boom", "Cause": "bad"}, "e": "Boom"}`, transitions: 2},
		{page: `"Handling errors" (JSONata): a catcher's Output sees $states.input and $states.errorOutput`,
			def: `{` + jn + `"StartAt": "T", "States": {"T": {"Type": "Task", ` + task + `, "Catch": [{"ErrorEquals": ["States.ALL"], "Output": {"x": "{% $states.input.x %}", "c": "{% $states.errorOutput.Cause %}"}, "Next": "H"}], "End": true},
				"H": {"Type": "Succeed"}}}`,
			input:  `{"x": 1}`,
			mocks:  taskMocks(`{"0": {"Throw": {"Error": "Boom", "Cause": "bad"}}}`),
			status: StatusSucceeded, output: `{"x": 1, "c": "bad"}`, transitions: 2},
		{page: `"Transforming data with JSONata": an expression that returns nothing is States.QueryEvaluationError`,
			def:    `{` + jn + `"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {"r": "{% $states.input.nope %}"}, "End": true}}}`,
			status: StatusFailed, err: qe,
			cause:       `An error occurred while executing the state 'A' (entered at the event id #2). The JSONata expression '$states.input.nope' specified for the field 'Output/r' returned nothing (undefined).`,
			transitions: 1},
		{page: `"JSONata functions provided by Step Functions": $eval is not available`,
			def:    `{` + jn + `"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $eval('1') %}", "End": true}}}`,
			status: StatusFailed, err: qe,
			cause:       `An error occurred while executing the state 'A' (entered at the event id #2). The JSONata expression '$eval('1')' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function`,
			transitions: 1},
		{page: `"JSONata functions provided by Step Functions": $partition, $range, $hash, $parse`,
			def:    `{` + jn + `"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {"p": "{% $partition([1,2,3], 2) %}", "r": "{% $range(0, 10, 3) %}", "h": "{% $hash('a', 'SHA-256') %}", "j": "{% $parse('{\"a\": 1}') %}"}, "End": true}}}`,
			status: StatusSucceeded, output: `{"p": [[1, 2], [3]], "r": [0, 3, 6, 9], "h": "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb", "j": {"a": 1}}`, transitions: 1},
		{page: `"$states reserved variable": $states.context.State.Name and Execution.Input`,
			def:    `{` + jn + `"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {"n": "{% $states.context.State.Name %}", "i": "{% $states.context.Execution.Input %}"}, "End": true}}}`,
			input:  `{"a": 1}`,
			status: StatusSucceeded, output: `{"n": "A", "i": {"a": 1}}`, transitions: 1},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			if tt.input == "" {
				tt.input = `{}`
			}
			res := run(t, tt.def, tt.input, tt.mocks)
			if res.Status != tt.status || res.Transitions != tt.transitions {
				t.Fatalf("%s, %d transitions; want %s, %d (%s: %s)", res.Status, res.Transitions, tt.status, tt.transitions, str(res.Error), str(res.Cause))
			}
			if tt.status == StatusSucceeded {
				if !expr.DeepEqual(res.Output, mustJSON(t, tt.output)) {
					t.Fatalf("output %s, want %s", Compact(res.Output), tt.output)
				}
				return
			}
			if str(res.Error) != tt.err || str(res.Cause) != tt.cause {
				t.Fatalf("error %s: %s\nwant %s: %s", str(res.Error), str(res.Cause), tt.err, tt.cause)
			}
		})
	}
}
