package expr

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"sort"
	"strconv"

	"github.com/sfnctl/sfnctl/asl"
)

// Helpers over plain JSON values (map[string]any, []any, string, int64,
// float64, bool, nil), the representation used across sfnctl.

// ParseJSON decodes one JSON text into a plain value, with integers as int64.
func ParseJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the JSON value")
	}
	return fromNumbers(v), nil
}

func fromNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		n, _ := parseJSONNumber(string(x))
		return n
	case map[string]any:
		for k, e := range x {
			x[k] = fromNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = fromNumbers(e)
		}
	}
	return v
}

// parseJSONNumber reads JSON number text as int64 when it is an integer that
// fits, float64 otherwise.
func parseJSONNumber(s string) (any, bool) {
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		var ne *strconv.NumError
		if !errors.As(err, &ne) || ne.Err != strconv.ErrRange {
			return nil, false
		}
	}
	isFloat := false
	for i := 0; i < len(s); i++ {
		if s[i] == '.' || s[i] == 'e' || s[i] == 'E' {
			isFloat = true
		}
	}
	return asl.ParseNumber(s, isFloat), true
}

// JSONText renders v as compact JSON the way AWS prints payloads: no spaces,
// integers without a fraction, object keys sorted (AWS keeps insertion
// order, which plain Go maps do not record).
func JSONText(v any) string {
	var b bytes.Buffer
	writeJSON(&b, v, formatFloat)
	return b.String()
}

// writeJSON writes compact JSON with fractional numbers formatted by number.
func writeJSON(b *bytes.Buffer, v any, number func(float64) string) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case string:
		writeJSONString(b, x)
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case int:
		b.WriteString(strconv.Itoa(x))
	case float64:
		b.WriteString(number(x))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, e, number)
		}
		b.WriteByte(']')
	case map[string]any:
		b.WriteByte('{')
		for i, k := range sortedKeys(x) {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k)
			b.WriteByte(':')
			writeJSON(b, x[k], number)
		}
		b.WriteByte('}')
	default:
		data, err := json.Marshal(x)
		if err != nil {
			b.WriteString("null")
			return
		}
		b.Write(data)
	}
}

// writeJSONString quotes s as Jackson (AWS's JSON library) does: only '"',
// '\\' and control characters are escaped; '<', '&', U+2028 and non-ASCII
// text stay as they are.
func writeJSONString(b *bytes.Buffer, s string) {
	const hexDigits = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
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
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xf])
		}
		start = i + 1
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

// formatFloat prints a float64 as JSON: shortest form that reads back,
// whole numbers without a fraction, no NaN/Inf (JSON has none).
func formatFloat(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "null"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// DeepEqual compares JSON values; numbers compare by value (1 equals 1.0).
func DeepEqual(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !DeepEqual(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !DeepEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	if an, ok := numFloat(a); ok {
		bn, ok := numFloat(b)
		if !ok {
			return false
		}
		ai, aInt := a.(int64)
		bi, bInt := b.(int64)
		if aInt && bInt {
			return ai == bi
		}
		return an == bn
	}
	return a == b
}

func numFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	case int:
		return float64(n), true
	}
	return 0, false
}
