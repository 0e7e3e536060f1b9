package validate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// checkPassAndFail: Fail's Error/ErrorPath and Cause/CausePath pairs, and
// AWS's warning for a Pass Result that looks dynamic but is not.
func (c *checker) checkPassAndFail() {
	c.sm.Walk(func(st *asl.State) {
		switch st.Type {
		case "Fail":
			c.exclusive(st, "Error", "ErrorPath")
			c.exclusive(st, "Cause", "CausePath")
		case "Pass":
			if m, ok := st.Raw["Result"].(map[string]any); ok {
				keys := make([]string, 0, len(m))
				for k := range m {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					if strings.HasSuffix(k, ".$") {
						c.warnAt(st.Pointer+"/Result/"+asl.EscapePointerToken(k), "pass-result-is-static", codePassResultStatic,
							fmt.Sprintf("'%s' in a Pass state's Result is not evaluated: Result is static; use Parameters to select values", k))
					}
				}
			}
		}
	})
}
