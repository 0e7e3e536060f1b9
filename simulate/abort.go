package simulate

import (
	"maps"
	"math/rand/v2"
	"time"
)

// When one Parallel branch or Inline Map iteration fails, AWS aborts its
// siblings: states they would have entered after that moment are never
// entered (and are not billed). Branches and iterations run one after
// another here, so one that fails early on the virtual clock is found only
// after its siblings ran in full. The state then rewinds the execution to
// where they began and runs them again with a cutoff: each stops, aborted,
// before entering a state later than the failure.

// snapshot is the execution's mutable state at one moment.
type snapshot struct {
	clock                                     time.Time
	transitions, childTransitions, retries    int
	totalEvents, tokens, mapRuns, events, cnt int
	prev                                      int64
	visits, invocations                       map[string]int
	rng                                       []byte
}

func (x *execution) snapshot(fr *frame) *snapshot {
	rng, _ := x.pcg.MarshalBinary()
	return &snapshot{clock: x.clock, transitions: x.transitions, childTransitions: x.childTransitions, retries: x.retries,
		totalEvents: x.totalEvents, tokens: x.tokens, mapRuns: x.mapRuns, events: len(fr.h.events), cnt: fr.h.count,
		prev: *fr.prev, visits: maps.Clone(x.visits), invocations: maps.Clone(x.invocations), rng: rng}
}

func (x *execution) restore(fr *frame, s *snapshot) {
	x.clock, x.transitions, x.childTransitions, x.retries = s.clock, s.transitions, s.childTransitions, s.retries
	x.totalEvents, x.tokens, x.mapRuns = s.totalEvents, s.tokens, s.mapRuns
	fr.h.events, fr.h.count, *fr.prev = fr.h.events[:s.events], s.cnt, s.prev
	// The Result holds x.visits; refill the same map.
	clear(x.visits)
	maps.Copy(x.visits, s.visits)
	x.invocations = maps.Clone(s.invocations)
	_ = x.pcg.UnmarshalBinary(s.rng)
}

// newPCG is the generator behind the execution's random numbers (the same
// sequence expr.NewEnv gives), kept so its state can be saved.
func newPCG(seed uint64) *rand.PCG { return rand.NewPCG(seed, seed^0x9e3779b97f4a7c15) }

// aborted is the failure of a branch cut short by a sibling's failure.
func aborted() *failure { return &failure{fatal: true, aborted: true} }

// pastCutoff reports whether the frame's cutoff has passed; the clock then
// goes back to the cutoff, when the branch was aborted.
func (x *execution) pastCutoff(fr *frame) bool {
	if fr.cutoff.IsZero() || !x.clock.After(fr.cutoff) {
		return false
	}
	x.clock = fr.cutoff
	return true
}
