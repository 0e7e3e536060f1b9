package simulate

import (
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// TestEvaluationFailedLocation: the EvaluationFailed event's location is
// the full path of the failing field, as AWS recorded it in the corpus
// ("Arguments/FunctionName", "Output/result", "Items", "Timestamp").
func TestEvaluationFailedLocation(t *testing.T) {
	checked := 0
	for _, c := range loadCorpus(t) {
		var want []string
		for _, e := range c.History {
			if e.Type == "EvaluationFailed" && e.EvaluationFailed != nil {
				want = append(want, e.EvaluationFailed.Location)
			}
		}
		if len(want) == 0 || c.Mocks != nil {
			continue
		}
		res, err := Run(asl.BuildValue(c.Definition), Options{Input: c.Input, Type: c.Type})
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		var got []string
		for _, e := range res.History {
			if d, ok := e.Details.(*EvaluationFailedDetails); ok {
				got = append(got, d.Location)
			}
		}
		if len(got) != len(want) || got[0] != want[0] {
			t.Errorf("%s: locations %q, want %q", c.ID, got, want)
		}
		checked++
	}
	if checked == 0 {
		t.Skip("no corpus case with an EvaluationFailed event")
	}
}
