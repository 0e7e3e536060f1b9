package cost

import (
	"math/big"
	"time"
)

// DefaultFreeTier is the Standard free tier: 4,000 state transitions a
// month, which never expires.
const DefaultFreeTier = 4000

// Express memory estimate (AWS pricing page): 50 MB + the definition's
// size + the payload size for each Map or Parallel step, billed in 64 MB
// blocks. AWS's worked example adds KB to MB at 1,000 KB per MB, so sizes
// here are decimal: 1 MB = 1,000,000 bytes.
const (
	expressBaseBytes   = 50_000_000
	bytesPerMB         = 1_000_000
	memoryBlockMB      = 64
	durationStepMillis = 100
	MaxExpressDuration = 5 * time.Minute
)

// StandardBill is one month of a Standard workflow.
type StandardBill struct {
	Transitions *big.Rat // monthly, before the free tier
	FreeTier    *big.Rat // the part of the free tier used
	Billable    *big.Rat
	Cost        *big.Rat
}

// Standard prices monthly transitions: max(total − free tier, 0) × price.
func Standard(rp RegionPrices, transitions *big.Rat, freeTier int64) StandardBill {
	free := minRat(transitions, Rat(freeTier))
	billable := sub(transitions, free)
	return StandardBill{
		Transitions: transitions,
		FreeTier:    free,
		Billable:    billable,
		Cost:        quo(mul(billable, rp.StandardPer1000), Rat(1000)),
	}
}

// ExpressBill is one month of an Express workflow.
type ExpressBill struct {
	Requests       *big.Rat
	RequestCost    *big.Rat
	BilledMillis   int64 // per execution, rounded up to 100 ms
	BilledMemoryMB int64 // per execution, rounded up to 64 MB blocks
	GBSeconds      *big.Rat
	DurationCost   *big.Rat
	Cost           *big.Rat
	// TierCharges splits DurationCost by tier, so a figure can be checked
	// by hand line by line.
	TierCharges []TierCharge
}

// TierCharge is the part of a month's GB-seconds priced in one tier.
type TierCharge struct {
	GBSeconds *big.Rat
	Price     *big.Rat
	Cost      *big.Rat
}

// BilledDuration rounds a duration up to the next 100 ms, AWS's unit; a
// zero duration still bills one unit.
func BilledDuration(d time.Duration) int64 {
	ms := (d + time.Millisecond - 1) / time.Millisecond
	units := (int64(ms) + durationStepMillis - 1) / durationStepMillis
	if units < 1 {
		units = 1
	}
	return units * durationStepMillis
}

// BilledMemory rounds megabytes (which may be fractional) up to 64 MB blocks.
func BilledMemory(mb *big.Rat) int64 {
	blocks := ceilInt(quo(mb, Rat(memoryBlockMB)))
	n := blocks.Num().Int64()
	if n < 1 {
		n = 1
	}
	return n * memoryBlockMB
}

// EstimateMemoryMB is AWS's documented estimate of an Express execution's
// memory: 50 MB + definition size + payload size × Map/Parallel steps.
func EstimateMemoryMB(definitionBytes, payloadBytes int64, steps *big.Rat) *big.Rat {
	bytes := add(Rat(expressBaseBytes+definitionBytes), mul(Rat(payloadBytes), steps))
	return quo(bytes, Rat(bytesPerMB))
}

// Express prices requests and duration: GB-seconds = billed seconds ×
// billed MB / 1024, summed over the month and priced through the tiers.
func Express(ep *ExpressPrices, executions *big.Rat, d time.Duration, memoryMB int64) ExpressBill {
	b := ExpressBill{Requests: executions, BilledMillis: BilledDuration(d), BilledMemoryMB: memoryMB}
	b.RequestCost = quo(mul(executions, ep.PerMillionRequests), Rat(1_000_000))
	perExec := quo(mul(Rat(b.BilledMillis), Rat(memoryMB)), Rat(1000*1024))
	b.GBSeconds = mul(executions, perExec)
	b.TierCharges = TierCharges(ep.Tiers, b.GBSeconds)
	b.DurationCost = TieredCost(ep.Tiers, b.GBSeconds)
	b.Cost = add(b.RequestCost, b.DurationCost)
	return b
}

// TieredCost prices GB-seconds through cumulative tiers.
func TieredCost(tiers []Tier, gbs *big.Rat) *big.Rat {
	total := Rat(0)
	for _, c := range TierCharges(tiers, gbs) {
		total = add(total, c.Cost)
	}
	return total
}

// TierCharges lays a month's GB-seconds over cumulative tiers: the tier
// applies to the month's total across all executions, not to each one.
// Tiers the volume does not reach are left out.
func TierCharges(tiers []Tier, gbs *big.Rat) []TierCharge {
	var out []TierCharge
	done := Rat(0)
	for _, t := range tiers {
		if gbs.Cmp(done) <= 0 {
			break
		}
		upto := gbs
		if t.UpTo != nil {
			upto = minRat(gbs, t.UpTo)
		}
		if upto.Cmp(done) > 0 {
			part := sub(upto, done)
			out = append(out, TierCharge{GBSeconds: part, Price: t.Price, Cost: mul(part, t.Price)})
			done = upto
		}
	}
	return out
}

// BreakEven is the monthly execution count above which Express costs less
// than Standard for the same workload, or nil when one type is cheaper at
// every volume (ExpressAlways tells which). Standard's cost per execution
// is constant past the free tier while Express gets cheaper per execution
// tier by tier, so the two cross at most once; the crossing is solved
// exactly on each linear piece and rounded up to a whole execution.
func BreakEven(rp RegionPrices, transitionsPerExec *big.Rat, freeTier int64, d time.Duration, memoryMB int64) (n *big.Rat, expressAlways bool) {
	ep := rp.Express
	if ep == nil {
		return nil, false
	}
	gbsPerExec := quo(mul(Rat(BilledDuration(d)), Rat(memoryMB)), Rat(1000*1024))
	reqPerExec := quo(ep.PerMillionRequests, Rat(1_000_000))
	// breakpoints in executions: where the free tier runs out and each tier ends
	var points []*big.Rat
	if transitionsPerExec.Sign() > 0 {
		points = append(points, quo(Rat(freeTier), transitionsPerExec))
	}
	if gbsPerExec.Sign() > 0 {
		for _, t := range ep.Tiers {
			if t.UpTo != nil {
				points = append(points, quo(t.UpTo, gbsPerExec))
			}
		}
	}
	sortRats(points)
	diff := func(x *big.Rat) *big.Rat { // Standard − Express at x executions
		s := Standard(rp, mul(x, transitionsPerExec), freeTier).Cost
		e := add(mul(x, reqPerExec), TieredCost(ep.Tiers, mul(x, gbsPerExec)))
		return sub(s, e)
	}
	lo := Rat(0)
	for i := 0; i <= len(points); i++ {
		var hi *big.Rat
		if i < len(points) {
			hi = points[i]
		} else {
			hi = add(lo, Rat(1_000_000_000_000_000)) // past the last break the piece is linear
		}
		if hi.Cmp(lo) <= 0 {
			continue
		}
		dl, dh := diff(lo), diff(hi)
		if dl.Sign() <= 0 && dh.Sign() > 0 {
			// linear between lo and hi: zero at lo + dl/(dl−dh)·(hi−lo)
			x := ceilInt(add(lo, mul(quo(dl, sub(dl, dh)), sub(hi, lo))))
			if x.Sign() == 0 {
				return nil, true
			}
			return x, false
		}
		lo = hi
	}
	if diff(Rat(1)).Sign() > 0 {
		return nil, true
	}
	return nil, false
}

func sortRats(rs []*big.Rat) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].Cmp(rs[j-1]) < 0; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// BreakEvenDuration is the longest billed duration (a multiple of 100 ms)
// at which Express still costs no more than budget for executions runs of
// memoryMB; ok is false when even the requests cost more than budget.
func BreakEvenDuration(ep *ExpressPrices, executions, budget *big.Rat, memoryMB int64) (millis int64, ok bool) {
	if ep == nil || executions.Sign() <= 0 || memoryMB <= 0 {
		return 0, false
	}
	left := sub(budget, quo(mul(executions, ep.PerMillionRequests), Rat(1_000_000)))
	if left.Sign() < 0 {
		return 0, false
	}
	// invert the tiers: the GB-seconds that left buys
	gbs, done, spent := Rat(0), Rat(0), Rat(0)
	for _, t := range ep.Tiers {
		if t.Price.Sign() == 0 {
			return 0, false // free duration: no bound
		}
		can := quo(sub(left, spent), t.Price) // GB-s affordable at this price
		if t.UpTo == nil || add(done, can).Cmp(t.UpTo) <= 0 {
			gbs = add(done, can)
			break
		}
		spent = add(spent, mul(sub(t.UpTo, done), t.Price))
		done = t.UpTo
		gbs = done
	}
	// GB-s = executions × seconds × MB / 1024 → milliseconds per execution
	ms := quo(mul(gbs, Rat(1000*1024)), mul(executions, Rat(memoryMB)))
	units := new(big.Int).Quo(ms.Num(), ms.Denom())
	units.Quo(units, big.NewInt(durationStepMillis))
	if !units.IsInt64() {
		return 0, false
	}
	return units.Int64() * durationStepMillis, true
}
