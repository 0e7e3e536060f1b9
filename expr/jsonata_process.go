package expr

import "strconv"

// jnProcess rewrites the raw parse tree into the evaluation tree, as
// jsonata-js's processAST does: "a.b.c" becomes one path of steps,
// predicates on a step become its stages, "^(…)" becomes a sort step,
// string literals used as steps become names.
type jnProcessor struct {
	ancestry []*jnNode // parent operators, by slot index
}

// seekParent walks back from node to find the step whose input the slot's
// % refers to (jsonata-js's seekParent).
func (pr *jnProcessor) seekParent(node *jnNode, slot *jnSlot) (*jnSlot, error) {
	switch node.kind {
	case jnName, jnWildcard:
		slot.level--
		if slot.level == 0 {
			if node.ancestor != nil {
				pr.ancestry[slot.index].slot.label = node.ancestor.label
			}
			node.ancestor = slot
			node.tuple = true
		}
	case jnParent:
		slot.level++
	case jnBlock:
		if len(node.items) > 0 {
			node.tuple = true
			return pr.seekParent(node.items[len(node.items)-1], slot)
		}
	case jnPath:
		node.tuple = true
		index := len(node.steps) - 1
		var err error
		if slot, err = pr.seekParent(node.steps[index], slot); err != nil {
			return nil, err
		}
		index--
		for slot.level > 0 && index >= 0 {
			if slot, err = pr.seekParent(node.steps[index], slot); err != nil {
				return nil, err
			}
			index--
		}
	default:
		return nil, &JSONataError{Code: "S0217", Position: node.pos, Token: "parent"}
	}
	return slot, nil
}

// pushAncestry passes unresolved % references of value up to result.
func jnPushAncestry(result, value *jnNode) {
	if value == nil {
		return
	}
	if len(value.seekingParent) > 0 || value.kind == jnParent {
		slots := append([]*jnSlot(nil), value.seekingParent...)
		if value.kind == jnParent {
			slots = append(slots, value.slot)
		}
		result.seekingParent = append(result.seekingParent, slots...)
	}
}

func (pr *jnProcessor) resolveAncestry(path *jnNode) error {
	last := path.steps[len(path.steps)-1]
	slots := append([]*jnSlot(nil), last.seekingParent...)
	if last.kind == jnParent {
		slots = append(slots, last.slot)
	}
	for _, slot := range slots {
		index := len(path.steps) - 2
		for slot.level > 0 {
			if index < 0 {
				path.seekingParent = append(path.seekingParent, slot)
				break
			}
			step := path.steps[index]
			index--
			for index >= 0 && step.focus != "" && path.steps[index].focus != "" {
				step = path.steps[index]
				index--
			}
			var err error
			if slot, err = pr.seekParent(step, slot); err != nil {
				return err
			}
		}
	}
	return nil
}

// jnMarkTuplePaths flags the paths that must run as tuple streams.
func jnMarkTuplePaths(n *jnNode) {
	if n == nil {
		return
	}
	if n.kind == jnPath {
		for _, st := range n.steps {
			if st.tuple {
				n.hasTuple = true
			}
		}
	}
	for _, c := range []*jnNode{n.lhs, n.rhs, n.cond, n.then, n.els, n.body} {
		jnMarkTuplePaths(c)
	}
	for _, list := range [][]*jnNode{n.items, n.steps, n.stages, n.predicates} {
		for _, c := range list {
			jnMarkTuplePaths(c)
		}
	}
	for _, pr := range n.pairs {
		jnMarkTuplePaths(pr[0])
		jnMarkTuplePaths(pr[1])
	}
	for _, pr := range n.group {
		jnMarkTuplePaths(pr[0])
		jnMarkTuplePaths(pr[1])
	}
	for _, t := range n.terms {
		jnMarkTuplePaths(t.expr)
	}
}

func (pr *jnProcessor) process(n *jnNode) (*jnNode, error) {
	if n == nil {
		return nil, nil
	}
	var result *jnNode
	var err error
	switch n.kind {
	case jnBinary:
		if n.op == "." {
			result, err = pr.processDot(n)
			if err != nil {
				return nil, err
			}
			break
		}
		if n.lhs, err = pr.process(n.lhs); err != nil {
			return nil, err
		}
		if n.rhs, err = pr.process(n.rhs); err != nil {
			return nil, err
		}
		jnPushAncestry(n, n.lhs)
		jnPushAncestry(n, n.rhs)
		result = n
	case jnPredicateRaw:
		if result, err = pr.process(n.lhs); err != nil {
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
		pred, err := pr.process(n.rhs)
		if err != nil {
			return nil, err
		}
		if len(pred.seekingParent) > 0 {
			for _, slot := range pred.seekingParent {
				if slot.level == 1 {
					if _, err := pr.seekParent(step, slot); err != nil {
						return nil, err
					}
				} else {
					slot.level--
				}
			}
			jnPushAncestry(step, pred)
		}
		if stages {
			step.stages = append(step.stages, pred)
		} else {
			step.predicates = append(step.predicates, pred)
		}
	case jnGroupRaw:
		if result, err = pr.process(n.lhs); err != nil {
			return nil, err
		}
		if result.hasGroup {
			return nil, &JSONataError{Code: "S0210", Position: n.pos}
		}
		if result.group, err = pr.processPairs(n.pairs); err != nil {
			return nil, err
		}
		result.hasGroup = true
	case jnSort:
		if result, err = pr.process(n.lhs); err != nil {
			return nil, err
		}
		if result.kind != jnPath {
			result = &jnNode{kind: jnPath, pos: result.pos, steps: []*jnNode{result}}
		}
		sortStep := &jnNode{kind: jnSort, pos: n.pos}
		for _, t := range n.terms {
			e, err := pr.process(t.expr)
			if err != nil {
				return nil, err
			}
			jnPushAncestry(sortStep, e)
			sortStep.terms = append(sortStep.terms, jnSortTerm{descending: t.descending, expr: e})
		}
		result.steps = append(result.steps, sortStep)
		if err := pr.resolveAncestry(result); err != nil {
			return nil, err
		}
	case jnFocusRaw, jnIndexRaw:
		if result, err = pr.process(n.lhs); err != nil {
			return nil, err
		}
		if result.kind != jnPath {
			if len(result.predicates) > 0 {
				result.stages = result.predicates
				result.predicates = nil
			}
			result = &jnNode{kind: jnPath, pos: result.pos, steps: []*jnNode{result}}
		}
		step := result.steps[len(result.steps)-1]
		if n.kind == jnFocusRaw {
			if len(step.stages) > 0 || len(step.predicates) > 0 {
				return nil, &JSONataError{Code: "S0215", Position: n.pos, Token: "@"}
			}
			if step.kind == jnSort {
				return nil, &JSONataError{Code: "S0216", Position: n.pos, Token: "@"}
			}
			step.focus = n.op
		} else if len(step.stages) > 0 {
			step.stages = append(step.stages, &jnNode{kind: jnIndexStage, pos: n.pos, op: n.op})
		} else {
			step.index = n.op
		}
		step.tuple = true
	case jnName:
		result = &jnNode{kind: jnPath, pos: n.pos, steps: []*jnNode{n}}
		if n.keepArray {
			result.keepSingletonArray = true
		}
	case jnUnaryMinus:
		if n.lhs, err = pr.process(n.lhs); err != nil {
			return nil, err
		}
		jnPushAncestry(n, n.lhs)
		result = n
	case jnArrayCtor, jnBlock:
		for i, it := range n.items {
			if n.items[i], err = pr.process(it); err != nil {
				return nil, err
			}
			jnPushAncestry(n, n.items[i])
		}
		result = n
	case jnObject:
		if n.pairs, err = pr.processPairs(n.pairs); err != nil {
			return nil, err
		}
		for _, p := range n.pairs {
			jnPushAncestry(n, p[0])
			jnPushAncestry(n, p[1])
		}
		result = n
	case jnParent:
		n.slot = &jnSlot{label: "!" + strconv.Itoa(len(pr.ancestry)), level: 1, index: len(pr.ancestry)}
		pr.ancestry = append(pr.ancestry, n)
		result = n
	case jnFunction, jnPartial:
		if n.lhs, err = pr.process(n.lhs); err != nil {
			return nil, err
		}
		for i, it := range n.items {
			if n.items[i], err = pr.process(it); err != nil {
				return nil, err
			}
			jnPushAncestry(n, n.items[i])
		}
		result = n
	case jnLambda:
		if n.body, err = pr.process(n.body); err != nil {
			return nil, err
		}
		result = n
	case jnCondition, jnTransform:
		if n.cond, err = pr.process(n.cond); err != nil {
			return nil, err
		}
		if n.then, err = pr.process(n.then); err != nil {
			return nil, err
		}
		if n.els, err = pr.process(n.els); err != nil {
			return nil, err
		}
		if n.kind == jnCondition {
			jnPushAncestry(n, n.cond)
			jnPushAncestry(n, n.then)
			jnPushAncestry(n, n.els)
		}
		result = n
	case jnBind, jnApply:
		if n.lhs, err = pr.process(n.lhs); err != nil {
			return nil, err
		}
		if n.rhs, err = pr.process(n.rhs); err != nil {
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

func (pr *jnProcessor) processPairs(pairs [][2]*jnNode) ([][2]*jnNode, error) {
	out := make([][2]*jnNode, len(pairs))
	for i, pair := range pairs {
		k, err := pr.process(pair[0])
		if err != nil {
			return nil, err
		}
		v, err := pr.process(pair[1])
		if err != nil {
			return nil, err
		}
		out[i] = [2]*jnNode{k, v}
	}
	return out, nil
}

func (pr *jnProcessor) processDot(n *jnNode) (*jnNode, error) {
	lstep, err := pr.process(n.lhs)
	if err != nil {
		return nil, err
	}
	var result *jnNode
	if lstep.kind == jnPath {
		result = lstep
	} else {
		result = &jnNode{kind: jnPath, pos: lstep.pos, steps: []*jnNode{lstep}}
	}
	if lstep.kind == jnParent {
		result.seekingParent = []*jnSlot{lstep.slot}
	}
	rest, err := pr.process(n.rhs)
	if err != nil {
		return nil, err
	}
	if rest.kind == jnPath {
		result.steps = append(result.steps, rest.steps...)
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
	if err := pr.resolveAncestry(result); err != nil {
		return nil, err
	}
	return result, nil
}
