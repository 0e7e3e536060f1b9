package asl

import (
	"strings"
	"testing"
)

func TestLoadJSONPositions(t *testing.T) {
	src := "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"Ä b/c\": {\"Type\": \"Pass\", \"End\": true}\n  }\n}\n"
	doc := Load("x.json", []byte(src))
	if len(doc.Diagnostics) != 0 {
		t.Fatalf("unexpected diagnostics: %v", doc.Diagnostics)
	}
	tests := []struct {
		ptr      string
		key, val Span
	}{
		{"/StartAt", Span{2, 3, 2, 12}, Span{2, 14, 2, 17}},
		{"/States/Ä b~1c/Type", Span{4, 15, 4, 21}, Span{4, 23, 4, 29}},
		{"/States/Ä b~1c/End", Span{4, 31, 4, 36}, Span{4, 38, 4, 42}},
	}
	for _, tc := range tests {
		loc, ok := doc.Locate(tc.ptr)
		if !ok || loc.Key != tc.key || loc.Value != tc.val {
			t.Errorf("%s: got %+v ok=%v, want key %+v value %+v", tc.ptr, loc, ok, tc.key, tc.val)
		}
	}
	if _, ok := doc.Locate("/States/Ä b~1c/Next"); ok {
		t.Error("a missing member must not be found")
	}
}

func TestLoadJSONValues(t *testing.T) {
	doc := Load("x.json", []byte(`{"i": 3, "f": 1.5, "e": 1e2, "big": 123456789012345678901, "s": "a\u00e9\n", "n": null, "b": false, "a": [1, {"x": []}]}`))
	m := doc.Root.(map[string]any)
	if m["i"] != int64(3) || m["f"] != 1.5 || m["e"] != 100.0 || m["s"] != "aé\n" || m["n"] != nil || m["b"] != false {
		t.Fatalf("wrong values: %#v", m)
	}
	if _, ok := m["big"].(float64); !ok {
		t.Errorf("an integer beyond int64 must become float64, got %T", m["big"])
	}
	if got := doc.Keys(""); strings.Join(got, ",") != "i,f,e,big,s,n,b,a" {
		t.Errorf("keys out of source order: %v", got)
	}
}

func TestLoadJSONErrors(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
		msg       string
	}{
		{"", 1, 1, "empty"},
		{"{\n  \"a\": 1,\n}", 3, 1, "member name"},
		{"{\"a\" 1}", 1, 6, "expected ':'"},
		{"{\"a\": tru}", 1, 7, "expected a value"},
		{"{\"a\": \"x}", 1, 7, "unterminated"},
		{"{} x", 1, 4, "after the end"},
		{"[1 2]", 1, 4, "',' or ']'"},
		{"{\"a\": 01}", 1, 8, "',' or '}'"},
		{strings.Repeat("[", 600), 1, 514, "nesting"},
	}
	for _, tc := range tests {
		doc := Load("x.json", []byte(tc.src))
		if len(doc.Diagnostics) != 1 {
			t.Errorf("%q: want one diagnostic, got %v", tc.src, doc.Diagnostics)
			continue
		}
		d := doc.Diagnostics[0]
		if d.Line != tc.line || d.Column != tc.col || !strings.Contains(d.Message, tc.msg) || doc.Root != nil {
			t.Errorf("%q: got %d:%d %q, want %d:%d containing %q", tc.src, d.Line, d.Column, d.Message, tc.line, tc.col, tc.msg)
		}
	}
}

func TestDuplicateKeys(t *testing.T) {
	for _, file := range []string{"x.json", "x.yaml"} {
		src := `{"States": {"A": {"Type": "Pass"}, "A": {"Type": "Succeed"}}}`
		doc := Load(file, []byte(src))
		if len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Rule != "duplicate-key" || doc.Diagnostics[0].Pointer != "/States/A" {
			t.Fatalf("%s: want one duplicate-key finding at /States/A, got %v", file, doc.Diagnostics)
		}
		if d := doc.Diagnostics[0]; d.Line != 1 || d.Column != 36 {
			t.Errorf("%s: duplicate reported at %d:%d, want 1:36", file, d.Line, d.Column)
		}
	}
}

func TestLoadYAML(t *testing.T) {
	src := "StartAt: Yes\nStates:\n  Yes:\n    Type: Pass\n    Result: [on, off, true, 0x10, 1.5, ~, '7']\n    Next: No\n  No:\n    Type: Succeed\n"
	doc := Load("x.yaml", []byte(src))
	if len(doc.Diagnostics) != 0 {
		t.Fatal(doc.Diagnostics)
	}
	sm := Build(doc)
	if sm.Root.StartAt != "Yes" || len(sm.Root.States) != 2 || sm.Root.States[0].Name != "Yes" || sm.Root.States[0].Next != "No" {
		t.Fatalf("YAML 1.2 scalars must keep Yes/No as strings: %+v", sm.Root)
	}
	res := sm.Root.States[0].Raw["Result"].([]any)
	want := []any{"on", "off", true, int64(16), 1.5, nil, "7"}
	for i := range want {
		if res[i] != want[i] {
			t.Errorf("Result[%d] = %#v, want %#v", i, res[i], want[i])
		}
	}
	loc, _ := doc.Locate("/States/No/Type")
	if loc.Key.Line != 8 || loc.Key.Column != 5 || loc.Value.Column != 11 {
		t.Errorf("wrong YAML position %+v", loc)
	}
}

func TestLoadYAMLErrors(t *testing.T) {
	for _, src := range []string{"a: [1, 2\n", "a: b: c\n", "", "a: &x [*x]\n", "? [a]\n: 1\n"} {
		doc := Load("x.yaml", []byte(src))
		if len(doc.Diagnostics) == 0 {
			t.Errorf("%q: want a finding", src)
		}
	}
}

func TestYAMLAliasBomb(t *testing.T) {
	src := "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	doc := Load("x.yaml", []byte(src))
	if len(doc.Diagnostics) == 0 {
		t.Fatal("an alias expansion bomb must be refused")
	}
}

func TestTooLarge(t *testing.T) {
	src := `{"Comment": "` + strings.Repeat("x", MaxDefinitionSize) + `"}`
	doc := Load("x.json", []byte(src))
	if len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Rule != "definition-too-large" {
		t.Fatalf("got %v", doc.Diagnostics)
	}
}

func TestBuildNested(t *testing.T) {
	src := `{"StartAt": "P", "QueryLanguage": "JSONata", "States": {
	  "P": {"Type": "Parallel", "Next": "M", "Branches": [{"StartAt": "B1", "States": {"B1": {"Type": "Pass", "End": true}}}],
	        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}], "Retry": [{"ErrorEquals": ["X"], "MaxAttempts": 0}]},
	  "M": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "I", "States": {"I": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}},
	  "F": {"Type": "Fail"}}}`
	sm := Build(Load("x.json", []byte(src)))
	var names []string
	sm.Walk(func(s *State) { names = append(names, s.Name+":"+s.QueryLanguage) })
	if got := strings.Join(names, ","); got != "P:JSONata,B1:JSONata,M:JSONata,I:JSONPath,F:JSONata" {
		t.Errorf("walk order %s", got)
	}
	p := sm.Root.ByName["P"]
	if len(p.Retry) != 1 || p.Retry[0].MaxAttempts != 0 || p.Retry[0].IntervalSeconds != 1 || p.Retry[0].BackoffRate != 2 {
		t.Errorf("retrier defaults wrong: %+v", p.Retry)
	}
	tr := p.Transitions()
	if len(tr) != 2 || tr[1].Target != "F" || tr[1].Pointer != "/States/P/Catch/0/Next" {
		t.Errorf("transitions %+v", tr)
	}
	m := sm.Root.ByName["M"]
	if m.Processor == nil || m.Processor.ProcessorMode != "DISTRIBUTED" || m.Processor.Pointer != "/States/M/ItemProcessor" {
		t.Errorf("map processor %+v", m.Processor)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("x.json", []byte(`{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`))
	f.Add("x.yaml", []byte("StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n"))
	f.Add("x.json", []byte(`{"a":"\ud800","b":[1e999,-0]}`))
	f.Add("x.yaml", []byte("a: &x {b: *x}\n<<: *x\n"))
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		doc := Load(name, src)
		sm := Build(doc)
		sm.Walk(func(s *State) { s.Transitions() })
		for _, d := range doc.Diagnostics {
			if d.Line < 1 || d.Column < 1 {
				t.Fatalf("finding without position: %+v", d)
			}
		}
	})
}
