package expr

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits AWS documents for intrinsic functions.
const (
	maxArrayRangeItems = 1000
	maxIntrinsicString = 10000 // Base64Encode/Decode and Hash inputs, in characters
)

// Eval runs the call. Failures are *Error with States.IntrinsicFailure (bad
// arguments) or States.Runtime (a path argument that selects nothing).
func (in *Intrinsic) Eval(s Scope) (any, error) { return in.EvalField(s, "") }

// EvalField is Eval for a call written in the ".$" field named field, which
// AWS names when a path argument selects nothing.
func (in *Intrinsic) EvalField(s Scope, field string) (any, error) {
	args := make([]any, len(in.Args))
	for i := range in.Args {
		a := &in.Args[i]
		switch a.Kind {
		case ArgPath:
			var v any
			var err error
			if field != "" {
				v, err = a.Path.EvalField(s, field)
			} else {
				v, err = a.Path.Eval(s)
			}
			if err != nil {
				return nil, err
			}
			args[i] = v
		case ArgCall:
			v, err := a.Call.EvalField(s, field)
			if err != nil {
				return nil, err
			}
			args[i] = v
		default:
			args[i] = a.Value
		}
	}
	v, err := in.apply(args, s)
	if err != nil {
		return nil, &Error{Name: ErrIntrinsicFailure, Cause: fmt.Sprintf("Invalid arguments in %s: %s", in.Name, err.Error())}
	}
	return v, nil
}

func (in *Intrinsic) apply(args []any, s Scope) (any, error) {
	switch in.Name {
	case "States.Format":
		return in.format(args)
	case "States.StringToJson":
		str, err := stringArg(args, 0)
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(str) == "" {
			return nil, nil
		}
		v, perr := ParseJSON([]byte(str))
		if perr != nil {
			return nil, fmt.Errorf("the string is not valid JSON: %s", perr.Error())
		}
		return v, nil
	case "States.JsonToString":
		return JavaJSONText(args[0]), nil
	case "States.Array":
		out := make([]any, len(args))
		copy(out, args)
		return out, nil
	case "States.ArrayPartition":
		arr, err := arrayArg(args, 0)
		if err != nil {
			return nil, err
		}
		size, err := intArg(args, 1)
		if err != nil {
			return nil, err
		}
		if size <= 0 {
			return nil, fmt.Errorf("the chunk size must be a positive integer, got %d", size)
		}
		out := []any{}
		for i := 0; i < len(arr); i += int(size) {
			end := min(len(arr), i+int(size))
			out = append(out, slices.Clone(arr[i:end]))
		}
		return out, nil
	case "States.ArrayContains":
		arr, err := arrayArg(args, 0)
		if err != nil {
			return nil, err
		}
		for _, e := range arr {
			if DeepEqual(e, args[1]) {
				return true, nil
			}
		}
		return false, nil
	case "States.ArrayRange":
		return arrayRange(args)
	case "States.ArrayGetItem":
		arr, err := arrayArg(args, 0)
		if err != nil {
			return nil, err
		}
		idx, err := intArg(args, 1)
		if err != nil {
			return nil, err
		}
		if idx < 0 || idx >= int64(len(arr)) {
			return nil, fmt.Errorf("index %d is out of bounds for an array of %d items", idx, len(arr))
		}
		return arr[idx], nil
	case "States.ArrayLength":
		arr, err := arrayArg(args, 0)
		if err != nil {
			return nil, err
		}
		return int64(len(arr)), nil
	case "States.ArrayUnique":
		arr, err := arrayArg(args, 0)
		if err != nil {
			return nil, err
		}
		out := []any{}
		for _, e := range arr {
			dup := false
			for _, seen := range out {
				if DeepEqual(seen, e) {
					dup = true
					break
				}
			}
			if !dup {
				out = append(out, e)
			}
		}
		return out, nil
	case "States.Base64Encode":
		str, err := limitedStringArg(args, 0)
		if err != nil {
			return nil, err
		}
		return base64.StdEncoding.EncodeToString([]byte(str)), nil
	case "States.Base64Decode":
		str, err := limitedStringArg(args, 0)
		if err != nil {
			return nil, err
		}
		data, derr := base64.StdEncoding.DecodeString(str)
		if derr != nil {
			return nil, fmt.Errorf("the string is not valid base64: %s", derr.Error())
		}
		// Java decodes the bytes as UTF-8, replacing malformed sequences.
		return strings.ToValidUTF8(string(data), "\uFFFD"), nil
	case "States.Hash":
		return hashOf(args)
	case "States.JsonMerge":
		a, ok1 := args[0].(map[string]any)
		b, ok2 := args[1].(map[string]any)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("the first two arguments must be JSON objects")
		}
		deep, ok := args[2].(bool)
		if !ok {
			return nil, fmt.Errorf("the third argument must be a boolean")
		}
		if deep {
			return nil, fmt.Errorf("deep merge is not supported; the third argument must be false")
		}
		out := make(map[string]any, len(a)+len(b))
		for k, v := range a {
			out[k] = v
		}
		for k, v := range b {
			out[k] = v
		}
		return out, nil
	case "States.MathRandom":
		return mathRandom(args, s)
	case "States.MathAdd":
		var sum int64
		for i := range args {
			f, ok := numFloat(args[i])
			if !ok {
				return nil, fmt.Errorf("argument %d must be a number, got %s", i+1, JSONText(args[i]))
			}
			n := javaRound(f)
			if n < math.MinInt32 || n > math.MaxInt32 {
				return nil, fmt.Errorf("argument %d is outside the integer range", i+1)
			}
			sum += n
		}
		return sum, nil
	case "States.StringSplit":
		str, err := stringArg(args, 0)
		if err != nil {
			return nil, err
		}
		delims, err := stringArg(args, 1)
		if err != nil {
			return nil, err
		}
		parts := strings.FieldsFunc(str, func(r rune) bool { return strings.ContainsRune(delims, r) })
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return out, nil
	case "States.UUID":
		return newUUID(s.Env), nil
	}
	return nil, fmt.Errorf("unknown function")
}

// javaRound is Java's Math.round: halves round towards positive infinity,
// which is how MathAdd rounds its operands (1.5 → 2, -1.5 → -1).
func javaRound(f float64) int64 {
	return int64(math.Floor(f + 0.5))
}

func stringArg(args []any, i int) (string, error) {
	s, ok := args[i].(string)
	if !ok {
		return "", fmt.Errorf("argument %d must be a string, got %s", i+1, JSONText(args[i]))
	}
	return s, nil
}

func limitedStringArg(args []any, i int) (string, error) {
	s, err := stringArg(args, i)
	if err != nil {
		return "", err
	}
	if utf8.RuneCountInString(s) > maxIntrinsicString {
		return "", fmt.Errorf("argument %d is longer than %d characters", i+1, maxIntrinsicString)
	}
	return s, nil
}

func arrayArg(args []any, i int) ([]any, error) {
	a, ok := args[i].([]any)
	if !ok {
		return nil, fmt.Errorf("argument %d must be an array, got %s", i+1, JSONText(args[i]))
	}
	return a, nil
}

func intArg(args []any, i int) (int64, error) {
	switch n := args[i].(type) {
	case int64:
		return n, nil
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int64(n), nil
		}
	}
	return 0, fmt.Errorf("argument %d must be an integer, got %s", i+1, JSONText(args[i]))
}

func arrayRange(args []any) (any, error) {
	var n [3]int64
	for i := range n {
		v, err := intArg(args, i)
		if err != nil {
			return nil, err
		}
		n[i] = v
	}
	start, end, step := n[0], n[1], n[2]
	if step == 0 {
		return nil, fmt.Errorf("the step must not be 0")
	}
	count := int64(0)
	if step > 0 && end >= start {
		count = (end-start)/step + 1
	} else if step < 0 && end <= start {
		count = (start-end)/(-step) + 1
	}
	if count > maxArrayRangeItems {
		return nil, fmt.Errorf("the range would have %d items; the limit is %d", count, maxArrayRangeItems)
	}
	out := make([]any, 0, count)
	for k := int64(0); k < count; k++ {
		out = append(out, start+k*step)
	}
	return out, nil
}

var hashAlgorithms = map[string]func() hash.Hash{
	"MD5": md5.New, "SHA-1": sha1.New, "SHA-256": sha256.New, "SHA-384": sha512.New384, "SHA-512": sha512.New,
}

func hashOf(args []any) (any, error) {
	alg, err := stringArg(args, 1)
	if err != nil {
		return nil, err
	}
	newHash, ok := hashAlgorithms[alg]
	if !ok {
		return nil, fmt.Errorf("unsupported hash algorithm %q; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512", alg)
	}
	var data string
	if s, ok := args[0].(string); ok {
		data = s
	} else {
		data = javaString(args[0])
	}
	if utf8.RuneCountInString(data) > maxIntrinsicString {
		return nil, fmt.Errorf("argument 1 is longer than %d characters", maxIntrinsicString)
	}
	h := newHash()
	h.Write([]byte(data))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// mathRandom returns an integer in [start, end). AWS accepts fractional
// bounds (recorded: MathRandom(12.5, 44.51) succeeds); they are rounded as
// MathAdd rounds its operands.
func mathRandom(args []any, s Scope) (any, error) {
	var bounds [2]int64
	for i := range bounds {
		f, ok := numFloat(args[i])
		if !ok {
			return nil, fmt.Errorf("argument %d must be a number, got %s", i+1, JSONText(args[i]))
		}
		bounds[i] = javaRound(f)
	}
	start, end := bounds[0], bounds[1]
	if end <= start {
		return nil, fmt.Errorf("the end (%d) must be greater than the start (%d)", end, start)
	}
	var r *rand.Rand
	if len(args) == 3 {
		seed, err := intArg(args, 2)
		if err != nil {
			return nil, err
		}
		r = rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15))
	} else {
		r = envRand(s.Env)
	}
	return start + r.Int64N(end-start), nil
}

// envRand is the scope's random source; a scope without an Env gets a
// fresh seed-0 source, so evaluation never panics and stays reproducible.
func envRand(e *Env) *rand.Rand {
	if e == nil || e.Rand == nil {
		return NewEnv(0).Rand
	}
	return e.Rand
}

// newUUID makes a version 4 UUID from the scope's random source.
func newUUID(e *Env) string {
	r := envRand(e)
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		v := r.Uint64()
		for k := 0; k < 8; k++ {
			b[i+k] = byte(v >> (8 * k))
		}
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
