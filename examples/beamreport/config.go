package main

import (
	"fmt"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/gb"
	"github.com/go-itsm/itsm/calendar/holidays/nl"
	"github.com/go-itsm/itsm/calendar/holidays/us"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
)

// Settings are what the pipeline's workers need to fold and aggregate: the
// report's period and the instant the incidents are evaluated at. They are
// plain values, so Beam can carry them to remote workers in a DoFn's
// fields; everything else (calendars, policies, lifecycles) is built from
// them by newDesk on each worker.
type Settings struct {
	From, To time.Time // the report's period [From, To)
	AsOf     time.Time // the evaluation instant: events at or after it have not happened yet
	Per      string    // the key of the per-group reports (a report.Key* name)
}

// perKeys are the keys -per accepts.
var perKeys = []string{report.KeyCustomer, report.KeyService, report.KeyPriority, report.KeyGroup, report.KeyCategory}

// desk is the service desk's built-in configuration: the two lifecycles
// the inputs are replayed with (the default ITIL one for the event log,
// ServiceNow's state model for the export), an SLA set for each, and the
// report spec. It is immutable once built and safe for concurrent use.
type desk struct {
	events, snow        *incident.Lifecycle
	eventSLAs, snowSLAs *sla.Set
	spec                report.Spec
	settings            Settings
}

// newDesk builds the desk for s.
func newDesk(s Settings) (*desk, error) {
	if !s.From.Before(s.To) {
		return nil, fmt.Errorf("beamreport: the period [%s, %s) is empty", s.From.Format(time.RFC3339), s.To.Format(time.RFC3339))
	}
	d := &desk{settings: s}
	var err error
	if d.events, err = incident.DefaultLifecycle(); err != nil {
		return nil, err
	}
	if d.snow, err = snowLifecycle(); err != nil {
		return nil, err
	}
	cals, err := calendars()
	if err != nil {
		return nil, err
	}
	if d.eventSLAs, err = policies(d.events, cals); err != nil {
		return nil, err
	}
	if d.snowSLAs, err = policies(d.snow, cals); err != nil {
		return nil, err
	}
	d.spec = report.Spec{
		From: s.From, To: s.To, Location: cals["nl-office"].Location(), Bucket: report.Month,
		GroupBy:  []string{report.KeyPriority, report.KeyCustomer},
		KPIs:     []report.Family{report.FamilyCounts, report.FamilyDurations, report.FamilySLA, report.FamilyRates, report.FamilyRecurring},
		Calendar: cals["nl-office"],
	}
	if _, err := report.NewAccumulator(d.spec); err != nil {
		return nil, err
	}
	return d, nil
}

// calendars are the desk's business calendars, each in its customer's
// zone and with its public holidays.
func calendars() (map[string]*calendar.Calendar, error) {
	out := map[string]*calendar.Calendar{}
	for _, c := range []struct {
		name, zone, week string
		holidays         []calendar.ExceptionSource
	}{
		{"24x7", "Europe/Amsterdam", "Mon-Sun 00:00-24:00", nil},
		{"nl-office", "Europe/Amsterdam", "Mon-Fri 08:30-17:30", []calendar.ExceptionSource{nl.National()}},
		{"uk-office", "Europe/London", "Mon-Fri 09:00-17:30", []calendar.ExceptionSource{gb.EnglandAndWales()}},
		{"us-office", "America/New_York", "Mon-Fri 08:00-18:00", []calendar.ExceptionSource{us.Federal()}},
	} {
		loc, err := time.LoadLocation(c.zone)
		if err != nil {
			return nil, fmt.Errorf("beamreport: zone %s: %w", c.zone, err)
		}
		w, err := calendar.ParseWeek(c.week)
		if err != nil {
			return nil, err
		}
		if out[c.name], err = calendar.New(loc, w, calendar.WithExceptions(c.holidays...)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// policies are the desk's contracts, for the incidents of lifecycle lc:
// acme on Gold round the clock, globex on Silver in UK office hours,
// initech on Silver in US office hours, and everyone else (the
// ServiceNow export's companies too) on Bronze in Dutch office hours.
// Each incident's clocks run on its own contract's calendar.
func policies(lc *incident.Lifecycle, cals map[string]*calendar.Calendar) (*sla.Set, error) {
	silver := func(name, customer, cal string) sla.Policy {
		return sla.Policy{Name: name, When: incident.Selector{Customers: []string{customer}}, Calendar: cal, Thresholds: []float64{0.75},
			Targets: []sla.Target{
				{Metric: sla.Respond, Priority: incident.P1, Goal: 30 * time.Minute},
				{Metric: sla.Respond, Goal: 2 * time.Hour},
				{Metric: sla.Resolve, Priority: incident.P1, Goal: 8 * time.Hour},
				{Metric: sla.Resolve, Priority: incident.P2, Goal: 16 * time.Hour},
				{Metric: sla.Resolve, Goal: 40 * time.Hour},
			}}
	}
	return sla.NewSet([]sla.Policy{
		{Name: "acme-gold", When: incident.Selector{Customers: []string{"acme"}}, Calendar: "24x7", Thresholds: []float64{0.5, 0.75},
			Targets: []sla.Target{
				{Metric: sla.Respond, Priority: incident.P1, Goal: 15 * time.Minute},
				{Metric: sla.Respond, Goal: time.Hour},
				{Metric: sla.Resolve, Priority: incident.P1, Goal: 4 * time.Hour},
				{Metric: sla.Resolve, Priority: incident.P2, Goal: 8 * time.Hour},
				{Metric: sla.Resolve, Goal: 48 * time.Hour},
			}},
		silver("globex-silver", "globex", "uk-office"),
		silver("initech-silver", "initech", "us-office"),
		{Name: "bronze", Calendar: "nl-office",
			Targets: []sla.Target{
				{Metric: sla.Respond, Goal: 4 * time.Hour},
				{Metric: sla.Resolve, Goal: 80 * time.Hour},
			}},
	}, sla.WithLifecycle(lc), sla.WithCalendars(cals))
}
