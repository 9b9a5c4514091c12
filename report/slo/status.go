package slo

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/go-itsm/itsm/report"
)

// BudgetStatus is an SLO's error budget and burn-rate alerts at an
// instant.
type BudgetStatus struct {
	// Label is the label value the status is for (StatusByLabel); "" for
	// Status.
	Label string
	At    time.Time
	SLO   SLO
	// From and To are the budget period holding At: [At - Rolling, At),
	// or the calendar month. Bad and Total are counted over its elapsed
	// part [From, At); Elapsed is that part's share of the period in wall
	// time (1 for a rolling period).
	From, To time.Time
	Elapsed  float64
	Bad      float64
	Total    float64
	// Remaining is the share of the error budget left, relative to the
	// elapsed part: 1 - (Bad / Total) / (1 - Target), negative once
	// overspent; not valid without Total (report.Value prints "n/a").
	Remaining report.Value
	// BurnRate is (Bad / Total) / (1 - Target) over the elapsed part: 1
	// spends the budget exactly by the period's end, at this pace.
	BurnRate report.Value
	// Alerts has one entry per rule, in the rules' order.
	Alerts []Alert
	// Firing is the most severe severity firing (Page before Ticket); 0
	// if none.
	Firing Severity
}

// Alert is one burn-rate rule judged at an instant.
type Alert struct {
	// Rule is the rule as judged, its low-traffic guard resolved to the
	// value that applied.
	Rule BurnRule
	// Long and Short count the rule's windows ending at the instant.
	Long, Short Tally
	// LongRate and ShortRate are the windows' burn rates, (bad / total) /
	// (1 - Target); not valid for a window without any total.
	LongRate, ShortRate report.Value
	// Burning: both windows' error ratios exceed Factor x (1 - Target),
	// the workbook's comparison.
	Burning bool
	// Held: burning, but the long window holds less traffic than the
	// rule's guard (fewer than MinEvents events, or less than MinAgreed of
	// agreed time); Pyrra shows it as "too few requests".
	Held bool
	// Firing: burning and not held.
	Firing bool
}

// Tally is what a Source counted in a window: Bad of Total events (or
// nanoseconds of agreed time).
type Tally struct {
	Bad   float64 `json:"bad"`
	Total float64 `json:"total"`
}

// Status judges the SLO at now over src: the budget over the elapsed part
// of the period holding now, and each rule over its windows ending at now
// (WorkbookRules gives the SRE workbook's). It fails, with a *FieldError
// wrapping ErrInvalid, for an invalid SLO or rule or a nil source.
func (s SLO) Status(now time.Time, src Source, rules []BurnRule) (BudgetStatus, error) {
	if err := s.check(rules); err != nil {
		return BudgetStatus{}, err
	}
	if src == nil {
		return BudgetStatus{}, fieldError("source", "", "no source")
	}
	return s.status(now, src, rules), nil
}

// StatusByLabel judges the SLO at now over each labelled source (one per
// customer, service or region), as Status does, in the order of the
// labels. A nil source is an error at "sources.<label>".
func (s SLO) StatusByLabel(now time.Time, sources map[string]Source, rules []BurnRule) ([]BudgetStatus, error) {
	if err := s.check(rules); err != nil {
		return nil, err
	}
	labels := make([]string, 0, len(sources))
	for l, src := range sources {
		if src == nil {
			return nil, fieldError("sources."+l, "", "no source")
		}
		labels = append(labels, l)
	}
	slices.Sort(labels)
	out := make([]BudgetStatus, len(labels))
	for i, l := range labels {
		out[i] = s.status(now, sources[l], rules)
		out[i].Label = l
	}
	return out, nil
}

func (s SLO) check(rules []BurnRule) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return validateRules(rules)
}

func (s SLO) status(now time.Time, src Source, rules []BurnRule) BudgetStatus {
	allowed := 1 - s.Target
	st := BudgetStatus{At: now, SLO: s, Elapsed: 1}
	st.From, st.To = s.Period.Bounds(now)
	if s.Period.Cycle != 0 {
		st.Elapsed = float64(now.Sub(st.From)) / float64(st.To.Sub(st.From))
	}
	st.Bad, st.Total = src.Count(st.From, now)
	ratio, ok := Tally{st.Bad, st.Total}.ratio()
	st.Remaining = report.Value{Unit: report.UnitRatio, Valid: ok}
	st.BurnRate = report.Value{Unit: report.UnitNumber, Valid: ok}
	if ok {
		st.Remaining.Float, st.BurnRate.Float = 1-ratio/allowed, ratio/allowed
	}
	measure := src.Measure()
	st.Alerts = make([]Alert, len(rules))
	for i, r := range rules {
		a := Alert{Rule: r.guard(s)}
		a.Long.Bad, a.Long.Total = src.Count(now.Add(-r.Long), now)
		a.Short.Bad, a.Short.Total = src.Count(now.Add(-r.Short), now)
		long, lok := a.Long.ratio()
		short, sok := a.Short.ratio()
		a.LongRate = burnValue(long/allowed, lok)
		a.ShortRate = burnValue(short/allowed, sok)
		threshold := r.Factor * allowed
		a.Burning = lok && sok && long > threshold && short > threshold
		enough := a.Long.Total >= a.Rule.MinEvents
		if measure == Time {
			enough = a.Long.Total >= float64(a.Rule.MinAgreed)
		}
		a.Held = a.Burning && !enough
		a.Firing = a.Burning && enough
		if a.Firing && (st.Firing == 0 || r.Severity < st.Firing) {
			st.Firing = r.Severity
		}
		st.Alerts[i] = a
	}
	return st
}

func (t Tally) ratio() (float64, bool) {
	if !(t.Total > 0) {
		return 0, false
	}
	return t.Bad / t.Total, true
}

func burnValue(v float64, ok bool) report.Value {
	if !ok {
		return report.Value{Unit: report.UnitNumber}
	}
	return report.Value{Unit: report.UnitNumber, Valid: true, Float: v}
}

type budgetStatusJSON struct {
	Label     string       `json:"label,omitempty"`
	At        time.Time    `json:"at"`
	SLO       SLO          `json:"slo"`
	From      time.Time    `json:"from"`
	To        time.Time    `json:"to"`
	Elapsed   float64      `json:"elapsed"`
	Bad       float64      `json:"bad"`
	Total     float64      `json:"total"`
	Remaining report.Value `json:"remaining"`
	BurnRate  report.Value `json:"burn_rate"`
	Alerts    []Alert      `json:"alerts"`
	Firing    Severity     `json:"firing,omitempty"`
}

// MarshalJSON implements json.Marshaler (keys in snake case, values of no
// data as null).
func (st BudgetStatus) MarshalJSON() ([]byte, error) {
	return json.Marshal(budgetStatusJSON(st))
}

// UnmarshalJSON implements json.Unmarshaler, strictly.
func (st *BudgetStatus) UnmarshalJSON(b []byte) error {
	var j budgetStatusJSON
	if err := invalid.Decode(b, &j, ErrInvalid); err != nil {
		return err
	}
	*st = BudgetStatus(j)
	return nil
}

type alertJSON struct {
	Rule      BurnRule     `json:"rule"`
	Long      Tally        `json:"long"`
	Short     Tally        `json:"short"`
	LongRate  report.Value `json:"long_rate"`
	ShortRate report.Value `json:"short_rate"`
	Burning   bool         `json:"burning"`
	Held      bool         `json:"held,omitempty"`
	Firing    bool         `json:"firing"`
}

// MarshalJSON implements json.Marshaler.
func (a Alert) MarshalJSON() ([]byte, error) { return json.Marshal(alertJSON(a)) }

// UnmarshalJSON implements json.Unmarshaler, strictly.
func (a *Alert) UnmarshalJSON(b []byte) error {
	var j alertJSON
	if err := invalid.Decode(b, &j, ErrInvalid); err != nil {
		return err
	}
	*a = Alert(j)
	return nil
}
