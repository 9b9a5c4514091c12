package incident_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

func relateEv(m int, r incident.Relation, id string) incident.Event {
	return incident.Event{At: at(m), Actor: "pm", Type: incident.EventRelate, Relation: r, RelatedID: id}
}

func TestRelate(t *testing.T) {
	lc := defaultLC(t)
	tests := []struct {
		name    string
		from    incident.State
		event   incident.Event
		related bool
		want    func(incident.Incident) string
		value   string
		err     error
	}{
		{"problem", incident.StateInProgress, relateEv(10, incident.RelatedProblem, "PRB7"), true, func(i incident.Incident) string { return i.Problem }, "PRB7", nil},
		{"caused by a change", incident.StateInProgress, relateEv(10, incident.RelatedCausedBy, "CHG3"), true, func(i incident.Incident) string { return i.CausedBy }, "CHG3", nil},
		{"change to fix", incident.StateOnHold, relateEv(10, incident.RelatedChange, "CHG4"), true, func(i incident.Incident) string { return i.Change }, "CHG4", nil},
		{"known error after resolution", incident.StateResolved, relateEv(10, incident.RelatedKnownError, "KE1"), true, func(i incident.Incident) string { return i.KnownError }, "KE1", nil},
		{"duplicate", incident.StateNew, relateEv(10, incident.RelatedDuplicateOf, "INC0"), true, func(i incident.Incident) string { return i.DuplicateOf }, "INC0", nil},
		{"remove a relation never set", incident.StateNew, relateEv(10, incident.RelatedProblem, ""), false, func(i incident.Incident) string { return i.Problem }, "", nil},
		{"duplicate of itself", incident.StateNew, relateEv(10, incident.RelatedDuplicateOf, "INC1"), false, nil, "", incident.ErrInvalidEvent},
		{"no relation", incident.StateNew, relateEv(10, 0, "PRB7"), false, nil, "", incident.ErrInvalidEvent},
		{"unknown relation", incident.StateNew, relateEv(10, 9, "PRB7"), false, nil, "", incident.ErrInvalidEvent},
		{"closed", incident.StateClosed, relateEv(10, incident.RelatedProblem, "PRB7"), false, nil, "", incident.ErrNotAllowed},
		{"payload of another type", incident.StateNew, func() incident.Event {
			e := relateEv(10, incident.RelatedProblem, "PRB7")
			e.Group = "x"
			return e
		}(), false, nil, "", incident.ErrInvalidEvent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inc, eff, err := replayTo(t, lc, tt.from).Apply(lc, tt.event)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.related, eff.Related)
			assert.Equal(t, tt.value, tt.want(inc))
			assert.Equal(t, tt.value, inc.Related(tt.event.Relation))
			assert.Equal(t, tt.from, inc.State, "a relation does not move the state")
		})
	}
}

func TestRelateChronicle(t *testing.T) {
	lc := defaultLC(t)
	evs := append(path(incident.StateInProgress),
		relateEv(10, incident.RelatedProblem, "PRB1"),
		relateEv(11, incident.RelatedCausedBy, "CHG1"),
		relateEv(12, incident.RelatedProblem, "PRB2"), // moved to another problem
		relateEv(13, incident.RelatedCausedBy, ""),    // the change was not the cause
	)
	c, err := incident.Replay(lc, evs)
	require.NoError(t, err)
	assert.Equal(t, "PRB2", c.Incident.Problem)
	assert.Empty(t, c.Incident.CausedBy)
	problems := c.LinksOf(incident.RelatedProblem)
	require.Len(t, problems, 2)
	assert.Equal(t, incident.Span{Start: at(10), End: at(12), Entry: 4}, problems[0])
	assert.Equal(t, incident.Span{Start: at(12), Entry: 6}, problems[1])
	assert.Equal(t, []incident.Span{{Start: at(11), End: at(13), Entry: 5}}, c.LinksOf(incident.RelatedCausedBy))
	assert.Empty(t, c.LinksOf(incident.RelatedKnownError))
	assert.Len(t, c.Links, 3)

	b, err := json.Marshal(c)
	require.NoError(t, err)
	var back incident.Chronicle
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, c, back)
}

func TestResolutionFix(t *testing.T) {
	lc := defaultLC(t)
	tests := []struct {
		name string
		fix  incident.Fix
		from incident.State
		err  error
	}{
		{"workaround", incident.FixWorkaround, incident.StateInProgress, nil},
		{"permanent", incident.FixPermanent, incident.StateOnHold, nil},
		{"unsaid", 0, incident.StateInProgress, nil},
		{"unknown", 7, incident.StateInProgress, incident.ErrInvalidEvent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := resolveEv(10)
			e.Fix = tt.fix
			inc, _, err := replayTo(t, lc, tt.from).Apply(lc, e)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.fix, inc.Fix)
			reopened, _ := mustApply(t, lc, inc, withReason(act(11, incident.ActionReopen), "still broken"))
			assert.Zero(t, reopened.Fix, "a reopening clears the resolution")
		})
	}
	// Only a resolution says how it was fixed.
	e := holdEv(10, incident.AwaitingVendor)
	e.Fix = incident.FixPermanent
	_, _, err := replayTo(t, lc, incident.StateInProgress).Apply(lc, e)
	assert.ErrorIs(t, err, incident.ErrInvalidEvent)
	e = openEv(0)
	e.Fix = incident.FixPermanent
	_, _, err = incident.Incident{}.Apply(lc, e)
	assert.ErrorIs(t, err, incident.ErrInvalidEvent)
}

func TestRelationWords(t *testing.T) {
	for r, w := range map[incident.Relation]string{incident.RelatedProblem: "problem", incident.RelatedCausedBy: "caused_by",
		incident.RelatedChange: "change", incident.RelatedKnownError: "known_error", incident.RelatedDuplicateOf: "duplicate_of", 0: ""} {
		b, err := json.Marshal(r)
		require.NoError(t, err)
		assert.Equal(t, `"`+w+`"`, string(b))
		var back incident.Relation
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, r, back)
	}
	assert.Equal(t, "Relation(9)", incident.Relation(9).String())
	var r incident.Relation
	err := json.Unmarshal([]byte(`"problme"`), &r)
	assert.ErrorIs(t, err, incident.ErrUnknownWord)
	assert.Contains(t, err.Error(), "known: problem, caused_by, change, known_error, duplicate_of")
	_, err = json.Marshal(incident.Fix(3))
	assert.ErrorIs(t, err, incident.ErrUnknownWord)
}
