package expr

// Tuple streams: paths with the focus (@$v) and index (#$v) binding
// operators carry, with every value, the variables bound so far, as
// jsonata-js's evaluateTupleStep does. A tuple maps variable names to
// values and "@" to the context value.

type jnTupleT = map[string]any

func jnTupleFrame(env *jnFrame, t jnTupleT) *jnFrame {
	f := jnNewFrame(env)
	for k, v := range t {
		if k != "@" {
			f.bind(k, v)
		}
	}
	return f
}

func (ev *jnEvaluator) tuplePath(n *jnNode, input any, env *jnFrame) (any, error) {
	var inputItems []any
	if arr, ok := jnArray(input); ok && n.steps[0].kind != jnVariable {
		inputItems = arr
	} else {
		inputItems = []any{input}
	}
	var result any = jnUndefined
	var tuples []jnTupleT
	haveTuples, isTuple := false, false
	for i, step := range n.steps {
		var err error
		if step.tuple {
			isTuple = true
		}
		switch {
		case i == 0 && step.consArray:
			result, err = ev.eval(step, jnNewSeq(inputItems...), env)
		case isTuple:
			if !haveTuples {
				tuples = make([]jnTupleT, len(inputItems))
				for k, it := range inputItems {
					tuples[k] = jnTupleT{"@": it}
				}
				haveTuples = true
			}
			tuples, err = ev.tupleStep(step, tuples, env)
		default:
			result, err = ev.step(step, inputItems, env, i == len(n.steps)-1)
		}
		if err != nil {
			return nil, err
		}
		if !haveTuples {
			items, ok := jnArray(result)
			if !isTuple && (jnIsUndef(result) || (ok && len(items) == 0)) {
				break
			}
			if !ok {
				items = []any{result}
			}
			if step.focus == "" {
				inputItems = items
			}
		}
	}
	if isTuple {
		if n.hasGroup {
			return ev.groupTuples(n.group, tuples, env)
		}
		if n.tuple {
			// a path inside a step that a % looks through: keep the bindings
			ts := &jnSeq{seq: true, tupleStream: true}
			for _, t := range tuples {
				ts.items = append(ts.items, t)
			}
			return ts, nil
		}
		out := &jnSeq{seq: true}
		for _, t := range tuples {
			out.items = append(out.items, t["@"])
		}
		result = out
	}
	if n.keepSingletonArray {
		switch r := result.(type) {
		case *jnSeq:
			r.keepSingleton = true
		case []any:
			result = &jnSeq{items: r, keepSingleton: true}
		}
	}
	if n.hasGroup {
		return ev.group(n.group, result, env)
	}
	return result, nil
}

func (ev *jnEvaluator) tupleStep(step *jnNode, tuples []jnTupleT, env *jnFrame) ([]jnTupleT, error) {
	var out []jnTupleT
	if step.kind == jnSort {
		items := make([]any, len(tuples))
		for i, t := range tuples {
			items[i] = t
		}
		sorted, err := ev.sortTuples(step, items, env)
		if err != nil {
			return nil, err
		}
		for i, t := range sorted {
			tt := t.(jnTupleT)
			if step.index != "" {
				tt[step.index] = int64(i)
			}
			out = append(out, tt)
		}
		return ev.tupleStages(step.stages, out, env)
	}
	for _, t := range tuples {
		frame := jnTupleFrame(env, t)
		res, err := ev.eval(step, t["@"], frame)
		if err != nil {
			return nil, err
		}
		if jnIsUndef(res) {
			continue
		}
		items, ok := jnArray(res)
		if !ok {
			items = []any{res}
		}
		if err := ev.grow(len(items)); err != nil {
			return nil, err
		}
		stream := false
		if rs, ok := res.(*jnSeq); ok && rs.tupleStream {
			stream = true
		}
		for b, r := range items {
			nt := make(jnTupleT, len(t)+2)
			for k, v := range t {
				nt[k] = v
			}
			if stream {
				for k, v := range r.(jnTupleT) {
					nt[k] = v
				}
				out = append(out, nt)
				continue
			}
			if step.ancestor != nil {
				nt[step.ancestor.label] = t["@"]
			}
			if step.focus != "" {
				nt[step.focus] = r
				nt["@"] = t["@"]
			} else {
				nt["@"] = r
			}
			if step.index != "" {
				nt[step.index] = int64(b)
			}
			out = append(out, nt)
		}
	}
	return ev.tupleStages(step.stages, out, env)
}

func (ev *jnEvaluator) tupleStages(stages []*jnNode, tuples []jnTupleT, env *jnFrame) ([]jnTupleT, error) {
	for _, st := range stages {
		if st.kind == jnIndexStage {
			for i, t := range tuples {
				t[st.op] = int64(i)
			}
			continue
		}
		var kept []jnTupleT
		if st.kind == jnNumberLit && len(st.predicates) == 0 {
			idx := int(st.num)
			if st.num < 0 {
				idx = int(st.num) + len(tuples)
				if float64(int(st.num)) != st.num {
					idx--
				}
			}
			if idx >= 0 && idx < len(tuples) {
				kept = append(kept, tuples[idx])
			}
			tuples = kept
			continue
		}
		for index, t := range tuples {
			res, err := ev.eval(st, t["@"], jnTupleFrame(env, t))
			if err != nil {
				return nil, err
			}
			if _, isNum := jnNumber(res); isNum {
				res = []any{res}
			}
			if nums, ok := jnArrayOfNumbers(res); ok {
				for _, f := range nums {
					ii := int(f)
					if f < 0 {
						ii = int(f) + len(tuples)
					}
					if ii == index {
						kept = append(kept, t)
					}
				}
			} else if b, _ := jnBoolean(res); b {
				kept = append(kept, t)
			}
		}
		tuples = kept
	}
	return tuples, nil
}

// sortTuples is sortStep with each term evaluated in its tuple's bindings.
func (ev *jnEvaluator) sortTuples(step *jnNode, items []any, env *jnFrame) ([]any, error) {
	if len(items) <= 1 {
		return items, nil
	}
	return jnMergeSort(items, func(a, b any) (bool, error) {
		ta, tb := a.(jnTupleT), b.(jnTupleT)
		for _, term := range step.terms {
			aa, err := ev.eval(term.expr, ta["@"], jnTupleFrame(env, ta))
			if err != nil {
				return false, err
			}
			bb, err := ev.eval(term.expr, tb["@"], jnTupleFrame(env, tb))
			if err != nil {
				return false, err
			}
			c, decided, err := jnSortCompare(aa, bb, step.pos)
			if err != nil {
				return false, err
			}
			if !decided {
				continue
			}
			// undefined sorts last whatever the direction
			if term.descending && jnSymbol(aa) != 'm' && jnSymbol(bb) != 'm' {
				c = -c
			}
			return c > 0, nil
		}
		return false, nil
	})
}

// groupTuples is a group-by over a tuple stream: bindings of the tuples in
// one group are combined, as jsonata-js's reduceTupleStream does.
func (ev *jnEvaluator) groupTuples(pairs [][2]*jnNode, tuples []jnTupleT, env *jnFrame) (any, error) {
	type entry struct {
		data      []jnTupleT
		exprIndex int
	}
	groups := map[string]*entry{}
	var order []string
	for _, t := range tuples {
		frame := jnTupleFrame(env, t)
		for pi, pair := range pairs {
			k, err := ev.eval(pair[0], t["@"], frame)
			if err != nil {
				return nil, err
			}
			if jnIsUndef(k) {
				continue
			}
			key, ok := k.(string)
			if !ok {
				return nil, &JSONataError{Code: "T1003", Position: pair[0].pos, Value: k, hasValue: true}
			}
			if g, exists := groups[key]; exists {
				if g.exprIndex != pi {
					return nil, &JSONataError{Code: "D1009", Position: pair[0].pos, Value: key, hasValue: true}
				}
				g.data = append(g.data, t)
			} else {
				groups[key] = &entry{data: []jnTupleT{t}, exprIndex: pi}
				order = append(order, key)
			}
		}
	}
	result := make(map[string]any, len(order))
	defer func() { ev.recordOrder(result, order) }()
	for _, key := range order {
		g := groups[key]
		merged := jnTupleT{}
		for k, v := range g.data[0] {
			merged[k] = v
		}
		for _, t := range g.data[1:] {
			for k, v := range t {
				merged[k] = jnAppend(merged[k], v)
			}
		}
		ctx := merged["@"]
		delete(merged, "@")
		v, err := ev.eval(pairs[g.exprIndex][1], ctx, jnTupleFrame(env, merged))
		if err != nil {
			return nil, err
		}
		if !jnIsUndef(v) {
			result[key] = v
		}
	}
	return result, nil
}
