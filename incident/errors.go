package incident

import (
	"errors"
	"github.com/go-itsm/itsm/internal/invalid"
	"strconv"
	"strings"
)

// Sentinel errors. Every error this package returns wraps exactly one of them,
// so callers branch with errors.Is; the concrete types (*FieldError,
// *TransitionError, *InvalidEventError) carry the detail for errors.As.
var (
	// ErrInvalidMatrix: NewMatrix (or Matrix.UnmarshalJSON) was given a
	// matrix of the wrong size, with an empty cell or a priority out of range.
	ErrInvalidMatrix = errors.New("incident: invalid priority matrix")
	// ErrInvalidLifecycle: NewLifecycle (or an Option) was given an invalid
	// definition: unknown state, duplicate transition, unknown guard, bad
	// flags, unreachable state and so on.
	ErrInvalidLifecycle = errors.New("incident: invalid lifecycle")
	// ErrNoLifecycle: a nil *Lifecycle was passed.
	ErrNoLifecycle = errors.New("incident: no lifecycle")
	// ErrInvalidEvent: an event is malformed whatever the incident's state:
	// unknown type, missing actor or payload field, a field that does not
	// belong to its type, a level out of the matrix's range.
	ErrInvalidEvent = errors.New("incident: invalid event")
	// ErrOutOfOrder: an event is earlier than the incident's last event.
	// Events at the same instant are allowed and keep their order.
	ErrOutOfOrder = errors.New("incident: event out of order")
	// ErrNotAllowed: the event is well formed but the incident's state does
	// not allow it: no transition for the action, an event other than open
	// before the incident is opened, a second open, any event on a terminal
	// incident, a review before resolution.
	ErrNotAllowed = errors.New("incident: not allowed")
	// ErrGuard: a guard of the transition refused; the *TransitionError says
	// which guard and why.
	ErrGuard = errors.New("incident: refused by guard")
	// ErrLevel: an impact or urgency outside the matrix's levels was passed
	// to Matrix.Priority.
	ErrLevel = errors.New("incident: level out of range")
	// ErrInvalidPolicy: an AutoClosePolicy is invalid (no days, business days
	// without a calendar).
	ErrInvalidPolicy = errors.New("incident: invalid auto-close policy")
	// ErrUnknownWord: JSON holds a word that is not one of an enumeration's
	// words (event type, priority basis, state flag, trigger).
	ErrUnknownWord = errors.New("incident: unknown word")
	// ErrNotChild: OfferToChildren was given an incident whose ParentID is not
	// the parent's ID.
	ErrNotChild = errors.New("incident: not a child of the parent")
	// ErrInvalidSelector: a Selector holds a value out of range, or its
	// JSON an unknown key or a wrong type.
	ErrInvalidSelector = errors.New("incident: invalid selector")
	// ErrParentCycle: CheckParent found that a parent link would close a
	// cycle of parents (or the parents' links already loop).
	ErrParentCycle = errors.New("incident: parent cycle")
)

// FieldError reports an invalid field of a configuration (matrix, lifecycle,
// policy, selector) or of an event: the SDK's one error shape for bad
// input, the same type in every package. Path names the field as it is
// spelled in JSON, with an index where useful ("cells[1][2]",
// "transitions[3].to", "impact"); Value is the offending value as text;
// Err is the sentinel it wraps, and Cause, if set, another package's error
// it reports. Messages read "incident: path "value": reason".
type FieldError = invalid.Error

// TransitionError reports an event that the lifecycle does not allow in the
// incident's current state (Err is ErrNotAllowed) or that a guard refused (Err
// is ErrGuard, Guard names it). Action is empty for events other than
// transitions.
type TransitionError struct {
	From   State
	Type   EventType
	Action Action
	Guard  string
	Reason string
	Err    error
}

// Error implements error.
func (e *TransitionError) Error() string {
	var b strings.Builder
	b.WriteString("incident: ")
	if e.Action != "" {
		b.WriteString("action ")
		b.WriteString(string(e.Action))
	} else {
		b.WriteString(e.Type.String())
		b.WriteString(" event")
	}
	if e.From != "" {
		b.WriteString(" in state ")
		b.WriteString(string(e.From))
	}
	if e.Guard != "" {
		b.WriteString(" refused by guard ")
		b.WriteString(e.Guard)
	} else {
		b.WriteString(" not allowed")
	}
	if e.Reason != "" {
		b.WriteString(": ")
		b.WriteString(e.Reason)
	}
	return b.String()
}

// Unwrap returns ErrNotAllowed or ErrGuard.
func (e *TransitionError) Unwrap() error { return e.Err }

// InvalidEventError is the error of Replay: the event at
// Index (0-based, in the replayed history) could not be applied. Reason is the
// underlying error's message without the package prefix; Err is the
// underlying error (a *FieldError or *TransitionError), so errors.Is and
// errors.As see through it.
type InvalidEventError struct {
	Index  int
	Event  Event
	Reason string
	Err    error
}

// Error implements error.
func (e *InvalidEventError) Error() string {
	return "incident: event " + strconv.Itoa(e.Index) + " (" + e.Event.Type.String() + "): " + e.Reason
}

// Unwrap returns the underlying error.
func (e *InvalidEventError) Unwrap() error { return e.Err }

func newInvalidEventError(index int, ev Event, err error) *InvalidEventError {
	return &InvalidEventError{
		Index:  index,
		Event:  ev,
		Reason: strings.TrimPrefix(err.Error(), "incident: "),
		Err:    err,
	}
}

func eventField(field, value, reason string) *FieldError {
	return &FieldError{Path: field, Value: value, Reason: reason, Err: ErrInvalidEvent}
}

func lifecycleField(field, value, reason string) *FieldError {
	return &FieldError{Path: field, Value: value, Reason: reason, Err: ErrInvalidLifecycle}
}
