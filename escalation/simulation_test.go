package escalation_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSimulatedWeek steps through the week of Monday 23 March 2026 in
// Amsterdam, which ends with the change to summer time (Sunday 29 March,
// 02:00 -> 03:00), as a host would: every five minutes it folds each
// incident's events so far, evaluates the SLA set and the escalation policy
// with the record of what already fired, carries out (records) what is due
// and moves on. The exact sequence of actions is written out by hand below.
func TestSimulatedWeek(t *testing.T) {
	local := func(d, hh, mm int) time.Time { return time.Date(2026, 3, d, hh, mm, 0, 0, ams) }

	// On call: a daily primary rotation handing off at 09:00 Amsterdam
	// time (ana Monday, ben Tuesday, cem Wednesday, ...), dan as weekly
	// secondary, and olga covering Saturday evening.
	schedule, err := escalation.NewSchedule("ops", []escalation.Layer{
		layer("daily", ams, "2026-03-23", "09:00", day, "ana", "ben", "cem"),
		ranked(layer("backup", ams, "2026-03-23", "09:00", week, "dan"), escalation.Secondary),
	}, escalation.WithOverrides(escalation.Override{Person: "olga", Start: local(28, 18, 0), End: local(28, 23, 0)}))
	require.NoError(t, err)

	// The policy: page the primary at once and the secondary after 15
	// minutes while nobody acknowledges; tell the group's manager when 75%
	// of the resolution time is used on a P1 or P2; the whole chain
	// repeats twice, every 30 minutes.
	policy := escalation.Policy{
		Name: "standard",
		Steps: []escalation.Step{
			{Name: "page", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged}, Channel: "page",
				Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "ops"}}},
			{Name: "secondary", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, Channel: "page",
				Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "ops", Rank: escalation.Secondary}}},
			{Name: "manager", Trigger: escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75},
				When:    escalation.Condition{Selector: incident.Selector{Priorities: []incident.Priority{incident.P1, incident.P2}}},
				Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}},
		},
		Repeat: escalation.Repeat{From: "page", Times: 2, Interval: 30 * time.Minute},
	}
	set, err := escalation.NewSet([]escalation.Policy{policy}, escalation.WithSchedules(schedule), escalation.WithDirectory(testDirectory))
	require.NoError(t, err)
	slas := slaSet(t)
	lc := lifecycle(t)

	open := func(id string, when time.Time, impact incident.Impact, urgency incident.Urgency, group string) history {
		return history{}.add(incident.Event{At: when, Type: incident.EventOpen, ID: id, Customer: "acme", Service: "mail", Impact: impact, Urgency: urgency, Group: group})
	}
	incidents := map[string]history{
		// A: a P2 picked up within minutes.
		"A": open("A", local(23, 10, 0), 1, 2, "network").
			assign(local(23, 10, 7), "", "nick").do(local(23, 10, 10), incident.ActionStart).resolve(local(23, 13, 0)),
		// B: a P1 nobody acknowledges for 51 minutes, resolved after its
		// 75% mark (3 of 4 hours).
		"B": open("B", local(24, 14, 2), 1, 1, "network").
			assign(local(24, 14, 53), "", "nick").do(local(24, 15, 0), incident.ActionStart).resolve(local(24, 18, 30)),
		// C: a late-evening P2, downgraded to P3, answered by a customer
		// update, then moved to another group the next morning, which
		// makes it unacknowledged again.
		"C": open("C", local(25, 22, 40), 1, 2, "desk").
			prioritize(local(25, 22, 50), incident.P3).update(local(25, 23, 0)).
			assign(local(26, 9, 30), "network", "").assign(local(26, 9, 50), "", "nick").
			do(local(26, 9, 55), incident.ActionStart).resolve(local(26, 11, 0)),
		// D: Saturday evening, during olga's override.
		"D": open("D", local(28, 19, 0), 1, 2, "network").
			assign(local(28, 19, 10), "", "nick").do(local(28, 19, 12), incident.ActionStart).resolve(local(28, 20, 0)),
		// E: Sunday morning after the clocks went forward: the primary
		// hands off at 09:00 summer time, 23 hours after Saturday's 09:00.
		"E": open("E", local(29, 8, 52), 1, 1, "network").
			assign(local(29, 9, 30), "", "nick").do(local(29, 9, 31), incident.ActionStart).resolve(local(29, 11, 0)),
	}
	order := []string{"A", "B", "C", "D", "E"}

	want := []string{
		"Mon 10:00 A page#0/1 [ana] due 10:00",
		"Tue 14:05 B page#0/1 [ben] due 14:02",
		"Tue 14:20 B secondary#0/1 [dan] due 14:17",
		"Tue 14:35 B page#1/1 [ben] due 14:32",
		"Tue 14:50 B secondary#1/1 [dan] due 14:47",
		// acknowledged at 14:53: the page rounds stop; the SLA step's
		// first pass still comes, its repeats (17:32, 18:02) do not
		"Tue 17:05 B manager#0/1 [nina] due 17:02",
		"Wed 22:40 C page#0/1 [cem] due 22:40",
		// downgraded to P3 at 22:50: its manager step is no longer due
		"Wed 22:55 C secondary#0/1 [dan] due 22:55",
		// the customer update at 23:00 acknowledges; moved to network at
		// 09:30, the new group's assignment is a second occurrence
		"Thu 09:30 C page#0/2 [ana] due 09:30",
		"Thu 09:45 C secondary#0/2 [dan] due 09:45",
		"Sat 19:00 D page#0/1 [olga] due 19:00",
		"Sun 08:55 E page#0/1 [cem] due 08:52",
		"Sun 09:10 E secondary#0/1 [dan] due 09:07",
		"Sun 09:25 E page#1/1 [ana] due 09:22",
	}

	type state struct {
		seen      int
		chronicle incident.Chronicle
		fired     escalation.Fired
		next      time.Time
	}
	states := map[string]*state{}
	var got []string
	for now := local(23, 0, 0); now.Before(local(30, 0, 0)); now = now.Add(5 * time.Minute) {
		for _, id := range order {
			var upTo history
			for _, e := range incidents[id] {
				if !e.At.After(now) {
					upTo = append(upTo, e)
				}
			}
			if len(upTo) == 0 {
				continue
			}
			st := states[id]
			if st == nil {
				st = &state{}
				states[id] = st
			}
			changed := len(upTo) != st.seen
			if changed { // the one fold per new event
				c, err := incident.Replay(lc, upTo)
				require.NoError(t, err)
				st.chronicle, st.seen = c, len(upTo)
			}
			judged, err := slas.Evaluate(st.chronicle, now)
			require.NoError(t, err)
			out := set.Evaluate(judged, st.fired)
			if !changed && (st.next.IsZero() || st.next.After(now)) {
				assert.Empty(t, out.Due, "%s at %s: due before the timer Next set", id, now)
			}
			st.next = out.Next
			for _, d := range out.Due {
				assert.True(t, now.Sub(d.At) < 5*time.Minute && !d.At.After(now), "delivered at the first tick after it was due")
				var who []string
				for _, r := range d.Recipients {
					who = append(who, r.ID)
				}
				got = append(got, fmt.Sprintf("%s %s %s %s#%d/%d [%s] due %s", now.In(ams).Format("Mon"), now.In(ams).Format("15:04"), id,
					d.Key.Step, d.Key.Round, d.Key.Occurrence, strings.Join(who, ","), d.At.In(ams).Format("15:04")))
				st.fired.Add(d.Key)
			}
		}
	}
	assert.Equal(t, want, got)

	// The handoff that decided E's second page: Sunday 09:00 summer time
	// is 07:00 UTC, 23 hours after Saturday's.
	assert.Equal(t, "cem", schedule.Responders(time.Date(2026, 3, 29, 6, 59, 0, 0, time.UTC)).Primary)
	assert.Equal(t, "ana", schedule.Responders(time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC)).Primary)
}
