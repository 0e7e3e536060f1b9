package simulate

// The engine's only calls into the expression languages (EXPR_API.md),
// kept in one place.

import (
	"sort"
	"strconv"

	"github.com/sfnctl/sfnctl/expr"
)

type pathExpr = expr.Path

func parsePath(s string) (*pathExpr, error)           { return expr.ParsePath(s) }
func parseReferencePath(s string) (*pathExpr, error)  { return expr.ParseReferencePath(s) }
func evalPath(p *pathExpr, s expr.Scope) (any, error) { return p.Eval(s) }

// evalPathField evaluates a path named by a field such as ErrorPath, with
// AWS's wording for that case.
func evalPathField(p *pathExpr, s expr.Scope, field string) (any, error) {
	return p.EvalField(s, field)
}

func setAt(doc any, p *pathExpr, v any) (any, error) { return expr.SetAt(doc, p, v) }

// evalTemplate evaluates a payload template; expr walks its keys in sorted
// order, so seeded random draws land on the same keys on every run.
func evalTemplate(tmpl any, s expr.Scope) (any, error) { return expr.EvalTemplate(tmpl, s) }

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
func isIntrinsic(s string) bool { return expr.IsIntrinsic(s) }

// evalIntrinsic evaluates a ".$" intrinsic call for field.
func evalIntrinsic(src, field string, s expr.Scope) (any, error) {
	return expr.EvalDollarValue(src, field, s)
}

func jsonataBody(s string) (string, bool) { return expr.JSONataBody(s) }

// evalJSONataField evaluates every "{% … %}" in v (field names it in
// causes), walking objects in sorted key order so $random and $uuid draw
// the same numbers on every run.
func evalJSONataField(v any, field string, s expr.Scope, states map[string]any) (any, error) {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for _, k := range sortedKeys(t) {
			got, err := evalJSONataField(t[k], joinField(field, k), s, states)
			if err != nil {
				return nil, err
			}
			out[k] = got
		}
		return out, nil
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			got, err := evalJSONataField(e, joinField(field, strconv.Itoa(i)), s, states)
			if err != nil {
				return nil, err
			}
			out[i] = got
		}
		return out, nil
	}
	return expr.EvalJSONataField(v, field, s, states)
}

func joinField(field, key string) string {
	if field == "" {
		return key
	}
	return field + "/" + key
}
