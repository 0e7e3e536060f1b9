package graph

type legendItem struct{ kind, label string }

type legendEdge struct{ label, colour, style, width string }

// stateOrder is the order types appear in the legend.
var stateOrder = []string{"Task", "Pass", "Choice", "Wait", "Parallel", "Map", "Succeed", "Fail"}

// legendItems lists the kinds of box the picture uses, and no others, so
// the legend explains this diagram rather than every possible one.
func legendItems(g *Graph) []legendItem {
	seen := map[string]bool{}
	var walk func(*Cluster)
	walk = func(c *Cluster) {
		for _, n := range c.Nodes {
			seen[n.Kind] = true
			if n.Unreachable && n.State != nil {
				seen["unreachable"] = true
			}
			if n.Failed != "" {
				seen["failed"] = true
			}
		}
		for _, sub := range c.Clusters {
			walk(sub)
		}
	}
	walk(g.Root)
	var out []legendItem
	for _, k := range stateOrder {
		if seen[k] {
			out = append(out, legendItem{k, k})
		}
	}
	for _, x := range []legendItem{
		{KindMissing, "missing state"},
		{KindNoMatch, "no Choice rule matched"},
		{KindGoto, "→ goes to a state drawn once"},
		{"unreachable", "unreachable"},
		{"failed", "failed in this run"},
	} {
		if seen[x.kind] {
			out = append(out, x)
		}
	}
	return out
}

func legendEdges(g *Graph) []legendEdge {
	seen := map[string]bool{}
	for _, e := range g.Edges {
		seen[e.Kind] = true
		if e.Taken > 0 {
			seen["taken"] = true
			if e.Kind == EdgeCatch {
				seen["caught"] = true
			}
		}
	}
	var out []legendEdge
	if seen[EdgeChoice] || seen[EdgeDefault] {
		out = append(out, legendEdge{"choice rule / default", colChoice, "solid", "1.1"})
	}
	if seen[EdgeCatch] {
		out = append(out, legendEdge{"catch (errors)", colCatch, "dashed", "1.1"})
	}
	if seen["taken"] {
		out = append(out, legendEdge{"taken in this run", colTaken, "solid", "2.6"})
	}
	if seen["caught"] {
		out = append(out, legendEdge{"error caught in this run", colCaught, "dashed", "2.6"})
	}
	return out
}
