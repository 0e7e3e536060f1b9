package validate

import (
	"fmt"

	"github.com/sfnctl/sfnctl/asl"
)

// distributedOnly are Map fields that need ProcessorConfig Mode DISTRIBUTED.
var distributedOnly = []string{"ItemReader", "ItemBatcher", "ResultWriter"}

// checkMapsAndParallels: ItemProcessor xor Iterator, Distributed-only
// fields, field/Path pairs. Branch counts and ranges are in the schema.
func (c *checker) checkMapsAndParallels() {
	c.sm.Walk(func(st *asl.State) {
		if st.Type != "Map" {
			return
		}
		hasProc, hasIter := has(st.Raw, "ItemProcessor"), has(st.Raw, "Iterator")
		switch {
		case hasProc && hasIter:
			c.errorAt(st.Pointer+"/Iterator", "map-processor", codeSchema,
				fmt.Sprintf("Map state '%s' has both 'ItemProcessor' and 'Iterator': keep 'ItemProcessor' ('Iterator' is its deprecated name)", st.Name))
		case !hasProc && !hasIter:
			c.errorAt(st.Pointer, "map-processor", codeSchema, "The field 'ItemProcessor' is required but was missing")
		}
		if has(st.Raw, "ItemSelector") && has(st.Raw, "Parameters") {
			c.errorAt(st.Pointer+"/Parameters", "exclusive-fields", codeSchema,
				fmt.Sprintf("Map state '%s' has both 'ItemSelector' and 'Parameters' ('Parameters' is the deprecated name): keep 'ItemSelector'", st.Name))
		}
		if has(st.Raw, "Items") && has(st.Raw, "ItemsPath") {
			c.errorAt(st.Pointer+"/"+c.later(st.Pointer, "Items", "ItemsPath"), "exclusive-fields", codeSchema,
				fmt.Sprintf("Map state '%s' sets both 'Items' and 'ItemsPath': keep one", st.Name))
		}
		for _, pair := range [][2]string{{"MaxConcurrency", "MaxConcurrencyPath"},
			{"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"},
			{"ToleratedFailureCount", "ToleratedFailureCountPath"}} {
			c.exclusive(st, pair[0], pair[1])
		}
		if b, ok := st.Raw["ItemBatcher"].(map[string]any); ok {
			for _, pair := range [][2]string{{"MaxItemsPerBatch", "MaxItemsPerBatchPath"}, {"MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"}} {
				if has(b, pair[0]) && has(b, pair[1]) {
					c.errorAt(st.Pointer+"/ItemBatcher/"+c.later(st.Pointer+"/ItemBatcher", pair[0], pair[1]), "exclusive-fields", codeSchema,
						fmt.Sprintf("These fields cannot be specified at the same time: [%s, %s]: keep one", pair[0], pair[1]))
				}
			}
		}
		c.checkMapIO(st)
		distributed := st.Processor != nil && st.Processor.ProcessorMode == "DISTRIBUTED"
		if distributed {
			// The developer guide: ExecutionType must be given when Mode is
			// DISTRIBUTED (each child workflow is a Standard or Express run).
			cfgPtr := st.Processor.Pointer + "/ProcessorConfig"
			if cfg, ok := c.doc.Lookup(cfgPtr); ok {
				if m, ok := cfg.(map[string]any); ok && !has(m, "ExecutionType") {
					c.errorAt(cfgPtr, "missing-required-field", codeSchema,
						"The field 'ExecutionType' is required but was missing: a Distributed Map needs \"ExecutionType\": \"STANDARD\" or \"EXPRESS\"")
				}
			}
		}
		if distributed && c.opts.Type == Express {
			c.warnAt(st.Processor.Pointer+"/ProcessorConfig/Mode", "express-distributed-map", codeSchema,
				"A Distributed Map runs child workflow executions, which Express state machines do not support: use a Standard parent")
		}
		if !distributed {
			for _, f := range distributedOnly {
				if has(st.Raw, f) {
					report := c.errorAt
					if f == "ItemReader" {
						// AWS accepts an ItemReader on an inline Map when the
						// machine is created; it only fails when it runs.
						report = c.warnAt
					}
					report(st.Pointer+"/"+f, "distributed-map-only", codeSchema,
						fmt.Sprintf("'%s' is only supported in a Distributed Map: set \"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"} in the ItemProcessor", f))
				}
			}
		}
	})
}
