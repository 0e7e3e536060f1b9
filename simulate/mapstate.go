package simulate

import (
	"container/heap"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/expr"
)

// mapConfig is a Map state's evaluated settings.
type mapConfig struct {
	distributed  bool
	concurrency  int     // 0: unlimited
	toleratedN   int64   // -1: not set
	toleratedPct float64 // -1: not set
}

func (s *stateRun) mapState() (stateResult, *failure) {
	raw := s.st.Raw
	cfg := mapConfig{toleratedN: -1, toleratedPct: -1}
	if s.st.Processor != nil {
		cfg.distributed = s.st.Processor.ProcessorMode == "DISTRIBUTED"
	}
	var eff any
	var states map[string]any
	var items any
	var f *failure
	if s.jsonata {
		states = s.states(s.input)
		eff, items = s.input, s.input
		if v, ok := raw["Items"]; ok {
			if items, f = s.evalJSONataField(v, "Items", states); f != nil {
				return stateResult{}, f
			}
			if _, isArr := items.([]any); !isArr {
				return stateResult{}, s.unexpectedType(v, "Items", "array", items)
			}
		} else if _, isArr := items.([]any); !isArr && raw["ItemReader"] == nil {
			return stateResult{}, s.evaluationFailed("Map state input must be an array but was: "+Compact(items), "")
		}
	} else {
		if eff, f = s.inputPath(s.input); f != nil {
			return stateResult{}, f
		}
		items = eff
		if src, ok := raw["ItemsPath"].(string); ok {
			if items, f = s.evalPathString(src, eff); f != nil {
				return stateResult{}, f
			}
		}
	}
	if reader, ok := raw["ItemReader"].(map[string]any); ok {
		if items, f = s.readItems(); f != nil {
			return stateResult{}, f
		}
		// ReaderConfig.MaxItems caps what the reader hands over.
		if cfg, ok := reader["ReaderConfig"].(map[string]any); ok {
			if n, ok := asl.Int(cfg["MaxItems"]); ok && n > 0 {
				if list, isArr := items.([]any); isArr && int64(len(list)) > n {
					items = list[:n]
				}
			}
		}
	}
	list, isArr := items.([]any)
	if !isArr {
		src, _ := raw["ItemsPath"].(string)
		if src == "" {
			src = "$"
		}
		return stateResult{}, s.runtimeError("Reference path \"%s\" must point to array.", strings.Replace(src, "$$", "$", 1))
	}
	result, f := s.iterate(list, eff, states, cfg)
	if f != nil {
		return stateResult{}, f
	}
	if rw, ok := raw["ResultWriter"].(map[string]any); ok {
		result = s.resultWriterOutput(rw)
	}
	if s.jsonata {
		states["result"] = result
		return s.finishJSONata(states, result)
	}
	return s.finishJSONPath(result)
}

// readItems answers an ItemReader from the mocks: the Map state's own
// mocked response is the list of items S3 would have given.
func (s *stateRun) readItems() (any, *failure) {
	x := s.x
	if x.test != nil && x.test.MapItemReaderData != nil {
		return x.test.MapItemReaderData, nil
	}
	if respName, ok := x.mocks[s.st.Name]; ok && x.mockCfg != nil {
		n := x.invocations[s.st.Name]
		x.invocations[s.st.Name] = n + 1
		if ans, ok := x.mockCfg.Responses[respName].Answer(n); ok {
			if ans.Throw != nil {
				f := fail(ans.Throw.Error, ans.Throw.Cause)
				if !ans.Throw.HasCause {
					f.Cause = nil
				}
				return nil, f
			}
			return ans.Return, nil
		}
	}
	return nil, &failure{Error: strp("States.ItemReaderFailed"), fatal: true, Cause: strp(fmt.Sprintf(
		"Map state '%s' reads its items with an ItemReader (from S3), which sfnctl cannot do offline: mock the state in the test case with a Return of the item array", s.st.Name))}
}

func (s *stateRun) resultWriterOutput(rw map[string]any) any {
	s.x.mapRuns++
	bucket, prefix := "", ""
	for _, k := range []string{"Parameters", "Arguments", "WriterConfig"} {
		if p, ok := rw[k].(map[string]any); ok {
			if b, ok := p["Bucket"].(string); ok {
				bucket = b
			}
			if pr, ok := p["Prefix"].(string); ok {
				prefix = pr
			}
		}
	}
	id := seededUUID(expr.NewEnv(s.x.opts.Seed + uint64(s.x.mapRuns)))
	key := strings.TrimSuffix(prefix, "/") + "/" + id + "/manifest.json"
	return map[string]any{"MapRunArn": s.mapRunArn(id), "ResultWriterDetails": map[string]any{"Bucket": bucket, "Key": strings.TrimPrefix(key, "/")}}
}

func (s *stateRun) mapRunArn(id string) string {
	name, _ := s.x.ctxMachine["Name"].(string)
	exec, _ := s.x.ctxExec["Name"].(string)
	return "arn:aws:states:" + region + ":" + account + ":mapRun:" + name + "/" + s.st.Name + ":" + id + "-" + exec[:8]
}

// concurrencySetting reads MaxConcurrency(Path); AWS evaluates it before
// the Map starts, and the thresholds after.
func (s *stateRun) concurrencySetting(cfg *mapConfig, eff any, states map[string]any) *failure {
	raw := s.st.Raw
	if v, ok := raw["MaxConcurrency"]; ok {
		var n int64
		if s.jsonata {
			var f *failure
			if n, f = s.jsonataInt(v, "MaxConcurrency", states); f != nil {
				return f
			}
		} else {
			n, _ = asl.Int(v)
		}
		cfg.concurrency = int(n)
	} else if src, ok := raw["MaxConcurrencyPath"].(string); ok {
		v, f := s.evalPathString(src, eff)
		if f != nil {
			return f
		}
		n, ok := integerValue(v)
		if !ok {
			return s.runtimeError("The MaxConcurrencyPath field refers to value \"%s\" which is not a valid integer: %s", textOf(v), src)
		}
		cfg.concurrency = int(n)
	}
	return nil
}

// toleranceSettings reads the tolerated failure thresholds in their
// literal, Path and JSONata forms, with AWS's error texts.
func (s *stateRun) toleranceSettings(cfg *mapConfig, eff any, states map[string]any) *failure {
	raw := s.st.Raw
	if v, ok := raw["ToleratedFailureCount"]; ok {
		var n int64
		if s.jsonata {
			var f *failure
			if n, f = s.jsonataInt(v, "ToleratedFailureCount", states); f != nil {
				return f
			}
		} else {
			n, _ = integerValue(v)
		}
		if n < 0 {
			return s.runtimeError("ToleratedFailureCount cannot be negative.")
		}
		cfg.toleratedN = n
	} else if src, ok := raw["ToleratedFailureCountPath"].(string); ok {
		v, f := s.evalPathString(src, eff)
		if f != nil {
			return f
		}
		n, ok := integerValue(v)
		if !ok {
			return s.runtimeError("The ToleratedFailureCountPath field refers to value \"%s\" which is not a valid integer: %s", textOf(v), src)
		}
		if n < 0 {
			return s.runtimeError("ToleratedFailureCount cannot be negative.")
		}
		cfg.toleratedN = n
	}
	if v, ok := raw["ToleratedFailurePercentage"]; ok {
		if s.jsonata {
			expr := v
			var f *failure
			if v, f = s.evalJSONataField(v, "ToleratedFailurePercentage", states); f != nil {
				return f
			}
			if _, isNum := asl.Float(v); !isNum {
				return s.unexpectedType(expr, "ToleratedFailurePercentage", "number", v)
			}
		}
		p, _ := floatValue(v)
		cfg.toleratedPct = p
	} else if src, ok := raw["ToleratedFailurePercentagePath"].(string); ok {
		v, f := s.evalPathString(src, eff)
		if f != nil {
			return f
		}
		p, ok := floatValue(v)
		if !ok {
			return s.runtimeError("The ToleratedFailurePercentagePath field refers to value \"%s\" which is not a valid float: %s", textOf(v), src)
		}
		if p < 0 || p > 100 {
			return s.runtimeError("ToleratedFailurePercentage must be between 0 and 100.")
		}
		cfg.toleratedPct = p
	}
	return nil
}

// integerValue reads a whole number, also from a string ("1"), as AWS
// does for the *Path fields.
func integerValue(v any) (int64, bool) {
	if s, ok := v.(string); ok {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		return n, err == nil
	}
	return asl.Int(v)
}

func floatValue(v any) (float64, bool) {
	if s, ok := v.(string); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		return f, err == nil && !math.IsNaN(f)
	}
	return asl.Float(v)
}

// textOf renders a value as AWS quotes it in messages: strings raw, other
// values as JSON.
func textOf(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return Compact(v)
}

func jsonataType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case int64, float64, int:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "function"
}

// iterate runs the item processor for every item (or batch).
func (s *stateRun) iterate(list []any, eff any, states map[string]any, cfg mapConfig) (any, *failure) {
	x, fr, raw := s.x, s.fr, s.st.Raw
	if f := s.concurrencySetting(&cfg, eff, states); f != nil {
		return nil, f
	}
	x.emit(fr, "MapStateStarted", &MapStateStartedDetails{Length: len(list)})
	if f := s.toleranceSettings(&cfg, eff, states); f != nil {
		return nil, f
	}
	if t := s.x.test; t != nil {
		return t.mapResult(len(list), cfg)
	}
	inputs := list
	batcher, batched := raw["ItemBatcher"].(map[string]any)
	if batched {
		inputs = make([]any, len(list))
		for i, item := range list {
			in, f := s.itemInput(i, item, eff, states)
			if f != nil {
				return nil, f
			}
			inputs[i] = in
		}
		var f *failure
		if inputs, f = s.batch(inputs, batcher, eff, states); f != nil {
			return nil, f
		}
	}
	var runID string
	if cfg.distributed {
		x.mapRuns++
		runID = seededUUID(expr.NewEnv(x.opts.Seed + uint64(x.mapRuns)))
		x.emit(fr, "MapRunStarted", &MapRunStartedDetails{MapRunArn: s.mapRunArn(runID)})
	}
	tolerance := cfg.toleratedN >= 0 || cfg.toleratedPct >= 0 || cfg.distributed
	start := x.clock
	snap := x.snapshot(fr)
	run := s.runIterations(inputs, batched, eff, states, cfg, runID, tolerance, nil)
	if run.fatal != nil {
		return nil, run.fatal
	}
	if run.first != nil && !tolerance && len(inputs) > 1 {
		// Iterations side by side with the failing one may have run past
		// it: run again, stopping them there as AWS aborts them.
		x.restore(fr, snap)
		x.clock = start
		run = s.runIterations(inputs, batched, eff, states, cfg, runID, tolerance, &stopRule{at: run.firstAt, index: run.firstIndex})
		if run.fatal != nil {
			return nil, run.fatal
		}
		if run.first == nil {
			// Seeded jitter drawn in another order moved the failure past
			// the stop: keep the first pass, which is complete.
			x.restore(fr, snap)
			x.clock = start
			if run = s.runIterations(inputs, batched, eff, states, cfg, runID, tolerance, nil); run.fatal != nil {
				return nil, run.fatal
			}
		}
	}
	if f := run.first; f != nil {
		x.clock = run.firstAt
		if tolerance {
			x.clock = run.end
			f = fail("States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded")
		}
		if cfg.distributed {
			x.emit(fr, "MapRunFailed", &ErrorDetails{Error: f.Error, Cause: f.Cause})
		}
		return nil, f
	}
	x.clock = run.end
	lastIterEvent := run.lastIterEvent
	if cfg.distributed {
		lastIterEvent = x.emit(fr, "MapRunSucceeded", nil)
	}
	*fr.prev = lastIterEvent
	x.emitNoChain(fr, "MapStateSucceeded", nil)
	return run.results, nil
}

// stopRule says when iterations stop because one failed (AWS aborts the
// others): none starts after the failure, nor at its moment once the
// failing one has run (lanes run in index order), and running ones enter
// no state after it.
type stopRule struct {
	at    time.Time
	index int
}

// iterations is what one pass over a Map's items ends with.
type iterations struct {
	results       []any
	first         *failure // the failure that fails the Map (nil: none)
	firstAt       time.Time
	firstIndex    int
	fatal         *failure // ends the execution or aborts this state
	fatalAt       time.Time
	end           time.Time
	lastIterEvent int64
}

// runIterations runs the item processor for every input. Without a
// tolerance every iteration runs, so that the failure that happens first
// on the clock is found; with one, the run stops when it is exceeded.
func (s *stateRun) runIterations(inputs []any, batched bool, eff any, states map[string]any, cfg mapConfig, runID string, tolerance bool, stop *stopRule) iterations {
	x, fr := s.x, s.fr
	r := iterations{results: make([]any, len(inputs)), end: x.clock, lastIterEvent: *fr.prev}
	lanes := newLanes(x.clock, cfg, len(inputs))
	failed := 0
	for i, in := range inputs {
		x.clock = lanes.next()
		known := stop
		if known == nil && r.first != nil && !tolerance {
			known = &stopRule{at: r.firstAt, index: r.firstIndex}
		}
		if known != nil && !lanes.all && i >= lanes.size &&
			(x.clock.After(known.at) || (x.clock.Equal(known.at) && i > known.index)) {
			break // no lane frees before the failure: the rest never start
		}
		var out any
		var f *failure
		if !batched {
			if in, f = s.itemInput(i, in, eff, states); f != nil {
				r.fatal = f
				return r
			}
		}
		if cfg.distributed {
			out, f = s.childExecution(in, fr.depth+1, runID, i)
		} else {
			iterCursor := *fr.prev
			x.emitAfter(fr, "MapIterationStarted", &MapIterationDetails{Name: s.st.Name, Index: i}, iterCursor)
			iterCursor = int64(fr.h.count)
			ifr := &frame{h: fr.h, prev: &iterCursor, vars: &varScope{vals: map[string]any{}, parent: fr.vars}, depth: fr.depth + 1, cutoff: fr.cutoff}
			if stop != nil && (ifr.cutoff.IsZero() || stop.at.Before(ifr.cutoff)) {
				ifr.cutoff = stop.at
			}
			out, f = x.runScope(s.st.Processor, in, ifr)
			switch {
			case f == nil:
				r.lastIterEvent = x.emitAfter(fr, "MapIterationSucceeded", &MapIterationDetails{Name: s.st.Name, Index: i}, iterCursor)
			case f.aborted && stop != nil && (fr.cutoff.IsZero() || stop.at.Before(fr.cutoff)):
				r.lastIterEvent = x.emitAfter(fr, "MapIterationAborted", &MapIterationDetails{Name: s.st.Name, Index: i}, iterCursor)
				f, out = nil, nil
			case !f.fatal:
				r.lastIterEvent = x.emitAfter(fr, "MapIterationFailed", &MapIterationDetails{Name: s.st.Name, Index: i}, iterCursor)
			}
			*fr.prev = iterCursor
		}
		lanes.done(x.clock)
		if x.clock.After(r.end) {
			r.end = x.clock
		}
		if f == nil {
			r.results[i] = out
			continue
		}
		if f.fatal {
			if stop == nil && !tolerance && !f.aborted && x.overLimit(fr) == nil {
				// A sibling may fail earlier on the clock and abort this
				// iteration before it gets here: decide once all ran.
				if r.fatal == nil || x.clock.Before(r.fatalAt) {
					r.fatal, r.fatalAt = f, x.clock
				}
				continue
			}
			r.fatal = f
			return r
		}
		failed++
		r.results[i] = errorOutput(f)
		if tolerance {
			if exceeds(failed, len(inputs), cfg) {
				r.first, r.firstAt, r.firstIndex = f, x.clock, i
				return r
			}
			continue
		}
		if r.first == nil || x.clock.Before(r.firstAt) {
			r.first, r.firstAt, r.firstIndex = f, x.clock, i
		}
	}
	if r.fatal != nil {
		if r.first != nil && r.firstAt.Before(r.fatalAt) {
			r.fatal = nil // the second pass stops before it
		} else {
			x.clock = later(r.end, r.fatalAt)
		}
	}
	return r
}

func exceeds(failed, total int, cfg mapConfig) bool {
	n := cfg.toleratedN
	if n < 0 {
		n = 0
	}
	overCount := int64(failed) > n
	overPct := cfg.toleratedPct < 0 || float64(failed)*100/float64(total) > cfg.toleratedPct
	if cfg.toleratedN >= 0 && cfg.toleratedPct >= 0 {
		return overCount && overPct
	}
	if cfg.toleratedPct >= 0 {
		return overPct
	}
	return overCount
}

// itemInput applies ItemSelector (or the legacy Parameters) with
// $$.Map.Item set; without one the item itself is the iteration's input.
func (s *stateRun) itemInput(i int, item, eff any, states map[string]any) (any, *failure) {
	sel, ok := s.st.Raw["ItemSelector"]
	if !ok && !s.jsonata {
		sel, ok = s.st.Raw["Parameters"]
	}
	if !ok {
		return item, nil
	}
	s.mapItem = map[string]any{"Index": int64(i), "Value": item}
	s.itemGen++
	defer func() { s.mapItem = nil; s.itemGen++ }()
	if s.jsonata {
		st := map[string]any{"input": states["input"], "context": s.context()}
		return s.evalJSONataField(sel, "ItemSelector", st)
	}
	return s.template(sel, eff)
}

// batch groups iteration inputs as ItemBatcher says:
// {"Items": [...], "BatchInput": …}.
func (s *stateRun) batch(inputs []any, b map[string]any, eff any, states map[string]any) ([]any, *failure) {
	per := int64(0)
	if v, ok := b["MaxItemsPerBatch"]; ok {
		if s.jsonata {
			var f *failure
			if per, f = s.jsonataInt(v, "ItemBatcher/MaxItemsPerBatch", states); f != nil {
				return nil, f
			}
		} else {
			per, _ = asl.Int(v)
		}
	} else if src, ok := b["MaxItemsPerBatchPath"].(string); ok {
		v, f := s.evalPathString(src, eff)
		if f != nil {
			return nil, f
		}
		per, _ = integerValue(v)
	}
	if per <= 0 {
		per = int64(len(inputs))
		if per == 0 {
			per = 1
		}
	}
	maxBytes, f := s.batchBytes(b, eff, states)
	if f != nil {
		return nil, f
	}
	var batchInput any
	hasBatchInput := false
	if bi, ok := b["BatchInput"]; ok {
		hasBatchInput = true
		var f *failure
		if s.jsonata {
			batchInput, f = s.evalJSONataField(bi, "ItemBatcher/BatchInput", states)
		} else {
			batchInput, f = s.template(bi, eff)
		}
		if f != nil {
			return nil, f
		}
	}
	var out []any
	for i := 0; i < len(inputs); {
		// Fill the batch up to MaxItemsPerBatch items and, when set,
		// MaxInputBytesPerBatch bytes of its Items array as JSON (an item
		// larger than that still goes, alone).
		j, size := i, 2 // "[]"
		for j < len(inputs) && int64(j-i) < per {
			if maxBytes > 0 {
				n := jsonSize(inputs[j], int(maxBytes)+1)
				if j > i {
					n++ // ","
				}
				if j > i && int64(size+n) > maxBytes {
					break
				}
				size += n
			}
			j++
		}
		m := map[string]any{"Items": append([]any(nil), inputs[i:j]...)}
		if hasBatchInput {
			m["BatchInput"] = batchInput
		}
		out = append(out, m)
		i = j
	}
	return out, nil
}

// batchBytes reads MaxInputBytesPerBatch(Path); 0 means no byte limit.
func (s *stateRun) batchBytes(b map[string]any, eff any, states map[string]any) (int64, *failure) {
	if v, ok := b["MaxInputBytesPerBatch"]; ok {
		if s.jsonata {
			return s.jsonataInt(v, "ItemBatcher/MaxInputBytesPerBatch", states)
		}
		n, _ := integerValue(v)
		return n, nil
	}
	if src, ok := b["MaxInputBytesPerBatchPath"].(string); ok {
		v, f := s.evalPathString(src, eff)
		if f != nil {
			return 0, f
		}
		n, _ := integerValue(v)
		return n, nil
	}
	return 0, nil
}

// childExecution runs one Distributed Map item as its own execution: its
// own history (not kept) and no access to the parent's variables.
func (s *stateRun) childExecution(input any, depth int, runID string, index int) (any, *failure) {
	var cursor int64
	h := &hist{max: s.fr.h.max}
	cfr := &frame{h: h, prev: &cursor, vars: &varScope{vals: map[string]any{}}, depth: depth, cutoff: s.fr.cutoff}
	if s.processorUsesContext() {
		// A child is an execution of its own: $$.Execution describes it.
		name := fmt.Sprintf("%s:%d", runID, index)
		smName, _ := s.x.ctxMachine["Name"].(string)
		cfr.exec = map[string]any{"Id": "arn:aws:states:" + region + ":" + account + ":execution:" + smName + "/" + s.st.Name + ":" + name,
			"Input": input, "Name": name, "RoleArn": s.x.ctxExec["RoleArn"], "StartTime": timestamp(s.x.clock), "RedriveCount": int64(0)}
	}
	return s.x.runScope(s.st.Processor, input, cfr)
}

// processorUsesContext reports whether any state of the Map's processor
// can read $$ (the Map state's own definition holds them all).
func (s *stateRun) processorUsesContext() bool {
	return s.x.usesContext(s.st)
}

// maxInlineConcurrency is how many iterations an Inline Map runs at once
// whatever its MaxConcurrency says (developer guide, "Using Map state in
// Inline mode": "the Map state supports up to 40 concurrent iterations").
const maxInlineConcurrency = 40

// lanes models MaxConcurrency on the virtual clock: an iteration starts
// when the earliest busy lane frees up.
type lanes struct {
	all  bool // unlimited: everything starts at t0
	size int  // how many iterations run at once
	t0   time.Time
	free timeHeap
}

func newLanes(t0 time.Time, cfg mapConfig, n int) *lanes {
	c := cfg.concurrency
	if !cfg.distributed && (c <= 0 || c > maxInlineConcurrency) {
		c = maxInlineConcurrency
	}
	if c <= 0 || c >= n {
		return &lanes{all: true, t0: t0, size: n}
	}
	l := &lanes{t0: t0, free: make(timeHeap, c), size: c}
	for i := range l.free {
		l.free[i] = t0
	}
	return l
}

func (l *lanes) next() time.Time {
	if l.all {
		return l.t0
	}
	return heap.Pop(&l.free).(time.Time)
}

func (l *lanes) done(t time.Time) {
	if !l.all {
		heap.Push(&l.free, t)
	}
}

type timeHeap []time.Time

func (h timeHeap) Len() int           { return len(h) }
func (h timeHeap) Less(i, j int) bool { return h[i].Before(h[j]) }
func (h timeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *timeHeap) Push(x any)        { *h = append(*h, x.(time.Time)) }
func (h *timeHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	*h = old[:len(old)-1]
	return t
}
