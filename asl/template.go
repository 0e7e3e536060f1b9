package asl

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// LoadAny loads file and returns the state machine definitions it holds: the
// file itself when it is a definition, and one Document per state machine
// when it is a template — CloudFormation or SAM (JSON or YAML, CDK output
// included), Serverless Framework or Terraform. A template's documents keep
// File set to the template (or the file a DefinitionUri names) and answer
// Locate in that file's coordinates; Name tells them apart
// ("template.yaml#Orders"). A template without state machines yields none.
func LoadAny(file string, src []byte) []*Document {
	return loadAny(file, src, os.ReadFile, siblingTerraformFiles)
}

// siblingTerraformFiles lists the other .tf files beside file.
func siblingTerraformFiles(file string) []string {
	dir := filepath.Dir(file)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() && IsTerraformFile(e.Name()) && filepath.Clean(p) != filepath.Clean(file) {
			out = append(out, p)
		}
	}
	return out
}

// readFunc reads a file a template refers to (DefinitionUri, file()).
type readFunc func(path string) ([]byte, error)

func loadAny(file string, src []byte, read readFunc, siblings siblingsFunc) []*Document {
	if IsTerraformFile(file) {
		return loadTerraform(file, src, read, siblings)
	}
	doc := Load(file, src)
	root, ok := doc.Root.(map[string]any)
	if !ok {
		return []*Document{doc}
	}
	if _, isDefinition := root["States"]; isDefinition {
		return []*Document{doc}
	}
	switch {
	case isCloudFormation(root):
		return cfnDefinitions(doc, root, read)
	case isServerless(root):
		return serverlessDefinitions(doc, root, read)
	}
	return []*Document{doc}
}

// IsTemplateFile reports whether a file found while walking a directory may
// hold state machines by its name: CloudFormation and SAM templates (and
// CDK's *.template.json), Serverless Framework files and Terraform.
func IsTemplateFile(name string) bool {
	n := strings.ToLower(filepath.Base(name))
	if IsTerraformFile(n) {
		return true
	}
	switch n {
	case "template.yaml", "template.yml", "template.json", "serverless.yml", "serverless.yaml":
		return true
	}
	for _, s := range []string{".template.json", ".template.yaml", ".template.yml", ".cfn.json", ".cfn.yaml", ".cfn.yml"} {
		if strings.HasSuffix(n, s) {
			return true
		}
	}
	return false
}

// ExpandTemplatePaths turns the paths given on a command line into files:
// files and "-" are kept as given; directories are walked (sorted, skipping
// hidden directories and node_modules) for definition files, templates by
// name, and any other JSON or YAML file that declares a state machine
// (CloudFormation templates go by any name).
func ExpandTemplatePaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if p == "-" || (err == nil && !info.IsDir()) {
			out = append(out, p)
			continue
		}
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, fmt.Errorf("cannot read %s: %w", p, errors.Unwrap(err))
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != p && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			if !d.IsDir() && (IsDefinitionFile(d.Name()) || IsTemplateFile(d.Name()) || mentionsStateMachine(path)) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// stateMachineMarkers are texts only a file declaring a state machine holds.
var stateMachineMarkers = [][]byte{[]byte("AWS::StepFunctions::StateMachine"),
	[]byte("AWS::Serverless::StateMachine"), []byte("stepFunctions")}

// mentionsStateMachine sniffs a JSON or YAML file for a state machine
// declaration.
func mentionsStateMachine(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json", ".yaml", ".yml", ".template":
	default:
		return false
	}
	if info, err := os.Stat(path); err != nil || info.Size() > 16<<20 {
		return false
	}
	src, err := os.ReadFile(path)
	return err == nil && declaresStateMachine(src)
}

func declaresStateMachine(src []byte) bool {
	for _, m := range stateMachineMarkers {
		if bytes.Contains(src, m) {
			return true
		}
	}
	return false
}

// MayHoldStateMachine reports whether a file given by name (say, by a
// pre-commit hook that passes every JSON and YAML file) is worth checking:
// a definition or template by its name, Terraform, a file that declares a
// state machine, or one that reads like a definition (StartAt and States).
func MayHoldStateMachine(name string, src []byte) bool {
	if IsDefinitionFile(name) || IsTemplateFile(name) || declaresStateMachine(src) {
		return true
	}
	return bytes.Contains(src, []byte("StartAt")) && bytes.Contains(src, []byte("States"))
}

// IsTerraformFile reports whether name is Terraform configuration.
func IsTerraformFile(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), ".tf")
}

func isCloudFormation(root map[string]any) bool {
	_, res := root["Resources"].(map[string]any)
	_, version := root["AWSTemplateFormatVersion"]
	_, transform := root["Transform"]
	return res || version || transform
}

func isServerless(root map[string]any) bool {
	_, sfn := root["stepFunctions"]
	_, service := root["service"]
	_, provider := root["provider"]
	return sfn || (service && provider)
}

// stateMachineTypes are the resource types that hold a definition.
var stateMachineTypes = map[string]bool{
	"AWS::StepFunctions::StateMachine": true,
	"AWS::Serverless::StateMachine":    true,
}

func cfnDefinitions(tmpl *Document, root map[string]any, read readFunc) []*Document {
	resources, _ := root["Resources"].(map[string]any)
	r := newResolver(root)
	var out []*Document
	for _, id := range tmpl.Keys("/Resources") {
		res, _ := resources[id].(map[string]any)
		typ, _ := res["Type"].(string)
		if !stateMachineTypes[typ] {
			continue
		}
		props, _ := res["Properties"].(map[string]any)
		base := JoinPointer("/Resources", id, "Properties")
		name := tmpl.File + "#" + id
		typeField := "StateMachineType"
		if typ == "AWS::Serverless::StateMachine" {
			typeField = "Type"
		}
		subs, _ := props["DefinitionSubstitutions"].(map[string]any)
		var d *Document
		switch {
		case props["Definition"] != nil:
			d = inlineDefinition(tmpl, name, base+"/Definition", props["Definition"], r, subs)
		case props["DefinitionString"] != nil:
			d = stringDefinition(tmpl, name, base+"/DefinitionString", props["DefinitionString"], r, subs)
		case props["DefinitionUri"] != nil:
			d = uriDefinition(tmpl, name, base+"/DefinitionUri", props["DefinitionUri"], r, subs, read)
		case props["DefinitionS3Location"] != nil:
			continue // in S3: nothing local to check
		default:
			d = tmpl.derive(name)
			d.Diagnostics = append(d.Diagnostics, tmpl.Diagnostic(JoinPointer("/Resources", id), SeverityError,
				"template-missing-definition", "SCHEMA_VALIDATION_FAILED",
				fmt.Sprintf("state machine %s has no Definition, DefinitionString or DefinitionUri", id)))
		}
		if d == nil {
			continue
		}
		if t, known := r.value(props[typeField]); known {
			if s, ok := t.(string); ok {
				d.WorkflowType = strings.ToUpper(s)
			}
		}
		out = append(out, d)
	}
	return out
}

// inlineDefinition is a definition written as an object inside the
// template: its positions are the template's own.
func inlineDefinition(tmpl *Document, name, ptr string, v any, r *resolver, subs map[string]any) *Document {
	if _, isObject := v.(map[string]any); !isObject {
		if _, _, isCall := intrinsicCall(v); !isCall {
			if _, isString := v.(string); isString {
				return stringDefinition(tmpl, name, ptr, v, r, subs)
			}
		}
	}
	d := tmpl.derive(name)
	d.subtree(tmpl, ptr)
	d.Diagnostics = templateDiagnostics(tmpl, ptr)
	d.Root = r.walk(d, "", v, func(s string) (string, bool) { return substituteString(r, s, subs) })
	return d
}

// walk resolves intrinsic functions and substitutions in an inline
// definition, in place, noting the values known only at deployment.
func (r *resolver) walk(d *Document, ptr string, v any, str func(string) (string, bool)) any {
	if _, _, isCall := intrinsicCall(v); isCall {
		res, known := r.value(v)
		d.forget(ptr, v)
		if !known {
			d.markDeferred1(ptr)
		}
		return res
	}
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			x[k] = r.walk(d, JoinPointer(ptr, k), child, str)
		}
	case []any:
		for i, child := range x {
			x[i] = r.walk(d, fmt.Sprintf("%s/%d", ptr, i), child, str)
		}
	case string:
		if strings.Contains(x, dynamicRefPrefix) {
			d.deferred[ptr] = true
		}
		if str != nil && strings.Contains(x, "{") {
			s, known := str(x)
			if !known {
				d.markDeferred1(ptr)
			}
			return s
		}
	}
	return v
}

// substituteString applies DefinitionSubstitutions to one string value.
func substituteString(r *resolver, s string, subs map[string]any) (string, bool) {
	if len(subs) == 0 || !strings.Contains(s, "${") {
		return s, true
	}
	t := sourceText{}
	t.addAt(s, 0)
	out, deferred := r.substitute(t, subs, false, nil, false)
	return string(out.b), len(deferred) == 0
}

// stringDefinition is a definition held as JSON text: a string, an Fn::Sub
// or an Fn::Join of strings and intrinsic functions (the shape CDK emits).
func stringDefinition(tmpl *Document, name, ptr string, v any, r *resolver, subs map[string]any) *Document {
	t, deferred := textOf(tmpl, ptr, v, r)
	if len(subs) > 0 {
		var more []int
		t, more = r.substituteMapped(t, deferred, subs)
		deferred = more
	}
	deferred = append(deferred, dynamicRefs(t.b)...)
	d := tmpl.fromText(name, t)
	d.markDeferred(t, deferred)
	return d
}

// dynamicRefs finds {{resolve:…}} references in definition text.
func dynamicRefs(b []byte) []int {
	var at []int
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(dynamicRefPrefix))
		if j < 0 {
			return at
		}
		at = append(at, i+j)
		i += j + 1
	}
}

// substituteMapped runs DefinitionSubstitutions over text that may already
// hold stand-ins, keeping track of where those stand-ins moved.
func (r *resolver) substituteMapped(t sourceText, deferred []int, subs map[string]any) (sourceText, []int) {
	out, more := r.substitute(t, subs, false, nil, true)
	if len(deferred) == 0 {
		return out, more
	}
	// Placeholders never span stand-ins, so old stand-ins keep their
	// template offsets: find them again by offset.
	first := map[int]int{}
	for j := len(out.offs) - 1; j >= 0; j-- {
		first[out.offs[j]] = j
	}
	for _, i := range deferred {
		if i < len(t.offs) {
			if j, ok := first[t.offs[i]]; ok {
				more = append(more, j)
			}
		}
	}
	return out, more
}

// textOf assembles the JSON text of a DefinitionString with its source map
// and the text offsets of stand-ins.
func textOf(tmpl *Document, ptr string, v any, r *resolver) (sourceText, []int) {
	off := tmpl.valueOffset(ptr)
	switch x := v.(type) {
	case string:
		return scalarSourceText(tmpl, off, x), nil
	case map[string]any:
		fn, arg, ok := intrinsicCall(x)
		if !ok {
			break
		}
		switch fn {
		case "Fn::Sub":
			text, vars := subArgs(arg)
			textPtr := JoinPointer(ptr, fn)
			if _, isList := arg.([]any); isList {
				textPtr += "/0"
			}
			t := scalarSourceText(tmpl, tmpl.valueOffset(textPtr), text)
			return r.substitute(t, vars, true, nil, true)
		case "Fn::Join":
			list, _ := arg.([]any)
			if len(list) != 2 {
				break
			}
			delim, _ := list[0].(string)
			parts, _ := list[1].([]any)
			var t sourceText
			var deferred []int
			for i, part := range parts {
				partPtr := fmt.Sprintf("%s/%s/1/%d", ptr, EscapePointerToken(fn), i)
				if i > 0 {
					t.addAt(delim, tmpl.valueOffset(partPtr))
				}
				pt, pd := textOf(tmpl, partPtr, part, r)
				for _, d := range pd {
					deferred = append(deferred, len(t.b)+d)
				}
				t.addText(pt)
			}
			return t, deferred
		}
	}
	res, known := r.value(v)
	var t sourceText
	t.addAt(scalarText(res), off)
	if !known {
		return t, []int{0}
	}
	return t, nil
}

// scalarSourceText maps a decoded string scalar starting at off in the
// template back onto its source, whatever its quoting style.
func scalarSourceText(tmpl *Document, off int, value string) sourceText {
	src := tmpl.Source
	// A YAML node's position is that of its tag or anchor, if any.
	for off < len(src) && (src[off] == '!' || src[off] == '&') {
		for off < len(src) && src[off] != ' ' && src[off] != '\n' {
			off++
		}
		for off < len(src) && src[off] == ' ' {
			off++
		}
	}
	var first byte
	if off < len(src) {
		first = src[off]
	}
	switch first {
	case '|', '>':
		return alignText(src, off, value, false, true)
	case '"':
		return alignText(src, off+1, value, true, false)
	case '\'':
		return alignText(src, off+1, value, false, false)
	}
	return alignText(src, off, value, false, false)
}

// markDeferred flags every scalar whose text holds a stand-in.
func (d *Document) markDeferred(t sourceText, deferred []int) {
	if len(deferred) == 0 || d.Root == nil {
		return
	}
	sort.Ints(deferred)
	inner := newDocument("", "json", t.b)
	parseJSON(inner)
	for p, loc := range inner.locs {
		switch v, _ := LookupPointer(inner.Root, p); v.(type) {
		case map[string]any, []any:
			continue
		}
		a := inner.offsetOf(loc.Value.Line, loc.Value.Column)
		b := inner.offsetOf(loc.Value.EndLine, loc.Value.EndColumn)
		if k := sort.SearchInts(deferred, a); k < len(deferred) && deferred[k] < b {
			d.deferred[p] = true
		}
	}
}

// uriDefinition loads the local file a SAM DefinitionUri names.
func uriDefinition(tmpl *Document, name, ptr string, v any, r *resolver, subs map[string]any, read readFunc) *Document {
	uri, ok := v.(string)
	if !ok || strings.HasPrefix(uri, "s3://") {
		return nil // an S3 location: nothing local to check
	}
	path := uri
	if !filepath.IsAbs(path) && tmpl.File != "<stdin>" {
		path = filepath.Join(filepath.Dir(tmpl.File), uri)
	}
	src, err := read(path)
	if err != nil {
		d := tmpl.derive(name)
		msg := fmt.Sprintf("DefinitionUri %q: no such file next to the template (looked for %s); fix the path or create the file", uri, path)
		if !os.IsNotExist(err) {
			msg = fmt.Sprintf("DefinitionUri %q: cannot read %s: %v", uri, path, err)
		}
		d.Diagnostics = append(d.Diagnostics, tmpl.DiagnosticAtValue(ptr, SeverityError, "definition-uri-not-found", "", msg))
		return d
	}
	d := Load(path, src)
	d.Name = name
	d.deferred = map[string]bool{}
	if d.Root != nil {
		d.Root = r.walk(d, "", d.Root, func(s string) (string, bool) { return substituteString(r, s, subs) })
	}
	return d
}

// templateDiagnostics keeps the load findings (duplicate keys) that fall
// inside a definition, re-pointed at it.
func templateDiagnostics(tmpl *Document, ptr string) []Diagnostic {
	var out []Diagnostic
	for _, diag := range tmpl.Diagnostics {
		if rel, ok := underPointer(diag.Pointer, ptr); ok && diag.Pointer != "" {
			diag.Pointer = rel
			out = append(out, diag)
		}
	}
	return out
}
