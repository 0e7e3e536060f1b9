// Package simulate runs a state machine on a virtual clock with mocked Task
// results, reproducing what AWS Step Functions does: the data flow, the path
// taken, retries and catches, the final output or error and the execution
// history with AWS's event shapes. Nothing sleeps and nothing is random
// unless seeded.
package simulate

import (
	"fmt"
	"time"

	"github.com/sfnctl/sfnctl/asl"
)

// Execution statuses.
const (
	StatusSucceeded = "SUCCEEDED"
	StatusFailed    = "FAILED"
	StatusTimedOut  = "TIMED_OUT"
	StatusAborted   = "ABORTED"
)

// MaxHistoryEvents is AWS's limit on the events of one execution.
const MaxHistoryEvents = 25000

// ExpressMaxDuration is how long an Express execution may run on AWS.
const ExpressMaxDuration = 5 * time.Minute

// MaxPayloadBytes is AWS's limit on a state's input, output and result.
const MaxPayloadBytes = 256 * 1024

// DefaultStartTime is the virtual clock's start when none is given, so runs
// are reproducible by default.
var DefaultStartTime = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// Options configure one execution.
type Options struct {
	// Input is the execution input; nil means {} (AWS's input when none is
	// given).
	Input any
	// Mocks is the loaded mock file; nil means no Task state may run.
	Mocks *MockConfig
	// StateMachine and TestCase pick the mocks; either may be empty when the
	// mock file has only one.
	StateMachine string
	TestCase     string
	Seed         uint64
	StartTime    time.Time // zero means DefaultStartTime
	// Name is the execution name; default derived from the seed.
	Name string
	// StateMachineName names the machine in ARNs; default "StateMachine".
	StateMachineName string
	// Type is STANDARD (default) or EXPRESS.
	Type string
	// MaxEvents overrides MaxHistoryEvents (tests only); 0 means the AWS limit.
	MaxEvents int
}

// Result is what the execution ended with.
type Result struct {
	Status string
	Output any     // when SUCCEEDED
	Error  *string // when not SUCCEEDED; nil means null
	Cause  *string
	// Transitions counts states entered, as the StateEntered events of the
	// history do (inside Map iterations and Parallel branches too).
	Transitions int
	// ChildTransitions counts states entered by Distributed Map child
	// executions, which AWS records (and bills) outside this history.
	ChildTransitions int
	// Retries counts retry attempts; AWS bills each as a state transition.
	Retries    int
	DurationMs int64
	History    []Event
	// Visits says how many times each state was entered, by state name
	// (names are unique across a machine's scopes).
	Visits map[string]int
}

// Run executes sm with opts. Errors are only for problems that stop the
// execution from starting (for example, a mock test case that does not
// exist); everything that goes wrong during the run is in the Result.
func Run(sm *asl.StateMachine, opts Options) (*Result, error) {
	if sm == nil || sm.Root == nil {
		return nil, fmt.Errorf("the definition is not a state machine object")
	}
	if opts.Input == nil {
		opts.Input = map[string]any{}
	}
	x, err := newExecution(sm, opts)
	if err != nil {
		return nil, err
	}
	return x.run(), nil
}

// strp returns a pointer to s, for Result.Error and Result.Cause.
func strp(s string) *string { return &s }
