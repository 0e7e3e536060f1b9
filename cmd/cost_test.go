package cmd

import (
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/cost"
	"github.com/sfnctl/sfnctl/simulate"
)

// A Distributed Map's children are counted the same way by the engine
// (through costRunOf) and by the static count: 5 items in batches of 2 make
// 3 children; STANDARD children bill the Map, 3 starts and 3 × (A, B) = 10;
// EXPRESS children bill the Map and 3 starts = 4, and 3 Express executions.
func TestCostRunOfDistributedMap(t *testing.T) {
	const def = `{"StartAt":"DM","States":{"DM":{"Type":"Map","ItemsPath":"$.items","ItemBatcher":{"MaxItemsPerBatch":2},
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"KIND"},"StartAt":"A","States":{
	  "A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}},"End":true}}}`
	for _, tt := range []struct {
		kind        string
		transitions int64
		express     int64
	}{{"STANDARD", 10, 0}, {"EXPRESS", 4, 3}} {
		sm := asl.Build(asl.Load("dm.asl.json", []byte(strings.Replace(def, "KIND", tt.kind, 1))))
		res, err := simulate.Run(sm, simulate.Options{Input: map[string]any{"items": []any{int64(1), int64(2), int64(3), int64(4), int64(5)}}})
		if err != nil || res.Status != simulate.StatusSucceeded {
			t.Fatalf("%s: %v %+v", tt.kind, err, res)
		}
		run := costRunOf(sm, res)
		if run.Transitions != tt.transitions || run.ExpressChildren != tt.express {
			t.Errorf("%s: simulated %d transitions, %d Express children; want %d, %d", tt.kind, run.Transitions, run.ExpressChildren, tt.transitions, tt.express)
		}
		s, err := cost.Analyze(sm, cost.Options{MapItems: 5})
		if err != nil {
			t.Fatal(err)
		}
		if s.Transitions.Expected.Cmp(cost.Rat(tt.transitions)) != 0 || s.ExpressChildren.Expected.Cmp(cost.Rat(tt.express)) != 0 {
			t.Errorf("%s: static %s transitions, %s Express children; want %d, %d", tt.kind,
				s.Transitions.Expected.RatString(), s.ExpressChildren.Expected.RatString(), tt.transitions, tt.express)
		}
	}
}

func TestCostFlagParsing(t *testing.T) {
	names := map[string]bool{"A->B": true, "C": true, "A": true}
	for _, tt := range []struct{ in, from, to string }{
		{"A->B->C", "A->B", "C"}, // the split whose both sides are states
		{"C->A", "C", "A"},
		{"X->Y", "X", "Y"}, // unknown: first arrow, the analyzer reports it
	} {
		from, to, ok := costSplitEdge(tt.in, names)
		if !ok || from != tt.from || to != tt.to {
			t.Errorf("%s: %q %q %v", tt.in, from, to, ok)
		}
	}
	if _, _, ok := costSplitEdge("no arrow", names); ok {
		t.Error("no arrow: accepted")
	}
	for in, want := range map[string]int64{"1000": 1000, "1,000,000": 1000000, "2_500": 2500, "1e6": 1000000, "2.5e3": 2500} {
		if got, err := costParseCount(in); err != nil || got != want {
			t.Errorf("%s: %d %v", in, got, err)
		}
	}
	for _, bad := range []string{"-1", "1.5", "lots", "", "1e-3"} {
		if _, err := costParseCount(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	for in, want := range map[string]string{"2.5s": "2.5s", "800ms": "800ms", "1.25": "1.25s", "1m30s": "1m30s"} {
		if got, err := costParseDuration("--duration", in); err != nil || got.String() != want {
			t.Errorf("%s: %v %v", in, got, err)
		}
	}
	if _, err := costParseDuration("--duration", "soon"); err == nil {
		t.Error("soon: accepted")
	}
}
