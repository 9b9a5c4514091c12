// Package report aggregates incidents into KPI reports — what a service
// provider did for a customer, where the SLA violations were and who held
// the incidents when they happened — and renders them as plain text,
// Markdown, tidy CSV, JSON and a self-contained HTML page with SVG charts.
// Every KPI has one exact definition, stated below with its edge cases.
//
// # Input: records
//
// A Record is what the report needs of one incident: its grouping keys
// (priority, service, CI, customer, category), its milestones (opening,
// first response, restoration, first escalation, every resolution and
// reopening, closure or cancellation), its on-hold intervals, its
// assignment groups over time and the outcome of every cycle of its
// SLA/OLA clocks. NewRecord derives it from the incident's sla.Evaluation
// (the chain incident.Replay, sla.Set.Evaluate, NewRecord: the chronicle's
// spans, in the incident package's words, and the SLA results, without a
// second replay); hosts that store these facts may fill a Record
// directly. Records are checked on Add (a *FieldError wrapping
// ErrInvalidRecord names the record and the field:
// records["INC-1"].holds[0].end) and never retained.
//
// A record holds the incident's whole history, not the period's part:
// this month's opening backlog needs last month's openings. Add every
// incident that was open at some time in the period or had an event in
// it; others are checked and ignored.
//
// # Period, buckets and groups
//
// A Spec gives the period [From, To), its time zone, the buckets (the
// whole period, days, ISO weeks from Monday, or calendar months, cut at
// local midnight; the first and last are clipped to the period), the
// groupings (built-in keys or WithKey functions; "all" always comes first)
// and the KPI families to compute. Intervals are half-open everywhere: an
// event exactly at To belongs to the next period.
//
// An incident is grouped by its values in the record, as it stands (its
// current priority, its last assignment group), not as they were at each
// event. Each event counts in the bucket that holds its instant. KPIs are
// event-based: a report of a past period depends only on the events
// before its end, so it does not change when incidents are reopened or
// closed later — with one exception, noted at the reopen rate.
//
// # Counts (FamilyCounts)
//
//	opened      openings in the span
//	resolved    resolutions in the span: entries into a resolved state
//	            from an open one (an incident resolved, reopened and
//	            resolved again counts twice)
//	closed      entries into a resolved terminal state in the span
//	cancelled   entries into a terminal state that is not resolved
//	reopened    reopenings in the span: returns from resolved to open
//	backlog     incidents open at an instant t: open after their events
//	            before t (opened before t, and neither resolved nor
//	            cancelled since their last opening or reopening before t)
//	backlog_start, backlog_end   the backlog at the span's start and end
//	backlog_change               backlog_end - backlog_start
//	aging       the backlog as of Spec.AsOf (default To; a host passes
//	            its now, so the running month is aged at now) by age,
//	            AsOf - opening, in days of 24 hours: [0, 1), [1, 5),
//	            [5, 10), [10, 30), 30 or more (period only). The ageing
//	            of open incidents as ITIL 4's service desk and HDI's
//	            backlog reports class it.
//
// The counts reconcile: backlog_end = backlog_start + opened + reopened -
// resolved - cancelled, for the period and for every bucket, when
// cancellations are of open incidents (always so in the default
// lifecycle). Counts are never n/a: zero is a count.
//
// # Durations (FamilyDurations)
//
// Each duration is measured on the wall clock (the real time elapsed)
// and, when the spec has a Calendar or Calendars, in business hours: the
// business time (Calendar.Between) on the incident's own calendar,
// Record.Calendar (the calendar its SLA ran on: an overnight outage on a
// 24x7 contract counts its night), else Spec.Calendar. Each group lists
// the calendars its business hours were measured on (Group.Calendars,
// named by Spec.Calendars). MTTR here is mean time to resolve, one of the
// four meanings in use (repair, recovery, respond and resolve): MTRS is
// the restore one (ITIL 4's "mean time to restore service").
//
//	MTTA  mean time to acknowledge: opening to the first response to the
//	      caller, or to the first resolution if that comes first (as the
//	      sla package's respond metric stops); a sample in the span of
//	      the acknowledgement
//	MTRS  mean time to restore service: opening to the first restoration
//	      (a workaround, or the first resolution if earlier or alone); a
//	      sample in the span of the restoration
//	MTTR  mean time to resolve (ITIL 4, HDI): opening to the final
//	      resolution, one sample per incident, in the span of that
//	      resolution. The final resolution is the last one, not followed
//	      by a reopening (as ServiceNow's resolve time): a reopened
//	      incident counts once, with its whole time to resolve, and none
//	      while it is open again. Like the reopen rate it looks ahead: a
//	      resolution reopened after the period leaves that period's MTTR
//	      when the record is added again
//	hold  time on hold between the opening and the final resolution (paused
//	      time: the holds' overlap with [opening, resolution); a hold
//	      still open at the resolution counts up to it); one sample per
//	      MTTR sample, zero for incidents never on hold
//
// For each: the count of samples, the mean (the exact integer mean of the
// nanoseconds, rounded half up) and, over the period, the median, p90, p95
// and p99 as R-7 quantiles (Hyndman and Fan 1996, definition 7; R's
// default, Excel's PERCENTILE.INC): with the n samples sorted x[0] <= ...
// <= x[n-1] and h = (n - 1) p, Q(p) = x[floor(h)] + (h - floor(h))
// (x[floor(h)+1] - x[floor(h)]), computed in integers (p as a fraction
// of 100) and rounded half up to the nanosecond, so samples in whole
// seconds give quantiles without float residue. A quantile p needs
// n >= 1 / (1 - p) samples to mean anything (10 for p90, 20 for p95, 100
// for p99): Distribution.Meaningful says so and the renderers mark the
// others. Per bucket only the count and mean are kept, except for the
// "all" group, whose buckets also have the median and p90 of MTTA and
// MTTR (the dashboard's trends). Without samples the mean and
// quantiles are n/a, never 0. Open incidents give no resolve sample.
//
// # SLA compliance (FamilySLA)
//
// Every cycle of every metric of every policy in the records' outcomes
// (several for the update metric and for reset clocks) is decided at one
// instant and counts in that instant's span: met at its stop, breached at
// the instant its accrued time reached the goal (BreachedAt) — whether the
// clock then stopped or still runs — and cancelled at its cancellation.
// Pending, running and paused cycles within their goal are not decided
// and not counted.
//
//	compliance = met / (met + breached)
//
// (the SLA attainment of ITIL 4's service level management, as Jira
// Service Management and ServiceNow compute it)
// per kind (SLA, OLA), metric and policy, and per kind and metric over
// all policies (Policy "*"), with the counts of met, breached and
// cancelled cycles; cancelled cycles are excluded from the ratio, as Jira
// Service Management and ServiceNow exclude them. With met + breached = 0
// compliance is n/a.
//
// The headline sla_compliance and sla_breached sum the cycles of every
// metric of every SLA (not OLA) policy.
//
// The breach list (Breaches) counts every breach decided in the period
// and lists the Spec.BreachLimit largest overruns, each with incident,
// priority, service, policy, metric, cycle, breach instant, goal, overrun
// (accrued - goal when the host evaluated the clock) and the group that
// held the incident at the breach (the last assignment at or before it).
// ByGroup counts breaches per group at breach, kind and metric: the
// violation analysis.
//
// Each listed breach carries the customer and the clock's timeline
// (Outcome.Timeline, which NewRecord fills for breached cycles: every
// clock event with the time accrued at it, the thresholds and the
// breach), so that a dispute can be settled from the report.
//
// # Overview (FamilyCounts)
//
// Report.Arrivals counts the period's openings by weekday and hour in the
// report's zone; Report.Top lists the services and categories with the
// most incidents opened in the period and the most SLA breaches in it
// (TopLimit of each).
//
// # Rates (FamilyRates)
//
// Over the resolutions in the span (Den = resolved; n/a without any):
//
//	reopen_rate               resolutions later reopened / resolutions.
//	                          The one KPI that looks ahead: a resolution
//	                          reopened after the period still counts as
//	                          reopened (reopening windows are short)
//	reassignment_rate         resolutions of incidents reassigned at least
//	                          once before the resolution / resolutions
//	mean_reassignments        reassignments (changes of group after the
//	                          first) before the resolutions / resolutions
//	escalation_rate           resolutions of incidents escalated at or
//	                          before the resolution (Record.EscalatedAt)
//	                          / resolutions; NewRecord takes the first
//	                          declaration as major or raise of priority
//	                          after opening
//	first_contact_resolution  ITIL 4 and HDI: resolved at the first
//	                          contact by the first line — first
//	                          resolutions by the first assigned group
//	                          (one of Spec.FirstLine when set: the
//	                          service desk), without reassignment,
//	                          without escalation at or before them, never
//	                          reopened (looking ahead, as reopen_rate) /
//	                          resolutions
//	first_group_resolution    a looser variant under its own name: first
//	                          resolutions with no reassignment before
//	                          them, by the first assigned group (or
//	                          without any group), escalated or reopened
//	                          or not / resolutions
//
// # Availability (FamilyAvailability)
//
// Per service, over the period, measured in agreed service time: business
// time on the service's calendar (AvailabilitySpec.Services, else
// ServiceTime, else all the time). Outages come from major incidents, from
// opening to restoration (an unrestored one lasts to the period's end; one
// cancelled before any restoration was a false alarm), and from
// Accumulator.AddOutage; overlapping or touching outages are one break.
// Planned maintenance windows leave the denominator and the downtime.
//
//	agreed      agreed service time in the period - agreed time in maintenance
//	downtime    agreed time outside maintenance during outages
//	availability  (agreed - downtime) / agreed        n/a without agreed time
//	breaks      outages with downtime in the period
//	MTBF        (agreed - downtime) / breaks          ITIL; n/a without breaks
//	MTBSI       agreed / breaks                       ITIL; n/a without breaks
//	error_budget     (1 - target) x agreed           with an SLO target
//	budget_remaining 1 - downtime / error_budget      negative once overspent
//	burn_rate        (downtime / agreed) / (1 - target)   1 spends it exactly
//
// Services listed are those of the records that touch the period, of
// outages, of service calendars and of maintenance windows.
//
// Live SLO evaluation (error budgets now, burn-rate alerts) is alerting,
// not reporting: it lives in package report/slo, which can give its
// results as this package's Rows.
//
// # Recurring incidents (FamilyRecurring)
//
// A problem candidate is a key — a service, or a configuration item — and
// a category with Recurring.Threshold or more incidents opened in the
// period within less than Recurring.Window of each other (default 3 within
// 7 days: to err is human, to err twice the same way is a problem).
// Sorted by opening, the incidents i..i+N-1 qualify when at[i+N-1] - at[i]
// < window; a finding counts the incidents in any qualifying window and
// lists the first ones. Incidents without the key are not compared.
// Findings are ranked by count; Recurring.Limit of them are listed.
//
// # Comparison
//
// Report.Compare(previous) adds a Change per whole-period KPI: previous
// and current values, the delta in the KPI's unit, the direction (up,
// down, flat) and, for KPIs where a direction is good, the assessment
// (better, worse, same). Spec.Previous gives the spec of the preceding
// period: the same number of months, days or duration.
//
// # Streaming and merging
//
// An Accumulator takes records one at a time. Its memory grows with the
// number of groups, buckets and SLA policies, not with the records, except
// for what exact quantiles and recurrence detection need: eight bytes per
// duration sample, about 26 bytes and the ID per incident opened in the
// period, and the outages. Merge combines two accumulators of one spec
// exactly: counts and sums are integers (durations in nanoseconds, summed
// in 128 bits), quantiles are taken over the union of the samples, lists
// are kept in a total order. Shards aggregated separately and merged in
// any order give the same Report as one pass, to the last bit.
// Accumulator.MarshalBinary encodes an accumulator (its spec, which needs
// an IANA zone, and all it holds) and UnmarshalBinary decodes it, into a
// zero Accumulator or, when the spec has custom keys (functions do not
// travel), into one built with the same options: a combiner in another
// process merges shards exactly as in one.
//
// # Renderers and JSON
//
// Report.WriteText, WriteMarkdown, WriteCSV, WriteJSON and WriteHTML write
// to an io.Writer, the only I/O in the package. Values without data render
// as "n/a". For people (text, Markdown, HTML) durations read as people
// write them, the two largest units ("2d 4h", "3h 20m", "45s") and
// percentages keep one decimal but never round across a target or to a
// whole 100% or 0% they did not reach (99.979% against 99.8% shows as
// "99.98%", not "100.0%"); CSV and JSON keep exact machine values (Go
// durations to the nanosecond, ratios as float64). CSV has one tidy row per grouping, group, bucket and KPI
// (columns period, bucket, grouping, group, kpi, value, unit; durations
// as Go durations). The HTML page is a dashboard (see WriteHTML: tiles
// judged against Spec.Targets, compliance, trends, arrivals heatmap,
// aging, top lists, breach drill-down with timelines, a section per
// customer; WriteCustomerHTML writes one customer's page); it has no
// script and no external asset and reads at 1400 px and on a phone.
// A Report round-trips through JSON (instants in UTC, durations as Go
// durations, enumerations as words); so do Spec and Record.
//
// # Configuration is strict
//
// The JSON of a Spec (and of its Recurring, AvailabilitySpec and Window),
// of a Record (and its Outcome and Assignment), of a Report (and every
// part of it), of an SLO and of a BurnRule is decoded strictly: a key that
// is not a field (a misspelling such as "groupby" or "treshold"), a key
// given twice, a value of the wrong type, a number out of range for its
// field, an unknown word and a malformed duration, instant, zone or
// calendar are errors, never silently dropped or defaulted. Names are
// checked at construction against what exists, and the message lists it:
// group_by keys against the built-in keys and those of WithKey, KPI
// families against the families, recurring.by against service and
// configuration_item, and, when the host declares its services with
// WithServices, the services of availability.services, of maintenance
// windows and of AddOutage. Calendars are given whole, by their JSON
// definition, not by name, so no calendar name can dangle. What the
// package writes (Spec, Record, Report, SLO) reads back losslessly;
// derived values in a Report's JSON (ratios, availability) are accepted
// and recomputed.
//
// encoding/json checks that its input is JSON before a type's
// UnmarshalJSON sees it, so json.Unmarshal reports malformed JSON
// (including nesting deeper than 10,000 levels) as its own
// *json.SyntaxError; calling the type's UnmarshalJSON directly reports it
// as a *FieldError like every other mistake.
//
// # Errors
//
// Every error is a *FieldError — the SDK's one error shape, the same type
// as incident.FieldError and the other packages' — with Path (the JSON
// path of the field, relative to the value checked: "recurring.window",
// "group_by[1]", `records["INC-1"].holds[0].end`), Value, Reason, and Err,
// one of the package's sentinels, for errors.Is:
//
//	ErrInvalidSpec      NewAccumulator, its options, AddOutage and the
//	                    Spec's JSON
//	ErrInvalidRecord    Add and NewRecord (the accumulator is unchanged) and
//	                    the Record's JSON
//	ErrInvalidReport    the Report's JSON
//	ErrUnknownWord      an enumeration's word (BucketSize, Family, Unit);
//	                    inside a Spec or Report the error
//	                    wraps that one's sentinel too
//	ErrIncompatible     Merge and UnmarshalBinary: another spec or keys
//	ErrInvalidEncoding  UnmarshalBinary: bytes MarshalBinary did not write
//
// An error of another package that this one reports (a calendar's, a
// duration's, sla's for an SLA state) is the FieldError's Cause, so
// errors.Is and errors.As see it too, but the FieldError's sentinel is
// always this package's. Messages start with "report: ". No input
// panics. The package reads no clock: periods and instants are
// parameters.
//
// Enumerations follow one rule: a value with a word marshals as it; the
// zero value of a type whose zero has no word (Family, Unit)
// marshals as "" and parses from ""; any other value is unknown: String
// prints Type(n), marshalling fails and an unknown word fails listing the
// known ones. BucketSize's zero value is Whole, "period"; "" is not a
// bucket size.
//
// Changes of issue 13: RecordError is gone (record errors are
// *FieldError with the record in the path; its ID and Field are the
// path's `records["id"]` and the rest); FieldError.Field is Path; an
// Assignment's JSON keys are "at" and "group" (they were "At" and
// "Group", the only keys not in snake_case); an empty "bucket" is no
// longer read as Whole. Live SLO evaluation (SLO, burn-rate rules,
// sources, ErrInvalidSLO) moved to report/slo (issue 18): alerting is not
// reporting.
//
// # Cost
//
// A full report (every family, grouped by priority and by service,
// monthly buckets over a year, business hours) over 1,000,000 incidents
// takes about a second on one core and about 200 MB (the dashboard's
// per-bucket trends keep two more samples per incident); bench/README.md
// records the numbers and BenchmarkReport1M reproduces them.
package report
