package escalation

import (
	"encoding/json"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/go-itsm/itsm/internal/tzname"
	"github.com/rickb777/date/v2"
)

type layerJSON struct {
	Name         string             `json:"name"`
	Rank         Rank               `json:"rank,omitempty"`
	Location     string             `json:"location"`
	Start        date.Date          `json:"start"`
	Handoff      calendar.TimeOfDay `json:"handoff"`
	Turn         duration.Duration  `json:"turn"`
	Members      []string           `json:"members"`
	Restrictions string             `json:"restrictions,omitempty"`
	End          time.Time          `json:"end,omitzero"`
	Holidays     *calendar.Calendar `json:"holidays,omitempty"`
	OnHolidays   OnHolidays         `json:"on_holidays,omitempty"`
}

// MarshalJSON implements json.Marshaler: the location as its IANA name, the
// turn as a Go duration, the restrictions in calendar.Week text form:
//
//	{"name":"days","location":"Europe/Amsterdam","start":"2026-03-02",
//	 "handoff":"09:00","turn":"168h0m0s","members":["ana","ben"],
//	 "restrictions":"Mon-Fri 09:00-17:00"}
//
// It fails for a location that is not a loadable IANA name (time.Local, a
// time.FixedZone), which could not be read back.
func (l Layer) MarshalJSON() ([]byte, error) {
	name := ""
	if l.Location != nil {
		var err error
		if name, err = tzname.Of(l.Location); err != nil {
			return nil, &FieldError{Path: "location", Value: l.Location.String(), Reason: err.Error(), Err: ErrInvalidSchedule, Cause: err}
		}
	}
	return json.Marshal(layerJSON{l.Name, l.Rank, name, l.Start, l.Handoff, duration.Duration(l.Turn), l.Members, l.Restrictions.String(), l.End, l.Holidays, l.OnHolidays})
}

// UnmarshalJSON implements json.Unmarshaler; the turn may be a Go or an ISO
// 8601 duration ("P7D"). Decoding is strict (unknown keys, wrong types,
// unknown zones and ranks are errors naming the field); NewSchedule checks
// the values.
func (l *Layer) UnmarshalJSON(b []byte) error {
	var j layerJSON
	if err := invalid.Decode(b, &j, ErrInvalidSchedule); err != nil {
		return err
	}
	out := Layer{Name: j.Name, Rank: j.Rank, Start: j.Start, Handoff: j.Handoff, Turn: time.Duration(j.Turn), Members: j.Members}
	out.End, out.Holidays, out.OnHolidays = j.End, j.Holidays, j.OnHolidays
	if j.Location != "" {
		loc, err := tzname.Load(j.Location)
		if err != nil {
			return &FieldError{Path: "location", Value: j.Location, Reason: err.Error(), Err: ErrInvalidSchedule, Cause: err}
		}
		out.Location = loc
	}
	if j.Restrictions != "" {
		w, err := calendar.ParseWeek(j.Restrictions)
		if err != nil {
			return causeAt("restrictions", j.Restrictions, err, ErrInvalidSchedule)
		}
		out.Restrictions = w
	}
	*l = out
	return nil
}

// UnmarshalJSON implements json.Unmarshaler; decoding is strict.
func (o *Override) UnmarshalJSON(b []byte) error {
	type plain Override
	return invalid.Decode(b, (*plain)(o), ErrInvalidSchedule)
}

type scheduleJSON struct {
	Name      string     `json:"name"`
	Layers    []Layer    `json:"layers"`
	Overrides []Override `json:"overrides,omitempty"`
	Required  *[]Rank    `json:"required,omitempty"`
	// Precedence is WithPrecedence's rule; omitted for the default.
	Precedence Precedence `json:"precedence,omitempty"`
}

// scheduleWire is scheduleJSON as the strict decoder reads it, with the
// required ranks as raw words (see stepJSON).
type scheduleWire struct {
	Name       string             `json:"name"`
	Layers     []Layer            `json:"layers"`
	Overrides  []Override         `json:"overrides"`
	Required   *[]json.RawMessage `json:"required"`
	Precedence Precedence         `json:"precedence,omitempty"`
}

// MarshalJSON implements json.Marshaler: the schedule's definition, which
// UnmarshalJSON reads back.
func (s *Schedule) MarshalJSON() ([]byte, error) {
	if s == nil || s.name == "" {
		return []byte("null"), nil
	}
	req := s.Required()
	return json.Marshal(scheduleJSON{s.name, s.layers, s.overrides, &req, s.precedence})
}

// UnmarshalJSON implements json.Unmarshaler: it reads the document
// MarshalJSON writes and validates it as NewSchedule does ("required"
// defaults to the primary). Decoding is strict: errors are *FieldError
// values wrapping ErrInvalidSchedule whose path names the field
// ("layers[0].turn"). Use it only on a new Schedule (var s
// escalation.Schedule); it refuses one already built.
func (s *Schedule) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil // as encoding/json does for other types
	}
	if s.name != "" {
		return &FieldError{Value: s.name, Reason: "UnmarshalJSON needs a new Schedule, not one already built", Err: ErrInvalidSchedule}
	}
	var j scheduleWire
	if err := invalid.Decode(b, &j, ErrInvalidSchedule); err != nil {
		return err
	}
	opts := []ScheduleOption{WithOverrides(j.Overrides...)}
	if j.Required != nil {
		req, err := decodeWords[Rank](*j.Required, "required", ErrInvalidSchedule)
		if err != nil {
			return err
		}
		opts = append(opts, WithRequired(req...))
	}
	opts = append(opts, WithPrecedence(j.Precedence))
	built, err := NewSchedule(j.Name, j.Layers, opts...)
	if err != nil {
		return err
	}
	*s = *built
	return nil
}
