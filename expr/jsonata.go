package expr

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// JSONata is a parsed JSONata expression (the language AWS Step Functions
// runs in JSONata states, version 2.0.6, plus AWS's own functions).
type JSONata struct {
	src  string // the expression text, trimmed, as AWS quotes it in causes
	root *jnNode
}

// JSONataBody returns the expression inside a string that is exactly
// "{% … %}" (no spaces before "{%" or after "%}"), trimmed of the spaces
// inside the delimiters, as AWS quotes it in error causes.
func JSONataBody(s string) (body string, ok bool) {
	if len(s) < 4 || !strings.HasPrefix(s, "{%") || !strings.HasSuffix(s, "%}") {
		return "", false
	}
	return strings.TrimSpace(s[2 : len(s)-2]), true
}

// ParseJSONata parses an expression body (without the {% %} delimiters).
// Errors are *JSONataError with jsonata-js's code and message, e.g.
// "S0202: Expected "]", got ")"", and the byte offset in Position.
func ParseJSONata(body string) (*JSONata, error) {
	root, err := jnParse(body)
	if err != nil {
		return nil, err
	}
	return &JSONata{src: strings.TrimSpace(body), root: root}, nil
}

// String returns the expression text.
func (j *JSONata) String() string { return j.src }

// Eval evaluates with $states bound to states (input, result, errorOutput,
// context) and workflow variables from s.Vars; defined is false when the
// result is JSONata's "undefined". Failures are *Error with Name
// States.QueryEvaluationError and the JSONata error text as Cause
// ("T1006: Attempted to invoke a non-function"); a function result is
// ErrJSONataFunctionResult.
func (j *JSONata) Eval(s Scope, states map[string]any) (value any, defined bool, err error) {
	return j.eval(jnUndefined, s, states)
}

// eval evaluates against a context value ($); AWS gives none at the top level.
func (j *JSONata) eval(input any, s Scope, states map[string]any) (value any, defined bool, err error) {
	ev := jnEvaluatorPool.Get().(*jnEvaluator)
	defer func() { *ev = jnEvaluator{}; jnEvaluatorPool.Put(ev) }()
	*ev = jnEvaluator{vars: s.Vars, states: states, root: input}
	if s.Env != nil {
		ev.rand = s.Env.Rand
		ev.clock = s.Env.Now
	}
	if arr, ok := input.([]any); ok {
		ev.root = &jnSeq{items: arr, seq: true, outerWrapper: true}
	}
	v, err := ev.safeEval(j.root, ev.root, nil)
	if err != nil {
		var je *JSONataError
		if errors.As(err, &je) {
			return nil, false, &Error{Name: ErrQueryEvaluation, Cause: je.Error()}
		}
		return nil, false, &Error{Name: ErrQueryEvaluation, Cause: err.Error()}
	}
	if jnIsUndef(v) {
		return nil, false, nil
	}
	if jnIsFunction(v) {
		return nil, false, ErrJSONataFunctionResult
	}
	return jnOutput(v), true, nil
}

// ErrJSONataFunctionResult is returned when an expression evaluates to a
// function, which AWS reports as "returned an unsupported result type".
var ErrJSONataFunctionResult = &Error{Name: ErrQueryEvaluation, Cause: "unsupported result type"}

// safeEval turns an unexpected panic into an error: a bug in the
// evaluator must fail the state, not crash sfnctl.
func (ev *jnEvaluator) safeEval(n *jnNode, input any, env *jnFrame) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error in the JSONata evaluator: %v", r)
		}
	}()
	return ev.eval(n, input, env)
}

// EvalJSONataField walks the value of a state field ("Output", "Arguments",
// "Assign"…), evaluating every "{% … %}" string inside objects and arrays,
// so causes name the field as AWS's do:
// "The JSONata expression '…' specified for the field 'Output/result' …".
func EvalJSONataField(v any, field string, s Scope, states map[string]any) (any, error) {
	var path []string
	if field != "" {
		path = append(path, field)
	}
	return evalJSONataAt(v, path, s, states)
}

// evalJSONataAt walks v; path (the field and keys so far) only becomes a
// string when an error needs it.
func evalJSONataAt(v any, path []string, s Scope, states map[string]any) (any, error) {
	switch t := v.(type) {
	case string:
		body, ok := JSONataBody(t)
		if !ok {
			return t, nil
		}
		j, err := parseJSONataCached(body)
		if err != nil {
			return nil, &Error{Name: ErrQueryEvaluation, Cause: fmt.Sprintf("The JSONata expression '%s' specified for the field '%s' threw an error during evaluation. %s", body, strings.Join(path, "/"), err.Error())}
		}
		val, defined, err := j.Eval(s, states)
		field := ""
		if err != nil || !defined {
			field = strings.Join(path, "/")
		}
		if err == ErrJSONataFunctionResult {
			return nil, &Error{Name: ErrQueryEvaluation, Cause: fmt.Sprintf("The JSONata expression '%s' specified for the field '%s' returned an unsupported result type.", body, field)}
		}
		if err != nil {
			cause := err.Error()
			if e, ok := err.(*Error); ok {
				cause = e.Cause
			}
			return nil, &Error{Name: ErrQueryEvaluation, Cause: fmt.Sprintf("The JSONata expression '%s' specified for the field '%s' threw an error during evaluation. %s", body, field, cause)}
		}
		if !defined {
			return nil, &Error{Name: ErrQueryEvaluation, Cause: fmt.Sprintf("The JSONata expression '%s' specified for the field '%s' returned nothing (undefined).", body, field)}
		}
		return val, nil
	case map[string]any:
		// sorted keys: $random and $uuid then draw the same numbers on
		// every run, and the first failing field is always the same
		out := make(map[string]any, len(t))
		for _, k := range jnSortedKeys(t) {
			e := t[k]
			val, err := evalJSONataAt(e, append(path, k), s, states)
			if err != nil {
				return nil, err
			}
			out[k] = val
		}
		return out, nil
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			val, err := evalJSONataAt(e, append(path, strconv.Itoa(i)), s, states)
			if err != nil {
				return nil, err
			}
			out[i] = val
		}
		return out, nil
	}
	return v, nil
}

// parseJSONataCached parses once per distinct expression: a Map state
// evaluates the same few expressions for every item.
func parseJSONataCached(body string) (*JSONata, error) {
	if j, ok := jnParseCache.Load(body); ok {
		return j.(*JSONata), nil
	}
	j, err := ParseJSONata(body)
	if err != nil {
		return nil, err
	}
	if jnParseCacheSize.Add(1) <= 4096 {
		jnParseCache.Store(body, j)
	}
	return j, nil
}

var jnEvaluatorPool = sync.Pool{New: func() any { return new(jnEvaluator) }}

var (
	jnParseCache     sync.Map
	jnParseCacheSize atomic.Int64
)
