package calendar

import (
	"errors"
	"fmt"

	"github.com/go-itsm/itsm/internal/invalid"
)

// Sentinel errors. Every error this package returns wraps at least one of
// them, so callers branch with errors.Is; a *FieldError carries the detail
// (path, value, reason) for errors.As.
//
// Configuration errors nest: an error of New or of Calendar.UnmarshalJSON
// always satisfies ErrInvalidCalendar, and also the sentinel of the part
// that is wrong (ErrInvalidWeek for a span of the week, ErrInvalidRule for a
// holiday rule, ErrUnknownWord for a misspelt word, ErrNoLocation,
// ErrNoWorkingTime).
var (
	// ErrInvalidCalendar: a calendar definition is invalid: given to New
	// or to Union, Intersection and Difference, or read from JSON by
	// Calendar.UnmarshalJSON (unknown key, wrong type, a location that is
	// not an IANA zone name, an invalid exception, a combination of fewer
	// than two calendars, nesting too deep).
	ErrInvalidCalendar = errors.New("calendar: invalid calendar")
	// ErrInvalidWeek: weekly hours, a Span or a TimeOfDay is invalid: text
	// that ParseWeek, ParseTimeOfDay or a Span cannot read, a span whose
	// start equals its end, a time outside 00:00 to 24:00.
	ErrInvalidWeek = errors.New("calendar: invalid hours")
	// ErrInvalidRule: a holiday rule or set is invalid (NewHolidays,
	// Rule.UnmarshalJSON, Holidays.UnmarshalJSON): a field out of range or
	// not used by the rule's kind, a reversed range, a set that closes more
	// than MaxHolidayDays days a year.
	ErrInvalidRule = errors.New("calendar: invalid holiday rule")
	// ErrInvalidICal: ParseICal cannot read a feed: broken structure, or
	// with ICalStrict a malformed event. The *SyntaxError in the chain
	// gives the line and column.
	ErrInvalidICal = errors.New("calendar: invalid iCalendar feed")
	// ErrUnknownWord: a word of an enumeration is not one of its words (a
	// RuleKind, ExceptionKind, Observance or weekday name), or a value has no
	// word to marshal as. The message lists the known words.
	ErrUnknownWord = errors.New("calendar: unknown word")
	// ErrUnknownName: a name refers to nothing: a location that is not an
	// IANA time zone name, the code of a region that a regional holiday set
	// does not have (de.State). The message lists the known names where
	// there are few enough to list.
	ErrUnknownName = errors.New("calendar: unknown name")
	// ErrNoLocation: a calendar needs an explicit *time.Location (time.UTC is
	// explicit; nil is not), and its JSON a "location".
	ErrNoLocation = errors.New("calendar: no location")
	// ErrNoWorkingTime: the weekly hours and date overrides have no working
	// time at all.
	ErrNoWorkingTime = errors.New("calendar: no working time")
	// ErrHorizon: the calendar has no business time (or no working day, or
	// never closes) within Horizon of the starting instant, so the answer does
	// not exist in practice.
	ErrHorizon = errors.New("calendar: nothing within the horizon")
	// ErrOutOfRange: the computation left the years the calendar supports
	// (MinYear to MaxYear).
	ErrOutOfRange = errors.New("calendar: outside the supported years")
)

// FieldError reports an invalid field of a definition (a calendar, a week,
// an exception, a holiday rule, a feed): the SDK's one error shape for bad
// input, the same type in every package. Path names the field as it is
// spelled in JSON, from the value being checked ("exceptions[1].hours",
// "week.mon[0]", "rules[2].month"; empty for the value itself); Value is the
// offending value as text; Reason says what is wrong; Err is the sentinel it
// wraps, and Cause, when set, the more specific error it reports (another
// sentinel's *FieldError, a *SyntaxError with a column). Messages read
// `calendar: path "value": reason`.
type FieldError = invalid.Error

// SyntaxError gives the position of a fault in text that ParseWeek,
// ParseICal or a Span cannot read. It is the Cause of the *FieldError that
// those return, for errors.As. Column is 1-based and counts bytes of the
// (unfolded) line; Line is 1-based, and 0 for single-line input. Err is the
// sentinel (ErrInvalidWeek, ErrInvalidICal, ErrUnknownWord).
type SyntaxError struct {
	Input  string
	Line   int // 1-based; 0 for single-line input
	Column int
	Reason string
	Err    error
}

func (e *SyntaxError) Error() string {
	return invalid.Package(e.Err) + ": " + e.position() + ": " + e.Reason
}

// Unwrap returns the sentinel.
func (e *SyntaxError) Unwrap() error { return e.Err }

func (e *SyntaxError) position() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d, column %d", e.Line, e.Column)
	}
	return fmt.Sprintf("column %d", e.Column)
}

// fieldOf reports a *SyntaxError as a *FieldError wrapping sentinel, with
// the position in its reason, and the input as its value when withInput.
func (e *SyntaxError) fieldOf(sentinel error, withInput bool) *FieldError {
	fe := &FieldError{Reason: e.position() + ": " + e.Reason, Err: sentinel, Cause: e}
	if withInput {
		fe.Value = e.Input
	}
	return fe
}

// fieldError returns a *FieldError of the field at path.
func fieldError(sentinel error, path, value, reason string) *FieldError {
	return &FieldError{Path: path, Value: value, Reason: reason, Err: sentinel}
}
