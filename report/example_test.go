package report_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
)

// A month of incidents on an office calendar: counts, durations on the
// wall clock and in business hours, and SLA compliance.
func ExampleAccumulator() {
	loc, _ := time.LoadLocation("Europe/Amsterdam")
	office, _ := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	day := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, loc) }
	acc, err := report.NewAccumulator(report.Spec{
		From: day(1, 0), To: time.Date(2026, 4, 1, 0, 0, 0, 0, loc), Location: loc,
		GroupBy: []string{report.KeyPriority}, Calendar: office,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	records := []report.Record{
		{ID: "INC1", Priority: 1, OpenedAt: day(2, 16), RespondedAt: day(2, 16), Resolutions: []time.Time{day(3, 10)},
			SLA: []report.Outcome{{Policy: "gold", Metric: sla.Resolve, Cycle: 1, State: sla.Met, Goal: 4 * time.Hour, Accrued: 2 * time.Hour, Ended: day(3, 10)}}},
		{ID: "INC2", Priority: 2, OpenedAt: day(4, 9), RespondedAt: day(4, 10), Resolutions: []time.Time{day(5, 17)},
			SLA: []report.Outcome{{Policy: "gold", Metric: sla.Resolve, Cycle: 1, State: sla.Breached, Goal: 8 * time.Hour, Accrued: 16 * time.Hour, BreachedAt: day(4, 17)}}},
		{ID: "INC3", Priority: 2, OpenedAt: day(30, 9)}, // still open
	}
	for _, r := range records {
		if err := acc.Add(r); err != nil {
			fmt.Println(err)
		}
	}
	rep := acc.Report()
	all := rep.Groupings[0].Groups[0].Stats
	fmt.Println("opened", all.Counts.Opened, "resolved", all.Counts.Resolved, "backlog at the end", all.Counts.BacklogEnd)
	fmt.Println("MTTR", all.Durations.MTTR.Wall.Mean, "on the clock,", all.Durations.MTTR.Business.Mean, "in business hours")
	v, _ := all.SLA[0].Ratio().Value()
	fmt.Printf("%s resolve compliance %.0f%% (%d met, %d breached)\n", all.SLA[0].Policy, 100*v, all.SLA[0].Met, all.SLA[0].Breached)
	for _, g := range rep.Groupings[1].Groups {
		fmt.Println(g.Value, "MTTA median", g.Stats.Durations.MTTA.Wall.Quantiles.Median)
	}
	// Output:
	// opened 3 resolved 2 backlog at the end 1
	// MTTR 25h0m0s on the clock, 9h0m0s in business hours
	// * resolve compliance 50% (1 met, 1 breached)
	// P1 MTTA median 0s
	// P2 MTTA median 1h0m0s
}

// Shards aggregated separately merge into the report of one pass.
func ExampleAccumulator_Merge() {
	spec := report.Spec{From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Location: time.UTC}
	east, _ := report.NewAccumulator(spec)
	west, _ := report.NewAccumulator(spec)
	opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	_ = east.Add(report.Record{ID: "E1", OpenedAt: opened, Resolutions: []time.Time{opened.Add(time.Hour)}})
	_ = west.Add(report.Record{ID: "W1", OpenedAt: opened, Resolutions: []time.Time{opened.Add(3 * time.Hour)}})
	if err := east.Merge(west); err != nil {
		fmt.Println(err)
		return
	}
	mttr := east.Report().Groupings[0].Groups[0].Stats.Durations.MTTR.Wall
	fmt.Println(mttr.Count, "resolutions, mean", mttr.Mean, "median", mttr.Quantiles.Median)
	// Output:
	// 2 resolutions, mean 2h0m0s median 2h0m0s
}

// A record from an incident's SLA evaluation: the chain's last link.
func ExampleNewRecord() {
	slas, _ := sla.NewSet(nil) // a host's SLA policies; none here
	at := func(h, m int) time.Time { return time.Date(2026, 3, 2, h, m, 0, 0, time.UTC) }
	history := []incident.Event{
		{At: at(9, 0), Actor: "desk", Type: incident.EventOpen, ID: "INC7", Service: "mail", Group: "desk"},
		{At: at(9, 30), Actor: "desk", Type: incident.EventAssign, Group: "network", Assignee: "ann"},
		{At: at(9, 45), Actor: "ann", Type: incident.EventTransition, Action: incident.ActionStart},
		{At: at(10, 0), Actor: "ann", Type: incident.EventTransition, Action: incident.ActionHold, HoldReason: incident.AwaitingVendor},
		{At: at(12, 0), Actor: "ann", Type: incident.EventTransition, Action: incident.ActionResume},
		{At: at(13, 0), Actor: "ann", Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "fixed", Note: "new cable"},
	}
	chronicle, err := incident.Replay(slas.Lifecycle(), history)
	if err != nil {
		fmt.Println(err)
		return
	}
	judged, err := slas.Evaluate(chronicle, at(17, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	rec, err := report.NewRecord(judged)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.ID, rec.Service, "resolved", rec.Resolutions[0].Format("15:04"))
	fmt.Println("on hold", rec.Holds[0].Start.Format("15:04"), "to", rec.Holds[0].End.Format("15:04"))
	for _, a := range rec.Assignments {
		fmt.Println("assigned to", a.Group, "at", a.At.Format("15:04"))
	}
	// Output:
	// INC7 mail resolved 13:00
	// on hold 10:00 to 12:00
	// assigned to desk at 09:00
	// assigned to network at 09:30
}

// A tidy CSV row per KPI; values without data say so.
func ExampleReport_WriteCSV() {
	spec := report.Spec{From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		Location: time.UTC, KPIs: []report.Family{report.FamilyCounts, report.FamilyRates}}
	acc, _ := report.NewAccumulator(spec)
	_ = acc.Add(report.Record{ID: "INC1", OpenedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)})
	_ = acc.Report().WriteCSV(os.Stdout)
	// Output:
	// period,bucket,grouping,group,kpi,value,unit
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,opened,1,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,resolved,0,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,closed,0,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,cancelled,0,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,reopened,0,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,backlog_start,0,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,backlog_end,1,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,backlog_change,1,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,backlog_age_0_1d,0,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,backlog_age_1_5d,0,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,backlog_age_5_10d,0,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,backlog_age_10_30d,1,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,backlog_age_30d_plus,0,count
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,reopen_rate,n/a,ratio
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,reassignment_rate,n/a,ratio
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,mean_reassignments,n/a,number
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,escalation_rate,n/a,ratio
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,first_contact_resolution,n/a,ratio
	// 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z,,all,all,first_group_resolution,n/a,ratio
}

// This month against the last: the delta, its direction and whether it
// is better.
func ExampleReport_Compare() {
	spec := report.Spec{From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		Location: time.UTC, KPIs: []report.Family{report.FamilyDurations}}
	records := []report.Record{
		{ID: "FEB", OpenedAt: time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC), Resolutions: []time.Time{time.Date(2026, 2, 10, 15, 0, 0, 0, time.UTC)}},
		{ID: "MAR", OpenedAt: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC), Resolutions: []time.Time{time.Date(2026, 3, 10, 11, 0, 0, 0, time.UTC)}},
	}
	run := func(s report.Spec) report.Report {
		acc, _ := report.NewAccumulator(s)
		for _, r := range records {
			_ = acc.Add(r)
		}
		return acc.Report()
	}
	rep := run(spec).Compare(run(spec.Previous()))
	for _, c := range rep.Changes {
		if c.KPI == "mttr_wall_mean" {
			fmt.Println(c.KPI, c.Previous, "->", c.Current, c.Delta, c.Direction, c.Assessment)
		}
	}
	// Output:
	// mttr_wall_mean 6h -> 2h -4h down better
}

// Availability of a service in its agreed service time: a major incident
// and an outage reported by monitoring (overlapping: one break), and a
// planned maintenance window, which leaves both the agreed time and the
// downtime.
func ExampleAccumulator_AddOutage() {
	day := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, time.UTC) }
	acc, err := report.NewAccumulator(report.Spec{
		From: day(1, 0, 0), To: day(31, 0, 0), Location: time.UTC, KPIs: []report.Family{report.FamilyAvailability},
		Availability: report.AvailabilitySpec{Target: 0.999,
			Maintenance: []report.Window{{Service: "mail", Start: day(7, 22, 0), End: day(8, 2, 0)}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The major incident: mail out from 10:00 until restored at 10:40.
	_ = acc.Add(report.Record{ID: "INC1", Service: "mail", Major: true, OpenedAt: day(3, 10, 0), RestoredAt: day(3, 10, 40)})
	// Monitoring saw it from 9:50; a blip in the maintenance window costs nothing.
	_ = acc.AddOutage(report.Window{Service: "mail", Start: day(3, 9, 50), End: day(3, 10, 30)})
	_ = acc.AddOutage(report.Window{Service: "mail", Start: day(8, 0, 0), End: day(8, 1, 0)})
	for _, s := range acc.Report().Availability {
		a, _ := s.Availability()
		mtbf, _ := s.MTBF()
		budget, _ := s.ErrorBudget()
		left, _ := s.BudgetRemaining()
		fmt.Printf("%s: agreed %v, downtime %v in %d break(s)\n", s.Service, s.AgreedTime, s.Downtime, s.Breaks)
		fmt.Printf("availability %.4f%%, MTBF %v\n", 100*a, mtbf)
		fmt.Printf("error budget %v, %.0f%% left\n", budget, 100*left)
	}
	// Output:
	// mail: agreed 716h0m0s, downtime 50m0s in 1 break(s)
	// availability 99.8836%, MTBF 715h10m0s
	// error budget 42m57.6s, -16% left
}

// Recurring incidents: three incidents of one configuration item and
// category within a week are a problem candidate.
func ExampleRecurring() {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	acc, err := report.NewAccumulator(report.Spec{
		From: day(1), To: day(31), Location: time.UTC, KPIs: []report.Family{report.FamilyRecurring},
		Recurring: report.Recurring{Threshold: 3, Window: 7 * 24 * time.Hour, By: []string{report.KeyConfigurationItem}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, d := range []int{2, 4, 6, 20} { // the 20th is two weeks later: not part of it
		_ = acc.Add(report.Record{ID: fmt.Sprintf("INC%d", i+1), ConfigurationItem: "printer-3", Category: "hardware", OpenedAt: day(d)})
	}
	_ = acc.Add(report.Record{ID: "INC9", ConfigurationItem: "printer-3", Category: "access", OpenedAt: day(5)})
	rec := acc.Report().Recurring
	fmt.Println(rec.Total, "finding(s)")
	for _, f := range rec.Listed {
		fmt.Println(f.By, f.Value, f.Category+":", f.Count, "of", f.Total, f.Incidents, f.First.Format("Jan 2"), "to", f.Last.Format("Jan 2"))
	}
	// Output:
	// 1 finding(s)
	// configuration_item printer-3 hardware: 3 of 4 [INC1 INC2 INC3] Mar 2 to Mar 6
}

// rateReport is the small report of the renderers' examples: two
// incidents resolved in March, one of them reassigned.
func rateReport() report.Report {
	spec := report.Spec{From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		Location: time.UTC, KPIs: []report.Family{report.FamilyRates}}
	acc, _ := report.NewAccumulator(spec)
	opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	_ = acc.Add(report.Record{ID: "INC1", OpenedAt: opened, Resolutions: []time.Time{opened.Add(time.Hour)}})
	_ = acc.Add(report.Record{ID: "INC2", OpenedAt: opened, Resolutions: []time.Time{opened.Add(2 * time.Hour)},
		Assignments: []report.Assignment{{At: opened, Group: "desk"}, {At: opened.Add(time.Hour), Group: "network"}}})
	return acc.Report()
}

// Plain-text tables for a terminal.
func ExampleReport_WriteText() {
	_ = rateReport().WriteText(os.Stdout)
	// Output:
	// Incident report 2026-03-01 00:00 to 2026-04-01 00:00
	// ====================================================
	// Period: [2026-03-01T00:00:00Z, 2026-04-01T00:00:00Z) UTC
	// One bucket: the whole period; durations on the wall clock
	//
	// KPIs of all incidents
	// ---------------------
	// KPI                         all
	// reopen rate                0.0%
	// reassignment rate         50.0%
	// mean reassignments         0.50
	// escalation rate            0.0%
	// first contact resolution  50.0%
	// first group resolution    50.0%
}

// GitHub-flavoured Markdown, figures right-aligned. (The lines under the
// title end in two spaces, Markdown's line break, shown here as "⏎".)
func ExampleReport_WriteMarkdown() {
	var md strings.Builder
	_ = rateReport().WriteMarkdown(&md)
	fmt.Print(strings.ReplaceAll(md.String(), "  \n", "⏎\n"))
	// Output:
	// # Incident report 2026-03-01 00:00 to 2026-04-01 00:00
	//
	// Period: \[2026-03-01T00:00:00Z, 2026-04-01T00:00:00Z) UTC⏎
	// One bucket: the whole period; durations on the wall clock⏎
	//
	// ## KPIs of all incidents
	//
	// | KPI | all |
	// | --- | ---: |
	// | reopen rate | 0.0% |
	// | reassignment rate | 50.0% |
	// | mean reassignments | 0.50 |
	// | escalation rate | 0.0% |
	// | first contact resolution | 50.0% |
	// | first group resolution | 50.0% |
}

// A self-contained page: tables and inline SVG charts, no script and no
// external asset.
func ExampleReport_WriteHTML() {
	spec := report.Spec{From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC),
		Location: time.UTC, Bucket: report.Day, KPIs: []report.Family{report.FamilyCounts}}
	acc, _ := report.NewAccumulator(spec)
	_ = acc.Add(report.Record{ID: "INC1", OpenedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)})
	var page strings.Builder
	_ = acc.Report().WriteHTML(&page)
	first, _, _ := strings.Cut(page.String(), "\n")
	fmt.Println(first)
	fmt.Println("charts:", strings.Count(page.String(), "<svg "), "scripts:", strings.Count(page.String(), "<script"))
	fmt.Println(strings.Contains(page.String(), "<figcaption>Backlog at the end of each day</figcaption>"))
	// Output:
	// <!DOCTYPE html>
	// charts: 4 scripts: 0
	// true
}

// The JSON form reads back into an equal Report; derived values (here
// availability and the error budget) are written for readers.
func ExampleReport_WriteJSON() {
	spec := report.Spec{From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
		Location: time.UTC, KPIs: []report.Family{report.FamilyAvailability}, Availability: report.AvailabilitySpec{Target: 0.99}}
	acc, _ := report.NewAccumulator(spec)
	_ = acc.AddOutage(report.Window{Service: "vpn", Start: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 1, 10, 6, 0, 0, time.UTC)})
	_ = acc.Report().WriteJSON(os.Stdout)
	// Output:
	// {
	//   "period": {
	//     "from": "2026-03-01T00:00:00Z",
	//     "to": "2026-03-02T00:00:00Z",
	//     "zone": "UTC",
	//     "bucket": "period",
	//     "kpis": [
	//       "availability"
	//     ],
	//     "as_of": "2026-03-02T00:00:00Z"
	//   },
	//   "buckets": [
	//     {
	//       "label": "period",
	//       "from": "2026-03-01T00:00:00Z",
	//       "to": "2026-03-02T00:00:00Z"
	//     }
	//   ],
	//   "groupings": [
	//     {
	//       "key": "all",
	//       "groups": [
	//         {
	//           "value": "all",
	//           "stats": {},
	//           "buckets": [
	//             {}
	//           ]
	//         }
	//       ]
	//     }
	//   ],
	//   "availability": [
	//     {
	//       "service": "vpn",
	//       "agreed_time": "24h0m0s",
	//       "maintenance": "0s",
	//       "downtime": "6m0s",
	//       "breaks": 1,
	//       "target": 0.99,
	//       "availability": 0.9958333333333333,
	//       "mtbf": "23h54m0s",
	//       "mtbsi": "24h0m0s",
	//       "error_budget": "14m24s",
	//       "budget_remaining": 0.5833333333333334,
	//       "burn_rate": 0.4166666666666667
	//     }
	//   ]
	// }
}

// A shard aggregated in another process travels as bytes; the combiner
// decodes it and merges it.
func ExampleAccumulator_MarshalBinary() {
	spec := report.Spec{From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Location: time.UTC}
	opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	worker, _ := report.NewAccumulator(spec)
	_ = worker.Add(report.Record{ID: "W1", OpenedAt: opened, Resolutions: []time.Time{opened.Add(3 * time.Hour)}})
	data, err := worker.MarshalBinary() // sent to the combiner
	if err != nil {
		fmt.Println(err)
		return
	}

	combiner, _ := report.NewAccumulator(spec)
	_ = combiner.Add(report.Record{ID: "C1", OpenedAt: opened, Resolutions: []time.Time{opened.Add(time.Hour)}})
	var shard report.Accumulator // the spec travels with the bytes
	if err := shard.UnmarshalBinary(data); err != nil {
		fmt.Println(err)
		return
	}
	if err := combiner.Merge(&shard); err != nil {
		fmt.Println(err)
		return
	}
	mttr := combiner.Report().Groupings[0].Groups[0].Stats.Durations.MTTR.Wall
	fmt.Println(mttr.Count, "resolutions, mean", mttr.Mean)
	// Output:
	// 2 resolutions, mean 2h0m0s
}
