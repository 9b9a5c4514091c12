package slo_test

import (
	"fmt"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report/slo"
)

// The SRE workbook's multiwindow, multi-burn-rate alerts for a 30-day
// budget.
func ExampleWorkbookRules() {
	for _, r := range slo.WorkbookRules(slo.Rolling(30 * 24 * time.Hour)) {
		fmt.Println(r.Severity, r.Long, r.Short, r.Factor)
	}
	// Output:
	// page 1h0m0s 5m0s 14.4
	// page 6h0m0s 30m0s 6
	// ticket 72h0m0s 6h0m0s 1
}

// An availability SLO judged at now from the service's outages: down
// since 11:40, all three rules fire.
func ExampleSLO_Status() {
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	s, err := slo.New(0.999, slo.Rolling(30*24*time.Hour))
	if err != nil {
		fmt.Println(err)
		return
	}
	src, _ := slo.NewDowntimeSource([]calendar.Interval{{Start: now.Add(-20 * time.Minute)}}, nil)
	st, err := s.Status(now, src, slo.WorkbookRules(s.Period))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("budget left", st.Remaining, "firing", st.Firing)
	for _, a := range st.Alerts {
		fmt.Println(a.Rule.Severity, a.Rule.Long, "burning", a.LongRate, "and", a.ShortRate, "firing", a.Firing)
	}
	// Output:
	// budget left 53.7% firing page
	// page 1h0m0s burning 333.33 and 1000.00 firing true
	// page 6h0m0s burning 55.56 and 666.67 firing true
	// ticket 72h0m0s burning 4.63 and 55.56 firing true
}

// A quiet service: 4 requests in the last hour, 1 failed. The burn rate is
// 250, but no rule has the traffic its guard asks for, so nobody is paged;
// Held says why.
func ExampleNewEventSource() {
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	src, err := slo.NewEventSource([]slo.Sample{{At: now.Add(-2 * time.Minute), Bad: 1, Total: 4}})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, _ := slo.New(0.999, slo.Rolling(30*24*time.Hour))
	st, _ := s.Status(now, src, slo.WorkbookRules(s.Period))
	for _, a := range st.Alerts {
		fmt.Println(a.Rule.Severity, a.Rule.Long, "burn", a.LongRate, "events", a.Long.Total, "of", a.Rule.MinEvents, "held", a.Held)
	}
	fmt.Printf("firing %q\n", st.Firing)
	// Output:
	// page 1h0m0s burn 250.00 events 4 of 70 held true
	// page 6h0m0s burn 250.00 events 4 of 167 held true
	// ticket 72h0m0s burn 250.00 events 4 of 1000 held true
	// firing ""
}

// A calendar-month budget in Amsterdam: on 29 March at noon 683 of
// March's 743 hours (a daylight-saving hour short) have passed, and the
// budget is judged over them.
func ExampleMonth() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	s, _ := slo.New(0.99, slo.Month(ams))
	src, _ := slo.NewEventSource([]slo.Sample{
		{At: time.Date(2026, 3, 2, 9, 0, 0, 0, ams), Bad: 30, Total: 10000},
		{At: time.Date(2026, 3, 29, 3, 30, 0, 0, ams), Bad: 50, Total: 10000},
	})
	st, _ := s.Status(time.Date(2026, 3, 29, 12, 0, 0, 0, ams), src, nil)
	fmt.Println(st.From, "to", st.To)
	fmt.Printf("elapsed %.1f%%, bad %v of %v, burn rate %v, budget left %v\n", 100*st.Elapsed, st.Bad, st.Total, st.BurnRate, st.Remaining)
	// Output:
	// 2026-03-01 00:00:00 +0100 CET to 2026-04-01 00:00:00 +0200 CEST
	// elapsed 91.9%, bad 80 of 20000, burn rate 0.40, budget left 60.0%
}

// A latency SLO from Prometheus-style histograms: 95% of requests within
// 300ms.
func ExampleNewHistogramSource() {
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	src, err := slo.NewHistogramSource(300*time.Millisecond, []slo.Histogram{{
		At:      now.Add(-time.Minute),
		Buckets: []slo.Bucket{{Le: 100 * time.Millisecond, Count: 700}, {Le: 300 * time.Millisecond, Count: 880}, {Le: time.Second, Count: 990}},
		Count:   1000,
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, _ := slo.New(0.95, slo.Rolling(7*24*time.Hour))
	st, _ := s.Status(now, src, slo.WorkbookRules(s.Period))
	fmt.Println("slow", st.Bad, "of", st.Total, "- burn", st.BurnRate, "- firing", st.Firing)
	// Output:
	// slow 120 of 1000 - burn 2.40 - firing page
}

// One SLO per customer: each label's source judged at once, in label
// order.
func ExampleSLO_StatusByLabel() {
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	perCustomer := map[string][]slo.Sample{
		"acme":   {{At: now.Add(-time.Minute), Bad: 1, Total: 5000}},
		"globex": {{At: now.Add(-time.Minute), Bad: 400, Total: 5000}},
	}
	sources := map[string]slo.Source{}
	for customer, samples := range perCustomer {
		src, err := slo.NewEventSource(samples)
		if err != nil {
			fmt.Println(err)
			return
		}
		sources[customer] = src
	}
	s, _ := slo.New(0.999, slo.Rolling(30*24*time.Hour))
	all, err := s.StatusByLabel(now, sources, slo.WorkbookRules(s.Period))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range all {
		fmt.Printf("%s: budget left %v, firing %q\n", st.Label, st.Remaining, st.Firing)
	}
	// Output:
	// acme: budget left 80.0%, firing ""
	// globex: budget left -7900.0%, firing "page"
}
