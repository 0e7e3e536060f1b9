package asl

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// offsetOf turns a 1-based line and character column back into a byte
// offset, in O(1) for ASCII and O(log n) otherwise (minified definitions
// are one long line).
func (d *Document) offsetOf(line, col int) int {
	if line < 1 || len(d.lines) == 0 {
		return 0
	}
	if line > len(d.lines) {
		return len(d.Source)
	}
	start := d.lines[line-1]
	if d.marks == nil {
		return min(start+max(col-1, 0), len(d.Source))
	}
	off, r := start, d.runeIndex(start)
	target := r + max(col-1, 0)
	if k := sort.Search(len(d.marks), func(k int) bool { return d.marks[k].runes > target }) - 1; k >= 0 && d.marks[k].off > off {
		off, r = d.marks[k].off, d.marks[k].runes
	}
	for r < target && off < len(d.Source) {
		_, n := utf8.DecodeRune(d.Source[off:])
		off += n
		r++
	}
	return off
}

// derive makes an empty document that shares tmpl's file, source and line
// table, for a definition found inside tmpl.
func (tmpl *Document) derive(name string) *Document {
	return &Document{File: tmpl.File, Format: tmpl.Format, Source: tmpl.Source, lines: tmpl.lines, marks: tmpl.marks,
		Name: name, locs: map[string]Location{}, order: map[string][]string{}, deferred: map[string]bool{}}
}

// IsDeferred reports whether the value at pointer, or a value containing it,
// is known only after deployment (sfnctl put a stand-in there). Findings
// about such a value say more about the stand-in than the definition.
func (d *Document) IsDeferred(pointer string) bool {
	if len(d.deferred) == 0 {
		return false
	}
	for p := pointer; ; p = ParentPointer(p) {
		if d.deferred[p] {
			return true
		}
		if p == "" {
			return false
		}
	}
}

// structuralKeys hold the parts of a definition other parts refer to: when
// one of them is known only at deployment, so is what the states around
// it may say (a StartAt naming a state of an unknown States).
var structuralKeys = map[string]bool{"States": true, "Branches": true, "ItemProcessor": true,
	"Iterator": true, "Choices": true, "Catch": true, "Retry": true, "Type": true}

// markDeferred1 marks one value as known only at deployment, and its
// parent too when the value is a structural part of the definition.
func (d *Document) markDeferred1(pointer string) {
	d.deferred[pointer] = true
	if i := strings.LastIndexByte(pointer, '/'); i >= 0 && structuralKeys[UnescapePointerToken(pointer[i+1:])] {
		d.deferred[pointer[:i]] = true
	}
}

// DisplayName is the name findings use for the definition: the template
// path with the state machine's name, or just the file.
func (d *Document) DisplayName() string {
	if d.Name != "" {
		return d.Name
	}
	return d.File
}

// subtree copies the positions below prefix in tmpl into d, re-rooted, for
// a definition written inline in a template.
func (d *Document) subtree(tmpl *Document, prefix string) {
	for p, loc := range tmpl.locs {
		if rel, ok := underPointer(p, prefix); ok {
			d.locs[rel] = loc
		}
	}
	for p, keys := range tmpl.order {
		if rel, ok := underPointer(p, prefix); ok {
			d.order[rel] = keys
		}
	}
}

// underPointer says whether p is prefix or below it, and returns p relative to prefix.
func underPointer(p, prefix string) (string, bool) {
	if p == prefix {
		return "", true
	}
	if strings.HasPrefix(p, prefix) && len(p) > len(prefix) && p[len(prefix)] == '/' {
		return p[len(prefix):], true
	}
	return "", false
}

// forget drops the positions and key orders below pointer, whose value v
// was replaced (an intrinsic function by its result). It walks v rather
// than every position, so it costs what v is worth.
func (d *Document) forget(pointer string, v any) {
	switch x := v.(type) {
	case map[string]any:
		delete(d.order, pointer)
		for k, child := range x {
			p := JoinPointer(pointer, k)
			delete(d.locs, p)
			d.forget(p, child)
		}
	case []any:
		for i, child := range x {
			p := pointer + "/" + strconv.Itoa(i)
			delete(d.locs, p)
			d.forget(p, child)
		}
	}
}

// fromText parses t (JSON text assembled from tmpl) as a definition and
// files every position, and every syntax error, under tmpl's coordinates.
func (tmpl *Document) fromText(name string, t sourceText) *Document {
	inner := newDocument(tmpl.File, "json", t.b)
	parseJSON(inner)
	d := tmpl.derive(name)
	d.Root = inner.Root
	d.order = inner.order
	remap := func(s Span) Span {
		if s.Line == 0 {
			return s
		}
		a := t.startOf(inner.offsetOf(s.Line, s.Column))
		b := t.endOf(inner.offsetOf(s.EndLine, s.EndColumn))
		return tmpl.span(a, max(a, b))
	}
	for p, loc := range inner.locs {
		d.locs[p] = Location{Key: remap(loc.Key), Value: remap(loc.Value)}
	}
	for _, diag := range inner.Diagnostics {
		s := remap(Span{diag.Line, diag.Column, diag.EndLine, diag.EndColumn})
		diag.Line, diag.Column, diag.EndLine, diag.EndColumn = s.Line, s.Column, s.EndLine, s.EndColumn
		d.Diagnostics = append(d.Diagnostics, diag)
	}
	return d
}

// valueOffset is where the value at pointer starts in tmpl's source.
func (tmpl *Document) valueOffset(pointer string) int {
	loc, _ := tmpl.Locate(pointer)
	return tmpl.offsetOf(loc.Value.Line, loc.Value.Column)
}
