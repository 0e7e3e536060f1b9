package cost

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strings"
)

// Tier is one band of Express duration pricing: GB-seconds up to UpTo
// (cumulative over the month; nil for the last, open-ended band) cost
// Price each.
type Tier struct {
	UpTo  *big.Rat
	Price *big.Rat
}

// ExpressPrices are the Express workflow prices of one region.
type ExpressPrices struct {
	PerMillionRequests *big.Rat
	Tiers              []Tier
}

// RegionPrices are the prices of one region; Express is nil where no
// published Express price is known.
type RegionPrices struct {
	Region          string
	Name            string
	StandardPer1000 *big.Rat
	Express         *ExpressPrices
}

// PriceTable holds prices by region code and says where they come from.
type PriceTable struct {
	Source  string
	Regions map[string]RegionPrices
}

// BuiltinSource says where the built-in table comes from; docs/cost.md
// gives the same account.
const BuiltinSource = "built-in: AWS Step Functions pricing page (aws.amazon.com/step-functions/pricing), " +
	"state-transition table and Express prices, as read on 2026-11-25"

// standardPer1000 is AWS's published "price per 1,000 state transitions"
// table for Standard workflows, in USD.
var standardPer1000 = []struct{ code, name, price string }{
	{"us-east-1", "US East (N. Virginia)", "0.025"},
	{"us-east-2", "US East (Ohio)", "0.025"},
	{"us-west-1", "US West (N. California)", "0.0279"},
	{"us-west-2", "US West (Oregon)", "0.025"},
	{"ca-central-1", "Canada (Central)", "0.025"},
	{"sa-east-1", "South America (Sao Paulo)", "0.0375"},
	{"us-gov-east-1", "AWS GovCloud (US-East)", "0.03"},
	{"us-gov-west-1", "AWS GovCloud (US-West)", "0.03"},
	{"eu-west-1", "Europe (Ireland)", "0.025"},
	{"eu-central-1", "Europe (Frankfurt)", "0.025"},
	{"eu-west-2", "Europe (London)", "0.025"},
	{"eu-west-3", "Europe (Paris)", "0.0297"},
	{"eu-north-1", "Europe (Stockholm)", "0.025"},
	{"ap-southeast-1", "Asia Pacific (Singapore)", "0.025"},
	{"ap-northeast-1", "Asia Pacific (Tokyo)", "0.025"},
	{"ap-southeast-2", "Asia Pacific (Sydney)", "0.025"},
	{"ap-northeast-2", "Asia Pacific (Seoul)", "0.0271"},
	{"ap-south-1", "Asia Pacific (Mumbai)", "0.0285"},
}

// usEast1Express is the only Express price list AWS's page spells out:
// $1.00 per million requests; $0.00001667 per GB-second for the first
// 3,600,000 GB-s (1,000 GB-hours), $0.00000833 for the next 14,400,000
// (4,000 GB-hours), $0.00000456 beyond.
func usEast1Express() *ExpressPrices {
	return &ExpressPrices{
		PerMillionRequests: mustDec("1.00"),
		Tiers: []Tier{
			{UpTo: Rat(3_600_000), Price: mustDec("0.00001667")},
			{UpTo: Rat(18_000_000), Price: mustDec("0.00000833")},
			{Price: mustDec("0.00000456")},
		},
	}
}

// BuiltinPrices returns a fresh copy of the built-in table.
func BuiltinPrices() *PriceTable {
	t := &PriceTable{Source: BuiltinSource, Regions: map[string]RegionPrices{}}
	for _, r := range standardPer1000 {
		rp := RegionPrices{Region: r.code, Name: r.name, StandardPer1000: mustDec(r.price)}
		if r.code == "us-east-1" {
			rp.Express = usEast1Express()
		}
		t.Regions[r.code] = rp
	}
	return t
}

func mustDec(s string) *big.Rat {
	r, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return r
}

// RegionCodes lists the known regions, sorted.
func (t *PriceTable) RegionCodes() []string {
	codes := make([]string, 0, len(t.Regions))
	for c := range t.Regions {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// Region returns the prices of one region, or an error that lists the
// regions it knows.
func (t *PriceTable) Region(code string) (RegionPrices, error) {
	if rp, ok := t.Regions[code]; ok && rp.StandardPer1000 != nil {
		return rp, nil
	}
	return RegionPrices{}, fmt.Errorf("no Step Functions prices for region %q; known regions: %s (add others with --price-file)",
		code, strings.Join(t.RegionCodes(), ", "))
}

// priceFile is the --price-file format (documented in docs/cost.md).
type priceFile struct {
	Source  string                     `json:"source"`
	Regions map[string]priceFileRegion `json:"regions"`
}

type priceFileRegion struct {
	Name            string            `json:"name"`
	StandardPer1000 *json.Number      `json:"standard_per_1000_transitions"`
	Express         *priceFileExpress `json:"express"`
}

type priceFileExpress struct {
	PerMillionRequests *json.Number `json:"per_million_requests"`
	Tiers              []struct {
		UpTo  *json.Number `json:"up_to_gb_seconds"`
		Price *json.Number `json:"price"`
		// PerGBHour is the price per GB-hour, the unit AWS's own Express
		// example uses ($0.06, $0.03, $0.01642 in us-east-1); it is divided
		// by 3,600 exactly, with no rounding to a per-GB-second price.
		PerGBHour *json.Number `json:"price_per_gb_hour"`
	} `json:"gb_second_tiers"`
}

// ApplyPriceFile reads a price file and lays it over t: each region in the
// file replaces the fields it gives and keeps the others; new regions are
// added. Prices may be JSON numbers or strings ("0.025"); both are read
// exactly.
func (t *PriceTable) ApplyPriceFile(name string, data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	var pf priceFile
	if err := dec.Decode(&pf); err != nil {
		return fmt.Errorf("%s: %v (see docs/cost.md for the price-file format)", name, err)
	}
	if len(pf.Regions) == 0 {
		return fmt.Errorf("%s: no \"regions\" object: nothing to price", name)
	}
	codes := make([]string, 0, len(pf.Regions))
	for c := range pf.Regions {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, code := range codes {
		fr := pf.Regions[code]
		rp := t.Regions[code]
		rp.Region = code
		if fr.Name != "" {
			rp.Name = fr.Name
		}
		where := fmt.Sprintf("%s: regions.%s", name, code)
		if fr.StandardPer1000 != nil {
			v, err := ParseDecimal(fr.StandardPer1000.String())
			if err != nil {
				return fmt.Errorf("%s.standard_per_1000_transitions: %v", where, err)
			}
			rp.StandardPer1000 = v
		}
		if fr.Express != nil {
			ep, err := parseExpress(where+".express", fr.Express, rp.Express)
			if err != nil {
				return err
			}
			rp.Express = ep
		}
		if rp.StandardPer1000 == nil {
			return fmt.Errorf("%s: standard_per_1000_transitions is required for a region the built-in table does not know", where)
		}
		t.Regions[code] = rp
	}
	if pf.Source != "" {
		t.Source = pf.Source
	} else {
		t.Source = "price file " + name + " over the " + BuiltinSource
	}
	return nil
}

func parseExpress(where string, fe *priceFileExpress, old *ExpressPrices) (*ExpressPrices, error) {
	ep := &ExpressPrices{}
	if old != nil {
		*ep = *old
	}
	if fe.PerMillionRequests != nil {
		v, err := ParseDecimal(fe.PerMillionRequests.String())
		if err != nil {
			return nil, fmt.Errorf("%s.per_million_requests: %v", where, err)
		}
		ep.PerMillionRequests = v
	}
	if fe.Tiers != nil {
		ep.Tiers = nil
		prev := Rat(0)
		for i, ft := range fe.Tiers {
			at := fmt.Sprintf("%s.gb_second_tiers[%d]", where, i)
			var p *big.Rat
			switch {
			case ft.Price != nil && ft.PerGBHour != nil:
				return nil, fmt.Errorf("%s: give price (per GB-second) or price_per_gb_hour, not both", at)
			case ft.Price != nil:
				v, err := ParseDecimal(ft.Price.String())
				if err != nil {
					return nil, fmt.Errorf("%s.price: %v", at, err)
				}
				p = v
			case ft.PerGBHour != nil:
				v, err := ParseDecimal(ft.PerGBHour.String())
				if err != nil {
					return nil, fmt.Errorf("%s.price_per_gb_hour: %v", at, err)
				}
				p = quo(v, Rat(3600))
			default:
				return nil, fmt.Errorf("%s: price (per GB-second) or price_per_gb_hour is required", at)
			}
			tier := Tier{Price: p}
			last := i == len(fe.Tiers)-1
			switch {
			case ft.UpTo == nil && !last:
				return nil, fmt.Errorf("%s: only the last tier may leave out up_to_gb_seconds", at)
			case ft.UpTo != nil && last:
				return nil, fmt.Errorf("%s: the last tier must leave out up_to_gb_seconds (it covers everything beyond)", at)
			case ft.UpTo != nil:
				u, err := ParseDecimal(ft.UpTo.String())
				if err != nil {
					return nil, fmt.Errorf("%s.up_to_gb_seconds: %v", at, err)
				}
				if u.Cmp(prev) <= 0 {
					return nil, fmt.Errorf("%s: up_to_gb_seconds must grow from tier to tier (cumulative GB-seconds)", at)
				}
				tier.UpTo, prev = u, u
			}
			ep.Tiers = append(ep.Tiers, tier)
		}
	}
	if ep.PerMillionRequests == nil || len(ep.Tiers) == 0 {
		return nil, fmt.Errorf("%s: needs per_million_requests and gb_second_tiers", where)
	}
	return ep, nil
}
