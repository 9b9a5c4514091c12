package sla

import (
	"errors"
	"fmt"
)

// Sentinel errors; test with errors.Is.
var (
	// ErrOutOfOrder: an event is earlier than the one before it.
	ErrOutOfOrder = errors.New("sla: event out of order")
	// ErrNoPolicy: no policy of the set applies to the incident (the set
	// has no catch-all).
	ErrNoPolicy = errors.New("sla: no policy applies")
	// ErrInvalidPolicy: a policy or policy set failed validation; the
	// *FieldError that wraps it names the field.
	ErrInvalidPolicy = errors.New("sla: invalid policy")
)

// FieldError reports an invalid field of a goal, target, policy or set.
type FieldError struct {
	// Policy and Field locate the fault ("gold", "targets[2].goal").
	Policy string
	Field  string
	Value  string
	Reason string
}

func (e *FieldError) Error() string {
	where := e.Field
	if e.Policy != "" {
		where = "policy " + e.Policy + ": " + e.Field
	}
	if e.Value != "" {
		return fmt.Sprintf("sla: %s %q: %s", where, e.Value, e.Reason)
	}
	return fmt.Sprintf("sla: %s: %s", where, e.Reason)
}

// Unwrap makes errors.Is(err, ErrInvalidPolicy) hold.
func (e *FieldError) Unwrap() error { return ErrInvalidPolicy }

// EventError reports a clock event that cannot be folded; Index is its
// position in the events given.
type EventError struct {
	Index  int
	Event  ClockEvent
	Reason string
	Err    error
}

func (e *EventError) Error() string {
	return fmt.Sprintf("sla: clock event %d (%s at %s): %s", e.Index, e.Event.Action, e.Event.At.Format("2006-01-02T15:04:05.999999999Z07:00"), e.Reason)
}

// Unwrap returns the underlying cause, such as ErrOutOfOrder.
func (e *EventError) Unwrap() error { return e.Err }

func asEventError(err error, target **EventError) bool { return errors.As(err, target) }
