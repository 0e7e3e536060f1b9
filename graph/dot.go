package graph

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

const dotFont = "Helvetica,Arial,sans-serif"

// WriteDOT renders g in Graphviz's DOT language. Labels are HTML-like
// (<...>) so a state's name, caption and badges get their own sizes and
// colours; every piece of user text goes through htmlText.
func WriteDOT(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	d := &dotWriter{w: bw, g: g}
	d.header()
	d.cluster(g.Root, "  ")
	for _, e := range g.Edges {
		d.edge(e)
	}
	if g.Legend {
		d.legend()
	}
	d.line("}")
	return bw.Flush()
}

type dotWriter struct {
	w *bufio.Writer
	g *Graph
}

func (d *dotWriter) line(format string, args ...any) {
	fmt.Fprintf(d.w, format, args...)
	d.w.WriteByte('\n')
}

func (d *dotWriter) header() {
	g := d.g
	d.line("digraph \"state machine\" {")
	attrs := []string{"rankdir=" + g.Direction, "newrank=true", "nodesep=0.4", "ranksep=0.45",
		"fontname=" + quoted(dotFont), "fontsize=12", "bgcolor=\"white\"", "pad=0.3"}
	if title := d.title(); title != "" {
		attrs = append(attrs, "labelloc=t", "label=<"+title+">")
	}
	d.line("  graph [%s];", strings.Join(attrs, ", "))
	d.line("  node [fontname=%s, fontsize=11, shape=box, style=\"rounded,filled\", margin=\"0.18,0.07\", penwidth=1.3];", quoted(dotFont))
	d.line("  edge [fontname=%s, fontsize=9, color=%q, fontcolor=%q, arrowsize=0.7, penwidth=1.1];", quoted(dotFont), colEdge, colEdge)
}

// title is the machine's Comment, and the run's outcome when one is shown.
func (d *dotWriter) title() string {
	var parts []string
	if d.g.Title != "" {
		parts = append(parts, `<B>`+htmlText(truncateTo(strings.Join(strings.Fields(d.g.Title), " "), 100))+`</B>`)
	}
	if r := d.g.Run; r != nil {
		s := "run: " + firstNonEmpty(r.Status, "UNKNOWN")
		if r.Error != "" {
			s += " · " + r.Error
		}
		colour := colTaken
		if r.Status != "SUCCEEDED" {
			colour = colFailedLine
		}
		parts = append(parts, fmt.Sprintf(`<FONT POINT-SIZE="10" COLOR="%s">%s</FONT>`, colour, htmlText(truncate(s))))
	}
	return strings.Join(parts, "<BR/>")
}

func (d *dotWriter) cluster(c *Cluster, indent string) {
	for _, n := range c.Nodes {
		d.node(n, indent)
	}
	for _, sub := range d.clusterOrder(c) {
		l := clusterLooks[sub.Kind]
		if sub.Unreachable || (d.g.Run != nil && !d.clusterVisited(sub)) {
			l.fill, l.border = colGhostFill, colGhostLine
		}
		d.line("%ssubgraph %s {", indent, sub.ID)
		label := ""
		if sub.Kind == "branch" {
			label = fmt.Sprintf(`<FONT POINT-SIZE="9" COLOR="%s">%s</FONT>`, colMuted, htmlText(sub.Label))
		}
		d.line("%s  graph [label=<%s>, labeljust=l, style=%q, fillcolor=%q, color=%q, penwidth=1.2, margin=12];",
			indent, label, l.dotStyle, l.fill, l.border)
		d.cluster(sub, indent+"  ")
		d.line("%s}", indent)
		if len(sub.Starts) > 1 {
			starts := sub.Starts
			if d.g.Direction == "LR" {
				starts = reversed(starts)
			}
			d.line("%s{ rank=same; %s; }", indent, strings.Join(starts, "; "))
		}
	}
}

// clusterOrder is the order sub-clusters are written in. Graphviz puts the
// first of a rank's nodes left in TB but bottom in LR, so for LR a
// Parallel's branches go out reversed and Branch 1 ends up on top.
func (d *dotWriter) clusterOrder(c *Cluster) []*Cluster {
	if d.g.Direction == "LR" && c.Kind == "Parallel" {
		return reversed(c.Clusters)
	}
	return c.Clusters
}

func reversed[T any](s []T) []T {
	out := make([]T, len(s))
	for i, x := range s {
		out[len(s)-1-i] = x
	}
	return out
}

// clusterVisited reports whether a run entered anything in c.
func (d *dotWriter) clusterVisited(c *Cluster) bool {
	for _, n := range c.Nodes {
		if n.Visits > 0 {
			return true
		}
	}
	for _, sub := range c.Clusters {
		if d.clusterVisited(sub) {
			return true
		}
	}
	return false
}

func (d *dotWriter) node(n *Node, indent string) {
	g := d.g
	l := g.nodeLook(n)
	attrs := []string{}
	switch n.Kind {
	case KindJoin:
		attrs = append(attrs, "shape=circle", "width=0.14", "height=0.14", "fixedsize=true", "label=\"\"",
			"style=filled", fmt.Sprintf("fillcolor=%q", l.border), fmt.Sprintf("color=%q", l.border))
		d.line("%s%s [%s];", indent, n.ID, strings.Join(attrs, ", "))
		return
	case KindGoto:
		attrs = append(attrs, "shape=cds", fmt.Sprintf("style=%q", l.dotStyle), "fontsize=9", "margin=\"0.08,0.02\"", "height=0.3",
			fmt.Sprintf("fillcolor=%q", l.fill), fmt.Sprintf("color=%q", l.border), fmt.Sprintf("fontcolor=%q", l.font),
			"label=<→ "+htmlText(n.Name)+">", "tooltip="+quoted("drawn once, elsewhere: "+n.Name))
		d.line("%s%s [%s];", indent, n.ID, strings.Join(attrs, ", "))
		return
	case KindStart, KindEnd:
		attrs = append(attrs, "shape=oval", "style=filled", "margin=\"0.12,0.03\"", "fontsize=10",
			fmt.Sprintf("fillcolor=%q", l.fill), fmt.Sprintf("color=%q", l.border), fmt.Sprintf("fontcolor=%q", l.font),
			fmt.Sprintf("label=<<B>%s</B>>", n.Name))
		if g.Run != nil && n.Visits == 0 {
			attrs[len(attrs)-3] = fmt.Sprintf("fillcolor=%q", colGhostLine)
		}
		d.line("%s%s [%s];", indent, n.ID, strings.Join(attrs, ", "))
		return
	}
	attrs = append(attrs, "shape="+l.dotShape, fmt.Sprintf("style=%q", l.dotStyle),
		fmt.Sprintf("fillcolor=%q", l.fill), fmt.Sprintf("color=%q", l.border), fmt.Sprintf("fontcolor=%q", l.font))
	if n.Kind == "Succeed" {
		attrs = append(attrs, "peripheries=2")
	}
	if n.Kind == "Choice" {
		attrs = append(attrs, "margin=\"0.05,0.03\"")
	}
	if n.Kind == "Parallel" || n.Kind == "Choice" {
		// Branches, and Choice rules, keep definition order across the page.
		attrs = append(attrs, "ordering=out")
	}
	if n.Kind == KindNoMatch {
		attrs = append(attrs, "fontsize=9")
	}
	if g.Run != nil && n.Visits > 0 {
		attrs = append(attrs, "penwidth=2.4")
	}
	if n.Failed != "" {
		attrs = append(attrs, "penwidth=3")
	} else if n.Caught != "" {
		attrs = append(attrs, fmt.Sprintf("color=%q", colCaught), "penwidth=2.6")
	}
	attrs = append(attrs, "label=<"+d.nodeLabel(n, l)+">")
	if n.Tooltip != "" {
		attrs = append(attrs, "tooltip="+quoted(n.Tooltip))
	}
	d.line("%s%s [%s];", indent, n.ID, strings.Join(attrs, ", "))
}

func (d *dotWriter) nodeLabel(n *Node, l look) string {
	var sb strings.Builder
	name := n.Name
	if n.Kind == KindMissing {
		name = "⚠ " + name
	}
	sb.WriteString("<B>" + htmlLines(name) + "</B>")
	muted := colMuted
	if l.font != looks[n.Kind].font {
		muted = l.font // ghosts and hot states keep one colour throughout
	}
	if t := typeLine(n); t != "" {
		fmt.Fprintf(&sb, `<BR/><FONT POINT-SIZE="9" COLOR="%s">%s</FONT>`, muted, htmlText(t))
	}
	for _, b := range n.Badges {
		fmt.Fprintf(&sb, `<BR/><FONT POINT-SIZE="8" COLOR="%s">%s</FONT>`, muted, htmlText(b))
	}
	for _, s := range d.g.overlayLines(n) {
		colour := muted
		switch {
		case strings.HasPrefix(s, "✖"):
			colour = colFailedLine
		case strings.HasPrefix(s, "⚠"):
			colour = colCaught
		}
		fmt.Fprintf(&sb, `<BR/><FONT POINT-SIZE="9" COLOR="%s"><B>%s</B></FONT>`, colour, htmlText(s))
	}
	return sb.String()
}

func (d *dotWriter) edge(e *Edge) {
	if e.Kind == EdgeLayout {
		d.line("  %s -> %s [style=invis];", e.From, e.To)
		return
	}
	attrs := []string{}
	colour := colEdge
	label := e.Label
	ghost := d.g.ghostEdge(e)
	switch e.Kind {
	case EdgeChoice, EdgeDefault:
		colour = colChoice
	case EdgeCatch:
		colour = colCatch
		attrs = append(attrs, "style=dashed")
	case EdgeNoMatch:
		colour = colCatch
		attrs = append(attrs, "style=dotted")
	}
	if ghost {
		colour = colGhostLine
	}
	if d.g.Run != nil {
		switch {
		case e.Taken > 0 && e.Kind == EdgeCatch:
			colour = colCaught
			attrs = append(attrs, "penwidth=2.6")
			if e.Caught != "" {
				label = truncate("caught " + e.Caught)
			}
		case e.Taken > 0:
			colour = colTaken
			attrs = append(attrs, "penwidth=2.6")
		case e.Dimmed:
			colour = colGhostLine
		}
		if e.Taken > 1 {
			label = strings.TrimSpace(label + " ×" + strconv.Itoa(e.Taken))
		}
	}
	if e.Kind == EdgeNext || e.Kind == EdgeStart || e.Kind == EdgeEnd {
		attrs = append(attrs, "weight=4") // keeps the main path straight
	}
	attrs = append(attrs, fmt.Sprintf("color=%q", colour), fmt.Sprintf("fontcolor=%q", colour))
	if label != "" {
		text := htmlText(label)
		if e.Kind == EdgeDefault {
			text = "<I>" + text + "</I>"
		}
		attrs = append(attrs, "label=< "+text+" >")
	}
	d.line("  %s -> %s [%s];", e.From, e.To, strings.Join(attrs, ", "))
}

// legend is one table: a swatch per kind of box, a short line per kind of
// edge. One node lays out instantly and sits beside the diagram.
func (d *dotWriter) legend() {
	var sb strings.Builder
	fmt.Fprintf(&sb, `<TABLE BORDER="1" COLOR="%s" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2" STYLE="ROUNDED">`, colGhostLine)
	sb.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>`)
	for _, item := range legendItems(d.g) {
		l := looks[item.kind]
		style := ""
		switch item.kind {
		case "unreachable":
			l = look{fill: colGhostFill, border: colGhostLine, font: colGhostText}
			style = ` STYLE="DASHED"`
		case "failed":
			l = look{fill: colFailedFill, border: colFailedLine, font: "#450A0A"}
		case KindMissing, KindNoMatch, KindGoto:
			style = ` STYLE="DASHED"`
		}
		fmt.Fprintf(&sb, `<TR><TD BORDER="1" COLOR="%s" BGCOLOR="%s" WIDTH="28"%s> </TD><TD ALIGN="LEFT">%s</TD></TR>`,
			l.border, l.fill, style, htmlText(item.label))
	}
	for _, item := range legendEdges(d.g) {
		line := "━━━▶"
		if item.style == "dashed" {
			line = "╍╍╍▶"
		}
		fmt.Fprintf(&sb, `<TR><TD><FONT COLOR="%s">%s</FONT></TD><TD ALIGN="LEFT"><FONT COLOR="%s">%s</FONT></TD></TR>`,
			item.colour, line, item.colour, htmlText(item.label))
	}
	sb.WriteString(`</TABLE>`)
	d.line("  legend [shape=plain, style=\"\", fontsize=9, label=<%s>];", sb.String())
	// An invisible edge from End keeps the legend after the diagram.
	for _, n := range d.g.Root.Nodes {
		if n.Kind == KindEnd {
			d.line("  %s -> legend [style=invis];", n.ID)
		}
	}
}

// htmlText escapes text for a Graphviz HTML-like label; line breaks in
// user text become spaces here (htmlLines keeps them).
func htmlText(s string) string {
	var sb strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '&':
			sb.WriteString("&amp;")
		case r == '<':
			sb.WriteString("&lt;")
		case r == '>':
			sb.WriteString("&gt;")
		case r == '"':
			sb.WriteString("&quot;")
		case r == '\'':
			sb.WriteString("&#39;")
		case r == '\\':
			// Graphviz expands \N, \G, \L… even inside HTML labels; a
			// doubled backslash is the only way to print one.
			sb.WriteString(`\\`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			sb.WriteByte(' ')
		case r == 0xFFFE || r == 0xFFFF:
			sb.WriteRune('\uFFFD')
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// htmlLines escapes a name, keeping the line breaks its author put in.
func htmlLines(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = htmlText(l)
	}
	return strings.Join(lines, "<BR/>")
}

// quoted makes a DOT double-quoted string. Backslashes are doubled because
// DOT reads \N, \G, \l and friends as escapes in labels and tooltips.
func quoted(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			sb.WriteByte('\\')
			sb.WriteRune(r)
		case r == '\n':
			sb.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			sb.WriteByte(' ')
		default:
			sb.WriteRune(r)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}
