package expr

import (
	"regexp"
	"strings"
)

// Function signatures ("<s-nn?:s>") check and coerce the arguments of
// built-in functions and typed lambdas the way jsonata-js does: each
// argument gets a one-letter type symbol and the symbols are matched
// against a regular expression built from the signature.

type jnParam struct {
	regex        string
	typ          string
	context      bool
	contextRegex *regexp.Regexp
	subtype      string
}

type jnSignature struct {
	params []jnParam
	re     *regexp.Regexp
}

var jnSigCache = map[string]*jnSignature{}

func jnMustSignature(s string) *jnSignature {
	if sig, ok := jnSigCache[s]; ok {
		return sig
	}
	sig, err := jnParseSignature(s)
	if err != nil {
		panic("bad built-in signature " + s + ": " + err.Error())
	}
	jnSigCache[s] = sig
	return sig
}

func jnParseSignature(s string) (*jnSignature, error) {
	var params []jnParam
	var cur jnParam
	prev := -1
	push := func() {
		params = append(params, cur)
		prev = len(params) - 1
		cur = jnParam{}
	}
	closing := func(pos int, open, close byte) int {
		depth := 1
		for i := pos + 1; i < len(s); i++ {
			if s[i] == open {
				depth++
			} else if s[i] == close {
				depth--
				if depth == 0 {
					return i
				}
			}
		}
		return len(s) - 1
	}
	for pos := 1; pos < len(s); pos++ {
		c := s[pos]
		if c == ':' {
			break
		}
		switch c {
		case 's', 'n', 'b', 'l', 'o':
			cur.regex = "[" + string(c) + "m]"
			cur.typ = string(c)
			push()
		case 'a':
			cur.regex = "[asnblfom]"
			cur.typ = "a"
			push()
		case 'f':
			cur.regex = "f"
			cur.typ = "f"
			push()
		case 'j':
			cur.regex = "[asnblom]"
			cur.typ = "j"
			push()
		case 'x':
			cur.regex = "[asnblfom]"
			cur.typ = "x"
			push()
		case '-':
			if prev >= 0 {
				p := &params[prev]
				p.context = true
				p.contextRegex = regexp.MustCompile("^" + p.regex + "$")
				p.regex += "?"
			}
		case '?', '+':
			if prev >= 0 {
				params[prev].regex += string(c)
			}
		case '(':
			end := closing(pos, '(', ')')
			choice := s[pos+1 : end]
			if strings.Contains(choice, "<") {
				return nil, &JSONataError{Code: "S0402", Position: pos}
			}
			cur.regex = "[" + choice + "m]"
			cur.typ = "(" + choice + ")"
			pos = end
			push()
		case '<':
			if prev >= 0 && (params[prev].typ == "a" || params[prev].typ == "f") {
				end := closing(pos, '<', '>')
				params[prev].subtype = s[pos+1 : end]
				pos = end
			} else {
				return nil, &JSONataError{Code: "S0401", Position: pos}
			}
		}
	}
	var re strings.Builder
	re.WriteString("^")
	for _, p := range params {
		re.WriteString("(" + p.regex + ")")
	}
	re.WriteString("$")
	compiled, err := regexp.Compile(re.String())
	if err != nil {
		return nil, &JSONataError{Code: "S0401", Position: 0}
	}
	return &jnSignature{params: params, re: compiled}, nil
}

var jnArrayTypeNames = map[string]string{
	"a": "arrays", "b": "booleans", "f": "functions", "n": "numbers",
	"o": "objects", "s": "strings",
}

// validate returns the arguments to pass: the context value fills a
// missing "-" argument, and single values become arrays where an array is
// expected.
func (sig *jnSignature) validate(args []any, context any, name string) ([]any, error) {
	var sb strings.Builder
	for _, a := range args {
		sb.WriteByte(jnSymbol(a))
	}
	supplied := sb.String()
	m := sig.re.FindStringSubmatch(supplied)
	if m == nil {
		// find the first argument that fails, as jsonata-js does
		partial := "^"
		goodTo := 0
		for _, p := range sig.params {
			partial += p.regex
			loc := regexp.MustCompile(partial).FindStringIndex(supplied)
			if loc == nil {
				break
			}
			goodTo = loc[1]
		}
		var v any = jnUndefined
		if goodTo < len(args) {
			v = args[goodTo]
		}
		return nil, &JSONataError{Code: "T0410", Token: name, Index: goodTo + 1, Value: v, hasValue: true}
	}
	out := make([]any, 0, len(sig.params))
	argIndex := 0
	for i, p := range sig.params {
		match := m[i+1]
		if match == "" {
			if p.context && p.contextRegex != nil {
				if !p.contextRegex.MatchString(string(jnSymbol(context))) {
					return nil, &JSONataError{Code: "T0411", Token: name, Index: argIndex + 1, Value: context, hasValue: true}
				}
				out = append(out, context)
			} else {
				var a any = jnUndefined
				if argIndex < len(args) {
					a = args[argIndex]
				}
				out = append(out, a)
				argIndex++
			}
			continue
		}
		for j := 0; j < len(match); j++ {
			single := match[j]
			arg := args[argIndex]
			if p.typ == "a" {
				if single == 'm' {
					arg = jnUndefined
				} else {
					ok := true
					if p.subtype != "" {
						if single != 'a' && string(single) != p.subtype {
							ok = false
						} else if single == 'a' {
							items, _ := jnArray(arg)
							if len(items) > 0 {
								t := jnSymbol(items[0])
								if t != p.subtype[0] {
									ok = false
								} else {
									for _, it := range items {
										if jnSymbol(it) != t {
											ok = false
											break
										}
									}
								}
							}
						}
					}
					if !ok {
						return nil, &JSONataError{Code: "T0412", Token: name, Index: argIndex + 1, Value: arg, hasValue: true, Type: jnArrayTypeNames[p.subtype]}
					}
					if single != 'a' {
						arg = []any{arg}
					}
				}
			}
			out = append(out, arg)
			argIndex++
		}
	}
	return out, nil
}

// arity is the number of parameters, used to decide how many arguments
// higher-order functions pass to a callback.
func (sig *jnSignature) arity() int { return len(sig.params) }
