package incident_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

// randomEvent draws an event that is often valid and often not: every type,
// random payloads, instants that mostly move forward.
func randomEvent(r *rand.Rand, last time.Time) incident.Event {
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	e := incident.Event{
		At:    last.Add(time.Duration(r.IntN(600)-30) * time.Minute),
		Actor: pick("alice", "bob", "carol", "system", "alice", "bob", "carol", "system", ""),
		Type:  incident.EventType(r.IntN(13)), // 0 and 12 are invalid
	}
	if r.IntN(40) == 0 {
		e.At = time.Time{}
	}
	if r.IntN(3) == 0 {
		e.Type = incident.EventTransition // the lifecycle is what matters most
	}
	switch e.Type {
	case incident.EventOpen:
		e.ID = pick("INC1", "INC2", "")
		e.Impact = incident.Impact(r.IntN(5))
		e.Urgency = incident.Urgency(r.IntN(5))
		e.CustomerDeclared = r.IntN(3) == 0
		e.Group = pick("", "", "network")
		e.Assignee = pick("", "", "dave")
		e.ParentID = pick("", "", "INC0", "INC1")
		if r.IntN(3) == 0 {
			e.Fields = map[string]string{pick("channel", "location", "Bad Name"): pick("phone", "berlin", "")}
		}
	case incident.EventTransition:
		e.Action = incident.Action(pick("assign", "start", "start", "hold", "hold", "resume", "resolve", "resolve", "resolve",
			"close", "close", "reopen", "cancel", "escalate", ""))
		fitting := r.IntN(5) > 0 // most payloads fit the action
		if (e.Action == incident.ActionHold) == fitting {
			e.HoldReason = incident.HoldReason(pick("awaiting_caller", "awaiting_vendor", "awaiting_change", "awaiting_problem", "awaiting_godot"))
		}
		if (e.Action == incident.ActionResolve) == fitting {
			e.ResolutionCode = pick("solved", "solved", "")
			e.Note = pick("fixed", "fixed", "")
			e.Fix = incident.Fix(r.IntN(4)) // 3 is unknown
		}
		e.Reason = pick("", "because", "because")
	case incident.EventAssign:
		e.Group = pick("", "network", "service-desk", "db")
		e.Assignee = pick("", "bob", "erin")
	case incident.EventClassify:
		e.Impact = incident.Impact(r.IntN(5))
		e.Urgency = incident.Urgency(r.IntN(5))
		e.Category = pick("", "email")
		if r.IntN(2) == 0 {
			e.Fields = map[string]string{pick("channel", "location", "service_offering"): pick("chat", "paris", "")}
		}
	case incident.EventPrioritize:
		e.Priority = incident.Priority(r.IntN(7))
		e.Reason = pick("", "vip")
	case incident.EventComment:
		e.Note = pick("", "hello")
		e.CustomerVisible = r.IntN(2) == 0
		e.FromCaller = r.IntN(2) == 0
		e.FirstResponse = r.IntN(4) == 0
	case incident.EventWorkaround:
		e.Note = pick("", "webmail")
	case incident.EventMajor:
		e.Reason = pick("", "outage", "outage")
		e.MajorStep = incident.MajorStep(r.IntN(6)) // 5 is unknown
	case incident.EventRelate:
		e.Relation = incident.Relation(r.IntN(7)) // 0 and 6 are invalid
		e.RelatedID = pick("", "PRB1", "CHG2", "INC1")
	case incident.EventReview:
		e.RootCause = pick("", "disk")
		e.Responsible = pick("", "storage")
	case incident.EventLink:
		e.ParentID = pick("", "INC0", "INC1")
	}
	if r.IntN(30) == 0 { // a field that does not belong
		e.RootCause = "stray"
	}
	return e
}

var sentinels = []error{incident.ErrInvalidEvent, incident.ErrOutOfOrder, incident.ErrNotAllowed, incident.ErrGuard}

// TestRandomSequences applies random events one by one: each either applies,
// giving an incident that is the replay of its history, or fails with a
// typed error and nothing else; the input never changes.
func TestRandomSequences(t *testing.T) {
	lc := defaultLC(t)
	r := rand.New(rand.NewPCG(2026, 4))
	applied, refused := 0, 0
	reached := map[incident.State]bool{}
	for seq := 0; seq < 300; seq++ {
		var inc incident.Incident
		last := t0
		for step := 0; step < 60; step++ {
			e := randomEvent(r, last)
			if step == 0 && r.IntN(20) > 0 {
				e = openEv(0) // most sequences get going
			}
			before, beforeH := inc, inc.History()
			next, eff, err := inc.Apply(lc, e)
			require.Equal(t, before, inc, "the input incident changed")
			require.Equal(t, beforeH, inc.History(), "the input history changed")
			if err != nil {
				refused++
				assert.Equal(t, incident.Incident{}, next)
				assert.Equal(t, incident.Effects{}, eff)
				var fe *incident.FieldError
				var te *incident.TransitionError
				require.True(t, errors.As(err, &fe) || errors.As(err, &te), "untyped error %v", err)
				n := 0
				for _, s := range sentinels {
					if errors.Is(err, s) {
						n++
					}
				}
				require.Equal(t, 1, n, "error %v wraps exactly one sentinel", err)
				continue
			}
			applied++
			checkInvariants(t, lc, inc, next, eff, e)
			inc = next
			last = e.At
			reached[inc.State] = true
		}
	}
	t.Logf("%d events applied, %d refused", applied, refused)
	assert.Greater(t, applied, 2000, "the generator should make progress")
	assert.Greater(t, refused, 2000)
	assert.Len(t, reached, len(incident.DefaultDefinition().States), "every state reached: %v", reached)
}

func checkInvariants(t *testing.T, lc *incident.Lifecycle, in, out incident.Incident, eff incident.Effects, e incident.Event) {
	t.Helper()
	inH, outH := in.History(), out.History()
	require.Len(t, outH, len(inH)+1)
	if len(inH) > 0 {
		assert.Equal(t, inH, outH[:len(inH)])
	}
	last := e
	last.At = last.At.Round(0)
	assert.Equal(t, last, outH[len(inH)])
	assert.Equal(t, e.At.Round(0), out.UpdatedAt)

	// Effects agree with the before and after.
	assert.Equal(t, in.State, eff.From.State)
	assert.Equal(t, out.State, eff.To.State)
	assert.Equal(t, out.Flags, eff.To.Flags)
	assert.Equal(t, out.HoldReason, eff.To.HoldReason)
	assert.Equal(t, in.Priority, eff.PriorityFrom)
	assert.Equal(t, out.Priority, eff.PriorityTo)
	assert.Equal(t, in.Priority != out.Priority, eff.PriorityChanged)
	assert.Equal(t, in.Group, eff.GroupFrom)
	assert.Equal(t, out.Group, eff.GroupTo)
	if !eff.StateChanged {
		assert.Equal(t, in.State, out.State)
	}

	// The snapshot is consistent.
	flags, ok := lc.Flags(out.State)
	require.True(t, ok)
	assert.Equal(t, flags, out.Flags)
	assert.Equal(t, out.Flags.Has(incident.FlagOnHold), out.HoldReason != "")
	assert.Equal(t, out.Flags.Has(incident.FlagTerminal), !out.ClosedAt.IsZero())
	assert.Equal(t, out.Flags.Has(incident.FlagResolved), !out.ResolvedAt.IsZero())
	assert.True(t, out.Priority >= incident.P1 && out.Priority <= incident.P5)
	assert.Equal(t, out.Major, out.MajorState == incident.MajorAccepted, "major exactly when accepted")
	assert.LessOrEqual(t, len(out.Fields), incident.MaxFields)
	if out.Major {
		assert.Equal(t, incident.P1, out.Priority)
	}
	assert.Equal(t, out.Group != "" || out.Assignee != "" || !out.FirstAssignedAt.IsZero(), !out.FirstAssignedAt.IsZero())

	// Apply agrees with Replay, and the snapshot survives JSON.
	again, err := replay(lc, outH)
	require.NoError(t, err)
	assert.Equal(t, out, again)
	if len(outH)%7 == 0 {
		b, err := json.Marshal(out)
		require.NoError(t, err)
		var back incident.Incident
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, out, back)
	}
}

// TestRandomReplay checks that Replay of a random list either succeeds or
// names the first event that does not apply: every event before it applies.
func TestRandomReplay(t *testing.T) {
	lc := defaultLC(t)
	r := rand.New(rand.NewPCG(7, 11))
	for seq := 0; seq < 300; seq++ {
		evs := []incident.Event{openEv(0)}
		for len(evs) < 40 {
			evs = append(evs, randomEvent(r, evs[len(evs)-1].At))
		}
		snapshot := append([]incident.Event(nil), evs...)
		inc, err := replay(lc, evs)
		require.Equal(t, snapshot, evs, "Replay changed its input")
		if err == nil {
			assert.Equal(t, len(evs), inc.HistoryLen())
			continue
		}
		var ie *incident.InvalidEventError
		require.ErrorAs(t, err, &ie)
		assert.Equal(t, evs[ie.Index], ie.Event)
		prefix, err := replay(lc, evs[:ie.Index])
		require.NoError(t, err)
		_, _, err = prefix.Apply(lc, evs[ie.Index])
		require.Error(t, err)
		assert.Equal(t, ie.Err, err)
	}
}
