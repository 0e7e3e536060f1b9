package cmd

import (
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/sfnctl/sfnctl/asl"
)

// SARIF 2.1.0 for GitHub code scanning (upload with
// github/codeql-action/upload-sarif). Paths are relative to the working
// directory, which in CI is the repository root GitHub resolves them against.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	rulesDocsURL = "https://github.com/sfnctl/sfnctl/blob/main/docs/rules.md#"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	HelpURI              string          `json:"helpUri"`
	Help                 sarifText       `json:"help"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           map[string]any  `json:"properties,omitempty"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

func sarifLevel(s asl.Severity) string {
	switch s {
	case asl.SeverityWarning:
		return "warning"
	case asl.SeverityInfo:
		return "note"
	}
	return "error"
}

// writeSARIF writes diags as one SARIF run. Every rule that fired is
// described once in the driver, with its documentation link.
func writeSARIF(w io.Writer, diags []asl.Diagnostic, version string) error {
	run := sarifRun{ColumnKind: "unicodeCodePoints", Results: []sarifResult{},
		Tool: sarifTool{Driver: sarifDriver{Name: "sfnctl", Version: version,
			InformationURI: "https://github.com/sfnctl/sfnctl", Rules: []sarifRule{}}}}
	index := map[string]int{}
	var ids []string
	levels := map[string]asl.Severity{}
	for _, d := range diags {
		if _, seen := levels[d.Rule]; !seen {
			ids = append(ids, d.Rule)
			levels[d.Rule] = d.Severity
		}
	}
	sort.Strings(ids)
	for i, id := range ids {
		index[id] = i
		md, text := ruleSummary(id)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID: id, Name: ruleName(id),
			ShortDescription:     sarifText{Text: firstSentence(text)},
			FullDescription:      sarifText{Text: text, Markdown: md},
			HelpURI:              rulesDocsURL + id,
			Help:                 sarifText{Text: text + " See " + rulesDocsURL + id, Markdown: md + "\n\n[Documentation and example](" + rulesDocsURL + id + ")"},
			DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(levels[id])},
			Properties:           map[string]any{"tags": []string{"aws", "step-functions"}},
		})
	}
	for _, d := range diags {
		res := sarifResult{RuleID: d.Rule, RuleIndex: index[d.Rule], Level: sarifLevel(d.Severity),
			Message: sarifText{Text: d.Message}}
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: artifactFor(d.File)}}
		if d.Line > 0 {
			r := &sarifRegion{StartLine: d.Line, StartColumn: d.Column}
			if d.EndLine >= d.Line && d.EndLine > 0 {
				r.EndLine = d.EndLine
				if d.EndLine > d.Line || d.EndColumn > d.Column {
					r.EndColumn = d.EndColumn
				}
			}
			loc.PhysicalLocation.Region = r
		}
		res.Locations = []sarifLocation{loc}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// artifactFor makes a file's SARIF location: relative to the repository
// root (%SRCROOT%) when it is under the working directory, else a file URI.
func artifactFor(file string) sarifArtifact {
	rel := relativePath(file)
	if filepath.IsAbs(rel) {
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(rel)}).String()}
	}
	segs := strings.Split(filepath.ToSlash(rel), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return sarifArtifact{URI: strings.Join(segs, "/"), URIBaseID: "%SRCROOT%"}
}

// relativePath shortens an absolute path under the working directory;
// other paths are returned as they are (already relative, or outside).
func relativePath(file string) string {
	if !filepath.IsAbs(file) {
		return filepath.Clean(file)
	}
	wd, err := os.Getwd()
	if err != nil {
		return file
	}
	if rel, err := filepath.Rel(wd, file); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return file
}

// ruleName is a rule id in the PascalCase SARIF viewers show as a title.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		r := []rune(part)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

// firstSentence shortens a description for SARIF's shortDescription.
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}
