package escalation_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
)

// fiveLevels is a realistic five-level policy mixing paging and SLA
// escalation, with a repeat.
func fiveLevels() escalation.Policy {
	onCall := func(r escalation.Rank) []escalation.Target {
		return []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "ops", Rank: r}}
	}
	return escalation.Policy{Name: "p1", Steps: []escalation.Step{
		{Name: "page primary", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged}, Targets: onCall(escalation.Primary), Channel: "page"},
		{Name: "page secondary", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, Targets: onCall(escalation.Secondary), Channel: "page"},
		{Name: "warn manager", Trigger: escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75},
			When: escalation.Condition{Open: "office"}, Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}},
		{Name: "breach", Trigger: escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Resolve},
			Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "duty_manager"}}, Tasks: []escalation.Task{escalation.Notify, escalation.RaisePriority}},
		{Name: "vendor", Trigger: escalation.Trigger{On: escalation.OnStillIn, State: incident.StateOnHold, After: 72 * time.Hour},
			Targets: []escalation.Target{{Kind: escalation.TargetGroup, Group: "vendor"}}, Tasks: []escalation.Task{escalation.Reassign}},
	}, Repeat: escalation.Repeat{From: "page secondary", Times: 3, Interval: 30 * time.Minute}}
}

// BenchmarkEvaluate evaluates one incident (opened, assigned, worked, on
// hold, resumed: nine events) against the five-level policy, mid-incident,
// with part of the chain already fired.
func BenchmarkEvaluate(b *testing.B) {
	s := newSet(b, fiveLevels())
	events := opened(at(0), 2, 2, "network").
		assign(at(20), "", "nick").do(at(22), incident.ActionStart).update(at(30)).
		hold(at(60), incident.AwaitingVendor).do(at(120), incident.ActionResume).
		update(at(150)).assign(at(200), "desk", "")
	now := at(215)
	first := s.Evaluate(slaAt(b, events, slaSet(b), now.Add(-10*time.Minute)), nil)
	if len(first.Due) == 0 {
		b.Fatal(first)
	}
	var fired escalation.Fired
	for _, d := range first.Due {
		fired.Add(d.Key)
	}
	judged := slaAt(b, events, slaSet(b), now)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ev := s.Evaluate(judged, fired)
		if len(ev.Due) == 0 {
			b.Fatal(ev)
		}
	}
}

// threeLayers is a follow-the-sun primary (days in Amsterdam, nights in New
// York) over a weekly base, a weekly secondary, and two weeks of overrides.
func threeLayers(b testing.TB) *escalation.Schedule {
	var overrides []escalation.Override
	for d := 0; d < 14; d++ {
		start := time.Date(2026, 3, 2+d, 12, 0, 0, 0, ams)
		overrides = append(overrides, escalation.Override{Person: "cover", Start: start, End: start.Add(2 * time.Hour)})
	}
	s, err := escalation.NewSchedule("ops", []escalation.Layer{
		layer("base", ams, "2026-01-05", "09:00", week, "ana", "ben", "cem", "dan"),
		restricted(layer("nights", nyc, "2026-01-05", "18:00", day, "nils", "noa", "ned"), "Mon-Fri 12:00-20:00"),
		ranked(layer("backup", ams, "2026-01-05", "09:00", week, "eva", "fay"), escalation.Secondary),
	}, escalation.WithOverrides(overrides...), escalation.WithRequired(escalation.Primary, escalation.Secondary))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkResponders(b *testing.B) {
	s := threeLayers(b)
	instants := make([]time.Time, 64)
	for i := range instants {
		instants[i] = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 7 * time.Hour)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := s.Responders(instants[i%len(instants)])
		if r.Primary == "" {
			b.Fatal("no primary")
		}
	}
}

func BenchmarkShiftsWeek(b *testing.B) {
	s := threeLayers(b)
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, ams)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		for range s.Shifts(from, from.Add(week)) {
			n++
		}
		if n == 0 {
			b.Fatal("no shifts")
		}
	}
}
