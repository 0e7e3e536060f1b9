package simulate

import "time"

// parallel runs every branch on the same input, each from the same moment
// of the virtual clock; the state lasts as long as its slowest branch.
func (s *stateRun) parallel() (stateResult, *failure) {
	x, fr := s.x, s.fr
	var input any
	var states map[string]any
	var f *failure
	if s.jsonata {
		states = s.states(s.input)
		input = s.input
		if a, ok := s.st.Raw["Arguments"]; ok {
			if input, f = s.evalJSONataField(a, "Arguments", states); f != nil {
				return stateResult{}, f
			}
		}
	} else {
		if input, f = s.inputPath(s.input); f != nil {
			return stateResult{}, f
		}
		if p, ok := s.st.Raw["Parameters"]; ok {
			if input, f = s.template(p, input); f != nil {
				return stateResult{}, f
			}
		}
	}
	x.emit(fr, "ParallelStateStarted", nil)
	if t := x.test; t != nil {
		result, f := t.stateResult()
		if f != nil {
			return stateResult{}, f
		}
		if s.jsonata {
			states["result"] = result
			return s.finishJSONata(states, result)
		}
		return s.finishJSONPath(result)
	}
	t0 := x.clock
	snap := x.snapshot(fr)
	results, first, firstAt, end, f := s.runBranches(input, t0, fr.cutoff, true)
	if f != nil {
		return stateResult{}, f
	}
	if first != nil && len(s.st.Branches) > 1 {
		// Siblings may have run past the failure: run again, cut there.
		x.restore(fr, snap)
		cutoff := firstAt
		if !fr.cutoff.IsZero() && fr.cutoff.Before(cutoff) {
			cutoff = fr.cutoff
		}
		if _, first, firstAt, _, f = s.runBranches(input, t0, cutoff, false); f != nil {
			return stateResult{}, f
		}
		if first == nil {
			// Seeded jitter drawn in another order moved the failure past
			// the cutoff: keep the first pass, which is complete.
			x.restore(fr, snap)
			if results, first, firstAt, end, f = s.runBranches(input, t0, fr.cutoff, true); f != nil {
				return stateResult{}, f
			}
		}
	}
	if first != nil {
		x.clock = firstAt
		return stateResult{}, first
	}
	x.clock = end
	// As for Map, AWS chains the state's exit to the last branch event,
	// not to ParallelStateSucceeded.
	x.emitNoChain(fr, "ParallelStateSucceeded", nil)
	if s.jsonata {
		states["result"] = results
		return s.finishJSONata(states, results)
	}
	return s.finishJSONPath(results)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// runBranches runs every branch from t0 on the same input. first is the
// failure that happens first on the clock (the lowest index on a tie); f
// is a failure that ends the execution or aborts this state.
// In the first pass a branch's fatal failure waits for its siblings: one
// may fail earlier on the clock and abort it before it gets there.
func (s *stateRun) runBranches(input any, t0, cutoff time.Time, firstPass bool) (results []any, first *failure, firstAt, end time.Time, f *failure) {
	x, fr := s.x, s.fr
	startedID := *fr.prev
	end = t0
	var fatal *failure
	var fatalAt time.Time
	results = make([]any, len(s.st.Branches))
	for i, b := range s.st.Branches {
		x.clock = t0
		cursor := startedID
		bfr := &frame{h: fr.h, prev: &cursor, vars: &varScope{vals: map[string]any{}, parent: fr.vars}, depth: fr.depth + 1, cutoff: cutoff}
		out, bf := x.runScope(b, input, bfr)
		*fr.prev = cursor
		if bf != nil {
			if bf.aborted {
				if !fr.cutoff.IsZero() && !cutoff.Before(fr.cutoff) {
					// The cutoff came from outside: this state is aborted too.
					return nil, nil, time.Time{}, end, bf
				}
				continue
			}
			if bf.fatal {
				if firstPass && x.overLimit(fr) == nil {
					if fatal == nil || x.clock.Before(fatalAt) {
						fatal, fatalAt = bf, x.clock
					}
					continue
				}
				x.clock = later(end, x.clock)
				return nil, nil, time.Time{}, end, bf
			}
			if first == nil || x.clock.Before(firstAt) {
				first, firstAt = bf, x.clock
			}
			continue
		}
		if x.clock.After(end) {
			end = x.clock
		}
		results[i] = out
	}
	if fatal != nil && (first == nil || !firstAt.Before(fatalAt)) {
		x.clock = later(end, fatalAt)
		return nil, nil, time.Time{}, end, fatal
	}
	return results, first, firstAt, end, nil
}
