package simulate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

func runExpress(t *testing.T, def string, input any) *Result {
	t.Helper()
	sm := asl.Build(asl.Load("x.json", []byte(def)))
	res, err := Run(sm, Options{Input: input, Type: "EXPRESS"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Express workflows keep no history, so an Inline Map whose events would
// pass the Standard limit of 25,000 succeeds.
func TestExpressHasNoHistoryLimit(t *testing.T) {
	def := `{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
		"ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}`
	items := make([]any, 8000) // 4 events an item: 32,000 events
	for i := range items {
		items[i] = int64(i)
	}
	if res := runExpress(t, def, items); res.Status != StatusSucceeded {
		t.Fatalf("Express Inline Map over 8,000 items: %s %v", res.Status, *res.Cause)
	}
	sm := asl.Build(asl.Load("x.json", []byte(def)))
	res, err := Run(sm, Options{Input: items})
	if err != nil || res.Status != StatusFailed {
		t.Fatalf("the same run as Standard must hit the history limit, got %v %v", res.Status, err)
	}
}

func TestExpressStopsEndlessLoop(t *testing.T) {
	def := `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}`
	res := runExpress(t, def, map[string]any{})
	if res.Status != StatusFailed || res.Cause == nil || !strings.Contains(*res.Cause, "Express") {
		t.Fatalf("an endless Express loop must stop with a clear cause, got %s %v", res.Status, res.Cause)
	}
}

// An Express execution may run five minutes at most.
func TestExpressFiveMinuteLimit(t *testing.T) {
	for _, secs := range []int{299, 301} {
		def := fmt.Sprintf(`{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": %d, "End": true}}}`, secs)
		res := runExpress(t, def, map[string]any{})
		want := StatusSucceeded
		if secs > 300 {
			want = StatusTimedOut
		}
		if res.Status != want {
			t.Errorf("Wait %ds in an Express workflow: %s, want %s", secs, res.Status, want)
		}
	}
}
