package asl

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The account, region and partition sfnctl pretends to deploy into when a
// template leaves them to CloudFormation. They only need to look real.
const (
	standInRegion    = "us-east-1"
	standInAccount   = "123456789012"
	standInPartition = "aws"
)

// dynamicRefPrefix starts a CloudFormation dynamic reference, resolved at
// deployment from SSM Parameter Store or Secrets Manager.
const dynamicRefPrefix = "{{resolve:"

// resolver stands in for CloudFormation's intrinsic functions: it turns
// !Ref, !GetAtt, !Sub, !Join and friends into the values they would have
// after deployment where the template tells (parameter defaults, the ARN
// shape of a resource type) and into a marked stand-in where it cannot.
type resolver struct {
	resources map[string]string // logical id → resource type
	params    map[string]any    // parameter → default (nil when none)
	mappings  map[string]any
	names     map[string]string // logical id → physical name, when known
	// dollarEscape: "$${x}" is a literal "${x}" (Terraform templates).
	dollarEscape bool
}

func newResolver(root map[string]any) *resolver {
	r := &resolver{resources: map[string]string{}, params: map[string]any{}, names: map[string]string{}}
	if res, ok := root["Resources"].(map[string]any); ok {
		r.addResources(res)
	}
	if ps, ok := root["Parameters"].(map[string]any); ok {
		for name, p := range ps {
			pm, _ := p.(map[string]any)
			r.params[name] = pm["Default"]
			// An SSM parameter's default is the parameter's name, not its value.
			if t, _ := pm["Type"].(string); strings.HasPrefix(t, "AWS::SSM::Parameter::Value") {
				r.params[name] = nil
			}
		}
	}
	r.mappings, _ = root["Mappings"].(map[string]any)
	return r
}

func (r *resolver) addResources(res map[string]any) {
	for id, v := range res {
		m, _ := v.(map[string]any)
		typ, _ := m["Type"].(string)
		r.resources[id] = typ
		props, _ := m["Properties"].(map[string]any)
		for _, k := range []string{"FunctionName", "QueueName", "TopicName", "TableName", "BucketName",
			"StateMachineName", "Name", "RoleName", "ClusterName", "JobQueueName"} {
			if s, ok := props[k].(string); ok && s != "" {
				r.names[id] = s
				break
			}
		}
	}
}

// arnShapes gives, per resource type, what Ref returns and what the Arn
// attribute returns; %s is the resource's name.
var arnShapes = map[string][2]string{
	"AWS::Lambda::Function":                {"%s", "arn:aws:lambda:us-east-1:123456789012:function:%s"},
	"AWS::Serverless::Function":            {"%s", "arn:aws:lambda:us-east-1:123456789012:function:%s"},
	"AWS::Lambda::Alias":                   {"arn:aws:lambda:us-east-1:123456789012:function:%s:live", ""},
	"AWS::Lambda::Version":                 {"arn:aws:lambda:us-east-1:123456789012:function:%s:1", ""},
	"AWS::SQS::Queue":                      {"https://sqs.us-east-1.amazonaws.com/123456789012/%s", "arn:aws:sqs:us-east-1:123456789012:%s"},
	"AWS::SNS::Topic":                      {"arn:aws:sns:us-east-1:123456789012:%s", "arn:aws:sns:us-east-1:123456789012:%s"},
	"AWS::DynamoDB::Table":                 {"%s", "arn:aws:dynamodb:us-east-1:123456789012:table/%s"},
	"AWS::Serverless::SimpleTable":         {"%s", "arn:aws:dynamodb:us-east-1:123456789012:table/%s"},
	"AWS::StepFunctions::Activity":         {"arn:aws:states:us-east-1:123456789012:activity:%s", ""},
	"AWS::StepFunctions::StateMachine":     {"arn:aws:states:us-east-1:123456789012:stateMachine:%s", ""},
	"AWS::Serverless::StateMachine":        {"arn:aws:states:us-east-1:123456789012:stateMachine:%s", ""},
	"AWS::S3::Bucket":                      {"%s", "arn:aws:s3:::%s"},
	"AWS::Events::EventBus":                {"%s", "arn:aws:events:us-east-1:123456789012:event-bus/%s"},
	"AWS::IAM::Role":                       {"%s", "arn:aws:iam::123456789012:role/%s"},
	"AWS::ECS::Cluster":                    {"%s", "arn:aws:ecs:us-east-1:123456789012:cluster/%s"},
	"AWS::ECS::TaskDefinition":             {"arn:aws:ecs:us-east-1:123456789012:task-definition/%s:1", ""},
	"AWS::Batch::JobQueue":                 {"arn:aws:batch:us-east-1:123456789012:job-queue/%s", ""},
	"AWS::Batch::JobDefinition":            {"arn:aws:batch:us-east-1:123456789012:job-definition/%s:1", ""},
	"AWS::Glue::Job":                       {"%s", ""},
	"AWS::CodeBuild::Project":              {"%s", "arn:aws:codebuild:us-east-1:123456789012:project/%s"},
	"AWS::Kinesis::Stream":                 {"%s", "arn:aws:kinesis:us-east-1:123456789012:stream/%s"},
	"AWS::KinesisFirehose::DeliveryStream": {"%s", "arn:aws:firehose:us-east-1:123456789012:deliverystream/%s"},
	"AWS::Logs::LogGroup":                  {"%s", "arn:aws:logs:us-east-1:123456789012:log-group:%s:*"},
}

// getAtt is what Fn::GetAtt returns for the attribute of a resource, by its type.
func (r *resolver) getAtt(id, attr string) (string, bool) {
	typ, ok := r.resources[id]
	if !ok {
		return standIn(id + "." + attr), false
	}
	name := r.nameOf(id)
	shape, known := arnShapes[typ]
	switch {
	case !known:
	case attr == "Arn" || strings.HasSuffix(attr, "Arn"):
		if shape[1] != "" {
			return fmt.Sprintf(shape[1], name), true
		}
		if strings.HasPrefix(shape[0], "arn:") {
			return fmt.Sprintf(shape[0], name), true
		}
	case attr == "QueueUrl":
		return fmt.Sprintf(shape[0], name), true
	case strings.HasSuffix(attr, "Name") || attr == "Name":
		return name, true
	}
	return standIn(id + "." + attr), false
}

func (r *resolver) nameOf(id string) string {
	if n, ok := r.names[id]; ok && !strings.Contains(n, "${") {
		return n
	}
	return id
}

// ref is what Ref returns for a parameter, pseudo parameter or resource.
func (r *resolver) ref(name string) (any, bool) {
	switch name {
	case "AWS::Region":
		return standInRegion, true
	case "AWS::AccountId":
		return standInAccount, true
	case "AWS::Partition":
		return standInPartition, true
	case "AWS::URLSuffix":
		return "amazonaws.com", true
	case "AWS::StackName":
		return "stack", true
	case "AWS::StackId":
		return "arn:aws:cloudformation:us-east-1:123456789012:stack/stack/00000000-0000-0000-0000-000000000000", true
	}
	if def, ok := r.params[name]; ok {
		switch def.(type) {
		case string, int64, float64, bool:
			return def, true
		}
		return standIn(name), false
	}
	if typ, ok := r.resources[name]; ok {
		if shape, ok := arnShapes[typ]; ok {
			return fmt.Sprintf(shape[0], r.nameOf(name)), true
		}
	}
	return standIn(name), false
}

// value resolves v when it is an intrinsic function call ({"Ref": x},
// {"Fn::Sub": …}); other values come back as they are.
func (r *resolver) value(v any) (any, bool) {
	fn, arg, ok := intrinsicCall(v)
	if !ok {
		// A dynamic reference ({{resolve:ssm:…}}) is read at deployment.
		if s, isString := v.(string); isString && strings.Contains(s, dynamicRefPrefix) {
			return s, false
		}
		return v, true
	}
	list, _ := arg.([]any)
	switch fn {
	case "Ref":
		if s, ok := arg.(string); ok {
			return r.ref(s)
		}
	case "Fn::GetAtt":
		var id, attr string
		if s, ok := arg.(string); ok {
			id, attr, _ = strings.Cut(s, ".")
		} else if len(list) == 2 {
			id, _ = list[0].(string)
			a, known := r.value(list[1])
			attr, _ = a.(string)
			if !known {
				return standIn(id), false
			}
		}
		return r.getAtt(id, attr)
	case "Fn::Sub":
		text, vars := subArgs(arg)
		t := sourceText{}
		t.addAt(text, 0)
		out, deferred := r.substitute(t, vars, true, nil, false)
		return string(out.b), len(deferred) == 0
	case "Fn::Join":
		if len(list) == 2 {
			delim, _ := list[0].(string)
			parts, ok := r.value(list[1])
			items, isList := parts.([]any)
			if !isList {
				return standIn("join"), false
			}
			strs := make([]string, 0, len(items))
			for _, it := range items {
				s, k := r.value(it)
				ok = ok && k
				strs = append(strs, scalarText(s))
			}
			return strings.Join(strs, delim), ok
		}
	case "Fn::Select":
		if len(list) == 2 {
			idx, k1 := r.value(list[0])
			items, k2 := r.value(list[1])
			n, _ := strconv.Atoi(scalarText(idx))
			if a, ok := items.([]any); ok && n >= 0 && n < len(a) {
				v, k3 := r.value(a[n])
				return v, k1 && k2 && k3
			}
		}
	case "Fn::If":
		if len(list) == 3 {
			v, _ := r.value(list[1]) // either branch may be taken
			return v, false
		}
	case "Fn::FindInMap":
		if len(list) == 3 {
			var keys []string
			for _, x := range list {
				s, k := r.value(x)
				if !k {
					return standIn("FindInMap"), false
				}
				keys = append(keys, scalarText(s))
			}
			if m, ok := r.mappings[keys[0]].(map[string]any); ok {
				if m2, ok := m[keys[1]].(map[string]any); ok {
					if v, ok := m2[keys[2]]; ok {
						return v, true
					}
				}
			}
		}
	case "Fn::Split":
		if len(list) == 2 {
			delim, _ := list[0].(string)
			s, k := r.value(list[1])
			var out []any
			for _, p := range strings.Split(scalarText(s), delim) {
				out = append(out, p)
			}
			return out, k
		}
	case "Fn::ImportValue":
		if s, ok := arg.(string); ok {
			return standIn(s), false
		}
	}
	return standIn(strings.TrimPrefix(fn, "Fn::")), false
}

// intrinsicCall recognises an intrinsic function: an object with one member
// named Ref, Condition or Fn::….
func intrinsicCall(v any) (fn string, arg any, ok bool) {
	m, isMap := v.(map[string]any)
	if !isMap || len(m) != 1 {
		return "", nil, false
	}
	for k, a := range m {
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return k, a, true
		}
	}
	return "", nil, false
}

func subArgs(arg any) (string, map[string]any) {
	if s, ok := arg.(string); ok {
		return s, nil
	}
	if l, ok := arg.([]any); ok && len(l) == 2 {
		s, _ := l[0].(string)
		vars, _ := l[1].(map[string]any)
		return s, vars
	}
	return "", nil
}

func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

var standInCleaner = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// standIn is the text put where a value is known only after deployment: the
// name of what it refers to, reduced to characters any field accepts.
func standIn(name string) string {
	s := strings.Trim(standInCleaner.ReplaceAllString(name, "-"), "-")
	if s == "" {
		return "deferred"
	}
	return s
}

// placeholderRE finds ${Name} placeholders; ${!Name} is Fn::Sub's escape
// for a literal ${Name}.
var placeholderRE = regexp.MustCompile(`\$\{(!?)([^{}]*)\}`)

// substitute replaces ${Name} placeholders in t. With sub set it follows
// Fn::Sub (vars, then pseudo parameters, parameters, resources and
// Resource.Attribute); without, only the names in vars are replaced and
// the others stay as AWS leaves them (DefinitionSubstitutions). It returns
// the text and the text offsets of stand-ins for values known only after
// deployment. lookup, when set, resolves names first (Serverless variables).
// jsonText says t is JSON text, where a stand-in outside quotes must be a number.
func (r *resolver) substitute(t sourceText, vars map[string]any, sub bool, lookup func(string) (any, bool, bool), jsonText bool) (sourceText, []int) {
	locs := placeholderRE.FindAllSubmatchIndex(t.b, -1)
	if len(locs) == 0 {
		return t, nil
	}
	var inString []bool
	if jsonText {
		inString = jsonStringMask(t.b)
	}
	var out sourceText
	var deferred []int
	last := 0
	for _, m := range locs {
		out.addText(sourceText{b: t.b[last:m[0]], offs: t.offs[last:m[0]]})
		last = m[1]
		name := string(t.b[m[4]:m[5]])
		at := t.offs[m[0]]
		if r.dollarEscape && m[0] > 0 && t.b[m[0]-1] == '$' {
			// "$$" was copied up to its second "$", which the literal drops.
			out.addText(sourceText{b: t.b[m[0]+1 : m[1]], offs: t.offs[m[0]+1 : m[1]]})
			continue
		}
		if m[3] > m[2] { // ${!Literal}
			if sub {
				out.addAt("${"+name+"}", at)
			} else {
				out.addText(sourceText{b: t.b[m[0]:m[1]], offs: t.offs[m[0]:m[1]]})
			}
			continue
		}
		v, known, found := r.lookupName(name, vars, sub, lookup)
		if !found {
			out.addText(sourceText{b: t.b[m[0]:m[1]], offs: t.offs[m[0]:m[1]]})
			continue
		}
		text := scalarText(v)
		if !known {
			deferred = append(deferred, len(out.b))
			if jsonText && !inString[m[0]] {
				text = "1" // a placeholder outside quotes stands for a number
			}
		}
		out.addAt(text, at)
	}
	out.addText(sourceText{b: t.b[last:], offs: t.offs[last:]})
	return out, deferred
}

func (r *resolver) lookupName(name string, vars map[string]any, sub bool, lookup func(string) (any, bool, bool)) (v any, known, found bool) {
	if lookup != nil {
		if v, known, found = lookup(name); found {
			return v, known, true
		}
	}
	if v, ok := vars[name]; ok {
		v, known = r.value(v)
		return v, known, true
	}
	if !sub {
		return nil, false, false
	}
	if id, attr, ok := strings.Cut(name, "."); ok {
		s, known := r.getAtt(id, attr)
		return s, known, true
	}
	v, known = r.ref(name)
	return v, known, true
}

// jsonStringMask marks the bytes of b that sit inside a JSON string, so a
// placeholder can be replaced by text that keeps the JSON well formed.
func jsonStringMask(b []byte) []bool {
	mask := make([]bool, len(b))
	in, esc := false, false
	for i, c := range b {
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
			continue
		}
		mask[i] = in
	}
	return mask
}
