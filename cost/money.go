// Package cost estimates what a state machine costs to run on AWS Step
// Functions: a static count of state transitions over the paths of the
// graph, the price tables, and exact money arithmetic.
package cost

import (
	"fmt"
	"math/big"
	"strings"
)

// All counts and amounts are exact rationals (math/big.Rat): a price such
// as $0.00000833 per GB-second times tens of millions of units must not
// drift, and rounding happens once, when a figure is shown.

// Rat makes an exact rational from an integer.
func Rat(n int64) *big.Rat { return new(big.Rat).SetInt64(n) }

// ParseDecimal reads a non-negative decimal such as "0.025" or "1e-6"
// exactly. Fractions ("1/3"), signs and anything else are refused.
func ParseDecimal(s string) (*big.Rat, error) {
	t := strings.TrimSpace(s)
	if !isDecimal(t) {
		return nil, fmt.Errorf("%q is not a non-negative decimal number", s)
	}
	r, ok := new(big.Rat).SetString(t)
	if !ok {
		return nil, fmt.Errorf("%q is not a non-negative decimal number", s)
	}
	return r, nil
}

// isDecimal accepts digits with at most one point and an optional
// exponent (e-6), which is what people and price lists write.
func isDecimal(t string) bool {
	mant, exp, hasExp := strings.Cut(strings.ToLower(t), "e")
	if hasExp {
		exp = strings.TrimPrefix(strings.TrimPrefix(exp, "-"), "+")
		if exp == "" || len(exp) > 4 || strings.Trim(exp, "0123456789") != "" {
			return false
		}
	}
	digits := strings.Replace(mant, ".", "", 1)
	return digits != "" && strings.Trim(digits, "0123456789") == ""
}

// RoundHalfUp rounds a non-negative amount to the given number of decimal
// places, halves going up (0.125 → 0.13): the rule a person applies by hand.
func RoundHalfUp(r *big.Rat, places int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(scale))
	scaled.Add(scaled, big.NewRat(1, 2))
	q := new(big.Int).Quo(scaled.Num(), scaled.Denom()) // floor for non-negative values
	return new(big.Rat).SetFrac(q, scale)
}

// Decimal shows r rounded half up to places decimals, without grouping.
func Decimal(r *big.Rat, places int) string {
	return RoundHalfUp(r, places).FloatString(places)
}

// USD shows an amount to the cent with thousands separators: $1,234.57.
func USD(r *big.Rat) string {
	s := Decimal(r, 2)
	dot := strings.IndexByte(s, '.')
	return "$" + group(s[:dot]) + s[dot:]
}

// Count shows a count with thousands separators; a fractional count (an
// expectation) keeps up to two decimals: 12,345 or 6.67.
func Count(r *big.Rat) string {
	if r.IsInt() {
		return group(r.Num().String())
	}
	s := Decimal(r, 2)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if dot := strings.IndexByte(s, '.'); dot >= 0 {
		return group(s[:dot]) + s[dot:]
	}
	return group(s)
}

// Plain shows a rational for machine output: an integer as is, otherwise
// up to six decimals with trailing zeros dropped.
func Plain(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	s := strings.TrimRight(Decimal(r, 6), "0")
	return strings.TrimSuffix(s, ".")
}

func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// ceilInt rounds a non-negative rational up to a whole number.
func ceilInt(r *big.Rat) *big.Rat {
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if m.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return new(big.Rat).SetInt(q)
}

func add(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }
func sub(a, b *big.Rat) *big.Rat { return new(big.Rat).Sub(a, b) }
func mul(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) }
func quo(a, b *big.Rat) *big.Rat { return new(big.Rat).Quo(a, b) }
func minRat(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) <= 0 {
		return a
	}
	return b
}
