package validate

import (
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

func TestExpressions(t *testing.T) {
	pass := func(fields string) string {
		return `{"StartAt":"A","States":{"A":{"Type":"Pass",` + fields + `,"End":true}}}`
	}
	jsonata := func(fields string) string {
		return `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass",` + fields + `,"End":true}}}`
	}
	cases := []ruleCase{
		// forms AWS accepts
		{"index after dot", pass(`"InputPath":"$.[0]"`), "", "", ""},
		{"index after name dot", pass(`"InputPath":"$.Snapshots.[0]"`), "", "", ""},
		{"union of names", pass(`"Parameters":{"x.$":"$.[*].['bucket','key']"}`), "", "", ""},
		{"dash in name", pass(`"Parameters":{"x.$":"$.a-b"}`), "", "", ""},
		{"context and variable", pass(`"Parameters":{"x.$":"$$.Execution.Id","y.$":"$myVar.field"}`), "", "", ""},
		{"intrinsic ok", pass(`"Parameters":{"x.$":"States.Format('{} and \\'{}\\'', $.a, States.ArrayLength($.b))"}`), "", "", ""},
		{"jsonata no space", jsonata(`"Output":"{% $x%}"`), "", "", ""},
		{"reference path ok", pass(`"ResultPath":"$.a.b[0]"`), "", "", ""},
		// rejected
		{"bad InputPath", pass(`"InputPath":"$.a[?"`), "invalid-jsonpath", "/States/A/InputPath", ""},
		{"ResultPath wildcard", pass(`"ResultPath":"$.a[*]"`), "invalid-reference-path", "/States/A/ResultPath", ""},
		{"ResultPath recursive", pass(`"ResultPath":"$..a"`), "invalid-reference-path", "/States/A/ResultPath", ""},
		{"dollar key not a path", pass(`"Parameters":{"x.$":"hello"}`), "invalid-jsonpath", "/States/A/Parameters/x.$", ""},
		{"unknown intrinsic", pass(`"Parameters":{"x.$":"States.Nope($.a)"}`), "invalid-intrinsic", "/States/A/Parameters/x.$", ""},
		{"intrinsic arity", pass(`"Parameters":{"x.$":"States.ArrayLength($.a, $.b)"}`), "invalid-intrinsic", "/States/A/Parameters/x.$", ""},
		{"illegal escape", pass(`"Parameters":{"x.$":"States.Format('a \\\"b\\\"')"}`), "invalid-intrinsic", "/States/A/Parameters/x.$", ""},
		{"nested template", pass(`"Parameters":{"o":{"list":[{"x.$":"States.Nope()"}]}}`), "invalid-intrinsic", "/States/A/Parameters/o/list/0/x.$", ""},
		{"choice variable", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a[","IsPresent":true,"Next":"D"}]},"D":{"Type":"Succeed"}}}`, "invalid-jsonpath", "/States/C/Choices/0/Variable", ""},
		{"indefinite MaxConcurrencyPath", `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrencyPath":"$.limits[*]","ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}},"End":true}}}`, "invalid-jsonpath", "/States/M/MaxConcurrencyPath", ""},
		{"catcher ResultPath", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.e[*]","Next":"B"}]},"B":{"Type":"Succeed"}}}`, "invalid-reference-path", "/States/A/Catch/0/ResultPath", ""},
		{"bad jsonata", jsonata(`"Output":"{% 1 + %}"`), "invalid-jsonata", "/States/A/Output", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var errs []asl.Diagnostic
			for _, d := range Document(asl.Load("t.json", []byte(tc.def)), Options{}) {
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
					return
				}
			}
			t.Fatalf("want %s at %q, got %v", tc.rule, tc.pointer, errs)
		})
	}
}
