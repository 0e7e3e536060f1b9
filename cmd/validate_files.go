package cmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/validate"
)

// lintFlags are the validate flags about which findings to report.
type lintFlags struct {
	disable       []string
	lint          bool
	skipUnrelated bool
}

func (l *lintFlags) register(f *pflag.FlagSet) {
	f.StringSliceVar(&l.disable, "disable", nil, "rule id(s) not to report, repeatable or comma-separated (see docs/rules.md)")
	f.BoolVar(&l.skipUnrelated, "skip-unrelated", false, "skip named files that hold no state machine (for hooks that pass every JSON and YAML file)")
	f.BoolVar(&l.lint, "lint", false, "also warn about risky patterns AWS accepts: Lambda tasks without retries, Map without MaxConcurrency, Choice without Default")
}

// fileResult is what checking one input path found.
type fileResult struct {
	definitions []string // the file's name in findings
	referenced  []string // other files it loaded (DefinitionUri, file())
	sources     map[string][]byte
	diags       []asl.Diagnostic
	err         error
	panic       string // a bug in sfnctl, raised again in the caller
	skipped     bool   // --skip-unrelated: no state machine in it
}

// checkFiles validates the given paths concurrently (a template may hold
// many definitions, each checked on its own) and returns the findings in
// the order the paths were given, each file's sorted by position. Paths
// the configuration ignores are skipped; an unreadable path is a usage error.
func (a *app) checkFiles(paths []string, opts validate.Options, lf lintFlags) (*findings, error) {
	cfg, err := findConfig(".")
	if err != nil {
		return nil, usageError("%v", err)
	}
	opts.Lint = opts.Lint || lf.lint || cfg.Lint
	disabled := map[string]bool{}
	for _, r := range append(append([]string{}, cfg.Disable...), lf.disable...) {
		for _, id := range strings.Split(r, ",") {
			if id = strings.TrimSpace(id); id != "" {
				disabled[id] = true
				if len(ruleCatalog) > 0 && ruleCatalog[id] == "" {
					fmt.Fprintf(a.stderr, "sfnctl: warning: no rule %q (see docs/rules.md); nothing disabled by it\n", id)
				}
			}
		}
	}
	kept := paths[:0:0]
	for _, p := range paths {
		if !cfg.ignored(p) {
			kept = append(kept, p)
		}
	}
	var stdin []byte
	for _, p := range kept {
		if p == "-" {
			if stdin, err = io.ReadAll(io.LimitReader(a.stdin, 64<<20)); err != nil {
				return nil, usageError("reading standard input: %v", err)
			}
			break
		}
	}

	results := make([]fileResult, len(kept))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(kept), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = checkFile(kept[i], stdin, opts, disabled, lf.skipUnrelated)
			}
		}()
	}
	for i := range kept {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	// A definition file a template in this run refers to is checked through
	// the template, with its substitutions; its standalone findings repeat
	// those, less precisely.
	viaTemplate := map[string]bool{}
	for _, r := range results {
		for _, f := range r.referenced {
			viaTemplate[filepath.Clean(f)] = true
		}
	}
	res := &findings{Files: len(kept), Sources: map[string][]byte{}}
	for _, r := range results {
		if r.panic != "" {
			panic(r.panic)
		}
	}
	for i, r := range results {
		if r.err != nil {
			return nil, usageError("%v", r.err)
		}
		if r.skipped {
			res.Files--
			continue
		}
		if viaTemplate[filepath.Clean(kept[i])] {
			r.diags = nil
		}
		for f, src := range r.sources {
			res.Sources[f] = src
		}
		res.Checked = append(res.Checked, r.definitions...)
		res.Diagnostics = append(res.Diagnostics, r.diags...)
	}
	return res, nil
}

// checkFile loads one path, finds the definitions in it and validates each
// with the workflow type its template declares, else the one given.
func checkFile(path string, stdin []byte, opts validate.Options, disabled map[string]bool, skipUnrelated bool) (r fileResult) {
	defer func() {
		// A panic in a worker would kill the process past cmd.Main's
		// recovery: carry it back to be raised there (exit 3).
		if p := recover(); p != nil {
			r = fileResult{panic: fmt.Sprintf("validating %s: %v\n%s", path, p, debug.Stack())}
		}
	}()
	name, src := path, stdin
	if path == "-" {
		name = "<stdin>"
	} else {
		var err error
		if src, err = os.ReadFile(path); err != nil {
			return fileResult{err: err}
		}
	}
	if skipUnrelated && path != "-" && !asl.MayHoldStateMachine(path, src) {
		return fileResult{skipped: true}
	}
	r.sources = map[string][]byte{}
	for _, doc := range asl.LoadAny(name, src) {
		o := opts
		if t := doc.WorkflowType; t == validate.Standard || t == validate.Express {
			o.Type = t
		}
		r.sources[doc.File] = doc.Source
		if doc.File != name {
			r.referenced = append(r.referenced, doc.File)
		}
		r.diags = append(r.diags, filterFindings(doc, validate.Document(doc, o), disabled)...)
	}
	r.definitions = []string{name}
	r.diags = asl.SortDiagnostics(r.diags)
	return r
}
