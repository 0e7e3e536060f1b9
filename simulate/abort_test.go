package simulate

import (
	"math/rand/v2"
	"testing"

	"github.com/sfnctl/sfnctl/expr"
)

// The engine swaps expr.NewEnv's generator for one whose state it can save;
// the numbers (States.UUID, jitter, $random) must stay the same.
func TestSavedGeneratorMatchesExprEnv(t *testing.T) {
	for _, seed := range []uint64{0, 1, 42, 1 << 63} {
		want := expr.NewEnv(seed).Rand
		got := rand.New(newPCG(seed))
		for i := 0; i < 5; i++ {
			if a, b := got.Uint64(), want.Uint64(); a != b {
				t.Fatalf("seed %d draw %d: %d, expr.NewEnv gives %d", seed, i, a, b)
			}
		}
	}
}
