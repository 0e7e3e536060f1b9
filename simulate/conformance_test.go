package simulate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
	"github.com/sfnctl/sfnctl/expr"
)

// corpusCase is the part of an executions.jsonl line the runner needs.
type corpusCase struct {
	ID               string   `json:"id"`
	Area             string   `json:"area"`
	Tier             string   `json:"tier"`
	QueryLanguage    string   `json:"query_language"`
	Type             string   `json:"state_machine_type"`
	SkipPaths        []string `json:"skip_paths"`
	Placeholders     []string `json:"placeholders"`
	StateMachineName *string  `json:"state_machine_name"`
	TestCase         *string  `json:"test_case"`
	Transitions      *int     `json:"transitions"`
	Definition       any      `json:"definition"`
	History          []struct {
		Type             string `json:"type"`
		EvaluationFailed *struct {
			Location string `json:"location"`
		} `json:"evaluationFailedEventDetails"`
	} `json:"history"`
	Input    any `json:"input"`
	Mocks    any `json:"mocks"`
	Expected struct {
		Status string `json:"status"`
		Output any    `json:"output"`
		Error  any    `json:"error"`
		Cause  any    `json:"cause"`
	} `json:"expected"`
}

const baselineFile = "testdata/conformance-baseline.json"

var updateBaseline = os.Getenv("SFNCTL_UPDATE_BASELINE") != ""

func loadCorpus(t testing.TB) []corpusCase {
	dir := filepath.Join("..", "..", "shared", "conformance")
	f, err := os.Open(filepath.Join(dir, "executions.jsonl"))
	if err != nil {
		t.Skipf("conformance corpus not found at %s: skipping", dir)
	}
	defer f.Close()
	var cases []corpusCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		v, err := expr.ParseJSON(sc.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(v)
		var c corpusCase
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatal(err)
		}
		m := v.(map[string]any)
		c.Definition, c.Input, c.Mocks = m["definition"], m["input"], m["mocks"]
		if e, ok := m["expected"].(map[string]any); ok {
			c.Expected.Output = e["output"]
		}
		cases = append(cases, c)
	}
	return cases
}

// runCaseHistory also says whether the recorded history's event types
// match ours, in order ("" when the case has no usable recorded history).
func runCaseHistory(c corpusCase) (ok bool, why string, history string) {
	sm := asl.BuildValue(c.Definition)
	opts := Options{Input: c.Input, Type: c.Type}
	if c.Mocks != nil {
		src, _ := json.Marshal(c.Mocks)
		mc, diags := LoadMocks(asl.Load("mocks.json", src))
		if len(diags) > 0 {
			return false, "mock file: " + diags[0].Message, ""
		}
		opts.Mocks = mc
		if c.StateMachineName != nil {
			opts.StateMachine = *c.StateMachineName
		}
		if c.TestCase != nil {
			opts.TestCase = *c.TestCase
		}
	}
	res, err := Run(sm, opts)
	if err != nil {
		return false, "run: " + err.Error(), ""
	}
	if len(c.History) > 0 && !strings.Contains(Compact(c.Definition), "Parallel") {
		var want, got []string
		for _, e := range c.History {
			want = append(want, e.Type)
		}
		for _, e := range res.History {
			got = append(got, e.Type)
		}
		history = "same"
		if strings.Join(want, " ") != strings.Join(got, " ") {
			history = "want " + strings.Join(want, " ") + "\n      got  " + strings.Join(got, " ")
		}
	}
	exp := c.Expected
	if res.Status != exp.Status {
		return false, fmt.Sprintf("status %s, want %s (error %s, cause %s)", res.Status, exp.Status, show(res.Error), show(res.Cause)), history
	}
	eq := expr.DeepEqual
	if c.Tier == "loose" {
		eq = func(a, b any) bool { return looseEqual(a, b, c.Placeholders) }
	}
	if exp.Status == StatusSucceeded {
		want, got := exp.Output, res.Output
		if c.Tier == "loose" {
			want, got = skip(want, c.SkipPaths), skip(got, c.SkipPaths)
		}
		if !eq(want, got) {
			return false, fmt.Sprintf("output %s, want %s", clip(Compact(res.Output)), clip(Compact(exp.Output))), history
		}
	} else {
		if !eq(exp.Error, strOrNil(res.Error)) {
			return false, fmt.Sprintf("error %s, want %v", show(res.Error), exp.Error), history
		}
		var cause any = strOrNil(res.Cause)
		if _, isObj := exp.Cause.(map[string]any); isObj && res.Cause != nil {
			cause, _ = expr.ParseJSON([]byte(*res.Cause))
		}
		if !strings.Contains(strings.Join(c.SkipPaths, " "), "ause") && !eq(exp.Cause, cause) {
			return false, fmt.Sprintf("cause %s, want %s", clip(show(res.Cause)), clip(Compact(exp.Cause))), history
		}
	}
	if c.Transitions != nil && *c.Transitions != res.Transitions && c.Tier == "exact" {
		return false, fmt.Sprintf("transitions %d, want %d", res.Transitions, *c.Transitions), history
	}
	return true, "", history
}

func strOrNil(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

func show(p *string) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprintf("%q", *p)
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

var placeholderRE = regexp.MustCompile(`<[A-Za-z][A-Za-z0-9_:.\- ]*>`)

// looseEqual is loose_eq of check_corpus.py: placeholders match anything.
func looseEqual(exp, act any, tokens []string) bool {
	if es, ok := exp.(string); ok {
		if as, ok := act.(string); ok && as == es {
			return true
		}
		if placeholderRE.MatchString(es) && placeholderRE.FindString(es) == es {
			return true
		}
		hasToken := placeholderRE.MatchString(es)
		for _, t := range tokens {
			if t == es {
				return true
			}
			if t != "" && strings.Contains(es, t) {
				hasToken = true
			}
		}
		if hasToken {
			target, ok := act.(string)
			if !ok {
				target = Compact(act)
			}
			return patternFor(es, tokens).MatchString(target)
		}
		return false
	}
	switch x := exp.(type) {
	case map[string]any:
		y, ok := act.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !looseEqual(v, w, tokens) {
				return false
			}
		}
		return true
	case []any:
		y, ok := act.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !looseEqual(x[i], y[i], tokens) {
				return false
			}
		}
		return true
	}
	return expr.DeepEqual(exp, act)
}

func patternFor(s string, tokens []string) *regexp.Regexp {
	alts := []string{placeholderRE.String()}
	sorted := append([]string(nil), tokens...)
	sort.Slice(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	for _, t := range sorted {
		if t != "" {
			alts = append(alts, regexp.QuoteMeta(t))
		}
	}
	split := regexp.MustCompile("(" + strings.Join(alts, "|") + ")")
	var b strings.Builder
	b.WriteString("(?s)^")
	last := 0
	for _, m := range split.FindAllStringIndex(s, -1) {
		b.WriteString(regexp.QuoteMeta(s[last:m[0]]))
		b.WriteString(".*?")
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(s[last:]))
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// skip removes "$..Key" and "$..a.b" members, the skip-path forms that
// touch outputs.
func skip(v any, paths []string) any {
	for _, p := range paths {
		if !strings.HasPrefix(p, "$..") || strings.ContainsAny(p, "[]") {
			continue
		}
		parts := strings.Split(p[3:], ".")
		v = deleteMembers(v, parts)
	}
	return v
}

func deleteMembers(v any, parts []string) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			if len(parts) == 1 && k == parts[0] {
				continue
			}
			if len(parts) == 2 && k == parts[0] {
				if m, ok := e.(map[string]any); ok {
					inner := make(map[string]any, len(m))
					for k2, e2 := range m {
						if k2 != parts[1] {
							inner[k2] = e2
						}
					}
					e = inner
				}
			}
			out[k] = deleteMembers(e, parts)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = deleteMembers(e, parts)
		}
		return out
	}
	return v
}

// TestConformance runs every runnable case of the corpus, reports pass
// rates by tier, query language and area, and fails when an exact case
// that passed in the committed baseline no longer does.
func TestConformance(t *testing.T) {
	cases := loadCorpus(t)
	type tally struct{ pass, total int }
	byKey := map[string]*tally{}
	add := func(k string, ok bool) {
		if byKey[k] == nil {
			byKey[k] = &tally{}
		}
		byKey[k].total++
		if ok {
			byKey[k].pass++
		}
	}
	var passingExact []string
	histSame, histTotal := 0, 0
	var histDiffs []string
	var failures []string
	for _, c := range cases {
		if c.Tier == "reference" {
			continue
		}
		ok, why, hist := runCaseHistory(c)
		if hist != "" && ok {
			histTotal++
			if hist == "same" {
				histSame++
			} else {
				histDiffs = append(histDiffs, c.ID+"\n      "+hist)
			}
		}
		add(c.Tier, ok)
		add(c.Tier+" "+c.QueryLanguage, ok)
		add(c.Tier+" area "+c.Area, ok)
		if ok && c.Tier == "exact" {
			passingExact = append(passingExact, c.ID)
		}
		if !ok {
			failures = append(failures, fmt.Sprintf("%s [%s %s]: %s", c.ID, c.Tier, c.QueryLanguage, why))
		}
	}
	keys := sortedNames(byKey)
	for _, k := range keys {
		tl := byKey[k]
		t.Logf("%-40s %4d/%-4d %5.1f%%", k, tl.pass, tl.total, 100*float64(tl.pass)/float64(tl.total))
	}
	t.Logf("history event types equal to the recording: %d/%d passing cases (Parallel cases excluded: their recordings are re-sorted)", histSame, histTotal)
	if os.Getenv("SFNCTL_SHOW_HISTORY") != "" {
		for _, d := range histDiffs {
			t.Log("HISTORY " + d)
		}
	}
	if testing.Verbose() {
		for _, f := range failures {
			t.Log("FAIL " + f)
		}
	}
	if updateBaseline {
		data, _ := json.MarshalIndent(passingExact, "", " ")
		if err := os.WriteFile(baselineFile, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(baselineFile)
	if err != nil {
		t.Fatalf("no baseline (%v): run SFNCTL_UPDATE_BASELINE=1 go test ./simulate -run TestConformance", err)
	}
	var baseline []string
	if err := json.Unmarshal(data, &baseline); err != nil {
		t.Fatal(err)
	}
	now := map[string]bool{}
	for _, id := range passingExact {
		now[id] = true
	}
	for _, id := range baseline {
		if !now[id] {
			t.Errorf("regression: exact case %s passed in the baseline and fails now", id)
		}
	}
}
