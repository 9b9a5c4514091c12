package report

import (
	"errors"
	"fmt"
)

// Sentinel errors; test for them with errors.Is. The errors returned wrap
// them with the field and value at fault.
var (
	// ErrInvalidSpec: a Spec (or an Option of NewAccumulator) failed
	// validation; the *FieldError that wraps it names the field.
	ErrInvalidSpec = errors.New("report: invalid spec")
	// ErrInvalidRecord: a Record is inconsistent (a resolution before the
	// opening, overlapping holds...); the *RecordError that wraps it names
	// the record and the field. Accumulator.Add leaves the accumulator
	// unchanged.
	ErrInvalidRecord = errors.New("report: invalid record")
	// ErrIncompatible: Merge was given an accumulator built from another
	// spec (or the accumulator itself), or UnmarshalBinary data encoded
	// from another spec or with other custom keys.
	ErrIncompatible = errors.New("report: incompatible accumulators")
	// ErrInvalidEncoding: Accumulator.UnmarshalBinary was given data that
	// Accumulator.MarshalBinary did not write (truncated, corrupted or of
	// another version); the accumulator is unchanged.
	ErrInvalidEncoding = errors.New("report: invalid accumulator encoding")
)

// FieldError reports an invalid field of a Spec or an Option (Field is
// the JSON name of the field: "recurring.window", "group_by[1]"), or an accumulator that cannot be merged or decoded
// (Field "merge" or "accumulator").
type FieldError struct {
	Field  string
	Value  string
	Reason string
	// Err is the sentinel: ErrInvalidSpec, ErrIncompatible
	// or ErrInvalidEncoding.
	Err error
}

// Error implements error: "report: field "value": reason".
func (e *FieldError) Error() string {
	if e.Value != "" {
		return fmt.Sprintf("report: %s %q: %s", e.Field, e.Value, e.Reason)
	}
	return fmt.Sprintf("report: %s: %s", e.Field, e.Reason)
}

// Unwrap returns the sentinel, so errors.Is(err, ErrInvalidSpec) holds.
func (e *FieldError) Unwrap() error { return e.Err }

func specError(field, value, reason string) error {
	return &FieldError{Field: field, Value: value, Reason: reason, Err: ErrInvalidSpec}
}

// RecordError reports an inconsistent Record: which record (its ID), which
// field and why.
type RecordError struct {
	ID     string
	Field  string
	Value  string
	Reason string
}

// Error implements error: "report: record "id": field "value": reason".
func (e *RecordError) Error() string {
	if e.Value != "" {
		return fmt.Sprintf("report: record %q: %s %q: %s", e.ID, e.Field, e.Value, e.Reason)
	}
	return fmt.Sprintf("report: record %q: %s: %s", e.ID, e.Field, e.Reason)
}

// Unwrap returns ErrInvalidRecord.
func (e *RecordError) Unwrap() error { return ErrInvalidRecord }
