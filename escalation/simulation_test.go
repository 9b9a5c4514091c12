package escalation_test

import (
	"fmt"
	"github.com/go-itsm/itsm/calendar"
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

// TestSimulatedEaster steps a host every five minutes from Friday 27 March
// to Wednesday 8 April 2026 in Amsterdam: the change to summer time
// (Sunday 29 March), Good Friday (3 April) and Easter Monday (6 April, also
// a change freeze for the mail service). The policy phones the group's
// manager in office hours (a step that waits for the office to open) and
// pages whoever is on call on an office-hours schedule that is off on the
// holidays (a gap that the page waits out); a maintenance window suppresses
// escalation of mail incidents. The exact sequence is written out by hand.
func TestSimulatedEaster(t *testing.T) {
	local := func(mo time.Month, d, hh, mm int) time.Time { return time.Date(2026, mo, d, hh, mm, 0, 0, ams) }
	holidays := dutchOffice(t)
	office := restricted(layer("office hours", ams, "2026-03-02", "08:00", day, "ana", "ben"), "Mon-Fri 08:00-18:00")
	office.Holidays = holidays
	schedule, err := escalation.NewSchedule("day", []escalation.Layer{office})
	require.NoError(t, err)
	policy := escalation.Policy{Name: "office", Steps: []escalation.Step{
		{Name: "phone", Trigger: escalation.Trigger{On: escalation.OnOpened}, When: escalation.Condition{Open: "office"}, Channel: "phone",
			Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}},
		{Name: "page", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, Channel: "page",
			Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "day"}}},
	}}
	set, err := escalation.NewSet([]escalation.Policy{policy},
		escalation.WithCalendars(map[string]*calendar.Calendar{"office": holidays, "maintenance": maintenanceWindows(t)}),
		escalation.WithMaintenance(escalation.Maintenance{Calendar: "maintenance", When: incident.Selector{Services: []string{"mail"}}}),
		escalation.WithSchedules(schedule), escalation.WithDirectory(testDirectory))
	require.NoError(t, err)

	open := func(id string, when time.Time, service string) history {
		return history{}.add(incident.Event{At: when, Type: incident.EventOpen, ID: id, Customer: "acme", Service: service, Impact: 2, Urgency: 2, Group: "network"})
	}
	incidents := map[string]history{
		// F: Friday evening; the office has closed and nobody is on call
		// until Monday 08:00 (summer time by then).
		"F": open("F", local(3, 27, 19, 0), "vpn").assign(local(3, 30, 8, 20), "", "nick"),
		// G: a mail incident in the maintenance window of the night of the
		// clock change.
		"G": open("G", local(3, 29, 1, 30), "mail").assign(local(3, 30, 9, 30), "", "nick"),
		// I: Good Friday: the office and the on-call layer are off until
		// Tuesday after Easter Monday.
		"I": open("I", local(4, 3, 11, 0), "vpn").assign(local(4, 7, 8, 10), "", "nick"),
		// H: a mail incident on Easter Monday, during the change freeze.
		"H": open("H", local(4, 6, 10, 0), "mail").assign(local(4, 7, 9, 30), "", "nick"),
	}
	const stamp = "Jan 2 15:04"
	want := []string{
		"Mar 29 01:45 G page suppressed [] due Mar 29 01:45",
		"Mar 30 08:00 F page [ana] due Mar 27 19:15 gap to Mar 30 08:00",
		"Mar 30 09:00 F phone [nina] due Mar 30 09:00 waited since Mar 27 19:00",
		"Mar 30 09:00 G phone [nina] due Mar 30 09:00 waited since Mar 29 01:30",
		"Apr 6 10:15 H page suppressed [] due Apr 6 10:15",
		"Apr 7 08:00 I page [ana] due Apr 3 11:15 gap to Apr 7 08:00",
		"Apr 7 09:00 I phone [nina] due Apr 7 09:00 waited since Apr 3 11:00",
		"Apr 7 09:00 H phone [nina] due Apr 7 09:00 waited since Apr 6 10:00",
	}
	got := simulateHost(t, set, []string{"F", "G", "I", "H"}, incidents, local(3, 27, 0, 0), local(4, 8, 0, 0), func(now time.Time, id string, d escalation.Due, suppressed bool) string {
		var who []string
		for _, r := range d.Recipients {
			who = append(who, r.ID)
		}
		line := fmt.Sprintf("%s %s %s", now.In(ams).Format(stamp), id, d.Key.Step)
		if suppressed {
			line += " suppressed"
		}
		line += fmt.Sprintf(" [%s] due %s", strings.Join(who, ","), d.At.In(ams).Format(stamp))
		if !d.Deferred.IsZero() {
			line += " waited since " + d.Deferred.In(ams).Format(stamp)
		}
		if d.Gap != nil {
			line += " gap to " + d.Gap.End.In(ams).Format(stamp)
		}
		return line
	})
	assert.Equal(t, want, got)
}

// simulateHost is the host loop of the simulations: every five minutes in
// [from, to) it folds each incident's events so far (once per new event),
// evaluates the SLAs and the escalation set with what already fired,
// records what is due or suppressed and describes it with line. It checks
// that nothing comes due before the wake-up the previous evaluation set,
// and that everything comes at the first tick at or after its due time or
// the end of the gap it waited out.
func simulateHost(t *testing.T, set *escalation.Set, order []string, incidents map[string]history, from, to time.Time,
	line func(now time.Time, id string, d escalation.Due, suppressed bool) string) []string {
	t.Helper()
	slas := slaSet(t)
	type state struct {
		seen      int
		chronicle incident.Chronicle
		fired     escalation.Fired
		next      time.Time
	}
	states := map[string]*state{}
	var got []string
	for now := from; now.Before(to); now = now.Add(5 * time.Minute) {
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
			if changed {
				c, err := incident.Replay(slas.Lifecycle(), upTo)
				require.NoError(t, err)
				st.chronicle, st.seen = c, len(upTo)
			}
			judged, err := slas.Evaluate(st.chronicle, now)
			require.NoError(t, err)
			out := set.Evaluate(judged, st.fired)
			if !changed && (st.next.IsZero() || st.next.After(now)) {
				assert.Empty(t, out.Due, "%s at %s: due before the timer Next set", id, now)
				assert.Empty(t, out.Suppressed, "%s at %s: suppressed before the timer Next set", id, now)
			}
			st.next = out.Next
			for i, list := range [][]escalation.Due{out.Due, out.Suppressed} {
				for _, d := range list {
					ready := d.At
					if d.Gap != nil && !d.Fallback && d.Gap.End.After(ready) {
						ready = d.Gap.End
					}
					assert.True(t, now.Sub(ready) < 5*time.Minute && !ready.After(now), "%s %s: delivered at the first tick after it was ready", id, d.Key)
					got = append(got, line(now, id, d, i == 1))
					st.fired.Add(d.Key)
				}
			}
		}
	}
	return got
}
