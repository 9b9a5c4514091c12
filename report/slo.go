package report

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/invalid"
)

// SLO is a service level objective: the share Target of good events (or
// of agreed service time) over a rolling budget Period ending at now. Its
// error budget is 1 - Target of the period's total.
//
// An SLO is a plain value; NewSLO validates it. It round-trips through
// JSON ({"target": 0.999, "period": "720h0m0s"}).
type SLO struct {
	Target float64
	Period time.Duration
}

// NewSLO returns the SLO of target (0 < target < 1) over a budget period
// (positive). Errors are *FieldError values wrapping ErrInvalidSLO.
func NewSLO(target float64, period time.Duration) (SLO, error) {
	s := SLO{Target: target, Period: period}
	return s, s.validate()
}

func (s SLO) validate() error {
	if !(s.Target > 0 && s.Target < 1) {
		return &FieldError{Path: "target", Value: strconv.FormatFloat(s.Target, 'g', -1, 64), Reason: "must be between 0 and 1, exclusive", Err: ErrInvalidSLO}
	}
	if s.Period <= 0 {
		return &FieldError{Path: "period", Value: s.Period.String(), Reason: "must be positive", Err: ErrInvalidSLO}
	}
	return nil
}

type sloJSON struct {
	Target float64           `json:"target"`
	Period duration.Duration `json:"period"`
}

// MarshalJSON implements json.Marshaler.
func (s SLO) MarshalJSON() ([]byte, error) {
	return json.Marshal(sloJSON{s.Target, duration.Duration(s.Period)})
}

// UnmarshalJSON implements json.Unmarshaler, strictly (an unknown key or a
// wrong type is a *FieldError wrapping ErrInvalidSLO), not validating the
// values: NewSLO and Status do.
func (s *SLO) UnmarshalJSON(b []byte) error {
	var j sloJSON
	if err := decodeStrict(b, &j, ErrInvalidSLO); err != nil {
		return err
	}
	*s = SLO{j.Target, time.Duration(j.Period)}
	return nil
}

// Severity is what a firing burn-rate rule asks for: a page (someone acts
// now) or a ticket (someone acts this week). It marshals as "page" or
// "ticket".
type Severity uint8

// The severities.
const (
	Page Severity = iota + 1
	Ticket
)

var severityWords = invalid.Words{Type: "Severity", Words: []string{"", "page", "ticket"}}

// String returns the severity's word, "" for the zero Severity or
// "Severity(n)" for an unknown value.
func (s Severity) String() string { return severityWords.String(uint8(s)) }

// MarshalText implements encoding.TextMarshaler; an unknown value fails
// with ErrUnknownWord.
func (s Severity) MarshalText() ([]byte, error) {
	return severityWords.Marshal(uint8(s), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler: "page", "ticket" or
// "" (refused by Status), else ErrUnknownWord listing the words.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := severityWords.Parse(string(b), ErrUnknownWord)
	if err == nil {
		*s = Severity(v)
	}
	return err
}

// BurnRule is one multi-window burn-rate alert: it fires when the burn
// rate over the Long window and over the Short window ending at now both
// exceed Factor. The short window makes the alert stop soon after the
// burning does.
type BurnRule struct {
	Severity    Severity
	Long, Short time.Duration
	Factor      float64
}

type burnRuleJSON struct {
	Severity Severity          `json:"severity"`
	Long     duration.Duration `json:"long"`
	Short    duration.Duration `json:"short"`
	Factor   float64           `json:"factor"`
}

// MarshalJSON implements json.Marshaler.
func (r BurnRule) MarshalJSON() ([]byte, error) {
	return json.Marshal(burnRuleJSON{r.Severity, duration.Duration(r.Long), duration.Duration(r.Short), r.Factor})
}

// UnmarshalJSON implements json.Unmarshaler, strictly (errors wrap
// ErrInvalidSLO), not validating the values: Status does.
func (r *BurnRule) UnmarshalJSON(b []byte) error {
	var j burnRuleJSON
	if err := decodeStrict(b, &j, ErrInvalidSLO); err != nil {
		return err
	}
	*r = BurnRule{j.Severity, time.Duration(j.Long), time.Duration(j.Short), j.Factor}
	return nil
}

func (r BurnRule) validate(i int) error {
	field := "rules[" + strconv.Itoa(i) + "]"
	switch {
	case r.Severity != Page && r.Severity != Ticket:
		return &FieldError{Path: field + ".severity", Value: r.Severity.String(), Reason: "must be page or ticket", Err: ErrInvalidSLO}
	case r.Short <= 0 || r.Long <= r.Short:
		return &FieldError{Path: field + ".short", Value: r.Short.String(), Reason: "need 0 < short < long", Err: ErrInvalidSLO}
	case !(r.Factor > 0) || math.IsInf(r.Factor, 0):
		return &FieldError{Path: field + ".factor", Value: strconv.FormatFloat(r.Factor, 'g', -1, 64), Reason: "must be positive", Err: ErrInvalidSLO}
	}
	return nil
}

// WorkbookRules returns the multiwindow, multi-burn-rate alerts of the
// Google SRE Workbook ("Alerting on SLOs", table 5-8) for a budget period:
//
//	page    long 1h, short 5m:  2% of the budget spent in 1 hour
//	page    long 6h, short 30m: 5% of the budget spent in 6 hours
//	ticket  long 3d, short 6h:  10% of the budget spent in 3 days
//
// The factor of each is that share of the budget times period / long:
// for the workbook's 30-day period, 14.4, 6 and 1.
func WorkbookRules(period time.Duration) []BurnRule {
	rule := func(sev Severity, long, short time.Duration, percent int64) BurnRule {
		return BurnRule{sev, long, short, float64(percent) * float64(period) / (100 * float64(long))}
	}
	return []BurnRule{
		rule(Page, time.Hour, 5*time.Minute, 2),
		rule(Page, 6*time.Hour, 30*time.Minute, 5),
		rule(Ticket, 3*24*time.Hour, 6*time.Hour, 10),
	}
}

// Source counts what an SLO measures in a window [from, to): bad events
// (or bad time) and all of them. Implementations must be pure.
type Source interface {
	Count(from, to time.Time) (bad, total float64)
}

// Sample is one observation for an event-based SLO: Bad of Total events
// (requests, transactions, incidents resolved in time...) counted at At.
type Sample struct {
	At         time.Time
	Bad, Total int64
}

type eventSource struct {
	at         []int64 // sorted Unix ns
	bad, total []int64 // prefix sums, len(at)+1
}

// NewEventSource returns a Source over samples: a window counts the
// samples whose At lies in it. Samples need 0 <= Bad <= Total; they are
// copied and sorted. Errors wrap ErrInvalidSLO.
func NewEventSource(samples []Sample) (Source, error) {
	s := slices.Clone(samples)
	for i, x := range s {
		if x.Bad < 0 || x.Total < x.Bad || x.At.IsZero() || !inRange(x.At) {
			return nil, &FieldError{Path: "samples[" + strconv.Itoa(i) + "]", Reason: "need an instant and 0 <= bad <= total", Err: ErrInvalidSLO}
		}
	}
	slices.SortStableFunc(s, func(x, y Sample) int { return x.At.Compare(y.At) })
	src := &eventSource{at: make([]int64, len(s)), bad: make([]int64, len(s)+1), total: make([]int64, len(s)+1)}
	for i, x := range s {
		src.at[i] = x.At.UnixNano()
		src.bad[i+1] = satAdd(src.bad[i], x.Bad)
		src.total[i+1] = satAdd(src.total[i], x.Total)
	}
	return src, nil
}

func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

func (s *eventSource) Count(from, to time.Time) (bad, total float64) {
	lo, _ := slices.BinarySearch(s.at, from.UnixNano()) // the samples before from
	hi, _ := slices.BinarySearch(s.at, to.UnixNano())
	if hi <= lo {
		return 0, 0
	}
	return float64(s.bad[hi] - s.bad[lo]), float64(s.total[hi] - s.total[lo])
}

type downtimeSource struct {
	outages []interval
	cal     *calendar.Calendar
}

// NewDowntimeSource returns a Source for a time-based SLO: bad is the
// agreed service time (on cal; all the time if cal is nil) during which
// the service was out, total the agreed service time, both in
// nanoseconds. An outage with a zero End lasts until now. Overlapping
// outages count once. Errors wrap ErrInvalidSLO.
func NewDowntimeSource(outages []calendar.Interval, cal *calendar.Calendar) (Source, error) {
	var iv []interval
	for i, o := range outages {
		if o.Start.IsZero() || !inRange(o.Start) || (!o.End.IsZero() && !inRange(o.End)) || (!o.End.IsZero() && !o.End.After(o.Start)) {
			return nil, &FieldError{Path: "outages[" + strconv.Itoa(i) + "]", Reason: "need a start, and an end after it (or none)", Err: ErrInvalidSLO}
		}
		end := int64(math.MaxInt64)
		if !o.End.IsZero() {
			end = o.End.UnixNano()
		}
		iv = append(iv, interval{o.Start.UnixNano(), end})
	}
	return &downtimeSource{union(iv), cal}, nil
}

func (s *downtimeSource) Count(from, to time.Time) (bad, total float64) {
	f, t := from.UnixNano(), to.UnixNano()
	if t <= f {
		return 0, 0
	}
	var down time.Duration
	for _, o := range s.outages {
		if o.end <= f || o.start >= t {
			continue
		}
		down += agreed(s.cal, interval{max(o.start, f), min(o.end, t)})
	}
	return float64(down), float64(agreed(s.cal, interval{f, t}))
}

// BudgetStatus is an SLO's error budget and burn-rate alerts at an
// instant.
type BudgetStatus struct {
	At  time.Time `json:"at"`
	SLO SLO       `json:"slo"`
	// Bad and Total are counted over the budget period [At - Period, At).
	Bad   float64 `json:"bad"`
	Total float64 `json:"total"`
	// Remaining is the share of the error budget left: 1 - (Bad / Total)
	// / (1 - Target), negative once overspent; invalid without Total.
	Remaining Value `json:"remaining"`
	// BurnRate is the budget period's burn rate: (Bad / Total) / (1 -
	// Target); 1 spends the budget exactly over the period.
	BurnRate Value `json:"burn_rate"`
	// Alerts has one entry per rule, in the rules' order.
	Alerts []Alert `json:"alerts"`
	// Firing is the most severe severity firing (Page before Ticket); 0 if
	// none.
	Firing Severity `json:"firing,omitempty"`
}

// Alert is one burn-rate rule judged at an instant.
type Alert struct {
	Rule BurnRule `json:"rule"`
	// LongRate and ShortRate are the burn rates over the rule's windows
	// ending at the instant; invalid for a window without any total.
	LongRate  Value `json:"long_rate"`
	ShortRate Value `json:"short_rate"`
	// Firing: both windows' error ratios exceed Factor x (1 - Target),
	// the workbook's comparison.
	Firing bool `json:"firing"`
}

// Status judges the SLO at now over src: the budget over [now - Period,
// now) and each rule over its windows ending at now (use WorkbookRules
// for the SRE workbook's). It fails for an invalid SLO or rule.
func (s SLO) Status(now time.Time, src Source, rules []BurnRule) (BudgetStatus, error) {
	if err := s.validate(); err != nil {
		return BudgetStatus{}, err
	}
	for i, r := range rules {
		if err := r.validate(i); err != nil {
			return BudgetStatus{}, err
		}
	}
	if src == nil {
		return BudgetStatus{}, &FieldError{Path: "source", Reason: "nil source", Err: ErrInvalidSLO}
	}
	allowed := 1 - s.Target
	window := func(d time.Duration) (ratio float64, ok bool) {
		bad, total := src.Count(now.Add(-d), now)
		if !(total > 0) {
			return 0, false
		}
		return bad / total, true
	}
	st := BudgetStatus{At: now, SLO: s}
	st.Bad, st.Total = src.Count(now.Add(-s.Period), now)
	if st.Total > 0 {
		ratio := st.Bad / st.Total
		st.Remaining = ratioValue(1-ratio/allowed, true)
		st.BurnRate = numberValue(ratio/allowed, true)
	} else {
		st.Remaining, st.BurnRate = Value{Unit: UnitRatio}, Value{Unit: UnitNumber}
	}
	for _, r := range rules {
		long, lok := window(r.Long)
		short, sok := window(r.Short)
		a := Alert{Rule: r, LongRate: numberValue(long/allowed, lok), ShortRate: numberValue(short/allowed, sok)}
		a.Firing = lok && sok && long > r.Factor*allowed && short > r.Factor*allowed
		if a.Firing && (st.Firing == 0 || r.Severity < st.Firing) {
			st.Firing = r.Severity
		}
		st.Alerts = append(st.Alerts, a)
	}
	return st, nil
}
