package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/go-itsm/itsm/internal/tzname"
)

// definitionJSON is the JSON document of a calendar. A plain calendar has a
// location, a week and optional holidays (one set of rules, or a list of
// sets) and explicit exceptions; a combined calendar has exactly one of
// union, intersection or difference, whose operands are calendar documents.
// The parts are raw so that each is read, strictly, with its own path.
type definitionJSON struct {
	Location     string            `json:"location,omitempty"`
	Week         *string           `json:"week,omitempty"`
	Holidays     json.RawMessage   `json:"holidays,omitempty"`
	Exceptions   []json.RawMessage `json:"exceptions,omitempty"`
	Union        []json.RawMessage `json:"union,omitempty"`
	Intersection []json.RawMessage `json:"intersection,omitempty"`
	Difference   []json.RawMessage `json:"difference,omitempty"`
}

// maxNesting bounds how deep combined calendars nest in a JSON document, so
// that a hostile document is refused before it costs time or stack.
const maxNesting = 32

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
		var operands []json.RawMessage
		for _, o := range c.combo.operands() {
			b, err := json.Marshal(o)
			if err != nil {
				return nil, err
			}
			operands = append(operands, b)
		}
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
		return nil, &FieldError{Path: "location", Value: name, Reason: err.Error(), Err: ErrInvalidCalendar, Cause: err}
	}
	d.Location = name
	week := c.weekDef.String()
	d.Week = &week
	var sets []Holidays
	var exceptions Exceptions
	for _, src := range c.sources {
		switch s := src.(type) {
		case Exceptions:
			exceptions = append(exceptions, s...)
		case Holidays:
			sets = append(sets, s)
		default:
			return nil, fieldError(ErrInvalidCalendar, "exceptions", fmt.Sprintf("%T", src), "this exception source cannot be written to JSON")
		}
	}
	for _, e := range exceptions {
		b, err := json.Marshal(e)
		if err != nil {
			return nil, err
		}
		d.Exceptions = append(d.Exceptions, b)
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
// MarshalJSON writes, strictly, and validates it as New does. Every error
// is a *FieldError wrapping ErrInvalidCalendar (and the sentinel of the part
// at fault: ErrInvalidWeek, ErrInvalidRule, ErrUnknownWord, ErrNoLocation,
// ErrNoWorkingTime) whose path names the field: "location", "week",
// "exceptions[1].hours[0]", "holidays[2].month", "union[1].week". An unknown
// or repeated key, a value of the wrong type, malformed JSON, a location
// that is not an IANA zone name and combinations nested more than 32 deep
// are errors. Use it only on a new Calendar (var c calendar.Calendar, or
// new(calendar.Calendar)); it refuses one already in use. As
// encoding/json's convention asks, null leaves c as it is.
func (c *Calendar) UnmarshalJSON(b []byte) error {
	if c.loc != nil || c.combo != nil {
		return fieldError(ErrInvalidCalendar, "", "", "UnmarshalJSON needs a new Calendar; this one is in use")
	}
	if isNull(b) {
		return nil
	}
	built, err := decodeCalendar(b, 0)
	if err != nil {
		return err
	}
	// A fresh value: a zero Calendar that was already asked something has
	// cached the tables of a calendar that is never open.
	*c = Calendar{loc: built.loc, weekDef: built.weekDef, week: built.week, sources: built.sources, combo: built.combo}
	return nil
}

// decodeCalendar reads a calendar document at the given depth of nesting.
func decodeCalendar(b []byte, depth int) (*Calendar, error) {
	var d definitionJSON
	if err := invalid.Decode(b, &d, ErrInvalidCalendar); err != nil {
		return nil, err
	}
	return d.build(depth)
}

func (d *definitionJSON) build(depth int) (*Calendar, error) {
	combo, err := d.combination()
	if err != nil {
		return nil, err
	}
	if combo != nil {
		return d.combined(combo, depth)
	}
	return d.plain()
}

// operands are the calendars of a combined definition, under its key.
type operands struct {
	key  string
	op   setOp
	list []json.RawMessage
}

// combination returns the operands of a combined definition (union,
// intersection or difference: one of them), or nil for a plain one.
func (d *definitionJSON) combination() (*operands, error) {
	var combo *operands
	for _, o := range []operands{{"union", union, d.Union}, {"intersection", intersection, d.Intersection}, {"difference", difference, d.Difference}} {
		if len(o.list) == 0 {
			continue // an empty list is as good as none (MarshalJSON omits it)
		}
		if combo != nil {
			return nil, fieldError(ErrInvalidCalendar, o.key, "", "a calendar is one of union, intersection or difference, not two of them")
		}
		combo = &o
	}
	return combo, nil
}

// combined builds a combined calendar, depth levels deep, from its
// operands, which carry the location, the week and the holidays.
func (d *definitionJSON) combined(combo *operands, depth int) (*Calendar, error) {
	for _, p := range [...]struct {
		given bool
		key   string
	}{{d.Location != "", "location"}, {d.Week != nil, "week"}, {d.Holidays != nil, "holidays"}, {d.Exceptions != nil, "exceptions"}} {
		if p.given {
			return nil, fieldError(ErrInvalidCalendar, p.key, "", "a combined calendar ("+combo.key+") has no "+p.key+" of its own; its operands do")
		}
	}
	if len(combo.list) < 2 {
		return nil, fieldError(ErrInvalidCalendar, combo.key, "", "combining needs at least two calendars")
	}
	if depth >= maxNesting {
		return nil, fieldError(ErrInvalidCalendar, combo.key, "", fmt.Sprintf("calendars nested more than %d deep", maxNesting))
	}
	cals := make([]*Calendar, len(combo.list))
	for i, raw := range combo.list {
		var err error
		if isNull(raw) {
			err = fieldError(ErrInvalidCalendar, "", "null", "want a calendar")
		} else {
			cals[i], err = decodeCalendar(raw, depth+1)
		}
		if err != nil {
			return nil, invalid.At(combo.key+"["+strconv.Itoa(i)+"]", err, ErrInvalidCalendar)
		}
	}
	return combine(combo.op, cals[0], cals[1:])
}

// plain builds a calendar from its location, week, exceptions and
// holidays.
func (d *definitionJSON) plain() (*Calendar, error) {
	if d.Location == "" {
		return nil, &FieldError{Path: "location", Reason: "missing; a calendar needs an IANA time zone name such as \"Europe/Amsterdam\" or \"UTC\"", Err: ErrInvalidCalendar, Cause: ErrNoLocation}
	}
	loc, err := tzname.Load(d.Location)
	if err != nil {
		reason := "not an IANA time zone name; want one such as \"Europe/Amsterdam\", \"America/New_York\" or \"UTC\""
		if errors.Is(err, tzname.ErrLocal) {
			reason = err.Error()
		}
		return nil, invalid.At("location", &FieldError{Value: d.Location, Reason: reason, Err: ErrUnknownName, Cause: err}, ErrInvalidCalendar)
	}
	var week Week
	if d.Week != nil {
		if week, err = ParseWeek(*d.Week); err != nil {
			return nil, invalid.At("week", err, ErrInvalidCalendar)
		}
	}
	sources, err := d.exceptionSources()
	if err != nil {
		return nil, err
	}
	return New(loc, week, WithExceptions(sources...))
}

// exceptionSources are the definition's exceptions, then its holiday sets.
func (d *definitionJSON) exceptionSources() ([]ExceptionSource, error) {
	var sources []ExceptionSource
	if d.Exceptions != nil {
		list := make(Exceptions, len(d.Exceptions))
		for i, raw := range d.Exceptions {
			var err error
			if isNull(raw) {
				err = fieldError(ErrInvalidCalendar, "", "null", "want an exception")
			} else {
				err = list[i].UnmarshalJSON(raw)
			}
			if err != nil {
				return nil, invalid.At("exceptions["+strconv.Itoa(i)+"]", err, ErrInvalidCalendar)
			}
		}
		sources = append(sources, list)
	}
	if d.Holidays != nil {
		sets, err := decodeHolidaySets(d.Holidays)
		if err != nil {
			return nil, invalid.At("holidays", err, ErrInvalidCalendar)
		}
		for _, s := range sets {
			sources = append(sources, s)
		}
	}
	return sources, nil
}

// decodeHolidaySets reads the "holidays" of a calendar document: one set
// (a list of rules) or a list of sets (a list of lists of rules).
func decodeHolidaySets(b json.RawMessage) ([]Holidays, error) {
	raw, err := decodeList(b, ErrInvalidRule, "a list of holiday rules, or a list of such lists")
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 || !bytes.HasPrefix(bytes.TrimSpace(raw[0]), []byte("[")) {
		var one Holidays
		if err := one.UnmarshalJSON(b); err != nil {
			return nil, err
		}
		return []Holidays{one}, nil
	}
	sets := make([]Holidays, len(raw))
	for i, m := range raw {
		var err error
		if isNull(m) {
			err = fieldError(ErrInvalidRule, "", "null", "want a list of holiday rules")
		} else {
			err = sets[i].UnmarshalJSON(m)
		}
		if err != nil {
			return nil, invalid.At("["+strconv.Itoa(i)+"]", err, ErrInvalidRule)
		}
	}
	return sets, nil
}

// decodeList reads a JSON list into its raw elements; anything else is a
// *FieldError wrapping sentinel that says what was wanted.
func decodeList(b []byte, sentinel error, want string) ([]json.RawMessage, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, &FieldError{Reason: "malformed JSON: " + strings.TrimPrefix(err.Error(), "json: "), Err: sentinel, Cause: err}
		}
		return nil, &FieldError{Value: string(bytes.TrimSpace(b)), Reason: "want " + want, Err: sentinel, Cause: err}
	}
	return raw, nil
}

// isNull reports whether b is the JSON null (or nothing, which is what
// invalid.Decode leaves of a null element of a list).
func isNull(b []byte) bool {
	t := bytes.TrimSpace(b)
	return len(t) == 0 || string(t) == "null"
}
