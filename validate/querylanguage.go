package validate

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// jsonPathOnly lists the state fields AWS accepts only in JSONPath states.
var jsonPathOnly = []string{"InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath",
	"ItemsPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath",
	"ErrorPath", "CausePath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath",
	"ToleratedFailureCountPath"}

// jsonataOnly lists the state fields AWS accepts only in JSONata states.
var jsonataOnly = []string{"Arguments", "Output", "Items"}

// typedFields may hold a "{% … %}" expression only in JSONata states.
var typedFields = []string{"TimeoutSeconds", "HeartbeatSeconds", "Seconds", "MaxConcurrency",
	"ToleratedFailurePercentage", "ToleratedFailureCount"}

// checkQueryLanguage: a JSONPath state in a JSONata machine, and fields of
// one query language used in a state of the other.
func (c *checker) checkQueryLanguage() {
	c.sm.Walk(func(st *asl.State) {
		own, _ := st.Raw["QueryLanguage"].(string)
		if c.sm.QueryLanguage == asl.JSONata && own == asl.JSONPath {
			// AWS reports only this for the state, not its JSONPath fields.
			c.errorAt(st.Pointer+"/QueryLanguage", "jsonpath-state-in-jsonata-machine", codeSchema,
				"'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine")
			return
		}
		switch st.QueryLanguage {
		case asl.JSONata:
			c.fieldsNotIn(st.Raw, st.Pointer, jsonPathOnly, "JSONPath", st.Name)
			c.jsonataNested(st)
		case asl.JSONPath:
			if st.Type == "Map" && has(st.Raw, "Iterator") && has(st.Raw, "ItemProcessor") {
				break // reported by the Map rules
			}
			c.fieldsNotIn(st.Raw, st.Pointer, jsonataOnly, "JSONata", st.Name)
			c.jsonPathNested(st)
			for _, f := range typedFields {
				if isJSONata(st.Raw[f]) {
					c.errorAtValue(st.Pointer+"/"+f, "jsonata-in-jsonpath-state", codeSchema,
						fmt.Sprintf("The field '%s' holds a JSONata expression, but state '%s' uses JSONPath: set \"QueryLanguage\": \"JSONata\" or use '%sPath'", f, st.Name, f))
				}
			}
		}
	})
}

func (c *checker) fieldsNotIn(raw map[string]any, ptr string, fields []string, lang, state string) {
	for _, f := range fields {
		if has(raw, f) {
			other := asl.JSONata
			if lang == "JSONata" {
				other = asl.JSONPath
			}
			c.errorAt(ptr+"/"+f, "field-not-in-query-language", codeSchema,
				fmt.Sprintf("The QueryLanguage is set to '%s', but field '%s' is only supported for the '%s' QueryLanguage (state '%s')", other, f, lang, state))
		}
	}
}

// jsonataNested checks JSONPath fields below the state: catchers, Choice
// rules, ItemReader, ItemBatcher and ResultWriter.
func (c *checker) jsonataNested(st *asl.State) {
	for _, ct := range st.Catch {
		c.fieldsNotIn(ct.Raw, ct.Pointer, []string{"ResultPath"}, "JSONPath", st.Name)
	}
	for i, r := range listOf(st.Raw["Choices"]) {
		if m, ok := r.(map[string]any); ok && st.Type == "Choice" {
			ptr := st.Pointer + "/Choices/" + strconv.Itoa(i)
			for k := range m {
				if k == "Variable" || k == "And" || k == "Or" || k == "Not" || isOperator(k) {
					c.errorAt(ptr+"/"+asl.EscapePointerToken(k), "field-not-in-query-language", codeSchema,
						fmt.Sprintf("The field '%s' is only supported in JSONPath; in JSONata a Choice rule uses 'Condition'", k))
				}
			}
		}
	}
	for _, sub := range []string{"ItemReader", "ResultWriter"} {
		if m, ok := st.Raw[sub].(map[string]any); ok {
			c.fieldsNotIn(m, st.Pointer+"/"+sub, []string{"Parameters"}, "JSONPath", st.Name)
		}
	}
	if m, ok := st.Raw["ItemBatcher"].(map[string]any); ok {
		c.fieldsNotIn(m, st.Pointer+"/ItemBatcher", []string{"MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"}, "JSONPath", st.Name)
	}
}

// jsonPathNested checks JSONata fields below the state.
func (c *checker) jsonPathNested(st *asl.State) {
	for _, ct := range st.Catch {
		c.fieldsNotIn(ct.Raw, ct.Pointer, []string{"Output"}, "JSONata", st.Name)
	}
	if st.Type == "Choice" {
		for i, r := range listOf(st.Raw["Choices"]) {
			if m, ok := r.(map[string]any); ok {
				c.fieldsNotIn(m, st.Pointer+"/Choices/"+strconv.Itoa(i), []string{"Condition", "Output"}, "JSONata", st.Name)
			}
		}
	}
	for _, sub := range []string{"ItemReader", "ResultWriter"} {
		if m, ok := st.Raw[sub].(map[string]any); ok {
			c.fieldsNotIn(m, st.Pointer+"/"+sub, []string{"Arguments"}, "JSONata", st.Name)
		}
	}
}

func listOf(v any) []any {
	l, _ := v.([]any)
	return l
}

// isOperator reports whether k is a Choice comparison operator name.
func isOperator(k string) bool {
	_, ok := operators[k]
	return ok
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	return strings.Join(q, ", ")
}
