package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/cost"
	"github.com/sfnctl/sfnctl/simulate"
)

// genScope builds a random loop-free scope without Choice states: a chain
// of Pass, Wait, Parallel and Map states ending in End or Succeed. Map and
// Parallel keep their input intact (ResultPath) so a later Map still finds
// $.items. Names are unique across the machine, as AWS requires.
func genScope(r *rand.Rand, depth int, next *int) map[string]any {
	n := 1 + r.IntN(4)
	states := map[string]any{}
	var names []string
	for i := 0; i < n; i++ {
		*next++
		names = append(names, "S"+strconv.Itoa(*next))
	}
	for i, name := range names {
		var st map[string]any
		kind := r.IntN(6)
		if depth >= 2 && kind >= 3 {
			kind = r.IntN(3)
		}
		switch kind {
		case 0, 1:
			st = map[string]any{"Type": "Pass"}
		case 2:
			st = map[string]any{"Type": "Wait", "Seconds": 1}
		case 3:
			branches := []any{}
			for b := 0; b <= r.IntN(3); b++ {
				branches = append(branches, genScope(r, depth+1, next))
			}
			st = map[string]any{"Type": "Parallel", "Branches": branches, "ResultPath": "$.p" + name}
		default:
			st = map[string]any{"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": genScope(r, depth+1, next), "ResultPath": "$.m" + name}
		}
		if i == len(names)-1 {
			if st["Type"] == "Pass" && r.IntN(2) == 0 {
				st = map[string]any{"Type": "Succeed"}
			} else {
				st["End"] = true
			}
		} else {
			st["Next"] = names[i+1]
		}
		states[name] = st
	}
	return map[string]any{"StartAt": names[0], "States": states}
}

// items nests k-item arrays depth levels deep, so every Map at any depth
// iterates k times.
func items(k, depth int) map[string]any {
	list := []any{}
	for i := 0; i < k; i++ {
		if depth > 0 {
			list = append(list, items(k, depth-1))
		} else {
			list = append(list, map[string]any{"items": []any{}})
		}
	}
	return map[string]any{"items": list}
}

// On loop-free machines without Choice states there is one path, so the
// static count (min = expected = max) must equal what the engine counts.
func TestCostStaticMatchesSimulated(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 2026))
	for trial := 0; trial < 300; trial++ {
		next := 0
		def := genScope(r, 0, &next)
		src, _ := json.Marshal(def)
		sm := asl.Build(asl.Load("p.asl.json", src))
		k := r.IntN(4)
		var input any
		_ = json.Unmarshal(mustJSON(items(k, 3)), &input)
		input = plainNumbers(input)
		res, err := simulate.Run(sm, simulate.Options{Input: input})
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if res.Status != simulate.StatusSucceeded {
			t.Fatalf("%s: %s %v %v", src, res.Status, res.Error, res.Cause)
		}
		s, err := cost.Analyze(sm, cost.Options{MapItems: int64(k), MapItemsByState: zeroIfNone(sm, k)})
		if err != nil {
			t.Fatal(err)
		}
		simulated := int64(res.Transitions + res.Retries + res.ChildTransitions)
		for _, v := range []string{s.Transitions.Min.RatString(), s.Transitions.Expected.RatString(), s.Transitions.Max.RatString()} {
			if v != fmt.Sprint(simulated) {
				t.Fatalf("%s with %d items: static %s/%s/%s, simulated %d", src, k,
					s.Transitions.Min.RatString(), s.Transitions.Expected.RatString(), s.Transitions.Max.RatString(), simulated)
			}
		}
	}
}

// zeroIfNone: --map-items 0 is spelled per state (0 means "default").
func zeroIfNone(sm *asl.StateMachine, k int) map[string]int64 {
	by := map[string]int64{}
	if k == 0 {
		sm.Walk(func(st *asl.State) {
			if st.Type == "Map" {
				by[st.Name] = 0
			}
		})
	}
	return by
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func plainNumbers(v any) any {
	switch x := v.(type) {
	case float64:
		return int64(x)
	case map[string]any:
		for k, e := range x {
			x[k] = plainNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = plainNumbers(e)
		}
	}
	return v
}
