//go:build !sfnctl_expr

package validate

// checkExpressions is a no-op until the expr package's parsers land; the
// real checks are in expressions.go (build tag sfnctl_expr until then).
func (c *checker) checkExpressions() {}

// exprChecks tells tests whether expression checks are compiled in.
const exprChecks = false
