package cmd

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/cost"
	"github.com/sfnctl/sfnctl/simulate"
)

// costSimulatedRuns runs each requested test case through the engine and
// hands cost plain counts (cost never imports simulate). It returns the runs
// and the sum of their weights.
func (a *app) costSimulatedRuns(sm *asl.StateMachine, f *costFlags, input any) ([]cost.Run, *big.Rat, error) {
	var mocks *simulate.MockConfig
	if f.mock != "" {
		mdoc, err := asl.LoadFile(f.mock, a.stdin)
		if err != nil {
			return nil, nil, usageError("reading the mock file: %v", err)
		}
		mc, diags := simulate.LoadMocks(mdoc)
		if len(diags) > 0 {
			for _, d := range asl.SortDiagnostics(diags) {
				fmt.Fprintln(a.stderr, d.String())
			}
			if mc == nil || hasCostErrors(diags) {
				return nil, nil, usageError("%s is not a valid mock file", mdoc.File)
			}
		}
		mocks = mc
	}
	cases := f.testCases
	if len(cases) == 0 {
		cases = []string{""} // the mock file's only test case, or a run without mocks
	}
	typ := "STANDARD"
	if strings.EqualFold(f.typ, cost.TypeExpress) {
		typ = "EXPRESS"
	}
	var runs []cost.Run
	total := cost.Rat(0)
	for _, spec := range cases {
		name, weight := spec, cost.Rat(1)
		if before, after, ok := costCutLast(spec, "="); ok {
			w, err := cost.ParseDecimal(after)
			if err != nil {
				return nil, nil, usageError("--test-case %s: the weight %v", spec, err)
			}
			name, weight = before, w
		}
		res, err := simulate.Run(sm, simulate.Options{Input: input, Mocks: mocks, StateMachine: f.stateMachine, TestCase: name, Type: typ})
		if err != nil {
			return nil, nil, usageError("%v", err)
		}
		label := name
		if label == "" {
			label = "the run"
		}
		if res.Status != simulate.StatusSucceeded {
			fmt.Fprintf(a.stderr, "sfnctl: note: %s ended %s; its transitions up to there are counted\n", label, res.Status)
		}
		run := costRunOf(sm, res)
		run.Name, run.Weight, run.Status = name, weight, res.Status
		runs = append(runs, run)
		total = new(big.Rat).Add(total, weight)
	}
	return runs, total, nil
}

// costRunOf turns an execution into billed counts: states entered, retry
// attempts and the states of Standard child executions, plus one transition
// per child execution a Distributed Map starts (each child enters its
// StartAt once); Express children's states are not transitions.
func costRunOf(sm *asl.StateMachine, res *simulate.Result) cost.Run {
	run := cost.Run{Visits: res.Visits}
	billed := int64(res.Transitions + res.Retries + res.ChildTransitions)
	sm.Walk(func(st *asl.State) {
		entries := int64(res.Visits[st.Name])
		switch {
		case st.Type == "Parallel":
			run.Steps += entries * int64(len(st.Branches))
		case st.Type == "Map" && st.Processor != nil:
			starts := int64(res.Visits[st.Processor.StartAt])
			run.Steps += starts
			if st.Processor.ProcessorMode != "DISTRIBUTED" {
				return
			}
			billed += starts
			if costExpressChildren(st) {
				run.ExpressChildren += starts
				st.Processor.Walk(func(inner *asl.State) { billed -= int64(res.Visits[inner.Name]) })
			}
		}
	})
	run.Transitions = billed
	return run
}

func costExpressChildren(st *asl.State) bool {
	for _, field := range []string{"ItemProcessor", "Iterator"} {
		if proc, ok := st.Raw[field].(map[string]any); ok {
			if pc, ok := proc["ProcessorConfig"].(map[string]any); ok {
				if et, _ := pc["ExecutionType"].(string); strings.EqualFold(et, "EXPRESS") {
					return true
				}
			}
		}
	}
	return false
}

func hasCostErrors(ds []asl.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == asl.SeverityError {
			return true
		}
	}
	return false
}
