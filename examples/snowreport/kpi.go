package main

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"
)

// Report is what snowreport computes from an export. Its JSON form is the
// -format json output; text and markdown render the same values.
type Report struct {
	Source    string `json:"source"`
	Rows      int    `json:"rows"`         // data rows in the file
	Applied   int    `json:"rows_applied"` // rows whose values were taken
	Skipped   int    `json:"rows_skipped"` // rows counted in the data-quality section instead
	Incidents int    `json:"incidents"`
	AsOf      string `json:"as_of"` // latest sys_updated_at, UTC
	Dates     string `json:"dates"` // how dd-MM / MM-dd dates were read
	Lifecycle string `json:"lifecycle"`

	KPIs        []KPI         `json:"kpis"`
	States      []Count       `json:"states"`
	Backlog     []Count       `json:"backlog_age"`
	Resolve     []ResolveRow  `json:"time_to_resolve"`
	Transitions Matrix        `json:"transitions"`
	Reassign    []Count       `json:"reassignment_count"`
	Reopen      []Count       `json:"reopen_count"`
	Observed    []KPI         `json:"observed_in_rows"`
	Quality     QualityReport `json:"data_quality"`

	outOfOrder int // incidents whose rows were read out of order (sorted after the read)
}

// KPI is one figure with its definition.
type KPI struct {
	Name       string `json:"name"`
	Value      Number `json:"value"`
	Unit       string `json:"unit,omitempty"`
	Definition string `json:"definition"`
}

// Count is a label and how many.
type Count struct {
	Label string `json:"label"`
	N     int    `json:"n"`
}

// ResolveRow is time to resolve for one priority (or "all"), in hours.
type ResolveRow struct {
	Priority  string `json:"priority"`
	Incidents int    `json:"incidents"`
	Resolved  int    `json:"resolved_or_closed"`
	N         int    `json:"n"`
	Unknown   int    `json:"unknown"`
	Mean      Number `json:"mean_h"`
	Median    Number `json:"median_h"`
	P90       Number `json:"p90_h"`
}

// Number is a figure that may be undefined (a mean of nothing): NaN, which
// JSON writes as null and text as "n/a".
type Number float64

// MarshalJSON writes NaN as null.
func (n Number) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(n)) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(n))
}

// UnmarshalJSON reads null as NaN.
func (n *Number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = Number(math.NaN())
		return nil
	}
	return json.Unmarshal(b, (*float64)(n))
}

// Matrix counts moves between states: Counts[i][j] moves from States[i]
// to States[j].
type Matrix struct {
	States []string `json:"states"`
	Counts [][]int  `json:"counts"`
}

// QualityReport counts what the tool did not take as it stands.
type QualityReport struct {
	Skipped           []Count `json:"rows_skipped"`
	Ignored           []Count `json:"values_ignored"`
	Moves             []Count `json:"moves_lifecycle_lacks"`
	UnknownResolution []Count `json:"resolution_time_unknown"`
	Findings          int     `json:"findings"`
}

// Definitions of the KPIs, written into every report.
const (
	defLatest = "Each incident's fields are those of its latest row (by sys_updated_at, then sys_mod_count, then file order) in which the field is readable; an empty value counts as the value."
	defTTR    = "resolved_at - opened_at, wall clock, for incidents in state Resolved or Closed; unknown (counted, excluded) when resolved_at is empty, opened_at missing or resolved_at before opened_at. Median and p90 interpolate linearly between ranks (pandas' default)."
)

// finish completes the walk of the rows (resort) and computes the report:
// the matrix and the moves the check lacks from the walk, the KPIs from
// every incident's fields. Its errors are those of temporary files.
func (p *pass) finish(source string) (Report, error) {
	defer p.close()
	if err := p.resort(); err != nil {
		return Report{}, err
	}
	q := p.quality
	rep := Report{Source: source, Rows: p.rows, Applied: p.applied, Incidents: p.nrecords, Lifecycle: p.check.name, outOfOrder: p.outOfOrder}
	for _, n := range q.skipped {
		rep.Skipped += n
	}
	if p.haveAsOf {
		rep.AsOf = time.Unix(p.asOf, 0).UTC().Format("2006-01-02 15:04:05")
	}
	switch {
	case p.orderUsed == 0:
		rep.Dates = dateOrder(orderUnknown).String()
	case p.fixed:
		rep.Dates = p.order.String() + ", as -dates says"
	default:
		rep.Dates = p.order.String() + ", as the export shows"
	}

	t := &p.tally
	matrix := t.matrix
	var states [nodeCount]int
	var ttr [6][]int64 // by priority, 0 unknown
	var ttc []int64
	ttcUnknown := 0
	var incidents, resolvedN, unknownTTR [6]int
	unknown := map[string]int{}
	var backlog [6]int
	var reassignDist, reopenDist [7]int
	var reassignN, reassignSum, reassigned, reopenN, reopenSum, reopened, madeN, madeMet, closed int
	for ri := range int32(p.nrecords) {
		rec := p.record(ri)
		states[rec.node]++
		pr := 0
		if rec.has&(1<<fieldPriority) != 0 && rec.prio > 0 {
			pr = int(rec.prio)
		}
		incidents[pr]++
		if rec.node == nodeClosed {
			closed++
		}
		if rec.node.open() {
			switch age := p.asOf - rec.opened; {
			case rec.has&(1<<fieldOpened) == 0:
				backlog[5]++
			case age < 86400:
				backlog[0]++
			case age < 5*86400:
				backlog[1]++
			case age < 10*86400:
				backlog[2]++
			case age < 30*86400:
				backlog[3]++
			default:
				backlog[4]++
			}
		}
		if rec.node == nodeClosed {
			if rec.has&(1<<fieldClosed) == 0 || rec.closed == unset || rec.has&(1<<fieldOpened) == 0 || rec.closed < rec.opened {
				ttcUnknown++
			} else {
				ttc = append(ttc, rec.closed-rec.opened)
			}
		}
		if rec.node.resolved() {
			resolvedN[pr]++
			switch {
			case rec.has&(1<<fieldResolved) == 0 || rec.resolved == unset:
				unknown["no resolved_at"]++
				unknownTTR[pr]++
			case rec.has&(1<<fieldOpened) == 0:
				unknown["no opened_at"]++
				unknownTTR[pr]++
			case rec.resolved < rec.opened:
				unknown["resolved_at before opened_at"]++
				unknownTTR[pr]++
			default:
				ttr[pr] = append(ttr[pr], rec.resolved-rec.opened)
			}
		}
		if rec.has&(1<<fieldReassign) != 0 && rec.reassign >= 0 {
			reassignN++
			reassignSum += int(rec.reassign)
			reassignDist[min(rec.reassign, 5)]++
			if rec.reassign > 0 {
				reassigned++
			}
		} else {
			reassignDist[6]++
		}
		if rec.has&(1<<fieldReopen) != 0 && rec.reopen >= 0 {
			reopenN++
			reopenSum += int(rec.reopen)
			reopenDist[min(rec.reopen, 5)]++
			if rec.reopen > 0 {
				reopened++
			}
		} else {
			reopenDist[6]++
		}
		if rec.has&(1<<fieldMadeSLA) != 0 && rec.made >= 0 {
			madeN++
			if rec.made == 1 {
				madeMet++
			}
		}
	}

	if t.assignLacks > 0 {
		q.moves["assignment changed while Resolved or Closed"] += t.assignLacks
	}
	for from := range nodeCount {
		for to := range nodeCount {
			if n := t.lacks[from][to]; n > 0 {
				q.moves[moveKind(from, to)] += n
			}
		}
	}
	if p.findings != nil {
		err := p.findings.each(func(f finding) error {
			rec := p.record(f.rec)
			if rec.cut != 0 && f.flags&findingExact == 0 {
				return nil // found before the cut; resort found it again, or not
			}
			if f.flags&findingAssignment != 0 {
				q.list.add(int(f.line), rec.number, "move the lifecycle lacks: assignment changed while Resolved or Closed", f.to.String())
			} else {
				q.list.add(int(f.line), rec.number, "move the lifecycle lacks: "+moveKind(f.from, f.to), f.from.String()+" -> "+f.to.String())
			}
			return nil
		})
		if err != nil {
			return Report{}, err
		}
	}

	ratio := func(a, b int) Number {
		if b == 0 {
			return Number(math.NaN())
		}
		return Number(float64(a) / float64(b))
	}
	var all []int64
	for _, d := range ttr {
		all = append(all, d...)
	}
	allStats, closeStats := durationStats(all), durationStats(ttc)
	sumInts := func(a [6]int) int {
		n := 0
		for _, v := range a {
			n += v
		}
		return n
	}
	rep.KPIs = []KPI{
		{"incidents", Number(p.nrecords), "", "distinct numbers with at least one applied row"},
		{"closed", Number(closed), "", "incidents whose state is Closed"},
		{"open", Number(states[nodeNew] + states[nodeInProgress] + states[nodeCustomActive] + sumOnHold(states)), "", "incidents whose state is New, In Progress (Active), On Hold (Awaiting ...) or a custom active state (-100): the backlog as of " + rep.AsOf},
		{"reopened_incidents", Number(reopened), "", "incidents with reopen_count > 0"},
		{"reopenings", Number(reopenSum), "", "sum of reopen_count"},
		{"mean_reassignments", ratio(reassignSum, reassignN), "", fmt.Sprintf("mean reassignment_count over the %d incidents that have one (ServiceNow adds 1 each time assignment_group changes after the first assignment)", reassignN)},
		{"reassigned_incidents", Number(reassigned), "", "incidents with reassignment_count > 0"},
		{"made_sla_known", Number(madeN), "", "incidents whose made_sla is true or false"},
		{"made_sla_rate", 100 * ratio(madeMet, madeN), "%", "share of those with made_sla true (ServiceNow sets it false once an SLA of the incident breaches)"},
		{"ttr_n", Number(allStats.n), "", "incidents with a known time to resolve: " + defTTR},
		{"ttr_unknown", Number(sumInts(unknownTTR)), "", "Resolved or Closed incidents whose time to resolve is unknown (excluded, never 0 h)"},
		{"ttr_mean", allStats.mean, "h", "mean time to resolve"},
		{"ttr_median", allStats.median, "h", "median time to resolve"},
		{"ttr_p90", allStats.p90, "h", "90th percentile of time to resolve"},
		{"ttc_n", Number(closeStats.n), "", "Closed incidents with a known time to close: closed_at - opened_at, wall clock; unknown (counted, excluded) when closed_at is empty, opened_at missing or closed_at before opened_at"},
		{"ttc_unknown", Number(ttcUnknown), "", "Closed incidents whose time to close is unknown"},
		{"ttc_mean", closeStats.mean, "h", "mean time to close"},
		{"ttc_median", closeStats.median, "h", "median time to close"},
	}
	for n := nodeNew; n < nodeCount; n++ {
		if states[n] > 0 {
			rep.States = append(rep.States, Count{n.String(), states[n]})
		}
	}
	if states[nodeUnknown] > 0 {
		rep.States = append(rep.States, Count{"unknown (no readable incident_state)", states[nodeUnknown]})
	}
	for i, label := range []string{"< 1 day", "1-5 days", "5-10 days", "10-30 days", ">= 30 days", "opened_at unknown"} {
		rep.Backlog = append(rep.Backlog, Count{label, backlog[i]})
	}
	row := func(label string, pr int, d []int64) ResolveRow {
		s := durationStats(d)
		r := ResolveRow{Priority: label, N: s.n, Mean: s.mean, Median: s.median, P90: s.p90}
		if pr < 0 {
			r.Incidents, r.Resolved, r.Unknown = p.nrecords, sumInts(resolvedN), sumInts(unknownTTR)
		} else {
			r.Incidents, r.Resolved, r.Unknown = incidents[pr], resolvedN[pr], unknownTTR[pr]
		}
		return r
	}
	rep.Resolve = append(rep.Resolve, row("all", -1, all))
	for pr, name := range []string{"", "1 - Critical", "2 - High", "3 - Moderate", "4 - Low", "5 - Planning"} {
		if pr > 0 && incidents[pr] > 0 {
			rep.Resolve = append(rep.Resolve, row(name, pr, ttr[pr]))
		}
	}
	if incidents[0] > 0 {
		rep.Resolve = append(rep.Resolve, row("unknown", 0, ttr[0]))
	}

	var used []node
	for n := nodeNew; n < nodeCount; n++ {
		for m := nodeNew; m < nodeCount; m++ {
			if matrix[n][m] > 0 || matrix[m][n] > 0 {
				used = append(used, n)
				break
			}
		}
	}
	rep.Transitions.States = []string{}
	rep.Transitions.Counts = [][]int{}
	for _, n := range used {
		rep.Transitions.States = append(rep.Transitions.States, n.String())
		line := make([]int, len(used))
		for j, m := range used {
			line[j] = matrix[n][m]
		}
		rep.Transitions.Counts = append(rep.Transitions.Counts, line)
	}
	dist := func(d [7]int) []Count {
		out := []Count{{"0", d[0]}, {"1", d[1]}, {"2", d[2]}, {"3", d[3]}, {"4", d[4]}, {"5 or more", d[5]}}
		return append(out, Count{"empty or unreadable", d[6]})
	}
	rep.Reassign, rep.Reopen = dist(reassignDist), dist(reopenDist)
	rep.Observed = []KPI{
		{"group_changes", Number(t.groupChanges), "", "consecutive rows of an incident whose assignment_group differs (both set); below the sum of reassignment_count when the export lacks intermediate updates"},
		{"reassignment_count_sum", Number(reassignSum), "", "sum of reassignment_count"},
		{"reopen_moves", Number(t.reopenMoves), "", "moves from Resolved or Closed to an open state between consecutive rows"},
		{"reopen_count_sum", Number(reopenSum), "", "sum of reopen_count"},
		{"assignment_changes_after_resolution", Number(t.assignAfter), "", "rows that change the group or assignee of an incident that was and stays Resolved or Closed (ServiceNow allows it; the ITIL lifecycle does not)"},
	}

	rep.Quality.Skipped = []Count{}
	for r := range skipCount {
		if q.skipped[r] > 0 {
			rep.Quality.Skipped = append(rep.Quality.Skipped, Count{skipNames[r], q.skipped[r]})
		}
	}
	rep.Quality.Ignored = sortedCounts(q.ignored)
	rep.Quality.Moves = sortedCounts(q.moves)
	rep.Quality.UnknownResolution = sortedCounts(unknown)
	rep.Quality.Findings = q.total()
	return rep, nil
}

func sumOnHold(states [nodeCount]int) int {
	n := 0
	for s := nodeOnHold; s <= nodeAwaitingEvidence; s++ {
		n += states[s]
	}
	return n
}

// sortedCounts lists m by count, highest first, then label.
func sortedCounts(m map[string]int) []Count {
	out := []Count{}
	for k, v := range m {
		out = append(out, Count{k, v})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if a.N != b.N {
			return b.N - a.N
		}
		if a.Label < b.Label {
			return -1
		}
		return 1
	})
	return out
}

type stats struct {
	n                 int
	mean, median, p90 Number // hours; NaN when n is 0
}

// durationStats summarises durations in seconds, in hours. The mean is
// exact (an integer sum); quantiles interpolate linearly between the
// closest ranks, as pandas' and numpy's default ("linear") does.
func durationStats(d []int64) stats {
	nan := Number(math.NaN())
	s := stats{n: len(d), mean: nan, median: nan, p90: nan}
	if len(d) == 0 {
		return s
	}
	sorted := slices.Clone(d)
	slices.Sort(sorted)
	var sum int64
	for _, v := range sorted {
		sum += v
	}
	s.mean = Number(float64(sum) / float64(len(sorted)) / 3600)
	s.median = Number(quantile(sorted, 0.5) / 3600)
	s.p90 = Number(quantile(sorted, 0.9) / 3600)
	return s
}

func quantile(sorted []int64, q float64) float64 {
	h := float64(len(sorted)-1) * q
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return float64(sorted[lo])
	}
	return float64(sorted[lo]) + (h-float64(lo))*float64(sorted[lo+1]-sorted[lo])
}
