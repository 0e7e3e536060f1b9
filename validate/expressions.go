package validate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/expr"
)

// codeInvalidJSONata is AWS's code for an expression that does not parse.
const codeInvalidJSONata = "INVALID_JSONATA_EXPRESSION"

// This file is the only one that calls the expr parsers: JSONPath paths,
// reference paths, intrinsic functions and JSONata, checked where they
// appear in the definition.

// pathFields hold a JSONPath in JSONPath states (null is allowed where AWS
// allows it, and left to the schema).
var pathFields = []string{"InputPath", "OutputPath", "ItemsPath"}

// singleValuePaths must select one value: AWS refuses "$.limits[*]" for
// MaxConcurrencyPath when the machine is created.
var singleValuePaths = []string{"TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath",
	"MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"}

// templateFields are payload templates whose "x.$" keys are evaluated.
var templateFields = []string{"Parameters", "ResultSelector", "ItemSelector", "Credentials", "Assign"}

func (c *checker) checkExpressions() {
	c.sm.Walk(func(st *asl.State) {
		if st.QueryLanguage == asl.JSONata {
			c.checkJSONataState(st)
			return
		}
		for _, f := range pathFields {
			c.checkPathField(st.Raw, st.Pointer, f, false)
		}
		for _, f := range singleValuePaths {
			c.checkPathField(st.Raw, st.Pointer, f, true)
		}
		c.checkReferencePath(st.Raw, st.Pointer)
		for _, f := range []string{"ErrorPath", "CausePath"} {
			if s, ok := st.Raw[f].(string); ok {
				c.checkPathOrIntrinsic(st.Pointer+"/"+f, f, s)
			}
		}
		for _, f := range templateFields {
			if v, ok := st.Raw[f]; ok {
				c.checkTemplate(v, st.Pointer+"/"+f)
			}
		}
		for _, sub := range []string{"ItemReader", "ResultWriter"} {
			if m, ok := st.Raw[sub].(map[string]any); ok {
				if v, ok := m["Parameters"]; ok {
					c.checkTemplate(v, st.Pointer+"/"+sub+"/Parameters")
				}
				if rc, ok := m["ReaderConfig"].(map[string]any); ok {
					c.checkPathField(rc, st.Pointer+"/"+sub+"/ReaderConfig", "MaxItemsPath", true)
				}
			}
		}
		if m, ok := st.Raw["ItemBatcher"].(map[string]any); ok {
			c.checkPathField(m, st.Pointer+"/ItemBatcher", "MaxItemsPerBatchPath", true)
			c.checkPathField(m, st.Pointer+"/ItemBatcher", "MaxInputBytesPerBatchPath", true)
			if v, ok := m["BatchInput"]; ok {
				c.checkTemplate(v, st.Pointer+"/ItemBatcher/BatchInput")
			}
		}
		for _, ct := range st.Catch {
			c.checkReferencePath(ct.Raw, ct.Pointer)
			if v, ok := ct.Raw["Assign"]; ok {
				c.checkTemplate(v, ct.Pointer+"/Assign")
			}
		}
		if st.Type == "Choice" {
			for i, r := range listOf(st.Raw["Choices"]) {
				if m, ok := r.(map[string]any); ok {
					c.checkChoicePaths(m, st.Pointer+"/Choices/"+strconv.Itoa(i))
				}
			}
		}
	})
}

func (c *checker) checkPathField(m map[string]any, ptr, field string, single bool) {
	s, ok := m[field].(string)
	if !ok {
		return
	}
	p, err := expr.ParsePath(s)
	switch {
	case err != nil:
		c.errorAtValue(ptr+"/"+field, "invalid-jsonpath", codeSchema,
			fmt.Sprintf("The value for the field '%s' must be a valid JSONPath: %v", field, err))
	case single && !p.Definite():
		c.errorAtValue(ptr+"/"+field, "invalid-jsonpath", codeSchema,
			fmt.Sprintf("The value for the field '%s' must be a definite JSONPath selecting a single value (no wildcards, filters, slices, unions or '..')", field))
	}
}

func (c *checker) checkReferencePath(m map[string]any, ptr string) {
	s, ok := m["ResultPath"].(string)
	if !ok {
		return
	}
	if _, err := expr.ParseReferencePath(s); err != nil {
		c.errorAtValue(ptr+"/ResultPath", "invalid-reference-path", codeSchema,
			fmt.Sprintf("The value for the field 'ResultPath' must be a valid ReferencePath: %v", err))
	}
}

func (c *checker) checkPathOrIntrinsic(ptr, field, s string) {
	// No path starts with "States.", so a malformed call is reported as a
	// call (a missing parenthesis, say) rather than as a bad path.
	if expr.IsIntrinsic(s) || strings.HasPrefix(strings.TrimSpace(s), "States.") {
		if _, err := expr.ParseIntrinsic(s); err != nil {
			c.errorAtValue(ptr, "invalid-intrinsic", codeSchema,
				fmt.Sprintf("The value for the field '%s' must be a valid JSONPath or a valid intrinsic function call: %v", field, err))
		}
		return
	}
	if _, err := expr.ParsePath(s); err != nil {
		c.errorAtValue(ptr, "invalid-jsonpath", codeSchema,
			fmt.Sprintf("The value for the field '%s' must be a valid JSONPath or a valid intrinsic function call: %v", field, err))
	}
}

// checkTemplate walks a payload template: "x.$" keys need a path, context
// path, variable or intrinsic call; other keys whose value looks like one
// get AWS's NO_DOLLAR warning.
func (c *checker) checkTemplate(v any, ptr string) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			kp := asl.JoinPointer(ptr, k)
			if strings.HasSuffix(k, ".$") {
				s, ok := x[k].(string)
				if !ok {
					c.errorAtValue(kp, "invalid-jsonpath", codeSchema,
						fmt.Sprintf("The value for the field '%s' must be a string holding a JSONPath or an intrinsic function call", k))
					continue
				}
				c.checkPathOrIntrinsic(kp, k, s)
				continue
			}
			if s, ok := x[k].(string); ok && looksDynamic(s) {
				c.warnAt(kp, "no-dollar", codeNoDollar,
					fmt.Sprintf("'%s' looks like a JSONPath or intrinsic function but is passed as a literal string: name the field '%s.$' to evaluate it", s, k))
			}
			c.checkTemplate(x[k], kp)
		}
	case []any:
		for i, item := range x {
			c.checkTemplate(item, ptr+"/"+strconv.Itoa(i))
		}
	}
}

func looksDynamic(s string) bool {
	return strings.HasPrefix(s, "$.") || strings.HasPrefix(s, "$$.") || (strings.HasPrefix(s, "States.") && strings.HasSuffix(s, ")"))
}

func (c *checker) checkChoicePaths(m map[string]any, ptr string) {
	if s, ok := m["Variable"].(string); ok {
		if _, err := expr.ParsePath(s); err != nil {
			c.errorAtValue(ptr+"/Variable", "invalid-jsonpath", codeSchema,
				fmt.Sprintf("The value for the field 'Variable' must be a valid JSONPath: %v", err))
		}
	}
	for k, v := range m {
		switch {
		case k == "And" || k == "Or":
			for i, sub := range listOf(v) {
				if sm, ok := sub.(map[string]any); ok {
					c.checkChoicePaths(sm, ptr+"/"+k+"/"+strconv.Itoa(i))
				}
			}
		case k == "Not":
			if sm, ok := v.(map[string]any); ok {
				c.checkChoicePaths(sm, ptr+"/Not")
			}
		case isOperator(k) && operators[k] == operandPath:
			if s, ok := v.(string); ok {
				if _, err := expr.ParsePath(s); err != nil {
					c.errorAtValue(ptr+"/"+k, "invalid-jsonpath", codeSchema,
						fmt.Sprintf("The value for the field '%s' must be a valid JSONPath: %v", k, err))
				}
			}
		}
	}
}

// checkJSONataState parses every "{% … %}" string of a JSONata state,
// leaving nested scopes (branches, processors) to their own states.
func (c *checker) checkJSONataState(st *asl.State) {
	keys := make([]string, 0, len(st.Raw))
	for k := range st.Raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch k {
		case "Branches", "ItemProcessor", "Iterator", "Comment", "Type", "Next", "Resource", "QueryLanguage":
			continue
		}
		c.checkJSONataValue(st.Raw[k], asl.JoinPointer(st.Pointer, k))
	}
}

func (c *checker) checkJSONataValue(v any, ptr string) {
	switch x := v.(type) {
	case string:
		body, ok := expr.JSONataBody(x)
		if !ok {
			return
		}
		if _, err := expr.ParseJSONata(body); err != nil {
			c.errorAtValue(ptr, "invalid-jsonata", codeInvalidJSONata, fmt.Sprintf("Invalid JSONata expression: %v", err))
			c.placeOnExpressionLine(x, body, err)
		}
	case map[string]any:
		for k, item := range x {
			c.checkJSONataValue(item, asl.JoinPointer(ptr, k))
		}
	case []any:
		for i, item := range x {
			c.checkJSONataValue(item, ptr+"/"+strconv.Itoa(i))
		}
	}
}
