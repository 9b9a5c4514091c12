package slo

import (
	"encoding/json"
	"math"
	"strconv"
	"time"

	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/go-itsm/itsm/internal/tzname"
)

// SLO is a service level objective: the share Target of good events (or
// of agreed service time) over a budget Period. Its error budget is
// 1 - Target of the period's total. MinEvents and MinAgreed are the
// low-traffic guard of its burn-rate rules (see BurnRule); zero leaves
// each rule's default.
//
// An SLO is a plain value, safe for concurrent use; New and Validate check
// it, and Status checks it again. Its JSON form is flat:
//
//	{"target": 0.999, "period": "720h0m0s"}
//	{"target": 0.999, "calendar": "month", "zone": "Europe/Amsterdam", "min_events": 100}
type SLO struct {
	Target    float64
	Period    Period
	MinEvents float64
	MinAgreed time.Duration
}

// Period is an SLO's budget period: either a rolling window of length
// Rolling ending at now, or the calendar cycle (Cycle, in the zone
// Location) containing now. Build it with Rolling or Month.
type Period struct {
	Rolling  time.Duration
	Cycle    Cycle
	Location *time.Location
}

// Rolling returns the budget period of length d ending at now (the Google
// SRE Workbook's 30 days: Rolling(30 * 24 * time.Hour)).
func Rolling(d time.Duration) Period { return Period{Rolling: d} }

// Month returns the calendar-month budget period in loc: at now, the
// month containing now, from its first midnight in loc to the next
// month's. A month in a zone with a daylight-saving change is an hour
// shorter or longer than its days times 24 hours.
func Month(loc *time.Location) Period { return Period{Cycle: CalendarMonth, Location: loc} }

// Cycle is a calendar budget period. It marshals as "month"; the zero
// value, a rolling period, as "".
type Cycle uint8

// The cycles.
const (
	// CalendarMonth: the budget resets at the first midnight of each month.
	CalendarMonth Cycle = iota + 1
)

var cycleWords = invalid.Words{Type: "Cycle", Words: []string{"", "month"}}

// String returns the cycle's word.
func (c Cycle) String() string { return cycleWords.String(uint8(c)) }

// MarshalText implements encoding.TextMarshaler.
func (c Cycle) MarshalText() ([]byte, error) { return cycleWords.Marshal(uint8(c), ErrInvalid) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Cycle) UnmarshalText(b []byte) error {
	v, err := cycleWords.Parse(string(b), ErrInvalid)
	*c = Cycle(v)
	return err
}

// Bounds returns the budget period that holds now: [now - Rolling, now)
// for a rolling period, the calendar month [first midnight, next month's
// first midnight) containing now for a monthly one. The times of a monthly
// period are in Location.
func (p Period) Bounds(now time.Time) (from, to time.Time) {
	if p.Cycle == CalendarMonth && p.Location != nil {
		y, m, _ := now.In(p.Location).Date()
		return time.Date(y, m, 1, 0, 0, 0, 0, p.Location), time.Date(y, m+1, 1, 0, 0, 0, 0, p.Location)
	}
	return now.Add(-p.Rolling), now
}

// nominal is the length the burn-rate factors scale with: the rolling
// length, or 30 days for a month (the workbook's period).
func (p Period) nominal() time.Duration {
	if p.Cycle == CalendarMonth {
		return 30 * 24 * time.Hour
	}
	return p.Rolling
}

// Option is an optional setting of New.
type Option interface{ apply(*SLO) }

type optionFunc func(*SLO)

func (f optionFunc) apply(s *SLO) { f(s) }

// MinEvents sets the SLO's low-traffic guard for event-based sources: a
// burn-rate rule fires only when its long window holds at least n events
// (a rule's own MinEvents takes precedence). 1 turns the guard off.
func MinEvents(n float64) Option { return optionFunc(func(s *SLO) { s.MinEvents = n }) }

// MinAgreed sets the SLO's low-traffic guard for downtime sources: a
// burn-rate rule fires only when its long window holds at least d of
// agreed service time (a rule's own MinAgreed takes precedence).
func MinAgreed(d time.Duration) Option { return optionFunc(func(s *SLO) { s.MinAgreed = d }) }

// New returns the SLO of target (0 < target < 1) over period (Rolling(d)
// with d > 0, or Month(loc) with a location). Errors are *FieldError
// values wrapping ErrInvalid.
func New(target float64, period Period, opts ...Option) (SLO, error) {
	s := SLO{Target: target, Period: period}
	for _, o := range opts {
		if o != nil {
			o.apply(&s)
		}
	}
	return s, s.Validate()
}

// Validate reports the first invalid field of s as a *FieldError wrapping
// ErrInvalid, with its JSON path ("target", "period", "zone",
// "min_events").
func (s SLO) Validate() error {
	if !(s.Target > 0 && s.Target < 1) {
		return fieldError("target", formatFloat(s.Target), "must be between 0 and 1, exclusive")
	}
	switch p := s.Period; p.Cycle {
	case 0:
		if p.Rolling <= 0 {
			return fieldError("period", p.Rolling.String(), "must be positive (or give a calendar cycle)")
		}
		if p.Location != nil {
			return fieldError("zone", p.Location.String(), "only a calendar cycle has a zone")
		}
	case CalendarMonth:
		if p.Rolling != 0 {
			return fieldError("period", p.Rolling.String(), "a calendar month has no rolling length")
		}
		if p.Location == nil {
			return fieldError("zone", "", "a calendar month needs a zone")
		}
	default:
		return fieldError("calendar", p.Cycle.String(), "unknown cycle (known: month)")
	}
	return validateGuard("", s.MinEvents, s.MinAgreed)
}

func validateGuard(prefix string, events float64, agreed time.Duration) error {
	if !(events >= 0) || math.IsInf(events, 0) {
		return fieldError(prefix+"min_events", formatFloat(events), "must be a finite number, 0 or more")
	}
	if agreed < 0 {
		return fieldError(prefix+"min_agreed", agreed.String(), "must not be negative")
	}
	return nil
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

type sloJSON struct {
	Target    float64           `json:"target"`
	Period    duration.Duration `json:"period,omitempty"`
	Calendar  Cycle             `json:"calendar,omitempty"`
	Zone      string            `json:"zone,omitempty"`
	MinEvents float64           `json:"min_events,omitempty"`
	MinAgreed duration.Duration `json:"min_agreed,omitempty"`
}

// MarshalJSON implements json.Marshaler. A zone that is not an IANA name
// (time.Local, a fixed zone) cannot be written: another machine could not
// read it back.
func (s SLO) MarshalJSON() ([]byte, error) {
	j := sloJSON{Target: s.Target, Period: duration.Duration(s.Period.Rolling), Calendar: s.Period.Cycle,
		MinEvents: s.MinEvents, MinAgreed: duration.Duration(s.MinAgreed)}
	if s.Period.Location != nil {
		name, err := tzname.Of(s.Period.Location)
		if err != nil {
			return nil, &FieldError{Path: "zone", Value: name, Reason: err.Error(), Err: ErrInvalid, Cause: err}
		}
		j.Zone = name
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler, strictly: unknown or repeated
// keys, wrong types, unknown words and zones are *FieldError values
// wrapping ErrInvalid. It does not validate the values (New, Validate and
// Status do).
func (s *SLO) UnmarshalJSON(b []byte) error {
	var j sloJSON
	if err := invalid.Decode(b, &j, ErrInvalid); err != nil {
		return err
	}
	out := SLO{Target: j.Target, Period: Period{Rolling: time.Duration(j.Period), Cycle: j.Calendar},
		MinEvents: j.MinEvents, MinAgreed: time.Duration(j.MinAgreed)}
	if j.Zone != "" {
		loc, err := tzname.Load(j.Zone)
		if err != nil {
			return &FieldError{Path: "zone", Value: j.Zone, Reason: err.Error(), Err: ErrInvalid, Cause: err}
		}
		out.Period.Location = loc
	}
	*s = out
	return nil
}
