package cost

import (
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

func machine(t *testing.T, src string) *asl.StateMachine {
	t.Helper()
	doc := asl.Load("m.asl.json", []byte(src))
	if len(doc.Diagnostics) > 0 {
		t.Fatalf("bad test definition: %v", doc.Diagnostics)
	}
	return asl.Build(doc)
}

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

// Every expected figure below is counted by hand from the counting model:
// one transition per state entered, the Map/Parallel state itself once,
// one per retry attempt (a retried Parallel/Map reruns its contents).
func TestAnalyze(t *testing.T) {
	const linear = `{"StartAt":"A","States":{
		"A":{"Type":"Pass","Next":"B"},
		"B":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Next":"C"},
		"C":{"Type":"Succeed"}}}`
	const branching = `{"StartAt":"Start","States":{
		"Start":{"Type":"Pass","Next":"Route"},
		"Route":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"X"}],"Default":"Y"},
		"X":{"Type":"Pass","Next":"X2"},
		"X2":{"Type":"Pass","End":true},
		"Y":{"Type":"Pass","End":true}}}`
	const mapped = `{"StartAt":"M","States":{
		"M":{"Type":"Map","ItemProcessor":{"StartAt":"P1","States":{
			"P1":{"Type":"Pass","Next":"P2"},"P2":{"Type":"Pass","End":true}}},"Next":"Done"},
		"Done":{"Type":"Succeed"}}}`
	const parallel = `{"StartAt":"P","States":{
		"P":{"Type":"Parallel","Branches":[
			{"StartAt":"B1","States":{"B1":{"Type":"Pass","End":true}}},
			{"StartAt":"C1","States":{"C1":{"Type":"Pass","Next":"C2"},"C2":{"Type":"Pass","End":true}}}],
		 "Next":"Done"},
		"Done":{"Type":"Succeed"}}}`
	const retried = `{"StartAt":"T","States":{
		"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
		 "Retry":[{"ErrorEquals":["A"],"MaxAttempts":2},{"ErrorEquals":["States.ALL"],"MaxAttempts":3}]}}}`
	const loop = `{"StartAt":"Poll","States":{
		"Poll":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Check"},
		"Check":{"Type":"Choice","Choices":[{"Variable":"$.done","BooleanEquals":true,"Next":"Done"}],"Default":"Wait1"},
		"Wait1":{"Type":"Wait","Seconds":5,"Next":"Poll"},
		"Done":{"Type":"Succeed"}}}`
	const distributed = `{"StartAt":"DM","States":{
		"DM":{"Type":"Map","ItemBatcher":{"MaxItemsPerBatch":10},
		 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"%s"},"StartAt":"A","States":{
			"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}},"End":true}}}`
	const caught = `{"StartAt":"T","States":{
		"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"N1",
		 "Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
		"N1":{"Type":"Pass","Next":"N2"},
		"N2":{"Type":"Succeed"},
		"F":{"Type":"Fail"}}}`
	const retriedParallel = `{"StartAt":"P","States":{
		"P":{"Type":"Parallel","End":true,"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],
		 "Branches":[{"StartAt":"B1","States":{"B1":{"Type":"Pass","Next":"B2"},"B2":{"Type":"Pass","End":true}}}]}}}`
	tests := []struct {
		name          string
		src           string
		opts          Options
		min, exp, max string
		xExp          string // child Express executions, expected
	}{
		{"linear", linear, Options{}, "3", "3", "3", "0"},
		// Start, Route, then X, X2 (4) or Y (3), each half the time
		{"branching", branching, Options{}, "3", "7/2", "4", "0"},
		{"branching weighted", branching, Options{Weights: map[string]map[string]*big.Rat{"Route": {"X": rat("0.9")}}}, "3", "39/10", "4", "0"},
		// M + 10 × (P1, P2) + Done
		{"map 10 items", mapped, Options{MapItems: 10}, "22", "22", "22", "0"},
		{"map by state", mapped, Options{MapItems: 3, MapItemsByState: map[string]int64{"M": 5}}, "12", "12", "12", "0"},
		{"map default 1", mapped, Options{}, "4", "4", "4", "0"},
		// P + B1 + C1 + C2 + Done
		{"parallel", parallel, Options{}, "5", "5", "5", "0"},
		// max: 2 + 3 retries on top of the entry
		{"retries", retried, Options{Retries: map[string]*big.Rat{"T": rat("2")}}, "1", "3", "6", "0"},
		{"retries fractional", retried, Options{Retries: map[string]*big.Rat{"T": rat("0.5")}}, "1", "3/2", "6", "0"},
		// a pass is Poll+Check, half the passes exit: 2 passes expected,
		// Wait1 once, Done once; max counts the loop's 3 states 10 times
		{"loop", loop, Options{}, "3", "6", "31", "0"},
		{"loop limit 4", loop, Options{LoopLimit: 4}, "3", "6", "13", "0"},
		// 100 items in batches of 10: DM + 10 child starts + 10 × (A, B)
		{"distributed standard", strings.Replace(distributed, "%s", "STANDARD", 1), Options{MapItems: 100}, "31", "31", "31", "0"},
		{"distributed express", strings.Replace(distributed, "%s", "EXPRESS", 1), Options{MapItems: 100}, "11", "11", "11", "10"},
		// T,F (2) is the shortest path; errors are not expected unless weighted
		{"catch", caught, Options{}, "2", "3", "3", "0"},
		{"catch weighted", caught, Options{Weights: map[string]map[string]*big.Rat{"T": {"F": rat("0.25")}}}, "2", "11/4", "3", "0"},
		// (1 + 2 retries) × (P + B1 + B2)
		{"retried parallel", retriedParallel, Options{}, "3", "3", "9", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Analyze(machine(t, tt.src), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{s.Transitions.Min.RatString(), s.Transitions.Expected.RatString(), s.Transitions.Max.RatString(), s.ExpressChildren.Expected.RatString()}
			want := []string{tt.min, tt.exp, tt.max, tt.xExp}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("min/expected/max/express = %v, want %v", got, want)
					break
				}
			}
			sum := Rat(0)
			for _, sc := range s.ByState {
				sum = add(sum, sc.Transitions)
			}
			if sum.Cmp(s.Transitions.Expected) != 0 && !strings.Contains(tt.name, "express") {
				t.Errorf("per-state costs add up to %s, not the expected %s", sum.RatString(), s.Transitions.Expected.RatString())
			}
		})
	}
}

func TestAnalyzeLoopsFlagged(t *testing.T) {
	src := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"A"}],"Default":"C"},"C":{"Type":"Succeed"}}}`
	s, err := Analyze(machine(t, src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Loops) != 1 || strings.Join(s.Loops[0], ",") != "A,B" {
		t.Errorf("loops = %v, want [[A B]]", s.Loops)
	}
	// never exits: B always goes back to A
	s, err = Analyze(machine(t, src), Options{Weights: map[string]map[string]*big.Rat{"B": {"A": rat("1")}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) == 0 || !strings.Contains(s.Warnings[0], "never exits") {
		t.Errorf("warnings = %v, want a never-exits warning", s.Warnings)
	}
}

func TestMaxRetries(t *testing.T) {
	tests := []struct {
		retry string
		want  int64
	}{
		{`[]`, 0},
		{`[{"ErrorEquals":["States.ALL"]}]`, 3}, // MaxAttempts defaults to 3
		{`[{"ErrorEquals":["States.ALL"],"MaxAttempts":0}]`, 0},
		{`[{"ErrorEquals":["A"],"MaxAttempts":2},{"ErrorEquals":["B","C"],"MaxAttempts":4}]`, 6},
		{`[{"ErrorEquals":["A"],"MaxAttempts":2},{"ErrorEquals":["A"],"MaxAttempts":4}]`, 2}, // second never matches
		{`[{"ErrorEquals":["States.ALL"],"MaxAttempts":2},{"ErrorEquals":["A"],"MaxAttempts":4}]`, 2},
		// States.TaskFailed takes every error but States.Timeout
		{`[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":2},{"ErrorEquals":["Busy"],"MaxAttempts":4}]`, 2},
		{`[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":2},{"ErrorEquals":["States.Timeout"],"MaxAttempts":4}]`, 6},
		{`[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":2},{"ErrorEquals":["States.ALL"],"MaxAttempts":1}]`, 3},
	}
	for _, tt := range tests {
		src := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Retry":` + tt.retry + `}}}`
		sm := machine(t, src)
		if got := MaxRetries(sm.Root.States[0]); got != tt.want {
			t.Errorf("%s: MaxRetries = %d, want %d", tt.retry, got, tt.want)
		}
	}
}

func TestAnalyzeOptionErrors(t *testing.T) {
	src := `{"StartAt":"Get Order","States":{
		"Get Order":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Route","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}]},
		"Route":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"A"}],"Default":"B"},
		"A":{"Type":"Succeed"},"B":{"Type":"Succeed"}}}`
	tests := []struct {
		opts Options
		want string
	}{
		{Options{Retries: map[string]*big.Rat{"get order": rat("1")}}, `did you mean "Get Order"`},
		{Options{Retries: map[string]*big.Rat{"Get Order": rat("3")}}, "at most 2 retry attempts"},
		{Options{Retries: map[string]*big.Rat{"Route": rat("1")}}, "never retries"},
		{Options{MapItemsByState: map[string]int64{"Route": 3}}, "only Map states iterate"},
		{Options{Weights: map[string]map[string]*big.Rat{"Route": {"C": rat("0.5")}}}, `it leads to "A", "B"`},
		{Options{Weights: map[string]map[string]*big.Rat{"Route": {"A": rat("0.5"), "B": rat("0.6")}}}, "must not exceed 1"},
		{Options{Weights: map[string]map[string]*big.Rat{"Route": {"A": rat("0.5"), "B": rat("0.4")}}}, "not 1"},
	}
	for _, tt := range tests {
		_, err := Analyze(machine(t, src), tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: err = %v, want it to contain %q", tt.opts, err, tt.want)
		}
	}
}

// FuzzAnalyze: no definition, however odd, makes the counter panic or hang.
func FuzzAnalyze(f *testing.F) {
	f.Add(`{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A"}}}`)
	f.Add(`{"StartAt":"M","States":{"M":{"Type":"Map","Iterator":{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}},"End":true}}}`)
	f.Add(`{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"Q","States":{"Q":{"Type":"Choice","Choices":[{"Next":"Q"}]}}}],"End":true}}}`)
	f.Fuzz(func(t *testing.T, src string) {
		var v any
		if json.Unmarshal([]byte(src), &v) != nil {
			return
		}
		doc := asl.Load("f.json", []byte(src))
		if doc.Root == nil {
			return
		}
		sm := asl.Build(doc)
		if sm == nil {
			return
		}
		_, _ = Analyze(sm, Options{MapItems: 3})
	})
}

// Weighting the Next path of a Task sends the rest through its Catch:
// T->N1=0.75 leaves 0.25 for F, so 0.75 × 3 + 0.25 × 2 = 2.75.
func TestWeightOnNextPath(t *testing.T) {
	src := `{"StartAt":"T","States":{
		"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"N1","Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
		"N1":{"Type":"Pass","Next":"N2"},"N2":{"Type":"Succeed"},"F":{"Type":"Fail"}}}`
	s, err := Analyze(machine(t, src), Options{Weights: map[string]map[string]*big.Rat{"T": {"N1": rat("0.75")}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Transitions.Expected.RatString(); got != "11/4" {
		t.Errorf("expected %s, want 11/4", got)
	}
}

// A loop too large for rationals is solved in floating point: 200 Pass
// states and a Choice that exits half the time run twice on average, so
// 2 × 201 + the end state = 403.
func TestLargeLoopFloat(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"StartAt":"S0","States":{`)
	for i := 0; i < 200; i++ {
		b.WriteString(`"S` + strconv.Itoa(i) + `":{"Type":"Pass","Next":"S` + strconv.Itoa(i+1) + `"},`)
	}
	b.WriteString(`"S200":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"S0"}],"Default":"E"},"E":{"Type":"Succeed"}}}`)
	s, err := Analyze(machine(t, b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Transitions.Expected.Float64()
	if math.Abs(got-403) > 1e-6 {
		t.Errorf("expected %v, want 403", got)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "floating point") {
		t.Errorf("warnings %v", s.Warnings)
	}
}

func TestRetriesBeforeCatch(t *testing.T) {
	tests := []struct {
		retry, catch string
		want         []int64 // per catcher
	}{
		// a States.ALL retrier retries every error before any catcher sees it
		{`[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}]`, `[{"ErrorEquals":["States.ALL"],"Next":"F"}]`, []int64{2}},
		// an error the retrier does not name goes straight to the catcher
		{`[{"ErrorEquals":["Busy"],"MaxAttempts":2}]`, `[{"ErrorEquals":["States.ALL"],"Next":"F"}]`, []int64{0}},
		{`[{"ErrorEquals":["Busy"],"MaxAttempts":2}]`, `[{"ErrorEquals":["Busy"],"Next":"F"},{"ErrorEquals":["States.ALL"],"Next":"F"}]`, []int64{2, 0}},
		// States.TaskFailed does not match States.Timeout
		{`[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":3}]`, `[{"ErrorEquals":["States.ALL"],"Next":"F"}]`, []int64{0}},
		{`[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":3}]`, `[{"ErrorEquals":["States.TaskFailed"],"Next":"F"}]`, []int64{3}},
	}
	for _, tt := range tests {
		src := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Retry":` + tt.retry + `,"Catch":` + tt.catch + `},"F":{"Type":"Fail"}}}`
		st := machine(t, src).Root.States[0]
		for i, want := range tt.want {
			if got := RetriesBeforeCatch(st, i); got != want {
				t.Errorf("%s %s: catcher %d needs %d retries, want %d", tt.retry, tt.catch, i, got, want)
			}
		}
	}
	// min through the Catch: T, 2 retries, F = 4, longer than T, N1, N2 = 3
	src := `{"StartAt":"T","States":{
		"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"N1",
		 "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
		"N1":{"Type":"Pass","Next":"N2"},"N2":{"Type":"Succeed"},"F":{"Type":"Fail"}}}`
	s, err := Analyze(machine(t, src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Transitions.Min.RatString() != "3" || s.Transitions.Max.RatString() != "5" {
		t.Errorf("min %s max %s, want 3 and 5", s.Transitions.Min.RatString(), s.Transitions.Max.RatString())
	}
}

// One execution in ten goes through the Catch, and its error is first
// retried twice by the States.ALL retrier: 0.9 × (T, N1, N2) + 0.1 × (T, 2
// retries, F) = 2.7 + 0.4 = 3.1.
func TestExpectedRetriesBeforeWeightedCatch(t *testing.T) {
	src := `{"StartAt":"T","States":{
		"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"N1",
		 "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
		"N1":{"Type":"Pass","Next":"N2"},"N2":{"Type":"Succeed"},"F":{"Type":"Fail"}}}`
	s, err := Analyze(machine(t, src), Options{Weights: map[string]map[string]*big.Rat{"T": {"F": rat("0.1")}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Transitions.Expected.RatString(); got != "31/10" {
		t.Errorf("expected %s, want 31/10", got)
	}
	// --retries overrides: 0.5 retries per entry → 0.9 × 3 + 0.1 × 2 + 0.5 = 3.4
	s, err = Analyze(machine(t, src), Options{Weights: map[string]map[string]*big.Rat{"T": {"F": rat("0.1")}}, Retries: map[string]*big.Rat{"T": rat("0.5")}})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Transitions.Expected.RatString(); got != "17/5" {
		t.Errorf("with --retries: expected %s, want 17/5", got)
	}
}
