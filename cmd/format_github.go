package cmd

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// GitHub Actions workflow commands: each finding becomes an annotation on
// the pull request's diff (::error file=…,line=…,col=…,title=…::message).
// Data is escaped as the runner unescapes it: % CR LF in the message, and
// also : and , in property values.

var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func githubCommand(s asl.Severity) string {
	switch s {
	case asl.SeverityWarning:
		return "warning"
	case asl.SeverityInfo:
		return "notice"
	}
	return "error"
}

// writeGitHub writes one workflow command per finding.
func writeGitHub(w io.Writer, diags []asl.Diagnostic) error {
	for _, d := range diags {
		props := []string{"file=" + githubProperty.Replace(filepath.ToSlash(relativePath(d.File)))}
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line), fmt.Sprintf("col=%d", d.Column))
			if d.EndLine >= d.Line {
				props = append(props, fmt.Sprintf("endLine=%d", d.EndLine))
				// GitHub takes endColumn only for a finding on one line.
				if d.EndLine == d.Line && d.EndColumn > d.Column {
					props = append(props, fmt.Sprintf("endColumn=%d", d.EndColumn))
				}
			}
		}
		props = append(props, "title="+githubProperty.Replace("sfnctl "+d.Rule))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", githubCommand(d.Severity), strings.Join(props, ","),
			githubData.Replace(d.Message+" ["+d.Rule+"]")); err != nil {
			return err
		}
	}
	return nil
}
