// Package validate checks a loaded definition the way AWS does when it
// creates a state machine: the embedded JSON Schema first, then semantic
// rules, one file per rule family. Every finding carries a stable rule id
// and, where AWS has one, AWS's diagnostic code.
package validate

import (
	"bytes"

	"github.com/sfnctl/sfnctl/asl"
)

// Workflow types: some rules hold only for EXPRESS state machines.
const (
	Standard = "STANDARD"
	Express  = "EXPRESS"
)

// AWS diagnostic codes (ValidateStateMachineDefinition).
const (
	codeSchema           = "SCHEMA_VALIDATION_FAILED"
	codeMissingTarget    = "MISSING_TRANSITION_TARGET"
	codeMissingEnd       = "MISSING_END_STATE"
	codeDuplicateState   = "DUPLICATE_STATE_NAME"
	codeInvalidStateName = "INVALID_STATE_NAME"
	codeInvalidResource  = "INVALID_RESOURCE"
	codeDuplicateLabel   = "DUPLICATE_LABEL_NAME"
	codeInvalidLabel     = "INVALID_LABEL_NAME"
	codeNoDollar         = "NO_DOLLAR"
	codePassResultStatic = "PASS_RESULT_IS_STATIC"
)

// Options tune a validation run.
type Options struct {
	// Type is STANDARD (the default when empty) or EXPRESS.
	Type string
	// Lint adds the opinionated warnings of lint.go (Lambda retries, Map
	// concurrency, Choice defaults): valid for AWS, risky in production.
	Lint bool
}

// checker carries one run: the document, its typed model and the findings.
type checker struct {
	doc  *asl.Document
	sm   *asl.StateMachine
	opts Options
	out  []asl.Diagnostic
}

// Document validates a loaded definition and returns its findings, sorted.
// Loading problems (syntax errors, duplicate keys, size) come first from
// doc.Diagnostics; a document that did not parse gets no further checks.
func Document(doc *asl.Document, opts Options) []asl.Diagnostic {
	if opts.Type == "" {
		opts.Type = Standard
	}
	c := &checker{doc: doc, opts: opts}
	c.out = append(c.out, doc.Diagnostics...)
	if doc.Root == nil && len(bytes.TrimSpace(doc.Source)) == 0 {
		// AWS answers an empty or blank definition with a schema error.
		for i, d := range c.out {
			if d.Rule == "invalid-json" || d.Rule == "invalid-yaml" {
				c.out[i].Code = codeSchema
				c.out[i].Rule = "empty-definition"
				c.out[i].Message = "Definition must be a valid JSON object: the file is empty"
			}
		}
	}
	if doc.Root == nil && hasErrors(doc.Diagnostics) {
		return asl.SortDiagnostics(c.out)
	}
	c.sm = asl.Build(doc)
	c.checkSchema()
	if c.sm != nil && c.sm.Root != nil {
		for _, rule := range ruleFamilies {
			rule(c)
		}
	}
	return asl.SortDiagnostics(c.out)
}

// ruleFamilies run in order after the schema check; each lives in its own file.
var ruleFamilies = []func(*checker){
	(*checker).checkStructure,
	(*checker).checkTransitions,
	(*checker).checkQueryLanguage,
	(*checker).checkChoices,
	(*checker).checkWaits,
	(*checker).checkErrorHandling,
	(*checker).checkTasks,
	(*checker).checkMapsAndParallels,
	(*checker).checkPassAndFail,
	(*checker).checkExpressions,
	(*checker).checkJSONataRefs,
	(*checker).checkLabels,
	(*checker).checkLint, // lint.go: warnings AWS does not give (issue 7)
}

func hasErrors(ds []asl.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == asl.SeverityError {
			return true
		}
	}
	return false
}

// HasErrors reports whether any finding is an error.
func HasErrors(ds []asl.Diagnostic) bool { return hasErrors(ds) }

// errorAt reports an error placed at the key of pointer.
func (c *checker) errorAt(pointer, rule, code, msg string) {
	c.out = append(c.out, c.doc.Diagnostic(pointer, asl.SeverityError, rule, code, msg))
}

// errorAtValue reports an error placed at the value of pointer.
func (c *checker) errorAtValue(pointer, rule, code, msg string) {
	c.out = append(c.out, c.doc.DiagnosticAtValue(pointer, asl.SeverityError, rule, code, msg))
}

// warnAt reports a warning placed at the key of pointer.
func (c *checker) warnAt(pointer, rule, code, msg string) {
	c.out = append(c.out, c.doc.Diagnostic(pointer, asl.SeverityWarning, rule, code, msg))
}

// has reports whether the object m has member k (whatever its value).
func has(m map[string]any, k string) bool {
	_, ok := m[k]
	return ok
}

// isJSONata reports whether s is exactly a "{% … %}" expression string.
func isJSONata(v any) bool {
	s, ok := v.(string)
	if !ok || len(s) < 4 {
		return false
	}
	return s[:2] == "{%" && s[len(s)-2:] == "%}"
}
