package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Trace is one execution as its history tells it: the events of AWS's
// GetExecutionHistory, reduced to what a picture needs.
type Trace struct {
	Status       string // SUCCEEDED, FAILED, TIMED_OUT, ABORTED, or "" when not known
	Error, Cause string
	Events       []Event
}

// Event is one history event.
type Event struct {
	ID, Previous int // 0 when absent or unreadable
	Type         string
	Name         string // the state, for *StateEntered and *StateExited
	Error        string // for failure events
	Cause        string
	State        string // EvaluationFailed names its state here
}

// ReadTrace reads what `sfnctl run --format json --history` prints. It also
// takes `aws stepfunctions get-execution-history` output ({"events": [...]})
// and a bare array of events, so a real execution can be drawn too.
func ReadTrace(data []byte) (*Trace, error) {
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("\ufeff"))
	if len(data) == 0 {
		return nil, errors.New("the file is empty; write one with: sfnctl run --format json --history")
	}
	var raw []json.RawMessage
	t := &Trace{}
	if data[0] == '[' {
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("not a JSON array of history events: %v", err)
		}
	} else {
		var run struct {
			Status  string            `json:"status"`
			Error   *string           `json:"error"`
			Cause   any               `json:"cause"`
			History []json.RawMessage `json:"history"`
			Events  []json.RawMessage `json:"events"`
		}
		if err := json.Unmarshal(data, &run); err != nil {
			return nil, fmt.Errorf("not the JSON of sfnctl run --format json --history: %v", err)
		}
		raw = run.History
		if raw == nil {
			raw = run.Events
		}
		if raw == nil {
			return nil, errors.New(`it has no "history": run with --format json --history`)
		}
		t.Status = run.Status
		if run.Error != nil {
			t.Error = *run.Error
		}
		if s, ok := run.Cause.(string); ok {
			t.Cause = s
		}
	}
	for i, r := range raw {
		ev, err := readEvent(r)
		if err != nil {
			return nil, fmt.Errorf("history event %d: %v", i+1, err)
		}
		t.Events = append(t.Events, ev)
	}
	if t.Status == "" {
		t.Status = statusFromEvents(t.Events)
	}
	return t, nil
}

func readEvent(r json.RawMessage) (Event, error) {
	var m map[string]any
	if err := json.Unmarshal(r, &m); err != nil {
		return Event{}, errors.New("not a JSON object")
	}
	ev := Event{ID: eventNumber(m["id"]), Previous: eventNumber(m["previousEventId"])}
	ev.Type, _ = m["type"].(string)
	if ev.Type == "" {
		return ev, errors.New(`no "type"`)
	}
	for key, v := range m {
		d, ok := v.(map[string]any)
		if !ok || !strings.HasSuffix(key, "EventDetails") {
			continue
		}
		if key == "stateEnteredEventDetails" || key == "stateExitedEventDetails" {
			ev.Name, _ = d["name"].(string)
		}
		ev.Error, _ = d["error"].(string)
		ev.Cause, _ = d["cause"].(string)
		ev.State, _ = d["state"].(string)
	}
	return ev, nil
}

// eventNumber reads an event id; anything but a positive whole number (some
// normalised recordings hold [0]) reads as 0, "unknown".
func eventNumber(v any) int {
	f, ok := v.(float64)
	if !ok || f < 1 || f != float64(int(f)) || f > 1e9 {
		return 0
	}
	return int(f)
}

func statusFromEvents(evs []Event) string {
	for i := len(evs) - 1; i >= 0; i-- {
		switch evs[i].Type {
		case "ExecutionSucceeded":
			return "SUCCEEDED"
		case "ExecutionFailed":
			return "FAILED"
		case "ExecutionTimedOut":
			return "TIMED_OUT"
		case "ExecutionAborted":
			return "ABORTED"
		}
	}
	return ""
}
