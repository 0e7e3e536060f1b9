package graph

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// FuzzGraph draws arbitrary definitions: nothing may panic, and the output
// must stay well formed whatever the state names and rules contain.
func FuzzGraph(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "graph", "*.asl.json"))
	for _, s := range seeds {
		if src, err := os.ReadFile(s); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte(`{"StartAt":"a\"b","States":{"a\"b":{"Type":"Map","Iterator":{"StartAt":"x","States":{"x":{"Type":"Choice","Choices":[{"Not":{"Variable":"$","IsNull":"yes"}}]}}},"Next":"a\"b"}}}`))
	f.Add([]byte(`{"StartAt":1,"States":[]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc := asl.Load("f.asl.json", src)
		sm := asl.Build(doc)
		if sm == nil {
			return
		}
		g := Build(sm, Options{Legend: true})
		var dot, mmd bytes.Buffer
		if err := WriteDOT(&dot, g); err != nil {
			t.Fatal(err)
		}
		if err := WriteMermaid(&mmd, g); err != nil {
			t.Fatal(err)
		}
		if msg := checkDOT(dot.String()); msg != "" {
			t.Fatal(msg)
		}
		if msg := checkMermaid(mmd.String()); msg != "" {
			t.Fatal(msg)
		}
	})
}

// FuzzReadTrace reads arbitrary run files and overlays them on a machine.
func FuzzReadTrace(f *testing.F) {
	runs, _ := filepath.Glob(filepath.Join("..", "testdata", "graph", "*.run.json"))
	for _, r := range runs {
		if src, err := os.ReadFile(r); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte(`[{"id":2,"previousEventId":2,"type":"PassStateEntered","stateEnteredEventDetails":{"name":"A"}}]`))
	f.Add([]byte(`{"events":[{"id":1,"previousEventId":3,"type":"TaskFailed"},{"id":3,"previousEventId":1,"type":"ParallelStateFailed"}]}`))
	sm := asl.Build(asl.Load("m.json", []byte(`{"StartAt":"A","States":{
		"A":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Next":"P","Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
		"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"A2","States":{"A2":{"Type":"Map","End":true,
			"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":true,"Next":"I"}]}}}}}}]},
		"F":{"Type":"Fail","Error":"E"}}}`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := ReadTrace(data)
		if err != nil {
			return
		}
		for _, opts := range []Options{{Highlight: tr}, {Heat: tr}} {
			g := Build(sm, opts)
			var buf bytes.Buffer
			if err := WriteDOT(&buf, g); err != nil {
				t.Fatal(err)
			}
			if err := WriteMermaid(&buf, g); err != nil {
				t.Fatal(err)
			}
		}
	})
}

var (
	dotTag    = regexp.MustCompile(`</?(B|I|BR/|FONT( POINT-SIZE="[0-9]+")?( COLOR="#[0-9A-F]{6}")?|(TABLE|TR|TD)( [A-Z]+="[^"<>]*")*)>`)
	dotLabels = regexp.MustCompile(`label=<(.*)>(\];|, labeljust=)`)
)

// checkDOT looks for user text that escaped its label: inside label=<…>
// only our own tags may appear, and quoted strings must close.
func checkDOT(out string) string {
	for _, line := range strings.Split(out, "\n") {
		clean := strings.ReplaceAll(strings.ReplaceAll(line, `\\`, ""), `\"`, "")
		if strings.Count(clean, `"`)%2 != 0 {
			return "an unbalanced quote: " + line
		}
		if i := strings.Index(line, `, tooltip="`); i >= 0 {
			line = line[:i] + "];"
		}
		for _, m := range dotLabels.FindAllStringSubmatch(line, -1) {
			if inner := dotTag.ReplaceAllString(m[1], ""); strings.ContainsAny(inner, "<>") {
				return "a raw < or > in a label: " + line
			}
		}
	}
	return ""
}

var mermaidLine = []*regexp.Regexp{
	regexp.MustCompile(`^(---|flowchart (TB|LR)|title: ".*")$`),
	regexp.MustCompile(`^ +[A-Za-z0-9_]+(\(|\[|\{|\[/|\(\[|\[\[|\(\(|>)"[^"\n]*"(\)|\]|\}|/\]|\]\)|\]\]|\)\))$`),
	regexp.MustCompile(`^ +subgraph [A-Za-z0-9_]+ \["[^"\n]*"\]$`),
	regexp.MustCompile(`^ +end$`),
	regexp.MustCompile(`^ +[A-Za-z0-9_]+(\[" "\])? (-->|==>|-\.->|~~~)(\|"[^"\n]*"\|)? [A-Za-z0-9_]+(\[" "\])?$`),
	regexp.MustCompile(`^  (classDef k_[a-z]+|style [A-Za-z0-9_]+|linkStyle [0-9,]+) [A-Za-z0-9:#,.\- ]+$`),
	regexp.MustCompile(`^  class [A-Za-z0-9_,]+ k_[a-z]+$`),
}

// checkMermaid checks every line against the few statement forms
// WriteMermaid writes; a label that leaked a quote or a newline fails.
func checkMermaid(out string) string {
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		ok := false
		for _, re := range mermaidLine {
			if re.MatchString(line) {
				ok = true
				break
			}
		}
		if !ok {
			return "a malformed Mermaid line: " + line
		}
	}
	return ""
}

// FuzzGraphNames puts arbitrary text where users put text: state names,
// Choice values, error names, comments, resources. The definition stays
// valid JSON, so every input reaches the renderers' escaping.
func FuzzGraphNames(f *testing.F) {
	for _, s := range []string{`say "hi"`, `\N`, "two\nlines", "end", "<b>&amp;</b>", "#35;", "`x`|y|", "注文 ✓", "\x00\x7f\u2028", "]; } digraph {", `"]] --> x`} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, text string) {
		q := func(s string) string {
			b, _ := json.Marshal(s)
			return string(b)
		}
		src := `{"Comment":` + q(text) + `,"StartAt":` + q(name) + `,"States":{` +
			q(name) + `:{"Type":"Choice","Comment":` + q(text) + `,"Choices":[{"Variable":"$.a","StringEquals":` + q(text) + `,"Next":` + q(text) + `},
				{"Condition":` + q(text) + `,"Next":` + q(name+"2") + `}]},` +
			q(text) + `:{"Type":"Task","Resource":` + q(text) + `,"End":true,"Retry":[{"ErrorEquals":[` + q(text) + `]}],
				"Catch":[{"ErrorEquals":[` + q(text) + `],"Next":"missing` + strings.Trim(q(text), `"`) + `"}]},` +
			q(name+"2") + `:{"Type":"Parallel","End":true,"Branches":[{"StartAt":` + q(name+"3") + `,"States":{` +
			q(name+"3") + `:{"Type":"Fail","Error":` + q(text) + `}}}]}}}`
		doc := asl.Load("f.asl.json", []byte(src))
		sm := asl.Build(doc)
		if sm == nil {
			return // a name that collides with another makes a duplicate key: fine
		}
		g := Build(sm, Options{Legend: true})
		var dot, mmd bytes.Buffer
		if err := WriteDOT(&dot, g); err != nil {
			t.Fatal(err)
		}
		if err := WriteMermaid(&mmd, g); err != nil {
			t.Fatal(err)
		}
		if msg := checkDOT(dot.String()); msg != "" {
			t.Fatal(msg)
		}
		if msg := checkMermaid(mmd.String()); msg != "" {
			t.Fatal(msg)
		}
	})
}
