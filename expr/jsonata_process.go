package expr

// jnProcess rewrites the raw parse tree into the evaluation tree, as
// jsonata-js's processAST does: "a.b.c" becomes one path of steps,
// predicates on a step become its stages, "^(…)" becomes a sort step,
// string literals used as steps become names.
func jnProcess(n *jnNode) (*jnNode, error) {
	if n == nil {
		return nil, nil
	}
	var result *jnNode
	var err error
	switch n.kind {
	case jnBinary:
		if n.op == "." {
			result, err = jnProcessDot(n)
			if err != nil {
				return nil, err
			}
			break
		}
		if n.lhs, err = jnProcess(n.lhs); err != nil {
			return nil, err
		}
		if n.rhs, err = jnProcess(n.rhs); err != nil {
			return nil, err
		}
		result = n
	case jnPredicateRaw:
		if result, err = jnProcess(n.lhs); err != nil {
			return nil, err
		}
		step := result
		stages := false
		if result.kind == jnPath && len(result.steps) > 0 {
			step = result.steps[len(result.steps)-1]
			stages = true
		}
		if step.hasGroup {
			return nil, &JSONataError{Code: "S0209", Position: n.pos}
		}
		pred, err := jnProcess(n.rhs)
		if err != nil {
			return nil, err
		}
		if stages {
			step.stages = append(step.stages, pred)
		} else {
			step.predicates = append(step.predicates, pred)
		}
	case jnGroupRaw:
		if result, err = jnProcess(n.lhs); err != nil {
			return nil, err
		}
		if result.hasGroup {
			return nil, &JSONataError{Code: "S0210", Position: n.pos}
		}
		if result.group, err = jnProcessPairs(n.pairs); err != nil {
			return nil, err
		}
		result.hasGroup = true
	case jnSort:
		if result, err = jnProcess(n.lhs); err != nil {
			return nil, err
		}
		if result.kind != jnPath {
			result = &jnNode{kind: jnPath, pos: result.pos, steps: []*jnNode{result}}
		}
		sortStep := &jnNode{kind: jnSort, pos: n.pos}
		for _, t := range n.terms {
			e, err := jnProcess(t.expr)
			if err != nil {
				return nil, err
			}
			sortStep.terms = append(sortStep.terms, jnSortTerm{descending: t.descending, expr: e})
		}
		result.steps = append(result.steps, sortStep)
	case jnFocusRaw, jnIndexRaw:
		if result, err = jnProcess(n.lhs); err != nil {
			return nil, err
		}
		step := result
		if result.kind == jnPath && len(result.steps) > 0 {
			step = result.steps[len(result.steps)-1]
		}
		if n.kind == jnFocusRaw {
			if len(step.stages) > 0 || len(step.predicates) > 0 {
				return nil, &JSONataError{Code: "S0215", Position: n.pos, Token: "@"}
			}
			step.focus = n.op
		} else {
			step.index = n.op
		}
		step.tuple = true
		if result.kind == jnPath {
			result.tuple = true
		} else {
			result = &jnNode{kind: jnPath, pos: result.pos, steps: []*jnNode{result}, tuple: true}
		}
	case jnName:
		result = &jnNode{kind: jnPath, pos: n.pos, steps: []*jnNode{n}}
		if n.keepArray {
			result.keepSingletonArray = true
		}
	case jnUnaryMinus:
		if n.lhs, err = jnProcess(n.lhs); err != nil {
			return nil, err
		}
		result = n
	case jnArrayCtor, jnBlock:
		for i, it := range n.items {
			if n.items[i], err = jnProcess(it); err != nil {
				return nil, err
			}
		}
		result = n
	case jnObject:
		if n.pairs, err = jnProcessPairs(n.pairs); err != nil {
			return nil, err
		}
		result = n
	case jnFunction, jnPartial:
		if n.lhs, err = jnProcess(n.lhs); err != nil {
			return nil, err
		}
		for i, it := range n.items {
			if n.items[i], err = jnProcess(it); err != nil {
				return nil, err
			}
		}
		result = n
	case jnLambda:
		if n.body, err = jnProcess(n.body); err != nil {
			return nil, err
		}
		result = n
	case jnCondition, jnTransform:
		if n.cond, err = jnProcess(n.cond); err != nil {
			return nil, err
		}
		if n.then, err = jnProcess(n.then); err != nil {
			return nil, err
		}
		if n.els, err = jnProcess(n.els); err != nil {
			return nil, err
		}
		result = n
	case jnBind, jnApply:
		if n.lhs, err = jnProcess(n.lhs); err != nil {
			return nil, err
		}
		if n.rhs, err = jnProcess(n.rhs); err != nil {
			return nil, err
		}
		if n.kind == jnApply {
			n.keepArray = n.lhs.keepArray || n.rhs.keepArray
		}
		result = n
	default:
		result = n
	}
	if n.keepArray && result != n {
		result.keepArray = true
	}
	return result, nil
}

func jnProcessPairs(pairs [][2]*jnNode) ([][2]*jnNode, error) {
	out := make([][2]*jnNode, len(pairs))
	for i, pr := range pairs {
		k, err := jnProcess(pr[0])
		if err != nil {
			return nil, err
		}
		v, err := jnProcess(pr[1])
		if err != nil {
			return nil, err
		}
		out[i] = [2]*jnNode{k, v}
	}
	return out, nil
}

func jnProcessDot(n *jnNode) (*jnNode, error) {
	lstep, err := jnProcess(n.lhs)
	if err != nil {
		return nil, err
	}
	var result *jnNode
	if lstep.kind == jnPath {
		result = lstep
	} else {
		result = &jnNode{kind: jnPath, pos: lstep.pos, steps: []*jnNode{lstep}}
	}
	rest, err := jnProcess(n.rhs)
	if err != nil {
		return nil, err
	}
	if rest.kind == jnPath {
		result.steps = append(result.steps, rest.steps...)
		if rest.tuple {
			result.tuple = true
		}
		if rest.keepSingletonArray {
			result.keepSingletonArray = true
		}
	} else {
		if len(rest.predicates) > 0 {
			rest.stages = rest.predicates
			rest.predicates = nil
		}
		result.steps = append(result.steps, rest)
	}
	for _, step := range result.steps {
		switch step.kind {
		case jnNumberLit, jnValue:
			return nil, &JSONataError{Code: "S0213", Position: step.pos, Value: jnRawText(step), hasValue: true}
		case jnString:
			step.kind = jnName
		}
		if step.keepArray {
			result.keepSingletonArray = true
		}
	}
	if first := result.steps[0]; first.kind == jnArrayCtor {
		first.consArray = true
	}
	if last := result.steps[len(result.steps)-1]; last.kind == jnArrayCtor {
		last.consArray = true
	}
	return result, nil
}
