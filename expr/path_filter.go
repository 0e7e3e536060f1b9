package expr

import (
	"regexp"
	"strconv"
	"strings"
)

// Filter expressions "[?(…)]" as Jayway JsonPath evaluates them: comparisons
// (== != < <= > >= =~ in nin subsetof anyof noneof size empty contains),
// existence tests, && || ! and parentheses. "@" is the item under test and
// "$" the document root.

type filterNode interface {
	test(item, root any) bool
}

type filterAnd struct{ l, r filterNode }
type filterOr struct{ l, r filterNode }
type filterNot struct{ x filterNode }

func (f filterAnd) test(item, root any) bool { return f.l.test(item, root) && f.r.test(item, root) }
func (f filterOr) test(item, root any) bool  { return f.l.test(item, root) || f.r.test(item, root) }
func (f filterNot) test(item, root any) bool { return !f.x.test(item, root) }

// operand is a literal or a path relative to @ or $.
type operand struct {
	isPath  bool
	current bool // @ rather than $
	segs    []segment
	lit     any
	re      *regexp.Regexp
}

// value evaluates the operand; ok is false for a path that selects nothing.
func (o *operand) value(item, root any) (any, bool) {
	if !o.isPath {
		return o.lit, true
	}
	start := root
	if o.current {
		start = item
	}
	definite := true
	for i := range o.segs {
		if !o.segs[i].definite(i == len(o.segs)-1) {
			definite = false
		}
	}
	var got []any
	walkSegs(o.segs, start, root, func(v any) { got = append(got, v) })
	if definite {
		if len(got) == 0 {
			return nil, false
		}
		return got[0], true
	}
	if got == nil {
		got = []any{}
	}
	return got, true
}

type filterRel struct {
	l, r *operand
	op   string // "" for an existence test
}

func (f filterRel) test(item, root any) bool {
	lv, lok := f.l.value(item, root)
	if f.op == "" {
		if !lok {
			return false
		}
		if b, isBool := lv.(bool); isBool && !f.l.isPath {
			return b
		}
		return true
	}
	if f.op == "=~" {
		s, ok := lv.(string)
		return lok && ok && f.r.re != nil && f.r.re.MatchString(s)
	}
	rv, rok := f.r.value(item, root)
	switch f.op {
	case "==", "===":
		return lok && rok && filterEqual(lv, rv, f.op == "===")
	case "!=", "!==":
		return !(lok && rok && filterEqual(lv, rv, f.op == "!=="))
	case "<", "<=", ">", ">=":
		if !lok || !rok {
			return false
		}
		c, ok := filterCompare(lv, rv)
		if !ok {
			return false
		}
		switch f.op {
		case "<":
			return c < 0
		case "<=":
			return c <= 0
		case ">":
			return c > 0
		}
		return c >= 0
	}
	if !lok || !rok {
		return false
	}
	switch f.op {
	case "in", "nin":
		list, ok := rv.([]any)
		if !ok {
			return false
		}
		found := containsEqual(list, lv)
		return found == (f.op == "in")
	case "contains":
		switch l := lv.(type) {
		case []any:
			return containsEqual(l, rv)
		case string:
			rs, ok := rv.(string)
			return ok && strings.Contains(l, rs)
		}
		return false
	case "subsetof", "anyof", "noneof":
		ll, ok1 := lv.([]any)
		rl, ok2 := rv.([]any)
		if !ok1 || !ok2 {
			return false
		}
		any1 := false
		for _, x := range ll {
			in := containsEqual(rl, x)
			if f.op == "subsetof" && !in {
				return false
			}
			if in {
				any1 = true
			}
		}
		switch f.op {
		case "anyof":
			return any1
		case "noneof":
			return !any1
		}
		return true
	case "size":
		n, ok := numFloat(rv)
		if !ok {
			return false
		}
		switch l := lv.(type) {
		case []any:
			return float64(len(l)) == n
		case string:
			return float64(len([]rune(l))) == n
		}
		return false
	case "empty":
		want, _ := rv.(bool)
		switch l := lv.(type) {
		case []any:
			return (len(l) == 0) == want
		case string:
			return (l == "") == want
		}
		return false
	}
	return false
}

func containsEqual(list []any, v any) bool {
	for _, x := range list {
		if filterEqual(x, v, false) {
			return true
		}
	}
	return false
}

// filterEqual follows Jayway: numbers compare by value, and (unless strict)
// a number equals a string holding the same number.
func filterEqual(a, b any, strict bool) bool {
	if an, ok := numFloat(a); ok {
		if bn, ok := numFloat(b); ok {
			return an == bn
		}
		if bs, ok := b.(string); ok && !strict {
			bn, err := strconv.ParseFloat(bs, 64)
			return err == nil && an == bn
		}
		return false
	}
	if as, ok := a.(string); ok {
		if bs, ok := b.(string); ok {
			return as == bs
		}
		if _, ok := numFloat(b); ok && !strict {
			return filterEqual(b, a, false)
		}
		return false
	}
	return DeepEqual(a, b)
}

// filterCompare orders two numbers or two strings; other pairs do not compare.
func filterCompare(a, b any) (int, bool) {
	if an, ok := numFloat(a); ok {
		if bn, ok := numFloat(b); ok {
			switch {
			case an < bn:
				return -1, true
			case an > bn:
				return 1, true
			}
			return 0, true
		}
		return 0, false
	}
	if as, ok := a.(string); ok {
		if bs, ok := b.(string); ok {
			return strings.Compare(as, bs), true
		}
	}
	return 0, false
}

// --- parsing ---

func (p *pathParser) filterExpr() (filterNode, error) {
	l, err := p.filterAnd()
	if err != nil {
		return nil, err
	}
	for {
		p.skipSpace()
		if !strings.HasPrefix(p.s[p.i:], "||") {
			return l, nil
		}
		p.i += 2
		r, err := p.filterAnd()
		if err != nil {
			return nil, err
		}
		l = filterOr{l, r}
	}
}

func (p *pathParser) filterAnd() (filterNode, error) {
	l, err := p.filterUnary()
	if err != nil {
		return nil, err
	}
	for {
		p.skipSpace()
		if !strings.HasPrefix(p.s[p.i:], "&&") {
			return l, nil
		}
		p.i += 2
		r, err := p.filterUnary()
		if err != nil {
			return nil, err
		}
		l = filterAnd{l, r}
	}
}

func (p *pathParser) filterUnary() (filterNode, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxFilterNesting {
		return nil, p.fail("filter nested more than %d deep", maxFilterNesting)
	}
	p.skipSpace()
	switch {
	case p.peek() == '!' && !strings.HasPrefix(p.s[p.i:], "!="):
		p.i++
		x, err := p.filterUnary()
		if err != nil {
			return nil, err
		}
		return filterNot{x}, nil
	case p.peek() == '(':
		p.i++
		x, err := p.filterExpr()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.peek() != ')' {
			return nil, p.fail("expected ')' in filter")
		}
		p.i++
		return x, nil
	}
	return p.filterRelation()
}

// filterOps is ordered so that longer operators match first.
var filterOps = []string{"===", "!==", "==", "!=", "<=", ">=", "=~", "<", ">",
	"subsetof", "contains", "noneof", "anyof", "empty", "size", "nin", "in"}

func (p *pathParser) filterRelation() (filterNode, error) {
	l, err := p.filterOperand()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	rest := p.s[p.i:]
	for _, op := range filterOps {
		if !strings.HasPrefix(rest, op) {
			continue
		}
		if isWordOp(op) && len(rest) > len(op) && isVarNameByte(rest[len(op)]) {
			continue
		}
		p.i += len(op)
		p.skipSpace()
		var r *operand
		if op == "=~" {
			r, err = p.regexOperand()
		} else {
			r, err = p.filterOperand()
		}
		if err != nil {
			return nil, err
		}
		return filterRel{l: l, r: r, op: op}, nil
	}
	return filterRel{l: l}, nil
}

func isWordOp(op string) bool { return op[0] >= 'a' && op[0] <= 'z' }

func (p *pathParser) filterOperand() (*operand, error) {
	p.skipSpace()
	c := p.peek()
	switch {
	case c == '@' || c == '$':
		p.i++
		segs, err := p.segments(true)
		if err != nil {
			return nil, err
		}
		return &operand{isPath: true, current: c == '@', segs: segs}, nil
	case c == '\'' || c == '"':
		p.i++
		start := p.i
		for p.more() && p.peek() != c {
			if p.peek() == '\\' {
				p.i++
			}
			p.i++
		}
		if !p.more() {
			return nil, p.fail("unterminated string in filter")
		}
		s := p.s[start:p.i]
		p.i++
		return &operand{lit: unescapeFilterString(s)}, nil
	case c == '-' || c >= '0' && c <= '9':
		start := p.i
		p.i++
		for p.more() && strings.IndexByte("0123456789.eE+-", p.peek()) >= 0 {
			p.i++
		}
		v, ok := parseJSONNumber(p.s[start:p.i])
		if !ok {
			return nil, p.fail("invalid number %q in filter", p.s[start:p.i])
		}
		return &operand{lit: v}, nil
	case c == '[' || c == '{':
		end, ok := jsonLiteralEnd(p.s, p.i)
		if !ok {
			return nil, p.fail("invalid JSON literal in filter")
		}
		v, err := ParseJSON([]byte(singleToDoubleQuotes(p.s[p.i:end])))
		if err != nil {
			return nil, p.fail("invalid JSON literal in filter")
		}
		p.i = end
		return &operand{lit: v}, nil
	}
	for _, w := range []struct {
		s string
		v any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if strings.HasPrefix(p.s[p.i:], w.s) {
			p.i += len(w.s)
			return &operand{lit: w.v}, nil
		}
	}
	return nil, p.fail("expected a value or a path in filter")
}

// regexOperand reads /pattern/flags (Java regex syntax, close enough to RE2
// for the patterns people write in filters).
func (p *pathParser) regexOperand() (*operand, error) {
	if p.peek() != '/' {
		return nil, p.fail("expected /regex/ after =~")
	}
	p.i++
	start := p.i
	for p.more() && p.peek() != '/' {
		if p.peek() == '\\' {
			p.i++
		}
		p.i++
	}
	if !p.more() {
		return nil, p.fail("unterminated regular expression")
	}
	pat := p.s[start:p.i]
	p.i++
	flags := ""
	for p.more() && strings.IndexByte("imsxu", p.peek()) >= 0 {
		if p.peek() != 'x' && p.peek() != 'u' {
			flags += string(p.peek())
		}
		p.i++
	}
	if flags != "" {
		pat = "(?" + flags + ")" + pat
	}
	re, err := regexp.Compile("^(?:" + pat + ")$")
	if err != nil {
		return nil, p.fail("invalid regular expression: %v", err)
	}
	return &operand{re: re}, nil
}

func unescapeFilterString(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// jsonLiteralEnd finds the end of a JSON array/object starting at i,
// balancing brackets outside strings.
func jsonLiteralEnd(s string, i int) (int, bool) {
	depth := 0
	inStr := byte(0)
	for j := i; j < len(s); j++ {
		c := s[j]
		if inStr != 0 {
			if c == '\\' {
				j++
			} else if c == inStr {
				inStr = 0
			}
			continue
		}
		switch c {
		case '"', '\'':
			inStr = c
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return j + 1, true
			}
		}
	}
	return 0, false
}

// singleToDoubleQuotes rewrites 'x' strings of a filter's JSON literal as
// "x", since Jayway accepts both quotes there.
func singleToDoubleQuotes(s string) string {
	if !strings.Contains(s, "'") {
		return s
	}
	var b strings.Builder
	inStr := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr == 0 && (c == '\'' || c == '"'):
			inStr = c
			b.WriteByte('"')
		case inStr != 0 && c == '\\' && i+1 < len(s):
			if s[i+1] == '\'' {
				b.WriteByte('\'')
			} else {
				b.WriteByte(c)
				b.WriteByte(s[i+1])
			}
			i++
		case inStr != 0 && c == inStr:
			inStr = 0
			b.WriteByte('"')
		case inStr == '\'' && c == '"':
			b.WriteString(`\"`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
