// Package expr holds the languages embedded in ASL: JSONPath and reference
// paths, payload templates with ".$" keys, intrinsic functions and JSONata.
// Each has a parser (used by validate) and an evaluator (used by simulate).
package expr

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Error names AWS uses for failures raised while evaluating expressions.
const (
	ErrRuntime                = "States.Runtime"
	ErrIntrinsicFailure       = "States.IntrinsicFailure"
	ErrQueryEvaluation        = "States.QueryEvaluationError"
	ErrResultPathMatchFailure = "States.ResultPathMatchFailure"
	ErrDataLimitExceeded      = "States.DataLimitExceeded"
	// ErrReferencePathConflict is what AWS raises when a ResultPath walks
	// through a value that is not an object ("$.a.b" with "a": 1); the ASL
	// specification calls it States.ResultPathMatchFailure, AWS does not.
	ErrReferencePathConflict = "States.ReferencePathConflict"
)

// Error is a runtime failure carrying the AWS error name and cause text, so
// the simulator can raise it as the state's error unchanged.
type Error struct {
	Name  string // e.g. States.Runtime
	Cause string
}

func (e *Error) Error() string { return e.Name + ": " + e.Cause }

// Errorf makes an *Error with a formatted cause.
func Errorf(name, format string, args ...any) *Error {
	return &Error{Name: name, Cause: fmt.Sprintf(format, args...)}
}

// Scope is what an expression can see while a state runs.
type Scope struct {
	Input   any                           // $ (JSONPath) or $states.input (JSONata)
	Context any                           // $$ or $states.context
	Vars    func(name string) (any, bool) // workflow variables ($name); nil means none
	Env     *Env
}

// Env supplies the nondeterminism of States.UUID, States.MathRandom, $uuid
// and $random from a seed, so runs are reproducible.
type Env struct {
	Rand *rand.Rand
	// Now is the clock of $now() and $millis() (the simulator's virtual
	// clock); nil means the wall clock.
	Now func() time.Time
}

// NewEnv makes an Env whose random numbers follow seed.
func NewEnv(seed uint64) *Env {
	return &Env{Rand: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}
