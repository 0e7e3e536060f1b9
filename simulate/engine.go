package simulate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/expr"
)

// execution is the state of one run: the virtual clock, the history, the
// mock counters and the counters the Result reports.
type execution struct {
	sm          *asl.StateMachine
	opts        Options
	env         *expr.Env
	mocks       TestCase
	mockCfg     *MockConfig
	invocations map[string]int
	start       time.Time
	clock       time.Time
	deadline    time.Time // zero when the machine has no TimeoutSeconds
	root        *hist
	transitions int
	// childTransitions are those of Distributed Map child executions,
	// which have their own histories.
	childTransitions int
	retries          int
	visits           map[string]int
	ctxExec          map[string]any
	ctxMachine       map[string]any
	paths            map[string]*pathExpr
	ctxUse           map[*asl.State]bool
	test             *TestStateRequest // set when running one state for TestState
	tokens           int
	totalEvents      int
	mapRuns          int
	pcg              *rand.PCG // source of env.Rand, saved by snapshot
}

// maxTotalEvents bounds the work of one simulation, child executions
// included, so a Distributed Map of endless loops cannot hang sfnctl.
const maxTotalEvents = 20_000_000

// maxExpressEvents stops an Express execution that never ends; AWS itself
// has no event limit for Express workflows, only the five-minute duration.
const maxExpressEvents = 1_000_000

// hist is one execution's event list: the machine's, or a Distributed Map
// child's (counted against its own limit but not kept).
type hist struct {
	events []Event
	keep   bool
	count  int
	max    int
}

// frame is what the states of one scope share while they run.
type frame struct {
	h    *hist
	prev *int64 // previousEventId cursor of this thread of events
	vars *varScope
	// depth of nested Map/Parallel scopes, to bound recursion.
	depth int
	// exec is $$.Execution of a Distributed Map child execution (nil: the
	// machine's own).
	exec map[string]any
	// cutoff, when set, aborts the scope before it enters a state later
	// than it (a sibling branch failed then).
	cutoff time.Time
}

// varScope holds workflow variables. Inner scopes (Map iterations,
// Parallel branches) read outer ones but write only their own.
type varScope struct {
	vals   map[string]any
	parent *varScope
}

func (v *varScope) get(name string) (any, bool) {
	for s := v; s != nil; s = s.parent {
		if x, ok := s.vals[name]; ok {
			return x, true
		}
	}
	return nil, false
}

// failure is an error raised while a state runs.
type failure struct {
	Error, Cause *string
	// fatal failures end the execution: no Retry or Catch applies
	// (States.Runtime, a missing mock, the history limit).
	fatal bool
	// timedOut marks the execution timeout.
	timedOut bool
	// outputTooLarge marks States.DataLimitExceeded raised by a state's
	// own output, which States.ALL does not catch.
	outputTooLarge bool
	// aborted marks a branch cut short by a sibling's failure.
	aborted bool
}

func (f *failure) name() string {
	if f.Error == nil {
		return ""
	}
	return *f.Error
}

func fail(name, cause string) *failure { return &failure{Error: strp(name), Cause: strp(cause)} }

func newExecution(sm *asl.StateMachine, opts Options) (*execution, error) {
	tc, err := opts.Mocks.Select(opts.StateMachine, opts.TestCase)
	if err != nil {
		return nil, err
	}
	start := opts.StartTime
	if start.IsZero() {
		start = DefaultStartTime
	}
	env := expr.NewEnv(opts.Seed)
	pcg := newPCG(opts.Seed)
	env.Rand = rand.New(pcg)
	var x *execution
	env.Now = func() time.Time { return x.clock } // $now() reads the virtual clock
	name := opts.Name
	if name == "" {
		name = seededUUID(expr.NewEnv(opts.Seed ^ 0x5eed))
	}
	smName := opts.StateMachineName
	if smName == "" {
		smName = "StateMachine"
	}
	express := strings.EqualFold(opts.Type, "EXPRESS")
	max := opts.MaxEvents
	if max <= 0 {
		max = MaxHistoryEvents
		if express {
			// Express workflows keep no history on AWS, so the 25,000-event
			// limit does not apply; a far larger cap still stops endless loops.
			max = maxExpressEvents
		}
	}
	smArn := "arn:aws:states:" + region + ":" + account + ":stateMachine:" + smName
	execArn := "arn:aws:states:" + region + ":" + account + ":execution:" + smName + ":" + name
	if strings.EqualFold(opts.Type, "EXPRESS") {
		execArn = "arn:aws:states:" + region + ":" + account + ":express:" + smName + ":" + name + ":" + seededUUID(expr.NewEnv(opts.Seed^0xe4))
	}
	x = &execution{sm: sm, opts: opts, env: env, pcg: pcg, mocks: tc, mockCfg: opts.Mocks, invocations: map[string]int{},
		start: start, clock: start, root: &hist{keep: true, max: max}, visits: map[string]int{},
		paths: map[string]*pathExpr{}, ctxUse: map[*asl.State]bool{}}
	if sm.TimeoutSeconds > 0 {
		x.deadline = start.Add(time.Duration(sm.TimeoutSeconds) * time.Second)
	}
	if limit := start.Add(ExpressMaxDuration); express && (x.deadline.IsZero() || x.deadline.After(limit)) {
		x.deadline = limit
	}
	x.ctxExec = map[string]any{"Id": execArn, "Input": opts.Input, "Name": name,
		"RoleArn": "arn:aws:iam::" + account + ":role/StepFunctionsRole", "StartTime": timestamp(start), "RedriveCount": int64(0)}
	x.ctxMachine = map[string]any{"Id": smArn, "Name": smName}
	return x, nil
}

// The account and region of the simulated ARNs.
const (
	account = "111111111111"
	region  = "us-east-1"
)

func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// seededUUID makes a version-4 UUID from env's random numbers.
func seededUUID(env *expr.Env) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(env.Rand.Uint32())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// run executes the machine from ExecutionStarted to its end event.
func (x *execution) run() *Result {
	var cursor int64
	fr := &frame{h: x.root, prev: &cursor, vars: &varScope{vals: map[string]any{}}}
	x.emitNoChain(fr, "ExecutionStarted", &ExecutionStartedDetails{Input: Payload{x.opts.Input}, InputDetails: notTruncated,
		RoleArn: x.ctxExec["RoleArn"].(string)})
	res := &Result{Visits: x.visits}
	var out any
	var f *failure
	if size := jsonSize(x.opts.Input, MaxPayloadBytes+1); size > MaxPayloadBytes {
		f = &failure{Error: strp(expr.ErrDataLimitExceeded), Cause: strp(fmt.Sprintf(
			"The execution input exceeds the maximum number of bytes service limit (%d bytes, 256 KiB). Pass a smaller input: keep large data in S3 and pass its location.", MaxPayloadBytes)), fatal: true}
	} else {
		out, f = x.runScope(x.sm.Root, x.opts.Input, fr)
	}
	switch {
	case f == nil:
		res.Status, res.Output = StatusSucceeded, out
		x.emit(fr, "ExecutionSucceeded", &ExecutionSucceededDetails{Output: Payload{out}, OutputDetails: notTruncated})
	case f.timedOut:
		res.Status = StatusTimedOut
		x.emit(fr, "ExecutionTimedOut", &ErrorDetails{Error: f.Error, Cause: f.Cause})
		// DescribeExecution reports neither error nor cause for a timeout.
	default:
		res.Status, res.Error, res.Cause = StatusFailed, f.Error, f.Cause
		x.emit(fr, "ExecutionFailed", &ErrorDetails{Error: f.Error, Cause: f.Cause})
	}
	res.Transitions, res.ChildTransitions, res.Retries = x.transitions, x.childTransitions, x.retries
	res.DurationMs = x.clock.Sub(x.start).Milliseconds()
	res.History = x.root.events
	return res
}

// emit appends an event chained to the frame's cursor and moves the cursor.
func (x *execution) emit(fr *frame, typ string, details any) int64 {
	id := x.emitAfter(fr, typ, details, *fr.prev)
	*fr.prev = id
	return id
}

// emitNoChain appends an event without moving the cursor (AWS chains the
// first state to 0, not to ExecutionStarted).
func (x *execution) emitNoChain(fr *frame, typ string, details any) int64 {
	return x.emitAfter(fr, typ, details, *fr.prev)
}

func (x *execution) emitAfter(fr *frame, typ string, details any, prev int64) int64 {
	h := fr.h
	h.count++
	x.totalEvents++
	id := int64(h.count)
	if h.keep {
		ev := Event{Timestamp: x.clock, Type: typ, ID: id, PreviousEventID: prev, Depth: fr.depth}
		if details != nil {
			ev.DetailsKey, ev.Details = detailsKey(typ), details
		}
		h.events = append(h.events, ev)
	}
	return id
}

// overLimit reports the history limit as a fatal failure.
func (x *execution) overLimit(fr *frame) *failure {
	if x.totalEvents > maxTotalEvents {
		return &failure{Error: strp("States.Runtime"), fatal: true, Cause: strp(fmt.Sprintf(
			"sfnctl stopped the simulation after %d events across the execution and its Distributed Map child executions", maxTotalEvents))}
	}
	if fr.h.count+3 <= fr.h.max { // room for entered, exited and the final event
		return nil
	}
	if fr.h.max == maxExpressEvents {
		return &failure{Error: strp("States.Runtime"), fatal: true, Cause: strp(fmt.Sprintf(
			"sfnctl stopped this Express execution after %d history events: AWS sets no event limit for Express workflows, but a run this long never ends on the virtual clock (a loop with no Wait?)", fr.h.max))}
	}
	return &failure{Error: strp("States.Runtime"), fatal: true,
		Cause: strp(fmt.Sprintf("The execution reached the maximum number of history events (%d). A loop that never ends does this (check the Choice state that should leave it), or an Inline Map over many items (use a Distributed Map, or start a child execution).", fr.h.max))}
}

// advance moves the virtual clock; crossing the execution's deadline ends
// the run with States.Timeout.
func (x *execution) advance(d time.Duration) *failure {
	x.clock = x.clock.Add(d)
	if !x.deadline.IsZero() && x.clock.After(x.deadline) {
		x.clock = x.deadline
		return &failure{Error: strp("States.Timeout"), timedOut: true, fatal: true}
	}
	return nil
}

// runScope runs states from StartAt until one ends the scope.
func (x *execution) runScope(sc *asl.Scope, input any, fr *frame) (any, *failure) {
	if sc == nil {
		return nil, &failure{Error: strp("States.Runtime"), fatal: true,
			Cause: strp("a Map state has no ItemProcessor (the definition is invalid: run sfnctl validate)")}
	}
	name := sc.StartAt
	for {
		st := sc.ByName[name]
		if st == nil {
			return nil, &failure{Error: strp("States.Runtime"), fatal: true,
				Cause: strp(fmt.Sprintf("the state %q does not exist (the definition is invalid: run sfnctl validate)", name))}
		}
		if f := x.overLimit(fr); f != nil {
			return nil, f
		}
		if x.pastCutoff(fr) {
			return nil, aborted()
		}
		out, next, f := x.runState(st, input, fr)
		if f != nil {
			return nil, f
		}
		if next == "" {
			return out, nil
		}
		name, input = next, out
	}
}

// runState enters a state, runs it with its Retry and Catch, and exits it.
// next is "" when the state ends its scope.
func (x *execution) runState(st *asl.State, input any, fr *frame) (out any, next string, f *failure) {
	if fr.h.keep {
		x.transitions++
	} else {
		x.childTransitions++
	}
	x.visits[st.Name]++
	enteredPrev := *fr.prev
	enteredID := x.emit(fr, st.Type+"StateEntered", &StateEnteredDetails{Name: st.Name, Input: Payload{input}, InputDetails: notTruncated})
	s := &stateRun{x: x, st: st, fr: fr, input: input, enteredID: enteredID, enteredPrev: enteredPrev, entered: x.clock,
		jsonata: st.QueryLanguage == asl.JSONata}
	counts := make([]int64, len(st.Retry))
	for {
		res, f := s.exec()
		if f == nil {
			if sz := jsonSize(res.output, MaxPayloadBytes+1); sz > MaxPayloadBytes {
				f = fail(expr.ErrDataLimitExceeded, fmt.Sprintf("The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", st.Name))
				f.outputTooLarge = true
			} else {
				x.exitState(s, res)
				return res.output, res.next, nil
			}
		}
		if f.fatal {
			return nil, "", f
		}
		if st.Type == "Fail" {
			return nil, "", f
		}
		// The first retrier that names the error decides; it may be used up.
		if ri := matchRetrier(st.Retry, f); ri >= 0 && counts[ri] < st.Retry[ri].MaxAttempts {
			r := st.Retry[ri]
			delay := retryDelay(r, counts[ri], x.env)
			counts[ri]++
			x.retries++
			s.retryCount++
			if tf := x.advance(delay); tf != nil {
				return nil, "", tf
			}
			if x.pastCutoff(fr) {
				x.emit(fr, st.Type+"StateAborted", nil)
				return nil, "", aborted()
			}
			continue
		}
		if st.Type == "Map" || st.Type == "Parallel" {
			// AWS reports the failure of a Map or Parallel state once,
			// when no retrier takes it.
			x.emit(fr, st.Type+"StateFailed", nil)
		}
		if ci := matchCatcher(st.Catch, f); ci >= 0 {
			res, cf := s.catch(ci, st.Catch[ci], f)
			if cf != nil {
				return nil, "", cf
			}
			x.exitState(s, res)
			return res.output, res.next, nil
		}
		return nil, "", f
	}
}

// stateResult is a state's output, where it goes next and the variables it
// assigns (applied at exit).
type stateResult struct {
	output any
	next   string
	assign map[string]any
}

func (x *execution) exitState(s *stateRun, res stateResult) {
	if res.assign != nil {
		for k, v := range res.assign {
			s.fr.vars.vals[k] = v
		}
	}
	if s.st.Type == "Fail" {
		return
	}
	d := &StateExitedDetails{Name: s.st.Name, Output: Payload{res.output}, OutputDetails: notTruncated}
	if len(res.assign) > 0 {
		d.AssignedVariables = make(map[string]string, len(res.assign))
		for k, v := range res.assign {
			d.AssignedVariables[k] = Compact(v)
		}
		d.AssignedVariablesDetails = notTruncated
	}
	x.emit(s.fr, s.st.Type+"StateExited", d)
}

// stateRun is one entry into a state: what its expressions can see.
type stateRun struct {
	x         *execution
	st        *asl.State
	fr        *frame
	input     any
	enteredID int64
	// enteredPrev is the StateEntered event's previousEventId, which AWS
	// also gives an EvaluationFailed event.
	enteredPrev int64
	entered     time.Time
	retryCount  int
	jsonata     bool
	mapItem     map[string]any // $$.Map while evaluating an ItemSelector
	itemGen     int            // changes with mapItem
	token       string         // $$.Task.Token for .waitForTaskToken
	// ctx caches $$ until retryCount, mapItem or token change (ctxKey).
	ctx    map[string]any
	ctxKey ctxKey
}

type ctxKey struct {
	retry, item int
	token       string
}

// usesContext reports whether a state's definition can read $$ or
// $states.context; most cannot, and then no context is built.
func (x *execution) usesContext(st *asl.State) bool {
	if v, ok := x.ctxUse[st]; ok {
		return v
	}
	src := Compact(st.Raw)
	uses := strings.Contains(src, "$$") || strings.Contains(src, "context")
	for i := 0; !uses; {
		j := strings.Index(src[i:], "$states")
		if j < 0 {
			break
		}
		rest := src[i+j+len("$states"):]
		if !(strings.HasPrefix(rest, ".input") || strings.HasPrefix(rest, ".result") || strings.HasPrefix(rest, ".errorOutput")) {
			uses = true
		}
		i += j + len("$states")
	}
	x.ctxUse[st] = uses
	return uses
}

// context builds $$ for this state (nil when the state never reads it).
func (s *stateRun) context() map[string]any {
	if s.x.test != nil && s.x.test.Context != nil {
		return s.x.test.Context
	}
	if !s.x.usesContext(s.st) {
		return nil
	}
	key := ctxKey{retry: s.retryCount, item: s.itemGen, token: s.token}
	if s.ctx != nil && s.ctxKey == key {
		return s.ctx
	}
	s.ctx, s.ctxKey = s.buildContext(), key
	return s.ctx
}

func (s *stateRun) buildContext() map[string]any {
	state := map[string]any{"EnteredTime": timestamp(s.entered), "Name": s.st.Name}
	if s.st.Type == "Task" || s.st.Type == "Map" || s.st.Type == "Parallel" {
		state["RetryCount"] = int64(s.retryCount)
	}
	exec := s.x.ctxExec
	if s.fr.exec != nil {
		exec = s.fr.exec
	}
	ctx := map[string]any{"Execution": exec, "StateMachine": s.x.ctxMachine, "State": state}
	if s.mapItem != nil {
		ctx["Map"] = map[string]any{"Item": s.mapItem}
	}
	if s.token != "" {
		ctx["Task"] = map[string]any{"Token": s.token}
	}
	return ctx
}

// scope is what a JSONPath expression sees with input as $.
func (s *stateRun) scope(input any) expr.Scope {
	vars := s.fr.vars
	return expr.Scope{Input: input, Context: s.context(), Env: s.x.env,
		Vars: func(name string) (any, bool) { return vars.get(name) }}
}

// prefix is AWS's preamble for runtime errors raised inside a state.
func (s *stateRun) prefix() string {
	if s.x.test != nil {
		return "" // TestState causes carry no execution preamble
	}
	return fmt.Sprintf("An error occurred while executing the state '%s' (entered at the event id #%d). ", s.st.Name, s.enteredID)
}

// runtimeError is a States.Runtime failure: never retried or caught.
func (s *stateRun) runtimeError(format string, args ...any) *failure {
	return &failure{Error: strp(expr.ErrRuntime), Cause: strp(s.prefix() + fmt.Sprintf(format, args...)), fatal: true}
}

// fromExprError turns an expression failure into the state's failure.
func (s *stateRun) fromExprError(err error) *failure {
	e, ok := err.(*expr.Error)
	if !ok {
		return s.runtimeError("%v", err)
	}
	switch e.Name {
	case expr.ErrRuntime:
		return &failure{Error: strp(e.Name), Cause: strp(s.prefix() + e.Cause), fatal: true}
	case expr.ErrQueryEvaluation:
		return s.evaluationFailed(e.Cause, "")
	}
	return fail(e.Name, e.Cause)
}

// evaluationFailed raises States.QueryEvaluationError with its history event.
func (s *stateRun) evaluationFailed(cause, location string) *failure {
	return s.evaluationFailedAfter(cause, location, s.enteredPrev)
}

// evaluationFailedAfter chains the EvaluationFailed event to prev (AWS
// chains it to the StateEntered event's predecessor for expressions, and
// to the StateEntered event for a bad Wait Timestamp).
func (s *stateRun) evaluationFailedAfter(cause, location string, prev int64) *failure {
	full := s.prefix() + cause
	*s.fr.prev = s.x.emitAfter(s.fr, "EvaluationFailed", &EvaluationFailedDetails{Error: expr.ErrQueryEvaluation, Cause: full,
		Location: location, State: s.st.Name}, prev)
	return fail(expr.ErrQueryEvaluation, full)
}

// exec runs the state's own work once (one attempt).
func (s *stateRun) exec() (stateResult, *failure) {
	switch s.st.Type {
	case "Pass":
		return s.pass()
	case "Task":
		return s.task()
	case "Choice":
		return s.choice()
	case "Wait":
		return s.wait()
	case "Succeed":
		return s.succeed()
	case "Fail":
		return s.failState()
	case "Parallel":
		return s.parallel()
	case "Map":
		return s.mapState()
	}
	return stateResult{}, s.runtimeError("unknown state type %q (run sfnctl validate)", s.st.Type)
}
