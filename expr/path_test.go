package expr

import (
	"errors"
	"strings"
	"testing"
)

func mustJSON(t testing.TB, s string) any {
	t.Helper()
	v, err := ParseJSON([]byte(s))
	if err != nil {
		t.Fatalf("bad test JSON %q: %v", s, err)
	}
	return v
}

func TestParsePathAccepts(t *testing.T) {
	// Forms AWS (Jayway) accepts must parse; definiteness per Jayway.
	tests := []struct {
		path     string
		definite bool
	}{
		{"$", true},
		{"$$", true},
		{"$.a", true},
		{"$.a.b.c", true},
		{"$.a-b", true},
		{"$.delivery-partner", true},
		{"$.[0]", true},
		{"$.Snapshots.[0]", true},
		{"$[0]", true},
		{"$[-1]", true},
		{"$.items[10]", true},
		{"$['a']", true},
		{"$[\"a\"]", true},
		{"$['Test\\\"\"Name\"']", true},
		{"$['a b']", true},
		{"$.[*].['bucket','key']", false},
		{"$['a','b']", true}, // several names at the leaf merge into one object
		{"$['a','b'].c", false},
		{"$[0,1]", false},
		{"$.items[1:5]", false},
		{"$.items[:1]", false},
		{"$.items[1:]", false},
		{"$.items[-2:]", false},
		{"$.items[*]", false},
		{"$.a.*", false},
		{"$..a", false},
		{"$..[0]", false},
		{"$..*", false},
		{"$.users[?(@.status == 0)]", false},
		{"$.a[?(@.x > 1 && @.y != 'z' || !(@.w))]", false},
		{"$.a[?(@.name =~ /ab.*/i)]", false},
		{"$.a[?(@.x in [1,2])]", false},
		{"$.a[?(@.x == $.y)]", false},
		{"$.a.length()", true},
		{"$$.Execution.Input", true},
		{"$$.Map.Item.Value", true},
		{"$x", true},
		{"$constant_obj.in_obj_constant_lst", true},
		{"$var[0]", true},
		{"  $.a  ", true},
	}
	for _, tt := range tests {
		p, err := ParsePath(tt.path)
		if err != nil {
			t.Errorf("ParsePath(%q): %v", tt.path, err)
			continue
		}
		if p.Definite() != tt.definite {
			t.Errorf("ParsePath(%q).Definite() = %v, want %v", tt.path, p.Definite(), tt.definite)
		}
		if p.String() != tt.path {
			t.Errorf("String() = %q, want %q", p.String(), tt.path)
		}
	}
}

func TestParsePathRejects(t *testing.T) {
	for _, s := range []string{
		"", "a.b", ".a", "$.", "$..", "$.a.", "$[", "$['a'", "$['a' 'b']", "$[abc]",
		"$.a b", "$[?(@.a == )]", "$[?(@.a", "$.a.unknownfn()", "$a b", "$[1:2:3]",
		"$.a[?(@.x =~ 'notregex')]",
		"$[?(" + strings.Repeat("(", 100000) + "@.a" + strings.Repeat(")", 100000) + ")]",
		"$[?(" + strings.Repeat("!", 100000) + "@.a)]",
		"$" + strings.Repeat("[?(@", 100000) + ".a" + strings.Repeat(")]", 100000),
	} {
		if _, err := ParsePath(s); err == nil {
			t.Errorf("ParsePath(%q) succeeded, want an error", s)
		} else {
			var pe *PathError
			if !errors.As(err, &pe) {
				t.Errorf("ParsePath(%q) error %T, want *PathError", s, err)
			}
		}
	}
}

func TestPathRootKinds(t *testing.T) {
	p := MustParsePath("$$.Execution.Id")
	if !p.IsContext() || p.Variable() != "" {
		t.Errorf("$$ path: IsContext=%v Variable=%q", p.IsContext(), p.Variable())
	}
	p = MustParsePath("$myVar.a")
	if p.IsContext() || p.Variable() != "myVar" {
		t.Errorf("$myVar path: IsContext=%v Variable=%q", p.IsContext(), p.Variable())
	}
	p = MustParsePath("$.a")
	if p.IsContext() || p.Variable() != "" || p.IsRoot() {
		t.Errorf("$.a path misclassified")
	}
	if !MustParsePath("$").IsRoot() {
		t.Errorf("$ is the root")
	}
}

func TestParseReferencePath(t *testing.T) {
	for _, ok := range []string{"$", "$.a", "$.a.b", "$['a']", "$.a[0]", "$.a-b"} {
		if _, err := ParseReferencePath(ok); err != nil {
			t.Errorf("ParseReferencePath(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"$.a[*]", "$..a", "$.a[1:2]", "$.a[0,1]", "$['a','b']", "$.a[?(@.x)]", "$$.Execution", "$var", "$.a.length()"} {
		if _, err := ParseReferencePath(bad); err == nil {
			t.Errorf("ParseReferencePath(%q) succeeded, want an error", bad)
		}
	}
}

func TestPathEval(t *testing.T) {
	input := mustJSON(t, `{
		"a": {"b": 1, "n": null, "s": "str"},
		"items": [{"v": 0, "k": "x"}, {"v": 1, "k": "y"}, {"v": 2}, {"v": 3, "k": "z"}],
		"nums": [5, 1.5, -2],
		"delivery-partner": "UQS",
		"Test\\\"\"Name\"": "Value",
		"users": [{"year": 1997, "status": 0}, {"year": 1998, "status": 1}],
		"deep": {"x": {"name": "n1"}, "y": [{"name": "n2"}]}
	}`)
	ctx := mustJSON(t, `{"Execution": {"Id": "arn:x", "Input": {"q": 1}}, "Map": {"Item": {"Index": 2}}}`)
	vars := map[string]any{"v": mustJSON(t, `{"in": [1, 2]}`), "n": nil}
	scope := Scope{Input: input, Context: ctx, Vars: func(n string) (any, bool) { v, ok := vars[n]; return v, ok }}
	tests := []struct{ path, want string }{
		{"$", JSONText(input)},
		{"$.a.b", `1`},
		{"$.a.n", `null`},
		{"$.delivery-partner", `"UQS"`},
		{"$['Test\\\"\"Name\"']", `"Value"`},
		{"$.items[0].v", `0`},
		{"$.items.[1].k", `"y"`},
		{"$.items[-1].k", `"z"`},
		{"$.items[*].k", `["x","y","z"]`},
		{"$.items[1:3].v", `[1,2]`},
		{"$.items[:1]", `[{"k":"x","v":0}]`},
		{"$.items[2:]", `[{"v":2},{"k":"z","v":3}]`},
		{"$.items[-2:].v", `[2,3]`},
		{"$.items[0,3].v", `[0,3]`},
		{"$.items[*].missing", `[]`},
		{"$.items[*].['v','k']", `[{"k":"x","v":0},{"k":"y","v":1},{"v":2},{"k":"z","v":3}]`},
		{"$.a['b','s']", `{"b":1,"s":"str"}`},
		{"$.users[?(@.status == 0)]", `[{"status":0,"year":1997}]`},
		{"$.users[?(@.year > 1997)].year", `[1998]`},
		{"$.items[?(@.k)].v", `[0,1,3]`},
		{"$.items[?(!@.k)].v", `[2]`},
		{"$.items[?(@.k == 'y' || @.v >= 3)].v", `[1,3]`},
		{"$.items[?(@.k in ['x','z'])].v", `[0,3]`},
		{"$.items[?(@.k =~ /[XY]/i)].v", `[0,1]`},
		{"$.items[?(@.v == '2')].v", `[2]`},
		{"$.nums[?(@ < 2)]", `[1.5,-2]`},
		{"$..name", `["n1","n2"]`},
		{"$.nums.length()", `3`},
		{"$.nums.sum()", `4.5`},
		{"$$.Execution.Id", `"arn:x"`},
		{"$$.Map.Item.Index", `2`},
		{"$$", JSONText(ctx)},
		{"$v.in[1]", `2`},
		{"$v", `{"in":[1,2]}`},
		{"$n", `null`},
	}
	for _, tt := range tests {
		p, err := ParsePath(tt.path)
		if err != nil {
			t.Errorf("ParsePath(%q): %v", tt.path, err)
			continue
		}
		got, err := p.Eval(scope)
		if err != nil {
			t.Errorf("Eval(%q): %v", tt.path, err)
			continue
		}
		if !DeepEqual(got, mustJSON(t, tt.want)) {
			t.Errorf("Eval(%q) = %s, want %s", tt.path, JSONText(got), tt.want)
		}
	}
}

func TestPathEvalErrors(t *testing.T) {
	input := mustJSON(t, `{"a": {"b": 1}, "s": "str", "arr": [1], "nul": null}`)
	scope := Scope{Input: input}
	// Causes as AWS words them (Jayway's messages inside); the first two
	// are recorded in the conformance corpus.
	tests := []struct{ path, cause string }{
		{"$.NoSuchInputPath", "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"},
		{"$.no.such.result.path", "Invalid path '$.no.such.result.path' : Missing property in path $['no']"},
		{"$.a.x", "Invalid path '$.a.x' : No results for path: $['a']['x']"},
		{"$.arr[5]", "Invalid path '$.arr[5]' : No results for path: $['arr'][5]"},
		{"$.s.x", "Invalid path '$.s.x' : Expected to find an object with property ['x'] in path $['s'] but found 'java.lang.String'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'."},
		{"$.nul[0]", "Invalid path '$.nul[0]' : The path $['nul'] is null"},
		{"$.a[0]", `Invalid path '$.a[0]' : Filter: [0] can only be applied to arrays. Current context is: {"b":1}`},
		{"$undefinedVar", "Invalid path '$undefinedVar' : The variable '$undefinedVar' is not defined"},
	}
	for _, tt := range tests {
		_, err := MustParsePath(tt.path).Eval(scope)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Eval(%q) error = %v, want *Error", tt.path, err)
			continue
		}
		if e.Name != ErrRuntime || e.Cause != tt.cause {
			t.Errorf("Eval(%q):\n got %s: %s\nwant %s: %s", tt.path, e.Name, e.Cause, ErrRuntime, tt.cause)
		}
	}
	// Indefinite paths yield [] when nothing matches, even when their
	// definite prefix is missing (recorded: base/test_json_path_array_wildcard_or_slice_with_no_input).
	for _, p := range []string{"$.a[*].x", "$..zzz", "$.s[*]", "$.arr[?(@.x)]", "$.arr[1:]", "$.zzz[1:]", "$.item.items[1:5].itemValue", "$.s[0,1]"} {
		got, err := MustParsePath(p).Eval(scope)
		if err != nil {
			t.Errorf("Eval(%q): %v", p, err)
			continue
		}
		if !DeepEqual(got, []any{}) {
			t.Errorf("Eval(%q) = %s, want []", p, JSONText(got))
		}
	}
}

func TestEvalFieldCause(t *testing.T) {
	// Recorded: scenarios/test_invalid_jsonpath__INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH.
	_, err := MustParsePath("$.no_such_jsonpath").EvalField(Scope{Input: map[string]any{"int-literal": int64(0)}}, "value.$")
	want := `The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"int-literal":0}'`
	var e *Error
	if !errors.As(err, &e) || e.Name != ErrRuntime || e.Cause != want {
		t.Fatalf("got %v, want States.Runtime: %s", err, want)
	}
}

func TestSetAt(t *testing.T) {
	tests := []struct{ doc, path, v, want string }{
		{`{"a":1}`, "$", `"r"`, `"r"`},
		{`{"a":1}`, "$.b", `2`, `{"a":1,"b":2}`},
		{`{"a":1}`, "$.a", `{"x":1}`, `{"a":{"x":1}}`},
		{`{"a":1}`, "$.x.y.z", `true`, `{"a":1,"x":{"y":{"z":true}}}`},
		{`{"detail":{"shipped":[1]}}`, "$.detail.shipped_output", `[2]`, `{"detail":{"shipped":[1],"shipped_output":[2]}}`},
		{`{"a":[1,2,3]}`, "$.a[1]", `"x"`, `{"a":[1,"x",3]}`},
		{`{"a":[{"b":1}]}`, "$.a[0].c", `2`, `{"a":[{"b":1,"c":2}]}`},
		{`{}`, "$['a b']", `1`, `{"a b":1}`},
	}
	for _, tt := range tests {
		doc := mustJSON(t, tt.doc)
		before := JSONText(doc)
		got, err := SetAt(doc, MustParsePath(tt.path), mustJSON(t, tt.v))
		if err != nil {
			t.Errorf("SetAt(%s, %s): %v", tt.doc, tt.path, err)
			continue
		}
		if !DeepEqual(got, mustJSON(t, tt.want)) {
			t.Errorf("SetAt(%s, %s) = %s, want %s", tt.doc, tt.path, JSONText(got), tt.want)
		}
		if JSONText(doc) != before {
			t.Errorf("SetAt mutated its input: %s became %s", before, JSONText(doc))
		}
	}
	for _, tt := range []struct{ doc, path string }{
		{`"input1"`, "$.someTaskResult"},
		{`{"a":1}`, "$.a.b"},
		{`{"a":[1]}`, "$.a[3]"},
		{`{"a":[1]}`, "$.a.b"},
		{`{"a":null}`, "$.a.b"},
	} {
		_, err := SetAt(mustJSON(t, tt.doc), MustParsePath(tt.path), int64(1))
		var e *Error
		if !errors.As(err, &e) || e.Name != ErrReferencePathConflict {
			t.Errorf("SetAt(%s, %s) error = %v, want %s", tt.doc, tt.path, err, ErrReferencePathConflict)
			continue
		}
		// AWS: Unable to apply ReferencePath $.someTaskResult to input "input1"
		if !strings.HasPrefix(e.Cause, "Unable to apply ReferencePath "+tt.path+" to input ") {
			t.Errorf("cause = %q", e.Cause)
		}
	}
}

func TestDeepEqualNumbers(t *testing.T) {
	if !DeepEqual(int64(1), 1.0) || DeepEqual(int64(1), true) || DeepEqual(int64(1), "1") {
		t.Error("numbers compare by value, and only with numbers")
	}
	if DeepEqual(int64(1<<62), int64(1<<62+1)) {
		t.Error("large integers must compare exactly")
	}
}

func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"$", "$.a", "$.[0]", "$..a[?(@.b == 'x' && @.c > 1)]", "$['a','b']", "$.a[1:2]", "$$.Execution", "$v.a", "$.a.length()", "$[?(@.a in [1,{\"x\":[2]}])]"} {
		f.Add(s)
	}
	input := map[string]any{"a": []any{map[string]any{"b": "x", "c": int64(2)}, int64(1), nil}, "b": map[string]any{"c": 1.5}}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePath(s)
		if err != nil {
			return
		}
		_ = p.Definite()
		_, _ = p.Eval(Scope{Input: input, Context: input})
		if rp, err := ParseReferencePath(s); err == nil {
			_, _ = SetAt(input, rp, int64(1))
		}
	})
}

func TestPathFilters(t *testing.T) {
	// Operator semantics as documented for Jayway JsonPath filters.
	input := mustJSON(t, `{
		"limit": 10,
		"books": [
			{"t": "a", "price": 8.95, "tags": ["x", "y"], "isbn": "1"},
			{"t": "b", "price": 12.99, "tags": ["y"]},
			{"t": "c", "price": 10, "tags": [], "isbn": null},
			{"t": "d", "price": "10", "tags": ["x", "y", "z"]}
		]
	}`)
	tests := []struct{ filter, want string }{
		{"@.price < 10", `["a"]`},
		{"@.price <= 10", `["a","c"]`},
		{"@.price > $.limit", `["b"]`},
		{"@.price >= $['limit']", `["b","c"]`},
		{"@.price == 10", `["c","d"]`}, // a number equals a numeric string
		{"@.price === 10", `["c"]`},    // but not strictly
		{"@.price != 10", `["a","b"]`},
		{"@.price !== 10", `["a","b","d"]`},
		{"@.t > 'b'", `["c","d"]`}, // strings order lexically
		{"@.t == \"a\"", `["a"]`},
		{"@.t in ['a', 'c']", `["a","c"]`},
		{"@.t nin ['a', 'c']", `["b","d"]`},
		{"@.tags contains 'z'", `["d"]`},
		{"@.tags subsetof ['x', 'y']", `["a","b","c"]`},
		{"@.tags anyof ['z', 'q']", `["d"]`},
		{"@.tags noneof ['x']", `["b","c"]`},
		{"@.tags size 2", `["a"]`},
		{"@.tags empty true", `["c"]`},
		{"@.tags empty false", `["a","b","d"]`},
		{"@.t =~ /[A-B]/i", `["a","b"]`},
		{"@.isbn", `["a","c"]`}, // exists, even when null
		{"!@.isbn", `["b","d"]`},
		{"@.price < 10 || @.t == 'd'", `["a","d"]`},
		{"(@.price > 9 && @.price < 13) && !(@.t == 'b')", `["c"]`},
		{"@.missing == null", `[]`},
		{"@.missing != 1", `["a","b","c","d"]`},
	}
	for _, tt := range tests {
		path := "$.books[?(" + tt.filter + ")].t"
		p, err := ParsePath(path)
		if err != nil {
			t.Errorf("ParsePath(%q): %v", path, err)
			continue
		}
		got, err := p.Eval(Scope{Input: input})
		if err != nil {
			t.Errorf("Eval(%q): %v", path, err)
			continue
		}
		if !DeepEqual(got, mustJSON(t, tt.want)) {
			t.Errorf("%s = %s, want %s", tt.filter, JSONText(got), tt.want)
		}
	}
}

func TestPathFunctions(t *testing.T) {
	input := mustJSON(t, `{"n": [3, 1.5, 2], "o": {"b": 1, "a": 2}, "s": "héllo"}`)
	tests := []struct{ path, want string }{
		{"$.n.length()", `3`},
		{"$.o.length()", `2`},
		{"$.s.length()", `5`},
		{"$.n.min()", `1.5`},
		{"$.n.max()", `3`},
		{"$.n.sum()", `6.5`},
		{"$.n.avg()", `2.1666666666666665`},
		{"$.o.keys()", `["a","b"]`},
		{"$.n.first()", `3`},
		{"$.n.last()", `2`},
	}
	for _, tt := range tests {
		got, err := MustParsePath(tt.path).Eval(Scope{Input: input})
		if err != nil || !DeepEqual(got, mustJSON(t, tt.want)) {
			t.Errorf("%s = %v, %v; want %s", tt.path, JSONText(got), err, tt.want)
		}
	}
	if _, err := MustParsePath("$.o.min()").Eval(Scope{Input: input}); err == nil {
		t.Error("min() of an object must fail")
	}
}
