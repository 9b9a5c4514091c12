package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-itsm/itsm/internal/tzname"
)

// definitionJSON is the JSON document of a calendar. A plain calendar has a
// location, a week and optional holidays (one set of rules, or a list of
// sets) and explicit exceptions; a combined calendar has exactly one of
// union, intersection or difference, whose operands are calendar documents.
type definitionJSON struct {
	Location     string          `json:"location,omitempty"`
	Week         *Week           `json:"week,omitempty"`
	Holidays     json.RawMessage `json:"holidays,omitempty"`
	Exceptions   json.RawMessage `json:"exceptions,omitempty"`
	Union        []*Calendar     `json:"union,omitempty"`
	Intersection []*Calendar     `json:"intersection,omitempty"`
	Difference   []*Calendar     `json:"difference,omitempty"`
}

// MarshalJSON implements json.Marshaler: the calendar's definition, e.g.
//
//	{"location":"Europe/Amsterdam","week":"Mon-Fri 09:00-17:00",
//	 "holidays":[{"name":"Christmas Day","on":"month_day","month":12,"day":25}],
//	 "exceptions":[{"date":"2026-12-24","kind":"closes_early","closes_at":"13:00"}]}
//	{"union":[{...EU desk...},{...US desk...}]}
//
// It fails for a calendar that cannot be written down: a location that is
// not a loadable IANA name (time.Local, a time.FixedZone) or an
// ExceptionSource of the host's own type.
func (c *Calendar) MarshalJSON() ([]byte, error) {
	if c == nil || (c.loc == nil && c.combo == nil) {
		return []byte("null"), nil
	}
	var d definitionJSON
	if c.combo != nil {
		operands := c.combo.operands()
		switch c.combo.op {
		case union:
			d.Union = operands
		case intersection:
			d.Intersection = operands
		default:
			d.Difference = operands
		}
		return json.Marshal(d)
	}
	name, err := tzname.Of(c.loc)
	if err != nil {
		return nil, &FieldError{Field: "location", Value: name, Reason: err.Error()}
	}
	d.Location = name
	d.Week = &c.weekDef
	var sets []Holidays
	var exceptions Exceptions
	for _, src := range c.sources {
		switch s := src.(type) {
		case Exceptions:
			exceptions = append(exceptions, s...)
		case Holidays:
			sets = append(sets, s)
		default:
			return nil, &FieldError{Field: "exceptions", Value: fmt.Sprintf("%T", src), Reason: "this exception source cannot be written to JSON"}
		}
	}
	if len(exceptions) > 0 {
		if d.Exceptions, err = json.Marshal(exceptions); err != nil {
			return nil, err
		}
	}
	switch len(sets) {
	case 0:
	case 1:
		d.Holidays, err = json.Marshal(sets[0])
	default:
		d.Holidays, err = json.Marshal(sets)
	}
	if err != nil {
		return nil, err
	}
	return json.Marshal(d)
}

// operands lists a combination's calendars, flattening a left chain of the
// same operation (Union(a, b, c) is written as one list of three).
func (cb *combination) operands() []*Calendar {
	var out []*Calendar
	if cb.a.combo != nil && cb.a.combo.op == cb.op {
		out = cb.a.combo.operands()
	} else {
		out = []*Calendar{cb.a}
	}
	return append(out, cb.b)
}

// UnmarshalJSON implements json.Unmarshaler: it reads the document
// MarshalJSON writes, validating it as New does. Use it only on a new
// Calendar (var c calendar.Calendar, or new(calendar.Calendar)); it refuses
// one already in use.
func (c *Calendar) UnmarshalJSON(b []byte) error {
	if c.loc != nil || c.combo != nil {
		return &FieldError{Field: "calendar", Value: "in use", Reason: "UnmarshalJSON needs a new Calendar"}
	}
	var d definitionJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		var fe *FieldError
		var re *RuleError
		var se *SyntaxError
		if errors.As(err, &fe) || errors.As(err, &re) || errors.As(err, &se) || errors.Is(err, ErrNoLocation) {
			return err // already says which field
		}
		return &FieldError{Field: "calendar", Value: clip(string(b)), Reason: err.Error()}
	}
	built, err := d.build()
	if err != nil {
		return err
	}
	// A fresh value: a zero Calendar that was already asked something has
	// cached the tables of a calendar that is never open.
	*c = Calendar{loc: built.loc, weekDef: built.weekDef, week: built.week, sources: built.sources, combo: built.combo}
	return nil
}

func (d definitionJSON) build() (*Calendar, error) {
	combos := 0
	for _, l := range [][]*Calendar{d.Union, d.Intersection, d.Difference} {
		if len(l) > 0 {
			combos++
		}
	}
	plain := d.Location != "" || d.Week != nil || len(d.Holidays) > 0 || len(d.Exceptions) > 0
	switch {
	case combos > 1 || (combos == 1 && plain):
		return nil, &FieldError{Field: "calendar", Value: "", Reason: "a calendar is either plain (location, week, ...) or one of union, intersection, difference"}
	case combos == 1:
		var op setOp
		list := d.Union
		switch {
		case len(d.Intersection) > 0:
			op, list = intersection, d.Intersection
		case len(d.Difference) > 0:
			op, list = difference, d.Difference
		}
		if len(list) < 2 {
			return nil, &FieldError{Field: "calendar", Value: "", Reason: "combining needs at least two calendars"}
		}
		return combine(op, list[0], list[1:])
	}
	if d.Location == "" {
		return nil, fmt.Errorf("%w: the JSON document has no location", ErrNoLocation)
	}
	loc, err := tzname.Load(d.Location)
	if err != nil {
		return nil, &FieldError{Field: "location", Value: d.Location, Reason: err.Error()}
	}
	var week Week
	if d.Week != nil {
		week = *d.Week
	}
	var sources []ExceptionSource
	if len(d.Exceptions) > 0 {
		list, err := decodeExceptions(d.Exceptions)
		if err != nil {
			return nil, err
		}
		sources = append(sources, list)
	}
	if len(d.Holidays) > 0 {
		var sets []Holidays
		if trimmed := bytes.TrimLeft(d.Holidays, " \t\r\n"); len(trimmed) > 1 && trimmed[0] == '[' && bytes.HasPrefix(bytes.TrimLeft(trimmed[1:], " \t\r\n"), []byte("[")) {
			if err := json.Unmarshal(d.Holidays, &sets); err != nil {
				return nil, err
			}
		} else {
			var one Holidays
			if err := json.Unmarshal(d.Holidays, &one); err != nil {
				return nil, err
			}
			sets = []Holidays{one}
		}
		for _, s := range sets {
			sources = append(sources, s)
		}
	}
	return New(loc, week, WithExceptions(sources...))
}

// decodeExceptions reads the "exceptions" list of a calendar document
// strictly, one entry at a time, so that an error names the entry by its
// path: exceptions[2].kind, exceptions[0].hours.
func decodeExceptions(b json.RawMessage) (Exceptions, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, &FieldError{Field: "exceptions", Value: clip(string(b)), Reason: "want a JSON array of exceptions"}
	}
	at := func(i int, err error) error {
		var se *SyntaxError
		if errors.As(err, &se) { // only spans are parsed with a column
			return &FieldError{Field: fmt.Sprintf("exceptions[%d].hours", i), Value: clip(se.Input), Reason: se.Reason}
		}
		var fe *FieldError
		if errors.As(jsonFieldError(err), &fe) {
			field := fe.Field
			switch field {
			case "exception kind":
				field = "kind"
			case "time of day":
				field = "closes_at"
			}
			return &FieldError{Field: fmt.Sprintf("exceptions[%d].%s", i, field), Value: fe.Value, Reason: fe.Reason}
		}
		return fmt.Errorf("calendar: exceptions[%d]: %w", i, err)
	}
	out := make(Exceptions, len(raw))
	for i, m := range raw {
		dec := json.NewDecoder(bytes.NewReader(m))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&out[i]); err != nil {
			return nil, at(i, err)
		}
		// The date package normalizes 2027-13-01 to 2028-01-01; a typo must
		// not become another date.
		var dates struct {
			Date   string `json:"date"`
			Actual string `json:"actual"`
		}
		_ = json.Unmarshal(m, &dates)
		if dates.Date != out[i].Date.String() {
			return nil, &FieldError{Field: fmt.Sprintf("exceptions[%d].date", i), Value: clip(dates.Date), Reason: "want a date such as 2026-12-25"}
		}
		if dates.Actual != "" && dates.Actual != out[i].Actual.String() {
			return nil, &FieldError{Field: fmt.Sprintf("exceptions[%d].actual", i), Value: clip(dates.Actual), Reason: "want a date such as 2026-12-25"}
		}
		if err := out[i].validate(); err != nil {
			return nil, at(i, err)
		}
	}
	return out, nil
}
