package expr

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Values inside the JSONata evaluator are the plain JSON values of the rest
// of sfnctl (nil, bool, int64, float64, string, []any, map[string]any) plus:
//   - jnUndefined: JSONata's "no value" (distinct from JSON null);
//   - *jnSeq: a sequence or a flagged array, which jsonata-js marks with
//     properties on arrays (sequence, cons, keepSingleton, outerWrapper);
//   - functions (*jnLambdaVal, *jnBuiltin, *jnPartialVal, *jnRegexVal).
// jnOutput turns a result back into plain JSON.

type jnUndefinedT struct{}

var jnUndefined any = jnUndefinedT{}

type jnSeq struct {
	items         []any
	seq           bool // a sequence: collapses to its item when it has one
	cons          bool // built by an array constructor used as a path step
	keepSingleton bool
	outerWrapper  bool
	tupleStream   bool // items are jnTupleT bindings (see jsonata_tuple.go)
}

func jnNewSeq(items ...any) *jnSeq { return &jnSeq{items: items, seq: true} }

// jnSingletonSeq holds a one-item sequence in a single allocation.
type jnSingletonSeq struct {
	seq jnSeq
	one [1]any
}

func jnSingleton(v any) *jnSeq {
	s := &jnSingletonSeq{}
	s.one[0] = v
	s.seq.items = s.one[:]
	s.seq.seq = true
	return &s.seq
}

func jnIsUndef(v any) bool { return v == jnUndefined }

// jnArray returns the items of an array or sequence.
func jnArray(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case *jnSeq:
		return x.items, true
	}
	return nil, false
}

func jnIsSequence(v any) bool {
	s, ok := v.(*jnSeq)
	return ok && s.seq
}

// jnNumber converts JSON numbers of any Go type to float64.
func jnNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case float32:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

// jnNum makes a number value: integral results become int64 as elsewhere
// in sfnctl, so 2*3 is 6 and not 6.0.
func jnNum(f float64) any {
	if f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
		return int64(f)
	}
	return f
}

func jnIsFunction(v any) bool {
	switch v.(type) {
	case *jnLambdaVal, *jnBuiltin, *jnPartialVal, *jnRegexVal:
		return true
	}
	return false
}

// jnSymbol is the one-letter type code used by function signatures.
func jnSymbol(v any) byte {
	switch v.(type) {
	case jnUndefinedT:
		return 'm'
	case nil:
		return 'l'
	case string:
		return 's'
	case bool:
		return 'b'
	case map[string]any:
		return 'o'
	case []any, *jnSeq:
		return 'a'
	}
	if jnIsFunction(v) {
		return 'f'
	}
	if _, ok := jnNumber(v); ok {
		return 'n'
	}
	return 'm'
}

// jnBoolean is $boolean: JSONata's truthiness.
func jnBoolean(v any) (bool, bool) {
	switch x := v.(type) {
	case jnUndefinedT:
		return false, false
	case nil:
		return false, true
	case bool:
		return x, true
	case string:
		return x != "", true
	case map[string]any:
		return len(x) > 0, true
	case []any, *jnSeq:
		items, _ := jnArray(x)
		if len(items) == 1 {
			return jnBoolean(items[0])
		}
		for _, it := range items {
			if b, _ := jnBoolean(it); b {
				return true, true
			}
		}
		return false, true
	}
	if f, ok := jnNumber(v); ok {
		return f != 0, true
	}
	if jnIsFunction(v) {
		return false, true
	}
	return false, true
}

// jnDeepEqual is jsonata-js's isDeepEqual.
func jnDeepEqual(a, b any) bool {
	if fa, ok := jnNumber(a); ok {
		fb, ok := jnNumber(b)
		return ok && fa == fb
	}
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !jnDeepEqual(v, w) {
				return false
			}
		}
		return true
	case []any, *jnSeq:
		xa, _ := jnArray(x)
		ya, ok := jnArray(b)
		if !ok || len(xa) != len(ya) {
			return false
		}
		for i := range xa {
			if !jnDeepEqual(xa[i], ya[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}

// jnJSNumber formats a float as JavaScript's Number.prototype.toString does.
func jnJSNumber(f float64) string {
	if f == 0 {
		return "0"
	}
	if math.IsNaN(f) {
		return "NaN"
	}
	if math.IsInf(f, 1) {
		return "Infinity"
	}
	if math.IsInf(f, -1) {
		return "-Infinity"
	}
	neg := f < 0
	if neg {
		f = -f
	}
	// shortest round-trip digits and exponent
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, expS, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expS)
	digits := strings.Replace(mant, ".", "", 1)
	k := len(digits)
	n := exp + 1 // position of the decimal point
	var s string
	switch {
	case k <= n && n <= 21:
		s = digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		s = digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		s = "0." + strings.Repeat("0", -n) + digits
	default:
		sign := "+"
		if n-1 < 0 {
			sign = "-"
		}
		ex := n - 1
		if ex < 0 {
			ex = -ex
		}
		if k == 1 {
			s = digits + "e" + sign + strconv.Itoa(ex)
		} else {
			s = digits[:1] + "." + digits[1:] + "e" + sign + strconv.Itoa(ex)
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

// jnPrecision15 is Number(x.toPrecision(15)), which $string applies.
func jnPrecision15(f float64) float64 {
	if f == 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return f
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'e', 14, 64), 64)
	return r
}

// jnStringify is JSON.stringify as $string uses it: numbers to 15
// significant digits, functions as "", keys in sorted order (Go maps keep
// none), optional two-space indentation.
func jnStringify(v any, pretty bool) string { return (*jnEvaluator)(nil).stringify(v, pretty) }

// stringify is jnStringify with the evaluation's object key order.
func (ev *jnEvaluator) stringify(v any, pretty bool) string {
	var b strings.Builder
	ev.writeJSON(&b, v, true, pretty, "")
	return b.String()
}

// jnStringifyRaw is plain JSON.stringify, used in error messages.
func jnStringifyRaw(v any) string {
	var b strings.Builder
	(*jnEvaluator)(nil).writeJSON(&b, v, false, false, "")
	return b.String()
}

func (ev *jnEvaluator) writeJSON(b *strings.Builder, v any, precision, pretty bool, indent string) {
	if f, ok := jnNumber(v); ok {
		if _, isInt := v.(int64); isInt {
			b.WriteString(strconv.FormatInt(v.(int64), 10))
			return
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			b.WriteString("null")
			return
		}
		if precision {
			f = jnPrecision15(f)
		}
		b.WriteString(jnJSNumber(f))
		return
	}
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case jnUndefinedT:
		b.WriteString("null")
	case bool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case string:
		jnWriteString(b, x)
	case []any, *jnSeq:
		items, _ := jnArray(x)
		if len(items) == 0 {
			b.WriteString("[]")
			return
		}
		inner := indent + "  "
		b.WriteByte('[')
		for i, it := range items {
			if i > 0 {
				b.WriteByte(',')
			}
			if pretty {
				b.WriteString("\n" + inner)
			}
			if jnIsUndef(it) || jnIsFunction(it) && !precision {
				b.WriteString("null")
				continue
			}
			ev.writeJSON(b, it, precision, pretty, inner)
		}
		if pretty {
			b.WriteString("\n" + indent)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for _, k := range ev.keysOf(x) {
			if val := x[k]; jnIsUndef(val) || jnIsFunction(val) && !precision {
				continue
			}
			keys = append(keys, k)
		}
		if len(keys) == 0 {
			b.WriteString("{}")
			return
		}
		inner := indent + "  "
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			if pretty {
				b.WriteString("\n" + inner)
			}
			jnWriteString(b, k)
			b.WriteByte(':')
			if pretty {
				b.WriteByte(' ')
			}
			ev.writeJSON(b, x[k], precision, pretty, inner)
		}
		if pretty {
			b.WriteString("\n" + indent)
		}
		b.WriteByte('}')
	default:
		if jnIsFunction(v) {
			b.WriteString(`""`)
			return
		}
		b.WriteString("null")
	}
}

// jnWriteString quotes like JSON.stringify: only ", \ and control
// characters are escaped.
func jnWriteString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '"':
				b.WriteString(`\"`)
			case '\\':
				b.WriteString(`\\`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			default:
				if c < 0x20 {
					b.WriteString(`\u00`)
					b.WriteByte("0123456789abcdef"[c>>4])
					b.WriteByte("0123456789abcdef"[c&0xf])
				} else {
					b.WriteByte(c)
				}
			}
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		i += size
	}
	b.WriteByte('"')
}

// jnOutput converts an evaluation result to plain JSON: sequences become
// arrays, undefined object members are dropped and undefined array items
// become null (as JSON.stringify does), functions become "".
func jnOutput(v any) any {
	switch x := v.(type) {
	case *jnSeq:
		out := make([]any, len(x.items))
		for i, it := range x.items {
			out[i] = jnOutput(it)
		}
		return out
	case []any:
		for i, it := range x {
			if jnNeedsOutput(it) {
				out := make([]any, len(x))
				copy(out, x[:i])
				for j := i; j < len(x); j++ {
					out[j] = jnOutput(x[j])
				}
				return out
			}
		}
		return x
	case jnUndefinedT:
		return nil // an undefined array item: JSON.stringify writes null
	case map[string]any:
		for k, it := range x {
			if jnNeedsOutput(it) {
				out := make(map[string]any, len(x))
				for k2, it2 := range x {
					if jnIsUndef(it2) {
						continue
					}
					out[k2] = jnOutput(it2)
				}
				_ = k
				return out
			}
		}
		return x
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil
		}
		return jnNum(x)
	}
	if jnIsFunction(v) {
		return ""
	}
	return v
}

// jnNeedsOutput reports whether v (or something inside it) is not plain JSON.
func jnNeedsOutput(v any) bool {
	switch x := v.(type) {
	case *jnSeq, jnUndefinedT:
		return true
	case float64:
		return math.IsInf(x, 0) || math.IsNaN(x) || (x == math.Trunc(x) && math.Abs(x) <= 1<<53)
	case []any:
		for _, it := range x {
			if jnNeedsOutput(it) {
				return true
			}
		}
		return false
	case map[string]any:
		for _, it := range x {
			if jnNeedsOutput(it) {
				return true
			}
		}
		return false
	}
	return jnIsFunction(v)
}
