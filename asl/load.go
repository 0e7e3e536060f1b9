package asl

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// MaxDefinitionSize is AWS's limit on a state machine definition.
const MaxDefinitionSize = 1 << 20

// Load decodes src as JSON or YAML (by the file's extension; content is
// sniffed for stdin and other names) and records positions. It never fails:
// problems become the document's Diagnostics.
func Load(file string, src []byte) *Document {
	format := "yaml"
	switch strings.ToLower(filepath.Ext(file)) {
	case ".json":
		format = "json"
	case ".yaml", ".yml":
	default:
		if t := bytes.TrimLeft(src, " \t\r\n\ufeff"); len(t) == 0 || t[0] == '{' || t[0] == '[' {
			format = "json"
		}
	}
	doc := newDocument(file, format, src)
	if format == "json" {
		parseJSON(doc)
	} else {
		parseYAML(doc)
	}
	if len(src) > MaxDefinitionSize {
		doc.Diagnostics = append(doc.Diagnostics, Diagnostic{File: file, Rule: "definition-too-large",
			Code: "SCHEMA_VALIDATION_FAILED", Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Severity: SeverityError,
			Message: fmt.Sprintf("the definition is %d bytes; AWS accepts at most %d (1 MiB): split it, for example into nested state machines", len(src), MaxDefinitionSize)})
	}
	return doc
}

// LoadFile reads and loads one file; "-" reads r (standard input) and is
// named "<stdin>" in findings. Only an unreadable file is an error.
func LoadFile(path string, stdin io.Reader) (*Document, error) {
	if path == "-" {
		src, err := io.ReadAll(io.LimitReader(stdin, 64<<20))
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		return Load("<stdin>", src), nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Load(path, src), nil
}

// IsDefinitionFile reports whether a file found while walking a directory
// is a state machine definition by its name.
func IsDefinitionFile(name string) bool {
	n := strings.ToLower(name)
	for _, ext := range []string{".asl.json", ".asl.yaml", ".asl.yml"} {
		if strings.HasSuffix(n, ext) {
			return true
		}
	}
	return false
}
