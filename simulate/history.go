package simulate

import (
	"bytes"
	"encoding/json"
	"time"
)

// Event is one GetExecutionHistory event. Details holds the type-specific
// part under the key AWS uses (e.g. "stateEnteredEventDetails").
type Event struct {
	Timestamp       time.Time
	Type            string
	ID              int64
	PreviousEventID int64
	DetailsKey      string
	Details         any
	// Depth is how deep in Parallel branches and Map iterations the event
	// happened (0 for the machine's own states); not part of AWS's shape.
	Depth int
}

// MarshalJSON writes AWS's shape: timestamp, type, id, previousEventId and
// the details member.
func (e Event) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"timestamp":"`)
	b.WriteString(e.Timestamp.UTC().Format("2006-01-02T15:04:05.000Z"))
	b.WriteString(`","type":`)
	writeJSON(&b, e.Type)
	b.WriteString(`,"id":`)
	writeJSON(&b, e.ID)
	b.WriteString(`,"previousEventId":`)
	writeJSON(&b, e.PreviousEventID)
	if e.DetailsKey != "" {
		b.WriteString(`,"`)
		b.WriteString(e.DetailsKey)
		b.WriteString(`":`)
		if err := writeJSON(&b, e.Details); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeJSON(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	return nil
}

// Payload is a JSON value that AWS reports as JSON text (inputs, outputs,
// parameters). It is kept as a value and rendered only when printed.
type Payload struct{ V any }

func (p Payload) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := writeJSON(&b, p.V); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	err := writeJSON(&out, b.String())
	return out.Bytes(), err
}

// Compact renders a value as compact JSON text without HTML escaping.
func Compact(v any) string {
	var b bytes.Buffer
	if err := writeJSON(&b, v); err != nil {
		return ""
	}
	return b.String()
}

// PayloadDetails says whether a payload was truncated (never, here).
type PayloadDetails struct {
	Truncated bool `json:"truncated"`
}

var notTruncated = &PayloadDetails{}

type ExecutionStartedDetails struct {
	Input        Payload         `json:"input"`
	InputDetails *PayloadDetails `json:"inputDetails"`
	RoleArn      string          `json:"roleArn"`
}

type ExecutionSucceededDetails struct {
	Output        Payload         `json:"output"`
	OutputDetails *PayloadDetails `json:"outputDetails"`
}

// ErrorDetails is the shape of every *Failed / *TimedOut / *Aborted event.
type ErrorDetails struct {
	Error *string `json:"error,omitempty"`
	Cause *string `json:"cause,omitempty"`
}

type StateEnteredDetails struct {
	Name         string          `json:"name"`
	Input        Payload         `json:"input"`
	InputDetails *PayloadDetails `json:"inputDetails"`
}

type StateExitedDetails struct {
	Name                     string            `json:"name"`
	Output                   Payload           `json:"output"`
	OutputDetails            *PayloadDetails   `json:"outputDetails"`
	AssignedVariables        map[string]string `json:"assignedVariables,omitempty"`
	AssignedVariablesDetails *PayloadDetails   `json:"assignedVariablesDetails,omitempty"`
}

type TaskScheduledDetails struct {
	ResourceType     string           `json:"resourceType"`
	Resource         string           `json:"resource"`
	Region           string           `json:"region"`
	Parameters       Payload          `json:"parameters"`
	TimeoutInSeconds *int64           `json:"timeoutInSeconds,omitempty"`
	HeartbeatSeconds *int64           `json:"heartbeatInSeconds,omitempty"`
	TaskCredentials  *TaskCredentials `json:"taskCredentials,omitempty"`
}

// TaskCredentials is the role a Task's Credentials field names.
type TaskCredentials struct {
	RoleArn any `json:"roleArn"`
}

type TaskStartedDetails struct {
	ResourceType string `json:"resourceType"`
	Resource     string `json:"resource"`
}

type TaskSucceededDetails struct {
	ResourceType  string          `json:"resourceType"`
	Resource      string          `json:"resource"`
	Output        Payload         `json:"output"`
	OutputDetails *PayloadDetails `json:"outputDetails"`
}

type TaskFailedDetails struct {
	ResourceType string  `json:"resourceType"`
	Resource     string  `json:"resource"`
	Error        *string `json:"error,omitempty"`
	Cause        *string `json:"cause,omitempty"`
}

type LambdaScheduledDetails struct {
	Resource         string          `json:"resource"`
	Input            Payload         `json:"input"`
	InputDetails     *PayloadDetails `json:"inputDetails"`
	TimeoutInSeconds *int64          `json:"timeoutInSeconds,omitempty"`
}

type ActivityScheduledDetails struct {
	Resource         string          `json:"resource"`
	Input            Payload         `json:"input"`
	InputDetails     *PayloadDetails `json:"inputDetails"`
	TimeoutInSeconds *int64          `json:"timeoutInSeconds,omitempty"`
	HeartbeatSeconds *int64          `json:"heartbeatInSeconds,omitempty"`
}

type ActivityStartedDetails struct {
	WorkerName string `json:"workerName"`
}

type OutputDetails struct {
	Output        Payload         `json:"output"`
	OutputDetails *PayloadDetails `json:"outputDetails"`
}

type MapStateStartedDetails struct {
	Length int `json:"length"`
}

type MapIterationDetails struct {
	Name  string `json:"name"`
	Index int    `json:"index"`
}

type MapRunStartedDetails struct {
	MapRunArn string `json:"mapRunArn"`
}

type EvaluationFailedDetails struct {
	Error    string `json:"error"`
	Cause    string `json:"cause"`
	Location string `json:"location,omitempty"`
	State    string `json:"state"`
}

// detailsKey is the member name AWS uses for an event type's details.
func detailsKey(eventType string) string {
	switch eventType {
	case "PassStateEntered", "TaskStateEntered", "ChoiceStateEntered", "WaitStateEntered", "SucceedStateEntered",
		"FailStateEntered", "ParallelStateEntered", "MapStateEntered":
		return "stateEnteredEventDetails"
	case "PassStateExited", "TaskStateExited", "ChoiceStateExited", "WaitStateExited", "SucceedStateExited",
		"ParallelStateExited", "MapStateExited":
		return "stateExitedEventDetails"
	}
	if eventType == "" {
		return ""
	}
	return string(eventType[0]+'a'-'A') + eventType[1:] + "EventDetails"
}
