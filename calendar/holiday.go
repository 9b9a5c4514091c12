package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/gregorian"
)

// RuleKind says how a Rule finds its date in a year. It marshals as a
// lower-case word: "fixed_date", "month_day", "nth_weekday",
// "easter_offset", "weekly" or "monthly". The zero RuleKind is no kind at
// all and fails validation.
type RuleKind uint8

const (
	// FixedDate is the one date Rule.Date: a one-off holiday such as a state
	// funeral or a moved bank holiday.
	FixedDate RuleKind = iota + 1
	// MonthDay is Rule.Day of Rule.Month every year: Christmas Day on 25
	// December. 29 February occurs in leap years only.
	MonthDay
	// NthWeekday is the Rule.N-th Rule.Weekday of Rule.Month, counted from
	// the month's first day when N > 0 and back from its last day when N < 0:
	// the 4th Thursday of November (N = 4), the last Monday of May (N = -1).
	// A month without that weekday (a fifth Thursday) has no holiday that
	// year. With Rule.Day set, counting starts at that day instead and may
	// leave the month: N = 1, Day = 25 of May is the first Monday on or after
	// 25 May; N = -1, Day = 22 of November the last Wednesday on or before 22
	// November.
	NthWeekday
	// EasterOffset is Rule.Offset days after Western Easter Sunday (the
	// Gregorian computus, see EasterSunday): Good Friday -2, Easter Monday 1,
	// Ascension Day 39, Whit Monday 50, Corpus Christi 60.
	EasterOffset
	// Weekly is every Rule.Weekday, or with Rule.Every = n every n-th week
	// counted from the week of Rule.From (weeks start on Monday, as in ISO
	// 8601): a fortnightly change freeze, a weekly patch window.
	Weekly
	// Monthly is Rule.Day of every month (1 to 31, or -1 to -31 counted back
	// from the month's last day; a month too short for the day has no
	// occurrence), or with Rule.N set the N-th Rule.Weekday of every month as
	// for NthWeekday: the second Sunday of every month is Weekday Sunday,
	// N 2. With Rule.Every = n it is every n-th month counted from the month
	// of Rule.From.
	Monthly
)

var ruleKindNames = [...]string{FixedDate: "fixed_date", MonthDay: "month_day", NthWeekday: "nth_weekday", EasterOffset: "easter_offset", Weekly: "weekly", Monthly: "monthly"}

// String returns the kind's word, such as "nth_weekday".
func (k RuleKind) String() string {
	if k != 0 && int(k) < len(ruleKindNames) {
		return ruleKindNames[k]
	}
	return fmt.Sprintf("RuleKind(%d)", k)
}

// MarshalText implements encoding.TextMarshaler.
func (k RuleKind) MarshalText() ([]byte, error) {
	if k == 0 || int(k) >= len(ruleKindNames) {
		return nil, &FieldError{Field: "on", Value: k.String(), Reason: "unknown rule kind"}
	}
	return []byte(k.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *RuleKind) UnmarshalText(b []byte) error {
	for i, n := range ruleKindNames {
		if i > 0 && n == string(b) {
			*k = RuleKind(i)
			return nil
		}
	}
	return &FieldError{Field: "on", Value: clip(string(b)), Reason: `want "fixed_date", "month_day", "nth_weekday", "easter_offset", "weekly" or "monthly"`}
}

// Limits of a rule, so that every rule of a year stays within the window of
// years that Holidays resolves together (see Holidays.resolve).
const (
	maxRuleDays   = 366 // a closure of up to a year
	maxRuleOffset = 365 // days from Easter
	maxRuleN      = 5   // weeks of NthWeekday
)

// MaxHolidayDays bounds the size of a holiday set: the sum over its rules of
// the days each closes in a year. A set resolves a year with work and memory
// in proportion to it, so a hostile definition (a million year-long
// closures) is refused instead of exhausting memory.
const MaxHolidayDays = 1 << 16

// Rule is one holiday as data: how to find its date each year, how long it
// lasts, how it changes the day's hours and on which day it is observed when
// it falls on a day off. Only the fields that its kind (On) names may be
// set; Holidays validates that.
//
// Its JSON form names only those fields, for example
//
//	{"name":"Thanksgiving Day","on":"nth_weekday","month":11,"weekday":"thursday","n":4}
//	{"name":"Christmas Day","on":"month_day","month":12,"day":25,"observance":"next_weekday"}
//	{"name":"Good Friday","on":"easter_offset","offset":-2}
//	{"name":"Christmas Eve","on":"month_day","month":12,"day":24,"kind":"closes_early","closes_at":"13:00"}
//	{"name":"Company shutdown","on":"month_day","month":12,"day":24,"days":9}
//	{"name":"Juneteenth","on":"month_day","month":6,"day":19,"valid_from":2021}
//	{"name":"State funeral","on":"fixed_date","date":"2022-09-19"}
//	{"name":"Patch window","on":"monthly","weekday":"sunday","n":2,"kind":"closed_during","hours":["02:00-06:00"]}
//	{"name":"Change freeze","on":"weekly","weekday":"friday","every":2,"from":"2027-01-08","until":"2027-12-31"}
//
// Weekly and Monthly rules are recurring windows rather than holidays: they
// take no observance and last one day each (a night window runs past
// midnight through a ClosedDuring span such as 22:00-02:00).
type Rule struct {
	// Name names the holiday in reports; it must not be blank.
	Name string
	// On is how the rule finds its date; see RuleKind.
	On RuleKind
	// Date is the date of a FixedDate rule.
	Date date.Date
	// Month is the month of MonthDay and NthWeekday rules.
	Month time.Month
	// Day is the day of the month of a MonthDay rule, and the optional day
	// from which an NthWeekday rule counts (not 29 February, which most
	// years lack); for a Monthly rule, the day of every month.
	Day int
	// Weekday and N give the N-th weekday of an NthWeekday or Monthly rule:
	// 1 to 5 counts forwards, -1 to -5 backwards. A Weekly rule has a
	// Weekday and no N.
	Weekday time.Weekday
	N       int
	// Offset is the days after Easter Sunday of an EasterOffset rule, from
	// -365 to 365.
	Offset int
	// Days is how many consecutive days the holiday lasts, from 1 to 366; 0
	// means 1. A range may cross the year end (a shutdown from 24 December
	// through 1 January is 9 days). Only single-day holidays can have an
	// Observance.
	Days int
	// Kind is how the holiday changes its day: Closed (the default),
	// ClosesEarly at ClosesAt (a half day), Override with Hours (a day with
	// its own hours), or ClosedDuring with Hours (the spans it closes; see
	// Exception for how it combines with the rest).
	Kind     ExceptionKind
	ClosesAt TimeOfDay
	Hours    []Span
	// Observance moves a holiday that falls on a day off; see Observance.
	Observance Observance
	// ValidFrom and ValidUntil limit the rule to the years from ValidFrom
	// through ValidUntil, by the year in which the rule is evaluated (for
	// single-day rules, the actual date's year); 0 means no limit. With
	// Every > 1 the rule holds every Every years counted from ValidFrom (a
	// lustrum is 5), and ValidFrom is required. For Weekly and Monthly rules
	// Every counts weeks and months from From, which it then requires.
	ValidFrom  int
	ValidUntil int
	Every      int
	// From and Until, when not zero, limit the rule to the occurrences whose
	// first day is on or after From and on or before Until: a window that
	// starts in March and ends with the contract.
	From  date.Date
	Until date.Date
	// Except lists first days of occurrences that do not happen: a bank
	// holiday moved by proclamation in one year. Holidays keeps it sorted.
	Except []date.Date
}

// ruleJSON is the wire form of a Rule. Pointers mark fields that are
// meaningful at their zero value (Sunday, 0001-01-01); the wrapped types
// name their field in decoding errors.
type ruleJSON struct {
	Name       string        `json:"name"`
	On         RuleKind      `json:"on"`
	Date       *isoDate      `json:"date,omitempty"`
	Month      time.Month    `json:"month,omitempty"`
	Day        int           `json:"day,omitempty"`
	Weekday    *weekdayWord  `json:"weekday,omitempty"`
	N          int           `json:"n,omitempty"`
	Offset     int           `json:"offset,omitempty"`
	Days       int           `json:"days,omitempty"`
	Kind       ExceptionKind `json:"kind,omitempty"`
	ClosesAt   closesAt      `json:"closes_at,omitempty"`
	Hours      []hoursSpan   `json:"hours,omitempty"`
	Observance Observance    `json:"observance,omitempty"`
	ValidFrom  int           `json:"valid_from,omitempty"`
	ValidUntil int           `json:"valid_until,omitempty"`
	Every      int           `json:"every,omitempty"`
	From       *fromDate     `json:"from,omitempty"`
	Until      *untilDate    `json:"until,omitempty"`
	Except     []exceptDate  `json:"except,omitempty"`
}

type fromDate date.Date

func (d fromDate) MarshalText() ([]byte, error) { return date.Date(d).MarshalText() }

func (d *fromDate) UnmarshalText(b []byte) error { return parseISODate("from", b, (*date.Date)(d)) }

type untilDate date.Date

func (d untilDate) MarshalText() ([]byte, error) { return date.Date(d).MarshalText() }

func (d *untilDate) UnmarshalText(b []byte) error {
	return parseISODate("until", b, (*date.Date)(d))
}

// isoDate is a date.Date that accepts only the canonical ISO form: the date
// package quietly normalizes "2026-13-01" to 2027-01-01, which would make a
// typo a different holiday.
type isoDate date.Date

func (d isoDate) MarshalText() ([]byte, error) { return date.Date(d).MarshalText() }

func (d *isoDate) UnmarshalText(b []byte) error { return parseISODate("date", b, (*date.Date)(d)) }

type exceptDate date.Date

func (d exceptDate) MarshalText() ([]byte, error) { return date.Date(d).MarshalText() }

func (d *exceptDate) UnmarshalText(b []byte) error {
	return parseISODate("except", b, (*date.Date)(d))
}

func parseISODate(field string, b []byte, out *date.Date) error {
	v, err := date.ParseISO(string(b))
	if err != nil || v.String() != string(b) {
		return &FieldError{Field: field, Value: clip(string(b)), Reason: "want a date such as 2026-12-25"}
	}
	*out = v
	return nil
}

type closesAt TimeOfDay

func (t closesAt) MarshalText() ([]byte, error) { return TimeOfDay(t).MarshalText() }

func (t *closesAt) UnmarshalText(b []byte) error {
	v, ok := parseClock(string(b))
	if !ok {
		return &FieldError{Field: "closes_at", Value: clip(string(b)), Reason: "want HH:MM or HH:MM:SS between 00:00 and 24:00"}
	}
	*t = closesAt(v)
	return nil
}

type hoursSpan Span

func (s hoursSpan) MarshalText() ([]byte, error) { return Span(s).MarshalText() }

func (s *hoursSpan) UnmarshalText(b []byte) error {
	v, err := parseSpan(string(b), 0)
	if err != nil {
		reason := err.Error()
		var se *SyntaxError
		if errors.As(err, &se) {
			reason = se.Reason
		}
		return &FieldError{Field: "hours", Value: clip(string(b)), Reason: reason}
	}
	*s = hoursSpan(v)
	return nil
}

// weekdayWord is a time.Weekday that marshals as a lower-case English name.
type weekdayWord time.Weekday

func (w weekdayWord) MarshalText() ([]byte, error) {
	if w > 6 {
		return nil, &FieldError{Field: "weekday", Value: fmt.Sprint(int(w)), Reason: "want 0 (Sunday) to 6 (Saturday)"}
	}
	return []byte(strings.ToLower(time.Weekday(w).String())), nil
}

func (w *weekdayWord) UnmarshalText(b []byte) error {
	if wd, ok := weekdayNamed(string(b), 0); ok {
		*w = weekdayWord(wd)
		return nil
	}
	return &FieldError{Field: "weekday", Value: clip(string(b)), Reason: "want a day name such as \"monday\""}
}

// MarshalJSON implements json.Marshaler with the form shown on Rule.
func (r Rule) MarshalJSON() ([]byte, error) {
	w := ruleJSON{
		Name: r.Name, On: r.On, Month: r.Month, Day: r.Day, N: r.N, Offset: r.Offset, Days: r.Days,
		Kind: r.Kind, ClosesAt: closesAt(r.ClosesAt), Observance: r.Observance,
		ValidFrom: r.ValidFrom, ValidUntil: r.ValidUntil, Every: r.Every,
	}
	if r.On == FixedDate || r.Date != 0 {
		w.Date = (*isoDate)(&r.Date)
	}
	if r.On == NthWeekday || r.On == Weekly || (r.On == Monthly && r.N != 0) || r.Weekday != 0 {
		wd := weekdayWord(r.Weekday)
		w.Weekday = &wd
	}
	if r.From != 0 {
		w.From = (*fromDate)(&r.From)
	}
	if r.Until != 0 {
		w.Until = (*untilDate)(&r.Until)
	}
	for _, s := range r.Hours {
		w.Hours = append(w.Hours, hoursSpan(s))
	}
	for _, d := range r.Except {
		w.Except = append(w.Except, exceptDate(d))
	}
	return json.Marshal(w)
}

// UnmarshalJSON implements json.Unmarshaler. It rejects unknown fields,
// unknown words and malformed values with a *FieldError naming the field,
// but leaves the checks that relate fields to each other to Holidays, which
// is where rules are used.
func (r *Rule) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var w ruleJSON
	if err := dec.Decode(&w); err != nil {
		return jsonFieldError(err)
	}
	if w.On == FixedDate && w.Date == nil {
		return &FieldError{Field: "date", Value: "", Reason: "a fixed_date rule needs its date"}
	}
	*r = Rule{
		Name: w.Name, On: w.On, Month: w.Month, Day: w.Day, N: w.N, Offset: w.Offset, Days: w.Days,
		Kind: w.Kind, ClosesAt: TimeOfDay(w.ClosesAt), Observance: w.Observance,
		ValidFrom: w.ValidFrom, ValidUntil: w.ValidUntil, Every: w.Every,
	}
	if w.Date != nil {
		r.Date = date.Date(*w.Date)
	}
	if w.Weekday != nil {
		r.Weekday = time.Weekday(*w.Weekday)
	}
	if w.From != nil {
		r.From = date.Date(*w.From)
	}
	if w.Until != nil {
		r.Until = date.Date(*w.Until)
	}
	for _, s := range w.Hours {
		r.Hours = append(r.Hours, Span(s))
	}
	for _, d := range w.Except {
		r.Except = append(r.Except, date.Date(d))
	}
	return nil
}

// jsonFieldError turns encoding/json's errors into a *FieldError that names
// the field, keeping the package's own errors as they are.
func jsonFieldError(err error) error {
	var fe *FieldError
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &fe):
		return fe
	case errors.As(err, &te):
		return &FieldError{Field: te.Field, Value: te.Value, Reason: "want " + te.Type.String()}
	case errors.As(err, &se):
		return &FieldError{Field: "rule", Value: fmt.Sprintf("offset %d", se.Offset), Reason: se.Error()}
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return &FieldError{Field: strings.Trim(f, `"`), Value: "", Reason: "unknown field"}
	}
	return &FieldError{Field: "rule", Value: "", Reason: clip(msg)}
}

// RuleError reports an invalid rule of a holiday set. Index is its position
// in the set (0-based) and Name its name; Err, a *FieldError, names the
// field and the offending value.
type RuleError struct {
	Index int
	Name  string
	Err   error
}

func (e *RuleError) Error() string {
	return fmt.Sprintf("calendar: holidays[%d] %q: %s", e.Index, clip(e.Name), strings.TrimPrefix(e.Err.Error(), "calendar: "))
}

// Unwrap returns Err, so errors.As finds the *FieldError.
func (e *RuleError) Unwrap() error { return e.Err }

// clip shortens hostile input for error messages.
func clip(s string) string {
	if len(s) > 64 {
		return s[:61] + "..."
	}
	return s
}

// length returns the number of days the rule closes per occurrence.
func (r *Rule) length() int { return max(r.Days, 1) }

// daysPerYear bounds the days the rule closes in a year.
func (r *Rule) daysPerYear() int {
	switch r.On {
	case Weekly:
		return 53
	case Monthly:
		return 12
	}
	return r.length()
}

// recurring reports whether the rule has several occurrences a year.
func (r *Rule) recurring() bool { return r.On == Weekly || r.On == Monthly }

// validate reports the first field of r that is out of range or not used
// by its kind.
func (r *Rule) validate() error {
	bad := func(field string, v any, reason string) error {
		return &FieldError{Field: field, Value: clip(fmt.Sprint(v)), Reason: reason}
	}
	unused := func(field string, v any) error {
		return bad(field, v, "not used by "+r.On.String()+" rules")
	}
	if strings.TrimSpace(r.Name) == "" {
		return bad("name", r.Name, "must not be blank")
	}
	if r.On == 0 || int(r.On) >= len(ruleKindNames) {
		return bad("on", r.On, `want "fixed_date", "month_day", "nth_weekday", "easter_offset", "weekly" or "monthly"`)
	}
	if r.Date != 0 && r.On != FixedDate {
		return unused("date", r.Date)
	}
	if r.Month != 0 && r.On != MonthDay && r.On != NthWeekday {
		return unused("month", int(r.Month))
	}
	if r.Day != 0 && r.On != MonthDay && r.On != NthWeekday && r.On != Monthly {
		return unused("day", r.Day)
	}
	if r.N != 0 && r.On != NthWeekday && r.On != Monthly {
		return unused("n", r.N)
	}
	if r.Weekday != 0 && r.On != NthWeekday && r.On != Weekly && r.On != Monthly {
		return unused("weekday", r.Weekday)
	}
	if r.Offset != 0 && r.On != EasterOffset {
		return unused("offset", r.Offset)
	}
	switch r.On {
	case FixedDate:
		if y := r.Date.Year(); y < MinYear || y > MaxYear {
			return bad("date", r.Date, fmt.Sprintf("must be in the years %d to %d", MinYear, MaxYear))
		}
	case MonthDay, NthWeekday:
		if r.Month < time.January || r.Month > time.December {
			return bad("month", int(r.Month), "want 1 to 12")
		}
		limit := gregorian.DaysIn(2000, r.Month) // a leap year: 29 February is a MonthDay
		if r.On == NthWeekday && r.Month == time.February {
			limit = 28
		}
		if r.On == MonthDay && r.Day == 0 || r.Day < 0 || r.Day > limit {
			return bad("day", r.Day, fmt.Sprintf("want 1 to %d for %s", limit, r.Month))
		}
		if r.On == NthWeekday {
			if r.Weekday < time.Sunday || r.Weekday > time.Saturday {
				return bad("weekday", int(r.Weekday), "want 0 (Sunday) to 6 (Saturday)")
			}
			if r.N == 0 || r.N < -maxRuleN || r.N > maxRuleN {
				return bad("n", r.N, "want 1 to 5 (counting forwards) or -1 to -5 (backwards)")
			}
		}
	case EasterOffset:
		if r.Offset < -maxRuleOffset || r.Offset > maxRuleOffset {
			return bad("offset", r.Offset, "want -365 to 365 days")
		}
	case Weekly:
		if r.Weekday < time.Sunday || r.Weekday > time.Saturday {
			return bad("weekday", int(r.Weekday), "want 0 (Sunday) to 6 (Saturday)")
		}
	case Monthly:
		switch {
		case r.N != 0 && r.Day != 0:
			return bad("day", r.Day, "a monthly rule has a day or a weekday and n, not both")
		case r.N != 0:
			if r.N < -maxRuleN || r.N > maxRuleN {
				return bad("n", r.N, "want 1 to 5 (counting forwards) or -1 to -5 (backwards)")
			}
			if r.Weekday < time.Sunday || r.Weekday > time.Saturday {
				return bad("weekday", int(r.Weekday), "want 0 (Sunday) to 6 (Saturday)")
			}
		case r.Weekday != 0:
			return bad("n", 0, "a monthly rule by weekday needs n, such as 2 for the second")
		case r.Day == 0 || r.Day < -31 || r.Day > 31:
			return bad("day", r.Day, "want 1 to 31, or -1 to -31 counted back from the month's end")
		}
	default:
		return bad("on", r.On, `want "fixed_date", "month_day", "nth_weekday", "easter_offset", "weekly" or "monthly"`)
	}
	if r.Days < 0 || r.Days > maxRuleDays {
		return bad("days", r.Days, "want 1 to 366")
	}
	if int(r.Observance) >= len(observanceNames) {
		return bad("observance", r.Observance, "unknown observance")
	}
	if r.Observance != NoObservance && r.length() > 1 {
		return bad("observance", r.Observance, "only single-day holidays move; a range stays where it is")
	}
	if r.recurring() {
		if r.Days > 1 {
			return unused("days", r.Days)
		}
		if r.Observance != NoObservance {
			return unused("observance", r.Observance)
		}
	}
	switch r.Kind {
	case Closed:
		if r.ClosesAt != 0 {
			return bad("closes_at", r.ClosesAt, `only for kind "closes_early"`)
		}
		if len(r.Hours) > 0 {
			return bad("hours", len(r.Hours), `only for kind "override"`)
		}
	case ClosesEarly:
		if r.ClosesAt <= 0 || r.ClosesAt > secondsPerDay {
			return bad("closes_at", r.ClosesAt, `must be after 00:00 and at most 24:00; a whole day is kind "closed"`)
		}
		if len(r.Hours) > 0 {
			return bad("hours", len(r.Hours), `only for kind "override"`)
		}
	case Override, ClosedDuring:
		if r.ClosesAt != 0 {
			return bad("closes_at", r.ClosesAt, `only for kind "closes_early"`)
		}
		if r.Kind == ClosedDuring && len(r.Hours) == 0 {
			return bad("hours", 0, `kind "closed_during" needs the hours it closes`)
		}
		for _, s := range r.Hours {
			if err := s.validate(); err != nil {
				return err
			}
		}
	default:
		return bad("kind", r.Kind, `want "closed", "override", "closes_early" or "closed_during"`)
	}
	for _, y := range [...]struct {
		field string
		v     int
	}{{"valid_from", r.ValidFrom}, {"valid_until", r.ValidUntil}} {
		if y.v != 0 && (y.v < MinYear || y.v > MaxYear) {
			return bad(y.field, y.v, fmt.Sprintf("want a year from %d to %d, or 0 for no limit", MinYear, MaxYear))
		}
	}
	if r.ValidFrom != 0 && r.ValidUntil != 0 && r.ValidUntil < r.ValidFrom {
		return bad("valid_until", r.ValidUntil, fmt.Sprintf("is before valid_from %d", r.ValidFrom))
	}
	if r.Every < 0 || r.Every > MaxYear {
		return bad("every", r.Every, "want 1 to 9999 years, or 0 for every year")
	}
	if r.Every > 1 && r.ValidFrom == 0 && !r.recurring() {
		return bad("every", r.Every, "needs valid_from, the first year of the cycle")
	}
	if r.Every > 1 && r.From == 0 && r.recurring() {
		return bad("every", r.Every, "needs from, the date the cycle counts from")
	}
	for _, y := range [...]struct {
		field string
		v     date.Date
	}{{"from", r.From}, {"until", r.Until}} {
		if y.v != 0 && (y.v.Year() < MinYear || y.v.Year() > MaxYear) {
			return bad(y.field, y.v, fmt.Sprintf("must be in the years %d to %d", MinYear, MaxYear))
		}
	}
	if r.From != 0 && r.Until != 0 && r.Until < r.From {
		return bad("until", r.Until, fmt.Sprintf("is before from %s", r.From))
	}
	for _, d := range r.Except {
		if y := d.Year(); y < MinYear || y > MaxYear {
			return bad("except", d, fmt.Sprintf("must be in the years %d to %d", MinYear, MaxYear))
		}
	}
	return nil
}

// active reports whether the rule holds in rule year y.
func (r *Rule) active(y int) bool {
	return (r.ValidFrom == 0 || y >= r.ValidFrom) &&
		(r.ValidUntil == 0 || y <= r.ValidUntil) &&
		(r.Every <= 1 || r.recurring() || (y-r.ValidFrom)%r.Every == 0)
}

// occurs returns the first actual day of the rule's occurrence in rule
// year y, ignoring Except.
func (r *Rule) occurs(y int) (date.Date, bool) {
	d, ok := r.occursIgnoringDates(y)
	if !ok || (r.From != 0 && d < r.From) || (r.Until != 0 && d > r.Until) {
		return 0, false
	}
	return d, true
}

func (r *Rule) occursIgnoringDates(y int) (date.Date, bool) {
	if !r.active(y) {
		return 0, false
	}
	switch r.On {
	case FixedDate:
		return r.Date, r.Date.Year() == y
	case MonthDay:
		if r.Day > gregorian.DaysIn(y, r.Month) {
			return 0, false
		}
		return date.New(y, r.Month, r.Day), true
	case NthWeekday:
		return nthWeekday(y, r.Month, r.Day, r.Weekday, r.N)
	case EasterOffset:
		return EasterSunday(y) + date.Date(r.Offset), true
	}
	return 0, false
}

// occurrences appends to buf the first days of the rule's occurrences in
// rule year y, in order, ignoring Except.
func (r *Rule) occurrences(y int, buf []date.Date) []date.Date {
	if !r.recurring() {
		if d, ok := r.occurs(y); ok {
			buf = append(buf, d)
		}
		return buf
	}
	if !r.active(y) {
		return buf
	}
	in := func(d date.Date) bool { return (r.From == 0 || d >= r.From) && (r.Until == 0 || d <= r.Until) }
	if r.On == Weekly {
		jan1 := date.New(y, time.January, 1)
		d := jan1 + date.Date((int(r.Weekday)-int(jan1.Weekday())+7)%7)
		// Weeks start on Monday; the cycle counts from From's week.
		monday := func(x date.Date) date.Date { return x - date.Date((int(x.Weekday())+6)%7) }
		for ; d.Year() == y; d += 7 {
			if r.Every > 1 && (int64(monday(d))-int64(monday(r.From)))/7%int64(r.Every) != 0 {
				continue
			}
			if in(d) {
				buf = append(buf, d)
			}
		}
		return buf
	}
	for m := time.January; m <= time.December; m++ {
		if r.Every > 1 {
			fy, fm, _ := r.From.Date()
			if k := (y*12 + int(m)) - (fy*12 + int(fm)); k < 0 || k%r.Every != 0 {
				continue
			}
		}
		var d date.Date
		switch n := gregorian.DaysIn(y, m); {
		case r.N != 0:
			var ok bool
			if d, ok = nthWeekday(y, m, 0, r.Weekday, r.N); !ok {
				continue
			}
		case r.Day > n || -r.Day > n:
			continue
		case r.Day > 0:
			d = date.New(y, m, r.Day)
		default:
			d = date.New(y, m, n+1+r.Day)
		}
		if in(d) {
			buf = append(buf, d)
		}
	}
	return buf
}

// nthWeekday returns the n-th weekday wd counted from day of month m of
// year y, or from the month's first or last day when day is 0.
func nthWeekday(y int, m time.Month, day int, wd time.Weekday, n int) (date.Date, bool) {
	if n > 0 {
		from := date.New(y, m, max(day, 1))
		d := from + date.Date((int(wd)-int(from.Weekday())+7)%7+7*(n-1))
		return d, day != 0 || int(d-from) < gregorian.DaysIn(y, m)
	}
	last := gregorian.DaysIn(y, m)
	if day != 0 {
		last = day
	}
	from := date.New(y, m, last)
	d := from - date.Date((int(from.Weekday())-int(wd)+7)%7+7*(-n-1))
	return d, day != 0 || int(from-d) < last
}

// excepted reports whether first is one of r.Except (kept sorted).
func (r *Rule) excepted(first date.Date) bool {
	_, found := slices.BinarySearch(r.Except, first)
	return found
}

// EasterSunday returns the date of Western Easter Sunday in year y by the
// Gregorian computus (the anonymous algorithm of Meeus, Jones and Butcher),
// proleptically for years before 1583. It is meant for the years MinYear to
// MaxYear and returns some date, without panicking, for any year.
func EasterSunday(y int) date.Date {
	// The computus repeats every 5,700,000 years; reducing the year keeps
	// the arithmetic below non-negative for every year.
	const cycle = 5_700_000
	g := (y%cycle + cycle) % cycle
	a := g % 19
	b, c := g/100, g%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	gg := (b - f + 1) / 3
	h := (19*a + b - d - gg + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	// The cycle is a whole number of 400-year Gregorian cycles of 146097
	// days (whole weeks), so the date in g moves to y by days alone; date.New
	// sees only years the time package handles.
	return date.New(g, time.Month(month), day) + date.Date((y-g)/400*146097)
}

// Holidays is a set of holiday rules: a regional calendar such as
// us.Federal(), a company's own days, or an imported iCalendar feed. It is an
// ExceptionSource, so calendar.New(loc, week, WithExceptions(h)) applies it;
// the calendar resolves the rules once per year and caches the result, so
// rules cost the arithmetic nothing.
//
// Observance works within one set: a substitute day skips the days that
// other holidays of the same set close. To have a company's days and a
// national set substitute around each other, put their rules in one set
// (NewHolidays(append(national.Rules(), own...)...)).
//
// A Holidays is built by NewHolidays (or decoded from JSON, a list of rules
// in the form shown on Rule), which validates it; it never changes
// afterwards and is safe for concurrent use. The zero Holidays has no
// holidays.
type Holidays struct {
	rules []Rule
	fixed []int32 // indexes of FixedDate rules, by date
	other []int32 // indexes of the other rules
}

// NewHolidays returns the set of the given rules. It fails with a
// *RuleError (wrapping a *FieldError that names the field) for the first
// invalid rule, and with a *FieldError when the rules close more than
// MaxHolidayDays days a year.
func NewHolidays(rules ...Rule) (Holidays, error) {
	h := Holidays{rules: make([]Rule, len(rules))}
	total := 0
	for i, r := range rules {
		if err := r.validate(); err != nil {
			return Holidays{}, &RuleError{Index: i, Name: r.Name, Err: err}
		}
		if total += r.daysPerYear(); total > MaxHolidayDays {
			return Holidays{}, &FieldError{Field: "holidays", Value: fmt.Sprint(len(rules), " rules"), Reason: fmt.Sprintf("more than %d holiday days a year", MaxHolidayDays)}
		}
		r.Hours = cloneOrNil(r.Hours)
		r.Except = cloneOrNil(r.Except)
		slices.Sort(r.Except)
		r.Except = slices.Clip(slices.Compact(r.Except))
		h.rules[i] = r
		if r.On == FixedDate {
			h.fixed = append(h.fixed, int32(i))
		} else {
			h.other = append(h.other, int32(i))
		}
	}
	slices.SortStableFunc(h.fixed, func(a, b int32) int { return int(h.rules[a].Date - h.rules[b].Date) })
	if len(h.rules) == 0 {
		return Holidays{}, nil
	}
	return h, nil
}

// MustHolidays is NewHolidays for rules known to be valid, such as the
// regional sets; it panics on error.
func MustHolidays(rules ...Rule) Holidays {
	h, err := NewHolidays(rules...)
	if err != nil {
		panic(err)
	}
	return h
}

func cloneOrNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// Rules returns a copy of the set's rules, in order.
func (h Holidays) Rules() []Rule {
	out := make([]Rule, len(h.rules))
	for i, r := range h.rules {
		r.Hours = cloneOrNil(r.Hours)
		r.Except = cloneOrNil(r.Except)
		out[i] = r
	}
	return out
}

// MarshalJSON implements json.Marshaler: the rules as a JSON array.
func (h Holidays) MarshalJSON() ([]byte, error) {
	if h.rules == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(h.rules)
}

// UnmarshalJSON implements json.Unmarshaler and validates like NewHolidays.
func (h *Holidays) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return &FieldError{Field: "holidays", Value: clip(string(b)), Reason: "want a JSON array of rules"}
	}
	rules := make([]Rule, len(raw))
	for i, m := range raw {
		if err := json.Unmarshal(m, &rules[i]); err != nil {
			var named struct {
				Name string `json:"name"`
			}
			_ = json.Unmarshal(m, &named) // best effort, for the message
			return &RuleError{Index: i, Name: named.Name, Err: jsonFieldError(err)}
		}
	}
	v, err := NewHolidays(rules...)
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// Holiday is one day of a holiday in a given year: what Holidays.Occurrences
// and Holidays.On report. A multi-day rule gives one Holiday per day.
type Holiday struct {
	Name string `json:"name"`
	// Actual is the date the rule gives; Observed the date whose hours the
	// holiday changes, which differs when its observance moved it.
	Actual   date.Date `json:"actual"`
	Observed date.Date `json:"observed"`
	// Kind is Closed for a full-day holiday, ClosesEarly (at ClosesAt) for a
	// half day, Override (with Hours) for a day with its own hours.
	Kind     ExceptionKind `json:"kind"`
	ClosesAt TimeOfDay     `json:"closes_at,omitempty"`
	Hours    []Span        `json:"hours,omitempty"`
}

// Exception returns the calendar exception of h: its observed date, with
// Actual set only when that differs.
func (h Holiday) Exception() Exception {
	e := Exception{Date: h.Observed, Name: h.Name, Kind: h.Kind, ClosesAt: h.ClosesAt, Hours: h.Hours}
	if h.Actual != h.Observed {
		e.Actual = h.Actual
	}
	return e
}

// occurrence is one day of a rule: its actual and observed date.
type occurrence struct {
	rule     int32
	actual   date.Date
	observed date.Date
}

func (h Holidays) holiday(o occurrence) Holiday {
	r := &h.rules[o.rule]
	return Holiday{Name: r.Name, Actual: o.actual, Observed: o.observed, Kind: r.Kind, ClosesAt: r.ClosesAt, Hours: cloneOrNil(r.Hours)}
}

// resolve returns the days of the set's holidays observed in year, by
// observed date, then actual date, then rule order.
//
// Observance can carry a holiday across the year end (New Year's Day on a
// Saturday is observed on the previous 31 December), and a range or an
// Easter offset can start in another year, so the rules of the years
// year-2 to year+1 are evaluated together and their substitute days
// assigned in one pass. Given the limits on Days and Offset, no other rule
// year reaches into year, and a holiday only competes for substitute days
// with holidays near it, so every year sees the same assignment around its
// boundaries.
func (h Holidays) resolve(year int, week Week) []occurrence {
	if year < MinYear || year > MaxYear || len(h.rules) == 0 {
		return nil
	}
	lo, hi := max(year-2, MinYear), min(year+1, MaxYear)
	var occ []occurrence
	var buf []date.Date
	add := func(i int32, r *Rule, y int) {
		buf = r.occurrences(y, buf[:0])
		for _, first := range buf {
			if r.excepted(first) {
				continue
			}
			for k := range r.length() {
				d := first + date.Date(k)
				occ = append(occ, occurrence{rule: i, actual: d, observed: d})
			}
		}
	}
	// Fixed dates are sorted, so only those of the window are visited.
	from := date.New(lo, time.January, 1)
	start, _ := slices.BinarySearchFunc(h.fixed, from, func(i int32, d date.Date) int { return int(h.rules[i].Date - d) })
	until := date.New(hi+1, time.January, 1)
	for _, i := range h.fixed[start:] {
		r := &h.rules[i]
		if r.Date >= until {
			break
		}
		add(i, r, r.Date.Year())
	}
	for _, i := range h.other {
		r := &h.rules[i]
		for y := lo; y <= hi; y++ {
			add(i, r, y)
		}
	}
	// Evaluation order is the rule order the observance needs for ties.
	slices.SortStableFunc(occ, func(a, b occurrence) int { return int(a.rule - b.rule) })
	h.observe(occ, year, week)
	jan1, next := date.New(year, time.January, 1), date.New(year+1, time.January, 1)
	occ = slices.DeleteFunc(occ, func(o occurrence) bool { return o.observed < jan1 || o.observed >= next })
	slices.SortStableFunc(occ, func(a, b occurrence) int {
		if a.observed != b.observed {
			return int(a.observed - b.observed)
		}
		return int(a.actual - b.actual)
	})
	return occ
}

// ExceptionsIn implements ExceptionSource: the exceptions of the holidays
// observed in year. week is the calendar's regular hours, which only
// NextWorkingDay observance consults. Two holidays on one date give two
// exceptions; the calendar applies one by Exception's precedence.
func (h Holidays) ExceptionsIn(year int, week Week) []Exception {
	occ := h.resolve(year, week)
	if len(occ) == 0 {
		return nil
	}
	out := make([]Exception, len(occ))
	for i, o := range occ {
		out[i] = h.holiday(o).Exception()
	}
	return out
}

// Occurrences yields the days of the holidays observed in [from, to), by
// observed date, then actual date, then rule order; several holidays on one
// date are all reported. week is the regular hours of the calendar the set
// is used with (Calendar.Week), which only NextWorkingDay observance
// consults. A holiday observed before from is not reported even when its
// actual date is in the range: New Year's Day 2022 (a Saturday) observed on
// Friday 31 December 2021 belongs to 2021.
func (h Holidays) Occurrences(from, to date.Date, week Week) iter.Seq[Holiday] {
	return func(yield func(Holiday) bool) {
		if from >= to {
			return
		}
		for y := max(from.Year(), MinYear); y <= min((to-1).Year(), MaxYear); y++ {
			for _, o := range h.resolve(y, week) {
				if o.observed >= from && o.observed < to && !yield(h.holiday(o)) {
					return
				}
			}
		}
	}
}

// On returns the holiday observed on d, if any: the one that decides the
// day's hours when several fall on it, by Exception's precedence (an
// Override, then a full day, then the earliest early closing; among equals
// the first in Occurrences order). week is as for Occurrences.
func (h Holidays) On(d date.Date, week Week) (Holiday, bool) {
	var best Holiday
	found := false
	for _, o := range h.resolve(d.Year(), week) {
		if o.observed != d {
			continue
		}
		if hol := h.holiday(o); !found || hol.Exception().outranks(best.Exception()) {
			best, found = hol, true
		}
	}
	return best, found
}
