package expr

import (
	"encoding/base64"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The JSONata 2.0.6 function library ($eval excluded, as on AWS). AWS's own
// functions ($partition, $range, $hash, $random, $uuid, $parse) are in
// jsonata_aws.go; dates and number pictures in jsonata_format.go.

var jnBuiltins = map[string]*jnBuiltin{}

func jnDef(name, sig string, impl func(ev *jnEvaluator, args []any, input any) (any, error)) {
	jnBuiltins[name] = &jnBuiltin{name: name, sig: jnMustSignature(sig), impl: impl}
}

func init() {

	// aggregation
	jnDef("sum", "<a<n>:n>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		items, ok := jnArray(a[0])
		if !ok {
			return jnUndefined, nil
		}
		total := 0.0
		for _, it := range items {
			f, _ := jnNumber(it)
			total += f
		}
		return jnNum(total), nil
	})
	jnDef("count", "<a:n>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		items, _ := jnArray(a[0])
		return int64(len(items)), nil
	})
	minmax := func(max bool) func(*jnEvaluator, []any, any) (any, error) {
		return func(_ *jnEvaluator, a []any, _ any) (any, error) {
			items, ok := jnArray(a[0])
			if !ok || len(items) == 0 {
				return jnUndefined, nil
			}
			best, _ := jnNumber(items[0])
			for _, it := range items[1:] {
				f, _ := jnNumber(it)
				if (max && f > best) || (!max && f < best) {
					best = f
				}
			}
			return jnNum(best), nil
		}
	}
	jnDef("max", "<a<n>:n>", minmax(true))
	jnDef("min", "<a<n>:n>", minmax(false))
	jnDef("average", "<a<n>:n>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		items, ok := jnArray(a[0])
		if !ok || len(items) == 0 {
			return jnUndefined, nil
		}
		total := 0.0
		for _, it := range items {
			f, _ := jnNumber(it)
			total += f
		}
		return jnNum(total / float64(len(items))), nil
	})

	// strings
	jnDef("string", "<x-b?:s>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		if jnIsUndef(a[0]) {
			return jnUndefined, nil
		}
		pretty, _ := a[1].(bool)
		return ev.toString(a[0], pretty)
	})
	jnBuiltins["string"].arity = 1 // string(arg, prettify = false) has length 1 in JavaScript
	jnDef("substring", "<s-nn?:s>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return jnUndefined, nil
		}
		runes := []rune(s)
		n := len(runes)
		startF, ok := jnNumber(a[1])
		if !ok { // an undefined start is NaN in jsonata-js
			if jnIsUndef(a[2]) {
				return s, nil
			}
			return "", nil
		}
		// as jsonata-js: end is computed from the untruncated start, then
		// Array.prototype.slice truncates both
		if float64(n)+startF < 0 {
			startF = 0
		}
		from := int(jnTruncJS(startF))
		if from < 0 {
			from = n + from
		}
		if jnIsUndef(a[2]) {
			return string(jnSlice(runes, from, n)), nil
		}
		lengthF, _ := jnNumber(a[2])
		if lengthF <= 0 {
			return "", nil
		}
		var endF float64
		if startF >= 0 {
			endF = startF + lengthF
		} else {
			endF = float64(n) + startF + lengthF
		}
		end := int(jnTruncJS(endF))
		return string(jnSlice(runes, from, end)), nil
	})
	jnDef("substringBefore", "<s-s:s>", jnSubstringAround(func(s string, i, _ int) string { return s[:i] }))
	jnDef("substringAfter", "<s-s:s>", jnSubstringAround(func(s string, i, n int) string { return s[i+n:] }))
	jnDef("lowercase", "<s-:s>", jnStrFn(jnLower))
	jnDef("uppercase", "<s-:s>", jnStrFn(jnUpper))
	jnDef("length", "<s-:n>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return jnUndefined, nil
		}
		return int64(utf8.RuneCountInString(s)), nil
	})
	jnDef("trim", "<s-:s>", jnStrFn(func(s string) string {
		s = jnWhitespaceRun.ReplaceAllString(s, " ")
		s = strings.TrimPrefix(s, " ")
		return strings.TrimSuffix(s, " ")
	}))
	jnDef("pad", "<s-ns?:s>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return jnUndefined, nil
		}
		widthF, _ := jnNumber(a[1])
		char, _ := a[2].(string)
		if char == "" {
			char = " "
		}
		padLen := int(math.Abs(jnTruncJS(widthF))) - utf8.RuneCountInString(s)
		if padLen <= 0 {
			return s, nil
		}
		if padLen*len(char) > jnMaxString {
			return nil, jnLimitErr("String result exceeds the size limit")
		}
		if err := ev.grow(padLen * len(char) / 8); err != nil {
			return nil, err
		}
		padding := []rune(strings.Repeat(char, padLen))
		padding = padding[:padLen]
		if widthF > 0 {
			return s + string(padding), nil
		}
		return string(padding) + s, nil
	})
	jnDef("contains", "<s-(sf):b>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return jnUndefined, nil
		}
		switch p := a[1].(type) {
		case string:
			return strings.Contains(s, p), nil
		case *jnRegexVal:
			return p.re.MatchString(s), nil
		}
		return nil, &JSONataError{Code: "T0410", Token: "contains", Index: 2, Value: a[1], hasValue: true}
	})
	jnDef("split", "<s-(sf)n?:a<s>>", jnSplit)
	jnDef("join", "<a<s>s?:s>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		items, ok := jnArray(a[0])
		if !ok {
			return jnUndefined, nil
		}
		sep, _ := a[1].(string)
		parts := make([]string, len(items))
		size := 0
		for i, it := range items {
			parts[i], _ = it.(string)
			size += len(parts[i]) + len(sep)
		}
		if size > jnMaxString {
			return nil, jnLimitErr("String result exceeds the size limit")
		}
		if err := ev.grow(size / 8); err != nil {
			return nil, err
		}
		return strings.Join(parts, sep), nil
	})
	jnDef("match", "<s-f<s:o>n?:a<o>>", jnMatch)
	jnDef("replace", "<s-(sf)(sf)n?:s>", jnReplace)
	// jsonata-js encodes each UTF-16 unit as one byte ("binary" strings)
	jnDef("base64encode", "<s-:s>", jnStrFn(func(s string) string {
		units := jnUTF16(s)
		b := make([]byte, len(units))
		for i, u := range units {
			b[i] = byte(u)
		}
		return base64.StdEncoding.EncodeToString(b)
	}))
	jnDef("base64decode", "<s-:s>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return jnUndefined, nil
		}
		clean := strings.Map(func(r rune) rune {
			if r == '=' || r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, s)
		b, err := base64.RawStdEncoding.DecodeString(clean)
		if err != nil {
			return nil, &JSONataError{Code: "U1002", Message: "Invalid base64 string passed to $base64decode"}
		}
		runes := make([]rune, len(b))
		for i, c := range b {
			runes[i] = rune(c)
		}
		return string(runes), nil
	})
	jnDef("encodeUrlComponent", "<s-:s>", jnURLFn("encodeUrlComponent", func(s string) (string, bool) { return jnEncodeURI(s, jnURIComponentSafe) }))
	jnDef("encodeUrl", "<s-:s>", jnURLFn("encodeUrl", func(s string) (string, bool) { return jnEncodeURI(s, jnURISafe) }))
	jnDef("decodeUrlComponent", "<s-:s>", jnURLFn("decodeUrlComponent", func(s string) (string, bool) { return jnDecodeURI(s, "") }))
	jnDef("decodeUrl", "<s-:s>", jnURLFn("decodeUrl", func(s string) (string, bool) { return jnDecodeURI(s, ";/?:@&=+$,#") }))

	// numbers
	jnDef("number", "<(nsb)-:n>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		switch x := a[0].(type) {
		case jnUndefinedT:
			return jnUndefined, nil
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case string:
			if jnDecimalNumber.MatchString(x) {
				if f, err := strconv.ParseFloat(x, 64); err == nil && !math.IsInf(f, 0) {
					return jnNum(f), nil
				}
			}
			if jnPrefixedNumber.MatchString(x) {
				if v, err := strconv.ParseInt(x, 0, 64); err == nil {
					return jnNum(float64(v)), nil
				}
			}
			return nil, jnErr("D3030", x)
		}
		if f, ok := jnNumber(a[0]); ok {
			return jnNum(f), nil
		}
		return nil, jnErr("D3030", a[0])
	})
	jnDef("floor", "<n-:n>", jnNumFn(math.Floor))
	jnDef("ceil", "<n-:n>", jnNumFn(math.Ceil))
	jnDef("abs", "<n-:n>", jnNumFn(math.Abs))
	jnDef("round", "<n-n?:n>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		f, ok := jnNumber(a[0])
		if !ok {
			return jnUndefined, nil
		}
		p := 0.0
		if pf, ok := jnNumber(a[1]); ok {
			p = pf
		}
		return jnNum(jnRound(f, int(p))), nil
	})
	jnDef("sqrt", "<n-:n>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		f, ok := jnNumber(a[0])
		if !ok {
			return jnUndefined, nil
		}
		if f < 0 {
			return nil, jnErr("D3060", a[0])
		}
		return jnNum(math.Sqrt(f)), nil
	})
	jnDef("power", "<n-n:n>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		b, ok := jnNumber(a[0])
		if !ok {
			return jnUndefined, nil
		}
		e, ok := jnNumber(a[1])
		if !ok {
			e = math.NaN() // Math.pow(x, undefined)
		}
		r := jnPow(b, e)
		if math.IsInf(r, 0) || math.IsNaN(r) || math.IsNaN(e) { // Go's Pow(1, NaN) is 1, JavaScript's NaN
			return nil, &JSONataError{Code: "D3061", Value: a[0], Value2: a[1], hasValue: true}
		}
		return jnNum(r), nil
	})

	// booleans
	jnDef("boolean", "<x-:b>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		b, ok := jnBoolean(a[0])
		if !ok {
			return jnUndefined, nil
		}
		return b, nil
	})
	jnDef("not", "<x-:b>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		b, ok := jnBoolean(a[0])
		if !ok {
			return jnUndefined, nil
		}
		return !b, nil
	})
	jnDef("exists", "<x:b>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		return !jnIsUndef(a[0]), nil
	})

	// objects
	jnDef("keys", "<x-:a<s>>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		return ev.keys(a[0]), nil
	})
	jnDef("lookup", "<x-s:x>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		key, _ := a[1].(string)
		return jnLookup(a[0], key), nil
	})
	jnDef("spread", "<x-:a<o>>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		return ev.spread(a[0]), nil
	})
	jnDef("merge", "<a<o>:o>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		items, ok := jnArray(a[0])
		if !ok {
			return jnUndefined, nil
		}
		out := map[string]any{}
		var order []string
		for _, it := range items {
			if m, ok := it.(map[string]any); ok {
				for _, k := range ev.keysOf(m) {
					if _, seen := out[k]; !seen {
						order = append(order, k)
					}
					out[k] = m[k]
				}
			}
		}
		ev.recordOrder(out, order)
		return out, nil
	})
	jnDef("each", "<o-f:a>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		m, ok := a[0].(map[string]any)
		if !ok {
			return jnUndefined, nil
		}
		out := &jnSeq{seq: true}
		for _, k := range ev.keysOf(m) {
			r, err := ev.callFunction(a[1], jnHofArgs(a[1], m[k], k, m), nil, "")
			if err != nil {
				return nil, err
			}
			if !jnIsUndef(r) {
				out.items = append(out.items, r)
			}
		}
		return out, nil
	})
	jnDef("sift", "<o-f?:o>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		m, ok := a[0].(map[string]any)
		if !ok {
			return jnUndefined, nil
		}
		out := map[string]any{}
		var order []string
		for _, k := range ev.keysOf(m) {
			r, err := ev.callFunction(a[1], jnHofArgs(a[1], m[k], k, m), nil, "")
			if err != nil {
				return nil, err
			}
			if b, _ := jnBoolean(r); b {
				out[k] = m[k]
				order = append(order, k)
			}
		}
		ev.recordOrder(out, order)
		if len(out) == 0 {
			return jnUndefined, nil
		}
		return out, nil
	})
	jnDef("error", "<s?:x>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		msg, _ := a[0].(string)
		if msg == "" && jnIsUndef(a[0]) {
			msg = "$error() function evaluated"
		}
		return nil, &JSONataError{Code: "D3137", Message: msg}
	})
	jnDef("assert", "<bs?:x>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		if b, _ := a[0].(bool); !b {
			msg, ok := a[1].(string)
			if !ok || msg == "" {
				msg = "$assert() statement failed"
			}
			return nil, &JSONataError{Code: "D3141", Message: msg}
		}
		return jnUndefined, nil
	})
	jnDef("type", "<x:s>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		switch jnSymbol(a[0]) {
		case 'm':
			return jnUndefined, nil
		case 'l':
			return "null", nil
		case 'n':
			return "number", nil
		case 's':
			return "string", nil
		case 'b':
			return "boolean", nil
		case 'a':
			return "array", nil
		case 'f':
			return "function", nil
		}
		return "object", nil
	})
	jnDef("clone", "<(oa)-:o>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		if jnIsUndef(a[0]) {
			return jnUndefined, nil
		}
		return ev.clone(a[0]), nil
	})

	// arrays
	jnDef("append", "<xx:a>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		return jnAppend(a[0], a[1]), nil
	})
	jnDef("reverse", "<a:a>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		items, ok := jnArray(a[0])
		if !ok {
			return jnUndefined, nil
		}
		if len(items) <= 1 {
			return a[0], nil
		}
		out := make([]any, len(items))
		for i, it := range items {
			out[len(items)-1-i] = it
		}
		return out, nil
	})
	jnDef("shuffle", "<a:a>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		items, ok := jnArray(a[0])
		if !ok {
			return jnUndefined, nil
		}
		if len(items) <= 1 {
			return a[0], nil
		}
		out := append([]any(nil), items...)
		ev.rng().Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out, nil
	})
	jnDef("distinct", "<x:x>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		items, ok := jnArray(a[0])
		if !ok || len(items) <= 1 {
			return a[0], nil
		}
		var out []any
		for _, it := range items {
			dup := false
			for _, seen := range out {
				if jnDeepEqual(it, seen) {
					dup = true
					break
				}
			}
			if !dup {
				out = append(out, it)
			}
		}
		if jnIsSequence(a[0]) {
			return &jnSeq{items: out, seq: true}, nil
		}
		return out, nil
	})
	jnDef("zip", "<a+>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		var arrays [][]any
		minLen := -1
		for _, x := range a {
			items, _ := jnArray(x)
			arrays = append(arrays, items)
			if minLen < 0 || len(items) < minLen {
				minLen = len(items)
			}
		}
		out := []any{}
		for i := 0; i < minLen; i++ {
			tuple := make([]any, len(arrays))
			for j := range arrays {
				tuple[j] = arrays[j][i]
			}
			out = append(out, tuple)
		}
		return out, nil
	})
	jnDef("sort", "<af?:a>", jnSortFn)

	// higher-order
	jnDef("map", "<af>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		items, ok := jnArray(a[0])
		if !ok {
			return jnUndefined, nil
		}
		out := &jnSeq{seq: true}
		for i, it := range items {
			r, err := ev.callFunction(a[1], jnHofArgs(a[1], it, int64(i), a[0]), nil, "")
			if err != nil {
				return nil, err
			}
			if !jnIsUndef(r) {
				out.items = append(out.items, r)
			}
		}
		return out, nil
	})
	jnDef("filter", "<af>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		items, ok := jnArray(a[0])
		if !ok {
			return jnUndefined, nil
		}
		out := &jnSeq{seq: true}
		for i, it := range items {
			r, err := ev.callFunction(a[1], jnHofArgs(a[1], it, int64(i), a[0]), nil, "")
			if err != nil {
				return nil, err
			}
			if b, _ := jnBoolean(r); b {
				out.items = append(out.items, it)
			}
		}
		return out, nil
	})
	jnDef("single", "<af?>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		items, ok := jnArray(a[0])
		if !ok {
			return jnUndefined, nil
		}
		found := false
		var result any = jnUndefined
		for i, it := range items {
			pass := true
			if !jnIsUndef(a[1]) {
				r, err := ev.callFunction(a[1], jnHofArgs(a[1], it, int64(i), a[0]), nil, "")
				if err != nil {
					return nil, err
				}
				pass, _ = jnBoolean(r)
			}
			if pass {
				if found {
					return nil, &JSONataError{Code: "D3138"}
				}
				found = true
				result = it
			}
		}
		if !found {
			return nil, &JSONataError{Code: "D3139"}
		}
		return result, nil
	})
	jnDef("reduce", "<afj?:j>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		items, ok := jnArray(a[0])
		if !ok {
			return jnUndefined, nil
		}
		arity := jnArity(a[1])
		if arity < 2 {
			return nil, &JSONataError{Code: "D3050", Index: 1}
		}
		var result any
		index := 0
		if jnIsUndef(a[2]) && len(items) > 0 {
			result = items[0]
			index = 1
		} else {
			result = a[2]
		}
		for ; index < len(items); index++ {
			args := []any{result, items[index]}
			if arity >= 3 {
				args = append(args, int64(index))
			}
			if arity >= 4 {
				args = append(args, a[0])
			}
			r, err := ev.callFunction(a[1], args, nil, "")
			if err != nil {
				return nil, err
			}
			result = r
		}
		return result, nil
	})
}

func jnStrFn(f func(string) string) func(*jnEvaluator, []any, any) (any, error) {
	return func(_ *jnEvaluator, a []any, _ any) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return jnUndefined, nil
		}
		return f(s), nil
	}
}

func jnNumFn(f func(float64) float64) func(*jnEvaluator, []any, any) (any, error) {
	return func(_ *jnEvaluator, a []any, _ any) (any, error) {
		x, ok := jnNumber(a[0])
		if !ok {
			return jnUndefined, nil
		}
		return jnNum(f(x)), nil
	}
}

var (
	jnWhitespaceRun  = regexp.MustCompile(`[ \t\n\r]+`)
	jnDecimalNumber  = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$`)
	jnPrefixedNumber = regexp.MustCompile(`^(0[xX][0-9A-Fa-f]+|0[oO][0-7]+|0[bB][01]+)$`)
)

// jnPow is Math.pow. Go's math.Pow accumulates rounding errors for
// integer exponents (100^100 is 1.0000000000000005e200), so those are
// computed exactly and rounded once, as JavaScript engines effectively do.
func jnPow(b, e float64) float64 {
	if e != math.Trunc(e) || math.Abs(e) > 1024 || b == 0 || math.IsInf(b, 0) || math.IsNaN(b) {
		return math.Pow(b, e)
	}
	base := new(big.Float).SetPrec(2048).SetFloat64(b)
	result := new(big.Float).SetPrec(2048).SetFloat64(1)
	n := int64(math.Abs(e))
	for n > 0 {
		if n&1 == 1 {
			result.Mul(result, base)
		}
		base.Mul(base, base)
		n >>= 1
	}
	if e < 0 {
		result.Quo(new(big.Float).SetPrec(2048).SetFloat64(1), result)
	}
	f, _ := result.Float64()
	return f
}

// jnTruncJS converts a JavaScript number used as an index.
func jnTruncJS(f float64) float64 {
	if math.IsNaN(f) {
		return 0
	}
	if f > 1e15 {
		return 1e15
	}
	if f < -1e15 {
		return -1e15
	}
	return math.Trunc(f)
}

// jnSlice is Array.prototype.slice on runes.
func jnSlice(r []rune, from, to int) []rune {
	n := len(r)
	if from < 0 {
		from = 0
	}
	if to < 0 {
		to = n + to
		if to < 0 {
			to = 0
		}
	}
	if to > n {
		to = n
	}
	if from >= to {
		return nil
	}
	return r[from:to]
}

// jnToString is fn.string.
func (ev *jnEvaluator) toString(v any, pretty bool) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case jnUndefinedT:
		return "", nil
	}
	if jnIsFunction(v) {
		return "", nil
	}
	if f, ok := jnNumber(v); ok && (math.IsInf(f, 0) || math.IsNaN(f)) {
		return "", jnErr("D3001", v)
	}
	if s, ok := v.(*jnSeq); ok && s.outerWrapper && len(s.items) > 0 {
		v = s.items[0]
	}
	return ev.stringify(v, pretty), nil
}

// jnRound is $round: half to even, at a number of decimal places.
func jnRound(f float64, precision int) float64 {
	if precision != 0 {
		f = jnShift(f, precision)
	}
	r := math.Floor(f + 0.5)
	if math.Abs(r-f) == 0.5 && math.Mod(math.Abs(r), 2) == 1 {
		r--
	}
	if precision != 0 {
		r = jnShift(r, -precision)
	}
	if r == 0 {
		r = 0 // no negative zero
	}
	return r
}

// jnShift moves the decimal point through the decimal text, as jsonata-js
// does, to avoid binary rounding errors.
func jnShift(f float64, by int) float64 {
	s := jnJSNumber(f)
	mant, exp, hasExp := strings.Cut(s, "e")
	e := 0
	if hasExp {
		e, _ = strconv.Atoi(exp)
	}
	r, err := strconv.ParseFloat(mant+"e"+strconv.Itoa(e+by), 64)
	if err != nil {
		return f
	}
	return r
}

func jnUTF16(s string) []uint16 { return utf16.Encode([]rune(s)) }

// jnHofArgs passes a callback only as many arguments as it declares.
func jnHofArgs(fn any, a1, a2, a3 any) []any {
	args := []any{a1}
	n := jnArity(fn)
	if n >= 2 {
		args = append(args, a2)
	}
	if n >= 3 {
		args = append(args, a3)
	}
	return args
}

func (ev *jnEvaluator) keys(v any) any {
	out := &jnSeq{seq: true}
	if items, ok := jnArray(v); ok {
		seen := map[string]bool{}
		for _, it := range items {
			if m, ok := it.(map[string]any); ok {
				for _, k := range ev.keysOf(m) {
					if !seen[k] {
						seen[k] = true
						out.items = append(out.items, k)
					}
				}
			}
		}
		return out
	}
	if m, ok := v.(map[string]any); ok {
		for _, k := range ev.keysOf(m) {
			out.items = append(out.items, k)
		}
	}
	return out
}

func (ev *jnEvaluator) spread(v any) any {
	if items, ok := jnArray(v); ok {
		var result any = &jnSeq{seq: true}
		for _, it := range items {
			result = jnAppend(result, ev.spread(it))
		}
		return result
	}
	if m, ok := v.(map[string]any); ok {
		out := &jnSeq{seq: true}
		for _, k := range ev.keysOf(m) {
			out.items = append(out.items, map[string]any{k: m[k]})
		}
		return out
	}
	return v
}

// jsTruthy is JavaScript truthiness, used for $sort comparator results.
func jsTruthy(v any) bool {
	switch x := v.(type) {
	case jnUndefinedT, nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	}
	if f, ok := jnNumber(v); ok {
		return f != 0 && !math.IsNaN(f)
	}
	return true
}

func jnSortFn(ev *jnEvaluator, a []any, _ any) (any, error) {
	items, ok := jnArray(a[0])
	if !ok {
		return jnUndefined, nil
	}
	if len(items) <= 1 {
		return a[0], nil
	}
	var after func(x, y any) (bool, error)
	if jnIsUndef(a[1]) {
		_, nums := jnArrayOfNumbers(items)
		strs := true
		for _, it := range items {
			if _, ok := it.(string); !ok {
				strs = false
				break
			}
		}
		if !nums && !strs {
			return nil, &JSONataError{Code: "D3070", Index: 1}
		}
		after = func(x, y any) (bool, error) { return jnCompareValues(x, y) > 0, nil }
	} else {
		fn := a[1]
		after = func(x, y any) (bool, error) {
			r, err := ev.callFunction(fn, []any{x, y}, nil, "")
			if err != nil {
				return false, err
			}
			return jsTruthy(r), nil
		}
	}
	return jnMergeSort(items, after)
}

// jnSubstringAround builds $substringBefore and $substringAfter: find the
// first occurrence of chars in s and keep one side of it (s itself when
// chars does not occur).
func jnSubstringAround(keep func(s string, at, n int) string) func(*jnEvaluator, []any, any) (any, error) {
	return func(_ *jnEvaluator, a []any, _ any) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return jnUndefined, nil
		}
		chars, ok := a[1].(string)
		if !ok {
			chars = "undefined" // String.prototype.indexOf(undefined)
		}
		if i := strings.Index(s, chars); i >= 0 {
			return keep(s, i, len(chars)), nil
		}
		return s, nil
	}
}
