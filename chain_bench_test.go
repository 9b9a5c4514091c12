package itsm_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
	"github.com/rickb777/date/v2"
)

// The whole chain for one incident, and each link alone, in one run (issue
// 12's targets: the chain <= 4 us and <= 4 allocs/op for the 8-event
// history below).

// benchDay is Monday 2 March 2026 in Amsterdam.
func benchDay(h, m int) time.Time { return time.Date(2026, 3, 2, h, m, 0, 0, ams) }

// benchHistory is sla's BenchmarkEvaluate3Metrics history: opened,
// assigned, a response, started, on hold for the caller, the caller's
// reply, an update, and the resolution (resolve = false leaves it open).
func benchHistory(resolve bool) []incident.Event {
	ev := func(h, m int, e incident.Event) incident.Event {
		e.At = benchDay(h, m)
		if e.Actor == "" {
			e.Actor = "ann"
		}
		return e
	}
	events := []incident.Event{
		ev(9, 0, incident.Event{Type: incident.EventOpen, ID: "INC1", Customer: "acme", Service: "mail", Impact: 2, Urgency: 2, Actor: "caller"}),
		ev(9, 10, incident.Event{Type: incident.EventAssign, Group: "service-desk", Assignee: "ann"}),
		ev(9, 30, incident.Event{Type: incident.EventComment, Note: "status", CustomerVisible: true}),
		ev(9, 40, incident.Event{Type: incident.EventTransition, Action: incident.ActionStart}),
		ev(10, 0, incident.Event{Type: incident.EventTransition, Action: incident.ActionHold, HoldReason: incident.AwaitingCaller}),
		ev(13, 0, incident.Event{Type: incident.EventComment, Note: "reply", FromCaller: true, Actor: "caller"}),
		ev(14, 0, incident.Event{Type: incident.EventComment, Note: "status", CustomerVisible: true}),
	}
	if resolve {
		return append(events, ev(16, 0, incident.Event{Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "solved", Note: "fixed"}))
	}
	return append(events, ev(15, 0, incident.Event{Type: incident.EventComment, Note: "status", CustomerVisible: true}))
}

type benchDirectory struct{}

func (benchDirectory) Role(role, group string) []string  { return []string{role + "@" + group} }
func (benchDirectory) Members(group string) []string     { return []string{"m1", "m2"} }
func (benchDirectory) Contacts(customer string) []string { return []string{"ops@" + customer} }

// benchChain is sla's three-metric policy and escalation's five-level
// policy with an on-call schedule.
func benchChain(b *testing.B) (*incident.Lifecycle, *sla.Set, *escalation.Set) {
	lc, err := incident.DefaultLifecycle()
	if err != nil {
		b.Fatal(err)
	}
	office, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	always, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
	slas, err := sla.NewSet([]sla.Policy{{Name: "standard", Calendar: "office", Thresholds: []float64{0.75}, Targets: []sla.Target{
		{Metric: sla.Resolve, Priority: incident.P1, Goal: 4 * time.Hour, Calendar: "24x7"},
		{Metric: sla.Resolve, Goal: 8 * time.Hour},
		{Metric: sla.Update, Goal: 2 * time.Hour},
		{Metric: sla.Respond, Goal: time.Hour},
	}}}, sla.WithCalendars(map[string]*calendar.Calendar{"office": office, "24x7": always}), sla.WithLifecycle(lc))
	if err != nil {
		b.Fatal(err)
	}
	ops, err := escalation.NewSchedule("ops", []escalation.Layer{
		{Name: "weekly", Location: ams, Start: date.New(2026, 3, 2), Handoff: calendar.Clock(9, 0, 0), Turn: 7 * 24 * time.Hour, Members: []string{"ana", "ben", "cem"}},
		{Name: "daily", Rank: escalation.Secondary, Location: ams, Start: date.New(2026, 3, 2), Handoff: calendar.Clock(9, 0, 0), Turn: 24 * time.Hour, Members: []string{"dan", "eva"}},
	})
	if err != nil {
		b.Fatal(err)
	}
	onCall := func(r escalation.Rank) []escalation.Target {
		return []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "ops", Rank: r}}
	}
	escalations, err := escalation.NewSet([]escalation.Policy{{Name: "p1", Steps: []escalation.Step{
		{Name: "page primary", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged}, Targets: onCall(escalation.Primary), Channel: "page"},
		{Name: "page secondary", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, Targets: onCall(escalation.Secondary), Channel: "page"},
		{Name: "warn manager", Trigger: escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.5},
			When: escalation.Condition{Open: "office"}, Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}},
		{Name: "update due", Trigger: escalation.Trigger{On: escalation.OnCustomerUpdate, After: 90 * time.Minute},
			Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "duty_manager"}}},
		{Name: "breach", Trigger: escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Resolve},
			Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "duty_manager"}}, Tasks: []escalation.Task{escalation.Notify, escalation.RaisePriority}},
	}, Repeat: escalation.Repeat{From: "page secondary", Times: 3, Interval: 30 * time.Minute}}},
		escalation.WithCalendars(map[string]*calendar.Calendar{"office": office}),
		escalation.WithSchedules(ops), escalation.WithDirectory(benchDirectory{}))
	if err != nil {
		b.Fatal(err)
	}
	return lc, slas, escalations
}

// benchmarkChain runs the chain for history at now; fired holds what a host
// has already carried out (everything due before now), so the escalation
// link judges every step and returns nothing new, as on most wake-ups.
func benchmarkChain(b *testing.B, resolve bool, link string) {
	lc, slas, escalations := benchChain(b)
	events := benchHistory(resolve)
	now := benchDay(17, 0)
	chronicle, err := incident.Replay(lc, events)
	if err != nil {
		b.Fatal(err)
	}
	judged, err := slas.Evaluate(chronicle, now)
	if err != nil {
		b.Fatal(err)
	}
	var fired escalation.Fired
	for _, d := range escalations.Evaluate(judged, nil).Due {
		fired.Add(d.Key)
	}
	if _, err := report.NewRecord(judged); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		switch link {
		case "fold":
			if _, err := incident.Replay(lc, events); err != nil {
				b.Fatal(err)
			}
		case "sla":
			if _, err := slas.Evaluate(chronicle, now); err != nil {
				b.Fatal(err)
			}
		case "escalation":
			escalations.Evaluate(judged, fired)
		case "record":
			if _, err := report.NewRecord(judged); err != nil {
				b.Fatal(err)
			}
		default:
			c, err := incident.Replay(lc, events)
			if err != nil {
				b.Fatal(err)
			}
			ev, err := slas.Evaluate(c, now)
			if err != nil {
				b.Fatal(err)
			}
			due := escalations.Evaluate(ev, fired)
			if len(due.Due) != 0 {
				b.Fatal("nothing new is due")
			}
			if _, err := report.NewRecord(ev); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkChain is the whole chain for the resolved 8-event incident.
func BenchmarkChain(b *testing.B) {
	for _, link := range []string{"all", "fold", "sla", "escalation", "record"} {
		b.Run(link, func(b *testing.B) { benchmarkChain(b, true, link) })
	}
}

// BenchmarkChainOpen is the chain for the same incident still open, where
// the escalation link judges every step of the policy.
func BenchmarkChainOpen(b *testing.B) {
	for _, link := range []string{"all", "fold", "sla", "escalation", "record"} {
		b.Run(link, func(b *testing.B) { benchmarkChain(b, false, link) })
	}
}
