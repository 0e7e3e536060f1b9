package expr

import (
	"strconv"
	"strings"
)

// JSONataError is a JSONata syntax or evaluation error with the code and
// message text jsonata-js gives (AWS puts "CODE: message" in its causes,
// e.g. "T1006: Attempted to invoke a non-function").
type JSONataError struct {
	Code     string
	Position int    // byte offset in the expression
	Token    string // the operator or function involved, when known
	Value    any    // the offending value, when known
	Value2   any
	Index    int    // argument number for signature errors
	Type     string // expected array item type (T0412)
	Message  string // set for D3137/D3141 ($error, $assert) and limit errors
	hasValue bool
}

func (e *JSONataError) Error() string { return e.Code + ": " + e.Text() }

// jnMessages are jsonata-js's message templates: {{x}} is replaced by the
// JSON text of field x, {{{x}}} by its plain text.
var jnMessages = map[string]string{
	"S0101": "String literal must be terminated by a matching quote",
	"S0102": "Number out of range: {{token}}",
	"S0103": "Unsupported escape sequence: \\{{{token}}}",
	"S0104": "The escape sequence \\u must be followed by 4 hex digits",
	"S0105": "Quoted property name must be terminated with a backquote (`)",
	"S0106": "Comment has no closing tag",
	"S0201": "Syntax error: {{token}}",
	"S0202": "Expected {{value}}, got {{token}}",
	"S0203": "Expected {{value}} before end of expression",
	"S0204": "Unknown operator: {{token}}",
	"S0205": "Unexpected token: {{token}}",
	"S0207": "Unexpected end of expression",
	"S0208": "Parameter {{value}} of function definition must be a variable name (start with $)",
	"S0209": "A predicate cannot follow a grouping expression in a step",
	"S0210": "Each step can only have one grouping expression",
	"S0211": "The symbol {{token}} cannot be used as a unary operator",
	"S0212": "The left side of := must be a variable name (start with $)",
	"S0213": "The literal value {{value}} cannot be used as a step within a path expression",
	"S0214": "The right side of {{token}} must be a variable name (start with $)",
	"S0215": "A context variable binding must precede any predicates on a step",
	"S0216": "A context variable binding must precede the 'order-by' clause on a step",
	"S0217": "The object representing the 'parent' cannot be derived from this expression",
	"S0301": "Empty regular expressions are not allowed",
	"S0302": "No terminating / in regular expression",
	"S0303": "Invalid regular expression: {{{message}}}",
	"S0401": "Type parameters can only be applied to functions and arrays",
	"S0402": "Choice groups containing parameterized types are not supported",
	"T0410": "Argument {{index}} of function {{token}} does not match function signature",
	"T0411": "Context value is not a compatible type with argument {{index}} of function {{token}}",
	"T0412": "Argument {{index}} of function {{token}} must be an array of {{type}}",
	"D1001": "Number out of range: {{value}}",
	"D1002": "Cannot negate a non-numeric value: {{value}}",
	"T1003": "Key in object structure must evaluate to a string; got: {{value}}",
	"D1004": "Regular expression matches zero length string",
	"T1005": "Attempted to invoke a non-function. Did you mean ${{{token}}}?",
	"T1006": "Attempted to invoke a non-function",
	"T1007": "Attempted to partially apply a non-function. Did you mean ${{{token}}}?",
	"T1008": "Attempted to partially apply a non-function",
	"D1009": "Multiple key definitions evaluate to same key: {{value}}",
	"T1010": "The matcher function argument passed to function {{token}} does not return the correct object structure",
	"T2001": "The left side of the {{token}} operator must evaluate to a number",
	"T2002": "The right side of the {{token}} operator must evaluate to a number",
	"T2003": "The left side of the range operator (..) must evaluate to an integer",
	"T2004": "The right side of the range operator (..) must evaluate to an integer",
	"T2006": "The right side of the function application operator ~> must be a function",
	"T2007": "Type mismatch when comparing values {{value}} and {{value2}} in order-by clause",
	"T2008": "The expressions within an order-by clause must evaluate to numeric or string values",
	"T2009": "The values {{value}} and {{value2}} either side of operator {{token}} must be of the same data type",
	"T2010": "The expressions either side of operator {{token}} must evaluate to numeric or string values",
	"T2011": "The insert/update clause of the transform expression must evaluate to an object: {{value}}",
	"T2012": "The delete clause of the transform expression must evaluate to a string or array of strings: {{value}}",
	"D2014": "The size of the sequence allocated by the range operator (..) must not exceed 1e7.  Attempted to allocate {{value}}.",
	"D3001": "Attempting to invoke string function on Infinity or NaN",
	"D3010": "Second argument of replace function cannot be an empty string",
	"D3011": "Fourth argument of replace function must evaluate to a positive number",
	"D3012": "Attempted to replace a matched string with a non-string value",
	"D3020": "Third argument of split function must evaluate to a positive number",
	"D3030": "Unable to cast value to a number: {{value}}",
	"D3040": "Third argument of match function must evaluate to a positive number",
	"D3050": "The second argument of reduce function must be a function with at least two arguments",
	"D3060": "The sqrt function cannot be applied to a negative number: {{value}}",
	"D3061": "The power function has resulted in a value that cannot be represented as a JSON number: base={{value}}, exponent={{value2}}",
	"D3070": "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function",
	"D3080": "The picture string must only contain a maximum of two sub-pictures",
	"D3081": "The sub-picture must not contain more than one instance of the 'decimal-separator' character",
	"D3100": "The radix of the formatBase function must be between 2 and 36.  It was given {{value}}",
	"D3110": "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given {{value}}",
	"D3133": "The 'name' modifier can only be applied to months and days in the date/time picture string, not {{value}}",
	"D3137": "{{{message}}}",
	"D3138": "The $single() function expected exactly 1 matching result.  Instead it matched more.",
	"D3139": "The $single() function expected exactly 1 matching result.  Instead it matched 0.",
	"D3140": "Malformed URL passed to ${{{token}}}(): {{value}}",
	"D3141": "{{{message}}}",
	// Limits of this implementation (not jsonata-js codes' texts).
	"U1001": "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.",
	"U1002": "{{{message}}}",
}

// Text is the message without its code.
func (e *JSONataError) Text() string {
	tmpl, ok := jnMessages[e.Code]
	if !ok {
		if e.Message != "" {
			return e.Message
		}
		return "error"
	}
	var b strings.Builder
	for {
		i := strings.Index(tmpl, "{{")
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		b.WriteString(tmpl[:i])
		triple := strings.HasPrefix(tmpl[i:], "{{{")
		open, closeTok := 2, "}}"
		if triple {
			open, closeTok = 3, "}}}"
		}
		j := strings.Index(tmpl[i+open:], closeTok)
		if j < 0 {
			b.WriteString(tmpl[i:])
			break
		}
		field := tmpl[i+open : i+open+j]
		tmpl = tmpl[i+open+j+len(closeTok):]
		var v any
		present := true
		switch field {
		case "token":
			v = e.Token
			if e.Token == "" {
				present = false // jsonata-js prints "undefined" when no name is known
			}
		case "value":
			v, present = e.Value, e.hasValue || e.Value != nil
		case "value2":
			v = e.Value2
		case "index":
			v = e.Index
		case "type":
			v = e.Type
		case "message":
			v = e.Message
		}
		if triple {
			if s, ok := v.(string); ok {
				b.WriteString(s)
			} else {
				b.WriteString(jnStringify(v, false))
			}
			continue
		}
		if !present || jnIsUndef(v) {
			b.WriteString("undefined") // what JSON.stringify(undefined) becomes in the template
			continue
		}
		switch x := v.(type) {
		case int:
			b.WriteString(strconv.Itoa(x))
		default:
			b.WriteString(jnStringifyRaw(x))
		}
	}
	return b.String()
}

func jnErr(code string, value any) *JSONataError {
	return &JSONataError{Code: code, Value: value, hasValue: true}
}
