package calendar

import (
	"strconv"
	"time"

	"github.com/go-itsm/itsm/internal/invalid"
)

// The enumerations of this package marshal as lower-case words, with the
// SDK's one rule (invalid.Words): a value with a word marshals as it; the
// zero value without a word (RuleKind) marshals as "" and parses from "";
// any other value is unknown: String prints Type(n), MarshalText fails, and
// a word that is not in the table fails to parse with ErrUnknownWord,
// listing the known words.
var (
	ruleKindWords = invalid.Words{Type: "RuleKind", Words: []string{
		FixedDate: "fixed_date", MonthDay: "month_day", NthWeekday: "nth_weekday",
		EasterOffset: "easter_offset", Weekly: "weekly", Monthly: "monthly",
	}}
	exceptionKindWords = invalid.Words{Type: "ExceptionKind", Words: []string{
		Closed: "closed", Override: "override", ClosesEarly: "closes_early", ClosedDuring: "closed_during",
	}}
	observanceWords = invalid.Words{Type: "Observance", Words: []string{
		NoObservance:     "none",
		SaturdayToFriday: "saturday_to_friday",
		SundayToMonday:   "sunday_to_monday",
		SundayToSaturday: "sunday_to_saturday",
		NearestWeekday:   "nearest_weekday",
		NextWeekday:      "next_weekday",
		NextWorkingDay:   "next_working_day",
	}}
	// weekdayWords are the weekday names of holiday rules' JSON.
	weekdayWords = invalid.Words{Type: "Weekday", Words: []string{
		time.Sunday: "sunday", time.Monday: "monday", time.Tuesday: "tuesday", time.Wednesday: "wednesday",
		time.Thursday: "thursday", time.Friday: "friday", time.Saturday: "saturday",
	}}
	// weekKeys are the weekdays as Week's paths name them ("week.mon[0]").
	weekKeys = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
)

// String returns the kind's word, such as "nth_weekday", or "RuleKind(n)"
// for a value that has none (the zero RuleKind is "").
func (k RuleKind) String() string { return ruleKindWords.String(uint8(k)) }

// MarshalText implements encoding.TextMarshaler; an unknown kind fails
// with ErrUnknownWord.
func (k RuleKind) MarshalText() ([]byte, error) {
	return ruleKindWords.Marshal(uint8(k), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler; an unknown word fails
// with ErrUnknownWord.
func (k *RuleKind) UnmarshalText(b []byte) error {
	v, err := ruleKindWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*k = RuleKind(v)
	return nil
}

// known reports whether k is one of the kinds.
func (k RuleKind) known() bool { return k != 0 && int(k) < len(ruleKindWords.Words) }

// String returns "closed", "override", "closes_early" or "closed_during",
// or "ExceptionKind(n)" for a value that has no word.
func (k ExceptionKind) String() string { return exceptionKindWords.String(uint8(k)) }

// MarshalText implements encoding.TextMarshaler; an unknown kind fails
// with ErrUnknownWord.
func (k ExceptionKind) MarshalText() ([]byte, error) {
	return exceptionKindWords.Marshal(uint8(k), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler; an unknown word fails
// with ErrUnknownWord.
func (k *ExceptionKind) UnmarshalText(b []byte) error {
	v, err := exceptionKindWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*k = ExceptionKind(v)
	return nil
}

// String returns the observance's word, such as "nearest_weekday", or
// "Observance(n)" for a value that has none.
func (o Observance) String() string { return observanceWords.String(uint8(o)) }

// MarshalText implements encoding.TextMarshaler; an unknown observance
// fails with ErrUnknownWord.
func (o Observance) MarshalText() ([]byte, error) {
	return observanceWords.Marshal(uint8(o), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler; an unknown word fails
// with ErrUnknownWord.
func (o *Observance) UnmarshalText(b []byte) error {
	v, err := observanceWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*o = Observance(v)
	return nil
}

// weekdayWord returns the lower-case name of wd, or an error wrapping
// ErrUnknownWord for a value that is no weekday.
func weekdayWord(wd time.Weekday) (string, error) {
	if wd < 0 || wd > time.Saturday {
		return "", fieldError(ErrUnknownWord, "", strconv.Itoa(int(wd)), "not a known Weekday")
	}
	return weekdayWords.Words[wd], nil
}

// parseWeekday reads a lower-case weekday name.
func parseWeekday(s string) (time.Weekday, error) {
	v, err := weekdayWords.Parse(s, ErrUnknownWord)
	return time.Weekday(v), err
}
