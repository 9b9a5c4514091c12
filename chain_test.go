package itsm_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The host's chain (incident.Replay, sla.Set.Evaluate, escalation.Set.Evaluate,
// report.NewRecord) checked against a slow reference written here from first
// principles: the incident's state minute by minute (each event applied with
// Incident.Apply, nothing else of the SDK), the spans read off the states,
// and business time counted minute by minute with Calendar.IsOpen.

var ams = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return loc
}()

// start is Monday 30 March 2026, 07:00 in Amsterdam, the day after the
// clocks went forward.
var start = time.Date(2026, 3, 30, 7, 0, 0, 0, ams)

type chain struct {
	lc          *incident.Lifecycle
	office      *calendar.Calendar
	slas        *sla.Set
	escalations *escalation.Set
}

const goal = 4 * time.Hour

func newChain(t testing.TB) chain {
	t.Helper()
	lc, err := incident.DefaultLifecycle()
	require.NoError(t, err)
	office, err := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 08:00-18:00"))
	require.NoError(t, err)
	// One goal per metric for every priority: priority changes retarget to
	// the same goal, so the reference need not follow them.
	slas, err := sla.NewSet([]sla.Policy{{Name: "std", Calendar: "office", Targets: []sla.Target{
		{Metric: sla.Respond, Goal: time.Hour},
		{Metric: sla.Resolve, Goal: goal},
	}}}, sla.WithCalendars(map[string]*calendar.Calendar{"office": office}), sla.WithLifecycle(lc))
	require.NoError(t, err)
	escalations, err := escalation.NewSet([]escalation.Policy{{Name: "p", Steps: []escalation.Step{
		{Name: "opened", Trigger: escalation.Trigger{On: escalation.OnOpened, After: 30 * time.Minute},
			Targets: []escalation.Target{{Kind: escalation.TargetPerson, Person: "pia"}}},
		{Name: "breach", Trigger: escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Resolve},
			Targets: []escalation.Target{{Kind: escalation.TargetPerson, Person: "boss"}}},
	}}})
	require.NoError(t, err)
	return chain{lc, office, slas, escalations}
}

// run is the chain as a host runs it.
func (c chain) run(events []incident.Event, now time.Time) (sla.Evaluation, escalation.Evaluation, report.Record, error) {
	chronicle, err := incident.Replay(c.lc, events)
	if err != nil {
		return sla.Evaluation{}, escalation.Evaluation{}, report.Record{}, err
	}
	ev, err := c.slas.Evaluate(chronicle, now)
	if err != nil {
		return sla.Evaluation{}, escalation.Evaluation{}, report.Record{}, err
	}
	due := c.escalations.Evaluate(ev, nil)
	rec, err := report.NewRecord(ev)
	return ev, due, rec, err
}

// randomHistory makes a history the default lifecycle accepts, on whole
// minutes, by proposing random events and keeping those that apply.
func randomHistory(r *rand.Rand, lc *incident.Lifecycle) []incident.Event {
	at := start.Add(time.Duration(r.IntN(600)) * time.Minute)
	events := []incident.Event{{At: at, Actor: "caller", Type: incident.EventOpen, ID: "INC1",
		Impact: incident.Impact(r.IntN(3) + 1), Urgency: incident.Urgency(r.IntN(3) + 1)}}
	inc, _, err := incident.Incident{}.Apply(lc, events[0])
	if err != nil {
		panic(err)
	}
	actions := []incident.Action{incident.ActionStart, incident.ActionStart, incident.ActionResume, incident.ActionResume, incident.ActionReopen, incident.ActionClose}
	for tries := 0; len(events) < 30 && tries < 300; tries++ { // a closed incident takes nothing more
		if r.IntN(3) > 0 {
			at = at.Add(time.Duration(r.IntN(40)) * time.Minute)
		}
		e := incident.Event{At: at, Actor: "agent"}
		switch r.IntN(12) {
		case 0:
			e.Type, e.Group = incident.EventAssign, []string{"desk", "network", "dba"}[r.IntN(3)]
		case 1:
			e.Type, e.Assignee = incident.EventAssign, []string{"ann", "bob"}[r.IntN(2)]
		case 2:
			e.Type, e.Note, e.CustomerVisible = incident.EventComment, "update", true
		case 3:
			e.Type, e.Note, e.FromCaller = incident.EventComment, "reply", true
		case 4:
			e.Type, e.Note = incident.EventComment, "work note"
		case 5, 6:
			// Mostly an action the state has, so that stories go on.
			e.Type, e.Action = incident.EventTransition, actions[r.IntN(len(actions))]
			if allowed := lc.Actions(inc.State); len(allowed) > 0 && r.IntN(4) > 0 {
				e.Action = allowed[r.IntN(len(allowed))]
			}
			switch e.Action {
			case incident.ActionCancel:
				if r.IntN(15) > 0 {
					continue
				}
				e.Reason = "duplicate"
			case incident.ActionReopen:
				e.Reason = "not fixed"
			case incident.ActionHold:
				e.HoldReason = incident.AwaitingVendor
			case incident.ActionResolve:
				e.ResolutionCode, e.Note = "solved", "fixed"
			}
		case 7:
			e.Type, e.Action = incident.EventTransition, incident.ActionHold
			e.HoldReason = []incident.HoldReason{incident.AwaitingCaller, incident.AwaitingVendor}[r.IntN(2)]
		case 8:
			e.Type, e.Action, e.ResolutionCode, e.Note = incident.EventTransition, incident.ActionResolve, "solved", "fixed"
		case 9:
			e.Type, e.Priority, e.Reason = incident.EventPrioritize, incident.Priority(r.IntN(5)+1), "escalated"
		case 10:
			if r.IntN(2) == 0 {
				e.Type = incident.EventMajor
			} else {
				e.Type, e.Action, e.Reason = incident.EventTransition, incident.ActionCancel, "duplicate"
			}
			if r.IntN(15) > 0 {
				continue // a cancellation ends the story: rare
			}
		default:
			e.Type, e.Action, e.ResolutionCode, e.Note = incident.EventTransition, incident.ActionResolve, "solved", "fixed"
		}
		if next, _, err := inc.Apply(lc, e); err == nil {
			events, inc = append(events, e), next
		}
	}
	// Some stories end waiting, so that paused clocks are judged too.
	if r.IntN(3) == 0 {
		e := incident.Event{At: at.Add(5 * time.Minute), Actor: "agent", Type: incident.EventTransition,
			Action: incident.ActionHold, HoldReason: incident.AwaitingCaller}
		if _, _, err := inc.Apply(lc, e); err == nil {
			events = append(events, e)
		}
	}
	return events
}

// reference is the slow fold: the incident after each event, by Apply.
type reference struct {
	events []incident.Event
	states []incident.Incident // states[i]: after events[i]
}

func newReference(t *testing.T, lc *incident.Lifecycle, events []incident.Event) reference {
	ref := reference{events: events}
	var inc incident.Incident
	for _, e := range events {
		next, _, err := inc.Apply(lc, e)
		require.NoError(t, err)
		ref.states = append(ref.states, next)
		inc = next
	}
	return ref
}

// at returns the incident as it stood during the minute starting at m.
func (ref reference) at(m time.Time) (incident.Incident, bool) {
	k := -1
	for i, e := range ref.events {
		if !e.At.After(m) {
			k = i
		}
	}
	if k < 0 {
		return incident.Incident{}, false
	}
	return ref.states[k], true
}

// span is what the reference expects of a chronicle span.
type span struct{ Start, End time.Time }

// spans lists, from the states after each event, the spans during which
// key returns the same non-empty value, a new span whenever it changes.
func (ref reference) spans(key func(prev, cur incident.Incident, e incident.Event) (begin, end bool)) []span {
	var out []span
	var prev incident.Incident
	for i, cur := range ref.states {
		begin, end := key(prev, cur, ref.events[i])
		if end && len(out) > 0 && out[len(out)-1].End.IsZero() {
			out[len(out)-1].End = ref.events[i].At
		}
		if begin {
			out = append(out, span{Start: ref.events[i].At})
		}
		prev = cur
	}
	return out
}

func spansOf(list []incident.Span) []span {
	var out []span
	for _, s := range list {
		out = append(out, span{s.Start, s.End})
	}
	return out
}

// accrued counts the business minutes of cal in [from, now) during which
// running says the clock runs, and the instant the count reached goal.
func (ref reference) accrued(cal *calendar.Calendar, now time.Time, running func(incident.Incident, time.Time) bool) (time.Duration, time.Time) {
	var total time.Duration
	var reached time.Time
	for m := ref.events[0].At; m.Before(now); m = m.Add(time.Minute) {
		inc, ok := ref.at(m)
		if !ok || !running(inc, m) || !cal.IsOpen(m) {
			continue
		}
		total += time.Minute
		if total == goal {
			reached = m.Add(time.Minute)
		}
	}
	return total, reached
}

func TestChainAgreesWithReference(t *testing.T) {
	c := newChain(t)
	r := rand.New(rand.NewPCG(2026, 12))
	seen := map[string]int{} // what the histories covered
	for n := 0; n < 500; n++ {
		events := randomHistory(r, c.lc)
		last := events[len(events)-1].At
		now := last.Add(time.Duration(r.IntN(400)) * time.Minute)
		ref := newReference(t, c.lc, events)
		ev, due, rec, err := c.run(events, now)
		require.NoError(t, err)
		ch := ev.Chronicle
		inc := ref.states[len(ref.states)-1]
		require.Equal(t, inc.History(), ch.Incident.History())

		// Spans, in the incident package's words, read off the states.
		states := ref.spans(func(p, c incident.Incident, _ incident.Event) (bool, bool) {
			changed := p.State != c.State || p.HoldReason != c.HoldReason
			return changed, changed
		})
		assert.Equal(t, states, spansOf(ch.States), "states")
		holds := ref.spans(func(p, c incident.Incident, _ incident.Event) (bool, bool) {
			changed := p.State != c.State || p.HoldReason != c.HoldReason
			return changed && c.Flags.Has(incident.FlagOnHold), changed
		})
		assert.Equal(t, holds, spansOf(ch.Holds), "holds")
		assignments := ref.spans(func(p, c incident.Incident, _ incident.Event) (bool, bool) {
			changed := c.Group != "" && p.Group != c.Group
			return changed, changed
		})
		assert.Equal(t, assignments, spansOf(ch.Assignments), "assignments")
		resolutions := ref.spans(func(p, c incident.Incident, _ incident.Event) (bool, bool) {
			return !p.Flags.Has(incident.FlagResolved) && c.Flags.Has(incident.FlagResolved),
				p.Flags.Has(incident.FlagResolved) && c.Flags.Has(incident.FlagOpen)
		})
		assert.Equal(t, resolutions, spansOf(ch.Resolutions), "resolutions")
		updates := ref.spans(func(_, _ incident.Incident, e incident.Event) (bool, bool) {
			u := e.Type == incident.EventComment && !e.FromCaller && (e.CustomerVisible || e.FirstResponse)
			return u, u
		})
		assert.Equal(t, updates, spansOf(ch.Updates), "updates")
		var replies []span
		for _, e := range events {
			switch {
			case e.Type == incident.EventComment && e.FromCaller:
				replies = append(replies, span{Start: e.At})
			case e.Type == incident.EventComment && (e.CustomerVisible || e.FirstResponse):
				for i := range replies {
					if replies[i].End.IsZero() {
						replies[i].End = e.At
					}
				}
			}
		}
		assert.Equal(t, replies, spansOf(ch.Replies), "replies")

		// Acknowledgement and escalation, by their definitions.
		var ack, escalated time.Time
		prevPriority := incident.Priority(0)
		for i, e := range events {
			st := ref.states[i]
			if ack.IsZero() && (st.Assignee != "" || !st.FirstResponseAt.IsZero()) {
				ack = e.At
			}
			if escalated.IsZero() && i > 0 && (e.Type == incident.EventMajor || st.Priority < prevPriority) {
				escalated = e.At
			}
			prevPriority = st.Priority
		}
		assert.Equal(t, ack, ch.Incident.AcknowledgedAt, "acknowledged")
		assert.Equal(t, escalated, ch.Incident.EscalatedAt, "escalated")

		// The record.
		var wantRes, wantReo []time.Time
		for _, s := range resolutions {
			wantRes = append(wantRes, s.Start)
			if !s.End.IsZero() {
				wantReo = append(wantReo, s.End)
			}
		}
		assert.Equal(t, wantRes, rec.Resolutions)
		assert.Equal(t, wantReo, rec.Reopenings)
		var wantHolds []calendar.Interval
		for _, h := range holds {
			if n := len(wantHolds); n > 0 && wantHolds[n-1].End.Equal(h.Start) {
				wantHolds[n-1].End = h.End
				continue
			}
			wantHolds = append(wantHolds, calendar.Interval{Start: h.Start, End: h.End})
		}
		assert.Equal(t, wantHolds, rec.Holds)
		assert.Equal(t, len(assignments), len(rec.Assignments))
		assert.Equal(t, inc.ClosedAt, rec.ClosedAt)
		assert.Equal(t, escalated, rec.EscalatedAt)

		seen["events"] += len(events)
		seen["holds"] += len(holds)
		seen["reopenings"] += len(wantReo)
		seen["replies"] += len(replies)
		seen["escalated"] += btoi(!escalated.IsZero())

		// Resolve: runs while open and not on hold, on office hours.
		cancelled := !inc.ClosedAt.IsZero() && !inc.Flags.Has(incident.FlagResolved)
		accrued, reached := ref.accrued(c.office, now, func(s incident.Incident, _ time.Time) bool {
			return s.Flags.Has(incident.FlagOpen) && !s.Flags.Has(incident.FlagOnHold)
		})
		resolve := result(t, ev, sla.Resolve)
		if cancelled {
			assert.Equal(t, sla.Cancelled, resolve.Status.State, "resolve cancelled")
			seen["cancelled"]++
		} else {
			assert.Equal(t, accrued, resolve.Status.Accrued, "resolve accrued")
			stopped := !inc.Flags.Has(incident.FlagOpen)
			want := sla.Running
			switch {
			case stopped && accrued <= goal:
				want = sla.Met
			case accrued >= goal:
				want = sla.Breached
			case inc.Flags.Has(incident.FlagOnHold):
				want = sla.Paused
			}
			assert.Equal(t, want, resolve.Status.State, "resolve state")
			seen[want.String()]++
			if want == sla.Breached {
				assert.Equal(t, reached, resolve.Status.BreachedAt, "resolve breach")
			}
		}

		// Respond: from the opening to the response or the first resolution.
		respondAccrued, _ := ref.accrued(c.office, now, func(s incident.Incident, m time.Time) bool {
			return s.FirstResponseAt.IsZero() && !resolvedBy(ref, m) && s.ClosedAt.IsZero()
		})
		respond := result(t, ev, sla.Respond)
		if respond.Status.State != sla.Cancelled {
			assert.Equal(t, respondAccrued, respond.Status.Accrued, "respond accrued")
		}

		// Escalation: the opened step is due 30 minutes after the opening
		// while the incident is open; the one wake-up is the earliest of
		// what comes next.
		dueOpened := !now.Before(events[0].At.Add(30*time.Minute)) && inc.Flags.Has(incident.FlagOpen)
		var gotOpened bool
		for _, d := range due.Due {
			if d.Key.Step == "opened" {
				gotOpened = true
				assert.Equal(t, events[0].At.Add(30*time.Minute), d.At)
			}
			assert.False(t, d.At.After(now))
		}
		assert.Equal(t, dueOpened, gotOpened, "opened step due")
		if next, ok := ev.NextChange(); ok {
			assert.False(t, due.Next.After(next), "the wake-up is no later than the SLA's next change")
		}
		if !due.Next.IsZero() {
			assert.True(t, due.Next.After(now))
		}
	}
	t.Logf("covered: %v", seen)
	for _, what := range []string{"holds", "reopenings", "replies", "escalated", "cancelled", "met", "breached", "running", "paused"} {
		assert.Greater(t, seen[what], 3, "the histories should cover %s", what)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// resolvedBy reports whether the incident had been resolved at some event
// at or before m.
func resolvedBy(ref reference, m time.Time) bool {
	for i, e := range ref.events {
		if !e.At.After(m) && ref.states[i].Flags.Has(incident.FlagResolved) {
			return true
		}
	}
	return false
}

func result(t *testing.T, ev sla.Evaluation, m sla.Metric) sla.Result {
	t.Helper()
	for _, r := range ev.Results {
		if r.Metric == m {
			return r
		}
	}
	t.Fatalf("no %s result", m)
	return sla.Result{}
}

// Every part of the chain's answer is as of now: evaluating a history with
// events after now gives what the history up to now gives.
func TestChainIsAsOfNow(t *testing.T) {
	c := newChain(t)
	r := rand.New(rand.NewPCG(7, 7))
	for n := 0; n < 100; n++ {
		events := randomHistory(r, c.lc)
		first, last := events[0].At, events[len(events)-1].At
		now := first.Add(time.Duration(r.Int64N(int64(last.Sub(first))+1)) / time.Minute * time.Minute)
		k := 0
		for k < len(events) && !events[k].At.After(now) {
			k++
		}
		evAll, dueAll, recAll, err := c.run(events, now)
		require.NoError(t, err)
		evPast, duePast, recPast, err := c.run(events[:k], now)
		require.NoError(t, err)
		assert.Equal(t, mustJSON(t, evPast), mustJSON(t, evAll))
		assert.Equal(t, mustJSON(t, duePast), mustJSON(t, dueAll))
		assert.Equal(t, mustJSON(t, recPast), mustJSON(t, recAll))
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
