package validate

import (
	"sort"
	"strconv"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// AWS refuses two references in JSONata expressions when the machine is
// created: "$$" (JSONata's root, which Step Functions does not offer) and
// $states.errorOutput anywhere but a catcher's Output or Assign.
const codeUnsupportedJSONata = "UNSUPPORTED_JSONATA_EXPRESSION"

func (c *checker) checkJSONataRefs() {
	c.sm.Walk(func(st *asl.State) {
		if st.QueryLanguage != asl.JSONata {
			return
		}
		keys := make([]string, 0, len(st.Raw))
		for k := range st.Raw {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			switch k {
			case "Branches", "ItemProcessor", "Iterator", "Comment", "Type", "Next", "Resource", "QueryLanguage":
				continue
			case "Catch":
				for i, ct := range listOf(st.Raw[k]) {
					c.scanJSONataRefs(ct, st.Pointer+"/Catch/"+strconv.Itoa(i), true)
				}
				continue
			}
			c.scanJSONataRefs(st.Raw[k], asl.JoinPointer(st.Pointer, k), false)
		}
	})
}

func (c *checker) scanJSONataRefs(v any, ptr string, inCatch bool) {
	switch x := v.(type) {
	case string:
		if !isJSONata(x) {
			return
		}
		code := jsonataCode(x[2 : len(x)-2])
		if code == "" {
			return
		}
		if hasToken(code, "$$") {
			c.errorAtValue(ptr, "unsupported-jsonata", codeUnsupportedJSONata, "Reference to '$$' is not supported.")
		}
		if !inCatch && hasToken(code, "$states.errorOutput") {
			c.errorAtValue(ptr, "unsupported-jsonata", codeUnsupportedJSONata,
				"Field '$states.errorOutput' does not exist. (It exists only in a catcher's Output and Assign.)")
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c.scanJSONataRefs(x[k], asl.JoinPointer(ptr, k), inCatch)
		}
	case []any:
		for i, item := range x {
			c.scanJSONataRefs(item, ptr+"/"+strconv.Itoa(i), inCatch)
		}
	}
}

// jsonataCode blanks string literals, quoted names and comments out of an
// expression so that only code is searched. It returns "" when the
// expression holds a "/" outside those (a regular expression literal cannot
// be told from a division without parsing, so we do not guess).
func jsonataCode(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"', '\'', '`':
			q := b[i]
			for i++; i < len(b) && b[i] != q; i++ {
				if b[i] == '\\' && q != '`' {
					b[i] = ' '
					i++
				}
				if i < len(b) {
					b[i] = ' '
				}
			}
		case '/':
			if i+1 < len(b) && b[i+1] == '*' {
				end := strings.Index(string(b[i+2:]), "*/")
				if end < 0 {
					return ""
				}
				for j := i; j < i+2+end+2; j++ {
					b[j] = ' '
				}
				i += 2 + end + 1
				continue
			}
			return ""
		}
	}
	return string(b)
}

// hasToken reports tok in code, not followed by more of a name ($$ is not
// $$x, $states.errorOutput is not $states.errorOutputs).
func hasToken(code, tok string) bool {
	for i := 0; ; {
		j := strings.Index(code[i:], tok)
		if j < 0 {
			return false
		}
		end := i + j + len(tok)
		if end >= len(code) || !isNameByte(code[end]) {
			if tok != "$$" || i+j == 0 || code[i+j-1] != '$' {
				return true
			}
		}
		i = end
	}
}

func isNameByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
