package validate

import (
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// TestJSONataErrorLine: a parse error inside a multi-line YAML literal
// block is placed on the line of the mistake; in a JSON string (one source
// line, "\n" escapes) it stays at the value.
func TestJSONataErrorLine(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		line            int
	}{
		{"yaml literal block", "t.asl.yaml", "QueryLanguage: JSONata\nStartAt: A\nStates:\n  A:\n    Type: Pass\n    Output: |-\n      {%\n        $merge([$states.input,\n          {'x': 1 + }])\n      %}\n    End: true\n", 9},
		{"yaml literal block, mistake on its first line", "t.asl.yaml", "QueryLanguage: JSONata\nStartAt: A\nStates:\n  A:\n    Type: Pass\n    Output: |-\n      {% 1 + %}\n    End: true\n", 7},
		{"json string with newline escapes", "t.asl.json", "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\n\"Output\":\"{%\\n(\\n1 + \\n)\\n%}\",\n\"End\":true}}}\n", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := Document(asl.Load(tc.file, []byte(tc.src)), Options{})
			if len(ds) != 1 || ds[0].Rule != "invalid-jsonata" {
				t.Fatalf("want one invalid-jsonata finding, got %v", ds)
			}
			if ds[0].Line != tc.line {
				t.Errorf("line %d, want %d", ds[0].Line, tc.line)
			}
		})
	}
}
