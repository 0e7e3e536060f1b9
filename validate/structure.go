package validate

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sfnctl/sfnctl/asl"
)

// maxStateNameLength is AWS's limit, in Unicode characters.
const maxStateNameLength = 80

// checkStructure: state names (length, uniqueness across the whole machine,
// nested scopes included) and End xor Next on states that transition.
func (c *checker) checkStructure() {
	seen := map[string]*asl.State{}
	c.sm.Walk(func(st *asl.State) {
		if n := utf8.RuneCountInString(st.Name); n > maxStateNameLength {
			c.errorAt(st.Pointer, "state-name-too-long", codeInvalidStateName,
				fmt.Sprintf("State name '%s' is %d characters long; AWS allows at most %d", truncate(st.Name), n, maxStateNameLength))
		}
		if first, dup := seen[st.Name]; dup {
			// The copy in the more deeply nested scope is reported (a branch
			// or processor state named like an outer one); at equal depth,
			// the later one.
			report, other := st, first
			if scopeDepth(st.Pointer) < scopeDepth(first.Pointer) {
				report, other = first, st
			}
			c.errorAt(report.Pointer, "duplicate-state-name", codeDuplicateState,
				fmt.Sprintf("Duplicate State name: '%s' (state names must be unique across the whole state machine, nested scopes included; also defined at %s): rename one of them",
					st.Name, c.where(other.Pointer)))
		} else {
			seen[st.Name] = st
		}
		c.checkEndNext(st)
	})
}

// checkEndNext: Task, Pass, Wait, Parallel and Map need exactly one of
// "Next" and "End": true. Choice, Succeed and Fail have neither (the schema
// reports those fields as unsupported there).
func (c *checker) checkEndNext(st *asl.State) {
	switch st.Type {
	case "Task", "Pass", "Wait", "Parallel", "Map":
	default:
		return
	}
	_, hasNext := st.Raw["Next"]
	end, hasEnd := st.Raw["End"]
	switch {
	case hasNext && hasEnd && end == true:
		c.errorAt(st.Pointer+"/End", "end-and-next", codeSchema,
			fmt.Sprintf("State '%s' has both 'Next' and 'End': keep exactly one", st.Name))
	case !hasNext && !hasEnd:
		if c.nearMiss(st.Pointer, "Next") != "" || c.nearMiss(st.Pointer, "End") != "" {
			return // a misspelt Next or End: the unknown-field finding says so
		}
		c.errorAt(st.Pointer, "missing-next-or-end", codeSchema,
			fmt.Sprintf("State '%s' needs either 'Next' or \"End\": true", st.Name))
	case !hasNext && end == false:
		c.errorAt(st.Pointer+"/End", "missing-next-or-end", codeSchema,
			fmt.Sprintf("State '%s' has \"End\": false and no 'Next': set \"End\": true or add 'Next'", st.Name))
	}
}

// where renders a pointer's position as line:column for messages.
func (c *checker) where(pointer string) string {
	loc, _ := c.doc.Locate(pointer)
	s := loc.Key
	if s.Line == 0 {
		s = loc.Value
	}
	if s.Line == 0 {
		return pointer
	}
	return fmt.Sprintf("line %d", s.Line)
}

func truncate(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	r := []rune(s)
	return string(r[:40]) + "…"
}

// scopeDepth is how many States objects enclose the state at pointer.
func scopeDepth(pointer string) int { return strings.Count(pointer, "/States/") }
