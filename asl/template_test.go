package asl

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// sourceAt is the text a span covers on its first line, read straight from
// the file, so position tests compare against the file and not our output.
func sourceAt(t *testing.T, file string, s Span) string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	if s.Line < 1 || s.Line > len(lines) {
		return ""
	}
	line := []rune(lines[s.Line-1])
	start, end := min(s.Column-1, len(line)), len(line)
	if s.EndLine == s.Line {
		end = min(s.EndColumn-1, len(line))
	}
	return string(line[start:max(start, end)])
}

type wantLoc struct {
	ptr, key, value string // value "" skips the check
	deferred        bool
}

type wantDoc struct {
	name, file, workflowType string
	values                   map[string]any // pointer → decoded value
	locs                     []wantLoc
	diag                     string // a substring of the only finding, "" for none
	diagAt                   string // the text that finding points at
}

func checkTemplate(t *testing.T, path string, want []wantDoc) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	docs := LoadAny(path, src)
	if len(docs) != len(want) {
		var names []string
		for _, d := range docs {
			names = append(names, d.Name)
		}
		t.Fatalf("%s: got %d definitions %v, want %d", path, len(docs), names, len(want))
	}
	for i, w := range want {
		d := docs[i]
		if d.DisplayName() != w.name || d.File != w.file || d.WorkflowType != w.workflowType {
			t.Errorf("definition %d: got name %q file %q type %q, want %q %q %q", i, d.DisplayName(), d.File, d.WorkflowType, w.name, w.file, w.workflowType)
		}
		for ptr, v := range w.values {
			if got, ok := d.Lookup(ptr); !ok || got != v {
				t.Errorf("%s %s = %#v, want %#v", w.name, ptr, got, v)
			}
		}
		for _, l := range w.locs {
			loc, ok := d.Locate(l.ptr)
			if !ok {
				t.Errorf("%s %s: not located", w.name, l.ptr)
				continue
			}
			if got := sourceAt(t, d.File, loc.Key); l.key != "" && got != l.key {
				t.Errorf("%s %s: key points at %q (%v), want %q", w.name, l.ptr, got, loc.Key, l.key)
			}
			if got := sourceAt(t, d.File, loc.Value); l.value != "" && got != l.value {
				t.Errorf("%s %s: value points at %q (%v), want %q", w.name, l.ptr, got, loc.Value, l.value)
			}
			if d.IsDeferred(l.ptr) != l.deferred {
				t.Errorf("%s %s: deferred %v, want %v", w.name, l.ptr, d.IsDeferred(l.ptr), l.deferred)
			}
		}
		switch {
		case w.diag == "" && len(d.Diagnostics) > 0:
			t.Errorf("%s: unexpected findings %v", w.name, d.Diagnostics)
		case w.diag != "":
			if len(d.Diagnostics) != 1 || !strings.Contains(d.Diagnostics[0].Message, w.diag) {
				t.Errorf("%s: findings %v, want one saying %q", w.name, d.Diagnostics, w.diag)
				continue
			}
			g := d.Diagnostics[0]
			if got := sourceAt(t, g.File, Span{g.Line, g.Column, g.EndLine, g.EndColumn}); got != w.diagAt {
				t.Errorf("%s: finding points at %q, want %q", w.name, got, w.diagAt)
			}
		}
	}
}

const dir = "testdata/templates/"

func TestLoadAnySAM(t *testing.T) {
	checkTemplate(t, dir+"sam.yaml", []wantDoc{
		{name: dir + "sam.yaml#Orders", file: dir + "sam.yaml", workflowType: "EXPRESS",
			values: map[string]any{
				"/States/Hello/Resource":            "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction",
				"/States/Save/Parameters/TableName": "orders-prod",       // !Ref Stage takes the parameter's default
				"/States/Save/Parameters/Kept":      "${NotSubstituted}", // AWS leaves unknown placeholders alone
			},
			locs: []wantLoc{
				{ptr: "/StartAt", key: "StartAt", value: "Hello"},
				{ptr: "/States/Hello/Resource", key: "Resource", value: "!GetAtt HelloFunction.Arn"},
				{ptr: "/States/Save/Parameters/Other", key: "Other", value: "${External}", deferred: true},
				{ptr: "/States/Save/Parameters/Kept", key: "Kept"},
			}},
		{name: dir + "sam.yaml#FromFile", file: dir + "statemachine/flow.asl.json",
			values: map[string]any{"/States/Call/Resource": "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction"},
			locs:   []wantLoc{{ptr: "/States/Call/Resource", key: `"Resource"`, value: `"${FunctionArn}"`}}},
		{name: dir + "sam.yaml#Dangling", file: dir + "sam.yaml",
			diag: "no such file", diagAt: "statemachine/missing.asl.json"},
	})
}

func TestLoadAnyCloudFormationYAML(t *testing.T) {
	checkTemplate(t, dir+"cfn.yaml", []wantDoc{
		{name: dir + "cfn.yaml#Flow", file: dir + "cfn.yaml", workflowType: "STANDARD",
			values: map[string]any{
				"/Comment":                "runs in us-east-1",
				"/States/Second/Resource": "arn:aws:lambda:us-east-1:123456789012:function:worker-fn",
			},
			locs: []wantLoc{
				{ptr: "/StartAt", key: `"StartAt"`, value: `"First"`},
				{ptr: "/States/First/Resource", key: `"Resource"`, value: `"${LambdaArn}"`, deferred: true},
				{ptr: "/States/First/TimeoutSeconds", key: `"TimeoutSeconds"`, value: `${Timeout}`, deferred: true},
				{ptr: "/States/Second/End", key: `"End"`, value: "true"},
			}},
		{name: dir + "cfn.yaml#Plain", file: dir + "cfn.yaml",
			locs: []wantLoc{{ptr: "/States/A/Type", key: `"Type"`, value: `"Pass"`}}},
		{name: dir + "cfn.yaml#Broken", file: dir + "cfn.yaml", diag: "expected a member name", diagAt: "}"},
	})
}

func TestLoadAnyCloudFormationJSON(t *testing.T) {
	checkTemplate(t, dir+"cdk.template.json", []wantDoc{
		{name: dir + "cdk.template.json#Machine", file: dir + "cdk.template.json", workflowType: "EXPRESS",
			values: map[string]any{
				"/States/Invoke/Resource":                "arn:aws:states:::lambda:invoke",
				"/States/Invoke/Parameters/FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:Fn9270CBC0",
				"/States/Done/Type":                      "Succeed",
			},
			locs: []wantLoc{
				{ptr: "/StartAt", key: `\"StartAt\"`, value: `\"Invoke\"`},
				{ptr: "/States/Invoke/Parameters/Payload.$", key: `\"Payload.$\"`, value: `\"$\"`},
				{ptr: "/States/Done/Type", key: `\"Type\"`, value: `\"Succeed\"`},
			}},
		{name: dir + "cdk.template.json#Escaped", file: dir + "cdk.template.json",
			locs: []wantLoc{{ptr: "/States/A/End", key: `\"End\"`, value: "true"}}},
	})
}

func TestLoadAnyServerless(t *testing.T) {
	checkTemplate(t, dir+"serverless.yml", []wantDoc{
		{name: dir + "serverless.yml#checkout", file: dir + "serverless.yml", workflowType: "EXPRESS",
			values: map[string]any{
				"/States/Hello/Resource":             "arn:aws:lambda:us-east-1:123456789012:function:shop-dev-hello",
				"/States/Store/Parameters/TableName": "carts",
				"/States/Store/Parameters/Region":    "us-east-1",
				"/States/Again/Resource":             "arn:aws:lambda:us-east-1:123456789012:function:shop-dev-hello", // a function's key
			},
			locs: []wantLoc{
				{ptr: "/States/Hello/Type", key: "Type", value: "Task"},
				{ptr: "/States/Store/Parameters/Stage", key: "Stage", value: "${opt:stage}", deferred: true},
			}},
		{name: dir + "serverless.yml#fromFile", file: dir + "statemachine/flow.asl.json",
			locs: []wantLoc{{ptr: "/States/Call/Type", key: `"Type"`, value: `"Task"`}}},
	})
}

func TestLoadAnyTerraform(t *testing.T) {
	lambda := "arn:aws:lambda:us-east-1:123456789012:function:worker-fn"
	checkTemplate(t, dir+"main.tf", []wantDoc{
		{name: dir + "main.tf#aws_sfn_state_machine.heredoc", file: dir + "main.tf", workflowType: "EXPRESS",
			values: map[string]any{"/States/Work/Resource": lambda, "/States/Work/TimeoutSeconds": int64(30)},
			locs: []wantLoc{
				{ptr: "/States/Work/Type", key: `"Type"`, value: `"Task"`},
				{ptr: "/States/Work/TimeoutSeconds", key: `"TimeoutSeconds"`, value: "${var.timeout}"},
				{ptr: "/States/Unknown/Resource", key: `"Resource"`, value: `"${var.external_arn}"`, deferred: true},
				{ptr: "/States/Unknown/End", key: `"End"`, value: "true"},
			}},
		{name: dir + "main.tf#aws_sfn_state_machine.encoded", file: dir + "main.tf",
			values: map[string]any{"/States/Wait/Seconds": int64(5), "/States/Call/Resource": lambda},
			locs: []wantLoc{
				{ptr: "/States/Wait", key: `"Wait"`},
				{ptr: "/States/Wait/Seconds", key: "Seconds", value: "5"},
				{ptr: "/States/Call/Resource", key: "Resource", value: "aws_lambda_function.worker.arn"},
			}},
		{name: dir + "main.tf#aws_sfn_state_machine.fromfile", file: dir + "statemachine/flow.asl.json",
			values: map[string]any{"/States/Call/Resource": "${FunctionArn}"}},
		{name: dir + "main.tf#aws_sfn_state_machine.templated", file: dir + "statemachine/flow.asl.json",
			values: map[string]any{"/States/Call/Resource": lambda},
			locs:   []wantLoc{{ptr: "/States/Call/Resource", key: `"Resource"`, value: `"${FunctionArn}"`}}},
		{name: dir + "main.tf#aws_sfn_state_machine.missing", file: dir + "main.tf", diag: "cannot read", diagAt: `"nope.json"`},
		{name: dir + "main.tf#module.orders", file: dir + "main.tf", workflowType: "EXPRESS",
			locs: []wantLoc{{ptr: "/States/Done/Type", key: `"Type"`, value: `"Succeed"`}}},
		{name: dir + "main.tf#aws_sfn_state_machine.legacy", file: dir + "statemachine/flow.asl.json",
			values: map[string]any{"/States/Call/Resource": lambda}},
	})
}

func TestLoadAnyPlainDefinition(t *testing.T) {
	src := []byte(`{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`)
	docs := LoadAny("x.asl.json", src)
	if len(docs) != 1 || docs[0].Name != "" || docs[0].DisplayName() != "x.asl.json" {
		t.Fatalf("a plain definition must come back as itself, got %d docs", len(docs))
	}
	if docs := LoadAny("empty.yaml", []byte("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n")); len(docs) != 0 {
		t.Errorf("a template without state machines must yield nothing, got %d", len(docs))
	}
	if docs := LoadAny("bad.yaml", []byte("a: [")); len(docs) != 1 || len(docs[0].Diagnostics) == 0 {
		t.Errorf("an unreadable file must come back with its syntax error")
	}
}

func TestYAMLShortFormTags(t *testing.T) {
	doc := Load("t.yaml", []byte("a: !Sub 'x-${AWS::Region}'\nb: !GetAtt [F, Arn]\nc: !Join\n  - ''\n  - [a, !Ref P]\nd: !Custom keep\n"))
	m := doc.Root.(map[string]any)
	if s, _ := m["a"].(map[string]any)["Fn::Sub"].(string); s != "x-${AWS::Region}" {
		t.Errorf("!Sub: got %#v", m["a"])
	}
	if l, _ := m["b"].(map[string]any)["Fn::GetAtt"].([]any); len(l) != 2 || l[1] != "Arn" {
		t.Errorf("!GetAtt: got %#v", m["b"])
	}
	if j, _ := m["c"].(map[string]any)["Fn::Join"].([]any); len(j) != 2 {
		t.Errorf("!Join: got %#v", m["c"])
	}
	if m["d"] != "keep" {
		t.Errorf("an unknown tag keeps its text, got %#v", m["d"])
	}
	if loc, ok := doc.Locate("/a/Fn::Sub"); !ok || loc.Value.Line != 1 {
		t.Errorf("the tag's value must be located, got %+v %v", loc, ok)
	}
}

func TestResolverIntrinsics(t *testing.T) {
	r := newResolver(map[string]any{
		"Parameters": map[string]any{"Env": map[string]any{"Default": "dev"}, "NoDefault": map[string]any{},
			"Ssm": map[string]any{"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/arn/param"}},
		"Mappings": map[string]any{"M": map[string]any{"dev": map[string]any{"Size": int64(3)}}},
		"Resources": map[string]any{
			"Q": map[string]any{"Type": "AWS::SQS::Queue"},
			"A": map[string]any{"Type": "AWS::StepFunctions::Activity"},
		},
	})
	tests := []struct {
		in    any
		want  any
		known bool
	}{
		{map[string]any{"Ref": "Env"}, "dev", true},
		{map[string]any{"Ref": "NoDefault"}, "NoDefault", false},
		{map[string]any{"Ref": "Ssm"}, "Ssm", false}, // the default names the SSM parameter, not its value
		{map[string]any{"Ref": "Q"}, "https://sqs.us-east-1.amazonaws.com/123456789012/Q", true},
		{map[string]any{"Ref": "A"}, "arn:aws:states:us-east-1:123456789012:activity:A", true},
		{map[string]any{"Fn::GetAtt": []any{"Q", "Arn"}}, "arn:aws:sqs:us-east-1:123456789012:Q", true},
		{map[string]any{"Fn::Sub": "${AWS::Partition}:${Env}:${!Lit}"}, "aws:dev:${Lit}", true},
		{map[string]any{"Fn::Sub": []any{"${X}-${Q.QueueName}", map[string]any{"X": "x"}}}, "x-Q", true},
		{map[string]any{"Fn::Join": []any{"/", []any{"a", map[string]any{"Ref": "Env"}}}}, "a/dev", true},
		{map[string]any{"Fn::Select": []any{int64(1), []any{"a", "b"}}}, "b", true},
		{map[string]any{"Fn::FindInMap": []any{"M", "dev", "Size"}}, int64(3), true},
		{map[string]any{"Fn::ImportValue": "Shared:Arn"}, "Shared-Arn", false},
		{map[string]any{"Fn::Base64": "x"}, "Base64", false},
		{"plain", "plain", true},
	}
	for _, tc := range tests {
		got, known := r.value(tc.in)
		if got != tc.want || known != tc.known {
			t.Errorf("%v: got %#v known=%v, want %#v known=%v", tc.in, got, known, tc.want, tc.known)
		}
	}
}

func TestAlignText(t *testing.T) {
	tests := []struct {
		src     string
		start   int
		value   string
		escapes bool
		header  bool
		// byte index in value → expected source offset
		at map[int]int
	}{
		{`"a\"b\u00e9c"`, 1, "a\"béc", true, false, map[int]int{0: 1, 1: 2, 2: 4, 3: 5, 5: 11}},
		{"|\n  {\n    \"x\": 1\n  }\n", 0, "{\n  \"x\": 1\n}\n", false, true, map[int]int{0: 4, 4: 10, 10: 16, 11: 19}},
		{`'it''s'`, 1, "it's", false, false, map[int]int{2: 3, 3: 5}},
	}
	for _, tc := range tests {
		got := alignText([]byte(tc.src), tc.start, tc.value, tc.escapes, tc.header)
		if string(got.b) != tc.value || len(got.offs) != len(tc.value) {
			t.Fatalf("%q: text %q with %d offsets", tc.src, got.b, len(got.offs))
		}
		for i, off := range tc.at {
			if got.offs[i] != off {
				t.Errorf("%q: byte %d (%q) maps to %d, want %d", tc.src, i, tc.value[i], got.offs[i], off)
			}
		}
	}
}

func TestLoadAnyNeverReadsWhenNotAsked(t *testing.T) {
	noFiles := func(string) ([]byte, error) { return nil, errors.New("no") }
	docs := loadAny("t.yaml", []byte("Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties: {}\n"), noFiles, nil)
	if len(docs) != 1 || len(docs[0].Diagnostics) != 1 || docs[0].Diagnostics[0].Rule != "template-missing-definition" {
		t.Errorf("a state machine without a definition must be reported, got %+v", docs)
	}
}

func FuzzLoadAny(f *testing.F) {
	for _, name := range []string{"sam.yaml", "cfn.yaml", "cdk.template.json", "serverless.yml", "main.tf"} {
		src, err := os.ReadFile(dir + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, src)
	}
	noFiles := func(string) ([]byte, error) { return []byte(`{"StartAt": "${X}", "States": {}}`), nil }
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		for _, d := range loadAny(name, src, noFiles, nil) {
			for p := range d.locs {
				d.Locate(p)
				d.IsDeferred(p)
			}
		}
	})
}

func TestIsTemplateFile(t *testing.T) {
	for name, want := range map[string]bool{
		"template.yaml": true, "sub/template.yml": true, "Template.JSON": true, "serverless.yml": true,
		"cdk.out/App.template.json": true, "infra/stack.cfn.yaml": true, "main.tf": true,
		"x.asl.json": false, "values.yaml": false, "page.template": false, "main.tf.bak": false,
	} {
		if IsTemplateFile(name) != want {
			t.Errorf("IsTemplateFile(%q) = %v, want %v", name, !want, want)
		}
	}
	files, err := ExpandTemplatePaths([]string{"testdata/templates"})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(files, " ")
	want := "testdata/templates/cdk.template.json testdata/templates/cfn.yaml testdata/templates/main.tf testdata/templates/multi/locals.tf testdata/templates/multi/main.tf testdata/templates/sam.yaml testdata/templates/serverless.yml testdata/templates/statemachine/flow.asl.json"
	if got != want {
		t.Errorf("walk found %s\nwant %s", got, want)
	}
}

func TestOffsetOfInvertsPosition(t *testing.T) {
	for _, src := range []string{"ascii\nonly {\"a\": 1}\n", strings.Repeat("é日本x\n", 3) + strings.Repeat("ü", 700) + "end"} {
		d := newDocument("x", "json", []byte(src))
		for off := range len(src) + 1 {
			if off < len(src) && !utf8.RuneStart(src[off]) {
				continue
			}
			line, col := d.position(off)
			if got := d.offsetOf(line, col); got != off {
				t.Fatalf("offset %d → %d:%d → %d", off, line, col, got)
			}
		}
	}
}

// bigCDKTemplate is a CDK-style template: one long Fn::Join line holding n states.
func bigCDKTemplate(n int) []byte {
	var states []string
	for i := range n {
		states = append(states, fmt.Sprintf(`\"S%d\":{\"Type\":\"Pass\",\"Next\":\"S%d\"}`, i, i+1))
	}
	states = append(states, fmt.Sprintf(`\"S%d\":{\"Type\":\"Succeed\"}`, n))
	return []byte(`{"Resources": {"M": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"DefinitionString": {"Fn::Join": ["", ["{\"Comment\":\"", {"Ref": "AWS::Region"}, "\",\"StartAt\":\"S0\",\"States\":{` +
		strings.Join(states, ",") + `}}"]]}}}}}`)
}

func TestLoadAnyLargeTemplateIsLinear(t *testing.T) {
	src := bigCDKTemplate(5000)
	start := time.Now()
	docs := LoadAny("big.template.json", src)
	if len(docs) != 1 || docs[0].Root == nil {
		t.Fatalf("got %d docs", len(docs))
	}
	if loc, ok := docs[0].Locate("/States/S4999/Next"); !ok || loc.Value.Line != 1 {
		t.Errorf("deep pointer not located: %+v", loc)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("5,000 states on one line took %v", d)
	}
}

func BenchmarkLoadAnyCDK(b *testing.B) {
	src := bigCDKTemplate(1000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		LoadAny("big.template.json", src)
	}
}

func TestDynamicReferencesAreDeferred(t *testing.T) {
	src := []byte(`Resources:
  A:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        Fn: "{{resolve:ssm:/shared/fn-arn}}"
      Definition:
        StartAt: X
        States:
          X:
            Type: Task
            Resource: ${Fn}
            Next: Y
          Y:
            Type: Task
            Resource: "{{resolve:ssm:/shared/other}}"
            End: true
  B:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: '{"StartAt": "X", "States": {"X": {"Type": "Task", "Resource": "{{resolve:ssm:/a}}", "End": true}}}'
`)
	docs := LoadAny("t.yaml", src)
	if len(docs) != 2 {
		t.Fatalf("got %d docs", len(docs))
	}
	for _, c := range []struct {
		doc int
		ptr string
	}{{0, "/States/X/Resource"}, {0, "/States/Y/Resource"}, {1, "/States/X/Resource"}} {
		if !docs[c.doc].IsDeferred(c.ptr) {
			t.Errorf("doc %d %s: a dynamic reference is known only at deployment", c.doc, c.ptr)
		}
	}
	if docs[0].IsDeferred("/States/X/Next") {
		t.Error("only the referencing value is deferred")
	}
}

func TestLoadAnyTerraformAcrossFiles(t *testing.T) {
	m := dir + "multi/"
	checkTemplate(t, m+"main.tf", []wantDoc{
		{name: m + "main.tf#aws_sfn_state_machine.split", file: m + "locals.tf", workflowType: "EXPRESS",
			values: map[string]any{"/States/Go/Resource": "arn:aws:sqs:us-east-1:123456789012:jobs-queue"},
			locs:   []wantLoc{{ptr: "/States/Go/Type", key: "Type", value: `"Task"`}}},
	})
	checkTemplate(t, m+"locals.tf", nil) // no state machine of its own
}

func TestServerlessVariables(t *testing.T) {
	root := map[string]any{"provider": map[string]any{"stage": "prod", "retries": int64(3)}, "custom": map[string]any{"t": "${opt:x}"}}
	lookup := serverlessVariables(root, newResolver(nil))
	tests := []struct {
		expr  string
		want  any
		known bool
	}{
		{"self:provider.stage", "prod", true},
		{"self:provider.retries", int64(3), true},
		{"opt:stage, self:provider.stage", "prod", true},
		{"opt:stage, 'dev'", "dev", true},
		{"opt:stage", "opt-stage", false},
		{"self:custom.t", "self-custom-t", false}, // itself a variable
		{"AWS::Region", "us-east-1", true},
		{"ssm:/a/b", "ssm-a-b", false},
	}
	for _, tc := range tests {
		v, known, found := lookup(tc.expr)
		if !found || v != tc.want || known != tc.known {
			t.Errorf("${%s}: got %#v known=%v, want %#v known=%v", tc.expr, v, known, tc.want, tc.known)
		}
	}
}

func TestUnknownStructureDefersItsParent(t *testing.T) {
	src := []byte(`locals {
  states = {
    A = { Type = "Succeed" }
  }
}
resource "aws_sfn_state_machine" "known" {
  definition = jsonencode({ StartAt = "A", States = local.states })
}
resource "aws_sfn_state_machine" "unknown" {
  definition = jsonencode({ StartAt = "A", States = merge(local.states, var.more) })
}
`)
	docs := loadAny("m.tf", src, func(string) ([]byte, error) { return nil, errors.New("no") }, nil)
	// States known only at plan time: StartAt cannot be checked against
	// it, nor anything else, so that definition is not offered at all.
	if len(docs) != 1 || !strings.HasSuffix(docs[0].Name, ".known") {
		t.Fatalf("got %d docs", len(docs))
	}
	if v, ok := docs[0].Lookup("/States/A/Type"); !ok || v != "Succeed" || docs[0].IsDeferred("/StartAt") {
		t.Errorf("a local object is read where it is written: %v %v", v, ok)
	}
	if loc, ok := docs[0].Locate("/States/A/Type"); !ok || loc.Value.Line != 3 {
		t.Errorf("positions of a local object are the local's: %+v", loc)
	}
	d := &Document{deferred: map[string]bool{}}
	d.markDeferred1("/States/A/Branches")
	if !d.IsDeferred("/States/A/Next") || d.IsDeferred("/States/B") {
		t.Error("an unknown structural part defers its parent only")
	}
}

func TestTemplatefileDollarEscape(t *testing.T) {
	files := map[string]string{"sm.json.tpl": `{"StartAt": "A", "Comment": "$${kept}", "States": {"A": {"Type": "Task", "Resource": "${fn}", "End": true}}}`}
	read := func(p string) ([]byte, error) {
		if s, ok := files[filepath.Base(p)]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}
	src := []byte(`resource "aws_sfn_state_machine" "t" {
  definition = templatefile("sm.json.tpl", { fn = "arn:aws:lambda:us-east-1:123456789012:function:f" })
}
`)
	docs := loadAny("m.tf", src, read, nil)
	if len(docs) != 1 {
		t.Fatalf("got %d docs", len(docs))
	}
	if v, _ := docs[0].Lookup("/Comment"); v != "${kept}" {
		t.Errorf("$${kept} must render as ${kept}, got %q", v)
	}
	if v, _ := docs[0].Lookup("/States/A/Resource"); v != "arn:aws:lambda:us-east-1:123456789012:function:f" {
		t.Errorf("Resource %q", v)
	}
	if loc, ok := docs[0].Locate("/States/A/Type"); !ok || loc.Value.Column != 66 {
		t.Errorf("positions are the template file's: %+v", loc)
	}
}

func TestTerraformDecodedFiles(t *testing.T) {
	read := func(p string) ([]byte, error) {
		if filepath.Base(p) == "sm.yaml" {
			return []byte("StartAt: A\nStates:\n  A:\n    Type: Succeed\n"), nil
		}
		return nil, os.ErrNotExist
	}
	src := []byte(`resource "aws_sfn_state_machine" "y" {
  definition = jsonencode(yamldecode(file("sm.yaml")))
}
resource "aws_sfn_state_machine" "dyn" {
  definition = jsonencode(merge(local.base, var.extra))
}
`)
	docs := loadAny("m.tf", src, read, nil)
	if len(docs) != 1 || docs[0].File != "sm.yaml" {
		t.Fatalf("want the decoded file as the one checkable definition, got %d", len(docs))
	}
	if loc, ok := docs[0].Locate("/States/A/Type"); !ok || loc.Value.Line != 4 {
		t.Errorf("positions are the YAML file's: %+v", loc)
	}
}
