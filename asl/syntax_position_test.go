package asl

import "testing"

// TestYAMLSyntaxErrorLine: a YAML syntax error is placed on the line of the
// mistake, not on the line where the enclosing mapping starts.
func TestYAMLSyntaxErrorLine(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
	}{
		{"bad indentation", "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n   bad: x\n", 6},
		{"tab indentation", "StartAt: A\nStates:\n  A:\n    Type: Pass\n\tEnd: true\n", 5},
		{"unclosed flow mapping", "StartAt: A\nStates:\n  A: {Type: Pass, End: true\n  B: 1\n", 3},
		{"unclosed flow sequence", "StartAt: A\nStates:\n  A:\n    Type: [Pass\n    End: true\n", 4},
		{"unterminated quote", "StartAt: A\nStates:\n  A:\n    Type: \"Pass\n    End: true\n", 4},
		{"error after a valid multi-line flow", "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Retry: [\n      {ErrorEquals: [x]}\n    ]\n    End: true\n   bad: x\n", 9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := Load("t.asl.yaml", []byte(tc.src))
			if len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Rule != "invalid-yaml" {
				t.Fatalf("want one invalid-yaml finding, got %v", doc.Diagnostics)
			}
			if got := doc.Diagnostics[0].Line; got != tc.line {
				t.Errorf("line %d, want %d (%s)", got, tc.line, doc.Diagnostics[0].Message)
			}
		})
	}
}

// TestYAMLBlockScalarPosition: a finding on a block scalar ("|" or ">")
// points at its first line of text, not at the indicator.
func TestYAMLBlockScalarPosition(t *testing.T) {
	src := "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Output:\n      total: >-\n\n        {% $sum($x) %}\n    End: true\n"
	doc := Load("t.asl.yaml", []byte(src))
	if len(doc.Diagnostics) != 0 {
		t.Fatal(doc.Diagnostics)
	}
	loc, ok := doc.Locate("/States/A/Output/total")
	if !ok || loc.Value.Line != 8 || loc.Value.Column != 9 || loc.Key.Line != 6 {
		t.Errorf("value at %d:%d (key line %d), want 8:9 (key line 6)", loc.Value.Line, loc.Value.Column, loc.Key.Line)
	}
}

// TestJSONMissingCommaLine: a ',' forgotten at the end of a line is reported
// at the end of that line, not where the parser trips over the next member;
// an unclosed object at the end of the file at the end of its last value.
func TestJSONMissingCommaLine(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line, col int
	}{
		{"member on the next line", "{\n  \"StartAt\": \"A\"\n  \"States\": {}\n}\n", 2, 17},
		{"array item on the next line", "{\"a\": [1,\n 2\n 3]}", 2, 3},
		{"same line", "{\"a\": 1 \"b\": 2}", 1, 9},
		{"unclosed at end of file", "{\n  \"a\": {\"b\": 1}\n\n", 2, 16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := Load("t.asl.json", []byte(tc.src))
			if len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Rule != "invalid-json" {
				t.Fatalf("want one invalid-json finding, got %v", doc.Diagnostics)
			}
			if d := doc.Diagnostics[0]; d.Line != tc.line || d.Column != tc.col {
				t.Errorf("at %d:%d, want %d:%d (%s)", d.Line, d.Column, tc.line, tc.col, d.Message)
			}
		})
	}
}

func TestBisectYAMLError(t *testing.T) {
	// Prefixes of up to 41 lines parse; the mistake is on line 42.
	parses := func(k int) bool { return k <= 41 }
	if got := bisectYAMLError(parses, 1, 1000); got != 42 {
		t.Errorf("got line %d, want 42", got)
	}
}
