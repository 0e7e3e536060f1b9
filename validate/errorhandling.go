package validate

import (
	"fmt"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// predefinedErrors are the error names AWS defines in the States namespace.
var predefinedErrors = map[string]bool{
	"States.ALL": true, "States.DataLimitExceeded": true, "States.ExceedToleratedFailureThreshold": true,
	"States.HeartbeatTimeout": true, "States.Http.Socket": true, "States.IntrinsicFailure": true,
	"States.ItemReaderFailed": true, "States.NoChoiceMatched": true, "States.ParameterPathFailure": true,
	"States.Permissions": true, "States.ResultPathMatchFailure": true, "States.ResultWriterFailed": true,
	"States.Runtime": true, "States.TaskFailed": true, "States.Timeout": true, "States.BranchFailed": true,
	"States.QueryEvaluationError": true, "States.Http.StatusCode": true,
	// Raised at run time when a ResultPath cannot be applied (seen in AWS
	// executions though not in the developer guide's list), so catchers may name it.
	"States.ReferencePathConflict": true,
}

// checkErrorHandling: States.ALL alone and last, predefined States.* names,
// and MaxDelaySeconds meaningful only with back-off. Numeric ranges,
// JitterStrategy and catchers' Next are in the schema.
func (c *checker) checkErrorHandling() {
	c.sm.Walk(func(st *asl.State) {
		for i, r := range st.Retry {
			c.checkErrorEquals(r.Pointer, r.ErrorEquals, i == len(st.Retry)-1, "retrier")
		}
		for i, ct := range st.Catch {
			c.checkErrorEquals(ct.Pointer, ct.ErrorEquals, i == len(st.Catch)-1, "catcher")
		}
	})
}

func (c *checker) checkErrorEquals(ptr string, names []string, last bool, what string) {
	for j, name := range names {
		ep := fmt.Sprintf("%s/ErrorEquals/%d", ptr, j)
		if name == "States.ALL" {
			if len(names) > 1 {
				c.errorAtValue(ep, "states-all-not-alone", codeSchema,
					"States.ALL must appear alone in its ErrorEquals")
			}
			if !last {
				c.errorAtValue(ep, "states-all-not-last", codeSchema,
					fmt.Sprintf("A %s with States.ALL must be the last one: the ones after it can never match", what))
			}
			continue
		}
		if strings.HasPrefix(name, "States.") && !predefinedErrors[name] && !isHTTPStatusError(name) {
			c.errorAtValue(ep, "unknown-states-error", codeSchema,
				fmt.Sprintf("'%s' is not a predefined error name: names starting with 'States.' are reserved (e.g. States.ALL, States.Timeout, States.TaskFailed)", name))
		}
	}
}

// isHTTPStatusError matches the HTTP Task's errors, States.Http.StatusCode.<code>.
func isHTTPStatusError(name string) bool {
	code, ok := strings.CutPrefix(name, "States.Http.StatusCode.")
	if !ok || len(code) != 3 {
		return false
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
