package report

import (
	"encoding/json"
	"errors"
	"strconv"

	"github.com/go-itsm/itsm/internal/invalid"
)

// Sentinel errors; test for them with errors.Is. Every error the package
// returns wraps one of them; the *FieldError that carries it names the
// field at fault by its JSON path and quotes the value.
var (
	// ErrInvalidSpec: a Spec (or an Option of NewAccumulator, or the
	// Spec's JSON) failed validation: an unknown key, a wrong type, a
	// value out of range, a name that refers to nothing.
	ErrInvalidSpec = errors.New("report: invalid spec")
	// ErrInvalidRecord: a Record is inconsistent (a resolution before the
	// opening, overlapping holds...) or its JSON is malformed; the
	// *FieldError's path starts with the record (`records["INC-1"]`) and
	// names the field. Accumulator.Add leaves the accumulator unchanged.
	ErrInvalidRecord = errors.New("report: invalid record")
	// ErrInvalidReport: the JSON of a Report (or of one of its parts: a
	// Value, a Distribution, a ServiceAvailability...) is not what
	// Report.WriteJSON writes: an unknown key, a wrong type, an unknown
	// word.
	ErrInvalidReport = errors.New("report: invalid report")
	// ErrUnknownWord: an enumeration (BucketSize, Family, Unit)
	// was given a word it does not have, or an unknown value was
	// marshalled. Inside a Spec or Report the error also wraps that
	// value's sentinel (ErrInvalidSpec, ErrInvalidReport).
	ErrUnknownWord = errors.New("report: unknown word")
	// ErrIncompatible: Merge was given an accumulator built from another
	// spec (or the accumulator itself), or UnmarshalBinary data encoded
	// from another spec or with other custom keys.
	ErrIncompatible = errors.New("report: incompatible accumulators")
	// ErrInvalidEncoding: Accumulator.UnmarshalBinary was given data that
	// Accumulator.MarshalBinary did not write (truncated, corrupted or of
	// another version); the accumulator is unchanged.
	ErrInvalidEncoding = errors.New("report: invalid accumulator encoding")
)

// FieldError reports an invalid field: the SDK's one error shape for bad
// input, the same type in every package (report.FieldError,
// incident.FieldError, sla.FieldError... are one type). Path names the
// field as it is spelled in JSON, relative to the value checked
// ("recurring.window", "group_by[1]", `records["INC-1"].holds[0].end`;
// "accumulator" or "merge" for an accumulator that cannot be decoded or
// merged); Value is the offending value as text; Reason says what is
// wrong; Err is the sentinel (ErrInvalidSpec, ErrInvalidRecord,
// ErrInvalidReport, ErrUnknownWord, ErrIncompatible or
// ErrInvalidEncoding) and Cause, when set, the error of another package
// (a calendar's, a duration's, sla's) that this one reports; errors.Is
// and errors.As see both. Messages read `report: path "value": reason`.
//
// Record errors were a separate RecordError type (fields ID and Field)
// before; they are FieldErrors now, with the record's ID in the path.
type FieldError = invalid.Error

func specError(field, value, reason string) error {
	return &FieldError{Path: field, Value: value, Reason: reason, Err: ErrInvalidSpec}
}

// recordPath is the path prefix of a record's fields: records["id"],
// the ID clipped so that a message stays short.
func recordPath(id string) string {
	const max = 64
	if len(id) > max {
		cut := max
		for cut > 0 && id[cut]&0xC0 == 0x80 {
			cut--
		}
		id = id[:cut] + "..."
	}
	return "records[" + strconv.Quote(id) + "]"
}

// decodeStrict is invalid.Decode, which also refuses what comes after the
// object but for a closing bracket ("{}}"): encoding/json finds that
// before a type's UnmarshalJSON runs, a direct call would not.
func decodeStrict(b []byte, v any, sentinel error) error {
	if err := invalid.Decode(b, v, sentinel); err != nil {
		return err
	}
	if !json.Valid(b) {
		return &FieldError{Reason: "malformed JSON: data after the JSON object", Err: sentinel}
	}
	return nil
}
