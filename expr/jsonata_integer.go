package expr

import (
	"math"
	"strings"
	"unicode"
)

// $formatInteger and $parseInteger: XPath F&O integer pictures — decimal
// digit patterns with grouping ("#,##0", "001"), words ("w", "W", "Ww"),
// Roman numerals ("I", "i"), letters ("A", "a"), and the ";o" ordinal
// modifier — following jsonata-js.

func init() {
	jnDef("formatInteger", "<n-s:s>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		f, ok := jnNumber(a[0])
		if !ok {
			return jnUndefined, nil
		}
		pic, _ := a[1].(string)
		return jnFormatInteger(f, pic)
	})
	jnDef("parseInteger", "<s-s:n>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return jnUndefined, nil
		}
		pic, _ := a[1].(string)
		return jnParseInteger(s, pic)
	})
}

var (
	jnFewWords     = []string{"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"}
	jnOrdinalWords = []string{"Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"}
	jnDecadeWords  = []string{"Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"}
	jnMagnitudes   = []string{"Thousand", "Million", "Billion", "Trillion"}
)

func jnNumberToWords(num float64, prev, ord bool) string {
	words := ""
	switch {
	case num <= 19:
		if prev {
			words = " and "
		}
		if ord {
			words += jnOrdinalWords[int(num)]
		} else {
			words += jnFewWords[int(num)]
		}
	case num < 100:
		tens, rem := int(num)/10, int(num)%10
		if prev {
			words = " and "
		}
		words += jnDecadeWords[tens-2]
		if rem > 0 {
			words += "-" + jnNumberToWords(float64(rem), false, ord)
		} else if ord {
			words = words[:len(words)-1] + "ieth"
		}
	case num < 1000:
		hundreds, rem := int(num)/100, int(num)%100
		if prev {
			words = ", "
		}
		words += jnFewWords[hundreds] + " Hundred"
		if rem > 0 {
			words += jnNumberToWords(float64(rem), true, ord)
		} else if ord {
			words += "th"
		}
	default:
		mag := int(math.Floor(math.Log10(num) / 3))
		if mag > len(jnMagnitudes) {
			mag = len(jnMagnitudes)
		}
		factor := math.Pow(10, float64(mag*3))
		mant := math.Floor(num / factor)
		rem := num - mant*factor
		if prev {
			words = ", "
		}
		words += jnNumberToWords(mant, false, false) + " " + jnMagnitudes[mag-1]
		if rem > 0 {
			words += jnNumberToWords(rem, true, ord)
		} else if ord {
			words += "th"
		}
	}
	return words
}

var jnRomanTable = []struct {
	v int
	s string
}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}

func jnRoman(n int) string {
	var b strings.Builder
	for _, r := range jnRomanTable {
		for n >= r.v {
			b.WriteString(r.s)
			n -= r.v
		}
	}
	return b.String()
}

func jnLetters(n int, base rune) string {
	var out []rune
	for n > 0 {
		n--
		out = append([]rune{base + rune(n%26)}, out...)
		n /= 26
	}
	return string(out)
}

type jnIntPicture struct {
	kind      byte // 'd' decimal, 'w' words, 'r' roman, 'a' letters
	upper     int  // words/roman/letters: 0 lower, 1 upper, 2 title
	ordinal   bool
	mandatory int
	groups    []struct {
		pos int
		sep rune
	}
	regular int
	zero    rune
}

func jnAnalyseIntPicture(picture string) jnIntPicture {
	p := jnIntPicture{kind: 'd', zero: '0'}
	primary, modifier := picture, ""
	if i := strings.LastIndexByte(picture, ';'); i >= 0 {
		primary, modifier = picture[:i], picture[i+1:]
	}
	p.ordinal = strings.HasPrefix(modifier, "o")
	switch primary {
	case "A":
		p.kind, p.upper = 'a', 1
		return p
	case "a":
		p.kind = 'a'
		return p
	case "I":
		p.kind, p.upper = 'r', 1
		return p
	case "i":
		p.kind = 'r'
		return p
	case "W":
		p.kind, p.upper = 'w', 1
		return p
	case "Ww":
		p.kind, p.upper = 'w', 2
		return p
	case "w":
		p.kind = 'w'
		return p
	}
	rs := []rune(primary)
	digitsRight := 0
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		switch {
		case unicode.IsDigit(r):
			p.mandatory++
			p.zero = jnDigitZero(r)
			digitsRight++
		case r == '#':
			digitsRight++
		default:
			p.groups = append(p.groups, struct {
				pos int
				sep rune
			}{digitsRight, r})
		}
	}
	if len(p.groups) > 0 {
		g := p.groups[0].pos
		regular := g > 0
		for i, s := range p.groups {
			if s.sep != p.groups[0].sep || s.pos != (i+1)*g {
				regular = false
			}
		}
		if regular {
			p.regular = g
		}
	}
	return p
}

func jnFormatInteger(value float64, picture string) (any, error) {
	p := jnAnalyseIntPicture(picture)
	neg := value < 0
	value = math.Abs(value)
	var s string
	switch p.kind {
	case 'w':
		s = jnNumberToWords(math.Floor(value), false, p.ordinal)
		switch p.upper {
		case 0:
			s = strings.ToLower(s)
		case 1:
			s = strings.ToUpper(s)
		}
	case 'r':
		if value > 1e8 {
			return nil, jnLimitErr("Number too large for Roman numerals")
		}
		s = jnRoman(int(value))
		if p.upper == 1 {
			s = strings.ToUpper(s)
		}
	case 'a':
		base := 'a'
		if p.upper == 1 {
			base = 'A'
		}
		s = jnLetters(int(value), base)
	default:
		digits := []rune(jnJSNumber(math.Floor(value)))
		for len(digits) < p.mandatory {
			digits = append([]rune{'0'}, digits...)
		}
		if p.zero != '0' {
			for i, r := range digits {
				digits[i] = p.zero + (r - '0')
			}
		}
		str := string(digits)
		if p.regular > 0 {
			n := (len(digits) - 1) / p.regular
			for ii := n; ii > 0; ii-- {
				rs := []rune(str)
				pos := len(rs) - ii*p.regular
				str = string(rs[:pos]) + string(p.groups[0].sep) + string(rs[pos:])
			}
		} else {
			for i := len(p.groups) - 1; i >= 0; i-- {
				g := p.groups[i]
				rs := []rune(str)
				pos := len(rs) - g.pos
				if pos < 0 {
					pos = 0
				}
				str = string(rs[:pos]) + string(g.sep) + string(rs[pos:])
			}
		}
		if p.ordinal {
			suffix := "th"
			switch {
			case len(str) > 1 && str[len(str)-2] == '1':
			case strings.HasSuffix(str, "1"):
				suffix = "st"
			case strings.HasSuffix(str, "2"):
				suffix = "nd"
			case strings.HasSuffix(str, "3"):
				suffix = "rd"
			}
			str += suffix
		}
		s = str
	}
	if neg {
		s = "-" + s
	}
	return s, nil
}

var jnWordValues = func() map[string]int {
	m := map[string]int{}
	for i, w := range jnFewWords {
		m[strings.ToLower(w)] = i
	}
	for i, w := range jnOrdinalWords {
		m[strings.ToLower(w)] = i
	}
	for i, w := range jnDecadeWords[:8] {
		m[strings.ToLower(w)] = (i + 2) * 10
		m[strings.ToLower(w[:len(w)-1])+"ieth"] = (i + 2) * 10
	}
	m["hundred"], m["hundredth"] = 100, 100
	m["thousand"], m["thousandth"] = 1000, 1000
	m["million"], m["millionth"] = 1000000, 1000000
	m["billion"], m["billionth"] = 1000000000, 1000000000
	m["trillion"], m["trillionth"] = 1000000000000, 1000000000000
	return m
}()

func jnParseInteger(s, picture string) (any, error) {
	p := jnAnalyseIntPicture(picture)
	switch p.kind {
	case 'w':
		words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == ',' || r == '-' })
		total, current := 0, 0
		for _, w := range words {
			if w == "and" {
				continue
			}
			v, ok := jnWordValues[w]
			if !ok {
				return jnUndefined, nil
			}
			switch {
			case v == 100:
				current *= 100
			case v >= 1000:
				total += current * v
				current = 0
			default:
				current += v
			}
		}
		return jnNum(float64(total + current)), nil
	case 'r':
		rs := strings.ToLower(s)
		total := 0
		for len(rs) > 0 {
			matched := false
			for _, r := range jnRomanTable {
				if strings.HasPrefix(rs, r.s) {
					total += r.v
					rs = rs[len(r.s):]
					matched = true
					break
				}
			}
			if !matched {
				return jnUndefined, nil
			}
		}
		return jnNum(float64(total)), nil
	case 'a':
		total := 0
		for _, r := range strings.ToLower(s) {
			if r < 'a' || r > 'z' {
				return jnUndefined, nil
			}
			total = total*26 + int(r-'a') + 1
		}
		return jnNum(float64(total)), nil
	}
	total, seen := 0.0, false
	for _, r := range s {
		if unicode.IsDigit(r) {
			total = total*10 + float64(r-jnDigitZero(r))
			seen = true
		}
	}
	if !seen {
		return jnUndefined, nil
	}
	return jnNum(total), nil
}

// jnDigitZero finds the zero of r's decimal digit family (digit families
// are runs of ten code points).
func jnDigitZero(r rune) rune {
	z := r
	for z > 0 && unicode.IsDigit(z-1) && r-z < 9 {
		z--
	}
	return z
}
