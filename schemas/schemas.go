// Package schemas embeds sfnctl's own JSON Schema for the Amazon States
// Language and compiles it once. The validate package turns its findings
// into diagnostics; cross-field rules are not expressed here.
package schemas

import (
	"bytes"
	_ "embed"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

//go:embed asl.schema.json
var aslSchema []byte

// ASLSchemaJSON is the schema text, for tools that want to use it directly.
func ASLSchemaJSON() []byte { return aslSchema }

var (
	once     sync.Once
	compiled *jsonschema.Schema
	compErr  error
)

// ASL returns the compiled ASL schema. It is compiled on first use and
// shared; a compile error is a bug in the embedded file.
func ASL() (*jsonschema.Schema, error) {
	once.Do(func() {
		c := jsonschema.NewCompiler()
		c.Draft = jsonschema.Draft2020
		const url = "https://sfnctl.dev/schemas/asl.schema.json"
		if compErr = c.AddResource(url, bytes.NewReader(aslSchema)); compErr != nil {
			return
		}
		compiled, compErr = c.Compile(url)
	})
	return compiled, compErr
}
