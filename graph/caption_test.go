package graph

import (
	"strings"
	"testing"

	"github.com/sfnctl/sfnctl/asl"
)

// state builds one typed state from a JSON object.
func state(t *testing.T, src string) *asl.State {
	t.Helper()
	doc := asl.Load("t.asl.json", []byte(`{"StartAt":"S","States":{"S":`+src+`}}`))
	if len(doc.Diagnostics) > 0 {
		t.Fatalf("bad test input %s: %v", src, doc.Diagnostics)
	}
	return asl.Build(doc).Root.States[0]
}

func TestTaskCaption(t *testing.T) {
	for _, tc := range []struct{ resource, params, want string }{
		{"arn:aws:states:::lambda:invoke", ``, "lambda:invoke"},
		{"arn:aws:states:::lambda:invoke", `"Parameters":{"FunctionName":"arn:aws:lambda:us-east-1:1:function:probe:live"},`, "lambda:invoke · probe"},
		{"arn:aws:states:::lambda:invoke", `"Arguments":{"FunctionName":"reserve"},`, "lambda:invoke · reserve"},
		{"arn:aws:states:::lambda:invoke", `"Parameters":{"FunctionName.$":"$.fn"},`, "lambda:invoke"},
		{"arn:aws:states:::sqs:sendMessage.waitForTaskToken", ``, "sqs:sendMessage.waitForTaskToken"},
		{"arn:aws:states:::aws-sdk:s3:getObject", ``, "aws-sdk:s3:getObject"},
		{"arn:aws:states:::states:startExecution.sync:2", ``, "states:startExecution.sync:2"},
		{"arn:aws-us-gov:states:::sns:publish", ``, "sns:publish"},
		{"arn:aws:states:us-east-1:123456789012:activity:review", ``, "activity: review"},
		{"arn:aws:lambda:us-east-1:123456789012:function:charge-card", ``, "lambda: charge-card"},
		{"arn:aws:lambda:us-east-1:123456789012:function:charge-card:prod", ``, "lambda: charge-card"},
		{"arn:aws:glue:us-east-1:1:job/x", ``, "glue: job/x"},
		{"not-an-arn", ``, "not-an-arn"},
	} {
		st := state(t, `{"Type":"Task",`+tc.params+`"Resource":"`+tc.resource+`","End":true}`)
		if got := taskCaption(st); got != tc.want {
			t.Errorf("%s %s: got %q, want %q", tc.resource, tc.params, got, tc.want)
		}
	}
}

func TestWaitAndMapCaptions(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`{"Type":"Wait","Seconds":3600,"End":true}`, "1h"},
		{`{"Type":"Wait","Seconds":90,"End":true}`, "1m 30s"},
		{`{"Type":"Wait","Seconds":93784,"End":true}`, "1d 2h 3m 4s"},
		{`{"Type":"Wait","Seconds":0,"End":true}`, "0s"},
		{`{"Type":"Wait","SecondsPath":"$.delay","End":true}`, "$.delay s"},
		{`{"Type":"Wait","Timestamp":"2026-01-01T00:00:00Z","End":true}`, "until 2026-01-01T00:00:00Z"},
		{`{"Type":"Wait","TimestampPath":"$.at","End":true}`, "until $.at"},
		{`{"Type":"Wait","Seconds":"{% $states.input.n %}","End":true}`, "$states.input.n s"},
		{`{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":5,"ItemProcessor":{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},"End":true}`, "each $.items · max 5"},
		{`{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2"},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},"End":true}`, "distributed · reads s3:listObjectsV2"},
		{`{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}],"End":true}`, "1 branch"},
		{`{"Type":"Fail","Error":"OrderFailed"}`, "OrderFailed"},
		{`{"Type":"Pass","End":true}`, ""},
	} {
		if got := caption(state(t, tc.src)); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestRetryBadges(t *testing.T) {
	st := state(t, `{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Retry":[
		{"ErrorEquals":["Payment.Declined"],"MaxAttempts":0},
		{"ErrorEquals":["States.TaskFailed","States.Timeout"]},
		{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"MaxAttempts":5,"BackoffRate":1.5}]}`)
	want := []string{"no retry: Payment.Declined", "↻ 3× States.TaskFailed, States.Timeout", "↻ 5× States.ALL (2s, ×1.5)"}
	got := retryBadges(st)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTruncate(t *testing.T) {
	long := strings.Repeat("é", LabelWidth+5)
	got := truncate(long)
	if n := len([]rune(got)); n != LabelWidth || !strings.HasSuffix(got, "…") {
		t.Errorf("truncate gave %d runes: %q", n, got)
	}
	if got := truncate("a\n  b\tc"); got != "a b c" {
		t.Errorf("whitespace not squeezed: %q", got)
	}
	if got := truncate(strings.Repeat("x", LabelWidth)); got != strings.Repeat("x", LabelWidth) {
		t.Errorf("a label of exactly the width was cut: %q", got)
	}
}
