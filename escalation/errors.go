package escalation

import (
	"errors"
	"strings"

	"github.com/go-itsm/itsm/internal/invalid"
)

// Sentinel errors. Every error this package returns for bad input wraps
// one of them, so callers branch with errors.Is; the errors are
// *FieldError values, for errors.As, that name the offending field by its
// JSON path.
var (
	// ErrInvalidPolicy: a policy, a step, an option of NewSet or a policy
	// document failed validation: an unknown key, a wrong type, a value
	// out of range, a name that resolves to nothing (a calendar, a
	// schedule, a predicate, a state of the lifecycle, an SLA policy or
	// metric of the SLA set).
	ErrInvalidPolicy = errors.New("escalation: invalid policy")
	// ErrInvalidSchedule: an on-call schedule, a layer, an override or a
	// schedule document failed validation.
	ErrInvalidSchedule = errors.New("escalation: invalid schedule")
	// ErrInvalidRecord: a fired record (Fired, Key) or an Evaluation read
	// from JSON is malformed.
	ErrInvalidRecord = errors.New("escalation: invalid record")
	// ErrUnknownWord: a trigger, task, target kind, rank or recipient kind
	// that this package does not know: a JSON word that is none of the
	// enumeration's (the message lists the known ones), or a value out of
	// range being marshalled. Read inside a document, the error wraps the
	// document's sentinel (ErrInvalidPolicy, ErrInvalidSchedule,
	// ErrInvalidRecord) as well.
	ErrUnknownWord = errors.New("escalation: unknown word")
)

// FieldError reports an invalid field: the SDK's one error shape for bad
// input, the same type in every package. Path names the field as a JSON
// path from the value being checked ("policies[0].steps[1].trigger.after"
// for NewSet, "layers[0].members" for NewSchedule, "steps[0].trigger.on"
// for a Policy document; empty for the value itself); Value is the
// offending value as text; Reason says what is wrong and, for NewSet and
// NewSchedule, names the policy or schedule; Err is the sentinel it wraps,
// and Cause, if set, another package's error it reports (an
// incident.Selector's, a calendar's, a duration's), which errors.Is and
// errors.As see too. Messages read
// `escalation: path "value": reason`.
type FieldError = invalid.Error

// causeAt reports err, another package's error about the field at path
// whose value is value, as a *FieldError wrapping sentinel with err as its
// cause: an *invalid.Error keeps its path (under path) and detail; any
// other error gives its message, without its package prefix, as the
// reason.
func causeAt(path, value string, err error, sentinel error) error {
	var e *invalid.Error
	if errors.As(err, &e) {
		return invalid.At(path, err, sentinel)
	}
	reason := err.Error()
	if pkg, rest, ok := strings.Cut(reason, ": "); ok && pkg != "" && strings.Trim(pkg, "abcdefghijklmnopqrstuvwxyz") == "" {
		reason = rest // "calendar: column 5: ..." reads "column 5: ..."
	}
	return &FieldError{Path: path, Value: value, Reason: reason, Err: sentinel, Cause: err}
}
