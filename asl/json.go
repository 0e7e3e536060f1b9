package asl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxDepth bounds nesting so a hostile file cannot exhaust the stack.
const maxDepth = 512

// jsonParser is a small recursive-descent JSON reader that, unlike
// encoding/json, records where every value starts and ends and notices
// duplicate keys (which encoding/json silently keeps the last of).
type jsonParser struct {
	doc *Document
	src []byte
	pos int
}

type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

func parseJSON(doc *Document) {
	p := &jsonParser{doc: doc, src: doc.Source}
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*syntaxError)
			if !ok {
				panic(r)
			}
			doc.Root = nil
			line, col := doc.position(se.off)
			doc.Diagnostics = append(doc.Diagnostics, Diagnostic{File: doc.File, Rule: "invalid-json",
				Code: "INVALID_JSON_DESCRIPTION", Message: se.msg, Line: line, Column: col,
				EndLine: line, EndColumn: col + 1, Severity: SeverityError})
		}
	}()
	p.skipBOM()
	p.skipSpace()
	if p.pos >= len(p.src) {
		p.fail("the file is empty: expected a JSON object with StartAt and States")
	}
	doc.Root = p.value("", Span{}, 0)
	p.skipSpace()
	if p.pos < len(p.src) {
		p.fail("unexpected %s after the end of the JSON value", p.describe())
	}
}

func (p *jsonParser) fail(format string, args ...any) {
	panic(&syntaxError{p.pos, fmt.Sprintf(format, args...)})
}

// failAfter reports a missing ',' or closing bracket. When the parser only
// notices it on a later line, the mistake is at the end of the value before
// (a comma forgotten at the end of a line), so the finding goes there.
func (p *jsonParser) failAfter(valueEnd int, expected, context string) {
	switch {
	case p.pos >= len(p.src):
		p.pos = valueEnd
		p.fail("unexpected end of file: expected %s to close the %s", expected, context)
	case bytes.ContainsRune(p.src[valueEnd:p.pos], '\n'):
		line, _ := p.doc.position(p.pos)
		found := p.describe()
		p.pos = valueEnd
		p.fail("expected %s after this %s, found %s on line %d: is a ',' missing here?", expected, itemName(context), found, line)
	default:
		p.fail("unexpected %s: expected %s after a%s", p.describe(), expected, " "+itemName(context))
	}
}

func itemName(context string) string {
	if context == "object" {
		return "member"
	}
	return "array item"
}

func (p *jsonParser) skipBOM() {
	if len(p.src) >= 3 && p.src[0] == 0xEF && p.src[1] == 0xBB && p.src[2] == 0xBF {
		p.pos = 3
	}
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) describe() string {
	if p.pos >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) value(ptr string, key Span, depth int) any {
	if depth > maxDepth {
		p.fail("nesting deeper than %d levels", maxDepth)
	}
	p.skipSpace()
	start := p.pos
	var v any
	if p.pos >= len(p.src) {
		p.fail("unexpected end of file: expected a value")
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		v = p.object(ptr, depth)
	case c == '[':
		v = p.array(ptr, depth)
	case c == '"':
		v = p.str()
	case c == '-' || (c >= '0' && c <= '9'):
		v = p.number()
	case p.literal("true"):
		v = true
	case p.literal("false"):
		v = false
	case p.literal("null"):
		v = nil
	default:
		p.fail("unexpected %s: expected a value (object, array, string, number, true, false or null)", p.describe())
	}
	p.doc.locs[ptr] = Location{Key: key, Value: p.doc.span(start, p.pos)}
	return v
}

func (p *jsonParser) literal(word string) bool {
	if strings.HasPrefix(string(p.src[p.pos:min(len(p.src), p.pos+len(word))]), word) {
		p.pos += len(word)
		return true
	}
	return false
}

func (p *jsonParser) object(ptr string, depth int) map[string]any {
	p.pos++ // {
	m := map[string]any{}
	keys := []string{}
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		p.doc.order[ptr] = keys
		return m
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			p.fail("unexpected %s: expected a member name in double quotes", p.describe())
		}
		kstart := p.pos
		k := p.str()
		keySpan := p.doc.span(kstart, p.pos)
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			p.fail("unexpected %s: expected ':' after member name %q", p.describe(), k)
		}
		p.pos++
		child := JoinPointer(ptr, k)
		if _, dup := m[k]; dup {
			p.doc.Diagnostics = append(p.doc.Diagnostics, Diagnostic{File: p.doc.File,
				Rule: "duplicate-key", Code: "SCHEMA_VALIDATION_FAILED",
				Message: fmt.Sprintf("duplicate key %q: AWS keeps only one of them; remove or rename the other", k),
				Pointer: child, Line: keySpan.Line, Column: keySpan.Column, EndLine: keySpan.EndLine,
				EndColumn: keySpan.EndColumn, Severity: SeverityError})
		} else {
			keys = append(keys, k)
		}
		m[k] = p.value(child, keySpan, depth+1)
		end := p.pos
		p.skipSpace()
		if p.pos >= len(p.src) {
			p.failAfter(end, "',' or '}'", "object")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			p.doc.order[ptr] = keys
			return m
		default:
			p.failAfter(end, "',' or '}'", "object")
		}
	}
}

func (p *jsonParser) array(ptr string, depth int) []any {
	p.pos++ // [
	a := []any{}
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		return a
	}
	for {
		a = append(a, p.value(ptr+"/"+strconv.Itoa(len(a)), Span{}, depth+1))
		end := p.pos
		p.skipSpace()
		if p.pos >= len(p.src) {
			p.failAfter(end, "',' or ']'", "array")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return a
		default:
			p.failAfter(end, "',' or ']'", "array")
		}
	}
}

func (p *jsonParser) str() string {
	start := p.pos
	p.pos++ // opening quote
	escaped := false
	for {
		if p.pos >= len(p.src) {
			p.pos = start
			p.fail("unterminated string")
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			raw := p.src[start:p.pos]
			if !escaped {
				if !utf8.Valid(raw) {
					return strings.ToValidUTF8(string(raw[1:len(raw)-1]), "\uFFFD")
				}
				return string(raw[1 : len(raw)-1])
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				p.pos = start
				p.fail("invalid escape sequence in string")
			}
			return s
		case c == '\\':
			escaped = true
			p.pos += 2
		case c < 0x20:
			p.fail("control character %U in string: escape it (for example \\n)", rune(c))
		default:
			p.pos++
		}
	}
}

func (p *jsonParser) number() any {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	isFloat := false
	if p.src[p.pos] == '-' {
		p.pos++
	}
	if p.pos < len(p.src) && p.src[p.pos] == '0' {
		p.pos++
	} else if digits() == 0 {
		p.fail("invalid number: expected a digit")
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		isFloat = true
		if digits() == 0 {
			p.fail("invalid number: expected a digit after '.'")
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		isFloat = true
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			p.fail("invalid number: expected a digit in the exponent")
		}
	}
	text := string(p.src[start:p.pos])
	return ParseNumber(text, isFloat)
}

// ParseNumber turns JSON number text into int64 when it is an integer that
// fits, and float64 otherwise, the representation used across sfnctl.
func ParseNumber(text string, isFloat bool) any {
	if !isFloat {
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return n
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !math.IsInf(f, 0) {
		return float64(0)
	}
	return f
}
