package slo

import (
	"errors"

	"github.com/go-itsm/itsm/internal/invalid"
)

// ErrInvalid is the sentinel of every error this package returns: an SLO,
// a burn-rate rule, a sample, an outage or a latency histogram failed
// validation, or JSON given to one of them is malformed, has an unknown or
// repeated key, a value of the wrong type or an unknown word. Test for it
// with errors.Is(err, slo.ErrInvalid); errors.As(err, &fe) with a
// *FieldError gives the path of the field at fault. It takes the place of
// report.ErrInvalidSLO.
var ErrInvalid = errors.New("slo: invalid SLO")

// FieldError is an invalid field: Path is its JSON path from the value
// checked ("rules[1].short", "samples[3]", "" for the value itself), Value
// the offending value as text, Reason what is wrong, and Err is ErrInvalid.
// The message reads `slo: rules[1].short "2h0m0s": need 0 < short < long`.
// It is the SDK's one error shape (every package exports it under this
// name).
type FieldError = invalid.Error

func fieldError(path, value, reason string) error {
	return &FieldError{Path: path, Value: value, Reason: reason, Err: ErrInvalid}
}

func asFieldError(err error, target **FieldError) bool { return errors.As(err, target) }
