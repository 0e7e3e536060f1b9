package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/fatih/color"
	"github.com/sfnctl/sfnctl/asl"
)

// findings is everything a renderer needs: the diagnostics of a run, how
// many files were checked and their sources (for snippets). validate fills
// it; run fills it when it refuses an invalid definition.
type findings struct {
	Files       int
	Diagnostics []asl.Diagnostic
	Sources     map[string][]byte // by Diagnostic.File
	Checked     []string          // the files checked, in input order (checkstyle, junit)
}

func (f *findings) count(sev asl.Severity) int {
	n := 0
	for _, d := range f.Diagnostics {
		if d.Severity == sev {
			n++
		}
	}
	return n
}

// renderOptions are the presentation choices made at the edge.
type renderOptions struct {
	Snippet bool // source line and caret under each finding
	app     *app
}

// renderer writes findings in one format. Adding a format is one new file
// whose init() calls registerFormat.
type renderer func(w io.Writer, f *findings, opt renderOptions) error

var formats = map[string]renderer{}

func registerFormat(name string, r renderer) { formats[name] = r }

func init() {
	registerFormat("text", renderText)
	registerFormat("json", renderJSON)
}

// formatNames lists the registered formats for help and error messages.
func formatNames() string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// renderFindings writes f in the named format (checked by the caller).
func (a *app) renderFindings(w io.Writer, format string, f *findings, snippet bool) error {
	r, ok := formats[format]
	if !ok {
		return usageError("unknown --format %q: use one of %s", format, formatNames())
	}
	var buf bytes.Buffer
	if err := r(&buf, f, renderOptions{Snippet: snippet, app: a}); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// renderText: file:line:col: severity: message [rule], then optionally the
// source line with a caret under the offending span.
func renderText(w io.Writer, f *findings, opt renderOptions) error {
	bold := opt.app.painter(w, color.Bold)
	red := opt.app.painter(w, color.FgRed, color.Bold)
	yellow := opt.app.painter(w, color.FgYellow, color.Bold)
	cyan := opt.app.painter(w, color.FgCyan)
	faint := opt.app.painter(w, color.Faint)
	for _, d := range f.Diagnostics {
		loc := d.File
		if d.Line > 0 {
			loc = fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Column)
		}
		sev := d.Severity.String()
		switch d.Severity {
		case asl.SeverityError:
			sev = red(sev)
		case asl.SeverityWarning:
			sev = yellow(sev)
		default:
			sev = cyan(sev)
		}
		fmt.Fprintf(w, "%s: %s: %s %s\n", bold(loc), sev, d.Message, faint("["+d.Rule+"]"))
		if opt.Snippet && d.Line > 0 {
			writeSnippet(w, f.Sources[d.File], d, faint, red)
		}
	}
	return nil
}

// writeSnippet prints the source line of d and a caret line under its span.
// Tabs are shown as four spaces, on both lines, so the caret stays aligned.
func writeSnippet(w io.Writer, src []byte, d asl.Diagnostic, gutter, mark func(string) string) {
	line, ok := sourceLine(src, d.Line)
	if !ok {
		return
	}
	runes := []rune(line)
	col := min(max(d.Column-1, 0), len(runes))
	width := 1
	if d.EndLine == d.Line && d.EndColumn > d.Column {
		end := min(d.EndColumn-1, len(runes))
		width = max(displayWidth(runes[col:end]), 1)
	}
	var pad strings.Builder
	for _, r := range runes[:col] {
		switch {
		case r == '\t':
			pad.WriteString("    ")
		case isWide(r):
			pad.WriteString("  ")
		default:
			pad.WriteByte(' ')
		}
	}
	num := fmt.Sprintf("%d", d.Line)
	fmt.Fprintf(w, " %s %s %s\n", gutter(num), gutter("|"), strings.ReplaceAll(line, "\t", "    "))
	fmt.Fprintf(w, " %s %s %s%s\n", strings.Repeat(" ", len(num)), gutter("|"), pad.String(), mark("^"+strings.Repeat("~", width-1)))
}

// displayWidth is how many terminal columns runes take (tabs as four).
func displayWidth(runes []rune) int {
	n := 0
	for _, r := range runes {
		switch {
		case r == '\t':
			n += 4
		case isWide(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// isWide reports East Asian wide and fullwidth characters and emoji, which
// a terminal draws two columns wide: the caret must skip two for each.
func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0x303E, r >= 0x3041 && r <= 0x33FF,
		r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xA000 && r <= 0xA4CF,
		r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, r >= 0x1F300 && r <= 0x1F64F,
		r >= 0x1F900 && r <= 0x1F9FF, r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return false
}

// sourceLine returns line n (1-based) of src without its line ending.
func sourceLine(src []byte, n int) (string, bool) {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return "", false
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return strings.TrimRight(string(src), "\r"), true
}

// jsonDiagnostic is the stable JSON shape of one finding (DESIGN.md).
type jsonDiagnostic struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Severity  string `json:"severity"`
	Rule      string `json:"rule"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	Pointer   string `json:"pointer"`
}

type jsonReport struct {
	Files       int              `json:"files"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

func renderJSON(w io.Writer, f *findings, _ renderOptions) error {
	r := jsonReport{Files: f.Files, Errors: f.count(asl.SeverityError), Warnings: f.count(asl.SeverityWarning),
		Diagnostics: []jsonDiagnostic{}}
	for _, d := range f.Diagnostics {
		r.Diagnostics = append(r.Diagnostics, jsonDiagnostic{File: d.File, Line: d.Line, Column: d.Column,
			EndLine: d.EndLine, EndColumn: d.EndColumn, Severity: d.Severity.String(), Rule: d.Rule,
			Code: d.Code, Message: d.Message, Pointer: d.Pointer})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
