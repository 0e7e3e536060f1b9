package validate

import (
	"fmt"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// Distributed Map input and output: what AWS accepts in ItemReader and
// ResultWriter when the machine is created.
var (
	readerAPIs       = []string{"getObject", "listObjectsV2"}
	writerAPIs       = []string{"putObject"}
	readerInputTypes = []string{"CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"}
	transformations  = []string{"NONE", "COMPACT", "FLATTEN"}
	outputTypes      = []string{"JSON", "JSONL"}
)

func (c *checker) checkMapIO(st *asl.State) {
	if r, ok := st.Raw["ItemReader"].(map[string]any); ok {
		ptr := st.Pointer + "/ItemReader"
		c.checkS3Resource(r, ptr, readerAPIs)
		if rc, ok := r["ReaderConfig"].(map[string]any); ok {
			if t, ok := rc["InputType"].(string); ok && !contains(readerInputTypes, t) {
				c.errorAtValue(ptr+"/ReaderConfig/InputType", "invalid-enum-value", codeSchema,
					fmt.Sprintf("The field 'InputType' should have one of these values: [%s]", strings.Join(readerInputTypes, ", ")))
			}
		}
	}
	w, ok := st.Raw["ResultWriter"].(map[string]any)
	if !ok {
		return
	}
	ptr := st.Pointer + "/ResultWriter"
	_, hasResource := w["Resource"]
	wc, hasConfig := w["WriterConfig"]
	switch {
	case !hasResource && !hasConfig:
		c.errorAt(ptr, "result-writer", codeSchema,
			"ResultWriter needs 'Resource' (with 'Parameters' or 'Arguments' naming the S3 destination) or 'WriterConfig'")
	case hasResource && !has(w, "Parameters") && !has(w, "Arguments"):
		c.errorAt(ptr, "result-writer", codeSchema,
			"ResultWriter with a 'Resource' needs 'Parameters' (JSONPath) or 'Arguments' (JSONata) naming the S3 Bucket and Prefix")
	}
	if hasResource {
		c.checkS3Resource(w, ptr, writerAPIs)
	}
	if hasConfig {
		m, _ := wc.(map[string]any)
		tr, trOK := m["Transformation"].(string)
		ot, otOK := m["OutputType"].(string)
		switch {
		case !trOK || !otOK:
			c.errorAt(ptr+"/WriterConfig", "result-writer", codeSchema,
				"WriterConfig needs both 'Transformation' (NONE, COMPACT or FLATTEN) and 'OutputType' (JSON or JSONL) as strings")
		case !contains(transformations, tr):
			c.errorAtValue(ptr+"/WriterConfig/Transformation", "invalid-enum-value", codeSchema,
				fmt.Sprintf("The field 'Transformation' should have one of these values: [%s]", strings.Join(transformations, ", ")))
		case !contains(outputTypes, ot):
			c.errorAtValue(ptr+"/WriterConfig/OutputType", "invalid-enum-value", codeSchema,
				fmt.Sprintf("The field 'OutputType' should have one of these values: [%s]", strings.Join(outputTypes, ", ")))
		}
	}
}

// checkS3Resource: an S3 action other than the allowed ones is an error;
// a resource that is not S3 at all is only a warning, in case AWS adds
// readers or writers we do not know.
func (c *checker) checkS3Resource(m map[string]any, ptr string, apis []string) {
	res, ok := m["Resource"].(string)
	if !ok || strings.Contains(res, "${") {
		return
	}
	r := parseResource(res)
	allowed := "arn:aws:states:::s3:" + strings.Join(apis, " or arn:aws:states:::s3:")
	if r.kind == "integration" && r.service == "s3" && r.suffix == "" {
		if !contains(apis, r.api) {
			c.errorAtValue(ptr+"/Resource", "invalid-resource", codeSchema,
				fmt.Sprintf("The field 'Resource' does not match any of the allowed values: use %s", allowed))
		}
		return
	}
	c.warnAt(ptr+"/Resource", "invalid-resource", codeSchema,
		fmt.Sprintf("'%s' is not a resource sfnctl knows here; AWS documents %s", res, allowed))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
