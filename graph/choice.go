package graph

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// comparisons maps each Choice comparison operator (without its Path
// suffix) to the symbol a reader expects.
var comparisons = map[string]string{
	"StringEquals": "==", "StringLessThan": "<", "StringGreaterThan": ">",
	"StringLessThanEquals": "<=", "StringGreaterThanEquals": ">=", "StringMatches": "matches",
	"NumericEquals": "==", "NumericLessThan": "<", "NumericGreaterThan": ">",
	"NumericLessThanEquals": "<=", "NumericGreaterThanEquals": ">=",
	"BooleanEquals":   "==",
	"TimestampEquals": "==", "TimestampLessThan": "<", "TimestampGreaterThan": ">",
	"TimestampLessThanEquals": "<=", "TimestampGreaterThanEquals": ">=",
}

// typeTests are the unary operators: "$.x is null" / "$.x is not null".
var typeTests = map[string]string{
	"IsNull": "null", "IsPresent": "present", "IsNumeric": "numeric",
	"IsString": "a string", "IsBoolean": "a boolean", "IsTimestamp": "a timestamp",
}

// choiceLabel renders the rule behind the edge at pointer (…/Choices/i/Next).
func choiceLabel(st *asl.State, pointer string) string {
	rest := strings.TrimPrefix(pointer, st.Pointer+"/Choices/")
	i, err := strconv.Atoi(strings.TrimSuffix(rest, "/Next"))
	choices, _ := st.Raw["Choices"].([]any)
	if err != nil || i < 0 || i >= len(choices) {
		return ""
	}
	rule, _ := choices[i].(map[string]any)
	return truncate(RenderRule(rule))
}

// RenderRule writes a Choice rule compactly: `$.type == "rush"`,
// `$.n > 3 and not ($.x is null)`, or a JSONata condition without its
// {% %} delimiters.
func RenderRule(rule map[string]any) string {
	return renderRule(rule, 0)
}

const maxRuleDepth = 32

func renderRule(rule map[string]any, depth int) string {
	if rule == nil || depth > maxRuleDepth {
		return "…"
	}
	if c, ok := rule["Condition"]; ok {
		if s, ok := c.(string); ok {
			return stripJSONata(s)
		}
		return jsonText(c)
	}
	for _, op := range []string{"And", "Or"} {
		if list, ok := rule[op].([]any); ok {
			parts := make([]string, 0, len(list))
			for _, r := range list {
				rm, _ := r.(map[string]any)
				parts = append(parts, group(rm, depth))
			}
			return strings.Join(parts, " "+strings.ToLower(op)+" ")
		}
	}
	if r, ok := rule["Not"].(map[string]any); ok {
		return "not " + group(r, depth)
	}
	variable, _ := rule["Variable"].(string)
	keys := make([]string, 0, len(rule))
	for k := range rule {
		keys = append(keys, k)
	}
	sort.Strings(keys) // only an invalid rule has two operators; still be deterministic
	for _, key := range keys {
		v := rule[key]
		base := strings.TrimSuffix(key, "Path")
		if sym, ok := comparisons[base]; ok {
			if key != base {
				s, _ := v.(string)
				return variable + " " + sym + " " + s
			}
			return variable + " " + sym + " " + jsonText(v)
		}
		if what, ok := typeTests[key]; ok {
			if b, _ := v.(bool); b {
				return variable + " is " + what
			}
			return variable + " is not " + what
		}
	}
	return variable
}

// group parenthesises a nested And, Or or Not so precedence stays visible.
func group(rule map[string]any, depth int) string {
	s := renderRule(rule, depth+1)
	for _, op := range []string{"And", "Or", "Not"} {
		if _, ok := rule[op]; ok {
			return "(" + s + ")"
		}
	}
	return s
}

func jsonText(v any) string {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "?"
	}
	return strings.TrimSuffix(sb.String(), "\n")
}
