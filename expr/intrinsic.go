package expr

import (
	"fmt"
	"sort"
	"strings"
)

// Intrinsic is a parsed intrinsic function call such as
// States.Format('Hello {}', $.name).
type Intrinsic struct {
	Name string // e.g. States.Format
	Args []IntrinsicArg
	src  string
}

// ArgKind says what an intrinsic argument is.
type ArgKind int

const (
	ArgString ArgKind = iota
	ArgNumber
	ArgBool
	ArgNull
	ArgPath // $…, $$… or $name…
	ArgCall // a nested intrinsic
)

// IntrinsicArg is one argument of an intrinsic call.
type IntrinsicArg struct {
	Kind  ArgKind
	Value any        // literal value (string, int64, float64, bool, nil)
	Path  *Path      // ArgPath
	Call  *Intrinsic // ArgCall
	// escaped marks, for a string literal, the bytes of Value that were
	// written with a backslash (so "\{" is a literal brace in Format).
	escaped []bool
}

// MaxIntrinsicNesting is how deep AWS lets intrinsic calls nest in one field.
const MaxIntrinsicNesting = 10

// intrinsicArity gives the minimum and maximum argument count (-1: no limit).
var intrinsicArity = map[string][2]int{
	"States.Format":         {1, -1},
	"States.StringToJson":   {1, 1},
	"States.JsonToString":   {1, 1},
	"States.Array":          {0, -1},
	"States.ArrayPartition": {2, 2},
	"States.ArrayContains":  {2, 2},
	"States.ArrayRange":     {3, 3},
	"States.ArrayGetItem":   {2, 2},
	"States.ArrayLength":    {1, 1},
	"States.ArrayUnique":    {1, 1},
	"States.Base64Encode":   {1, 1},
	"States.Base64Decode":   {1, 1},
	"States.Hash":           {2, 2},
	"States.JsonMerge":      {3, 3},
	"States.MathRandom":     {2, 3},
	"States.MathAdd":        {2, 2},
	"States.StringSplit":    {2, 2},
	"States.UUID":           {0, 0},
}

// IntrinsicNames lists the intrinsic functions AWS offers, sorted.
func IntrinsicNames() []string {
	names := make([]string, 0, len(intrinsicArity))
	for n := range intrinsicArity {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// IsIntrinsic reports whether s looks like an intrinsic call "States.Name(…)";
// ParseIntrinsic then says whether it is a valid one.
func IsIntrinsic(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "States.") || !strings.HasSuffix(s, ")") {
		return false
	}
	open := strings.IndexByte(s, '(')
	if open < 0 {
		return false
	}
	for i := len("States."); i < open; i++ {
		if !isVarNameByte(s[i]) {
			return false
		}
	}
	return open > len("States.")
}

// IntrinsicError is a syntax or arity error in an intrinsic call, with the
// byte offset where it was found.
type IntrinsicError struct {
	Src string
	Pos int
	Msg string
}

func (e *IntrinsicError) Error() string {
	return fmt.Sprintf("invalid intrinsic function %q: %s (at offset %d)", e.Src, e.Msg, e.Pos)
}

// ParseIntrinsic parses an intrinsic call: syntax, known function names,
// argument counts and nesting depth.
func ParseIntrinsic(s string) (*Intrinsic, error) {
	p := &intrinsicParser{src: s, s: strings.TrimSpace(s)}
	in, err := p.call(1)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.i < len(p.s) {
		return nil, p.fail("unexpected %q after the closing ')'", p.s[p.i:])
	}
	return in, nil
}

// String returns the call as written.
func (in *Intrinsic) String() string { return in.src }

type intrinsicParser struct {
	src string
	s   string
	i   int
}

func (p *intrinsicParser) fail(format string, args ...any) error {
	return &IntrinsicError{Src: p.src, Pos: p.i, Msg: fmt.Sprintf(format, args...)}
}

func (p *intrinsicParser) skipSpace() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

func (p *intrinsicParser) call(depth int) (*Intrinsic, error) {
	start := p.i
	if !strings.HasPrefix(p.s[p.i:], "States.") {
		return nil, p.fail("expected an intrinsic function name starting with \"States.\"")
	}
	j := p.i + len("States.")
	for j < len(p.s) && isVarNameByte(p.s[j]) {
		j++
	}
	name := p.s[p.i:j]
	arity, known := intrinsicArity[name]
	if !known {
		if near := nearestIntrinsic(name); near != "" {
			return nil, p.fail("unknown intrinsic function %s; did you mean %s?", name, near)
		}
		return nil, p.fail("unknown intrinsic function %s (known: %s)", name, strings.Join(IntrinsicNames(), ", "))
	}
	if depth > MaxIntrinsicNesting {
		return nil, p.fail("intrinsic functions nest more than %d deep", MaxIntrinsicNesting)
	}
	p.i = j
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != '(' {
		return nil, p.fail("expected '(' after %s", name)
	}
	p.i++
	in := &Intrinsic{Name: name}
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] == ')' {
		p.i++
	} else {
		for {
			arg, err := p.arg(depth)
			if err != nil {
				return nil, err
			}
			in.Args = append(in.Args, arg)
			p.skipSpace()
			if p.i >= len(p.s) {
				return nil, p.fail("missing ')' to close %s", name)
			}
			if p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.s[p.i] == ')' {
				p.i++
				break
			}
			return nil, p.fail("expected ',' or ')' in the arguments of %s", name)
		}
	}
	in.src = p.s[start:p.i]
	if n := len(in.Args); n < arity[0] || arity[1] >= 0 && n > arity[1] {
		p.i = start
		return nil, p.fail("%s takes %s, not %d", name, arityText(arity), n)
	}
	return in, nil
}

func arityText(a [2]int) string {
	plural := func(n int) string {
		if n == 1 {
			return "1 argument"
		}
		return fmt.Sprintf("%d arguments", n)
	}
	switch {
	case a[1] < 0:
		return "at least " + plural(a[0])
	case a[0] == a[1]:
		return plural(a[0])
	}
	return fmt.Sprintf("%d to %d arguments", a[0], a[1])
}

func (p *intrinsicParser) arg(depth int) (IntrinsicArg, error) {
	p.skipSpace()
	if p.i >= len(p.s) {
		return IntrinsicArg{}, p.fail("missing argument")
	}
	rest := p.s[p.i:]
	switch c := rest[0]; {
	case c == '\'':
		return p.stringArg()
	case c == '$':
		return p.pathArg()
	case strings.HasPrefix(rest, "States."):
		in, err := p.call(depth + 1)
		if err != nil {
			return IntrinsicArg{}, err
		}
		return IntrinsicArg{Kind: ArgCall, Call: in}, nil
	case c == '-' || c >= '0' && c <= '9':
		j := p.i + 1
		for j < len(p.s) && strings.IndexByte("0123456789.eE+-", p.s[j]) >= 0 {
			j++
		}
		v, ok := parseJSONNumber(p.s[p.i:j])
		if !ok {
			return IntrinsicArg{}, p.fail("invalid number %q", p.s[p.i:j])
		}
		p.i = j
		return IntrinsicArg{Kind: ArgNumber, Value: v}, nil
	}
	for _, w := range []struct {
		word string
		kind ArgKind
		v    any
	}{{"true", ArgBool, true}, {"false", ArgBool, false}, {"null", ArgNull, nil}} {
		if strings.HasPrefix(rest, w.word) && (len(rest) == len(w.word) || !isVarNameByte(rest[len(w.word)])) {
			p.i += len(w.word)
			return IntrinsicArg{Kind: w.kind, Value: w.v}, nil
		}
	}
	return IntrinsicArg{}, p.fail("expected a quoted string, a number, true, false, null, a path or an intrinsic function")
}

// stringArg reads '…' with the escapes \' \{ \} \\ (AWS's reserved
// characters). Any other backslash is rejected, as AWS rejects
// States.StringToJson('{"a":"\"x\""}') (recorded in the corpus).
func (p *intrinsicParser) stringArg() (IntrinsicArg, error) {
	p.i++ // opening quote
	var b []byte
	var esc []bool
	for {
		if p.i >= len(p.s) {
			return IntrinsicArg{}, p.fail("unterminated string literal")
		}
		c := p.s[p.i]
		if c == '\'' {
			p.i++
			return IntrinsicArg{Kind: ArgString, Value: string(b), escaped: esc}, nil
		}
		if c == '\\' {
			if p.i+1 >= len(p.s) || strings.IndexByte(`'{}\`, p.s[p.i+1]) < 0 {
				return IntrinsicArg{}, p.fail(`invalid escape in a string literal: only \', \{, \} and \\ are allowed`)
			}
			b = append(b, p.s[p.i+1])
			esc = append(esc, true)
			p.i += 2
			continue
		}
		b = append(b, c)
		esc = append(esc, false)
		p.i++
	}
}

// pathArg reads a path up to the ',' or ')' that ends the argument, keeping
// brackets, quotes and filter parentheses together.
func (p *intrinsicParser) pathArg() (IntrinsicArg, error) {
	start := p.i
	depth := 0
	var quote byte
	for p.i < len(p.s) {
		c := p.s[p.i]
		if quote != 0 {
			if c == '\\' && p.i+1 < len(p.s) {
				p.i++
			} else if c == quote {
				quote = 0
			}
			p.i++
			continue
		}
		switch c {
		case '\'', '"':
			quote = c
		case '[', '(':
			depth++
		case ']':
			depth--
		case ')':
			if depth == 0 {
				goto done
			}
			depth--
		case ',':
			if depth == 0 {
				goto done
			}
		}
		p.i++
	}
done:
	text := strings.TrimSpace(p.s[start:p.i])
	path, err := ParsePath(text)
	if err != nil {
		pos := p.i
		if pe, ok := err.(*PathError); ok {
			pos = start + pe.Pos
		}
		return IntrinsicArg{}, &IntrinsicError{Src: p.src, Pos: pos, Msg: err.Error()}
	}
	return IntrinsicArg{Kind: ArgPath, Path: path}, nil
}

// nearestIntrinsic suggests the known name closest to a misspelt one
// (case-insensitive edit distance of at most 3), or "".
func nearestIntrinsic(name string) string {
	best, bestDist := "", 4
	for _, known := range IntrinsicNames() {
		if d := editDistance(strings.ToLower(name), strings.ToLower(known)); d < bestDist {
			best, bestDist = known, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
