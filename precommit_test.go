package main

import (
	"os"
	"regexp"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/sfnctl/sfnctl/asl"
)

// The pre-commit hooks must hand sfnctl the files a directory walk would
// pick by name: definitions and templates, nothing else.
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
		"serverless.yml", "serverless.yaml", "cdk.out/App.template.json", "stack.cfn.yaml", "main.tf",
		"values.yaml", "package.json", "mytemplate.yaml", "x.asl.json.bak", "main.tf.orig", "README.md"}
	for _, h := range hooks {
		if want[h.ID] != h.Language || h.Entry != "sfnctl validate" {
			t.Errorf("hook %s: language %s entry %q", h.ID, h.Language, h.Entry)
		}
		re, err := regexp.Compile(h.Files)
		if err != nil {
			t.Fatalf("hook %s: %v", h.ID, err)
		}
		for _, n := range names {
			if got, by := re.MatchString(n), asl.IsDefinitionFile(n) || asl.IsTemplateFile(n); got != by {
				t.Errorf("hook %s: %s matched %v, but sfnctl's own file choice says %v", h.ID, n, got, by)
			}
		}
	}
}
