package expr

import "regexp"

// Function values of the JSONata evaluator.

// jnLambdaVal is a user-defined function: function($a, $b){ … }. It closes
// over the environment and the context value where it was defined.
type jnLambdaVal struct {
	node  *jnNode
	env   *jnFrame
	input any
}

// jnBuiltin is a function of the library (JSONata's or AWS's).
type jnBuiltin struct {
	name  string
	sig   *jnSignature
	arity int // parameters a higher-order function passes it (its JS implementation's length)
	impl  func(ev *jnEvaluator, args []any, input any) (any, error)
}

// jnPartialVal is a partially applied function: $f(?, 2).
type jnPartialVal struct {
	fn    any
	args  []any // jnPlaceholderT where an argument is still missing
	arity int
}

type jnPlaceholderT struct{}

// jnRegexVal is a regular-expression literal; called as a function it
// returns the first match object.
type jnRegexVal struct {
	re *regexp.Regexp
}

func jnArity(fn any) int {
	switch f := fn.(type) {
	case *jnLambdaVal:
		return len(f.node.params)
	case *jnBuiltin:
		if f.arity > 0 || f.sig == nil {
			return f.arity
		}
		return f.sig.arity()
	case *jnPartialVal:
		return f.arity
	case *jnRegexVal:
		return 1
	}
	return 0
}
