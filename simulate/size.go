package simulate

import (
	"strconv"
	"unicode/utf8"
)

// jsonSize is the length of v's compact JSON text, counted without
// building it; it stops early once past limit.
func jsonSize(v any, limit int) int {
	n := 0
	sizeOf(v, &n, limit)
	return n
}

func sizeOf(v any, n *int, limit int) {
	if *n > limit {
		return
	}
	switch t := v.(type) {
	case nil:
		*n += 4
	case bool:
		if t {
			*n += 4
		} else {
			*n += 5
		}
	case string:
		*n += stringSize(t)
	case int64:
		*n += len(strconv.FormatInt(t, 10))
	case float64:
		*n += len(strconv.FormatFloat(t, 'g', -1, 64))
	case int:
		*n += len(strconv.Itoa(t))
	case []any:
		*n += 2
		for i, e := range t {
			if i > 0 {
				*n++
			}
			sizeOf(e, n, limit)
		}
	case map[string]any:
		*n += 2
		first := true
		for k, e := range t {
			if !first {
				*n++
			}
			first = false
			*n += stringSize(k) + 1
			sizeOf(e, n, limit)
		}
	default:
		*n += 16
	}
}

func stringSize(s string) int {
	n := 2
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t':
				n += 2
			case c < 0x20:
				n += 6
			default:
				n++
			}
			i++
			continue
		}
		_, w := utf8.DecodeRuneInString(s[i:])
		n += w
		i += w
	}
	return n
}
