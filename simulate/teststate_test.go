package simulate

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/sfnctl/sfnctl/expr"
)

// TestTestStateConformance runs the TestState cases of the corpus that
// make a request sfnctl can answer (not the request-validation ones) and
// reports pass rates. Every exact one passes, so any exact failure is a
// regression and fails the test.
func TestTestStateConformance(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "conformance")
	f, err := os.Open(filepath.Join(dir, "teststate.jsonl"))
	if err != nil {
		t.Skipf("conformance corpus not found at %s: skipping", dir)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	tally := map[string][2]int{}
	for sc.Scan() {
		v, err := expr.ParseJSON(sc.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		c := v.(map[string]any)
		tier, _ := c["tier"].(string)
		exp, _ := c["expected"].(map[string]any)
		if tier == "reference" || exp["exception"] != nil {
			continue
		}
		ok, why := runTestStateCase(c)
		key := fmt.Sprintf("%s %s", tier, c["query_language"])
		n := tally[key]
		n[1]++
		switch {
		case ok:
			n[0]++
		case tier == "exact":
			t.Errorf("regression: exact TestState case %s: %s", c["id"], why)
		case testing.Verbose():
			t.Logf("FAIL %s [%s]: %s", c["id"], key, why)
		}
		tally[key] = n
	}
	for _, k := range sortedNames(tally) {
		t.Logf("TestState %-14s %3d/%-3d", k, tally[k][0], tally[k][1])
	}
}

func runTestStateCase(c map[string]any) (bool, string) {
	r := c["request"].(map[string]any)
	req := TestStateRequest{Definition: r["definition"], Input: r["input"]}
	if req.Input == nil {
		req.Input = map[string]any{}
	}
	req.StateName, _ = r["stateName"].(string)
	req.RoleArn, _ = r["roleArn"].(string)
	req.Variables, _ = r["variables"].(map[string]any)
	req.Context, _ = r["context"].(map[string]any)
	if m, ok := r["mock"].(map[string]any); ok {
		req.Mock = &TestStateMock{}
		if res, ok := m["result"]; ok {
			req.Mock.Result, req.Mock.HasResult = res, true
		}
		if eo, ok := m["errorOutput"].(map[string]any); ok {
			if e, ok := eo["error"].(string); ok {
				req.Mock.Error = &e
			}
			if cs, ok := eo["cause"].(string); ok {
				req.Mock.Cause = &cs
			}
		}
	}
	if cfg, ok := r["stateConfiguration"].(map[string]any); ok {
		if n, ok := cfg["retrierRetryCount"].(int64); ok {
			req.RetrierRetryCount = int(n)
		}
		if n, ok := cfg["mapIterationFailureCount"].(int64); ok {
			req.MapIterationFailureCount = int(n)
		}
		if s, ok := cfg["mapItemReaderData"].(string); ok {
			req.MapItemReaderData, _ = expr.ParseJSON([]byte(s))
		}
	}
	res, err := TestState(req)
	if err != nil {
		return false, err.Error()
	}
	exp := c["expected"].(map[string]any)
	tier, _ := c["tier"].(string)
	eq := expr.DeepEqual
	if tier == "loose" {
		var tokens []string
		for _, p := range c["placeholders"].([]any) {
			tokens = append(tokens, p.(string))
		}
		eq = func(a, b any) bool { return looseEqual(a, b, tokens) }
	}
	if res.Status != exp["status"] {
		return false, fmt.Sprintf("status %s, want %v (error %s, cause %s)", res.Status, exp["status"], show(res.Error), show(res.Cause))
	}
	if want, ok := exp["output"]; ok && !eq(want, res.Output) {
		return false, fmt.Sprintf("output %s, want %s", clip(Compact(res.Output)), clip(Compact(want)))
	}
	if res.Status != TestSucceeded {
		if !eq(exp["error"], strOrNil(res.Error)) || !eq(exp["cause"], strOrNil(res.Cause)) {
			return false, fmt.Sprintf("error %s cause %s, want %v %v", show(res.Error), show(res.Cause), exp["error"], exp["cause"])
		}
	}
	if want, _ := exp["nextState"].(string); want != res.NextState {
		return false, fmt.Sprintf("next state %q, want %q", res.NextState, want)
	}
	return true, ""
}
