package validate

import (
	"errors"
	"strings"

	"github.com/sfnctl/sfnctl/expr"
)

// placeOnExpressionLine moves the last finding, a JSONata parse error in
// the string value text, onto the source line of the mistake when the
// expression spans several lines of the file (a YAML literal block "|").
// It moves it only when the file's lines hold the value's lines verbatim;
// otherwise (JSON "\n" escapes, folded blocks) the finding stays at the
// value's start.
func (c *checker) placeOnExpressionLine(text, body string, err error) {
	var je *expr.JSONataError
	if !errors.As(err, &je) || !strings.Contains(text, "\n") || len(c.out) == 0 {
		return
	}
	d := &c.out[len(c.out)-1]
	start := strings.Index(text, body)
	if start < 0 || je.Position < 0 || start+je.Position > len(text) {
		return
	}
	textLines := strings.Split(text, "\n")
	k := strings.Count(text[:start+je.Position], "\n")
	src := strings.Split(string(c.doc.Source), "\n")
	if d.Line < 1 || d.Line-1+k >= len(src) {
		return
	}
	// Every line of the value up to the mistake must be, indentation
	// aside, the file's line at the same distance from the value's start.
	for i := 0; i <= k; i++ {
		if strings.TrimSpace(textLines[i]) != strings.TrimSpace(src[d.Line-1+i]) {
			return
		}
	}
	line := src[d.Line-1+k]
	d.Line, d.EndLine = d.Line+k, d.Line+k
	d.Column = len([]rune(line[:len(line)-len(strings.TrimLeft(line, " \t"))])) + 1
	d.EndColumn = len([]rune(strings.TrimRight(line, "\r"))) + 1
}
