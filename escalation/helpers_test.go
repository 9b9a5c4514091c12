package escalation_test

import (
	"slices"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

var (
	ams = mustLoad("Europe/Amsterdam")
	nyc = mustLoad("America/New_York")
	// t0 is Monday 2 March 2026, 09:00 in Amsterdam.
	t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, ams)
)

func at(minutes int) time.Time { return t0.Add(time.Duration(minutes) * time.Minute) }

func lifecycle(t testing.TB) *incident.Lifecycle {
	t.Helper()
	lc, err := incident.DefaultLifecycle()
	require.NoError(t, err)
	return lc
}

// history builds events of the default lifecycle tersely.
type history []incident.Event

func (h history) add(e incident.Event) history {
	if e.Actor == "" {
		e.Actor = "agent"
	}
	return append(slices.Clip(h), e)
}

// opened opens INC1 for customer acme, service mail, at impact x urgency,
// in group (none if empty).
func opened(when time.Time, impact incident.Impact, urgency incident.Urgency, group string) history {
	return history{}.add(incident.Event{At: when, Type: incident.EventOpen, ID: "INC1", Customer: "acme",
		Service: "mail", Impact: impact, Urgency: urgency, Group: group})
}
func (h history) assign(when time.Time, group, who string) history {
	return h.add(incident.Event{At: when, Type: incident.EventAssign, Group: group, Assignee: who})
}
func (h history) do(when time.Time, a incident.Action) history {
	return h.add(incident.Event{At: when, Type: incident.EventTransition, Action: a, Reason: "because"})
}
func (h history) hold(when time.Time, r incident.HoldReason) history {
	return h.add(incident.Event{At: when, Type: incident.EventTransition, Action: incident.ActionHold, HoldReason: r})
}
func (h history) resolve(when time.Time) history {
	return h.add(incident.Event{At: when, Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "solved", Note: "fixed"})
}
func (h history) update(when time.Time) history {
	return h.add(incident.Event{At: when, Type: incident.EventComment, Note: "status", CustomerVisible: true})
}
func (h history) prioritize(when time.Time, p incident.Priority) history {
	return h.add(incident.Event{At: when, Type: incident.EventPrioritize, Priority: p, Reason: "customer escalated"})
}
func (h history) major(when time.Time) history {
	return h.add(incident.Event{At: when, Type: incident.EventMajor})
}

// calendars used by the tests, all in Amsterdam.
func office(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	require.NoError(t, err)
	return c
}

func always(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(ams, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
	require.NoError(t, err)
	return c
}

// slaSet has respond (30m), resolve (4h for P1, 8h otherwise) on 24x7 with a
// 0.75 threshold, and an OLA for the network group.
func slaSet(t testing.TB) *sla.Set {
	t.Helper()
	s, err := sla.NewSet([]sla.Policy{
		{Name: "gold", Calendar: "24x7", Thresholds: []float64{0.75}, Targets: []sla.Target{
			{Metric: sla.Respond, Goal: 30 * time.Minute},
			{Metric: sla.Resolve, Priority: incident.P1, Goal: 4 * time.Hour},
			{Metric: sla.Resolve, Goal: 8 * time.Hour},
			{Metric: sla.Update, Goal: 2 * time.Hour},
		}},
		{Name: "network-ola", Kind: sla.OLA, Group: "network", Calendar: "24x7", Targets: []sla.Target{
			{Metric: sla.Resolve, Goal: 2 * time.Hour},
		}},
	}, sla.WithCalendars(map[string]*calendar.Calendar{"24x7": always(t)}))
	require.NoError(t, err)
	return s
}

// slaAt runs the chain's first links as a host does: it folds the events
// (incident.Replay) and evaluates the SLA set at now (an empty set if nil).
// The result is as of now: events after now are not in it.
func slaAt(t testing.TB, events history, slas *sla.Set, now time.Time) sla.Evaluation {
	t.Helper()
	if slas == nil {
		var err error
		slas, err = sla.NewSet(nil)
		require.NoError(t, err)
	}
	c, err := incident.Replay(slas.Lifecycle(), events)
	require.NoError(t, err)
	ev, err := slas.Evaluate(c, now)
	require.NoError(t, err)
	return ev
}

// directory is a Directory from maps.
type directory struct {
	roles    map[string][]string // "role@group" or "role"
	members  map[string][]string
	contacts map[string][]string
}

func (d directory) Role(role, group string) []string {
	if p, ok := d.roles[role+"@"+group]; ok {
		return p
	}
	return d.roles[role]
}
func (d directory) Members(group string) []string     { return d.members[group] }
func (d directory) Contacts(customer string) []string { return d.contacts[customer] }

var testDirectory = directory{
	roles: map[string][]string{
		"manager@network": {"nina"},
		"manager@desk":    {"dirk"},
		"duty_manager":    {"dora"},
	},
	members:  map[string][]string{"network": {"nick", "noor", "nina"}, "desk": {"dave", "dirk"}},
	contacts: map[string][]string{"acme": {"ops@acme.example", "cio@acme.example"}},
}

// rotation is a simple weekly schedule in Amsterdam: ana, ben, cem take
// weekly primary turns from Monday 2 March 2026 09:00; dan, eva daily
// secondary turns.
func rotation(t testing.TB, opts ...escalation.ScheduleOption) *escalation.Schedule {
	t.Helper()
	s, err := escalation.NewSchedule("ops", []escalation.Layer{
		{Name: "weekly", Location: ams, Start: date.New(2026, 3, 2), Handoff: calendar.Clock(9, 0, 0), Turn: 7 * 24 * time.Hour, Members: []string{"ana", "ben", "cem"}},
		{Name: "daily", Rank: escalation.Secondary, Location: ams, Start: date.New(2026, 3, 2), Handoff: calendar.Clock(9, 0, 0), Turn: 24 * time.Hour, Members: []string{"dan", "eva"}},
	}, opts...)
	require.NoError(t, err)
	return s
}

// newSet builds a set with the test calendars, the rotation and the
// directory.
func newSet(t testing.TB, policies ...escalation.Policy) *escalation.Set {
	t.Helper()
	s, err := escalation.NewSet(policies,
		escalation.WithCalendars(map[string]*calendar.Calendar{"office": office(t), "24x7": always(t)}),
		escalation.WithSchedules(rotation(t)),
		escalation.WithDirectory(testDirectory))
	require.NoError(t, err)
	return s
}

// onePolicy is a one-step policy "p" whose step "s1" notifies the person
// pia when tr fires.
func onePolicy(tr escalation.Trigger, mods ...func(*escalation.Policy)) escalation.Policy {
	p := escalation.Policy{Name: "p", Steps: []escalation.Step{{
		Name: "s1", Trigger: tr, Targets: []escalation.Target{{Kind: escalation.TargetPerson, Person: "pia"}},
	}}}
	for _, m := range mods {
		m(&p)
	}
	return p
}

// brief is a Due reduced to what tests compare.
type brief struct {
	At         time.Time
	Step       string
	Round      int
	Occurrence int
	Task       escalation.Task
	Target     string
}

func briefs(ds []escalation.Due) []brief {
	var out []brief
	for _, d := range ds {
		out = append(out, brief{d.At.UTC(), d.Key.Step, d.Key.Round, d.Key.Occurrence, d.Task, d.Key.Target})
	}
	return out
}

// evaluate evaluates events at now with an empty record.
func evaluate(t *testing.T, s *escalation.Set, events history, slas *sla.Set, now time.Time) escalation.Evaluation {
	t.Helper()
	ev := s.Evaluate(slaAt(t, events, slas, now), nil)
	return ev
}
