package simulate

// The engine's only calls into the expression languages (EXPR_API.md),
// kept in one place.

import (
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

func setAt(doc any, p *pathExpr, v any) (any, error)   { return expr.SetAt(doc, p, v) }
func evalTemplate(tmpl any, s expr.Scope) (any, error) { return expr.EvalTemplate(tmpl, s) }
func isIntrinsic(s string) bool                        { return expr.IsIntrinsic(s) }

// evalIntrinsic evaluates a ".$" intrinsic call for field.
func evalIntrinsic(src, field string, s expr.Scope) (any, error) {
	return expr.EvalDollarValue(src, field, s)
}

func jsonataBody(s string) (string, bool) { return expr.JSONataBody(s) }

// evalJSONataField evaluates every "{% … %}" in v; field names it in causes.
func evalJSONataField(v any, field string, s expr.Scope, states map[string]any) (any, error) {
	return expr.EvalJSONataField(v, field, s, states)
}
