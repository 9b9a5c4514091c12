package escalation_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/fuzzrand"
	"github.com/go-itsm/itsm/sla"
)

// FuzzEvaluate evaluates a standard chain over a history and an on-call
// schedule drawn from the fuzzer's bytes, at a drawn instant. Evaluate is
// deterministic and leaves fired alone; nothing it lists is due after At;
// Next is after At; once what it lists is fired, evaluating again at the
// same instant lists nothing, and nothing comes due at any instant before
// Next.
func FuzzEvaluate(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"))
	f.Add([]byte("page the primary, then the secondary; the manager at 75% of resolve....................................."))
	slas := slaSet(f)
	lc := slas.Lifecycle()
	base := time.Date(2026, 3, 27, 8, 0, 0, 0, ams) // before the change to summer time
	f.Fuzz(func(t *testing.T, data []byte) {
		r := fuzzrand.New(data)
		layers := []escalation.Layer{{Name: "primary", Location: ams, Start: date.New(2026, 3, 1+r.IntN(28)),
			Handoff: calendar.Clock(r.IntN(24), 15*r.IntN(4), 0), Turn: time.Duration(1+r.IntN(7*24)) * time.Hour,
			Members: []string{"ana", "ben", "cem"}[:1+r.IntN(3)]}}
		if r.IntN(2) == 0 {
			layers = append(layers, escalation.Layer{Name: "backup", Rank: escalation.Secondary, Location: ams,
				Start: date.New(2026, 3, 1+r.IntN(28)), Handoff: calendar.Clock(r.IntN(24), 0, 0),
				Turn: time.Duration(1+r.IntN(48)) * time.Hour, Members: []string{"dan", "eva"}})
		}
		var opts []escalation.ScheduleOption
		if r.IntN(2) == 0 {
			start := base.Add(time.Duration(r.IntN(72*60)) * time.Minute)
			opts = append(opts, escalation.WithOverrides(escalation.Override{Person: "olga", Start: start, End: start.Add(time.Duration(1+r.IntN(600)) * time.Minute)}))
		}
		schedule, err := escalation.NewSchedule("ops", layers, opts...)
		require.NoError(t, err)
		policy := escalation.Policy{Name: "standard", Steps: []escalation.Step{
			{Name: "page", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged}, Channel: "page",
				Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "ops"}}},
			{Name: "secondary", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged, After: time.Duration(r.IntN(60)) * time.Minute},
				Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "ops", Rank: escalation.Secondary}}},
			{Name: "manager", Trigger: escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75},
				Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}},
		}}
		if r.IntN(2) == 0 {
			policy.Repeat = escalation.Repeat{From: "page", Times: 1 + r.IntN(3), Interval: time.Duration(1+r.IntN(60)) * time.Minute}
		}
		set, err := escalation.NewSet([]escalation.Policy{policy}, escalation.WithSchedules(schedule), escalation.WithDirectory(testDirectory))
		require.NoError(t, err)

		// A history that the lifecycle accepts: drawn events, the refused
		// ones dropped.
		var inc incident.Incident
		var events []incident.Event
		at := base.Add(time.Duration(r.IntN(24*60)) * time.Minute)
		open := incident.Event{At: at, Actor: "agent", Type: incident.EventOpen, ID: "INC1", Customer: "acme", Service: "mail",
			Impact: incident.Impact(1 + r.IntN(3)), Urgency: incident.Urgency(1 + r.IntN(3)), Group: []string{"", "network", "desk"}[r.IntN(3)]}
		for i, n := 0, r.IntN(12); i <= n; i++ {
			e := open
			if i > 0 {
				at = at.Add(time.Duration(r.IntN(240)) * time.Minute)
				e = drawEvent(r, at)
			}
			next, _, err := inc.Apply(lc, e)
			if err != nil {
				continue
			}
			inc, events = next, append(events, e)
		}
		c, err := incident.Replay(lc, events)
		require.NoError(t, err)
		now := at.Add(time.Duration(r.IntN(48*60)) * time.Minute)
		ev, err := slas.Evaluate(c, now)
		require.NoError(t, err)

		fired := escalation.Fired{}
		out := set.Evaluate(ev, fired)
		require.Empty(t, fired, "Evaluate leaves fired alone")
		require.Equal(t, out, set.Evaluate(ev, fired), "Evaluate is deterministic")
		if !out.Next.IsZero() {
			require.True(t, out.Next.After(out.At), "Next %s after At %s", out.Next, out.At)
		}
		for _, list := range [][]escalation.Due{out.Due, out.Suppressed} {
			for _, d := range list {
				require.False(t, d.At.After(now), "%s due at %s, after %s", d.Key, d.At, now)
				fired.Add(d.Key)
			}
		}
		again := set.Evaluate(ev, fired)
		require.Empty(t, again.Due, "what fired is not due again")
		require.Empty(t, again.Suppressed)
		require.Equal(t, out.Next, again.Next)
		if !out.Next.IsZero() && out.Next.Sub(now) >= 2*time.Minute { // a whole minute strictly between
			mid := now.Add(time.Duration(1+r.Int64N(int64(out.Next.Sub(now)/time.Minute)-1)) * time.Minute)
			ev2, err := slas.Evaluate(c, mid)
			require.NoError(t, err)
			between := set.Evaluate(ev2, fired)
			require.Empty(t, between.Due, "due at %s before Next %s", mid, out.Next)
			require.Empty(t, between.Suppressed)
		}
	})
}

// drawEvent draws an event a host sends after the open: an assignment, a
// transition, a comment, a priority change.
func drawEvent(r *rand.Rand, at time.Time) incident.Event {
	e := incident.Event{At: at, Actor: "agent"}
	switch r.IntN(5) {
	case 0:
		e.Type, e.Group, e.Assignee = incident.EventAssign, []string{"network", "desk"}[r.IntN(2)], []string{"", "nick", "dave"}[r.IntN(3)]
	case 1:
		e.Type, e.Note, e.CustomerVisible = incident.EventComment, "status", r.IntN(2) == 0
	case 2:
		e.Type, e.Priority, e.Reason = incident.EventPrioritize, incident.Priority(1+r.IntN(5)), "customer"
	default:
		e.Type, e.Reason = incident.EventTransition, "because"
		e.Action = incident.Action([]string{"assign", "start", "hold", "resume", "resolve", "close", "reopen", "cancel"}[r.IntN(8)])
		switch e.Action {
		case incident.ActionHold:
			e.HoldReason = "awaiting_caller"
		case incident.ActionResolve:
			e.ResolutionCode, e.Note = "solved", "fixed"
		}
	}
	return e
}
