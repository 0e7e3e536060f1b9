package graph

import (
	"strconv"
	"strings"
)

// ids hands out node ids that are safe in both DOT and Mermaid without
// quoting: ASCII letters, digits and underscores, always behind a prefix, so
// a state called "end", "graph" or "subgraph" can never read as a keyword.
// The id comes from the name, so it stays put when other states change.
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

const maxIDName = 48

func (a *ids) alloc(prefix, name string) string {
	var sb strings.Builder
	sb.WriteString(prefix)
	n := 0
	for _, r := range name {
		if n == maxIDName {
			break
		}
		n++
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			sb.WriteRune(r)
		} else {
			sb.WriteByte('_')
		}
	}
	base := sb.String()
	id := base
	for i := 2; a.used[id]; i++ {
		id = base + "_" + strconv.Itoa(i)
	}
	a.used[id] = true
	return id
}
