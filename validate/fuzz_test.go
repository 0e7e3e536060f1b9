package validate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// FuzzDocument: validating any bytes, as JSON or YAML, never panics and
// every finding has a rule and a message.
func FuzzDocument(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "validate", "*", "*.asl.*"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b, false)
		}
	}
	f.Add([]byte(`{"StartAt":"A","States":{"A":{"Type":"Choice","Choices":[{"And":[{"Not":{}}]}]}}}`), false)
	f.Add([]byte("StartAt: A\nStates:\n  A: {Type: Map, ItemProcessor: {StartAt: B, States: {B: {Type: Pass, Next: A}}}}\n"), true)
	f.Fuzz(func(t *testing.T, src []byte, yaml bool) {
		name := "f.json"
		if yaml {
			name = "f.yaml"
		}
		for _, typ := range []string{Standard, Express} {
			for _, d := range Document(asl.Load(name, src), Options{Type: typ}) {
				if d.Rule == "" || d.Message == "" {
					t.Fatalf("finding without rule or message: %#v", d)
				}
			}
		}
	})
}
