package expr

import (
	"math"
	"math/rand/v2"
	"reflect"
	"time"
	"unsafe"
)

// The JSONata evaluator, a tree walker that mirrors jsonata-js 2.0.6's
// evaluate(): path steps map over sequences and flatten, predicates filter,
// singleton sequences collapse to their item, undefined is not null.

// Bounds that keep a hostile expression from hanging or exhausting the
// machine. They are far above anything a state machine needs.
const (
	jnMaxSteps     = 5_000_000       // evaluation steps per Eval
	jnMaxDepth     = 150_000         // nested evaluations: about 35,000 levels of non-tail recursion
	jnMaxItems     = 10_000_000      // items one range may allocate (jsonata-js's limit)
	jnMaxAlloc     = 20_000_000      // items (and string bytes/8) allocated per Eval
	jnMaxString    = 16 << 20        // bytes in one string result
	jnMaxWallClock = 5 * time.Second // backstop for anything the step count misses
)

type jnFrame struct {
	vars   map[string]any
	parent *jnFrame
}

func jnNewFrame(parent *jnFrame) *jnFrame { return &jnFrame{parent: parent} }

func (f *jnFrame) bind(name string, v any) {
	if f.vars == nil {
		f.vars = make(map[string]any, 4)
	}
	f.vars[name] = v
}

type jnEvaluator struct {
	steps    int
	alloc    int
	depth    int
	deadline time.Time // set once evaluation has run for a while
	rand     *rand.Rand
	clock    func() time.Time
	now      time.Time // fixed at the first $now()/$millis(), as jsonata-js fixes it per evaluation
	vars     func(string) (any, bool)
	states   map[string]any // $states
	root     any            // $$
	// order remembers the key order of objects built during this
	// evaluation ({…}, $merge, transforms), which jsonata-js keeps and Go
	// maps lose; objects from the input come out in sorted key order.
	order map[unsafe.Pointer][]string
}

func jnMapID(m map[string]any) unsafe.Pointer { return reflect.ValueOf(m).UnsafePointer() }

// recordOrder notes the key order of an object built by the evaluation.
func (ev *jnEvaluator) recordOrder(m map[string]any, keys []string) {
	if len(m) < 2 {
		return
	}
	if ev.order == nil {
		ev.order = map[unsafe.Pointer][]string{}
	}
	ev.order[jnMapID(m)] = keys
}

// keysOf lists an object's keys: in construction order when the
// evaluation built it, otherwise sorted.
func (ev *jnEvaluator) keysOf(m map[string]any) []string {
	if ev == nil || len(m) < 2 || ev.order == nil {
		return jnSortedKeys(m)
	}
	recorded, ok := ev.order[jnMapID(m)]
	if !ok {
		return jnSortedKeys(m)
	}
	keys := make([]string, 0, len(m))
	seen := make(map[string]bool, len(m))
	for _, k := range recorded {
		if _, present := m[k]; present && !seen[k] {
			keys = append(keys, k)
			seen[k] = true
		}
	}
	if len(keys) < len(m) {
		var rest []string
		for k := range m {
			if !seen[k] {
				rest = append(rest, k)
			}
		}
		jnSortStrings(rest)
		keys = append(keys, rest...)
	}
	return keys
}

// timeNow is the evaluation's clock reading.
func (ev *jnEvaluator) timeNow() time.Time {
	if ev.now.IsZero() {
		if ev.clock != nil {
			ev.now = ev.clock()
		} else {
			ev.now = time.Now()
		}
	}
	return ev.now
}

func (ev *jnEvaluator) lookup(env *jnFrame, name string) any {
	for f := env; f != nil; f = f.parent {
		if v, ok := f.vars[name]; ok {
			return v
		}
	}
	switch name {
	case "states":
		if ev.states != nil {
			return ev.states
		}
	case "$":
		return ev.root
	}
	if ev.vars != nil {
		if v, ok := ev.vars(name); ok {
			return v
		}
	}
	if b, ok := jnBuiltins[name]; ok {
		return b
	}
	return jnUndefined
}

func jnLimitErr(msg string) error {
	return &JSONataError{Code: "U1002", Message: msg}
}

func (ev *jnEvaluator) tick() error {
	ev.steps++
	if ev.steps > jnMaxSteps {
		return jnLimitErr("Evaluation exceeded the step limit: the expression does too much work or does not terminate")
	}
	if ev.steps&4095 == 0 {
		now := time.Now()
		if ev.deadline.IsZero() {
			ev.deadline = now.Add(jnMaxWallClock)
		} else if now.After(ev.deadline) {
			return jnLimitErr("Evaluation exceeded the time limit")
		}
	}
	return nil
}

// grow charges n allocated items to the evaluation's memory budget.
func (ev *jnEvaluator) grow(n int) error {
	ev.alloc += n
	if ev.alloc > jnMaxAlloc {
		return jnLimitErr("Evaluation exceeded the memory limit: the expression builds too much data")
	}
	return nil
}

func (ev *jnEvaluator) eval(n *jnNode, input any, env *jnFrame) (any, error) {
	if err := ev.tick(); err != nil {
		return nil, err
	}
	ev.depth++
	defer func() { ev.depth-- }()
	if ev.depth > jnMaxDepth {
		return nil, &JSONataError{Code: "U1001", Position: n.pos}
	}
	result, err := ev.evalNode(n, input, env)
	if err != nil {
		return nil, err
	}
	for _, p := range n.predicates {
		if result, err = ev.filter(p, result, env); err != nil {
			return nil, err
		}
	}
	if n.kind != jnPath && n.hasGroup {
		if result, err = ev.group(n.group, result, env); err != nil {
			return nil, err
		}
	}
	if s, ok := result.(*jnSeq); ok && s.seq && !s.tupleStream {
		if n.keepArray {
			s.keepSingleton = true
		}
		if len(s.items) == 0 {
			return jnUndefined, nil
		}
		if len(s.items) == 1 && !s.keepSingleton {
			return s.items[0], nil
		}
	}
	return result, nil
}

func (ev *jnEvaluator) evalNode(n *jnNode, input any, env *jnFrame) (any, error) {
	switch n.kind {
	case jnPath:
		return ev.path(n, input, env)
	case jnBinary:
		return ev.binary(n, input, env)
	case jnUnaryMinus:
		v, err := ev.eval(n.lhs, input, env)
		if err != nil || jnIsUndef(v) {
			return v, err
		}
		f, ok := jnNumber(v)
		if !ok {
			return nil, &JSONataError{Code: "D1002", Position: n.pos, Token: "-", Value: v, hasValue: true}
		}
		return jnNum(-f), nil
	case jnName:
		return jnLookup(input, n.op), nil
	case jnString:
		return n.op, nil
	case jnNumberLit:
		return jnNum(n.num), nil
	case jnValue:
		return n.val, nil
	case jnWildcard:
		return ev.wildcard(input), nil
	case jnDescendant:
		return ev.descendants(input), nil
	case jnArrayCtor:
		return ev.array(n, input, env)
	case jnObject:
		return ev.group(n.pairs, input, env)
	case jnCondition:
		c, err := ev.eval(n.cond, input, env)
		if err != nil {
			return nil, err
		}
		if b, _ := jnBoolean(c); b {
			return ev.eval(n.then, input, env)
		}
		if n.els != nil {
			return ev.eval(n.els, input, env)
		}
		return jnUndefined, nil
	case jnBlock:
		frame := jnNewFrame(env)
		var result any = jnUndefined
		for _, e := range n.items {
			var err error
			if result, err = ev.eval(e, input, frame); err != nil {
				return nil, err
			}
		}
		return result, nil
	case jnBind:
		v, err := ev.eval(n.rhs, input, env)
		if err != nil {
			return nil, err
		}
		if env != nil {
			env.bind(n.lhs.op, v)
		}
		return v, nil
	case jnRegex:
		return &jnRegexVal{re: n.re}, nil
	case jnVariable:
		if n.op == "" {
			if s, ok := input.(*jnSeq); ok && s.outerWrapper && len(s.items) > 0 {
				return s.items[0], nil
			}
			return input, nil
		}
		return ev.lookup(env, n.op), nil
	case jnLambda:
		return &jnLambdaVal{node: n, env: env, input: input}, nil
	case jnFunction:
		return ev.function(n, input, env, nil)
	case jnPartial:
		return ev.partial(n, input, env)
	case jnApply:
		return ev.applyExpr(n, input, env)
	case jnTransform:
		return ev.transform(n, env), nil
	case jnPlaceholder:
		return jnUndefined, nil
	case jnParent:
		return ev.lookup(env, n.slot.label), nil
	}
	return nil, &JSONataError{Code: "U1002", Position: n.pos, Message: "Unsupported expression"}
}

// jnLookup is fn.lookup: a field of an object, or of each object in an
// array (flattening array results one level).
func jnLookup(input any, key string) any {
	switch x := input.(type) {
	case map[string]any:
		v, ok := x[key]
		if !ok {
			return jnUndefined
		}
		return v
	case []any, *jnSeq:
		items, _ := jnArray(x)
		out := &jnSeq{seq: true}
		for _, it := range items {
			r := jnLookup(it, key)
			if jnIsUndef(r) {
				continue
			}
			if arr, ok := jnArray(r); ok {
				out.items = append(out.items, arr...)
			} else {
				out.items = append(out.items, r)
			}
		}
		return out
	}
	return jnUndefined
}

func (ev *jnEvaluator) wildcard(input any) any {
	out := &jnSeq{seq: true}
	if s, ok := input.(*jnSeq); ok && s.outerWrapper && len(s.items) > 0 {
		input = s.items[0]
	}
	m, ok := input.(map[string]any)
	if !ok {
		return out
	}
	for _, k := range ev.keysOf(m) {
		v := m[k]
		if arr, ok := jnArray(v); ok {
			out.items = append(out.items, jnFlatten(arr, nil)...)
		} else {
			out.items = append(out.items, v)
		}
	}
	return out
}

func jnFlatten(items []any, into []any) []any {
	for _, it := range items {
		if arr, ok := jnArray(it); ok {
			into = jnFlatten(arr, into)
		} else {
			into = append(into, it)
		}
	}
	return into
}

func (ev *jnEvaluator) descendants(input any) any {
	if jnIsUndef(input) {
		return jnUndefined
	}
	out := &jnSeq{seq: true}
	var rec func(v any)
	rec = func(v any) {
		arr, isArr := jnArray(v)
		if !isArr {
			out.items = append(out.items, v)
		}
		if isArr {
			for _, it := range arr {
				rec(it)
			}
		} else if m, ok := v.(map[string]any); ok {
			for _, k := range ev.keysOf(m) {
				rec(m[k])
			}
		}
	}
	rec(input)
	if len(out.items) == 1 {
		return out.items[0]
	}
	return out
}

func (ev *jnEvaluator) path(n *jnNode, input any, env *jnFrame) (any, error) {
	if n.hasTuple {
		return ev.tuplePath(n, input, env)
	}
	// While the context is a single value, steps run without building
	// sequences; the general loop below takes over once there are several.
	var inputItems []any
	single := true
	var cur any = input
	if arr, ok := jnArray(input); ok && n.steps[0].kind != jnVariable {
		inputItems, single = arr, false
	}
	var result any = jnUndefined
	for i, step := range n.steps {
		var err error
		last := i == len(n.steps)-1
		if single && len(step.stages) == 0 && step.kind != jnSort && !(i == 0 && step.consArray) {
			var res any
			if res, err = ev.eval(step, cur, env); err != nil {
				return nil, err
			}
			if jnIsUndef(res) {
				result = jnUndefined
				break
			}
			arr, isArr := jnArray(res)
			if s, ok := res.(*jnSeq); !isArr || (ok && s.cons) {
				if !last {
					cur = res
					continue
				}
				if n.keepSingletonArray || n.keepArray || n.hasGroup {
					result = jnSingleton(res)
				} else {
					result = res
				}
				break
			}
			if last && !jnIsSequence(res) {
				result = res
				break
			}
			result = &jnSeq{seq: true, items: arr}
			if len(arr) == 0 {
				break
			}
			inputItems, single = arr, false
			continue
		}
		if single {
			inputItems, single = []any{cur}, false
		}
		if i == 0 && step.consArray {
			result, err = ev.eval(step, jnNewSeq(inputItems...), env)
		} else {
			result, err = ev.step(step, inputItems, env, last)
		}
		if err != nil {
			return nil, err
		}
		items, ok := jnArray(result)
		if jnIsUndef(result) || (ok && len(items) == 0) {
			break
		}
		if !ok {
			items = []any{result}
		}
		inputItems = items
	}
	if n.keepSingletonArray {
		switch r := result.(type) {
		case *jnSeq:
			if r.cons && !r.seq {
				result = &jnSeq{items: []any{r}, seq: true, keepSingleton: true}
			} else {
				r.keepSingleton = true
			}
		case []any:
			result = &jnSeq{items: r, keepSingleton: true}
		}
	}
	if n.hasGroup {
		return ev.group(n.group, result, env)
	}
	return result, nil
}

func (ev *jnEvaluator) step(step *jnNode, items []any, env *jnFrame, last bool) (any, error) {
	if step.kind == jnSort {
		res, err := ev.sortStep(step, items, env)
		if err != nil {
			return nil, err
		}
		for _, st := range step.stages {
			if res, err = ev.filter(st, res, env); err != nil {
				return nil, err
			}
		}
		return res, nil
	}
	if len(items) == 1 && len(step.stages) == 0 {
		// one context item, the common case: no intermediate slices
		res, err := ev.eval(step, items[0], env)
		if err != nil {
			return nil, err
		}
		if jnIsUndef(res) {
			return jnUndefined, nil
		}
		arr, isArr := jnArray(res)
		if !isArr {
			return jnSingleton(res), nil
		}
		if s, ok := res.(*jnSeq); ok && s.cons {
			return jnSingleton(res), nil
		}
		if last && !jnIsSequence(res) {
			return res, nil
		}
		return &jnSeq{seq: true, items: arr}, nil
	}
	results := make([]any, 0, len(items))
	for _, it := range items {
		res, err := ev.eval(step, it, env)
		if err != nil {
			return nil, err
		}
		for _, st := range step.stages {
			if res, err = ev.filter(st, res, env); err != nil {
				return nil, err
			}
		}
		if !jnIsUndef(res) {
			results = append(results, res)
		}
	}
	if last && len(results) == 1 {
		if _, isArr := jnArray(results[0]); isArr && !jnIsSequence(results[0]) {
			return results[0], nil
		}
	}
	if err := ev.grow(len(results)); err != nil {
		return nil, err
	}
	out := &jnSeq{seq: true, items: make([]any, 0, len(results))}
	for _, res := range results {
		arr, isArr := jnArray(res)
		if s, ok := res.(*jnSeq); !isArr || (ok && s.cons) {
			out.items = append(out.items, res)
			continue
		}
		if err := ev.grow(len(arr)); err != nil {
			return nil, err
		}
		out.items = append(out.items, arr...)
	}
	return out, nil
}

func (ev *jnEvaluator) filter(pred *jnNode, input any, env *jnFrame) (any, error) {
	out := &jnSeq{seq: true}
	items, ok := jnArray(input)
	if !ok {
		items = []any{input}
	}
	if pred.kind == jnNumberLit && len(pred.predicates) == 0 && !pred.hasGroup {
		idx := int(math.Floor(pred.num))
		if idx < 0 {
			idx += len(items)
		}
		if idx >= 0 && idx < len(items) && !jnIsUndef(items[idx]) {
			item := items[idx]
			if _, isArr := jnArray(item); isArr {
				return item, nil
			}
			out.items = append(out.items, item)
		}
		return out, nil
	}
	for index, item := range items {
		res, err := ev.eval(pred, item, env)
		if err != nil {
			return nil, err
		}
		if _, isNum := jnNumber(res); isNum {
			res = []any{res}
		}
		if nums, ok := jnArrayOfNumbers(res); ok {
			for _, f := range nums {
				ii := int(math.Floor(f))
				if ii < 0 {
					ii += len(items)
				}
				if ii == index {
					out.items = append(out.items, item)
				}
			}
		} else if b, _ := jnBoolean(res); b {
			out.items = append(out.items, item)
		}
	}
	return out, nil
}

func jnArrayOfNumbers(v any) ([]float64, bool) {
	items, ok := jnArray(v)
	if !ok {
		return nil, false
	}
	out := make([]float64, 0, len(items))
	for _, it := range items {
		f, ok := jnNumber(it)
		if !ok {
			return nil, false
		}
		out = append(out, f)
	}
	return out, true
}

func (ev *jnEvaluator) array(n *jnNode, input any, env *jnFrame) (any, error) {
	result := make([]any, 0, len(n.items))
	for _, item := range n.items {
		v, err := ev.eval(item, input, env)
		if err != nil {
			return nil, err
		}
		if jnIsUndef(v) {
			continue
		}
		if item.kind == jnArrayCtor {
			result = append(result, v)
		} else if arr, ok := jnArray(v); ok {
			if err := ev.grow(len(arr)); err != nil {
				return nil, err
			}
			result = append(result, arr...)
		} else {
			result = append(result, v)
		}
	}
	if n.consArray {
		return &jnSeq{items: result, cons: true}, nil
	}
	return result, nil
}

// group evaluates an object constructor, standalone or as a group-by on
// the input sequence.
func (ev *jnEvaluator) group(pairs [][2]*jnNode, input any, env *jnFrame) (any, error) {
	items, ok := jnArray(input)
	if !ok {
		items = []any{input}
	}
	if len(items) == 0 {
		items = []any{jnUndefined}
	}
	type entry struct {
		data      any
		exprIndex int
	}
	groups := map[string]*entry{}
	var order []string
	for _, item := range items {
		for pi, pair := range pairs {
			k, err := ev.eval(pair[0], item, env)
			if err != nil {
				return nil, err
			}
			if jnIsUndef(k) {
				continue
			}
			key, isStr := k.(string)
			if !isStr {
				return nil, &JSONataError{Code: "T1003", Position: pair[0].pos, Value: k, hasValue: true}
			}
			if g, exists := groups[key]; exists {
				if g.exprIndex != pi {
					return nil, &JSONataError{Code: "D1009", Position: pair[0].pos, Value: key, hasValue: true}
				}
				g.data = jnAppend(g.data, item)
			} else {
				groups[key] = &entry{data: item, exprIndex: pi}
				order = append(order, key)
			}
		}
	}
	result := make(map[string]any, len(order))
	kept := make([]string, 0, len(order))
	for _, key := range order {
		g := groups[key]
		v, err := ev.eval(pairs[g.exprIndex][1], g.data, env)
		if err != nil {
			return nil, err
		}
		if !jnIsUndef(v) {
			result[key] = v
			kept = append(kept, key)
		}
	}
	ev.recordOrder(result, kept)
	return result, nil
}

// jnAppend is fn.append: concatenation where single values act as
// one-item arrays and undefined is ignored.
func jnAppend(a, b any) any {
	if jnIsUndef(a) {
		return b
	}
	if jnIsUndef(b) {
		return a
	}
	var out []any
	if arr, ok := jnArray(a); ok {
		out = append(make([]any, 0, len(arr)+1), arr...)
	} else {
		out = []any{a}
	}
	if arr, ok := jnArray(b); ok {
		out = append(out, arr...)
	} else {
		out = append(out, b)
	}
	return out
}

func jnSortedKeys(m map[string]any) []string {
	if len(m) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	jnSortStrings(keys)
	return keys
}
