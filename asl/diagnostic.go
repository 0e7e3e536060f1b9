package asl

import (
	"fmt"
	"sort"
)

// Severity orders findings: errors fail a run, warnings fail only under --strict.
type Severity int

const (
	SeverityError Severity = iota
	SeverityWarning
	SeverityInfo
)

func (s Severity) String() string {
	switch s {
	case SeverityWarning:
		return "warning"
	case SeverityInfo:
		return "info"
	}
	return "error"
}

// MarshalText makes Severity print as its name in JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one finding about one place in one file.
type Diagnostic struct {
	File      string
	Rule      string // stable kebab-case id, e.g. missing-transition-target
	Code      string // AWS diagnostic code when AWS has one, e.g. MISSING_TRANSITION_TARGET
	Message   string
	Pointer   string // JSON pointer into the definition, "" for the whole file
	Line      int    // 1-based; 0 when unknown
	Column    int
	EndLine   int
	EndColumn int
	Severity  Severity
}

func (d Diagnostic) String() string {
	if d.Line == 0 {
		return fmt.Sprintf("%s: %s: %s [%s]", d.File, d.Severity, d.Message, d.Rule)
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", d.File, d.Line, d.Column, d.Severity, d.Message, d.Rule)
}

// SortDiagnostics orders findings by file, line, column and rule, and drops
// exact repeats (the schema and a semantic rule may say the same thing).
func SortDiagnostics(ds []Diagnostic) []Diagnostic {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d == ds[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}
