package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"sort"
	"strings"

	"github.com/fatih/color"

	"github.com/sfnctl/sfnctl/cost"
)

// --- JSON -------------------------------------------------------------------

// costJSON is the public shape of `sfnctl cost --format json` (docs/cost.md).
type costJSON struct {
	Model                   costModelJSON        `json:"model"`
	Type                    string               `json:"type"`
	Region                  string               `json:"region"`
	Executions              int64                `json:"executions"`
	TransitionsPerExecution costRangeJSON        `json:"transitions_per_execution"`
	MonthlyTransitions      json.Number          `json:"monthly_transitions"`
	FreeTier                json.Number          `json:"free_tier"`
	BillableTransitions     json.Number          `json:"billable_transitions"`
	CostUSD                 json.Number          `json:"cost_usd"`
	RequestCostUSD          *json.Number         `json:"request_cost_usd,omitempty"`
	DurationCostUSD         *json.Number         `json:"duration_cost_usd,omitempty"`
	BilledDurationMs        *int64               `json:"billed_duration_ms,omitempty"`
	BilledMemoryMB          *int64               `json:"billed_memory_mb,omitempty"`
	GBSeconds               *json.Number         `json:"gb_seconds,omitempty"`
	DurationTiers           []costTierChargeJSON `json:"duration_tiers,omitempty"`
	ChildExpressCostUSD     *json.Number         `json:"child_express_cost_usd,omitempty"`
	Comparison              *costComparisonJSON  `json:"comparison"`
	BreakEvenExecutions     *json.Number         `json:"break_even_executions"`
	BreakEvenDurationMs     *int64               `json:"break_even_duration_ms"`
	TopStates               []costTopStateJSON   `json:"top_states"`
	Warnings                []string             `json:"warnings"`
}

type costRangeJSON struct {
	Min      json.Number `json:"min"`
	Expected json.Number `json:"expected"`
	Max      json.Number `json:"max"`
}

type costModelJSON struct {
	Source               string                  `json:"source"`
	TypeSource           string                  `json:"type_source,omitempty"`
	Counting             string                  `json:"counting"`
	MapItems             *costMapItemsJSON       `json:"map_items,omitempty"`
	Choices              string                  `json:"choices,omitempty"`
	Retries              string                  `json:"retries,omitempty"`
	LoopLimit            int64                   `json:"loop_limit,omitempty"`
	Loops                [][]string              `json:"loops,omitempty"`
	TestCases            []string                `json:"test_cases,omitempty"`
	PerExecutionOverhead int64                   `json:"per_execution_overhead"`
	Duration             *string                 `json:"duration"`
	MemoryMB             int64                   `json:"memory_mb"`
	MemoryEstimated      bool                    `json:"memory_estimated"`
	MemoryEstimate       *costMemoryEstimateJSON `json:"memory_estimate,omitempty"`
	Prices               costPricesJSON          `json:"prices"`
}

type costMapItemsJSON struct {
	Default int64            `json:"default"`
	ByState map[string]int64 `json:"by_state"`
}

type costPricesJSON struct {
	Source                     string         `json:"source"`
	StandardPer1000Transitions json.Number    `json:"standard_per_1000_transitions"`
	ExpressPerMillionRequests  *json.Number   `json:"express_per_million_requests"`
	ExpressGBSecondTiers       []costTierJSON `json:"express_gb_second_tiers"`
}

type costTierJSON struct {
	UpToGBSeconds *json.Number `json:"up_to_gb_seconds"`
	Price         json.Number  `json:"price"`
}

type costComparisonJSON struct {
	Type                string               `json:"type"`
	CostUSD             json.Number          `json:"cost_usd"`
	BillableTransitions *json.Number         `json:"billable_transitions,omitempty"`
	RequestCostUSD      *json.Number         `json:"request_cost_usd,omitempty"`
	DurationCostUSD     *json.Number         `json:"duration_cost_usd,omitempty"`
	BilledDurationMs    *int64               `json:"billed_duration_ms,omitempty"`
	BilledMemoryMB      *int64               `json:"billed_memory_mb,omitempty"`
	GBSeconds           *json.Number         `json:"gb_seconds,omitempty"`
	DurationTiers       []costTierChargeJSON `json:"duration_tiers,omitempty"`
}

type costTopStateJSON struct {
	State              string      `json:"state"`
	MonthlyTransitions json.Number `json:"monthly_transitions"`
}

// costTierChargeJSON is the part of the month's GB-seconds priced in one tier.
type costTierChargeJSON struct {
	GBSeconds json.Number `json:"gb_seconds"`
	Price     json.Number `json:"price"`
	CostUSD   json.Number `json:"cost_usd"`
}

// costMemoryEstimateJSON spells out AWS's memory estimate:
// base + definition + payload × steps, 1 MB = 1,000,000 bytes.
type costMemoryEstimateJSON struct {
	Formula         string      `json:"formula"`
	BaseMB          int64       `json:"base_mb"`
	DefinitionBytes int64       `json:"definition_bytes"`
	PayloadBytes    int64       `json:"payload_bytes"`
	Steps           json.Number `json:"steps"`
	EstimatedMB     json.Number `json:"estimated_mb"`
	BilledMB        int64       `json:"billed_mb"`
}

func costTierCharges(cs []cost.TierCharge) []costTierChargeJSON {
	out := []costTierChargeJSON{}
	for _, c := range cs {
		out = append(out, costTierChargeJSON{costNum(c.GBSeconds), json.Number(costPlainPrice(c.Price)), costUSDNum(c.Cost)})
	}
	return out
}

func costNum(r *big.Rat) json.Number     { return json.Number(cost.Plain(r)) }
func costUSDNum(r *big.Rat) json.Number  { return json.Number(cost.Decimal(r, 2)) }
func costNumPtr(r *big.Rat) *json.Number { n := costNum(r); return &n }
func costUsdPtr(r *big.Rat) *json.Number { n := costUSDNum(r); return &n }

func writeCostJSON(w io.Writer, r *cost.Report, f *costFlags) error {
	out := costJSON{
		Model:                   buildCostModel(r, f),
		Type:                    r.Type,
		Region:                  r.Region,
		Executions:              r.Executions,
		TransitionsPerExecution: costRangeJSON{costNum(r.PerExecution.Min), costNum(r.PerExecution.Expected), costNum(r.PerExecution.Max)},
		MonthlyTransitions:      costNum(r.Monthly),
		CostUSD:                 costUSDNum(r.Cost),
		TopStates:               []costTopStateJSON{},
		Warnings:                append([]string{}, r.Warnings...),
	}
	if r.Type == cost.TypeExpress {
		out.FreeTier, out.BillableTransitions = "0", "0"
		e := r.Express
		ms, mb := e.BilledMillis, e.BilledMemoryMB
		out.RequestCostUSD, out.DurationCostUSD = costUsdPtr(e.RequestCost), costUsdPtr(e.DurationCost)
		out.BilledDurationMs, out.BilledMemoryMB, out.GBSeconds = &ms, &mb, costNumPtr(e.GBSeconds)
		out.DurationTiers = costTierCharges(e.TierCharges)
		out.Comparison = &costComparisonJSON{Type: cost.TypeStandard, CostUSD: costUSDNum(r.Standard.Cost), BillableTransitions: costNumPtr(r.Standard.Billable)}
	} else {
		out.FreeTier, out.BillableTransitions = costNum(r.Standard.FreeTier), costNum(r.Standard.Billable)
		if r.Children != nil {
			out.ChildExpressCostUSD = costUsdPtr(r.Children.Cost)
		}
		if e := r.Express; e != nil {
			ms, mb := e.BilledMillis, e.BilledMemoryMB
			out.Comparison = &costComparisonJSON{Type: cost.TypeExpress, CostUSD: costUSDNum(e.Cost), RequestCostUSD: costUsdPtr(e.RequestCost),
				DurationCostUSD: costUsdPtr(e.DurationCost), BilledDurationMs: &ms, BilledMemoryMB: &mb, GBSeconds: costNumPtr(e.GBSeconds),
				DurationTiers: costTierCharges(e.TierCharges)}
		}
	}
	if r.BreakEven != nil {
		out.BreakEvenExecutions = costNumPtr(r.BreakEven)
	}
	out.BreakEvenDurationMs = r.BreakEvenMillis
	for i, s := range r.TopStates {
		if i == f.top {
			break
		}
		out.TopStates = append(out.TopStates, costTopStateJSON{s.Name, costNum(s.Transitions)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func buildCostModel(r *cost.Report, f *costFlags) costModelJSON {
	m := costModelJSON{
		Source:               r.Counts.Source,
		TypeSource:           r.TypeSource,
		Counting:             cost.CountingModel,
		PerExecutionOverhead: r.Overhead,
		MemoryMB:             r.MemoryMB,
		MemoryEstimated:      r.MemoryEstimate != nil,
		Prices:               buildCostPrices(r),
	}
	if r.MemoryEstimate != nil {
		steps := r.Counts.Steps
		if steps == nil {
			steps = cost.Rat(0)
		}
		m.MemoryEstimate = &costMemoryEstimateJSON{
			Formula:         "50 MB + definition size + payload size × Map/Parallel steps (AWS's estimate; 1 MB = 1,000,000 bytes), billed in 64 MB blocks",
			BaseMB:          50,
			DefinitionBytes: r.DefinitionBytes,
			PayloadBytes:    r.PayloadBytes,
			Steps:           costNum(steps),
			EstimatedMB:     costNum(r.MemoryEstimate),
			BilledMB:        r.MemoryMB,
		}
	}
	if r.Duration > 0 {
		d := r.Duration.String()
		m.Duration = &d
	}
	if r.Counts.Source == "static" {
		def, by := costMapItemsOf(f)
		m.MapItems = &costMapItemsJSON{Default: def, ByState: by}
		m.Choices = costChoicesText(f)
		m.Retries = costRetriesText(f)
		m.LoopLimit = f.loopLimit
		m.Loops = r.Counts.Loops
	} else {
		m.TestCases = f.testCases
	}
	return m
}

func buildCostPrices(r *cost.Report) costPricesJSON {
	p := costPricesJSON{Source: r.Prices.Source, StandardPer1000Transitions: costNum(r.RegionPrices.StandardPer1000), ExpressGBSecondTiers: []costTierJSON{}}
	if e := r.RegionPrices.Express; e != nil {
		p.ExpressPerMillionRequests = costNumPtr(e.PerMillionRequests)
		for _, t := range e.Tiers {
			tj := costTierJSON{Price: json.Number(costPlainPrice(t.Price))}
			if t.UpTo != nil {
				tj.UpToGBSeconds = costNumPtr(t.UpTo)
			}
			p.ExpressGBSecondTiers = append(p.ExpressGBSecondTiers, tj)
		}
	}
	return p
}

// costPlainPrice shows a unit price with all its digits (prices have up to 10).
func costPlainPrice(r *big.Rat) string {
	s := strings.TrimRight(r.FloatString(12), "0")
	return strings.TrimSuffix(s, ".")
}

// --- costAssumptions ------------------------------------------------------------

func costMapItemsOf(f *costFlags) (int64, map[string]int64) {
	def := int64(cost.DefaultMapItems)
	by := map[string]int64{}
	for _, v := range f.mapItems {
		name, n, hasName := costCutLast(v, "=")
		count, _ := costParseCount(n)
		if hasName {
			by[name] = count
		} else {
			def = count
		}
	}
	return def, by
}

func costChoicesText(f *costFlags) string {
	if len(f.weights) == 0 {
		return "every Choice rule and Default equally likely; Catch paths taken in min/max only"
	}
	return "weighted by --weight " + strings.Join(f.weights, ", ") + "; other Choice branches share the rest equally"
}

func costRetriesText(f *costFlags) string {
	exp := "none"
	if len(f.retries) > 0 {
		exp = strings.Join(f.retries, ", ") + " per entry; elsewhere none"
	}
	return "min: none but those an error needs before a Catch takes it; expected: " + exp +
		", plus those before a weighted Catch; max: every retrier exhausted (the sum of the MaxAttempts of retriers that can match)"
}

// --- text -------------------------------------------------------------------

func (a *app) writeCostText(w io.Writer, file string, r *cost.Report, f *costFlags) {
	bold := a.painter(w, color.Bold)
	warn := a.painter(w, color.FgYellow)
	typeName := map[string]string{cost.TypeStandard: "Standard", cost.TypeExpress: "Express"}[r.Type]
	regionName := r.RegionPrices.Name
	if regionName == "" {
		regionName = r.Region
	}
	fmt.Fprintf(w, "%s\n", bold(fmt.Sprintf("%s: %s workflow in %s (%s), %s executions a month", file, typeName, r.Region, regionName, cost.Count(cost.Rat(r.Executions)))))
	if r.TypeSource != "" {
		fmt.Fprintf(w, "  workflow type: %s (%s)\n", typeName, r.TypeSource)
	}

	how := "static count over the paths of the graph"
	if r.Counts.Source == "simulated" {
		how = "simulated runs: " + strings.Join(f.testCasesOrDefault(), ", ")
	}
	fmt.Fprintf(w, "\n%s (%s)\n", bold("Transitions per execution"), how)
	fmt.Fprintf(w, "  min       %s\n  expected  %s\n  max       %s\n", cost.Count(r.PerExecution.Min), cost.Count(r.PerExecution.Expected), cost.Count(r.PerExecution.Max))

	if r.Type == cost.TypeExpress {
		writeCostExpress(w, bold, r, "Monthly bill (Express)")
		writeCostStandard(w, bold, r, "Same workload as Standard")
	} else {
		writeCostStandard(w, bold, r, "Monthly bill (Standard)")
		writeCostExpress(w, bold, r, "Same workload as Express")
	}
	if ms := r.BreakEvenMillis; ms != nil && *ms > cost.MaxExpressDuration.Milliseconds() {
		fmt.Fprintf(w, "  Express costs less    at any duration up to its 5-minute limit (at %d MB)\n", r.MemoryMB)
	} else if ms != nil {
		fmt.Fprintf(w, "  Express costs less    while an execution lasts at most %s s (at %d MB)\n",
			costTrimDecimal(big.NewRat(*ms, 1000), 1), r.MemoryMB)
	} else if r.RegionPrices.Express != nil {
		fmt.Fprintf(w, "  Express costs less    at no duration: its requests alone cost more\n")
	}
	switch {
	case r.Express == nil:
	case r.BreakEven != nil:
		fmt.Fprintf(w, "  break-even            Express costs less from %s executions a month\n", cost.Count(r.BreakEven))
	case r.ExpressAlways:
		fmt.Fprintf(w, "  break-even            none: Express costs less at any volume\n")
	default:
		fmt.Fprintf(w, "  break-even            none: Standard costs less at any volume\n")
	}

	if len(r.TopStates) > 0 && f.top > 0 {
		if r.Counts.Source == "simulated" {
			fmt.Fprintf(w, "\n%s\n", bold("States entered most (a month; retry attempts count in the totals, not here)"))
		} else {
			fmt.Fprintf(w, "\n%s\n", bold("States that cost most (expected transitions a month)"))
		}
		width := 0
		for i, s := range r.TopStates {
			if i < f.top && len(s.Name) > width {
				width = len(s.Name)
			}
		}
		total := cost.Rat(0)
		for _, s := range r.TopStates {
			total = new(big.Rat).Add(total, s.Transitions)
		}
		for i, s := range r.TopStates {
			if i == f.top {
				break
			}
			share := "-"
			if total.Sign() > 0 {
				share = cost.Decimal(new(big.Rat).Mul(new(big.Rat).Quo(s.Transitions, total), big.NewRat(100, 1)), 1) + "%"
			}
			fmt.Fprintf(w, "  %-*s  %12s  %6s\n", width, s.Name, cost.Count(s.Transitions), share)
		}
	}

	fmt.Fprintf(w, "\n%s\n", bold("Counting model"))
	fmt.Fprintf(w, "  %s.\n", costWrapText(cost.CountingModel, 76, "  "))
	fmt.Fprintf(w, "\n%s\n", bold("Assumptions"))
	for _, line := range costAssumptions(r, f) {
		fmt.Fprintf(w, "  - %s\n", costWrapText(line, 74, "    "))
	}
	fmt.Fprintf(w, "  - money is exact until shown; figures are rounded half up to the cent\n")
	fmt.Fprintf(w, "  - prices: %s\n", costWrapText(r.Prices.Source, 74, "    "))
	if len(r.Warnings) > 0 {
		fmt.Fprintf(w, "\n%s\n", bold("Warnings"))
		for _, m := range r.Warnings {
			fmt.Fprintf(w, "  %s %s\n", warn("!"), costWrapText(m, 74, "    "))
		}
	}
}

func writeCostStandard(w io.Writer, bold func(string) string, r *cost.Report, title string) {
	std := r.Standard
	chosen := r.Type == cost.TypeStandard
	fmt.Fprintf(w, "\n%s\n", bold(title))
	fmt.Fprintf(w, "  monthly transitions   %s\n", cost.Count(std.Transitions))
	fmt.Fprintf(w, "  free tier applied     %s (of %s)\n", cost.Count(std.FreeTier), cost.Count(cost.Rat(r.FreeTier)))
	fmt.Fprintf(w, "  billable transitions  %s × $%s per 1,000\n", cost.Count(std.Billable), costPlainPrice(r.RegionPrices.StandardPer1000))
	switch {
	case chosen && r.Children != nil:
		fmt.Fprintf(w, "  transition cost       %s\n", cost.USD(std.Cost))
		fmt.Fprintf(w, "  child Express runs    %s (%s)\n", cost.USD(r.Children.Cost), costExpressLine(r.Children))
		fmt.Fprintf(w, "  cost                  %s\n", bold(cost.USD(r.Cost)))
	case chosen:
		fmt.Fprintf(w, "  cost                  %s\n", bold(cost.USD(r.Cost)))
	default:
		fmt.Fprintf(w, "  cost                  %s\n", cost.USD(std.Cost))
	}
}

func writeCostExpress(w io.Writer, bold func(string) string, r *cost.Report, title string) {
	fmt.Fprintf(w, "\n%s\n", bold(title))
	e := r.Express
	if e == nil {
		fmt.Fprintf(w, "  not priced: %s\n", r.ExpressMissing)
		return
	}
	ep := r.RegionPrices.Express
	mem := fmt.Sprintf("%d MB", e.BilledMemoryMB)
	if r.MemoryEstimate != nil {
		mem += fmt.Sprintf(" (AWS's estimate: 50 MB + definition + payload × Map/Parallel steps = %s MB)", costTrimDecimal(r.MemoryEstimate, 6))
	}
	fmt.Fprintf(w, "  billed per execution  %s ms × %s\n", cost.Count(cost.Rat(e.BilledMillis)), mem)
	fmt.Fprintf(w, "  requests              %s × %s per million = %s\n", cost.Count(e.Requests), cost.USD(ep.PerMillionRequests), cost.USD(e.RequestCost))
	fmt.Fprintf(w, "  duration              %s GB-s through the tiers = %s\n", cost.Count(e.GBSeconds), cost.USD(e.DurationCost))
	for _, c := range e.TierCharges {
		fmt.Fprintf(w, "    %s GB-s × $%s = %s\n", cost.Count(c.GBSeconds), costPlainPrice(c.Price), cost.USD(c.Cost))
	}
	if r.Type == cost.TypeExpress {
		fmt.Fprintf(w, "  cost                  %s\n", bold(cost.USD(e.Cost)))
	} else {
		fmt.Fprintf(w, "  cost                  %s\n", cost.USD(e.Cost))
	}
}

// costTrimDecimal shows up to places decimals without trailing zeros.
func costTrimDecimal(r *big.Rat, places int) string {
	s := cost.Decimal(r, places)
	if strings.Contains(s, ".") {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func costExpressLine(b *cost.ExpressBill) string {
	return fmt.Sprintf("%s child executions × %d ms × %d MB", cost.Count(b.Requests), b.BilledMillis, b.BilledMemoryMB)
}

func (f *costFlags) testCasesOrDefault() []string {
	if len(f.testCases) == 0 {
		return []string{"one run of --input"}
	}
	return f.testCases
}

func costAssumptions(r *cost.Report, f *costFlags) []string {
	var out []string
	if r.Counts.Source == "static" {
		def, by := costMapItemsOf(f)
		line := fmt.Sprintf("Map iterations: %d per Map state", def)
		if len(f.mapItems) == 0 {
			line += " (the default; set --map-items N or --map-items STATE=N)"
		}
		names := make([]string, 0, len(by))
		for n := range by {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			line += fmt.Sprintf("; %q: %d", n, by[n])
		}
		out = append(out, line)
		out = append(out, "Choices: "+costChoicesText(f))
		out = append(out, "Retries: "+costRetriesText(f))
		if len(r.Counts.Loops) > 0 {
			var loops []string
			for _, l := range r.Counts.Loops {
				loops = append(loops, strings.Join(l, " → "))
			}
			out = append(out, fmt.Sprintf("Loops (%s): max counts each of their states %d times (--loop-limit); expected solves the loop exactly from the Choice weights", strings.Join(loops, "; "), f.loopLimit))
		}
	}
	if r.Express != nil && r.MemoryEstimate != nil {
		payload := "0 bytes (give --input to size it, or --memory)"
		if r.PayloadBytes > 0 {
			payload = fmt.Sprintf("%d bytes (the --input)", r.PayloadBytes)
		}
		out = append(out, fmt.Sprintf("Express memory: 50 MB + %d-byte definition + payload of %s × %s Map/Parallel steps, 1 MB = 1,000,000 bytes as in AWS's example, billed in 64 MB blocks",
			r.DefinitionBytes, payload, cost.Count(r.Counts.Steps)))
	}
	if r.Overhead > 0 {
		out = append(out, fmt.Sprintf("%d transitions added to every execution (--per-execution-overhead)", r.Overhead))
	}
	if r.Type == cost.TypeStandard {
		out = append(out, "the monthly bill uses the expected count; the free tier covers the whole account, so other state machines share it")
	}
	return out
}

// costWrapText wraps at width, indenting continuation lines.
func costWrapText(s string, width int, indent string) string {
	words := strings.Fields(s)
	var b strings.Builder
	line := 0
	for i, word := range words {
		if i > 0 {
			if line+1+len(word) > width {
				b.WriteString("\n" + indent)
				line = 0
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(word)
		line += len(word)
	}
	return b.String()
}
