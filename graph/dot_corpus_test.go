package graph

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sfnctl/sfnctl/asl"
)

// TestDotRendersCorpus draws every definition AWS accepted in the
// conformance corpus, plus our own test definitions, through Graphviz and
// checks that dot reports nothing and that every state's name is in the SVG.
func TestDotRendersCorpus(t *testing.T) {
	dotPath, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz dot not installed: skipping (apt-get install graphviz)")
	}
	defs := map[string][]byte{}
	own, _ := filepath.Glob(filepath.Join("..", "testdata", "graph", "*.asl.json"))
	for _, f := range own {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		defs[f] = src
	}
	corpus := filepath.Join("..", "..", "shared", "conformance", "executions.jsonl")
	if f, err := os.Open(corpus); err != nil {
		t.Logf("conformance corpus not found at %s: only testdata/graph is drawn", corpus)
	} else {
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		seen := map[string]bool{}
		for sc.Scan() {
			var c struct {
				ID         string          `json:"id"`
				Definition json.RawMessage `json:"definition"`
			}
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatal(err)
			}
			if !seen[string(c.Definition)] {
				seen[string(c.Definition)] = true
				defs[c.ID] = c.Definition
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	type job struct {
		name string
		src  []byte
	}
	jobs := make(chan job)
	var mu sync.Mutex
	var failures []string
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if msg := drawAndCheck(dotPath, j.name, j.src); msg != "" {
					mu.Lock()
					failures = append(failures, msg)
					mu.Unlock()
				}
			}
		}()
	}
	for name, src := range defs {
		jobs <- job{name, src}
	}
	close(jobs)
	wg.Wait()
	t.Logf("%d definitions drawn through dot -Tsvg, %d failed", len(defs), len(failures))
	for i, f := range failures {
		if i == 10 {
			t.Errorf("… and %d more", len(failures)-10)
			break
		}
		t.Error(f)
	}
}

func drawAndCheck(dotPath, name string, src []byte) string {
	doc := asl.Load(name+".json", src)
	sm := asl.Build(doc)
	if sm == nil {
		return name + ": not a definition"
	}
	var dot bytes.Buffer
	if err := WriteDOT(&dot, Build(sm, Options{Legend: true})); err != nil {
		return fmt.Sprintf("%s: %v", name, err)
	}
	cmd := exec.Command(dotPath, "-Tsvg")
	cmd.Stdin = &dot
	var svg, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &svg, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		return fmt.Sprintf("%s: dot: %v %s", name, err, stderr.String())
	}
	texts, err := svgTexts(&svg)
	if err != nil {
		return fmt.Sprintf("%s: the SVG does not parse: %v", name, err)
	}
	var missing []string
	sm.Walk(func(st *asl.State) {
		for _, line := range strings.Split(st.Name, "\n") {
			if line = strings.TrimSpace(line); line != "" && !texts[line] && !containsText(texts, line) {
				missing = append(missing, fmt.Sprintf("%q", st.Name))
				return
			}
		}
	})
	if len(missing) > 0 {
		return fmt.Sprintf("%s: states not in the SVG: %s", name, strings.Join(missing, ", "))
	}
	return ""
}

// svgTexts collects the content of every <text> element.
func svgTexts(r io.Reader) (map[string]bool, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	out := map[string]bool{}
	inText := false
	var sb strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if tk.Name.Local == "text" {
				inText = true
				sb.Reset()
			}
		case xml.CharData:
			if inText {
				sb.Write(tk)
			}
		case xml.EndElement:
			if tk.Name.Local == "text" {
				inText = false
				out[strings.TrimSpace(strings.ReplaceAll(sb.String(), "\u00a0", " "))] = true
			}
		}
	}
}

func containsText(texts map[string]bool, s string) bool {
	for t := range texts {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// TestDotLargeMachineIsQuick guards the layout against shapes that make
// Graphviz crawl: a 300-state machine whose Tasks all catch into one state.
func TestDotLargeMachineIsQuick(t *testing.T) {
	dotPath, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz dot not installed: skipping")
	}
	sm := asl.Build(asl.Load("large.json", largeMachine(300)))
	var buf bytes.Buffer
	if err := WriteDOT(&buf, Build(sm, Options{})); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, dotPath, "-Tsvg", "-o", os.DevNull)
	cmd.Stdin = &buf
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("dot: %v %s (after %v)", err, out, time.Since(start))
	}
	t.Logf("dot laid out 300 states in %v", time.Since(start))
}
