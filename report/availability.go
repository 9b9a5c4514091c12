package report

import (
	"encoding/json"
	"math"
	"math/big"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/interval"
)

// ServiceAvailability is the availability of one service over the period,
// measured in its agreed service time (a calendar, or all the time) with
// planned maintenance excluded.
//
// Its JSON form has snake_case keys, durations as Go durations and, for
// readers, the derived values: availability, mtbf and mtbsi (null without
// agreed time or breaks) and, with a target and agreed time,
// error_budget, budget_remaining and burn_rate. Derived values are
// recomputed by the methods, never read.
type ServiceAvailability struct {
	Service string
	// AgreedTime is the agreed service time in the period minus the
	// maintenance windows: the denominator.
	AgreedTime time.Duration
	// Maintenance is the agreed service time the maintenance windows took
	// out of the period.
	Maintenance time.Duration
	// Downtime is the agreed service time, outside maintenance, during
	// which the service was out.
	Downtime time.Duration
	// Breaks counts the outages (overlapping or touching outages are one)
	// with downtime in the period.
	Breaks int64
	// Target is the SLO (Spec.Availability.Target); 0 if none.
	Target float64
}

// Availability is (AgreedTime - Downtime) / AgreedTime; ok is false
// without agreed time.
func (s ServiceAvailability) Availability() (float64, bool) {
	if s.AgreedTime <= 0 {
		return 0, false
	}
	return exactRatio(big.NewRat(int64(s.AgreedTime-s.Downtime), 1), big.NewRat(int64(s.AgreedTime), 1)), true
}

// allowed is (1 - Target) x AgreedTime as an exact rational, the target
// read as the decimal it was written as.
func (s ServiceAvailability) allowed() *big.Rat {
	r := new(big.Rat).Sub(big.NewRat(1, 1), decimalRat(s.Target))
	return r.Mul(r, big.NewRat(int64(s.AgreedTime), 1))
}

// MTBF is the mean time between failures as ITIL defines it: (AgreedTime
// - Downtime) / Breaks, the mean uptime per break; ok is false without a
// break.
func (s ServiceAvailability) MTBF() (time.Duration, bool) {
	if s.Breaks == 0 {
		return 0, false
	}
	return divRound(s.AgreedTime-s.Downtime, s.Breaks), true
}

// MTBSI is the mean time between service incidents as ITIL defines it:
// AgreedTime / Breaks (MTBF plus the mean downtime per break, MTRS); ok
// is false without a break.
func (s ServiceAvailability) MTBSI() (time.Duration, bool) {
	if s.Breaks == 0 {
		return 0, false
	}
	return divRound(s.AgreedTime, s.Breaks), true
}

// ErrorBudget is the downtime the SLO allows over the period: (1 -
// Target) x AgreedTime, rounded to the nanosecond; ok is false without a
// target or agreed time.
func (s ServiceAvailability) ErrorBudget() (time.Duration, bool) {
	if s.Target == 0 || s.AgreedTime <= 0 {
		return 0, false
	}
	f, _ := s.allowed().Float64()
	return time.Duration(math.Round(f)), true
}

// BudgetRemaining is the share of the error budget left: 1 - Downtime /
// ((1 - Target) x AgreedTime); negative once overspent.
func (s ServiceAvailability) BudgetRemaining() (float64, bool) {
	if s.Target == 0 || s.AgreedTime <= 0 {
		return 0, false
	}
	allowed := s.allowed()
	if allowed.Sign() == 0 {
		return math.Inf(-1), true
	}
	return exactRatio(new(big.Rat).Sub(allowed, big.NewRat(int64(s.Downtime), 1)), allowed), true
}

// BurnRate is how fast the period consumed its budget: the unavailability
// Downtime / AgreedTime divided by the allowed 1 - Target (1 spends the
// budget exactly over the period).
func (s ServiceAvailability) BurnRate() (float64, bool) {
	if s.Target == 0 || s.AgreedTime <= 0 {
		return 0, false
	}
	allowed := s.allowed()
	if allowed.Sign() == 0 {
		return math.Inf(1), true
	}
	return exactRatio(big.NewRat(int64(s.Downtime), 1), allowed), true
}

type serviceAvailabilityJSON struct {
	Service     string            `json:"service"`
	AgreedTime  duration.Duration `json:"agreed_time"`
	Maintenance duration.Duration `json:"maintenance"`
	Downtime    duration.Duration `json:"downtime"`
	Breaks      int64             `json:"breaks"`
	Target      float64           `json:"target,omitempty"`
	// Derived, written for readers and ignored on reading.
	Availability    *float64           `json:"availability"`
	MTBF            *duration.Duration `json:"mtbf"`
	MTBSI           *duration.Duration `json:"mtbsi"`
	ErrorBudget     *duration.Duration `json:"error_budget,omitempty"`
	BudgetRemaining *float64           `json:"budget_remaining,omitempty"`
	BurnRate        *float64           `json:"burn_rate,omitempty"`
}

// finite returns &v, or nil when !ok or v is not finite (a report read
// from JSON with a target of 1 divides by zero).
func finite(v float64, ok bool) *float64 {
	if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func durationIf(d time.Duration, ok bool) *duration.Duration {
	if !ok {
		return nil
	}
	return durPtr(d)
}

// MarshalJSON implements json.Marshaler.
func (s ServiceAvailability) MarshalJSON() ([]byte, error) {
	return json.Marshal(serviceAvailabilityJSON{Service: s.Service, AgreedTime: duration.Duration(s.AgreedTime),
		Maintenance: duration.Duration(s.Maintenance), Downtime: duration.Duration(s.Downtime), Breaks: s.Breaks, Target: s.Target,
		Availability: finite(s.Availability()), MTBF: durationIf(s.MTBF()), MTBSI: durationIf(s.MTBSI()),
		ErrorBudget: durationIf(s.ErrorBudget()), BudgetRemaining: finite(s.BudgetRemaining()), BurnRate: finite(s.BurnRate())})
}

// UnmarshalJSON implements json.Unmarshaler, strictly (errors wrap
// ErrInvalidReport); the derived values are ignored.
func (s *ServiceAvailability) UnmarshalJSON(b []byte) error {
	var j serviceAvailabilityJSON
	if err := decodeStrict(b, &j, ErrInvalidReport); err != nil {
		return err
	}
	*s = ServiceAvailability{Service: j.Service, AgreedTime: time.Duration(j.AgreedTime), Maintenance: time.Duration(j.Maintenance),
		Downtime: time.Duration(j.Downtime), Breaks: j.Breaks, Target: j.Target}
	return nil
}

func divRound(d time.Duration, n int64) time.Duration {
	q, r := d/time.Duration(n), d%time.Duration(n)
	if 2*r >= time.Duration(n) {
		q++
	}
	return q
}

// AddOutage records an outage of w.Service over [w.Start, w.End); a zero
// End means the service is still out (until the period's end). Overlapping
// outages, from here or from major incidents, count once. It fails with a
// *FieldError wrapping ErrInvalidSpec for a window without service or
// start, ending before it starts, or of a service that WithServices did
// not declare.
func (a *Accumulator) AddOutage(w Window) error {
	if err := a.ready(); err != nil {
		return err
	}
	switch {
	case w.Service == "":
		return specError("outage.service", "", "an outage needs its service")
	case w.Start.IsZero() || !inRange(w.Start):
		return specError("outage.start", stampOrEmpty(w.Start), "an outage needs a start within the years 1678 to 2261")
	case !w.End.IsZero() && !inRange(w.End):
		return specError("outage.end", stamp(w.End), "outside the years 1678 to 2261")
	case !w.End.IsZero() && !w.End.After(w.Start):
		return specError("outage.end", stamp(w.End), "the end must be after the start "+stamp(w.Start))
	}
	if err := knownService("outage.service", w.Service, a.services); err != nil {
		return err
	}
	end := int64(math.MaxInt64)
	if !w.End.IsZero() {
		end = w.End.UnixNano()
	}
	a.outage(w.Service, w.Start.UnixNano(), end)
	return nil
}

func (a *Accumulator) outage(service string, start, end int64) {
	if end <= a.from || start >= a.to {
		return
	}
	if _, ok := a.outages[service]; !ok {
		service = strings.Clone(service)
	}
	a.outages[service] = append(a.outages[service], interval.Interval{Start: max(start, a.from), End: min(end, a.to)})
}

// addOutage records a major incident's outage: from its opening to the
// restoration of service (still out if not restored; a major incident
// cancelled before any restoration was a false alarm and is no outage).
func (a *Accumulator) addOutage(r *Record) {
	if !r.Major || a.spec.Availability.IgnoreMajor {
		return
	}
	end := int64(math.MaxInt64)
	if t := r.restoredAt(); !t.IsZero() {
		end = t.UnixNano()
	} else if r.Cancelled {
		return
	}
	a.outage(r.Service, r.OpenedAt.UnixNano(), end)
}

func (a *Accumulator) availabilityReport() []ServiceAvailability {
	av := &a.spec.Availability
	names := map[string]struct{}{}
	for i, seen := range a.seen {
		if seen {
			names[a.strs.names[i]] = struct{}{}
		}
	}
	for s := range a.outages {
		names[s] = struct{}{}
	}
	for s := range av.Services {
		names[s] = struct{}{}
	}
	for _, w := range av.Maintenance {
		if w.Service != "" {
			names[w.Service] = struct{}{}
		}
	}
	list := make([]string, 0, len(names))
	for s := range names {
		list = append(list, s)
	}
	sort.Strings(list)
	var out []ServiceAvailability
	for _, s := range list {
		cal := av.ServiceTime
		if c, ok := av.Services[s]; ok {
			cal = c
		}
		busy := func(iv []interval.Interval) time.Duration {
			var d time.Duration
			for _, v := range iv {
				d += agreed(cal, v)
			}
			return d
		}
		var maint []interval.Interval
		for _, w := range av.Maintenance {
			if w.Service == "" || w.Service == s {
				st, en := max(w.Start.UnixNano(), a.from), min(w.End.UnixNano(), a.to)
				if st < en {
					maint = append(maint, interval.Interval{Start: st, End: en})
				}
			}
		}
		maint = interval.Union(maint)
		sa := ServiceAvailability{Service: s, Target: av.Target}
		sa.Maintenance = busy(maint)
		sa.AgreedTime = agreed(cal, interval.Interval{Start: a.from, End: a.to}) - sa.Maintenance
		for _, o := range interval.Union(slices.Clone(a.outages[s])) {
			d := busy(interval.Minus([]interval.Interval{o}, maint))
			if d > 0 {
				sa.Downtime += d
				sa.Breaks++
			}
		}
		out = append(out, sa)
	}
	return out
}

// agreed is the agreed service time in v: business time on cal, or wall
// time without a calendar.
func agreed(cal *calendar.Calendar, v interval.Interval) time.Duration {
	if cal == nil {
		return time.Duration(v.End - v.Start)
	}
	return cal.Between(time.Unix(0, v.Start), time.Unix(0, v.End))
}
