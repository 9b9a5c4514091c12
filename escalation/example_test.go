package escalation_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
	"github.com/rickb777/date/v2"
)

// people is the host's directory.
type people struct{}

func (people) Role(role, group string) []string {
	if role == "manager" && group == "network" {
		return []string{"nina"}
	}
	return nil
}
func (people) Members(group string) []string     { return nil }
func (people) Contacts(customer string) []string { return nil }

func ExampleSet_Evaluate() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	always, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
	slas, _ := sla.NewSet([]sla.Policy{{Name: "gold", Calendar: "24x7", Targets: []sla.Target{
		{Metric: sla.Resolve, Goal: 4 * time.Hour},
	}}}, sla.WithCalendars(map[string]*calendar.Calendar{"24x7": always}))

	ops, _ := escalation.NewSchedule("ops", []escalation.Layer{{
		Name: "weekly", Location: ams, Start: date.New(2026, 3, 2), Handoff: calendar.Clock(9, 0, 0),
		Turn: 7 * 24 * time.Hour, Members: []string{"ana", "ben"},
	}})
	policies, err := escalation.NewSet([]escalation.Policy{{
		Name: "standard",
		Steps: []escalation.Step{
			{Name: "page", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged, After: 5 * time.Minute},
				Channel: "page", Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "ops"}}},
			{Name: "manager", Trigger: escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75},
				Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}},
		},
		Repeat: escalation.Repeat{From: "page", Times: 1, Interval: 30 * time.Minute},
	}}, escalation.WithSchedules(ops), escalation.WithDirectory(people{}), escalation.WithSLA(slas))
	if err != nil {
		fmt.Println(err)
		return
	}

	opened := time.Date(2026, 3, 4, 10, 0, 0, 0, ams)
	events := []incident.Event{{At: opened, Actor: "desk", Type: incident.EventOpen, ID: "INC1", Impact: 1, Urgency: 1, Group: "network"}}
	var fired escalation.Fired
	show := func(now time.Time) {
		chronicle, _ := incident.Replay(slas.Lifecycle(), events) // once per new event
		judged, _ := slas.Evaluate(chronicle, now)
		out := policies.Evaluate(judged, fired)
		for _, d := range out.Due {
			fmt.Printf("%s: %s %s %v (%s, due %s)\n", now.Format("15:04"), d.Key.Step, d.Task, d.Recipients, d.Reason, d.At.Format("15:04"))
			fired.Add(d.Key) // carried out
		}
		if !out.Next.IsZero() {
			fmt.Printf("%s: next at %s\n", now.Format("15:04"), out.Next.Format("15:04"))
		}
	}
	show(opened)
	show(opened.Add(40 * time.Minute)) // late: gets both rounds of the page
	events = append(events, incident.Event{At: opened.Add(50 * time.Minute), Actor: "nick", Type: incident.EventAssign, Assignee: "nick"})
	// Acknowledged at 10:50: the manager is told once, at 75%; the repeat
	// round due at 13:30 stops.
	show(opened.Add(4 * time.Hour))
	// Output:
	// 10:00: next at 10:05
	// 10:40: page notify [{person ana}] (not acknowledged within 5m0s, due 10:05)
	// 10:40: page notify [{person ana}] (not acknowledged within 5m0s, due 10:35)
	// 10:40: next at 13:00
	// 14:00: manager notify [{person nina}] (75% of resolve used, due 13:00)
}

func ExampleSchedule_Responders() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	s, err := escalation.NewSchedule("ops", []escalation.Layer{
		{Name: "days", Location: ams, Start: date.New(2026, 3, 27), Handoff: calendar.Clock(9, 0, 0),
			Turn: 24 * time.Hour, Members: []string{"ana", "ben", "cem"}},
		{Name: "nights", Location: ams, Start: date.New(2026, 3, 27), Handoff: calendar.Clock(18, 0, 0),
			Turn: 7 * 24 * time.Hour, Members: []string{"nils"},
			Restrictions: calendar.MustParseWeek("Mon-Sun 18:00-08:00")},
		{Name: "backup", Rank: escalation.Secondary, Location: ams, Start: date.New(2026, 3, 27), Handoff: calendar.Clock(9, 0, 0),
			Turn: 7 * 24 * time.Hour, Members: []string{"dan"}},
	}, escalation.WithOverrides(escalation.Override{Person: "olga",
		Start: time.Date(2026, 3, 28, 12, 0, 0, 0, ams), End: time.Date(2026, 3, 28, 14, 0, 0, 0, ams)}))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, at := range []time.Time{
		time.Date(2026, 3, 28, 10, 0, 0, 0, ams),
		time.Date(2026, 3, 28, 13, 0, 0, 0, ams),
		time.Date(2026, 3, 28, 23, 0, 0, 0, ams),
		// Clocks go forward that night; the day shift still starts at 09:00.
		time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC),
	} {
		fmt.Println(at.In(ams).Format("Mon 15:04 MST"), s.Responders(at))
	}
	// Output:
	// Sat 10:00 CET {ben dan}
	// Sat 13:00 CET {olga dan}
	// Sat 23:00 CET {nils dan}
	// Sun 09:00 CEST {cem dan}
}

func ExampleSchedule_Shifts() {
	nyc, _ := time.LoadLocation("America/New_York")
	s, _ := escalation.NewSchedule("support", []escalation.Layer{
		{Name: "halves", Location: nyc, Start: date.New(2026, 3, 7), Handoff: calendar.Clock(8, 0, 0),
			Turn: 12 * time.Hour, Members: []string{"ana", "ben"}},
	})
	from := time.Date(2026, 3, 7, 8, 0, 0, 0, nyc)
	for sh := range s.Shifts(from, from.Add(48*time.Hour)) {
		fmt.Println(sh.Person, sh.Start.In(nyc).Format("Mon 15:04"), "-", sh.End.In(nyc).Format("Mon 15:04"), sh.End.Sub(sh.Start))
	}
	// Output:
	// ana Sat 08:00 - Sat 20:00 12h0m0s
	// ben Sat 20:00 - Sun 08:00 11h0m0s
	// ana Sun 08:00 - Sun 20:00 12h0m0s
	// ben Sun 20:00 - Mon 08:00 12h0m0s
	// ana Mon 08:00 - Mon 09:00 1h0m0s
}

func ExampleSchedule_Gaps() {
	s, _ := escalation.NewSchedule("office", []escalation.Layer{
		{Name: "days", Location: time.UTC, Start: date.New(2026, 3, 2), Handoff: calendar.Clock(9, 0, 0),
			Turn: 7 * 24 * time.Hour, Members: []string{"ana"}, Restrictions: calendar.MustParseWeek("Mon-Fri 09:00-17:00")},
		{Name: "backup", Rank: escalation.Secondary, Location: time.UTC, Start: date.New(2026, 3, 2), Handoff: calendar.Clock(9, 0, 0),
			Turn: 7 * 24 * time.Hour, Members: []string{"ben"}, Restrictions: calendar.MustParseWeek("Mon-Fri 12:00-17:00")},
	}, escalation.WithRequired(escalation.Primary, escalation.Secondary))
	from := time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC) // a Friday
	for g := range s.Gaps(from, from.Add(24*time.Hour)) {
		fmt.Println(g.Rank, g.Start.Format("Mon 15:04"), "-", g.End.Format("Mon 15:04"))
	}
	// Output:
	// primary Fri 17:00 - Sat 09:00
	// secondary Fri 09:00 - Fri 12:00
	// secondary Fri 17:00 - Sat 09:00
}

func ExampleNewSet_errors() {
	_, err := escalation.NewSet([]escalation.Policy{{
		Name: "p",
		Steps: []escalation.Step{{Name: "s", Trigger: escalation.Trigger{On: escalation.OnOpened, After: -time.Minute},
			Targets: []escalation.Target{{Kind: escalation.TargetPerson, Person: "pia"}}}},
	}})
	var fe *escalation.FieldError
	fmt.Println(errors.Is(err, escalation.ErrInvalidPolicy), errors.As(err, &fe) && fe.Path == "policies[0].steps[0].trigger.after")
	fmt.Println(err)

	var p escalation.Policy
	err = json.Unmarshal([]byte(`{"name":"p","steps":[{"name":"s","trigger":{"on":"someday"}}]}`), &p)
	fmt.Println(errors.Is(err, escalation.ErrUnknownWord), err)
	// Output:
	// true true
	// escalation: policies[0].steps[0].trigger.after "-1m0s": a delay must not be negative, in policy "p"
	// true escalation: steps[0].trigger.on "someday": unknown On (known: opened, assigned, entered, customer_update, not_acknowledged, still_in, sla_used, sla_breached)
}

// With the SLA set, a trigger on an SLA or a metric that the set does not
// have is refused when the Set is built, as is a state the lifecycle does
// not have; the error lists what exists.
func ExampleWithSLA() {
	always, _ := calendar.New(time.UTC, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
	slas, _ := sla.NewSet([]sla.Policy{{Name: "gold", Calendar: "24x7", Targets: []sla.Target{
		{Metric: sla.Respond, Goal: 30 * time.Minute},
		{Metric: sla.Resolve, Goal: 4 * time.Hour},
	}}}, sla.WithCalendars(map[string]*calendar.Calendar{"24x7": always}))
	step := func(tr escalation.Trigger) []escalation.Policy {
		return []escalation.Policy{{Name: "standard", Steps: []escalation.Step{{Name: "warn", Trigger: tr,
			Targets: []escalation.Target{{Kind: escalation.TargetPerson, Person: "pia"}}}}}}
	}
	for _, tr := range []escalation.Trigger{
		{On: escalation.OnSLABreached, Metric: sla.Resolve, SLA: "glod"},
		{On: escalation.OnSLAUsed, Metric: sla.Restore, Used: 0.75},
		{On: escalation.OnStillIn, State: "on_hodl", After: time.Hour},
		{On: escalation.OnSLABreached, Metric: sla.Resolve, SLA: "gold"},
	} {
		_, err := escalation.NewSet(step(tr), escalation.WithSLA(slas))
		fmt.Println(err)
	}
	// Output:
	// escalation: policies[0].steps[0].trigger.sla "glod": not a policy of the SLA set (known: gold), in policy "standard"
	// escalation: policies[0].steps[0].trigger.metric "restore": no SLA policy of the SLA set has a target for this metric (known: respond, resolve), in policy "standard"
	// escalation: policies[0].steps[0].trigger.state "on_hodl": not a state of the lifecycle (known: new, assigned, in_progress, on_hold, resolved, closed, cancelled), in policy "standard"
	// <nil>
}

func ExampleFired() {
	var fired escalation.Fired
	fired.Add(escalation.Key{Policy: "standard", Step: "page", Occurrence: 1, Task: escalation.Notify, Target: "on_call:ops/primary"})
	b, _ := json.Marshal(fired)
	fmt.Println(string(b))

	var back escalation.Fired
	_ = json.Unmarshal(b, &back)
	for _, k := range back.Keys() {
		fmt.Println(k)
	}
	// Output:
	// [{"policy":"standard","step":"page","occurrence":1,"task":"notify","target":"on_call:ops/primary"}]
	// standard/page/0/1/notify/on_call:ops/primary
}
