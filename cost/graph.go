package cost

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// edge is one way out of a state: to another state of the scope, or out of
// the scope (to < 0) when the state ends it. p is its probability in the
// expected count.
type edge struct {
	to      int
	target  string // "" when the edge ends the scope
	p       *big.Rat
	catcher int // index of the Catch entry this edge follows, -1 otherwise
}

// graph is one scope with its edges resolved to indexes.
type graph struct {
	start int
	out   [][]edge
	ends  []bool // the state can end the scope
}

func (g *graph) selfLoop(v int) bool {
	for _, e := range g.out[v] {
		if e.to == v {
			return true
		}
	}
	return false
}

// outcome is a way a state can go before probabilities are assigned.
type outcome struct {
	target  string // "" ends the scope
	shares  bool   // takes a share of whatever probability weights leave
	catcher int    // index of the Catch entry, -1 when not a Catch path
}

// outcomes lists where a state can go. A Choice's rules and Default are
// equally likely unless weighted; any other state goes to Next (or ends)
// unless a weight sends some executions through a Catch instead.
func outcomes(st *asl.State) []outcome {
	var out []outcome
	switch st.Type {
	case "Succeed", "Fail":
		return []outcome{{"", false, -1}}
	case "Choice":
		for _, t := range st.Transitions() {
			if t.Kind == "choice" || t.Kind == "default" {
				out = append(out, outcome{t.Target, true, -1})
			}
		}
		return out
	}
	if st.Next != "" {
		out = append(out, outcome{st.Next, true, -1})
	} else {
		out = append(out, outcome{"", true, -1})
	}
	for i, c := range st.Catch {
		if c.Next != "" {
			out = append(out, outcome{c.Next, false, i})
		}
	}
	return out
}

// graph builds (and the analyzer does not cache: scopes are small) the
// edges of one scope with their probabilities.
func (a *analyzer) graph(sc *asl.Scope) *graph {
	index := map[string]int{}
	for i, st := range sc.States {
		if _, dup := index[st.Name]; !dup {
			index[st.Name] = i
		}
	}
	g := &graph{start: -1, out: make([][]edge, len(sc.States)), ends: make([]bool, len(sc.States))}
	if i, ok := index[sc.StartAt]; ok {
		g.start = i
	}
	for i, st := range sc.States {
		outs := outcomes(st)
		probs := probabilities(outs, a.opts.Weights[st.Name])
		for k, o := range outs {
			if o.target == "" {
				g.ends[i] = true
				continue
			}
			to, ok := index[o.target]
			if !ok {
				continue // a dangling Next: the validator reports it
			}
			g.out[i] = append(g.out[i], edge{to: to, target: o.target, p: probs[k], catcher: o.catcher})
		}
	}
	return g
}

// RetriesBeforeCatch is the fewest retry attempts an entry into st makes
// before its Catch entry i takes the error: an error is retried by the
// first retrier that matches it until that retrier is exhausted, so a
// catcher behind a States.ALL retrier always costs its MaxAttempts first.
func RetriesBeforeCatch(st *asl.State, i int) int64 {
	if i < 0 || i >= len(st.Catch) || MaxRetries(st) == 0 {
		return 0
	}
	best := int64(-1)
	for _, e := range candidateErrors(st.Catch[i].ErrorEquals) {
		if !errorMatches(st.Catch[i].ErrorEquals, e) {
			continue
		}
		earlier := false
		for _, c := range st.Catch[:i] {
			if errorMatches(c.ErrorEquals, e) {
				earlier = true
			}
		}
		if earlier {
			continue
		}
		if n := retriesFor(st, e); best < 0 || n < best {
			best = n
		}
	}
	return max(best, 0)
}

// retriesFor is how many times the first retrier matching error e retries it.
func retriesFor(st *asl.State, e string) int64 {
	for _, r := range st.Retry {
		if errorMatches(r.ErrorEquals, e) {
			return max(r.MaxAttempts, 0)
		}
	}
	return 0
}

// freshError stands for an error no ErrorEquals names (a Lambda's own
// exception, say).
const freshError = "\x00fresh"

// candidateErrors are the error names worth trying against a list: those
// it names, an error nobody names, and States.Timeout, which
// States.TaskFailed does not match.
func candidateErrors(equals []string) []string {
	out := []string{freshError, "States.Timeout"}
	for _, e := range equals {
		if e != "States.ALL" && e != "States.TaskFailed" {
			out = append(out, e)
		}
	}
	return out
}

// errorMatches applies AWS's ErrorEquals rules: a name matches itself,
// States.ALL matches any error, States.TaskFailed any but States.Timeout
// (States.Runtime, which neither catches, never reaches a retrier here).
func errorMatches(equals []string, name string) bool {
	for _, e := range equals {
		switch {
		case e == name, e == "States.ALL":
			return true
		case e == "States.TaskFailed" && name != "States.Timeout":
			return true
		}
	}
	return false
}

// probabilities gives each outcome its share: weighted targets split their
// weight among the outcomes that go there; the rest goes equally to the
// unweighted outcomes that share (Choice branches, the Next path) or, when
// none is left, to the unweighted Catch paths ("Charge->Ship=0.9" sends 0.1
// to the catcher).
func probabilities(outs []outcome, weights map[string]*big.Rat) []*big.Rat {
	probs := make([]*big.Rat, len(outs))
	perTarget := map[string]int{}
	for _, o := range outs {
		perTarget[o.target]++
	}
	left := Rat(1)
	for k, o := range outs {
		if w, ok := weights[o.target]; ok && o.target != "" {
			probs[k] = quo(w, Rat(int64(perTarget[o.target])))
			left = sub(left, probs[k])
		}
	}
	var takers []int
	for k, o := range outs {
		if probs[k] == nil && o.shares {
			takers = append(takers, k)
		}
	}
	if len(takers) == 0 {
		for k := range outs {
			if probs[k] == nil {
				takers = append(takers, k)
			}
		}
	}
	for k := range outs {
		if probs[k] == nil {
			probs[k] = Rat(0)
		}
	}
	if left.Sign() > 0 {
		for _, k := range takers {
			probs[k] = quo(left, Rat(int64(len(takers))))
		}
	}
	return probs
}

// tarjan returns the strongly connected components of a graph of n nodes,
// sinks first (reverse topological order).
func tarjan(n int, succ func(int) []int) [][]int {
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	var comps [][]int
	next := 0
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range succ(v) {
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var comp []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			comps = append(comps, comp)
		}
	}
	for v := 0; v < n; v++ {
		if index[v] < 0 {
			visit(v)
		}
	}
	return comps
}

// checkOptions turns options that cannot apply into errors that say what
// would: a misspelt state name must not silently count as nothing.
func checkOptions(sm *asl.StateMachine, opts Options) error {
	byName := map[string]*asl.State{}
	sm.Walk(func(st *asl.State) { byName[st.Name] = st })
	known := func(name, flag string) (*asl.State, error) {
		if st, ok := byName[name]; ok {
			return st, nil
		}
		return nil, fmt.Errorf("%s names state %q, which the definition does not have%s", flag, name, suggest(name, byName))
	}
	for _, name := range sortedNames(opts.MapItemsByState) {
		st, err := known(name, "--map-items")
		if err != nil {
			return err
		}
		if st.Type != "Map" {
			return fmt.Errorf("--map-items names %q, a %s state: only Map states iterate", name, st.Type)
		}
		if opts.MapItemsByState[name] < 0 {
			return fmt.Errorf("--map-items %s: a Map state cannot run a negative number of iterations", name)
		}
	}
	for _, name := range sortedNames(opts.Retries) {
		st, err := known(name, "--retries")
		if err != nil {
			return err
		}
		most := MaxRetries(st)
		if most == 0 {
			return fmt.Errorf("--retries names %q, which never retries (it has no Retry with MaxAttempts above 0, and AWS retries only what a Retry allows): leave it out of --retries", name)
		}
		if opts.Retries[name].Cmp(Rat(most)) > 0 {
			return fmt.Errorf("--retries %s=%s: its retriers allow at most %d retry attempts per entry", name, Plain(opts.Retries[name]), most)
		}
	}
	for _, name := range sortedNames(opts.Weights) {
		st, err := known(name, "--weight")
		if err != nil {
			return err
		}
		outs := outcomes(st)
		targets := map[string]bool{}
		sharers := 0
		for _, o := range outs {
			if o.target != "" {
				targets[o.target] = true
			}
		}
		sum := Rat(0)
		for _, target := range sortedNames(opts.Weights[name]) {
			if !targets[target] {
				var list []string
				for t := range targets {
					list = append(list, fmt.Sprintf("%q", t))
				}
				sort.Strings(list)
				if len(list) == 0 {
					return fmt.Errorf("--weight %s->%s: %q goes nowhere else", name, target, name)
				}
				return fmt.Errorf("--weight %s->%s: %q does not lead to %q; it leads to %s", name, target, name, target, strings.Join(list, ", "))
			}
			w := opts.Weights[name][target]
			if w.Cmp(Rat(1)) > 0 {
				return fmt.Errorf("--weight %s->%s=%s: a weight is a probability between 0 and 1", name, target, Plain(w))
			}
			sum = add(sum, w)
		}
		for _, o := range outs {
			if _, weighted := opts.Weights[name][o.target]; o.target == "" || !weighted {
				sharers++ // an unweighted way out takes what the weights leave
			}
		}
		if sum.Cmp(Rat(1)) > 0 {
			return fmt.Errorf("--weight: the weights out of %q add up to %s; they are probabilities and must not exceed 1", name, Plain(sum))
		}
		if sharers == 0 && sum.Cmp(Rat(1)) != 0 {
			return fmt.Errorf("--weight: every way out of %q is weighted and the weights add up to %s, not 1", name, Plain(sum))
		}
	}
	return nil
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// suggest offers the closest state name when one differs only in case or
// spacing, the usual slip on a command line.
func suggest(name string, byName map[string]*asl.State) string {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }
	for _, other := range sortedNames(byName) {
		if norm(other) == norm(name) {
			return fmt.Sprintf(" (did you mean %q?)", other)
		}
	}
	return ""
}
