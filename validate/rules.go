package validate

import "sort"

// Rule describes one check: its stable id, AWS's code when AWS has one, the
// severity it is reported with and a one-line summary (for SARIF metadata,
// documentation and --disable). docs/validate.md has the full table.
type Rule struct {
	ID       string
	Code     string
	Severity string // "error" or "warning"
	Summary  string
}

// rules lists every rule validate (and the loader) can report.
var rules = []Rule{
	// loading (asl package)
	{"invalid-json", "INVALID_JSON_DESCRIPTION", "error", "The file is not valid JSON"},
	{"invalid-yaml", "INVALID_JSON_DESCRIPTION", "error", "The file is not valid YAML"},
	{"duplicate-key", codeSchema, "error", "The same key appears twice in one object"},
	{"definition-too-large", codeSchema, "error", "The definition is larger than AWS's 1 MiB limit"},
	{"empty-definition", codeSchema, "error", "The definition is empty"},
	// schema
	{"schema", codeSchema, "error", "The definition does not match the ASL schema"},
	{"missing-required-field", codeSchema, "error", "A required field is missing"},
	{"unknown-field", codeSchema, "error", "A field that this object does not support"},
	{"invalid-enum-value", codeSchema, "error", "A value outside the allowed set"},
	{"invalid-field-type", codeSchema, "error", "A value of the wrong JSON type"},
	{"value-out-of-range", codeSchema, "error", "A number outside its allowed range"},
	{"empty-value", codeSchema, "error", "An array or object that must not be empty"},
	// structure and transitions
	{"missing-next-or-end", codeSchema, "error", "A state needs either Next or \"End\": true"},
	{"end-and-next", codeSchema, "error", "A state has both Next and \"End\": true"},
	{"state-name-too-long", codeInvalidStateName, "error", "A state name longer than 80 characters"},
	{"duplicate-state-name", codeDuplicateState, "error", "State names must be unique across the whole machine"},
	{"missing-transition-target", codeMissingTarget, "error", "StartAt, Next, Default or a catcher's Next names no state of its scope"},
	{"unreachable-state", codeMissingTarget, "error", "No transition leads to this state"},
	{"missing-end-state", codeMissingEnd, "error", "The state machine has no terminal state"},
	// Choice
	{"choice-rule-missing-next", codeSchema, "error", "A top-level Choice rule needs Next"},
	{"nested-choice-next", codeSchema, "error", "Next, Assign or Output inside And, Or or Not"},
	{"choice-rule-operator", codeSchema, "error", "A Choice rule needs exactly one comparison operator, or And, Or or Not"},
	{"choice-rule-missing-variable", codeSchema, "error", "A JSONPath Choice rule needs Variable"},
	{"choice-rule-missing-condition", codeSchema, "error", "A JSONata Choice rule needs Condition"},
	{"choice-operand-type", codeSchema, "error", "A comparison operand of the wrong type"},
	// Wait
	{"wait-duration", codeSchema, "error", "A Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath"},
	{"invalid-timestamp", codeSchema, "error", "A timestamp that is not RFC 3339"},
	// Retry and Catch
	{"states-all-not-alone", codeSchema, "error", "States.ALL must be alone in its ErrorEquals"},
	{"states-all-not-last", codeSchema, "error", "States.ALL must be in the last retrier or catcher"},
	{"unknown-states-error", codeSchema, "error", "An error name in the reserved States. namespace that AWS does not define"},
	// Task
	{"exclusive-fields", codeSchema, "error", "Two fields that cannot be used together"},
	{"heartbeat-not-below-timeout", codeSchema, "error", "HeartbeatSeconds must be smaller than TimeoutSeconds"},
	{"unknown-service-integration", codeSchema, "error", "A service integration AWS does not have"},
	{"invalid-resource", codeInvalidResource, "error", "A Resource AWS does not recognise"},
	{"express-unsupported-resource", codeSchema, "error", "EXPRESS machines refuse .sync, .waitForTaskToken and activities"},
	{"unresolved-substitution", codeInvalidResource, "warning", "A ${placeholder} Resource that can only be checked after substitution"},
	{"sdk-sync-unsupported", codeSchema, "warning", "AWS SDK integrations do not support .sync"},
	// Map and Parallel
	{"map-processor", codeSchema, "error", "A Map state needs ItemProcessor (or the older Iterator), not both"},
	{"distributed-map-only", codeSchema, "error", "ItemReader, ItemBatcher and ResultWriter need a Distributed Map"},
	{"result-writer", codeSchema, "error", "An incomplete ResultWriter"},
	{"invalid-label", codeInvalidLabel, "error", "A Map Label that is too long or has characters AWS refuses"},
	{"duplicate-label", codeDuplicateLabel, "error", "Two Map states with the same Label"},
	{"express-distributed-map", codeSchema, "warning", "A Distributed Map in an EXPRESS machine"},
	// Pass
	{"pass-result-is-static", codePassResultStatic, "warning", "A \".$\" key in a Pass state's Result is not evaluated"},
	// query language
	{"jsonpath-state-in-jsonata-machine", codeSchema, "error", "A JSONPath state in a JSONata state machine"},
	{"field-not-in-query-language", codeSchema, "error", "A field of the other query language"},
	{"jsonata-in-jsonpath-state", codeSchema, "error", "A JSONata expression in a JSONPath state"},
	// expressions
	{"invalid-jsonpath", codeSchema, "error", "A JSONPath that does not parse or selects more than one value where one is needed"},
	{"invalid-reference-path", codeSchema, "error", "A ResultPath that is not a definite reference path"},
	{"invalid-intrinsic", codeSchema, "error", "An intrinsic function call that does not parse, or an unknown function or argument count"},
	{"invalid-jsonata", "INVALID_JSONATA_EXPRESSION", "error", "A JSONata expression that does not parse"},
	{"unsupported-jsonata", codeUnsupportedJSONata, "error", "A JSONata reference AWS does not offer ($$, $states.errorOutput outside a catcher)"},
	{"no-dollar", codeNoDollar, "warning", "A value that looks like a path or intrinsic but is passed as a literal"},
	// lint (lint.go, only with Options.Lint)
	{"task-without-retry", "", "warning", "A Lambda Task without a Retry for Lambda's transient errors"},
	{"map-without-max-concurrency", "", "warning", "A Map state without MaxConcurrency"},
	{"choice-without-default", "", "warning", "A Choice state without Default"},
	// templates (asl.LoadAny)
	{"definition-uri-not-found", "", "error", "A DefinitionUri, file() or ${file()} names a local file that does not exist"},
	{"template-missing-definition", codeSchema, "error", "A state machine in a template has no definition"},
	{"invalid-hcl", "INVALID_JSON_DESCRIPTION", "error", "A Terraform file that does not parse"},
}

// Rules returns every rule, sorted by id.
func Rules() []Rule {
	out := append([]Rule(nil), rules...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
