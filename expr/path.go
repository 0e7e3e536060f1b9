package expr

import (
	"fmt"
	"strconv"
	"strings"
)

// AWS evaluates JSONPath with Jayway JsonPath (Java). This parser follows
// Jayway's grammar rather than a stricter RFC 9535 one, so every form AWS
// accepts parses here too: "$.[0]", "$.a.[0]", "$.[*].['a','b']", "$.a-b",
// "$..x", slices, unions and filters.

// Path is a parsed JSONPath, context path ($$…) or variable path ($name…).
type Path struct {
	src     string
	root    rootKind
	varName string
	segs    []segment
}

type rootKind int

const (
	rootInput rootKind = iota
	rootContext
	rootVariable
)

type segKind int

const (
	segProps    segKind = iota // ['a'] or .a; several names merge into one object at a leaf
	segIndexes                 // [0] or [0,2]
	segSlice                   // [1:3]
	segWildcard                // [*] or .*
	segScan                    // .. (the segment after it applies at every depth)
	segFilter                  // [?(…)]
	segFunc                    // .length() and friends, last segment only
)

type segment struct {
	kind    segKind
	names   []string
	indexes []int
	from    *int // slice bounds, nil when absent
	to      *int
	filter  filterNode
	fn      string
}

// definite reports whether the segment selects at most one node, as Jayway
// decides it: several property names are definite only at the leaf, where
// they merge into one object.
func (sg *segment) definite(leaf bool) bool {
	switch sg.kind {
	case segProps:
		return len(sg.names) == 1 || leaf
	case segIndexes:
		return len(sg.indexes) == 1
	case segFunc:
		return true
	}
	return false
}

// PathError is a syntax error in a path, with the byte offset where it was found.
type PathError struct {
	Path string
	Pos  int
	Msg  string
}

func (e *PathError) Error() string {
	return fmt.Sprintf("invalid JSONPath %q: %s (at offset %d)", e.Path, e.Msg, e.Pos)
}

// ParsePath parses a path as AWS accepts it in InputPath, OutputPath,
// ItemsPath, *Path fields and ".$" values: "$…" (input), "$$…" (context
// object) or "$name…" (a workflow variable).
func ParsePath(s string) (*Path, error) {
	p := &pathParser{src: s, s: strings.TrimSpace(s)}
	return p.parse()
}

// ParseReferencePath parses a ResultPath: input-rooted and definite only (no
// wildcards, filters, slices, unions or recursive descent).
func ParseReferencePath(s string) (*Path, error) {
	p, err := ParsePath(s)
	if err != nil {
		return nil, err
	}
	if p.root != rootInput {
		return nil, &PathError{Path: s, Pos: 0, Msg: "a reference path must start with \"$\" and refer to the state input, not the context object or a variable"}
	}
	for _, sg := range p.segs {
		bad := ""
		switch sg.kind {
		case segProps:
			if len(sg.names) > 1 {
				bad = "several property names"
			}
		case segIndexes:
			if len(sg.indexes) > 1 {
				bad = "an index union"
			}
		case segSlice:
			bad = "an array slice"
		case segWildcard:
			bad = "a wildcard"
		case segScan:
			bad = "recursive descent (..)"
		case segFilter:
			bad = "a filter"
		case segFunc:
			bad = "a function"
		}
		if bad != "" {
			return nil, &PathError{Path: s, Pos: 0, Msg: "a reference path must identify a single node; it cannot use " + bad}
		}
	}
	return p, nil
}

// MustParsePath is ParsePath for paths known to be valid; it panics otherwise.
func MustParsePath(s string) *Path {
	p, err := ParsePath(s)
	if err != nil {
		panic(err)
	}
	return p
}

// String returns the path as written.
func (p *Path) String() string { return p.src }

// Definite reports whether the path selects at most one node; Eval then
// returns that node rather than an array of matches.
func (p *Path) Definite() bool {
	for i := range p.segs {
		if !p.segs[i].definite(i == len(p.segs)-1) {
			return false
		}
	}
	return true
}

// IsContext reports whether the path starts with $$ (the context object).
func (p *Path) IsContext() bool { return p.root == rootContext }

// Variable returns "name" for a path $name…, "" otherwise.
func (p *Path) Variable() string { return p.varName }

// IsRoot reports whether the path is "$" alone (the whole input).
func (p *Path) IsRoot() bool { return p.root == rootInput && len(p.segs) == 0 }

type pathParser struct {
	src   string // as given, for messages
	s     string // trimmed
	i     int
	depth int // filter nesting, bounded so hostile input cannot exhaust the stack
}

// maxFilterNesting bounds parentheses, '!' and nested filters in a path.
const maxFilterNesting = 64

func (p *pathParser) fail(msg string, args ...any) error {
	return &PathError{Path: p.src, Pos: p.i, Msg: fmt.Sprintf(msg, args...)}
}

func (p *pathParser) more() bool { return p.i < len(p.s) }

func (p *pathParser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *pathParser) parse() (*Path, error) {
	path := &Path{src: p.src}
	if !strings.HasPrefix(p.s, "$") {
		return nil, p.fail("a path must start with \"$\"")
	}
	p.i = 1
	switch {
	case strings.HasPrefix(p.s, "$$"):
		path.root = rootContext
		p.i = 2
	case p.more() && isVarNameByte(p.peek()):
		path.root = rootVariable
		start := p.i
		for p.more() && isVarNameByte(p.peek()) {
			p.i++
		}
		path.varName = p.s[start:p.i]
	}
	if p.more() && p.peek() != '.' && p.peek() != '[' {
		return nil, p.fail("expected '.' or '[' after %q", p.s[:p.i])
	}
	segs, err := p.segments(false)
	if err != nil {
		return nil, err
	}
	path.segs = segs
	return path, nil
}

func isVarNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// segments reads segments until the end of input, or (inFilter) until a
// character that cannot continue a path inside a filter expression.
func (p *pathParser) segments(inFilter bool) ([]segment, error) {
	var segs []segment
	if !inFilter {
		// One allocation: a path has at most one segment per '.' or '['.
		segs = make([]segment, 0, strings.Count(p.s[p.i:], ".")+strings.Count(p.s[p.i:], "["))
	}
	for p.more() {
		c := p.peek()
		switch {
		case c == '[':
			sg, err := p.bracket()
			if err != nil {
				return nil, err
			}
			segs = append(segs, sg)
		case c == '.' && p.i+1 < len(p.s) && p.s[p.i+1] == '.':
			p.i += 2
			if !p.more() {
				return nil, p.fail("a path must not end with '..'")
			}
			segs = append(segs, segment{kind: segScan})
			if p.peek() == '.' {
				return nil, p.fail("unexpected '.'")
			}
			if p.peek() == '[' {
				continue
			}
			sg, err := p.dotName(inFilter)
			if err != nil {
				return nil, err
			}
			segs = append(segs, sg)
		case c == '.':
			p.i++
			if !p.more() {
				return nil, p.fail("a path must not end with '.'")
			}
			if p.peek() == '[' { // "$.[0]": Jayway reads the bracket as if the dot were absent
				continue
			}
			sg, err := p.dotName(inFilter)
			if err != nil {
				return nil, err
			}
			segs = append(segs, sg)
		case inFilter:
			return segs, nil
		default:
			return nil, p.fail("unexpected %q", c)
		}
		if len(segs) > 0 && segs[len(segs)-1].kind == segFunc && p.more() {
			if inFilter {
				return segs, nil
			}
			return nil, p.fail("a function must be the last part of a path")
		}
	}
	return segs, nil
}

// dotName reads what follows a single '.': "*", a name, or "name()".
func (p *pathParser) dotName(inFilter bool) (segment, error) {
	if p.peek() == '*' {
		p.i++
		return segment{kind: segWildcard}, nil
	}
	start := p.i
	for p.more() {
		c := p.peek()
		if c == '.' || c == '[' || c == '(' {
			break
		}
		if inFilter && strings.IndexByte(" \t\n\r)=!<>&|,", c) >= 0 {
			break
		}
		if c == ' ' {
			return segment{}, p.fail("use bracket notation ['my prop'] for a property name containing spaces")
		}
		p.i++
	}
	name := p.s[start:p.i]
	if name == "" {
		return segment{}, p.fail("expected a property name")
	}
	if p.peek() == '(' {
		p.i++
		for p.more() && (p.peek() == ' ') {
			p.i++
		}
		if p.peek() != ')' {
			return segment{}, p.fail("function %s() takes no arguments here", name)
		}
		p.i++
		if !knownPathFunc[name] {
			p.i = start
			return segment{}, p.fail("unknown function %s()", name)
		}
		return segment{kind: segFunc, fn: name}, nil
	}
	return segment{kind: segProps, names: []string{name}}, nil
}

var knownPathFunc = map[string]bool{
	"length": true, "min": true, "max": true, "avg": true, "stddev": true,
	"sum": true, "keys": true, "first": true, "last": true,
}

func (p *pathParser) skipSpace() {
	for p.more() && (p.peek() == ' ' || p.peek() == '\t' || p.peek() == '\n' || p.peek() == '\r') {
		p.i++
	}
}

// bracket reads "[…]": quoted names, indexes, a slice, "*" or a filter.
func (p *pathParser) bracket() (segment, error) {
	open := p.i
	p.i++ // '['
	p.skipSpace()
	switch c := p.peek(); {
	case c == '\'' || c == '"':
		return p.bracketNames()
	case c == '*':
		p.i++
		p.skipSpace()
		if p.peek() != ']' {
			return segment{}, p.fail("expected ']' after '*'")
		}
		p.i++
		return segment{kind: segWildcard}, nil
	case c == '?':
		p.i++
		p.skipSpace()
		if p.peek() != '(' {
			return segment{}, p.fail("expected '(' after '?'")
		}
		p.i++
		f, err := p.filterExpr()
		if err != nil {
			return segment{}, err
		}
		p.skipSpace()
		if p.peek() != ')' {
			return segment{}, p.fail("expected ')' to close the filter")
		}
		p.i++
		p.skipSpace()
		if p.peek() != ']' {
			return segment{}, p.fail("expected ']' to close the filter")
		}
		p.i++
		return segment{kind: segFilter, filter: f}, nil
	case c == '-' || c == ':' || c >= '0' && c <= '9':
		return p.bracketNumbers()
	case c == 0:
		p.i = open
		return segment{}, p.fail("unclosed '['")
	default:
		return segment{}, p.fail("expected a quoted name, an index, a slice, '*' or '?(' after '['")
	}
}

// bracketNames reads "'a'" or "'a', \"b\"" up to "]". A backslash keeps the
// next character from closing the name but stays in the name, as AWS does
// ("$['a\\\"b']" selects the key a\"b).
func (p *pathParser) bracketNames() (segment, error) {
	var names []string
	for {
		q := p.peek()
		if q != '\'' && q != '"' {
			return segment{}, p.fail("expected a quoted property name")
		}
		p.i++
		start := p.i
		for {
			if !p.more() {
				return segment{}, p.fail("unterminated quoted name")
			}
			c := p.peek()
			if c == '\\' {
				p.i += 2
				continue
			}
			if c == q {
				break
			}
			p.i++
		}
		names = append(names, p.s[start:p.i])
		p.i++
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.i++
			p.skipSpace()
			continue
		case ']':
			p.i++
			return segment{kind: segProps, names: names}, nil
		}
		return segment{}, p.fail("expected ',' or ']' after a quoted name")
	}
}

// bracketNumbers reads "[0]", "[-1]", "[0,2]", "[1:3]", "[:2]", "[-2:]".
func (p *pathParser) bracketNumbers() (segment, error) {
	end := strings.IndexByte(p.s[p.i:], ']')
	if end < 0 {
		return segment{}, p.fail("unclosed '['")
	}
	body := strings.TrimSpace(p.s[p.i : p.i+end])
	if strings.Contains(body, ":") {
		parts := strings.Split(body, ":")
		if len(parts) > 3 {
			return segment{}, p.fail("invalid slice %q", body)
		}
		sg := segment{kind: segSlice}
		for k, part := range parts[:2] {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			n, err := strconv.Atoi(part)
			if err != nil {
				return segment{}, p.fail("invalid slice bound %q", part)
			}
			if k == 0 {
				sg.from = &n
			} else {
				sg.to = &n
			}
		}
		if len(parts) == 3 && strings.TrimSpace(parts[2]) != "" && strings.TrimSpace(parts[2]) != "1" {
			return segment{}, p.fail("slice steps other than 1 are not supported")
		}
		p.i += end + 1
		return sg, nil
	}
	sg := segment{kind: segIndexes}
	for _, part := range strings.Split(body, ",") {
		part = strings.TrimSpace(part)
		n, err := strconv.Atoi(part)
		if err != nil {
			return segment{}, p.fail("invalid array index %q", part)
		}
		sg.indexes = append(sg.indexes, n)
	}
	p.i += end + 1
	return sg, nil
}

// jaywayString renders segments as Jayway prints a compiled path
// ("$['a'][0]"), which AWS quotes in its States.Runtime causes.
func jaywayString(segs []segment) string {
	var b strings.Builder
	b.WriteString("$")
	for i := range segs {
		writeJaywaySeg(&b, &segs[i])
	}
	return b.String()
}

func writeJaywaySeg(b *strings.Builder, sg *segment) {
	switch sg.kind {
	case segProps:
		b.WriteString("[")
		for k, n := range sg.names {
			if k > 0 {
				b.WriteString(",")
			}
			b.WriteString("'" + n + "'")
		}
		b.WriteString("]")
	case segIndexes:
		b.WriteString("[")
		for k, n := range sg.indexes {
			if k > 0 {
				b.WriteString(",")
			}
			b.WriteString(strconv.Itoa(n))
		}
		b.WriteString("]")
	case segSlice:
		b.WriteString("[")
		if sg.from != nil {
			b.WriteString(strconv.Itoa(*sg.from))
		}
		b.WriteString(":")
		if sg.to != nil {
			b.WriteString(strconv.Itoa(*sg.to))
		}
		b.WriteString("]")
	case segWildcard:
		b.WriteString("[*]")
	case segScan:
		b.WriteString("..")
	case segFilter:
		b.WriteString("[?]")
	case segFunc:
		b.WriteString("." + sg.fn + "()")
	}
}
