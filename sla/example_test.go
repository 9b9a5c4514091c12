package sla_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
)

func amsterdam() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return loc
}

func ExampleNewClock() {
	ams := amsterdam()
	office, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	at := func(d, hh int) time.Time { return time.Date(2026, 11, d, hh, 0, 0, 0, ams) }
	clock, err := sla.NewClock(sla.Goal{Duration: 8 * time.Hour, Calendar: office, Thresholds: []float64{0.75}},
		sla.ClockEvent{At: at(23, 13), Action: sla.Start},
		sla.ClockEvent{At: at(23, 15), Action: sla.Pause, Reason: "awaiting_caller"},
		sla.ClockEvent{At: at(24, 10), Action: sla.Resume},
	)
	if err != nil {
		panic(err)
	}
	st := clock.Status(at(24, 12))
	fmt.Println(st.State, st.Accrued, "of", st.Goal, "due", st.Deadline.Format("Mon 15:04"))
	next, _ := clock.NextChange(at(24, 12))
	fmt.Println("next change:", next.Format("Mon 15:04"))
	// Output:
	// running 4h0m0s of 8h0m0s due Tue 16:00
	// next change: Tue 14:00
}

func ExampleClock_Timeline() {
	ams := amsterdam()
	office, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	at := func(hh int) time.Time { return time.Date(2026, 11, 23, hh, 0, 0, 0, ams) }
	clock, _ := sla.NewClock(sla.Goal{Duration: 4 * time.Hour, Calendar: office},
		sla.ClockEvent{At: at(9), Action: sla.Start},
		sla.ClockEvent{At: at(10), Action: sla.Pause, Reason: "awaiting_vendor"},
		sla.ClockEvent{At: at(12), Action: sla.Resume},
		sla.ClockEvent{At: at(16), Action: sla.Stop},
	)
	for _, step := range clock.Timeline(at(18)) {
		fmt.Println(step.At.Format("15:04"), step.What, step.Reason, step.Accrued)
	}
	fmt.Println(clock.Status(at(18)).State)
	// Output:
	// 09:00 start  0s
	// 10:00 pause awaiting_vendor 1h0m0s
	// 12:00 resume  1h0m0s
	// 15:00 breach  4h0m0s
	// 16:00 stop  5h0m0s
	// breached
}

func ExampleSet_Evaluate() {
	ams := amsterdam()
	office, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	always, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
	set, err := sla.NewSet([]sla.Policy{{
		Name: "silver", Calendar: "office", Thresholds: []float64{0.75},
		Targets: []sla.Target{
			{Metric: sla.Respond, Goal: time.Hour},
			{Metric: sla.Resolve, Priority: incident.P1, Goal: 4 * time.Hour, Calendar: "24x7"},
			{Metric: sla.Resolve, Goal: 16 * time.Hour},
		},
	}}, sla.WithCalendars(map[string]*calendar.Calendar{"office": office, "24x7": always}))
	if err != nil {
		panic(err)
	}
	at := func(hh, mm int) time.Time { return time.Date(2026, 11, 23, hh, mm, 0, 0, ams) }
	history := []incident.Event{
		{At: at(9, 0), Actor: "caller", Type: incident.EventOpen, ID: "INC42", Impact: 2, Urgency: 2},
		{At: at(9, 20), Actor: "ann", Type: incident.EventAssign, Group: "service-desk", Assignee: "ann"},
		{At: at(9, 25), Actor: "ann", Type: incident.EventComment, Note: "Looking into it", CustomerVisible: true},
		{At: at(9, 40), Actor: "ann", Type: incident.EventTransition, Action: incident.ActionStart},
		{At: at(9, 40), Actor: "ann", Type: incident.EventTransition, Action: incident.ActionHold, HoldReason: incident.AwaitingCaller},
		{At: at(11, 40), Actor: "caller", Type: incident.EventComment, Note: "Logs attached", FromCaller: true},
	}
	chronicle, err := incident.Replay(set.Lifecycle(), history) // the one fold of the history
	if err != nil {
		panic(err)
	}
	ev, err := set.Evaluate(chronicle, at(12, 0))
	if err != nil {
		panic(err)
	}
	for _, r := range ev.Results {
		fmt.Printf("%s/%s: %s, %v of %v\n", r.Policy, r.Metric, r.Status.State, r.Status.Accrued, r.Status.Goal)
	}
	next, _ := ev.NextChange()
	fmt.Println("next change:", next.Format("Mon 2006-01-02 15:04"))
	// Output:
	// silver/respond: met, 25m0s of 1h0m0s
	// silver/resolve: running, 1h0m0s of 16h0m0s
	// next change: Tue 2026-11-24 15:00
}

// Policies are plain data a host keeps as JSON: here a per-customer contract,
// a catch-all, and an OLA that holds the network team to two business hours
// whatever the customer's SLA says. The SLA can be met while the OLA is
// breached: the team that sat on the incident shows.
func ExampleNewSet() {
	var policies []sla.Policy
	err := json.Unmarshal([]byte(`[
	  {"name": "acme-gold", "when": {"customers": ["acme"]}, "calendar": "office",
	   "targets": [{"metric": "resolve", "goal": "8h"}]},
	  {"name": "standard", "calendar": "office", "reopen": "new_cycle",
	   "targets": [{"metric": "resolve", "goal": "PT16H"}]},
	  {"name": "network-ola", "kind": "ola", "group": "network", "calendar": "office",
	   "targets": [{"metric": "resolve", "goal": "2h"}]}
	]`), &policies)
	if err != nil {
		panic(err)
	}
	ams := amsterdam()
	office, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	set, err := sla.NewSet(policies, sla.WithCalendars(map[string]*calendar.Calendar{"office": office}))
	if err != nil {
		panic(err)
	}
	at := func(hh int) time.Time { return time.Date(2026, 11, 23, hh, 0, 0, 0, ams) }
	chronicle, err := incident.Replay(set.Lifecycle(), []incident.Event{
		{At: at(9), Actor: "caller", Type: incident.EventOpen, ID: "INC7", Customer: "acme", Group: "service-desk"},
		{At: at(10), Actor: "ann", Type: incident.EventAssign, Group: "network"},
		{At: at(14), Actor: "nick", Type: incident.EventAssign, Group: "service-desk", Assignee: "ann"},
		{At: at(14), Actor: "ann", Type: incident.EventTransition, Action: incident.ActionStart},
		{At: at(15), Actor: "ann", Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "solved", Note: "route fixed"},
	})
	if err != nil {
		panic(err)
	}
	ev, err := set.Evaluate(chronicle, at(17))
	if err != nil {
		panic(err)
	}
	for _, r := range ev.Results {
		fmt.Printf("%s (%s %s): %s after %v of %v\n", r.Policy, r.Kind, r.Metric, r.Status.State, r.Status.Accrued, r.Status.Goal)
	}
	// Output:
	// acme-gold (sla resolve): met after 6h0m0s of 8h0m0s
	// network-ola (ola resolve): breached after 4h0m0s of 2h0m0s
}

// Configuration is strict: a misspelt key is an error naming its path, and
// a name that refers to nothing fails NewSet with the names that exist.
func ExampleNewSet_strict() {
	var p sla.Policy
	err := json.Unmarshal([]byte(`{"name": "gold", "calendar": "office",
	  "targets": [{"metric": "resolve", "priorty": 1, "goal": "4h"}]}`), &p)
	fmt.Println(err)

	err = json.Unmarshal([]byte(`{"name": "gold", "calendar": "office",
	  "targets": [{"metric": "resolve", "goal": "4h"}],
	  "rules": {"resolve": {"start": [{"on": "opened"}], "stop": [{"on": "resolved"}],
	    "pause": [{"on": "hold", "hold_reasons": ["on_hodl"]}]}}}`), &p)
	if err != nil {
		panic(err)
	}
	office, _ := calendar.New(time.UTC, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	_, err = sla.NewSet([]sla.Policy{p}, sla.WithCalendars(map[string]*calendar.Calendar{"office": office}))
	var fe *sla.FieldError
	fmt.Println(errors.Is(err, sla.ErrInvalidPolicy), errors.As(err, &fe), fe.Path)
	fmt.Println(err)
	// Output:
	// sla: targets[0]: unknown field "priorty" (known: calendar, due, goal, metric, priority, thresholds)
	// true true policies[0].rules.resolve.pause[0].hold_reasons[0]
	// sla: policies[0].rules.resolve.pause[0].hold_reasons[0] "on_hodl": not a hold reason of the lifecycle (known: awaiting_caller, awaiting_change, awaiting_problem, awaiting_vendor) (policy "gold")
}
