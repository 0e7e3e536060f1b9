package expr

import "testing"

// Benchmarks for the hot paths of a simulation: a Map over many items
// evaluates the same few paths and templates once per item.

var benchInput = map[string]any{
	"detail": map[string]any{
		"delivery-partner": "UQS",
		"shipped": []any{
			map[string]any{"prod": "R31", "dest-code": int64(9511), "quantity": int64(1344)},
			map[string]any{"prod": "S39", "dest-code": int64(9511), "quantity": int64(40)},
		},
	},
	"name": "world",
}

func BenchmarkParsePath(b *testing.B) {
	for b.Loop() {
		if _, err := ParsePath("$.detail.shipped[0]['dest-code']"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPathEvalDefinite(b *testing.B) {
	p := MustParsePath("$.detail.shipped[1].quantity")
	s := Scope{Input: benchInput}
	for b.Loop() {
		if _, err := p.Eval(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPathEvalFilter(b *testing.B) {
	p := MustParsePath("$.detail.shipped[?(@.quantity > 100)].prod")
	s := Scope{Input: benchInput}
	for b.Loop() {
		if _, err := p.Eval(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalTemplate(b *testing.B) {
	tmpl := map[string]any{
		"partner.$":  "$.detail.delivery-partner",
		"item.$":     "$$.Map.Item.Value",
		"index.$":    "$$.Map.Item.Index",
		"greeting.$": "States.Format('Hello {}', $.name)",
		"constant":   "x",
		"nested":     map[string]any{"q.$": "$.detail.shipped[0].quantity"},
	}
	ctx := map[string]any{"Map": map[string]any{"Item": map[string]any{"Value": "v", "Index": int64(1)}}}
	s := Scope{Input: benchInput, Context: ctx}
	for b.Loop() {
		if _, err := EvalTemplate(tmpl, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseIntrinsic(b *testing.B) {
	for b.Loop() {
		if _, err := ParseIntrinsic("States.ArrayGetItem(States.StringSplit($.name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($.name, '-')), -1))"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSetAt(b *testing.B) {
	p, _ := ParseReferencePath("$.detail.result")
	for b.Loop() {
		if _, err := SetAt(benchInput, p, "r"); err != nil {
			b.Fatal(err)
		}
	}
}
