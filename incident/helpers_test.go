package incident_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

// t0 is Monday 2 March 2026, 09:00 UTC; tests place events at minutes after it.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func at(minutes int) time.Time { return t0.Add(time.Duration(minutes) * time.Minute) }

func defaultLC(t testing.TB) *incident.Lifecycle {
	t.Helper()
	lc, err := incident.DefaultLifecycle()
	require.NoError(t, err)
	return lc
}

func openEv(m int) incident.Event {
	return incident.Event{At: at(m), Actor: "alice", Type: incident.EventOpen, ID: "INC1",
		Title: "Mail down", Service: "email", Caller: "carol", Impact: 2, Urgency: 2}
}

func assignEv(m int, group, assignee string) incident.Event {
	return incident.Event{At: at(m), Actor: "alice", Type: incident.EventAssign, Group: group, Assignee: assignee}
}

func act(m int, a incident.Action) incident.Event {
	return incident.Event{At: at(m), Actor: "bob", Type: incident.EventTransition, Action: a}
}

func holdEv(m int, r incident.HoldReason) incident.Event {
	e := act(m, incident.ActionHold)
	e.HoldReason = r
	return e
}

func resolveEv(m int) incident.Event {
	e := act(m, incident.ActionResolve)
	e.ResolutionCode, e.Note = "solved", "restarted the mail relay"
	return e
}

func withReason(e incident.Event, r string) incident.Event {
	e.Reason = r
	return e
}

func commentEv(m int, note string, visible, fromCaller bool) incident.Event {
	return incident.Event{At: at(m), Actor: "bob", Type: incident.EventComment, Note: note,
		CustomerVisible: visible, FromCaller: fromCaller}
}

// path returns events that take a fresh incident to state s in the default
// lifecycle, one minute apart starting at minute 0.
func path(s incident.State) []incident.Event {
	evs := []incident.Event{openEv(0)}
	switch s {
	case incident.StateNew:
		return evs
	case incident.StateCancelled:
		return append(evs, withReason(act(1, incident.ActionCancel), "duplicate"))
	}
	evs = append(evs, assignEv(1, "service-desk", ""))
	if s == incident.StateAssigned {
		return evs
	}
	evs = append(evs, assignEv(2, "", "bob"), act(3, incident.ActionStart))
	switch s {
	case incident.StateInProgress:
		return evs
	case incident.StateOnHold:
		return append(evs, holdEv(4, incident.AwaitingVendor))
	}
	evs = append(evs, resolveEv(4))
	if s == incident.StateResolved {
		return evs
	}
	return append(evs, act(5, incident.ActionClose)) // closed
}

func replayTo(t testing.TB, lc *incident.Lifecycle, s incident.State) incident.Incident {
	t.Helper()
	inc, err := replay(lc, path(s))
	require.NoError(t, err)
	require.Equal(t, s, inc.State)
	return inc
}

func mustApply(t testing.TB, lc *incident.Lifecycle, inc incident.Incident, e incident.Event) (incident.Incident, incident.Effects) {
	t.Helper()
	next, eff, err := inc.Apply(lc, e)
	require.NoError(t, err)
	return next, eff
}

// replay is incident.Replay for tests that need only the incident.
func replay(lc *incident.Lifecycle, evs []incident.Event) (incident.Incident, error) {
	c, err := incident.Replay(lc, evs)
	return c.Incident, err
}
