package validate

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// mutation breaks one state of an AWS-accepted definition in one way and
// returns a text that only occurs on the line the defect is on.
type mutation struct {
	name  string
	apply func(st map[string]any, jsonata bool) (marker string, ok bool)
}

var mutations = []mutation{
	{"unknown field", func(st map[string]any, _ bool) (string, bool) { st["Bogus_Field"] = 1; return `"Bogus_Field"`, true }},
	{"bad type", func(st map[string]any, _ bool) (string, bool) { st["Type"] = "Bogus_Type"; return `"Bogus_Type"`, true }},
	{"dangling Next", func(st map[string]any, _ bool) (string, bool) {
		if _, ok := st["Next"]; !ok {
			return "", false
		}
		st["Next"] = "Bogus_Target"
		return `"Bogus_Target"`, true
	}},
	{"misspelt Next", func(st map[string]any, _ bool) (string, bool) {
		n, ok := st["Next"]
		if !ok {
			return "", false
		}
		delete(st, "Next")
		st["Nxet"] = n
		return `"Nxet"`, true
	}},
	{"misspelt Type", func(st map[string]any, _ bool) (string, bool) {
		st["Tpye"] = st["Type"]
		delete(st, "Type")
		return `"Tpye"`, true
	}},
	{"misspelt Resource", func(st map[string]any, _ bool) (string, bool) {
		r, ok := st["Resource"]
		if !ok {
			return "", false
		}
		delete(st, "Resource")
		st["Resouce"] = r
		return `"Resouce"`, true
	}},
	{"field of the other query language", func(st map[string]any, jsonata bool) (string, bool) {
		if jsonata {
			st["InputPath"] = "$.Bogus_Path"
			return `"$.Bogus_Path"`, true
		}
		st["Output"] = "Bogus_Output"
		return `"Bogus_Output"`, true
	}},
	{"bad intrinsic", func(st map[string]any, _ bool) (string, bool) {
		p, ok := st["Parameters"].(map[string]any)
		if !ok {
			return "", false
		}
		p["bogus.$"] = "States.Bogus($.a)"
		return `"bogus.$"`, true
	}},
	{"bad operand", func(st map[string]any, _ bool) (string, bool) {
		rules, _ := st["Choices"].([]any)
		if len(rules) == 0 {
			return "", false
		}
		r, _ := rules[0].(map[string]any)
		if _, ok := r["Variable"]; !ok {
			return "", false
		}
		for k := range r {
			if isOperator(k) {
				delete(r, k)
			}
		}
		r["NumericEquals"] = "Bogus_Number"
		return `"Bogus_Number"`, true
	}},
	{"timeout zero", func(st map[string]any, _ bool) (string, bool) {
		if st["Type"] != "Task" {
			return "", false
		}
		delete(st, "TimeoutSecondsPath")
		st["TimeoutSeconds"] = -7
		return `"TimeoutSeconds": -7`, true
	}},
	{"Next on a terminal type", func(st map[string]any, _ bool) (string, bool) {
		switch st["Type"] {
		case "Succeed", "Fail", "Choice":
			st["Next"] = "Bogus_Target"
			return `"Bogus_Target"`, true
		}
		return "", false
	}},
}

// TestMutationsLandOnTheirLine: one defect put into a definition AWS
// accepted gives errors whose first one is on the defect's line. This is
// how held-out broken definitions are judged.
func TestMutationsLandOnTheirLine(t *testing.T) {
	cases := readJSONL(t, filepath.Join(corpusDir(t), "executions.jsonl"))
	tried, bad := 0, 0
	for i := 0; i < len(cases); i += 7 {
		for _, m := range mutations {
			var def map[string]any
			raw, _ := json.Marshal(cases[i]["definition"])
			_ = json.Unmarshal(raw, &def)
			states, _ := def["States"].(map[string]any)
			st, _ := states[def["StartAt"].(string)].(map[string]any)
			if st == nil {
				continue
			}
			ql, _ := st["QueryLanguage"].(string)
			if ql == "" {
				ql, _ = def["QueryLanguage"].(string)
			}
			marker, ok := m.apply(st, ql == "JSONata")
			if !ok {
				continue
			}
			src, _ := json.MarshalIndent(def, "", "  ")
			want := 0
			for n, line := range strings.Split(string(src), "\n") {
				if strings.Contains(line, marker) {
					want = n + 1
				}
			}
			tried++
			var first *asl.Diagnostic
			ds := Document(asl.Load("m.json", src), Options{Type: workflowType(cases[i])})
			for j := range ds {
				if ds[j].Severity == asl.SeverityError {
					first = &ds[j]
					break
				}
			}
			if first == nil || first.Line != want {
				bad++
				t.Errorf("%s, %s: want the first error on line %d, got %v", cases[i]["id"], m.name, want, first)
			}
		}
	}
	t.Logf("%d/%d mutations reported first on their own line", tried-bad, tried)
}
