package graph

import (
	"fmt"
	"math"
)

// look is how one kind of node is drawn, shared by both renderers so a
// DOT picture and a Mermaid one tell the same story in the same colours.
type look struct {
	fill, border, font string
	dotShape           string
	dotStyle           string
}

var looks = map[string]look{
	"Task":      {"#E8F1FD", "#3B82F6", "#0F2A4D", "box", "rounded,filled"},
	"Pass":      {"#F3F4F6", "#9CA3AF", "#1F2937", "box", "rounded,filled"},
	"Choice":    {"#FFF7E6", "#F59E0B", "#5C3A00", "diamond", "filled"},
	"Wait":      {"#F5F3FF", "#8B5CF6", "#2E1065", "box", "rounded,filled"},
	"Succeed":   {"#DCFCE7", "#16A34A", "#14532D", "box", "rounded,filled"},
	"Fail":      {"#FEE2E2", "#DC2626", "#7F1D1D", "octagon", "filled"},
	"Parallel":  {"#E0F2FE", "#0284C7", "#0C4A6E", "box", "rounded,filled"},
	"Map":       {"#D1FAE5", "#059669", "#064E3B", "box", "rounded,filled"},
	"Unknown":   {"#FFFFFF", "#6B7280", "#111827", "box", "rounded,filled,dashed"},
	KindStart:   {"#1F2937", "#1F2937", "#FFFFFF", "oval", "filled"},
	KindEnd:     {"#1F2937", "#1F2937", "#FFFFFF", "oval", "filled"},
	KindMissing: {"#FFF1F2", "#E11D48", "#9F1239", "box", "rounded,filled,dashed"},
	KindNoMatch: {"#FFFFFF", "#E11D48", "#9F1239", "box", "rounded,filled,dashed"},
	KindGoto:    {"#FFFFFF", "#94A3B8", "#334155", "cds", "filled,dashed"},
}

// Cluster backgrounds: the container's colour, paler.
var clusterLooks = map[string]look{
	"Parallel": {"#F0F9FF", "#7DD3FC", "#0C4A6E", "", "rounded,filled"},
	"Map":      {"#F0FDF4", "#6EE7B7", "#064E3B", "", "rounded,filled"},
	"branch":   {"#FFFFFF", "#CBD5E1", "#64748B", "", "rounded,filled,dashed"},
}

// Shared colours.
const (
	colEdge       = "#4B5563"
	colChoice     = "#B45309"
	colCatch      = "#DC2626"
	colMuted      = "#64748B" // captions
	colGhostFill  = "#F8FAFC" // unreachable or not visited
	colGhostLine  = "#CBD5E1"
	colGhostText  = "#94A3B8"
	colTaken      = "#2563EB"
	colCaught     = "#EA580C"
	colFailedFill = "#FCA5A5"
	colFailedLine = "#B91C1C"
)

// heatColour runs from pale cream to deep red on OrRd, the palette
// colour-blind readers can still order.
func heatColour(level float64) string {
	stops := [][3]float64{{255, 247, 236}, {253, 212, 158}, {252, 141, 89}, {215, 48, 31}, {153, 0, 0}}
	if level <= 0 {
		return fmt.Sprintf("#%02X%02X%02X", int(stops[0][0]), int(stops[0][1]), int(stops[0][2]))
	}
	level = math.Min(level, 1)
	x := level * float64(len(stops)-1)
	i := int(x)
	if i >= len(stops)-1 {
		i = len(stops) - 2
	}
	f := x - float64(i)
	var c [3]int
	for k := range c {
		c[k] = int(math.Round(stops[i][k] + (stops[i+1][k]-stops[i][k])*f))
	}
	return fmt.Sprintf("#%02X%02X%02X", c[0], c[1], c[2])
}

// nodeLook resolves a node's colours, with the overlays applied:
// unreachable, not visited, failed, caught, heat.
func (g *Graph) nodeLook(n *Node) look {
	l, ok := looks[n.Kind]
	if !ok {
		l = looks["Unknown"]
	}
	switch {
	case n.Unreachable:
		l.fill, l.border, l.font = colGhostFill, colGhostLine, colGhostText
		l.dotStyle = dashed(l.dotStyle)
	case g.Run != nil && n.Visits == 0 && n.Kind != KindMissing:
		l.fill, l.border, l.font = colGhostFill, colGhostLine, colGhostText
	case n.Failed != "":
		l.fill, l.border, l.font = colFailedFill, colFailedLine, "#450A0A"
	}
	if g.Heat && n.State != nil && n.Failed == "" && !n.Unreachable {
		l.fill = heatColour(n.Heat)
		if n.Heat > 0.6 {
			l.font = "#FFFFFF"
		}
	}
	return l
}

func dashed(style string) string {
	if style == "" {
		return "dashed"
	}
	return style + ",dashed"
}

// typeLine is the caption with the state's type in front, so every box
// says what it is even in black and white.
func typeLine(n *Node) string {
	if n.State == nil {
		return n.Caption
	}
	switch {
	case n.Kind == "Task" && n.Caption != "":
		return n.Caption
	case n.Caption != "":
		return n.Kind + " · " + n.Caption
	}
	return n.Kind
}

// overlayLines are the extra lines a run adds under a state.
func (g *Graph) overlayLines(n *Node) []string {
	var out []string
	if n.Unreachable && n.State != nil {
		out = append(out, "unreachable")
	}
	if g.Heat && n.State != nil && n.Visits > 0 {
		out = append(out, fmt.Sprintf("×%d", n.Visits))
	}
	if g.Run != nil {
		if n.Visits > 1 && !g.Heat && n.State != nil {
			out = append(out, fmt.Sprintf("entered %d×", n.Visits))
		}
		if n.Retried > 0 {
			out = append(out, fmt.Sprintf("↻ retried %d×", n.Retried))
		}
		switch n.Caught {
		case "":
		case unknownError:
			out = append(out, "⚠ error caught")
		default:
			out = append(out, truncate("⚠ caught "+n.Caught))
		}
		switch n.Failed {
		case "":
		case unknownError:
			out = append(out, "✖ failed")
		default:
			out = append(out, truncate("✖ failed: "+n.Failed))
		}
	}
	return out
}

// ghostEdge reports an edge out of an unreachable state: drawn as pale as
// the state itself.
func (g *Graph) ghostEdge(e *Edge) bool {
	n := g.nodes[e.From]
	return n != nil && n.Unreachable
}
