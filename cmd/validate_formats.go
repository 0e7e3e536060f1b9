package cmd

import "io"

// The CI formats of validate; their writers live in format_*.go.
func init() {
	registerFormat("sarif", func(w io.Writer, f *findings, _ renderOptions) error {
		return writeSARIF(w, f.Diagnostics, version())
	})
	registerFormat("github", func(w io.Writer, f *findings, _ renderOptions) error {
		return writeGitHub(w, f.Diagnostics)
	})
	registerFormat("checkstyle", func(w io.Writer, f *findings, _ renderOptions) error {
		return writeCheckstyle(w, f.Diagnostics, f.Checked)
	})
	registerFormat("junit", func(w io.Writer, f *findings, _ renderOptions) error {
		return writeJUnit(w, f.Diagnostics, f.Checked)
	})
}
