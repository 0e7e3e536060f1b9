package validate

import (
	"fmt"
	"regexp"
	"time"

	"github.com/sfnctl/sfnctl/asl"
)

var waitFields = []string{"Seconds", "SecondsPath", "Timestamp", "TimestampPath"}

// checkWaits: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath;
// a literal Timestamp must be RFC 3339 (a JSONata expression is checked when
// it runs).
func (c *checker) checkWaits() {
	c.sm.Walk(func(st *asl.State) {
		if st.Type != "Wait" {
			return
		}
		// In source order, so the extra field (usually the one added last)
		// is the one reported.
		var present []string
		for _, k := range c.doc.Keys(st.Pointer) {
			if contains(waitFields, k) {
				present = append(present, k)
			}
		}
		if len(c.doc.Keys(st.Pointer)) == 0 {
			for _, f := range waitFields {
				if has(st.Raw, f) {
					present = append(present, f)
				}
			}
		}
		switch {
		case len(present) == 0:
			c.errorAt(st.Pointer, "wait-duration", codeSchema,
				fmt.Sprintf("Wait state '%s' needs exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath'", st.Name))
		case len(present) > 1:
			for _, f := range present[1:] {
				c.errorAt(st.Pointer+"/"+f, "wait-duration", codeSchema,
					fmt.Sprintf("Wait state '%s' has %s: keep exactly one", st.Name, quoteList(present)))
			}
		}
		if ts, ok := st.Raw["Timestamp"].(string); ok {
			if !(st.QueryLanguage == asl.JSONata && isJSONata(ts)) && !isRFC3339(ts) {
				c.errorAtValue(st.Pointer+"/Timestamp", "invalid-timestamp", codeSchema,
					"String does not match RFC3339 timestamp: write it like 2016-03-14T01:59:00Z (uppercase T, and Z or an offset such as +02:00)")
			}
		}
	})
}

// rfc3339 is the shape the ASL specification requires: uppercase T, and Z
// or a numeric offset.
var rfc3339 = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`)

// isRFC3339 checks shape and calendar (no month 13, no hour 25).
func isRFC3339(s string) bool {
	if !rfc3339.MatchString(s) {
		return false
	}
	_, err := time.Parse(time.RFC3339Nano, s)
	return err == nil
}
