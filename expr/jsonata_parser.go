package expr

import (
	"regexp"
	"strings"
)

// The JSONata parser: a Pratt (top-down operator precedence) parser that
// builds a raw tree, then jnProcess turns it into the evaluation tree the
// way jsonata-js does (paths of steps, predicates as stages, sort steps).

type jnKind int

const (
	jnPath jnKind = iota
	jnBinary
	jnUnaryMinus
	jnArrayCtor
	jnObject
	jnName
	jnString
	jnNumberLit
	jnValue
	jnWildcard
	jnDescendant
	jnParent
	jnCondition
	jnBlock
	jnBind
	jnRegex
	jnFunction
	jnPartial
	jnPlaceholder // the ? of a partial application
	jnVariable
	jnLambda
	jnApply
	jnTransform
	jnSort
	jnPredicateRaw // raw a[b] before processing
	jnGroupRaw     // raw a{...} before processing
	jnFocusRaw     // raw a@$v
	jnIndexRaw     // raw a#$v
	jnIndexStage   // #$v after predicates: numbers the tuples at that point
)

type jnSortTerm struct {
	descending bool
	expr       *jnNode
}

type jnNode struct {
	kind jnKind
	pos  int
	op   string  // binary operator; name; variable name; string value
	num  float64 // number literal
	val  any     // true/false/null literal

	lhs, rhs *jnNode
	items    []*jnNode    // array items, block expressions, call arguments
	pairs    [][2]*jnNode // object constructor / group-by pairs
	steps    []*jnNode    // path steps

	stages     []*jnNode // filters applied per input item inside a path step
	predicates []*jnNode // filters applied to the result of this node
	group      [][2]*jnNode
	hasGroup   bool
	terms      []jnSortTerm

	cond, then, els *jnNode // condition; transform uses cond=pattern, then=update, els=delete

	params []string // lambda parameters (without $)
	sig    *jnSignature
	body   *jnNode

	re *regexp.Regexp

	keepArray          bool // a[] on a step
	consArray          bool // array constructor as first/last path step
	keepSingletonArray bool // path has a step with []
	focus, index       string
	tuple              bool // step: evaluated as a tuple stream; path: returns its tuples
	hasTuple           bool // path: some step is a tuple step

	slot          *jnSlot   // the parent operator %: which ancestor it reads
	ancestor      *jnSlot   // step: binds its input under this slot's label
	seekingParent []*jnSlot // % operators inside, not yet resolved
}

// jnSlot is an ancestor reference of the parent operator %.
type jnSlot struct {
	label string
	level int
	index int
}

// jnParser holds the token stream.
type jnParser struct {
	lx   jnLexer
	tok  *jnToken
	src  string
	deep int
}

// jnMaxParseDepth bounds nesting; jsonata-js (in Node) parses 2,000 nested
// parentheses and overflows its stack before 4,000.
const jnMaxParseDepth = 3000

func jnParse(src string) (*jnNode, error) {
	p := &jnParser{lx: jnLexer{src: src}, src: src}
	if err := p.advance(); err != nil {
		return nil, err
	}
	n, err := p.expression(0)
	if err != nil {
		return nil, err
	}
	if p.tok.kind != jnTokEnd {
		return nil, &JSONataError{Code: "S0201", Position: p.tok.pos, Token: p.tokText()}
	}
	pr := &jnProcessor{}
	root, err := pr.process(n)
	if err != nil {
		return nil, err
	}
	if root.kind == jnParent || len(root.seekingParent) > 0 {
		return nil, &JSONataError{Code: "S0217", Position: root.pos, Token: "parent"}
	}
	jnMarkTuplePaths(root)
	return root, nil
}

// advance reads the next token where an operand may follow, so "/" starts
// a regex; advanceInfix reads it where an operator follows ("/" divides).
// jsonata-js makes the same choice per call site, quirks included (after
// "[]" and "^(…)" a "/" starts a regex).
func (p *jnParser) advance() error { return p.advanceMode(false) }

func (p *jnParser) advanceInfix() error { return p.advanceMode(true) }

func (p *jnParser) advanceMode(infix bool) error {
	t, err := p.lx.next(infix)
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

func (p *jnParser) tokText() string {
	if p.tok.kind == jnTokEnd {
		return "(end)"
	}
	return p.src[p.tok.pos:p.tok.end]
}

func (p *jnParser) isOp(s string) bool { return p.tok.kind == jnTokOp && p.tok.text == s }

// expect consumes the operator s or fails with S0202/S0203.
func (p *jnParser) expect(s string) error { return p.expectMode(s, false) }

func (p *jnParser) expectInfix(s string) error { return p.expectMode(s, true) }

func (p *jnParser) expectMode(s string, infix bool) error {
	if p.tok.kind == jnTokEnd {
		return &JSONataError{Code: "S0203", Position: p.tok.pos, Value: s, hasValue: true}
	}
	if !p.isOp(s) {
		return &JSONataError{Code: "S0202", Position: p.tok.pos, Value: s, hasValue: true, Token: p.tokText()}
	}
	return p.advanceMode(infix)
}

// jnInfix lists the operators that continue an expression; the others
// (":", ";", ",", "|", "..", ")"…) end it.
var jnInfix = map[string]bool{
	".": true, "[": true, "{": true, "(": true, "@": true, "#": true, "?": true,
	"+": true, "-": true, "*": true, "/": true, "%": true, "=": true, "<": true,
	">": true, "^": true, ":=": true, "!=": true, "<=": true, ">=": true,
	"~>": true, "and": true, "or": true, "in": true, "&": true,
}

func (p *jnParser) lbp() int {
	if p.tok.kind != jnTokOp || !jnInfix[p.tok.text] {
		return 0
	}
	return jnOperators[p.tok.text]
}

func (p *jnParser) expression(rbp int) (*jnNode, error) {
	p.deep++
	defer func() { p.deep-- }()
	if p.deep > jnMaxParseDepth {
		return nil, &JSONataError{Code: "U1002", Position: p.tok.pos, Message: "Expression is nested too deeply"}
	}
	t := p.tok
	if err := p.advanceInfix(); err != nil {
		return nil, err
	}
	left, err := p.nud(t)
	if err != nil {
		return nil, err
	}
	for rbp < p.lbp() {
		t = p.tok
		if err := p.advance(); err != nil {
			return nil, err
		}
		left, err = p.led(t, left)
		if err != nil {
			return nil, err
		}
	}
	return left, nil
}

func (p *jnParser) nud(t *jnToken) (*jnNode, error) {
	switch t.kind {
	case jnTokEnd:
		return nil, &JSONataError{Code: "S0207", Position: t.pos}
	case jnTokString:
		return &jnNode{kind: jnString, pos: t.pos, op: t.text}, nil
	case jnTokNumber:
		return &jnNode{kind: jnNumberLit, pos: t.pos, num: t.num}, nil
	case jnTokValue:
		return &jnNode{kind: jnValue, pos: t.pos, val: t.value}, nil
	case jnTokName:
		return &jnNode{kind: jnName, pos: t.pos, op: t.text}, nil
	case jnTokVariable:
		return &jnNode{kind: jnVariable, pos: t.pos, op: t.text}, nil
	case jnTokRegex:
		re, err := jnCompileRegex(t.text, t.flags)
		if err != nil {
			return nil, &JSONataError{Code: "S0303", Position: t.pos, Message: err.Error()}
		}
		return &jnNode{kind: jnRegex, pos: t.pos, op: t.text, re: re}, nil
	}
	switch t.text {
	case "and", "or", "in": // operators used as names
		return &jnNode{kind: jnName, pos: t.pos, op: t.text}, nil
	case "-":
		e, err := p.expression(70)
		if err != nil {
			return nil, err
		}
		if e.kind == jnNumberLit {
			e.num = -e.num
			return e, nil
		}
		return &jnNode{kind: jnUnaryMinus, pos: t.pos, lhs: e}, nil
	case "*":
		return &jnNode{kind: jnWildcard, pos: t.pos}, nil
	case "**":
		return &jnNode{kind: jnDescendant, pos: t.pos}, nil
	case "%":
		return &jnNode{kind: jnParent, pos: t.pos}, nil
	case "?":
		return &jnNode{kind: jnPlaceholder, pos: t.pos}, nil
	case "(":
		n := &jnNode{kind: jnBlock, pos: t.pos}
		for !p.isOp(")") {
			e, err := p.expression(0)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, e)
			if !p.isOp(";") {
				break
			}
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
		return n, p.expectInfix(")")
	case "[":
		n := &jnNode{kind: jnArrayCtor, pos: t.pos}
		if !p.isOp("]") {
			for {
				e, err := p.expression(0)
				if err != nil {
					return nil, err
				}
				if p.isOp("..") {
					pos := p.tok.pos
					if err := p.advance(); err != nil {
						return nil, err
					}
					r, err := p.expression(0)
					if err != nil {
						return nil, err
					}
					e = &jnNode{kind: jnBinary, op: "..", pos: pos, lhs: e, rhs: r}
				}
				n.items = append(n.items, e)
				if !p.isOp(",") {
					break
				}
				if err := p.advance(); err != nil {
					return nil, err
				}
			}
		}
		return n, p.expectInfix("]")
	case "{":
		pairs, err := p.objectPairs()
		if err != nil {
			return nil, err
		}
		return &jnNode{kind: jnObject, pos: t.pos, pairs: pairs}, nil
	case "|":
		n := &jnNode{kind: jnTransform, pos: t.pos}
		var err error
		if n.cond, err = p.expression(0); err != nil {
			return nil, err
		}
		if err = p.expect("|"); err != nil {
			return nil, err
		}
		if n.then, err = p.expression(0); err != nil {
			return nil, err
		}
		if p.isOp(",") {
			if err = p.advance(); err != nil {
				return nil, err
			}
			if n.els, err = p.expression(0); err != nil {
				return nil, err
			}
		}
		return n, p.expect("|")
	}
	return nil, &JSONataError{Code: "S0211", Position: t.pos, Token: t.text}
}

func (p *jnParser) objectPairs() ([][2]*jnNode, error) {
	var pairs [][2]*jnNode
	if !p.isOp("}") {
		for {
			k, err := p.expression(0)
			if err != nil {
				return nil, err
			}
			if err := p.expect(":"); err != nil {
				return nil, err
			}
			v, err := p.expression(0)
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, [2]*jnNode{k, v})
			if !p.isOp(",") {
				break
			}
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
	}
	return pairs, p.expectInfix("}")
}

func (p *jnParser) led(t *jnToken, left *jnNode) (*jnNode, error) {
	op := t.text
	switch op {
	case "(":
		return p.call(t, left)
	case "[":
		if p.isOp("]") {
			// empty predicate: keep singleton arrays
			step := left
			for step.kind == jnPredicateRaw {
				step = step.lhs
			}
			step.keepArray = true
			return left, p.advance()
		}
		rhs, err := p.expression(0)
		if err != nil {
			return nil, err
		}
		return &jnNode{kind: jnPredicateRaw, pos: t.pos, lhs: left, rhs: rhs}, p.expectInfix("]")
	case "{":
		pairs, err := p.objectPairs()
		if err != nil {
			return nil, err
		}
		return &jnNode{kind: jnGroupRaw, pos: t.pos, lhs: left, pairs: pairs}, nil
	case "^":
		if err := p.expect("("); err != nil {
			return nil, err
		}
		n := &jnNode{kind: jnSort, pos: t.pos, lhs: left}
		for {
			desc := false
			if p.isOp("<") {
				if err := p.advance(); err != nil {
					return nil, err
				}
			} else if p.isOp(">") {
				desc = true
				if err := p.advance(); err != nil {
					return nil, err
				}
			}
			e, err := p.expression(0)
			if err != nil {
				return nil, err
			}
			n.terms = append(n.terms, jnSortTerm{descending: desc, expr: e})
			if !p.isOp(",") {
				break
			}
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
		return n, p.expect(")")
	case "?":
		n := &jnNode{kind: jnCondition, pos: t.pos, cond: left}
		var err error
		if n.then, err = p.expression(0); err != nil {
			return nil, err
		}
		if p.isOp(":") {
			if err = p.advance(); err != nil {
				return nil, err
			}
			if n.els, err = p.expression(0); err != nil {
				return nil, err
			}
		}
		return n, nil
	case ":=":
		if left.kind != jnVariable {
			return nil, &JSONataError{Code: "S0212", Position: left.pos, Token: left.op}
		}
		rhs, err := p.expression(jnOperators[":="] - 1) // right associative
		if err != nil {
			return nil, err
		}
		return &jnNode{kind: jnBind, pos: t.pos, lhs: left, rhs: rhs}, nil
	case "@", "#":
		rhs, err := p.expression(jnOperators[op])
		if err != nil {
			return nil, err
		}
		if rhs.kind != jnVariable {
			return nil, &JSONataError{Code: "S0214", Position: rhs.pos, Token: op}
		}
		k := jnFocusRaw
		if op == "#" {
			k = jnIndexRaw
		}
		return &jnNode{kind: k, pos: t.pos, lhs: left, op: rhs.op}, nil
	case "~>":
		rhs, err := p.expression(jnOperators[op])
		if err != nil {
			return nil, err
		}
		return &jnNode{kind: jnApply, pos: t.pos, lhs: left, rhs: rhs}, nil
	case ".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=", "and", "or", "in", "&":
		rhs, err := p.expression(jnOperators[op])
		if err != nil {
			return nil, err
		}
		return &jnNode{kind: jnBinary, op: op, pos: t.pos, lhs: left, rhs: rhs}, nil
	}
	return nil, &JSONataError{Code: "S0201", Position: t.pos, Token: op}
}

func (p *jnParser) call(t *jnToken, left *jnNode) (*jnNode, error) {
	n := &jnNode{kind: jnFunction, pos: t.pos, lhs: left}
	if !p.isOp(")") {
		for {
			if p.isOp("?") {
				n.kind = jnPartial
				n.items = append(n.items, &jnNode{kind: jnPlaceholder, pos: p.tok.pos})
				if err := p.advance(); err != nil {
					return nil, err
				}
			} else {
				e, err := p.expression(0)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, e)
			}
			if !p.isOp(",") {
				break
			}
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
	}
	if err := p.expectInfix(")"); err != nil {
		return nil, err
	}
	if left.kind != jnName || (left.op != "function" && left.op != "λ") {
		return n, nil
	}
	// a lambda definition: function($a, $b)<sig>{ body }
	lam := &jnNode{kind: jnLambda, pos: left.pos}
	for _, a := range n.items {
		if a.kind != jnVariable {
			return nil, &JSONataError{Code: "S0208", Position: a.pos, Value: jnRawText(a), hasValue: true}
		}
		lam.params = append(lam.params, a.op)
	}
	if p.isOp("<") {
		start := p.tok.pos
		depth := 0
		end := -1
		for i := start; i < len(p.src); i++ {
			if p.src[i] == '<' {
				depth++
			} else if p.src[i] == '>' {
				depth--
				if depth == 0 {
					end = i
					break
				}
			} else if p.src[i] == '{' {
				break
			}
		}
		if end < 0 {
			return nil, &JSONataError{Code: "S0202", Position: start, Value: ">", hasValue: true, Token: "{"}
		}
		sig, err := jnParseSignature(p.src[start : end+1])
		if err != nil {
			return nil, err
		}
		lam.sig = sig
		// restart lexing after the signature
		p.lx.pos = end + 1
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	body, err := p.expression(0)
	if err != nil {
		return nil, err
	}
	lam.body = body
	return lam, p.expect("}")
}

func jnRawText(n *jnNode) any {
	switch n.kind {
	case jnName, jnString:
		return n.op
	case jnNumberLit:
		return n.num
	case jnValue:
		return n.val
	}
	return n.op
}

// jnCompileRegex translates a JavaScript regex literal to Go's RE2 syntax.
// Features RE2 lacks (look-around, back-references) give an error.
func jnCompileRegex(pattern, flags string) (*regexp.Regexp, error) {
	prefix := ""
	for _, f := range flags {
		switch f {
		case 'i':
			prefix += "i"
		case 'm':
			prefix += "m"
		case 's':
			prefix += "s"
		}
	}
	src := pattern
	if prefix != "" {
		src = "(?" + prefix + ")" + pattern
	}
	// JavaScript allows "\/" and "\-" style identity escapes of punctuation.
	src = strings.ReplaceAll(src, `\/`, `/`)
	return regexp.Compile(src)
}
