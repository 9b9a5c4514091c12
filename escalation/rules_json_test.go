package escalation_test

import (
	"encoding/json"
	"testing"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fields of issue 18 (outside_window, fallback, round_robin,
// business_time, turn, maintenance) round-trip through JSON, and the set
// built from the document read back behaves as the original.
func TestIssue18FieldsJSON(t *testing.T) {
	doc := `{"name":"p","when":{},"steps":[
	  {"name":"phone","trigger":{"on":"opened","after":"4h0m0s"},"when":{"open":"office"},"outside_window":"wait","business_time":"office",
	   "targets":[{"kind":"role","role":"manager"}]},
	  {"name":"page","trigger":{"on":"not_acknowledged"},"round_robin":true,
	   "targets":[{"kind":"on_call","schedule":"ops"},{"kind":"on_call","schedule":"ops","turn":"next"}],
	   "fallback":[{"kind":"role","role":"duty_manager"}]}],
	 "maintenance":[{"calendar":"office","when":{"services":["mail"]}}]}`
	var p escalation.Policy
	require.NoError(t, json.Unmarshal([]byte(doc), &p))
	assert.Equal(t, escalation.WaitForWindow, p.Steps[0].OutsideWindow)
	assert.Equal(t, "office", p.Steps[0].BusinessTime)
	assert.True(t, p.Steps[1].RoundRobin)
	assert.Equal(t, escalation.TurnNext, p.Steps[1].Targets[1].Turn)
	assert.Len(t, p.Steps[1].Fallback, 1)
	assert.Equal(t, []string{"mail"}, p.Maintenance[0].When.Services)

	b, err := json.Marshal(p)
	require.NoError(t, err)
	var back escalation.Policy
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, p, back)

	_, err = escalation.NewSet([]escalation.Policy{back}, escalation.WithCalendars(map[string]*calendar.Calendar{"office": office(t)}),
		escalation.WithSchedules(rotation(t)), escalation.WithDirectory(testDirectory))
	require.NoError(t, err)

	// Strict: an unknown key inside a maintenance window, a wrong type.
	assert.Error(t, json.Unmarshal([]byte(`{"name":"p","steps":[],"maintenance":[{"calendar":"office","whn":{}}]}`), &escalation.Policy{}))
	assert.Error(t, json.Unmarshal([]byte(`{"name":"s","trigger":{"on":"opened"},"round_robin":"yes"}`), &escalation.Step{}))
}
