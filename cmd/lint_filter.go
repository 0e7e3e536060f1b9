package cmd

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// inlineIgnoreRE finds "sfnctl:ignore" in a Comment, optionally followed by
// the rule ids it silences (separated by commas or spaces); none means all.
var inlineIgnoreRE = regexp.MustCompile(`sfnctl:ignore((?:[\s,]+[a-z0-9]+(?:-[a-z0-9]+)*)*)`)

// suppressions is one definition's inline "Comment": "sfnctl:ignore RULE":
// pointer of the commented object → the rules silenced there (nil = all).
type suppressions map[string][]string

// inlineSuppressions collects sfnctl:ignore comments anywhere in the
// definition: on a state, a Parallel branch, a Map processor, a Choice rule,
// or the machine itself. They cover the commented object and all inside it.
func inlineSuppressions(doc *asl.Document) suppressions {
	s := suppressions{}
	var walk func(ptr string, v any, depth int)
	walk = func(ptr string, v any, depth int) {
		if depth > 64 {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			if c, ok := x["Comment"].(string); ok {
				for _, m := range inlineIgnoreRE.FindAllStringSubmatch(c, -1) {
					rules := strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
					if len(rules) == 0 {
						s[ptr] = nil
					} else if old, seen := s[ptr]; !seen || old != nil {
						s[ptr] = append(old, rules...)
					}
				}
			}
			for k, child := range x {
				walk(asl.JoinPointer(ptr, k), child, depth+1)
			}
		case []any:
			for i, child := range x {
				walk(ptr+"/"+strconv.Itoa(i), child, depth+1)
			}
		}
	}
	walk("", doc.Root, 0)
	return s
}

// covers reports whether an inline comment silences d.
func (s suppressions) covers(d asl.Diagnostic) bool {
	if len(s) == 0 {
		return false
	}
	for p := d.Pointer; ; p = asl.ParentPointer(p) {
		if rules, ok := s[p]; ok && (rules == nil || hasRule(rules, d.Rule)) {
			return true
		}
		if p == "" {
			return false
		}
	}
}

func hasRule(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// filterFindings drops what the user asked not to see (--disable, the
// configuration file, inline comments) and findings about stand-ins for
// values a template fills in only at deployment. It also names the state
// machine in each message when the definition came from a template.
func filterFindings(doc *asl.Document, diags []asl.Diagnostic, disabled map[string]bool) []asl.Diagnostic {
	inline := inlineSuppressions(doc)
	prefix := ""
	if doc.Name != "" {
		if _, name, ok := strings.Cut(doc.Name, "#"); ok {
			prefix = name + ": "
		}
	}
	out := diags[:0]
	for _, d := range diags {
		if disabled[d.Rule] || inline.covers(d) || doc.IsDeferred(d.Pointer) {
			continue
		}
		d.Message = prefix + d.Message
		out = append(out, d)
	}
	return out
}
