// Command servicedesk simulates a year of a managed-service provider and
// writes its KPI report: an HTML page with charts and a Markdown summary.
//
//	go run ./examples/servicedesk -html report.html -markdown summary.md
//
// The provider runs a service desk and eleven technical departments
// (network, virtualization, backup, unix, windows, dba, security, storage,
// middleware, cloud, end-user) for five customers, each with its own SLA
// and calendar:
//
//	acme      Gold, measured round the clock
//	globex    Silver, Dutch office hours with Dutch public holidays
//	initech   Silver, UK office hours with the bank holidays of England and Wales
//	umbrella  Bronze, US office hours with US federal holidays
//	hanse     Silver, German hours (and Saturday mornings) with German public holidays
//
// and an OLA per department, measured in the customer's hours (P1 and P2
// round the clock). A seeded generator (-seed) draws the incidents: arrivals
// by customer, month, weekday, hour and public holiday; impact and urgency,
// and so priority; routing from the service desk to a department, sometimes
// to the wrong one first; waits for the caller, a vendor or a change window;
// customer updates at the contract's cadence; callers chasing; workarounds,
// reopenings, cancellations, automatic closure, and a few major incidents
// with the incidents other callers raise about them, resolved with their
// parent. The provider is slower in the summer holidays and in December.
// A month before the period is simulated too, so that the year starts
// with a backlog.
//
// Each history is folded once (incident.Replay), evaluated with
// sla.Set.Evaluate at the end of the period (events after it have not
// happened yet), turned into a report.Record and fed to a
// report.Accumulator: monthly buckets, grouped by priority,
// customer and assignment group, durations in business hours of the
// provider's office, availability of every service in its agreed hours
// against a 99.8% target with a monthly maintenance window. Progress goes to
// standard error, a short summary to standard output. The same seed and
// flags give the same files, byte for byte.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
)

// config is what the command line sets.
type config struct {
	seed      uint64
	from      time.Time // the first day of the period (a date)
	months    int
	incidents int // opened in the period
	html      string
	markdown  string
}

func main() {
	var cfg config
	from := flag.String("from", "2026-01-01", "first day of the period (YYYY-MM-DD)")
	flag.Uint64Var(&cfg.seed, "seed", 1, "seed of the simulation")
	flag.IntVar(&cfg.months, "months", 12, "length of the period in months (1 to 60)")
	flag.IntVar(&cfg.incidents, "incidents", 15000, "incidents opened in the period (1 to 1000000)")
	flag.StringVar(&cfg.html, "html", "servicedesk.html", "HTML report to write (\"\" for none)")
	flag.StringVar(&cfg.markdown, "markdown", "servicedesk.md", "Markdown summary to write (\"\" for none)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: servicedesk [-seed n] [-from date] [-months n] [-incidents n] [-html file] [-markdown file]")
		flag.PrintDefaults()
	}
	flag.Parse()
	var err error
	if cfg.from, err = time.Parse(time.DateOnly, *from); err != nil {
		err = fmt.Errorf("-from: %q is not a date such as 2026-01-01", *from)
	} else {
		err = cfg.check()
	}
	if err == nil && flag.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q", flag.Arg(0))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "servicedesk:", err)
		flag.Usage()
		os.Exit(2)
	}
	if err := run(cfg, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "servicedesk:", err)
		os.Exit(1)
	}
}

func (c config) check() error {
	switch {
	case c.months < 1 || c.months > 60:
		return fmt.Errorf("-months: %d is not between 1 and 60", c.months)
	case c.incidents < 1 || c.incidents > 1000000:
		return fmt.Errorf("-incidents: %d is not between 1 and 1000000", c.incidents)
	case c.html == "" && c.markdown == "":
		return errors.New("nothing to write: give -html or -markdown a file name")
	}
	return nil
}

// tally counts what the simulation produced, for the summary.
type tally struct {
	warmUp, inPeriod  int // arrivals
	majors, children  int
	incidents, events int
}

// run simulates the period of cfg, writes the files it names, a summary to
// stdout and progress to stderr.
func run(cfg config, stdout, stderr io.Writer) error {
	if err := cfg.check(); err != nil {
		return err
	}
	p, err := newProvider()
	if err != nil {
		return err
	}
	from, to := cfg.period(p)
	spec := reportSpec(p, from, to)
	acc, err := report.NewAccumulator(spec)
	if err != nil {
		return err
	}
	// The month before is simulated too (the warm-up): for a one-month
	// report it is the whole previous period, whose report gives the
	// dashboard's changes (a longer period has no full previous one).
	prev, err := report.NewAccumulator(spec.Previous())
	if err != nil {
		return err
	}
	n, err := simulate(cfg, p, stderr, func(ev sla.Evaluation, rec report.Record) error {
		if err := acc.Add(rec); err != nil {
			return err
		}
		return prev.Add(rec)
	})
	if err != nil {
		return err
	}
	rep := acc.Report()
	if cfg.months == 1 {
		rep = rep.Compare(prev.Report())
	}
	if cfg.html != "" {
		if err := writeFile(cfg.html, rep.WriteHTML); err != nil {
			return err
		}
	}
	if cfg.markdown != "" {
		if err := writeFile(cfg.markdown, func(w io.Writer) error { return writeSummary(w, cfg, p, rep, n) }); err != nil {
			return err
		}
	}
	return printSummary(stdout, cfg, p, rep, n)
}

// period is the report's period: [from, to) in Amsterdam.
func (c config) period(p *provider) (from, to time.Time) {
	from = calendar.Date(c.from.Year(), c.from.Month(), c.from.Day(), 0, 0, 0, p.ams)
	return from, from.AddDate(0, c.months, 0)
}

// simulate draws the incidents of cfg's period and of the month before it,
// writes their histories, evaluates each at the end of the period and
// passes the evaluation and the report record to visit, in order of
// opening (a major incident's linked incidents right after it).
func simulate(cfg config, p *provider, stderr io.Writer, visit func(sla.Evaluation, report.Record) error) (tally, error) {
	from, to := cfg.period(p)
	warmFrom := from.AddDate(0, -1, 0)
	rng := rand.New(rand.NewPCG(cfg.seed, 0x17a5e5d))
	period := arrivals(rng, p.customers, from, to, cfg.incidents)
	warmUp := arrivals(rng, p.customers, warmFrom, from, volume(p.customers, warmFrom, from, from, to, cfg.incidents))
	all := append(warmUp, period...)
	// A few major incidents: one for every 2,500 incidents, at least one.
	majors := map[int]bool{}
	for len(majors) < max(1, cfg.incidents/2500) {
		majors[len(warmUp)+rng.IntN(len(period))] = true
	}

	sim := newSimulation(p, rng)
	progress := newProgress(stderr, len(all), from, cfg.months)
	n := tally{warmUp: len(warmUp), inPeriod: len(period)}
	for i, a := range all {
		progress.at(i, a.at)
		var histories [][]incident.Event
		var err error
		if majors[i] {
			histories, err = sim.major(a)
			n.majors++
			n.children += len(histories) - 1
		} else {
			var events []incident.Event
			events, err = sim.ordinary(a)
			histories = [][]incident.Event{events}
		}
		if err != nil {
			return n, err
		}
		for _, events := range histories {
			// The report is made at the end of the period: what happens
			// after it has not happened yet.
			k := 0
			for k < len(events) && events[k].At.Before(to) {
				k++
			}
			events = events[:k]
			chronicle, err := incident.Replay(p.lc, events)
			if err != nil {
				return n, err
			}
			ev, err := p.slas.Evaluate(chronicle, to)
			if err != nil {
				return n, err
			}
			rec, err := report.NewRecord(ev)
			if err != nil {
				return n, err
			}
			if err := visit(ev, rec); err != nil {
				return n, err
			}
			n.incidents++
			n.events += len(events)
		}
	}
	progress.done()
	return n, nil
}

// reportSpec is the report the provider makes of the period.
func reportSpec(p *provider, from, to time.Time) report.Spec {
	services := map[string]*calendar.Calendar{}
	for _, c := range p.customers {
		for _, s := range append([]string{"workplace"}, c.services...) {
			services[serviceName(c, s)] = c.hours
		}
	}
	// Planned maintenance: the second Sunday of every month, 02:00 to
	// 06:00 in Amsterdam, for every service.
	var maintenance []report.Window
	for m := calendar.Date(from.Year(), from.Month(), 1, 0, 0, 0, p.ams); m.Before(to); m = m.AddDate(0, 1, 0) {
		sunday := 1 + (7-int(m.Weekday()))%7 + 7
		start := calendar.Date(m.Year(), m.Month(), sunday, 2, 0, 0, p.ams)
		if start.Before(to) && !start.Before(from) {
			maintenance = append(maintenance, report.Window{Start: start, End: start.Add(4 * time.Hour)})
		}
	}
	return report.Spec{
		From: from, To: to, Location: p.ams, Bucket: report.Month,
		GroupBy: []string{report.KeyPriority, report.KeyCustomer, report.KeyGroup},
		// Business hours: each incident on its SLA's calendar (NewRecord
		// takes it), named as the SLA set names them; the provider's
		// office hours for incidents without one.
		Calendar: p.office, Calendars: p.calendars,
		// First contact resolution counts the service desk's resolutions.
		FirstLine:   []string{"service-desk"},
		Targets:     report.Targets{Compliance: 0.95, MTTA: 30 * time.Minute, MTTR: 24 * time.Hour, Backlog: 150, Breaches: 4000},
		BreachLimit: 100,
		// Problem candidates: a configuration item with three incidents of
		// one category within two days (whole services have too many
		// incidents for that to mean anything).
		Recurring: report.Recurring{Threshold: 3, Window: 48 * time.Hour, By: []string{report.KeyConfigurationItem}, Limit: 20},
		Availability: report.AvailabilitySpec{
			Target: 0.998, Services: services, Maintenance: maintenance,
		},
	}
}

// writeFile writes a file through render; a failed render or write is an
// error, never a silently short file.
func writeFile(name string, render func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	err = render(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// compliance returns the whole-period SLA compliance of one metric of every
// policy of a kind, in the order the report lists them.
func compliance(rep report.Report, kind sla.Kind, metric sla.Metric) []report.Compliance {
	var out []report.Compliance
	for _, c := range rep.Groupings[0].Groups[0].Stats.SLA {
		if c.Kind == kind && c.Metric == metric {
			out = append(out, c)
		}
	}
	return out
}

func percent(f report.Fraction) string {
	v, ok := f.Value()
	if !ok {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*v)
}

func printSummary(w io.Writer, cfg config, p *provider, rep report.Report, n tally) error {
	fmt.Fprintf(w, "servicedesk: seed %d, %s to %s, %d incidents (%d opened in the period, %d in the month before), %d events\n",
		cfg.seed, rep.Period.From.In(p.ams).Format(time.DateOnly), rep.Period.To.In(p.ams).Format(time.DateOnly),
		n.incidents, n.inPeriod, n.warmUp, n.events)
	fmt.Fprintf(w, "major incidents: %d, with %d linked incidents resolved with them\n", n.majors, n.children)
	for _, metric := range []sla.Metric{sla.Respond, sla.Resolve} {
		fmt.Fprintf(w, "SLA %s compliance:", metric)
		for _, c := range compliance(rep, sla.SLA, metric) {
			fmt.Fprintf(w, " %s %s", c.Policy, percent(c.Ratio()))
		}
		fmt.Fprintln(w)
	}
	for _, c := range compliance(rep, sla.OLA, sla.Resolve) {
		if c.Policy == report.AllPolicies {
			fmt.Fprintf(w, "OLA resolve compliance, all departments: %s\n", percent(c.Ratio()))
		}
	}
	for _, name := range []string{cfg.html, cfg.markdown} {
		if name != "" {
			fmt.Fprintf(w, "wrote %s\n", name)
		}
	}
	return nil
}

// writeSummary writes the Markdown summary: what was simulated, then the
// report.
func writeSummary(w io.Writer, cfg config, p *provider, rep report.Report, n tally) error {
	fmt.Fprintf(w, "# Service desk simulation\n\n")
	fmt.Fprintf(w, "A managed-service provider with a service desk and %d technical departments, simulated with seed %d: "+
		"%d incidents opened in the period and %d in the month before it (the opening backlog), "+
		"%d major incidents with %d linked incidents, %d events in all, evaluated at the end of the period.\n\n",
		len(p.departments)-1, cfg.seed, n.inPeriod, n.warmUp, n.majors, n.children, n.events)
	opened := map[string]int64{}
	for _, g := range rep.Groupings {
		if g.Key == report.KeyCustomer {
			for _, grp := range g.Groups {
				opened[grp.Value] = grp.Stats.Counts.Opened
			}
		}
	}
	resolve := map[string]report.Fraction{}
	for _, c := range compliance(rep, sla.SLA, sla.Resolve) {
		resolve[c.Policy] = c.Ratio()
	}
	fmt.Fprintln(w, "| customer | contract | hours | opened | resolve compliance |")
	fmt.Fprintln(w, "| --- | --- | --- | ---: | ---: |")
	for _, c := range p.customers {
		hours := c.hours.Week().String() + " " + c.hours.Location().String()
		if c.holidays != "" {
			hours += ", " + c.holidays
		}
		if c.roundTheClock {
			hours = "round the clock"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %d | %s |\n", c.name, c.contract, hours, opened[c.name], percent(resolve[c.contract]))
	}
	fmt.Fprintln(w)
	return rep.WriteMarkdown(w)
}
