package expr

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every expression in a definition AWS accepted must parse (validate must
// never be stricter than AWS), and the definitions AWS rejected for a bad
// ".$" value must not.

// pathFields hold a path (or null) in JSONPath states.
var pathFields = map[string]bool{"InputPath": true, "OutputPath": true, "ItemsPath": true, "Variable": true,
	"SecondsPath": true, "TimestampPath": true, "ErrorPath": true, "CausePath": true,
	"TimeoutSecondsPath": true, "HeartbeatSecondsPath": true, "MaxConcurrencyPath": true,
	"ToleratedFailureCountPath": true, "ToleratedFailurePercentagePath": true}

// choicePathOps are Choice comparisons whose operand is a path.
func isChoicePathOp(k string) bool {
	return strings.HasSuffix(k, "Path") && (strings.HasPrefix(k, "String") || strings.HasPrefix(k, "Numeric") ||
		strings.HasPrefix(k, "Boolean") || strings.HasPrefix(k, "Timestamp"))
}

type exprSite struct{ where, key, value string }

// collectExprs finds ".$" values and path fields, skipping JSONata states,
// Pass Result and other literal payloads (which AWS never evaluates).
func collectExprs(v any, where string, jsonata bool, out *[]exprSite) {
	switch x := v.(type) {
	case map[string]any:
		if ql, ok := x["QueryLanguage"].(string); ok {
			jsonata = ql == "JSONata"
		}
		for k, e := range x {
			if k == "Result" || k == "Comment" || k == "Arguments" || k == "Output" {
				continue
			}
			s, isStr := e.(string)
			switch {
			case jsonata:
			case isStr && strings.HasSuffix(k, ".$"):
				*out = append(*out, exprSite{where, k, s})
			case isStr && (pathFields[k] || isChoicePathOp(k) || k == "ResultPath"):
				*out = append(*out, exprSite{where, k, s})
			}
			collectExprs(e, where+"/"+k, jsonata, out)
		}
	case []any:
		for _, e := range x {
			collectExprs(e, where, jsonata, out)
		}
	}
}

func checkExpr(site exprSite) error {
	switch {
	case site.key == "ResultPath":
		_, err := ParseReferencePath(site.value)
		return err
	case (strings.HasSuffix(site.key, ".$") || site.key == "ErrorPath" || site.key == "CausePath") && IsIntrinsic(site.value):
		// ErrorPath and CausePath may hold an intrinsic call too.
		_, err := ParseIntrinsic(site.value)
		return err
	}
	_, err := ParsePath(site.value)
	return err
}

func readJSONL(t *testing.T, name string, fn func(map[string]any)) {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, name))
	if err != nil {
		t.Skipf("conformance corpus not found (%v); skipping", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		fn(m)
	}
}

func TestCorpusExpressionsParse(t *testing.T) {
	checked := 0
	visit := func(id string, def any) {
		jsonata := false
		if m, ok := def.(map[string]any); ok {
			jsonata = m["QueryLanguage"] == "JSONata"
		}
		var sites []exprSite
		collectExprs(def, "", jsonata, &sites)
		for _, s := range sites {
			checked++
			if err := checkExpr(s); err != nil {
				t.Errorf("%s %s %q: %v", id, s.where, s.key, err)
			}
		}
	}
	readJSONL(t, "executions.jsonl", func(c map[string]any) { visit(c["id"].(string), c["definition"]) })
	readJSONL(t, "teststate.jsonl", func(c map[string]any) {
		if _, isException := c["expected"].(map[string]any)["exception"]; isException {
			return
		}
		visit(c["id"].(string), c["request"].(map[string]any)["definition"])
	})
	t.Logf("%d expressions in accepted definitions parse", checked)
}

func TestCorpusRejectedExpressions(t *testing.T) {
	rejected := 0
	readJSONL(t, "definitions-invalid.jsonl", func(c map[string]any) {
		msg, _ := c["expected_message"].(string)
		if !strings.Contains(msg, "must be a valid JSONPath or a valid intrinsic function call") {
			return
		}
		var sites []exprSite
		collectExprs(c["definition"], "", false, &sites)
		failed := false
		for _, s := range sites {
			if checkExpr(s) != nil {
				failed = true
			}
		}
		if !failed {
			t.Errorf("%s: AWS rejected it (%s) but every expression parsed", c["id"], msg)
		}
		rejected++
	})
	if rejected == 0 {
		t.Error("expected rejected-expression cases in the corpus")
	}
}
