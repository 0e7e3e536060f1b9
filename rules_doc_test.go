package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/validate"
)

// docRule is one "### rule-id" section of docs/rules.md.
type docRule struct {
	id, summary      string
	lang, file, text string // the failing example, if any
	command          string // "sfnctl validate [flags] FILE"
	output           string // what that prints
	hasOutput        bool
}

var (
	fenceRE = regexp.MustCompile("^```(\\S*)(?: (.*))?$")
	kebabRE = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)+$`)
)

func parseRulesDoc(t *testing.T, src string) []*docRule {
	t.Helper()
	var rules []*docRule
	var cur *docRule
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if id, ok := strings.CutPrefix(line, "### "); ok {
			cur = &docRule{id: strings.TrimSpace(id)}
			rules = append(rules, cur)
			continue
		}
		if cur == nil {
			continue
		}
		if m := fenceRE.FindStringSubmatch(line); m != nil && m[1] != "" {
			var body []string
			for i++; i < len(lines) && lines[i] != "```"; i++ {
				body = append(body, lines[i])
			}
			text := strings.Join(body, "\n")
			if cmd, ok := strings.CutPrefix(m[2], "$ "); ok && m[1] == "text" {
				cur.command, cur.output, cur.hasOutput = cmd, text, true
			} else if cur.file == "" {
				cur.lang, cur.file, cur.text = m[1], m[2], text
			}
			continue
		}
		if cur.summary == "" && strings.TrimSpace(line) != "" {
			cur.summary = strings.TrimSpace(line)
		}
	}
	return rules
}

// sourceRules finds every rule id the code can report: string literals
// passed to a call or set as a Diagnostic's Rule in validate/ and asl/, and
// Rule fields in cmd/. active says whether a file without build
// constraints reports it (expression rules may sit behind a build tag).
func sourceRules(t *testing.T) (ids map[string]bool) {
	t.Helper()
	ids = map[string]bool{}
	for _, dir := range []string{"validate", "asl", "cmd"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			tagged := bytes.Contains(src, []byte("//go:build"))
			f, err := parser.ParseFile(token.NewFileSet(), file, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			add := func(e ast.Expr) {
				bl, ok := e.(*ast.BasicLit)
				if !ok || bl.Kind != token.STRING {
					return
				}
				s, _ := strconv.Unquote(bl.Value)
				if kebabRE.MatchString(s) {
					ids[s] = ids[s] || !tagged
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.CallExpr:
					if dir != "cmd" {
						for _, a := range x.Args {
							add(a)
						}
					}
				case *ast.KeyValueExpr:
					if k, ok := x.Key.(*ast.Ident); ok && k.Name == "Rule" {
						add(x.Value)
					}
				case *ast.AssignStmt:
					for i, l := range x.Lhs {
						if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Name == "Rule" && i < len(x.Rhs) {
							add(x.Rhs[i])
						}
					}
				}
				return true
			})
		}
	}
	return ids
}

// TestRulesDocumented: every rule the code reports has a section in
// docs/rules.md with a failing example whose output is current, and the
// SARIF rule catalog (cmd/rules_catalog.go) is generated from it.
func TestRulesDocumented(t *testing.T) {
	path := filepath.Join("docs", "rules.md")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	rules := parseRulesDoc(t, doc)
	active := sourceRules(t)
	for _, r := range validate.Rules() { // validate's own catalog
		active[r.ID] = true
	}
	documented := map[string]*docRule{}
	for _, r := range rules {
		if documented[r.id] != nil {
			t.Errorf("%s: documented twice", r.id)
		}
		documented[r.id] = r
		if _, ok := active[r.id]; !ok {
			t.Errorf("%s: documented, but no code reports it (renamed or removed?)", r.id)
		}
	}
	var missing []string
	for id := range active {
		if documented[id] == nil {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	for _, id := range missing {
		t.Errorf("rule %s is not documented: add a \"### %s\" section to docs/rules.md with an example", id, id)
	}

	wd, _ := os.Getwd()
	updated := doc
	for _, r := range rules {
		if r.file == "" {
			if !strings.Contains(doc, "### "+r.id+"\n\n"+r.summary+"\n\n<!-- no example -->") {
				t.Errorf("%s: no example, and no \"<!-- no example -->\" note saying why", r.id)
			}
			continue
		}
		if !r.hasOutput {
			t.Errorf("%s: the example has no output block (```text $ sfnctl validate %s)", r.id, r.file)
			continue
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, r.file), []byte(r.text), 0o644); err != nil {
			t.Fatal(err)
		}
		args := strings.Fields(strings.TrimPrefix(r.command, "sfnctl "))
		t.Chdir(dir)
		stdout, stderr, code := runMain(t, "", args...)
		if err := os.Chdir(wd); err != nil {
			t.Fatal(err)
		}
		got := strings.TrimSuffix(stdout, "\n")
		if !active[r.id] {
			t.Logf("%s: reported only by build-tagged code; example output not checked in this build", r.id)
			continue
		}
		if code != 1 && !strings.Contains(got, "warning:") {
			t.Errorf("%s: example exits %d: %s", r.id, code, stderr)
		}
		if !strings.Contains(got, "["+r.id+"]") {
			t.Errorf("%s: the example does not produce the rule:\n%s", r.id, got)
		}
		if got != r.output {
			if *update {
				updated = strings.Replace(updated, "```text $ "+r.command+"\n"+r.output+"```", "```text $ "+r.command+"\n"+got+"\n```", 1)
				updated = strings.Replace(updated, "```text $ "+r.command+"\n"+r.output+"\n```", "```text $ "+r.command+"\n"+got+"\n```", 1)
			} else {
				t.Errorf("%s: docs/rules.md shows\n%s\nbut sfnctl prints\n%s\n(go test . -run TestRulesDocumented -update)", r.id, r.output, got)
			}
		}
	}
	if *update && updated != doc {
		if err := os.WriteFile(path, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	checkRuleCatalog(t, rules)
}

// checkRuleCatalog keeps cmd/rules_catalog.go, the one-line descriptions
// SARIF carries, generated from docs/rules.md.
func checkRuleCatalog(t *testing.T, rules []*docRule) {
	var b strings.Builder
	b.WriteString("// Code generated from docs/rules.md by go test . -run TestRulesDocumented -update; DO NOT EDIT.\n\npackage cmd\n\n")
	b.WriteString("// ruleCatalog is each rule's one-line description (Markdown), for SARIF.\nvar ruleCatalog = map[string]string{\n")
	sorted := append([]*docRule(nil), rules...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].id < sorted[j].id })
	for _, r := range sorted {
		fmt.Fprintf(&b, "\t%q: %q,\n", r.id, r.summary)
	}
	b.WriteString("}\n")
	want, err := format.Source([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("cmd", "rules_catalog_gen.go")
	have, _ := os.ReadFile(path)
	if bytes.Equal(have, want) {
		return
	}
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s is out of date with docs/rules.md (go test . -run TestRulesDocumented -update)", path)
}
