package expr

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

func jnEvalTest(t *testing.T, expr string, env *Env) (any, bool, error) {
	t.Helper()
	j, err := ParseJSONata(expr)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return j.Eval(Scope{Env: env}, map[string]any{"input": map[string]any{"n": int64(3)}})
}

// TestJSONataAWSFunctions checks the functions AWS adds. Expected values
// come from the AWS documentation (States.Hash of "input data"), the
// conformance corpus ($partition, $range, $parse) and hashlib.
func TestJSONataAWSFunctions(t *testing.T) {
	tests := []struct {
		expr string
		want any
	}{
		{"$hash('input data', 'SHA-1')", "aaff4a450a104cd177d28d18d74485e8cae074b7"},
		{"$hash('input data', 'MD5')", "812f45842bc6d66ee14572ce20db8e86"},
		{"$hash('input data', 'SHA-256')", "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"},
		{"$hash('input data', 'SHA-384')", "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"},
		{"$hash('input data', 'SHA-512')", "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"},
		{"$partition([1,2,3,4,5], 2)", []any{[]any{int64(1), int64(2)}, []any{int64(3), int64(4)}, []any{int64(5)}}},
		{"$partition([0], 5)", []any{[]any{int64(0)}}},
		{"$range(0, 10, 3)", []any{int64(0), int64(3), int64(6), int64(9)}},
		{"$range(1, 9, 9)", int64(1)},
		{"$range(10, 0, -5)", []any{int64(10), int64(5), int64(0)}},
		{"$parse('{\"Arg1\": 1, \"Arg2\": []}')", map[string]any{"Arg1": int64(1), "Arg2": []any{}}},
		{"$parse('1.1')", 1.1},
		{"$parse('\"-0\"')", "-0"},
		{"$parse($string({'a': [1, true, null]}))", map[string]any{"a": []any{int64(1), true, nil}}},
		{"$states.input.n * 2", int64(6)},
	}
	for _, tc := range tests {
		got, defined, err := jnEvalTest(t, tc.expr, NewEnv(1))
		if err != nil || !defined || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s = %#v, %v, %v; want %#v", tc.expr, got, defined, err, tc.want)
		}
	}
}

func TestJSONataAWSFunctionErrors(t *testing.T) {
	tests := []struct{ expr, cause string }{
		{"$eval('1')", "T1006: Attempted to invoke a non-function"},
		{"$randomSeeded(1)", "T1006: Attempted to invoke a non-function"},
		{"$hash('x', 'SHA-3')", "D3137: "},
		{"$partition([1], 0)", "D3137: "},
		{"$range(1, 2, 0)", "D3137: "},
		{"$parse('{')", "D3137: "},
	}
	for _, tc := range tests {
		_, _, err := jnEvalTest(t, tc.expr, NewEnv(1))
		var e *Error
		if !errors.As(err, &e) || e.Name != ErrQueryEvaluation || !strings.HasPrefix(e.Cause, tc.cause) {
			t.Errorf("%s: %v; want cause starting %q", tc.expr, err, tc.cause)
		}
	}
}

var jnUUIDv4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestJSONataSeeded: $uuid and $random follow the run's seed; $random(seed)
// depends only on its seed.
func TestJSONataSeeded(t *testing.T) {
	u1, _, _ := jnEvalTest(t, "$uuid()", NewEnv(42))
	u2, _, _ := jnEvalTest(t, "$uuid()", NewEnv(42))
	u3, _, _ := jnEvalTest(t, "$uuid()", NewEnv(43))
	if !jnUUIDv4.MatchString(u1.(string)) || u1 != u2 || u1 == u3 {
		t.Errorf("$uuid: %v %v %v; want version-4 UUIDs equal for equal seeds", u1, u2, u3)
	}
	r1, _, _ := jnEvalTest(t, "$random()", NewEnv(42))
	r2, _, _ := jnEvalTest(t, "$random()", NewEnv(42))
	if f, ok := r1.(float64); !ok || f < 0 || f >= 1 || r1 != r2 {
		t.Errorf("$random(): %v %v", r1, r2)
	}
	s1, _, _ := jnEvalTest(t, "$random(7)", NewEnv(1))
	s2, _, _ := jnEvalTest(t, "$random(7)", NewEnv(2))
	s3, _, _ := jnEvalTest(t, "$random(8)", NewEnv(1))
	if s1 != s2 || s1 == s3 {
		t.Errorf("$random(seed): %v %v %v", s1, s2, s3)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC)
	env := NewEnv(1)
	env.Now = func() time.Time { return now }
	if v, _, _ := jnEvalTest(t, "[$now(), $millis()]", env); !reflect.DeepEqual(v, []any{"2026-01-02T03:04:05.006Z", now.UnixMilli()}) {
		t.Errorf("$now/$millis with Env.Now: %v", v)
	}
}

// TestJSONataLimits: hostile expressions stop with an error instead of
// hanging or exhausting memory.
func TestJSONataLimits(t *testing.T) {
	tests := []struct{ expr, code string }{
		{"($f := function(){$f()}; $f())", "U1002"},          // endless tail recursion: step limit
		{"($f := function($n){1 + $f($n)}; $f(1))", "U1001"}, // endless recursion: depth limit
		{"[1..100000000]", "D2014"},
		{"$count([1..10000000].[1..10000000])", "U1002"}, // memory budget
		{"$pad('x', 1e9)", "U1002"},
		{"($s := 'xxxxxxxxxxxxxxxx'; $f := function($s, $n){$n = 0 ? $s : $f($s & $s, $n-1)}; $f($s, 40))", "U1002"},
	}
	if testing.Short() {
		tests = tests[1:3]
	}
	for _, tc := range tests {
		start := time.Now()
		_, _, err := jnEvalTest(t, tc.expr, NewEnv(1))
		var e *Error
		if !errors.As(err, &e) || !strings.HasPrefix(e.Cause, tc.code+": ") {
			t.Errorf("%s: %v; want %s", tc.expr, err, tc.code)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s took %v", tc.expr, d)
		}
	}
}

// TestEvalJSONataField checks AWS's cause texts and the field paths in them.
func TestEvalJSONataField(t *testing.T) {
	states := map[string]any{"input": map[string]any{"a": int64(1)}}
	tests := []struct {
		v     any
		field string
		want  any
		cause string
	}{
		{map[string]any{"x": "{% $states.input.a + 1 %}", "lit": " {% 1 %}", "arr": []any{"{% 'a' %}", true}}, "Output",
			map[string]any{"x": int64(2), "lit": " {% 1 %}", "arr": []any{"a", true}}, ""},
		{map[string]any{"result": "{% $doesNotExist %}"}, "Output", nil,
			"The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined)."},
		{[]any{1, "{% $x() %}"}, "Items", nil,
			"The JSONata expression '$x()' specified for the field 'Items/1' threw an error during evaluation. T1006: Attempted to invoke a non-function"},
		{"{% $fn := function($x){$x} %}", "Items", nil,
			"The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type."},
		{"{% [1, 2 %}", "Output", nil,
			"The JSONata expression '[1, 2' specified for the field 'Output' threw an error during evaluation. S0203: Expected \"]\" before end of expression"},
	}
	for _, tc := range tests {
		got, err := EvalJSONataField(tc.v, tc.field, Scope{Env: NewEnv(1)}, states)
		if tc.cause != "" {
			var e *Error
			if !errors.As(err, &e) || e.Name != ErrQueryEvaluation || e.Cause != tc.cause {
				t.Errorf("%v: %v; want cause %q", tc.v, err, tc.cause)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%v = %#v, %v; want %#v", tc.v, got, err, tc.want)
		}
	}
}

// TestEvalJSONataFieldDeterministic: with the same seed, several $uuid()
// fields get the same values on every run (map order must not matter).
func TestEvalJSONataFieldDeterministic(t *testing.T) {
	tmpl := map[string]any{"a": "{% $uuid() %}", "b": "{% $uuid() %}", "c": "{% $random() %}", "d": "{% $uuid() %}"}
	first, err := EvalJSONataField(tmpl, "Output", Scope{Env: NewEnv(9)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		got, _ := EvalJSONataField(tmpl, "Output", Scope{Env: NewEnv(9)}, nil)
		if !reflect.DeepEqual(got, first) {
			t.Fatalf("run %d: %v, first run %v", i, got, first)
		}
	}
}
