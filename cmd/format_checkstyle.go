package cmd

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/sfnctl/sfnctl/asl"
)

// Checkstyle XML, read by Jenkins (warnings-ng), reviewdog, GitLab and
// most code-review bots: one <file> per checked file, one <error> per finding.

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// writeCheckstyle lists every checked file, in order, with its findings;
// files that only appear in findings (a DefinitionUri target) follow.
func writeCheckstyle(w io.Writer, diags []asl.Diagnostic, checked []string) error {
	rep := checkstyleReport{Version: "4.3"}
	at := map[string]int{}
	add := func(name string) int {
		if i, ok := at[name]; ok {
			return i
		}
		at[name] = len(rep.Files)
		rep.Files = append(rep.Files, checkstyleFile{Name: name})
		return at[name]
	}
	for _, f := range checked {
		add(relativePath(f))
	}
	for _, d := range diags {
		i := add(relativePath(d.File))
		rep.Files[i].Errors = append(rep.Files[i].Errors, checkstyleError{Line: d.Line, Column: d.Column,
			Severity: d.Severity.String(), Message: d.Message, Source: "sfnctl." + d.Rule})
	}
	return writeXML(w, rep)
}

// writeXML writes an indented XML document with its header, as the
// Checkstyle and JUnit readers expect.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}
