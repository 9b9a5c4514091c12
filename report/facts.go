package report

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/sla"
)

// facts is what one record contributes, computed once by factsOf and
// applied to each of its groups.
type facts struct {
	opened, closed, cancelled int
	reopened                  []int
	res                       []resFact
	durs                      []durFact
	backlog                   [][2]int
	aging                     int
	sla                       []slaFact
	calendar                  int // the id of the calendar of business hours, -1 if none
	breached                  int // SLA-kind breaches in the period
}

type resFact struct {
	bucket        int
	reopenedLater bool
	firstContact  bool
	firstGroup    bool
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

// factsOf computes fx for r, reusing fx's slices.
func (a *Accumulator) factsOf(r *Record, fx *facts) {
	*fx = facts{opened: -1, closed: -1, cancelled: -1, aging: -1, calendar: -1,
		reopened: fx.reopened[:0], res: fx.res[:0], durs: fx.durs[:0], backlog: fx.backlog[:0], sla: fx.sla[:0]}
	if a.has[FamilyCounts] {
		a.countFacts(r, fx)
	}
	if a.has[FamilyDurations] {
		a.durationFacts(r, fx)
	}
	if a.has[FamilyCounts] || a.has[FamilyRates] {
		a.resolutionFacts(r, fx)
	}
	if a.has[FamilySLA] {
		a.slaFacts(r, fx)
	}
}

// countFacts adds the buckets r was opened, reopened, closed or cancelled
// in, and its open intervals.
func (a *Accumulator) countFacts(r *Record, fx *facts) {
	fx.opened = a.bucket(r.OpenedAt.UnixNano())
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

// durationFacts samples the times to acknowledge, to restore service and
// to resolve (the final resolution: one sample an incident) and the time on
// hold before the final resolution, in wall-clock time and, with business
// hours, in business time.
func (a *Accumulator) durationFacts(r *Record, fx *facts) {
	cal, calID := r.Calendar, a.calDef
	switch {
	case !a.business:
		cal = nil
	case cal == nil:
		cal = a.cal
	default:
		calID = a.calID(cal)
	}
	// Business time from the opening is asked for up to three instants
	// that often coincide (the first resolution restores service and
	// acknowledges it): each is computed once.
	var memo [3]struct {
		t time.Time
		d int64
	}
	memoized := 0
	fromOpening := func(to time.Time) int64 {
		for i := 0; i < memoized; i++ {
			if memo[i].t.Equal(to) {
				return memo[i].d
			}
		}
		d := int64(cal.Between(r.OpenedAt, to))
		if memoized < len(memo) {
			memo[memoized].t, memo[memoized].d = to, d
			memoized++
		}
		return d
	}
	sample := func(dur int, b int, to time.Time) {
		fx.durs = append(fx.durs, durFact{2 * dur, b, to.Sub(r.OpenedAt).Nanoseconds()})
		if cal != nil {
			fx.durs = append(fx.durs, durFact{2*dur + 1, b, fromOpening(to)})
			fx.calendar = calID
		}
	}
	if ack := r.acknowledgedAt(); !ack.IsZero() {
		if b := a.bucket(ack.UnixNano()); b >= 0 {
			sample(durMTTA, b, ack)
		}
	}
	if rest := r.restoredAt(); !rest.IsZero() {
		if b := a.bucket(rest.UnixNano()); b >= 0 {
			sample(durMTRS, b, rest)
		}
	}
	if n := len(r.Reopenings); n < len(r.Resolutions) { // resolved after the last reopening
		t := r.Resolutions[n]
		if b := a.bucket(t.UnixNano()); b >= 0 {
			sample(durMTTR, b, t)
			wall, business := holdTime(r.Holds, t, cal)
			fx.durs = append(fx.durs, durFact{2 * durHold, b, wall})
			if cal != nil {
				fx.durs = append(fx.durs, durFact{2*durHold + 1, b, business})
			}
		}
	}
}

// holdTime returns the time spent in holds before t, wall-clock and, if
// cal is not nil, business time.
func holdTime(holds []calendar.Interval, t time.Time, cal *calendar.Calendar) (wall, business int64) {
	for _, h := range holds {
		if !h.Start.Before(t) {
			break
		}
		end := h.End
		if end.IsZero() || end.After(t) {
			end = t
		}
		wall += end.Sub(h.Start).Nanoseconds()
		if cal != nil {
			business += int64(cal.Between(h.Start, end))
		}
	}
	return wall, business
}

// resolutionFacts adds what each resolution in the period counts for:
// the reassignments before it, first contact, first group, escalation.
func (a *Accumulator) resolutionFacts(r *Record, fx *facts) {
	for i, t := range r.Resolutions {
		b := a.bucket(t.UnixNano())
		if b < 0 {
			continue
		}
		var reassignments int64
		for _, as := range r.Assignments {
			if as.At.After(t) {
				break
			}
			reassignments++
		}
		reassignments = max(reassignments-1, 0)
		escalated := !r.EscalatedAt.IsZero() && !r.EscalatedAt.After(t)
		firstGroup := i == 0 && reassignments == 0
		firstContact := firstGroup && !escalated && len(r.Reopenings) == 0 &&
			(len(a.spec.FirstLine) == 0 || slices.Contains(a.spec.FirstLine, r.GroupAt(t)))
		fx.res = append(fx.res, resFact{bucket: b, reopenedLater: i < len(r.Reopenings),
			firstContact: firstContact, firstGroup: firstGroup, escalated: escalated, reassignments: reassignments})
	}
}

// slaFacts adds each decided SLA outcome of r in the period (met when it
// ended, breached when it broke, cancelled when it ended) and counts the
// SLA-kind breaches.
func (a *Accumulator) slaFacts(r *Record, fx *facts) {
	for _, o := range r.SLA {
		var at time.Time
		result := 0
		switch o.State {
		case sla.Met:
			at = o.Ended
		case sla.Breached:
			at, result = o.BreachedAt, 1
			if o.Kind == sla.SLA && a.bucket(at.UnixNano()) >= 0 {
				fx.breached++
			}
		case sla.Cancelled:
			at, result = o.Ended, 2
		default:
			continue // not decided yet
		}
		b := a.bucket(at.UnixNano())
		if b < 0 {
			continue
		}
		fx.sla = append(fx.sla, slaFact{a.slaID(slaKey{o.Kind, o.Policy, o.Metric}), b, result})
	}
}

// slaID returns the number of an SLA key. A set has a handful of
// policies and metrics: the first keys are found by comparing strings,
// which is cheaper than hashing them.
func (a *Accumulator) slaID(k slaKey) int {
	for i, x := range a.slaKeys[:min(len(a.slaKeys), 16)] {
		if x == k {
			return i
		}
	}
	if id, ok := a.slaIndex[k]; ok {
		return id
	}
	id := len(a.slaKeys)
	k.policy = strings.Clone(k.policy)
	k.metric = sla.Metric(strings.Clone(string(k.metric)))
	a.slaIndex[k] = id
	a.slaKeys = append(a.slaKeys, k)
	return id
}

// openIntervals adds to fx the boundaries at which r is in the backlog,
// and its aging class at the period's end. An incident is in the backlog
// at instant t when, after its events before t, it is open: for an open
// interval [s, e) that is s < t <= e.
func (a *Accumulator) openIntervals(r *Record, fx *facts) {
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
		lo, hi := a.boundsUpTo(s), len(a.bounds)
		if e != math.MaxInt64 {
			hi = a.boundsUpTo(e)
		}
		if lo < hi {
			fx.backlog = append(fx.backlog, [2]int{lo, hi})
		}
		if asOf := a.asOf; s < asOf && asOf <= e {
			fx.aging = ageClass(asOf - r.OpenedAt.UnixNano())
		}
	}
}
