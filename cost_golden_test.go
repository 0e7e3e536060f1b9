package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// costCases drive `sfnctl cost` end to end; each writes
// testdata/cost/<name>.out (stdout, then stderr and the exit code).
var costCases = []struct {
	name string
	args []string
}{
	{"linear-us-east-1", []string{"linear.asl.json", "--executions", "100000"}},
	{"linear-sa-east-1-json", []string{"linear.asl.json", "--executions", "100,000", "--region", "sa-east-1", "--format", "json"}},
	{"branching", []string{"branching.asl.json", "--executions", "30000", "--duration", "400ms"}},
	{"branching-weighted-json", []string{"branching.asl.json", "--executions", "30000", "--weight", "Route->Split=0.8", "--format", "json"}},
	{"fanout", []string{"fanout.asl.json", "--executions", "20000", "--map-items", "100", "--retries", "Resize=0.1", "--duration", "3s"}},
	{"fanout-eu-west-3-json", []string{"fanout.asl.json", "--executions", "20000", "--map-items", "Fan Out=100", "--retries", "Resize=0.1", "--region", "eu-west-3", "--format", "json"}},
	{"poll-loop", []string{"poll.asl.json", "--executions", "10000", "--weight", "Done?->Finished=0.2"}},
	{"distributed-express-children-json", []string{"distributed.asl.json", "--executions", "5000", "--map-items", "1000", "--format", "json"}},
	{"express", []string{"linear.asl.json", "--type", "express", "--executions", "2000000", "--duration", "2.55s", "--memory", "100"}},
	{"express-across-tiers", []string{"linear.asl.json", "--type", "express", "--executions", "300000000", "--duration", "1s", "--memory", "64"}},
	{"express-json", []string{"linear.asl.json", "--type", "express", "--executions", "2000000", "--duration", "2.55s", "--memory", "100", "--format", "json"}},
	{"price-file-json", []string{"linear.asl.json", "--executions", "100000", "--region", "eu-south-1", "--price-file", "prices.json", "--duration", "1s", "--format", "json"}},
	{"free-tier-exactly-json", []string{"linear.asl.json", "--executions", "1000", "--per-execution-overhead", "1", "--format", "json"}},
	{"simulated-mix", []string{"charge.asl.json", "--mock", "charge-mocks.json", "--test-case", "Clean=45000", "--test-case", "Retried=5000", "--duration", "1s"}},
	{"simulated-shares-json", []string{"charge.asl.json", "--mock", "charge-mocks.json", "--test-case", "Clean=9", "--test-case", "Retried=1", "--executions", "100000", "--format", "json"}},
	{"error-unknown-test-case", []string{"charge.asl.json", "--mock", "charge-mocks.json", "--test-case", "Nope"}},
	{"template-declared-express", []string{"sam-template.yaml", "--resource", "Ingest", "--executions", "1000000", "--duration", "300ms"}},
	{"template-type-override-json", []string{"sam-template.yaml", "--resource", "Nightly", "--type", "express", "--executions", "1000000", "--duration", "300ms", "--format", "json"}},
	{"error-template-pick", []string{"sam-template.yaml", "--executions", "10"}},
	{"error-unknown-region", []string{"linear.asl.json", "--executions", "10", "--region", "xx-east-9"}},
	{"error-express-no-duration", []string{"linear.asl.json", "--executions", "10", "--type", "express"}},
	{"error-weight-target", []string{"branching.asl.json", "--executions", "10", "--weight", "Route->Nowhere=0.5"}},
	{"error-no-executions", []string{"linear.asl.json"}},
	{"error-retries-too-many", []string{"fanout.asl.json", "--executions", "10", "--retries", "Resize=4"}},
}

func TestGoldenCost(t *testing.T) {
	dir := filepath.Join("testdata", "cost")
	for _, tc := range costCases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"cost", "--color", "never"}, tc.args...)
			for i, a := range args {
				if (strings.HasSuffix(a, ".json") || strings.HasSuffix(a, ".yaml")) && !strings.HasPrefix(a, "-") {
					args[i] = filepath.Join(dir, a)
				}
			}
			stdout, stderr, code := runMain(t, "", args...)
			got := stdout
			if stderr != "" || code != 0 {
				got += fmt.Sprintf("--- stderr\n%s--- exit %d\n", stderr, code)
			}
			checkGolden(t, filepath.Join(dir, tc.name+".out"), filepath.ToSlash(got))
		})
	}
}

// Worked examples through the whole CLI, each figure computed by hand from
// AWS's published prices (us-east-1 $0.025 and sa-east-1 $0.0375 per 1,000
// transitions after 4,000 free; Express $1.00 per million requests and
// $0.00001667 per GB-second in the first tier).
func TestCostWorkedExamplesCLI(t *testing.T) {
	dir := filepath.Join("testdata", "cost")
	tests := []struct {
		name string
		args []string
		want map[string]string
	}{
		// 3 × 100,000 − 4,000 = 296,000 × $0.0375/1,000 = $11.10
		{"linear sa-east-1", []string{"linear.asl.json", "--executions", "100000", "--region", "sa-east-1"},
			map[string]string{"monthly_transitions": "300000", "free_tier": "4000", "billable_transitions": "296000", "cost_usd": "11.10"}},
		// (0.8 × 4 + 0.2 × 3) × 30,000 = 114,000 − 4,000 = 110,000 → $2.75
		{"branching weighted", []string{"branching.asl.json", "--executions", "30000", "--weight", "Route->Split=0.8"},
			map[string]string{"monthly_transitions": "114000", "billable_transitions": "110000", "cost_usd": "2.75"}},
		// 1 + 100 × (Resize 1.1 + Tag 1) + Notify, Email, Audit, Archive = 215;
		// × 20,000 = 4,300,000 − 4,000 = 4,296,000 × $0.0297/1,000 = $127.5912
		{"map fan-out Paris", []string{"fanout.asl.json", "--executions", "20000", "--map-items", "100", "--retries", "Resize=0.1", "--region", "eu-west-3"},
			map[string]string{"monthly_transitions": "4300000", "cost_usd": "127.59"}},
		// Start Job, 5 expected passes of Check and Done?, 4 Waits, Finished = 16
		// × 10,000 = 160,000 − 4,000 → $3.90
		{"polling loop", []string{"poll.asl.json", "--executions", "10000", "--weight", "Done?->Finished=0.2"},
			map[string]string{"monthly_transitions": "160000", "cost_usd": "3.90"}},
		// 21 transitions (the Map, 20 child starts) × 5,000 = 105,000 → $2.525;
		// 100,000 Express children × 100 ms × 64 MB: $0.10 + 625 GB-s × $0.00001667
		// = $0.1104…; total $2.6354… → $2.64
		{"distributed express children", []string{"distributed.asl.json", "--executions", "5000", "--map-items", "1000"},
			map[string]string{"monthly_transitions": "105000", "cost_usd": "2.64", "child_express_cost_usd": "0.11"}},
		// 2.55 s → 2.6 s, 100 MB → 128 MB: 2,000,000 × 2.6 × 0.125 = 650,000 GB-s
		// × $0.00001667 = $10.8355; requests $2.00; total $12.8355
		{"express", []string{"linear.asl.json", "--type", "express", "--executions", "2000000", "--duration", "2.55s", "--memory", "100"},
			map[string]string{"request_cost_usd": "2.00", "duration_cost_usd": "10.84", "cost_usd": "12.84", "billable_transitions": "0"}},
		// simulated: 45,000 clean runs (Charge, Ship, Done = 3) and 5,000 that
		// retry Charge twice (5): 135,000 + 25,000 = 160,000 − 4,000 → $3.90
		{"clean and retrying runs", []string{"charge.asl.json", "--mock", filepath.Join(dir, "charge-mocks.json"), "--test-case", "Clean=45000", "--test-case", "Retried=5000"},
			map[string]string{"executions": "50000", "monthly_transitions": "160000", "billable_transitions": "156000", "cost_usd": "3.90"}},
		// the same mix as shares of 100,000: 3.2 × 100,000 = 320,000 − 4,000 → $7.90
		{"shares of a month", []string{"charge.asl.json", "--mock", filepath.Join(dir, "charge-mocks.json"), "--test-case", "Clean=9", "--test-case", "Retried=1", "--executions", "100000"},
			map[string]string{"monthly_transitions": "320000", "cost_usd": "7.90"}},
		// the template declares EXPRESS: 1,000,000 × 0.3 s × 64/1024 GB = 18,750 GB-s
		// × $0.00001667 = $0.3125625, plus $1.00 of requests = $1.3125625
		{"template declares Express", []string{"sam-template.yaml", "--resource", "Ingest", "--executions", "1000000", "--duration", "300ms"},
			map[string]string{"type": `"express"`, "request_cost_usd": "1.00", "duration_cost_usd": "0.31", "cost_usd": "1.31"}},
		// AWS pricing page, Express example 4 (100 million workflows of 10 s at
		// 64 MB): 62,500,000 GB-s. With the per-GB-second list prices the issue
		// and the pricing table give: 3.6M × 0.00001667 = 60.012, 14.4M ×
		// 0.00000833 = 119.952, 44.5M × 0.00000456 = 202.92 → $382.88 + $100.
		{"AWS example 4, GB-second prices", []string{"linear.asl.json", "--type", "express", "--executions", "100000000", "--duration", "10s", "--memory", "64"},
			map[string]string{"gb_seconds": "62500000", "request_cost_usd": "100.00", "duration_cost_usd": "382.88", "cost_usd": "482.88"}},
		// The same example as AWS computes it, per GB-hour: 1,000 × $0.06 = $60.00,
		// 4,000 × $0.03 = $120.00, 12,361.11 × $0.01642 = $202.97 → $382.97;
		// total $482.97, the page's figure.
		{"AWS example 4, GB-hour prices", []string{"linear.asl.json", "--type", "express", "--executions", "100000000", "--duration", "10s", "--memory", "64", "--price-file", filepath.Join(dir, "prices-gb-hour.json")},
			map[string]string{"request_cost_usd": "100.00", "duration_cost_usd": "382.97", "cost_usd": "482.97"}},
		// 300M × 1 s × 64/1024 GB = 18,750,000 GB-s: the whole of tiers 1 and 2
		// (60.012 + 119.952) and 750,000 × 0.00000456 = 3.42 → $183.384; requests $300
		{"Express across both tier boundaries", []string{"linear.asl.json", "--type", "express", "--executions", "300000000", "--duration", "1s", "--memory", "64"},
			map[string]string{"gb_seconds": "18750000", "duration_cost_usd": "183.38", "cost_usd": "483.38"}},
		// 1M × 2.5 s × 128 MB = 312,500 GB-s × 0.00001667 = $5.209375, + $1.00
		{"Express 2.5 s at 128 MB", []string{"linear.asl.json", "--type", "express", "--executions", "1000000", "--duration", "2.5s", "--memory", "128"},
			map[string]string{"billed_duration_ms": "2500", "billed_memory_mb": "128", "duration_cost_usd": "5.21", "cost_usd": "6.21"}},
		// the same at the estimated memory (a small definition: 50 MB + ~300 bytes
		// → 64 MB): 156,250 GB-s × 0.00001667 = $2.6046875, + $1.00
		{"Express 2.5 s at the estimated memory", []string{"linear.asl.json", "--type", "express", "--executions", "1000000", "--duration", "2.5s"},
			map[string]string{"billed_memory_mb": "64", "duration_cost_usd": "2.60", "cost_usd": "3.60"}},
		// Prep, Fan, 7 × (Par, A1, A2, B1 + 0.5 retries) = 31.5, Done, then
		// S1 (1), S2 → S1 (2) or S3 (1) equally likely: 4/3. 35.8333… × 10,000
		// = 358,333.33 − 4,000 = 354,333.33 × $0.0285/1,000 = $10.0985 (Mumbai)
		{"nested Parallel in Map, Mumbai", []string{"nested.asl.json", "--executions", "10000", "--map-items", "7", "--retries", "B1=0.5", "--region", "ap-south-1"},
			map[string]string{"transitions_per_execution": `{"min":32,"expected":35.833333,"max":47}`, "cost_usd": "10.10"}},
		// 3 × 100,000 − 4,000 = 296,000 transitions in each region
		{"linear us-west-1", []string{"linear.asl.json", "--executions", "100000", "--region", "us-west-1"}, map[string]string{"cost_usd": "8.26"}},           // × 0.0279 = 8.2584
		{"linear ap-northeast-2", []string{"linear.asl.json", "--executions", "100000", "--region", "ap-northeast-2"}, map[string]string{"cost_usd": "8.02"}}, // × 0.0271 = 8.0216
		{"linear ap-south-1", []string{"linear.asl.json", "--executions", "100000", "--region", "ap-south-1"}, map[string]string{"cost_usd": "8.44"}},         // × 0.0285 = 8.436
		{"linear us-gov-west-1", []string{"linear.asl.json", "--executions", "100000", "--region", "us-gov-west-1"}, map[string]string{"cost_usd": "8.88"}},   // × 0.03 = 8.88
		// --free-tier 0: all 3,000 transitions billed, $0.075 → $0.08
		{"no free tier", []string{"linear.asl.json", "--executions", "1000", "--free-tier", "0"},
			map[string]string{"free_tier": "0", "billable_transitions": "3000", "cost_usd": "0.08"}},
		// a month smaller than the free tier: 3,000 of the 4,000 used, nothing to pay
		{"free tier larger than the month", []string{"linear.asl.json", "--executions", "1000"},
			map[string]string{"free_tier": "3000", "billable_transitions": "0", "cost_usd": "0.00"}},
		{"no executions", []string{"linear.asl.json", "--executions", "0"},
			map[string]string{"monthly_transitions": "0", "cost_usd": "0.00"}},
		// exactly the free tier: 4 × 1,000 = 4,000 → nothing to pay
		{"free tier exactly", []string{"linear.asl.json", "--executions", "1000", "--per-execution-overhead", "1"},
			map[string]string{"monthly_transitions": "4000", "free_tier": "4000", "billable_transitions": "0", "cost_usd": "0.00"}},
		// one over: 4,001 transitions, $0.000025 → $0.00
		{"free tier plus one", []string{"linear.asl.json", "--executions", "1", "--per-execution-overhead", "3998"},
			map[string]string{"monthly_transitions": "4001", "billable_transitions": "1", "cost_usd": "0.00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"cost", "--format", "json"}, tt.args...)
			args[3] = filepath.Join(dir, args[3])
			stdout, stderr, code := runMain(t, "", args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var out map[string]json.RawMessage
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatal(err)
			}
			for k, want := range tt.want {
				var compact bytes.Buffer
				_ = json.Compact(&compact, out[k])
				if got := compact.String(); got != want {
					t.Errorf("%s = %s, want %s", k, got, want)
				}
			}
		})
	}
}
