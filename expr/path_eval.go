package expr

import (
	"fmt"
	"math"
	"strings"
)

// Evaluation follows Jayway JsonPath with its default options, which is what
// AWS runs: a definite path returns one value or fails with the message
// Jayway throws; an indefinite path returns every match, [] when none.

// pathNotFound is Jayway's PathNotFoundException message.
type pathNotFound struct{ msg string }

func (e *pathNotFound) Error() string { return e.msg }

// Eval selects from s.Input, s.Context or a workflow variable. A definite
// path that selects nothing fails with States.Runtime and AWS's cause text
// ("Invalid path '$.x' : No results for path: $['x']"); an indefinite path
// returns a []any, empty when nothing matches.
func (p *Path) Eval(s Scope) (any, error) {
	v, err := p.eval(s)
	if err != nil {
		return nil, Errorf(ErrRuntime, "Invalid path '%s' : %s", p.src, err.Error())
	}
	return v, nil
}

// EvalField is Eval for a path written in a payload template or in
// ErrorPath/CausePath, where AWS words the failure differently:
// "The JSONPath '$.x' specified for the field 'x.$' could not be found in
// the input '{…}'".
func (p *Path) EvalField(s Scope, field string) (any, error) {
	v, err := p.eval(s)
	if err != nil {
		return nil, Errorf(ErrRuntime, "The JSONPath '%s' specified for the field '%s' could not be found in the input '%s'", p.src, field, JSONText(s.Input))
	}
	return v, nil
}

func (p *Path) eval(s Scope) (any, error) {
	var root any
	switch p.root {
	case rootInput:
		root = s.Input
	case rootContext:
		root = s.Context
	case rootVariable:
		var ok bool
		if s.Vars != nil {
			root, ok = s.Vars(p.varName)
		}
		if !ok {
			return nil, &pathNotFound{fmt.Sprintf("The variable '$%s' is not defined", p.varName)}
		}
	}
	return evalSegments(p.segs, root)
}

// evalSegments runs segs from root, with Jayway's definite/indefinite rules.
func evalSegments(segs []segment, root any) (any, error) {
	if len(segs) == 0 {
		return root, nil
	}
	if v, ok := simpleLookup(segs, root); ok {
		return v, nil
	}
	definite := true
	for i := range segs {
		if !segs[i].definite(i == len(segs)-1) {
			definite = false
		}
	}
	// AWS raises Jayway's errors only for definite paths: "$.items[*]" on
	// {} gives [] (recorded), although Jayway would report the missing
	// "items".
	w := &walker{segs: segs, root: root, strict: definite}
	w.walk(0, root)
	if w.err != nil {
		return nil, w.err
	}
	if definite {
		if len(w.out) == 0 {
			return nil, &pathNotFound{"No results for path: " + jaywayString(segs)}
		}
		return w.out[0], nil
	}
	if w.out == nil {
		return []any{}, nil
	}
	return w.out, nil
}

// simpleLookup is the fast path for the common "$.a.b[0]" form: single
// names and indexes only. ok is false when the path has other segments or
// selects nothing; the walker then produces the result or Jayway's error.
func simpleLookup(segs []segment, cur any) (any, bool) {
	for i := range segs {
		sg := &segs[i]
		switch {
		case sg.kind == segProps && len(sg.names) == 1:
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, false
			}
			if cur, ok = m[sg.names[0]]; !ok {
				return nil, false
			}
		case sg.kind == segIndexes && len(sg.indexes) == 1:
			arr, ok := cur.([]any)
			if !ok {
				return nil, false
			}
			idx := sg.indexes[0]
			if idx < 0 {
				idx += len(arr)
			}
			if idx < 0 || idx >= len(arr) {
				return nil, false
			}
			cur = arr[idx]
		default:
			return nil, false
		}
	}
	return cur, true
}

// walkSegs emits every match of segs without raising errors (filter operands).
func walkSegs(segs []segment, start, root any, emit func(any)) {
	if len(segs) == 0 {
		emit(start)
		return
	}
	w := &walker{segs: segs, root: root}
	w.walk(0, start)
	for _, v := range w.out {
		emit(v)
	}
}

type walker struct {
	segs   []segment
	root   any
	strict bool // raise Jayway's errors while the path so far is definite
	out    []any
	err    error
}

// upstreamDefinite reports whether Jayway would raise errors at segment i:
// AWS only does for definite paths, where every segment is definite.
func (w *walker) upstreamDefinite(int) bool { return w.strict }

func (w *walker) fail(msg string) {
	if w.err == nil {
		w.err = &pathNotFound{msg}
	}
}

func (w *walker) next(i int, v any) {
	if i+1 == len(w.segs) {
		w.out = append(w.out, v)
		return
	}
	w.walk(i+1, v)
}

func (w *walker) walk(i int, cur any) {
	if w.err != nil {
		return
	}
	sg := &w.segs[i]
	leaf := i == len(w.segs)-1
	switch sg.kind {
	case segProps:
		m, ok := cur.(map[string]any)
		if !ok {
			if w.upstreamDefinite(i) {
				w.fail(fmt.Sprintf("Expected to find an object with property %s in path %s but found '%s'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.",
					propsFragment(sg.names), jaywayString(w.segs[:i]), javaClassName(cur)))
			}
			return
		}
		if len(sg.names) > 1 && leaf {
			merged := map[string]any{}
			for _, n := range sg.names {
				if v, ok := m[n]; ok {
					merged[n] = v
				}
			}
			w.out = append(w.out, merged)
			return
		}
		for _, n := range sg.names {
			v, ok := m[n]
			if !ok {
				if !leaf && len(sg.names) == 1 && w.upstreamDefinite(i) {
					w.fail("Missing property in path " + jaywayString(w.segs[:i+1]))
				}
				continue
			}
			w.next(i, v)
		}
	case segIndexes, segSlice:
		arr, ok := cur.([]any)
		if !ok {
			if w.upstreamDefinite(i) {
				if cur == nil {
					w.fail("The path " + jaywayString(w.segs[:i]) + " is null")
				} else {
					var b strings.Builder
					writeJaywaySeg(&b, sg)
					w.fail(fmt.Sprintf("Filter: %s can only be applied to arrays. Current context is: %s", b.String(), JSONText(cur)))
				}
			}
			return
		}
		if sg.kind == segIndexes {
			for _, idx := range sg.indexes {
				eff := idx
				if eff < 0 {
					eff += len(arr)
				}
				if eff < 0 || eff >= len(arr) {
					continue
				}
				w.next(i, arr[eff])
			}
			return
		}
		from, to := sliceBounds(sg, len(arr))
		for k := from; k < to; k++ {
			w.next(i, arr[k])
		}
	case segWildcard:
		switch c := cur.(type) {
		case map[string]any:
			for _, k := range sortedKeys(c) {
				w.next(i, c[k])
			}
		case []any:
			for _, v := range c {
				w.next(i, v)
			}
		}
	case segScan:
		// The segment after ".." applies at the current node and every
		// container below it, in document order.
		if leaf {
			return
		}
		sub := &walker{segs: w.segs, root: w.root}
		visitContainers(cur, func(v any) { sub.walk(i+1, v) })
		w.out = append(w.out, sub.out...)
	case segFilter:
		switch c := cur.(type) {
		case []any:
			for _, v := range c {
				if sg.filter.test(v, w.root) {
					w.next(i, v)
				}
			}
		case map[string]any:
			if sg.filter.test(c, w.root) {
				w.next(i, c)
			}
		}
	case segFunc:
		v, err := applyPathFunc(sg.fn, cur)
		if err != nil {
			w.fail(err.Error())
			return
		}
		w.out = append(w.out, v)
	}
}

func sliceBounds(sg *segment, n int) (int, int) {
	from, to := 0, n
	if sg.from != nil {
		from = *sg.from
		if from < 0 {
			from += n
		}
	}
	if sg.to != nil {
		to = *sg.to
		if to < 0 {
			to += n
		}
	}
	from = max(0, min(from, n))
	to = max(0, min(to, n))
	if from > to {
		from = to
	}
	return from, to
}

func visitContainers(v any, fn func(any)) {
	switch c := v.(type) {
	case map[string]any:
		fn(c)
		for _, k := range sortedKeys(c) {
			visitContainers(c[k], fn)
		}
	case []any:
		fn(c)
		for _, e := range c {
			visitContainers(e, fn)
		}
	}
}

func propsFragment(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "'" + n + "'"
	}
	return "[" + strings.Join(quoted, ",") + "]"
}

// javaClassName names the Java type Jayway's default provider would hold, as
// it appears in AWS's messages.
func javaClassName(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return "java.lang.String"
	case bool:
		return "java.lang.Boolean"
	case int64:
		if x >= math.MinInt32 && x <= math.MaxInt32 {
			return "java.lang.Integer"
		}
		return "java.lang.Long"
	case float64:
		return "java.lang.Double"
	case []any:
		return "net.minidev.json.JSONArray"
	}
	return "java.util.LinkedHashMap"
}

// applyPathFunc runs a Jayway path function such as length().
func applyPathFunc(fn string, v any) (any, error) {
	switch fn {
	case "length":
		switch c := v.(type) {
		case []any:
			return int64(len(c)), nil
		case map[string]any:
			return int64(len(c)), nil
		case string:
			return int64(len([]rune(c))), nil
		}
		return nil, fmt.Errorf("Function %s() cannot be applied to %s", fn, JSONText(v))
	case "keys":
		if m, ok := v.(map[string]any); ok {
			keys := sortedKeys(m)
			out := make([]any, len(keys))
			for i, k := range keys {
				out[i] = k
			}
			return out, nil
		}
		return nil, fmt.Errorf("Function keys() can only be applied to objects")
	case "first", "last":
		arr, ok := v.([]any)
		if !ok || len(arr) == 0 {
			return nil, fmt.Errorf("Function %s() needs a non-empty array", fn)
		}
		if fn == "first" {
			return arr[0], nil
		}
		return arr[len(arr)-1], nil
	}
	arr, ok := v.([]any)
	var nums []float64
	if ok {
		for _, e := range arr {
			if f, ok := numFloat(e); ok {
				nums = append(nums, f)
			}
		}
	}
	if len(nums) == 0 {
		return nil, fmt.Errorf("Aggregation function attempted to calculate value using empty array")
	}
	var r float64
	switch fn {
	case "min":
		r = nums[0]
		for _, n := range nums {
			r = math.Min(r, n)
		}
	case "max":
		r = nums[0]
		for _, n := range nums {
			r = math.Max(r, n)
		}
	case "sum", "avg", "stddev":
		for _, n := range nums {
			r += n
		}
		if fn == "sum" {
			break
		}
		mean := r / float64(len(nums))
		if fn == "avg" {
			r = mean
			break
		}
		var sq float64
		for _, n := range nums {
			sq += (n - mean) * (n - mean)
		}
		r = math.Sqrt(sq / float64(len(nums)))
	}
	return r, nil
}
