package simulate

import (
	"fmt"

	"github.com/sfnctl/sfnctl/asl"
)

// TestState statuses, as the TestState API reports them.
const (
	TestSucceeded   = "SUCCEEDED"
	TestFailed      = "FAILED"
	TestRetriable   = "RETRIABLE"
	TestCaughtError = "CAUGHT_ERROR"
)

// TestStateRequest runs one state the way the TestState API does: once,
// with its task (or its whole Map or Parallel work) answered by a mock.
type TestStateRequest struct {
	// Definition is one state, or a whole machine with StateName naming
	// the state to test (StartAt when empty).
	Definition any
	StateName  string
	Input      any
	Variables  map[string]any
	// Context replaces $$ when given.
	Context map[string]any
	Mock    *TestStateMock
	// RetrierRetryCount is how many retries the matching retrier has used.
	RetrierRetryCount int
	// MapIterationFailureCount is how many Map iterations fail.
	MapIterationFailureCount int
	// MapItemReaderData is the items an ItemReader would read.
	MapItemReaderData any
	// RoleArn is the role the request names ($$.Execution.RoleArn).
	RoleArn string
	Seed    uint64
}

// TestStateMock is the mocked result, or the mocked error.
type TestStateMock struct {
	Result    any
	HasResult bool
	Error     *string
	Cause     *string
}

// TestStateResult is the TestState response.
type TestStateResult struct {
	Status    string
	Output    any
	Error     *string
	Cause     *string
	NextState string
}

// TestState runs one state once and says what happened: SUCCEEDED with
// its output and next state, FAILED, RETRIABLE when a retrier would try
// again, or CAUGHT_ERROR with the catcher's output and next state.
func TestState(req TestStateRequest) (*TestStateResult, error) {
	def, ok := req.Definition.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the definition must be a JSON object")
	}
	var sm *asl.StateMachine
	var st *asl.State
	if _, isMachine := def["States"]; isMachine {
		sm = asl.BuildValue(def)
		name := req.StateName
		if name == "" {
			name = sm.Root.StartAt
		}
		sm.Walk(func(x *asl.State) {
			if x.Name == name && st == nil {
				st = x
			}
		})
		if st == nil {
			return nil, fmt.Errorf("the definition has no state %q", name)
		}
	} else {
		const name = "StateName"
		wrapper := map[string]any{"StartAt": name, "States": map[string]any{name: def}}
		sm = asl.BuildValue(wrapper)
		st = sm.Root.ByName[name]
	}
	x, err := newExecution(sm, Options{Input: req.Input, Seed: req.Seed, Type: "EXPRESS"})
	if err != nil {
		return nil, err
	}
	x.test = &req
	if req.Context == nil {
		req.Context = x.testContext(st, req)
	}
	var cursor int64
	vars := map[string]any{}
	for k, v := range req.Variables {
		vars[k] = v
	}
	fr := &frame{h: x.root, prev: &cursor, vars: &varScope{vals: vars}}
	enteredID := x.emit(fr, st.Type+"StateEntered", &StateEnteredDetails{Name: st.Name, Input: Payload{req.Input}, InputDetails: notTruncated})
	s := &stateRun{x: x, st: st, fr: fr, input: req.Input, enteredID: enteredID, entered: x.clock,
		jsonata: st.QueryLanguage == asl.JSONata, retryCount: req.RetrierRetryCount}
	res, f := s.exec()
	if f == nil {
		if jsonSize(res.output, MaxPayloadBytes+1) > MaxPayloadBytes {
			f = fail("States.DataLimitExceeded", fmt.Sprintf("The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", st.Name))
			f.outputTooLarge = true
		} else {
			return &TestStateResult{Status: TestSucceeded, Output: res.output, NextState: res.next}, nil
		}
	}
	out := &TestStateResult{Status: TestFailed, Error: f.Error, Cause: f.Cause}
	if f.fatal || st.Type == "Fail" {
		return out, nil
	}
	if ri := matchRetrier(st.Retry, f); ri >= 0 && int64(req.RetrierRetryCount) < st.Retry[ri].MaxAttempts {
		out.Status = TestRetriable
		return out, nil
	}
	if ci := matchCatcher(st.Catch, f); ci >= 0 {
		res, cf := s.catch(ci, st.Catch[ci], f)
		if cf != nil {
			return &TestStateResult{Status: TestFailed, Error: cf.Error, Cause: cf.Cause}, nil
		}
		out.Status, out.Output, out.NextState = TestCaughtError, res.output, res.next
	}
	return out, nil
}

// testContext is $$ as TestState builds it: an express execution of a
// machine that holds only the tested state.
func (x *execution) testContext(st *asl.State, req TestStateRequest) map[string]any {
	smName := x.ctxMachine["Name"].(string)
	name := x.ctxExec["Name"].(string)
	var role any
	if req.RoleArn != "" {
		role = req.RoleArn
	}
	// AWS names the state "StateName" here even when the request names it.
	state := map[string]any{"Name": "StateName", "EnteredTime": timestamp(x.start)}
	if st.Type == "Task" || st.Type == "Map" || st.Type == "Parallel" {
		state["RetryCount"] = int64(req.RetrierRetryCount)
	}
	return map[string]any{
		"Execution": map[string]any{"Id": "arn:aws:states:" + region + ":" + account + ":express:" + smName + ":" + name,
			"Input": req.Input, "Name": name, "RoleArn": role, "StartTime": timestamp(x.start)},
		"StateMachine": x.ctxMachine,
		"State":        state,
	}
}

// stateResult is the mocked result of the tested state, or its error.
func (t *TestStateRequest) stateResult() (any, *failure) {
	if t.Mock == nil {
		return nil, &failure{Error: strp("sfnctl.NoMock"), fatal: true,
			Cause: strp("TestState of a Task, Map or Parallel state needs a mock result or error output")}
	}
	if t.Mock.Error != nil || !t.Mock.HasResult {
		return nil, &failure{Error: t.Mock.Error, Cause: t.Mock.Cause}
	}
	return t.Mock.Result, nil
}

// mapResult is a tested Map state's result: the mock, unless the mocked
// iteration failures exceed the tolerated ones.
func (t *TestStateRequest) mapResult(items int, cfg mapConfig) (any, *failure) {
	if t.Mock != nil && t.Mock.Error != nil {
		return t.stateResult()
	}
	tolerance := cfg.toleratedN >= 0 || cfg.toleratedPct >= 0
	if n := t.MapIterationFailureCount; n > 0 && tolerance && exceeds(n, items, cfg) {
		return nil, fail("States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded")
	}
	return t.stateResult()
}
