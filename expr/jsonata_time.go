package expr

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date/time functions: $now, $millis, $fromMillis, $toMillis. The clock is
// the evaluation's (Env.Now when set), fixed for one evaluation as in
// jsonata-js. Picture strings support the common XPath components.

const jnISOLayout = "2006-01-02T15:04:05.000Z07:00"

func jnISO(t time.Time) string {
	s := t.UTC().Format("2006-01-02T15:04:05.000")
	return s + "Z"
}

func init() {
	jnDef("now", "<s?s?:s>", func(ev *jnEvaluator, a []any, _ any) (any, error) {
		return jnFormatTime(ev.timeNow(), a[0], a[1])
	})
	jnDef("millis", "<:n>", func(ev *jnEvaluator, _ []any, _ any) (any, error) {
		return ev.timeNow().UnixMilli(), nil
	})
	jnDef("fromMillis", "<n-s?s?:s>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		ms, ok := jnNumber(a[0])
		if !ok {
			return jnUndefined, nil
		}
		t := time.UnixMilli(int64(math.Floor(ms))).UTC()
		return jnFormatTime(t, a[1], a[2])
	})
	jnDef("toMillis", "<s-s?:n>", func(_ *jnEvaluator, a []any, _ any) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return jnUndefined, nil
		}
		if pic, ok := a[1].(string); ok {
			return jnParseWithPicture(s, pic)
		}
		if !jnISOAccepted.MatchString(s) {
			return nil, jnErr("D3110", s)
		}
		t, ok := jnParseISO(s)
		if !ok {
			return math.NaN(), nil // Date.parse gives NaN for impossible dates
		}
		return t.UnixMilli(), nil
	})
}

// jnISOAccepted is the shape jsonata-js accepts before parsing the date.
var jnISOAccepted = regexp.MustCompile(`^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$`)

var jnISORegex = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$`)

func jnParseISO(s string) (time.Time, bool) {
	m := jnISORegex.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	num := func(x string, def int) int {
		if x == "" {
			return def
		}
		n, _ := strconv.Atoi(x)
		return n
	}
	year, month, day := num(m[1], 0), num(m[2], 1), num(m[3], 1)
	hour, min, sec := num(m[4], 0), num(m[5], 0), num(m[6], 0)
	nsec := 0
	if m[7] != "" {
		frac := (m[7] + "000000000")[:9]
		nsec, _ = strconv.Atoi(frac)
	}
	if month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || min > 59 || sec > 59 {
		return time.Time{}, false
	}
	loc := time.UTC
	if z := m[8]; z != "" && z != "Z" {
		z = strings.Replace(z, ":", "", 1)
		h, _ := strconv.Atoi(z[1:3])
		mm, _ := strconv.Atoi(z[3:5])
		off := h*3600 + mm*60
		if z[0] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	return time.Date(year, time.Month(month), day, hour, min, sec, nsec, loc), true
}

// jnTimezone parses a "±HHMM" timezone argument.
func jnTimezone(tz any) (*time.Location, bool) {
	s, ok := tz.(string)
	if !ok || s == "" {
		return time.UTC, true
	}
	s = strings.Replace(s, ":", "", 1)
	if len(s) != 5 || (s[0] != '+' && s[0] != '-') {
		return nil, false
	}
	h, err1 := strconv.Atoi(s[1:3])
	m, err2 := strconv.Atoi(s[3:5])
	if err1 != nil || err2 != nil {
		return nil, false
	}
	off := h*3600 + m*60
	if s[0] == '-' {
		off = -off
	}
	return time.FixedZone("", off), true
}

func jnFormatTime(t time.Time, picture, tz any) (any, error) {
	pic, hasPic := picture.(string)
	loc, ok := jnTimezone(tz)
	if !ok {
		loc = time.UTC
	}
	if !hasPic {
		if tzs, ok := tz.(string); ok && tzs != "" {
			return t.In(loc).Format(jnISOLayout), nil
		}
		return jnISO(t), nil
	}
	return jnFormatPicture(t.In(loc), pic)
}

var (
	jnMonthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	jnDayNames   = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

// jnFormatPicture formats a time with an XPath picture string such as
// "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]".
func jnFormatPicture(t time.Time, pic string) (any, error) {
	var b strings.Builder
	for i := 0; i < len(pic); {
		c := pic[i]
		if c == ']' && i+1 < len(pic) && pic[i+1] == ']' {
			b.WriteByte(']')
			i += 2
			continue
		}
		if c != '[' {
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 < len(pic) && pic[i+1] == '[' {
			b.WriteByte('[')
			i += 2
			continue
		}
		end := strings.IndexByte(pic[i:], ']')
		if end < 0 {
			return nil, &JSONataError{Code: "D3135", Message: "No matching closing bracket ']' in date/time picture string"}
		}
		marker := strings.Join(strings.Fields(pic[i+1:i+end]), "")
		i += end + 1
		if marker == "" {
			continue
		}
		comp := marker[0]
		pres := marker[1:]
		minW, maxW := -1, -1
		if k := strings.IndexByte(pres, ','); k >= 0 {
			width := pres[k+1:]
			pres = pres[:k]
			lo, hi, hasHi := strings.Cut(width, "-")
			if n, err := strconv.Atoi(lo); err == nil {
				minW = n
			}
			if hasHi {
				if n, err := strconv.Atoi(hi); err == nil {
					maxW = n
				}
			} else if comp == 'Y' {
				maxW = minW
			}
		}
		name := func(full string) string {
			if maxW > 0 && len(full) > maxW {
				return full[:maxW]
			}
			return full
		}
		var val int
		switch comp {
		case 'Y':
			val = t.Year()
		case 'M':
			val = int(t.Month())
			if strings.HasPrefix(pres, "N") || strings.HasPrefix(pres, "n") {
				b.WriteString(name(jnCaseName(jnMonthNames[val-1], pres)))
				continue
			}
		case 'D':
			val = t.Day()
		case 'd':
			val = t.YearDay()
		case 'F':
			val = int(t.Weekday())
			if pres == "" || strings.HasPrefix(pres, "N") || strings.HasPrefix(pres, "n") {
				if pres == "" {
					pres = "n"
				}
				b.WriteString(name(jnCaseName(jnDayNames[val], pres)))
				continue
			}
			if val == 0 {
				val = 7
			}
		case 'H':
			val = t.Hour()
		case 'h':
			val = t.Hour() % 12
			if val == 0 {
				val = 12
			}
		case 'm':
			val = t.Minute()
			if pres == "" {
				pres = "01"
			}
		case 's':
			val = t.Second()
			if pres == "" {
				pres = "01"
			}
		case 'f':
			val = t.Nanosecond() / 1e6
			if pres == "" {
				pres = "001"
			}
		case 'P':
			ampm := "am"
			if t.Hour() >= 12 {
				ampm = "pm"
			}
			if strings.HasPrefix(pres, "N") {
				ampm = strings.ToUpper(ampm)
			}
			b.WriteString(ampm)
			continue
		case 'Z', 'z':
			_, off := t.Zone()
			if off == 0 && strings.Contains(pres, "t") {
				b.WriteString("Z")
				continue
			}
			sign := "+"
			if off < 0 {
				sign = "-"
				off = -off
			}
			s := sign + jnPad2(off/3600) + ":" + jnPad2(off%3600/60)
			if comp == 'z' {
				s = "GMT" + s
			}
			b.WriteString(s)
			continue
		default:
			return nil, &JSONataError{Code: "D3132", Message: "Unknown component specifier " + string(comp) + " in date/time picture string"}
		}
		s := jnFormatComponent(val, pres)
		if comp == 'Y' && maxW > 0 && len(s) > maxW {
			s = s[len(s)-maxW:]
		} else if comp == 'Y' && jnDigitCount(pres) == 2 && len(s) > 2 {
			s = s[len(s)-2:]
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

func jnPad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func jnCaseName(name, pres string) string {
	switch {
	case strings.HasPrefix(pres, "Nn"):
		return name
	case strings.HasPrefix(pres, "N"):
		return strings.ToUpper(name)
	}
	return strings.ToLower(name)
}

// jnFormatComponent formats a date/time number with an integer picture
// ("01", "1", "I", "w"…); a trailing "o" asks for an ordinal ("1o" → "7th").
func jnFormatComponent(v int, pres string) string {
	if pres == "" {
		pres = "1"
	}
	if len(pres) > 1 && strings.HasSuffix(pres, "o") {
		pres = pres[:len(pres)-1] + ";o"
	}
	out, err := jnFormatInteger(float64(v), pres)
	if err != nil {
		return strconv.Itoa(v)
	}
	return out.(string)
}

func jnDigitCount(pres string) int {
	n := 0
	for _, r := range pres {
		if r >= '0' && r <= '9' || r == '#' {
			n++
		}
	}
	return n
}

// jnParseWithPicture parses a timestamp by a picture; the common numeric
// components are supported.
func jnParseWithPicture(s, pic string) (any, error) {
	var re strings.Builder
	re.WriteString("^")
	var comps []byte
	for i := 0; i < len(pic); {
		c := pic[i]
		if c != '[' {
			re.WriteString(regexp.QuoteMeta(string(c)))
			i++
			continue
		}
		end := strings.IndexByte(pic[i:], ']')
		if end < 0 {
			return nil, &JSONataError{Code: "D3135", Message: "No matching closing bracket ']' in date/time picture string"}
		}
		marker := pic[i+1 : i+end]
		i += end + 1
		if marker == "" {
			continue
		}
		comps = append(comps, marker[0])
		switch marker[0] {
		case 'Z', 'z':
			re.WriteString(`(Z|[+-]\d{2}:?\d{2})`)
		default:
			if n := jnDigitCount(marker[1:]); n > 1 {
				re.WriteString(`(\d{` + strconv.Itoa(n) + `})`)
			} else {
				re.WriteString(`(\d+)`)
			}
		}
	}
	re.WriteString("$")
	m := regexp.MustCompile(re.String()).FindStringSubmatch(s)
	if m == nil {
		return jnUndefined, nil
	}
	year, month, day, hour, minute, sec, ms := 1970, 1, 1, 0, 0, 0, 0
	loc := time.UTC
	for k, c := range comps {
		v := m[k+1]
		n, _ := strconv.Atoi(v)
		switch c {
		case 'Y':
			year = n
		case 'M':
			month = n
		case 'D':
			day = n
		case 'H', 'h':
			hour = n
		case 'm':
			minute = n
		case 's':
			sec = n
		case 'f':
			ms = n
		case 'Z', 'z':
			if v != "Z" {
				l, ok := jnTimezone(v)
				if ok {
					loc = l
				}
			}
		}
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, ms*1e6, loc).UnixMilli(), nil
}
