package graph

import "testing"

func TestHTMLText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`a & b`, `a &amp; b`},
		{`<b>x</b>`, `&lt;b&gt;x&lt;/b&gt;`},
		{`say "hi"`, `say &quot;hi&quot;`},
		{`it's`, `it&#39;s`},
		{`\N \G`, `\\N \\G`}, // Graphviz expands \N even in HTML labels
		{"tab\there", "tab here"},
		{"注文 ✓ café", "注文 ✓ café"},
		{"bad \xff byte", "bad \uFFFD byte"},
	} {
		if got := htmlText(tc.in); got != tc.want {
			t.Errorf("htmlText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := htmlLines("two\nlines & more"); got != "two<BR/>lines &amp; more" {
		t.Errorf("htmlLines: %q", got)
	}
}

func TestQuoted(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`plain`, `"plain"`},
		{`a "q" b`, `"a \"q\" b"`},
		{`back\slash`, `"back\\slash"`},
		{"two\nlines", `"two\nlines"`},
	} {
		if got := quoted(tc.in); got != tc.want {
			t.Errorf("quoted(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestMermaidText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`say "hi"`, `say #quot;hi#quot;`},
		{`#35;`, `#35;35;`},
		{`a<b>&c`, `a#lt;b#gt;#amp;c`},
		{"`tick` |pipe|", `#96;tick#96; #124;pipe#124;`},
		{`end [x] (y) {z}`, `end [x] (y) {z}`},
		{"ctl\x01char", "ctl char"},
	} {
		if got := mermaidText(tc.in); got != tc.want {
			t.Errorf("mermaidText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := mermaidLines("a\r\nb"); got != "a<br/>b" {
		t.Errorf("mermaidLines: %q", got)
	}
}

func TestHeatColour(t *testing.T) {
	if heatColour(0) != "#FFF7EC" || heatColour(1) != "#990000" {
		t.Errorf("ends of the scale: %s %s", heatColour(0), heatColour(1))
	}
	if heatLevel(1, 1) != 1 || heatLevel(0, 5) != 0 {
		t.Error("heat level ends")
	}
	// Log scale: one visit out of a hot loop of 100 is still visible.
	if l := heatLevel(1, 100); l < 0.1 || l > 0.2 {
		t.Errorf("heatLevel(1, 100) = %v", l)
	}
}
