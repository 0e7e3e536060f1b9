package asl

import (
	"strconv"
	"unicode/utf8"
)

// sourceText is text assembled from pieces of a template (a YAML block
// scalar, a JSON string with escapes, the parts of an Fn::Join, a heredoc)
// that remembers, for every byte, the template offset it came from. A
// definition parsed from it can then report positions in the template.
type sourceText struct {
	b    []byte
	offs []int // offs[i] is the template offset of b[i]
}

// addAt appends s, every byte of it attributed to one template offset
// (substituted values, synthesised ARNs, Fn::Join delimiters).
func (t *sourceText) addAt(s string, off int) {
	t.b = append(t.b, s...)
	for range len(s) {
		t.offs = append(t.offs, off)
	}
}

func (t *sourceText) addText(o sourceText) {
	t.b = append(t.b, o.b...)
	t.offs = append(t.offs, o.offs...)
}

// startOf and endOf turn a range of the text into template offsets.
func (t *sourceText) startOf(i int) int {
	if len(t.offs) == 0 {
		return 0
	}
	return t.offs[min(max(i, 0), len(t.offs)-1)]
}

func (t *sourceText) endOf(i int) int {
	if i <= 0 || len(t.offs) == 0 {
		return t.startOf(0)
	}
	if i < len(t.offs) && t.offs[i] > t.offs[i-1] {
		return t.offs[i]
	}
	return t.offs[min(i, len(t.offs))-1] + 1
}

// alignText maps value, the decoded form of a template scalar whose content
// starts at src[start] (after any opening quote), onto that source. escapes says whether backslash
// escapes are decoded (JSON strings, YAML double-quoted scalars); header
// says the value begins on the line after its indicator (YAML | and >).
// Everything else (indentation, line folding, quotes) is skipped over. When
// the two stop agreeing, the rest is attributed to the last good offset, so
// a surprise costs precision, never correctness.
func alignText(src []byte, start int, value string, escapes, header bool) sourceText {
	t := sourceText{b: []byte(value), offs: make([]int, 0, len(value))}
	p := min(max(start, 0), len(src))
	if header {
		for p < len(src) && src[p] != '\n' {
			p++
		}
	}
	last := p
	i := 0
	for i < len(value) {
		if p >= len(src) {
			break
		}
		c := src[p]
		if escapes && c == '\\' {
			dec, n := decodeEscape(src[p:])
			if n > 0 && len(dec) > 0 && i+len(dec) <= len(value) && value[i:i+len(dec)] == dec {
				for range len(dec) {
					t.offs = append(t.offs, p)
				}
				last = p
				i += len(dec)
				p += n
				continue
			}
			if n > 0 && len(dec) == 0 { // an escaped line break: folds to nothing
				p += n
				continue
			}
		}
		if c == value[i] {
			t.offs = append(t.offs, p)
			last = p
			i++
			p++
			continue
		}
		switch c {
		case ' ', '\t', '\r', '\n', '\'', '"', '\\', '$', '%':
			p++
			continue
		}
		break
	}
	for len(t.offs) < len(value) {
		t.offs = append(t.offs, last)
	}
	return t
}

// simpleEscapes are the one-letter escapes of JSON and YAML.
var simpleEscapes = map[byte]string{'"': "\"", '\\': "\\", '/': "/", 'b': "\b", 'f': "\f", 'n': "\n",
	'r': "\r", 't': "\t", '0': "\x00", 'a': "\a", 'v': "\v", 'e': "\x1b", ' ': " ",
	'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029", '\t': "\t"}

// decodeEscape decodes one backslash escape (JSON's, plus YAML's \x, \U,
// \e and escaped line breaks) and says how many source bytes it used.
func decodeEscape(s []byte) (string, int) {
	if len(s) < 2 {
		return "", 0
	}
	if d, ok := simpleEscapes[s[1]]; ok {
		return d, 2
	}
	hex := func(n int) (rune, bool) {
		if len(s) < 2+n {
			return 0, false
		}
		v, err := strconv.ParseUint(string(s[2:2+n]), 16, 32)
		return rune(v), err == nil
	}
	switch s[1] {
	case '\n':
		return "", 2
	case '\r':
		if len(s) > 2 && s[2] == '\n' {
			return "", 3
		}
		return "", 2
	case 'x':
		if r, ok := hex(2); ok {
			return string(r), 4
		}
	case 'u':
		r, ok := hex(4)
		if !ok {
			return "", 0
		}
		if r >= 0xD800 && r < 0xDC00 && len(s) >= 12 && s[6] == '\\' && s[7] == 'u' {
			if lo, err := strconv.ParseUint(string(s[8:12]), 16, 32); err == nil && lo >= 0xDC00 && lo < 0xE000 {
				return string((r-0xD800)<<10 + (rune(lo) - 0xDC00) + 0x10000), 12
			}
		}
		if !utf8.ValidRune(r) {
			return "\uFFFD", 6
		}
		return string(r), 6
	case 'U':
		if r, ok := hex(8); ok {
			return string(r), 10
		}
	}
	return "", 0
}
