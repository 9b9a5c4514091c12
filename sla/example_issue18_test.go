package sla_test

import (
	"fmt"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
)

// The calendar follows the assignment group: nine hours accrued in
// Singapore stay nine hours after the incident moves to New York.
func ExampleWithGroupCalendars() {
	sgt, _ := time.LoadLocation("Asia/Singapore")
	nyc, _ := time.LoadLocation("America/New_York")
	apac, _ := calendar.New(sgt, calendar.MustParseWeek("Mon-Fri 09:00-18:00"))
	amer, _ := calendar.New(nyc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	set, err := sla.NewSet([]sla.Policy{{Name: "follow-the-sun", Calendar: sla.GroupCalendar,
		Targets: []sla.Target{{Metric: sla.Resolve, Goal: 24 * time.Hour}, {Metric: sla.NextReply, Goal: time.Hour}}}},
		sla.WithGroupCalendars(map[string]*calendar.Calendar{"apac": apac, "amer": amer}))
	if err != nil {
		panic(err)
	}
	utc := func(d, hh int) time.Time { return time.Date(2026, 3, d, hh, 0, 0, 0, time.UTC) }
	chronicle, err := incident.Replay(set.Lifecycle(), []incident.Event{
		{At: utc(6, 1), Type: incident.EventOpen, Actor: "caller", ID: "INC7", Impact: 3, Urgency: 3, Group: "apac"},
		{At: utc(6, 10), Type: incident.EventAssign, Actor: "dispatcher", Group: "amer"},
		{At: utc(6, 15), Type: incident.EventComment, Actor: "caller", Note: "any news?", FromCaller: true},
		{At: utc(6, 16), Type: incident.EventComment, Actor: "caller", Note: "hello?", FromCaller: true},
	})
	if err != nil {
		panic(err)
	}
	ev, err := set.Evaluate(chronicle, utc(6, 22))
	if err != nil {
		panic(err)
	}
	for _, r := range ev.Results {
		fmt.Println(r.Metric, r.Status.State, r.Status.Accrued, "due", r.Status.Deadline.In(nyc).Format("Mon 02 Jan 15:04 MST"))
	}
	// Output:
	// resolve running 17h0m0s due Mon 09 Mar 16:00 EDT
	// next_reply breached 7h0m0s due Fri 06 Mar 11:00 EST
}
