package schemas

import "testing"

func TestCompiles(t *testing.T) {
	s, err := ASL()
	if err != nil {
		t.Fatal(err)
	}
	ok := map[string]any{"StartAt": "A", "States": map[string]any{"A": map[string]any{"Type": "Pass", "End": true}}}
	if err := s.Validate(ok); err != nil {
		t.Errorf("minimal machine rejected: %v", err)
	}
	bad := map[string]any{"StartAt": "A", "States": map[string]any{"A": map[string]any{"Type": "Task", "End": true}}}
	if err := s.Validate(bad); err == nil {
		t.Error("Task without Resource accepted")
	}
}
