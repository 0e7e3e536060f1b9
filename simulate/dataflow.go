package simulate

import (
	"strings"

	"github.com/sfnctl/sfnctl/expr"
)

// path parses a path once per execution.
func (s *stateRun) path(src string) (*pathExpr, error) {
	if p, ok := s.x.paths[src]; ok {
		return p, nil
	}
	p, err := parsePath(src)
	if err != nil {
		return nil, err
	}
	s.x.paths[src] = p
	return p, nil
}

// evalPathString evaluates a path (or a ".$" intrinsic) against input.
func (s *stateRun) evalPathString(src string, input any) (any, *failure) {
	sc := s.scope(input)
	if isIntrinsic(src) {
		v, err := evalIntrinsic(src, "", sc)
		if err != nil {
			return nil, s.fromExprError(err)
		}
		return v, nil
	}
	p, err := s.path(src)
	if err != nil {
		return nil, s.runtimeError("Invalid path '%s': %v", src, err)
	}
	v, err := evalPath(p, sc)
	if err != nil {
		return nil, s.fromExprError(err)
	}
	return v, nil
}

// inputPath applies InputPath: absent keeps the input, null gives {}.
func (s *stateRun) inputPath(input any) (any, *failure) {
	return s.selectPath("InputPath", input)
}

// outputPath applies OutputPath the same way.
func (s *stateRun) outputPath(v any) (any, *failure) {
	return s.selectPath("OutputPath", v)
}

func (s *stateRun) selectPath(field string, v any) (any, *failure) {
	raw, ok := s.st.Raw[field]
	if !ok {
		return v, nil
	}
	src, isStr := raw.(string)
	if !isStr {
		return map[string]any{}, nil
	}
	return s.evalPathString(src, v)
}

// template evaluates a Parameters / ResultSelector / ItemSelector payload
// template with input as $.
func (s *stateRun) template(tmpl any, input any) (any, *failure) {
	v, err := evalTemplate(tmpl, s.scope(input))
	if err != nil {
		return nil, s.fromExprError(err)
	}
	return v, nil
}

// resultPath places result into raw input as ResultPath says: absent is
// "$" (the result replaces the input), null keeps the input unchanged.
func (s *stateRun) resultPath(fields map[string]any, input, result any) (any, *failure) {
	raw, ok := fields["ResultPath"]
	if !ok {
		return result, nil
	}
	src, isStr := raw.(string)
	if !isStr {
		return input, nil
	}
	p, ok := s.x.paths["R"+src]
	if !ok {
		var err error
		if p, err = parseReferencePath(src); err != nil {
			return nil, s.runtimeError("Invalid ResultPath '%s': %v", src, err)
		}
		s.x.paths["R"+src] = p
	}
	v, err := setAt(input, p, result)
	if err != nil {
		return nil, s.fromExprError(err)
	}
	return v, nil
}

// assignJSONPath evaluates Assign with value as $; variables are written
// only when the state exits, so every value sees the old ones.
func (s *stateRun) assignJSONPath(fields map[string]any, value any) (map[string]any, *failure) {
	raw, ok := fields["Assign"].(map[string]any)
	if !ok || len(raw) == 0 {
		return nil, nil
	}
	v, f := s.template(raw, value)
	if f != nil {
		return nil, f
	}
	m, _ := v.(map[string]any)
	return m, nil
}

// states is $states for JSONata expressions.
func (s *stateRun) states(input any) map[string]any {
	if ctx := s.context(); ctx != nil {
		return map[string]any{"input": input, "context": ctx}
	}
	return map[string]any{"input": input}
}

// jsonataValue evaluates fields[field]; ok is false when the field is absent.
func (s *stateRun) jsonataValue(fields map[string]any, field string, states map[string]any) (any, bool, *failure) {
	raw, ok := fields[field]
	if !ok {
		return nil, false, nil
	}
	v, f := s.evalJSONataField(raw, field, states)
	return v, true, f
}

// jsonataAssign evaluates Assign; nothing is written until the state exits.
func (s *stateRun) jsonataAssign(fields map[string]any, states map[string]any) (map[string]any, *failure) {
	raw, ok := fields["Assign"].(map[string]any)
	if !ok || len(raw) == 0 {
		return nil, nil
	}
	v, f := s.evalJSONataField(raw, "Assign", states)
	if f != nil {
		return nil, f
	}
	m, _ := v.(map[string]any)
	return m, nil
}

// evalJSONataField evaluates every "{% … %}" string in v. loc names the
// field for AWS's error text, e.g. "Output/result".
func (s *stateRun) evalJSONataField(v any, loc string, states map[string]any) (any, *failure) {
	if str, ok := v.(string); ok {
		if _, isExpr := jsonataBody(str); !isExpr {
			return str, nil
		}
	}
	vars := s.fr.vars
	sc := expr.Scope{Input: states["input"], Context: states["context"], Env: s.x.env,
		Vars: func(name string) (any, bool) { return vars.get(name) }}
	val, err := evalJSONataField(v, loc, sc, states)
	if err != nil {
		if e, ok := err.(*expr.Error); ok && e.Name == expr.ErrQueryEvaluation {
			return nil, s.evaluationFailed(e.Cause, failedField(e.Cause, loc))
		}
		return nil, s.fromExprError(err)
	}
	return val, nil
}

// failedField is the EvaluationFailed event's location: the full path of
// the field whose expression failed, as the cause names it (AWS records
// "Arguments/FunctionName", "Output/result"), else loc.
func failedField(cause, loc string) string {
	const marker = "specified for the field '"
	i := strings.Index(cause, marker)
	if i < 0 {
		return loc
	}
	rest := cause[i+len(marker):]
	j := strings.Index(rest, "' ")
	if j < 0 {
		return loc
	}
	return rest[:j]
}

// finishJSONPath runs the tail every JSONPath state with a result shares:
// ResultSelector, Assign (on the selected result), ResultPath, OutputPath.
func (s *stateRun) finishJSONPath(result any) (stateResult, *failure) {
	if sel, ok := s.st.Raw["ResultSelector"]; ok {
		var f *failure
		if result, f = s.template(sel, result); f != nil {
			return stateResult{}, f
		}
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

// finishJSONata runs Output (default: the result) and Assign, both against
// the same $states and the variables as they were before the state.
func (s *stateRun) finishJSONata(states map[string]any, deflt any) (stateResult, *failure) {
	out, ok, f := s.jsonataValue(s.st.Raw, "Output", states)
	if f != nil {
		return stateResult{}, f
	}
	if !ok {
		out = deflt
	}
	assign, f := s.jsonataAssign(s.st.Raw, states)
	if f != nil {
		return stateResult{}, f
	}
	return stateResult{output: out, next: s.st.Next, assign: assign}, nil
}
