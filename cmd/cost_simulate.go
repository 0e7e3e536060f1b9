package cmd

import (
	"math/big"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/cost"
)

// costSimulatedRuns runs each requested test case through the engine and hands
// cost plain counts. It returns the runs and the sum of their weights.
func (a *app) costSimulatedRuns(sm *asl.StateMachine, f *costFlags, input any) ([]cost.Run, *big.Rat, error) {
	return nil, nil, usageError("simulated mode (--mock, --test-case) needs the run engine, which is not in this build yet")
}
