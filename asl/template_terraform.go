package asl

import (
	"fmt"
	"math/big"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Terraform is read with HashiCorp's own HCL parser rather than by pattern
// matching: heredocs, nested braces inside strings, comments and
// jsonencode({...}) object syntax all need a real parser, and its
// expressions carry exact source ranges.

// tfArnShapes gives, per Terraform resource type, attribute → value; %s is
// the resource's name. Attributes not listed are known only at deployment.
var tfArnShapes = map[string]map[string]string{
	"aws_lambda_function": {"arn": "arn:aws:lambda:us-east-1:123456789012:function:%s",
		"qualified_arn": "arn:aws:lambda:us-east-1:123456789012:function:%s:1", "function_name": "%s", "id": "%s",
		"invoke_arn": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:%s/invocations"},
	"aws_lambda_alias":          {"arn": "arn:aws:lambda:us-east-1:123456789012:function:%s:live"},
	"aws_sqs_queue":             {"arn": "arn:aws:sqs:us-east-1:123456789012:%s", "url": "https://sqs.us-east-1.amazonaws.com/123456789012/%s", "id": "https://sqs.us-east-1.amazonaws.com/123456789012/%s", "name": "%s"},
	"aws_sns_topic":             {"arn": "arn:aws:sns:us-east-1:123456789012:%s", "id": "arn:aws:sns:us-east-1:123456789012:%s", "name": "%s"},
	"aws_dynamodb_table":        {"arn": "arn:aws:dynamodb:us-east-1:123456789012:table/%s", "name": "%s", "id": "%s"},
	"aws_sfn_activity":          {"arn": "arn:aws:states:us-east-1:123456789012:activity:%s", "id": "arn:aws:states:us-east-1:123456789012:activity:%s", "name": "%s"},
	"aws_sfn_state_machine":     {"arn": "arn:aws:states:us-east-1:123456789012:stateMachine:%s", "id": "arn:aws:states:us-east-1:123456789012:stateMachine:%s", "name": "%s"},
	"aws_s3_bucket":             {"arn": "arn:aws:s3:::%s", "id": "%s", "bucket": "%s"},
	"aws_iam_role":              {"arn": "arn:aws:iam::123456789012:role/%s", "name": "%s", "id": "%s"},
	"aws_ecs_cluster":           {"arn": "arn:aws:ecs:us-east-1:123456789012:cluster/%s", "id": "arn:aws:ecs:us-east-1:123456789012:cluster/%s", "name": "%s"},
	"aws_ecs_task_definition":   {"arn": "arn:aws:ecs:us-east-1:123456789012:task-definition/%s:1", "family": "%s"},
	"aws_cloudwatch_event_bus":  {"arn": "arn:aws:events:us-east-1:123456789012:event-bus/%s", "name": "%s", "id": "%s"},
	"aws_batch_job_queue":       {"arn": "arn:aws:batch:us-east-1:123456789012:job-queue/%s", "id": "arn:aws:batch:us-east-1:123456789012:job-queue/%s"},
	"aws_batch_job_definition":  {"arn": "arn:aws:batch:us-east-1:123456789012:job-definition/%s:1", "id": "arn:aws:batch:us-east-1:123456789012:job-definition/%s:1"},
	"aws_glue_job":              {"id": "%s", "name": "%s"},
	"aws_kinesis_stream":        {"arn": "arn:aws:kinesis:us-east-1:123456789012:stream/%s", "name": "%s"},
	"aws_cloudwatch_log_group":  {"arn": "arn:aws:logs:us-east-1:123456789012:log-group:%s", "name": "%s"},
	"aws_codebuild_project":     {"arn": "arn:aws:codebuild:us-east-1:123456789012:project/%s", "name": "%s", "id": "%s"},
	"aws_eks_cluster":           {"arn": "arn:aws:eks:us-east-1:123456789012:cluster/%s", "name": "%s", "id": "%s"},
	"aws_sagemaker_model":       {"arn": "arn:aws:sagemaker:us-east-1:123456789012:model/%s", "name": "%s", "id": "%s"},
	"aws_api_gateway_rest_api":  {"id": "%s"},
	"aws_kms_key":               {"arn": "arn:aws:kms:us-east-1:123456789012:key/%s", "id": "%s"},
	"aws_secretsmanager_secret": {"arn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:%s", "id": "arn:aws:secretsmanager:us-east-1:123456789012:secret:%s", "name": "%s"},
}

// tfScope is what a Terraform file tells about names used in a definition.
type tfScope struct {
	tmpl      *Document            // the file being loaded
	files     map[string]*Document // it and its sibling .tf files, by name
	dir       string
	read      readFunc
	variables map[string]hclsyntax.Expression // variable defaults
	locals    map[string]hclsyntax.Expression
	names     map[string]string // "type.label" → physical name
	// templateFiles are data "template_file" blocks by label.
	templateFiles map[string]*hclsyntax.Body
	depth         int
}

// siblingsFunc lists the other .tf files of a file's module (directory):
// Terraform reads them as one configuration, so locals, variables and
// resources may sit in any of them.
type siblingsFunc func(file string) []string

func loadTerraform(file string, src []byte, read readFunc, siblings siblingsFunc) (docs []*Document) {
	tmpl := newDocument(file, "hcl", src)
	defer func() {
		if r := recover(); r != nil { // the HCL parser must never take sfnctl down
			tmpl.Diagnostics = append(tmpl.Diagnostics, Diagnostic{File: file, Rule: "invalid-hcl",
				Code: "INVALID_JSON_DESCRIPTION", Message: "the HCL parser could not read this file",
				Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Severity: SeverityError})
			docs = []*Document{tmpl}
		}
	}()
	f, diags := hclsyntax.ParseConfig(src, file, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	body, ok := f.Body.(*hclsyntax.Body)
	if diags.HasErrors() || !ok {
		for _, d := range diags {
			if d.Severity != hcl.DiagError {
				continue
			}
			s := Span{1, 1, 1, 2}
			if d.Subject != nil {
				s = tmpl.span(d.Subject.Start.Byte, max(d.Subject.End.Byte, d.Subject.Start.Byte+1))
			}
			msg := d.Summary
			if d.Detail != "" {
				msg += ": " + d.Detail
			}
			tmpl.Diagnostics = append(tmpl.Diagnostics, Diagnostic{File: file, Rule: "invalid-hcl",
				Code: "INVALID_JSON_DESCRIPTION", Message: "invalid HCL: " + msg, Line: s.Line, Column: s.Column,
				EndLine: s.EndLine, EndColumn: s.EndColumn, Severity: SeverityError})
			break
		}
		return []*Document{tmpl}
	}
	sc := &tfScope{tmpl: tmpl, files: map[string]*Document{file: tmpl}, dir: filepath.Dir(file), read: read,
		variables: map[string]hclsyntax.Expression{}, locals: map[string]hclsyntax.Expression{}, names: map[string]string{},
		templateFiles: map[string]*hclsyntax.Body{}}
	bodies := []*hclsyntax.Body{body}
	if siblings != nil {
		for _, other := range siblings(file) {
			osrc, err := read(other)
			if err != nil {
				continue
			}
			f, diags := hclsyntax.ParseConfig(osrc, other, hcl.Pos{Line: 1, Column: 1, Byte: 0})
			if ob, ok := f.Body.(*hclsyntax.Body); ok && !diags.HasErrors() {
				sc.files[other] = newDocument(other, "hcl", osrc)
				bodies = append(bodies, ob)
			}
		}
	}
	for _, body := range bodies {
		sc.collect(body)
	}
	for _, b := range body.Blocks {
		var name string
		switch {
		case b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == "aws_sfn_state_machine":
			name = file + "#aws_sfn_state_machine." + b.Labels[1]
		case b.Type == "module" && len(b.Labels) == 1:
			// Modules such as terraform-aws-modules/step-functions take the
			// definition as an input of the same name.
			name = file + "#module." + b.Labels[0]
		default:
			continue
		}
		a, ok := b.Body.Attributes["definition"]
		if !ok {
			continue // a dynamic value: nothing to read here
		}
		d := sc.definition(name, a.Expr)
		if d == nil {
			continue
		}
		if t, ok := b.Body.Attributes["type"]; ok {
			if v, known := sc.scalar(t.Expr); known {
				d.WorkflowType = strings.ToUpper(scalarText(v))
			}
		}
		docs = append(docs, d)
	}
	return docs
}

// collect records what a file declares that a definition may refer to.
func (sc *tfScope) collect(body *hclsyntax.Body) {
	for _, b := range body.Blocks {
		switch {
		case b.Type == "variable" && len(b.Labels) == 1:
			if a, ok := b.Body.Attributes["default"]; ok {
				sc.variables[b.Labels[0]] = a.Expr
			}
		case b.Type == "data" && len(b.Labels) == 2 && b.Labels[0] == "template_file":
			sc.templateFiles[b.Labels[1]] = b.Body
		case b.Type == "locals":
			for name, a := range b.Body.Attributes {
				sc.locals[name] = a.Expr
			}
		case b.Type == "resource" && len(b.Labels) == 2:
			for _, k := range []string{"function_name", "name", "bucket", "family"} {
				if a, ok := b.Body.Attributes[k]; ok {
					if v, known := sc.scalar(a.Expr); known {
						sc.names[b.Labels[0]+"."+b.Labels[1]] = scalarText(v)
						break
					}
				}
			}
		}
	}
}

// definition reads a definition attribute: a heredoc or string, file(),
// templatefile(), jsonencode() or a local holding one of these.
func (sc *tfScope) definition(name string, e hclsyntax.Expression) *Document {
	sc.depth++
	defer func() { sc.depth-- }()
	if sc.depth > 8 {
		return nil
	}
	switch x := e.(type) {
	case *hclsyntax.TemplateExpr, *hclsyntax.TemplateWrapExpr:
		t, deferred := sc.text(x)
		d := sc.docOf(x.Range()).fromText(name, t)
		if d.Root == nil && hasDirective(x) {
			// %{ if } and %{ for } write the JSON at plan time: what fails
			// to parse here may be fine once rendered, so claim nothing.
			return nil
		}
		d.markDeferred(t, deferred)
		return d
	case *hclsyntax.ParenthesesExpr:
		return sc.definition(name, x.Expression)
	case *hclsyntax.ScopeTraversalExpr:
		names := traversalNames(x.Traversal)
		if len(names) == 2 && names[0] == "local" {
			if le, ok := sc.locals[names[1]]; ok {
				return sc.definition(name, le)
			}
		}
		// The template_file data source, from before templatefile() existed.
		if len(names) == 4 && names[0] == "data" && names[1] == "template_file" && names[3] == "rendered" {
			if b, ok := sc.templateFiles[names[2]]; ok {
				if t, ok := b.Attributes["template"]; ok {
					call := &hclsyntax.FunctionCallExpr{Name: "templatefile", Args: []hclsyntax.Expression{t.Expr}}
					if f, ok := t.Expr.(*hclsyntax.FunctionCallExpr); ok && f.Name == "file" && len(f.Args) == 1 {
						call.Args[0] = f.Args[0]
					} else {
						return sc.definition(name, t.Expr) // the template inline
					}
					if v, ok := b.Attributes["vars"]; ok {
						call.Args = append(call.Args, v.Expr)
					}
					return sc.fileDefinition(name, call)
				}
			}
		}
	case *hclsyntax.FunctionCallExpr:
		switch {
		case x.Name == "jsonencode" && len(x.Args) == 1:
			// jsonencode(yamldecode(file("x.yaml"))) and the like: the file is the definition.
			if dec, ok := x.Args[0].(*hclsyntax.FunctionCallExpr); ok && (dec.Name == "yamldecode" || dec.Name == "jsondecode") && len(dec.Args) == 1 {
				return sc.definition(name, dec.Args[0])
			}
			d := sc.docOf(x.Args[0].Range()).derive(name)
			d.Root = sc.jsonValue(d, "", Span{}, x.Args[0], 0)
			if d.deferred[""] {
				return nil // built at plan time: nothing to check here
			}
			return d
		case (x.Name == "file" || x.Name == "templatefile") && len(x.Args) >= 1:
			return sc.fileDefinition(name, x)
		}
	}
	return nil
}

// fileDefinition loads the file named by file() or templatefile(); its
// positions are that file's.
func (sc *tfScope) fileDefinition(name string, call *hclsyntax.FunctionCallExpr) *Document {
	p, known := sc.scalar(call.Args[0])
	if !known {
		return nil
	}
	path := scalarText(p)
	if !filepath.IsAbs(path) {
		path = filepath.Join(sc.dir, path)
	}
	src, err := sc.read(path)
	if err != nil {
		at := sc.docOf(call.Args[0].Range())
		d := at.derive(name)
		s := sc.rangeSpan(call.Args[0].Range())
		d.Diagnostics = append(d.Diagnostics, Diagnostic{File: at.File, Rule: "definition-uri-not-found",
			Message: fmt.Sprintf("%s(%q): cannot read %s; fix the path or create the file", call.Name, scalarText(p), path),
			Line:    s.Line, Column: s.Column, EndLine: s.EndLine, EndColumn: s.EndColumn, Severity: SeverityError})
		return d
	}
	if call.Name == "file" || len(call.Args) < 2 {
		d := Load(path, src)
		d.Name = name
		return d
	}
	// templatefile: ${name} placeholders take the values of the map argument.
	vars := map[string]any{}
	known2 := map[string]bool{}
	if obj, ok := call.Args[1].(*hclsyntax.ObjectConsExpr); ok {
		for _, item := range obj.Items {
			k := hcl.ExprAsKeyword(item.KeyExpr)
			if k == "" {
				kv, ok := sc.scalar(item.KeyExpr)
				if !ok {
					continue
				}
				k = scalarText(kv)
			}
			v, ok := sc.scalar(item.ValueExpr)
			vars[k], known2[k] = scalarText(v), ok
		}
	}
	file := newDocument(path, "json", src)
	var t sourceText
	t.b = append(t.b, src...)
	for i := range src {
		t.offs = append(t.offs, i)
	}
	r := &resolver{dollarEscape: true}
	t, deferred := r.substitute(t, nil, false, func(n string) (any, bool, bool) {
		n = strings.TrimSpace(n)
		v, ok := vars[n]
		if !ok {
			return standIn(n), false, true
		}
		return v, known2[n], true
	}, true)
	d := file.fromText(name, t)
	d.markDeferred(t, deferred)
	return d
}

// text assembles a string template: literal parts mapped to their source,
// interpolations replaced by what they stand for.
func (sc *tfScope) text(e hclsyntax.Expression) (sourceText, []int) {
	var t sourceText
	var deferred []int
	var parts []hclsyntax.Expression
	switch x := e.(type) {
	case *hclsyntax.TemplateExpr:
		parts = x.Parts
	case *hclsyntax.TemplateWrapExpr:
		parts = []hclsyntax.Expression{x.Wrapped}
	}
	// Backslash escapes exist in quoted strings, not in heredocs.
	src := sc.docOf(e.Range()).Source
	start := e.Range().Start.Byte
	heredoc := start+2 <= len(src) && string(src[start:start+2]) == "<<"
	for _, part := range parts {
		rng := part.Range()
		if lit, ok := part.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && lit.Val.IsKnown() {
			s := lit.Val.AsString()
			t.addText(alignText(src, rng.Start.Byte, s, !heredoc, false))
			continue
		}
		v, known := sc.scalar(part)
		at := rng.Start.Byte // point at the "${" that opens the interpolation
		for at > 0 && at <= len(src) && src[at-1] == ' ' {
			at--
		}
		if at >= 2 && at <= len(src) && string(src[at-2:at]) == "${" {
			at -= 2
		} else {
			at = rng.Start.Byte
		}
		if !known {
			deferred = append(deferred, len(t.b))
			if !jsonStringMask(append(t.b[:len(t.b):len(t.b)], 'x'))[len(t.b)] {
				v = "1"
			}
		}
		t.addAt(scalarText(v), at)
	}
	return t, deferred
}

// scalar evaluates a small expression: literals, string templates and the
// references a definition uses (resource attributes, variables with
// defaults, locals, path.module). known is false for anything decided
// only at deployment; the value is then a readable stand-in.
func (sc *tfScope) scalar(e hclsyntax.Expression) (any, bool) {
	sc.depth++
	defer func() { sc.depth-- }()
	if sc.depth > 16 {
		return "deferred", false
	}
	switch x := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return ctyScalar(x.Val)
	case *hclsyntax.TemplateExpr, *hclsyntax.TemplateWrapExpr:
		t, deferred := sc.text(x)
		return string(t.b), len(deferred) == 0
	case *hclsyntax.ParenthesesExpr:
		return sc.scalar(x.Expression)
	case *hclsyntax.ObjectConsKeyExpr:
		return sc.scalar(x.Wrapped)
	case *hclsyntax.ScopeTraversalExpr:
		return sc.traversal(x.Traversal)
	}
	return "deferred", false
}

// traversalNames lists the names in a reference such as aws_sqs_queue.q.arn.
func traversalNames(tr hcl.Traversal) []string {
	var names []string
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			names = append(names, s.Name)
		case hcl.TraverseAttr:
			names = append(names, s.Name)
		}
	}
	return names
}

func (sc *tfScope) traversal(tr hcl.Traversal) (any, bool) {
	names := traversalNames(tr)
	text := strings.Join(names, ".")
	switch {
	case len(names) >= 2 && names[0] == "path":
		return ".", true
	case len(names) == 2 && names[0] == "var":
		if e, ok := sc.variables[names[1]]; ok {
			return sc.scalar(e)
		}
	case len(names) == 2 && names[0] == "local":
		if e, ok := sc.locals[names[1]]; ok {
			return sc.scalar(e)
		}
	case len(names) >= 4 && names[0] == "data":
		switch names[1] + "." + names[3] {
		case "aws_region.name", "aws_region.id", "aws_region.region":
			return standInRegion, true
		case "aws_caller_identity.account_id", "aws_caller_identity.id":
			return standInAccount, true
		case "aws_partition.partition", "aws_partition.id":
			return standInPartition, true
		}
	case len(names) >= 3:
		if shapes, ok := tfArnShapes[names[0]]; ok {
			if shape, ok := shapes[names[2]]; ok {
				physical := names[1]
				if n, ok := sc.names[names[0]+"."+names[1]]; ok {
					physical = n
				}
				return fmt.Sprintf(shape, physical), true
			}
		}
	}
	return standIn(text), false
}

func ctyScalar(v cty.Value) (any, bool) {
	if !v.IsKnown() || v.IsNull() {
		return nil, v.IsKnown()
	}
	switch v.Type() {
	case cty.String:
		return v.AsString(), true
	case cty.Bool:
		return v.True(), true
	case cty.Number:
		f := v.AsBigFloat()
		if f.IsInt() {
			if i, acc := f.Int64(); acc == big.Exact {
				return i, true
			}
		}
		x, _ := f.Float64()
		return x, true
	}
	return "deferred", false
}

func (sc *tfScope) rangeSpan(r hcl.Range) Span {
	return sc.docOf(r).span(r.Start.Byte, max(r.End.Byte, r.Start.Byte))
}

// docOf is the loaded file an expression was written in.
func (sc *tfScope) docOf(r hcl.Range) *Document {
	if d, ok := sc.files[r.Filename]; ok {
		return d
	}
	return sc.tmpl
}

// jsonValue converts a jsonencode() argument into a plain JSON value,
// recording positions as the JSON and YAML loaders do.
func (sc *tfScope) jsonValue(d *Document, ptr string, key Span, e hclsyntax.Expression, depth int) any {
	if depth > maxDepth {
		d.deferred[ptr] = true
		return nil
	}
	d.locs[ptr] = Location{Key: key, Value: sc.rangeSpan(e.Range())}
	switch x := e.(type) {
	case *hclsyntax.ObjectConsExpr:
		m := map[string]any{}
		keys := []string{}
		for _, item := range x.Items {
			k := hcl.ExprAsKeyword(item.KeyExpr)
			if k == "" {
				kv, _ := sc.scalar(item.KeyExpr)
				k = scalarText(kv)
			}
			child := JoinPointer(ptr, k)
			ks := sc.rangeSpan(item.KeyExpr.Range())
			if _, dup := m[k]; dup {
				d.Diagnostics = append(d.Diagnostics, Diagnostic{File: d.File, Rule: "duplicate-key",
					Code: "SCHEMA_VALIDATION_FAILED", Pointer: child, Severity: SeverityError,
					Message: fmt.Sprintf("duplicate key %q: jsonencode keeps only one of them; remove or rename the other", k),
					Line:    ks.Line, Column: ks.Column, EndLine: ks.EndLine, EndColumn: ks.EndColumn})
			} else {
				keys = append(keys, k)
			}
			m[k] = sc.jsonValue(d, child, ks, item.ValueExpr, depth+1)
		}
		d.order[ptr] = keys
		return m
	case *hclsyntax.TupleConsExpr:
		a := make([]any, 0, len(x.Exprs))
		for i, item := range x.Exprs {
			a = append(a, sc.jsonValue(d, ptr+"/"+strconv.Itoa(i), Span{}, item, depth+1))
		}
		return a
	case *hclsyntax.ParenthesesExpr:
		return sc.jsonValue(d, ptr, key, x.Expression, depth)
	case *hclsyntax.ScopeTraversalExpr:
		// local.x holding an object or list: read it where it is written.
		if names := traversalNames(x.Traversal); len(names) == 2 && names[0] == "local" {
			if le, ok := sc.locals[names[1]]; ok {
				switch le.(type) {
				case *hclsyntax.ObjectConsExpr, *hclsyntax.TupleConsExpr:
					return sc.jsonValue(d, ptr, key, le, depth+1)
				}
			}
		}
	}
	v, known := sc.scalar(e)
	if !known {
		d.markDeferred1(ptr)
	}
	return v
}

// hasDirective reports whether a string template holds %{ if } or
// %{ for } directives.
func hasDirective(e hclsyntax.Expression) bool {
	t, ok := e.(*hclsyntax.TemplateExpr)
	if !ok {
		return false
	}
	for _, p := range t.Parts {
		switch p.(type) {
		case *hclsyntax.ConditionalExpr, *hclsyntax.TemplateJoinExpr, *hclsyntax.ForExpr:
			return true
		}
	}
	return false
}
