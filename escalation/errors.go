package escalation

import (
	"errors"
	"fmt"
)

// Sentinel errors. Test for them with errors.Is; the errors returned are
// *FieldError values that wrap one of them and name the offending field.
var (
	// ErrInvalidPolicy: a policy, a step or the set failed validation.
	ErrInvalidPolicy = errors.New("escalation: invalid policy")
	// ErrInvalidSchedule: an on-call schedule, a layer or an override
	// failed validation.
	ErrInvalidSchedule = errors.New("escalation: invalid schedule")
	// ErrUnknownWord: a JSON document names a trigger, task, target kind,
	// rank or recipient kind this package does not know.
	ErrUnknownWord = errors.New("escalation: unknown word")
)

// FieldError reports an invalid field. Owner names the policy or schedule
// it belongs to (empty when the fault is not inside one), Field locates it
// ("steps[2].trigger.after"), Value is the offending value as text. Err is
// the sentinel it wraps, for errors.Is.
type FieldError struct {
	Owner  string
	Field  string
	Value  string
	Reason string
	Err    error
}

func (e *FieldError) Error() string {
	where := e.Field
	if e.Owner != "" {
		kind := "policy"
		if e.Err == ErrInvalidSchedule {
			kind = "schedule"
		}
		where = fmt.Sprintf("%s %q: %s", kind, e.Owner, e.Field)
	}
	if e.Value != "" {
		return fmt.Sprintf("escalation: %s %q: %s", where, e.Value, e.Reason)
	}
	return fmt.Sprintf("escalation: %s: %s", where, e.Reason)
}

// Unwrap returns the sentinel, so errors.Is(err, ErrInvalidPolicy) and the
// like hold.
func (e *FieldError) Unwrap() error { return e.Err }
