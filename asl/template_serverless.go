package asl

import (
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
)

// serverlessDefinitions finds stepFunctions.stateMachines.*.definition in a
// Serverless Framework file (the serverless-step-functions plugin's layout).
func serverlessDefinitions(tmpl *Document, root map[string]any, read readFunc) []*Document {
	r := &resolver{resources: map[string]string{}, params: map[string]any{}, names: map[string]string{}}
	if res, ok := root["resources"].(map[string]any); ok {
		if inner, ok := res["Resources"].(map[string]any); ok {
			r.addResources(inner)
		}
	}
	service, _ := root["service"].(string)
	if fns, ok := root["functions"].(map[string]any); ok {
		for fn, v := range fns {
			// The framework names the function's resource <Fn>LambdaFunction,
			// and the plugin also accepts the function's own key.
			physical := fn
			if m, ok := v.(map[string]any); ok {
				if n, ok := m["name"].(string); ok && !strings.Contains(n, "${") {
					physical = n
				} else if service != "" && !strings.Contains(service, "${") {
					physical = service + "-dev-" + fn
				}
			}
			for _, id := range []string{fn, serverlessLogicalID(fn) + "LambdaFunction"} {
				r.resources[id] = "AWS::Lambda::Function"
				r.names[id] = physical
			}
		}
	}
	lookup := serverlessVariables(root, r)
	var out []*Document
	var docs []*Document
	sfn, _ := root["stepFunctions"].(map[string]any)
	machines, _ := sfn["stateMachines"].(map[string]any)
	for _, key := range tmpl.Keys("/stepFunctions/stateMachines") {
		sm, _ := machines[key].(map[string]any)
		base := JoinPointer("/stepFunctions/stateMachines", key)
		name := tmpl.File + "#" + key
		var d *Document
		switch def := sm["definition"].(type) {
		case nil:
			d = tmpl.derive(name)
			d.Diagnostics = append(d.Diagnostics, tmpl.Diagnostic(base, SeverityError, "template-missing-definition",
				"SCHEMA_VALIDATION_FAILED", "state machine "+key+" has no definition"))
		case string:
			d = serverlessFileDefinition(tmpl, name, base+"/definition", def, r, lookup, read)
		default:
			d = tmpl.derive(name)
			d.subtree(tmpl, base+"/definition")
			d.Diagnostics = templateDiagnostics(tmpl, base+"/definition")
			d.Root = r.walk(d, "", def, func(s string) (string, bool) { return serverlessString(r, s, lookup) })
			functionResources(d.Root, r)
		}
		if t, ok := sm["type"].(string); ok {
			d.WorkflowType = strings.ToUpper(t)
		}
		docs = append(docs, d)
	}
	out = append(out, docs...)
	if res, ok := root["resources"].(map[string]any); ok {
		if _, ok := res["Resources"].(map[string]any); ok {
			// CloudFormation resources the file declares directly.
			sub := tmpl.derive("")
			sub.subtree(tmpl, "/resources")
			sub.Root = res
			out = append(out, cfnDefinitions(sub, res, read)...)
		}
	}
	return out
}

// serverlessLogicalID is the framework's normalisation of a function key:
// first letter upper-cased, '-' → Dash, '_' → Underscore.
func serverlessLogicalID(s string) string {
	s = strings.NewReplacer("-", "Dash", "_", "Underscore").Replace(s)
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

var fileVarRE = regexp.MustCompile(`^\$\{file\(([^)]*)\)(:[^}]*)?\}$`)

// serverlessFileDefinition follows definition: ${file(path)}.
func serverlessFileDefinition(tmpl *Document, name, ptr, def string, r *resolver, lookup func(string) (any, bool, bool), read readFunc) *Document {
	m := fileVarRE.FindStringSubmatch(strings.TrimSpace(def))
	if m == nil {
		// A definition as text: JSON with placeholders.
		t := scalarSourceText(tmpl, tmpl.valueOffset(ptr), def)
		t, deferred := r.substitute(t, nil, false, lookup, true)
		d := tmpl.fromText(name, t)
		d.markDeferred(t, deferred)
		return d
	}
	rel := strings.Trim(strings.TrimSpace(m[1]), `'"`)
	path := filepath.Join(filepath.Dir(tmpl.File), rel)
	src, err := read(path)
	if err != nil {
		d := tmpl.derive(name)
		d.Diagnostics = append(d.Diagnostics, tmpl.DiagnosticAtValue(ptr, SeverityError, "definition-uri-not-found", "",
			"definition "+def+": cannot read "+path+"; fix the path or create the file"))
		return d
	}
	d := Load(path, src)
	if sel := strings.TrimPrefix(m[2], ":"); sel != "" && d.Root != nil {
		// ${file(x.yml):key} takes one member of the file.
		sub := d.derive(name)
		p := "/" + strings.ReplaceAll(sel, ".", "/")
		sub.subtree(d, p)
		sub.Root, _ = LookupPointer(d.Root, p)
		sub.File, sub.Source = d.File, d.Source
		d = sub
	}
	d.Name = name
	if d.deferred == nil {
		d.deferred = map[string]bool{}
	}
	if d.Root != nil {
		d.Root = r.walk(d, "", d.Root, func(s string) (string, bool) { return serverlessString(r, s, lookup) })
	}
	return d
}

// serverlessVariables resolves ${self:a.b}, ${opt:x, default} and the
// plugin's #{AWS::Region}-style pseudo parameters; anything else is known
// only at deployment.
func serverlessVariables(root map[string]any, r *resolver) func(string) (any, bool, bool) {
	self := func(ref string) (any, bool) {
		path, ok := strings.CutPrefix(strings.TrimSpace(ref), "self:")
		if !ok {
			return nil, false
		}
		v, found := LookupPointer(root, "/"+strings.ReplaceAll(path, ".", "/"))
		switch x := v.(type) {
		case string:
			return x, found && !strings.Contains(x, "${")
		case int64, float64, bool:
			return x, found
		}
		return nil, false
	}
	return func(expr string) (any, bool, bool) {
		expr = strings.TrimSpace(expr)
		if strings.HasPrefix(expr, "AWS::") {
			v, known := r.ref(expr)
			return v, known, true
		}
		// ${source:a, fallback}: the first that resolves here wins.
		for _, part := range strings.Split(expr, ",") {
			part = strings.TrimSpace(part)
			if v, ok := self(part); ok {
				return v, true, true
			}
			if q := strings.Trim(part, `'"`); q != part && !strings.Contains(q, "${") {
				return q, true, true // a quoted literal default
			}
		}
		return standIn(expr), false, true
	}
}

var hashVarRE = regexp.MustCompile(`#\{([^{}]*)\}`)

// serverlessString resolves the variables in one string of a definition.
func serverlessString(r *resolver, s string, lookup func(string) (any, bool, bool)) (string, bool) {
	known := true
	if strings.Contains(s, "#{") {
		s = hashVarRE.ReplaceAllStringFunc(s, func(m string) string {
			v, k := r.lookupRef(m[2 : len(m)-1])
			known = known && k
			return scalarText(v)
		})
	}
	if !strings.Contains(s, "${") {
		return s, known
	}
	t := sourceText{}
	t.addAt(s, 0)
	out, deferred := r.substitute(t, nil, false, lookup, false)
	return string(out.b), known && len(deferred) == 0
}

// lookupRef resolves #{Name} or #{Name.Attr}.
func (r *resolver) lookupRef(name string) (any, bool) {
	if id, attr, ok := strings.Cut(name, "."); ok {
		return r.getAtt(id, attr)
	}
	return r.ref(name)
}

// functionResources lets a Task's Resource name a function of the file
// ("Resource: hello"), which the plugin turns into the function's ARN.
func functionResources(v any, r *resolver) {
	switch x := v.(type) {
	case map[string]any:
		if res, ok := x["Resource"].(string); ok && r.resources[res] == "AWS::Lambda::Function" && !strings.Contains(res, ":") {
			x["Resource"], _ = r.getAtt(res, "Arn")
		}
		for _, child := range x {
			functionResources(child, r)
		}
	case []any:
		for _, child := range x {
			functionResources(child, r)
		}
	}
}
