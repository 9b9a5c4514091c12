package calendar

import (
	"errors"
	"fmt"
)

// Sentinel errors. Test for them with errors.Is; the errors returned wrap them
// with detail.
var (
	// ErrNoLocation: a calendar needs an explicit *time.Location (time.UTC is
	// explicit; nil is not).
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

// FieldError reports an invalid field of a definition. It names the field and
// the offending value.
type FieldError struct {
	Field  string
	Value  string
	Reason string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("calendar: invalid %s %q: %s", e.Field, e.Value, e.Reason)
}

// SyntaxError reports text that ParseWeek (or another parser of this package)
// cannot read. Column is 1-based and counts bytes of Input.
type SyntaxError struct {
	Input  string
	Line   int // 1-based; 0 for single-line input
	Column int
	Reason string
}

func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("calendar: line %d, column %d: %s", e.Line, e.Column, e.Reason)
	}
	return fmt.Sprintf("calendar: column %d: %s (in %q)", e.Column, e.Reason, e.Input)
}
