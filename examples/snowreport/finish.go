package main

import (
	"fmt"
	"math"
	"time"
)

// finish completes the walk of the rows (resort) and computes the report:
// the matrix and the moves the check lacks from the walk, the KPIs from
// every incident's fields. Its errors are those of temporary files.
func (p *pass) finish(source string) (Report, error) {
	defer p.close()
	if err := p.resort(); err != nil {
		return Report{}, err
	}
	rep := p.header(source)
	c := p.count()
	if err := p.addMoves(); err != nil {
		return Report{}, err
	}
	all := c.allTTR()
	rep.KPIs = c.kpis(p.nrecords, rep.AsOf, all)
	rep.States, rep.Backlog = c.stateCounts(), c.backlogCounts()
	rep.Resolve = c.resolveRows(p.nrecords, all)
	rep.Transitions = transitions(&p.tally.matrix)
	rep.Reassign, rep.Reopen = c.reassign.distribution(), c.reopen.distribution()
	rep.Observed = observed(&p.tally, c.reassign.sum, c.reopen.sum)
	rep.Quality = p.quality.report(c.unknown)
	return rep, nil
}

// header is the report's first part: what was read, and how.
func (p *pass) header(source string) Report {
	rep := Report{Source: source, Rows: p.rows, Applied: p.applied, Incidents: p.nrecords, Lifecycle: p.check.name, outOfOrder: p.outOfOrder}
	for _, n := range p.quality.skipped {
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
	return rep
}

// fieldCounts are what finish counts over the incidents' fields; arrays of 6
// are by priority, 0 unknown.
type fieldCounts struct {
	states                          [nodeCount]int
	incidents, resolved, unknownTTR [6]int
	ttr                             [6][]int64 // known times to resolve, in seconds
	ttc                             []int64    // known times to close
	ttcUnknown, closed              int
	unknown                         map[string]int // why a time to resolve is unknown
	backlog                         [6]int         // open incidents by age (see backlogCounts)
	reassign, reopen                counter        // reassignment_count, reopen_count
	madeN, madeMet                  int
}

// count counts every incident's fields (those of its latest rows).
func (p *pass) count() *fieldCounts {
	c := &fieldCounts{unknown: map[string]int{}}
	for ri := range int32(p.nrecords) {
		rec := p.record(ri)
		c.states[rec.node]++
		pr := 0
		if rec.has&(1<<fieldPriority) != 0 && rec.prio > 0 {
			pr = int(rec.prio)
		}
		c.incidents[pr]++
		if rec.node.open() {
			c.backlog[backlogAge(rec, p.asOf)]++
		}
		if rec.node == nodeClosed {
			c.closed++
			c.addClose(rec)
		}
		if rec.node.resolved() {
			c.addResolve(rec, pr)
		}
		c.addCounters(rec)
	}
	return c
}

// backlogAge is the backlog_age bucket of an open incident as of asOf.
func backlogAge(rec *record, asOf int64) int {
	switch age := asOf - rec.opened; {
	case rec.has&(1<<fieldOpened) == 0:
		return 5
	case age < 86400:
		return 0
	case age < 5*86400:
		return 1
	case age < 10*86400:
		return 2
	case age < 30*86400:
		return 3
	}
	return 4
}

// addClose counts the time to close of a Closed incident.
func (c *fieldCounts) addClose(rec *record) {
	if rec.has&(1<<fieldClosed) == 0 || rec.closed == unset || rec.has&(1<<fieldOpened) == 0 || rec.closed < rec.opened {
		c.ttcUnknown++
	} else {
		c.ttc = append(c.ttc, rec.closed-rec.opened)
	}
}

// addResolve counts the time to resolve of a Resolved or Closed incident
// of priority pr.
func (c *fieldCounts) addResolve(rec *record, pr int) {
	c.resolved[pr]++
	why := ""
	switch {
	case rec.has&(1<<fieldResolved) == 0 || rec.resolved == unset:
		why = "no resolved_at"
	case rec.has&(1<<fieldOpened) == 0:
		why = "no opened_at"
	case rec.resolved < rec.opened:
		why = "resolved_at before opened_at"
	default:
		c.ttr[pr] = append(c.ttr[pr], rec.resolved-rec.opened)
		return
	}
	c.unknown[why]++
	c.unknownTTR[pr]++
}

// addCounters counts ServiceNow's own counters of an incident:
// reassignment_count, reopen_count and made_sla.
func (c *fieldCounts) addCounters(rec *record) {
	c.reassign.add(rec.has&(1<<fieldReassign) != 0 && rec.reassign >= 0, rec.reassign)
	c.reopen.add(rec.has&(1<<fieldReopen) != 0 && rec.reopen >= 0, rec.reopen)
	if rec.has&(1<<fieldMadeSLA) != 0 && rec.made >= 0 {
		c.madeN++
		if rec.made == 1 {
			c.madeMet++
		}
	}
}

// addMoves counts the moves the checked lifecycle lacks, found by the
// walk, in the data-quality section, and lists each finding that still
// holds after resort.
func (p *pass) addMoves() error {
	q, t := p.quality, &p.tally
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
	if p.findings == nil {
		return nil
	}
	return p.findings.each(func(f finding) error {
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
}

// allTTR is every known time to resolve, whatever the priority.
func (c *fieldCounts) allTTR() []int64 {
	var all []int64
	for _, d := range c.ttr {
		all = append(all, d...)
	}
	return all
}

// kpis are the report's headline figures; incidents is the number of
// incidents, asOf the report's instant, all allTTR.
func (c *fieldCounts) kpis(incidents int, asOf string, all []int64) []KPI {
	allStats, closeStats := durationStats(all), durationStats(c.ttc)
	s := &c.states
	return []KPI{
		{"incidents", Number(incidents), "", "distinct numbers with at least one applied row"},
		{"closed", Number(c.closed), "", "incidents whose state is Closed"},
		{"open", Number(s[nodeNew] + s[nodeInProgress] + s[nodeCustomActive] + sumOnHold(*s)), "", "incidents whose state is New, In Progress (Active), On Hold (Awaiting ...) or a custom active state (-100): the backlog as of " + asOf},
		{"reopened_incidents", Number(c.reopen.positive), "", "incidents with reopen_count > 0"},
		{"reopenings", Number(c.reopen.sum), "", "sum of reopen_count"},
		{"mean_reassignments", ratio(c.reassign.sum, c.reassign.n), "", fmt.Sprintf("mean reassignment_count over the %d incidents that have one (ServiceNow adds 1 each time assignment_group changes after the first assignment)", c.reassign.n)},
		{"reassigned_incidents", Number(c.reassign.positive), "", "incidents with reassignment_count > 0"},
		{"made_sla_known", Number(c.madeN), "", "incidents whose made_sla is true or false"},
		{"made_sla_rate", 100 * ratio(c.madeMet, c.madeN), "%", "share of those with made_sla true (ServiceNow sets it false once an SLA of the incident breaches)"},
		{"ttr_n", Number(allStats.n), "", "incidents with a known time to resolve: " + defTTR},
		{"ttr_unknown", Number(sum(c.unknownTTR)), "", "Resolved or Closed incidents whose time to resolve is unknown (excluded, never 0 h)"},
		{"ttr_mean", allStats.mean, "h", "mean time to resolve"},
		{"ttr_median", allStats.median, "h", "median time to resolve"},
		{"ttr_p90", allStats.p90, "h", "90th percentile of time to resolve"},
		{"ttc_n", Number(closeStats.n), "", "Closed incidents with a known time to close: closed_at - opened_at, wall clock; unknown (counted, excluded) when closed_at is empty, opened_at missing or closed_at before opened_at"},
		{"ttc_unknown", Number(c.ttcUnknown), "", "Closed incidents whose time to close is unknown"},
		{"ttc_mean", closeStats.mean, "h", "mean time to close"},
		{"ttc_median", closeStats.median, "h", "median time to close"},
	}
}

// ratio is a/b, undefined (NaN) when b is 0.
func ratio(a, b int) Number {
	if b == 0 {
		return Number(math.NaN())
	}
	return Number(float64(a) / float64(b))
}

func sum(a [6]int) int {
	n := 0
	for _, v := range a {
		n += v
	}
	return n
}

// stateCounts lists the incidents by state, the unknown state last.
func (c *fieldCounts) stateCounts() []Count {
	var out []Count
	for n := nodeNew; n < nodeCount; n++ {
		if c.states[n] > 0 {
			out = append(out, Count{n.String(), c.states[n]})
		}
	}
	if c.states[nodeUnknown] > 0 {
		out = append(out, Count{"unknown (no readable incident_state)", c.states[nodeUnknown]})
	}
	return out
}

// backlogCounts lists the open incidents by age (see backlogAge).
func (c *fieldCounts) backlogCounts() []Count {
	var out []Count
	for i, label := range []string{"< 1 day", "1-5 days", "5-10 days", "10-30 days", ">= 30 days", "opened_at unknown"} {
		out = append(out, Count{label, c.backlog[i]})
	}
	return out
}

// resolveRows is time to resolve for all incidents, then by priority;
// incidents is the number of incidents, all allTTR.
func (c *fieldCounts) resolveRows(incidents int, all []int64) []ResolveRow {
	row := func(label string, pr int, d []int64) ResolveRow {
		s := durationStats(d)
		r := ResolveRow{Priority: label, N: s.n, Mean: s.mean, Median: s.median, P90: s.p90}
		if pr < 0 {
			r.Incidents, r.Resolved, r.Unknown = incidents, sum(c.resolved), sum(c.unknownTTR)
		} else {
			r.Incidents, r.Resolved, r.Unknown = c.incidents[pr], c.resolved[pr], c.unknownTTR[pr]
		}
		return r
	}
	rows := []ResolveRow{row("all", -1, all)}
	for pr, name := range []string{"", "1 - Critical", "2 - High", "3 - Moderate", "4 - Low", "5 - Planning"} {
		if pr > 0 && c.incidents[pr] > 0 {
			rows = append(rows, row(name, pr, c.ttr[pr]))
		}
	}
	if c.incidents[0] > 0 {
		rows = append(rows, row("unknown", 0, c.ttr[0]))
	}
	return rows
}

// transitions is the matrix of moves between the states that have one.
func transitions(matrix *[nodeCount][nodeCount]int) Matrix {
	var used []node
	for n := nodeNew; n < nodeCount; n++ {
		for m := nodeNew; m < nodeCount; m++ {
			if matrix[n][m] > 0 || matrix[m][n] > 0 {
				used = append(used, n)
				break
			}
		}
	}
	out := Matrix{States: []string{}, Counts: [][]int{}}
	for _, n := range used {
		out.States = append(out.States, n.String())
		line := make([]int, len(used))
		for j, m := range used {
			line[j] = matrix[n][m]
		}
		out.Counts = append(out.Counts, line)
	}
	return out
}

// counter sums one of ServiceNow's counters over the incidents that have
// it (n of them) and tells how many are above zero and how they spread
// (dist: 0 to 5 or more, then empty or unreadable).
type counter struct {
	n, sum, positive int
	dist             [7]int
}

// add counts an incident's value v of the counter; known is false when the
// incident has none (empty or unreadable).
func (c *counter) add(known bool, v int32) {
	if !known {
		c.dist[6]++
		return
	}
	c.n++
	c.sum += int(v)
	c.dist[min(v, 5)]++
	if v > 0 {
		c.positive++
	}
}

// distribution lists the counter's distribution.
func (c *counter) distribution() []Count {
	d := c.dist
	out := []Count{{"0", d[0]}, {"1", d[1]}, {"2", d[2]}, {"3", d[3]}, {"4", d[4]}, {"5 or more", d[5]}}
	return append(out, Count{"empty or unreadable", d[6]})
}

// observed compares what the rows show with ServiceNow's counters (their
// sums).
func observed(t *tally, reassignSum, reopenSum int) []KPI {
	return []KPI{
		{"group_changes", Number(t.groupChanges), "", "consecutive rows of an incident whose assignment_group differs (both set); below the sum of reassignment_count when the export lacks intermediate updates"},
		{"reassignment_count_sum", Number(reassignSum), "", "sum of reassignment_count"},
		{"reopen_moves", Number(t.reopenMoves), "", "moves from Resolved or Closed to an open state between consecutive rows"},
		{"reopen_count_sum", Number(reopenSum), "", "sum of reopen_count"},
		{"assignment_changes_after_resolution", Number(t.assignAfter), "", "rows that change the group or assignee of an incident that was and stays Resolved or Closed (ServiceNow allows it; the ITIL lifecycle does not)"},
	}
}

// report is the data-quality section; unknown counts why times to resolve
// are unknown.
func (q *quality) report(unknown map[string]int) QualityReport {
	out := QualityReport{Skipped: []Count{}}
	for r := range skipCount {
		if q.skipped[r] > 0 {
			out.Skipped = append(out.Skipped, Count{skipNames[r], q.skipped[r]})
		}
	}
	out.Ignored = sortedCounts(q.ignored)
	out.Moves = sortedCounts(q.moves)
	out.UnknownResolution = sortedCounts(unknown)
	out.Findings = q.total()
	return out
}
