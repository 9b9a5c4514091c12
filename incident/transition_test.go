package incident_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

// TestDefaultTransitions applies every transition of the default lifecycle
// from a state built by replay, and every guard's refusal.
func TestDefaultTransitions(t *testing.T) {
	major := func(s incident.State) []incident.Event {
		// A major incident taken to s (in_progress or resolved).
		evs := path(incident.StateInProgress)
		evs = append(evs, incident.Event{At: at(3), Actor: "mim", Type: incident.EventMajor, Reason: "all mail down"})
		if s == incident.StateResolved {
			evs = append(evs, resolveEv(4))
		}
		return evs
	}
	reviewed := func() []incident.Event {
		return append(major(incident.StateResolved), incident.Event{At: at(5), Actor: "mim",
			Type: incident.EventReview, RootCause: "expired certificate", Responsible: "messaging team"})
	}
	noCode := resolveEv(10)
	noCode.ResolutionCode = ""
	noNote := resolveEv(10)
	noNote.Note = ""
	bare := act(10, incident.ActionResolve)

	tests := []struct {
		name    string
		history []incident.Event
		event   incident.Event
		want    incident.State // on success
		guard   string         // on ErrGuard
		reason  string         // substring of the refusal
		check   func(t *testing.T, inc incident.Incident, eff incident.Effects)
	}{
		{name: "new -assign-> assigned by the assigned trigger", history: path(incident.StateNew),
			event: assignEv(10, "network", ""), want: incident.StateAssigned,
			check: func(t *testing.T, inc incident.Incident, eff incident.Effects) {
				assert.True(t, eff.Triggered)
				assert.Equal(t, incident.ActionAssign, eff.Action)
				assert.True(t, eff.FirstAssigned)
				assert.Equal(t, at(10), inc.FirstAssignedAt)
			}},
		{name: "new -assign-> refused without a group", history: path(incident.StateNew),
			event: act(10, incident.ActionAssign), guard: incident.GuardAssignmentGroup, reason: "no assignment group"},
		{name: "new -assign-> refused with only an assignee", history: path(incident.StateNew),
			event: act(10, incident.ActionAssign), guard: incident.GuardAssignmentGroup},
		{name: "assigned -start-> in_progress", history: append(path(incident.StateAssigned), assignEv(9, "", "bob")),
			event: act(10, incident.ActionStart), want: incident.StateInProgress,
			check: func(t *testing.T, inc incident.Incident, eff incident.Effects) {
				assert.False(t, eff.Triggered)
				assert.Equal(t, incident.StateAssigned, eff.From.State)
			}},
		{name: "assigned -start-> refused without an assignee", history: path(incident.StateAssigned),
			event: act(10, incident.ActionStart), guard: incident.GuardAssignee, reason: "no assignee"},
		{name: "in_progress -hold-> on_hold", history: path(incident.StateInProgress),
			event: holdEv(10, incident.AwaitingCaller), want: incident.StateOnHold,
			check: func(t *testing.T, inc incident.Incident, eff incident.Effects) {
				assert.Equal(t, incident.AwaitingCaller, inc.HoldReason)
				assert.True(t, eff.Entered(incident.FlagOnHold))
				assert.Equal(t, incident.AwaitingCaller, eff.To.HoldReason)
			}},
		{name: "on_hold -hold-> on_hold for another reason", history: path(incident.StateOnHold),
			event: holdEv(10, incident.AwaitingChange), want: incident.StateOnHold,
			check: func(t *testing.T, inc incident.Incident, eff incident.Effects) {
				assert.True(t, eff.StateChanged)
				assert.False(t, eff.Entered(incident.FlagOnHold), "still on hold")
				assert.Equal(t, incident.AwaitingVendor, eff.From.HoldReason)
				assert.Equal(t, incident.AwaitingChange, eff.To.HoldReason)
			}},
		{name: "on_hold -resume-> in_progress", history: path(incident.StateOnHold),
			event: act(10, incident.ActionResume), want: incident.StateInProgress,
			check: func(t *testing.T, inc incident.Incident, eff incident.Effects) {
				assert.Empty(t, inc.HoldReason)
				assert.True(t, eff.Left(incident.FlagOnHold))
			}},
		{name: "in_progress -resolve-> resolved", history: path(incident.StateInProgress),
			event: resolveEv(10), want: incident.StateResolved,
			check: func(t *testing.T, inc incident.Incident, eff incident.Effects) {
				assert.True(t, eff.Resolved)
				assert.True(t, eff.Restored, "resolving restores service when no workaround did")
				assert.Equal(t, at(10), inc.ResolvedAt)
				assert.Equal(t, at(10), inc.RestoredAt)
				assert.Equal(t, "solved", inc.ResolutionCode)
				assert.Equal(t, "restarted the mail relay", inc.ResolutionNote)
			}},
		{name: "in_progress -resolve-> refused without code and note", history: path(incident.StateInProgress),
			event: bare, guard: incident.GuardResolution, reason: "resolution code and a resolution note"},
		{name: "in_progress -resolve-> refused without code", history: path(incident.StateInProgress),
			event: noCode, guard: incident.GuardResolution, reason: "resolution code is required"},
		{name: "in_progress -resolve-> refused without note", history: path(incident.StateInProgress),
			event: noNote, guard: incident.GuardResolution, reason: "resolution note is required"},
		{name: "on_hold -resolve-> resolved", history: path(incident.StateOnHold),
			event: resolveEv(10), want: incident.StateResolved,
			check: func(t *testing.T, inc incident.Incident, eff incident.Effects) {
				assert.True(t, eff.Left(incident.FlagOnHold))
				assert.True(t, eff.Entered(incident.FlagResolved))
				assert.Empty(t, inc.HoldReason)
			}},
		{name: "on_hold -resolve-> refused without code", history: path(incident.StateOnHold),
			event: noCode, guard: incident.GuardResolution},
		{name: "resolved -close-> closed", history: path(incident.StateResolved),
			event: act(10, incident.ActionClose), want: incident.StateClosed,
			check: func(t *testing.T, inc incident.Incident, eff incident.Effects) {
				assert.True(t, eff.Closed)
				assert.False(t, eff.Cancelled)
				assert.Equal(t, at(10), inc.ClosedAt)
				assert.Equal(t, incident.FlagResolved|incident.FlagTerminal, inc.Flags)
			}},
		{name: "resolved -close-> refused for a major incident without review", history: major(incident.StateResolved),
			event: act(10, incident.ActionClose), guard: incident.GuardReview, reason: "post-incident review"},
		{name: "resolved -close-> closed for a reviewed major incident", history: reviewed(),
			event: act(10, incident.ActionClose), want: incident.StateClosed},
		{name: "resolved -reopen-> in_progress", history: path(incident.StateResolved),
			event: withReason(act(10, incident.ActionReopen), "still failing"), want: incident.StateInProgress,
			check: func(t *testing.T, inc incident.Incident, eff incident.Effects) {
				assert.True(t, eff.Reopened)
				assert.Equal(t, 1, inc.ReopenCount)
				assert.True(t, inc.ResolvedAt.IsZero())
				assert.Empty(t, inc.ResolutionCode)
				assert.Equal(t, at(4), inc.RestoredAt, "the first restoration stays")
			}},
		{name: "resolved -reopen-> clears the review", history: reviewed(),
			event: withReason(act(10, incident.ActionReopen), "recurred"), want: incident.StateInProgress,
			check: func(t *testing.T, inc incident.Incident, _ incident.Effects) {
				assert.Empty(t, inc.RootCause)
				assert.True(t, inc.ReviewedAt.IsZero())
			}},
		{name: "resolved -reopen-> refused without a reason", history: path(incident.StateResolved),
			event: act(10, incident.ActionReopen), guard: incident.GuardReason, reason: "reason is required"},
		{name: "resolved -reopen-> refused at the end of the window", history: path(incident.StateResolved),
			event: withReason(incident.Event{At: at(4).Add(incident.DefaultReopenWindow), Actor: "carol",
				Type: incident.EventTransition, Action: incident.ActionReopen}, "late"),
			guard: incident.GuardReopenWindow, reason: "has passed"},
		{name: "resolved -reopen-> allowed just inside the window", history: path(incident.StateResolved),
			event: withReason(incident.Event{At: at(4).Add(incident.DefaultReopenWindow - 1), Actor: "carol",
				Type: incident.EventTransition, Action: incident.ActionReopen}, "late"),
			want: incident.StateInProgress},
	}
	for _, s := range []incident.State{incident.StateNew, incident.StateAssigned, incident.StateInProgress, incident.StateOnHold} {
		tests = append(tests,
			struct {
				name    string
				history []incident.Event
				event   incident.Event
				want    incident.State
				guard   string
				reason  string
				check   func(t *testing.T, inc incident.Incident, eff incident.Effects)
			}{name: string(s) + " -cancel-> cancelled", history: path(s),
				event: withReason(act(10, incident.ActionCancel), "duplicate of INC0"), want: incident.StateCancelled,
				check: func(t *testing.T, inc incident.Incident, eff incident.Effects) {
					assert.True(t, eff.Cancelled)
					assert.False(t, eff.Closed)
					assert.Equal(t, at(10), inc.ClosedAt)
					assert.True(t, eff.Entered(incident.FlagTerminal))
				}},
			struct {
				name    string
				history []incident.Event
				event   incident.Event
				want    incident.State
				guard   string
				reason  string
				check   func(t *testing.T, inc incident.Incident, eff incident.Effects)
			}{name: string(s) + " -cancel-> refused without a reason", history: path(s),
				event: act(10, incident.ActionCancel), guard: incident.GuardReason})
	}

	lc := defaultLC(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, err := replay(lc, tt.history)
			require.NoError(t, err)
			inc, eff, err := before.Apply(lc, tt.event)
			if tt.guard != "" {
				require.ErrorIs(t, err, incident.ErrGuard)
				var te *incident.TransitionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, tt.guard, te.Guard)
				assert.Equal(t, before.State, te.From)
				assert.Equal(t, tt.event.Action, te.Action)
				assert.Contains(t, te.Reason, tt.reason)
				assert.Contains(t, err.Error(), "incident: action "+string(tt.event.Action)+" in state "+string(before.State)+" refused by guard "+tt.guard)
				assert.Equal(t, incident.Incident{}, inc)
				assert.Equal(t, incident.Effects{}, eff)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, inc.State)
			flags, _ := lc.Flags(tt.want)
			assert.Equal(t, flags, inc.Flags)
			assert.True(t, eff.StateChanged)
			assert.Equal(t, before.State, eff.From.State)
			assert.Equal(t, tt.want, eff.To.State)
			assert.Equal(t, before.HistoryLen()+1, inc.HistoryLen())
			if tt.check != nil {
				tt.check(t, inc, eff)
			}
		})
	}
}

// TestDefaultActionsNotAllowed tries every action in every state: those the
// default lifecycle does not define fail with ErrNotAllowed, whatever the
// payload.
func TestDefaultActionsNotAllowed(t *testing.T) {
	lc := defaultLC(t)
	states := []incident.State{incident.StateNew, incident.StateAssigned, incident.StateInProgress,
		incident.StateOnHold, incident.StateResolved, incident.StateClosed, incident.StateCancelled}
	actions := []incident.Action{incident.ActionAssign, incident.ActionStart, incident.ActionHold, incident.ActionResume,
		incident.ActionResolve, incident.ActionClose, incident.ActionReopen, incident.ActionCancel, "escalate"}
	defined := map[incident.State]map[incident.Action]bool{}
	for _, tr := range incident.DefaultDefinition().Transitions {
		if defined[tr.From] == nil {
			defined[tr.From] = map[incident.Action]bool{}
		}
		defined[tr.From][tr.Action] = true
	}
	for _, s := range states {
		inc := replayTo(t, lc, s)
		assert.ElementsMatch(t, keys(defined[s]), lc.Actions(s), "Actions(%s)", s)
		for _, a := range actions {
			if defined[s][a] {
				continue
			}
			t.Run(string(s)+"/"+string(a), func(t *testing.T) {
				_, _, err := inc.Apply(lc, withReason(act(10, a), "because"))
				require.ErrorIs(t, err, incident.ErrNotAllowed)
				var te *incident.TransitionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, s, te.From)
				assert.Empty(t, te.Guard)
			})
		}
	}
}

func keys(m map[incident.Action]bool) []incident.Action {
	var out []incident.Action
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestHoldReasonRules(t *testing.T) {
	lc := defaultLC(t)
	inProgress := replayTo(t, lc, incident.StateInProgress)

	_, _, err := inProgress.Apply(lc, act(10, incident.ActionHold))
	var fe *incident.FieldError
	require.ErrorAs(t, err, &fe)
	assert.ErrorIs(t, err, incident.ErrInvalidEvent)
	assert.Equal(t, "hold_reason", fe.Path)

	_, _, err = inProgress.Apply(lc, holdEv(10, "awaiting_godot"))
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "awaiting_godot", fe.Value)

	resolve := resolveEv(10)
	resolve.HoldReason = incident.AwaitingCaller
	_, _, err = inProgress.Apply(lc, resolve)
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "hold_reason", fe.Path)

	// A resolution code belongs only to the event that resolves.
	hold := holdEv(10, incident.AwaitingCaller)
	hold.ResolutionCode = "solved"
	_, _, err = inProgress.Apply(lc, hold)
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "resolution_code", fe.Path)
}

func TestCallerReplyTrigger(t *testing.T) {
	lc := defaultLC(t)
	awaitingCaller, _ := mustApply(t, lc, replayTo(t, lc, incident.StateInProgress), holdEv(10, incident.AwaitingCaller))

	// The caller's reply resumes the incident.
	inc, eff := mustApply(t, lc, awaitingCaller, commentEv(20, "here is the log", false, true))
	assert.Equal(t, incident.StateInProgress, inc.State)
	assert.True(t, eff.CallerReplied)
	assert.True(t, eff.Triggered)
	assert.Equal(t, incident.ActionResume, eff.Action)
	assert.True(t, eff.Left(incident.FlagOnHold))
	assert.Equal(t, incident.AwaitingCaller, eff.From.HoldReason)
	assert.False(t, eff.Responded, "the caller's comment is not a response to the caller")

	// An agent's comment does not.
	inc, eff = mustApply(t, lc, awaitingCaller, commentEv(20, "any news?", true, false))
	assert.Equal(t, incident.StateOnHold, inc.State)
	assert.False(t, eff.StateChanged)
	assert.True(t, eff.Responded)

	// Nor does the caller's reply while awaiting a vendor.
	awaitingVendor := replayTo(t, lc, incident.StateOnHold)
	inc, eff = mustApply(t, lc, awaitingVendor, commentEv(20, "any news?", false, true))
	assert.Equal(t, incident.StateOnHold, inc.State)
	assert.True(t, eff.CallerReplied)
	assert.False(t, eff.StateChanged)

	// Nor on a resolved incident: reopening is explicit.
	inc, eff = mustApply(t, lc, replayTo(t, lc, incident.StateResolved), commentEv(20, "thanks", false, true))
	assert.Equal(t, incident.StateResolved, inc.State)
	assert.True(t, eff.CallerReplied)
}

// TestGuardResolved covers the resolved guard, which the default lifecycle
// cannot fail (close leaves only from resolved): a lifecycle that lets close
// be tried from in progress shows it refusing.
func TestGuardResolved(t *testing.T) {
	def := incident.DefaultDefinition()
	def.Transitions = append(def.Transitions, incident.TransitionSpec{
		From: incident.StateInProgress, Action: incident.ActionClose, To: incident.StateClosed,
		Guards: []string{incident.GuardResolved, incident.GuardReview}})
	lc, err := incident.NewLifecycle(def)
	require.NoError(t, err)
	_, _, err = replayTo(t, lc, incident.StateInProgress).Apply(lc, act(10, incident.ActionClose))
	var te *incident.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, incident.GuardResolved, te.Guard)
	assert.Equal(t, "the incident is not resolved", te.Reason)
	assert.True(t, errors.Is(err, incident.ErrGuard))
}
