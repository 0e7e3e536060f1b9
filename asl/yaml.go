package asl

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// maxAliasExpansion bounds how many nodes aliases may expand to, so a
// "billion laughs" file is an error rather than an out-of-memory crash.
const maxAliasExpansion = 100000

type yamlConverter struct {
	doc      *Document
	expanded int
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

func parseYAML(doc *Document) {
	var root yaml.Node
	err := safeYAMLUnmarshal(doc.Source, &root)
	if err != nil {
		line := 1
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		line = yamlErrorLine(doc.Source, line)
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = regexp.MustCompile(`^line \d+: `).ReplaceAllString(msg, "")
		doc.Diagnostics = append(doc.Diagnostics, Diagnostic{File: doc.File, Rule: "invalid-yaml",
			Code: "INVALID_JSON_DESCRIPTION", Message: "invalid YAML: " + msg, Line: line, Column: 1,
			EndLine: line, EndColumn: 2, Severity: SeverityError})
		return
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		doc.Diagnostics = append(doc.Diagnostics, Diagnostic{File: doc.File, Rule: "invalid-yaml",
			Code: "INVALID_JSON_DESCRIPTION", Message: "the file is empty: expected a mapping with StartAt and States",
			Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Severity: SeverityError})
		return
	}
	c := &yamlConverter{doc: doc}
	v, cerr := c.node(root.Content[0], "", Span{}, 0)
	if cerr != nil {
		doc.Diagnostics = append(doc.Diagnostics, *cerr)
		return
	}
	doc.Root = v
}

// safeYAMLUnmarshal guards against panics inside the YAML library on
// pathological input: bad input must be a finding, never a crash.
func safeYAMLUnmarshal(src []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("yaml: the YAML parser could not read this file")
		}
	}()
	return yaml.Unmarshal(src, n)
}

func (c *yamlConverter) fail(n *yaml.Node, ptr, format string, args ...any) *Diagnostic {
	return &Diagnostic{File: c.doc.File, Rule: "invalid-yaml", Code: "INVALID_JSON_DESCRIPTION",
		Message: fmt.Sprintf(format, args...), Pointer: ptr, Line: n.Line, Column: n.Column,
		EndLine: n.Line, EndColumn: n.Column + 1, Severity: SeverityError}
}

func (c *yamlConverter) span(n *yaml.Node) Span {
	s := Span{Line: n.Line, Column: n.Column, EndLine: n.Line, EndColumn: n.Column + 1}
	if n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		// A block scalar's node sits on its "|" or ">" indicator; the
		// text a finding is about starts on a later line.
		if line, col, ok := blockContentStart(c.doc.Source, n.Line); ok {
			s = Span{Line: line, Column: col, EndLine: line, EndColumn: col + 1}
		}
		return s
	}
	if n.Kind == yaml.ScalarNode && !strings.Contains(n.Value, "\n") {
		w := utf8.RuneCountInString(n.Value)
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			w += 2
		}
		s.EndColumn = n.Column + max(w, 1)
	}
	return s
}

func (c *yamlConverter) node(n *yaml.Node, ptr string, key Span, depth int) (any, *Diagnostic) {
	if depth > maxDepth {
		return nil, c.fail(n, ptr, "nesting deeper than %d levels", maxDepth)
	}
	c.expanded++
	if c.expanded > maxAliasExpansion {
		return nil, c.fail(n, ptr, "aliases expand to more than %d nodes", maxAliasExpansion)
	}
	if n.Kind == yaml.AliasNode {
		// An alias stands for its anchor's value; positions point at the alias.
		v, err := c.node(n.Alias, ptr, key, depth+1)
		c.doc.locs[ptr] = Location{Key: key, Value: c.span(n)}
		return v, err
	}
	if fn := cfnShortTag(n.Tag); fn != "" {
		return c.intrinsic(n, fn, ptr, key, depth)
	}
	var v any
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.node(n.Content[0], ptr, key, depth)
	case yaml.MappingNode:
		m := map[string]any{}
		keys := []string{}
		if err := c.mapping(n, ptr, m, &keys, depth); err != nil {
			return nil, err
		}
		c.doc.order[ptr] = keys
		v = m
	case yaml.SequenceNode:
		a := make([]any, 0, len(n.Content))
		for i, item := range n.Content {
			x, err := c.node(item, ptr+"/"+strconv.Itoa(i), Span{}, depth+1)
			if err != nil {
				return nil, err
			}
			a = append(a, x)
		}
		v = a
	case yaml.ScalarNode:
		var err *Diagnostic
		if v, err = c.scalar(n, ptr); err != nil {
			return nil, err
		}
	}
	c.doc.locs[ptr] = Location{Key: key, Value: c.span(n)}
	return v, nil
}

func (c *yamlConverter) mapping(n *yaml.Node, ptr string, m map[string]any, keys *[]string, depth int) *Diagnostic {
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		if kn.Kind == yaml.ScalarNode && kn.Tag == "!!merge" {
			// "<<: *base" merges the anchored mapping(s); explicit keys win.
			sources := []*yaml.Node{vn}
			if vn.Kind == yaml.SequenceNode {
				sources = vn.Content
			}
			for _, s := range sources {
				for s.Kind == yaml.AliasNode {
					s = s.Alias
				}
				if s.Kind != yaml.MappingNode {
					return c.fail(vn, ptr, "a merge key (<<) must refer to a mapping")
				}
				if err := c.mapping(s, ptr, m, keys, depth+1); err != nil {
					return err
				}
			}
			continue
		}
		if kn.Kind != yaml.ScalarNode {
			return c.fail(kn, ptr, "a mapping key must be a plain value, not a %s", kindName(kn.Kind))
		}
		k := kn.Value
		child := JoinPointer(ptr, k)
		keySpan := c.span(kn)
		if _, dup := m[k]; dup {
			c.doc.Diagnostics = append(c.doc.Diagnostics, Diagnostic{File: c.doc.File,
				Rule: "duplicate-key", Code: "SCHEMA_VALIDATION_FAILED",
				Message: fmt.Sprintf("duplicate key %q: AWS keeps only one of them; remove or rename the other", k),
				Pointer: child, Line: keySpan.Line, Column: keySpan.Column, EndLine: keySpan.EndLine,
				EndColumn: keySpan.EndColumn, Severity: SeverityError})
		} else {
			*keys = append(*keys, k)
		}
		v, err := c.node(vn, child, keySpan, depth+1)
		if err != nil {
			return err
		}
		m[k] = v
	}
	return nil
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "sequence"
	case yaml.AliasNode:
		return "alias"
	}
	return "scalar"
}

// scalar resolves a YAML scalar with YAML 1.2 core-schema rules: only
// true/false are booleans, so state names such as Yes, No and On stay strings.
func (c *yamlConverter) scalar(n *yaml.Node, ptr string) (any, *Diagnostic) {
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return n.Value, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		switch n.Value {
		case "true", "True", "TRUE":
			return true, nil
		case "false", "False", "FALSE":
			return false, nil
		}
		return n.Value, nil
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			return i, nil
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f, nil
		}
		return n.Value, nil
	case "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			if strings.HasPrefix(strings.ToLower(strings.TrimLeft(n.Value, "+-")), ".") {
				return nil, c.fail(n, ptr, "%s is not a number JSON can hold", n.Value)
			}
			return n.Value, nil
		}
		return f, nil
	}
	// Strings, timestamps, binary and unknown custom tags keep their text.
	return n.Value, nil
}

// cfnShortTag names the long form of a CloudFormation short-form tag
// (!Sub → Fn::Sub, !Ref → Ref), or "" for any other tag.
func cfnShortTag(tag string) string {
	switch tag {
	case "!Ref", "!Condition":
		return tag[1:]
	case "!Sub", "!GetAtt", "!Join", "!Select", "!Split", "!If", "!Equals", "!And", "!Or",
		"!Not", "!FindInMap", "!Base64", "!Cidr", "!ImportValue", "!GetAZs", "!Transform",
		"!ToJsonString", "!Length":
		return "Fn::" + tag[1:]
	}
	return ""
}

// intrinsic turns "!Sub text" into {"Fn::Sub": "text"}, the long form
// CloudFormation itself reads, so templates need only one resolver.
func (c *yamlConverter) intrinsic(n *yaml.Node, fn, ptr string, key Span, depth int) (any, *Diagnostic) {
	inner := *n
	inner.Tag = ""
	if n.Kind == yaml.ScalarNode {
		inner.Tag = "!!str"
	}
	v, err := c.node(&inner, JoinPointer(ptr, fn), c.span(n), depth+1)
	if err != nil {
		return nil, err
	}
	c.doc.order[ptr] = []string{fn}
	span := c.span(n) // starts at the tag; on one line, widen it to cover the tag
	if n.Kind == yaml.ScalarNode && span.EndLine == span.Line {
		span.EndColumn += utf8.RuneCountInString(n.Tag) + 1
	}
	c.doc.locs[ptr] = Location{Key: key, Value: span}
	return map[string]any{fn: v}, nil
}
