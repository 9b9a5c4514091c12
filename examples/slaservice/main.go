// Command slaservice is an HTTP JSON service that embeds the itsm SDK the way
// a host would: it stores incident events in a JSON-lines file (fsynced on
// every write, replayed on start) and answers with incident state, SLA
// statuses and due escalations computed by the SDK, and with a KPI report
// over every stored incident.
//
//	go run ./examples/slaservice -addr 127.0.0.1:8080 -data events.jsonl
//
//	curl -X POST localhost:8080/incidents/INC1/events -d '{"at":"2026-11-23T09:00:00+01:00","actor":"caller","type":"open","id":"INC1","impact":2,"urgency":2,"customer":"acme"}'
//	curl localhost:8080/incidents/INC1/sla
//	curl 'localhost:8080/report?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z'
//
// GET /report takes the period [from, to) as RFC 3339 instants (to
// defaults to now, from to 30 days before to) and answers with report's
// JSON: weekly buckets in Amsterdam, grouped by priority and by customer,
// with counts, durations on the wall clock and in Dutch office hours, SLA
// compliance and rates. It is made as of the earlier of to and now: each
// incident's events before that instant are evaluated with
// sla.Set.Evaluate, turned into a report.Record and added to a
// report.Accumulator. A malformed or empty period is a 400.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	data := flag.String("data", "events.jsonl", "event log (JSON lines)")
	flag.Parse()
	if err := run(*addr, *data); err != nil {
		fmt.Fprintln(os.Stderr, "slaservice:", err)
		os.Exit(1)
	}
}

func run(addr, data string) error {
	lc, err := incident.DefaultLifecycle()
	if err != nil {
		return err
	}
	store, err := OpenStore(data, lc)
	if err != nil {
		return err
	}
	defer store.Close()
	if store.Recovered != "" {
		log.Printf("recovered the event log: %s", store.Recovered)
	}
	slas, err := policies(lc)
	if err != nil {
		return err
	}
	escalations, err := escalationPolicies()
	if err != nil {
		return err
	}
	spec, err := reportSpec()
	if err != nil {
		return err
	}
	srv := &http.Server{Addr: addr, Handler: NewServer(store, slas, escalations, spec, time.Now).Handler(), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Printf("listening on %s with %d incidents from %s", addr, len(store.IDs()), data)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// calendars are the service's business calendars, in Amsterdam: Dutch
// office hours and round the clock.
func calendars() (office, always *calendar.Calendar, err error) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return nil, nil, err
	}
	if office, err = calendar.New(ams, calendar.MustParseWeek("Mon-Fri 08:30-17:30")); err != nil {
		return nil, nil, err
	}
	if always, err = calendar.New(ams, calendar.MustParseWeek("Mon-Sun 00:00-24:00")); err != nil {
		return nil, nil, err
	}
	return office, always, nil
}

// policies is the service's built-in SLA configuration: a Gold contract
// round the clock for customer "acme" and a Silver catch-all in Dutch office
// hours.
func policies(lc *incident.Lifecycle) (*sla.Set, error) {
	office, always, err := calendars()
	if err != nil {
		return nil, err
	}
	return sla.NewSet([]sla.Policy{
		{
			Name: "gold", When: sla.Selector{Customers: []string{"acme"}}, Calendar: "24x7", Thresholds: []float64{0.5, 0.75},
			Targets: []sla.Target{
				{Metric: sla.Respond, Goal: 15 * time.Minute},
				{Metric: sla.Resolve, Priority: incident.P1, Goal: 4 * time.Hour},
				{Metric: sla.Resolve, Goal: 24 * time.Hour},
				{Metric: sla.Update, Goal: time.Hour},
			},
		},
		{
			Name: "silver", Calendar: "office", Thresholds: []float64{0.75},
			Targets: []sla.Target{
				{Metric: sla.Respond, Goal: time.Hour},
				{Metric: sla.Resolve, Goal: 16 * time.Hour},
			},
		},
	}, sla.WithLifecycle(lc), sla.WithCalendars(map[string]*calendar.Calendar{"office": office, "24x7": always}))
}

// reportSpec is the service's built-in report, without its period (each
// GET /report gives one): weekly buckets in Amsterdam, by priority and by
// customer, durations also in Dutch office hours (the Silver contract's),
// and the counts, durations, SLA compliance and rates. Availability and
// recurring incidents are left out: the service records no outages and no
// configuration items to compare.
func reportSpec() (report.Spec, error) {
	office, _, err := calendars()
	if err != nil {
		return report.Spec{}, err
	}
	return report.Spec{
		Location: office.Location(), Bucket: report.Week,
		GroupBy:  []string{report.KeyPriority, report.KeyCustomer},
		KPIs:     []report.Family{report.FamilyCounts, report.FamilyDurations, report.FamilySLA, report.FamilyRates},
		Calendar: office,
	}, nil
}

// escalationPolicies is the service's built-in escalation: notify the
// assignment group if nobody acknowledges within 15 minutes (again every 30
// minutes, twice), and the group's manager at 75% of the resolution time.
func escalationPolicies() (*escalation.Set, error) {
	return escalation.NewSet([]escalation.Policy{{
		Name: "standard",
		Steps: []escalation.Step{
			{Name: "group", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute},
				Targets: []escalation.Target{{Kind: escalation.TargetGroup}}},
			{Name: "manager", Trigger: escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75},
				Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}},
		},
		Repeat: escalation.Repeat{From: "group", Times: 2, Interval: 30 * time.Minute},
	}}, escalation.WithDirectory(directory{}))
}

// directory is the example's stand-in for the host's people directory.
type directory struct{}

func (directory) Role(role, group string) []string {
	if role == "manager" && group != "" {
		return []string{group + "-manager"}
	}
	return nil
}
func (directory) Members(group string) []string     { return []string{group + "-oncall"} }
func (directory) Contacts(customer string) []string { return nil }
