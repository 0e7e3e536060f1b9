package simulate

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/sfnctl/sfnctl/asl"
)

func (s *stateRun) pass() (stateResult, *failure) {
	if s.jsonata {
		return s.finishJSONata(s.states(s.input), s.input)
	}
	eff, f := s.inputPath(s.input)
	if f != nil {
		return stateResult{}, f
	}
	result := eff
	if p, ok := s.st.Raw["Parameters"]; ok {
		if result, f = s.template(p, eff); f != nil {
			return stateResult{}, f
		}
	}
	if r, ok := s.st.Raw["Result"]; ok {
		result = r
	}
	assign, f := s.assignJSONPath(s.st.Raw, result)
	if f != nil {
		return stateResult{}, f
	}
	out, f := s.resultPath(s.st.Raw, s.input, result)
	if f != nil {
		return stateResult{}, f
	}
	if out, f = s.outputPath(out); f != nil {
		return stateResult{}, f
	}
	return stateResult{output: out, next: s.st.Next, assign: assign}, nil
}

func (s *stateRun) succeed() (stateResult, *failure) {
	if s.jsonata {
		return s.finishJSONata(s.states(s.input), s.input)
	}
	eff, f := s.inputPath(s.input)
	if f != nil {
		return stateResult{}, f
	}
	out, f := s.outputPath(eff)
	return stateResult{output: out}, f
}

// failState raises the Fail state's error: Error/Cause, their Path forms
// (paths or intrinsics on the raw input), or JSONata expressions.
func (s *stateRun) failState() (stateResult, *failure) {
	f := &failure{}
	if s.jsonata {
		states := s.states(s.input)
		for _, field := range []string{"Error", "Cause"} {
			v, ok, ff := s.jsonataValue(s.st.Raw, field, states)
			if ff != nil {
				return stateResult{}, ff
			}
			if !ok {
				continue
			}
			str, isStr := v.(string)
			if !isStr {
				str = Compact(v)
			}
			if field == "Error" {
				f.Error = strp(str)
			} else {
				f.Cause = strp(str)
			}
		}
		return stateResult{}, f
	}
	for _, field := range []string{"Error", "Cause"} {
		var val *string
		if v, ok := s.st.Raw[field].(string); ok {
			val = strp(v)
		} else if src, ok := s.st.Raw[field+"Path"].(string); ok {
			var v any
			var ff *failure
			if isIntrinsic(src) {
				var err error
				if v, err = evalIntrinsic(src, field+"Path", s.scope(s.input)); err != nil {
					ff = s.fromExprError(err)
				}
			} else {
				p, err := s.path(src)
				if err == nil {
					v, err = evalPathField(p, s.scope(s.input), field+"Path")
				}
				if err != nil {
					ff = s.fromExprError(err)
				}
			}
			if ff != nil {
				return stateResult{}, ff
			}
			str, isStr := v.(string)
			if !isStr {
				str = Compact(v)
			}
			val = strp(str)
		}
		if field == "Error" {
			f.Error = val
		} else {
			f.Cause = val
		}
	}
	return stateResult{}, f
}

// wait advances the virtual clock by Seconds or to Timestamp.
func (s *stateRun) wait() (stateResult, *failure) {
	raw := s.st.Raw
	var eff any = s.input
	var states map[string]any
	var f *failure
	if s.jsonata {
		states = s.states(s.input)
	} else if eff, f = s.inputPath(s.input); f != nil {
		return stateResult{}, f
	}
	var until time.Time
	switch {
	case raw["Seconds"] != nil:
		v := raw["Seconds"]
		if s.jsonata {
			if v, f = s.evalJSONataField(v, "Seconds", states); f != nil {
				return stateResult{}, f
			}
			n, ok := asl.Int(v)
			if !ok || n < 0 {
				return stateResult{}, s.unexpectedType(raw["Seconds"], "Seconds", "integer", v)
			}
			until = s.x.clock.Add(time.Duration(n) * time.Second)
		} else {
			n, _ := asl.Int(v)
			until = s.x.clock.Add(time.Duration(n) * time.Second)
		}
	case raw["SecondsPath"] != nil:
		src, _ := raw["SecondsPath"].(string)
		v, ff := s.evalPathString(src, eff)
		if ff != nil {
			return stateResult{}, s.runtimeError("The SecondsPath parameter does not reference an input value: %s", src)
		}
		n, ok := v.(int64)
		if fv, isF := v.(float64); isF && fv == math.Trunc(fv) && math.Abs(fv) < 1e18 {
			n, ok = int64(fv), true
		}
		if !ok {
			return stateResult{}, s.runtimeError("The SecondsPath parameter cannot be parsed as a long value: %s == %s", src, Compact(v))
		}
		if n < 0 {
			return stateResult{}, s.runtimeError("The SecondsPath parameter references a negative value: %s == %d", src, n)
		}
		until = s.x.clock.Add(time.Duration(n) * time.Second)
	case raw["Timestamp"] != nil:
		v := raw["Timestamp"]
		if s.jsonata {
			if v, f = s.evalJSONataField(v, "Timestamp", states); f != nil {
				return stateResult{}, f
			}
		}
		str, _ := v.(string)
		t, ok := parseTimestamp(str)
		if !ok {
			text := str
			if _, isStr := v.(string); !isStr {
				text = Compact(v)
			}
			return stateResult{}, s.evaluationFailedAfter("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: "+text, "Timestamp", s.enteredID)
		}
		until = t
	case raw["TimestampPath"] != nil:
		src, _ := raw["TimestampPath"].(string)
		v, ff := s.evalPathString(src, eff)
		if ff != nil {
			return stateResult{}, s.runtimeError("The TimestampPath parameter does not reference an input value: %s", src)
		}
		str, isStr := v.(string)
		t, ok := parseTimestamp(str)
		if !ok || !isStr {
			text := str
			if !isStr {
				text = Compact(v)
			}
			return stateResult{}, s.runtimeError("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: %s == %s", src, text)
		}
		until = t
	}
	if until.After(s.x.clock) {
		if f := s.x.advance(until.Sub(s.x.clock)); f != nil {
			return stateResult{}, f
		}
		if s.x.pastCutoff(s.fr) {
			// A sibling branch failed meanwhile: AWS aborts this state.
			s.x.emit(s.fr, "WaitStateAborted", nil)
			return stateResult{}, aborted()
		}
	}
	if s.jsonata {
		return s.finishJSONata(states, s.input)
	}
	assign, f := s.assignJSONPath(raw, eff)
	if f != nil {
		return stateResult{}, f
	}
	out, f := s.outputPath(eff)
	return stateResult{output: out, next: s.st.Next, assign: assign}, f
}

// jsonataInt evaluates a numeric field such as MaxConcurrency: a JSONata
// value that is not a whole number fails the state with the wording AWS
// uses for Wait's Seconds, instead of being silently ignored.
func (s *stateRun) jsonataInt(raw any, field string, states map[string]any) (int64, *failure) {
	v, f := s.evalJSONataField(raw, field, states)
	if f != nil {
		return 0, f
	}
	n, ok := asl.Int(v)
	if !ok {
		return 0, s.unexpectedType(raw, field, "integer", v)
	}
	return n, nil
}

// unexpectedType is AWS's QueryEvaluationError for an expression whose
// value has the wrong type (the wording AWS uses for Map's Items).
func (s *stateRun) unexpectedType(field any, loc, expected string, v any) *failure {
	src, _ := field.(string)
	body, isExpr := jsonataBody(src)
	if !isExpr {
		body = Compact(field)
	}
	return s.evaluationFailed(fmt.Sprintf("The JSONata expression '%s' specified for the field '%s' returned an unexpected result type. Expected '%s', but was '%s' for value: %s",
		body, loc, expected, jsonataType(v), Compact(v)), loc)
}

// parseTimestamp accepts RFC 3339 date-times with a zone offset, as AWS's
// ISO-8601 "extended offset date-time" does.
func parseTimestamp(s string) (time.Time, bool) {
	if len(s) < 20 || (s[10] != 'T' && s[10] != 't') {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// choice picks the first matching rule's Next, else Default.
func (s *stateRun) choice() (stateResult, *failure) {
	rules, _ := s.st.Raw["Choices"].([]any)
	if s.jsonata {
		states := s.states(s.input)
		for i, r := range rules {
			rm, _ := r.(map[string]any)
			rule := "Choices[" + strconv.Itoa(i) + "]"
			loc := rule + "/Condition"
			v, f := s.evalJSONataField(rm["Condition"], loc, states)
			if f != nil {
				return stateResult{}, f
			}
			b, isBool := v.(bool)
			if !isBool {
				return stateResult{}, s.unexpectedType(rm["Condition"], loc, "boolean", v)
			}
			if b {
				next, _ := rm["Next"].(string)
				return s.choiceExit(rm, rule+"/", next, states)
			}
		}
		if s.st.Default == "" {
			return stateResult{}, fail("States.NoChoiceMatched", fmt.Sprintf("No Matches! No choice rule of state '%s' matched and it has no Default", s.st.Name))
		}
		return s.choiceExit(s.st.Raw, "", s.st.Default, states)
	}
	eff, f := s.inputPath(s.input)
	if f != nil {
		return stateResult{}, f
	}
	for _, r := range rules {
		rm, _ := r.(map[string]any)
		ok, f := s.evalRule(rm, eff)
		if f != nil {
			return stateResult{}, f
		}
		if ok {
			next, _ := rm["Next"].(string)
			return s.choiceExitJSONPath(rm, next, eff)
		}
	}
	if s.st.Default == "" {
		return stateResult{}, fail("States.NoChoiceMatched", fmt.Sprintf("No Matches! No choice rule of state '%s' matched and it has no Default", s.st.Name))
	}
	return s.choiceExitJSONPath(s.st.Raw, s.st.Default, eff)
}

func (s *stateRun) choiceExitJSONPath(fields map[string]any, next string, eff any) (stateResult, *failure) {
	assign, f := s.assignJSONPath(fields, eff)
	if f != nil {
		return stateResult{}, f
	}
	out, f := s.outputPath(eff)
	return stateResult{output: out, next: next, assign: assign}, f
}

// choiceExit applies a matched rule's (or the state's, for Default, or a
// catcher's) Output and Assign in JSONata; loc prefixes the field names.
func (s *stateRun) choiceExit(fields map[string]any, loc, next string, states map[string]any) (stateResult, *failure) {
	out := s.input
	if v, ok := fields["Output"]; ok {
		var f *failure
		if out, f = s.evalJSONataField(v, loc+"Output", states); f != nil {
			return stateResult{}, f
		}
	}
	var assign map[string]any
	if raw, ok := fields["Assign"].(map[string]any); ok && len(raw) > 0 {
		v, f := s.evalJSONataField(raw, loc+"Assign", states)
		if f != nil {
			return stateResult{}, f
		}
		assign, _ = v.(map[string]any)
	}
	return stateResult{output: out, next: next, assign: assign}, nil
}
