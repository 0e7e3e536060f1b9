package expr

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestJSONataBody(t *testing.T) {
	tests := []struct {
		in   string
		body string
		ok   bool
	}{
		{"{% $states.input %}", "$states.input", true},
		{"{% $x%}", "$x", true},
		{"{%$x%}", "$x", true},
		{" {% $x %}", "", false},
		{"{% $x %} ", "", false},
		{"{% $x", "", false},
		{"$x %}", "", false},
		{"{%}", "", false},
		{"{%%}", "", true},
		{"plain", "", false},
	}
	for _, tc := range tests {
		body, ok := JSONataBody(tc.in)
		if body != tc.body || ok != tc.ok {
			t.Errorf("JSONataBody(%q) = %q, %v; want %q, %v", tc.in, body, ok, tc.body, tc.ok)
		}
	}
}

func TestParseJSONataErrors(t *testing.T) {
	// codes from jsonata-js 2.0.6 for the same inputs
	tests := []struct{ expr, code string }{
		{"", "S0207"},
		{"'abc", "S0101"},
		{"[1,2", "S0203"},
		{"[1,2,3][1..2]", "S0202"},
		{"Account | Order | {'n': 1} |", "S0201"},
		{"a.1", "S0213"},
		{"1 := 2", "S0212"},
		{"function(a){1}", "S0208"},
		{"/* open", "S0106"},
		{"'\\q'", "S0103"},
		{"`name", "S0105"},
		{"//", "S0301"},
		{"/abc", "S0302"},
		{"a.b)", "S0201"},
		{"1e999", "S0102"},
	}
	for _, tc := range tests {
		_, err := ParseJSONata(tc.expr)
		var je *JSONataError
		if !errors.As(err, &je) {
			t.Errorf("ParseJSONata(%q) = %v, want %s", tc.expr, err, tc.code)
			continue
		}
		if je.Code != tc.code {
			t.Errorf("ParseJSONata(%q) code %s (%v), want %s", tc.expr, je.Code, err, tc.code)
		}
	}
}

// TestParseJSONataCorpus parses every "{% … %}" expression AWS accepted in
// the conformance corpus.
func TestParseJSONataCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "conformance")
	n := 0
	for _, name := range []string{"executions.jsonl", "teststate.jsonl"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Skipf("conformance corpus not found (%v)", err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line == "" {
				continue
			}
			var c struct {
				Definition any `json:"definition"`
				Request    any `json:"request"`
			}
			if err := json.Unmarshal([]byte(line), &c); err != nil {
				t.Fatal(err)
			}
			jnWalkStrings(c.Definition, func(s string) {
				if body, ok := JSONataBody(s); ok {
					n++
					if _, err := ParseJSONata(body); err != nil {
						t.Errorf("%s: %q: %v", name, s, err)
					}
				}
			})
			jnWalkStrings(c.Request, func(s string) {
				if body, ok := JSONataBody(s); ok {
					n++
					if _, err := ParseJSONata(body); err != nil {
						t.Errorf("%s: %q: %v", name, s, err)
					}
				}
			})
		}
	}
	if n == 0 {
		t.Fatal("no JSONata expressions found in the corpus")
	}
}

func jnWalkStrings(v any, f func(string)) {
	switch x := v.(type) {
	case string:
		f(x)
	case map[string]any:
		for _, e := range x {
			jnWalkStrings(e, f)
		}
	case []any:
		for _, e := range x {
			jnWalkStrings(e, f)
		}
	}
}

// jnKnownDifferences are cases where sfnctl deliberately or knowingly
// differs from jsonata-js, with the reason.
var jnKnownDifferences = map[string]string{
	"$keys(Account.Order.Product.Description)": "objects are Go maps: keys come out sorted, not in document order",
	"$string()":                           "objects are Go maps: keys come out sorted, not in document order",
	"$exists($partition)":                 "AWS adds $partition; plain jsonata-js has none",
	"Account.Order.Product.Description.*": "objects are Go maps: keys come out sorted",
	"Account.Order.Product[0].**":         "objects are Go maps: keys come out sorted",
	"$each(Account.Order[0].Product[0].Description, function($v, $k){$k & '=' & $v})": "objects are Go maps: keys come out sorted",
	"$keys(Account.Order.Product)":                           "objects are Go maps: keys come out sorted",
	"$spread(Account.Order[0].Product[0].Description)":       "objects are Go maps: keys come out sorted",
	"$string(Account.Order[0].Product[0].Description, true)": "objects are Go maps: keys come out sorted",
	"Account.Order@$o.Product{$o.OrderID: $sum(Price)}":      "jsonata-js 2.0.6 fails with a TypeError (a bug); we group the tuples",
	"Account.Order@$o.Product{SKU: $o.OrderID}":              "jsonata-js 2.0.6 fails with a TypeError (a bug); we group the tuples",
	"Account.Order.Product@$p.Description{$p.SKU: Colour}":   "jsonata-js 2.0.6 fails with a TypeError (a bug); we group the tuples",
	"$fromMillis(1510067557121, '[Z0]')":                     "timezone pictures other than [Z] and [z] are not implemented",
	"$fromMillis(1510067557121, '[W]')":                      "week-of-year pictures are not implemented",
	"function($x){$x}":                                       "a function result: AWS reports an unsupported result type",
	"[function($x){$x}]":                                     "functions inside results: jsonata-js serialises its internals",
	"{'f': function(){1}}":                                   "functions inside results: jsonata-js serialises its internals",
	"$lookup({'a': function(){1}}, 'a')":                     "a function result: AWS reports an unsupported result type",
}

// TestJSONataReference compares with results recorded from jsonata-js 2.0.6,
// the version AWS runs (testdata/jsonata/gen.js regenerates them).
func TestJSONataReference(t *testing.T) {
	for _, name := range []string{"cases.json", "random.json", "states.json"} {
		t.Run(name, func(t *testing.T) { jnCheckReference(t, filepath.Join("testdata", "jsonata", name)) })
	}
}

func jnCheckReference(t *testing.T, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Datasets map[string]json.RawMessage `json:"datasets"`
		Bindings map[string]any             `json:"bindings"` // for every case without its own
		Cases    []struct {
			Expr      string         `json:"expr"`
			Data      string         `json:"data"`
			Bindings  map[string]any `json:"bindings"`
			Value     any            `json:"value"`
			Undefined bool           `json:"undefined"`
			Error     string         `json:"error"`
			Message   string         `json:"message"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	pass := 0
	for _, c := range file.Cases {
		if _, skip := jnKnownDifferences[c.Expr]; skip {
			continue
		}
		var input any = jnUndefined
		if c.Data != "" {
			input, _ = jnParseJSON(string(file.Datasets[c.Data]))
		}
		j, err := ParseJSONata(c.Expr)
		var got any
		var defined bool
		if err == nil {
			bindings := c.Bindings
			if bindings == nil {
				bindings = file.Bindings
			}
			vars := func(name string) (any, bool) { v, ok := bindings[name]; return v, ok }
			got, defined, err = j.eval(input, Scope{Vars: vars}, nil)
		}
		switch {
		case c.Error != "":
			if err == nil || !strings.Contains(err.Error(), c.Error) {
				t.Errorf("%s: got %v, %v; want error %s", c.Expr, got, err, c.Error)
				continue
			}
			if c.Message != "" && !strings.HasSuffix(err.Error(), c.Message) {
				t.Errorf("%s: error %q; want message %q", c.Expr, err, c.Message)
				continue
			}
		case err != nil:
			t.Errorf("%s: unexpected error %v", c.Expr, err)
			continue
		case c.Undefined:
			if defined {
				t.Errorf("%s: got %v; want undefined", c.Expr, got)
				continue
			}
		default:
			want := jnFromJSONNumbers(jnRoundTrip(c.Value))
			if !defined || !reflect.DeepEqual(jnRoundTrip(got), jnRoundTrip(want)) {
				t.Errorf("%s: got %#v (defined %v); want %#v", c.Expr, got, defined, want)
				continue
			}
		}
		pass++
	}
	t.Logf("%d/%d reference cases agree with jsonata-js", pass, len(file.Cases))
}

func jnRoundTrip(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

func FuzzJSONata(f *testing.F) {
	for _, s := range []string{
		"$states.input.a.b[0]", "$sum([1,2,3]) * 2", "{'a': [1..3]}", "$map($, function($v){$v+1})",
		"($f := function($n){$n > 0 ? $f($n-1) : 0}; $f(10))", "a.b{c: d}", "$replace('x', /x/, 'y')",
		"Account.Order^(>OrderID)", "$ ~> |a|{'b':1}|", "[1,2,3][$ > 1]", "$string(1/3)",
	} {
		f.Add(s)
	}
	input := map[string]any{"a": map[string]any{"b": []any{int64(1), "x", nil, true, 2.5}}, "c": "d"}
	f.Fuzz(func(t *testing.T, s string) {
		j, err := ParseJSONata(s)
		if err != nil {
			var je *JSONataError
			if !errors.As(err, &je) {
				t.Fatalf("parse error of type %T: %v", err, err)
			}
			return
		}
		v, _, err := j.eval(input, Scope{Env: NewEnv(1)}, map[string]any{"input": input})
		if err != nil {
			return
		}
		if _, err := json.Marshal(v); err != nil {
			t.Fatalf("%q: result is not JSON: %v", s, err)
		}
	})
}

// TestJSStringOrder: strings order by UTF-16 units as in JavaScript, so an
// astral character (a surrogate pair) sorts before U+E000…U+FFFF.
func TestJSStringOrder(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"a", "b", -1},
		{"abc", "ab", 1},
		{"é", "z", 1},
		{"\U0001F600", "\uE000", -1},
		{"\uFFFD", "\U0001F600", 1},
		{"same", "same", 0},
	}
	for _, tc := range tests {
		if got := jnCompareJSStrings(tc.a, tc.b); got != tc.want {
			t.Errorf("compare(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
