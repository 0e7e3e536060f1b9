package cost

import (
	"fmt"
	"math/big"
	"sort"
	"time"
)

// Workflow types.
const (
	TypeStandard = "standard"
	TypeExpress  = "express"
)

// CountingModel is printed in every report, text and JSON, so that a figure
// can always be checked by hand.
const CountingModel = "one transition per state entered (states inside Map iterations and Parallel branches included, " +
	"the Map or Parallel state itself once), plus one per retry attempt (a retried Map or Parallel runs its contents again); " +
	"a Distributed Map adds one per child execution it starts, and its children are billed as executions of their ExecutionType"

// Counts are per-execution figures from either source: the static count
// over the graph or simulated runs.
type Counts struct {
	Source          string // "static" or "simulated"
	Transitions     Range
	ExpressChildren Range
	Steps           *big.Rat // expected Map iterations + Parallel branches
	ByState         []StateCost
	Loops           [][]string
	Warnings        []string
}

// StaticCounts wraps a static analysis.
func StaticCounts(s *Static) Counts {
	return Counts{Source: "static", Transitions: s.Transitions, ExpressChildren: s.ExpressChildren,
		Steps: s.Steps, ByState: s.ByState, Loops: s.Loops, Warnings: s.Warnings}
}

// Run is one simulated execution, as cmd hands it over: cost does not run
// anything itself.
type Run struct {
	Name        string
	Weight      *big.Rat // share of the month's executions; 1 when not given
	Status      string
	Transitions int64          // billed transitions: states entered, retries, child Standard executions' states
	Visits      map[string]int // entries by state name
	Steps       int64          // Map iterations + Parallel branches run
	// ExpressChildren counts child Express executions started by
	// Distributed Maps (billed as Express, not as transitions).
	ExpressChildren int64
}

// SimulatedCounts mixes runs by weight: expected = Σ wᵢ·tᵢ / Σ wᵢ; min and
// max are those of the runs.
func SimulatedCounts(runs []Run) (Counts, error) {
	if len(runs) == 0 {
		return Counts{}, fmt.Errorf("no simulated runs to count")
	}
	c := Counts{Source: "simulated", Steps: Rat(0)}
	total := Rat(0)
	sum := Rat(0)
	byState := map[string]*big.Rat{}
	kids := Rat(0)
	var order []string
	for _, r := range runs {
		w := r.Weight
		if w == nil {
			w = Rat(1)
		}
		t := Rat(r.Transitions)
		x := Rat(r.ExpressChildren)
		if c.ExpressChildren.Min == nil || x.Cmp(c.ExpressChildren.Min) < 0 {
			c.ExpressChildren.Min = x
		}
		if c.ExpressChildren.Max == nil || x.Cmp(c.ExpressChildren.Max) > 0 {
			c.ExpressChildren.Max = x
		}
		kids = add(kids, mul(w, x))
		total = add(total, w)
		sum = add(sum, mul(w, t))
		c.Steps = add(c.Steps, mul(w, Rat(r.Steps)))
		if c.Transitions.Min == nil || t.Cmp(c.Transitions.Min) < 0 {
			c.Transitions.Min = t
		}
		if c.Transitions.Max == nil || t.Cmp(c.Transitions.Max) > 0 {
			c.Transitions.Max = t
		}
		names := make([]string, 0, len(r.Visits))
		for n := range r.Visits {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if byState[n] == nil {
				byState[n] = Rat(0)
				order = append(order, n)
			}
			byState[n] = add(byState[n], mul(w, Rat(int64(r.Visits[n]))))
		}
	}
	if total.Sign() == 0 {
		return Counts{}, fmt.Errorf("the test-case weights add up to 0")
	}
	c.Transitions.Expected = quo(sum, total)
	c.Steps = quo(c.Steps, total)
	c.ExpressChildren.Expected = quo(kids, total)
	for _, n := range order {
		c.ByState = append(c.ByState, StateCost{n, quo(byState[n], total)})
	}
	sort.SliceStable(c.ByState, func(i, j int) bool { return c.ByState[i].Transitions.Cmp(c.ByState[j].Transitions) > 0 })
	return c, nil
}

// Workload is everything a monthly estimate needs.
type Workload struct {
	Type            string // TypeStandard or TypeExpress
	TypeSource      string // where the type comes from, for the report
	Region          string
	Prices          *PriceTable
	Executions      int64
	Counts          Counts
	FreeTier        int64
	Overhead        int64         // transitions added to every execution (calibration)
	Duration        time.Duration // per execution; 0 when not given
	MemoryMB        int64         // per execution; 0 to estimate
	DefinitionBytes int64
	PayloadBytes    int64
	ChildDuration   time.Duration // per child Express execution of a Distributed Map
}

// Report is a monthly estimate.
type Report struct {
	Workload
	RegionPrices RegionPrices
	PerExecution Range    // transitions, overhead included
	Monthly      *big.Rat // expected transitions a month
	Standard     StandardBill
	// Express is the same workload as Express, nil when it cannot be priced
	// (no duration, or no Express prices for the region); ExpressMissing says why.
	Express        *ExpressBill
	ExpressMissing string
	MemoryMB       int64    // billed memory used for Express
	MemoryEstimate *big.Rat // AWS's estimate in MB, nil when --memory was given
	// Children prices the child Express executions of Distributed Maps
	// (Standard only); nil when there are none.
	Children *ExpressBill
	Cost     *big.Rat // the bill for the chosen type
	// BreakEven is the monthly execution count above which Express costs
	// less; nil with ExpressAlways or when Standard is cheaper at any volume.
	BreakEven     *big.Rat
	ExpressAlways bool
	// BreakEvenMillis is the longest billed duration at which the month's
	// executions cost no more as Express than as Standard (nil when no
	// duration is short enough, or there are no Express prices).
	BreakEvenMillis *int64
	TopStates       []StateCost // expected transitions a month
	Warnings        []string
}

// Estimate prices a workload.
func Estimate(w Workload) (*Report, error) {
	rp, err := w.Prices.Region(w.Region)
	if err != nil {
		return nil, err
	}
	if w.Type == TypeExpress && w.Duration <= 0 {
		return nil, fmt.Errorf("Express workflows are billed by duration: give --duration (for example --duration 2.5s)")
	}
	if w.Type == TypeExpress && rp.Express == nil {
		return nil, fmt.Errorf("no Express prices for region %q in the price table; give them with --price-file (see docs/cost.md)", w.Region)
	}
	r := &Report{Workload: w, RegionPrices: rp, Warnings: append([]string(nil), w.Counts.Warnings...)}
	over := Rat(w.Overhead)
	t := w.Counts.Transitions
	r.PerExecution = Range{add(t.Min, over), add(t.Expected, over), add(t.Max, over)}
	execs := Rat(w.Executions)
	r.Monthly = mul(execs, r.PerExecution.Expected)
	for _, sc := range w.Counts.ByState {
		r.TopStates = append(r.TopStates, StateCost{sc.Name, mul(execs, sc.Transitions)})
	}

	r.Standard = Standard(rp, r.Monthly, w.FreeTier) // the bill, or the comparison for Express

	// Express: the chosen type, or the comparison
	r.MemoryMB = w.MemoryMB
	if w.MemoryMB <= 0 {
		steps := w.Counts.Steps
		if steps == nil {
			steps = Rat(0)
		}
		r.MemoryEstimate = EstimateMemoryMB(w.DefinitionBytes, w.PayloadBytes, steps)
		r.MemoryMB = BilledMemory(r.MemoryEstimate)
	} else {
		r.MemoryMB = BilledMemory(Rat(w.MemoryMB))
	}
	if rp.Express != nil {
		if ms, ok := BreakEvenDuration(rp.Express, execs, r.Standard.Cost, r.MemoryMB); ok {
			r.BreakEvenMillis = &ms
		}
	}
	switch {
	case rp.Express == nil:
		r.ExpressMissing = fmt.Sprintf("no published Express prices for %s in the price table (add them with --price-file)", w.Region)
	case w.Duration <= 0:
		r.ExpressMissing = "give --duration to compare with Express (it is billed by duration)"
	default:
		if w.Duration > MaxExpressDuration {
			r.Warnings = append(r.Warnings, fmt.Sprintf("an Express execution stops after %s; --duration %s is longer", MaxExpressDuration, w.Duration))
		}
		b := Express(rp.Express, execs, w.Duration, r.MemoryMB)
		r.Express = &b
		r.BreakEven, r.ExpressAlways = BreakEven(rp, r.PerExecution.Expected, w.FreeTier, w.Duration, r.MemoryMB)
	}

	if w.Type == TypeExpress {
		r.Cost = r.Express.Cost
		return r, nil
	}
	r.Cost = r.Standard.Cost
	if kids := w.Counts.ExpressChildren.Expected; kids != nil && kids.Sign() > 0 {
		if rp.Express == nil {
			r.Warnings = append(r.Warnings, fmt.Sprintf("the child Express executions of Distributed Maps are not priced: no Express prices for %s", w.Region))
		} else {
			d := w.ChildDuration
			b := Express(rp.Express, mul(execs, kids), d, memoryBlockMB)
			r.Children = &b
			r.Cost = add(r.Cost, b.Cost)
		}
	}
	return r, nil
}
