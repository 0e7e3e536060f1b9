package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenValidateOK: every definition under testdata/validate/ok lints clean.
func TestGoldenValidateOK(t *testing.T) {
	stdout, stderr, code := runMain(t, "", "validate", "testdata/validate/ok")
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, want 0 and no findings:\n%s%s", code, stdout, stderr)
	}
}

// TestGoldenValidateErr: each testdata/validate/err/x.asl.{json,yaml} has
// exactly the findings in x.out and exits 1.
func TestGoldenValidateErr(t *testing.T) {
	files, _ := filepath.Glob("testdata/validate/err/*.asl.*")
	if len(files) == 0 {
		t.Fatal("no test definitions in testdata/validate/err")
	}
	for _, file := range files {
		name := filepath.Base(file)
		name = name[:strings.Index(name, ".asl.")]
		t.Run(name, func(t *testing.T) {
			stdout, stderr, code := runMain(t, "", "validate", "--snippet", file)
			if code != 1 {
				t.Errorf("exit %d, want 1 (stderr: %s)", code, stderr)
			}
			checkGolden(t, filepath.Join("testdata", "validate", "err", name+".out"), stdout)
		})
	}
}

// TestGoldenValidateJSON pins the --format json contract of DESIGN.md.
func TestGoldenValidateJSON(t *testing.T) {
	stdout, _, code := runMain(t, "", "validate", "--format", "json",
		"testdata/validate/err/missing-transition-target.asl.json", "testdata/validate/ok/order-jsonpath.asl.json")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	checkGolden(t, filepath.Join("testdata", "validate", "format-json.out"), stdout)
}

func TestValidateStdinAndUsage(t *testing.T) {
	def, err := os.ReadFile("testdata/validate/err/unknown-field.asl.json")
	if err != nil {
		t.Fatal(err)
	}
	stdout, _, code := runMain(t, string(def), "validate", "-")
	if code != 1 || !strings.HasPrefix(stdout, "<stdin>:7:7: error: Field 'Parameter' is not supported") {
		t.Errorf("stdin: exit %d, output %q", code, stdout)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"no paths", []string{"validate"}, 2},
		{"missing file", []string{"validate", "testdata/validate/nope.asl.json"}, 2},
		{"bad format", []string{"validate", "--format", "xml", "testdata/validate/ok"}, 2},
		{"bad type", []string{"validate", "--type", "fast", "testdata/validate/ok"}, 2},
		{"bad flag", []string{"validate", "--nope", "testdata/validate/ok"}, 2},
		{"express rules", []string{"validate", "--type", "express", "testdata/validate/ok/order-jsonpath.asl.json"}, 1},
		{"strict warnings", []string{"validate", "--strict", "testdata/validate/ok"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, stderr, code := runMain(t, "", tc.args...); code != tc.code {
				t.Errorf("exit %d, want %d (stderr: %s)", code, tc.code, stderr)
			}
		})
	}
}
