package report

import (
	"cmp"
	"slices"
	"strings"
)

// merge adds o's counts to b; slaMap maps o's SLA keys to b's (nil: the
// same keys).
func (b *bucketStats) merge(o *bucketStats, slaMap []int) {
	b.opened += o.opened
	b.resolved += o.resolved
	b.closed += o.closed
	b.cancelled += o.cancelled
	b.reopened += o.reopened
	b.reopenedLater += o.reopenedLater
	b.reassigned += o.reassigned
	b.reassignments += o.reassignments
	b.escalated += o.escalated
	b.firstContact += o.firstContact
	b.firstGroup += o.firstGroup
	for i := range b.dur {
		b.dur[i].merge(o.dur[i])
	}
	for i, c := range o.sla {
		k := i
		if slaMap != nil {
			k = slaMap[i]
		}
		for len(b.sla) <= k {
			b.sla = append(b.sla, [3]int64{})
		}
		for j := range c {
			b.sla[k][j] += c[j]
		}
	}
}

// merge adds o's counts to gs; slaMap as for bucketStats.merge.
func (gs *groupStats) merge(o *groupStats, slaMap []int) {
	for b, obs := range o.buckets {
		if obs == nil {
			continue
		}
		if gs.buckets[b] == nil {
			gs.buckets[b] = &bucketStats{}
		}
		gs.buckets[b].merge(obs, slaMap)
	}
	for i, d := range o.backlog {
		gs.backlog[i] += d
	}
	gs.aging.merge(o.aging)
	gs.calendars |= o.calendars
}

// Report builds the report of the records added so far. It does not
// change what the accumulator holds (it sorts its samples in place, which
// makes the next call cheaper), so records may be added and reports built
// in any alternation.
func (a *Accumulator) Report() Report {
	if a.ready() != nil {
		return Report{}
	}
	rep := Report{Period: a.period(), Buckets: slices.Clone(a.spans)}
	var scratch []int64
	for _, c := range a.cells {
		for i := range c.samples {
			c.samples[i].sortAll(&scratch)
		}
	}
	for g := range a.groupings {
		rep.Groupings = append(rep.Groupings, a.groupingReport(g, &scratch))
	}
	if len(rep.Groupings[0].Groups) == 0 { // no records: "all" still has its (empty) group
		rep.Groupings[0].Groups = []Group{a.group(KeyAll, a.newGroupStats(), nil, &scratch)}
	}
	a.trendQuantiles(&rep.Groupings[0].Groups[0], &scratch)
	if a.has[FamilyCounts] {
		rep.Arrivals = &Arrivals{Counts: a.arrivals}
		rep.Top = a.topReport()
	}
	if a.has[FamilySLA] {
		rep.Breaches = a.breachReport()
	}
	if a.has[FamilyAvailability] {
		rep.Availability = a.availabilityReport()
	}
	if a.has[FamilyRecurring] {
		rep.Recurring = a.recur.report(&a.spec, &a.strs)
	}
	return rep
}

// period is the report's Period: the spec's, and with business hours the
// calendars they were measured on.
func (a *Accumulator) period() Period {
	s := &a.spec
	p := Period{From: s.From.UTC(), To: s.To.UTC(), Zone: s.Location.String(), Bucket: s.Bucket,
		GroupBy: slices.Clone(s.GroupBy), KPIs: slices.Clone(s.KPIs), BusinessHours: a.business,
		AsOf: s.AsOf.UTC(), Targets: s.Targets}
	if a.business {
		// Every record is in a group of the last grouping; "all" has
		// none of its own when there are others (see add).
		var mask uint64
		for _, gs := range a.groupings[len(a.groupings)-1].stats {
			mask |= gs.calendars
		}
		p.Calendars = a.calendarNames(mask)
	}
	return p
}

// groupingReport builds grouping g: its groups sorted by value, each
// group's quantiles taken over the cells of its records' samples.
func (a *Accumulator) groupingReport(g int, scratch *[]int64) Grouping {
	gr := &a.groupings[g]
	cells := make([][]*cell, len(gr.values))
	for _, c := range a.cells {
		v := int32(0)
		if g > 0 {
			v = c.combo[g-1]
		}
		cells[v] = append(cells[v], c)
	}
	order := make([]int, len(gr.values))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return strings.Compare(gr.values[x], gr.values[y]) })
	grouping := Grouping{Key: a.names[g], Groups: make([]Group, 0, len(order))}
	for _, id := range order {
		gs := gr.stats[id]
		if g == 0 {
			gs = a.allStats(gs)
		}
		grouping.Groups = append(grouping.Groups, a.group(gr.values[id], gs, cells[id], scratch))
	}
	return grouping
}

// allStats returns the stats of the "all" group, whose own stats are gs:
// with other groupings add leaves those empty, and "all" is the sum of
// the groups of the first of them.
func (a *Accumulator) allStats(gs *groupStats) *groupStats {
	if len(a.groupings) == 1 {
		return gs
	}
	sum := a.newGroupStats()
	for _, o := range a.groupings[1].stats {
		sum.merge(o, nil)
	}
	return sum
}

// group builds one group's stats, over the period and per bucket.
func (a *Accumulator) group(value string, gs *groupStats, cells []*cell, scratch *[]int64) Group {
	g := Group{Value: value, Buckets: make([]Stats, len(a.spans))}
	var total bucketStats
	backlog := make([]int64, len(a.bounds)) // at each boundary
	var run int64
	for i := range backlog {
		run += gs.backlog[i]
		backlog[i] = run
	}
	empty := &bucketStats{}
	for i, bs := range gs.buckets {
		if bs == nil {
			bs = empty
		}
		total.merge(bs, nil)
		g.Buckets[i] = a.stats(bs, backlog[i], backlog[i+1])
	}
	g.Stats = a.stats(&total, backlog[0], backlog[len(backlog)-1])
	if a.business {
		g.Calendars = a.calendarNames(gs.calendars)
	}
	if c := g.Stats.Counts; c != nil {
		aging := gs.aging
		c.Aging = &aging
	}
	if d := g.Stats.Durations; d != nil {
		var runs []*samples
		var merged samples
		for k, dist := range []*Distribution{&d.MTTA.Wall, d.MTTA.Business, &d.MTRS.Wall, d.MTRS.Business,
			&d.MTTR.Wall, d.MTTR.Business, &d.Hold.Wall, d.Hold.Business} {
			if dist == nil || dist.Count == 0 {
				continue
			}
			runs = runs[:0]
			n := 0
			for _, c := range cells {
				if s := &c.samples[k]; s.n > 0 {
					runs = append(runs, s)
					n += s.n
				}
			}
			q := quantiles(runs, n, &merged, scratch)
			dist.Quantiles = &q
		}
	}
	return g
}

// stats converts summed counters into Stats.
func (a *Accumulator) stats(bs *bucketStats, backlogStart, backlogEnd int64) Stats {
	var st Stats
	if a.has[FamilyCounts] {
		st.Counts = &CountStats{Opened: bs.opened, Resolved: bs.resolved, Closed: bs.closed, Cancelled: bs.cancelled,
			Reopened: bs.reopened, BacklogStart: backlogStart, BacklogEnd: backlogEnd}
	}
	if a.has[FamilyDurations] {
		clocks := func(m int) Clocks {
			c := Clocks{Wall: Distribution{Count: bs.dur[2*m].n, Mean: bs.dur[2*m].mean()}}
			if a.business {
				c.Business = &Distribution{Count: bs.dur[2*m+1].n, Mean: bs.dur[2*m+1].mean()}
			}
			return c
		}
		st.Durations = &DurationStats{MTTA: clocks(durMTTA), MTRS: clocks(durMTRS), MTTR: clocks(durMTTR), Hold: clocks(durHold)}
	}
	if a.has[FamilyRates] {
		n := bs.resolved
		st.Rates = &RateStats{
			Reopen:        Fraction{bs.reopenedLater, n},
			Reassignment:  Fraction{bs.reassigned, n},
			Reassignments: Fraction{bs.reassignments, n},
			Escalation:    Fraction{bs.escalated, n},
			FirstContact:  Fraction{bs.firstContact, n},
			FirstGroup:    Fraction{bs.firstGroup, n},
		}
	}
	if a.has[FamilySLA] {
		st.SLA = a.compliance(bs)
	}
	return st
}

// compliance lists bs's SLA counts per key, with the totals per kind and
// metric (Policy "*"), sorted by kind, metric and policy.
func (a *Accumulator) compliance(bs *bucketStats) []Compliance {
	var out []Compliance
	totals := map[slaKey]int{}
	for i, c := range bs.sla {
		if c == [3]int64{} {
			continue
		}
		k := a.slaKeys[i]
		out = append(out, Compliance{Kind: k.kind, Policy: k.policy, Metric: k.metric, Met: c[0], Breached: c[1], Cancelled: c[2]})
		tk := slaKey{k.kind, AllPolicies, k.metric}
		j, ok := totals[tk]
		if !ok {
			j = len(out)
			totals[tk] = j
			out = append(out, Compliance{Kind: k.kind, Policy: AllPolicies, Metric: k.metric})
		}
		out[j].Met += c[0]
		out[j].Breached += c[1]
		out[j].Cancelled += c[2]
	}
	slices.SortFunc(out, func(x, y Compliance) int {
		return cmp.Or(cmp.Compare(x.Kind, y.Kind), strings.Compare(string(x.Metric), string(y.Metric)),
			strings.Compare(x.Policy, y.Policy))
	})
	return out
}

// Merge adds everything other holds to a, exactly: the report of a after
// a.Merge(b) is the report of one accumulator given the records of both,
// whatever the order in which shards are merged. other is not changed and
// shares no memory with a afterwards. It fails with ErrIncompatible when
// other was built from another spec or other custom keys, or is a itself.
func (a *Accumulator) Merge(other *Accumulator) error {
	if err := a.ready(); err != nil {
		return err
	}
	if other == nil || other == a || other.ready() != nil {
		return &FieldError{Path: "merge", Reason: "needs another accumulator", Err: ErrIncompatible}
	}
	if !sameSpec(&a.spec, &other.spec) || !slices.Equal(a.custom, other.custom) {
		return &FieldError{Path: "merge", Reason: "the accumulators were built from different specs or keys", Err: ErrIncompatible}
	}
	slaMap := make([]int, len(other.slaKeys))
	for i, k := range other.slaKeys {
		slaMap[i] = a.slaID(k)
	}
	idMaps := make([][]int32, len(a.groupings))
	for g := range a.groupings {
		gr, og := &a.groupings[g], &other.groupings[g]
		idMaps[g] = make([]int32, len(og.values))
		for oid, v := range og.values {
			id := int32(0)
			if g > 0 || len(gr.values) == 0 {
				id = a.groupID(gr, v, nil)
			}
			idMaps[g][oid] = id
			gr.stats[id].merge(og.stats[oid], slaMap)
		}
	}
	for _, oc := range other.cells {
		var combo comboKey
		for g := 1; g < len(a.groupings); g++ {
			combo[g-1] = idMaps[g][oc.combo[g-1]]
		}
		c := a.cells[combo]
		if c == nil {
			c = &cell{combo: combo}
			a.cells[combo] = c
		}
		for i := range c.samples {
			c.samples[i].merge(&oc.samples[i])
		}
	}
	a.breachCount += other.breachCount
	for _, b := range other.breaches {
		a.offerBreach(b)
	}
	for k, n := range other.breachGroups {
		a.breachGroups[k] += n
	}
	for s, list := range other.outages {
		a.outages[s] = append(a.outages[s], list...)
	}
	for i, seen := range other.seen {
		if seen {
			s := a.strs.id(other.strs.names[i])
			for int(s) >= len(a.seen) {
				a.seen = append(a.seen, false)
			}
			a.seen[s] = true
		}
	}
	a.recur.merge(&other.recur, &a.strs, &other.strs)
	a.mergeOverview(other)
	return nil
}
