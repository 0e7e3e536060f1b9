package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

const templatesDir = "testdata/validate/templates"

// TestGoldenValidateTemplates: every output format over SAM, CloudFormation
// (CDK output), Serverless and Terraform, positions in the templates.
func TestGoldenValidateTemplates(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif", "github", "checkstyle", "junit"} {
		t.Run(format, func(t *testing.T) {
			args := []string{"validate", "--format", format, templatesDir}
			if format == "text" {
				args = append(args, "--snippet")
			}
			stdout, stderr, code := runMain(t, "", args...)
			if code != 1 {
				t.Errorf("exit %d, want 1 (stderr: %s)", code, stderr)
			}
			checkGolden(t, filepath.Join("testdata", "validate", "templates.golden", format+".out"), stdout)
			if format == "sarif" {
				checkSARIFSchema(t, stdout)
			}
		})
	}
}

func checkSARIFSchema(t *testing.T, out string) {
	t.Helper()
	schema, err := jsonschema.Compile("cmd/testdata/sarif-2.1.0-subset.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Errorf("SARIF output does not match the SARIF 2.1.0 schema: %v", err)
	}
}

func TestValidateTemplateFlags(t *testing.T) {
	sam := filepath.Join(templatesDir, "sam.yaml")
	sls := filepath.Join(templatesDir, "serverless.yml")
	tests := []struct {
		name    string
		args    []string
		code    int
		has     []string
		hasNot  []string
		summary string
	}{
		{"template type wins over --type", []string{"validate", "--type", "standard", sam}, 1,
			[]string{"sam.yaml:40:23: error: Orders: Express state machine does not support '.sync'"}, nil, ""},
		{"disable by id", []string{"validate", "--disable", "express-unsupported-resource,definition-uri-not-found", "--disable", "missing-end-state", sam}, 1,
			[]string{"missing-transition-target"}, []string{"express-unsupported-resource", "definition-uri-not-found", "missing-end-state"}, ""},
		{"warnings pass", []string{"validate", sls}, 0, []string{"pass-result-is-static"}, nil, "1 warning"},
		{"strict fails on warnings", []string{"validate", "--strict", sls}, 1, []string{"pass-result-is-static"}, nil, ""},
		{"unknown rule is a warning on stderr", []string{"validate", "--disable", "no-such-rule", sls}, 0, nil, nil, `no rule "no-such-rule"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runMain(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tc.code, stdout, stderr)
			}
			for _, s := range tc.has {
				if !strings.Contains(stdout, s) {
					t.Errorf("output lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(stdout, s) {
					t.Errorf("output has %q:\n%s", s, stdout)
				}
			}
			if !strings.Contains(stderr, tc.summary) {
				t.Errorf("stderr lacks %q: %s", tc.summary, stderr)
			}
		})
	}
}

// TestValidateConfigAndInlineIgnore runs in a scratch project: .sfnctl.yaml
// is looked for from the working directory upward.
func TestValidateConfigAndInlineIgnore(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	static := `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"x.$":"$.y"},"End":true}}}`
	write("sm/a.asl.json", static)
	write("sm/b.asl.json", strings.Replace(static, `"Type":"Pass"`, `"Type":"Pass","Comment":"sfnctl:ignore pass-result-is-static"`, 1))
	write("legacy/c.asl.json", `{"StartAt":"Nope","States":{}}`)
	write("sub/deeper/.keep", "")
	t.Chdir(filepath.Join(dir, "sub", "deeper"))

	stdout, _, _ := runMain(t, "", "validate", "--strict", "../../sm")
	if !strings.Contains(stdout, "a.asl.json") || strings.Contains(stdout, "b.asl.json") {
		t.Errorf("the inline comment must silence b only:\n%s", stdout)
	}
	write(".sfnctl.yaml", "disable: [pass-result-is-static]\nignore: [legacy/]\n")
	stdout, stderr, code := runMain(t, "", "validate", "--strict", "../../sm", "../../legacy")
	if code != 0 || stdout != "" || !strings.Contains(stderr, "2 files checked") {
		t.Errorf("config must disable pass-result-is-static and skip legacy/: exit %d\n%s%s", code, stdout, stderr)
	}
	write(".sfnctl.yaml", "disabled: [pass-result-is-static]\n")
	if _, stderr, code := runMain(t, "", "validate", "../../sm"); code != 2 || !strings.Contains(stderr, ".sfnctl.yaml") {
		t.Errorf("a bad config is a usage error naming the file: exit %d %s", code, stderr)
	}
}

// TestValidateCorpusSpeed checks every definition of the conformance corpus
// in one process and reports the time; it fails only when far off budget.
func TestValidateCorpusSpeed(t *testing.T) {
	corpus := conformanceDir(t)
	dir := t.TempDir()
	n := 0
	for _, name := range []string{"executions.jsonl", "teststate.jsonl", "definitions-invalid.jsonl"} {
		f, err := os.Open(filepath.Join(corpus, name))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			var c struct {
				Definition json.RawMessage `json:"definition"`
			}
			if json.Unmarshal(sc.Bytes(), &c) != nil || len(c.Definition) == 0 || c.Definition[0] != '{' {
				continue
			}
			n++
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.asl.json", n)), c.Definition, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		f.Close()
	}
	start := time.Now()
	_, stderr, code := runMain(t, "", "validate", "--format", "json", dir)
	elapsed := time.Since(start)
	t.Logf("validated %d corpus definitions in %v (exit %d)", n, elapsed, code)
	if code == 3 || code == 2 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if elapsed > 10*time.Second {
		t.Errorf("validating %d definitions took %v", n, elapsed)
	}
}
