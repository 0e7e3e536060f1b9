package validate

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/sfnctl/sfnctl/asl"
)

// operand is what a Choice comparison operator expects on its right.
type operand int

const (
	operandString operand = iota
	operandNumber
	operandBool
	operandTimestamp
	operandPath
)

var operandNames = map[operand]string{
	operandString: "a string", operandNumber: "a number", operandBool: "a boolean",
	operandTimestamp: "an RFC 3339 timestamp string (e.g. 2016-03-14T01:59:00Z)",
	operandPath:      "a JSONPath string (e.g. $.limit)",
}

// operators maps every JSONPath Choice comparison operator to its operand.
var operators = func() map[string]operand {
	m := map[string]operand{
		"StringMatches": operandString,
		"IsNull":        operandBool, "IsPresent": operandBool, "IsNumeric": operandBool,
		"IsString": operandBool, "IsBoolean": operandBool, "IsTimestamp": operandBool,
		"BooleanEquals": operandBool, "BooleanEqualsPath": operandPath,
	}
	for _, rel := range []string{"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"} {
		m["String"+rel] = operandString
		m["Numeric"+rel] = operandNumber
		m["Timestamp"+rel] = operandTimestamp
		m["String"+rel+"Path"] = operandPath
		m["Numeric"+rel+"Path"] = operandPath
		m["Timestamp"+rel+"Path"] = operandPath
	}
	return m
}()

// ruleFields are the members a Choice rule may have besides an operator.
var ruleFields = map[string]bool{"Variable": true, "Next": true, "Comment": true, "And": true,
	"Or": true, "Not": true, "Condition": true, "Assign": true, "Output": true}

// checkChoices: Choice rules, top-level and nested.
func (c *checker) checkChoices() {
	c.sm.Walk(func(st *asl.State) {
		if st.Type != "Choice" {
			return
		}
		for i, r := range listOf(st.Raw["Choices"]) {
			ptr := st.Pointer + "/Choices/" + strconv.Itoa(i)
			if m, ok := r.(map[string]any); ok {
				c.checkRule(m, ptr, true, st.QueryLanguage == asl.JSONata)
			}
		}
	})
}

func (c *checker) checkRule(m map[string]any, ptr string, top, jsonata bool) {
	var unknown []string
	for k := range m {
		if !ruleFields[k] && !isOperator(k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		c.errorAt(ptr+"/"+asl.EscapePointerToken(k), "unknown-field", codeSchema,
			fmt.Sprintf("Field '%s' is not supported (in a Choice rule%s)", k, didYouMean(k, ruleFieldNames())))
	}
	if top && !has(m, "Next") {
		c.errorAt(ptr, "choice-rule-missing-next", codeSchema, "The field 'Next' is required but was missing")
	}
	if !top {
		if has(m, "Next") {
			c.errorAt(ptr+"/Next", "nested-choice-next", codeSchema,
				"Field 'Next' is only allowed on a top-level Choice rule, not inside And, Or or Not")
		}
		for _, k := range []string{"Assign", "Output"} {
			if has(m, k) {
				// The specification is silent here; a warning is enough.
				c.warnAt(ptr+"/"+k, "nested-choice-next", codeSchema,
					fmt.Sprintf("Field '%s' has no effect inside And, Or or Not: put it on the top-level Choice rule", k))
			}
		}
	}
	if jsonata {
		if !top {
			return
		}
		cond, ok := m["Condition"]
		switch {
		case !ok:
			c.errorAt(ptr, "choice-rule-missing-condition", codeSchema, "The field 'Condition' is required but was missing")
		case !isString(cond) && !isBool(cond):
			c.errorAtValue(ptr+"/Condition", "invalid-field-type", codeSchema,
				"The field 'Condition' should be a JSONata expression string \"{% … %}\" or a boolean")
		}
		return // JSONPath fields are reported by the query-language rules
	}
	// JSONPath: exactly one of a comparison, And, Or, Not.
	var ops []string
	for k := range m {
		if isOperator(k) || k == "And" || k == "Or" || k == "Not" {
			ops = append(ops, k)
		}
	}
	sort.Strings(ops)
	switch len(ops) {
	case 0:
		if has(m, "Condition") || len(unknown) > 0 {
			// The query-language rules report Condition in a JSONPath state,
			// and an unknown field is most likely a misspelt operator.
			return
		}
		c.errorAt(ptr, "choice-rule-operator", codeSchema,
			"A Choice rule needs exactly one comparison operator (e.g. StringEquals, NumericGreaterThan, IsPresent), or And, Or or Not")
		return
	case 1:
	default:
		for _, op := range ops[1:] {
			c.errorAt(ptr+"/"+op, "choice-rule-operator", codeSchema,
				fmt.Sprintf("A Choice rule takes exactly one comparison operator, but this one has %s", quoteList(ops)))
		}
	}
	op := ops[0]
	switch op {
	case "And", "Or":
		list, ok := m[op].([]any)
		if !ok || len(list) == 0 {
			c.errorAtValue(ptr+"/"+op, "choice-rule-operator", codeSchema,
				fmt.Sprintf("'%s' needs a non-empty array of Choice rules", op))
		}
		for i, sub := range list {
			subPtr := ptr + "/" + op + "/" + strconv.Itoa(i)
			if sm, ok := sub.(map[string]any); ok {
				c.checkRule(sm, subPtr, false, false)
			} else {
				c.errorAtValue(subPtr, "invalid-field-type", codeSchema, "A Choice rule must be an object")
			}
		}
		if has(m, "Variable") {
			c.errorAt(ptr+"/Variable", "choice-rule-operator", codeSchema,
				fmt.Sprintf("'Variable' does not belong beside '%s': put it in each nested rule", op))
		}
	case "Not":
		if sm, ok := m["Not"].(map[string]any); ok {
			c.checkRule(sm, ptr+"/Not", false, false)
		} else {
			c.errorAtValue(ptr+"/Not", "choice-rule-operator", codeSchema, "'Not' needs one Choice rule object")
		}
		if has(m, "Variable") {
			c.errorAt(ptr+"/Variable", "choice-rule-operator", codeSchema,
				"'Variable' does not belong beside 'Not': put it in the nested rule")
		}
	default:
		if !has(m, "Variable") {
			c.errorAt(ptr, "choice-rule-missing-variable", codeSchema, "The field 'Variable' is required but was missing")
		} else if !isString(m["Variable"]) {
			c.errorAtValue(ptr+"/Variable", "invalid-field-type", codeSchema, "The field 'Variable' should be a JSONPath string")
		}
		c.checkOperand(op, m[op], ptr+"/"+op)
	}
}

func (c *checker) checkOperand(op string, v any, ptr string) {
	want := operators[op]
	ok := false
	switch want {
	case operandString, operandPath:
		ok = isString(v)
	case operandNumber:
		_, ok = asl.Float(v)
	case operandBool:
		ok = isBool(v)
	case operandTimestamp:
		s, isStr := v.(string)
		ok = isStr && isRFC3339(s)
	}
	if !ok {
		c.errorAtValue(ptr, "choice-operand-type", codeSchema,
			fmt.Sprintf("The value of '%s' must be %s", op, operandNames[want]))
	}
}

func isString(v any) bool { _, ok := v.(string); return ok }
func isBool(v any) bool   { _, ok := v.(bool); return ok }

// ruleFieldNames lists every member a Choice rule may have, for suggestions.
func ruleFieldNames() []string {
	names := make([]string, 0, len(ruleFields)+len(operators))
	for k := range ruleFields {
		names = append(names, k)
	}
	for k := range operators {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
