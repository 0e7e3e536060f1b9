package validate

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// corpusDir is the AWS-recorded conformance corpus beside the repository.
func corpusDir(t testing.TB) string {
	dir := filepath.Join("..", "..", "shared", "conformance")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("conformance corpus not found at %s: skipping", dir)
	}
	return dir
}

func readJSONL(t testing.TB, path string) []map[string]any {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// definitionSource turns a corpus definition into the text AWS received.
// TestState cases may hold a single state, which AWS names StateName.
func definitionSource(def any, isJSON bool) []byte {
	if s, ok := def.(string); ok && !isJSON {
		return []byte(s)
	}
	if m, ok := def.(map[string]any); ok && m["Type"] != nil && m["States"] == nil {
		def = map[string]any{"StartAt": "StateName", "States": map[string]any{"StateName": m}}
	}
	b, _ := json.MarshalIndent(def, "", "  ")
	return b
}

func workflowType(c map[string]any) string {
	if t, _ := c["state_machine_type"].(string); t == Express {
		return Express
	}
	return Standard
}

// TestCorpusAccepted: AWS accepted every definition in executions.jsonl, so
// none may have an error (zero false positives).
func TestCorpusAccepted(t *testing.T) {
	cases := readJSONL(t, filepath.Join(corpusDir(t), "executions.jsonl"))
	bad := 0
	for _, c := range cases {
		doc := asl.Load("def.json", definitionSource(c["definition"], true))
		for _, d := range Document(doc, Options{Type: workflowType(c)}) {
			if d.Severity == asl.SeverityError {
				bad++
				t.Errorf("%s: false positive: %s", c["id"], d)
				break
			}
		}
	}
	t.Logf("%d/%d accepted definitions validate without errors", len(cases)-bad, len(cases))
}

// TestCorpusRejected: AWS rejected every definition in
// definitions-invalid.jsonl; each must get an error. The log reports how
// many match AWS's first error code and location.
func TestCorpusRejected(t *testing.T) {
	cases := readJSONL(t, filepath.Join(corpusDir(t), "definitions-invalid.jsonl"))
	rejected, sameCode, sameLoc := 0, 0, 0
	for _, c := range cases {
		isJSON, _ := c["definition_is_json"].(bool)
		doc := asl.Load("def.json", definitionSource(c["definition"], isJSON))
		var errs []asl.Diagnostic
		for _, d := range Document(doc, Options{Type: workflowType(c)}) {
			if d.Severity == asl.SeverityError {
				errs = append(errs, d)
			}
		}
		if len(errs) == 0 {
			t.Errorf("%s: AWS rejected it (%s: %s) but validate found no error", c["id"], c["expected_error_code"], c["expected_message"])
			continue
		}
		rejected++
		code, _ := c["expected_error_code"].(string)
		loc, _ := c["location"].(string)
		codeOK, locOK := false, false
		for _, d := range errs {
			if d.Code == code {
				codeOK = true
				if loc == "" || !strings.HasPrefix(loc, "/") || pointerMatches(d.Pointer, loc) {
					locOK = true
				}
			}
		}
		if codeOK {
			sameCode++
		}
		if codeOK && locOK {
			sameLoc++
		} else {
			t.Logf("%s: AWS %s at %s %q; we said %v", c["id"], code, loc, c["expected_message"], errs)
		}
	}
	t.Logf("%d/%d rejected; %d with AWS's code; %d with AWS's code and location", rejected, len(cases), sameCode, sameLoc)
}

// pointerMatches: AWS reports "/" for the root and sometimes the field
// holding a nested problem (Parameters for a bad "x.$" inside it).
func pointerMatches(ours, aws string) bool {
	if aws == "/" {
		aws = ""
	}
	return ours == aws || strings.HasPrefix(ours, aws+"/")
}

// TestCorpusTestStateAccepted: definitions AWS's TestState API ran (not
// rejected) have no errors either. TestState runs one state, so transition
// rules, which need the whole machine, are left out.
func TestCorpusTestStateAccepted(t *testing.T) {
	cases := readJSONL(t, filepath.Join(corpusDir(t), "teststate.jsonl"))
	checked := 0
	for _, c := range cases {
		if exp, _ := c["expected"].(map[string]any); exp == nil || exp["exception"] != nil {
			continue
		}
		req, _ := c["request"].(map[string]any)
		checked++
		doc := asl.Load("def.json", definitionSource(req["definition"], true))
		for _, d := range Document(doc, Options{}) {
			switch d.Rule {
			case "missing-transition-target", "unreachable-state", "missing-end-state":
				continue
			}
			if d.Severity == asl.SeverityError {
				t.Errorf("%s: false positive: %s", c["id"], d)
			}
		}
	}
	t.Logf("%d TestState definitions checked", checked)
}
