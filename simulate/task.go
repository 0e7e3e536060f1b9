package simulate

import (
	"fmt"
	"strings"
	"time"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/expr"
)

// resource is a Task's Resource split as the history reports it.
type resource struct {
	arn          string
	kind         string // lambda (bare function ARN), activity, service
	resourceType string // e.g. lambda, sqs, aws-sdk:s3
	name         string // e.g. invoke, sendMessage.waitForTaskToken
	callback     bool
	sync         bool
}

func parseResource(arn string) resource {
	r := resource{arn: arn, kind: "service"}
	parts := strings.SplitN(arn, ":", 7)
	switch {
	case len(parts) >= 7 && parts[2] == "lambda" && parts[5] == "function":
		r.kind = "lambda"
	case len(parts) >= 7 && parts[2] == "states" && parts[5] == "activity":
		r.kind = "activity"
	case strings.HasPrefix(arn, "arn:") && len(parts) >= 6 && parts[2] == "states" && parts[3] == "" && parts[4] == "":
		rest := strings.Join(parts[5:], ":") // service:api or aws-sdk:service:api
		if i := strings.LastIndexByte(strings.TrimSuffix(strings.TrimSuffix(rest, ":2"), ".sync"), ':'); i >= 0 {
			r.resourceType, r.name = rest[:i], rest[i+1:]
		} else {
			r.resourceType, r.name = rest, rest
		}
	default:
		r.resourceType, r.name = "unknown", arn
	}
	r.callback = strings.HasSuffix(arn, ".waitForTaskToken")
	r.sync = strings.Contains(arn, ".sync")
	return r
}

func (s *stateRun) task() (stateResult, *failure) {
	raw := s.st.Raw
	res := parseResource(s.st.Resource)
	if (res.callback || res.sync) && s.token == "" {
		s.x.tokens++
		s.token = seededUUID(expr.NewEnv(s.x.opts.Seed+uint64(s.x.tokens)*0x9e37)) + "-token"
	}
	var params any
	var states map[string]any
	var f *failure
	if s.jsonata {
		states = s.states(s.input)
		params = s.input
		if a, ok := raw["Arguments"]; ok {
			if params, f = s.evalJSONataField(a, "Arguments", states); f != nil {
				return stateResult{}, f
			}
		}
	} else {
		eff, f := s.inputPath(s.input)
		if f != nil {
			return stateResult{}, f
		}
		params = eff
		if p, ok := raw["Parameters"]; ok {
			if params, f = s.template(p, eff); f != nil {
				return stateResult{}, f
			}
		}
	}
	timeout, f := s.taskSeconds("TimeoutSeconds", states)
	if f != nil {
		return stateResult{}, f
	}
	heartbeat, f := s.taskSeconds("HeartbeatSeconds", states)
	if f != nil {
		return stateResult{}, f
	}
	creds, f := s.credentials(states)
	if f != nil {
		return stateResult{}, f
	}
	s.scheduled(res, params, timeout, heartbeat, creds)
	result, f := s.invoke(res, timeout, heartbeat)
	if f != nil {
		return stateResult{}, f
	}
	if s.jsonata {
		states["result"] = result
		return s.finishJSONata(states, result)
	}
	return s.finishJSONPath(result)
}

// taskSeconds evaluates TimeoutSeconds / HeartbeatSeconds and their Path
// forms (their values only shape the history: mocks answer at once).
func (s *stateRun) taskSeconds(field string, states map[string]any) (*int64, *failure) {
	if v, ok := s.st.Raw[field]; ok {
		if s.jsonata {
			n, f := s.jsonataInt(v, field, states)
			if f != nil {
				return nil, f
			}
			return &n, nil
		}
		if n, ok := asl.Int(v); ok {
			return &n, nil
		}
		return nil, nil
	}
	src, ok := s.st.Raw[field+"Path"].(string)
	if !ok {
		return nil, nil
	}
	eff, f := s.inputPath(s.input)
	if f != nil {
		return nil, f
	}
	v, f := s.evalPathString(src, eff)
	if f != nil {
		return nil, f
	}
	n, ok := asl.Int(v)
	if !ok || n <= 0 {
		return nil, s.runtimeError("The %sPath field refers to value %q which is not a valid positive integer: %s", field, Compact(v), src)
	}
	return &n, nil
}

// credentials evaluates the Credentials field (only the history shows it).
func (s *stateRun) credentials(states map[string]any) (*TaskCredentials, *failure) {
	raw, ok := s.st.Raw["Credentials"]
	if !ok {
		return nil, nil
	}
	var v any
	var f *failure
	if s.jsonata {
		v, f = s.evalJSONataField(raw, "Credentials", states)
	} else {
		eff, ff := s.inputPath(s.input)
		if ff != nil {
			return nil, ff
		}
		v, f = s.template(raw, eff)
	}
	if f != nil {
		return nil, f
	}
	m, _ := v.(map[string]any)
	return &TaskCredentials{RoleArn: m["RoleArn"]}, nil
}

func (s *stateRun) scheduled(res resource, params any, timeout, heartbeat *int64, creds *TaskCredentials) {
	x, fr := s.x, s.fr
	switch res.kind {
	case "lambda":
		x.emit(fr, "LambdaFunctionScheduled", &LambdaScheduledDetails{Resource: res.arn, Input: Payload{params}, InputDetails: notTruncated, TimeoutInSeconds: timeout})
		x.emit(fr, "LambdaFunctionStarted", nil)
	case "activity":
		x.emit(fr, "ActivityScheduled", &ActivityScheduledDetails{Resource: res.arn, Input: Payload{params}, InputDetails: notTruncated, TimeoutInSeconds: timeout, HeartbeatSeconds: heartbeat})
		x.emit(fr, "ActivityStarted", &ActivityStartedDetails{WorkerName: "sfnctl-mock"})
	default:
		x.emit(fr, "TaskScheduled", &TaskScheduledDetails{ResourceType: res.resourceType, Resource: res.name, Region: region,
			Parameters: Payload{params}, TimeoutInSeconds: timeout, HeartbeatSeconds: heartbeat, TaskCredentials: creds})
		x.emit(fr, "TaskStarted", &TaskStartedDetails{ResourceType: res.resourceType, Resource: res.name})
		if res.sync || res.callback {
			x.emit(fr, "TaskSubmitted", &TaskSucceededDetails{ResourceType: res.resourceType, Resource: res.name,
				Output: Payload{map[string]any{}}, OutputDetails: notTruncated})
		}
	}
}

// invoke answers the task from the mocks: the next numbered response of
// this state's mocked response.
func (s *stateRun) invoke(res resource, timeout, heartbeat *int64) (any, *failure) {
	x := s.x
	if x.test != nil {
		result, f := x.test.stateResult()
		if f != nil {
			s.failed(res, f)
		}
		return result, f
	}
	n := x.invocations[s.st.Name]
	x.invocations[s.st.Name] = n + 1
	if x.mockCfg == nil {
		return nil, &failure{Error: strp("sfnctl.NoMock"), fatal: true, Cause: strp(fmt.Sprintf(
			"Task state '%s' was invoked (invocation #%d) but no mock file was given: pass --mock FILE with a MockedResponses entry for it", s.st.Name, n))}
	}
	respName, ok := x.mocks[s.st.Name]
	if !ok {
		return nil, &failure{Error: strp("sfnctl.NoMock"), fatal: true, Cause: strp(fmt.Sprintf(
			"Task state '%s' was invoked (invocation #%d) but the test case has no mock for it: add \"%s\" to the test case in the mock file", s.st.Name, n, s.st.Name))}
	}
	ans, ok := x.mockCfg.Responses[respName].Answer(n)
	if !ok {
		return nil, &failure{Error: strp("sfnctl.NoMock"), fatal: true, Cause: strp(fmt.Sprintf(
			"Task state '%s' was invoked for the %s time (invocation #%d) but mocked response '%s' has no answer for it: add a \"%d\" entry", s.st.Name, ordinal(n+1), n, respName, n))}
	}
	if ans.Duration > 0 {
		// The task runs for Duration on the virtual clock, unless its
		// timeout or heartbeat (mocks send no heartbeats) ends it first.
		limit := ans.Duration
		if timeout != nil && float64(*timeout) < limit {
			limit = float64(*timeout)
		}
		if heartbeat != nil && float64(*heartbeat) < limit {
			limit = float64(*heartbeat)
		}
		if tf := x.advance(time.Duration(limit * float64(time.Second))); tf != nil {
			return nil, tf
		}
		if limit < ans.Duration {
			f := &failure{Error: strp("States.Timeout")}
			s.failed(res, f)
			return nil, f
		}
	}
	if ans.Throw != nil {
		f := fail(ans.Throw.Error, ans.Throw.Cause)
		if !ans.Throw.HasCause || (ans.Throw.Error == "States.Timeout" && ans.Throw.Cause == "") {
			f.Cause = nil // AWS reports task timeouts without a cause
		}
		s.failed(res, f)
		return nil, f
	}
	result := ans.Return
	if res.kind == "lambda" {
		if m, ok := result.(map[string]any); ok {
			if p, ok := m["Payload"]; ok {
				result = p
			}
		}
	}
	if jsonSize(result, MaxPayloadBytes+1) > MaxPayloadBytes {
		who := res.resourceType
		if res.kind != "service" {
			who = res.arn
		}
		f := fail(expr.ErrDataLimitExceeded, fmt.Sprintf("The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", who))
		s.failed(res, f)
		return nil, f
	}
	switch res.kind {
	case "lambda":
		x.emit(s.fr, "LambdaFunctionSucceeded", &OutputDetails{Output: Payload{result}, OutputDetails: notTruncated})
	case "activity":
		x.emit(s.fr, "ActivitySucceeded", &OutputDetails{Output: Payload{result}, OutputDetails: notTruncated})
	default:
		x.emit(s.fr, "TaskSucceeded", &TaskSucceededDetails{ResourceType: res.resourceType, Resource: res.name, Output: Payload{result}, OutputDetails: notTruncated})
	}
	return result, nil
}

func (s *stateRun) failed(res resource, f *failure) {
	typ := "TaskFailed"
	if f.name() == "States.Timeout" {
		typ = "TaskTimedOut"
	}
	switch res.kind {
	case "lambda":
		s.x.emit(s.fr, strings.Replace(typ, "Task", "LambdaFunction", 1), &ErrorDetails{Error: f.Error, Cause: f.Cause})
	case "activity":
		s.x.emit(s.fr, strings.Replace(typ, "Task", "Activity", 1), &ErrorDetails{Error: f.Error, Cause: f.Cause})
	default:
		s.x.emit(s.fr, typ, &TaskFailedDetails{ResourceType: res.resourceType, Resource: res.name, Error: f.Error, Cause: f.Cause})
	}
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
