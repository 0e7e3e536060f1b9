package graph

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

func TestReadTraceForms(t *testing.T) {
	events := `[{"id":1,"previousEventId":0,"type":"ExecutionStarted"},
		{"id":2,"previousEventId":1,"type":"PassStateEntered","stateEnteredEventDetails":{"name":"A"}},
		{"id":3,"previousEventId":2,"type":"PassStateExited","stateExitedEventDetails":{"name":"A"}},
		{"id":4,"previousEventId":3,"type":"ExecutionFailed","executionFailedEventDetails":{"error":"E","cause":"C"}}]`
	for _, tc := range []struct{ name, src, status string }{
		{"run json", `{"status":"FAILED","error":"E","cause":"C","history":` + events + `}`, "FAILED"},
		{"get-execution-history", `{"events":` + events + `}`, "FAILED"},
		{"bare array", events, "FAILED"},
		{"run json with BOM", "\ufeff" + `{"status":"SUCCEEDED","history":[]}`, "SUCCEEDED"},
	} {
		tr, err := ReadTrace([]byte(tc.src))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if tr.Status != tc.status {
			t.Errorf("%s: status %q, want %q", tc.name, tr.Status, tc.status)
		}
		if tc.name != "run json with BOM" && (len(tr.Events) != 4 || tr.Events[1].Name != "A" || tr.Events[3].Error != "E") {
			t.Errorf("%s: events %+v", tc.name, tr.Events)
		}
	}
	for _, tc := range []struct{ src, want string }{
		{``, "empty"},
		{`{"status":"SUCCEEDED","output":{}}`, "--history"},
		{`{"history":[{"id":1}]}`, `no "type"`},
		{`{"history":[1]}`, "not a JSON object"},
		{`[`, "not a JSON array"},
		{`{`, "not the JSON"},
	} {
		if _, err := ReadTrace([]byte(tc.src)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadTrace(%q) error %v, want one mentioning %q", tc.src, err, tc.want)
		}
	}
}

// recorded loads a definition and a run recorded on AWS (from the
// conformance corpus, converted to the run JSON shape).
func recorded(t *testing.T, name string, opts Options) *Graph {
	t.Helper()
	dir := filepath.Join("..", "testdata", "graph")
	src, err := os.ReadFile(filepath.Join(dir, name+".asl.json"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, name+".run.json"))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := ReadTrace(data)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Heat == nil {
		opts.Highlight = tr
	} else {
		opts.Heat = tr
	}
	return Build(asl.Build(asl.Load(name, src)), opts)
}

func taken(g *Graph) map[string]int {
	out := map[string]int{}
	for _, e := range g.Edges {
		if e.Taken > 0 {
			out[e.From+"->"+e.To] = e.Taken
		}
	}
	return out
}

func TestRunCaughtAfterRetries(t *testing.T) {
	// AWS: four failed Lambda attempts (MaxAttempts 3), a TaskStateExited,
	// then the Catch target. The Catch edge is the one taken.
	g := recorded(t, "run-lambda-retry", Options{})
	n := g.Node("s_InvokeLambdaWithRetry")
	if n.Caught != "Exception" || n.Retried != 3 || n.Failed != "" || n.Visits != 1 {
		t.Errorf("task overlay: %+v", n)
	}
	want := map[string]int{"t_start->s_InvokeLambdaWithRetry": 1, "s_InvokeLambdaWithRetry->s_HandleError": 1, "s_HandleError->t_end": 1}
	if got := taken(g); !sameCounts(got, want) {
		t.Errorf("taken %v, want %v", got, want)
	}
	for _, e := range g.Edges {
		if e.Kind == EdgeCatch && e.Caught != "Exception" {
			t.Errorf("catch edge should carry the caught error: %+v", e)
		}
		if e.Kind == EdgeNext && !e.Dimmed {
			t.Errorf("the untaken Next edge should be dimmed: %+v", e)
		}
	}
}

func TestRunLoopCountsVisits(t *testing.T) {
	g := recorded(t, "run-docs-retry-catch", Options{})
	if n := g.Node("s_TaskStateCatchRetry"); n.Visits != 2 || n.Caught != "" || n.Failed != "" {
		t.Errorf("task: %+v", n)
	}
	want := map[string]int{"t_start->s_SetupInitialCondition": 1, "s_SetupInitialCondition->s_TaskStateCatchRetry": 1,
		"s_TaskStateCatchRetry->s_IsComplete": 2, "s_IsComplete->s_WaitState": 1, "s_WaitState->s_CorrectCondition": 1,
		"s_CorrectCondition->s_TaskStateCatchRetry": 1, "s_IsComplete->s_SuccessState": 1, "s_SuccessState->t_end": 1}
	if got := taken(g); !sameCounts(got, want) {
		t.Errorf("taken %v, want %v", got, want)
	}
	if g.Node("s_FailState").Visits != 0 {
		t.Error("FailState was never entered")
	}
}

func TestRunFailures(t *testing.T) {
	g := recorded(t, "run-task-failed", Options{})
	if n := g.Node("s_Start"); n.Failed != "Exception" {
		t.Errorf("the Task should be marked failed with Exception: %+v", n)
	}
	g = recorded(t, "run-parallel-failed", Options{})
	p, b := g.Node("s_ParallelState"), g.Node("s_Branch1")
	if p.Failed != "FailureType" || p.Retried != 2 || b.Failed != "FailureType" || b.Visits != 3 {
		t.Errorf("parallel %+v branch %+v", p, b)
	}
	if g.Node("s_Final").Visits != 0 || g.Node("t_end").Visits != 0 {
		t.Error("nothing after the failed Parallel ran")
	}
}

func TestRunMapLoop(t *testing.T) {
	g := recorded(t, "run-map-lambda", Options{})
	if n := g.Node("s_IterationBody"); n.Visits != 2 {
		t.Errorf("map visits %+v", n)
	}
	if got := taken(g)["s_CheckIteration->s_BeforeIteration"]; got != 1 {
		t.Errorf("loop edge taken %d times, want 1", got)
	}
}

func TestHeat(t *testing.T) {
	g := recorded(t, "run-docs-retry-catch", Options{Heat: &Trace{}})
	hot, cold := g.Node("s_TaskStateCatchRetry"), g.Node("s_WaitState")
	if hot.Heat != 1 || cold.Heat <= 0 || cold.Heat >= 1 || g.Run != nil {
		t.Errorf("hot %+v cold %+v", hot, cold)
	}
}

// TestRunBrokenChain reads a history whose ids were normalised away, as in
// some recordings: the order of events must still give the path.
func TestRunBrokenChain(t *testing.T) {
	src := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}`
	tr, err := ReadTrace([]byte(`[{"id":[0],"type":"PassStateEntered","stateEnteredEventDetails":{"name":"A"}},
		{"id":[0],"type":"PassStateExited","stateExitedEventDetails":{"name":"A"}},
		{"id":[0],"type":"PassStateEntered","stateEnteredEventDetails":{"name":"B"}},
		{"id":[0],"type":"PassStateExited","stateExitedEventDetails":{"name":"B"}},
		{"id":[0],"type":"ExecutionSucceeded"}]`))
	if err != nil {
		t.Fatal(err)
	}
	g := Build(asl.Build(asl.Load("m.json", []byte(src))), Options{Highlight: tr})
	want := map[string]int{"t_start->s_A": 1, "s_A->s_B": 1, "s_B->t_end": 1}
	if got := taken(g); !sameCounts(got, want) {
		t.Errorf("taken %v, want %v", got, want)
	}
}

func sameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestRunMapIterations: AWS chains each MapIterationStarted to the previous
// iteration's last event; every iteration must still start the processor.
func TestRunMapIterations(t *testing.T) {
	g := recorded(t, "run-map-iterations", Options{})
	want := map[string]int{"t_start->s_State0": 1, "s_State0->s_State1": 1, "s_State1->s_Inner": 3,
		"s_Inner->j_State1": 3, "j_State1->s_State2": 1, "s_State2->t_end": 1}
	if got := taken(g); !sameCounts(got, want) {
		t.Errorf("taken %v, want %v", got, want)
	}
}

// TestRunParallelNormalised reads a recording whose Parallel block lost its
// event ids ([0]) and order: both branches still show as run.
func TestRunParallelNormalised(t *testing.T) {
	g := recorded(t, "run-parallel-normalised", Options{})
	want := map[string]int{"t_start->s_ParallelState": 1, "s_ParallelState->s_Branch1": 1, "s_Branch1->j_ParallelState": 1,
		"s_ParallelState->s_Branch2": 1, "s_Branch2->j_ParallelState": 1, "j_ParallelState->t_end": 1}
	if got := taken(g); !sameCounts(got, want) {
		t.Errorf("taken %v, want %v", got, want)
	}
}

// TestRunRuntimeError: AWS ends the execution straight after the state that
// hit a runtime error, with no failure event of the state's own.
func TestRunRuntimeError(t *testing.T) {
	src := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}`
	tr, err := ReadTrace([]byte(`{"status":"FAILED","error":"States.Runtime","history":[
		{"id":1,"previousEventId":0,"type":"ExecutionStarted"},
		{"id":2,"previousEventId":1,"type":"PassStateEntered","stateEnteredEventDetails":{"name":"A"}},
		{"id":3,"previousEventId":2,"type":"PassStateExited","stateExitedEventDetails":{"name":"A"}},
		{"id":4,"previousEventId":3,"type":"PassStateEntered","stateEnteredEventDetails":{"name":"B"}},
		{"id":5,"previousEventId":4,"type":"ExecutionFailed","executionFailedEventDetails":{"error":"States.Runtime"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	g := Build(asl.Build(asl.Load("m.json", []byte(src))), Options{Highlight: tr})
	if a, b := g.Node("s_A"), g.Node("s_B"); a.Failed != "" || b.Failed != "States.Runtime" {
		t.Errorf("A %+v, B %+v", a, b)
	}
	if g.Node("t_end").Visits != 0 {
		t.Error("End was not reached")
	}
}
