package expr

import (
	"math"
	"strconv"
	"strings"
)

// Number formatting functions: $formatBase, $formatNumber, $formatInteger,
// $parseInteger.

func init() {
	jnDef("formatNumber", "<n-so?:s>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		f, ok := jnNumber(a[0])
		if !ok {
			return jnUndefined, nil
		}
		pic, _ := a[1].(string)
		opts, _ := a[2].(map[string]any)
		return jnFormatNumber(f, pic, opts)
	})
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

// jnFormatNumber is $formatNumber: the XPath F&O 3.1 format-number picture
// language, following jsonata-js's implementation step by step.
func jnFormatNumber(value float64, picture string, options map[string]any) (string, error) {
	props := map[string]string{
		"decimal-separator": ".", "grouping-separator": ",", "exponent-separator": "e",
		"infinity": "Infinity", "minus-sign": "-", "NaN": "NaN", "percent": "%",
		"per-mille": "\u2030", "zero-digit": "0", "digit": "#", "pattern-separator": ";",
	}
	for k, v := range options {
		if s, ok := v.(string); ok {
			props[k] = s
		}
	}
	zero := []rune(props["zero-digit"])[0]
	var family []rune
	for r := zero; r < zero+10; r++ {
		family = append(family, r)
	}
	isDigit := func(r rune) bool { return r >= zero && r < zero+10 }
	first := func(s string) rune { r := []rune(s); return r[0] }
	decSep, grpSep, expSep := first(props["decimal-separator"]), first(props["grouping-separator"]), first(props["exponent-separator"])
	digit, patSep := first(props["digit"]), first(props["pattern-separator"])
	active := func(r rune) bool {
		return isDigit(r) || r == decSep || r == expSep || r == grpSep || r == digit || r == patSep
	}
	subs := strings.Split(picture, string(patSep))
	if len(subs) > 2 {
		return "", &JSONataError{Code: "D3080"}
	}
	type analysed struct {
		intGroups, fracGroups          []int
		regular                        int
		minInt, scaling, minFrac, maxF int
		minExp                         int
		prefix, suffix, picture        string
	}
	countIf := func(s []rune, f func(rune) bool) int {
		n := 0
		for _, r := range s {
			if f(r) {
				n++
			}
		}
		return n
	}
	analyse := func(sub string) analysed {
		rs := []rune(sub)
		prefixLen := len(rs)
		for i, r := range rs {
			if active(r) && r != expSep {
				prefixLen = i
				break
			}
		}
		suffixStart := prefixLen
		for i := len(rs) - 1; i >= 0; i-- {
			if active(rs[i]) && rs[i] != expSep {
				suffixStart = i + 1
				break
			}
		}
		prefix, suffix := string(rs[:prefixLen]), string(rs[suffixStart:])
		activePart := rs[prefixLen:suffixStart]
		mantissa := activePart
		var exponent []rune
		hasExp := false
		for i, r := range activePart {
			if r == expSep {
				mantissa, exponent, hasExp = activePart[:i], activePart[i+1:], true
				break
			}
		}
		var integer, fraction []rune
		integer = mantissa
		fraction = []rune(suffix)
		for i, r := range mantissa {
			if r == decSep {
				integer, fraction = mantissa[:i], mantissa[i+1:]
				break
			}
		}
		groupPositions := func(part []rune, toLeft bool) []int {
			var out []int
			for i, r := range part {
				if r != grpSep {
					continue
				}
				var side []rune
				if toLeft {
					side = part[:i]
				} else {
					side = part[i:]
				}
				out = append(out, countIf(side, func(c rune) bool { return isDigit(c) || c == digit }))
			}
			return out
		}
		a := analysed{prefix: prefix, suffix: suffix, picture: sub}
		a.intGroups = groupPositions(integer, false)
		if len(a.intGroups) > 0 {
			g := a.intGroups[0]
			for _, x := range a.intGroups[1:] {
				for x != 0 {
					g, x = x, g%x
				}
			}
			a.regular = g
			for i := 1; i <= len(a.intGroups); i++ {
				found := false
				for _, x := range a.intGroups {
					if x == i*g {
						found = true
					}
				}
				if !found {
					a.regular = 0
					break
				}
			}
		}
		a.fracGroups = groupPositions(fraction, true)
		a.minInt = countIf(integer, isDigit)
		a.scaling = a.minInt
		a.minFrac = countIf(fraction, isDigit)
		a.maxF = countIf(fraction, func(c rune) bool { return isDigit(c) || c == digit })
		if a.minInt == 0 && a.maxF == 0 {
			if hasExp {
				a.minFrac, a.maxF = 1, 1
			} else {
				a.minInt = 1
			}
		}
		if hasExp && a.minInt == 0 && strings.ContainsRune(string(integer), digit) {
			a.minInt = 1
		}
		if a.minInt == 0 && a.minFrac == 0 {
			a.minFrac = 1
		}
		if hasExp {
			a.minExp = countIf(exponent, isDigit)
		}
		return a
	}
	pics := make([]analysed, len(subs))
	for i, s := range subs {
		pics[i] = analyse(s)
	}
	if len(pics) == 1 {
		neg := pics[0]
		neg.prefix = props["minus-sign"] + neg.prefix
		pics = append(pics, neg)
	}
	pic := pics[0]
	if value < 0 {
		pic = pics[1]
	}
	adjusted := value
	if strings.Contains(pic.picture, props["percent"]) {
		adjusted = value * 100
	} else if strings.Contains(pic.picture, props["per-mille"]) {
		adjusted = value * 1000
	}
	mantissa := adjusted
	exponent, hasExponent := 0, pic.minExp != 0
	if hasExponent {
		// jsonata-js loops forever here on negative numbers; the sign is
		// written by the prefix, so scale the magnitude
		mantissa = math.Abs(adjusted)
		maxM := math.Pow(10, float64(pic.scaling))
		minM := math.Pow(10, float64(pic.scaling-1))
		for i := 0; mantissa < minM && mantissa != 0 && i < 400; i++ {
			mantissa *= 10
			exponent--
		}
		for i := 0; mantissa > maxM && i < 400; i++ {
			mantissa /= 10
			exponent++
		}
	}
	rounded := jnRound(mantissa, pic.maxF)
	toDigits := func(s string) []rune {
		out := []rune(s)
		for i, r := range out {
			if r >= '0' && r <= '9' {
				out[i] = family[r-'0']
			}
		}
		return out
	}
	str := toDigits(strconv.FormatFloat(math.Abs(rounded), 'f', pic.maxF, 64))
	dot := -1
	for i, r := range str {
		if r == '.' {
			dot = i
			str[i] = decSep
		}
	}
	if dot < 0 {
		str = append(str, decSep)
	}
	for len(str) > 0 && str[0] == zero {
		str = str[1:]
	}
	for len(str) > 0 && str[len(str)-1] == zero {
		str = str[:len(str)-1]
	}
	indexOf := func(s []rune, r rune) int {
		for i, c := range s {
			if c == r {
				return i
			}
		}
		return -1
	}
	dp := indexOf(str, decSep)
	if padLeft := pic.minInt - dp; padLeft > 0 {
		str = append([]rune(strings.Repeat(string(zero), padLeft)), str...)
	}
	dp = indexOf(str, decSep)
	if padRight := pic.minFrac - (len(str) - dp - 1); padRight > 0 {
		str = append(str, []rune(strings.Repeat(string(zero), padRight))...)
	}
	insert := func(s []rune, at int, r rune) []rune {
		if at < 0 {
			at = 0
		}
		if at > len(s) {
			at = len(s)
		}
		out := append([]rune(nil), s[:at]...)
		out = append(out, r)
		return append(out, s[at:]...)
	}
	dp = indexOf(str, decSep)
	if pic.regular > 0 {
		groups := (dp - 1) / pic.regular
		for g := 1; g <= groups; g++ {
			str = insert(str, dp-g*pic.regular, grpSep)
		}
	} else {
		for _, pos := range pic.intGroups {
			str = insert(str, dp-pos, grpSep)
			dp++
		}
	}
	dp = indexOf(str, decSep)
	for _, pos := range pic.fracGroups {
		str = insert(str, pos+dp+1, grpSep)
	}
	dp = indexOf(str, decSep)
	if pic.minFrac == 0 && dp == len(str)-1 {
		str = str[:len(str)-1]
	}
	out := string(str)
	if hasExponent {
		e := string(toDigits(strconv.Itoa(int(math.Abs(float64(exponent))))))
		if pad := pic.minExp - len([]rune(e)); pad > 0 {
			e = strings.Repeat(string(zero), pad) + e
		}
		sign := ""
		if exponent < 0 {
			sign = props["minus-sign"]
		}
		out += string(expSep) + sign + e
	}
	return pic.prefix + out + pic.suffix, nil
}
