package expr

import "testing"

// TestJSONataCaseMapping: jsonata-js calls JavaScript's toUpperCase and
// toLowerCase, whose results for these strings are fixed by the Unicode
// SpecialCasing rules ECMAScript requires (ß → SS, ﬁ → FI, word-final Σ → ς,
// İ → i + U+0307).
func TestJSONataCaseMapping(t *testing.T) {
	tests := []struct{ expr, want string }{
		{"$uppercase('straße')", "STRASSE"},
		{"$uppercase('ﬁne')", "FINE"},
		{"$uppercase('abc')", "ABC"},
		{"$lowercase('ΟΔΟΣ ΟΔΟΣ.')", "οδος οδος."},
		{"$lowercase('Σ')", "σ"},
		{"$lowercase('İ')", "i\u0307"},
		{"$lowercase('ABC')", "abc"},
	}
	for _, tc := range tests {
		got, defined, err := jnEvalTest(t, tc.expr, NewEnv(1))
		if err != nil || !defined || got != tc.want {
			t.Errorf("%s = %q, %v, %v; want %q", tc.expr, got, defined, err, tc.want)
		}
	}
}
