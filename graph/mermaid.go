package graph

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// mermaidShapes gives each kind its flowchart shape: the opening and
// closing brackets around the quoted label.
var mermaidShapes = map[string][2]string{
	"Task":      {"(", ")"},
	"Pass":      {"[", "]"},
	"Choice":    {"{", "}"},
	"Wait":      {"[/", "/]"},
	"Succeed":   {"([", "])"},
	"Fail":      {"([", "])"},
	"Parallel":  {"[[", "]]"},
	"Map":       {"[[", "]]"},
	"Unknown":   {"[", "]"},
	KindStart:   {"((", "))"},
	KindEnd:     {"((", "))"},
	KindJoin:    {"((", "))"},
	KindMissing: {"[", "]"},
	KindNoMatch: {">", "]"},
	KindGoto:    {">", "]"},
}

// WriteMermaid renders g as a Mermaid flowchart that GitHub renders in
// Markdown. Node ids are plain [A-Za-z0-9_] behind a prefix, so no state
// name can collide with a keyword such as end or subgraph; labels are
// always quoted and escaped with Mermaid's #code; entities.
func WriteMermaid(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	m := &mermaidWriter{w: bw, g: g, classes: map[string][]string{}}
	if title := m.title(); title != "" {
		var b strings.Builder // a JSON string is a valid YAML double-quoted scalar
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(title)
		m.line("---")
		m.line("title: %s", strings.TrimSpace(b.String()))
		m.line("---")
	}
	m.line("flowchart %s", g.Direction)
	m.cluster(g.Root, "  ")
	for _, e := range g.Edges {
		m.edge(e)
	}
	if g.Legend {
		m.legend()
	}
	m.styles()
	return bw.Flush()
}

type mermaidWriter struct {
	w       *bufio.Writer
	g       *Graph
	links   int                 // edges written so far: linkStyle counts them
	linkCSS map[string][]string // style → link indexes
	classes map[string][]string // class → node ids
	styled  []string            // per-node style lines (heat)
}

func (m *mermaidWriter) line(format string, args ...any) {
	fmt.Fprintf(m.w, format, args...)
	m.w.WriteByte('\n')
}

func (m *mermaidWriter) title() string {
	var parts []string
	if m.g.Title != "" {
		parts = append(parts, truncateTo(strings.Join(strings.Fields(m.g.Title), " "), 100))
	}
	if r := m.g.Run; r != nil {
		s := "run: " + firstNonEmpty(r.Status, "UNKNOWN")
		if r.Error != "" {
			s += " · " + r.Error
		}
		parts = append(parts, truncate(s))
	}
	return strings.Join(parts, " — ")
}

func (m *mermaidWriter) cluster(c *Cluster, indent string) {
	for _, n := range c.Nodes {
		m.node(n, indent)
	}
	for _, sub := range c.Clusters {
		label := " "
		if sub.Kind == "branch" {
			label = sub.Label
		}
		m.line(`%ssubgraph %s ["%s"]`, indent, sub.ID, mermaidText(label))
		m.cluster(sub, indent+"  ")
		m.line("%send", indent)
		l := clusterLooks[sub.Kind]
		if sub.Unreachable || (m.g.Run != nil && !clusterVisited(sub)) {
			l.fill, l.border = colGhostFill, colGhostLine
		}
		css := fmt.Sprintf("style %s fill:%s,stroke:%s", sub.ID, l.fill, l.border)
		if strings.Contains(l.dotStyle, "dashed") {
			css += ",stroke-dasharray:4 3"
		}
		m.styled = append(m.styled, css)
	}
}

func clusterVisited(c *Cluster) bool {
	for _, n := range c.Nodes {
		if n.Visits > 0 {
			return true
		}
	}
	for _, sub := range c.Clusters {
		if clusterVisited(sub) {
			return true
		}
	}
	return false
}

func (m *mermaidWriter) node(n *Node, indent string) {
	shape, ok := mermaidShapes[n.Kind]
	if !ok {
		shape = mermaidShapes["Unknown"]
	}
	var label string
	switch n.Kind {
	case KindJoin:
		label = " "
	case KindStart, KindEnd:
		label = n.Name
	case KindGoto:
		label = "→ " + mermaidText(n.Name)
	default:
		name := n.Name
		if n.Kind == KindMissing {
			name = "⚠ " + name
		}
		label = mermaidLines(name)
		var small []string
		if t := typeLine(n); t != "" {
			small = append(small, mermaidText(t))
		}
		for _, b := range n.Badges {
			small = append(small, mermaidText(b))
		}
		for _, s := range m.g.overlayLines(n) {
			small = append(small, "<b>"+mermaidText(s)+"</b>")
		}
		if len(small) > 0 {
			label += "<br/><small>" + strings.Join(small, "<br/>") + "</small>"
		}
	}
	m.line(`%s%s%s"%s"%s`, indent, n.ID, shape[0], label, shape[1])
	m.classify(n)
}

// classify puts a node in the classDef that draws it.
func (m *mermaidWriter) classify(n *Node) {
	class := strings.ToLower(n.Kind)
	if _, ok := looks[n.Kind]; !ok && n.Kind != KindJoin {
		class = "unknown"
	}
	switch {
	case n.Unreachable || (m.g.Run != nil && n.Visits == 0 && n.Kind != KindMissing):
		class = "ghost"
	case n.Failed != "":
		class = "failed"
	case n.Caught != "":
		m.classes["caught"] = append(m.classes["caught"], n.ID)
	}
	if m.g.Run != nil && n.Visits > 0 && n.State != nil {
		m.classes["visited"] = append(m.classes["visited"], n.ID)
	}
	m.classes[class] = append(m.classes[class], n.ID)
	if m.g.Heat && n.State != nil && n.Failed == "" && !n.Unreachable && n.Visits > 0 {
		l := m.g.nodeLook(n)
		m.styled = append(m.styled, fmt.Sprintf("style %s fill:%s,color:%s", n.ID, l.fill, l.font))
	}
}

func (m *mermaidWriter) edge(e *Edge) {
	if e.Kind == EdgeLayout {
		m.line("  %s ~~~ %s", e.From, e.To)
		m.linkStyle("")
		return
	}
	arrow := "-->"
	css := ""
	label := e.Label
	switch e.Kind {
	case EdgeChoice, EdgeDefault:
		css = "stroke:" + colChoice + ",color:" + colChoice
	case EdgeCatch, EdgeNoMatch:
		arrow = "-.->"
		css = "stroke:" + colCatch + ",color:" + colCatch
	}
	if m.g.ghostEdge(e) {
		css = "stroke:" + colGhostLine + ",color:" + colGhostText
	}
	if m.g.Run != nil {
		switch {
		case e.Taken > 0 && e.Kind == EdgeCatch:
			css = "stroke:" + colCaught + ",stroke-width:3px,color:" + colCaught
			if e.Caught != "" {
				label = truncate("caught " + e.Caught)
			}
		case e.Taken > 0:
			arrow = "==>"
			css = "stroke:" + colTaken + ",stroke-width:3px,color:" + colTaken
		case e.Dimmed:
			css = "stroke:" + colGhostLine + ",color:" + colGhostText
		}
		if e.Taken > 1 {
			label = strings.TrimSpace(label + " ×" + strconv.Itoa(e.Taken))
		}
	}
	if label != "" {
		m.line(`  %s %s|"%s"| %s`, e.From, arrow, mermaidText(label), e.To)
	} else {
		m.line("  %s %s %s", e.From, arrow, e.To)
	}
	m.linkStyle(css)
}

func (m *mermaidWriter) linkStyle(css string) {
	if css != "" {
		if m.linkCSS == nil {
			m.linkCSS = map[string][]string{}
		}
		m.linkCSS[css] = append(m.linkCSS[css], strconv.Itoa(m.links))
	}
	m.links++
}

func (m *mermaidWriter) legend() {
	m.line(`  subgraph legend ["Legend"]`)
	for i, item := range legendItems(m.g) {
		id := "legend_" + strconv.Itoa(i)
		kind := item.kind
		class := strings.ToLower(kind)
		switch kind {
		case "unreachable":
			kind, class = "Pass", "ghost"
		case "failed":
			kind = "Task"
		}
		shape := mermaidShapes[kind]
		m.line(`    %s%s"%s"%s`, id, shape[0], mermaidText(item.label), shape[1])
		m.classes[class] = append(m.classes[class], id)
	}
	for i, item := range legendEdges(m.g) {
		a, b := "legend_e"+strconv.Itoa(i)+"a", "legend_e"+strconv.Itoa(i)+"b"
		arrow := "-->"
		if item.style == "dashed" {
			arrow = "-.->"
		}
		m.line(`    %s[" "] %s|"%s"| %s[" "]`, a, arrow, mermaidText(item.label), b)
		m.classes["legendpoint"] = append(m.classes["legendpoint"], a, b)
		m.linkStyle("stroke:" + item.colour + ",color:" + item.colour + ",stroke-width:" + item.width + "px")
	}
	m.line("  end")
	m.styled = append(m.styled, "style legend fill:#FFFFFF,stroke:"+colGhostLine)
}

// styles writes the classDefs the nodes use, then the link styles, in a
// fixed order.
func (m *mermaidWriter) styles() {
	defs := map[string]string{
		"ghost":       fmt.Sprintf("fill:%s,stroke:%s,color:%s,stroke-dasharray:4 3", colGhostFill, colGhostLine, colGhostText),
		"failed":      fmt.Sprintf("fill:%s,stroke:%s,color:#450A0A,stroke-width:3px", colFailedFill, colFailedLine),
		"caught":      fmt.Sprintf("stroke:%s,stroke-width:3px", colCaught),
		"visited":     "stroke-width:3px",
		"join":        "fill:#64748B,stroke:#64748B",
		"legendpoint": "fill:#FFFFFF,stroke:#FFFFFF",
	}
	for kind, l := range looks {
		css := fmt.Sprintf("fill:%s,stroke:%s,color:%s", l.fill, l.border, l.font)
		if strings.Contains(l.dotStyle, "dashed") {
			css += ",stroke-dasharray:4 3"
		}
		defs[strings.ToLower(kind)] = css
	}
	names := make([]string, 0, len(m.classes))
	for c := range m.classes {
		names = append(names, c)
	}
	// Kinds first, then the overlays, so an overlay's stroke wins.
	rank := map[string]int{"ghost": 1, "failed": 1, "caught": 2, "visited": 2}
	sort.Slice(names, func(i, j int) bool {
		if rank[names[i]] != rank[names[j]] {
			return rank[names[i]] < rank[names[j]]
		}
		return names[i] < names[j]
	})
	// Class names get a prefix: "end" or "default" alone are keywords.
	for _, c := range names {
		m.line("  classDef k_%s %s", c, defs[c])
	}
	for _, c := range names {
		m.line("  class %s k_%s", strings.Join(m.classes[c], ","), c)
	}
	for _, s := range m.styled {
		m.line("  %s", s)
	}
	var css []string
	for c := range m.linkCSS {
		css = append(css, c)
	}
	sort.Strings(css)
	for _, c := range css {
		m.line("  linkStyle %s %s", strings.Join(m.linkCSS[c], ","), c)
	}
}

// mermaidText escapes text for a quoted Mermaid label. Mermaid decodes
// #name; and #123; entity codes, so '#' itself must be encoded too.
func mermaidText(s string) string {
	var sb strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			sb.WriteString("#quot;")
		case r == '#':
			sb.WriteString("#35;")
		case r == '&':
			sb.WriteString("#amp;")
		case r == '<':
			sb.WriteString("#lt;")
		case r == '>':
			sb.WriteString("#gt;")
		case r == '`':
			sb.WriteString("#96;")
		case r == '|':
			sb.WriteString("#124;")
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			sb.WriteByte(' ')
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// mermaidLines escapes a name, keeping its line breaks.
func mermaidLines(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = mermaidText(l)
	}
	return strings.Join(lines, "<br/>")
}
