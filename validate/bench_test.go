package validate

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// corpusSources returns n definitions from the accepted corpus as JSON text.
func corpusSources(b *testing.B, n int) [][]byte {
	cases := readJSONL(b, filepath.Join(corpusDir(b), "executions.jsonl"))
	var out [][]byte
	for i := 0; len(out) < n; i++ {
		def, _ := json.MarshalIndent(cases[(i*7)%len(cases)]["definition"], "", "  ")
		out = append(out, def)
	}
	return out
}

// BenchmarkValidate200 loads and validates 200 typical definitions.
func BenchmarkValidate200(b *testing.B) {
	srcs := corpusSources(b, 200)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, src := range srcs {
			Document(asl.Load("b.json", src), Options{})
		}
	}
}

// BenchmarkValidateLarge validates one machine of about 1,000 states.
func BenchmarkValidateLarge(b *testing.B) {
	states := map[string]any{}
	for i := 0; i < 1000; i++ {
		next := "S" + itoa(i+1)
		st := map[string]any{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
			"Parameters": map[string]any{"FunctionName": "f", "Payload.$": "$"}, "Next": next,
			"Retry": []any{map[string]any{"ErrorEquals": []any{"States.ALL"}}}}
		if i == 999 {
			delete(st, "Next")
			st["End"] = true
		}
		states["S"+itoa(i)] = st
	}
	src, _ := json.MarshalIndent(map[string]any{"StartAt": "S0", "States": states}, "", "  ")
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if ds := Document(asl.Load("large.json", src), Options{}); HasErrors(ds) {
			b.Fatal(ds[0])
		}
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
