package incident_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

func TestOpen(t *testing.T) {
	lc := defaultLC(t)
	inc, eff := mustApply(t, lc, incident.Incident{}, openEv(0))
	assert.Equal(t, "INC1", inc.ID)
	assert.Equal(t, incident.StateNew, inc.State)
	assert.Equal(t, incident.FlagOpen, inc.Flags)
	assert.Equal(t, incident.P3, inc.Priority)
	assert.Equal(t, incident.PriorityByMatrix, inc.PriorityBasis)
	assert.Equal(t, at(0), inc.OpenedAt)
	assert.Equal(t, at(0), inc.UpdatedAt)
	assert.True(t, inc.FirstAssignedAt.IsZero())
	assert.True(t, eff.Opened)
	assert.True(t, eff.StateChanged)
	assert.Equal(t, incident.Status{}, eff.From)
	assert.Equal(t, incident.Status{State: incident.StateNew, Flags: incident.FlagOpen}, eff.To)
	assert.True(t, eff.Entered(incident.FlagOpen))
	assert.True(t, eff.PriorityChanged)
	assert.Equal(t, incident.P3, eff.PriorityTo)
	require.Equal(t, 1, inc.HistoryLen())

	// Missing levels default to the lowest.
	e := openEv(0)
	e.Impact, e.Urgency = 0, 0
	inc, _ = mustApply(t, lc, incident.Incident{}, e)
	assert.Equal(t, incident.Impact(3), inc.Impact)
	assert.Equal(t, incident.Urgency(3), inc.Urgency)
	assert.Equal(t, incident.P5, inc.Priority)

	// Opened with an assignment: assigned at once by the trigger.
	e = openEv(0)
	e.Group, e.Assignee = "network", "dave"
	inc, eff = mustApply(t, lc, incident.Incident{}, e)
	assert.Equal(t, incident.StateAssigned, inc.State)
	assert.Equal(t, at(0), inc.FirstAssignedAt)
	assert.True(t, eff.FirstAssigned)
	assert.True(t, eff.Triggered)
	assert.Equal(t, "network", eff.GroupTo)
	assert.Equal(t, 0, inc.ReassignmentCount)
}

func TestFixFirstDiscussLater(t *testing.T) {
	lc := defaultLC(t)
	e := openEv(0)
	e.Impact, e.Urgency, e.CustomerDeclared = 1, 3, true
	inc, _ := mustApply(t, lc, incident.Incident{}, e)
	assert.Equal(t, incident.P1, inc.Priority, "trusted at intake, whatever the urgency")
	assert.Equal(t, incident.PriorityByCustomer, inc.PriorityBasis)

	// Without the customer's declaration the matrix says P3.
	e.CustomerDeclared = false
	plain, _ := mustApply(t, lc, incident.Incident{}, e)
	assert.Equal(t, incident.P3, plain.Priority)

	// A customer-declared lower impact gets no boost.
	e.CustomerDeclared, e.Impact = true, 2
	low, _ := mustApply(t, lc, incident.Incident{}, e)
	assert.Equal(t, incident.P4, low.Priority)
	assert.Equal(t, incident.PriorityByMatrix, low.PriorityBasis)

	// Later, the classification is corrected, with history.
	fixed, eff := mustApply(t, lc, inc, incident.Event{At: at(30), Actor: "bob", Type: incident.EventClassify,
		Impact: 3, Reason: "only one user affected"})
	assert.Equal(t, incident.P5, fixed.Priority)
	assert.Equal(t, incident.PriorityByMatrix, fixed.PriorityBasis)
	assert.True(t, eff.PriorityChanged)
	assert.True(t, eff.Reclassified)
	assert.Equal(t, incident.P1, eff.PriorityFrom)
	assert.Equal(t, incident.P5, eff.PriorityTo)
	assert.Equal(t, "only one user affected", fixed.History()[1].Reason)
}

func TestPriorityOverrideAndMajor(t *testing.T) {
	lc := defaultLC(t)
	inc := replayTo(t, lc, incident.StateInProgress)
	require.Equal(t, incident.P3, inc.Priority)

	over, eff := mustApply(t, lc, inc, incident.Event{At: at(10), Actor: "lead", Type: incident.EventPrioritize,
		Priority: incident.P2, Reason: "VIP caller"})
	assert.Equal(t, incident.P2, over.Priority)
	assert.Equal(t, incident.PriorityByOverride, over.PriorityBasis)
	assert.True(t, eff.PriorityChanged)

	// A descriptive reclassification keeps the override; a new urgency replaces it.
	same, eff := mustApply(t, lc, over, incident.Event{At: at(11), Actor: "bob", Type: incident.EventClassify, Category: "email"})
	assert.Equal(t, incident.P2, same.Priority)
	assert.Equal(t, "email", same.Category)
	assert.False(t, eff.PriorityChanged)
	assert.False(t, eff.Reclassified)
	// So does one that repeats the current impact or urgency (a host that
	// sends the whole form back).
	resent, eff := mustApply(t, lc, same, incident.Event{At: at(11), Actor: "bob", Type: incident.EventClassify, Impact: 2, Urgency: 2, Title: "mail slow"})
	assert.Equal(t, incident.P2, resent.Priority)
	assert.Equal(t, incident.PriorityByOverride, resent.PriorityBasis)
	assert.False(t, eff.PriorityChanged)
	assert.False(t, eff.Reclassified)
	back, _ := mustApply(t, lc, same, incident.Event{At: at(12), Actor: "bob", Type: incident.EventClassify, Urgency: 1})
	assert.Equal(t, incident.P2, back.Priority) // impact 2, urgency 1
	assert.Equal(t, incident.PriorityByMatrix, back.PriorityBasis)

	// The override needs a reason.
	_, _, err := inc.Apply(lc, incident.Event{At: at(10), Actor: "lead", Type: incident.EventPrioritize, Priority: incident.P2})
	require.ErrorIs(t, err, incident.ErrInvalidEvent)

	// Major forces P1 and keeps it.
	major, eff := mustApply(t, lc, over, incident.Event{At: at(13), Actor: "mim", Type: incident.EventMajor, Reason: "all mail down"})
	assert.True(t, major.Major)
	assert.Equal(t, at(13), major.MajorAt)
	assert.Equal(t, incident.P1, major.Priority)
	assert.Equal(t, incident.PriorityByMajor, major.PriorityBasis)
	assert.True(t, eff.MajorDeclared)
	assert.Equal(t, incident.P2, eff.PriorityFrom)

	_, _, err = major.Apply(lc, incident.Event{At: at(14), Actor: "lead", Type: incident.EventPrioritize, Priority: incident.P3, Reason: "calm down"})
	require.ErrorIs(t, err, incident.ErrNotAllowed)
	_, _, err = major.Apply(lc, incident.Event{At: at(14), Actor: "mim", Type: incident.EventMajor})
	require.ErrorIs(t, err, incident.ErrNotAllowed)
	reclass, eff := mustApply(t, lc, major, incident.Event{At: at(14), Actor: "bob", Type: incident.EventClassify, Impact: 3, Urgency: 3})
	assert.Equal(t, incident.P1, reclass.Priority)
	assert.Equal(t, incident.Impact(3), reclass.Impact)
	assert.False(t, eff.PriorityChanged)
	assert.True(t, eff.Reclassified)

	// Major only while open.
	_, _, err = replayTo(t, lc, incident.StateResolved).Apply(lc, incident.Event{At: at(14), Actor: "mim", Type: incident.EventMajor})
	require.ErrorIs(t, err, incident.ErrNotAllowed)

	// Priority can be corrected after resolution ("discuss later").
	resolved := replayTo(t, lc, incident.StateResolved)
	corrected, eff := mustApply(t, lc, resolved, incident.Event{At: at(20), Actor: "lead", Type: incident.EventPrioritize, Priority: incident.P4, Reason: "agreed at review"})
	assert.Equal(t, incident.P4, corrected.Priority)
	assert.True(t, eff.PriorityChanged)
	assert.False(t, eff.StateChanged)
}

func TestAssignment(t *testing.T) {
	lc := defaultLC(t)
	inc := replayTo(t, lc, incident.StateInProgress) // service-desk / bob
	require.Equal(t, "service-desk", inc.Group)
	require.Equal(t, "bob", inc.Assignee)
	require.Equal(t, at(1), inc.FirstAssignedAt)

	// Same group, new assignee: not a reassignment.
	a, eff := mustApply(t, lc, inc, assignEv(10, "service-desk", "erin"))
	assert.Equal(t, "erin", a.Assignee)
	assert.Equal(t, 0, a.ReassignmentCount)
	assert.False(t, eff.GroupChanged)
	assert.True(t, eff.AssigneeChanged)
	assert.False(t, eff.FirstAssigned)

	// Another group: a reassignment; the assignee does not follow.
	b, eff := mustApply(t, lc, a, assignEv(11, "network", ""))
	assert.Equal(t, "network", b.Group)
	assert.Empty(t, b.Assignee)
	assert.Equal(t, 1, b.ReassignmentCount)
	assert.True(t, eff.Reassigned)
	assert.True(t, eff.GroupChanged)
	assert.Equal(t, "service-desk", eff.GroupFrom)
	assert.Equal(t, "network", eff.GroupTo)
	assert.Equal(t, incident.StateInProgress, b.State, "reassignment keeps the state")
	assert.False(t, eff.StateChanged)

	c, _ := mustApply(t, lc, b, assignEv(12, "service-desk", "bob"))
	assert.Equal(t, 2, c.ReassignmentCount)
	assert.Equal(t, "bob", c.Assignee)

	// No assignment once resolved.
	_, _, err := replayTo(t, lc, incident.StateResolved).Apply(lc, assignEv(10, "network", ""))
	require.ErrorIs(t, err, incident.ErrNotAllowed)

	// An assignee alone in state new assigns but the trigger's guard (a group) refuses, silently.
	d, eff := mustApply(t, lc, replayTo(t, lc, incident.StateNew), assignEv(10, "", "bob"))
	assert.Equal(t, incident.StateNew, d.State)
	assert.True(t, eff.FirstAssigned)
	assert.False(t, eff.StateChanged)
}

func TestMilestones(t *testing.T) {
	lc := defaultLC(t)
	inc := replayTo(t, lc, incident.StateInProgress)

	// A work note is not a response; a customer-visible one is, once, and
	// every customer-visible one updates the caller.
	inc, eff := mustApply(t, lc, inc, commentEv(10, "checking logs", false, false))
	assert.False(t, eff.Responded)
	assert.False(t, eff.UpdatedCaller)
	assert.True(t, inc.FirstResponseAt.IsZero())
	inc, eff = mustApply(t, lc, inc, commentEv(11, "we are on it", true, false))
	assert.True(t, eff.Responded)
	assert.True(t, eff.UpdatedCaller)
	assert.Equal(t, at(11), inc.FirstResponseAt)
	inc, eff = mustApply(t, lc, inc, commentEv(12, "still on it", true, false))
	assert.False(t, eff.Responded)
	assert.True(t, eff.UpdatedCaller)
	assert.Equal(t, at(11), inc.FirstResponseAt)
	_, eff = mustApply(t, lc, inc, commentEv(12, "it broke again", false, true))
	assert.False(t, eff.UpdatedCaller, "the caller's own comment updates us, not the caller")

	// A first response can be marked on a private note (a phone call).
	phone := commentEv(10, "called the caller", false, false)
	phone.FirstResponse = true
	other, eff := mustApply(t, lc, replayTo(t, lc, incident.StateInProgress), phone)
	assert.True(t, eff.Responded)
	assert.True(t, eff.UpdatedCaller)
	assert.Equal(t, at(10), other.FirstResponseAt)

	// Workaround restores service, once; resolution then does not restore again.
	inc, eff = mustApply(t, lc, inc, incident.Event{At: at(20), Actor: "bob", Type: incident.EventWorkaround, Note: "use webmail"})
	assert.True(t, eff.Restored)
	assert.Equal(t, at(20), inc.RestoredAt)
	inc, eff = mustApply(t, lc, inc, incident.Event{At: at(21), Actor: "bob", Type: incident.EventWorkaround, Note: "use phone"})
	assert.False(t, eff.Restored)
	inc, eff = mustApply(t, lc, inc, resolveEv(30))
	assert.False(t, eff.Restored)
	assert.Equal(t, at(20), inc.RestoredAt)
	assert.Equal(t, at(30), inc.ResolvedAt)

	// No workaround on a resolved incident.
	_, _, err := inc.Apply(lc, incident.Event{At: at(31), Actor: "bob", Type: incident.EventWorkaround, Note: "x"})
	require.ErrorIs(t, err, incident.ErrNotAllowed)

	// Reopen and resolve again: a new ResolvedAt, ReopenCount 1.
	inc, _ = mustApply(t, lc, inc, withReason(act(40, incident.ActionReopen), "broken again"))
	inc, eff = mustApply(t, lc, inc, resolveEv(50))
	assert.True(t, eff.Resolved)
	assert.Equal(t, at(50), inc.ResolvedAt)
	assert.Equal(t, 1, inc.ReopenCount)
	inc, _ = mustApply(t, lc, inc, act(60, incident.ActionClose))
	assert.Equal(t, at(60), inc.ClosedAt)
	assert.Equal(t, at(60), inc.UpdatedAt)
	assert.Equal(t, at(0), inc.OpenedAt)
}

func TestReviewAndLink(t *testing.T) {
	lc := defaultLC(t)
	review := incident.Event{At: at(10), Actor: "mim", Type: incident.EventReview, RootCause: "disk full", Responsible: "storage"}

	_, _, err := replayTo(t, lc, incident.StateInProgress).Apply(lc, review)
	require.ErrorIs(t, err, incident.ErrNotAllowed, "the review follows resolution")

	inc, eff := mustApply(t, lc, replayTo(t, lc, incident.StateResolved), review)
	assert.True(t, eff.Reviewed)
	assert.Equal(t, "disk full", inc.RootCause)
	assert.Equal(t, "storage", inc.Responsible)
	assert.Equal(t, at(10), inc.ReviewedAt)

	link := incident.Event{At: at(10), Actor: "bob", Type: incident.EventLink, ParentID: "INC0"}
	inc, eff = mustApply(t, lc, replayTo(t, lc, incident.StateInProgress), link)
	assert.Equal(t, "INC0", inc.ParentID)
	assert.True(t, eff.ParentChanged)
	inc, eff = mustApply(t, lc, inc, incident.Event{At: at(11), Actor: "bob", Type: incident.EventLink})
	assert.Empty(t, inc.ParentID)
	assert.True(t, eff.ParentChanged)

	link.ParentID, link.At = "INC1", at(12)
	_, _, err = inc.Apply(lc, link)
	require.ErrorIs(t, err, incident.ErrInvalidEvent)
}

func TestTerminalStatesAcceptNothing(t *testing.T) {
	lc := defaultLC(t)
	for _, s := range []incident.State{incident.StateClosed, incident.StateCancelled} {
		inc := replayTo(t, lc, s)
		for _, e := range []incident.Event{
			commentEv(10, "hello?", false, true),
			{At: at(10), Actor: "bob", Type: incident.EventClassify, Impact: 1},
			{At: at(10), Actor: "bob", Type: incident.EventLink, ParentID: "INC0"},
			withReason(act(10, incident.ActionReopen), "x"),
		} {
			_, _, err := inc.Apply(lc, e)
			require.ErrorIs(t, err, incident.ErrNotAllowed, "%s: %s", s, e.Type)
		}
	}
}

func TestEventValidation(t *testing.T) {
	lc := defaultLC(t)
	inProgress := replayTo(t, lc, incident.StateInProgress)
	base := func(typ incident.EventType) incident.Event {
		return incident.Event{At: at(10), Actor: "bob", Type: typ}
	}
	with := func(e incident.Event, f func(*incident.Event)) incident.Event { f(&e); return e }
	tests := []struct {
		name  string
		inc   incident.Incident
		event incident.Event
		field string
		err   error
	}{
		{"unknown type", inProgress, base(0), "type", incident.ErrInvalidEvent},
		{"type out of range", inProgress, base(200), "type", incident.ErrInvalidEvent},
		{"no instant", inProgress, with(base(incident.EventComment), func(e *incident.Event) { e.At = time.Time{}; e.Note = "x" }), "at", incident.ErrInvalidEvent},
		{"no actor", inProgress, with(base(incident.EventComment), func(e *incident.Event) { e.Actor = ""; e.Note = "x" }), "actor", incident.ErrInvalidEvent},
		{"foreign field", inProgress, with(base(incident.EventAssign), func(e *incident.Event) { e.Group = "g"; e.Action = "start" }), "action", incident.ErrInvalidEvent},
		{"open without id", incident.Incident{}, with(openEv(0), func(e *incident.Event) { e.ID = "" }), "id", incident.ErrInvalidEvent},
		{"open own parent", incident.Incident{}, with(openEv(0), func(e *incident.Event) { e.ParentID = "INC1" }), "parent_id", incident.ErrInvalidEvent},
		{"open declared without impact", incident.Incident{}, with(openEv(0), func(e *incident.Event) { e.Impact = 0; e.CustomerDeclared = true }), "customer_declared", incident.ErrInvalidEvent},
		{"impact beyond matrix", incident.Incident{}, with(openEv(0), func(e *incident.Event) { e.Impact = 4 }), "impact", incident.ErrInvalidEvent},
		{"urgency beyond matrix", inProgress, with(base(incident.EventClassify), func(e *incident.Event) { e.Urgency = 5 }), "urgency", incident.ErrInvalidEvent},
		{"transition without action", inProgress, base(incident.EventTransition), "action", incident.ErrInvalidEvent},
		{"empty assign", inProgress, base(incident.EventAssign), "group", incident.ErrInvalidEvent},
		{"empty classify", inProgress, with(base(incident.EventClassify), func(e *incident.Event) { e.Note = "nothing" }), "impact", incident.ErrInvalidEvent},
		{"priority out of range", inProgress, with(base(incident.EventPrioritize), func(e *incident.Event) { e.Priority = 6; e.Reason = "x" }), "priority", incident.ErrInvalidEvent},
		{"prioritize without priority", inProgress, with(base(incident.EventPrioritize), func(e *incident.Event) { e.Reason = "x" }), "priority", incident.ErrInvalidEvent},
		{"empty comment", inProgress, base(incident.EventComment), "note", incident.ErrInvalidEvent},
		{"caller's first response", inProgress, with(base(incident.EventComment), func(e *incident.Event) { e.Note = "x"; e.FromCaller = true; e.FirstResponse = true }), "first_response", incident.ErrInvalidEvent},
		{"empty workaround", inProgress, base(incident.EventWorkaround), "note", incident.ErrInvalidEvent},
		{"review without root cause", inProgress, with(base(incident.EventReview), func(e *incident.Event) { e.Responsible = "x" }), "root_cause", incident.ErrInvalidEvent},
		{"review without responsible", inProgress, with(base(incident.EventReview), func(e *incident.Event) { e.RootCause = "x" }), "responsible", incident.ErrInvalidEvent},
		{"out of order", inProgress, with(commentEv(2, "late", false, false), func(*incident.Event) {}), "at", incident.ErrOutOfOrder},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, eff, err := tt.inc.Apply(lc, tt.event)
			require.ErrorIs(t, err, tt.err)
			var fe *incident.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Path)
			assert.Contains(t, err.Error(), "incident: "+tt.field)
			assert.Equal(t, incident.Incident{}, got)
			assert.Equal(t, incident.Effects{}, eff)
		})
	}

	// Same instant as the last event is fine.
	_, _, err := inProgress.Apply(lc, commentEv(3, "same minute", false, false))
	require.NoError(t, err)

	// State errors.
	_, _, err = incident.Incident{}.Apply(lc, commentEv(0, "hi", false, false))
	require.ErrorIs(t, err, incident.ErrNotAllowed)
	assert.Contains(t, err.Error(), "incident: comment event not allowed: the incident is not opened yet")
	_, _, err = inProgress.Apply(lc, openEv(10))
	require.ErrorIs(t, err, incident.ErrNotAllowed)
	_, _, err = inProgress.Apply(nil, commentEv(10, "x", false, false))
	require.ErrorIs(t, err, incident.ErrNoLifecycle)
	// A zero Lifecycle is no lifecycle either: errors and zero values, no panic.
	zero := &incident.Lifecycle{}
	_, _, err = incident.Incident{}.Apply(zero, openEv(0))
	require.ErrorIs(t, err, incident.ErrNoLifecycle)
	_, err = replay(zero, []incident.Event{openEv(0)})
	require.ErrorIs(t, err, incident.ErrNoLifecycle)
	require.ErrorIs(t, err, incident.ErrNoLifecycle)
	_, err = incident.OfferToChildren(zero, incident.Incident{ID: "P1"}, resolveEv(10), []incident.Incident{inProgress})
	require.ErrorIs(t, err, incident.ErrNoLifecycle)
	assert.Equal(t, incident.State(""), zero.Initial())
	assert.Empty(t, zero.DOT()+zero.Mermaid())
	assert.Nil(t, zero.Actions(incident.StateNew))

	// An incident from another lifecycle.
	foreign := inProgress
	foreign.State = "triage"
	_, _, err = foreign.Apply(lc, commentEv(10, "x", false, false))
	require.ErrorIs(t, err, incident.ErrNotAllowed)
}

func TestApplyDoesNotAlias(t *testing.T) {
	lc := defaultLC(t)
	inc := replayTo(t, lc, incident.StateInProgress)
	snapshot := inc
	snapshotHistory := inc.History()

	// Two incidents derived from the same one keep their own last events.
	a, _ := mustApply(t, lc, inc, commentEv(10, "a", false, false))
	b, _ := mustApply(t, lc, inc, commentEv(10, "b", false, false))
	ha, hb := a.History(), b.History()
	assert.Equal(t, "a", ha[len(ha)-1].Note)
	assert.Equal(t, "b", hb[len(hb)-1].Note)
	assert.Len(t, ha, 5)
	assert.Len(t, hb, 5)

	// History hands out copies: changing one changes no incident.
	ha[0].Actor = "mallory"
	assert.Equal(t, "alice", a.History()[0].Actor)
	assert.Equal(t, "alice", b.History()[0].Actor)
	assert.Equal(t, snapshot, inc, "the input is untouched")
	assert.Equal(t, snapshotHistory, inc.History())
	assert.Equal(t, 4, inc.HistoryLen())

	// Apply gives the incident Replay gives.
	again, err := replay(lc, inc.History())
	require.NoError(t, err)
	again, _ = mustApply(t, lc, again, commentEv(10, "a", false, false))
	assert.Equal(t, a, again)
}

func TestReplay(t *testing.T) {
	lc := defaultLC(t)
	evs := path(incident.StateClosed)
	inc, err := replay(lc, evs)
	require.NoError(t, err)
	assert.Equal(t, evs, inc.History())
	inc.History()[0].Actor = "mallory"
	assert.Equal(t, "alice", evs[0].Actor, "Replay does not share the input slice")

	empty, err := replay(lc, nil)
	require.NoError(t, err)
	assert.Equal(t, incident.Incident{}, empty)

	_, err = replay(nil, evs)
	require.ErrorIs(t, err, incident.ErrNoLifecycle)

	// The first invalid event is reported by index.
	bad := append([]incident.Event(nil), evs...)
	bad[2] = commentEv(2, "no assignee after all", false, false)
	bad = append(bad, commentEv(1, "out of order", false, false))
	_, err = replay(lc, bad)
	var ie *incident.InvalidEventError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, 3, ie.Index)
	assert.Equal(t, bad[3], ie.Event)
	assert.ErrorIs(t, err, incident.ErrGuard)
	var te *incident.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, incident.GuardAssignee, te.Guard, "start without an assignee")
	assert.Equal(t, "incident: event 3 (transition): "+ie.Reason, err.Error())
	assert.NotContains(t, ie.Reason, "incident:")

	// The chronicle's entries are the events with the effects Apply
	// reports one by one, and its incident is Apply's result.
	c, err := incident.Replay(lc, evs)
	require.NoError(t, err)
	var live incident.Incident
	for i, e := range evs {
		next, eff, err := live.Apply(lc, e)
		require.NoError(t, err)
		assert.Equal(t, eff, c.Entries[i].Effects, "event %d", i)
		assert.Equal(t, e, c.Entries[i].Event)
		live = next
	}
	assert.Equal(t, live.History(), c.Incident.History())
	c.Incident.History()[0].Actor = "mallory"
	assert.Equal(t, evs[0].Actor, c.Incident.History()[0].Actor)
	_, err = replay(nil, evs)
	require.ErrorIs(t, err, incident.ErrNoLifecycle)
}

func TestMonotonicReadingDropped(t *testing.T) {
	lc := defaultLC(t)
	e := openEv(0)
	e.At = time.Now() // has a monotonic reading
	inc, _ := mustApply(t, lc, incident.Incident{}, e)
	assert.Equal(t, e.At.Round(0), inc.History()[0].At)
	assert.Equal(t, e.At.Round(0), inc.OpenedAt)
	b, err := json.Marshal(inc)
	require.NoError(t, err)
	var back incident.Incident
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, back.OpenedAt.Equal(inc.OpenedAt))
}

func TestJSONRoundTrip(t *testing.T) {
	lc := defaultLC(t)
	evs := append(path(incident.StateResolved),
		incident.Event{At: at(5), Actor: "mim", Type: incident.EventReview, RootCause: "cert", Responsible: "pki"},
		commentEv(6, "thanks", false, true))
	evs[0].CustomerDeclared, evs[0].Impact = true, 1
	evs[0].ParentID = "INC0"
	inc, err := replay(lc, evs)
	require.NoError(t, err)

	b, err := json.Marshal(inc)
	require.NoError(t, err)
	var back incident.Incident
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, inc, back)
	assert.Contains(t, string(b), `"priority_basis":"customer"`)
	assert.Contains(t, string(b), `"flags":["resolved"]`)
	assert.Contains(t, string(b), `"type":"review"`)
	assert.Contains(t, string(b), `"resolved_at":"2026-03-02T09:04:00Z"`)
	assert.NotContains(t, string(b), `closed_at`)

	eb, err := json.Marshal(evs)
	require.NoError(t, err)
	var evBack []incident.Event
	require.NoError(t, json.Unmarshal(eb, &evBack))
	assert.Equal(t, evs, evBack)

	// The replay of the decoded history is the decoded snapshot.
	again, err := replay(lc, back.History())
	require.NoError(t, err)
	assert.Equal(t, back, again)

	// The zero incident round-trips too.
	zb, err := json.Marshal(incident.Incident{})
	require.NoError(t, err)
	assert.Equal(t, "{}", string(zb))

	var e incident.Event
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"type":"explode"}`), &e), incident.ErrUnknownWord)
	require.NoError(t, json.Unmarshal([]byte(`{"type":""}`), &e), "the zero type decodes")
	assert.Equal(t, incident.EventType(0), e.Type)
	zb, err = json.Marshal(incident.Event{})
	require.NoError(t, err)
	assert.Contains(t, string(zb), `"type":""`)
	_, err = json.Marshal(incident.Event{Type: 99})
	assert.ErrorIs(t, err, incident.ErrUnknownWord)
	assert.Equal(t, "EventType(99)", incident.EventType(99).String(), "an unknown value prints as Type(n), the SDK's one rule")
}

func TestErrorMessages(t *testing.T) {
	for _, err := range []error{
		incident.ErrInvalidMatrix, incident.ErrInvalidLifecycle, incident.ErrNoLifecycle, incident.ErrInvalidEvent,
		incident.ErrOutOfOrder, incident.ErrNotAllowed, incident.ErrGuard, incident.ErrLevel,
		incident.ErrInvalidPolicy, incident.ErrUnknownWord, incident.ErrNotChild,
		&incident.FieldError{Path: "f", Reason: "r", Err: incident.ErrInvalidEvent},
		&incident.TransitionError{From: "s", Type: incident.EventComment, Reason: "r", Err: incident.ErrNotAllowed},
	} {
		assert.Regexp(t, `^incident: `, err.Error())
	}
	te := &incident.TransitionError{From: "new", Type: incident.EventTransition, Action: "start", Err: incident.ErrNotAllowed}
	assert.Equal(t, "incident: action start in state new not allowed", te.Error())
	assert.True(t, errors.Is(te, incident.ErrNotAllowed))
}

// TestSharedHistoryConcurrentUse reads incidents in other goroutines while
// Apply goes on adding events to the incidents they came from; run
// with -race.
func TestSharedHistoryConcurrentUse(t *testing.T) {
	lc := defaultLC(t)
	evs := history50()
	var live incident.Incident
	done := make(chan struct{})
	count := 0
	for i, e := range evs {
		next, _, err := live.Apply(lc, e)
		require.NoError(t, err)
		live = next
		snap := live
		count++
		go func(want int) {
			defer func() { done <- struct{}{} }()
			h := snap.History()
			assert.Len(t, h, want)
			assert.Equal(t, evs[want-1].Actor, h[want-1].Actor)
			// Branch off the shared history.
			if next, _, err := snap.Apply(lc, commentEv(100_000, "branch", false, false)); err == nil {
				assert.Equal(t, want+1, next.HistoryLen())
			}
		}(i + 1)
	}
	for ; count > 0; count-- {
		<-done
	}
	assert.Equal(t, evs, live.History())
}

// TestHistoryKeepsEveryField stores an event with every field set, through
// the JSON form of an incident, and reads it back.
func TestHistoryKeepsEveryField(t *testing.T) {
	full := incident.Event{At: at(0), Actor: "a", Type: incident.EventOpen, ID: "id", Title: "t", Service: "s",
		ConfigurationItem: "ci", Customer: "cu", Category: "ca", Caller: "cl", Impact: 1, Urgency: 2,
		CustomerDeclared: true, ParentID: "p", Group: "g", Assignee: "as", Action: "ac", HoldReason: "hr",
		ResolutionCode: "rc", Priority: 3, Note: "n", Reason: "r", CustomerVisible: true, FromCaller: true,
		FirstResponse: true, RootCause: "rca", Responsible: "resp"}
	// Not a valid event, so go through JSON, which stores without replaying.
	b, err := json.Marshal(map[string]any{"history": []incident.Event{full, {At: at(1), Type: incident.EventComment, Note: "only one text"}, {At: at(2)}}})
	require.NoError(t, err)
	var inc incident.Incident
	require.NoError(t, json.Unmarshal(b, &inc))
	h := inc.History()
	require.Len(t, h, 3)
	assert.Equal(t, full, h[0])
	assert.Equal(t, "only one text", h[1].Note)
	assert.Equal(t, incident.Event{At: at(2)}, h[2])

}

func TestReplayAllocatesTwice(t *testing.T) {
	lc := defaultLC(t)
	evs := history50()
	allocs := testing.AllocsPerRun(20, func() {
		if _, err := replay(lc, evs); err != nil {
			t.Fatal(err)
		}
	})
	assert.LessOrEqual(t, allocs, 2.0, "one block of entries and one of spans")
}
