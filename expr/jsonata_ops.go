package expr

import (
	"math"
	"slices"
	"strings"
)

// Operators, function application, sorting and transforms.

func (ev *jnEvaluator) binary(n *jnNode, input any, env *jnFrame) (any, error) {
	lhs, err := ev.eval(n.lhs, input, env)
	if err != nil {
		return nil, err
	}
	op := n.op
	if op == "and" || op == "or" {
		l, _ := jnBoolean(lhs)
		if op == "and" && !l {
			return false, nil
		}
		if op == "or" && l {
			return true, nil
		}
		rhs, err := ev.eval(n.rhs, input, env)
		if err != nil {
			// jsonata-js evaluates the right side inside the operator's
			// try block, so its errors name "and"/"or"
			if je, ok := err.(*JSONataError); ok {
				je.Token = op
				je.Position = n.pos
			}
			return nil, err
		}
		r, _ := jnBoolean(rhs)
		return r, nil
	}
	rhs, err := ev.eval(n.rhs, input, env)
	if err != nil {
		return nil, err
	}
	var res any
	switch op {
	case "+", "-", "*", "/", "%":
		res, err = jnArith(lhs, rhs, op)
	case "=", "!=":
		if jnIsUndef(lhs) || jnIsUndef(rhs) {
			return false, nil
		}
		eq := jnDeepEqual(lhs, rhs)
		if op == "!=" {
			eq = !eq
		}
		return eq, nil
	case "<", "<=", ">", ">=":
		res, err = jnCompare(lhs, rhs, op)
	case "&":
		l, r := "", ""
		if !jnIsUndef(lhs) {
			if l, err = ev.toString(lhs, false); err != nil {
				break
			}
		}
		if !jnIsUndef(rhs) {
			if r, err = ev.toString(rhs, false); err != nil {
				break
			}
		}
		if len(l)+len(r) > jnMaxString {
			return nil, jnLimitErr("String result exceeds the size limit")
		}
		if err := ev.grow((len(l) + len(r)) / 8); err != nil {
			return nil, err
		}
		res = l + r
	case "..":
		res, err = ev.rangeOp(lhs, rhs)
	case "in":
		if jnIsUndef(lhs) || jnIsUndef(rhs) {
			return false, nil
		}
		items, ok := jnArray(rhs)
		if !ok {
			items = []any{rhs}
		}
		for _, it := range items {
			if jnStrictEqual(it, lhs) {
				return true, nil
			}
		}
		return false, nil
	}
	if err != nil {
		if je, ok := err.(*JSONataError); ok {
			je.Position = n.pos
			if je.Token == "" {
				je.Token = op
			}
		}
		return nil, err
	}
	return res, nil
}

// jnStrictEqual is JavaScript's === on JSON values: objects and arrays are
// equal only to themselves.
func jnStrictEqual(a, b any) bool {
	if fa, ok := jnNumber(a); ok {
		fb, ok := jnNumber(b)
		return ok && fa == fb
	}
	switch a.(type) {
	case nil, bool, string:
		return a == b
	}
	return false
}

func jnIsNumeric(v any) (float64, bool, error) {
	f, ok := jnNumber(v)
	if !ok {
		return 0, false, nil
	}
	if math.IsNaN(f) {
		return 0, false, nil
	}
	if math.IsInf(f, 0) {
		return 0, false, jnErr("D1001", v)
	}
	return f, true, nil
}

func jnArith(lhs, rhs any, op string) (any, error) {
	l, lok, err := jnIsNumeric(lhs)
	if err != nil {
		return nil, err
	}
	if !jnIsUndef(lhs) && !lok {
		return nil, &JSONataError{Code: "T2001", Token: op, Value: lhs, hasValue: true}
	}
	r, rok, err := jnIsNumeric(rhs)
	if err != nil {
		return nil, err
	}
	if !jnIsUndef(rhs) && !rok {
		return nil, &JSONataError{Code: "T2002", Token: op, Value: rhs, hasValue: true}
	}
	if !lok || !rok {
		return jnUndefined, nil
	}
	var f float64
	switch op {
	case "+":
		f = l + r
	case "-":
		f = l - r
	case "*":
		f = l * r
	case "/":
		f = l / r
	case "%":
		f = math.Mod(l, r)
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return f, nil
	}
	return jnNum(f), nil
}

func jnCompare(lhs, rhs any, op string) (any, error) {
	lt := jnSymbol(lhs)
	rt := jnSymbol(rhs)
	lcmp := lt == 'm' || lt == 's' || lt == 'n'
	rcmp := rt == 'm' || rt == 's' || rt == 'n'
	if !lcmp || !rcmp {
		v := rhs
		if !(lt == 's' || lt == 'n') {
			v = lhs
		}
		return nil, &JSONataError{Code: "T2010", Token: op, Value: v, hasValue: true}
	}
	if lt == 'm' || rt == 'm' {
		return jnUndefined, nil
	}
	if lt != rt {
		return nil, &JSONataError{Code: "T2009", Token: op, Value: lhs, Value2: rhs, hasValue: true}
	}
	var c int
	if lt == 'n' {
		l, _ := jnNumber(lhs)
		r, _ := jnNumber(rhs)
		switch {
		case l < r:
			c = -1
		case l > r:
			c = 1
		case l == r:
			c = 0
		default:
			return false, nil // NaN
		}
	} else {
		c = jnCompareJSStrings(lhs.(string), rhs.(string))
	}
	switch op {
	case "<":
		return c < 0, nil
	case "<=":
		return c <= 0, nil
	case ">":
		return c > 0, nil
	}
	return c >= 0, nil
}

// jnCompareJSStrings orders strings by UTF-16 code units, as JavaScript does.
func jnCompareJSStrings(a, b string) int {
	if jnBelowE000(a) && jnBelowE000(b) {
		// below U+E000, UTF-8 byte order is UTF-16 unit order
		return strings.Compare(a, b)
	}
	ua, ub := jnUTF16(a), jnUTF16(b)
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			if ua[i] < ub[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(ua) < len(ub):
		return -1
	case len(ua) > len(ub):
		return 1
	}
	return 0
}

// jnBelowE000 reports whether every rune of s is below U+E000 (no lead
// byte 0xEE or above).
func jnBelowE000(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xEE {
			return false
		}
	}
	return true
}

func jnSortStrings(s []string) {
	slices.SortFunc(s, jnCompareJSStrings)
}

func (ev *jnEvaluator) rangeOp(lhs, rhs any) (any, error) {
	l, lok := jnNumber(lhs)
	if !jnIsUndef(lhs) && (!lok || l != math.Trunc(l)) {
		return nil, jnErr("T2003", lhs)
	}
	r, rok := jnNumber(rhs)
	if !jnIsUndef(rhs) && (!rok || r != math.Trunc(r)) {
		return nil, jnErr("T2004", rhs)
	}
	if !lok || !rok || l > r {
		return jnUndefined, nil
	}
	size := r - l + 1
	if size > jnMaxItems {
		return nil, jnErr("D2014", jnNum(size))
	}
	if err := ev.grow(int(size)); err != nil {
		return nil, err
	}
	out := make([]any, 0, int(size))
	for x := l; x <= r; x++ {
		out = append(out, jnNum(x))
	}
	return &jnSeq{items: out, seq: true}, nil
}

// --- functions ---

// jnThunk is a tail call waiting to be made by callFunction's loop, so
// tail-recursive lambdas run in constant stack as in jsonata-js.
type jnThunk struct {
	proc  any
	args  []any
	input any
	name  string
}

func jnProcName(n *jnNode) string {
	if n.kind == jnPath && len(n.steps) > 0 {
		return n.steps[0].op
	}
	return n.op
}

func (ev *jnEvaluator) procAndArgs(n *jnNode, input any, env *jnFrame, applyTo any) (any, []any, error) {
	proc, err := ev.eval(n.lhs, input, env)
	if err != nil {
		return nil, nil, err
	}
	if jnIsUndef(proc) && n.lhs.kind == jnPath && len(n.lhs.steps) > 0 && n.lhs.steps[0].kind == jnName {
		if !jnIsUndef(ev.lookup(env, n.lhs.steps[0].op)) {
			return nil, nil, &JSONataError{Code: "T1005", Position: n.pos, Token: n.lhs.steps[0].op}
		}
	}
	args := make([]any, 0, len(n.items)+1)
	if applyTo != nil {
		args = append(args, applyTo.(jnApplyTo).v)
	}
	for _, a := range n.items {
		v, err := ev.eval(a, input, env)
		if err != nil {
			return nil, nil, err
		}
		args = append(args, v)
	}
	return proc, args, nil
}

type jnApplyTo struct{ v any }

func (ev *jnEvaluator) function(n *jnNode, input any, env *jnFrame, applyTo any) (any, error) {
	proc, args, err := ev.procAndArgs(n, input, env, applyTo)
	if err != nil {
		return nil, err
	}
	res, err := ev.callFunction(proc, args, input, jnProcName(n.lhs))
	if je, ok := err.(*JSONataError); ok {
		if je.Position == 0 {
			je.Position = n.pos
		}
		// an error from a function called indirectly (a callback of $map…)
		// is reported against the call written in the expression
		if je.Token == "" {
			je.Token = jnProcName(n.lhs)
		}
	}
	return res, err
}

// evalTail evaluates n in tail position of a lambda body: a function call
// there becomes a thunk instead of a nested call.
func (ev *jnEvaluator) evalTail(n *jnNode, input any, env *jnFrame) (any, error) {
	plain := len(n.predicates) == 0 && !n.hasGroup && !n.keepArray
	if plain {
		switch n.kind {
		case jnFunction:
			if err := ev.tick(); err != nil {
				return nil, err
			}
			proc, args, err := ev.procAndArgs(n, input, env, nil)
			if err != nil {
				return nil, err
			}
			return &jnThunk{proc: proc, args: args, input: input, name: jnProcName(n.lhs)}, nil
		case jnCondition:
			c, err := ev.eval(n.cond, input, env)
			if err != nil {
				return nil, err
			}
			if b, _ := jnBoolean(c); b {
				return ev.evalTail(n.then, input, env)
			}
			if n.els != nil {
				return ev.evalTail(n.els, input, env)
			}
			return jnUndefined, nil
		case jnBlock:
			frame := jnNewFrame(env)
			var result any = jnUndefined
			for i, e := range n.items {
				var err error
				if i == len(n.items)-1 {
					return ev.evalTail(e, input, frame)
				}
				if result, err = ev.eval(e, input, frame); err != nil {
					return nil, err
				}
			}
			return result, nil
		}
	}
	return ev.eval(n, input, env)
}

func (ev *jnEvaluator) callFunction(proc any, args []any, input any, name string) (any, error) {
	for {
		if err := ev.tick(); err != nil {
			return nil, err
		}
		switch f := proc.(type) {
		case *jnLambdaVal:
			if f.node.sig != nil {
				var err error
				if args, err = f.node.sig.validate(args, input, name); err != nil {
					return nil, err
				}
			}
			env := jnNewFrame(f.env)
			for i, p := range f.node.params {
				var v any = jnUndefined
				if i < len(args) {
					v = args[i]
				}
				env.bind(p, v)
			}
			res, err := ev.evalTail(f.node.body, f.input, env)
			if err != nil {
				return nil, err
			}
			th, ok := res.(*jnThunk)
			if !ok {
				return res, nil
			}
			proc, args, input, name = th.proc, th.args, th.input, th.name
			continue
		case *jnBuiltin:
			if name == "" {
				name = f.name // jsonata-js names built-ins in their own errors
			}
			if f.sig != nil {
				var err error
				if args, err = f.sig.validate(args, input, name); err != nil {
					return nil, err
				}
			}
			return f.impl(ev, args, input)
		case *jnPartialVal:
			full := make([]any, len(f.args))
			next := 0
			for i, a := range f.args {
				if _, hole := a.(jnPlaceholderT); hole {
					if next < len(args) {
						full[i] = args[next]
					} else {
						full[i] = jnUndefined
					}
					next++
				} else {
					full[i] = a
				}
			}
			proc, args = f.fn, full
			continue
		case *jnRegexVal:
			var s any = jnUndefined
			if len(args) > 0 {
				s = args[0]
			}
			str, ok := s.(string)
			if !ok {
				return jnUndefined, nil
			}
			return jnRegexFirstMatch(f.re, str), nil
		}
		return nil, &JSONataError{Code: "T1006", Token: name}
	}
}

func (ev *jnEvaluator) partial(n *jnNode, input any, env *jnFrame) (any, error) {
	args := make([]any, len(n.items))
	holes := 0
	for i, a := range n.items {
		if a.kind == jnPlaceholder {
			args[i] = jnPlaceholderT{}
			holes++
			continue
		}
		v, err := ev.eval(a, input, env)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	proc, err := ev.eval(n.lhs, input, env)
	if err != nil {
		return nil, err
	}
	if !jnIsFunction(proc) {
		if n.lhs.kind == jnPath && len(n.lhs.steps) > 0 && !jnIsUndef(ev.lookup(env, n.lhs.steps[0].op)) {
			return nil, &JSONataError{Code: "T1007", Position: n.pos, Token: n.lhs.steps[0].op}
		}
		return nil, &JSONataError{Code: "T1008", Position: n.pos, Token: jnProcName(n.lhs)}
	}
	return &jnPartialVal{fn: proc, args: args, arity: holes}, nil
}

func (ev *jnEvaluator) applyExpr(n *jnNode, input any, env *jnFrame) (any, error) {
	lhs, err := ev.eval(n.lhs, input, env)
	if err != nil {
		return nil, err
	}
	if n.rhs.kind == jnFunction && len(n.rhs.predicates) == 0 {
		return ev.function(n.rhs, input, env, jnApplyTo{lhs})
	}
	fn, err := ev.eval(n.rhs, input, env)
	if err != nil {
		return nil, err
	}
	if !jnIsFunction(fn) {
		return nil, &JSONataError{Code: "T2006", Position: n.pos, Value: fn, hasValue: true}
	}
	if jnIsFunction(lhs) {
		// function composition: $f ~> $g is λ($x){ $g($f($x)) }
		first := lhs
		return &jnBuiltin{name: "", sig: nil, impl: func(ev *jnEvaluator, args []any, input any) (any, error) {
			mid, err := ev.callFunction(first, args, input, "")
			if err != nil {
				return nil, err
			}
			return ev.callFunction(fn, []any{mid}, input, "")
		}}, nil
	}
	return ev.callFunction(fn, []any{lhs}, input, "")
}

// sortStep implements "^(…)": a stable merge sort like fn.sort, swapping
// two items only when the terms say the first comes after the second.
func (ev *jnEvaluator) sortStep(step *jnNode, items []any, env *jnFrame) (any, error) {
	if len(items) <= 1 {
		return jnNewSeq(items...), nil
	}
	after := func(a, b any) (bool, error) {
		for _, term := range step.terms {
			aa, err := ev.eval(term.expr, a, env)
			if err != nil {
				return false, err
			}
			bb, err := ev.eval(term.expr, b, env)
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
	}
	return jnMergeSort(items, after)
}

// jnSortCompare compares two order-by values: undefined sorts last,
// numbers and strings compare, anything else is an error. decided is false
// when the values tie.
func jnSortCompare(aa, bb any, pos int) (int, bool, error) {
	at, bt := jnSymbol(aa), jnSymbol(bb)
	if at == 'm' {
		if bt == 'm' {
			return 0, false, nil
		}
		return 1, true, nil
	}
	if bt == 'm' {
		return -1, true, nil
	}
	if !(at == 's' || at == 'n') || !(bt == 's' || bt == 'n') {
		v := bb
		if !(at == 's' || at == 'n') {
			v = aa
		}
		return 0, false, &JSONataError{Code: "T2008", Position: pos, Value: v, hasValue: true}
	}
	if at != bt {
		return 0, false, &JSONataError{Code: "T2007", Position: pos, Value: aa, Value2: bb, hasValue: true}
	}
	c := jnCompareValues(aa, bb)
	return c, c != 0, nil
}

// jnCompareValues orders two numbers or two strings.
func jnCompareValues(a, b any) int {
	if fa, ok := jnNumber(a); ok {
		fb, _ := jnNumber(b)
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	}
	return jnCompareJSStrings(a.(string), b.(string))
}

// jnMergeSort sorts stably; after(a, b) reports that a must follow b.
func jnMergeSort(items []any, after func(a, b any) (bool, error)) ([]any, error) {
	if len(items) <= 1 {
		return append([]any(nil), items...), nil
	}
	mid := len(items) / 2
	l, err := jnMergeSort(items[:mid], after)
	if err != nil {
		return nil, err
	}
	r, err := jnMergeSort(items[mid:], after)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(items))
	for len(l) > 0 && len(r) > 0 {
		swap, err := after(l[0], r[0])
		if err != nil {
			return nil, err
		}
		if swap {
			out = append(out, r[0])
			r = r[1:]
		} else {
			out = append(out, l[0])
			l = l[1:]
		}
	}
	out = append(out, l...)
	return append(out, r...), nil
}

// jnTransformSig is parsed once: jnMustSignature's cache is not safe for
// concurrent evaluations.
var jnTransformSig = jnMustSignature("<(oa):o>")

// transform builds the function of "| pattern | update, delete |".
func (ev *jnEvaluator) transform(n *jnNode, env *jnFrame) any {
	return &jnBuiltin{name: "transform", sig: jnTransformSig, impl: func(ev *jnEvaluator, args []any, _ any) (any, error) {
		obj := args[0]
		if jnIsUndef(obj) {
			return jnUndefined, nil
		}
		result := ev.clone(obj)
		matches, err := ev.eval(n.cond, result, env)
		if err != nil {
			return nil, err
		}
		if jnIsUndef(matches) {
			return result, nil
		}
		list, ok := jnArray(matches)
		if !ok {
			list = []any{matches}
		}
		for _, match := range list {
			update, err := ev.eval(n.then, match, env)
			if err != nil {
				return nil, err
			}
			m, isObj := match.(map[string]any)
			if !jnIsUndef(update) {
				u, ok := update.(map[string]any)
				if !ok {
					return nil, &JSONataError{Code: "T2011", Position: n.then.pos, Value: update, hasValue: true}
				}
				if isObj {
					order := ev.keysOf(m)
					for _, k := range ev.keysOf(u) {
						if _, had := m[k]; !had {
							order = append(order, k)
						}
						m[k] = u[k]
					}
					ev.recordOrder(m, order)
				}
			}
			if n.els != nil {
				del, err := ev.eval(n.els, match, env)
				if err != nil {
					return nil, err
				}
				if !jnIsUndef(del) {
					names, ok := jnArray(del)
					if !ok {
						names = []any{del}
					}
					for _, nm := range names {
						if _, ok := nm.(string); !ok {
							return nil, &JSONataError{Code: "T2012", Position: n.els.pos, Value: del, hasValue: true}
						}
					}
					if isObj {
						for _, nm := range names {
							delete(m, nm.(string))
						}
					}
				}
			}
		}
		return result, nil
	}}
}

// clone deep-copies JSON so a transform can change the copy in place;
// copies keep the key order of the objects they copy.
func (ev *jnEvaluator) clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, it := range x {
			out[k] = ev.clone(it)
		}
		if ev.order != nil {
			if keys, ok := ev.order[jnMapID(x)]; ok {
				ev.recordOrder(out, keys)
			}
		}
		return out
	case []any, *jnSeq:
		items, _ := jnArray(x)
		out := make([]any, len(items))
		for i, it := range items {
			out[i] = ev.clone(it)
		}
		return out
	}
	return v
}
