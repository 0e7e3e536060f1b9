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
	startedID := x.emit(fr, "ParallelStateStarted", nil)
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
	end := t0
	results := make([]any, len(s.st.Branches))
	// Branches run side by side from t0: the one that fails first on the
	// clock fails the state (the lowest index on a tie).
	var first *failure
	var firstAt time.Time
	for i, b := range s.st.Branches {
		x.clock = t0
		cursor := startedID
		bfr := &frame{h: fr.h, prev: &cursor, vars: &varScope{vals: map[string]any{}, parent: fr.vars}, depth: fr.depth + 1}
		out, bf := x.runScope(b, input, bfr)
		*fr.prev = cursor
		if bf != nil {
			if bf.fatal {
				x.clock = later(end, x.clock)
				return stateResult{}, bf
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
