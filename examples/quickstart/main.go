// Command quickstart runs a week of a managed-service provider through the
// itsm SDK, on built-in data and a fixed "now", so its output is the same on
// every machine:
//
//	go run ./examples/quickstart
//
// The provider has two customers: Acme on a Gold contract, measured round
// the clock, and Globex on a Silver contract, measured in Dutch office hours
// with Dutch public holidays. The week of 11 May 2026 (Ascension Day falls on
// Thursday) brings a P1 major incident handled "fix first, discuss later",
// an incident on hold awaiting the customer, a reopened incident and a
// reassignment between departments. For each incident the program prints
// its SLA and OLA statuses, the escalations that fired and when, and then a
// KPI summary of the week: counts, MTTA, MTRS, MTTR and hold time on the
// wall clock and in business hours (the Dutch office calendar), SLA
// compliance with its breaches, and rates.
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/nl"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
	"github.com/rickb777/date/v2"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

var ams = mustZone("Europe/Amsterdam")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // the Go distribution ships the zone database
	}
	return loc
}

// at is a wall-clock time in Amsterdam in the week of 11 May 2026.
func at(day, hh, mm int) time.Time { return time.Date(2026, 5, day, hh, mm, 0, 0, ams) }

// now is the fixed instant the program reports at: Friday evening.
var now = at(15, 18, 0)

// provider is the SDK configuration of the example: calendars, SLA and OLA
// policies, escalation policies and the on-call schedule.
type provider struct {
	lc          *incident.Lifecycle
	office      *calendar.Calendar
	calendars   map[string]*calendar.Calendar // by the names the SLA policies use
	slas        *sla.Set
	escalations *escalation.Set
}

func newProvider() (*provider, error) {
	lc, err := incident.DefaultLifecycle()
	if err != nil {
		return nil, err
	}
	always, err := calendar.New(ams, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
	if err != nil {
		return nil, err
	}
	office, err := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 08:30-17:30"), calendar.WithExceptions(nl.National()))
	if err != nil {
		return nil, err
	}
	calendars := map[string]*calendar.Calendar{"24x7": always, "office": office}
	slas, err := sla.NewSet(slaPolicies(), sla.WithLifecycle(lc), sla.WithCalendars(calendars))
	if err != nil {
		return nil, err
	}
	oncall, err := escalation.NewSchedule("ops", []escalation.Layer{{
		Name: "weekly", Location: ams, Start: date.New(2026, 5, 4), Handoff: calendar.Clock(9, 0, 0),
		Turn: 7 * 24 * time.Hour, Members: []string{"ana", "ben", "cem"},
	}})
	if err != nil {
		return nil, err
	}
	escalations, err := escalation.NewSet(escalationPolicies(), escalation.WithSchedules(oncall), escalation.WithDirectory(directory{}))
	if err != nil {
		return nil, err
	}
	return &provider{lc: lc, office: office, calendars: calendars, slas: slas, escalations: escalations}, nil
}

// slaPolicies are the contracts and the departments' agreements: Gold for
// Acme round the clock (a priority change recomputes the clocks from their
// start with the new goal), Silver for Globex in Dutch office hours (a
// reopening starts a new cycle), and how long the network and database
// teams may hold an incident.
func slaPolicies() []sla.Policy {
	return []sla.Policy{
		{
			Name: "gold", When: incident.Selector{Customers: []string{"acme"}}, Calendar: "24x7",
			Thresholds: []float64{0.75}, Retroactive: true,
			Targets: []sla.Target{
				{Metric: sla.Respond, Priority: incident.P1, Goal: 15 * time.Minute},
				{Metric: sla.Respond, Goal: 30 * time.Minute},
				{Metric: sla.Restore, Priority: incident.P1, Goal: 2 * time.Hour},
				{Metric: sla.Resolve, Priority: incident.P1, Goal: 4 * time.Hour},
				{Metric: sla.Resolve, Priority: incident.P2, Goal: 8 * time.Hour},
				{Metric: sla.Resolve, Goal: 24 * time.Hour},
				{Metric: sla.Update, Priority: incident.P1, Goal: time.Hour},
			},
		},
		{
			Name: "silver", When: incident.Selector{Customers: []string{"globex"}}, Calendar: "office",
			Thresholds: []float64{0.75}, Reopen: sla.NewCycle,
			Targets: []sla.Target{
				{Metric: sla.Respond, Goal: 2 * time.Hour},
				{Metric: sla.Resolve, Priority: incident.P2, Goal: 9 * time.Hour},
				{Metric: sla.Resolve, Goal: 18 * time.Hour},
			},
		},
		// Internal OLAs: how long each department may hold an incident.
		{Name: "network-ola", Kind: sla.OLA, Group: "network", Calendar: "24x7",
			Targets: []sla.Target{{Metric: sla.Resolve, Goal: 4 * time.Hour}}},
		{Name: "database-ola", Kind: sla.OLA, Group: "database", Calendar: "24x7",
			Targets: []sla.Target{{Metric: sla.Resolve, Goal: 2 * time.Hour}}},
	}
}

// escalationPolicies is the provider's one policy: page the engineer on
// call when a P1 or P2 is not acknowledged within 10 minutes, warn the
// group's manager at 75% of the resolve goal, and ask the customer's
// contacts for an update when the goal is breached.
func escalationPolicies() []escalation.Policy {
	return []escalation.Policy{{
		Name: "standard",
		Steps: []escalation.Step{
			{Name: "page", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged, After: 10 * time.Minute},
				When:    escalation.Condition{Selector: incident.Selector{Priorities: []incident.Priority{incident.P1, incident.P2}}},
				Channel: "page", Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "ops"}}},
			{Name: "manager", Trigger: escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75},
				Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}},
			{Name: "customer", Trigger: escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Resolve},
				Tasks:   []escalation.Task{escalation.RequestUpdate},
				Targets: []escalation.Target{{Kind: escalation.TargetContacts}}},
		},
	}}
}

// directory is the provider's people directory, as the escalation package
// asks for it.
type directory struct{}

func (directory) Role(role, group string) []string {
	if role == "manager" {
		return map[string][]string{"network": {"nina"}, "database": {"dirk"}, "service-desk": {"sara"}}[group]
	}
	return nil
}
func (directory) Members(group string) []string { return nil }
func (directory) Contacts(customer string) []string {
	return map[string][]string{"acme": {"alice@acme.example"}, "globex": {"gus@globex.example"}}[customer]
}

// week is the built-in data: each incident's event history.
func week() map[string][]incident.Event {
	ev := func(day, hh, mm int, actor string, e incident.Event) incident.Event {
		e.At, e.Actor = at(day, hh, mm), actor
		return e
	}
	transition := func(a incident.Action) incident.Event {
		return incident.Event{Type: incident.EventTransition, Action: a}
	}
	resolve := func(note string) incident.Event {
		return incident.Event{Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "solved", Note: note}
	}
	update := func(note string) incident.Event {
		return incident.Event{Type: incident.EventComment, Note: note, CustomerVisible: true}
	}
	return map[string][]incident.Event{
		// A P1 in the night: the customer says the whole site is down, and
		// the desk trusts that at once; the classification is corrected
		// after the fact, with the history to show for it.
		"INC1001": {
			ev(11, 2, 10, "alice", incident.Event{Type: incident.EventOpen, ID: "INC1001", Title: "Web shop down", Customer: "acme",
				Service: "webshop", Category: "network", Impact: 1, Urgency: 2, CustomerDeclared: true}),
			ev(11, 2, 22, "ana", update("We are on it; next update within the hour.")),
			ev(11, 2, 25, "ana", incident.Event{Type: incident.EventAssign, Group: "network", Assignee: "ana"}),
			ev(11, 2, 30, "ana", incident.Event{Type: incident.EventMajor, Note: "site-wide outage"}),
			ev(11, 2, 31, "ana", transition(incident.ActionStart)),
			ev(11, 3, 15, "ana", update("Failing over to the standby firewall.")),
			ev(11, 3, 55, "ana", incident.Event{Type: incident.EventWorkaround, Note: "standby firewall active"}),
			ev(11, 4, 10, "ana", update("Shop is back on the standby firewall.")),
			ev(11, 5, 5, "ana", update("Replacement firewall on site.")),
			ev(11, 6, 0, "ana", update("Replacement firewall configured, testing.")),
			ev(11, 6, 40, "ana", resolve("replaced the failed firewall")),
			ev(12, 10, 0, "nina", incident.Event{Type: incident.EventReview, RootCause: "firmware bug in the firewall", Responsible: "vendor"}),
			ev(12, 10, 5, "nina", transition(incident.ActionClose)),
		},
		// On hold awaiting the customer: the Silver clock stops while Globex
		// owes an answer, and does not run on Ascension Day.
		"INC1002": {
			ev(12, 10, 0, "gus", incident.Event{Type: incident.EventOpen, ID: "INC1002", Title: "Cannot print invoices", Customer: "globex",
				Service: "erp", Category: "application", Impact: 2, Urgency: 3}),
			ev(12, 10, 40, "sara", incident.Event{Type: incident.EventAssign, Group: "service-desk", Assignee: "sara"}),
			ev(12, 10, 45, "sara", update("Which printer and which invoice run?")),
			ev(12, 10, 50, "sara", transition(incident.ActionStart)),
			ev(12, 11, 0, "sara", incident.Event{Type: incident.EventTransition, Action: incident.ActionHold, HoldReason: incident.AwaitingCaller}),
			ev(13, 16, 30, "gus", incident.Event{Type: incident.EventComment, Note: "Printer P-2, the nightly run.", FromCaller: true}),
			ev(15, 11, 15, "sara", resolve("driver updated on the print server")),
		},
		// Reopened: the Silver contract starts a new cycle with the full goal.
		"INC1003": {
			ev(11, 9, 0, "gus", incident.Event{Type: incident.EventOpen, ID: "INC1003", Title: "VPN drops every hour", Customer: "globex",
				Service: "vpn", Category: "network", Impact: 3, Urgency: 2}),
			ev(11, 9, 20, "sara", incident.Event{Type: incident.EventAssign, Group: "service-desk", Assignee: "sara"}),
			ev(11, 9, 30, "sara", update("Looking into the VPN logs.")),
			ev(11, 9, 35, "sara", transition(incident.ActionStart)),
			ev(11, 14, 0, "sara", resolve("renewed the VPN certificate")),
			ev(12, 9, 30, "gus", incident.Event{Type: incident.EventTransition, Action: incident.ActionReopen, Reason: "still dropping"}),
			ev(12, 16, 0, "sara", resolve("client profile had the old certificate pinned")),
			ev(15, 9, 0, "sara", transition(incident.ActionClose)),
		},
		// Reassigned between departments: the database team hands over to
		// network; each department's OLA shows its share.
		"INC1004": {
			ev(13, 13, 0, "alice", incident.Event{Type: incident.EventOpen, ID: "INC1004", Title: "Orders stuck in the queue", Customer: "acme",
				Service: "webshop", Category: "database", Impact: 2, Urgency: 1}),
			ev(13, 13, 5, "sara", incident.Event{Type: incident.EventAssign, Group: "database", Assignee: "dirk"}),
			ev(13, 13, 10, "dirk", update("Investigating the order database.")),
			ev(13, 13, 12, "dirk", transition(incident.ActionStart)),
			ev(13, 15, 40, "dirk", incident.Event{Type: incident.EventAssign, Group: "network", Assignee: "ben", Reason: "database healthy; queue host unreachable"}),
			ev(13, 21, 30, "ben", resolve("restored the route to the queue host")),
		},
		// Still open at "now": nobody acknowledges it in time.
		"INC1005": {
			ev(15, 16, 20, "gus", incident.Event{Type: incident.EventOpen, ID: "INC1005", Title: "Mail delayed", Customer: "globex",
				Service: "mail", Category: "application", Impact: 2, Urgency: 2, Group: "service-desk"}),
			ev(15, 17, 0, "sara", update("We see the delay and are checking the mail relay.")),
		},
	}
}

func run(w io.Writer) error {
	p, err := newProvider()
	if err != nil {
		return err
	}
	histories := week()
	ids := make([]string, 0, len(histories))
	for id := range histories {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	acc, err := report.NewAccumulator(report.Spec{
		// Business hours: each incident on the calendar its SLA ran on
		// (NewRecord takes it), named as the SLA set names them; the
		// office calendar for incidents without an SLA. Backlog aging is
		// as of now, not the end of the week.
		From: at(11, 0, 0), To: at(18, 0, 0), AsOf: now, Location: ams, Bucket: report.Whole,
		Calendar: p.office, Calendars: p.calendars, GroupBy: []string{report.KeyCustomer},
		FirstLine: []string{"service-desk"},
		KPIs:      []report.Family{report.FamilyCounts, report.FamilyDurations, report.FamilySLA, report.FamilyRates},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "itsm quickstart: the week of 11 May 2026, reported at %s\n", now.Format("Mon 2 Jan 15:04 MST"))
	for _, id := range ids {
		ev, fired, err := p.host(histories[id])
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		inc := ev.Chronicle.Incident
		prio := inc.Priority.String()
		if inc.Major {
			prio += " major"
		}
		fmt.Fprintf(w, "\n%s  %s  [%s, %s, %s, %s]\n", inc.ID, inc.Title, inc.Customer, prio, inc.State, inc.Group)
		for _, r := range ev.Results {
			fmt.Fprintf(w, "  %-13s %-8s %s\n", r.Policy, r.Metric, describe(r))
		}
		for _, d := range fired {
			fmt.Fprintf(w, "  escalation    %s %s %s to %s (%s)\n", d.At.Format("Mon 15:04"), d.Key.Step, d.Task, recipients(d), d.Reason)
		}
		if next, ok := ev.NextChange(); ok {
			fmt.Fprintf(w, "  next change   %s\n", next.Format("Mon 15:04"))
		}
		rec, err := report.NewRecord(ev)
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		if err := acc.Add(rec); err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
	}
	fmt.Fprintln(w)
	return acc.Report().WriteText(w)
}

// describe says how a metric stands, in one line.
func describe(r sla.Result) string {
	st := r.Status
	s := fmt.Sprintf("%-9s %v of %v", st.State, st.Accrued.Round(time.Minute), st.Goal)
	if len(r.Cycles) > 1 {
		s += fmt.Sprintf(" (cycle %d)", st.Cycle)
	}
	switch {
	case !st.BreachedAt.IsZero():
		s += ", breached " + st.BreachedAt.Format("Mon 15:04")
	case !st.Deadline.IsZero():
		s += ", due " + st.Deadline.Format("Mon 15:04")
	}
	return s
}

func recipients(d escalation.Due) string {
	if len(d.Recipients) == 0 {
		return "nobody"
	}
	s := ""
	for i, r := range d.Recipients {
		if i > 0 {
			s += ", "
		}
		s += r.ID
	}
	return s
}

// host plays one incident's week the way a service runs the SDK's chain:
// on every event it folds the history once, and on every event and every
// wake-up it asked for it evaluates the SLAs, then the escalation policy,
// carries out what is due (recording when) and sets its one timer. It
// returns the SLA evaluation at now and the escalations in the order they
// fired.
func (p *provider) host(events []incident.Event) (sla.Evaluation, []escalation.Due, error) {
	var chronicle incident.Chronicle
	var fired escalation.Fired
	var log []escalation.Due
	seen := 0
	for t := events[0].At; ; {
		if k := arrived(events, t); k > seen { // new events: the one fold
			c, err := incident.Replay(p.slas.Lifecycle(), events[:k])
			if err != nil {
				return sla.Evaluation{}, nil, err
			}
			chronicle, seen = c, k
		}
		judged, err := p.slas.Evaluate(chronicle, t)
		if err != nil {
			return sla.Evaluation{}, nil, err
		}
		due := p.escalations.Evaluate(judged, fired)
		for _, d := range due.Due {
			fired.Add(d.Key)
			d.At = t // carried out now
			log = append(log, d)
		}
		wake := due.Next // the incident's one timer
		if seen < len(events) && (wake.IsZero() || events[seen].At.Before(wake)) {
			wake = events[seen].At
		}
		if t.Equal(now) {
			return judged, log, nil
		}
		if wake.IsZero() || wake.After(now) {
			wake = now
		}
		t = wake
	}
}

// arrived counts the events at or before t.
func arrived(events []incident.Event, t time.Time) int {
	k := 0
	for k < len(events) && !events[k].At.After(t) {
		k++
	}
	return k
}
