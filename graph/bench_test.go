package graph

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// largeMachine makes a definition of about n states: a chain of Tasks with
// retries and catches, a Choice every tenth state, and a Parallel with a
// Map inside every fiftieth.
func largeMachine(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`{"Comment":"generated","StartAt":"S0","States":{`)
	count := 0
	for i := 0; count < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		next := fmt.Sprintf("S%d", i+1)
		switch {
		case i%10 == 9:
			fmt.Fprintf(&sb, `"S%d":{"Type":"Choice","Choices":[{"And":[{"Variable":"$.n","NumericGreaterThan":%d},{"Variable":"$.s","StringEquals":"v%d"}],"Next":%q}],"Default":"Failed"}`, i, i, i, next)
			count++
		case i%50 == 49:
			fmt.Fprintf(&sb, `"S%d":{"Type":"Parallel","Next":%q,"Branches":[`+
				`{"StartAt":"P%da","States":{"P%da":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}},`+
				`{"StartAt":"P%db","States":{"P%db":{"Type":"Map","ItemsPath":"$.items","End":true,"ItemProcessor":{"StartAt":"M%d","States":{"M%d":{"Type":"Pass","End":true}}}}}}]}`,
				i, next, i, i, i, i, i, i)
			count += 4
		default:
			fmt.Fprintf(&sb, `"S%d":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn-%d"},"Next":%q,`+
				`"Retry":[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":2}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Failed"}]}`, i, i, next)
			count++
		}
		if count >= n {
			fmt.Fprintf(&sb, `,"S%d":{"Type":"Succeed"}`, i+1)
		}
	}
	sb.WriteString(`,"Failed":{"Type":"Fail","Error":"Boom"}}}`)
	return []byte(sb.String())
}

func TestLargeMachineIsValid(t *testing.T) {
	g := build(t, string(largeMachine(500)), Options{})
	if len(g.Warnings) != 0 {
		t.Fatalf("generated machine has problems: %v", g.Warnings[0])
	}
	states := 0
	for _, n := range g.nodes {
		if n.State != nil {
			states++
			if n.Unreachable {
				t.Fatalf("%s unreachable", n.Name)
			}
		}
	}
	if states < 500 || states > 510 {
		t.Errorf("%d states", states)
	}
}

func benchGraph(b *testing.B, src []byte, write func(io.Writer, *Graph) error) {
	sm := asl.Build(asl.Load("b.asl.json", src))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := write(io.Discard, Build(sm, Options{})); err != nil {
			b.Fatal(err)
		}
	}
}

func smallMachine(b *testing.B) []byte {
	src, err := os.ReadFile(filepath.Join("..", "examples", "order.asl.json"))
	if err != nil {
		b.Fatal(err)
	}
	return src
}

func BenchmarkDOTSmall(b *testing.B)     { benchGraph(b, smallMachine(b), WriteDOT) }
func BenchmarkMermaidSmall(b *testing.B) { benchGraph(b, smallMachine(b), WriteMermaid) }
func BenchmarkDOT500(b *testing.B)       { benchGraph(b, largeMachine(500), WriteDOT) }
func BenchmarkMermaid500(b *testing.B)   { benchGraph(b, largeMachine(500), WriteMermaid) }

// BenchmarkLoadAndDOT500 includes loading the JSON, as the command does.
func BenchmarkLoadAndDOT500(b *testing.B) {
	src := largeMachine(500)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := WriteDOT(io.Discard, Build(asl.Build(asl.Load("b.asl.json", src)), Options{})); err != nil {
			b.Fatal(err)
		}
	}
}
