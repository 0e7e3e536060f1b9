package cmd

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/cost"
)

func init() { register(newCostCommand) }

// costFlags are the command line of sfnctl cost, as typed.
type costFlags struct {
	memorySet     bool // --memory given, even as 0
	executions    string
	typ           string
	region        string
	mapItems      []string
	retries       []string
	weights       []string
	loopLimit     int64
	input         string
	mock          string
	testCases     []string
	stateMachine  string
	resource      string
	duration      string
	memory        int64
	freeTier      int64
	overhead      int64
	priceFile     string
	childDuration string
	format        string
	top           int
}

func newCostCommand(a *app) *cobra.Command {
	f := &costFlags{}
	c := &cobra.Command{
		Use:   "cost DEFINITION --executions N",
		Short: "Estimate the monthly AWS bill of a state machine from its definition",
		Long: `cost derives the monthly Step Functions bill from the definition itself.

Statically it counts state transitions per execution as min, expected and max
over the paths of the graph; with --input/--mock/--test-case it runs the
engine and counts each test case's transitions exactly, mixing test cases by
weight. Standard workflows are billed per transition above the free tier,
Express workflows per request plus duration × memory; the report always
compares the two and states its counting model and prices.`,
		Example: `  sfnctl cost order.asl.json --executions 100000
  sfnctl cost order.asl.json --executions 100000 --region sa-east-1 --map-items "Ship Items=4"
  sfnctl cost order.asl.json --executions 50000 --weight "Is Rush?->Charge Card=0.1" --retries "Charge Card=0.2"
  sfnctl cost order.asl.json --type express --executions 2000000 --duration 1.2s --memory 64
  sfnctl cost order.asl.json --mock mocks.json --test-case Clean=45000 --test-case Retried=5000`,
		Args: oneDefinition,
		RunE: func(cmd *cobra.Command, args []string) error {
			f.memorySet = cmd.Flags().Changed("memory")
			return a.runCost(args[0], f)
		},
	}
	fl := c.Flags()
	fl.StringVar(&f.executions, "executions", "", "executions a month (required unless test-case weights give it)")
	fl.StringVar(&f.typ, "type", "", "workflow type: standard or express (default: the template's, else standard)")
	fl.StringVar(&f.region, "region", "us-east-1", "AWS region whose prices apply")
	fl.StringArrayVar(&f.mapItems, "map-items", nil, "Map iterations: N for every Map state, or STATE=N (repeatable; default 1)")
	fl.StringArrayVar(&f.retries, "retries", nil, "expected retry attempts per entry: STATE=N, N may be fractional (repeatable)")
	fl.StringArrayVar(&f.weights, "weight", nil, "probability of a way out of a state: STATE->TARGET=P (repeatable)")
	fl.Int64Var(&f.loopLimit, "loop-limit", cost.DefaultLoopLimit, "times each state of a loop counts in the max")
	fl.StringVar(&f.input, "input", "", "execution input: JSON text or @FILE (simulated mode; sizes the Express memory estimate)")
	fl.StringVar(&f.mock, "mock", "", "mock file (Step Functions Local MockConfigFile format): simulated mode")
	fl.StringArrayVar(&f.testCases, "test-case", nil, "test case of the mock file to run: NAME or NAME=WEIGHT (repeatable)")
	fl.StringVar(&f.resource, "resource", "", "the state machine to cost when the file is a template holding several (its resource name)")
	fl.StringVar(&f.stateMachine, "state-machine", "", "state machine of the mock file (optional when it has one)")
	fl.StringVar(&f.duration, "duration", "", "duration of one execution, e.g. 2.5s or 800ms (Express billing)")
	fl.Int64Var(&f.memory, "memory", 0, "memory of one Express execution in MB (default: AWS's estimate)")
	fl.Int64Var(&f.freeTier, "free-tier", cost.DefaultFreeTier, "free state transitions a month (Standard)")
	fl.Int64Var(&f.overhead, "per-execution-overhead", 0, "transitions to add to every execution, to calibrate against a bill")
	fl.StringVar(&f.priceFile, "price-file", "", "JSON price file laid over the built-in table (see docs/cost.md)")
	fl.StringVar(&f.childDuration, "child-duration", "100ms", "duration of one child Express execution of a Distributed Map")
	fl.StringVar(&f.format, "format", "text", "output format: text or json")
	fl.IntVar(&f.top, "top", 5, "how many of the costliest states to list")
	return c
}

func (a *app) runCost(path string, f *costFlags) error {
	if f.format != "text" && f.format != "json" {
		return usageError("--format must be text or json, not %q", f.format)
	}
	doc, err := a.loadDefinition(path, f.resource)
	if err != nil {
		return err
	}
	for _, d := range doc.Diagnostics {
		if d.Severity == asl.SeverityError {
			fmt.Fprintln(a.stderr, d.String())
			return exitWith(ExitProblems)
		}
	}
	sm := asl.Build(doc)
	if sm == nil || sm.Root == nil || len(sm.Root.States) == 0 {
		return &exitError{ExitProblems, fmt.Errorf("%s: no state machine here: a definition is an object with StartAt and States", doc.DisplayName())}
	}
	w, err := a.costWorkload(doc, sm, f)
	if err != nil {
		return err
	}
	report, err := cost.Estimate(*w)
	if err != nil {
		return usageError("%v", err)
	}
	if f.format == "json" {
		return writeCostJSON(a.stdout, report, f)
	}
	a.writeCostText(a.stdout, doc.DisplayName(), report, f)
	return nil
}

// costWorkload turns the flags into a workload: prices, counts and sizes.
func (a *app) costWorkload(doc *asl.Document, sm *asl.StateMachine, f *costFlags) (*cost.Workload, error) {
	f.region = strings.ToLower(strings.TrimSpace(f.region)) // region codes are lower case: US-EAST-1 means us-east-1
	w := &cost.Workload{Region: f.region, FreeTier: f.freeTier, Overhead: f.overhead, MemoryMB: f.memory}
	switch {
	case f.freeTier < 0:
		return nil, usageError("--free-tier %d: give the free transitions a month, 0 or more (AWS's is 4000; 0 when other state machines use it up)", f.freeTier)
	case f.overhead < 0:
		return nil, usageError("--per-execution-overhead %d: give the transitions to add to each execution, 0 or more", f.overhead)
	case f.memory < 0 || (f.memory == 0 && f.memorySet):
		return nil, usageError("--memory %d: give one execution's memory in MB, 1 or more (it is billed in 64 MB blocks), or leave --memory out for AWS's estimate", f.memory)
	case f.loopLimit < 1:
		return nil, usageError("--loop-limit %d: give the passes per loop in the max count, 1 or more", f.loopLimit)
	}
	typ := strings.ToLower(f.typ)
	declared := strings.ToLower(doc.WorkflowType)
	switch {
	case typ == "" && declared != "":
		typ = declared
		w.TypeSource = "declared in the template"
	case typ != "" && declared != "" && typ != declared:
		w.TypeSource = fmt.Sprintf("--type, over the template's %s", doc.WorkflowType)
	case typ != "":
		w.TypeSource = "--type"
	default:
		w.TypeSource = "the default; set --type"
	}
	switch typ {
	case "", cost.TypeStandard:
		w.Type = cost.TypeStandard
	case cost.TypeExpress:
		w.Type = cost.TypeExpress
	default:
		return nil, usageError("--type must be standard or express, not %q", typ)
	}
	w.Prices = cost.BuiltinPrices()
	if f.priceFile != "" {
		data, err := os.ReadFile(f.priceFile)
		if err != nil {
			return nil, usageError("%v", err)
		}
		if err := w.Prices.ApplyPriceFile(f.priceFile, data); err != nil {
			return nil, usageError("%v", err)
		}
	}
	if _, err := w.Prices.Region(f.region); err != nil {
		return nil, usageError("%v", err)
	}
	var err error
	if f.duration != "" {
		if w.Duration, err = costParseDuration("--duration", f.duration); err != nil {
			return nil, err
		}
		if w.Duration == 0 {
			return nil, usageError("--duration %s: give how long one execution runs, more than 0 (e.g. --duration 2.5s; AWS bills at least 100 ms)", f.duration)
		}
	}
	if w.ChildDuration, err = costParseDuration("--child-duration", f.childDuration); err != nil {
		return nil, err
	}
	if def, err := json.Marshal(doc.Root); err == nil {
		w.DefinitionBytes = int64(len(def)) // as submitted to AWS: compact JSON
	}
	var input any
	if f.input != "" {
		if input, err = a.costReadInput(f.input); err != nil {
			return nil, err
		}
		if b, err := json.Marshal(input); err == nil {
			w.PayloadBytes = int64(len(b))
		}
	}

	simulated := f.mock != "" || len(f.testCases) > 0 || f.input != ""
	var weightTotal *big.Rat
	if simulated {
		runs, total, err := a.costSimulatedRuns(sm, f, input)
		if err != nil {
			return nil, err
		}
		weightTotal = total
		if w.Counts, err = cost.SimulatedCounts(runs); err != nil {
			return nil, usageError("%v", err)
		}
		costSourceOrder(sm, w.Counts.ByState)
		if len(f.mapItems)+len(f.retries)+len(f.weights) > 0 {
			w.Counts.Warnings = append(w.Counts.Warnings, "--map-items, --retries and --weight shape the static count; "+
				"simulated runs follow their input and mocks, so they were not used")
		}
	} else {
		opts, err := costStaticOptions(sm, f)
		if err != nil {
			return nil, err
		}
		s, err := cost.Analyze(sm, opts)
		if err != nil {
			return nil, usageError("%v", err)
		}
		w.Counts = cost.StaticCounts(s)
	}

	switch {
	case f.executions != "":
		n, err := costParseCount(f.executions)
		if err != nil {
			return nil, usageError("--executions: %v", err)
		}
		w.Executions = n
	case weightTotal != nil && weightTotal.IsInt() && weightTotal.Sign() > 0:
		w.Executions = weightTotal.Num().Int64() // NAME=WEIGHT counts add up to the month
	default:
		return nil, usageError("give --executions N: how many executions a month to price")
	}
	return w, nil
}

// costSourceOrder breaks ties between equally costly states by their
// order in the definition, as the static count lists them.
func costSourceOrder(sm *asl.StateMachine, list []cost.StateCost) {
	index := map[string]int{}
	sm.Walk(func(st *asl.State) {
		if _, ok := index[st.Name]; !ok {
			index[st.Name] = len(index)
		}
	})
	sort.SliceStable(list, func(i, j int) bool {
		if c := list[i].Transitions.Cmp(list[j].Transitions); c != 0 {
			return c > 0
		}
		return index[list[i].Name] < index[list[j].Name]
	})
}

// costStaticOptions reads --map-items, --retries and --weight.
func costStaticOptions(sm *asl.StateMachine, f *costFlags) (cost.Options, error) {
	opts := cost.Options{MapItemsByState: map[string]int64{}, Retries: map[string]*big.Rat{},
		Weights: map[string]map[string]*big.Rat{}, LoopLimit: f.loopLimit}
	for _, v := range f.mapItems {
		name, num, hasName := costCutLast(v, "=")
		n, err := costParseCount(num)
		if err != nil {
			return opts, usageError("--map-items %s: %v (use N or STATE=N)", v, err)
		}
		if !hasName {
			opts.MapItems = n
			if n == 0 {
				opts.MapItems = -1 // explicit zero: no iterations
			}
			continue
		}
		opts.MapItemsByState[name] = n
	}
	if opts.MapItems < 0 {
		opts.MapItems = 0
		opts.MapItemsByState = costFillZero(sm, opts.MapItemsByState)
	}
	for _, v := range f.retries {
		name, num, ok := costCutLast(v, "=")
		if !ok {
			return opts, usageError("--retries %s: use STATE=N", v)
		}
		r, err := cost.ParseDecimal(num)
		if err != nil {
			return opts, usageError("--retries %s: %v", v, err)
		}
		opts.Retries[name] = r
	}
	names := map[string]bool{}
	sm.Walk(func(st *asl.State) { names[st.Name] = true })
	for _, v := range f.weights {
		edge, num, ok := costCutLast(v, "=")
		if !ok {
			return opts, usageError("--weight %s: use STATE->TARGET=P, e.g. \"Is Rush?->Charge Card=0.1\"", v)
		}
		p, err := cost.ParseDecimal(num)
		if err != nil {
			return opts, usageError("--weight %s: %v", v, err)
		}
		from, to, ok := costSplitEdge(edge, names)
		if !ok {
			return opts, usageError("--weight %s: use STATE->TARGET=P, e.g. \"Is Rush?->Charge Card=0.1\"", v)
		}
		if opts.Weights[from] == nil {
			opts.Weights[from] = map[string]*big.Rat{}
		}
		opts.Weights[from][to] = p
	}
	return opts, nil
}

// costFillZero gives every Map state zero iterations unless named: --map-items 0.
func costFillZero(sm *asl.StateMachine, by map[string]int64) map[string]int64 {
	sm.Walk(func(st *asl.State) {
		if _, ok := by[st.Name]; !ok && st.Type == "Map" {
			by[st.Name] = 0
		}
	})
	return by
}

// costSplitEdge splits STATE->TARGET, preferring a split whose STATE exists
// (state names may themselves contain "->").
func costSplitEdge(s string, names map[string]bool) (string, string, bool) {
	first := -1
	for i := 0; i+2 <= len(s); i++ {
		if s[i:i+2] != "->" {
			continue
		}
		if first < 0 {
			first = i
		}
		if names[s[:i]] && names[s[i+2:]] {
			return s[:i], s[i+2:], true
		}
	}
	if first < 0 {
		return "", "", false
	}
	return s[:first], s[first+2:], true
}

func costCutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return "", s, false
	}
	return s[:i], s[i+len(sep):], true
}

// costParseCount reads a whole non-negative number as people write it:
// 1000000, 1,000,000, 1_000_000 or 1e6.
func costParseCount(s string) (int64, error) {
	t := strings.NewReplacer(",", "", "_", "").Replace(strings.TrimSpace(s))
	if n, err := strconv.ParseInt(t, 10, 64); err == nil && n >= 0 {
		return n, nil
	}
	if r, err := cost.ParseDecimal(t); err == nil && r.IsInt() {
		if r.Num().IsInt64() {
			return r.Num().Int64(), nil
		}
		return 0, fmt.Errorf("%q is too large (at most %d)", s, int64(math.MaxInt64))
	}
	return 0, fmt.Errorf("%q is not a whole number of 0 or more (such as 100000, 100,000 or 1e5)", s)
}

// costParseDuration reads a Go duration (2.5s, 800ms, 1m30s) or a bare number
// of seconds.
func costParseDuration(flag, s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		secs, err2 := cost.ParseDecimal(s)
		if err2 != nil {
			return 0, usageError("%s %q: use a duration such as 2.5s, 800ms or 1m30s", flag, s)
		}
		ns := new(big.Rat).Mul(secs, big.NewRat(int64(time.Second), 1))
		d = time.Duration(new(big.Int).Quo(ns.Num(), ns.Denom()).Int64())
	}
	if d < 0 {
		return 0, usageError("%s %q: a duration cannot be negative", flag, s)
	}
	return d, nil
}

// costReadInput reads --input: JSON text, or @FILE.
func (a *app) costReadInput(v string) (any, error) {
	src := []byte(v)
	what := "--input"
	if strings.HasPrefix(v, "@") {
		data, err := os.ReadFile(v[1:])
		if err != nil {
			return nil, usageError("--input: %v", err)
		}
		src, what = data, v[1:]
	}
	var out any
	dec := json.NewDecoder(strings.NewReader(string(src)))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		return nil, usageError("%s is not JSON: %v", what, err)
	}
	return costPlainJSON(out), nil
}

// costPlainJSON turns json.Number into the int64/float64 the model uses.
func costPlainJSON(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = costPlainJSON(e)
		}
	case []any:
		for i, e := range x {
			x[i] = costPlainJSON(e)
		}
	}
	return v
}
