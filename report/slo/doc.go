// Package slo judges service level objectives live: how much of an error
// budget is left and which burn-rate alerts fire at an instant. It is
// alerting, run every minute by a host; package report keeps the period
// report (availability, error budget and burn rate of a closed period).
//
// # Quick start
//
//	s, err := slo.New(0.999, slo.Rolling(30*24*time.Hour)) // 99.9% over 30 days
//	src, err := slo.NewEventSource(samples)                   // bad and total requests per scrape
//	st, err := s.Status(now, src, slo.WorkbookRules(s.Period))
//	if st.Firing == slo.Page { ... }                          // st.Remaining: budget left
//
// # Objectives and budget periods
//
// An SLO is a Target share of good events (or of agreed service time),
// 0 < Target < 1, over a budget Period: Rolling(d), the window [now - d,
// now), or Month(loc), the calendar month holding now in zone loc, from
// its first midnight to the next month's (so March in Europe/Amsterdam
// lasts 743 hours and October 745). The error budget is 1 - Target of
// the period's total.
//
// # Sources
//
// A Source counts bad and total in a half-open window [from, to):
//
//   - NewEventSource: Samples of Bad of Total events at an instant (the
//     increase of a request counter between two scrapes); a sample
//     counts in the window holding its At.
//   - NewLatencySource: one LatencySample per request, good when its
//     latency is at most the threshold ("le", as Prometheus histograms,
//     Sloth and Pyrra count it).
//   - NewHistogramSource: Prometheus-style cumulative Histograms; the
//     threshold must be a bucket bound (a histogram cannot split a
//     bucket; Pyrra asks the same).
//   - NewDowntimeSource: outages on a business calendar; bad is the
//     agreed service time the service was out, total the agreed service
//     time, in nanoseconds (all the time without a calendar). An outage
//     without an end lasts until now; overlapping outages count once.
//
// Event sources answer a window with two binary searches; a downtime
// source walks the outages the window touches. Hosts may write their own
// Source (a query to a metrics store); it must be pure.
//
// # Status
//
// SLO.Status(now, src, rules) returns a BudgetStatus: the budget period
// holding now (From, To), its elapsed part's share Elapsed (wall time; 1
// for a rolling period), Bad and Total over the elapsed part [From, now),
// and
//
//	burn rate  (Bad / Total) / (1 - Target)   1 spends the budget exactly by the period's end
//	remaining  1 - burn rate                  share of the budget left; negative once overspent
//
// both relative to the elapsed part: on the 10th of a month a remaining
// of 50% means half the budget of the traffic so far is spent. Without
// any Total both are not valid (report.Value prints "n/a"), never 0.
// SLO.StatusByLabel judges one SLO over a map of labelled sources (one per
// customer, service or region) at once and returns a status per label,
// in label order. BudgetStatus.Rows gives a status as report.Row values
// (grouping "slo", one group per label), the tidy form of a period
// report, so a host shows SLO results beside the report (its CSV rows)
// while package report itself does not import this one.
//
// # Burn-rate alerts
//
// A BurnRule fires when the burn rates over its Long and its Short window,
// both ending at now, exceed its Factor (the error ratio exceeds Factor x
// (1 - Target)), and the long window holds enough traffic. WorkbookRules
// gives the multiwindow, multi-burn-rate alerts of the Google SRE Workbook
// (table 5-8): page at 2% of the budget in 1 hour (short window 5m),
// page at 5% in 6 hours (30m), ticket at 10% in 3 days (6h); for 30 days
// the factors are 14.4, 6 and 1, and they scale with the period (a
// calendar month counts as 30 days). Alert windows are not cut at the
// start of a calendar month: burning is judged across the reset. Each
// Alert reports both windows' tallies and rates, Burning (both windows
// over the factor), Held and Firing; BudgetStatus.Firing is the most
// severe severity firing.
//
// # Low-traffic guard
//
// With few events one failure burns the budget at hundreds of times the
// allowed pace: 4 requests with 1 failure against 99.9% is a burn rate of
// 250, and without a guard it pages. Pyrra users asked for a minimum
// number of requests before an alert fires (pyrra#1925; off by default
// there), as the SRE Workbook discusses for low-traffic services. Here the
// guard is on by default: a rule fires only when its long window holds
// at least MinEvents events (event sources) or MinAgreed of agreed
// service time (downtime sources). A rule's own value wins, then the
// SLO's (MinEvents and MinAgreed options), then the default:
//
//	events       ceil(1 / (Factor x (1 - Target)))   a single bad event never fires a rule
//	                                                 (99.9%, 30 days: 70, 167 and 1000 events)
//	agreed time  the rule's Short window             (5m, 30m, 6h for the workbook's rules)
//
// The agreed-time default keeps a rule from judging the first minutes
// after a business calendar opens on a sliver of time. MinEvents(1)
// turns the event guard off. An alert over its factor but under its guard
// is Held, the "too few requests" Pyrra shows, so a host can still show it.
//
// # JSON and errors
//
// SLO, BurnRule, Sample, LatencySample, Histogram, BudgetStatus and Alert
// round-trip through encoding/json (durations as Go durations, ISO 8601
// accepted; zones as IANA names; enumerations as words: "page",
// "ticket", "events", "time", "month"). Decoding is strict: an unknown or
// repeated key, a wrong type, an unknown word or zone is an error naming
// its path. Every error of the package wraps ErrInvalid and is a
// *FieldError (the SDK's one error shape) whose Path names the field
// ("rules[1].short", "samples[3].at", "histograms[0].buckets",
// "sources.acme"); messages start with "slo: ". No input panics; the
// package reads no clock: now is a parameter.
//
// # Concurrency and cost
//
// SLOs, rules and the package's sources are values that never change
// once built: safe for concurrent use. Status over a month of minute
// samples costs a few microseconds and one allocation (bench/README.md).
//
// # Moved from package report
//
// report.SLO, NewSLO, BurnRule, WorkbookRules, Source, Sample,
// NewEventSource, NewDowntimeSource, BudgetStatus, Alert, Severity and
// ErrInvalidSLO now live here: report.NewSLO(t, d) is slo.New(t,
// slo.Rolling(d)), WorkbookRules takes a Period, report.ErrInvalidSLO is
// slo.ErrInvalid, a Source also says its Measure, and an Alert that
// pages needs the traffic of its guard. The JSON of an SLO reads as
// before ({"target": 0.999, "period": "720h0m0s"}).
package slo
