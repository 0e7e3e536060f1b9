package expr

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestIsIntrinsic(t *testing.T) {
	for s, want := range map[string]bool{
		"States.Format('x')": true, "States.UUID()": true, " States.Array() ": true,
		"States.Nope(1)": true, // looks like one; ParseIntrinsic rejects it
		"$.a":            false, "States.": false, "States.Format": false, "states.Format()": false, "States.(1)": false,
	} {
		if IsIntrinsic(s) != want {
			t.Errorf("IsIntrinsic(%q) = %v, want %v", s, !want, want)
		}
	}
}

func TestParseIntrinsicAccepts(t *testing.T) {
	for _, s := range []string{
		"States.Array()",
		"States.Array('a', 'b', 'c')",
		"States.Format('Hello {}, welcome to {}!', $.name, $.place)",
		"States.Format('{}', $varname)",
		"States.Format($AnswerTemplate, $$.Map.Item.Value)",
		"States.StringSplit('Hello\nWorld', '\n')",
		"States.MathAdd($.Iterations, -1)",
		"States.Format('Format:{}', 101)",
		"States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), $$.Execution.Input.input_field, false)",
		"States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))",
		"States.Format('It\\'s \\{literal\\} \\\\ {}', 1.5)",
		"States.Array(true, false, null, 1e3, -0.5)",
		"States.Array($.a[?(@.x == 'a,b')], $.b['c)'])",
		"States.MathRandom(1, 10, 42)",
		"States.UUID( )",
		"  States.Array( 1 ,2 )  ",
	} {
		if _, err := ParseIntrinsic(s); err != nil {
			t.Errorf("ParseIntrinsic(%q): %v", s, err)
		}
	}
}

func TestParseIntrinsicRejects(t *testing.T) {
	tests := []struct{ src, msg string }{
		{"States.Nope(1)", "unknown intrinsic function States.Nope (known: States.Array, "},
		{"States.Formt('x')", "unknown intrinsic function States.Formt; did you mean States.Format?"},
		{"States.uuid()", "did you mean States.UUID?"},
		{"States.UUID(1)", "States.UUID takes 0 arguments, not 1"},
		{"States.MathAdd(1)", "States.MathAdd takes 2 arguments, not 1"},
		{"States.MathRandom(1, 2, 3, 4)", "States.MathRandom takes 2 to 3 arguments, not 4"},
		{"States.Format()", "States.Format takes at least 1 argument, not 0"},
		{"States.Array('a)", "unterminated string literal"},
		{"States.Array(1", "missing ')'"},
		{"States.Array(1,)", "expected a quoted string"},
		{"States.Array(foo)", "expected a quoted string"},
		{"States.Array($.a b)", "invalid JSONPath"},
		{"States.Array(1) x", "after the closing ')'"},
		// Recorded rejections (scenarios/test_illegal_escapes__*): \" is not an escape.
		{`States.StringToJson('{"text":"An \"escaped double quote\" here"}')`, "invalid escape"},
		{`States.Format('He said, \"Hello, {}!\"', 'Test \"Name\" Here')`, "invalid escape"},
		{`States.Format('a\nb')`, "invalid escape"},
		{"States.Array(" + strings.Repeat("States.Array(", 10) + strings.Repeat(")", 11), "nest more than 10 deep"},
	}
	for _, tt := range tests {
		_, err := ParseIntrinsic(tt.src)
		var ie *IntrinsicError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ParseIntrinsic(%q) = %v, want an *IntrinsicError containing %q", tt.src, err, tt.msg)
		}
	}
	// Ten levels are allowed.
	ten := strings.Repeat("States.Array(", 10) + strings.Repeat(")", 10)
	if _, err := ParseIntrinsic(ten); err != nil {
		t.Errorf("10 nested calls: %v", err)
	}
}

func evalIntrinsic(t *testing.T, src string, input any) (any, error) {
	t.Helper()
	in, err := ParseIntrinsic(src)
	if err != nil {
		t.Fatalf("ParseIntrinsic(%q): %v", src, err)
	}
	return in.Eval(Scope{Input: input, Env: NewEnv(7)})
}

func TestIntrinsicEval(t *testing.T) {
	input := mustJSON(t, `{"obj": {"b": [1, "x"], "a": 1.5}, "s": "a,b", "n": 2, "arr": [1, 2, 3]}`)
	// Expected values from the AWS developer guide's examples and the
	// recorded corpus cases (rendering of objects, rounding, tokenising).
	tests := []struct{ src, want string }{
		{"States.Format('Hello {}, welcome to {}!', 'A', 'B')", `"Hello A, welcome to B!"`},
		{"States.Format('{} {} {} {}', $.obj, $.arr, null, 1.5)", `"{a=1.5, b=[1, x]} [1, 2, 3] null 1.5"`},
		{"States.Format('It\\'s \\{\\} {}', 'x')", `"It's {} x"`},
		{"States.Format('Format:{}', 101)", `"Format:101"`},
		{"States.JsonToString($.obj)", `"{\"a\":1.5,\"b\":[1,\"x\"]}"`},
		{"States.StringToJson('{\"k\": [1, 2.5]}')", `{"k": [1, 2.5]}`},
		{"States.StringToJson(' ')", `null`},
		{"States.Array($.n, 'x', null)", `[2, "x", null]`},
		{"States.ArrayPartition(States.ArrayRange(1, 5, 1), 2)", `[[1, 2], [3, 4], [5]]`},
		{"States.ArrayContains($.arr, 3)", `true`},
		{"States.ArrayContains($.arr, '3')", `false`},
		{"States.ArrayRange(1, 9, 2)", `[1, 3, 5, 7, 9]`},
		{"States.ArrayRange(9, 1, -4)", `[9, 5, 1]`},
		{"States.ArrayRange(1, 0, 1)", `[]`},
		{"States.ArrayGetItem($.arr, 2)", `3`},
		{"States.ArrayLength($.arr)", `3`},
		{"States.ArrayUnique(States.Array(1, 1, 'a', 'a', 1.0))", `[1, "a"]`},
		{"States.Base64Encode('Data to encode')", `"RGF0YSB0byBlbmNvZGU="`},
		{"States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", `"Data to encode"`},
		{"States.Base64Encode('é')", `"w6k="`},
		{"States.Hash('input data', 'SHA-1')", `"aaff4a450a104cd177d28d18d74485e8cae074b7"`},
		{"States.JsonMerge(States.StringToJson('{\"a\": 1, \"b\": 2}'), States.StringToJson('{\"b\": 3}'), false)", `{"a": 1, "b": 3}`},
		{"States.MathAdd(1.5, 1.51)", `4`},
		{"States.MathAdd(-2.5, 0)", `-2`},
		{"States.MathAdd(111, -1)", `110`},
		{"States.StringSplit($.s, ',')", `["a", "b"]`},
		{"States.StringSplit('This.is+a,test=string', '.+,=')", `["This", "is", "a", "test", "string"]`},
		{"States.StringSplit(',,,,', ',')", `[]`},
		{"States.StringSplit(',,a,', ',')", `["a"]`},
	}
	for _, tt := range tests {
		got, err := evalIntrinsic(t, tt.src, input)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if !DeepEqual(got, mustJSON(t, tt.want)) {
			t.Errorf("%s = %s, want %s", tt.src, JSONText(got), tt.want)
		}
	}
}

func TestIntrinsicRandomness(t *testing.T) {
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	a, _ := evalIntrinsic(t, "States.UUID()", nil)
	b, _ := evalIntrinsic(t, "States.UUID()", nil)
	if !uuid.MatchString(a.(string)) || a != b {
		t.Errorf("UUIDs must be v4 and follow the seed: %v %v", a, b)
	}
	for range 50 {
		v, err := evalIntrinsic(t, "States.MathRandom(-3, 2)", nil)
		n, ok := v.(int64)
		if err != nil || !ok || n < -3 || n >= 2 {
			t.Fatalf("MathRandom(-3, 2) = %v, %v; want an integer in [-3, 2)", v, err)
		}
	}
	x, _ := evalIntrinsic(t, "States.MathRandom(0, 1000000, 5)", nil)
	y, _ := evalIntrinsic(t, "States.MathRandom(0, 1000000, 5)", nil)
	if x != y {
		t.Errorf("a seeded MathRandom must repeat: %v %v", x, y)
	}
}

func TestIntrinsicFailures(t *testing.T) {
	input := mustJSON(t, `{"arr": [1], "s": "x"}`)
	for _, src := range []string{
		"States.Format('{} {}', 1)",
		"States.Format('{}', 1, 2)",
		"States.Format('{ x', 1)",
		"States.Format(1)",
		"States.StringToJson('{bad')",
		"States.StringToJson(1)",
		"States.ArrayPartition($.arr, 0)",
		"States.ArrayPartition($.s, 1)",
		"States.ArrayRange(1, 2, 0)",
		"States.ArrayRange(1, 1001, 1)",
		"States.ArrayRange(1.5, 2, 1)",
		"States.ArrayGetItem($.arr, 1)",
		"States.ArrayGetItem($.arr, -1)",
		"States.ArrayLength($.s)",
		"States.Base64Decode('***')",
		"States.Hash('x', 'SHA-999')",
		"States.JsonMerge($.arr, $.arr, false)",
		"States.JsonMerge(States.StringToJson('{}'), States.StringToJson('{}'), true)",
		"States.MathAdd('1', 2)",
		"States.MathAdd(2147483648, 1)",
		"States.MathRandom(5, 5)",
		"States.StringSplit(1, ',')",
		"States.Base64Encode('" + strings.Repeat("a", 10001) + "')",
	} {
		_, err := evalIntrinsic(t, src, input)
		var e *Error
		if !errors.As(err, &e) || e.Name != ErrIntrinsicFailure || !strings.HasPrefix(e.Cause, "Invalid arguments in States.") {
			t.Errorf("%s: error = %v, want States.IntrinsicFailure", clip(src), err)
		}
	}
	// A path argument that selects nothing is a States.Runtime failure.
	_, err := evalIntrinsic(t, "States.Array($.missing)", input)
	var e *Error
	if !errors.As(err, &e) || e.Name != ErrRuntime {
		t.Errorf("missing path argument: %v, want States.Runtime", err)
	}
}

func TestJavaDouble(t *testing.T) {
	for f, want := range map[float64]string{1: "1.0", 1.1: "1.1", 0: "0.0", -2.5: "-2.5", 1e7: "1.0E7", 1.5e-4: "1.5E-4", 0.001: "0.001", 123456.789: "123456.789", 1e21: "1.0E21"} {
		if got := javaDouble(f); got != want {
			t.Errorf("javaDouble(%v) = %s, want %s", f, got, want)
		}
	}
}

func FuzzIntrinsic(f *testing.F) {
	for _, s := range []string{
		"States.Format('a {} b', $.x)", "States.Array(1, 'x', true, null, $.y[0])",
		"States.ArrayRange(1, 5, 2)", "States.JsonMerge($.o, $.o, false)", "States.Hash($.s, 'MD5')",
		"States.StringSplit($.s, ',')", "States.MathAdd(1.5, -2)", "States.StringToJson($.s)",
		"States.ArrayGetItem(States.Array(1), 0)", "States.Format('\\{\\}\\'\\\\ {}', 1)",
	} {
		f.Add(s)
	}
	input := map[string]any{"x": "v", "y": []any{int64(1)}, "o": map[string]any{"k": 1.5}, "s": "a,b"}
	f.Fuzz(func(t *testing.T, s string) {
		in, err := ParseIntrinsic(s)
		if err != nil {
			return
		}
		_, _ = in.Eval(Scope{Input: input, Env: NewEnv(1)})
	})
}
