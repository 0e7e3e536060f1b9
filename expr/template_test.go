package expr

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func TestEvalTemplate(t *testing.T) {
	input := mustJSON(t, `{"a": 1, "list": [1, 2], "obj": {"k": "v"}}`)
	ctx := mustJSON(t, `{"Map": {"Item": {"Value": "x", "Index": 3}}, "Execution": {"Name": "e"}}`)
	vars := map[string]any{"greeting": "hi"}
	s := Scope{Input: input, Context: ctx, Vars: func(n string) (any, bool) { v, ok := vars[n]; return v, ok }}
	tests := []struct{ tmpl, want string }{
		{`{"x.$": "$.a", "lit": "$.a", "n": 0, "f": false, "z": null}`, `{"x": 1, "lit": "$.a", "n": 0, "f": false, "z": null}`},
		{`{"whole.$": "$"}`, `{"whole": {"a": 1, "list": [1, 2], "obj": {"k": "v"}}}`},
		{`{"nested": {"deep": {"v.$": "$.obj.k"}}}`, `{"nested": {"deep": {"v": "v"}}}`},
		{`{"arr": [{"v.$": "$.a"}, "plain", 3, ["$.a"]]}`, `{"arr": [{"v": 1}, "plain", 3, ["$.a"]]}`},
		{`{"item.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"}`, `{"item": "x", "i": 3}`},
		{`{"g.$": "$greeting"}`, `{"g": "hi"}`},
		{`{"s.$": "States.Format('{} {}', $greeting, $.a)"}`, `{"s": "hi 1"}`},
		{`{"wild.$": "$.list[*]"}`, `{"wild": [1, 2]}`},
		{`{"none.$": "$.list[?(@ > 5)]"}`, `{"none": []}`},
		{`[{"a.$": "$.a"}]`, `[{"a": 1}]`},
		{`"scalar"`, `"scalar"`},
		{`{}`, `{}`},
	}
	for _, tt := range tests {
		got, err := EvalTemplate(mustJSON(t, tt.tmpl), s)
		if err != nil {
			t.Errorf("EvalTemplate(%s): %v", tt.tmpl, err)
			continue
		}
		if !DeepEqual(got, mustJSON(t, tt.want)) {
			t.Errorf("EvalTemplate(%s) = %s, want %s", tt.tmpl, JSONText(got), tt.want)
		}
	}
}

func TestEvalTemplateLeavesTemplateAlone(t *testing.T) {
	// Templates are evaluated once per Map item: the result's own objects
	// and arrays must be fresh so that changing one never changes tmpl.
	tmpl := mustJSON(t, `{"lit": {"x": [1]}, "o.$": "$"}`)
	got, err := EvalTemplate(tmpl, Scope{Input: "in"})
	if err != nil {
		t.Fatal(err)
	}
	m := got.(map[string]any)
	m["lit"].(map[string]any)["x"].([]any)[0] = 2
	if JSONText(tmpl) != `{"lit":{"x":[1]},"o.$":"$"}` {
		t.Errorf("changing the result changed the template: %s", JSONText(tmpl))
	}
}

func TestEvalTemplateErrors(t *testing.T) {
	input := mustJSON(t, `{"int-literal": 0}`)
	tests := []struct{ tmpl, name, cause string }{
		// Recorded causes (scenarios/test_invalid_jsonpath__*), without the
		// "An error occurred while executing the state…" prefix the simulator adds.
		{`{"value.$": "$.no_such_jsonpath"}`, ErrRuntime,
			`The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"int-literal":0}'`},
		{`{"value.$": "$$.Execution.Input.no_such_jsonpath"}`, ErrRuntime,
			`The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"int-literal":0}'`},
		{`{"v.$": "States.ArrayGetItem(States.Array(1), 5)"}`, ErrIntrinsicFailure, ""},
		{`{"v.$": 5}`, ErrRuntime, ""},
		{`{"v.$": "not a path"}`, ErrRuntime, ""},
	}
	for _, tt := range tests {
		_, err := EvalTemplate(mustJSON(t, tt.tmpl), Scope{Input: input, Context: map[string]any{"Execution": map[string]any{"Input": input}}})
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("EvalTemplate(%s) error = %v, want *Error", tt.tmpl, err)
			continue
		}
		if e.Name != tt.name || tt.cause != "" && e.Cause != tt.cause {
			t.Errorf("EvalTemplate(%s) = %s: %s\nwant %s: %s", tt.tmpl, e.Name, e.Cause, tt.name, tt.cause)
		}
	}
}

func FuzzEvalTemplate(f *testing.F) {
	f.Add(`{"a.$": "$.x", "b": [{"c.$": "States.Array($.x, 1)"}]}`)
	f.Add(`{"a.$": "$$.Execution", "b.$": "$v"}`)
	input := map[string]any{"x": []any{int64(1), "s", nil}}
	f.Fuzz(func(t *testing.T, s string) {
		tmpl, err := ParseJSON([]byte(s))
		if err != nil {
			return
		}
		_, _ = EvalTemplate(tmpl, Scope{Input: input, Context: input, Vars: func(string) (any, bool) { return input, true }})
	})
}

func TestJSONTextStrings(t *testing.T) {
	tests := map[string]string{
		"plain":         `"plain"`,
		`q"b\`:          `"q\"b\\"`,
		"<a&b>":         `"<a&b>"`,
		"line\nbreak\t": `"line\nbreak\t"`,
		"\x01\x1f":      `"\u0001\u001f"`,
		"é\u2028😀":      "\"é\u2028😀\"",
		"\b\f\r":        `"\b\f\r"`,
	}
	for in, want := range tests {
		if got := JSONText(in); got != want {
			t.Errorf("JSONText(%q) = %s, want %s", in, got, want)
		}
	}
}

func FuzzJSONTextRoundTrip(f *testing.F) {
	f.Add("a\"b\\c\n\x00é")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		back, err := ParseJSON([]byte(JSONText(s)))
		if err != nil || back != s {
			t.Fatalf("JSONText(%q) = %s does not read back: %v %q", s, JSONText(s), err, back)
		}
	})
}

// Seeded States.UUID / States.MathRandom must land on the same keys on
// every run: the template's keys are walked in sorted order, not Go's
// random map order.
func TestEvalTemplateIsDeterministic(t *testing.T) {
	tmpl := mustJSON(t, `{"e.$": "States.UUID()", "a.$": "States.UUID()", "c.$": "States.MathRandom(0, 1000000)",
		"b": {"y.$": "States.UUID()", "x.$": "States.UUID()"}, "d.$": "States.UUID()"}`)
	var first string
	for i := 0; i < 30; i++ {
		got, err := EvalTemplate(tmpl, Scope{Input: map[string]any{}, Env: NewEnv(7)})
		if err != nil {
			t.Fatal(err)
		}
		text := JSONText(got)
		if i == 0 {
			first = text
		} else if text != first {
			t.Fatalf("run %d gave %s, run 0 gave %s", i, text, first)
		}
	}
}
