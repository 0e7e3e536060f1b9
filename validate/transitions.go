package validate

import (
	"fmt"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// checkTransitions: StartAt and every Next, Default and catcher Next name a
// state of the same scope; every state is reachable from StartAt; and each
// scope can end (MISSING_END_STATE).
func (c *checker) checkTransitions() {
	all := map[string]*asl.State{}
	c.sm.Walk(func(st *asl.State) {
		if _, ok := all[st.Name]; !ok {
			all[st.Name] = st
		}
	})
	c.checkScope(c.sm.Root, all)
	c.sm.Walk(func(st *asl.State) {
		for _, b := range st.Branches {
			c.checkScope(b, all)
		}
		if st.Processor != nil {
			c.checkScope(st.Processor, all)
		}
	})
}

func (c *checker) checkScope(sc *asl.Scope, all map[string]*asl.State) {
	if len(sc.States) == 0 {
		return // the schema reports an empty or missing States
	}
	start, startOK := sc.ByName[sc.StartAt]
	if _, isString := c.lookupString(sc.Pointer + "/StartAt"); isString && !startOK {
		c.errorAtValue(sc.Pointer+"/StartAt", "missing-transition-target", codeMissingTarget,
			c.targetMessage("StartAt", sc.StartAt, sc, all))
	}
	broken := false
	for _, st := range sc.States {
		for _, t := range st.Transitions() {
			if _, ok := sc.ByName[t.Target]; !ok {
				broken = true
				c.errorAtValue(t.Pointer, "missing-transition-target", codeMissingTarget,
					c.targetMessage(fieldName(t.Pointer), t.Target, sc, all))
			}
		}
	}
	// AWS checks for a terminal state in the machine's own states only (a
	// loop inside a branch or processor is accepted), and when there is
	// none it does not report unreachable states as well. A broken
	// transition may be the one meant to reach the end (a misspelt final
	// state), so that finding stands alone.
	if sc.Parent == nil && !broken && !c.checkTerminal(sc) {
		return
	}
	if !startOK || broken || hasBrokenLinks(sc) {
		// Reachability means nothing without an entry point, and after a
		// broken transition it would only repeat that finding.
		return
	}
	reached := map[string]bool{start.Name: true}
	queue := []*asl.State{start}
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		for _, t := range st.Transitions() {
			if next, ok := sc.ByName[t.Target]; ok && !reached[next.Name] {
				reached[next.Name] = true
				queue = append(queue, next)
			}
		}
	}
	for _, st := range sc.States {
		if !reached[st.Name] {
			c.errorAt(st.Pointer, "unreachable-state", codeMissingTarget,
				fmt.Sprintf("State \"%s\" is not reachable. (No Next, Default or Catch leads to it from '%s'.) Point a Next at it, or remove it", st.Name, sc.StartAt))
		}
	}
}

// hasBrokenLinks reports a transition field that is missing or not a
// string (reported by the schema or the Choice rules); the states behind it
// would look unreachable only because of that one defect.
func hasBrokenLinks(sc *asl.Scope) bool {
	for _, st := range sc.States {
		switch st.Type {
		case "Task", "Pass", "Wait", "Parallel", "Map":
			if !has(st.Raw, "Next") && !has(st.Raw, "End") {
				return true // reported as missing Next or End (or a misspelling)
			}
		}
		for _, f := range []string{"Next", "Default"} {
			if v, ok := st.Raw[f]; ok && !isString(v) {
				return true
			}
		}
		for _, ct := range st.Catch {
			if !isString(ct.Raw["Next"]) {
				return true
			}
		}
		if st.Type == "Choice" {
			for _, r := range listOf(st.Raw["Choices"]) {
				if m, ok := r.(map[string]any); !ok || !isString(m["Next"]) {
					return true
				}
			}
		}
	}
	return false
}

// checkTerminal: a scope needs at least one terminal state. A state that
// lacks both Next and End (or has "End": false) is reported on its own, so
// it does not count here.
// It reports whether the scope passed.
func (c *checker) checkTerminal(sc *asl.Scope) bool {
	for _, st := range sc.States {
		if st.IsTerminal() {
			return true
		}
		if !has(st.Raw, "Next") && st.Raw["End"] != true && st.Type != "Choice" {
			return true
		}
	}
	c.errorAt(sc.Pointer+"/States", "missing-end-state", codeMissingEnd,
		"Workflow has no terminal state (add \"End\": true to a state, or a Succeed or Fail state)")
	return false
}

// targetMessage explains a missing target, and says so when the name
// exists but in another scope (into or out of a branch or processor).
func (c *checker) targetMessage(field, target string, sc *asl.Scope, all map[string]*asl.State) string {
	if other, ok := all[target]; ok && other.Scope != sc {
		return fmt.Sprintf("Missing 'Next' target: %s (the %s names a state in another scope: a transition cannot go into or out of a Parallel branch or a Map processor)", target, field)
	}
	return fmt.Sprintf("Missing 'Next' target: %s (the %s names no state of this scope%s)", target, field, suggest(target, sc))
}

// suggest offers the closest state name of the scope, for typos.
func suggest(target string, sc *asl.Scope) string {
	best, bestD := "", 4
	for _, st := range sc.States {
		// A suggestion that replaces the whole name is no help ("C" → "A").
		if d := editDistance(strings.ToLower(target), strings.ToLower(st.Name)); d < bestD && d < len([]rune(target)) {
			best, bestD = st.Name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean '%s'?", best)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 100 || len(rb) > 100 {
		return 100
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// fieldName is the last member name of a pointer ("Next", "Default").
func fieldName(ptr string) string { return lastToken(ptr) }

// lookupString returns the string at pointer, if a string is there (the
// schema reports a value of another type).
func (c *checker) lookupString(ptr string) (string, bool) {
	v, _ := c.doc.Lookup(ptr)
	s, ok := v.(string)
	return s, ok
}
