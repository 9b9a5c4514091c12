package calendar

import (
	"fmt"
	"strconv"

	"github.com/go-itsm/itsm/internal/invalid"

	"github.com/rickb777/date/v2"
)

// ExceptionKind says how an Exception changes its date's hours.
type ExceptionKind uint8

const (
	// Closed removes every shift that starts on the date (a holiday).
	Closed ExceptionKind = iota
	// Override replaces the date's shifts with Exception.Hours (a half day
	// with its own hours, an extra working Saturday).
	Override
	// ClosesEarly keeps the date's regular shifts but ends them at
	// Exception.ClosesAt (a half-day holiday such as Christmas Eve).
	ClosesEarly
	// ClosedDuring closes the wall-clock spans Exception.Hours of the date
	// and leaves the rest of its hours as they are: "closed 10:00-12:00 on 3
	// March for maintenance". A span that ends at or before its start runs
	// past midnight into the next date (22:00-02:00). It removes time, not
	// shifts: whatever shift covers the span is cut, also a shift of the
	// day before that runs into it, an Override's hours and a half day's.
	ClosedDuring
)

// Exception changes the hours of one date: a holiday, a half day, an extra
// working day. Date is the date whose shifts it changes (for a holiday
// observed on another day, the observed date); Actual is the date the holiday
// really falls on when that differs, and zero otherwise.
//
// A date's hours are decided in two steps. First, when several exceptions
// of the whole day (Closed, Override, ClosesEarly) name the same date, one
// applies: an Override wins (it is the user's explicit word for that date),
// then Closed, then the ClosesEarly with the earliest ClosesAt. Then every
// ClosedDuring span of every exception is removed from the open time that
// results, whatever decided it: a part-day closure always wins, and several
// of them on one date all apply. So a maintenance window on an extra working
// Saturday still closes its hours, and one on a holiday changes nothing.
//
// Its JSON form is, for example,
//
//	{"date":"2026-12-25","name":"Christmas Day","kind":"closed"}
//	{"date":"2026-12-24","kind":"closes_early","closes_at":"13:00"}
//	{"date":"2027-03-06","kind":"override","hours":["09:00-13:00"]}
//	{"date":"2027-03-03","name":"Maintenance","kind":"closed_during","hours":["10:00-12:00"]}
type Exception struct {
	Date     date.Date     `json:"date"`
	Actual   date.Date     `json:"actual,omitzero"`
	Name     string        `json:"name,omitempty"`
	Kind     ExceptionKind `json:"kind"`
	Hours    []Span        `json:"hours,omitempty"`     // Kind == Override (open) or ClosedDuring (closed)
	ClosesAt TimeOfDay     `json:"closes_at,omitempty"` // Kind == ClosesEarly
}

// validate reports why e cannot be applied: a *FieldError wrapping
// ErrInvalidCalendar whose path names the field ("hours[0]", "closes_at").
func (e Exception) validate() error {
	bad := func(path, value, reason string) error { return fieldError(ErrInvalidCalendar, path, value, reason) }
	if err := invalid.Text("name", e.Name, ErrInvalidCalendar); err != nil {
		return err
	}
	switch e.Kind {
	case Closed:
		if e.ClosesAt != 0 {
			return bad("closes_at", e.ClosesAt.String(), `only for kind "closes_early"`)
		}
		if len(e.Hours) > 0 {
			return bad("hours", "", `only for kinds "override" and "closed_during"`)
		}
	case Override, ClosedDuring:
		if e.Kind == ClosedDuring && len(e.Hours) == 0 {
			return bad("hours", "", `kind "closed_during" needs the hours it closes`)
		}
		if e.ClosesAt != 0 {
			return bad("closes_at", e.ClosesAt.String(), `only for kind "closes_early"`)
		}
		if err := validateSpans(e.Hours); err != nil {
			return invalid.At("hours", err, ErrInvalidCalendar)
		}
	case ClosesEarly:
		if e.ClosesAt < 0 || e.ClosesAt > secondsPerDay {
			return bad("closes_at", e.ClosesAt.String(), "must be from 00:00 to 24:00")
		}
		if len(e.Hours) > 0 {
			return bad("hours", "", `only for kinds "override" and "closed_during"`)
		}
	default:
		return invalid.At("kind", &FieldError{Value: e.Kind.String(), Reason: "unknown ExceptionKind (known: " + invalid.Names(exceptionKindWords.Words) + ")", Err: ErrUnknownWord}, ErrInvalidCalendar)
	}
	if y := e.Date.Year(); y < MinYear || y > MaxYear {
		return bad("date", e.Date.String(), fmt.Sprintf("must be in the years %d to %d", MinYear, MaxYear))
	}
	if e.Actual != 0 {
		if y := e.Actual.Year(); y < MinYear || y > MaxYear {
			return bad("actual", e.Actual.String(), fmt.Sprintf("must be in the years %d to %d", MinYear, MaxYear))
		}
	}
	return nil
}

// exceptionJSON is the wire form of an Exception.
type exceptionJSON struct {
	Date     string   `json:"date"`
	Actual   string   `json:"actual,omitempty"`
	Name     string   `json:"name,omitempty"`
	Kind     *string  `json:"kind"`
	Hours    []string `json:"hours,omitempty"`
	ClosesAt string   `json:"closes_at,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler: it reads the form shown on
// Exception strictly (an unknown or repeated key, a wrong type, a date
// that is not in the form 2026-12-25, an unknown kind are errors) and
// validates the exception as New does. Errors are *FieldError wrapping
// ErrInvalidCalendar, with the field's path. A missing kind is "closed".
// As encoding/json's convention asks, null leaves e as it is.
func (e *Exception) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var w exceptionJSON
	if err := invalid.Decode(b, &w, ErrInvalidCalendar); err != nil {
		return err
	}
	var out Exception
	var err error
	if out.Date, err = parseISODate(w.Date); err != nil {
		return invalid.At("date", err, ErrInvalidCalendar)
	}
	if w.Actual != "" {
		if out.Actual, err = parseISODate(w.Actual); err != nil {
			return invalid.At("actual", err, ErrInvalidCalendar)
		}
	}
	out.Name = w.Name
	if w.Kind != nil {
		if err := out.Kind.UnmarshalText([]byte(*w.Kind)); err != nil {
			return invalid.At("kind", err, ErrInvalidCalendar)
		}
	}
	if out.Hours, err = parseSpans(w.Hours); err != nil {
		return invalid.At("hours", err, ErrInvalidCalendar)
	}
	if w.ClosesAt != "" {
		if out.ClosesAt, err = ParseTimeOfDay(w.ClosesAt); err != nil {
			return invalid.At("closes_at", err, ErrInvalidCalendar)
		}
	}
	if err := out.validate(); err != nil {
		return err
	}
	*e = out
	return nil
}

// parseSpans reads a JSON list of spans; an error names the index.
func parseSpans(list []string) ([]Span, error) {
	if len(list) == 0 {
		return nil, nil
	}
	out := make([]Span, len(list))
	for i, s := range list {
		v, err := parseSpanText(s)
		if err != nil {
			return nil, invalid.At("["+strconv.Itoa(i)+"]", err, ErrInvalidWeek)
		}
		out[i] = v
	}
	return out, nil
}

// clone returns e with Hours of its own, so that a caller cannot change a
// calendar's tables through it.
func (e Exception) clone() Exception {
	e.Hours = cloneOrNil(e.Hours)
	return e
}

// cloneExceptions returns a deep copy of l.
func cloneExceptions(l Exceptions) Exceptions {
	out := make(Exceptions, len(l))
	for i, e := range l {
		out[i] = e.clone()
	}
	return out
}

// outranks reports whether e takes precedence over f on the same date.
// Part-day closures do not compete (they all apply); they rank below every
// kind of the whole day.
func (e Exception) outranks(f Exception) bool {
	rank := func(x Exception) int {
		switch x.Kind {
		case Override:
			return 3
		case Closed:
			return 2
		case ClosesEarly:
			return 1
		}
		return 0
	}
	if rank(e) != rank(f) {
		return rank(e) > rank(f)
	}
	return e.Kind == ClosesEarly && e.ClosesAt < f.ClosesAt
}

// An ExceptionSource supplies the dated exceptions of a calendar: explicit
// dates (Exceptions), holiday rules, iCalendar feeds. It is the seam through
// which every kind of holiday definition reaches the arithmetic.
//
// ExceptionsIn returns the exceptions whose Date falls in year. week is the
// calendar's regular hours, for rules whose observed day depends on them
// ("next working day"). A calendar asks each source once per year it needs
// and caches the answer, so the cost of a source never reaches the
// arithmetic. Implementations must be deterministic and safe for concurrent
// use. Exceptions that fail validation (a span with Start == End, an unknown
// Kind) are ignored.
type ExceptionSource interface {
	ExceptionsIn(year int, week Week) []Exception
}

// Exceptions is an explicit list of exceptions; it is an ExceptionSource.
type Exceptions []Exception

// ExceptionsIn implements ExceptionSource.
func (l Exceptions) ExceptionsIn(year int, _ Week) []Exception {
	var out []Exception
	for _, e := range l {
		if e.Date.Year() == year {
			out = append(out, e)
		}
	}
	return out
}

// ClosedOn is a shorthand for an Exceptions list that closes each date, with
// name as the holiday's name.
func ClosedOn(name string, dates ...date.Date) Exceptions {
	out := make(Exceptions, len(dates))
	for i, d := range dates {
		out[i] = Exception{Date: d, Name: name, Kind: Closed}
	}
	return out
}
