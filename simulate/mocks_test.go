package simulate

import (
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

func TestLoadMocksErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"not an object", `[1]`, 1, 1, "must be a JSON object"},
		{"no state machines", `{"MockedResponses": {}}`, 1, 1, "no StateMachines"},
		{"no mocked responses", `{"StateMachines": {}}`, 1, 1, `no MockedResponses: add {"MockedResponses"`},
		{"responses not an object", `{"StateMachines": {}, "MockedResponses": []}`, 1, 23, "MockedResponses must be a JSON object"},
		{"unknown top-level field", `{"StateMachines": {}, "MockedResponses": {}, "Extra": 1}`, 1, 46, `unknown field "Extra"`},
		{"undefined response", "{\"StateMachines\": {\"M\": {\"TestCases\": {\"C\": {\n  \"S\": \"Nope\"}}}},\n \"MockedResponses\": {}}", 2, 3, `"Nope", which MockedResponses does not define`},
		{"bad invocation key", `{"StateMachines": {}, "MockedResponses": {"R": {"one": {"Return": 1}}}}`, 1, 49, `invocation key "one"`},
		{"reversed range", `{"StateMachines": {}, "MockedResponses": {"R": {"3-1": {"Return": 1}}}}`, 1, 49, `invocation key "3-1"`},
		{"both Return and Throw", `{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Return": 1, "Throw": {"Error": "E"}}}}}`, 1, 49, "not both"},
		{"neither Return nor Throw", `{"StateMachines": {}, "MockedResponses": {"R": {"0": {}}}}`, 1, 49, "needs a Return"},
		{"Throw without Error", `{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Throw": {"Cause": "c"}}}}}`, 1, 55, `needs an "Error"`},
		{"overlapping ranges", `{"StateMachines": {}, "MockedResponses": {"R": {"0-2": {"Return": 1}, "2": {"Return": 2}}}}`, 1, 43, "overlapping"},
		{"syntax error", `{"StateMachines": `, 1, 19, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mc, diags := LoadMocks(asl.Load("m.json", []byte(tt.src)))
			if mc != nil || len(diags) == 0 {
				t.Fatalf("accepted %s", tt.src)
			}
			d := diags[0]
			if d.Line != tt.line || d.Column != tt.col || !strings.Contains(d.Message, tt.msg) {
				t.Errorf("got %d:%d %q, want %d:%d containing %q", d.Line, d.Column, d.Message, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func TestMockAnswers(t *testing.T) {
	mc := mocksFrom(t, `{"StateMachines": {"M": {"TestCases": {"C": {"S": "R"}}}},
		"MockedResponses": {"R": {"0": {"Return": "a"}, "1-2": {"Throw": {"Error": "E", "Cause": "c"}}, "4": {"Return": "e"}}}}`)
	r := mc.Responses["R"]
	want := map[int]string{0: "a", 1: "E", 2: "E", 3: "", 4: "e", 5: ""}
	for n, w := range want {
		ans, ok := r.Answer(n)
		got := ""
		if ok && ans.Throw != nil {
			got = ans.Throw.Error
		} else if ok {
			got = ans.Return.(string)
		}
		if got != w {
			t.Errorf("invocation %d: got %q, want %q", n, got, w)
		}
	}
	if _, err := mc.Select("", ""); err != nil {
		t.Errorf("one machine, one case: %v", err)
	}
	if _, err := mc.Select("M", "Nope"); err == nil || !strings.Contains(err.Error(), `no test case "Nope"`) {
		t.Errorf("unknown case: %v", err)
	}
}

func FuzzLoadMocks(f *testing.F) {
	f.Add(`{"StateMachines": {"M": {"TestCases": {"C": {"S": "R"}}}}, "MockedResponses": {"R": {"0": {"Return": 1}, "1-2": {"Throw": {"Error": "E", "Cause": "c"}}}}}`)
	f.Add(`{"StateMachines": [], "MockedResponses": {"R": {"9-": {}}}}`)
	f.Add(`{"MockedResponses": {"R": {"0": {"Throw": 5}}}}`)
	f.Fuzz(func(t *testing.T, src string) {
		mc, diags := LoadMocks(asl.Load("m.json", []byte(src)))
		if mc == nil && len(diags) == 0 {
			t.Fatal("rejected without a diagnostic")
		}
		if mc != nil {
			for _, r := range mc.Responses {
				r.Answer(0)
				r.Answer(1 << 30)
			}
			mc.Select("", "")
		}
	})
}
