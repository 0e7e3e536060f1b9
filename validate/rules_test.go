package validate

import (
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// ruleCase is one definition and the finding it must produce (rule and
// pointer), or none when rule is "".
type ruleCase struct {
	name, def, rule, pointer string
	typ                      string
}

func TestRules(t *testing.T) {
	cases := []ruleCase{
		// schema
		{"valid minimal", `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`, "", "", ""},
		{"missing StartAt", `{"States":{"A":{"Type":"Pass","End":true}}}`, "missing-required-field", "", ""},
		{"unknown state field", `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Foo":1}}}`, "unknown-field", "/States/A/Foo", ""},
		{"bad type", `{"StartAt":"A","States":{"A":{"Type":"Pas","End":true}}}`, "invalid-enum-value", "/States/A/Type", ""},
		{"Task without Resource", `{"StartAt":"A","States":{"A":{"Type":"Task","End":true}}}`, "missing-required-field", "/States/A", ""},
		{"misspelt Resource", `{"StartAt":"A","States":{"A":{"Type":"Task","Resouce":"arn:aws:states:::lambda:invoke","End":true}}}`, "missing-required-field", "/States/A/Resouce", ""},
		{"misspelt Type", `{"StartAt":"A","States":{"A":{"type":"Pass","End":true}}}`, "missing-required-field", "/States/A/type", ""},
		{"End not boolean", `{"StartAt":"A","States":{"A":{"Type":"Pass","End":"yes"}}}`, "invalid-field-type", "/States/A/End", ""},
		{"empty Branches", `{"StartAt":"A","States":{"A":{"Type":"Parallel","Branches":[],"End":true}}}`, "empty-value", "/States/A/Branches", ""},
		{"Next on Succeed", `{"StartAt":"A","States":{"A":{"Type":"Succeed","Next":"A"}}}`, "unknown-field", "/States/A/Next", ""},
		{"ResultSelector on Pass", `{"StartAt":"A","States":{"A":{"Type":"Pass","ResultSelector":{},"End":true}}}`, "unknown-field", "/States/A/ResultSelector", ""},
		{"space in state name escaped", `{"StartAt":"A b","States":{"A b":{"Type":"Pass","End":true,"X":1}}}`, "unknown-field", "/States/A b/X", ""},
		{"TimeoutSeconds zero", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":0,"End":true}}}`, "invalid-field-type", "/States/A/TimeoutSeconds", ""},
		// structure
		{"neither Next nor End", `{"StartAt":"A","States":{"A":{"Type":"Pass"}}}`, "missing-next-or-end", "/States/A", ""},
		{"both Next and End", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","End":true},"B":{"Type":"Succeed"}}}`, "end-and-next", "/States/A/End", ""},
		{"long state name", `{"StartAt":"` + strings.Repeat("x", 81) + `","States":{"` + strings.Repeat("x", 81) + `":{"Type":"Succeed"}}}`, "state-name-too-long", "/States/" + strings.Repeat("x", 81), ""},
		{"duplicate name, nested copy first in the file", `{"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Work","Branches":[{"StartAt":"Work","States":{"Work":{"Type":"Succeed"}}}]},"Work":{"Type":"Succeed"}}}`, "duplicate-state-name", "/States/P/Branches/0/States/Work", ""},
		{"duplicate name in two branches", `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"W","States":{"W":{"Type":"Succeed"}}},{"StartAt":"W","States":{"W":{"Type":"Succeed"}}}]}}}`, "duplicate-state-name", "/States/P/Branches/1/States/W", ""},
		{"duplicate name nested", `{"StartAt":"A","States":{"A":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}]}}}`, "duplicate-state-name", "/States/A/Branches/0/States/A", ""},
		// transitions
		{"missing Next target", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}`, "missing-transition-target", "/States/A/Next", ""},
		{"missing StartAt target", `{"StartAt":"X","States":{"A":{"Type":"Succeed"}}}`, "missing-transition-target", "/StartAt", ""},
		{"into a branch", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"C"},"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"C","States":{"C":{"Type":"Succeed"}}}]}}}`, "missing-transition-target", "/States/A/Next", ""},
		{"unreachable", `{"StartAt":"A","States":{"A":{"Type":"Succeed"},"B":{"Type":"Succeed"}}}`, "unreachable-state", "/States/B", ""},
		{"no terminal", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}`, "missing-end-state", "/States", ""},
		{"catch Next target", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Z"}]}}}`, "missing-transition-target", "/States/A/Catch/0/Next", ""},
		// choice
		{"choice ok", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1,"Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}}`, "", "", ""},
		{"empty Choices", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[],"Default":"D"},"D":{"Type":"Succeed"}}}`, "empty-value", "/States/C/Choices", ""},
		{"choice rule no Next", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true}],"Default":"D"},"D":{"Type":"Succeed"}}}`, "choice-rule-missing-next", "/States/C/Choices/0", ""},
		{"nested Next", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Not":{"Variable":"$.x","IsPresent":true,"Next":"D"},"Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}}`, "nested-choice-next", "/States/C/Choices/0/Not/Next", ""},
		{"two operators", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"IsNull":false,"Next":"D"}]},"D":{"Type":"Succeed"}}}`, "choice-rule-operator", "/States/C/Choices/0/IsPresent", ""},
		{"no operator", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","Next":"D"}]},"D":{"Type":"Succeed"}}}`, "choice-rule-operator", "/States/C/Choices/0", ""},
		{"numeric operand string", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":"1","Next":"D"}]},"D":{"Type":"Succeed"}}}`, "choice-operand-type", "/States/C/Choices/0/NumericEquals", ""},
		{"timestamp operand", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","TimestampEquals":"yesterday","Next":"D"}]},"D":{"Type":"Succeed"}}}`, "choice-operand-type", "/States/C/Choices/0/TimestampEquals", ""},
		{"missing Variable", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"StringEquals":"a","Next":"D"}]},"D":{"Type":"Succeed"}}}`, "choice-rule-missing-variable", "/States/C/Choices/0", ""},
		{"empty And", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"And":[],"Next":"D"}]},"D":{"Type":"Succeed"}}}`, "choice-rule-operator", "/States/C/Choices/0/And", ""},
		{"typo operator", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","StringEqual":"a","Next":"D"}]},"D":{"Type":"Succeed"}}}`, "unknown-field", "/States/C/Choices/0/StringEqual", ""},
		{"jsonata missing Condition", `{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Next":"D"}]},"D":{"Type":"Succeed"}}}`, "choice-rule-missing-condition", "/States/C/Choices/0", ""},
		// wait
		{"wait none", `{"StartAt":"W","States":{"W":{"Type":"Wait","End":true}}}`, "wait-duration", "/States/W", ""},
		{"wait two", `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true}}}`, "wait-duration", "/States/W/SecondsPath", ""},
		{"wait negative", `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":-1,"End":true}}}`, "invalid-field-type", "/States/W/Seconds", ""},
		{"wait above the documented maximum", `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100000000,"End":true}}}`, "invalid-field-type", "/States/W/Seconds", ""},
		{"wait at the documented maximum", `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":99999999,"End":true}}}`, "", "", ""},
		{"wait bad timestamp", `{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2016-13-05T21:29:29Z","End":true}}}`, "invalid-timestamp", "/States/W/Timestamp", ""},
		{"wait timestamp offset ok", `{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2016-03-14T01:59:00.123+02:00","End":true}}}`, "", "", ""},
		{"wait jsonata timestamp ok", `{"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"{% $t %}","End":true}}}`, "", "", ""},
		// retry / catch
		{"States.ALL not alone", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Retry":[{"ErrorEquals":["States.ALL","X"]}]}}}`, "states-all-not-alone", "/States/A/Retry/0/ErrorEquals/0", ""},
		{"States.ALL not last", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}]}}}`, "states-all-not-last", "/States/A/Retry/0/ErrorEquals/0", ""},
		{"unknown States error", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Retry":[{"ErrorEquals":["States.Timeoutt"]}]}}}`, "unknown-states-error", "/States/A/Retry/0/ErrorEquals/0", ""},
		{"backoff below 1", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Retry":[{"ErrorEquals":["X"],"BackoffRate":0.5}]}}}`, "value-out-of-range", "/States/A/Retry/0/BackoffRate", ""},
		{"interval zero", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Retry":[{"ErrorEquals":["X"],"IntervalSeconds":0}]}}}`, "value-out-of-range", "/States/A/Retry/0/IntervalSeconds", ""},
		{"jitter", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Retry":[{"ErrorEquals":["X"],"JitterStrategy":"SOME"}]}}}`, "invalid-enum-value", "/States/A/Retry/0/JitterStrategy", ""},
		{"catch without Next", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Catch":[{"ErrorEquals":["X"]}]}}}`, "missing-required-field", "/States/A/Catch/0", ""},
		// task
		{"timeout and path", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":5,"TimeoutSecondsPath":"$.t","End":true}}}`, "exclusive-fields", "/States/A/TimeoutSecondsPath", ""},
		{"path before timeout", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSecondsPath":"$.t","TimeoutSeconds":5,"End":true}}}`, "exclusive-fields", "/States/A/TimeoutSeconds", ""},
		{"heartbeat >= timeout", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":5,"HeartbeatSeconds":5,"End":true}}}`, "heartbeat-not-below-timeout", "/States/A/HeartbeatSeconds", ""},
		{"unknown integration", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:query","End":true}}}`, "unknown-service-integration", "/States/A/Resource", ""},
		{"express sync", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","End":true}}}`, "express-unsupported-resource", "/States/A/Resource", Express},
		{"standard sync ok", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","End":true}}}`, "", "", ""},
		{"credentials", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Credentials":{},"End":true}}}`, "missing-required-field", "/States/A/Credentials", ""},
		// map / parallel
		{"map no processor", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true}}}`, "map-processor", "/States/M", ""},
		{"map both", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}},"Iterator":{"StartAt":"Y","States":{"Y":{"Type":"Succeed"}}}}}}`, "map-processor", "/States/M/Iterator", ""},
		{"reader inline is accepted by AWS", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{}},"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "", "", ""},
		{"writer inline", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{}},"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "distributed-map-only", "/States/M/ResultWriter", ""},
		{"nested loop without terminal is accepted", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}}}}`, "", "", ""},
		{"downgrade reported once", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONPath","InputPath":"$","End":true}}}`, "jsonpath-state-in-jsonata-machine", "/States/A/QueryLanguage", ""},
		{"tolerated pct", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ToleratedFailurePercentage":101,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "invalid-field-type", "/States/M/ToleratedFailurePercentage", ""},
		{"negative concurrency", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrency":-1,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "invalid-field-type", "/States/M/MaxConcurrency", ""},
		{"out of map", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Pass","Next":"M"}}}}}}`, "missing-transition-target", "/States/M/ItemProcessor/States/X/Next", ""},
		{"reader resource", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemReader":{"Resource":"arn:aws:states:::s3:unknownOperation","Parameters":{}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "invalid-resource", "/States/M/ItemReader/Resource", ""},
		{"reader input type", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"XML"},"Parameters":{}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "invalid-enum-value", "/States/M/ItemReader/ReaderConfig/InputType", ""},
		{"empty writer", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ResultWriter":{},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "result-writer", "/States/M/ResultWriter", ""},
		{"writer without parameters", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject"},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "result-writer", "/States/M/ResultWriter", ""},
		{"writer config half", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ResultWriter":{"WriterConfig":{"Transformation":"COMPACT"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "result-writer", "/States/M/ResultWriter/WriterConfig", ""},
		{"writer config only ok", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ResultWriter":{"WriterConfig":{"Transformation":"FLATTEN","OutputType":"JSONL"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "", "", ""},
		{"distributed without ExecutionType", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "missing-required-field", "/States/M/ItemProcessor/ProcessorConfig", ""},
		{"label with space", `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"my label","End":true,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "invalid-label", "/States/M/Label", ""},
		{"label ok", `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"Files-2024_v1","End":true,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "", "", ""},
		// pass / fail
		{"fail both", `{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","ErrorPath":"$.e"}}}`, "exclusive-fields", "/States/F/ErrorPath", ""},
		// query language
		{"jsonpath in jsonata machine", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}}`, "jsonpath-state-in-jsonata-machine", "/States/A/QueryLanguage", ""},
		{"jsonpath field in jsonata", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.x","End":true}}}`, "field-not-in-query-language", "/States/A/InputPath", ""},
		{"jsonata field in jsonpath", `{"StartAt":"A","States":{"A":{"Type":"Pass","Output":{},"End":true}}}`, "field-not-in-query-language", "/States/A/Output", ""},
		{"jsonata value in jsonpath", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":"{% 5 %}","End":true}}}`, "jsonata-in-jsonpath-state", "/States/A/TimeoutSeconds", ""},
		{"mixed ok", `{"StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% 1 %}","End":true}}}`, "", "", ""},
		{"jsonata $$", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $$ %}","End":true}}}`, "unsupported-jsonata", "/States/A/Output", ""},
		{"jsonata $$ in string ok", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% '$$' & \"$$\" %}","End":true}}}`, "", "", ""},
		{"errorOutput outside catch", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"e":"{% $states.errorOutput %}"},"End":true}}}`, "unsupported-jsonata", "/States/A/Output/e", ""},
		{"errorOutput in catch ok", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"B","Output":"{% $states.errorOutput %}","Assign":{"e":"{% $states.errorOutput.Error %}"}}]},"B":{"Type":"Succeed"}}}`, "", "", ""},
		{"bad query language", `{"QueryLanguage":"XPath","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`, "invalid-enum-value", "/QueryLanguage", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := asl.Load("t.json", []byte(tc.def))
			ds := Document(doc, Options{Type: tc.typ})
			var errs []asl.Diagnostic
			for _, d := range ds {
				if d.Severity == asl.SeverityError {
					errs = append(errs, d)
				}
			}
			if tc.rule == "" {
				if len(errs) > 0 {
					t.Fatalf("want no errors, got %v", errs)
				}
				return
			}
			for _, d := range errs {
				if d.Rule == tc.rule && d.Pointer == tc.pointer {
					if d.Line == 0 {
						t.Errorf("finding has no position: %v", d)
					}
					return
				}
			}
			t.Fatalf("want %s at %q, got %v", tc.rule, tc.pointer, errs)
		})
	}
}

// TestOneDefectOneFinding: a single defect yields a single error, so the
// first finding is on the defect's own line.
func TestOneDefectOneFinding(t *testing.T) {
	defs := map[string]string{
		"typo in Next":                      `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Bb"},"B":{"Type":"Succeed"}}}`,
		"rule without Next":                 `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true}],"Default":"D"},"D":{"Type":"Succeed"},"E":{"Type":"Succeed"}}}`,
		"catch without Next":                `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Catch":[{"ErrorEquals":["States.ALL"]}]},"H":{"Type":"Succeed"}}}`,
		"Next not a string":                 `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":1},"B":{"Type":"Succeed"}}}`,
		"no End":                            `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass"}}}`,
		"type typo":                         `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succed"}}}`,
		"StartAt typo":                      `{"StartAt":"a","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}`,
		"downgrade":                         `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONPath","InputPath":"$","End":true}}}`,
		"loop without end and unused state": `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"},"U":{"Type":"Pass","Next":"A"}}}`,
		"misspelt operator":                 `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","StringEqual":"a","Next":"D"}]},"D":{"Type":"Succeed"}}}`,
		"misspelt Resource":                 `{"StartAt":"A","States":{"A":{"Type":"Task","Resouce":"arn:aws:states:::lambda:invoke","End":true}}}`,
		"misspelt Next":                     `{"StartAt":"A","States":{"A":{"Type":"Pass","Nxet":"B"},"B":{"Type":"Succeed"}}}`,
		"StartAt not string":                `{"StartAt":5,"States":{"A":{"Type":"Succeed"}}}`,
		"missing Resource":                  `{"StartAt":"A","States":{"A":{"Type":"Task","End":true}}}`,
		"End false alone":                   `{"StartAt":"A","States":{"A":{"Type":"Pass","End":false}}}`,
		"empty Resource":                    `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"","End":true}}}`,
		"misspelt final state":              `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Dne"},"Done":{"Type":"Pass","Next":"A"}}}`,
	}
	for name, def := range defs {
		t.Run(name, func(t *testing.T) {
			var errs []asl.Diagnostic
			for _, d := range Document(asl.Load("t.json", []byte(def)), Options{}) {
				if d.Severity == asl.SeverityError {
					errs = append(errs, d)
				}
			}
			if len(errs) != 1 {
				t.Errorf("want exactly 1 error, got %d: %v", len(errs), errs)
			}
		})
	}
}

// TestSchemaPointersWithOddNames: jsonschema URL-escapes instance
// locations; findings must still land on the right member.
func TestSchemaPointersWithOddNames(t *testing.T) {
	for _, name := range []string{"a b", "50% done", "a/b", "x~y", "ünï", "q?x#y"} {
		def := `{"StartAt":"` + name + `","States":{"` + name + `":{"Type":"Pass","End":true,"Bogus":1}}}`
		ds := Document(asl.Load("t.json", []byte(def)), Options{})
		want := asl.JoinPointer("/States", name, "Bogus")
		if len(ds) != 1 || ds[0].Pointer != want || ds[0].Column != strings.Index(def, `"Bogus"`)+1-countMultibyte(def, `"Bogus"`) {
			t.Errorf("%q: want one finding at %s, got %v", name, want, ds)
		}
	}
}

// countMultibyte is how many more bytes than characters precede sub in s.
func countMultibyte(s, sub string) int {
	prefix := s[:strings.Index(s, sub)]
	return len(prefix) - len([]rune(prefix))
}
