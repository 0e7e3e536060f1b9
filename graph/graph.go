// Package graph draws a state machine as a diagram. Build turns the typed
// model into a small graph of nodes, nested clusters and edges; WriteDOT and
// WriteMermaid render that graph. Keeping one model for both formats makes
// them show the same thing and keeps each renderer about syntax only.
package graph

import (
	"github.com/sfnctl/sfnctl/asl"
)

// Node kinds that are not ASL state types.
const (
	KindStart   = "start"   // the Start terminal
	KindEnd     = "end"     // the End terminal
	KindJoin    = "join"    // where a Parallel or Map container's branches meet
	KindMissing = "missing" // a phantom for a transition target that does not exist
	KindNoMatch = "nomatch" // where a Choice without Default fails
	KindGoto    = "goto"    // stands in for a shared handler next to one source
)

// Edge kinds: the asl.Transition kinds plus the structural ones.
const (
	EdgeNext    = "next"
	EdgeChoice  = "choice"
	EdgeDefault = "default"
	EdgeCatch   = "catch"
	EdgeStart   = "start"   // Start → StartAt, container → a branch's StartAt
	EdgeEnd     = "end"     // a terminal state → End or the container's join
	EdgeNoMatch = "nomatch" // Choice without Default → its failure marker
	EdgeLayout  = "layout"  // invisible: keeps a branch's Fail above the join
)

// Node is one box in the picture.
type Node struct {
	ID      string // stable, [A-Za-z0-9_] only
	Kind    string // an ASL Type (Task, Pass, ...) or one of the Kind constants
	Name    string // the state name, or the terminal's label
	Caption string // a short second line: the service, the wait, the map mode
	Badges  []string
	Tooltip string // the state's Comment
	State   *asl.State

	Unreachable bool
	// Overlay from a recorded run (see Trace).
	Visits  int    // times entered
	Failed  string // the error the state failed with, "" when it did not fail
	Caught  string // the error a Catch handled here
	Retried int    // retries seen in the run
	Heat    float64
}

// Cluster is a Parallel or Map container, or one Parallel branch; Root is the
// whole machine. Items keep definition order so output is deterministic.
type Cluster struct {
	ID          string
	Kind        string // "", Parallel, Map or branch
	Label       string
	Unreachable bool
	Nodes       []*Node
	Clusters    []*Cluster
	// Starts are the first nodes of a Parallel's branches, drawn side by side.
	Starts []string
}

// Edge is one arrow.
type Edge struct {
	From, To string
	Target   string // the state the edge means; To differs when a goto stands in
	Kind     string // one of the Edge constants
	Label    string
	Pointer  string // the field that names the target, when there is one
	// Overlay: Taken counts how often the run went this way; Dimmed marks an
	// edge the run did not take when a run is shown.
	Taken  int
	Dimmed bool
	Caught string // the error a taken catch edge carried
}

// Graph is a whole picture.
type Graph struct {
	Title     string // the machine's Comment
	Root      *Cluster
	Edges     []*Edge
	Direction string // TB or LR
	Legend    bool
	// Run is set when a run is shown; Heat when transitions are counted.
	Run  *Trace
	Heat bool
	// Warnings are what the picture had to guess about, such as a missing
	// target; the command prints them to stderr.
	Warnings []asl.Diagnostic

	nodes      map[string]*Node
	clusterOf  map[string]*Cluster // which cluster holds a node
	startID    string
	entryOf    map[*asl.State]string // where edges into a state arrive
	exitOf     map[*asl.State]string // where edges out of a state leave
	scopeEntry map[*asl.Scope]string // the node that leads to a scope's StartAt
}

// Node returns the node with the given id, or nil.
func (g *Graph) Node(id string) *Node { return g.nodes[id] }

// Options controls Build.
type Options struct {
	Direction string // TB (default) or LR
	Legend    bool
	Highlight *Trace // draw the path this run took
	Heat      *Trace // shade states by how often this run entered them
}
