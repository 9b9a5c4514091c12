package incident_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

func majorEv(m int, actor string, step incident.MajorStep, reason string) incident.Event {
	return incident.Event{At: at(m), Actor: actor, Type: incident.EventMajor, MajorStep: step, Reason: reason}
}

// TestMajorWorkflow walks the major-incident workflow as ServiceNow runs
// it: each row applies its steps to an incident in progress and checks
// where it stands.
func TestMajorWorkflow(t *testing.T) {
	lc := defaultLC(t)
	propose := majorEv(10, "agent", incident.MajorPropose, "all stores offline")
	accept := majorEv(11, "mim", incident.MajorAccept, "")
	reject := majorEv(11, "mim", incident.MajorReject, "one store only")
	tests := []struct {
		name     string
		steps    []incident.Event
		state    incident.MajorState
		major    bool
		priority incident.Priority
		err      error // of the last step
	}{
		{"propose", []incident.Event{propose}, incident.MajorProposed, false, incident.P3, nil},
		{"propose and accept", []incident.Event{propose, accept}, incident.MajorAccepted, true, incident.P1, nil},
		{"propose and reject", []incident.Event{propose, reject}, incident.MajorRejected, false, incident.P3, nil},
		{"propose and withdraw", []incident.Event{propose, majorEv(11, "agent", incident.MajorWithdraw, "fixed itself")}, incident.MajorWithdrawn, false, incident.P3, nil},
		{"declare at once", []incident.Event{majorEv(10, "mim", incident.MajorDeclare, "")}, incident.MajorAccepted, true, incident.P1, nil},
		{"withdraw an accepted major", []incident.Event{propose, accept, majorEv(12, "mim", incident.MajorWithdraw, "impact overstated")},
			incident.MajorWithdrawn, false, incident.P3, nil},
		{"propose again after a rejection", []incident.Event{propose, reject, majorEv(12, "agent", incident.MajorPropose, "now all regions")},
			incident.MajorProposed, false, incident.P3, nil},
		{"accept without a proposal", []incident.Event{accept}, 0, false, 0, incident.ErrNotAllowed},
		{"reject without a proposal", []incident.Event{reject}, 0, false, 0, incident.ErrNotAllowed},
		{"withdraw nothing", []incident.Event{majorEv(10, "agent", incident.MajorWithdraw, "x")}, 0, false, 0, incident.ErrNotAllowed},
		{"propose twice", []incident.Event{propose, majorEv(11, "agent", incident.MajorPropose, "again")}, 0, false, 0, incident.ErrNotAllowed},
		{"propose a major", []incident.Event{majorEv(10, "mim", incident.MajorDeclare, ""), majorEv(11, "agent", incident.MajorPropose, "x")}, 0, false, 0, incident.ErrNotAllowed},
		{"declare twice", []incident.Event{majorEv(10, "mim", incident.MajorDeclare, ""), majorEv(11, "mim", incident.MajorDeclare, "")}, 0, false, 0, incident.ErrNotAllowed},
		{"propose without a reason", []incident.Event{majorEv(10, "agent", incident.MajorPropose, "")}, 0, false, 0, incident.ErrInvalidEvent},
		{"reject without a reason", []incident.Event{propose, majorEv(11, "mim", incident.MajorReject, "")}, 0, false, 0, incident.ErrInvalidEvent},
		{"unknown step", []incident.Event{majorEv(10, "mim", 9, "x")}, 0, false, 0, incident.ErrInvalidEvent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inc := replayTo(t, lc, incident.StateInProgress)
			var err error
			for i, e := range tt.steps {
				var next incident.Incident
				next, _, err = inc.Apply(lc, e)
				if i < len(tt.steps)-1 {
					require.NoError(t, err)
				}
				if err == nil {
					inc = next
				}
			}
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.state, inc.MajorState)
			assert.Equal(t, tt.major, inc.Major)
			assert.Equal(t, tt.priority, inc.Priority)
		})
	}
}

func TestMajorWhoAndWhen(t *testing.T) {
	lc := defaultLC(t)
	evs := append(path(incident.StateInProgress),
		majorEv(10, "agent", incident.MajorPropose, "all stores offline"),
		majorEv(12, "mim", incident.MajorAccept, ""),
		majorEv(30, "mim", incident.MajorWithdraw, "impact overstated"))
	c, err := incident.Replay(lc, evs)
	require.NoError(t, err)
	inc := c.Incident
	assert.Equal(t, "agent", inc.MajorProposedBy)
	assert.Equal(t, at(10), inc.MajorProposedAt)
	assert.Equal(t, "mim", inc.MajorDecidedBy)
	assert.Equal(t, at(30), inc.MajorDecidedAt)
	assert.Equal(t, at(12), inc.MajorAt, "the acceptance stays on record")
	assert.Equal(t, at(12), inc.EscalatedAt)
	assert.Equal(t, incident.PriorityByMatrix, inc.PriorityBasis)

	require.Len(t, c.Majors, 3)
	assert.Equal(t, incident.Span{Start: at(10), End: at(12), Entry: 4}, c.Majors[0])
	assert.Equal(t, incident.Span{Start: at(30), Entry: 6}, c.Majors[2])
	last := c.Entries[c.Majors[2].Entry]
	assert.Equal(t, "impact overstated", last.Event.Reason)
	assert.Equal(t, incident.MajorAccepted, last.Effects.MajorFrom)
	assert.Equal(t, incident.MajorWithdrawn, last.Effects.MajorTo)
	assert.True(t, last.Effects.MajorWithdrawn)
	assert.True(t, c.Entries[c.Majors[1].Entry].Effects.MajorDeclared)

	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"major_step":"withdraw"`)
	assert.Contains(t, string(b), `"major_state":"withdrawn"`)
	var back incident.Chronicle
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, c, back)
}

// TestMajorCancelNeedsReview: cancelling a major incident needs its
// post-incident review, as closing it does; the review of an open major
// incident is allowed for that.
func TestMajorCancelNeedsReview(t *testing.T) {
	lc := defaultLC(t)
	inc, _ := mustApply(t, lc, replayTo(t, lc, incident.StateInProgress), majorEv(10, "mim", incident.MajorDeclare, ""))
	_, _, err := inc.Apply(lc, withReason(act(11, incident.ActionCancel), "false alarm"))
	var te *incident.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, incident.GuardReview, te.Guard)
	assert.Contains(t, te.Reason, "before it closes or is cancelled")

	reviewed, _ := mustApply(t, lc, inc, incident.Event{At: at(11), Actor: "pm", Type: incident.EventReview, RootCause: "monitoring misfired", Responsible: "monitoring"})
	cancelled, eff := mustApply(t, lc, reviewed, withReason(act(12, incident.ActionCancel), "false alarm"))
	assert.True(t, eff.Cancelled)
	assert.Equal(t, incident.StateCancelled, cancelled.State)

	// An ordinary incident is cancelled without a review, and has none
	// before resolution.
	_, _, err = replayTo(t, lc, incident.StateInProgress).Apply(lc, incident.Event{At: at(11), Actor: "pm", Type: incident.EventReview, RootCause: "x", Responsible: "y"})
	assert.ErrorIs(t, err, incident.ErrNotAllowed)
	_, err = replay(lc, path(incident.StateCancelled))
	require.NoError(t, err)
}

// TestMajorPolicy: a custom lifecycle keeps the review gate on every
// transition into a terminal state, or says explicitly that it drops it,
// or has no major incidents.
func TestMajorPolicy(t *testing.T) {
	base := func(majors incident.MajorPolicy, guards ...string) incident.Definition {
		return incident.Definition{Initial: "open", Majors: majors,
			States:      []incident.StateSpec{{Name: "open", Flags: incident.FlagOpen}, {Name: "gone", Flags: incident.FlagTerminal}},
			Transitions: []incident.TransitionSpec{{From: "open", Action: "drop", To: "gone", Guards: guards}}}
	}
	tests := []struct {
		name    string
		def     incident.Definition
		err     string
		majorOK bool
	}{
		{"the gate kept", base(incident.MajorsReviewed, incident.GuardReview), "", true},
		{"the gate missing", base(incident.MajorsReviewed), `incident: transitions[0].guards: enters the terminal state gone without the review guard`, false},
		{"the gate dropped explicitly", base(incident.MajorsUnreviewed), "", true},
		{"no majors", base(incident.MajorsRefused), "", false},
		{"unknown policy", base(7), `incident: majors "MajorPolicy(7)": unknown MajorPolicy`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lc, err := incident.NewLifecycle(tt.def)
			if tt.err != "" {
				require.ErrorIs(t, err, incident.ErrInvalidLifecycle)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			inc, _ := mustApply(t, lc, incident.Incident{}, openEv(0))
			_, _, err = inc.Apply(lc, majorEv(1, "mim", incident.MajorDeclare, ""))
			if tt.majorOK {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, incident.ErrNotAllowed)
			}
			b, err := json.Marshal(lc)
			require.NoError(t, err)
			var back incident.Lifecycle
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, tt.def.Majors, back.Definition().Majors)
		})
	}
}
