package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunGolden runs every testdata/run/*.args (one argument per line,
// after "run", or after "test-state" for test-state-*.args) and compares
// stdout, stderr and the exit code with the matching .out file.
func TestRunGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "run", "*.args"))
	if len(files) == 0 {
		t.Fatal("no testdata/run/*.args")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".args")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			args := []string{"run", "--color", "never"}
			if strings.HasPrefix(name, "test-state-") {
				args[0] = "test-state"
			}
			for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
				if line = strings.TrimSpace(line); line != "" {
					args = append(args, line)
				}
			}
			stdout, stderr, code := runMain(t, "", args...)
			got := fmt.Sprintf("%s--- stderr\n%s--- exit %d\n", stdout, stderr, code)
			checkGolden(t, strings.TrimSuffix(f, ".args")+".out", got)
		})
	}
}

// TestRunDeterministic checks that the same command gives byte-identical
// output twice.
func TestRunDeterministic(t *testing.T) {
	args := []string{"run", "examples/order.asl.json", "--input", "@testdata/run/order.input.json",
		"--mock", "testdata/run/order.mocks.json", "--test-case", "HappyPath", "--format", "json", "--history"}
	a, _, _ := runMain(t, "", args...)
	b, _, _ := runMain(t, "", args...)
	if a != b || a == "" {
		t.Fatalf("two runs differ or are empty:\n%s\n---\n%s", a, b)
	}
}
