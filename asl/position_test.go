package asl

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestColumnsOnLongLines checks columns against a plain character count on
// one long line mixing ASCII, multi-byte characters and invalid bytes.
func TestColumnsOnLongLines(t *testing.T) {
	var sb strings.Builder
	for i := 0; i < 400; i++ {
		sb.WriteString("ab注文é\xff\n"[:7+i%3])
	}
	src := []byte("{\n" + sb.String() + "\n}")
	d := newDocument("x.json", "json", src)
	for off := 0; off <= len(src); off++ {
		if off < len(src) && !utf8.RuneStart(src[off]) {
			continue
		}
		line, col := d.position(off)
		start := strings.LastIndexByte(string(src[:off]), '\n') + 1
		if wantLine := strings.Count(string(src[:off]), "\n") + 1; line != wantLine {
			t.Fatalf("offset %d: line %d, want %d", off, line, wantLine)
		}
		if want := utf8.RuneCount(src[start:off]) + 1; col != want {
			t.Fatalf("offset %d: column %d, want %d", off, col, want)
		}
	}
}
