package cost

import (
	"math/big"
	"strings"
	"testing"
	"time"
)

func region(t *testing.T, code string) RegionPrices {
	t.Helper()
	rp, err := BuiltinPrices().Region(code)
	if err != nil {
		t.Fatal(err)
	}
	return rp
}

// Worked Standard examples, computed by hand from AWS's published price per
// 1,000 transitions: billable = max(executions × transitions − 4,000, 0).
func TestStandardWorkedExamples(t *testing.T) {
	tests := []struct {
		name       string
		region     string
		executions int64
		perExec    string
		billable   string
		cost       string
	}{
		// linear, 3 states: 300,000 − 4,000 = 296,000 × $0.025/1,000 = $7.40
		{"linear us-east-1", "us-east-1", 100_000, "3", "296000", "$7.40"},
		// the same in São Paulo at $0.0375: $11.10
		{"linear sa-east-1", "sa-east-1", 100_000, "3", "296000", "$11.10"},
		// Paris at $0.0297: 296,000 × 0.0000297 = $8.7912
		{"linear eu-west-3", "eu-west-3", 100_000, "3", "296000", "$8.79"},
		// branching 3 or 4 states half the time each: 3.5 × 30,000 = 105,000;
		// 101,000 × $0.000025 = $2.525, which rounds half up to $2.53
		{"branching us-east-1", "us-east-1", 30_000, "7/2", "101000", "$2.53"},
		// Map fan-out, 22 per execution: 220,000 − 4,000 = 216,000 → $5.40
		{"map us-east-1", "us-east-1", 10_000, "22", "216000", "$5.40"},
		// N. California at $0.0279: 216,000 × 0.0000279 = $6.0264
		{"map us-west-1", "us-west-1", 10_000, "22", "216000", "$6.03"},
		// Seoul at $0.0271 and Mumbai at $0.0285: 1,000,000 − 4,000 = 996,000
		{"ap-northeast-2", "ap-northeast-2", 250_000, "4", "996000", "$26.99"}, // 26.9916
		{"ap-south-1", "ap-south-1", 250_000, "4", "996000", "$28.39"},         // 28.386
		// exactly the free tier: nothing to pay
		{"free tier exactly", "us-east-1", 1_000, "4", "0", "$0.00"},
		{"free tier plus one", "us-east-1", 4_001, "1", "1", "$0.00"},
		{"under the free tier", "us-east-1", 10, "4", "0", "$0.00"},
		// GovCloud at $0.03: 44,000 × 0.00003 = $1.32
		{"us-gov-west-1", "us-gov-west-1", 8_000, "6", "44000", "$1.32"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			monthly := mul(Rat(tt.executions), rat(tt.perExec))
			b := Standard(region(t, tt.region), monthly, DefaultFreeTier)
			if b.Billable.RatString() != tt.billable || USD(b.Cost) != tt.cost {
				t.Errorf("billable %s cost %s, want %s %s", b.Billable.RatString(), USD(b.Cost), tt.billable, tt.cost)
			}
		})
	}
}

// A month mixing 45,000 clean runs of 5 transitions with 5,000 runs that
// retry twice (7 transitions): 260,000 − 4,000 = 256,000 × $0.000025 = $6.40.
func TestStandardMixedRuns(t *testing.T) {
	monthly := add(mul(Rat(45_000), Rat(5)), mul(Rat(5_000), Rat(7)))
	b := Standard(region(t, "us-east-1"), monthly, DefaultFreeTier)
	if USD(b.Cost) != "$6.40" {
		t.Errorf("cost %s, want $6.40", USD(b.Cost))
	}
}

// Worked Express examples from the us-east-1 prices: $1.00 per million
// requests; GB-s at $0.00001667 (first 3.6M), $0.00000833 (next 14.4M),
// $0.00000456 beyond.
func TestExpressWorkedExamples(t *testing.T) {
	ep := region(t, "us-east-1").Express
	tests := []struct {
		name                     string
		executions               int64
		d                        time.Duration
		memoryMB                 int64
		gbs, request, dur, total string
	}{
		// 1M × 1 s × 64/1024 GB = 62,500 GB-s × 0.00001667 = $1.041875
		{"inside tier 1", 1_000_000, time.Second, 64, "62500", "$1.00", "$1.04", "$2.04"},
		// AWS's example 4 volume: 100M × 10 s × 64 MB = 62,500,000 GB-s:
		// 3.6M × 0.00001667 = 60.012; 14.4M × 0.00000833 = 119.952;
		// 44.5M × 0.00000456 = 202.92; duration $382.884, requests $100
		{"across all tiers", 100_000_000, 10 * time.Second, 64, "62500000", "$100.00", "$382.88", "$482.88"},
		// exactly the end of tier 1: 3,600,000 GB-s = $60.012
		{"tier 1 boundary", 57_600_000, time.Second, 64, "3600000", "$57.60", "$60.01", "$117.61"},
		// 2.55 s bills as 2.6 s, 100 MB as 128 MB: 2M × 2.6 × 0.125 = 650,000 GB-s
		// × 0.00001667 = $10.8355
		{"rounded up", 2_000_000, 2550 * time.Millisecond, 128, "650000", "$2.00", "$10.84", "$12.84"},
		// into tier 2: 20M × 1 s × 1024 MB... = 20,000,000 GB-s:
		// 60.012 + 119.952 + 2,000,000 × 0.00000456 = 9.12 → $189.084
		{"into tier 3", 20_000_000, time.Second, 1024, "20000000", "$20.00", "$189.08", "$209.08"},
		// 5M × 1 s × 1 GB = 5,000,000 GB-s: 60.012 + 1,400,000 × 0.00000833 = 11.662 → $71.674
		{"into tier 2", 5_000_000, time.Second, 1024, "5000000", "$5.00", "$71.67", "$76.67"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Express(ep, Rat(tt.executions), tt.d, tt.memoryMB)
			got := []string{b.GBSeconds.RatString(), USD(b.RequestCost), USD(b.DurationCost), USD(b.Cost)}
			want := []string{tt.gbs, tt.request, tt.dur, tt.total}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestBilledUnits(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want int64
	}{{0, 100}, {time.Millisecond, 100}, {100 * time.Millisecond, 100}, {101 * time.Millisecond, 200}, {2500 * time.Millisecond, 2500}, {2501 * time.Millisecond, 2600}} {
		if got := BilledDuration(tt.d); got != tt.want {
			t.Errorf("BilledDuration(%v) = %d ms, want %d", tt.d, got, tt.want)
		}
	}
	for _, tt := range []struct {
		mb   string
		want int64
	}{{"0", 64}, {"50", 64}, {"64", 64}, {"64.001", 128}, {"6285/100", 64}, {"129", 192}} {
		if got := BilledMemory(rat(tt.mb)); got != tt.want {
			t.Errorf("BilledMemory(%s) = %d, want %d", tt.mb, got, tt.want)
		}
	}
}

// AWS's memory example: 50 MB + 50 KB definition + 32 KB × 400 Map steps
// = 62.85 MB, billed as 64 MB.
func TestEstimateMemoryAWSExample(t *testing.T) {
	mb := EstimateMemoryMB(50_000, 32_000, Rat(400))
	if mb.RatString() != "1257/20" || BilledMemory(mb) != 64 {
		t.Errorf("estimate %s MB (billed %d), want 62.85 (64)", mb.FloatString(2), BilledMemory(mb))
	}
}

// 10 transitions per execution, 1 s at 64 MB in us-east-1: Standard is free
// for the first 400 executions, then $0.00025 each; Express costs
// $0.000002041875 each. (n − 400) × 0.00025 = n × 0.000002041875 gives
// n = 403.29…, so Express is cheaper from 404 executions a month.
func TestBreakEven(t *testing.T) {
	n, always := BreakEven(region(t, "us-east-1"), Rat(10), DefaultFreeTier, time.Second, 64)
	if always || n == nil || n.RatString() != "404" {
		t.Errorf("break-even = %v (always %v), want 404", n, always)
	}
	// no free tier: Express wins from the first execution
	if n, always := BreakEven(region(t, "us-east-1"), Rat(10), 0, time.Second, 64); !always || n != nil {
		t.Errorf("without a free tier: %v %v, want Express always cheaper", n, always)
	}
	// a one-state workflow running 5 minutes at 1 GB: Standard always cheaper
	if n, always := BreakEven(region(t, "us-east-1"), Rat(1), DefaultFreeTier, 5*time.Minute, 1024); always || n != nil {
		t.Errorf("long Express: %v %v, want Standard always cheaper", n, always)
	}
	// no Express prices: no answer
	if n, _ := BreakEven(region(t, "sa-east-1"), Rat(10), DefaultFreeTier, time.Second, 64); n != nil {
		t.Errorf("sa-east-1 has no built-in Express prices, got %v", n)
	}
}

func TestMoneyFormatting(t *testing.T) {
	for _, tt := range []struct{ in, usd, count, plain string }{
		{"0", "$0.00", "0", "0"},
		{"2.525", "$2.53", "2.53", "2.525"},
		{"2.5249999", "$2.52", "2.52", "2.525"},
		{"1234567.891", "$1,234,567.89", "1,234,567.89", "1234567.891"},
		{"7/2", "$3.50", "3.5", "3.5"},
		{"1000", "$1,000.00", "1,000", "1000"},
	} {
		r := rat(tt.in)
		if USD(r) != tt.usd || Count(r) != tt.count || Plain(r) != tt.plain {
			t.Errorf("%s: USD %s Count %s Plain %s, want %s %s %s", tt.in, USD(r), Count(r), Plain(r), tt.usd, tt.count, tt.plain)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	for _, ok := range []string{"0.025", "1", "1e-6", "0.00000456", "10."} {
		if _, err := ParseDecimal(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "-1", "1/3", "abc", "1e", "0x10", "1.2.3", "Inf", "NaN"} {
		if _, err := ParseDecimal(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0.025", "1e-6", "-1", "1/3", "9e9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseDecimal(s)
		if err == nil && r.Sign() < 0 {
			t.Fatalf("%q parsed as negative %s", s, r)
		}
	})
}

func TestRegionsAndPriceFile(t *testing.T) {
	tbl := BuiltinPrices()
	if _, err := tbl.Region("mars-north-1"); err == nil || !strings.Contains(err.Error(), "us-east-1") || !strings.Contains(err.Error(), "sa-east-1") {
		t.Errorf("unknown region error should list known regions: %v", err)
	}
	if got := tbl.Regions["sa-east-1"].StandardPer1000; got.Cmp(big.NewRat(375, 10000)) != 0 {
		t.Errorf("sa-east-1 = %s", got.FloatString(4))
	}
	file := `{"source":"negotiated","regions":{
		"us-east-1":{"standard_per_1000_transitions":"0.02"},
		"eu-south-1":{"name":"Europe (Milan)","standard_per_1000_transitions":0.0265,
		  "express":{"per_million_requests":"1.10","gb_second_tiers":[{"up_to_gb_seconds":3600000,"price":"0.0000183"},{"price":"0.0000091"}]}}}}`
	if err := tbl.ApplyPriceFile("p.json", []byte(file)); err != nil {
		t.Fatal(err)
	}
	us := tbl.Regions["us-east-1"]
	if us.StandardPer1000.FloatString(3) != "0.020" || us.Express == nil {
		t.Errorf("us-east-1 override lost something: %+v", us)
	}
	milan, err := tbl.Region("eu-south-1")
	if err != nil || milan.Express == nil || len(milan.Express.Tiers) != 2 || tbl.Source != "negotiated" {
		t.Errorf("eu-south-1 from file: %+v %v", milan, err)
	}
	for _, bad := range []struct{ src, want string }{
		{`{"regions":{"x-1":{}}}`, "required"},
		{`{"regions":{"us-east-1":{"standard_per_1000_transitions":"-1"}}}`, "not a non-negative"},
		{`{"regions":{"us-east-1":{"express":{"per_million_requests":1,"gb_second_tiers":[{"price":1},{"price":2}]}}}}`, "only the last tier"},
		{`{"regions":{"us-east-1":{"express":{"per_million_requests":1,"gb_second_tiers":[{"up_to_gb_seconds":5,"price":1},{"up_to_gb_seconds":4,"price":1},{"price":2}]}}}}`, "must grow"},
		{`{"regions":{"us-east-1":{"express":{"per_million_requests":1,"gb_second_tiers":[{"price":1,"price_per_gb_hour":1}]}}}}`, "not both"},
		{`{"regions":{"us-east-1":{"express":{"per_million_requests":1,"gb_second_tiers":[{}]}}}}`, "price_per_gb_hour is required"},
		{`{"regoins":{}}`, "unknown field"},
		{`[]`, "cannot unmarshal"},
	} {
		if err := BuiltinPrices().ApplyPriceFile("p.json", []byte(bad.src)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: err %v, want %q", bad.src, err, bad.want)
		}
	}
}

// 45,000 clean runs of 5 transitions and 5,000 retrying runs of 7: the
// expected run is (45,000 × 5 + 5,000 × 7) / 50,000 = 5.2.
func TestSimulatedCountsMix(t *testing.T) {
	c, err := SimulatedCounts([]Run{
		{Name: "Clean", Weight: Rat(45_000), Transitions: 5, Visits: map[string]int{"A": 1, "B": 1}},
		{Name: "Retried", Weight: Rat(5_000), Transitions: 7, Visits: map[string]int{"A": 1, "B": 1}, ExpressChildren: 2},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{c.Transitions.Min.RatString(), c.Transitions.Expected.RatString(), c.Transitions.Max.RatString(), c.ExpressChildren.Expected.RatString()}
	if strings.Join(got, " ") != "5 26/5 7 1/5" {
		t.Errorf("min/expected/max/express = %v, want 5 26/5 7 1/5", got)
	}
	if _, err := SimulatedCounts(nil); err == nil {
		t.Error("no runs: want an error")
	}
	if _, err := SimulatedCounts([]Run{{Weight: Rat(0)}}); err == nil {
		t.Error("zero weights: want an error")
	}
}

// FuzzApplyPriceFile: a price file either applies or says why; it never
// panics and never leaves a region without a Standard price.
func FuzzApplyPriceFile(f *testing.F) {
	f.Add(`{"regions":{"us-east-1":{"standard_per_1000_transitions":"0.02"}}}`)
	f.Add(`{"regions":{"x":{"standard_per_1000_transitions":1,"express":{"per_million_requests":1,"gb_second_tiers":[{"up_to_gb_seconds":1,"price":1},{"price":2}]}}}}`)
	f.Add(`{"regions":{"x":{"express":{}}}}`)
	f.Fuzz(func(t *testing.T, src string) {
		tbl := BuiltinPrices()
		if err := tbl.ApplyPriceFile("p.json", []byte(src)); err != nil {
			return
		}
		for code, rp := range tbl.Regions {
			if rp.StandardPer1000 == nil || rp.StandardPer1000.Sign() < 0 {
				t.Fatalf("%s: bad standard price after %s", code, src)
			}
			if rp.Express != nil {
				_ = Express(rp.Express, Rat(1000), 1e9, 64)
			}
		}
	})
}

// Standard at 6,000,000 transitions a month costs $149.90 in us-east-1; for
// 2,000,000 Express executions at 128 MB that budget leaves $147.90 after
// requests: 3.6M GB-s cost $60.012, the next $87.888 buys 10,550,780.31 GB-s
// at $0.00000833, 14,150,780.3 GB-s in all = 14,150,780.3 × 1024 / 128 /
// 2,000,000 s = 56.6 s per execution, 56,600 ms in 100 ms units.
func TestBreakEvenDuration(t *testing.T) {
	ep := region(t, "us-east-1").Express
	ms, ok := BreakEvenDuration(ep, Rat(2_000_000), rat("149.9"), 128)
	if !ok || ms != 56_600 {
		t.Errorf("got %d ms (%v), want 56,600", ms, ok)
	}
	// the budget does not even cover the requests
	if _, ok := BreakEvenDuration(ep, Rat(2_000_000), rat("1.5"), 64); ok {
		t.Error("want no duration when requests alone cost more")
	}
	// check the answer: at 56.6 s Express costs at most the budget, at 56.7 s more
	at := func(ms int64) *big.Rat {
		return Express(ep, Rat(2_000_000), time.Duration(ms)*time.Millisecond, 128).Cost
	}
	if at(56_600).Cmp(rat("149.9")) > 0 || at(56_700).Cmp(rat("149.9")) <= 0 {
		t.Errorf("56.6 s costs %s, 56.7 s costs %s", USD(at(56_600)), USD(at(56_700)))
	}
}

// The tiers apply to the month's GB-seconds across all executions: 62,500,000
// GB-s (AWS's example 4 volume) is 3,600,000 in tier 1, 14,400,000 in tier 2
// and the remaining 44,500,000 in tier 3; the parts add up to the duration cost.
func TestTierChargesSplitTheMonth(t *testing.T) {
	ep := region(t, "us-east-1").Express
	cs := TierCharges(ep.Tiers, Rat(62_500_000))
	want := []struct{ gbs, cost string }{{"3600000", "$60.01"}, {"14400000", "$119.95"}, {"44500000", "$202.92"}}
	if len(cs) != len(want) {
		t.Fatalf("got %d tiers, want %d", len(cs), len(want))
	}
	sum := Rat(0)
	for i, c := range cs {
		if c.GBSeconds.RatString() != want[i].gbs || USD(c.Cost) != want[i].cost {
			t.Errorf("tier %d: %s GB-s = %s, want %s GB-s = %s", i+1, c.GBSeconds.RatString(), USD(c.Cost), want[i].gbs, want[i].cost)
		}
		sum = add(sum, c.Cost)
	}
	if sum.Cmp(TieredCost(ep.Tiers, Rat(62_500_000))) != 0 {
		t.Errorf("tier parts add up to %s, not the duration cost", sum.FloatString(6))
	}
	if got := TierCharges(ep.Tiers, Rat(3_600_000)); len(got) != 1 {
		t.Errorf("exactly 3,600,000 GB-s should stay in tier 1, got %d tiers", len(got))
	}
}
