package cost

import (
	"strconv"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// benchMachine is n states in a row with a Map of 5 states every 10 and a
// polling loop (Choice back 5 states) every 25.
func benchMachine(n int) *asl.StateMachine {
	var b strings.Builder
	b.WriteString(`{"StartAt":"S0","States":{`)
	for i := 0; i < n; i++ {
		name, next := "S"+strconv.Itoa(i), "S"+strconv.Itoa(i+1)
		switch {
		case i == n-1:
			b.WriteString(`"` + name + `":{"Type":"Succeed"}`)
		case i%25 == 24:
			b.WriteString(`"` + name + `":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"S` + strconv.Itoa(i-5) + `"}],"Default":"` + next + `"},`)
		case i%10 == 5:
			b.WriteString(`"` + name + `":{"Type":"Map","ItemProcessor":{"StartAt":"` + name + `a","States":{`)
			for k := 0; k < 5; k++ {
				inner := name + string(rune('a'+k))
				if k == 4 {
					b.WriteString(`"` + inner + `":{"Type":"Pass","End":true}`)
				} else {
					b.WriteString(`"` + inner + `":{"Type":"Pass","Next":"` + name + string(rune('a'+k+1)) + `"},`)
				}
			}
			b.WriteString(`}},"Next":"` + next + `"},`)
		default:
			b.WriteString(`"` + name + `":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["States.ALL"]}],"Next":"` + next + `"},`)
		}
	}
	b.WriteString(`}}`)
	return asl.Build(asl.Load("bench.asl.json", []byte(b.String())))
}

func BenchmarkAnalyze(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		sm := benchMachine(n)
		b.Run(strconv.Itoa(n)+"-states", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Analyze(sm, Options{MapItems: 20}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
