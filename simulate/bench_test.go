package simulate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// linearMachine is n Pass states in a row, each reshaping its input.
func linearMachine(n int) string {
	var b strings.Builder
	b.WriteString(`{"StartAt": "S0", "States": {`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		next := fmt.Sprintf(`"Next": "S%d"`, i+1)
		if i == n-1 {
			next = `"End": true`
		}
		fmt.Fprintf(&b, `"S%d": {"Type": "Pass", "Parameters": {"step": %d, "data.$": "$.data"}, %s}`, i, i, next)
	}
	b.WriteString(`}}`)
	return b.String()
}

func mapMachine(mode string) string {
	return `{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1000, "End": true,
		"ItemProcessor": {"ProcessorConfig": {"Mode": "` + mode + `", "ExecutionType": "EXPRESS"},
			"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"v.$": "$.v"}, "End": true}}}}}}`
}

func items(n int) any {
	list := make([]any, n)
	for i := range list {
		list[i] = map[string]any{"v": int64(i)}
	}
	return map[string]any{"items": list}
}

func benchRun(b *testing.B, def string, input any, want string) {
	sm := asl.BuildValue(mustJSON(b, def))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Run(sm, Options{Input: input})
		if err != nil || res.Status != want {
			b.Fatalf("%v %s %s", err, res.Status, str(res.Cause))
		}
	}
}

func BenchmarkLinear10(b *testing.B) {
	benchRun(b, linearMachine(10), map[string]any{"data": map[string]any{"a": int64(1)}}, StatusSucceeded)
}

func BenchmarkDistributedMap10k(b *testing.B) {
	benchRun(b, mapMachine("DISTRIBUTED"), items(10000), StatusSucceeded)
}

// 100,000 items exceed AWS's 256 KiB input limit, so a real machine reads
// them with an ItemReader (mocked here) and writes results with a
// ResultWriter.
func BenchmarkDistributedMap100kItemReader(b *testing.B) {
	def := `{"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1000, "End": true,
		"ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"}, "Parameters": {"Bucket": "b", "Key": "k"}},
		"ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "out"}},
		"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
			"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"v.$": "$.v"}, "End": true}}}}}}`
	list := items(100000).(map[string]any)["items"]
	mc := &MockConfig{StateMachines: map[string]map[string]TestCase{"M": {"C": {"M": "R"}}},
		Responses: map[string]*MockedResponse{"R": {Name: "R", Answers: []MockAnswer{{From: 0, To: 0, Return: list}}}}}
	sm := asl.BuildValue(mustJSON(b, def))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Run(sm, Options{Input: map[string]any{}, Mocks: mc})
		if err != nil || res.Status != StatusSucceeded {
			b.Fatalf("%v %s %s", err, res.Status, str(res.Cause))
		}
	}
}

// An Inline Map over 10,000 items needs 40,000 events: AWS (and sfnctl)
// stop it at the 25,000-event history limit.
func BenchmarkInlineMap10kHitsHistoryLimit(b *testing.B) {
	benchRun(b, mapMachine("INLINE"), items(10000), StatusFailed)
}

func BenchmarkInlineMap5k(b *testing.B) {
	benchRun(b, mapMachine("INLINE"), items(5000), StatusSucceeded)
}

// A JSONata Map: Items, ItemSelector and Output are expressions.
func BenchmarkJSONataDistributedMap10k(b *testing.B) {
	def := `{"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map", "Items": "{% $states.input.items %}",
		"ItemSelector": {"v": "{% $states.context.Map.Item.Value.v * 2 %}"}, "MaxConcurrency": 1000, "End": true,
		"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
			"StartAt": "P", "States": {"P": {"Type": "Pass", "Output": {"w": "{% $states.input.v + 1 %}"}, "End": true}}}}}}`
	benchRun(b, def, items(10000), StatusSucceeded)
}
