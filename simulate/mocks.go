package simulate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/sfnctl/sfnctl/asl"
)

// MockConfig is a Step Functions Local MockConfigFile:
//
//	{"StateMachines": {machine: {"TestCases": {case: {state: response}}}},
//	 "MockedResponses": {response: {"0": {"Return": …}, "1-2": {"Throw": {"Error": …, "Cause": …}}}}}
type MockConfig struct {
	File          string
	StateMachines map[string]map[string]TestCase // machine → test case → mocks
	Responses     map[string]*MockedResponse
}

// TestCase maps a Task state name to the name of its mocked response.
type TestCase map[string]string

// MockedResponse is the numbered answers of one mocked response: invocation
// n (0-based, every attempt counts) gets the answer whose range holds n.
type MockedResponse struct {
	Name    string
	Answers []MockAnswer // sorted by From
}

// MockAnswer is one "n" or "a-b" entry: a Return value or a Throw.
type MockAnswer struct {
	From, To int
	Return   any
	Throw    *MockThrow
	// Duration is how long the service takes, in seconds (an sfnctl
	// extension): the virtual clock moves by it, and a Task's
	// TimeoutSeconds or HeartbeatSeconds shorter than it times out.
	Duration float64
}

// MockThrow makes the task fail with Error and Cause.
type MockThrow struct {
	Error, Cause string
	HasCause     bool // false: the failure has no cause (null)
}

// Answer returns the answer for the n-th invocation, or false past the end.
func (r *MockedResponse) Answer(n int) (MockAnswer, bool) {
	i := sort.Search(len(r.Answers), func(i int) bool { return r.Answers[i].To >= n })
	if i < len(r.Answers) && r.Answers[i].From <= n {
		return r.Answers[i], true
	}
	return MockAnswer{}, false
}

// LoadMocks checks a loaded mock file's shape and builds the config.
// Problems are diagnostics placed at their source position; the config is
// nil when there is any error.
func LoadMocks(doc *asl.Document) (*MockConfig, []asl.Diagnostic) {
	diags := append([]asl.Diagnostic(nil), doc.Diagnostics...)
	if doc.Root == nil {
		return nil, diags
	}
	l := &mockLoader{doc: doc, mc: &MockConfig{File: doc.File, StateMachines: map[string]map[string]TestCase{},
		Responses: map[string]*MockedResponse{}}}
	l.diags = diags
	root, ok := doc.Root.(map[string]any)
	if !ok {
		l.errorf("", "a mock file must be a JSON object with StateMachines and MockedResponses")
		return nil, l.diags
	}
	for _, k := range l.keys("", root) {
		if k != "StateMachines" && k != "MockedResponses" {
			l.errorf("/"+asl.EscapePointerToken(k), "unknown field %q: a mock file has only StateMachines and MockedResponses", k)
		}
	}
	l.responses(root)
	l.machines(root)
	if len(l.diags) > 0 {
		return nil, asl.SortDiagnostics(l.diags)
	}
	return l.mc, nil
}

type mockLoader struct {
	doc   *asl.Document
	mc    *MockConfig
	diags []asl.Diagnostic
}

func (l *mockLoader) errorf(ptr, format string, args ...any) {
	l.diags = append(l.diags, l.doc.Diagnostic(ptr, asl.SeverityError, "invalid-mock-file", "", fmt.Sprintf(format, args...)))
}

// keys lists an object's members in source order (sorted when unknown).
func (l *mockLoader) keys(ptr string, m map[string]any) []string {
	if ks := l.doc.Keys(ptr); len(ks) == len(m) {
		return ks
	}
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func (l *mockLoader) object(ptr string, v any, what string) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		l.errorf(ptr, "%s must be a JSON object, not %s", what, jsonKind(v))
	}
	return m, ok
}

// section reads one of the file's two required top-level objects.
func (l *mockLoader) section(root map[string]any, name, example string) (map[string]any, bool) {
	v, ok := root[name]
	if !ok {
		l.errorf("", "the mock file has no %s: add %s", name, example)
		return nil, false
	}
	return l.object("/"+name, v, name)
}

func (l *mockLoader) machines(root map[string]any) {
	machines, ok := l.section(root, "StateMachines", `{"StateMachines": {"<name>": {"TestCases": {…}}}}`)
	if !ok {
		return
	}
	for _, name := range l.keys("/StateMachines", machines) {
		mp := asl.JoinPointer("/StateMachines", name)
		mm, ok := l.object(mp, machines[name], "a state machine entry")
		if !ok {
			continue
		}
		tcs := map[string]TestCase{}
		l.mc.StateMachines[name] = tcs
		for _, k := range l.keys(mp, mm) {
			if k != "TestCases" {
				l.errorf(asl.JoinPointer(mp, k), "unknown field %q: a state machine entry has only TestCases", k)
			}
		}
		tv, ok := mm["TestCases"]
		if !ok {
			l.errorf(mp, "state machine %q has no TestCases", name)
			continue
		}
		tp := mp + "/TestCases"
		tm, ok := l.object(tp, tv, "TestCases")
		if !ok {
			continue
		}
		for _, tc := range l.keys(tp, tm) {
			cp := asl.JoinPointer(tp, tc)
			cm, ok := l.object(cp, tm[tc], "a test case")
			if !ok {
				continue
			}
			tcase := TestCase{}
			for _, state := range l.keys(cp, cm) {
				sp := asl.JoinPointer(cp, state)
				resp, ok := cm[state].(string)
				if !ok {
					l.errorf(sp, "the mock of state %q must be the name of a MockedResponses entry, not %s", state, jsonKind(cm[state]))
					continue
				}
				if _, ok := l.mc.Responses[resp]; !ok {
					if _, exists := mapAt(root, "MockedResponses")[resp]; !exists {
						l.errorf(sp, "state %q uses mocked response %q, which MockedResponses does not define", state, resp)
					}
					continue
				}
				tcase[state] = resp
			}
			tcs[tc] = tcase
		}
	}
}

func mapAt(m map[string]any, k string) map[string]any {
	v, _ := m[k].(map[string]any)
	return v
}

func (l *mockLoader) responses(root map[string]any) {
	resps, ok := l.section(root, "MockedResponses", `{"MockedResponses": {"<name>": {"0": {"Return": …}}}}`)
	if !ok {
		return
	}
	for _, name := range l.keys("/MockedResponses", resps) {
		rp := asl.JoinPointer("/MockedResponses", name)
		rm, ok := l.object(rp, resps[name], "a mocked response")
		if !ok {
			continue
		}
		r := &MockedResponse{Name: name}
		for _, key := range l.keys(rp, rm) {
			kp := asl.JoinPointer(rp, key)
			from, to, ok := parseInvocationRange(key)
			if !ok {
				l.errorf(kp, "invocation key %q must be a number such as \"0\" or a range such as \"1-3\"", key)
				continue
			}
			am, ok := l.object(kp, rm[key], "an invocation's answer")
			if !ok {
				continue
			}
			ans := MockAnswer{From: from, To: to}
			if d, ok := am["Duration"]; ok {
				secs, isNum := asl.Float(d)
				if !isNum || secs < 0 {
					l.errorf(kp+"/Duration", "Duration must be a non-negative number of seconds")
				}
				ans.Duration = secs
			}
			ret, hasRet := am["Return"]
			thr, hasThr := am["Throw"]
			for _, f := range l.keys(kp, am) {
				if f != "Return" && f != "Throw" && f != "Duration" {
					l.errorf(asl.JoinPointer(kp, f), "unknown field %q: an answer has exactly one of Return or Throw (and optionally Duration)", f)
				}
			}
			switch {
			case hasRet && hasThr:
				l.errorf(kp, "an answer has exactly one of Return or Throw, not both")
				continue
			case hasRet:
				ans.Return = ret
			case hasThr:
				tp := kp + "/Throw"
				tm, ok := l.object(tp, thr, "Throw")
				if !ok {
					continue
				}
				t := &MockThrow{}
				if e, ok := tm["Error"].(string); ok {
					t.Error = e
				} else {
					l.errorf(tp, "Throw needs an \"Error\" string, the error name that Retry and Catch match")
				}
				if c, ok := tm["Cause"]; ok {
					if cs, ok := c.(string); ok {
						t.Cause, t.HasCause = cs, true
					} else {
						l.errorf(tp+"/Cause", "Cause must be a string")
					}
				}
				for _, f := range l.keys(tp, tm) {
					if f != "Error" && f != "Cause" {
						l.errorf(asl.JoinPointer(tp, f), "unknown field %q: Throw has only Error and Cause", f)
					}
				}
				ans.Throw = t
			default:
				l.errorf(kp, "an answer needs a Return (the service's response) or a Throw ({\"Error\": …, \"Cause\": …})")
				continue
			}
			r.Answers = append(r.Answers, ans)
		}
		sort.Slice(r.Answers, func(i, j int) bool { return r.Answers[i].From < r.Answers[j].From })
		for i := 1; i < len(r.Answers); i++ {
			if r.Answers[i].From <= r.Answers[i-1].To {
				l.errorf(rp, "mocked response %q has overlapping invocation numbers (%d is given twice)", name, r.Answers[i].From)
				break
			}
		}
		l.mc.Responses[name] = r
	}
}

// parseInvocationRange reads "3" or "1-2".
func parseInvocationRange(s string) (from, to int, ok bool) {
	a, b, isRange := strings.Cut(s, "-")
	from, err := strconv.Atoi(a)
	if err != nil || from < 0 || a != strconv.Itoa(from) {
		return 0, 0, false
	}
	if !isRange {
		return from, from, true
	}
	to, err = strconv.Atoi(b)
	if err != nil || to < from || b != strconv.Itoa(to) {
		return 0, 0, false
	}
	return from, to, true
}

// Select picks the test case to run. Empty names are allowed when there is
// exactly one choice.
func (mc *MockConfig) Select(machine, testCase string) (TestCase, error) {
	if mc == nil {
		if testCase != "" {
			return nil, fmt.Errorf("--test-case %q needs a mock file (--mock)", testCase)
		}
		return nil, nil
	}
	if machine == "" {
		if len(mc.StateMachines) != 1 {
			return nil, fmt.Errorf("the mock file has %d state machines (%s): pick one with --state-machine", len(mc.StateMachines), strings.Join(sortedNames(mc.StateMachines), ", "))
		}
		for k := range mc.StateMachines {
			machine = k
		}
	}
	cases, ok := mc.StateMachines[machine]
	if !ok {
		return nil, fmt.Errorf("the mock file has no state machine %q (it has: %s)", machine, strings.Join(sortedNames(mc.StateMachines), ", "))
	}
	if testCase == "" {
		if len(cases) != 1 {
			return nil, fmt.Errorf("state machine %q has %d test cases (%s): pick one with --test-case", machine, len(cases), strings.Join(sortedNames(cases), ", "))
		}
		for k := range cases {
			testCase = k
		}
	}
	tc, ok := cases[testCase]
	if !ok {
		return nil, fmt.Errorf("state machine %q has no test case %q (it has: %s)", machine, testCase, strings.Join(sortedNames(cases), ", "))
	}
	return tc, nil
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// jsonKind names a value's JSON type for messages.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case int64, float64, int:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
