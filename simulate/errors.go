package simulate

import (
	"math"
	"strconv"
	"time"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/expr"
)

// errorMatches applies AWS's ErrorEquals rules: a name matches itself;
// States.ALL matches everything but States.Runtime (and, when the state's
// own output is too large, States.DataLimitExceeded: recorded executions
// show States.ALL catching it when a task's result is too large);
// States.TaskFailed matches everything but those and States.Timeout.
func errorMatches(equals []string, name string) bool {
	return errorMatchesAll(equals, name, true)
}

func errorMatchesAll(equals []string, name string, allMayCatch bool) bool {
	for _, e := range equals {
		switch {
		case e == name:
			return true
		case e == "States.ALL":
			if name != expr.ErrRuntime && (allMayCatch || name != expr.ErrDataLimitExceeded) {
				return true
			}
		case e == "States.TaskFailed":
			if name != expr.ErrRuntime && name != expr.ErrDataLimitExceeded && name != "States.Timeout" {
				return true
			}
		}
	}
	return false
}

func matchRetrier(rs []asl.Retrier, f *failure) int {
	for i, r := range rs {
		if errorMatchesAll(r.ErrorEquals, f.name(), !f.outputTooLarge) {
			return i
		}
	}
	return -1
}

func matchCatcher(cs []asl.Catcher, f *failure) int {
	for i, c := range cs {
		if errorMatchesAll(c.ErrorEquals, f.name(), !f.outputTooLarge) {
			return i
		}
	}
	return -1
}

// retryDelay is IntervalSeconds × BackoffRate^attempt, capped by
// MaxDelaySeconds, and drawn uniformly below that with JitterStrategy FULL.
func retryDelay(r asl.Retrier, attempt int64, env *expr.Env) time.Duration {
	secs := float64(r.IntervalSeconds) * math.Pow(r.BackoffRate, float64(attempt))
	if r.MaxDelaySeconds > 0 && secs > float64(r.MaxDelaySeconds) {
		secs = float64(r.MaxDelaySeconds)
	}
	if r.JitterStrategy == "FULL" {
		secs = env.Rand.Float64() * secs
	}
	if secs > 1e9 {
		secs = 1e9
	}
	return time.Duration(secs * float64(time.Second))
}

// errorOutput is the value a catcher receives: {"Error": …, "Cause": …},
// null when absent; a task timeout, which has no cause, gives "" (as
// recorded).
func errorOutput(f *failure) map[string]any {
	out := map[string]any{"Error": nil, "Cause": nil}
	if f.Error != nil {
		out["Error"] = *f.Error
	}
	if f.Cause != nil {
		out["Cause"] = *f.Cause
	} else if f.name() == "States.Timeout" {
		out["Cause"] = ""
	}
	return out
}

// catch applies a catcher: the error output goes through the catcher's
// ResultPath (JSONPath) or Output (JSONata) and Assign.
func (s *stateRun) catch(i int, c asl.Catcher, f *failure) (stateResult, *failure) {
	eo := errorOutput(f)
	res := stateResult{next: c.Next}
	if s.jsonata {
		states := s.states(s.input)
		states["errorOutput"] = eo
		// Causes name the catcher's fields under its index: Catch[1]/Output.
		res, ff := s.choiceExit(c.Raw, "Catch["+strconv.Itoa(i)+"]/", c.Next, states)
		if ff != nil {
			return res, ff
		}
		if _, ok := c.Raw["Output"]; !ok {
			res.output = eo
		}
		return res, nil
	}
	assign, ff := s.assignJSONPath(c.Raw, eo)
	if ff != nil {
		return res, ff
	}
	out, ff := s.resultPath(c.Raw, s.input, eo)
	if ff != nil {
		return res, ff
	}
	res.output, res.assign = out, assign
	return res, nil
}
