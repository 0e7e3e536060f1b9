package graph

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

func build(t *testing.T, src string, opts Options) *Graph {
	t.Helper()
	doc := asl.Load("m.asl.json", []byte(src))
	if len(doc.Diagnostics) > 0 {
		t.Fatalf("bad test input: %v", doc.Diagnostics)
	}
	return Build(asl.Build(doc), opts)
}

func edgeSet(g *Graph) map[string]string {
	out := map[string]string{}
	for _, e := range g.Edges {
		out[e.From+"->"+e.To] = e.Kind
	}
	return out
}

func TestBuildEdgesAndTerminals(t *testing.T) {
	g := build(t, `{"StartAt":"A","States":{
		"A":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Next":"B",
			"Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
		"B":{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":true,"Next":"S"}],"Default":"A"},
		"S":{"Type":"Succeed"},
		"F":{"Type":"Fail"}}}`, Options{})
	want := map[string]string{
		"t_start->s_A": EdgeStart, "s_A->s_B": EdgeNext, "s_A->s_F": EdgeCatch,
		"s_B->s_S": EdgeChoice, "s_B->s_A": EdgeDefault, "s_S->t_end": EdgeEnd, "s_F->t_end": EdgeEnd,
	}
	got := edgeSet(g)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("edge %s: got kind %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got edges %v, want %v", got, want)
	}
	if len(g.Warnings) != 0 {
		t.Errorf("unexpected warnings %v", g.Warnings)
	}
}

func TestBuildUnreachableMissingAndNoDefault(t *testing.T) {
	g := build(t, `{"StartAt":"A","States":{
		"A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":true,"Next":"Gone"}]},
		"Orphan":{"Type":"Pass","End":true}}}`, Options{})
	if n := g.Node("s_Orphan"); n == nil || !n.Unreachable {
		t.Errorf("Orphan should be unreachable: %+v", n)
	}
	if n := g.Node("s_A"); n.Unreachable {
		t.Error("A is StartAt and reachable")
	}
	if n := g.Node("m_Gone"); n == nil || n.Kind != KindMissing {
		t.Fatalf("no phantom for the missing target: %v", g.nodes)
	}
	if len(g.Warnings) != 1 || g.Warnings[0].Line != 2 || g.Warnings[0].Pointer != "/States/A/Choices/0/Next" ||
		g.Warnings[0].Severity != asl.SeverityWarning || !strings.Contains(g.Warnings[0].Message, `"Gone"`) {
		t.Errorf("warning: %+v", g.Warnings)
	}
	if edgeSet(g)["s_A->n_A"] != EdgeNoMatch {
		t.Errorf("a Choice without Default should lead to its no-match marker: %v", edgeSet(g))
	}
}

func TestBuildMissingStartAt(t *testing.T) {
	g := build(t, `{"StartAt":"Nope","States":{"A":{"Type":"Pass","End":true}}}`, Options{})
	if edgeSet(g)["t_start->m_Nope"] != EdgeStart || len(g.Warnings) != 1 {
		t.Errorf("edges %v warnings %v", edgeSet(g), g.Warnings)
	}
}

func TestBuildNestedContainers(t *testing.T) {
	g := build(t, `{"StartAt":"P","States":{
		"P":{"Type":"Parallel","Next":"Z","Branches":[
			{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"In","States":{"In":{"Type":"Pass","End":true}}}}}},
			{"StartAt":"Boom","States":{"Boom":{"Type":"Fail"}}}]},
		"Z":{"Type":"Succeed"}}}`, Options{})
	want := map[string]string{
		"t_start->s_P": EdgeStart, "s_P->s_M": EdgeStart, "s_M->s_In": EdgeStart, "s_In->j_M": EdgeEnd,
		"j_M->j_P": EdgeEnd, "s_P->s_Boom": EdgeStart, "s_Boom->j_P": EdgeLayout, "j_P->s_Z": EdgeNext, "s_Z->t_end": EdgeEnd,
	}
	got := edgeSet(g)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("edge %s: got %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	p := g.Root.Clusters[0]
	if p.Kind != "Parallel" || len(p.Clusters) != 2 || p.Clusters[0].Kind != "branch" || p.Clusters[0].Clusters[0].Kind != "Map" {
		t.Errorf("cluster nesting wrong: %+v", p)
	}
}

func TestIDsAreSafeAndStable(t *testing.T) {
	a := newIDs()
	for _, tc := range []struct{ name, want string }{
		{"end", "s_end"}, {"subgraph", "s_subgraph"}, {"Get Order", "s_Get_Order"},
		{"Get-Order", "s_Get_Order_2"}, {"注文", "s___"}, {"", "s_"}, {"9 lives", "s_9_lives"},
	} {
		if got := a.alloc("s_", tc.name); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.name, got, tc.want)
		}
	}
	// Adding a state before others does not rename the others' ids.
	src1 := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}`
	src2 := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"New"},"New":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}`
	if build(t, src1, Options{}).Node("s_B") == nil || build(t, src2, Options{}).Node("s_B") == nil {
		t.Error("state B should keep its id s_B")
	}
}

func TestOutputIsDeterministic(t *testing.T) {
	src := `{"StartAt":"A","States":{"A":{"Type":"Choice","Choices":[
		{"Variable":"$.a","StringEquals":"x","Next":"B"},{"Variable":"$.a","StringEquals":"y","Next":"C"}],"Default":"B"},
		"B":{"Type":"Pass","End":true},"C":{"Type":"Parallel","End":true,"Branches":[
		{"StartAt":"D","States":{"D":{"Type":"Pass","End":true}}},{"StartAt":"E","States":{"E":{"Type":"Pass","End":true}}}]}}}`
	var first [2]string
	for i := 0; i < 20; i++ {
		g := build(t, src, Options{Legend: true})
		var dot, mmd bytes.Buffer
		if err := WriteDOT(&dot, g); err != nil {
			t.Fatal(err)
		}
		if err := WriteMermaid(&mmd, g); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = [2]string{dot.String(), mmd.String()}
		} else if dot.String() != first[0] || mmd.String() != first[1] {
			t.Fatal("output differs between runs")
		}
	}
}

func TestBuildNilMachine(t *testing.T) {
	g := Build(nil, Options{})
	var buf bytes.Buffer
	if err := WriteDOT(&buf, g); err != nil || !strings.Contains(buf.String(), "digraph") {
		t.Errorf("nil machine: %v %q", err, buf.String())
	}
}

func TestSharedHandlerGetsGotoStubs(t *testing.T) {
	var states []string
	for i := 0; i < 6; i++ {
		states = append(states, fmt.Sprintf(`"T%d":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Next":"T%d","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Oops"}]}`, i, i+1))
	}
	src := `{"StartAt":"T0","States":{` + strings.Join(states, ",") + `,"T6":{"Type":"Succeed"},"Oops":{"Type":"Fail"}}}`
	g := build(t, src, Options{})
	stubs := 0
	for _, e := range g.Edges {
		if e.Kind != EdgeCatch {
			continue
		}
		if n := g.Node(e.To); n == nil || n.Kind != KindGoto || n.Name != "Oops" || e.Target != "s_Oops" {
			t.Errorf("catch edge %+v should lead to a goto stub for Oops", e)
		}
		stubs++
	}
	if stubs != 6 {
		t.Errorf("%d catch edges", stubs)
	}
	// Four or fewer stay ordinary edges.
	g = build(t, `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","End":true,
		"Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},"F":{"Type":"Fail"}}}`, Options{})
	if edgeSet(g)["s_A->s_F"] != EdgeCatch {
		t.Errorf("a single catch edge should go straight to its target: %v", edgeSet(g))
	}
}
