package sla

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// history builds events of the default lifecycle tersely.
type history []incident.Event

func (h history) add(e incident.Event) history {
	if e.Actor == "" {
		e.Actor = "agent"
	}
	return append(h, e)
}

func opened(at time.Time, impact incident.Impact, urgency incident.Urgency) history {
	return history{}.add(incident.Event{At: at, Type: incident.EventOpen, ID: "INC1", Customer: "acme", Service: "mail", Impact: impact, Urgency: urgency})
}
func (h history) assign(at time.Time, group, who string) history {
	return h.add(incident.Event{At: at, Type: incident.EventAssign, Group: group, Assignee: who})
}
func (h history) do(at time.Time, a incident.Action) history {
	return h.add(incident.Event{At: at, Type: incident.EventTransition, Action: a, Reason: "because"})
}
func (h history) hold(at time.Time, r incident.HoldReason) history {
	return h.add(incident.Event{At: at, Type: incident.EventTransition, Action: incident.ActionHold, HoldReason: r})
}
func (h history) resolve(at time.Time) history {
	return h.add(incident.Event{At: at, Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "solved", Note: "fixed"})
}
func (h history) update(at time.Time) history {
	return h.add(incident.Event{At: at, Type: incident.EventComment, Note: "status", CustomerVisible: true})
}
func (h history) prioritize(at time.Time, p incident.Priority) history {
	return h.add(incident.Event{At: at, Type: incident.EventPrioritize, Priority: p, Reason: "customer escalated"})
}

func testSet(t testing.TB, policies ...Policy) *Set {
	t.Helper()
	office, err := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	require.NoError(t, err)
	always, err := calendar.New(ams, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
	require.NoError(t, err)
	s, err := NewSet(policies, WithCalendars(map[string]*calendar.Calendar{"office": office, "24x7": always}))
	require.NoError(t, err)
	return s
}

func standard() Policy {
	return Policy{
		Name: "standard", Calendar: "office", Thresholds: []float64{0.75},
		Targets: []Target{
			{Metric: Respond, Goal: time.Hour},
			{Metric: Resolve, Priority: incident.P1, Goal: 4 * time.Hour, Calendar: "24x7"},
			{Metric: Resolve, Goal: 8 * time.Hour},
			{Metric: Update, Goal: 2 * time.Hour},
		},
	}
}

func result(t *testing.T, ev Evaluation, policy string, m Metric) Result {
	t.Helper()
	for _, r := range ev.Results {
		if r.Policy == policy && r.Metric == m {
			return r
		}
	}
	t.Fatalf("no result for %s/%s in %+v", policy, m, ev.Results)
	return Result{}
}

func TestEvaluateOnHoldPausesResolution(t *testing.T) {
	s := testSet(t, standard())
	h := opened(mon(9, 0), 3, 3). // P5
					assign(mon(9, 10), "service-desk", "ann").
					do(mon(9, 20), incident.ActionStart).
					update(mon(9, 30)).
					hold(mon(10, 0), incident.AwaitingCaller).
					add(incident.Event{At: mon(14, 0), Type: incident.EventComment, Note: "here you go", FromCaller: true, Actor: "caller"}).
					resolve(mon(15, 0))
	ev, err := s.evaluateEvents(h, mon(18, 0))
	require.NoError(t, err)
	resp := result(t, ev, "standard", Respond)
	assert.Equal(t, Met, resp.Status.State)
	assert.Equal(t, 30*time.Minute, resp.Status.Accrued)
	res := result(t, ev, "standard", Resolve)
	assert.Equal(t, Met, res.Status.State)
	assert.Equal(t, 2*time.Hour, res.Status.Accrued, "09:00-10:00 and 14:00-15:00; the caller's reply resumed it")
	upd := result(t, ev, "standard", Update)
	assert.Len(t, upd.Cycles, 2, "one gap before the update, one after")
	assert.Equal(t, 30*time.Minute, upd.Cycles[0].Accrued)
	assert.Equal(t, Met, upd.Status.State)
	assert.Equal(t, 90*time.Minute, upd.Status.Accrued, "09:30-10:00 and 14:00-15:00; paused while awaiting the caller")
	_, ok := ev.NextChange()
	assert.False(t, ok, "everything has stopped")
}

func TestEvaluateRunningBreachAndNextChange(t *testing.T) {
	s := testSet(t, standard())
	h := opened(mon(9, 0), 3, 3)
	ev, err := s.evaluateEvents(h, mon(9, 50))
	require.NoError(t, err)
	resp := result(t, ev, "standard", Respond)
	assert.Equal(t, Running, resp.Status.State)
	require.Len(t, resp.Status.Crossed, 1)
	next, ok := ev.NextChange()
	require.True(t, ok)
	assert.True(t, next.Equal(mon(10, 0)), "the response breach is next: %v", next)
	ev, err = s.evaluateEvents(h, mon(11, 0))
	require.NoError(t, err)
	resp = result(t, ev, "standard", Respond)
	assert.Equal(t, Breached, resp.Status.State)
	assert.False(t, resp.Status.Stopped, "a running clock can already be breached")
}

func TestEvaluatePriorityChangeRetargets(t *testing.T) {
	for _, retro := range []bool{false, true} {
		p := standard()
		p.Retroactive = retro
		s := testSet(t, p)
		h := opened(mon(9, 0), 3, 3).prioritize(mon(11, 0), incident.P1)
		ev, err := s.evaluateEvents(h, mon(12, 0))
		require.NoError(t, err)
		res := result(t, ev, "standard", Resolve)
		assert.Equal(t, 4*time.Hour, res.Status.Goal)
		if retro {
			// 24x7 from 09:00: 3 hours; deadline 13:00.
			assert.Equal(t, 3*time.Hour, res.Status.Accrued)
			assert.True(t, res.Status.Deadline.Equal(mon(13, 0)))
		} else {
			// 2 office hours kept, then 24x7 from 11:00; deadline 13:00 too.
			assert.Equal(t, 3*time.Hour, res.Status.Accrued)
			// Over the night the difference shows: at Tue 01:00 the
			// retroactive clock is long breached, the other too.
		}
		tl := res.Clock.Timeline(mon(12, 0))
		require.NotEmpty(t, tl)
		assert.Equal(t, "retarget", tl[1].What)
	}
}

func TestEvaluateReopen(t *testing.T) {
	base := opened(mon(9, 0), 3, 3).
		assign(mon(9, 0), "desk", "ann").
		do(mon(9, 0), incident.ActionStart).
		resolve(mon(11, 0)).
		do(mon(13, 0), incident.ActionReopen).
		resolve(mon(14, 0))
	for mode, want := range map[ReopenMode][]time.Duration{Continue: {3 * time.Hour}, NewCycle: {2 * time.Hour, time.Hour}} {
		p := standard()
		p.Reopen = mode
		s := testSet(t, p)
		ev, err := s.evaluateEvents(base, mon(16, 0))
		require.NoError(t, err)
		res := result(t, ev, "standard", Resolve)
		var got []time.Duration
		for _, c := range res.Cycles {
			got = append(got, c.Accrued)
			assert.Equal(t, Met, c.State)
		}
		assert.Equal(t, want, got, mode.String())
	}
}

func TestEvaluateOLAPerGroup(t *testing.T) {
	ola := Policy{Name: "network-ola", Kind: OLA, Group: "network", Calendar: "office",
		Targets: []Target{{Metric: Resolve, Goal: 2 * time.Hour}}}
	s := testSet(t, standard(), ola)
	h := opened(mon(9, 0), 3, 3).
		assign(mon(9, 0), "desk", "ann").
		assign(mon(10, 0), "network", "bob").
		assign(mon(11, 0), "desk", "ann").
		assign(mon(12, 0), "network", "bob").
		do(mon(12, 0), incident.ActionStart).
		resolve(mon(14, 0))
	ev, err := s.evaluateEvents(h, mon(16, 0))
	require.NoError(t, err)
	r := result(t, ev, "network-ola", Resolve)
	assert.Equal(t, "network", r.Group)
	assert.Equal(t, 3*time.Hour, r.Status.Accrued, "10-11 and 12-14: the group's total holding time")
	assert.Equal(t, Breached, r.Status.State)
	assert.Equal(t, Met, result(t, ev, "standard", Resolve).Status.State, "the SLA is met while the OLA is not")
}

func TestSelectionFirstSLAAndCatchAll(t *testing.T) {
	gold := standard()
	gold.Name = "gold"
	gold.When = incident.Selector{Customers: []string{"acme"}}
	gold.Targets = []Target{{Metric: Resolve, Goal: 2 * time.Hour, Calendar: "24x7"}}
	s := testSet(t, gold, standard())
	ev, err := s.evaluateEvents(opened(mon(9, 0), 3, 3), mon(10, 0))
	require.NoError(t, err)
	require.Len(t, ev.Results, 1)
	assert.Equal(t, "gold", ev.Results[0].Policy)
	other := opened(mon(9, 0), 3, 3)
	other[0].Customer = "globex"
	ev, err = s.evaluateEvents(other, mon(10, 0))
	require.NoError(t, err)
	assert.Equal(t, "standard", ev.Results[0].Policy)
}

func TestIncidentCalendar(t *testing.T) {
	tokyo, err := calendar.New(mustZone("Asia/Tokyo"), calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	require.NoError(t, err)
	p := Policy{Name: "local", Calendar: IncidentCalendar, Targets: []Target{{Metric: Resolve, Goal: time.Hour}}}
	s, err := NewSet([]Policy{p}, WithIncidentCalendar(func(inc incident.Incident) (*calendar.Calendar, error) {
		if inc.Customer == "acme" {
			return tokyo, nil
		}
		return nil, errors.New("unknown customer")
	}))
	require.NoError(t, err)
	// 09:00 Amsterdam is 17:00 Tokyo: closed; opens at 09:00 Tokyo (01:00 Amsterdam).
	ev, err := s.evaluateEvents(opened(mon(9, 0), 3, 3), mon(23, 0))
	require.NoError(t, err)
	assert.True(t, ev.Results[0].Status.Deadline.Equal(mon(2, 0).Add(24*time.Hour)), "%v", ev.Results[0].Status.Deadline)
}

func TestPolicyValidation(t *testing.T) {
	cases := map[string]func(*Policy){
		"a policy needs a name":            func(p *Policy) { p.Name = "" },
		"a goal must be positive":          func(p *Policy) { p.Targets[0].Goal = -time.Hour },
		"each threshold must be in (0, 1]": func(p *Policy) { p.Thresholds = []float64{0} },
		"no such calendar":                 func(p *Policy) { p.Calendar = "mars" },
		"stops its clock": func(p *Policy) {
			p.Rules = map[Metric]Rules{Respond: {Start: []Happening{{On: OnOpened}}}}
		},
		"no default rules":                  func(p *Policy) { p.Targets = append(p.Targets, Target{Metric: "satisfaction", Goal: time.Hour}) },
		"an OLA needs its assignment group": func(p *Policy) { p.Kind = OLA },
		"same metric and priority":          func(p *Policy) { p.Targets = append(p.Targets, p.Targets[0]) },
		"unknown On": func(p *Policy) {
			p.Rules = map[Metric]Rules{Respond: {Start: []Happening{{On: "lunch"}}, Stop: []Happening{{On: OnResolved}}}}
		},
		"needs WithIncidentCalendar": func(p *Policy) { p.Calendar = IncidentCalendar },
	}
	for want, mutate := range cases {
		p := standard()
		mutate(&p)
		office, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
		_, err := NewSet([]Policy{p}, WithCalendars(map[string]*calendar.Calendar{"office": office, "24x7": office}))
		require.Error(t, err, want)
		assert.ErrorIs(t, err, ErrInvalidPolicy, want)
		assert.Contains(t, err.Error(), want)
		assert.Contains(t, err.Error(), "sla: ")
	}
}

func TestPolicyJSONRoundTrip(t *testing.T) {
	p := standard()
	p.Rules = map[Metric]Rules{Respond: {Start: []Happening{{On: OnOpened}}, Stop: []Happening{{On: OnEntered, State: incident.StateInProgress}}}}
	major := true
	p.When = incident.Selector{Customers: []string{"acme"}, Priorities: []incident.Priority{1, 2}, Major: &major}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"goal":"1h0m0s"`)
	var back Policy
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, p, back)
	require.NoError(t, json.Unmarshal([]byte(`{"name":"x","calendar":"office","targets":[{"metric":"resolve","goal":"P1DT2H"}]}`), &back))
	assert.Equal(t, 26*time.Hour, back.Targets[0].Goal)
	assert.Error(t, json.Unmarshal([]byte(`{"name":"x","kind":"xla"}`), &back))
}

func TestEvaluationJSONRoundTrip(t *testing.T) {
	s := testSet(t, standard())
	ev, err := s.evaluateEvents(opened(mon(9, 0), 3, 3).update(mon(9, 30)), mon(10, 0))
	require.NoError(t, err)
	b, err := json.Marshal(ev.Results)
	require.NoError(t, err)
	var back []Result
	require.NoError(t, json.Unmarshal(b, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))
	var zero Clock
	zb, err := json.Marshal(zero)
	require.NoError(t, err)
	assert.Equal(t, "null", string(zb))
}

func TestResultsOnlyForApplicableMetrics(t *testing.T) {
	p := standard()
	p.Targets = []Target{{Metric: Respond, Goal: time.Hour}, {Metric: Restore, Priority: incident.P1, Goal: time.Hour}}
	ola := Policy{Name: "db-ola", Kind: OLA, Group: "database", Calendar: "office", Targets: []Target{{Metric: Resolve, Goal: time.Hour}}}
	s := testSet(t, p, ola)
	ev, err := s.evaluateEvents(opened(mon(9, 0), 3, 3).assign(mon(9, 5), "desk", "ann"), mon(10, 0))
	require.NoError(t, err)
	require.Len(t, ev.Results, 1, "restore has no P5 target; the OLA's group never had the incident")
	assert.Equal(t, Respond, ev.Results[0].Metric)
	ev, err = s.evaluateEvents(opened(mon(9, 0), 3, 3).assign(mon(9, 5), "database", "dan"), mon(10, 0))
	require.NoError(t, err)
	require.Len(t, ev.Results, 2)
	assert.Equal(t, "db-ola", ev.Results[1].Policy)
}

func TestSetKeepsItsOwnCopy(t *testing.T) {
	p := standard()
	p.Rules = map[Metric]Rules{Respond: {Start: []Happening{{On: OnOpened}}, Stop: []Happening{{On: OnResponded}}}}
	s := testSet(t, p)
	p.Targets[0].Goal = time.Minute
	p.Rules[Respond].Stop[0].On = OnClosed
	got := s.Policies()
	assert.Equal(t, time.Hour, got[0].Targets[0].Goal)
	assert.Equal(t, OnResponded, got[0].Rules[Respond].Stop[0].On)
	got[0].Targets[0].Goal = time.Second
	assert.Equal(t, time.Hour, s.Policies()[0].Targets[0].Goal)
	target, ok := got[0].Target(Resolve, incident.P1)
	require.True(t, ok)
	assert.Equal(t, 4*time.Hour, target.Goal)
	target, ok = got[0].Target(Resolve, incident.P3)
	require.True(t, ok)
	assert.Equal(t, 8*time.Hour, target.Goal, "the default target")
}

// evaluateEvents replays events with the set's lifecycle and evaluates them:
// the chain's first two links, for tests.
func (s *Set) evaluateEvents(events []incident.Event, now time.Time) (Evaluation, error) {
	c, err := incident.Replay(s.lifecycle, events)
	if err != nil {
		return Evaluation{}, err
	}
	return s.Evaluate(c, now)
}
