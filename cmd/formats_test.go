package cmd

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/sfnctl/sfnctl/asl"
)

var sampleDiags = []asl.Diagnostic{
	{File: "sm/a b.asl.json", Rule: "missing-transition-target", Code: "MISSING_TRANSITION_TARGET",
		Message: "Missing 'Next' target: B\nsecond line, 100%", Pointer: "/States/A/Next",
		Line: 5, Column: 33, EndLine: 5, EndColumn: 36, Severity: asl.SeverityError},
	{File: "template.yaml", Rule: "no-dollar", Message: "Orders: value looks like a path", Pointer: "/States/A/Parameters/x",
		Line: 12, Column: 7, EndLine: 13, EndColumn: 2, Severity: asl.SeverityWarning},
	{File: "template.yaml", Rule: "invalid-yaml", Message: "bad", Severity: asl.SeverityInfo},
}

func TestSARIFMatchesSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := writeSARIF(&buf, sampleDiags, "dev"); err != nil {
		t.Fatal(err)
	}
	schema, err := jsonschema.Compile("testdata/sarif-2.1.0-subset.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("SARIF output does not match the schema: %v\n%s", err, buf.String())
	}
	// And the schema is not a rubber stamp: a result without a location fails.
	bad := strings.Replace(buf.String(), `"locations"`, `"locationz"`, 1)
	var badDoc any
	_ = json.Unmarshal([]byte(bad), &badDoc)
	if schema.Validate(badDoc) == nil {
		t.Error("the schema accepted a result without locations")
	}

	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 3 || len(run.Results) != 3 {
		t.Fatalf("want 3 rules and 3 results, got %d and %d", len(run.Tool.Driver.Rules), len(run.Results))
	}
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s points at rule %d (%s)", r.RuleID, r.RuleIndex, run.Tool.Driver.Rules[r.RuleIndex].ID)
		}
	}
	first := run.Results[0].Locations[0].PhysicalLocation
	if first.ArtifactLocation.URI != "sm/a%20b.asl.json" || first.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifact location %+v: want a relative, escaped URI against %%SRCROOT%%", first.ArtifactLocation)
	}
	if r := first.Region; r == nil || *r != (sarifRegion{5, 33, 5, 36}) {
		t.Errorf("region %+v", r)
	}
	if run.Results[2].Locations[0].PhysicalLocation.Region != nil || run.Results[2].Level != "note" {
		t.Errorf("a finding without a line has no region and info is a note: %+v", run.Results[2])
	}
	if rule := run.Tool.Driver.Rules[0]; rule.HelpURI != rulesDocsURL+rule.ID || rule.Name == "" {
		t.Errorf("rule metadata %+v", rule)
	}
}

func TestGitHubAnnotations(t *testing.T) {
	var buf bytes.Buffer
	if err := writeGitHub(&buf, sampleDiags); err != nil {
		t.Fatal(err)
	}
	want := "::error file=sm/a b.asl.json,line=5,col=33,endLine=5,endColumn=36,title=sfnctl missing-transition-target::Missing 'Next' target: B%0Asecond line, 100%25 [missing-transition-target]\n" +
		"::warning file=template.yaml,line=12,col=7,endLine=13,title=sfnctl no-dollar::Orders: value looks like a path [no-dollar]\n" +
		"::notice file=template.yaml,title=sfnctl invalid-yaml::bad [invalid-yaml]\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if got := githubProperty.Replace("a,b:c%\n"); got != "a%2Cb%3Ac%25%0A" {
		t.Errorf("property escaping: %q", got)
	}
}

func TestCheckstyleAndJUnitAreWellFormed(t *testing.T) {
	for name, write := range map[string]func(*bytes.Buffer) error{
		"checkstyle": func(b *bytes.Buffer) error {
			return writeCheckstyle(b, sampleDiags, []string{"clean.asl.json", "template.yaml"})
		},
		"junit": func(b *bytes.Buffer) error {
			return writeJUnit(b, sampleDiags, []string{"clean.asl.json", "template.yaml"})
		},
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
		for {
			if _, err := dec.Token(); err != nil {
				if err.Error() != "EOF" {
					t.Errorf("%s: not well-formed XML: %v\n%s", name, err, buf.String())
				}
				break
			}
		}
		if !strings.Contains(buf.String(), "&#xA;second line") {
			t.Errorf("%s: the newline in a message must be escaped in the attribute:\n%s", name, buf.String())
		}
	}
	var buf bytes.Buffer
	_ = writeJUnit(&buf, sampleDiags, []string{"clean.asl.json"})
	var rep junitReport
	if err := xml.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	// clean file: 1 passing case; a b.asl.json: 1 failure; template.yaml: 2 skipped.
	if rep.Tests != 4 || rep.Failures != 1 || rep.Skipped != 2 || len(rep.Suites) != 3 || rep.Suites[0].Name != "clean.asl.json" {
		t.Errorf("junit counts: tests %d failures %d skipped %d suites %d", rep.Tests, rep.Failures, rep.Skipped, len(rep.Suites))
	}
}

func TestGlobRegexp(t *testing.T) {
	tests := []struct {
		pat, path string
		want      bool
	}{
		{"vendor/", "vendor/x/a.asl.json", true},
		{"vendor", "sub/vendor/a.asl.json", true},
		{"*.generated.asl.json", "a/b/x.generated.asl.json", true},
		{"*.generated.asl.json", "a/b/x.asl.json", false},
		{"sm/*.json", "sm/a.json", true},
		{"sm/*.json", "sm/deep/a.json", false},
		{"sm/**/*.json", "sm/deep/er/a.json", true},
		{"sm/**/*.json", "sm/a.json", true},
		{"/top.asl.json", "top.asl.json", true},
		{"/top.asl.json", "sub/top.asl.json", false}, // a leading slash anchors at the configuration directory, as in .gitignore
		{"a?c.json", "abc.json", true},
		{"a?c.json", "a/c.json", false},
	}
	for _, tc := range tests {
		if got := globRegexp(tc.pat).MatchString(tc.path); got != tc.want {
			t.Errorf("%q ~ %q = %v, want %v", tc.pat, tc.path, got, tc.want)
		}
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	sub := dir + "/a/b"
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/.sfnctl.yaml", []byte("disable: [no-dollar]\nignore:\n  - legacy/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := findConfig(sub)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Disable) != 1 || cfg.Disable[0] != "no-dollar" {
		t.Errorf("disable: %v", cfg.Disable)
	}
	if !cfg.ignored(dir+"/legacy/x.asl.json") || cfg.ignored(dir+"/a/x.asl.json") {
		t.Error("ignore patterns are relative to the configuration file")
	}
	if _, err := parseConfig("c.yaml", []byte("disabled: [x]\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("an unknown key must be an error with its line, got %v", err)
	}
	if c, err := parseConfig("c.yaml", []byte("lint: true\n")); err != nil || !c.Lint {
		t.Errorf("lint: true must turn lint on, got %+v %v", c, err)
	}
	if c, err := parseConfig("c.yaml", nil); err != nil || len(c.Disable) != 0 {
		t.Errorf("an empty file configures nothing, got %v %v", c, err)
	}
}

func TestInlineSuppressions(t *testing.T) {
	doc := asl.Load("x.json", []byte(`{"StartAt":"A","States":{
		"A":{"Type":"Pass","Comment":"legacy sfnctl:ignore no-dollar, pass-result-is-static","Next":"B"},
		"B":{"Type":"Map","Comment":"sfnctl:ignore","ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Succeed"}}},"End":true}}}`))
	s := inlineSuppressions(doc)
	tests := []struct {
		rule, ptr string
		want      bool
	}{
		{"no-dollar", "/States/A/Parameters/x", true},
		{"pass-result-is-static", "/States/A/Result", true},
		{"unknown-field", "/States/A/Foo", false},
		{"anything", "/States/B/ItemProcessor/States/C", true},
		{"no-dollar", "/States", false},
	}
	for _, tc := range tests {
		if got := s.covers(asl.Diagnostic{Rule: tc.rule, Pointer: tc.ptr}); got != tc.want {
			t.Errorf("%s at %s: covered %v, want %v", tc.rule, tc.ptr, got, tc.want)
		}
	}
}

func FuzzConfig(f *testing.F) {
	f.Add([]byte("disable: [no-dollar]\nignore: [legacy/, '**/*.gen.json', 'a?b[']\n"), "legacy/x.asl.json")
	f.Add([]byte("ignore: ~\n"), "x")
	f.Fuzz(func(t *testing.T, src []byte, path string) {
		c, err := parseConfig("/repo/.sfnctl.yaml", src)
		if err != nil {
			return
		}
		c.ignored("/repo/" + path)
		c.ignored(path)
	})
}
