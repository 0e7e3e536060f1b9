package cmd

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/sfnctl/sfnctl/asl"
)

// JUnit XML for CI test reports (GitLab, Jenkins, Azure DevOps, CircleCI):
// a test suite per checked file, a failing test case per error, a skipped
// one per warning (visible, yet not failing the report), and one passing
// case for a file without findings.

type junitReport struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, diags []asl.Diagnostic, checked []string) error {
	rep := junitReport{Name: "sfnctl validate"}
	at := map[string]int{}
	suite := func(name string) *junitSuite {
		if i, ok := at[name]; ok {
			return &rep.Suites[i]
		}
		at[name] = len(rep.Suites)
		rep.Suites = append(rep.Suites, junitSuite{Name: name})
		return &rep.Suites[len(rep.Suites)-1]
	}
	for _, f := range checked {
		suite(relativePath(f))
	}
	for _, d := range diags {
		file := relativePath(d.File)
		s := suite(file)
		where := file
		if d.Line > 0 {
			where = fmt.Sprintf("%s:%d:%d", file, d.Line, d.Column)
		}
		c := junitCase{Name: fmt.Sprintf("%s %s", d.Rule, where), ClassName: "sfnctl." + d.Rule}
		msg := &junitMessage{Message: d.Message, Type: d.Rule, Text: fmt.Sprintf("%s: %s: %s [%s]", where, d.Severity, d.Message, d.Rule)}
		if d.Severity == asl.SeverityError {
			c.Failure = msg
			s.Failures++
		} else {
			c.Skipped = msg
			s.Skipped++
		}
		s.Cases = append(s.Cases, c)
	}
	for i := range rep.Suites {
		s := &rep.Suites[i]
		if len(s.Cases) == 0 {
			s.Cases = append(s.Cases, junitCase{Name: "valid " + s.Name, ClassName: "sfnctl.validate"})
		}
		s.Tests = len(s.Cases)
		rep.Tests += s.Tests
		rep.Failures += s.Failures
		rep.Skipped += s.Skipped
	}
	return writeXML(w, rep)
}
