package expr

import (
	"strings"
	"sync"
)

// EvalTemplate evaluates a Parameters / ResultSelector / ItemSelector
// template: a key ending in ".$" takes the value of the path, context path,
// variable or intrinsic call it holds and loses its ".$"; other values are
// copied; nested objects and arrays are walked into fresh ones. Values
// taken from paths are not copied: like every JSON value in sfnctl they are
// shared and must be treated as immutable (a Map over 10,000 items would
// otherwise copy "$" 10,000 times).
//
// Keys are evaluated in sorted order, so that seeded States.UUID and
// States.MathRandom draw their numbers for the same keys on every run, and
// the same failing key is reported when several would fail (Go's map order
// is random).
func EvalTemplate(tmpl any, s Scope) (any, error) {
	switch t := tmpl.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for _, k := range sortedKeys(t) {
			v := t[k]
			if name, ok := strings.CutSuffix(k, ".$"); ok {
				str, isStr := v.(string)
				if !isStr {
					return nil, Errorf(ErrRuntime, "The value of the field '%s' must be a string holding a path or an intrinsic function", k)
				}
				got, err := EvalDollarValue(str, k, s)
				if err != nil {
					return nil, err
				}
				out[name] = got
				continue
			}
			got, err := EvalTemplate(v, s)
			if err != nil {
				return nil, err
			}
			out[k] = got
		}
		return out, nil
	case []any:
		out := make([]any, len(t))
		for i, v := range t {
			got, err := EvalTemplate(v, s)
			if err != nil {
				return nil, err
			}
			out[i] = got
		}
		return out, nil
	}
	return tmpl, nil
}

// EvalDollarValue evaluates the string value of a ".$" field (field is the
// key, used in error messages): an intrinsic call, or a path ($…, $$…,
// $name…). The value may share structure with the scope's values.
func EvalDollarValue(expr, field string, s Scope) (any, error) {
	if IsIntrinsic(expr) {
		in, err := cachedIntrinsic(expr)
		if err != nil {
			return nil, Errorf(ErrIntrinsicFailure, "%s", err.Error())
		}
		return in.EvalField(s, field)
	}
	p, err := cachedPath(expr)
	if err != nil {
		return nil, Errorf(ErrRuntime, "The value of the field '%s' is not a valid JSONPath: %s", field, err.Error())
	}
	return p.EvalField(s, field)
}

// Parsed paths and intrinsic calls are cached: a simulation evaluates the
// same few templates thousands of times (Map iterations).
var (
	cacheMu         sync.RWMutex
	pathCache       = map[string]*Path{}
	intrinsicCache  = map[string]*Intrinsic{}
	maxCacheEntries = 10000
)

func cachedPath(s string) (*Path, error) {
	cacheMu.RLock()
	p, ok := pathCache[s]
	cacheMu.RUnlock()
	if ok {
		return p, nil
	}
	p, err := ParsePath(s)
	if err != nil {
		return nil, err
	}
	cacheMu.Lock()
	if len(pathCache) < maxCacheEntries {
		pathCache[s] = p
	}
	cacheMu.Unlock()
	return p, nil
}

func cachedIntrinsic(s string) (*Intrinsic, error) {
	cacheMu.RLock()
	in, ok := intrinsicCache[s]
	cacheMu.RUnlock()
	if ok {
		return in, nil
	}
	in, err := ParseIntrinsic(s)
	if err != nil {
		return nil, err
	}
	cacheMu.Lock()
	if len(intrinsicCache) < maxCacheEntries {
		intrinsicCache[s] = in
	}
	cacheMu.Unlock()
	return in, nil
}
