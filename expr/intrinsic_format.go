package expr

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// AWS runs intrinsics on the JVM: States.Format prints arguments with Java's
// toString ({a=1, b=[x, y]} for objects, 1.1 for numbers, null), and
// States.JsonToString prints JSON with Java's number formatting (1.0E10).

// format fills each unescaped "{}" of the template with the next argument.
func (in *Intrinsic) format(args []any) (any, error) {
	tmpl, ok := args[0].(string)
	if !ok {
		return nil, fmt.Errorf("the first argument must be a string, got %s", JSONText(args[0]))
	}
	var escaped []bool
	if in.Args[0].Kind == ArgString {
		escaped = in.Args[0].escaped
	}
	isEscaped := func(i int) bool { return i < len(escaped) && escaped[i] }
	var b strings.Builder
	next := 1
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		if c == '{' && !isEscaped(i) {
			if i+1 < len(tmpl) && tmpl[i+1] == '}' && !isEscaped(i+1) {
				if next >= len(args) {
					return nil, fmt.Errorf("the format string has more {} placeholders than there are arguments (%d)", len(args)-1)
				}
				b.WriteString(javaString(args[next]))
				next++
				i++
				continue
			}
			return nil, fmt.Errorf("an unescaped '{' in the format string must be followed by '}'; write \\\\{ for a literal brace")
		}
		if c == '}' && !isEscaped(i) {
			return nil, fmt.Errorf("an unescaped '}' in the format string must follow '{'; write \\\\} for a literal brace")
		}
		b.WriteByte(c)
	}
	if next != len(args) {
		return nil, fmt.Errorf("the format string has %d {} placeholders but %d arguments follow it", next-1, len(args)-1)
	}
	return b.String(), nil
}

// javaString renders a value as Java's toString does for the JSON types.
func javaString(v any) string {
	var b strings.Builder
	writeJavaString(&b, v)
	return b.String()
}

func writeJavaString(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(x)
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case int:
		b.WriteString(strconv.Itoa(x))
	case float64:
		b.WriteString(javaDouble(x))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeJavaString(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		b.WriteByte('{')
		for i, k := range sortedKeys(x) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(k)
			b.WriteByte('=')
			writeJavaString(b, x[k])
		}
		b.WriteByte('}')
	default:
		fmt.Fprint(b, x)
	}
}

// javaDouble formats like Java's Double.toString: plain decimals with at
// least one fraction digit between 1e-3 and 1e7, "1.0E10" style outside.
func javaDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	if a := math.Abs(f); a >= 1e-3 && a < 1e7 {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // e.g. 1.5e+07
	mant, exp, _ := strings.Cut(s, "e")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}

// JavaJSONText is compact JSON as AWS's JVM prints it: like JSONText, but
// fractional numbers follow Java (1.0, 1.0E10).
func JavaJSONText(v any) string {
	var b bytes.Buffer
	writeJSON(&b, v, javaJSONNumber)
	return b.String()
}

// javaJSONNumber is javaDouble for JSON text, which has no NaN or infinity.
func javaJSONNumber(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "null"
	}
	return javaDouble(f)
}
