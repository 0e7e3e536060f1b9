package expr

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Regular-expression functions: $match, $replace, $split, and calling a
// regex literal. Indexes in match objects count UTF-16 units as in
// JavaScript.

func jnUTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

type jnRegexMatch struct {
	start, end int // byte offsets
	groups     []any
}

// jnMatches finds successive matches, failing (D1004) when the pattern
// matches the empty string, as jsonata-js does.
func jnMatches(re *regexp.Regexp, s string, limit int) ([]jnRegexMatch, error) {
	var out []jnRegexMatch
	pos := 0
	for pos <= len(s) && (limit < 0 || len(out) < limit) {
		loc := re.FindStringSubmatchIndex(s[pos:])
		if loc == nil {
			break
		}
		if loc[0] == loc[1] {
			return nil, &JSONataError{Code: "D1004"}
		}
		m := jnRegexMatch{start: pos + loc[0], end: pos + loc[1]}
		for g := 2; g < len(loc); g += 2 {
			if loc[g] < 0 {
				m.groups = append(m.groups, "")
			} else {
				m.groups = append(m.groups, s[pos+loc[g]:pos+loc[g+1]])
			}
		}
		out = append(out, m)
		pos = m.end
		if pos >= len(s) {
			break
		}
	}
	return out, nil
}

func jnMatchObject(s string, m jnRegexMatch) map[string]any {
	groups := m.groups
	if groups == nil {
		groups = []any{}
	}
	return map[string]any{
		"match":  s[m.start:m.end],
		"index":  int64(jnUTF16Len(s[:m.start])),
		"groups": groups,
	}
}

func jnRegexFirstMatch(re *regexp.Regexp, s string) any {
	ms, err := jnMatches(re, s, 1)
	if err != nil || len(ms) == 0 {
		return jnUndefined
	}
	obj := jnMatchObject(s, ms[0])
	obj["start"] = obj["index"]
	obj["end"] = int64(jnUTF16Len(s[:ms[0].end]))
	delete(obj, "index")
	return obj
}

func jnLimitArg(v any, code string) (int, error) {
	if jnIsUndef(v) {
		return -1, nil
	}
	f, _ := jnNumber(v)
	if f < 0 {
		return 0, &JSONataError{Code: code}
	}
	if f > math.MaxInt32 {
		return math.MaxInt32, nil
	}
	return int(f), nil
}

func jnMatch(_ *jnEvaluator, a []any, _ any) (any, error) {
	s, ok := a[0].(string)
	if !ok {
		return jnUndefined, nil
	}
	limit, err := jnLimitArg(a[2], "D3040")
	if err != nil {
		return nil, err
	}
	re, ok := a[1].(*jnRegexVal)
	if !ok {
		return nil, &JSONataError{Code: "T0410", Token: "match", Index: 2, Value: a[1], hasValue: true}
	}
	out := &jnSeq{seq: true}
	if limit == 0 {
		return out, nil
	}
	ms, err := jnMatches(re.re, s, limit)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		out.items = append(out.items, jnMatchObject(s, m))
	}
	return out, nil
}

func jnReplace(ev *jnEvaluator, a []any, _ any) (any, error) {
	s, ok := a[0].(string)
	if !ok {
		return jnUndefined, nil
	}
	if p, ok := a[1].(string); ok && p == "" {
		return nil, &JSONataError{Code: "D3010"}
	}
	limit, err := jnLimitArg(a[3], "D3011")
	if err != nil {
		return nil, err
	}
	if limit == 0 {
		return s, nil
	}
	if p, ok := a[1].(string); ok {
		repl, _ := a[2].(string)
		var b strings.Builder
		count := 0
		pos := 0
		for limit < 0 || count < limit {
			i := strings.Index(s[pos:], p)
			if i < 0 {
				break
			}
			b.WriteString(s[pos : pos+i])
			b.WriteString(repl)
			pos += i + len(p)
			count++
			if b.Len() > jnMaxString {
				return nil, jnLimitErr("String result exceeds the size limit")
			}
		}
		b.WriteString(s[pos:])
		return b.String(), nil
	}
	re, ok := a[1].(*jnRegexVal)
	if !ok {
		return nil, &JSONataError{Code: "T0410", Token: "replace", Index: 2, Value: a[1], hasValue: true}
	}
	ms, err := jnMatches(re.re, s, limit)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	pos := 0
	for _, m := range ms {
		b.WriteString(s[pos:m.start])
		var with any
		if repl, ok := a[2].(string); ok {
			with = jnSubstitute(repl, s[m.start:m.end], m.groups)
		} else {
			obj := jnMatchObject(s, m)
			r, err := ev.callFunction(a[2], []any{obj}, nil, "")
			if err != nil {
				return nil, err
			}
			with = r
		}
		str, ok := with.(string)
		if !ok {
			return nil, &JSONataError{Code: "D3012", Value: with, hasValue: true}
		}
		b.WriteString(str)
		pos = m.end
		if b.Len() > jnMaxString {
			return nil, jnLimitErr("String result exceeds the size limit")
		}
	}
	b.WriteString(s[pos:])
	return b.String(), nil
}

// jnSubstitute expands $0, $1… and $$ in a replacement string.
func jnSubstitute(repl, match string, groups []any) string {
	var b strings.Builder
	pos := 0
	for {
		i := strings.IndexByte(repl[pos:], '$')
		if i < 0 || pos >= len(repl) {
			break
		}
		b.WriteString(repl[pos : pos+i])
		pos += i + 1
		if pos >= len(repl) {
			b.WriteByte('$')
			break
		}
		c := repl[pos]
		switch {
		case c == '$':
			b.WriteByte('$')
			pos++
		case c == '0':
			b.WriteString(match)
			pos++
		default:
			maxDigits := 1
			if len(groups) > 0 {
				maxDigits = int(math.Floor(math.Log10(float64(len(groups))))) + 1
			}
			end := pos + maxDigits
			if end > len(repl) {
				end = len(repl)
			}
			idx, err := strconv.Atoi(jnLeadingDigits(repl[pos:end]))
			if err == nil && maxDigits > 1 && idx > len(groups) {
				idx, err = strconv.Atoi(jnLeadingDigits(repl[pos : end-1]))
			}
			if err != nil {
				b.WriteByte('$')
				continue
			}
			if len(groups) > 0 && idx >= 1 && idx <= len(groups) {
				if g, ok := groups[idx-1].(string); ok {
					b.WriteString(g)
				}
			}
			pos += len(strconv.Itoa(idx))
		}
	}
	if pos < len(repl) {
		b.WriteString(repl[pos:])
	}
	return b.String()
}

func jnLeadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

func jnSplit(ev *jnEvaluator, a []any, _ any) (any, error) {
	s, ok := a[0].(string)
	if !ok {
		return jnUndefined, nil
	}
	limit, err := jnLimitArg(a[2], "D3020")
	if err != nil {
		return nil, err
	}
	var parts []string
	switch sep := a[1].(type) {
	case string:
		if sep == "" {
			// JavaScript splits into UTF-16 units; runes are the sane reading
			for _, r := range s {
				parts = append(parts, string(r))
			}
		} else {
			parts = strings.Split(s, sep)
		}
	case *jnRegexVal:
		ms, err := jnMatches(sep.re, s, -1)
		if err != nil {
			return nil, err
		}
		pos := 0
		for _, m := range ms {
			parts = append(parts, s[pos:m.start])
			pos = m.end
		}
		parts = append(parts, s[pos:])
	default:
		return nil, &JSONataError{Code: "T0410", Token: "split", Index: 2, Value: a[1], hasValue: true}
	}
	if limit >= 0 && len(parts) > limit {
		parts = parts[:limit]
	}
	if err := ev.grow(len(parts)); err != nil {
		return nil, err
	}
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out, nil
}

// --- URLs ---

const (
	jnURIComponentSafe = "-_.!~*'()"
	jnURISafe          = "-_.!~*'();/?:@&=+$,#"
)

func jnEncodeURI(s string, safe string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return "", false
		}
		c := s[i]
		if size == 1 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(safe, c) >= 0) {
			b.WriteByte(c)
		} else {
			for j := 0; j < size; j++ {
				b.WriteString("%" + strings.ToUpper(strconv.FormatInt(int64(s[i+j])|0x100, 16)[1:]))
			}
		}
		i += size
	}
	return b.String(), true
}

func jnDecodeURI(s string, reserved string) (string, bool) {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			out = append(out, s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", false
		}
		v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", false
		}
		if v < 0x80 && strings.IndexByte(reserved, byte(v)) >= 0 {
			out = append(out, s[i:i+3]...)
		} else {
			out = append(out, byte(v))
		}
		i += 2
	}
	if !utf8.Valid(out) {
		return "", false
	}
	return string(out), true
}

func jnURLFn(name string, f func(string) (string, bool)) func(*jnEvaluator, []any, any) (any, error) {
	return func(_ *jnEvaluator, a []any, _ any) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return jnUndefined, nil
		}
		r, ok := f(s)
		if !ok {
			return nil, &JSONataError{Code: "D3140", Token: name, Value: s, hasValue: true}
		}
		return r, nil
	}
}
