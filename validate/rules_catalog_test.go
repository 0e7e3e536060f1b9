package validate

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRuleCatalog: every rule id the validator reports is in Rules(), and
// every catalogued rule is documented in docs/validate.md.
func TestRuleCatalog(t *testing.T) {
	known := map[string]bool{}
	for _, r := range Rules() {
		if known[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		known[r.ID] = true
	}
	// Rule ids appear as the string argument after a pointer in errorAt,
	// errorAtValue, warnAt and report calls, and as Rule: fields.
	use := regexp.MustCompile(`(?:errorAt|errorAtValue|warnAt|report)\(.*?, "([a-z][a-z0-9-]*)", code|Rule: +"([a-z0-9-]+)"`)
	seen := map[string]bool{}
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			id := m[1] + m[2]
			seen[id] = true
			if !known[id] {
				t.Errorf("%s reports rule %q, which Rules() does not list", f, id)
			}
		}
	}
	if len(seen) < len(known)*3/4 {
		t.Errorf("found only %d rule uses in the source for %d catalogued rules: is the pattern stale?", len(seen), len(known))
	}
	doc, err := os.ReadFile(filepath.Join("..", "docs", "validate.md"))
	if err != nil {
		t.Fatal(err)
	}
	for id := range known {
		if !strings.Contains(string(doc), "`"+id+"`") {
			t.Errorf("rule %s is not documented in docs/validate.md", id)
		}
	}
}
