package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// allowedImports keeps the dependency direction of DESIGN.md true:
// main → cmd → {validate, simulate, graph, cost} → {expr, asl}, validate → schemas.
var allowedImports = map[string][]string{
	"asl":      {},
	"schemas":  {},
	"expr":     {"asl"},
	"validate": {"asl", "expr", "schemas"},
	"simulate": {"asl", "expr"},
	"graph":    {"asl", "expr"},
	"cost":     {"asl", "expr"},
	"cmd":      {"asl", "expr", "schemas", "validate", "simulate", "graph", "cost"},
}

const module = "github.com/sfnctl/sfnctl/"

func TestLayout(t *testing.T) {
	for pkg, allowed := range allowedImports {
		files, _ := filepath.Glob(filepath.Join(pkg, "*.go"))
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if !strings.HasPrefix(path, module) {
					continue
				}
				target := strings.SplitN(strings.TrimPrefix(path, module), "/", 2)[0]
				if !contains(allowed, target) {
					t.Errorf("%s imports %s: %s may import only %v", file, path, pkg, allowed)
				}
			}
			if pkg == "cmd" {
				continue
			}
			src, _ := os.ReadFile(file)
			for _, banned := range []string{"os.Stdin", "os.Stdout", "os.Stderr", "os.Exit", "os.Args"} {
				if strings.Contains(string(src), banned) {
					t.Errorf("%s uses %s: only main and cmd.Main touch the process's streams", file, banned)
				}
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
