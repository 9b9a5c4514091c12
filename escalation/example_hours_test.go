package escalation_test

import (
	"fmt"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
	"github.com/rickb777/date/v2"
)

// An office-hours desk: the manager is phoned in office hours (the step
// waits for the office to open), the on-call engineer of an office-hours
// schedule is paged (the page waits out the night's gap), and mail
// incidents are not escalated during the Sunday maintenance slot.
func ExampleOutsideWindow() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	office, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	slot, _ := calendar.New(ams, calendar.MustParseWeek("Sun 01:00-05:00"))
	day, _ := escalation.NewSchedule("day", []escalation.Layer{{
		Name: "office hours", Location: ams, Start: date.New(2026, 3, 2), Handoff: calendar.Clock(8, 0, 0),
		Turn: 24 * time.Hour, Members: []string{"ana", "ben"}, Restrictions: calendar.MustParseWeek("Mon-Fri 08:00-18:00"),
	}})
	policies, err := escalation.NewSet([]escalation.Policy{{Name: "office", Steps: []escalation.Step{
		{Name: "phone", Trigger: escalation.Trigger{On: escalation.OnOpened}, When: escalation.Condition{Open: "office"},
			OutsideWindow: escalation.WaitForWindow, Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}},
		{Name: "page", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute},
			Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "day"}}},
	}}}, escalation.WithCalendars(map[string]*calendar.Calendar{"office": office, "slot": slot}),
		escalation.WithMaintenance(escalation.Maintenance{Calendar: "slot", When: incident.Selector{Services: []string{"mail"}}}),
		escalation.WithSchedules(day), escalation.WithDirectory(people{}))
	if err != nil {
		fmt.Println(err)
		return
	}
	slas, _ := sla.NewSet(nil)
	evaluate := func(service string, opened, now time.Time) {
		chronicle, _ := incident.Replay(slas.Lifecycle(), []incident.Event{{At: opened, Actor: "desk", Type: incident.EventOpen,
			ID: "INC-" + service, Service: service, Impact: 2, Urgency: 2, Group: "network"}})
		judged, _ := slas.Evaluate(chronicle, now)
		out := policies.Evaluate(judged, nil)
		for _, d := range out.Due {
			fmt.Printf("%s %s: %s %v due %s", service, now.Format("Mon 15:04"), d.Key.Step, d.Recipients, d.At.Format("Mon 15:04"))
			if !d.Deferred.IsZero() {
				fmt.Printf(", waited since %s", d.Deferred.Format("Mon 15:04"))
			}
			if d.Gap != nil {
				fmt.Printf(", nobody on call until %s", d.Gap.End.Format("Mon 15:04"))
			}
			fmt.Println()
		}
		for _, d := range out.Suppressed {
			fmt.Printf("%s %s: %s suppressed (maintenance), due %s\n", service, now.Format("Mon 15:04"), d.Key.Step, d.At.Format("Mon 15:04"))
		}
		if !out.Next.IsZero() {
			fmt.Printf("%s %s: next at %s\n", service, now.Format("Mon 15:04"), out.Next.In(ams).Format("Mon 15:04"))
		}
	}
	friday := time.Date(2026, 3, 6, 20, 0, 0, 0, ams)
	evaluate("vpn", friday, friday)
	evaluate("vpn", friday, time.Date(2026, 3, 9, 9, 0, 0, 0, ams))
	sunday := time.Date(2026, 3, 8, 2, 0, 0, 0, ams)
	evaluate("mail", sunday, sunday.Add(time.Hour))
	// Output:
	// vpn Fri 20:00: next at Fri 20:15
	// vpn Mon 09:00: page [{person ben}] due Fri 20:15, nobody on call until Mon 08:00
	// vpn Mon 09:00: phone [{person nina}] due Mon 09:00, waited since Fri 20:00
	// mail Sun 03:00: page suppressed (maintenance), due Sun 02:15
	// mail Sun 03:00: next at Mon 09:00
}
