package validate

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/schemas"
)

// checkSchema validates the document against the embedded schema and turns
// every leaf cause into one diagnostic at the offending key or value, worded
// as AWS words its SCHEMA_VALIDATION_FAILED messages where we know them.
func (c *checker) checkSchema() {
	s, err := schemas.ASL()
	if err != nil {
		panic(fmt.Sprintf("embedded ASL schema does not compile: %v", err))
	}
	if _, ok := c.doc.Root.(map[string]any); !ok {
		c.out = append(c.out, asl.Diagnostic{File: c.doc.File, Rule: "schema", Code: codeSchema,
			Message: "Definition must be a valid JSON object", Line: 1, Column: 1, EndLine: 1, EndColumn: 2,
			Severity: asl.SeverityError})
		return
	}
	err = s.Validate(c.doc.Root)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return
	}
	start := len(c.out)
	c.flatten(ve)
	c.dropMisspeltDuplicates(start)
}

// dropMisspeltDuplicates keeps one finding for a misspelt required field:
// "Resource is missing (is Resouce a misspelling?)" makes "Resouce is not
// supported" redundant.
func (c *checker) dropMisspeltDuplicates(start int) {
	missingAt := map[string]bool{}
	for _, d := range c.out[start:] {
		if d.Rule == "missing-required-field" {
			missingAt[d.Pointer] = true
		}
	}
	kept := c.out[:start]
	for _, d := range c.out[start:] {
		if d.Rule == "unknown-field" && missingAt[d.Pointer] {
			continue
		}
		kept = append(kept, d)
	}
	c.out = kept
}

// flatten walks the error tree down to the leaves. An anyOf failure is one
// finding (its alternatives' failures would only confuse), and so are the
// findings of an if/then branch whose state type is known.
func (c *checker) flatten(ve *jsonschema.ValidationError) {
	if strings.HasSuffix(ve.KeywordLocation, "/anyOf") {
		c.schemaAnyOf(ve)
		return
	}
	if len(ve.Causes) == 0 {
		c.schemaLeaf(ve)
		return
	}
	for _, cause := range ve.Causes {
		c.flatten(cause)
	}
}

// instancePointer turns jsonschema's URL-escaped instance location into a
// plain JSON pointer ("Get%20Order" → "Get Order").
func instancePointer(loc string) string {
	if loc == "" || loc == "/" {
		return ""
	}
	toks := strings.Split(strings.TrimPrefix(loc, "/"), "/")
	for i, t := range toks {
		if u, err := url.PathUnescape(t); err == nil {
			toks[i] = u
		}
	}
	return "/" + strings.Join(toks, "/")
}

// lastToken returns the member name a pointer ends with.
func lastToken(ptr string) string {
	i := strings.LastIndexByte(ptr, '/')
	return asl.UnescapePointerToken(ptr[i+1:])
}

// keyword is the last keyword of a schema location.
func keyword(kwLoc string) string {
	i := strings.LastIndexByte(kwLoc, '/')
	return kwLoc[i+1:]
}

func (c *checker) schemaLeaf(ve *jsonschema.ValidationError) {
	ptr := instancePointer(ve.InstanceLocation)
	field := lastToken(ptr)
	val, _ := c.doc.Lookup(ptr)
	switch kw := keyword(ve.KeywordLocation); kw {
	case "required":
		missing := quotedNames(strings.TrimPrefix(ve.Message, "missing properties: "))
		c.schemaRequired(ptr, missing)
	case "additionalProperties":
		names := quotedNames(strings.TrimSuffix(strings.TrimPrefix(ve.Message, "additionalProperties "), " not allowed"))
		sort.Strings(names)
		for _, n := range names {
			c.errorAt(asl.JoinPointer(ptr, n), "unknown-field", codeSchema, c.unknownFieldMessage(ptr, n))
		}
	case "enum":
		values := quotedNames(strings.TrimPrefix(ve.Message, "value must be one of "))
		if len(values) == 0 {
			values = quotedNames(strings.TrimPrefix(ve.Message, "value must be "))
		}
		msg := fmt.Sprintf("The field '%s' should have one of these values: [%s]", field, strings.Join(values, ", "))
		if field == "QueryLanguage" {
			msg = fmt.Sprintf("Value should be one of the following: [%s]", strings.Join(values, ", "))
		}
		c.errorAtValue(ptr, "invalid-enum-value", codeSchema, msg)
	case "type":
		c.errorAtValue(ptr, "invalid-field-type", codeSchema,
			fmt.Sprintf("The field '%s' should be %s, not %s", field, typeList(ve.Message), jsonTypeName(val)))
	case "minItems":
		c.errorAtValue(ptr, "empty-value", codeSchema, "Value cannot be empty: "+emptyHint(field))
	case "minProperties":
		c.errorAtValue(ptr, "empty-value", codeSchema, fmt.Sprintf("The field '%s' must have at least one member", field))
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
		c.errorAtValue(ptr, "value-out-of-range", codeSchema, rangeMessage(field, kw, ve.Message))
	default:
		c.errorAtValue(ptr, "schema", codeSchema, fmt.Sprintf("The field '%s' is not valid: %s", field, ve.Message))
	}
}

func (c *checker) schemaRequired(ptr string, missing []string) {
	if ptr == "" {
		// AWS lists what a whole definition lacks in one message at "/".
		c.out = append(c.out, asl.Diagnostic{File: c.doc.File, Rule: "missing-required-field", Code: codeSchema,
			Message: fmt.Sprintf("These fields are required: [%s]", strings.Join(missing, ", ")),
			Line:    1, Column: 1, EndLine: 1, EndColumn: 2, Severity: asl.SeverityError})
		return
	}
	for _, m := range missing {
		msg := fmt.Sprintf("The field '%s' is required but was missing", m)
		if k := c.nearMiss(ptr, m); k != "" {
			// Point at the misspelt key: that is the line to fix.
			c.errorAt(asl.JoinPointer(ptr, k), "missing-required-field", codeSchema,
				fmt.Sprintf("%s (is '%s' a misspelling?)", msg, k))
			continue
		}
		c.errorAt(ptr, "missing-required-field", codeSchema, msg)
	}
}

// unknownFieldMessage names what the object is, so "Next" on a Choice
// state reads as the mistake it is.
func (c *checker) unknownFieldMessage(ptr, name string) string {
	if v, ok := c.doc.Lookup(ptr); ok {
		if m, ok := v.(map[string]any); ok {
			if t, ok := m["Type"].(string); ok && strings.Contains(ptr, "/States/") {
				return fmt.Sprintf("Field '%s' is not supported (in a %s state%s)", name, t, didYouMean(name, stateFields()[t]))
			}
		}
	}
	return fmt.Sprintf("Field '%s' is not supported", name)
}

// anyOfMessages describes the named alternatives our schema offers.
var anyOfMessages = map[string]string{
	"objectOrExpr":    "a JSON object or a JSONata expression string \"{% … %}\"",
	"nonNegIntOrExpr": "a non-negative integer or a JSONata expression string \"{% … %}\"",
	"posIntOrExpr":    "a positive integer (at most 99999999) or a JSONata expression string \"{% … %}\"",
	// The developer guide: Wait Seconds is an integer from 0 to 99999999.
	"waitSecondsOrExpr": "an integer from 0 to 99999999 or a JSONata expression string \"{% … %}\"",
	"percentOrExpr":     "a number from 0 to 100 or a JSONata expression string \"{% … %}\"",
}

func (c *checker) schemaAnyOf(ve *jsonschema.ValidationError) {
	ptr := instancePointer(ve.InstanceLocation)
	def := ve.AbsoluteKeywordLocation
	def = strings.TrimSuffix(def[strings.LastIndex(def, "/$defs/")+len("/$defs/"):], "/anyOf")
	want, ok := anyOfMessages[def]
	if !ok {
		want = "of another type"
	}
	if st := c.stateAt(ptr); st != nil && st.QueryLanguage == asl.JSONPath {
		// JSONata expressions are no option in a JSONPath state.
		want = strings.TrimSuffix(want, " or a JSONata expression string \"{% … %}\"")
	}
	c.errorAtValue(ptr, "invalid-field-type", codeSchema,
		fmt.Sprintf("The field '%s' should be %s", lastToken(ptr), want))
}

// quotedNames parses jsonschema's list of quoted names: 'a', 'b\'c'.
func quotedNames(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		q := s[i]
		if q != '\'' && q != '"' {
			continue
		}
		var b strings.Builder
		j := i + 1
		for ; j < len(s) && s[j] != q; j++ {
			if s[j] == '\\' && j+1 < len(s) {
				j++
			}
			b.WriteByte(s[j])
		}
		out = append(out, b.String())
		i = j
	}
	return out
}

// typeList rewrites "expected string or null, but got number" as prose.
func typeList(msg string) string {
	msg = strings.TrimPrefix(msg, "expected ")
	if i := strings.Index(msg, ", but got"); i >= 0 {
		msg = msg[:i]
	}
	parts := strings.Split(msg, " or ")
	for i, p := range parts {
		parts[i] = article(p)
	}
	return strings.Join(parts, " or ")
}

func article(t string) string {
	switch t {
	case "object", "array", "integer":
		return "an " + t
	case "null":
		return "null"
	}
	return "a " + t
}

func jsonTypeName(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case int64, int:
		return "an integer"
	case float64:
		if x == float64(int64(x)) {
			return "an integer"
		}
		return "a number with a fraction"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "a value"
}

// rangeMessage turns "must be >= 1 but found 0" into AWS-style prose.
func rangeMessage(field, kw, msg string) string {
	bound := msg
	if i := strings.Index(msg, " but found"); i >= 0 {
		bound = msg[:i]
	}
	fs := strings.Fields(bound)
	n := fs[len(fs)-1]
	if f, err := strconv.ParseFloat(n, 64); err == nil {
		n = strconv.FormatFloat(f, 'f', -1, 64)
	}
	rel := map[string]string{"minimum": "greater than or equal to", "maximum": "less than or equal to",
		"exclusiveMinimum": "greater than", "exclusiveMaximum": "less than"}[kw]
	return fmt.Sprintf("The value of the field '%s' must be %s %s", field, rel, n)
}

// stateAt returns the innermost state whose pointer contains ptr.
func (c *checker) stateAt(ptr string) *asl.State {
	var found *asl.State
	c.sm.Walk(func(st *asl.State) {
		if (ptr == st.Pointer || strings.HasPrefix(ptr, st.Pointer+"/")) && (found == nil || len(st.Pointer) > len(found.Pointer)) {
			found = st
		}
	})
	return found
}

// nearMiss returns a member of the object at ptr whose name is a likely
// misspelling of field, or "".
func (c *checker) nearMiss(ptr, field string) string {
	v, _ := c.doc.Lookup(ptr)
	m, _ := v.(map[string]any)
	for _, k := range c.doc.Keys(ptr) {
		if _, ok := m[k]; ok && k != field && editDistance(strings.ToLower(k), strings.ToLower(field)) <= 2 {
			return k
		}
	}
	return ""
}

// emptyHint says what an empty array needs, after AWS's "Value cannot be empty".
func emptyHint(field string) string {
	switch field {
	case "Choices":
		return "add at least one Choice rule (a condition and its Next)"
	case "Branches":
		return "add at least one branch (an object with StartAt and States)"
	case "ErrorEquals":
		return "name at least one error, e.g. \"States.ALL\""
	case "And", "Or":
		return "give at least one Choice rule"
	}
	return fmt.Sprintf("give '%s' at least one item", field)
}
