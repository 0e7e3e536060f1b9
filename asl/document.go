package asl

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Span is a 1-based source range; EndColumn is one past the last character.
type Span struct {
	Line, Column, EndLine, EndColumn int
}

// Location is where a member's key and its value stand in the source. Array
// items and the root have no key; their Key is the zero Span.
type Location struct {
	Key, Value Span
}

// Document is one loaded definition: the decoded value, plus where every JSON
// pointer sits in the source and the order of keys in every object.
// Values are plain JSON: map[string]any, []any, string, int64, float64, bool, nil.
type Document struct {
	File   string
	Format string // "json" or "yaml"
	Source []byte
	Root   any
	// Diagnostics holds what loading found: syntax errors, duplicate keys,
	// an oversized file. A document with a syntax error has a nil Root.
	Diagnostics []Diagnostic
	// Name tells a state machine inside a template apart from the others in
	// the same file ("template.yaml#Orders"); "" for a plain definition file.
	Name string
	// WorkflowType is STANDARD or EXPRESS when a template declares it, else "".
	WorkflowType string

	// deferred holds pointers whose value is known only once the template is
	// deployed (a !Ref to a parameter without default, a Terraform variable).
	deferred map[string]bool
	locs     map[string]Location
	order    map[string][]string
	lines    []int // byte offset of each line start
	// Character counts at checkpoints, so a column on a long line (a
	// minified definition is one line) costs O(1), not O(line length).
	// Empty when the source is ASCII, where bytes are characters.
	marks []runeMark
}

type runeMark struct{ off, runes int }

// runeStep is the distance in bytes between checkpoints.
const runeStep = 256

func newDocument(file, format string, src []byte) *Document {
	d := &Document{File: file, Format: format, Source: src,
		locs: map[string]Location{}, order: map[string][]string{}}
	d.lines = append(d.lines, 0)
	ascii := true
	for i, c := range src {
		if c == '\n' {
			d.lines = append(d.lines, i+1)
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if !ascii {
		// Checkpoints sit on character starts, so counts add up.
		runes, last := 0, 0
		for off := 0; off < len(src); off += runeStep {
			for off < len(src) && !utf8.RuneStart(src[off]) {
				off++
			}
			runes += utf8.RuneCount(src[last:off])
			d.marks = append(d.marks, runeMark{off, runes})
			last = off
		}
	}
	return d
}

// runeIndex counts the characters before byte offset off.
func (d *Document) runeIndex(off int) int {
	if d.marks == nil {
		return off
	}
	k := sort.Search(len(d.marks), func(k int) bool { return d.marks[k].off > off }) - 1
	if k < 0 {
		return utf8.RuneCount(d.Source[:off])
	}
	return d.marks[k].runes + utf8.RuneCount(d.Source[d.marks[k].off:off])
}

// position turns a byte offset into a 1-based line and a 1-based column
// counted in characters, as editors count them.
func (d *Document) position(off int) (line, col int) {
	if off > len(d.Source) {
		off = len(d.Source)
	}
	i := sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, d.runeIndex(off) - d.runeIndex(d.lines[i]) + 1
}

func (d *Document) span(start, end int) Span {
	l1, c1 := d.position(start)
	l2, c2 := d.position(end)
	return Span{l1, c1, l2, c2}
}

// Locate returns where pointer stands. When the pointer names nothing in the
// source (a missing member), the nearest ancestor that exists is returned
// with ok false, so a finding can still point somewhere useful.
func (d *Document) Locate(pointer string) (loc Location, ok bool) {
	p := pointer
	for {
		if l, found := d.locs[p]; found {
			return l, p == pointer
		}
		if p == "" {
			return Location{}, false
		}
		p = ParentPointer(p)
	}
}

// Keys returns the member names of the object at pointer in source order.
func (d *Document) Keys(pointer string) []string { return d.order[pointer] }

// Diagnostic builds a finding for pointer, placed at the member's key when it
// has one (the usual place an editor should jump to) and else at its value.
func (d *Document) Diagnostic(pointer string, sev Severity, rule, code, msg string) Diagnostic {
	loc, _ := d.Locate(pointer)
	s := loc.Key
	if s.Line == 0 {
		s = loc.Value
	}
	return Diagnostic{File: d.File, Rule: rule, Code: code, Message: msg, Pointer: pointer,
		Line: s.Line, Column: s.Column, EndLine: s.EndLine, EndColumn: s.EndColumn, Severity: sev}
}

// DiagnosticAtValue is Diagnostic placed at the value rather than the key,
// for findings about what a value says (a bad path, a wrong type).
func (d *Document) DiagnosticAtValue(pointer string, sev Severity, rule, code, msg string) Diagnostic {
	diag := d.Diagnostic(pointer, sev, rule, code, msg)
	if loc, ok := d.Locate(pointer); ok && loc.Value.Line != 0 {
		diag.Line, diag.Column, diag.EndLine, diag.EndColumn = loc.Value.Line, loc.Value.Column, loc.Value.EndLine, loc.Value.EndColumn
	}
	return diag
}

// Lookup returns the value at pointer, if any.
func (d *Document) Lookup(pointer string) (any, bool) {
	return LookupPointer(d.Root, pointer)
}

// LookupPointer resolves an RFC 6901 pointer in a plain JSON value.
func LookupPointer(v any, pointer string) (any, bool) {
	if pointer == "" {
		return v, true
	}
	if pointer[0] != '/' {
		return nil, false
	}
	for _, tok := range strings.Split(pointer[1:], "/") {
		tok = UnescapePointerToken(tok)
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[tok]; !ok {
				return nil, false
			}
		case []any:
			i, ok := arrayIndex(tok)
			if !ok || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func arrayIndex(tok string) (int, bool) {
	if tok == "" || len(tok) > 9 || (len(tok) > 1 && tok[0] == '0') {
		return 0, false
	}
	n := 0
	for _, c := range tok {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")
var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

// EscapePointerToken escapes one member name for use in a JSON pointer.
func EscapePointerToken(s string) string { return pointerEscaper.Replace(s) }

// UnescapePointerToken reverses EscapePointerToken.
func UnescapePointerToken(s string) string { return pointerUnescaper.Replace(s) }

// JoinPointer appends member names or indexes (already unescaped) to a pointer.
func JoinPointer(base string, tokens ...string) string {
	var b strings.Builder
	b.WriteString(base)
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(EscapePointerToken(t))
	}
	return b.String()
}

// ParentPointer drops the last token of a non-empty pointer.
func ParentPointer(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}
