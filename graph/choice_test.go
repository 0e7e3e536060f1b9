package graph

import (
	"encoding/json"
	"testing"
)

func TestRenderRule(t *testing.T) {
	for _, tc := range []struct{ rule, want string }{
		{`{"Variable":"$.type","StringEquals":"rush"}`, `$.type == "rush"`},
		{`{"Variable":"$.a","StringEqualsPath":"$.b"}`, `$.a == $.b`},
		{`{"Variable":"$.n","NumericGreaterThan":3}`, `$.n > 3`},
		{`{"Variable":"$.n","NumericLessThanEquals":2.5}`, `$.n <= 2.5`},
		{`{"Variable":"$.n","NumericGreaterThanEqualsPath":"$.min"}`, `$.n >= $.min`},
		{`{"Variable":"$.ok","BooleanEquals":false}`, `$.ok == false`},
		{`{"Variable":"$.at","TimestampLessThan":"2026-01-01T00:00:00Z"}`, `$.at < "2026-01-01T00:00:00Z"`},
		{`{"Variable":"$.f","StringMatches":"log-*.txt"}`, `$.f matches "log-*.txt"`},
		{`{"Variable":"$.x","IsNull":true}`, `$.x is null`},
		{`{"Variable":"$.x","IsPresent":false}`, `$.x is not present`},
		{`{"Variable":"$.x","IsTimestamp":true}`, `$.x is a timestamp`},
		{`{"And":[{"Variable":"$.a","NumericEquals":1},{"Variable":"$.b","StringEquals":"x"}]}`, `$.a == 1 and $.b == "x"`},
		{`{"Or":[{"Variable":"$.a","IsNull":true},{"And":[{"Variable":"$.b","IsString":true},{"Variable":"$.c","IsBoolean":false}]}]}`,
			`$.a is null or ($.b is a string and $.c is not a boolean)`},
		{`{"Not":{"Variable":"$.t","StringEquals":"a<b&c"}}`, `not $.t == "a<b&c"`},
		{`{"Not":{"Or":[{"Variable":"$.a","IsNull":true},{"Variable":"$.b","IsNull":true}]}}`, `not ($.a is null or $.b is null)`},
		{`{"Condition":"{% $states.input.n > 3 %}"}`, `$states.input.n > 3`},
		{`{"Condition":true}`, `true`},
		{`{"Variable":"$.x"}`, `$.x`},
	} {
		var rule map[string]any
		if err := json.Unmarshal([]byte(tc.rule), &rule); err != nil {
			t.Fatal(err)
		}
		if got := RenderRule(rule); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.rule, got, tc.want)
		}
	}
}

func TestRenderRuleDeepNesting(t *testing.T) {
	rule := map[string]any{"Variable": "$.x", "IsNull": true}
	for i := 0; i < 1000; i++ {
		rule = map[string]any{"Not": rule}
	}
	if got := RenderRule(rule); len(got) == 0 {
		t.Error("empty rendering")
	}
}

func TestChoiceLabelTruncates(t *testing.T) {
	st := state(t, `{"Type":"Choice","Default":"S","Choices":[{"Variable":"$.a.very.long.path.to.somewhere","StringEquals":"a value that is much too long","Next":"S"}]}`)
	got := choiceLabel(st, "/States/S/Choices/0/Next")
	if n := len([]rune(got)); n != LabelWidth {
		t.Errorf("label has %d characters, want %d: %q", n, LabelWidth, got)
	}
	if got := choiceLabel(st, "/States/S/Choices/7/Next"); got != "" {
		t.Errorf("out of range index gave %q", got)
	}
}
