package cost

import (
	"container/heap"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// DefaultMapItems is how many iterations a Map state is assumed to run
// when neither --map-items nor a per-state figure says otherwise.
const DefaultMapItems = 1

// DefaultLoopLimit bounds loops in the max count: every state of a loop is
// counted this many times per entry into the loop.
const DefaultLoopLimit = 10

// Options are the assumptions of a static count. State names are unique in
// a whole state machine (AWS rejects duplicates), so they key everything.
type Options struct {
	MapItems        int64               // iterations of a Map state without its own figure; DefaultMapItems when 0
	MapItemsByState map[string]int64    // iterations by Map state name
	Retries         map[string]*big.Rat // expected retry attempts per entry into a state
	Weights         map[string]map[string]*big.Rat
	LoopLimit       int64 // DefaultLoopLimit when 0
}

// Range is a per-execution figure over the paths of the graph.
type Range struct {
	Min, Expected, Max *big.Rat
}

// StateCost is the expected number of transitions per execution charged to
// one state: its entries, its retry attempts and, for a Distributed Map,
// the one transition per child execution it starts.
type StateCost struct {
	Name        string
	Transitions *big.Rat
}

// Static is the result of counting over the graph.
type Static struct {
	Transitions     Range // billed transitions per execution, child Standard executions included
	ExpressChildren Range // child Express executions started by Distributed Maps per execution
	// Steps is the expected number of Map iterations and Parallel branches
	// per execution, for AWS's Express memory estimate.
	Steps    *big.Rat
	ByState  []StateCost // largest first
	Loops    [][]string  // the states of each loop, in source order
	Warnings []string
}

// vec carries the three quantities a path accumulates.
type vec struct {
	t *big.Rat // billed transitions
	x *big.Rat // child Express executions
	p *big.Rat // Map iterations and Parallel branches
}

func zero() vec { return vec{Rat(0), Rat(0), Rat(0)} }

func (v vec) plus(w vec) vec { return vec{add(v.t, w.t), add(v.x, w.x), add(v.p, w.p)} }
func (v vec) times(k *big.Rat) vec {
	return vec{mul(v.t, k), mul(v.x, k), mul(v.p, k)}
}

type mode int

const (
	modeMin mode = iota
	modeMax
)

type analyzer struct {
	opts     Options
	extremes map[*asl.Scope][2]*vec
	attr     map[string]*big.Rat
	order    []string
	loops    [][]string
	warnings []string
	seenLoop map[string]bool
}

// Analyze counts the transitions of one execution of sm, as min, expected
// and max over the paths of its graph. It returns an error when an option
// names a state that does not exist or does not fit (a usage error).
func Analyze(sm *asl.StateMachine, opts Options) (*Static, error) {
	if sm == nil || sm.Root == nil {
		return nil, fmt.Errorf("the definition has no states to count")
	}
	if opts.MapItems <= 0 {
		opts.MapItems = DefaultMapItems
	}
	if opts.LoopLimit <= 0 {
		opts.LoopLimit = DefaultLoopLimit
	}
	if err := checkOptions(sm, opts); err != nil {
		return nil, err
	}
	a := &analyzer{opts: opts, extremes: map[*asl.Scope][2]*vec{}, attr: map[string]*big.Rat{}, seenLoop: map[string]bool{}}
	sm.Walk(func(st *asl.State) { a.order = append(a.order, st.Name) })
	exp := a.expected(sm.Root, Rat(1))
	lo := a.extreme(sm.Root, modeMin)
	hi := a.extreme(sm.Root, modeMax)
	s := &Static{
		Transitions:     Range{lo.t, exp.t, hi.t},
		ExpressChildren: Range{lo.x, exp.x, hi.x},
		Steps:           exp.p,
		Loops:           a.loops,
		Warnings:        a.warnings,
	}
	for _, name := range a.order {
		if v := a.attr[name]; v != nil && v.Sign() > 0 {
			s.ByState = append(s.ByState, StateCost{name, v})
			delete(a.attr, name) // a duplicate name is listed once
		}
	}
	sort.SliceStable(s.ByState, func(i, j int) bool { return s.ByState[i].Transitions.Cmp(s.ByState[j].Transitions) > 0 })
	return s, nil
}

// MaxRetries is how many retry attempts one entry into st can make when
// every retrier is exhausted: each retrier keeps its own count, so errors
// that alternate between retriers reach the sum of their MaxAttempts. A
// retrier that can never match (every error it names is taken by an earlier
// one, e.g. after States.ALL) adds nothing.
func MaxRetries(st *asl.State) int64 {
	if st.Type != "Task" && st.Type != "Parallel" && st.Type != "Map" {
		return 0
	}
	var n int64
	for i, r := range st.Retry {
		if r.MaxAttempts <= 0 {
			continue
		}
		for _, e := range candidateErrors(r.ErrorEquals) {
			if !errorMatches(r.ErrorEquals, e) {
				continue
			}
			shadowed := false
			for _, earlier := range st.Retry[:i] {
				if errorMatches(earlier.ErrorEquals, e) {
					shadowed = true
					break
				}
			}
			if !shadowed {
				n += r.MaxAttempts
				break
			}
		}
	}
	return n
}

func (a *analyzer) items(st *asl.State) int64 {
	if n, ok := a.opts.MapItemsByState[st.Name]; ok {
		return n
	}
	return a.opts.MapItems
}

// distributed reports whether st is a Distributed Map and the type of its
// child executions (STANDARD unless ProcessorConfig says EXPRESS).
func distributed(st *asl.State) (bool, string) {
	if st.Type != "Map" || st.Processor == nil || st.Processor.ProcessorMode != "DISTRIBUTED" {
		return false, ""
	}
	execType := "STANDARD"
	for _, field := range []string{"ItemProcessor", "Iterator"} {
		if proc, ok := st.Raw[field].(map[string]any); ok {
			if pc, ok := proc["ProcessorConfig"].(map[string]any); ok {
				if et, _ := pc["ExecutionType"].(string); strings.EqualFold(et, "EXPRESS") {
					execType = "EXPRESS"
				}
			}
		}
	}
	return true, execType
}

// children is how many child executions a Distributed Map starts: one per
// item, or one per batch with ItemBatcher.MaxItemsPerBatch.
func (a *analyzer) children(st *asl.State) int64 {
	n := a.items(st)
	if b, ok := st.Raw["ItemBatcher"].(map[string]any); ok {
		if per, ok := asl.Int(b["MaxItemsPerBatch"]); ok && per > 0 {
			return (n + per - 1) / per
		}
	}
	return n
}

// visit is the cost of one entry into st, given the per-run cost of its
// nested scopes and its retry attempts: a retry runs the state again, so
// a retried Parallel or Map reruns its branches or iterations too.
func (a *analyzer) visit(st *asl.State, retries *big.Rat, nested func(*asl.Scope, *big.Rat) vec) vec {
	v := vec{Rat(1), Rat(0), Rat(0)}
	switch st.Type {
	case "Parallel":
		for _, b := range st.Branches {
			v = v.plus(nested(b, Rat(1)))
			v.p = add(v.p, Rat(1))
		}
	case "Map":
		if st.Processor == nil {
			break
		}
		items := Rat(a.items(st))
		if dist, execType := distributed(st); dist {
			kids := Rat(a.children(st))
			v.t = add(v.t, kids) // one transition per child execution started
			v.p = add(v.p, items)
			if execType == "EXPRESS" {
				v.x = add(v.x, kids) // their states are billed as Express, not as transitions
			} else {
				v = v.plus(nested(st.Processor, kids))
			}
		} else {
			v = v.plus(nested(st.Processor, items))
			v.p = add(v.p, items)
		}
	}
	return v.times(add(Rat(1), retries))
}

// --- expected -------------------------------------------------------------

func (a *analyzer) expected(sc *asl.Scope, mult *big.Rat) vec {
	g := a.graph(sc)
	x := a.visits(sc, g)
	total := zero()
	for i, st := range sc.States {
		if x[i].Sign() == 0 {
			continue
		}
		r := a.opts.Retries[st.Name]
		if r == nil {
			r = impliedRetries(st, g.out[i])
		}
		entries := mul(x[i], add(Rat(1), r))
		v := a.visit(st, r, func(child *asl.Scope, k *big.Rat) vec {
			per := a.expected(child, mul(mul(mult, entries), k))
			return per.times(k)
		})
		// per entry v already counts retries; x[i] entries of the state
		total = total.plus(v.times(x[i]))
		own := Rat(1)
		if dist, _ := distributed(st); dist {
			own = add(own, Rat(a.children(st)))
		}
		a.charge(st.Name, mul(mul(mult, entries), own))
	}
	return total
}

// impliedRetries are the retries an entry makes on average when --retries
// says nothing: none, except that an execution sent through a Catch by a
// weight first exhausts the retrier its error meets.
func impliedRetries(st *asl.State, out []edge) *big.Rat {
	r := Rat(0)
	for _, e := range out {
		if e.catcher >= 0 && e.p.Sign() > 0 {
			r = add(r, mul(e.p, Rat(RetriesBeforeCatch(st, e.catcher))))
		}
	}
	return r
}

func (a *analyzer) charge(name string, n *big.Rat) {
	if a.attr[name] == nil {
		a.attr[name] = Rat(0)
	}
	a.attr[name] = add(a.attr[name], n)
}

// visits solves for the expected number of entries into each state of one
// run of a scope: x = start + Pᵀx, strongly connected component by
// component in topological order, exactly (Gaussian elimination over
// rationals inside a loop).
func (a *analyzer) visits(sc *asl.Scope, g *graph) []*big.Rat {
	n := len(sc.States)
	x := make([]*big.Rat, n)
	inflow := make([]*big.Rat, n)
	for i := range inflow {
		inflow[i] = Rat(0)
		x[i] = Rat(0)
	}
	if g.start < 0 {
		return x
	}
	inflow[g.start] = Rat(1)
	comps := tarjan(n, func(i int) []int {
		var out []int
		for _, e := range g.out[i] {
			if e.to >= 0 && e.p.Sign() > 0 {
				out = append(out, e.to)
			}
		}
		return out
	})
	for ci := len(comps) - 1; ci >= 0; ci-- { // tarjan lists sinks first
		comp := comps[ci]
		in := map[int]int{}
		for k, v := range comp {
			in[v] = k
		}
		if len(comp) == 1 && !g.selfLoop(comp[0]) {
			x[comp[0]] = inflow[comp[0]]
		} else if !a.solveLoop(sc, comp, in, g, inflow, x) {
			a.warn(fmt.Sprintf("the loop through %s never exits under the given weights: its expected count is bounded at %d passes",
				names(sc, comp), a.opts.LoopLimit))
			sum := Rat(0)
			for _, v := range comp {
				sum = add(sum, inflow[v])
			}
			for _, v := range comp {
				x[v] = mul(sum, Rat(a.opts.LoopLimit))
			}
		}
		for _, v := range comp {
			for _, e := range g.out[v] {
				if e.to < 0 || e.p.Sign() == 0 {
					continue
				}
				if _, inside := in[e.to]; inside {
					continue
				}
				inflow[e.to] = add(inflow[e.to], mul(x[v], e.p))
			}
		}
	}
	return x
}

// maxExactLoop bounds the loops solved in rationals: elimination is cubic
// and rationals are slow, so a larger loop (rare in a definition) is solved
// in floating point instead.
const maxExactLoop = 120

// solveLoop solves one loop exactly when it is small enough, else in
// floating point (and says so).
func (a *analyzer) solveLoop(sc *asl.Scope, comp []int, in map[int]int, g *graph, inflow, x []*big.Rat) bool {
	if len(comp) <= maxExactLoop {
		return a.solve(comp, in, g, inflow, x)
	}
	if !solveFloat(comp, in, g, inflow, x) {
		return false
	}
	a.warn(fmt.Sprintf("the loop through %s is too large to solve exactly: its expected count is solved in floating point", names(sc, comp)))
	return true
}

// solveFloat is solve in float64 with partial pivoting.
func solveFloat(comp []int, in map[int]int, g *graph, inflow, x []*big.Rat) bool {
	m := len(comp)
	mat := make([][]float64, m)
	for r := range mat {
		mat[r] = make([]float64, m+1)
		mat[r][r] = 1
		mat[r][m], _ = inflow[comp[r]].Float64()
	}
	for c, u := range comp {
		for _, e := range g.out[u] {
			if r, ok := in[e.to]; ok && e.p.Sign() > 0 {
				p, _ := e.p.Float64()
				mat[r][c] -= p
			}
		}
	}
	for col := 0; col < m; col++ {
		pivot := col
		for r := col + 1; r < m; r++ {
			if math.Abs(mat[r][col]) > math.Abs(mat[pivot][col]) {
				pivot = r
			}
		}
		if math.Abs(mat[pivot][col]) < 1e-12 {
			return false
		}
		mat[col], mat[pivot] = mat[pivot], mat[col]
		for r := 0; r < m; r++ {
			if r == col || mat[r][col] == 0 {
				continue
			}
			f := mat[r][col] / mat[col][col]
			for c := col; c <= m; c++ {
				mat[r][c] -= f * mat[col][c]
			}
		}
	}
	for r, v := range comp {
		val := mat[r][m] / mat[r][r]
		if val < 0 || math.IsNaN(val) || math.IsInf(val, 0) {
			return false
		}
		x[v] = new(big.Rat).SetFloat64(val)
	}
	return true
}

// solve fills x for the states of one loop: (I − Pᵀ) x = inflow. It returns
// false when the system is singular (the loop never exits).
func (a *analyzer) solve(comp []int, in map[int]int, g *graph, inflow, x []*big.Rat) bool {
	m := len(comp)
	// row r is the equation for state comp[r]: x_r − Σ_u p(u→r) x_u = inflow_r
	mat := make([][]*big.Rat, m)
	for r := range mat {
		mat[r] = make([]*big.Rat, m+1)
		for c := range mat[r] {
			mat[r][c] = Rat(0)
		}
		mat[r][r] = Rat(1)
		mat[r][m] = new(big.Rat).Set(inflow[comp[r]])
	}
	for c, u := range comp {
		for _, e := range g.out[u] {
			if r, ok := in[e.to]; ok && e.p.Sign() > 0 {
				mat[r][c] = sub(mat[r][c], e.p)
			}
		}
	}
	for col := 0; col < m; col++ {
		pivot := -1
		for r := col; r < m; r++ {
			if mat[r][col].Sign() != 0 {
				pivot = r
				break
			}
		}
		if pivot < 0 {
			return false
		}
		mat[col], mat[pivot] = mat[pivot], mat[col]
		for r := 0; r < m; r++ {
			if r == col || mat[r][col].Sign() == 0 {
				continue
			}
			f := quo(mat[r][col], mat[col][col])
			for c := col; c <= m; c++ {
				mat[r][c] = sub(mat[r][c], mul(f, mat[col][c]))
			}
		}
	}
	for r, v := range comp {
		x[v] = quo(mat[r][m], mat[r][r])
		if x[v].Sign() < 0 {
			return false
		}
	}
	return true
}

// --- min and max ----------------------------------------------------------

func (a *analyzer) extreme(sc *asl.Scope, m mode) vec {
	if memo, ok := a.extremes[sc]; ok && memo[m] != nil {
		return *memo[m]
	}
	g := a.graph(sc)
	cost := make([]vec, len(sc.States))
	for i, st := range sc.States {
		r := Rat(0)
		if m == modeMax {
			r = Rat(MaxRetries(st))
		}
		cost[i] = a.visit(st, r, func(child *asl.Scope, k *big.Rat) vec {
			return a.extreme(child, m).times(k)
		})
	}
	var res *vec
	if m == modeMin {
		// a Catch path needs the error retried first when a retrier takes it
		extra := func(u int, e edge) vec {
			if e.catcher < 0 {
				return zero()
			}
			st := sc.States[u]
			n := RetriesBeforeCatch(st, e.catcher)
			if n == 0 {
				return zero()
			}
			once := a.visit(st, Rat(0), func(child *asl.Scope, k *big.Rat) vec { return a.extreme(child, m).times(k) })
			return once.times(Rat(n))
		}
		res = shortest(g, cost, extra)
	} else {
		res = a.longest(sc, g, cost)
	}
	if res == nil {
		if g.start >= 0 {
			a.warn(fmt.Sprintf("no path from %q reaches an end state: counted as every state running %d times", sc.StartAt, a.opts.LoopLimit))
		}
		sum := zero()
		for _, c := range cost {
			sum = sum.plus(c)
		}
		v := sum.times(Rat(a.opts.LoopLimit))
		res = &v
	}
	memo := a.extremes[sc]
	memo[m] = res
	a.extremes[sc] = memo
	return *res
}

// shortest is the cheapest path from the start to an end, every state
// costing its own visit (Dijkstra: costs are non-negative).
func shortest(g *graph, cost []vec, extra func(u int, e edge) vec) *vec {
	if g.start < 0 {
		return nil
	}
	n := len(cost)
	dist := make([]*vec, n)
	done := make([]bool, n)
	first := cost[g.start]
	dist[g.start] = &first
	h := &distHeap{}
	heap.Push(h, queued{g.start, first.t})
	for h.Len() > 0 {
		u := heap.Pop(h).(queued).state
		if done[u] {
			continue
		}
		done[u] = true
		if g.ends[u] {
			return dist[u] // the first end settled is the nearest
		}
		for _, e := range g.out[u] {
			if e.to < 0 || done[e.to] {
				continue
			}
			cand := dist[u].plus(extra(u, e)).plus(cost[e.to])
			if dist[e.to] == nil || cand.t.Cmp(dist[e.to].t) < 0 {
				dist[e.to] = &cand
				heap.Push(h, queued{e.to, cand.t})
			}
		}
	}
	return nil
}

// queued is a state with the distance it had when queued (lazy deletion:
// a stale entry is skipped when popped, as its state is already done).
type queued struct {
	state int
	t     *big.Rat
}

type distHeap struct{ items []queued }

func (h *distHeap) Len() int           { return len(h.items) }
func (h *distHeap) Less(i, j int) bool { return h.items[i].t.Cmp(h.items[j].t) < 0 }
func (h *distHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *distHeap) Push(x any)         { h.items = append(h.items, x.(queued)) }
func (h *distHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// longest is the dearest path from the start to an end, a loop counted as
// every one of its states running LoopLimit times.
func (a *analyzer) longest(sc *asl.Scope, g *graph, cost []vec) *vec {
	if g.start < 0 {
		return nil
	}
	n := len(cost)
	comps := tarjan(n, func(i int) []int {
		var out []int
		for _, e := range g.out[i] {
			if e.to >= 0 {
				out = append(out, e.to)
			}
		}
		return out
	})
	compOf := make([]int, n)
	for ci, comp := range comps {
		for _, v := range comp {
			compOf[v] = ci
		}
	}
	best := make([]*vec, len(comps))
	for ci, comp := range comps { // sinks first: successors are done
		own := zero()
		for _, v := range comp {
			own = own.plus(cost[v])
		}
		if len(comp) > 1 || g.selfLoop(comp[0]) {
			own = own.times(Rat(a.opts.LoopLimit))
			a.flagLoop(sc, comp)
		}
		var tail *vec
		ends := false
		for _, v := range comp {
			if g.ends[v] {
				ends = true
			}
			for _, e := range g.out[v] {
				if e.to < 0 || compOf[e.to] == ci {
					continue
				}
				if b := best[compOf[e.to]]; b != nil && (tail == nil || b.t.Cmp(tail.t) > 0) {
					tail = b
				}
			}
		}
		switch {
		case tail != nil:
			v := own.plus(*tail)
			best[ci] = &v
		case ends:
			v := own
			best[ci] = &v
		}
	}
	return best[compOf[g.start]]
}

func (a *analyzer) flagLoop(sc *asl.Scope, comp []int) {
	key := names(sc, comp)
	if a.seenLoop[key] {
		return
	}
	a.seenLoop[key] = true
	var list []string
	for _, v := range sorted(comp) {
		list = append(list, sc.States[v].Name)
	}
	a.loops = append(a.loops, list)
}

func (a *analyzer) warn(msg string) {
	for _, w := range a.warnings {
		if w == msg {
			return
		}
	}
	a.warnings = append(a.warnings, msg)
}

// names lists a loop's states for a message, the first few of a long one.
func names(sc *asl.Scope, comp []int) string {
	var list []string
	for i, v := range sorted(comp) {
		if i == 6 && len(comp) > 8 {
			list = append(list, fmt.Sprintf("… (%d states)", len(comp)))
			break
		}
		list = append(list, fmt.Sprintf("%q", sc.States[v].Name))
	}
	return strings.Join(list, ", ")
}

func sorted(comp []int) []int {
	c := append([]int(nil), comp...)
	sort.Ints(c)
	return c
}
