package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenGraph renders every definition in testdata/graph as DOT and as
// Mermaid, and every recorded run beside one (x.run.json) highlighted.
// go test . -run TestGoldenGraph -update rewrites the goldens.
func TestGoldenGraph(t *testing.T) {
	defs, _ := filepath.Glob(filepath.Join("testdata", "graph", "*.asl.json"))
	if len(defs) == 0 {
		t.Fatal("no definitions in testdata/graph")
	}
	for _, def := range defs {
		base := strings.TrimSuffix(def, ".asl.json")
		run := base + ".run.json"
		cases := [][]string{
			{".dot"},
			{".mmd", "--format", "mermaid"},
		}
		if _, err := os.Stat(run); err == nil {
			cases = append(cases, []string{".hl.dot", "--highlight", run}, []string{".hl.mmd", "--format", "mermaid", "--highlight", run})
		}
		for _, c := range cases {
			t.Run(filepath.Base(base)+c[0], func(t *testing.T) {
				args := append([]string{"graph"}, c[1:]...)
				stdout, stderr, code := runMain(t, "", append(args, def)...)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				checkGolden(t, base+c[0], stdout)
			})
		}
	}
}

// TestGoldenGraphOptions covers --legend, --direction and --heat.
func TestGoldenGraphOptions(t *testing.T) {
	dir := filepath.Join("testdata", "graph")
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"nested.legend-lr.dot", []string{"--legend", "--direction", "LR", "nested.asl.json"}},
		{"nested.legend-lr.mmd", []string{"--legend", "--direction", "lr", "--format", "mermaid", "nested.asl.json"}},
		{"run-docs-retry-catch.heat.dot", []string{"--heat", "run-docs-retry-catch.run.json", "run-docs-retry-catch.asl.json"}},
		{"run-docs-retry-catch.heat.mmd", []string{"--format", "mermaid", "--heat", "run-docs-retry-catch.run.json", "run-docs-retry-catch.asl.json"}},
		{"run-parallel-failed.legend.hl.dot", []string{"--legend", "--highlight", "run-parallel-failed.run.json", "run-parallel-failed.asl.json"}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			args := []string{"graph"}
			for _, a := range c.args {
				if strings.HasSuffix(a, ".json") {
					a = filepath.Join(dir, a)
				}
				args = append(args, a)
			}
			stdout, stderr, code := runMain(t, "", args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			checkGolden(t, filepath.Join(dir, c.golden), stdout)
		})
	}
}

func TestGraphWarningsAndErrors(t *testing.T) {
	dir := filepath.Join("testdata", "graph")
	broken := filepath.Join(dir, "broken.asl.json")
	_, stderr, code := runMain(t, "", "graph", broken)
	want := broken + `:9:121: warning: state "Ship It" goes to "Handle Error", which is not a state in this scope; drawn as a red phantom [missing-transition-target]` + "\n"
	if code != 0 || stderr != want {
		t.Errorf("broken: exit %d, stderr %q, want %q", code, stderr, want)
	}
	for _, c := range []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"", []string{"graph", "--format", "svg", broken}, 2, "--format must be dot or mermaid"},
		{"", []string{"graph", "--direction", "BT", broken}, 2, "--direction must be TB or LR"},
		{"", []string{"graph", filepath.Join(dir, "no-such.asl.json")}, 2, "cannot read the definition"},
		{"", []string{"graph"}, 2, "takes one definition file"},
		{"", []string{"graph", "--highlight", filepath.Join(dir, "nested.asl.json"), broken}, 2, `it has no "history"`},
		{"", []string{"graph", "--highlight", filepath.Join(dir, "missing.run.json"), broken}, 2, "--highlight: cannot read the run"},
		{`{"StartAt": "A", "States": {`, []string{"graph", "-"}, 1, "<stdin>:1:"},
		{`[1, 2]`, []string{"graph", "-"}, 1, "nothing drawn"},
		{`{}`, []string{"graph", "--highlight", "-", "-"}, 2, "standard input"},
		{"", []string{"graph", "--highlight", filepath.Join(dir, "run-lambda-retry.run.json"), broken}, 0,
			`warning: the run entered states this definition does not have ("InvokeLambdaWithRetry", "HandleError"): is it the run of another definition? [run-mismatch]`},
	} {
		_, stderr, code := runMain(t, c.stdin, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, stderr, c.code, c.want)
		}
	}
}

func TestGraphStdinAndYAML(t *testing.T) {
	yaml := "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n"
	stdout, stderr, code := runMain(t, yaml, "graph", "--format", "mermaid", "-")
	if code != 0 || !strings.Contains(stdout, `s_A["A<br/><small>Pass</small>"]`) {
		t.Errorf("exit %d stderr %q stdout %q", code, stderr, stdout)
	}
}

func TestGraphOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "order.dot")
	def := filepath.Join("examples", "order.asl.json")
	stdout, stderr, code := runMain(t, "", "graph", "-o", out, def)
	data, err := os.ReadFile(out)
	if code != 0 || stdout != "" || err != nil || !strings.HasPrefix(string(data), "digraph") {
		t.Fatalf("exit %d stderr %q stdout %q file %q %v", code, stderr, stdout, data, err)
	}
	// A failing run leaves the existing file alone.
	if err := os.WriteFile(out, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, code = runMain(t, "", "graph", "-o", out, "--highlight", filepath.Join(dir, "none.json"), def)
	if data, _ := os.ReadFile(out); code != 2 || string(data) != "keep me" {
		t.Errorf("exit %d, file now %q", code, data)
	}
	// No temporary files are left behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left in the output directory: %v", entries)
	}
	_, stderr, code = runMain(t, "", "graph", "-o", filepath.Join(dir, "no", "such", "dir.dot"), def)
	if code != 2 || !strings.Contains(stderr, "cannot write") {
		t.Errorf("unwritable output: exit %d, %q", code, stderr)
	}
}

func TestGraphTemplates(t *testing.T) {
	sam := filepath.Join("asl", "testdata", "templates", "sam.yaml")
	stdout, stderr, code := runMain(t, "", "graph", "--format", "mermaid", "--resource", "Orders", sam)
	if code != 0 || !strings.HasPrefix(stdout, "flowchart TB") && !strings.HasPrefix(stdout, "---") {
		t.Errorf("Orders: exit %d, stderr %q", code, stderr)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{sam}, 2, "pick one with --resource NAME"},
		{[]string{"--resource", "Nope", sam}, 2, "no such state machine (it has: Orders, FromFile, Dangling)"},
		{[]string{"--resource", "Dangling", sam}, 1, "sam.yaml:45:22: error: DefinitionUri"},
		{[]string{"--resource", "x", filepath.Join("examples", "order.asl.json")}, 2, "is a definition, not a template"},
	} {
		_, stderr, code := runMain(t, "", append([]string{"graph"}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, stderr, c.code, c.want)
		}
	}
}

// TestGraphHighlightsASimulatedRun feeds what `sfnctl run --format json
// --history` prints to `sfnctl graph --highlight`: the card is declined
// four times (one try, three retries), the Catch sends the order to Refund.
func TestGraphHighlightsASimulatedRun(t *testing.T) {
	def := filepath.Join("examples", "order.asl.json")
	run, stderr, code := runMain(t, "", "run", def, "--input", `{"items": [1, 2]}`, "--mock",
		filepath.Join("testdata", "graph", "order-declined.mock.json"), "--format", "json", "--history")
	if code != 1 || !strings.Contains(run, `"FAILED"`) {
		t.Fatalf("run: exit %d, stderr %q, stdout %.300s", code, stderr, run)
	}
	file := filepath.Join(t.TempDir(), "run.json")
	if err := os.WriteFile(file, []byte(run), 0o644); err != nil {
		t.Fatal(err)
	}
	dot, stderr, code := runMain(t, "", "graph", "--highlight", file, def)
	if code != 0 {
		t.Fatalf("graph: exit %d, %s", code, stderr)
	}
	for _, want := range []string{
		"run: FAILED · OrderFailed",
		"↻ retried 3×",
		"⚠ caught States.TaskFailed",
		"✖ failed: OrderFailed",
		`s_Charge_Card -> s_Refund [style=dashed, penwidth=2.6, color="#EA580C", fontcolor="#EA580C", label=< caught States.TaskFailed >];`,
		`s_Is_Rush_ -> s_Charge_Card [penwidth=2.6, color="#2563EB", fontcolor="#2563EB",`,
		`s_Is_Rush_ -> s_Wait_For_Batch [color="#CBD5E1"`,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("the highlighted diagram lacks %q", want)
		}
	}
}
