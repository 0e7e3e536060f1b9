package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// configNames are the names of the project configuration file, searched
// for from the working directory upward, as git and linters do.
var configNames = []string{".sfnctl.yaml", ".sfnctl.yml"}

// lintConfig is what .sfnctl.yaml says about validation:
//
//	lint: true                      # the opinionated warnings too (--lint)
//	disable: [choice-without-default]   # rule ids never reported
//	ignore: [vendor/, "**/*.generated.asl.json"]   # paths never checked
type lintConfig struct {
	Lint    bool     `yaml:"lint"`
	Disable []string `yaml:"disable"`
	Ignore  []string `yaml:"ignore"`

	path    string // the file it came from; "" when none was found
	dir     string // patterns in Ignore are relative to it
	ignores []*regexp.Regexp
}

// findConfig looks for a configuration file in dir and its parents. None
// found is not an error; a malformed one is (a usage error, with position).
func findConfig(dir string) (*lintConfig, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return &lintConfig{}, nil
	}
	for d := abs; ; d = filepath.Dir(d) {
		for _, n := range configNames {
			p := filepath.Join(d, n)
			src, err := os.ReadFile(p)
			if err == nil {
				return parseConfig(p, src)
			}
			if !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("%s: %v", p, err)
			}
		}
		if filepath.Dir(d) == d {
			return &lintConfig{}, nil
		}
	}
}

func parseConfig(path string, src []byte) (*lintConfig, error) {
	c := &lintConfig{path: path, dir: filepath.Dir(path)}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %s (expected keys: lint, disable, ignore)", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	for _, pat := range c.Ignore {
		c.ignores = append(c.ignores, globRegexp(pat))
	}
	return c, nil
}

// ignored reports whether path matches one of the ignore patterns, taken
// relative to the configuration file's directory.
func (c *lintConfig) ignored(path string) bool {
	if len(c.ignores) == 0 || path == "-" {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(c.dir, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, re := range c.ignores {
		if re.MatchString(rel) {
			return true
		}
	}
	return false
}

// globRegexp turns a gitignore-like pattern into a regular expression:
// * and ? stay within a path segment, ** crosses segments, a pattern
// without a slash matches a name at any depth, and a trailing slash (or
// naming a directory) covers everything below it.
func globRegexp(pat string) *regexp.Regexp {
	pat = strings.TrimPrefix(filepath.ToSlash(strings.TrimSpace(pat)), "./")
	anchored := strings.Contains(strings.TrimSuffix(pat, "/"), "/")
	pat = strings.TrimPrefix(strings.TrimSuffix(pat, "/"), "/")
	var b strings.Builder
	b.WriteString("^")
	if !anchored {
		b.WriteString("(?:.*/)?")
	}
	for i := 0; i < len(pat); i++ {
		switch c := pat[i]; c {
		case '*':
			if i+1 < len(pat) && pat[i+1] == '*' {
				i++
				if i+1 < len(pat) && pat[i+1] == '/' {
					i++
					b.WriteString("(?:.*/)?")
				} else {
					b.WriteString(".*")
				}
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("(?:/.*)?$")
	return regexp.MustCompile(b.String())
}
