package expr

import "testing"

// BenchmarkJSONataMap10k is a JSONata Map state's per-item work over
// 10,000 items: ItemSelector-style "{% $states.input.price * 2 %}".
func BenchmarkJSONataMap10k(b *testing.B) {
	items := make([]map[string]any, 10_000)
	for i := range items {
		items[i] = map[string]any{"price": int64(i), "name": "item"}
	}
	tmpl := map[string]any{"doubled": "{% $states.input.price * 2 %}", "name": "{% $states.input.name %}"}
	env := NewEnv(1)
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for _, it := range items {
			states := map[string]any{"input": it}
			if _, err := EvalJSONataField(tmpl, "ItemSelector", Scope{Input: it, Env: env}, states); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkJSONataEval is one evaluation of a typical expression.
func BenchmarkJSONataEval(b *testing.B) {
	j, err := ParseJSONata("$sum($states.input.orders[status = 'open'].(price * qty))")
	if err != nil {
		b.Fatal(err)
	}
	var orders []any
	for i := 0; i < 20; i++ {
		st := "open"
		if i%3 == 0 {
			st = "closed"
		}
		orders = append(orders, map[string]any{"status": st, "price": 1.5, "qty": int64(i)})
	}
	states := map[string]any{"input": map[string]any{"orders": orders}}
	b.ReportAllocs()
	for n := 0; n < b.N; n++ {
		if _, _, err := j.Eval(Scope{}, states); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseJSONata is what validate pays per expression.
func BenchmarkParseJSONata(b *testing.B) {
	b.ReportAllocs()
	for n := 0; n < b.N; n++ {
		if _, err := ParseJSONata("$states.input.items[price > 10].{'name': name, 'total': $sum(qty * price)} ~> $sort(function($a, $b){ $a.total > $b.total })"); err != nil {
			b.Fatal(err)
		}
	}
}
