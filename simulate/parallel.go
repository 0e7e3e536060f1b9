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
	t0 := x.clock
	end := t0
	results := make([]any, len(s.st.Branches))
	for i, b := range s.st.Branches {
		x.clock = t0
		cursor := startedID
		bfr := &frame{h: fr.h, prev: &cursor, vars: &varScope{vals: map[string]any{}, parent: fr.vars}, depth: fr.depth + 1}
		out, bf := x.runScope(b, input, bfr)
		if x.clock.After(end) {
			end = x.clock
		}
		*fr.prev = cursor
		if bf != nil {
			x.clock = later(end, x.clock)
			return stateResult{}, bf
		}
		results[i] = out
	}
	x.clock = end
	x.emit(fr, "ParallelStateSucceeded", nil)
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
