package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/go-itsm/itsm/sla"
)

// breachBefore reports whether x is listed before y: larger overrun
// first, then by incident, policy, kind, metric and cycle. The order is
// total over distinct breaches, so the kept top-N of a merge of shards is
// the top-N of all records, whatever the order of merging.
func breachBefore(x, y *Breach) bool {
	if x.Overrun != y.Overrun {
		return x.Overrun > y.Overrun
	}
	return cmp.Or(
		strings.Compare(x.Incident, y.Incident),
		strings.Compare(x.Policy, y.Policy),
		cmp.Compare(x.Kind, y.Kind),
		strings.Compare(string(x.Metric), string(y.Metric)),
		cmp.Compare(x.Cycle, y.Cycle),
		x.BreachedAt.Compare(y.BreachedAt),
		strings.Compare(x.Group, y.Group),
	) < 0
}

// addBreaches counts r's breaches in the period and offers them to the
// list.
func (a *Accumulator) addBreaches(r *Record) {
	for _, o := range r.SLA {
		if o.State != sla.Breached || a.bucket(o.BreachedAt.UnixNano()) < 0 {
			continue
		}
		group := r.GroupAt(o.BreachedAt)
		a.breachCount++
		k := breachGroupKey{group, o.Kind, o.Metric}
		if n, ok := a.breachGroups[k]; ok {
			a.breachGroups[k] = n + 1
		} else { // a new key: keep no reference to the record's strings
			k.group, k.metric = strings.Clone(group), sla.Metric(strings.Clone(string(o.Metric)))
			a.breachGroups[k] = 1
		}
		a.offerBreach(Breach{Incident: r.ID, Priority: r.Priority, Service: r.Service, Customer: r.Customer, Policy: o.Policy, Kind: o.Kind,
			Metric: o.Metric, Cycle: o.Cycle, BreachedAt: o.BreachedAt.UTC(), Goal: o.Goal, Overrun: o.Overrun(), Group: group,
			Timeline: o.Timeline})
	}
}

// offerBreach keeps b if it is among the BreachLimit first. a.breaches is
// a heap whose root is the kept breach listed last, the first to evict.
func (a *Accumulator) offerBreach(b Breach) {
	h := a.breaches
	limit := a.spec.BreachLimit
	if len(h) < limit {
		b.Timeline = utcMoments(b.Timeline) // kept: no reference to the record's slices
		h = append(h, b)
		for i := len(h) - 1; i > 0; { // sift up
			p := (i - 1) / 2
			if !breachBefore(&h[p], &h[i]) {
				break
			}
			h[p], h[i] = h[i], h[p]
			i = p
		}
		a.breaches = h
		return
	}
	if limit == 0 || !breachBefore(&b, &h[0]) {
		return
	}
	b.Timeline = utcMoments(b.Timeline)
	h[0] = b
	for i := 0; ; { // sift down
		l, r, last := 2*i+1, 2*i+2, i
		if l < len(h) && breachBefore(&h[last], &h[l]) {
			last = l
		}
		if r < len(h) && breachBefore(&h[last], &h[r]) {
			last = r
		}
		if last == i {
			break
		}
		h[i], h[last] = h[last], h[i]
		i = last
	}
}

func (a *Accumulator) breachReport() *Breaches {
	out := &Breaches{Total: a.breachCount}
	if len(a.breaches) > 0 {
		out.Listed = slices.Clone(a.breaches)
		slices.SortFunc(out.Listed, func(x, y Breach) int {
			if breachBefore(&x, &y) {
				return -1
			}
			if breachBefore(&y, &x) {
				return 1
			}
			return 0
		})
	}
	for k, n := range a.breachGroups {
		out.ByGroup = append(out.ByGroup, GroupBreaches{Group: k.group, Kind: k.kind, Metric: k.metric, Count: n})
	}
	slices.SortFunc(out.ByGroup, func(x, y GroupBreaches) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), strings.Compare(x.Group, y.Group),
			cmp.Compare(x.Kind, y.Kind), strings.Compare(string(x.Metric), string(y.Metric)))
	})
	return out
}

// utcMoments copies steps with their instants in UTC, as the report keeps
// every instant.
func utcMoments(steps []Moment) []Moment {
	if len(steps) == 0 {
		return nil
	}
	out := make([]Moment, len(steps))
	for i, s := range steps {
		out[i] = Moment{At: s.At.UTC(), What: s.What, Accrued: s.Accrued}
	}
	return out
}
