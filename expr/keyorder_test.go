package expr

import (
	"reflect"
	"testing"
)

// jsonata-js keeps the key order of parsed JSON (JSON.parse does), so
// $keys and $string list keys in document order.
func TestDocumentKeyOrder(t *testing.T) {
	doc := `{"zeta": 1, "alpha": {"y": 1, "b": 2}, "mid": [{"q": 1, "c": 2}]}`
	input, err := jnParseJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		expr string
		want any
	}{
		{"$keys($)", []any{"zeta", "alpha", "mid"}},
		{"$keys(alpha)", []any{"y", "b"}},
		{"$keys(mid)", []any{"q", "c"}},
		{"$string($)", `{"zeta":1,"alpha":{"y":1,"b":2},"mid":[{"q":1,"c":2}]}`},
		{"$keys($parse('{\"b\": 1, \"a\": 2, \"b\": 3}'))", []any{"b", "a"}},
	}
	for _, tc := range tests {
		j, err := ParseJSONata(tc.expr)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := j.eval(input, Scope{}, nil)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s = %#v, %v; want %#v", tc.expr, got, err, tc.want)
		}
	}
}

// A recorded order that no longer describes the map (its keys changed, or
// the address was reused) is ignored: keys come out sorted.
func TestDocumentKeyOrderStale(t *testing.T) {
	m := map[string]any{"b": 1, "a": 2}
	RecordKeyOrder(m, []string{"b", "a"})
	if got, _ := documentOrder(m); !reflect.DeepEqual(got, []string{"b", "a"}) {
		t.Fatalf("recorded order = %v", got)
	}
	delete(m, "b")
	m["c"] = 3
	if got, ok := documentOrder(m); ok {
		t.Fatalf("stale order used: %v", got)
	}
	var ev *jnEvaluator
	if got := ev.keysOf(m); !reflect.DeepEqual(got, []string{"a", "c"}) {
		t.Fatalf("keysOf = %v, want sorted", got)
	}
}
