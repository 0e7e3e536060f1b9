package expr

// SetAt applies ResultPath semantics: it returns a new value with v placed
// at p, creating missing objects on the way; doc itself is not changed
// (only the objects along the path are copied). "$" replaces the whole.
// A path through a value that cannot hold the next step fails with
// States.ReferencePathConflict, AWS's error for it, e.g.
// "Unable to apply ReferencePath $.a.b to input {"a":1}".
func SetAt(doc any, p *Path, v any) (any, error) {
	if p.root != rootInput {
		return nil, Errorf(ErrReferencePathConflict, "Unable to apply ReferencePath %s to input %s", p.src, JSONText(doc))
	}
	out, ok := setAt(doc, p.segs, v)
	if !ok {
		return nil, Errorf(ErrReferencePathConflict, "Unable to apply ReferencePath %s to input %s", p.src, JSONText(doc))
	}
	return out, nil
}

func setAt(cur any, segs []segment, v any) (any, bool) {
	if len(segs) == 0 {
		return v, true
	}
	sg := &segs[0]
	switch {
	case sg.kind == segProps && len(sg.names) == 1:
		var m map[string]any
		switch c := cur.(type) {
		case map[string]any:
			m = make(map[string]any, len(c)+1)
			for k, e := range c {
				m[k] = e
			}
		default:
			return nil, false
		}
		name := sg.names[0]
		next, exists := m[name]
		if !exists && len(segs) > 1 {
			next = map[string]any{} // missing steps are created as objects
		}
		child, ok := setAt(next, segs[1:], v)
		if !ok {
			return nil, false
		}
		m[name] = child
		return m, true
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
		child, ok := setAt(arr[idx], segs[1:], v)
		if !ok {
			return nil, false
		}
		out := make([]any, len(arr))
		copy(out, arr)
		out[idx] = child
		return out, true
	}
	return nil, false
}
