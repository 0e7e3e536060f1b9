package expr

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// jnUpper and jnLower are $uppercase and $lowercase with JavaScript's full
// Unicode case mapping, which jsonata-js inherits: "ß" becomes "SS" and a
// word-final "Σ" becomes "ς", where Go's strings.ToUpper/ToLower map one
// rune to one rune. ASCII takes the fast path.
func jnUpper(s string) string {
	if isASCII(s) {
		return strings.ToUpper(s)
	}
	return cases.Upper(language.Und).String(s)
}

func jnLower(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	return cases.Lower(language.Und).String(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
