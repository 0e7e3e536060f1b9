package graph

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// Build lays a state machine out as a graph. It never fails: what it cannot
// resolve (a missing target, a missing StartAt) is drawn as a phantom and
// reported in Warnings, because a picture of a broken machine is exactly
// what its author needs.
func Build(sm *asl.StateMachine, opts Options) *Graph {
	g := &Graph{Direction: "TB", Legend: opts.Legend, nodes: map[string]*Node{}, clusterOf: map[string]*Cluster{},
		entryOf: map[*asl.State]string{}, exitOf: map[*asl.State]string{}, scopeEntry: map[*asl.Scope]string{}}
	if opts.Direction == "LR" {
		g.Direction = "LR"
	}
	b := &builder{g: g, sm: sm, ids: newIDs(), stateIDs: map[*asl.State]string{}}
	g.Root = &Cluster{ID: "root"}
	if sm == nil || sm.Root == nil {
		return g
	}
	g.Title = sm.Comment
	// States get their ids first, in walk order, so adding a phantom or a
	// join never renames a state: diagrams of successive versions diff well.
	sm.Walk(func(st *asl.State) { b.stateIDs[st] = b.ids.alloc("s_", st.Name) })
	start := b.addNode(g.Root, &Node{ID: b.ids.alloc("t_", "start"), Kind: KindStart, Name: "Start"})
	g.startID = start.ID
	end := &Node{ID: b.ids.alloc("t_", "end"), Kind: KindEnd, Name: "End"}
	b.scope(sm.Root, g.Root, start.ID, end.ID, false)
	b.addNode(g.Root, end)
	b.gotos()
	if opts.Highlight != nil {
		g.Run = opts.Highlight
		applyRun(g, sm, opts.Highlight)
	}
	if opts.Heat != nil {
		g.Heat = true
		applyHeat(g, sm, opts.Heat)
	}
	return g
}

type builder struct {
	g        *Graph
	sm       *asl.StateMachine
	ids      *ids
	stateIDs map[*asl.State]string
}

func (b *builder) addNode(c *Cluster, n *Node) *Node {
	c.Nodes = append(c.Nodes, n)
	b.g.nodes[n.ID] = n
	b.g.clusterOf[n.ID] = c
	return n
}

func (b *builder) addEdge(e *Edge) {
	if e.Target == "" {
		e.Target = e.To
	}
	b.g.Edges = append(b.g.Edges, e)
}

// maxSharedEdges is how many Catch and Default edges may lead into one
// state before they are drawn to goto stubs instead.
const maxSharedEdges = 4

// gotos replaces the Catch and Default edges into a shared handler (one
// state that many states fall back to) with short edges to a small "→
// handler" stub beside each source. Dozens of long edges into one node make
// a diagram unreadable, and make Graphviz take minutes to lay it out.
func (b *builder) gotos() {
	count := map[string]int{}
	for _, e := range b.g.Edges {
		if e.Kind == EdgeCatch || e.Kind == EdgeDefault {
			count[e.To]++
		}
	}
	for _, e := range b.g.Edges {
		if (e.Kind != EdgeCatch && e.Kind != EdgeDefault) || count[e.To] <= maxSharedEdges {
			continue
		}
		target, from := b.g.nodes[e.To], b.g.nodes[e.From]
		c := b.g.clusterOf[e.From]
		if target == nil || from == nil || c == nil {
			continue
		}
		stub := b.addNode(c, &Node{ID: b.ids.alloc("g_", target.Name), Kind: KindGoto, Name: target.Name,
			Unreachable: from.Unreachable})
		e.To = stub.ID
	}
}

// scope draws one set of states inside c. entry is the node that leads to
// StartAt (Start, or the container's header); exit is where terminal states
// lead (End, or the container's join).
func (b *builder) scope(sc *asl.Scope, c *Cluster, entry, exit string, unreachable bool) {
	reach := reachable(sc)
	b.g.scopeEntry[sc] = entry
	phantoms := map[string]string{}
	// target resolves a state name in this scope to the node an edge should
	// point at, drawing a phantom for a name that is not there.
	target := func(name, pointer, what string) string {
		if st := sc.ByName[name]; st != nil {
			return b.stateIDs[st]
		}
		if id, ok := phantoms[name]; ok {
			return id
		}
		id := b.ids.alloc("m_", name)
		phantoms[name] = id
		b.addNode(c, &Node{ID: id, Kind: KindMissing, Name: name, Caption: "missing state", Unreachable: unreachable})
		b.warn(pointer, fmt.Sprintf("%s %q, which is not a state in this scope; drawn as a red phantom", what, name))
		return id
	}
	if sc.StartAt == "" {
		b.warn(sc.Pointer, "no StartAt: nothing marks where this scope begins")
	} else {
		b.addEdge(&Edge{From: entry, To: target(sc.StartAt, asl.JoinPointer(sc.Pointer, "StartAt"), "StartAt names"),
			Kind: EdgeStart, Pointer: asl.JoinPointer(sc.Pointer, "StartAt")})
	}
	for _, st := range sc.States {
		dead := unreachable || !reach[st.Name]
		from := b.state(st, c, dead)
		for _, t := range st.Transitions() {
			e := &Edge{From: from, Kind: t.Kind, Pointer: t.Pointer}
			e.To = target(t.Target, t.Pointer, fmt.Sprintf("state %q goes to", st.Name))
			switch t.Kind {
			case EdgeChoice:
				e.Label = choiceLabel(st, t.Pointer)
			case EdgeDefault:
				e.Label = "default"
			case EdgeCatch:
				e.Label = catchLabel(st, t.Pointer)
			}
			b.addEdge(e)
		}
		switch {
		case st.Type == "Fail" && sc.Parent != nil:
			// A Fail inside a branch fails the container: no visible edge to
			// its join, only one that keeps the join below it.
			b.addEdge(&Edge{From: from, To: exit, Kind: EdgeLayout})
		case st.IsTerminal():
			b.addEdge(&Edge{From: from, To: exit, Kind: EdgeEnd})
		case st.Type == "Choice" && st.Default == "":
			n := b.addNode(c, &Node{ID: b.ids.alloc("n_", st.Name), Kind: KindNoMatch, Name: "States.NoChoiceMatched",
				Caption: "no rule matched", Unreachable: dead})
			b.addEdge(&Edge{From: from, To: n.ID, Kind: EdgeNoMatch, Label: "no match"})
		}
	}
}

// state draws one state (a node, or for Parallel and Map a cluster with a
// header and a join) and returns the id edges out of it start from.
func (b *builder) state(st *asl.State, c *Cluster, dead bool) string {
	b.g.entryOf[st], b.g.exitOf[st] = b.stateIDs[st], b.stateIDs[st]
	n := &Node{ID: b.stateIDs[st], Kind: st.Type, Name: st.Name, Caption: caption(st), Badges: retryBadges(st),
		Tooltip: st.Comment, State: st, Unreachable: dead}
	if st.Type != "Parallel" && st.Type != "Map" {
		if n.Kind == "" {
			n.Kind = "Unknown"
		}
		b.addNode(c, n)
		return n.ID
	}
	box := &Cluster{ID: b.ids.alloc("cluster_", st.Name), Kind: st.Type, Label: st.Name, Unreachable: dead}
	c.Clusters = append(c.Clusters, box)
	b.addNode(box, n)
	join := &Node{ID: b.ids.alloc("j_", st.Name), Kind: KindJoin, Name: st.Name, Unreachable: dead}
	if st.Type == "Parallel" {
		for i, br := range st.Branches {
			sub := &Cluster{ID: b.ids.alloc(box.ID+"_b", strconv.Itoa(i+1)), Kind: "branch", Label: "Branch " + strconv.Itoa(i+1), Unreachable: dead}
			box.Clusters = append(box.Clusters, sub)
			b.scope(br, sub, n.ID, join.ID, dead)
			if first := br.ByName[br.StartAt]; first != nil {
				box.Starts = append(box.Starts, b.g.entryOf[first])
			}
		}
	} else if st.Processor != nil {
		b.scope(st.Processor, box, n.ID, join.ID, dead)
	}
	b.addNode(box, join)
	b.g.exitOf[st] = join.ID
	return join.ID
}

func (b *builder) warn(pointer, msg string) {
	d := asl.Diagnostic{Rule: "missing-transition-target", Code: "MISSING_TRANSITION_TARGET", Message: msg,
		Pointer: pointer, Severity: asl.SeverityWarning}
	if strings.HasPrefix(msg, "no StartAt") {
		d.Rule, d.Code = "missing-required-field", "SCHEMA_VALIDATION_FAILED"
	}
	if b.sm.Doc != nil {
		file := b.sm.Doc.File
		d = b.sm.Doc.Diagnostic(pointer, asl.SeverityWarning, d.Rule, d.Code, msg)
		d.File = file
	}
	b.g.Warnings = append(b.g.Warnings, d)
}

// reachable finds the states of one scope that StartAt can lead to.
func reachable(sc *asl.Scope) map[string]bool {
	seen := map[string]bool{}
	queue := []string{sc.StartAt}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		st := sc.ByName[name]
		if st == nil || seen[name] {
			continue
		}
		seen[name] = true
		for _, t := range st.Transitions() {
			queue = append(queue, t.Target)
		}
	}
	return seen
}
