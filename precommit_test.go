package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/sfnctl/sfnctl/asl"
)

// The pre-commit hooks must hand sfnctl every file that may hold a state
// machine, and sfnctl must then skip the unrelated ones quietly.
func TestPreCommitHooks(t *testing.T) {
	src, err := os.ReadFile(".pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Entry, Language, Files string
	}
	if err := yaml.Unmarshal(src, &hooks); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"sfnctl-validate": "golang", "sfnctl-validate-system": "system"}
	if len(hooks) != len(want) {
		t.Fatalf("got %d hooks, want %d", len(hooks), len(want))
	}
	names := []string{"a/x.asl.json", "x.asl.yaml", "x.asl.yml", "template.yaml", "infra/template.yml", "template.json",
		"serverless.yml", "serverless.yaml", "cdk.out/App.template.json", "stack.cfn.yaml", "main.tf", "infra/stack.yaml"}
	for _, h := range hooks {
		if want[h.ID] != h.Language || h.Entry != "sfnctl validate --skip-unrelated" {
			t.Errorf("hook %s: language %s entry %q", h.ID, h.Language, h.Entry)
		}
		re, err := regexp.Compile(h.Files)
		if err != nil {
			t.Fatalf("hook %s: %v", h.ID, err)
		}
		for _, n := range names {
			if !re.MatchString(n) {
				t.Errorf("hook %s does not pass %s to sfnctl", h.ID, n)
			}
		}
		for _, n := range []string{"README.md", "main.go", "main.tf.orig"} {
			if re.MatchString(n) {
				t.Errorf("hook %s passes %s", h.ID, n)
			}
		}
	}
}

func TestSkipUnrelated(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"package.json":        `{"name": "app", "version": "1.0.0"}`,
		"docker-compose.yml":  "services:\n  web:\n    image: nginx\n",
		"infra/stack.yaml":    "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition:\n        StartAt: A\n        States:\n          A: {Type: Pass, Next: B}\n",
		"flows/any-name.json": `{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`,
	}
	var args []string
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
		if got := asl.MayHoldStateMachine(p, []byte(text)); got != (name == "infra/stack.yaml" || name == "flows/any-name.json") {
			t.Errorf("MayHoldStateMachine(%s) = %v", name, got)
		}
	}
	stdout, stderr, code := runMain(t, "", append([]string{"validate", "--skip-unrelated"}, args...)...)
	if code != 1 || !strings.Contains(stdout, "stack.yaml:8:33: error: M: Missing 'Next' target: B") || !strings.Contains(stderr, "2 files checked") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	if strings.Contains(stdout, "package.json") || strings.Contains(stdout, "docker-compose") {
		t.Errorf("unrelated files must be skipped:\n%s", stdout)
	}
}
