package validate

import (
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

func TestLint(t *testing.T) {
	const lambda = `"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true`
	cases := []struct {
		name, def, rule, pointer string
		off                      bool // run without Options.Lint
	}{
		{"lambda ARN, no retry", `{"StartAt":"A","States":{"A":{` + lambda + `}}}`, "task-without-retry", "/States/A", false},
		{"off unless asked", `{"StartAt":"A","States":{"A":{` + lambda + `}}}`, "", "", true},
		{"lambda:invoke, no retry", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}}}`, "task-without-retry", "/States/A", false},
		{"retry States.ALL", `{"StartAt":"A","States":{"A":{` + lambda + `,"Retry":[{"ErrorEquals":["States.ALL"]}]}}}`, "", "", false},
		{"retry a transient error", `{"StartAt":"A","States":{"A":{` + lambda + `,"Retry":[{"ErrorEquals":["Lambda.TooManyRequestsException"],"MaxAttempts":2}]}}}`, "", "", false},
		{"retry that never retries", `{"StartAt":"A","States":{"A":{` + lambda + `,"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":0}]}}}`, "task-without-retry", "/States/A", false},
		{"retry other errors only", `{"StartAt":"A","States":{"A":{` + lambda + `,"Retry":[{"ErrorEquals":["MyError"]}]}}}`, "task-without-retry", "/States/A", false},
		{"not lambda", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"q","MessageBody":"m"},"End":true}}}`, "", "", false},
		{"nested in a branch", `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"A","States":{"A":{` + lambda + `}}}]}}}`, "task-without-retry", "/States/P/Branches/0/States/A", false},
		{"map unbounded", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "map-without-max-concurrency", "/States/M", false},
		{"map no limit on purpose", `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":0,"End":true,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "", "", false},
		{"map limit from input", `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrencyPath":"$.n","End":true,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "", "", false},
		{"choice without default", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"D"}]},"D":{"Type":"Succeed"}}}`, "choice-without-default", "/States/C", false},
		{"choice with default", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}}`, "", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			diags := Document(asl.Load("x.asl.json", []byte(tc.def)), Options{Lint: !tc.off})
			var got []asl.Diagnostic
			for _, d := range diags {
				if d.Rule == "task-without-retry" || d.Rule == "map-without-max-concurrency" || d.Rule == "choice-without-default" {
					got = append(got, d)
				}
				if d.Severity == asl.SeverityError {
					t.Errorf("the example itself is invalid: %v", d)
				}
			}
			switch {
			case tc.rule == "" && len(got) > 0:
				t.Errorf("unexpected %v", got)
			case tc.rule != "" && (len(got) != 1 || got[0].Rule != tc.rule || got[0].Pointer != tc.pointer || got[0].Severity != asl.SeverityWarning):
				t.Errorf("got %v, want one %s warning at %s", got, tc.rule, tc.pointer)
			}
		})
	}
}
