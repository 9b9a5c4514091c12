package incident_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

// inc1 is a parent incident, as OfferToChildren needs it: its ID (and, for
// a resume, its hold reason).
var inc1 = incident.Incident{ID: "INC1"}

func child(t *testing.T, lc *incident.Lifecycle, id, parent string, s incident.State) incident.Incident {
	t.Helper()
	evs := path(s)
	evs[0].ID, evs[0].ParentID = id, parent
	inc, err := replay(lc, evs)
	require.NoError(t, err)
	return inc
}

func TestOfferToChildren(t *testing.T) {
	lc := defaultLC(t)
	parent := replayTo(t, lc, incident.StateInProgress)
	resolve := resolveEv(30)
	parent, _ = mustApply(t, lc, parent, resolve)

	children := []incident.Incident{
		child(t, lc, "C1", "INC1", incident.StateInProgress),
		child(t, lc, "C2", "INC1", incident.StateOnHold),
		child(t, lc, "C3", "INC1", incident.StateResolved),
		child(t, lc, "C4", "OTHER", incident.StateInProgress),
		child(t, lc, "C5", "INC1", incident.StateNew),
		child(t, lc, "C6", "INC1", incident.StateClosed),
	}
	late, _ := mustApply(t, lc, child(t, lc, "C7", "INC1", incident.StateInProgress), commentEv(40, "later", false, false))
	children = append(children, late)
	before := make([]incident.Incident, len(children))
	copy(before, children)

	got, err := incident.OfferToChildren(lc, parent, resolve, children)
	require.NoError(t, err)
	require.Len(t, got, len(children))
	assert.Equal(t, before, children, "nothing applied")

	for i, c := range got {
		assert.Equal(t, children[i].ID, c.ChildID)
	}
	for _, i := range []int{0, 1} {
		require.NoError(t, got[i].Err)
		ev := got[i].Event
		assert.Equal(t, resolve.At, ev.At)
		assert.Equal(t, resolve.Actor, ev.Actor)
		assert.Equal(t, incident.ActionResolve, ev.Action)
		assert.Equal(t, "solved", ev.ResolutionCode)
		assert.Equal(t, "resolved with parent incident INC1", ev.Reason)
		resolved, eff := mustApply(t, lc, children[i], ev)
		assert.True(t, eff.Resolved)
		assert.Equal(t, incident.StateResolved, resolved.State)
	}
	assert.ErrorIs(t, got[2].Err, incident.ErrNotAllowed, "already resolved")
	assert.ErrorIs(t, got[3].Err, incident.ErrNotChild)
	assert.ErrorIs(t, got[4].Err, incident.ErrNotAllowed, "new cannot resolve in the default lifecycle")
	assert.ErrorIs(t, got[5].Err, incident.ErrNotAllowed, "closed")
	assert.ErrorIs(t, got[6].Err, incident.ErrOutOfOrder)

	_, err = incident.OfferToChildren(nil, parent, resolve, children)
	assert.ErrorIs(t, err, incident.ErrNoLifecycle)
	_, err = incident.OfferToChildren(lc, incident.Incident{}, resolve, children)
	assert.ErrorIs(t, err, incident.ErrInvalidEvent)
	_, err = incident.OfferToChildren(lc, inc1, commentEv(30, "x", false, false), children)
	assert.ErrorIs(t, err, incident.ErrInvalidEvent)
	_, err = incident.OfferToChildren(lc, inc1, act(30, incident.ActionClose), children)
	assert.ErrorIs(t, err, incident.ErrInvalidEvent, "close does not enter a resolved state from an open one")
	none, err := incident.OfferToChildren(lc, inc1, resolve, nil)
	require.NoError(t, err)
	assert.Empty(t, none)
}

// TestOfferToChildrenCustomAction: when the action exists from the child's
// state but does not resolve it there, the child is skipped.
func TestOfferToChildrenCustomAction(t *testing.T) {
	def := incident.DefaultDefinition()
	def.Transitions = append(def.Transitions, incident.TransitionSpec{
		From: incident.StateAssigned, Action: incident.ActionResolve, To: incident.StateInProgress})
	for i := range def.Transitions {
		if def.Transitions[i].Action == incident.ActionResolve {
			def.Transitions[i].Guards = nil
		}
	}
	lc, err := incident.NewLifecycle(def)
	require.NoError(t, err)
	c := child(t, lc, "C1", "INC1", incident.StateAssigned)

	// A resolution code cannot go with an event that does not resolve.
	got, err := incident.OfferToChildren(lc, inc1, resolveEv(30), []incident.Incident{c})
	require.NoError(t, err)
	assert.ErrorIs(t, got[0].Err, incident.ErrInvalidEvent)

	// Without one the event would apply, but not resolve the child.
	got, err = incident.OfferToChildren(lc, inc1, act(30, incident.ActionResolve), []incident.Incident{c})
	require.NoError(t, err)
	assert.ErrorIs(t, got[0].Err, incident.ErrNotAllowed)
	var te *incident.TransitionError
	require.ErrorAs(t, got[0].Err, &te)
	assert.Equal(t, incident.StateAssigned, te.From)
}

// TestOfferHolds: a parent's hold and its resume are offered to the
// children; a resume only to those held for the parent's reason.
func TestOfferHolds(t *testing.T) {
	lc := defaultLC(t)
	parent := replayTo(t, lc, incident.StateInProgress)
	hold := holdEv(30, incident.AwaitingVendor)
	callerHeld, _ := mustApply(t, lc, child(t, lc, "C3", "INC1", incident.StateInProgress), holdEv(10, incident.AwaitingCaller))
	children := []incident.Incident{
		child(t, lc, "C1", "INC1", incident.StateInProgress),
		child(t, lc, "C2", "INC1", incident.StateAssigned),
		callerHeld,
		child(t, lc, "C4", "INC1", incident.StateResolved),
	}
	got, err := incident.OfferToChildren(lc, parent, hold, children)
	require.NoError(t, err)
	require.NoError(t, got[0].Err)
	assert.Equal(t, "held with parent incident INC1", got[0].Event.Reason)
	assert.Equal(t, incident.AwaitingVendor, got[0].Event.HoldReason)
	assert.True(t, got[0].Effects.Entered(incident.FlagOnHold))
	assert.ErrorIs(t, got[1].Err, incident.ErrNotAllowed, "assigned has no hold action")
	require.NoError(t, got[2].Err, "on hold for the caller: the parent's reason replaces it")
	assert.ErrorIs(t, got[3].Err, incident.ErrNotAllowed)

	// The parent resumes: children held with it resume, a child waiting
	// for its own caller does not.
	heldParent, _ := mustApply(t, lc, parent, hold)
	held, _ := mustApply(t, lc, children[0], got[0].Event)
	resume := act(40, incident.ActionResume)
	got, err = incident.OfferToChildren(lc, heldParent, resume, []incident.Incident{held, callerHeld, children[0]})
	require.NoError(t, err)
	require.NoError(t, got[0].Err)
	assert.Equal(t, "resumed with parent incident INC1", got[0].Event.Reason)
	assert.True(t, got[0].Effects.Left(incident.FlagOnHold))
	var te *incident.TransitionError
	require.ErrorAs(t, got[1].Err, &te)
	assert.Contains(t, te.Reason, "on hold for awaiting_caller, not for the parent's awaiting_vendor")
	assert.ErrorIs(t, got[2].Err, incident.ErrNotAllowed, "not on hold")

	// What neither holds, resumes nor resolves is not offered.
	_, err = incident.OfferToChildren(lc, parent, act(30, incident.ActionStart), children)
	assert.ErrorIs(t, err, incident.ErrInvalidEvent)
}

func TestCheckParent(t *testing.T) {
	links := map[string]string{"B": "C", "C": "D", "X": "Y", "Y": "X"}
	parentOf := func(id string) string { return links[id] }
	deep := map[string]string{}
	for i := range incident.MaxParentDepth + 5 {
		deep[strconv.Itoa(i)] = strconv.Itoa(i + 1)
	}
	tests := []struct {
		name, id, parent string
		parentOf         func(string) string
		reason           string
	}{
		{"no parent", "A", "", parentOf, ""},
		{"a chain", "A", "B", parentOf, ""},
		{"itself", "A", "A", parentOf, "would close a cycle of parents: A -> A"},
		{"a longer cycle", "D", "B", parentOf, "would close a cycle of parents: D -> B -> C -> D"},
		{"a loop above", "A", "X", parentOf, "the parents of X already loop: A -> X -> Y -> X"},
		{"too deep", "A", "0", func(id string) string { return deep[id] }, "the chain of parents is longer than 1000"},
		{"no lookup", "A", "B", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := incident.CheckParent(tt.id, tt.parent, tt.parentOf)
			if tt.reason == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, incident.ErrParentCycle)
			var fe *incident.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, "parent_id", fe.Path)
			assert.Equal(t, tt.reason, fe.Reason)
		})
	}
}
