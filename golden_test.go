package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/cmd"
)

// go test . -run TestGolden -update rewrites golden files; review the diff.
var update = flag.Bool("update", false, "rewrite golden files")

// runMain drives the whole CLI in-process, as a user's shell would.
func runMain(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = cmd.Main(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run: go test . -run %s -update, then review the new file)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs from the output:\n--- want\n%s\n--- got\n%s", golden, want, got)
	}
}

// conformanceDir is ../shared/conformance beside the repository, present in
// CI and in the team's checkouts, absent in a user's clone.
func conformanceDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "shared", "conformance")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("conformance corpus not found at %s: skipping", dir)
	}
	return dir
}
