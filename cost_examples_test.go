package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// AWS pricing page, Express memory example: a 50 KB definition and 400 Map
// steps with 32 KB of payload each: 50 MB + 50 KB + 12,800 KB = 62.85 MB,
// billed as 64 MB. Built here to exact sizes (decimal KB, as the example adds
// them) and run through `sfnctl cost` with a 400-item input.
func TestCostAWSMemoryExample(t *testing.T) {
	dir := t.TempDir()
	def := map[string]any{
		"Comment": "",
		"StartAt": "Each",
		"States": map[string]any{
			"Each": map[string]any{
				"Type": "Map", "ItemsPath": "$.items", "End": true,
				"ItemProcessor": map[string]any{
					"StartAt": "Touch",
					"States":  map[string]any{"Touch": map[string]any{"Type": "Pass", "End": true}},
				},
			},
		},
	}
	def["Comment"] = strings.Repeat("x", 50_000-costCompactSize(t, def))
	if n := costCompactSize(t, def); n != 50_000 {
		t.Fatalf("definition is %d bytes, want 50,000", n)
	}
	items := make([]any, 400)
	for i := range items {
		items[i] = 0
	}
	input := map[string]any{"pad": "", "items": items}
	input["pad"] = strings.Repeat("y", 32_000-costCompactSize(t, input))
	if n := costCompactSize(t, input); n != 32_000 {
		t.Fatalf("input is %d bytes, want 32,000", n)
	}
	defPath := filepath.Join(dir, "example3.asl.json")
	costWriteJSON(t, defPath, def)
	inPath := filepath.Join(dir, "input.json")
	costWriteJSON(t, inPath, input)

	stdout, stderr, code := runMain(t, "", "cost", defPath, "--type", "express", "--executions", "1000",
		"--duration", "1s", "--input", "@"+inPath, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Model struct {
			MemoryMB       int64 `json:"memory_mb"`
			MemoryEstimate struct {
				DefinitionBytes int64       `json:"definition_bytes"`
				PayloadBytes    int64       `json:"payload_bytes"`
				Steps           json.Number `json:"steps"`
				EstimatedMB     json.Number `json:"estimated_mb"`
				BilledMB        int64       `json:"billed_mb"`
			} `json:"memory_estimate"`
		} `json:"model"`
		BilledMemoryMB int64 `json:"billed_memory_mb"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	m := out.Model.MemoryEstimate
	if m.DefinitionBytes != 50_000 || m.PayloadBytes != 32_000 || m.Steps != "400" {
		t.Errorf("estimate inputs: definition %d, payload %d, steps %s; want 50000, 32000, 400", m.DefinitionBytes, m.PayloadBytes, m.Steps)
	}
	if m.EstimatedMB != "62.85" || m.BilledMB != 64 || out.BilledMemoryMB != 64 {
		t.Errorf("estimate %s MB billed %d (%d); AWS's example: 62.85 MB billed as 64 MB", m.EstimatedMB, m.BilledMB, out.BilledMemoryMB)
	}
}

func costCompactSize(t *testing.T, v any) int {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return len(b)
}

func costWriteJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Bad flags are usage errors (exit 2) that name the flag and say what fits.
func TestCostBadFlagsSayWhatToDo(t *testing.T) {
	linear := filepath.Join("testdata", "cost", "linear.asl.json")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--executions", "abc"}, `--executions: "abc" is not a whole number of 0 or more`},
		{[]string{"--executions", "-5"}, `"-5" is not a whole number of 0 or more`},
		{[]string{"--executions", "1e30"}, `"1e30" is too large`},
		{[]string{"--executions", "10", "--retries", "Store=1"}, `leave it out of --retries`},
		{[]string{"--executions", "10", "--region", "mars-1"}, `known regions: ap-northeast-1`},
		{[]string{"--executions", "10", "--free-tier", "-1"}, `--free-tier -1: give the free transitions a month, 0 or more`},
		{[]string{"--executions", "10", "--memory", "-64"}, `--memory -64: give one execution's memory in MB`},
		{[]string{"--executions", "10", "--memory", "0", "--duration", "1s"}, `--memory 0: give one execution's memory in MB`},
		{[]string{"--executions", "10", "--type", "express", "--duration", "0s"}, `--duration 0s: give how long one execution runs`},
		{[]string{"--executions", "10", "--per-execution-overhead", "-1"}, `--per-execution-overhead -1: give`},
		{[]string{"--executions", "10", "--type", "express"}, `give --duration`},
	} {
		args := append([]string{"cost", linear}, tt.args...)
		_, stderr, code := runMain(t, "", args...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
	// region codes are matched without regard to case
	if _, stderr, code := runMain(t, "", "cost", linear, "--executions", "10", "--region", "SA-EAST-1"); code != 0 {
		t.Errorf("--region SA-EAST-1: exit %d: %s", code, stderr)
	}
}
