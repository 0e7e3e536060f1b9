package simulate

import (
	"strings"
	"time"

	"github.com/sfnctl/sfnctl/asl"
)

// evalRule evaluates one JSONPath Choice rule (or a nested And/Or/Not
// operand) against the effective input.
func (s *stateRun) evalRule(r map[string]any, input any) (bool, *failure) {
	if list, ok := r["And"].([]any); ok {
		for _, x := range list {
			m, _ := x.(map[string]any)
			ok, f := s.evalRule(m, input)
			if f != nil || !ok {
				return false, f
			}
		}
		return true, nil
	}
	if list, ok := r["Or"].([]any); ok {
		for _, x := range list {
			m, _ := x.(map[string]any)
			ok, f := s.evalRule(m, input)
			if f != nil || ok {
				return ok, f
			}
		}
		return false, nil
	}
	if n, ok := r["Not"].(map[string]any); ok {
		ok, f := s.evalRule(n, input)
		return !ok && f == nil, f
	}
	varPath, _ := r["Variable"].(string)
	op, operand := comparison(r)
	if op == "" {
		return false, s.runtimeError("the Choice rule has no comparison operator (run sfnctl validate)")
	}
	val, present, f := s.choiceVariable(varPath, input)
	if f != nil {
		return false, f
	}
	if op == "IsPresent" {
		want, _ := operand.(bool)
		return present == want, nil
	}
	if !present {
		return false, s.runtimeError("Invalid path '%s': The choice state's condition path references an invalid value.", varPath)
	}
	if strings.HasSuffix(op, "Path") {
		src, _ := operand.(string)
		v, f := s.evalPathString(src, input)
		if f != nil {
			return false, f
		}
		operand, op = v, strings.TrimSuffix(op, "Path")
	}
	return compare(op, val, operand), nil
}

// choiceVariable reads Variable; present is false when the path selects
// nothing (only IsPresent may look at such a path).
func (s *stateRun) choiceVariable(src string, input any) (val any, present bool, f *failure) {
	p, err := s.path(src)
	if err != nil {
		return nil, false, s.runtimeError("Invalid path '%s': %v", src, err)
	}
	v, err := evalPath(p, s.scope(input))
	if err != nil {
		return nil, false, nil
	}
	if !p.Definite() {
		if a, ok := v.([]any); ok && len(a) == 0 {
			return v, false, nil
		}
	}
	return v, true, nil
}

var comparisonOps = []string{
	"StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches",
	"NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
	"BooleanEquals",
	"TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
	"IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp",
}

func comparison(r map[string]any) (string, any) {
	for _, op := range comparisonOps {
		if v, ok := r[op]; ok {
			return op, v
		}
		if v, ok := r[op+"Path"]; ok && !strings.HasPrefix(op, "Is") && op != "StringMatches" {
			return op + "Path", v
		}
	}
	return "", nil
}

// compare applies one operator; values of the wrong type never match.
func compare(op string, v, operand any) bool {
	switch op {
	case "IsNull":
		return (v == nil) == (operand == true)
	case "IsNumeric":
		_, isNum := asl.Float(v)
		return isNum == (operand == true)
	case "IsString":
		_, isStr := v.(string)
		return isStr == (operand == true)
	case "IsBoolean":
		_, isBool := v.(bool)
		return isBool == (operand == true)
	case "IsTimestamp":
		str, isStr := v.(string)
		_, isTS := parseChoiceTimestamp(str)
		return (isStr && isTS) == (operand == true)
	case "BooleanEquals":
		a, ok1 := v.(bool)
		b, ok2 := operand.(bool)
		return ok1 && ok2 && a == b
	case "StringMatches":
		a, ok1 := v.(string)
		b, ok2 := operand.(string)
		return ok1 && ok2 && stringMatches(a, b)
	}
	switch {
	case strings.HasPrefix(op, "String"):
		a, ok1 := v.(string)
		b, ok2 := operand.(string)
		if !ok1 || !ok2 {
			return false
		}
		return ordered(op[len("String"):], strings.Compare(a, b))
	case strings.HasPrefix(op, "Numeric"):
		a, ok1 := asl.Float(v)
		b, ok2 := asl.Float(operand)
		if !ok1 || !ok2 {
			return false
		}
		c := 0
		if a < b {
			c = -1
		} else if a > b {
			c = 1
		}
		return ordered(op[len("Numeric"):], c)
	case strings.HasPrefix(op, "Timestamp"):
		as, ok1 := v.(string)
		bs, ok2 := operand.(string)
		if !ok1 || !ok2 {
			return false
		}
		a, ok1 := parseChoiceTimestamp(as)
		b, ok2 := parseChoiceTimestamp(bs)
		if !ok1 || !ok2 {
			return false
		}
		return ordered(op[len("Timestamp"):], a.Compare(b))
	}
	return false
}

func ordered(rel string, c int) bool {
	switch rel {
	case "Equals":
		return c == 0
	case "LessThan":
		return c < 0
	case "GreaterThan":
		return c > 0
	case "LessThanEquals":
		return c <= 0
	case "GreaterThanEquals":
		return c >= 0
	}
	return false
}

func parseChoiceTimestamp(s string) (time.Time, bool) { return parseTimestamp(s) }

// stringMatches implements StringMatches: "*" matches any run of
// characters; "\*" and "\\" are a literal star and backslash.
func stringMatches(s, pattern string) bool {
	// Split the pattern into literal pieces separated by unescaped stars.
	var pieces []string
	var cur strings.Builder
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\' && i+1 < len(pattern):
			i++
			cur.WriteByte(pattern[i])
		case c == '*':
			pieces = append(pieces, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	pieces = append(pieces, cur.String())
	if len(pieces) == 1 {
		return s == pieces[0]
	}
	if !strings.HasPrefix(s, pieces[0]) {
		return false
	}
	s = s[len(pieces[0]):]
	last := pieces[len(pieces)-1]
	for _, p := range pieces[1 : len(pieces)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return len(s) >= len(last) && strings.HasSuffix(s, last)
}
