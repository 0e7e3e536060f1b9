package validate

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sfnctl/sfnctl/asl"
)

// maxLabelLength is AWS's limit on a Distributed Map Label.
const maxLabelLength = 40

// labelForbidden are the characters AWS does not allow in a Map Label
// (besides whitespace and control characters): it becomes part of the Map
// Run ARN.
const labelForbidden = "<>{}[]?*\"#%\\^|~`$&,;:/"

// checkLabels: Map Labels are unique in the machine, at most 40 characters
// and free of characters an ARN cannot carry.
func (c *checker) checkLabels() {
	seen := map[string]bool{}
	c.sm.Walk(func(st *asl.State) {
		label, ok := st.Raw["Label"].(string)
		if st.Type != "Map" || !ok {
			return
		}
		ptr := st.Pointer + "/Label"
		if seen[label] {
			c.errorAtValue(ptr, "duplicate-label", codeDuplicateLabel,
				fmt.Sprintf("Label '%s' is used by another Map state: labels must be unique in the state machine", label))
		}
		seen[label] = true
		bad := utf8.RuneCountInString(label) > maxLabelLength || label == ""
		for _, r := range label {
			if r <= ' ' || (r >= 0x7f && r <= 0x9f) || strings.ContainsRune(labelForbidden, r) || r == '\u00a0' {
				bad = true
			}
		}
		if bad {
			c.errorAtValue(ptr, "invalid-label", codeInvalidLabel,
				fmt.Sprintf("Label '%s' is not valid: at most %d characters, no whitespace, control characters or any of %s", label, maxLabelLength, labelForbidden))
		}
	})
}
