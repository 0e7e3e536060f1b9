package cmd

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

func TestWriteSnippet(t *testing.T) {
	plain := func(s string) string { return s }
	cases := []struct {
		name, src string
		d         asl.Diagnostic
		want      string
	}{
		{"span", "a\n  \"Next\": \"X\"\n", asl.Diagnostic{Line: 2, Column: 11, EndLine: 2, EndColumn: 14},
			" 2 |   \"Next\": \"X\"\n   |           ^~~\n"},
		{"tab before", "\t\"a\": 1\n", asl.Diagnostic{Line: 1, Column: 2, EndLine: 1, EndColumn: 5},
			" 1 |     \"a\": 1\n   |     ^~~\n"},
		{"span past end of line", "ab\n", asl.Diagnostic{Line: 1, Column: 2, EndLine: 3, EndColumn: 1},
			" 1 | ab\n   |  ^\n"},
		{"line out of range", "ab\n", asl.Diagnostic{Line: 9, Column: 1}, ""},
		// "名前" is two characters drawn four columns wide.
		{"wide characters before and in the span", "\"名前\": \"名\"\n", asl.Diagnostic{Line: 1, Column: 7, EndLine: 1, EndColumn: 10},
			" 1 | \"名前\": \"名\"\n   |         ^~~~\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			writeSnippet(&b, []byte(tc.src), tc.d, plain, plain)
			if b.String() != tc.want {
				t.Errorf("got\n%q\nwant\n%q", b.String(), tc.want)
			}
		})
	}
}

func TestRenderJSONEmpty(t *testing.T) {
	var b bytes.Buffer
	a := &app{colorMode: "never"}
	if err := a.renderFindings(&b, "json", &findings{Files: 2}, false); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"files\": 2,\n  \"errors\": 0,\n  \"warnings\": 0,\n  \"diagnostics\": []\n}\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	if err := a.renderFindings(&b, "xml", &findings{}, false); err == nil || !strings.Contains(err.Error(), "unknown --format") {
		t.Errorf("unknown format: got %v", err)
	}
}
