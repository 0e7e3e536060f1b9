package graph

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sfnctl/sfnctl/asl"
)

// LabelWidth is how many characters an edge label or caption may take
// before it is cut with an ellipsis.
const LabelWidth = 42

// caption is the small line under a state's name: what a Task calls, how
// long a Wait waits, how a Map iterates.
func caption(st *asl.State) string {
	switch st.Type {
	case "Task":
		return truncate(taskCaption(st))
	case "Wait":
		return truncate(waitCaption(st.Raw))
	case "Map":
		return truncate(mapCaption(st))
	case "Parallel":
		if n := len(st.Branches); n == 1 {
			return "1 branch"
		} else {
			return strconv.Itoa(n) + " branches"
		}
	case "Fail":
		if s, ok := st.Raw["Error"].(string); ok {
			return truncate(stripJSONata(s))
		}
		if s, ok := st.Raw["ErrorPath"].(string); ok {
			return truncate("error " + s)
		}
	}
	return ""
}

// taskCaption names the service and action of a Task's Resource:
// lambda:invoke, sqs:sendMessage.waitForTaskToken, aws-sdk:s3:getObject,
// "activity: name" or "lambda: function-name" for a bare function ARN.
func taskCaption(st *asl.State) string {
	res := st.Resource
	parts := strings.SplitN(res, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return res
	}
	service, region, rest := parts[2], parts[3], parts[5]
	switch {
	case service == "states" && strings.HasPrefix(rest, "activity:"):
		return "activity: " + strings.TrimPrefix(rest, "activity:")
	case service == "states" && region == "":
		if fn := functionName(st); fn != "" && strings.HasPrefix(rest, "lambda:invoke") {
			return rest + " · " + fn
		}
		return rest
	case service == "lambda" && strings.HasPrefix(rest, "function:"):
		return "lambda: " + strings.SplitN(strings.TrimPrefix(rest, "function:"), ":", 2)[0]
	}
	return service + ": " + rest
}

// functionName is the short name of a lambda:invoke's fixed FunctionName.
func functionName(st *asl.State) string {
	for _, field := range []string{"Parameters", "Arguments"} {
		args, _ := st.Raw[field].(map[string]any)
		fn, _ := args["FunctionName"].(string)
		if fn == "" || strings.Contains(fn, "{%") {
			continue
		}
		if i := strings.Index(fn, ":function:"); i >= 0 {
			fn = fn[i+len(":function:"):]
		}
		return strings.SplitN(fn, ":", 2)[0]
	}
	return ""
}

func waitCaption(raw map[string]any) string {
	if n, ok := asl.Int(raw["Seconds"]); ok {
		return duration(n)
	}
	if s, ok := raw["Seconds"].(string); ok {
		return stripJSONata(s) + " s"
	}
	if s, ok := raw["SecondsPath"].(string); ok {
		return s + " s"
	}
	if s, ok := raw["Timestamp"].(string); ok {
		return "until " + stripJSONata(s)
	}
	if s, ok := raw["TimestampPath"].(string); ok {
		return "until " + s
	}
	return ""
}

// duration writes seconds the way people say them: 90 → 1m 30s.
func duration(sec int64) string {
	if sec <= 0 {
		return strconv.FormatInt(sec, 10) + "s"
	}
	var out []string
	for _, u := range []struct {
		n    int64
		unit string
	}{{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}} {
		if sec >= u.n {
			out = append(out, strconv.FormatInt(sec/u.n, 10)+u.unit)
			sec %= u.n
		}
	}
	return strings.Join(out, " ")
}

func mapCaption(st *asl.State) string {
	var out []string
	if st.Processor != nil && st.Processor.ProcessorMode == "DISTRIBUTED" {
		out = append(out, "distributed")
	}
	if r, ok := st.Raw["ItemReader"].(map[string]any); ok {
		res, _ := r["Resource"].(string)
		out = append(out, "reads "+strings.TrimPrefix(res, "arn:aws:states:::"))
	} else if s, ok := st.Raw["ItemsPath"].(string); ok {
		out = append(out, "each "+s)
	} else if s, ok := st.Raw["Items"].(string); ok {
		out = append(out, "each "+stripJSONata(s))
	} else if _, ok := st.Raw["Items"].([]any); ok {
		out = append(out, "each of Items")
	}
	if n, ok := asl.Int(st.Raw["MaxConcurrency"]); ok && n > 0 {
		out = append(out, "max "+strconv.FormatInt(n, 10))
	} else if s, ok := st.Raw["MaxConcurrencyPath"].(string); ok {
		out = append(out, "max "+s)
	}
	return strings.Join(out, " · ")
}

// retryBadges says, per retrier, how many attempts for which errors.
func retryBadges(st *asl.State) []string {
	var out []string
	for _, r := range st.Retry {
		errs := strings.Join(r.ErrorEquals, ", ")
		if r.MaxAttempts <= 0 {
			out = append(out, truncate("no retry: "+errs))
			continue
		}
		b := fmt.Sprintf("↻ %d× %s", r.MaxAttempts, errs)
		if r.MaxAttempts > 0 && (r.IntervalSeconds != 1 || r.BackoffRate != 2) {
			b += fmt.Sprintf(" (%s, ×%s)", duration(r.IntervalSeconds), strconv.FormatFloat(r.BackoffRate, 'f', -1, 64))
		}
		out = append(out, truncate(b))
	}
	return out
}

func catchLabel(st *asl.State, pointer string) string {
	for _, c := range st.Catch {
		if c.Pointer+"/Next" == pointer {
			return truncate("catch " + strings.Join(c.ErrorEquals, ", "))
		}
	}
	return "catch"
}

// stripJSONata shows a JSONata template "{% expr %}" as its expression.
func stripJSONata(s string) string {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "{%") && strings.HasSuffix(t, "%}") && len(t) >= 4 {
		return strings.TrimSpace(t[2 : len(t)-2])
	}
	return s
}

// truncate squeezes whitespace (a JSONata condition may span lines) and
// cuts s to LabelWidth characters, ending with an ellipsis.
func truncate(s string) string { return truncateTo(strings.Join(strings.Fields(s), " "), LabelWidth) }

func truncateTo(s string, width int) string {
	if utf8.RuneCountInString(s) <= width {
		return s
	}
	n := 0
	for i := range s {
		if n == width-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
