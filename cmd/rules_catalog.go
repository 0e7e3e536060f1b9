package cmd

// ruleSummary is the one-line description of a rule shown in SARIF rule
// metadata; docs/rules.md has the long form and an example for each.
func ruleSummary(id string) string {
	if s, ok := ruleCatalog[id]; ok {
		return s
	}
	return "sfnctl rule " + id
}

var ruleCatalog = map[string]string{}
