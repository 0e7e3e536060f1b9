package asl

import (
	"sort"
	"strconv"
)

// Query languages.
const (
	JSONPath = "JSONPath"
	JSONata  = "JSONata"
)

// StateMachine is the typed view of a definition. It is built leniently:
// fields of the wrong type read as absent, and the validator reports them,
// so every consumer can rely on the model without re-checking types.
type StateMachine struct {
	Doc           *Document // nil when built from a bare value
	Raw           map[string]any
	Comment       string
	QueryLanguage string // JSONPath unless the definition says JSONata
	// TimeoutSeconds is the execution timeout; 0 means none.
	TimeoutSeconds int64
	Root           *Scope
}

// Scope is one set of states with its own StartAt: the machine itself, a
// Parallel branch or a Map processor. Transitions never cross scopes.
type Scope struct {
	Pointer string // JSON pointer of the object holding StartAt and States
	StartAt string
	States  []*State // in source order
	ByName  map[string]*State
	Parent  *State // the Parallel or Map state; nil for the machine
	// ProcessorMode is INLINE or DISTRIBUTED for a Map processor, "" otherwise.
	ProcessorMode string
}

// State is one state with the fields every command needs typed; all other
// fields stay in Raw.
type State struct {
	Name    string
	Type    string
	Pointer string // e.g. /States/Get Order
	Raw     map[string]any
	Scope   *Scope
	// QueryLanguage is the effective one: the state's own or the machine's.
	QueryLanguage string
	Comment       string
	Next          string
	End           bool
	Default       string   // Choice
	Resource      string   // Task
	Branches      []*Scope // Parallel
	Processor     *Scope   // Map: ItemProcessor, or the legacy Iterator
	Retry         []Retrier
	Catch         []Catcher
}

// Retrier is one entry of a state's Retry list, with AWS's defaults filled in.
type Retrier struct {
	Pointer         string
	ErrorEquals     []string
	IntervalSeconds int64   // default 1
	MaxAttempts     int64   // default 3
	BackoffRate     float64 // default 2.0
	MaxDelaySeconds int64   // 0 means no cap
	JitterStrategy  string  // NONE or FULL
}

// Catcher is one entry of a state's Catch list; fields other than these
// (ResultPath, Output, Assign) stay in Raw.
type Catcher struct {
	Pointer     string
	ErrorEquals []string
	Next        string
	Raw         map[string]any
}

// Transition is one edge out of a state: Next, Default, a Choice rule's Next
// or a catcher's Next, with the pointer of the field that names the target.
type Transition struct {
	Target  string
	Pointer string
	Kind    string // next, default, choice, catch
}

// Build makes the typed model of a loaded document. It returns nil when the
// root is not an object (the loader or the schema check reports that).
func Build(doc *Document) *StateMachine {
	return build(doc.Root, doc)
}

// BuildValue makes the typed model of a definition given as a plain value.
func BuildValue(root any) *StateMachine { return build(root, nil) }

func build(root any, doc *Document) *StateMachine {
	m, ok := root.(map[string]any)
	if !ok {
		return nil
	}
	sm := &StateMachine{Doc: doc, Raw: m, QueryLanguage: JSONPath}
	sm.Comment, _ = m["Comment"].(string)
	if ql, _ := m["QueryLanguage"].(string); ql != "" {
		sm.QueryLanguage = ql
	}
	sm.TimeoutSeconds, _ = Int(m["TimeoutSeconds"])
	sm.Root = sm.buildScope(m, "", nil)
	return sm
}

func (sm *StateMachine) buildScope(m map[string]any, ptr string, parent *State) *Scope {
	sc := &Scope{Pointer: ptr, Parent: parent, ByName: map[string]*State{}}
	sc.StartAt, _ = m["StartAt"].(string)
	states, _ := m["States"].(map[string]any)
	var names []string
	if sm.Doc != nil {
		names = sm.Doc.Keys(ptr + "/States")
	}
	if len(names) != len(states) {
		names = sortedKeys(states)
	}
	for _, name := range names {
		raw, _ := states[name].(map[string]any)
		if raw == nil {
			raw = map[string]any{}
		}
		st := sm.buildState(name, JoinPointer(ptr, "States", name), raw, sc)
		sc.States = append(sc.States, st)
		sc.ByName[name] = st
	}
	return sc
}

func (sm *StateMachine) buildState(name, ptr string, raw map[string]any, sc *Scope) *State {
	st := &State{Name: name, Pointer: ptr, Raw: raw, Scope: sc, QueryLanguage: sm.QueryLanguage}
	st.Type, _ = raw["Type"].(string)
	if ql, _ := raw["QueryLanguage"].(string); ql != "" {
		st.QueryLanguage = ql
	}
	st.Comment, _ = raw["Comment"].(string)
	st.Next, _ = raw["Next"].(string)
	st.End, _ = raw["End"].(bool)
	st.Default, _ = raw["Default"].(string)
	st.Resource, _ = raw["Resource"].(string)
	if branches, ok := raw["Branches"].([]any); ok && st.Type == "Parallel" {
		for i, b := range branches {
			if bm, ok := b.(map[string]any); ok {
				st.Branches = append(st.Branches, sm.buildScope(bm, ptr+"/Branches/"+strconv.Itoa(i), st))
			}
		}
	}
	if st.Type == "Map" {
		field := "ItemProcessor"
		proc, ok := raw[field].(map[string]any)
		if !ok {
			field = "Iterator"
			proc, ok = raw[field].(map[string]any)
		}
		if ok {
			st.Processor = sm.buildScope(proc, ptr+"/"+field, st)
			st.Processor.ProcessorMode = "INLINE"
			if pc, ok := proc["ProcessorConfig"].(map[string]any); ok {
				if mode, _ := pc["Mode"].(string); mode != "" {
					st.Processor.ProcessorMode = mode
				}
			}
		}
	}
	if list, ok := raw["Retry"].([]any); ok {
		for i, r := range list {
			rm, _ := r.(map[string]any)
			st.Retry = append(st.Retry, buildRetrier(rm, ptr+"/Retry/"+strconv.Itoa(i)))
		}
	}
	if list, ok := raw["Catch"].([]any); ok {
		for i, c := range list {
			cm, _ := c.(map[string]any)
			if cm == nil {
				cm = map[string]any{}
			}
			ct := Catcher{Pointer: ptr + "/Catch/" + strconv.Itoa(i), ErrorEquals: stringList(cm["ErrorEquals"]), Raw: cm}
			ct.Next, _ = cm["Next"].(string)
			st.Catch = append(st.Catch, ct)
		}
	}
	return st
}

func buildRetrier(m map[string]any, ptr string) Retrier {
	r := Retrier{Pointer: ptr, ErrorEquals: stringList(m["ErrorEquals"]), IntervalSeconds: 1, MaxAttempts: 3,
		BackoffRate: 2.0, JitterStrategy: "NONE"}
	if v, ok := Int(m["IntervalSeconds"]); ok {
		r.IntervalSeconds = v
	}
	if v, ok := Int(m["MaxAttempts"]); ok {
		r.MaxAttempts = v
	}
	if v, ok := Float(m["BackoffRate"]); ok {
		r.BackoffRate = v
	}
	if v, ok := Int(m["MaxDelaySeconds"]); ok {
		r.MaxDelaySeconds = v
	}
	if v, ok := m["JitterStrategy"].(string); ok {
		r.JitterStrategy = v
	}
	return r
}

// Transitions lists the edges out of a state in a stable order.
func (st *State) Transitions() []Transition {
	var out []Transition
	if st.Next != "" {
		out = append(out, Transition{st.Next, st.Pointer + "/Next", "next"})
	}
	if choices, ok := st.Raw["Choices"].([]any); ok && st.Type == "Choice" {
		for i, c := range choices {
			if cm, ok := c.(map[string]any); ok {
				if next, ok := cm["Next"].(string); ok {
					out = append(out, Transition{next, st.Pointer + "/Choices/" + strconv.Itoa(i) + "/Next", "choice"})
				}
			}
		}
	}
	if st.Default != "" {
		out = append(out, Transition{st.Default, st.Pointer + "/Default", "default"})
	}
	for _, c := range st.Catch {
		if c.Next != "" {
			out = append(out, Transition{c.Next, c.Pointer + "/Next", "catch"})
		}
	}
	return out
}

// IsTerminal reports whether reaching this state can end its scope.
func (st *State) IsTerminal() bool {
	return st.End || st.Type == "Succeed" || st.Type == "Fail"
}

// Walk visits every state of the machine, depth first, in source order:
// a Parallel or Map state before the states of its branches or processor.
func (sm *StateMachine) Walk(fn func(*State)) {
	if sm != nil && sm.Root != nil {
		sm.Root.Walk(fn)
	}
}

// Walk visits the states of this scope and every scope nested in it.
func (sc *Scope) Walk(fn func(*State)) {
	for _, st := range sc.States {
		fn(st)
		for _, b := range st.Branches {
			b.Walk(fn)
		}
		if st.Processor != nil {
			st.Processor.Walk(fn)
		}
	}
}

// Int reads a JSON number that is a whole number.
func Int(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case float64:
		if n == float64(int64(n)) {
			return int64(n), true
		}
	case int:
		return int64(n), true
	}
	return 0, false
}

// Float reads any JSON number.
func Float(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	case int:
		return float64(n), true
	}
	return 0, false
}

func stringList(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
