package sla

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/go-itsm/itsm/internal/invalid"
)

// Sentinel errors; test with errors.Is. Every error the package returns
// wraps one of them (an error of another package that sla reports, such as
// the calendar's or the incident's, is its Cause: errors.Is sees both).
var (
	// ErrOutOfOrder: a clock event is earlier than the one before it.
	ErrOutOfOrder = errors.New("sla: event out of order")
	// ErrChronicle: Set.Evaluate had to fold a chronicle's events up to its
	// instant again and the set's lifecycle refused them (a chronicle
	// replayed with another lifecycle); the error wraps the incident
	// package's too.
	ErrChronicle = errors.New("sla: chronicle does not fold with the set's lifecycle")
	// ErrNoCalendar: the function given to WithIncidentCalendar or
	// WithGroupCalendar failed (the error wraps its error too) or gave no
	// calendar for an incident or its group (WithGroupCalendars: a group
	// the map lacks, listing the groups it has), or a due date's calendar
	// has no working day to put it on.
	ErrNoCalendar = errors.New("sla: no calendar for the incident")
	// ErrInvalidPolicy: a policy or policy set failed validation (NewSet
	// and its options) or strict decoding (Policy, Target, Rules,
	// Happening): an unknown key, a wrong type, a value out of range, or a
	// name that refers to nothing (a calendar, a predicate, a state or hold
	// reason of the lifecycle). The *FieldError that wraps it names the
	// field by its JSON path.
	ErrInvalidPolicy = errors.New("sla: invalid policy")
	// ErrInvalidClock: a Goal, ClockEvent or Clock failed validation
	// (NewClock, Clock.Apply) or strict decoding: a goal that is not
	// positive, no calendar, a threshold out of (0, 1], an event without
	// its instant or action.
	ErrInvalidClock = errors.New("sla: invalid clock")
	// ErrInvalidResult: the JSON of a result (Status, Result, Moment,
	// Evaluation) is not what the package writes: an unknown key, a wrong
	// type, a clock that does not fold. It is never about a policy, so a
	// stored result with a bad word does not satisfy ErrInvalidPolicy.
	ErrInvalidResult = errors.New("sla: invalid result")
	// ErrUnknownWord: a word that is not one of an enumeration's words
	// (Kind, ReopenMode, AfterBreach, WhenToCancel, ClockAction, State, On, a Moment's What), or a
	// value with no word that cannot be written. Inside a decoded policy,
	// clock or result the error satisfies that value's sentinel too
	// (ErrInvalidPolicy, ErrInvalidClock or ErrInvalidResult).
	ErrUnknownWord = errors.New("sla: unknown word")
)

// FieldError reports an invalid field: the SDK's one error shape for bad
// input, the same type in every package. Path names the field as it is
// spelled in JSON, relative to the value checked ("policies[1].targets[0].goal"
// for NewSet, "targets[0].goal" for a decoded Policy, "goal.duration" for
// NewClock); Value is the offending value as text; Reason says what is
// wrong, and lists what exists when a name refers to nothing. Err is the
// sentinel it wraps (ErrInvalidPolicy, ErrInvalidClock, ErrInvalidResult or
// ErrUnknownWord) and Cause, if set, another package's error it reports
// (a calendar's, the incident package's, a duration's syntax). Messages
// read `sla: path "value": reason`.
type FieldError = invalid.Error

// EventError reports a clock event that cannot be folded; Index is its
// position in the events given. Err is ErrOutOfOrder for an event earlier
// than the one before it, else ErrInvalidClock (or the *FieldError of a
// retarget's invalid goal, which wraps it).
type EventError struct {
	Index  int
	Event  ClockEvent
	Reason string
	Err    error
}

func (e *EventError) Error() string {
	return fmt.Sprintf("sla: clock event %d (%s at %s): %s", e.Index, e.Event.Action, e.Event.At.Format("2006-01-02T15:04:05.999999999Z07:00"), e.Reason)
}

// Unwrap returns the underlying cause: ErrOutOfOrder, ErrInvalidClock or
// a *FieldError wrapping ErrInvalidClock.
func (e *EventError) Unwrap() error { return e.Err }

func asEventError(err error, target **EventError) bool { return errors.As(err, target) }

// eventError is an event that cannot be folded for reason; err is
// ErrInvalidClock unless said otherwise.
func eventError(e ClockEvent, reason string, err error) *EventError {
	if err == nil {
		err = ErrInvalidClock
	}
	return &EventError{Event: e, Reason: reason, Err: err}
}

// isNull reports whether b is the JSON null, which an UnmarshalJSON leaves
// alone (encoding/json's convention).
func isNull(b []byte) bool { return bytes.Equal(bytes.TrimSpace(b), []byte("null")) }

// withoutPrefix is an error's message without the package prefix, to quote
// it inside another message of the package.
func withoutPrefix(err error) string { return strings.TrimPrefix(err.Error(), "sla: ") }

// policyError is the *FieldError of a policy's value at path (relative to
// what is being checked) that is wrong for reason.
func policyError(path, value, reason string) error {
	return &FieldError{Path: path, Value: value, Reason: reason, Err: ErrInvalidPolicy}
}
