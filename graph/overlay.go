package graph

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// entry is one time a state was entered, and how that visit ended.
type entry struct {
	state    *asl.State
	exited   bool
	caught   bool
	aborted  bool
	failing  bool     // the latest outcome was a failure: a Catch or the end follows
	errors   []string // failures seen during the visit, retried ones too
	attempts int      // Task invocations, or Parallel/Map starts
}

// step is one transition the run took, by the entries it joined.
type step struct {
	from, to  *asl.State // from is nil when to started its scope
	fromEntry *entry
	caught    string
	viaCatch  bool
}

// runFacts is what the history says happened, in terms of the machine.
type runFacts struct {
	entries []*entry
	steps   []step
	unknown []string // states the run entered that this machine does not have
}

// maxChain bounds how far back one previousEventId walk goes before the
// order of events is trusted instead.
const maxChain = 256

// analyse follows the history over the machine. Each event's predecessor
// comes from previousEventId, which AWS chains exactly even when Map
// iterations interleave; where the chain is broken (some recordings
// normalise ids), the order of events decides.
func analyse(sm *asl.StateMachine, t *Trace) *runFacts {
	byName := map[string]*asl.State{}
	sm.Walk(func(st *asl.State) {
		if byName[st.Name] == nil {
			byName[st.Name] = st
		}
	})
	facts := &runFacts{}
	pos := map[int]int{} // event id → index
	for i, ev := range t.Events {
		if ev.ID > 0 {
			pos[ev.ID] = i
		}
	}
	entryAt := map[int]*entry{} // event index → the entry it belongs to
	open := []*entry{}          // entries not yet exited, most recent last
	// last remembers, per scope, the latest entry seen in order: the
	// fallback when the chain is broken.
	last := map[*asl.Scope]*entry{}

	// chain walks back from event i; visit returns true to stop.
	chain := func(i int, visit func(j int) bool) bool {
		seen := 0
		for j := i; seen < maxChain; seen++ {
			prev := t.Events[j].Previous
			k, ok := pos[prev]
			if !ok || k >= j {
				return false
			}
			if visit(k) {
				return true
			}
			j = k
		}
		return false
	}
	openOf := func(match func(*entry) bool) *entry {
		for k := len(open) - 1; k >= 0; k-- {
			if match(open[k]) {
				return open[k]
			}
		}
		return nil
	}
	// owner finds the open entry an event belongs to: along the chain if
	// it can, else the most recent open one that matches.
	owner := func(i int, match func(*entry) bool) *entry {
		var found *entry
		chain(i, func(j int) bool {
			if e := entryAt[j]; e != nil && !e.exited && match(e) {
				found = e
				return true
			}
			return false
		})
		if found == nil {
			found = openOf(match)
		}
		return found
	}
	isType := func(types ...string) func(*entry) bool {
		return func(e *entry) bool {
			for _, ty := range types {
				if e.state.Type == ty {
					return true
				}
			}
			return false
		}
	}
	close := func(e *entry) {
		for k := len(open) - 1; k >= 0; k-- {
			if open[k] == e {
				open = append(open[:k], open[k+1:]...)
				return
			}
		}
	}

	for i, ev := range t.Events {
		switch {
		case strings.HasSuffix(ev.Type, "StateEntered"):
			st := byName[ev.Name]
			if st == nil {
				if !slices.Contains(facts.unknown, ev.Name) {
					facts.unknown = append(facts.unknown, ev.Name)
				}
				continue
			}
			e := &entry{state: st}
			newIteration := func(j int) bool { return t.Events[j].Type == "MapIterationStarted" }
			facts.steps = append(facts.steps, predecessor(i, st, entryAt, newIteration, chain, last))
			if s := &facts.steps[len(facts.steps)-1]; s.from != nil && s.viaCatch {
				if p := s.fromEntry; p != nil {
					p.caught = true
					close(p)
					if n := len(p.errors); n > 0 {
						s.caught = p.errors[n-1]
					}
				}
			}
			facts.entries = append(facts.entries, e)
			entryAt[i] = e
			open = append(open, e)
			last[st.Scope] = e
			for _, b := range st.Branches {
				delete(last, b)
			}
			if st.Processor != nil {
				delete(last, st.Processor)
			}
		case strings.HasSuffix(ev.Type, "StateExited"):
			e := owner(i, func(e *entry) bool { return e.state.Name == ev.Name })
			if e != nil {
				e.exited = true
				entryAt[i] = e
				close(e)
			}
		case strings.HasSuffix(ev.Type, "StateAborted"):
			if e := owner(i, func(e *entry) bool { return e.state.Name == ev.Name }); e != nil {
				e.aborted = true
				entryAt[i] = e
				close(e)
			}
		case ev.Type == "ParallelStateStarted" || ev.Type == "MapStateStarted":
			if e := owner(i, isType("Parallel", "Map")); e != nil {
				e.attempts++
				entryAt[i] = e
			}
		case ev.Type == "TaskScheduled" || ev.Type == "LambdaFunctionScheduled" || ev.Type == "ActivityScheduled":
			if e := owner(i, isType("Task")); e != nil {
				e.attempts++
				entryAt[i] = e
			}
		case ev.Type == "EvaluationFailed":
			if e := owner(i, func(e *entry) bool { return e.state.Name == ev.State }); e != nil {
				e.errors = append(e.errors, ev.Error)
				e.failing = true
			}
		case ev.Type == "TaskSucceeded" || ev.Type == "LambdaFunctionSucceeded" || ev.Type == "ActivitySucceeded":
			if e := owner(i, isType("Task")); e != nil {
				e.failing = false
				entryAt[i] = e
			}
		case ev.Type == "ParallelStateSucceeded" || ev.Type == "MapStateSucceeded":
			if e := owner(i, isType("Parallel", "Map")); e != nil {
				e.failing = false
				entryAt[i] = e
			}
		case ev.Type == "ParallelStateFailed" || ev.Type == "MapStateFailed":
			if e := owner(i, isType(strings.TrimSuffix(ev.Type, "StateFailed"))); e != nil {
				e.errors = append(e.errors, firstNonEmpty(ev.Error, containerError(t, i)))
				e.failing = true
				entryAt[i] = e
			}
		case isTaskFailure(ev.Type):
			if e := owner(i, isType("Task")); e != nil {
				e.errors = append(e.errors, ev.Error)
				e.failing = true
				entryAt[i] = e
			}
		}
	}
	return facts
}

func isTaskFailure(ty string) bool {
	for _, p := range []string{"Task", "LambdaFunction", "Activity"} {
		if rest, ok := strings.CutPrefix(ty, p); ok && !strings.Contains(rest, "State") &&
			(strings.HasSuffix(rest, "Failed") || strings.HasSuffix(rest, "TimedOut")) {
			return true
		}
	}
	return false
}

// containerError is the error a failed Parallel or Map passes on: AWS puts
// it on the execution's or the next failure event, not on the container's.
func containerError(t *Trace, i int) string {
	for _, ev := range t.Events[i:] {
		if ev.Error != "" {
			return ev.Error
		}
	}
	return t.Error
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// predecessor finds which state of the same scope led into st (nil when st
// started its scope) and whether it left by a Catch: it had not exited.
func predecessor(i int, st *asl.State, entryAt map[int]*entry, newIteration func(int) bool,
	chain func(int, func(int) bool) bool, last map[*asl.Scope]*entry) step {
	s := step{to: st}
	var from *entry
	ok := chain(i, func(j int) bool {
		if newIteration(j) && st.Scope.Parent != nil && st.Scope.Parent.Type == "Map" {
			return true // a Map iteration starts its processor afresh
		}
		e := entryAt[j]
		if e == nil {
			return false
		}
		if e.state.Scope == st.Scope {
			from = e
			return true
		}
		return e.state == st.Scope.Parent // the container started this scope
	})
	if !ok {
		from = last[st.Scope]
	}
	if from != nil {
		s.from = from.state
		s.fromEntry = from
		// AWS writes TaskStateExited even when a Catch takes over, so a
		// failure as the latest outcome is what marks a catch.
		s.viaCatch = !from.exited || from.failing
	}
	return s
}

// heatLevel maps a count to 0..1 on a log scale, so one hot loop does not
// wash out every other state.
func heatLevel(n, max int) float64 {
	if n <= 0 || max <= 0 {
		return 0
	}
	return math.Log1p(float64(n)) / math.Log1p(float64(max))
}

// applyRun marks what the run did: visits, taken and untaken edges, the
// state that failed and the errors that were caught.
func applyRun(g *Graph, sm *asl.StateMachine, t *Trace) {
	facts := analyse(sm, t)
	g.warnRun(sm, facts)
	node := func(id string) *Node { return g.nodes[id] }
	out := map[string][]*Edge{}
	for _, e := range g.Edges {
		out[e.From] = append(out[e.From], e)
	}
	take := func(from string, pick func(*Edge) bool) *Edge {
		for _, e := range out[from] {
			if e.Kind != EdgeLayout && pick(e) {
				e.Taken++
				// A join counts as reached only when its container exits.
				if n := node(e.To); n != nil && n.Kind != KindMissing && n.Kind != KindJoin {
					n.Visits++
				}
				return e
			}
		}
		return nil
	}
	node(g.startID).Visits = 1
	for _, s := range facts.steps {
		to := g.entryOf[s.to]
		from := g.scopeEntry[s.to.Scope]
		if s.from != nil {
			from = g.exitOf[s.from]
		}
		kindOK := func(e *Edge) bool { return (e.Kind == EdgeCatch) == s.viaCatch }
		e := take(from, func(e *Edge) bool { return e.Target == to && kindOK(e) })
		if e == nil {
			e = take(from, func(e *Edge) bool { return e.Target == to })
		}
		if e != nil && s.viaCatch {
			e.Caught = s.caught
		}
	}
	// Visits count entries, not edges: reset what take counted on states.
	for _, n := range g.nodes {
		if n.State != nil {
			n.Visits = 0
		}
	}
	for _, e := range facts.entries {
		n := node(g.entryOf[e.state])
		n.Visits++
		if e.attempts > 1 {
			n.Retried += e.attempts - 1
		}
		switch {
		case e.caught:
			n.Caught = firstNonEmpty(lastError(e), unknownError)
		case e.failing:
			n.Failed = firstNonEmpty(lastError(e), t.Error, unknownError)
		case e.state.Type == "Fail":
			n.Failed = failError(e.state, t)
			if e.state.Scope.Parent == nil {
				take(n.ID, func(e *Edge) bool { return e.Kind == EdgeEnd })
			}
		case e.state.Type == "Choice" && !e.exited && t.Error == "States.NoChoiceMatched":
			n.Failed = t.Error
			take(n.ID, func(e *Edge) bool { return e.Kind == EdgeNoMatch })
		case !e.exited && (t.Status == "FAILED" || t.Status == "TIMED_OUT"):
			// Still open when the execution failed: a runtime error (AWS
			// writes no state event for those), a timeout, or a container
			// whose branch failed.
			n.Failed = firstNonEmpty(t.Error, unknownError)
			if t.Error == "" && t.Status == "TIMED_OUT" {
				n.Failed = "States.Timeout"
			}
		case e.exited:
			if e.state.IsTerminal() {
				take(g.exitOf[e.state], func(e *Edge) bool { return e.Kind == EdgeEnd })
			}
			if j := g.exitOf[e.state]; j != n.ID {
				node(j).Visits++
			}
		}
	}
	for _, e := range g.Edges {
		e.Dimmed = e.Taken == 0 && e.Kind != EdgeLayout
	}
}

// unknownError marks a failure whose error the history does not name.
const unknownError = "?"

func lastError(e *entry) string {
	if len(e.errors) == 0 {
		return ""
	}
	return e.errors[len(e.errors)-1]
}

func failError(st *asl.State, t *Trace) string {
	if s, ok := st.Raw["Error"].(string); ok && !strings.Contains(s, "{%") {
		return s
	}
	return firstNonEmpty(t.Error, unknownError)
}

// applyHeat shades each state by how often the run entered it.
func applyHeat(g *Graph, sm *asl.StateMachine, t *Trace) {
	facts := analyse(sm, t)
	if g.Run == nil {
		g.warnRun(sm, facts)
	}
	counts := map[string]int{}
	max := 0
	for _, e := range facts.entries {
		id := g.entryOf[e.state]
		counts[id]++
		if counts[id] > max {
			max = counts[id]
		}
	}
	for id, n := range counts {
		node := g.nodes[id]
		node.Visits = n
		node.Heat = heatLevel(n, max)
	}
}

// warnRun says when a run does not fit the machine: most likely the run of
// another definition, or of an older version of this one.
func (g *Graph) warnRun(sm *asl.StateMachine, facts *runFacts) {
	if len(facts.unknown) == 0 {
		return
	}
	names := facts.unknown
	more := ""
	if len(names) > 5 {
		names, more = names[:5], fmt.Sprintf(" and %d more", len(facts.unknown)-5)
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	d := asl.Diagnostic{Rule: "run-mismatch", Severity: asl.SeverityWarning,
		Message: fmt.Sprintf("the run entered states this definition does not have (%s%s): is it the run of another definition?", strings.Join(quoted, ", "), more)}
	if sm.Doc != nil {
		d.File = sm.Doc.File
	}
	g.Warnings = append(g.Warnings, d)
}
