package simulate

// TEMPORARY: a stand-in for the expr package's JSONPath, template and
// intrinsic API (EXPR_API.md) until the expr helper's work lands on main.
// It understands only dotted member names and [n] indexes, enough to drive
// the engine's own tests. Replaced by thin calls into expr once available.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sfnctl/sfnctl/expr"
)

type pathExpr struct {
	src     string
	root    string // "$", "$$" or a variable name
	steps   []any  // string member or int index
	wild    bool
	definit bool
}

func (p *pathExpr) String() string  { return p.src }
func (p *pathExpr) Definite() bool  { return !p.wild }
func (p *pathExpr) IsContext() bool { return p.root == "$$" }
func (p *pathExpr) Variable() string {
	if p.root == "$" || p.root == "$$" {
		return ""
	}
	return p.root
}

func parsePath(s string) (*pathExpr, error) {
	if !strings.HasPrefix(s, "$") {
		return nil, fmt.Errorf("a path must start with $: %q", s)
	}
	p := &pathExpr{src: s}
	rest := s[1:]
	switch {
	case strings.HasPrefix(rest, "$"):
		p.root, rest = "$$", rest[1:]
	case rest == "" || rest[0] == '.' || rest[0] == '[':
		p.root = "$"
	default:
		i := strings.IndexAny(rest, ".[")
		if i < 0 {
			i = len(rest)
		}
		p.root, rest = rest[:i], rest[i:]
	}
	for rest != "" {
		switch rest[0] {
		case '.':
			rest = rest[1:]
			i := strings.IndexAny(rest, ".[")
			if i < 0 {
				i = len(rest)
			}
			if i == 0 {
				continue
			}
			if rest[:i] == "*" {
				p.wild = true
			}
			p.steps = append(p.steps, rest[:i])
			rest = rest[i:]
		case '[':
			j := strings.IndexByte(rest, ']')
			if j < 0 {
				return nil, fmt.Errorf("unclosed [ in %q", s)
			}
			n, err := strconv.Atoi(rest[1:j])
			if err != nil {
				return nil, fmt.Errorf("unsupported index in %q", s)
			}
			p.steps = append(p.steps, n)
			rest = rest[j+1:]
		default:
			return nil, fmt.Errorf("bad path %q", s)
		}
	}
	return p, nil
}

func parseReferencePath(s string) (*pathExpr, error) { return parsePath(s) }

func evalPath(p *pathExpr, s expr.Scope) (any, error) {
	var v any
	switch p.root {
	case "$":
		v = s.Input
	case "$$":
		v = s.Context
	default:
		var ok bool
		if s.Vars != nil {
			v, ok = s.Vars(p.root)
		}
		if !ok {
			return nil, expr.Errorf(expr.ErrRuntime, "Invalid path '%s': variable not found", p.src)
		}
	}
	for _, st := range p.steps {
		switch k := st.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil, expr.Errorf(expr.ErrRuntime, "Invalid path '%s' : No results for path", p.src)
			}
			if v, ok = m[k]; !ok {
				return nil, expr.Errorf(expr.ErrRuntime, "Invalid path '%s' : No results for path", p.src)
			}
		case int:
			a, ok := v.([]any)
			if !ok || k < 0 || k >= len(a) {
				return nil, expr.Errorf(expr.ErrRuntime, "Invalid path '%s' : No results for path", p.src)
			}
			v = a[k]
		}
	}
	return v, nil
}

func setAt(doc any, p *pathExpr, v any) (any, error) {
	if len(p.steps) == 0 {
		return v, nil
	}
	return setSteps(doc, p.steps, v, p.src)
}

func setSteps(doc any, steps []any, v any, src string) (any, error) {
	if len(steps) == 0 {
		return v, nil
	}
	k, ok := steps[0].(string)
	if !ok {
		return nil, expr.Errorf(expr.ErrResultPathMatchFailure, "unsupported in stub: %s", src)
	}
	var m map[string]any
	switch d := doc.(type) {
	case map[string]any:
		m = make(map[string]any, len(d)+1)
		for kk, vv := range d {
			m[kk] = vv
		}
	case nil:
		m = map[string]any{}
	default:
		return nil, expr.Errorf(expr.ErrResultPathMatchFailure, "Unable to apply ResultPath %s to input", src)
	}
	inner, err := setSteps(m[k], steps[1:], v, src)
	if err != nil {
		return nil, err
	}
	m[k] = inner
	return m, nil
}

func evalTemplate(tmpl any, s expr.Scope) (any, error) {
	switch t := tmpl.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, v := range t {
			if strings.HasSuffix(k, ".$") {
				str, _ := v.(string)
				p, err := parsePath(str)
				if err != nil {
					return nil, expr.Errorf(expr.ErrRuntime, "%v", err)
				}
				val, err := evalPath(p, s)
				if err != nil {
					return nil, err
				}
				out[strings.TrimSuffix(k, ".$")] = val
				continue
			}
			val, err := evalTemplate(v, s)
			if err != nil {
				return nil, err
			}
			out[k] = val
		}
		return out, nil
	case []any:
		out := make([]any, len(t))
		for i, v := range t {
			val, err := evalTemplate(v, s)
			if err != nil {
				return nil, err
			}
			out[i] = val
		}
		return out, nil
	}
	return tmpl, nil
}

func isIntrinsic(s string) bool { return strings.HasPrefix(s, "States.") }

func evalIntrinsic(s string, sc expr.Scope) (any, error) {
	return nil, expr.Errorf(expr.ErrIntrinsicFailure, "intrinsic functions are not available yet: %s", s)
}

func jsonataBody(s string) (string, bool) {
	if len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}") {
		return strings.TrimSpace(s[2 : len(s)-2]), true
	}
	return "", false
}

func evalJSONata(body string, s expr.Scope, states map[string]any) (any, bool, error) {
	return nil, false, expr.Errorf(expr.ErrQueryEvaluation, "JSONata is not available yet")
}
