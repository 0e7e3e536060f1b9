package expr

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"hash/fnv"
	"math"
	"math/rand/v2"
)

// The functions AWS Step Functions adds to JSONata. They replace the
// intrinsics of JSONPath states: $partition (States.ArrayPartition),
// $range (States.ArrayRange), $hash (States.Hash), $random with an optional
// seed (States.MathRandom), $uuid (States.UUID) and $parse
// (States.StringToJson). $eval is not available.

func init() {
	jnDef("partition", "<an:a>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		items, ok := jnArray(a[0])
		if !ok {
			return jnUndefined, nil
		}
		size, _ := jnNumber(a[1])
		if size <= 0 || size != math.Trunc(size) {
			return nil, &JSONataError{Code: "D3137", Message: fmt.Sprintf("Invalid partition size: %s. The chunk size must be a positive integer", jnJSNumber(size))}
		}
		n := int(math.Min(size, float64(len(items)+1)))
		out := []any{}
		for i := 0; i < len(items); i += n {
			end := i + n
			if end > len(items) {
				end = len(items)
			}
			out = append(out, append([]any(nil), items[i:end]...))
		}
		return out, nil
	})
	jnDef("range", "<nnn:a>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		start, ok1 := jnNumber(a[0])
		end, ok2 := jnNumber(a[1])
		step, ok3 := jnNumber(a[2])
		if !ok1 || !ok2 || !ok3 {
			return jnUndefined, nil
		}
		if step == 0 {
			return nil, &JSONataError{Code: "D3137", Message: "The step of $range must not be zero"}
		}
		count := math.Floor((end-start)/step) + 1
		if math.IsNaN(count) || count < 0 {
			count = 0
		}
		if count > jnMaxItems {
			return nil, jnErr("D2014", jnNum(count))
		}
		out := &jnSeq{seq: true}
		for i := 0.0; i < count; i++ { // by index: x += step can stall on huge floats
			out.items = append(out.items, jnNum(start+i*step))
		}
		return out, nil
	})
	jnDef("hash", "<ss:s>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		data, ok := a[0].(string)
		if !ok {
			return jnUndefined, nil
		}
		alg, _ := a[1].(string)
		var h hash.Hash
		switch alg {
		case "MD5":
			h = md5.New()
		case "SHA-1":
			h = sha1.New()
		case "SHA-256":
			h = sha256.New()
		case "SHA-384":
			h = sha512.New384()
		case "SHA-512":
			h = sha512.New()
		default:
			return nil, &JSONataError{Code: "D3137", Message: fmt.Sprintf("Unsupported hash algorithm %q: use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512", alg)}
		}
		h.Write([]byte(data))
		return hex.EncodeToString(h.Sum(nil)), nil
	})
	jnDef("random", "<j?:n>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		if jnIsUndef(a[0]) {
			return ev.rng().Float64(), nil
		}
		// the same seed always gives the same number
		f := fnv.New64a()
		f.Write([]byte(jnStringify(a[0], false)))
		seed := f.Sum64()
		return rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d)).Float64(), nil
	})
	jnDef("uuid", "<:s>", func(ev *jnEvaluator, _ []any, _ any) (any, error) {
		var b [16]byte
		r := ev.rng()
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		x := hex.EncodeToString(b[:])
		return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:], nil
	})
	jnDef("parse", "<s-:j>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return jnUndefined, nil
		}
		v, err := jnParseJSON(s)
		if err != nil {
			return nil, &JSONataError{Code: "D3137", Message: fmt.Sprintf("Unable to parse the string as JSON: %s", err.Error())}
		}
		return v, nil
	})
}

// jnParseJSON decodes JSON text into sfnctl's values (int64 for integers).
func jnParseJSON(s string) (any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("unexpected data after the JSON value")
	}
	return jnFromJSONNumbers(v), nil
}

func jnFromJSONNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return jnNum(f)
	case []any:
		for i, it := range x {
			x[i] = jnFromJSONNumbers(it)
		}
	case map[string]any:
		for k, it := range x {
			x[k] = jnFromJSONNumbers(it)
		}
	}
	return v
}

func (ev *jnEvaluator) rng() *rand.Rand {
	if ev.rand == nil {
		ev.rand = NewEnv(1).Rand
	}
	return ev.rand
}
