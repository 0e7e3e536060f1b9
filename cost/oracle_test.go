package cost

import (
	"bufio"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// TestCountingModelAgainstAWS checks the counting model against executions
// recorded on real AWS (../shared/conformance): on machines with one path
// (no Choice, Retry or Catch) that succeeded, the static count must equal
// the number of *StateEntered events AWS recorded. A Map's iteration count
// is read from the recorded MapIterationStarted events.
func TestCountingModelAgainstAWS(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "conformance", "executions.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("conformance corpus not found at %s: skipping", path)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	checked, skipped := 0, 0
	for sc.Scan() {
		var c struct {
			ID          string          `json:"id"`
			Definition  json.RawMessage `json:"definition"`
			Transitions *int64          `json:"transitions"`
			Expected    struct {
				Status string `json:"status"`
			} `json:"expected"`
			History []struct {
				Type    string `json:"type"`
				Entered *struct {
					Name string `json:"name"`
				} `json:"stateEnteredEventDetails"`
				Iteration *struct {
					Name string `json:"name"`
				} `json:"mapIterationStartedEventDetails"`
			} `json:"history"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		def := string(c.Definition)
		if c.Transitions == nil || c.Expected.Status != "SUCCEEDED" ||
			strings.Contains(def, `"Choice"`) || strings.Contains(def, `"Retry"`) || strings.Contains(def, `"Catch"`) ||
			strings.Contains(def, `DISTRIBUTED`) {
			continue
		}
		sm := asl.Build(asl.Load(c.ID+".json", c.Definition))
		if sm == nil {
			continue
		}
		// iterations per Map entry, from the recorded history
		entries, iterations := map[string]int64{}, map[string]int64{}
		for _, e := range c.History {
			if strings.HasPrefix(e.Type, "Map") && e.Type == "MapStateEntered" && e.Entered != nil {
				entries[e.Entered.Name]++
			}
			if e.Type == "MapIterationStarted" && e.Iteration != nil {
				iterations[e.Iteration.Name]++
			}
		}
		byState := map[string]int64{}
		uneven := false
		for name, n := range entries {
			if iterations[name]%n != 0 {
				uneven = true // entries with different item counts: one figure cannot say it
			}
			byState[name] = iterations[name] / n
		}
		mapsKnown := true
		sm.Walk(func(st *asl.State) {
			if _, ok := byState[st.Name]; st.Type == "Map" && !ok {
				mapsKnown = false // never entered: nothing recorded to size it
			}
		})
		if uneven || !mapsKnown {
			skipped++
			continue
		}
		s, err := Analyze(sm, Options{MapItemsByState: byState})
		if err != nil {
			t.Errorf("%s: %v", c.ID, err)
			continue
		}
		if s.Transitions.Expected.Cmp(new(big.Rat).SetInt64(*c.Transitions)) != 0 {
			t.Errorf("%s: static count %s, AWS recorded %d state entries", c.ID, s.Transitions.Expected.RatString(), *c.Transitions)
		}
		checked++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d recorded executions checked, %d skipped (Map item counts not recoverable)", checked, skipped)
	if checked < 100 {
		t.Errorf("only %d executions checked; the corpus filter is too strict", checked)
	}
}
