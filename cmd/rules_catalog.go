package cmd

import "strings"

// ruleSummary is the one-line description of a rule shown in SARIF rule
// metadata, as Markdown and as plain text; docs/rules.md has the long form
// and an example for each (ruleCatalog is generated from it).
func ruleSummary(id string) (markdown, text string) {
	s, ok := ruleCatalog[id]
	if !ok {
		s = "sfnctl rule " + id
	}
	return s, strings.ReplaceAll(s, "`", "")
}
