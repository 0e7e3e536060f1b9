package validate

import (
	"fmt"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// Lint: definitions AWS accepts but that tend to fail in production. They
// run only when asked (Options.Lint: --lint, or lint: true in .sfnctl.yaml).
// Each is a warning with its own rule id, so --disable or a
// "sfnctl:ignore RULE" Comment can turn it off where it does not apply.

// lambdaTransientErrors are the errors AWS recommends retrying on every
// Lambda invocation: the service's own hiccups, not the function's.
var lambdaTransientErrors = []string{"Lambda.ServiceException", "Lambda.AWSLambdaException",
	"Lambda.SdkClientException", "Lambda.TooManyRequestsException"}

func (c *checker) checkLint() {
	if !c.opts.Lint {
		return
	}
	c.sm.Walk(func(st *asl.State) {
		switch st.Type {
		case "Task":
			r := parseResource(st.Resource)
			invokesLambda := r.kind == "lambda" || (r.kind == "integration" && r.service == "lambda" && r.api == "invoke")
			if invokesLambda && !retriesAny(st.Retry, lambdaTransientErrors) {
				c.warnAt(st.Pointer, "task-without-retry", "",
					fmt.Sprintf("Task '%s' invokes Lambda without retrying its transient errors (%s): add a Retry for them, as AWS recommends",
						st.Name, strings.Join(lambdaTransientErrors, ", ")))
			}
		case "Map":
			if !has(st.Raw, "MaxConcurrency") && !has(st.Raw, "MaxConcurrencyPath") {
				c.warnAt(st.Pointer, "map-without-max-concurrency", "",
					fmt.Sprintf("Map '%s' has no MaxConcurrency: it runs as many iterations at once as Step Functions allows; set MaxConcurrency to spare what the iterations call (0 says \"no limit\" on purpose)", st.Name))
			}
		case "Choice":
			if !has(st.Raw, "Default") {
				c.warnAt(st.Pointer, "choice-without-default", "",
					fmt.Sprintf("Choice '%s' has no Default: when no rule matches, the execution fails with States.NoChoiceMatched; add a Default (it may lead to a Fail state)", st.Name))
			}
		}
	})
}

// retriesAny reports whether a retrier that retries at all covers one of
// the errors, directly or through States.ALL or States.TaskFailed.
func retriesAny(retry []asl.Retrier, errors []string) bool {
	for _, r := range retry {
		if r.MaxAttempts == 0 {
			continue
		}
		for _, e := range r.ErrorEquals {
			if e == "States.ALL" || e == "States.TaskFailed" {
				return true
			}
			for _, want := range errors {
				if e == want {
					return true
				}
			}
		}
	}
	return false
}
