package report

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/sla"
)

// An Option configures NewAccumulator.
type Option interface{ apply(*options) error }

type options struct {
	keys map[string]func(Record) string
}

type optionFunc func(*options) error

func (f optionFunc) apply(o *options) error { return f(o) }

// WithKey registers a grouping key for Spec.GroupBy: name (not a built-in
// key, not "all") and a pure function giving a record's group. Shards to
// be merged must register the same names; the functions are the host's
// to keep identical.
func WithKey(name string, key func(Record) string) Option {
	return optionFunc(func(o *options) error {
		if name == "" || name == KeyAll || slices.Contains(builtinKeys, name) {
			return specError("key", name, "a custom key needs a name that is not built in")
		}
		if key == nil {
			return specError("key", name, "nil key function")
		}
		o.keys[name] = key
		return nil
	})
}

// Accumulator aggregates Records into a Report. It takes records one at a
// time (streaming: its memory grows with the number of distinct groups,
// buckets and SLA metrics, not with the records, except for what the
// quantiles, recurring incidents and outages need: eight bytes per
// duration sample, twelve bytes and the ID per incident opened in the
// period, and the major incidents' intervals), and merges exactly with
// another accumulator of the same spec, so shards can be aggregated
// separately and combined in any order: the Report is a function of the
// multiset of records added, whatever the order or the split.
//
// An Accumulator is not safe for concurrent use; give each goroutine its
// own and Merge them.
type Accumulator struct {
	spec     Spec
	keys     []func(*Record) string // per grouping; 0 is "all"
	names    []string               // grouping names; 0 is "all"
	custom   []string               // sorted custom key names, for Merge
	spans    []Span
	bounds   []int64 // bucket boundaries in Unix nanoseconds, len(spans)+1
	from, to int64
	cal      *calendar.Calendar // business hours, when durations are measured

	groupings []grouping
	cells     map[comboKey]*cell

	slaKeys  []slaKey
	slaIndex map[slaKey]int

	breachCount  int64
	breaches     []Breach // a heap: the breach to evict first at the root
	breachGroups map[breachGroupKey]int64

	outages  map[string][]interval
	services map[string]struct{}

	recur recurrence

	fx addFx // scratch of Add
}

type comboKey [MaxGroupings]int32

// cell holds the duration samples of the incidents that share one value
// of every grouping: each sample is stored once and serves every
// grouping's quantiles.
type cell struct {
	combo   comboKey
	samples [nDur]samples
}

// The duration metrics: index = 2*metric + clock.
const (
	durMTTA = iota
	durMTRS
	durMTTR
	durHold
	nMetric
	nDur = 2 * nMetric
)

type grouping struct {
	index  map[string]int32
	values []string
	stats  []*groupStats
}

type groupStats struct {
	buckets []*bucketStats // nil until touched
	backlog []int64        // difference array over the boundaries
	aging   Aging
}

type bucketStats struct {
	opened, resolved, closed, cancelled, reopened int64
	// over the resolutions of the bucket:
	reopenedLater, reassigned, reassignments, escalated, firstContact int64
	dur                                                               [nDur]sum
	sla                                                               [][3]int64 // by SLA key: met, breached, cancelled
}

type slaKey struct {
	kind   sla.Kind
	policy string
	metric sla.Metric
}

type breachGroupKey struct {
	group  string
	kind   sla.Kind
	metric sla.Metric
}

// interval is [start, end) in Unix nanoseconds.
type interval struct{ start, end int64 }

// NewAccumulator validates spec (applying its defaults) and returns an
// empty accumulator for it. Errors are *FieldError values wrapping
// ErrInvalidSpec.
func NewAccumulator(spec Spec, opts ...Option) (*Accumulator, error) {
	o := options{keys: map[string]func(Record) string{}}
	for _, opt := range opts {
		if opt != nil {
			if err := opt.apply(&o); err != nil {
				return nil, err
			}
		}
	}
	s, err := spec.validated(o.keys)
	if err != nil {
		return nil, err
	}
	spans, err := buckets(s.From, s.To, s.Location, s.Bucket)
	if err != nil {
		return nil, err
	}
	a := &Accumulator{
		spec: s, spans: spans, from: s.From.UnixNano(), to: s.To.UnixNano(),
		cells: map[comboKey]*cell{}, slaIndex: map[slaKey]int{}, breachGroups: map[breachGroupKey]int64{},
		outages: map[string][]interval{}, services: map[string]struct{}{},
		recur: recurrence{keys: map[recurKey]*recurList{}},
	}
	if s.has(FamilyDurations) {
		a.cal = s.Calendar
	}
	for _, sp := range spans {
		a.bounds = append(a.bounds, sp.From.UnixNano())
	}
	a.bounds = append(a.bounds, a.to)
	a.names = append([]string{KeyAll}, s.GroupBy...)
	a.keys = append(a.keys, func(*Record) string { return KeyAll })
	for _, k := range s.GroupBy {
		a.keys = append(a.keys, keyFunc(k, o.keys[k]))
	}
	for k := range o.keys {
		a.custom = append(a.custom, k)
	}
	slices.Sort(a.custom)
	a.groupings = make([]grouping, len(a.names))
	for i := range a.groupings {
		a.groupings[i].index = map[string]int32{}
	}
	return a, nil
}

func keyFunc(name string, custom func(Record) string) func(*Record) string {
	switch name {
	case KeyPriority:
		return func(r *Record) string { return r.Priority.String() }
	case KeyService:
		return func(r *Record) string { return r.Service }
	case KeyCustomer:
		return func(r *Record) string { return r.Customer }
	case KeyGroup:
		return (*Record).CurrentGroup
	case KeyCategory:
		return func(r *Record) string { return r.Category }
	case KeyConfigurationItem:
		return func(r *Record) string { return r.ConfigurationItem }
	}
	return func(r *Record) string { return custom(*r) }
}

// Spec returns the validated spec, with its defaults applied.
func (a *Accumulator) Spec() Spec {
	s := a.spec
	s.GroupBy = slices.Clone(s.GroupBy)
	s.KPIs = slices.Clone(s.KPIs)
	return s
}

// bucket returns the index of the bucket holding t (Unix ns), or -1
// outside the period.
func (a *Accumulator) bucket(t int64) int {
	if t < a.from || t >= a.to {
		return -1
	}
	return upperBound(a.bounds, t) - 1
}

// addFx is what one record contributes, computed once and applied to each
// of its groups.
type addFx struct {
	opened, closed, cancelled int
	reopened                  []int
	res                       []resFact
	durs                      []durFact
	backlog                   [][2]int
	aging                     int
	sla                       []slaFact
}

type resFact struct {
	bucket        int
	reopenedLater bool
	firstContact  bool
	escalated     bool
	reassignments int64
}

type durFact struct {
	dur    int
	bucket int
	v      int64
}

type slaFact struct {
	key, bucket, result int // result: 0 met, 1 breached, 2 cancelled
}

// Add adds one incident's record. It returns a *RecordError (wrapping
// ErrInvalidRecord) for an inconsistent record and then changes nothing.
// Records that cannot touch the period (opened at or after its end, or
// closed before its start) are checked and otherwise ignored. Add keeps
// no reference to r's slices.
func (a *Accumulator) Add(r Record) error {
	if err := r.validate(); err != nil {
		return err
	}
	if !r.OpenedAt.Before(a.spec.To) || (!r.ClosedAt.IsZero() && r.ClosedAt.Before(a.spec.From)) {
		return nil
	}
	fx := &a.fx
	a.effects(&r, fx)
	var combo comboKey
	for g := range a.groupings {
		gr := &a.groupings[g]
		v := a.keys[g](&r)
		id, ok := gr.index[v]
		if !ok {
			id = int32(len(gr.values))
			gr.index[strings.Clone(v)] = id
			gr.values = append(gr.values, strings.Clone(v))
			gr.stats = append(gr.stats, &groupStats{buckets: make([]*bucketStats, len(a.spans)), backlog: make([]int64, len(a.bounds)+1)})
		}
		if g > 0 {
			combo[g-1] = id
		}
		a.apply(gr.stats[id], fx)
	}
	if len(fx.durs) > 0 {
		c := a.cells[combo]
		if c == nil {
			c = &cell{combo: combo}
			a.cells[combo] = c
		}
		for _, d := range fx.durs {
			c.samples[d.dur].add(d.v)
		}
	}
	if a.spec.has(FamilySLA) {
		a.addBreaches(&r)
	}
	if a.spec.has(FamilyAvailability) {
		a.addOutage(&r)
	}
	if a.spec.has(FamilyRecurring) {
		a.recur.add(&r, a)
	}
	return nil
}

// effects computes fx for r.
func (a *Accumulator) effects(r *Record, fx *addFx) {
	*fx = addFx{opened: -1, closed: -1, cancelled: -1, aging: -1,
		reopened: fx.reopened[:0], res: fx.res[:0], durs: fx.durs[:0], backlog: fx.backlog[:0], sla: fx.sla[:0]}
	opened := r.OpenedAt.UnixNano()
	counts, durations, rates := a.spec.has(FamilyCounts), a.spec.has(FamilyDurations), a.spec.has(FamilyRates)
	sample := func(dur int, b int, from, to time.Time) {
		fx.durs = append(fx.durs, durFact{2 * dur, b, to.Sub(from).Nanoseconds()})
		if a.cal != nil {
			fx.durs = append(fx.durs, durFact{2*dur + 1, b, int64(a.cal.Between(from, to))})
		}
	}
	if counts {
		fx.opened = a.bucket(opened)
		for _, t := range r.Reopenings {
			if b := a.bucket(t.UnixNano()); b >= 0 {
				fx.reopened = append(fx.reopened, b)
			}
		}
		if !r.ClosedAt.IsZero() {
			if b := a.bucket(r.ClosedAt.UnixNano()); b >= 0 {
				if r.Cancelled {
					fx.cancelled = b
				} else {
					fx.closed = b
				}
			}
		}
		a.openIntervals(r, fx)
	}
	if durations {
		if ack := r.acknowledgedAt(); !ack.IsZero() {
			if b := a.bucket(ack.UnixNano()); b >= 0 {
				sample(durMTTA, b, r.OpenedAt, ack)
			}
		}
		if rest := r.restoredAt(); !rest.IsZero() {
			if b := a.bucket(rest.UnixNano()); b >= 0 {
				sample(durMTRS, b, r.OpenedAt, rest)
			}
		}
	}
	for i, t := range r.Resolutions {
		b := a.bucket(t.UnixNano())
		if b < 0 {
			continue
		}
		if durations {
			sample(durMTTR, b, r.OpenedAt, t)
			var wall, business int64
			for _, h := range r.Holds {
				if !h.Start.Before(t) {
					break
				}
				end := h.End
				if end.IsZero() || end.After(t) {
					end = t
				}
				wall += end.Sub(h.Start).Nanoseconds()
				if a.cal != nil {
					business += int64(a.cal.Between(h.Start, end))
				}
			}
			fx.durs = append(fx.durs, durFact{2 * durHold, b, wall})
			if a.cal != nil {
				fx.durs = append(fx.durs, durFact{2*durHold + 1, b, business})
			}
		}
		if counts || rates {
			var reassignments int64
			for _, as := range r.Assignments {
				if as.At.After(t) {
					break
				}
				reassignments++
			}
			reassignments = max(reassignments-1, 0)
			fx.res = append(fx.res, resFact{bucket: b, reopenedLater: i < len(r.Reopenings),
				firstContact: i == 0 && reassignments == 0, escalated: r.Escalated, reassignments: reassignments})
		}
	}
	if a.spec.has(FamilySLA) {
		for _, o := range r.SLA {
			var at time.Time
			result := 0
			switch o.State {
			case sla.Met:
				at = o.Ended
			case sla.Breached:
				at, result = o.BreachedAt, 1
			case sla.Cancelled:
				at, result = o.Ended, 2
			default:
				continue // not decided yet
			}
			b := a.bucket(at.UnixNano())
			if b < 0 {
				continue
			}
			k := slaKey{o.Kind, o.Policy, o.Metric}
			id, ok := a.slaIndex[k]
			if !ok {
				id = len(a.slaKeys)
				k.policy = strings.Clone(k.policy)
				k.metric = sla.Metric(strings.Clone(string(k.metric)))
				a.slaIndex[k] = id
				a.slaKeys = append(a.slaKeys, k)
			}
			fx.sla = append(fx.sla, slaFact{id, b, result})
		}
	}
}

// openIntervals adds to fx the boundaries at which r is in the backlog,
// and its aging class at the period's end. An incident is in the backlog
// at instant t when, after its events before t, it is open: for an open
// interval [s, e) that is s < t <= e.
func (a *Accumulator) openIntervals(r *Record, fx *addFx) {
	n := len(r.Resolutions)
	for i := 0; i <= len(r.Reopenings); i++ {
		s := r.OpenedAt.UnixNano()
		if i > 0 {
			s = r.Reopenings[i-1].UnixNano()
		}
		e := int64(math.MaxInt64) // still open
		switch {
		case i < n:
			e = r.Resolutions[i].UnixNano()
		case r.Cancelled:
			e = r.ClosedAt.UnixNano()
		}
		lo, hi := upperBound(a.bounds, s), len(a.bounds)
		if e != math.MaxInt64 {
			hi = upperBound(a.bounds, e)
		}
		if lo < hi {
			fx.backlog = append(fx.backlog, [2]int{lo, hi})
		}
		if s < a.to && a.to <= e {
			fx.aging = ageClass(a.to - r.OpenedAt.UnixNano())
		}
	}
}

func (a *Accumulator) apply(gs *groupStats, fx *addFx) {
	at := func(b int) *bucketStats {
		if gs.buckets[b] == nil {
			gs.buckets[b] = &bucketStats{}
		}
		return gs.buckets[b]
	}
	if fx.opened >= 0 {
		at(fx.opened).opened++
	}
	if fx.closed >= 0 {
		at(fx.closed).closed++
	}
	if fx.cancelled >= 0 {
		at(fx.cancelled).cancelled++
	}
	for _, b := range fx.reopened {
		at(b).reopened++
	}
	for _, f := range fx.res {
		bs := at(f.bucket)
		bs.resolved++
		if f.reopenedLater {
			bs.reopenedLater++
		}
		if f.reassignments > 0 {
			bs.reassigned++
		}
		bs.reassignments += f.reassignments
		if f.firstContact {
			bs.firstContact++
		}
		if f.escalated {
			bs.escalated++
		}
	}
	for _, d := range fx.durs {
		at(d.bucket).dur[d.dur].add(d.v)
	}
	for _, iv := range fx.backlog {
		gs.backlog[iv[0]]++
		gs.backlog[iv[1]]--
	}
	if fx.aging >= 0 {
		gs.aging.add(fx.aging)
	}
	for _, s := range fx.sla {
		bs := at(s.bucket)
		for len(bs.sla) <= s.key {
			bs.sla = append(bs.sla, [3]int64{})
		}
		bs.sla[s.key][s.result]++
	}
}
