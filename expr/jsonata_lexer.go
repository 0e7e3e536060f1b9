package expr

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The JSONata lexer. It follows jsonata-js 2.0.6 (the version AWS runs):
// the same operators, string escapes, number syntax, back-quoted names,
// comments and regular-expression literals.

type jnTokKind int

const (
	jnTokEnd jnTokKind = iota
	jnTokOp
	jnTokString
	jnTokNumber
	jnTokValue // true, false, null
	jnTokName
	jnTokVariable
	jnTokRegex
)

type jnToken struct {
	kind  jnTokKind
	text  string // operator, name, variable name (without $), string value, regex source
	num   float64
	value any // for jnTokValue: true, false or nil
	flags string
	pos   int // byte offset of the token's start
	end   int // byte offset just past the token
}

// jnOperators maps every operator to its binding power (as in jsonata-js).
var jnOperators = map[string]int{
	".": 75, "[": 80, "]": 0, "{": 70, "}": 0, "(": 80, ")": 0, ",": 0,
	"@": 80, "#": 80, ";": 80, ":": 80, "?": 20, "+": 50, "-": 50, "*": 60,
	"/": 60, "%": 60, "|": 20, "=": 40, "<": 40, ">": 40, "^": 40, "**": 60,
	"..": 20, ":=": 10, "!=": 40, "<=": 40, ">=": 40, "~>": 40, "and": 30,
	"or": 25, "in": 40, "&": 50, "!": 0, "~": 0,
}

type jnLexer struct {
	src string
	pos int
}

func (lx *jnLexer) errAt(code string, pos int, token string) error {
	return &JSONataError{Code: code, Position: pos, Token: token}
}

// next reads a token; infix is true where the parser expects an operator,
// so that "/" divides rather than starting a regex literal.
func (lx *jnLexer) next(infix bool) (*jnToken, error) {
	return lx.scan(!infix)
}

func isJnSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func (lx *jnLexer) scan(regexAllowed bool) (*jnToken, error) {
	src := lx.src
	// skip whitespace and comments
	for lx.pos < len(src) {
		c := src[lx.pos]
		if isJnSpace(c) {
			lx.pos++
			continue
		}
		if c == '/' && lx.pos+1 < len(src) && src[lx.pos+1] == '*' {
			start := lx.pos
			end := strings.Index(src[lx.pos+2:], "*/")
			if end < 0 {
				return nil, lx.errAt("S0106", start, "")
			}
			lx.pos += 2 + end + 2
			continue
		}
		break
	}
	start := lx.pos
	if lx.pos >= len(src) {
		return &jnToken{kind: jnTokEnd, pos: start, end: start}, nil
	}
	c := src[lx.pos]
	if c == '/' && regexAllowed {
		return lx.scanRegex()
	}
	// two-character operators
	if lx.pos+1 < len(src) {
		two := src[lx.pos : lx.pos+2]
		switch two {
		case "..", ":=", "!=", ">=", "<=", "**", "~>":
			lx.pos += 2
			return &jnToken{kind: jnTokOp, text: two, pos: start, end: lx.pos}, nil
		}
	}
	if strings.IndexByte(".[]{}(),@#;:?+-*/%|=<>^&!~", c) >= 0 {
		lx.pos++
		return &jnToken{kind: jnTokOp, text: string(c), pos: start, end: lx.pos}, nil
	}
	if c == '"' || c == '\'' {
		return lx.scanString(c)
	}
	if c >= '0' && c <= '9' {
		return lx.scanNumber()
	}
	if c == '`' {
		end := strings.IndexByte(src[lx.pos+1:], '`')
		if end < 0 {
			return nil, lx.errAt("S0105", start, "")
		}
		name := src[lx.pos+1 : lx.pos+1+end]
		lx.pos += end + 2
		return &jnToken{kind: jnTokName, text: name, pos: start, end: lx.pos}, nil
	}
	// names and variables run until whitespace or an operator character
	i := lx.pos
	for i < len(src) {
		ch := src[i]
		if isJnSpace(ch) || strings.IndexByte(".[]{}(),@#;:?+-*/%|=<>^&!~\"'`", ch) >= 0 {
			break
		}
		i++
	}
	word := src[lx.pos:i]
	if c == '$' {
		lx.pos = i
		return &jnToken{kind: jnTokVariable, text: word[1:], pos: start, end: i}, nil
	}
	if word == "" {
		// cannot happen: every byte is either an operator, a quote or a name byte
		lx.pos++
		return nil, lx.errAt("S0204", start, string(c))
	}
	lx.pos = i
	switch word {
	case "and", "or", "in":
		return &jnToken{kind: jnTokOp, text: word, pos: start, end: i}, nil
	case "true":
		return &jnToken{kind: jnTokValue, text: word, value: true, pos: start, end: i}, nil
	case "false":
		return &jnToken{kind: jnTokValue, text: word, value: false, pos: start, end: i}, nil
	case "null":
		return &jnToken{kind: jnTokValue, text: word, value: nil, pos: start, end: i}, nil
	}
	return &jnToken{kind: jnTokName, text: word, pos: start, end: i}, nil
}

func (lx *jnLexer) scanString(quote byte) (*jnToken, error) {
	src := lx.src
	start := lx.pos
	var b strings.Builder
	i := lx.pos + 1
	for i < len(src) {
		c := src[i]
		if c == quote {
			lx.pos = i + 1
			return &jnToken{kind: jnTokString, text: b.String(), pos: start, end: lx.pos}, nil
		}
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		i++
		if i >= len(src) {
			break
		}
		switch e := src[i]; e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := jnHex4(src, i+1)
			if !ok {
				return nil, lx.errAt("S0104", i, "")
			}
			i += 4
			// combine a UTF-16 surrogate pair
			if r >= 0xD800 && r < 0xDC00 && i+2 < len(src) && src[i+1] == '\\' && src[i+2] == 'u' {
				if r2, ok2 := jnHex4(src, i+3); ok2 && r2 >= 0xDC00 && r2 < 0xE000 {
					r = (r-0xD800)<<10 + (r2 - 0xDC00) + 0x10000
					i += 6
				}
			}
			b.WriteRune(rune(r))
		default:
			_, size := utf8.DecodeRuneInString(src[i:])
			return nil, lx.errAt("S0103", i, src[i:i+size])
		}
		i++
	}
	return nil, lx.errAt("S0101", start, "")
}

func jnHex4(s string, at int) (int, bool) {
	if at+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[at:at+4], 16, 32)
	if err != nil {
		return 0, false
	}
	return int(v), true
}

func (lx *jnLexer) scanNumber() (*jnToken, error) {
	src := lx.src
	start := lx.pos
	i := lx.pos
	if src[i] == '0' {
		i++
	} else {
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
	}
	if i+1 < len(src) && src[i] == '.' && src[i+1] >= '0' && src[i+1] <= '9' {
		i++
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && src[j] >= '0' && src[j] <= '9' {
			for j < len(src) && src[j] >= '0' && src[j] <= '9' {
				j++
			}
			i = j
		}
	}
	text := src[start:i]
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) {
		return nil, lx.errAt("S0102", start, text)
	}
	lx.pos = i
	return &jnToken{kind: jnTokNumber, text: text, num: f, pos: start, end: i}, nil
}

func (lx *jnLexer) scanRegex() (*jnToken, error) {
	src := lx.src
	start := lx.pos
	i := lx.pos + 1
	inClass := false
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\\':
			i += 2
			continue
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			pattern := src[start+1 : i]
			if pattern == "" {
				return nil, lx.errAt("S0301", start, "")
			}
			i++
			fstart := i
			for i < len(src) && src[i] >= 'a' && src[i] <= 'z' {
				i++
			}
			lx.pos = i
			return &jnToken{kind: jnTokRegex, text: pattern, flags: src[fstart:i], pos: start, end: i}, nil
		}
		i++
	}
	return nil, lx.errAt("S0302", start, "")
}
