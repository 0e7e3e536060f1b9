package graph

import (
	"strconv"
	"strings"
)

// ids hands out node ids that are safe in both DOT and Mermaid without
// quoting: ASCII letters, digits and underscores, always behind a prefix, so
// a state called "end", "graph" or "subgraph" can never read as a keyword.
// The id comes from the name, so it stays put when other states change.
type ids struct {
	used map[string]bool
	next map[string]int // the next suffix to try per base, so repeats stay O(1)
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

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
	if a.used[id] {
		i := max(a.next[base], 2)
		for ; a.used[base+"_"+strconv.Itoa(i)]; i++ {
		}
		id = base + "_" + strconv.Itoa(i)
		a.next[base] = i + 1
	}
	a.used[id] = true
	return id
}
