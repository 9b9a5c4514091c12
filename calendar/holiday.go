package calendar

import (
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-itsm/itsm/internal/invalid"

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

// ruleJSON is the wire form of a Rule: words, dates and times as strings,
// so that a value of the wrong type is reported as such, and the empty
// string (or 0) for a field that is not given.
type ruleJSON struct {
	Name       string   `json:"name"`
	On         string   `json:"on"`
	Date       string   `json:"date,omitempty"`
	Month      int      `json:"month,omitempty"`
	Day        int      `json:"day,omitempty"`
	Weekday    string   `json:"weekday,omitempty"`
	N          int      `json:"n,omitempty"`
	Offset     int      `json:"offset,omitempty"`
	Days       int      `json:"days,omitempty"`
	Kind       string   `json:"kind,omitempty"`
	ClosesAt   string   `json:"closes_at,omitempty"`
	Hours      []string `json:"hours,omitempty"`
	Observance string   `json:"observance,omitempty"`
	ValidFrom  int      `json:"valid_from,omitempty"`
	ValidUntil int      `json:"valid_until,omitempty"`
	Every      int      `json:"every,omitempty"`
	From       string   `json:"from,omitempty"`
	Until      string   `json:"until,omitempty"`
	Except     []string `json:"except,omitempty"`
}

// parseISODate reads a date in the canonical ISO form only: the date
// package quietly normalizes "2026-13-01" to 2027-01-01, which would make a
// typo a different holiday.
func parseISODate(s string) (date.Date, error) {
	v, err := date.ParseISO(s)
	if err != nil || v.String() != s {
		return 0, &FieldError{Value: s, Reason: "want a date such as 2026-12-25", Err: ErrInvalidRule}
	}
	return v, nil
}

// MarshalJSON implements json.Marshaler with the form shown on Rule. It
// fails with ErrUnknownWord for a kind, weekday or observance that has no
// word.
func (r Rule) MarshalJSON() ([]byte, error) {
	w := ruleJSON{
		Name: r.Name, Month: int(r.Month), Day: r.Day, N: r.N, Offset: r.Offset, Days: r.Days,
		ValidFrom: r.ValidFrom, ValidUntil: r.ValidUntil, Every: r.Every,
	}
	on, err := r.On.MarshalText()
	if err != nil {
		return nil, invalid.At("on", err, ErrUnknownWord)
	}
	w.On = string(on)
	if r.On == FixedDate || r.Date != 0 {
		w.Date = r.Date.String()
	}
	if r.On == NthWeekday || r.On == Weekly || (r.On == Monthly && r.N != 0) || r.Weekday != 0 {
		if w.Weekday, err = weekdayWord(r.Weekday); err != nil {
			return nil, invalid.At("weekday", err, ErrUnknownWord)
		}
	}
	if r.Kind != Closed {
		kind, err := r.Kind.MarshalText()
		if err != nil {
			return nil, invalid.At("kind", err, ErrUnknownWord)
		}
		w.Kind = string(kind)
	}
	if r.ClosesAt != 0 {
		w.ClosesAt = r.ClosesAt.String()
	}
	if r.Observance != NoObservance {
		o, err := r.Observance.MarshalText()
		if err != nil {
			return nil, invalid.At("observance", err, ErrUnknownWord)
		}
		w.Observance = string(o)
	}
	if r.From != 0 {
		w.From = r.From.String()
	}
	if r.Until != 0 {
		w.Until = r.Until.String()
	}
	for _, s := range r.Hours {
		w.Hours = append(w.Hours, s.String())
	}
	for _, d := range r.Except {
		w.Except = append(w.Except, d.String())
	}
	return json.Marshal(w)
}

// UnmarshalJSON implements json.Unmarshaler with the form shown on Rule,
// strictly: an unknown or repeated key, a value of the wrong type, an
// unknown word (with ErrUnknownWord too), a malformed date, time or span is
// a *FieldError wrapping ErrInvalidRule whose path names the field
// ("month", "hours[1]"). Fields given that the rule's kind does not use are
// refused too; the ranges and the relations between fields are checked by
// Holidays (NewHolidays, Holidays.UnmarshalJSON), which is where rules are
// used. As encoding/json's convention asks, null leaves r as it is.
func (r *Rule) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var w ruleJSON
	if err := invalid.Decode(b, &w, ErrInvalidRule); err != nil {
		return err
	}
	out, err := w.rule()
	if err != nil {
		return err
	}
	*r = out
	return nil
}

// rule converts the wire form, naming the field of an error.
func (w *ruleJSON) rule() (Rule, error) {
	r := Rule{
		Name: w.Name, Month: time.Month(w.Month), Day: w.Day, N: w.N, Offset: w.Offset, Days: w.Days,
		ValidFrom: w.ValidFrom, ValidUntil: w.ValidUntil, Every: w.Every,
	}
	path, err := w.on(&r)
	if err == nil {
		path, err = w.weekday(&r)
	}
	if err == nil {
		path, err = w.details(&r)
	}
	if err != nil {
		return Rule{}, invalid.At(path, err, ErrInvalidRule)
	}
	return r, nil
}

// on reads the rule's kind and the date that a fixed_date rule needs and
// no other rule takes; it returns the path of the field at fault.
func (w *ruleJSON) on(r *Rule) (path string, err error) {
	if w.On == "" {
		return "on", &FieldError{Reason: "missing; want one of " + invalid.Names(ruleKindWords.Words[1:]), Err: ErrInvalidRule}
	}
	if err := r.On.UnmarshalText([]byte(w.On)); err != nil {
		return "on", err
	}
	switch {
	case w.Date != "" && r.On != FixedDate:
		return "date", &FieldError{Value: w.Date, Reason: "not used by " + r.On.String() + " rules", Err: ErrInvalidRule}
	case w.Date != "":
		if r.Date, err = parseISODate(w.Date); err != nil {
			return "date", err
		}
	case r.On == FixedDate:
		return "date", &FieldError{Reason: "missing; a fixed_date rule needs its date", Err: ErrInvalidRule}
	}
	return "", nil
}

// weekday reads the weekday that nth_weekday, weekly and monthly rules by
// weekday need and no other rule takes. Sunday is the zero Weekday:
// whether a weekday was given is known here, from the JSON, and not later
// from the Rule.
func (w *ruleJSON) weekday(r *Rule) (path string, err error) {
	switch {
	case w.Weekday != "" && r.On != NthWeekday && r.On != Weekly && r.On != Monthly:
		return "weekday", &FieldError{Value: w.Weekday, Reason: "not used by " + r.On.String() + " rules", Err: ErrInvalidRule}
	case w.Weekday != "":
		if r.Weekday, err = parseWeekday(w.Weekday); err != nil {
			return "weekday", err
		}
		if r.On == Monthly && w.N == 0 {
			return "n", &FieldError{Reason: "missing; a monthly rule by weekday needs n, such as 2 for the second", Err: ErrInvalidRule}
		}
	case r.On == NthWeekday || r.On == Weekly || (r.On == Monthly && w.N != 0):
		return "weekday", &FieldError{Reason: "missing; a " + r.On.String() + " rule needs its weekday, such as \"monday\"", Err: ErrInvalidRule}
	}
	return "", nil
}

// details reads the fields every kind of rule may have: the kind of
// closure, the closing time or hours, the observance, the dates the rule
// runs between and the dates it skips.
func (w *ruleJSON) details(r *Rule) (path string, err error) {
	if w.Kind != "" {
		if err := r.Kind.UnmarshalText([]byte(w.Kind)); err != nil {
			return "kind", err
		}
	}
	if w.ClosesAt != "" {
		if r.ClosesAt, err = ParseTimeOfDay(w.ClosesAt); err != nil {
			return "closes_at", err
		}
	}
	if r.Hours, err = parseSpans(w.Hours); err != nil {
		return "hours", err
	}
	if w.Observance != "" {
		if err := r.Observance.UnmarshalText([]byte(w.Observance)); err != nil {
			return "observance", err
		}
	}
	if w.From != "" {
		if r.From, err = parseISODate(w.From); err != nil {
			return "from", err
		}
	}
	if w.Until != "" {
		if r.Until, err = parseISODate(w.Until); err != nil {
			return "until", err
		}
	}
	for i, s := range w.Except {
		d, err := parseISODate(s)
		if err != nil {
			return "except[" + strconv.Itoa(i) + "]", err
		}
		r.Except = append(r.Except, d)
	}
	return "", nil
}

// clip shortens hostile input for the reasons of error messages.
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
	for _, check := range [...]func() error{r.validateName, r.validateFieldsOfKind, r.validateDay, r.validateLength, r.validateHours, r.validateYears} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

// bad is the error of a rule's field with value v.
func (r *Rule) bad(field string, v any, reason string) error {
	return fieldError(ErrInvalidRule, field, fmt.Sprint(v), reason)
}

// unused is the error of a field that r's kind of rule (On) does not use.
func (r *Rule) unused(field string, v any) error {
	return r.bad(field, v, "not used by "+r.On.String()+" rules")
}

// validateName checks the name and the kind of rule (On).
func (r *Rule) validateName() error {
	if strings.TrimSpace(r.Name) == "" {
		return r.bad("name", r.Name, "must not be blank")
	}
	if err := invalid.Text("name", r.Name, ErrInvalidRule); err != nil {
		return err
	}
	if !r.On.known() {
		return r.bad("on", r.On, "want one of "+invalid.Names(ruleKindWords.Words[1:]))
	}
	return nil
}

// validateFieldsOfKind refuses a field the kind of rule does not use.
func (r *Rule) validateFieldsOfKind() error {
	switch {
	case r.Date != 0 && r.On != FixedDate:
		return r.unused("date", r.Date)
	case r.Month != 0 && r.On != MonthDay && r.On != NthWeekday:
		return r.unused("month", int(r.Month))
	case r.Day != 0 && r.On != MonthDay && r.On != NthWeekday && r.On != Monthly:
		return r.unused("day", r.Day)
	case r.N != 0 && r.On != NthWeekday && r.On != Monthly:
		return r.unused("n", r.N)
	case r.Weekday != 0 && r.On != NthWeekday && r.On != Weekly && r.On != Monthly:
		return r.unused("weekday", r.Weekday)
	case r.Offset != 0 && r.On != EasterOffset:
		return r.unused("offset", r.Offset)
	}
	return nil
}

// validateDay checks the fields that say which day the rule falls on.
func (r *Rule) validateDay() error {
	switch r.On {
	case FixedDate:
		if y := r.Date.Year(); y < MinYear || y > MaxYear {
			return r.bad("date", r.Date, fmt.Sprintf("must be in the years %d to %d", MinYear, MaxYear))
		}
	case MonthDay, NthWeekday:
		if r.Month < time.January || r.Month > time.December {
			return r.bad("month", int(r.Month), "want 1 to 12")
		}
		limit := gregorian.DaysIn(2000, r.Month) // a leap year: 29 February is a MonthDay
		if r.On == NthWeekday && r.Month == time.February {
			limit = 28
		}
		if r.On == MonthDay && r.Day == 0 || r.Day < 0 || r.Day > limit {
			return r.bad("day", r.Day, fmt.Sprintf("want 1 to %d for %s", limit, r.Month))
		}
		if r.On == NthWeekday {
			if r.Weekday < time.Sunday || r.Weekday > time.Saturday {
				return r.bad("weekday", int(r.Weekday), "want 0 (Sunday) to 6 (Saturday)")
			}
			if r.N == 0 || r.N < -maxRuleN || r.N > maxRuleN {
				return r.bad("n", r.N, "want 1 to 5 (counting forwards) or -1 to -5 (backwards)")
			}
		}
	case EasterOffset:
		if r.Offset < -maxRuleOffset || r.Offset > maxRuleOffset {
			return r.bad("offset", r.Offset, "want -365 to 365 days")
		}
	case Weekly:
		if r.Weekday < time.Sunday || r.Weekday > time.Saturday {
			return r.bad("weekday", int(r.Weekday), "want 0 (Sunday) to 6 (Saturday)")
		}
	case Monthly:
		switch {
		case r.N != 0 && r.Day != 0:
			return r.bad("day", r.Day, "a monthly rule has a day or a weekday and n, not both")
		case r.N != 0:
			if r.N < -maxRuleN || r.N > maxRuleN {
				return r.bad("n", r.N, "want 1 to 5 (counting forwards) or -1 to -5 (backwards)")
			}
			if r.Weekday < time.Sunday || r.Weekday > time.Saturday {
				return r.bad("weekday", int(r.Weekday), "want 0 (Sunday) to 6 (Saturday)")
			}
		case r.Weekday != 0:
			return r.bad("n", "", "a monthly rule by weekday needs n, such as 2 for the second")
		case r.Day == 0 || r.Day < -31 || r.Day > 31:
			return r.bad("day", r.Day, "want 1 to 31, or -1 to -31 counted back from the month's end")
		}
	default:
		return r.bad("on", r.On, "want one of "+invalid.Names(ruleKindWords.Words[1:]))
	}
	return nil
}

// validateLength checks how many days the holiday lasts and whether it
// moves off a weekend (observance).
func (r *Rule) validateLength() error {
	if r.Days < 0 || r.Days > maxRuleDays {
		return r.bad("days", r.Days, "want 1 to 366")
	}
	if int(r.Observance) >= len(observanceWords.Words) {
		return r.bad("observance", r.Observance, "want one of "+invalid.Names(observanceWords.Words))
	}
	if r.Observance != NoObservance && r.length() > 1 {
		return r.bad("observance", r.Observance, "only single-day holidays move; a range stays where it is")
	}
	if r.recurring() {
		if r.Days > 1 {
			return r.unused("days", r.Days)
		}
		if r.Observance != NoObservance {
			return r.unused("observance", r.Observance)
		}
	}
	return nil
}

// validateHours checks what the rule does to the day's hours (Kind) and
// the fields that go with it.
func (r *Rule) validateHours() error {
	switch r.Kind {
	case Closed:
		if r.ClosesAt != 0 {
			return r.bad("closes_at", r.ClosesAt, `only for kind "closes_early"`)
		}
		if len(r.Hours) > 0 {
			return r.bad("hours", "", `only for kinds "override" and "closed_during"`)
		}
	case ClosesEarly:
		if r.ClosesAt <= 0 || r.ClosesAt > secondsPerDay {
			return r.bad("closes_at", r.ClosesAt, `must be after 00:00 and at most 24:00; a whole day is kind "closed"`)
		}
		if len(r.Hours) > 0 {
			return r.bad("hours", "", `only for kinds "override" and "closed_during"`)
		}
	case Override, ClosedDuring:
		if r.ClosesAt != 0 {
			return r.bad("closes_at", r.ClosesAt, `only for kind "closes_early"`)
		}
		if r.Kind == ClosedDuring && len(r.Hours) == 0 {
			return r.bad("hours", "", `kind "closed_during" needs the hours it closes`)
		}
		if err := validateSpans(r.Hours); err != nil {
			return invalid.At("hours", err, ErrInvalidRule)
		}
	default:
		return r.bad("kind", r.Kind, "want one of "+invalid.Names(exceptionKindWords.Words))
	}
	return nil
}

// validateYears checks the years and dates the rule holds in.
func (r *Rule) validateYears() error {
	for _, y := range [...]struct {
		field string
		v     int
	}{{"valid_from", r.ValidFrom}, {"valid_until", r.ValidUntil}} {
		if y.v != 0 && (y.v < MinYear || y.v > MaxYear) {
			return r.bad(y.field, y.v, fmt.Sprintf("want a year from %d to %d, or 0 for no limit", MinYear, MaxYear))
		}
	}
	if r.ValidFrom != 0 && r.ValidUntil != 0 && r.ValidUntil < r.ValidFrom {
		return r.bad("valid_until", r.ValidUntil, fmt.Sprintf("is before valid_from %d", r.ValidFrom))
	}
	if r.Every < 0 || r.Every > MaxYear {
		return r.bad("every", r.Every, "want 1 to 9999 years, or 0 for every year")
	}
	if r.Every > 1 && r.ValidFrom == 0 && !r.recurring() {
		return r.bad("every", r.Every, "needs valid_from, the first year of the cycle")
	}
	if r.Every > 1 && r.From == 0 && r.recurring() {
		return r.bad("every", r.Every, "needs from, the date the cycle counts from")
	}
	for _, y := range [...]struct {
		field string
		v     date.Date
	}{{"from", r.From}, {"until", r.Until}} {
		if y.v != 0 && (y.v.Year() < MinYear || y.v.Year() > MaxYear) {
			return r.bad(y.field, y.v, fmt.Sprintf("must be in the years %d to %d", MinYear, MaxYear))
		}
	}
	if r.From != 0 && r.Until != 0 && r.Until < r.From {
		return r.bad("until", r.Until, fmt.Sprintf("is before from %s", r.From))
	}
	for i, d := range r.Except {
		if y := d.Year(); y < MinYear || y > MaxYear {
			return r.bad("except["+strconv.Itoa(i)+"]", d, fmt.Sprintf("must be in the years %d to %d", MinYear, MaxYear))
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
// *FieldError wrapping ErrInvalidRule for the first invalid rule, whose
// path names the rule and the field ("rules[2].month"), and for rules that
// close more than MaxHolidayDays days a year.
func NewHolidays(rules ...Rule) (Holidays, error) { return newHolidays("rules", rules) }

// newHolidays is NewHolidays with the path of the rules in errors: "rules"
// for NewHolidays, "" for a JSON list of rules.
func newHolidays(path string, rules []Rule) (Holidays, error) {
	h := Holidays{rules: make([]Rule, len(rules))}
	total := 0
	for i, r := range rules {
		if err := r.validate(); err != nil {
			return Holidays{}, invalid.At(path, invalid.At("["+strconv.Itoa(i)+"]", err, ErrInvalidRule), ErrInvalidRule)
		}
		if total += r.daysPerYear(); total > MaxHolidayDays {
			return Holidays{}, fieldError(ErrInvalidRule, path, fmt.Sprint(len(rules), " rules"), fmt.Sprintf("they close more than %d days a year", MaxHolidayDays))
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

// UnmarshalJSON implements json.Unmarshaler: a JSON list of rules in the
// form shown on Rule, read strictly and validated like NewHolidays. Errors
// are *FieldError wrapping ErrInvalidRule whose path names the rule by its
// index ("[2].month"). As encoding/json's convention asks, null leaves h as
// it is.
func (h *Holidays) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	raw, err := decodeList(b, ErrInvalidRule, "a list of holiday rules")
	if err != nil {
		return err
	}
	rules := make([]Rule, len(raw))
	for i, m := range raw {
		var err error
		if isNull(m) {
			err = fieldError(ErrInvalidRule, "", "null", "want a rule")
		} else {
			err = rules[i].UnmarshalJSON(m)
		}
		if err != nil {
			return invalid.At("["+strconv.Itoa(i)+"]", err, ErrInvalidRule)
		}
	}
	v, err := newHolidays("", rules)
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
