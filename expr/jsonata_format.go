package expr

import (
	"math"
	"strconv"
)

// Number formatting functions: $formatBase, $formatNumber, $formatInteger,
// $parseInteger.

func init() {
	jnDef("formatBase", "<n-n?:s>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		f, ok := jnNumber(a[0])
		if !ok {
			return jnUndefined, nil
		}
		f = jnRound(f, 0)
		radix := 10.0
		if r, ok := jnNumber(a[1]); ok {
			radix = r
		}
		if radix < 2 || radix > 36 {
			return nil, jnErr("D3100", a[1])
		}
		if math.Abs(f) > 1<<62 {
			return jnJSNumber(f), nil
		}
		return strconv.FormatInt(int64(f), int(radix)), nil
	})
}
