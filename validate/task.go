package validate

import (
	"fmt"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// checkTasks: timeout and heartbeat pairs, and the Resource: a recognised
// ARN, an optimized integration AWS has, and what EXPRESS machines refuse.
func (c *checker) checkTasks() {
	c.sm.Walk(func(st *asl.State) {
		if st.Type != "Task" {
			return
		}
		c.exclusive(st, "TimeoutSeconds", "TimeoutSecondsPath")
		c.exclusive(st, "HeartbeatSeconds", "HeartbeatSecondsPath")
		timeout, tok := asl.Int(st.Raw["TimeoutSeconds"])
		heartbeat, hok := asl.Int(st.Raw["HeartbeatSeconds"])
		if tok && hok && heartbeat >= timeout {
			c.errorAtValue(st.Pointer+"/HeartbeatSeconds", "heartbeat-not-below-timeout", codeSchema,
				fmt.Sprintf("HeartbeatSeconds (%d) must be smaller than TimeoutSeconds (%d)", heartbeat, timeout))
		}
		if cr, ok := st.Raw["Credentials"].(map[string]any); ok && !has(cr, "RoleArn") && !has(cr, "RoleArn.$") {
			c.errorAt(st.Pointer+"/Credentials", "missing-required-field", codeSchema,
				"The field 'RoleArn' is required but was missing")
		}
		if st.Resource != "" {
			c.checkResource(st)
		} else if r, ok := st.Raw["Resource"].(string); ok && r == "" {
			c.errorAtValue(st.Pointer+"/Resource", "invalid-resource", codeInvalidResource,
				"The field 'Resource' is empty: give the ARN of a Lambda function, an activity or an integration (arn:aws:states:::…)")
		}
	})
}

// exclusive reports a state that sets both a field and its Path variant.
func (c *checker) exclusive(st *asl.State, a, b string) {
	if has(st.Raw, a) && has(st.Raw, b) {
		c.errorAt(st.Pointer+"/"+c.later(st.Pointer, a, b), "exclusive-fields", codeSchema,
			fmt.Sprintf("These fields cannot be specified at the same time: [%s, %s] (state '%s'): keep one", a, b, st.Name))
	}
}

// later is whichever of two members of the object at ptr comes last in the
// source: the one that conflicts with what was already written (usually the
// one added last), as for Wait's duration fields. b when order is unknown.
func (c *checker) later(ptr, a, b string) string {
	ia, ib := -1, -1
	for i, k := range c.doc.Keys(ptr) {
		switch k {
		case a:
			ia = i
		case b:
			ib = i
		}
	}
	if ia > ib {
		return a
	}
	return b
}

func (c *checker) checkResource(st *asl.State) {
	ptr := st.Pointer + "/Resource"
	r := parseResource(st.Resource)
	notRecognized := fmt.Sprintf("The resource provided %s is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.", st.Resource)
	switch r.kind {
	case "other":
		if strings.Contains(st.Resource, "${") {
			c.warnAt(ptr, "unresolved-substitution", codeInvalidResource,
				fmt.Sprintf("Resource '%s' holds a substitution placeholder; it is checked only after substitution (e.g. by validating the template)", st.Resource))
			return
		}
		if !strings.HasPrefix(st.Resource, "arn:") {
			c.errorAtValue(ptr, "invalid-resource", codeInvalidResource, notRecognized)
		}
		return
	case "integration":
		serviceKnown, apiKnown := knownIntegration(r.service, r.api)
		if !apiKnown {
			msg := notRecognized
			if serviceKnown {
				msg += fmt.Sprintf(" The optimized %s integration supports: %s; use arn:aws:states:::aws-sdk:%s:%s for other APIs.",
					r.service, strings.Join(optimizedAPIs[r.service], ", "), r.service, r.api)
			}
			c.errorAtValue(ptr, "unknown-service-integration", codeSchema, msg)
			return
		}
	case "sdk":
		if r.service == "" || r.api == "" {
			c.errorAtValue(ptr, "unknown-service-integration", codeSchema, notRecognized)
			return
		}
		if strings.HasPrefix(r.suffix, ".sync") {
			c.warnAt(ptr, "sdk-sync-unsupported", codeSchema,
				"AWS SDK integrations do not support the '.sync' pattern (Run a Job); use an optimized integration or poll")
		}
	}
	if c.opts.Type == Express {
		switch {
		case r.kind == "activity":
			c.errorAtValue(ptr, "express-unsupported-resource", codeSchema, "Express state machine does not support Activity ARN")
		case strings.HasPrefix(r.suffix, ".sync"):
			c.errorAtValue(ptr, "express-unsupported-resource", codeSchema, "Express state machine does not support '.sync' service integration")
		case r.suffix == ".waitForTaskToken":
			c.errorAtValue(ptr, "express-unsupported-resource", codeSchema, "Express state machine does not support '.waitForTaskToken' service integration")
		}
	}
}
