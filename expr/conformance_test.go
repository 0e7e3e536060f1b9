package expr

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The conformance corpus (recorded on real AWS) is the oracle for paths,
// templates and intrinsics: every exact JSONPath case whose definition is a
// plain chain of Pass states is replayed here with Path/EvalTemplate/SetAt.

const corpusDir = "../../shared/conformance"

type corpusCase struct {
	ID            string         `json:"id"`
	Area          string         `json:"area"`
	Tier          string         `json:"tier"`
	QueryLanguage string         `json:"query_language"`
	Definition    map[string]any `json:"definition"`
	Input         any            `json:"input"`
	Expected      struct {
		Status string `json:"status"`
		Output any    `json:"output"`
		Error  any    `json:"error"`
		Cause  any    `json:"cause"`
	} `json:"expected"`
}

func loadCorpus(t *testing.T) []corpusCase {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "executions.jsonl"))
	if err != nil {
		t.Skipf("conformance corpus not found (%v); skipping", err)
	}
	defer f.Close()
	var cases []corpusCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var c corpusCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		// Re-decode values with int64 integers, as sfnctl represents them.
		c.Input = reparse(t, c.Input)
		c.Expected.Output = reparse(t, c.Expected.Output)
		c.Definition, _ = reparse(t, c.Definition).(map[string]any)
		cases = append(cases, c)
	}
	return cases
}

func reparse(t *testing.T, v any) any {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := ParseJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var passFields = map[string]bool{"Type": true, "Comment": true, "Next": true, "End": true,
	"InputPath": true, "Parameters": true, "Result": true, "ResultPath": true, "OutputPath": true}

// passChain returns the states in execution order when the definition is a
// chain of JSONPath Pass states, nil otherwise.
func passChain(def map[string]any) (names []string, states []map[string]any) {
	if def["QueryLanguage"] != nil && def["QueryLanguage"] != "JSONPath" {
		return nil, nil
	}
	all, _ := def["States"].(map[string]any)
	name, _ := def["StartAt"].(string)
	for name != "" && len(names) <= len(all) {
		st, _ := all[name].(map[string]any)
		if st == nil || st["Type"] != "Pass" {
			return nil, nil
		}
		for k := range st {
			if !passFields[k] {
				return nil, nil
			}
		}
		names = append(names, name)
		states = append(states, st)
		name, _ = st["Next"].(string)
	}
	if name != "" {
		return nil, nil
	}
	return names, states
}

// runPass applies one Pass state's data flow the way AWS does.
func runPass(st map[string]any, input any, s Scope) (any, error) {
	effective := input
	if ip, ok := st["InputPath"]; ok {
		if ip == nil {
			effective = map[string]any{}
		} else {
			v, err := MustParsePath(ip.(string)).Eval(Scope{Input: input, Context: s.Context, Vars: s.Vars, Env: s.Env})
			if err != nil {
				return nil, err
			}
			effective = v
		}
	}
	result := effective
	if tmpl, ok := st["Parameters"]; ok {
		v, err := EvalTemplate(tmpl, Scope{Input: effective, Context: s.Context, Vars: s.Vars, Env: s.Env})
		if err != nil {
			return nil, err
		}
		result = v
	} else if r, ok := st["Result"]; ok {
		result = r
	}
	output := result
	if rp, ok := st["ResultPath"]; ok {
		if rp == nil {
			output = input
		} else {
			p, err := ParseReferencePath(rp.(string))
			if err != nil {
				return nil, err
			}
			output, err = SetAt(input, p, result)
			if err != nil {
				return nil, err
			}
		}
	}
	if op, ok := st["OutputPath"]; ok {
		if op == nil {
			return map[string]any{}, nil
		}
		return MustParsePath(op.(string)).Eval(Scope{Input: output, Context: s.Context, Vars: s.Vars, Env: s.Env})
	}
	return output, nil
}

type caseResult struct {
	status, errName, cause string
	output                 any
}

func runChain(c corpusCase, names []string, states []map[string]any) caseResult {
	ctx := map[string]any{
		"Execution": map[string]any{
			"Id": "arn:aws:states:us-east-1:111111111111:execution:sm:exec", "Name": "exec",
			"Input": c.Input, "RoleArn": "arn:aws:iam::111111111111:role/r", "StartTime": "2024-01-01T00:00:00Z",
		},
		"StateMachine": map[string]any{"Id": "arn:aws:states:us-east-1:111111111111:stateMachine:sm", "Name": "sm"},
	}
	value := c.Input
	for i, st := range states {
		ctx["State"] = map[string]any{"Name": names[i], "EnteredTime": "2024-01-01T00:00:00Z"}
		out, err := runPass(st, value, Scope{Input: value, Context: ctx, Env: NewEnv(1)})
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				return caseResult{status: "ERROR", cause: err.Error()}
			}
			prefix := fmt.Sprintf("An error occurred while executing the state '%s' (entered at the event id #%d). ", names[i], 2+2*i)
			return caseResult{status: "FAILED", errName: e.Name, cause: prefix + e.Cause}
		}
		value = out
	}
	return caseResult{status: "SUCCEEDED", output: value}
}

func TestConformancePassChains(t *testing.T) {
	cases := loadCorpus(t)
	type tally struct{ run, pass int }
	byArea := map[string]*tally{}
	var failures []string
	for _, c := range cases {
		// The loose tier is compared with placeholders by simulate's
		// conformance test, which runs every case end to end.
		if c.Tier != "exact" || c.QueryLanguage != "JSONPath" {
			continue
		}
		if c.Expected.Error == ErrDataLimitExceeded {
			continue // payload limits are the simulator's, not expr's
		}
		names, states := passChain(c.Definition)
		if names == nil || readsWholeContext(c.Definition) {
			continue
		}
		key := c.Area + " (" + c.Tier + ")"
		tl := byArea[key]
		if tl == nil {
			tl = &tally{}
			byArea[key] = tl
		}
		tl.run++
		got := runChain(c, names, states)
		eq := DeepEqual
		ok := got.status == c.Expected.Status
		if ok && got.status == "SUCCEEDED" {
			ok = eq(c.Expected.Output, got.output)
		} else if ok {
			ok = eq(c.Expected.Error, got.errName) && eq(c.Expected.Cause, got.cause)
		}
		if ok {
			tl.pass++
			continue
		}
		detail := fmt.Sprintf("%s: got %s %s %s %s; want %s %v %v %s", c.ID, got.status, got.errName, got.cause, clip(JSONText(got.output)),
			c.Expected.Status, c.Expected.Error, c.Expected.Cause, clip(JSONText(c.Expected.Output)))
		failures = append(failures, detail)
	}
	areas := make([]string, 0, len(byArea))
	for a := range byArea {
		areas = append(areas, a)
	}
	sort.Strings(areas)
	var total, passed int
	for _, a := range areas {
		t.Logf("%-22s %3d/%3d", a, byArea[a].pass, byArea[a].run)
		total += byArea[a].run
		passed += byArea[a].pass
	}
	t.Logf("JSONPath Pass chains, exact tier: %d/%d", passed, total)
	if len(failures) > 0 {
		t.Errorf("%d failing cases:\n%s", len(failures), strings.Join(failures, "\n"))
	}
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// readsWholeContext reports whether a definition copies a whole part of the
// context object ($$, $$.Execution…), whose exact shape is the simulator's
// business; this test only fakes the few fields paths read.
func readsWholeContext(def map[string]any) bool {
	text := JSONText(def)
	for _, whole := range []string{`"$$"`, `"$$.Execution"`, `"$$.State"`, `"$$.StateMachine"`} {
		if strings.Contains(text, whole) {
			return true
		}
	}
	return false
}
