package expr

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestJSONataCorpusPassStates evaluates the Output of every JSONata
// execution in the conformance corpus whose machine is a single Pass state,
// and compares with what AWS returned: the output, or the cause text after
// "An error occurred while executing the state '…' (entered at … #N). ".
func TestJSONataCorpusPassStates(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "conformance", "executions.jsonl"))
	if err != nil {
		t.Skipf("conformance corpus not found (%v)", err)
	}
	total, pass := 0, 0
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" {
			continue
		}
		var c struct {
			ID            string `json:"id"`
			QueryLanguage string `json:"query_language"`
			Tier          string `json:"tier"`
			Definition    struct {
				States map[string]map[string]any `json:"States"`
			} `json:"definition"`
			Input    any `json:"input"`
			Expected struct {
				Status string `json:"status"`
				Output any    `json:"output"`
				Cause  any    `json:"cause"`
			} `json:"expected"`
		}
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatal(err)
		}
		if c.QueryLanguage == "JSONPath" || c.Tier == "reference" || len(c.Definition.States) != 1 {
			continue
		}
		var st map[string]any
		for _, s := range c.Definition.States {
			st = s
		}
		if st["Type"] != "Pass" || st["Assign"] != nil {
			continue
		}
		total++
		input := jnFromJSONNumbers(jnNormalizeNumbers(c.Input))
		states := map[string]any{"input": input, "context": map[string]any{}}
		var got any = input
		if out, ok := st["Output"]; ok {
			got, err = EvalJSONataField(jnNormalizeNumbers(out), "Output", Scope{Input: input, Env: NewEnv(1)}, states)
		}
		switch c.Expected.Status {
		case "SUCCEEDED":
			if err != nil || !reflect.DeepEqual(jnRoundTrip(got), jnRoundTrip(c.Expected.Output)) {
				t.Errorf("%s: got %v, %v; want %v", c.ID, got, err, c.Expected.Output)
				continue
			}
		case "FAILED":
			cause, _ := c.Expected.Cause.(string)
			if i := strings.Index(cause, "). "); i >= 0 {
				cause = cause[i+3:]
			}
			e, ok := err.(*Error)
			if !ok || e.Name != ErrQueryEvaluation || e.Cause != cause {
				t.Errorf("%s: got %v; want cause %q", c.ID, err, cause)
				continue
			}
		default:
			continue
		}
		pass++
	}
	t.Logf("%d/%d single-Pass JSONata executions reproduced", pass, total)
	if total == 0 {
		t.Fatal("no cases found")
	}
}

// jnNormalizeNumbers turns encoding/json's float64 integers into int64, as
// sfnctl's loader does.
func jnNormalizeNumbers(v any) any {
	switch x := v.(type) {
	case float64:
		return jnNum(x)
	case []any:
		for i, it := range x {
			x[i] = jnNormalizeNumbers(it)
		}
	case map[string]any:
		for k, it := range x {
			x[k] = jnNormalizeNumbers(it)
		}
	}
	return v
}
