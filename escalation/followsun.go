package escalation

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/rickb777/date/v2"
)

// Precedence decides who is on call for a rank when several of its layers
// have someone at once (regional layers that overlap in a follow-the-sun
// schedule). Overrides always win over every layer.
type Precedence string

const (
	// LastLayer, the default (also the empty value): the last layer of the
	// rank, in the order given, that has someone. PagerDuty's layers and
	// Grafana OnCall's work this way: a higher layer covers the ones below.
	LastLayer Precedence = "last_layer"
	// FirstLayer: the first layer of the rank, in the order given, that
	// has someone.
	FirstLayer Precedence = "first_layer"
	// LatestStart: the layer whose current stretch on call (its turn,
	// within its restrictions) began last, ties going to the later layer.
	// In a follow-the-sun schedule the region that has just come on duty
	// takes over at once from the one whose day is ending.
	LatestStart Precedence = "latest_start"
)

// OnHolidays says what a layer does on the holidays of its Holidays
// calendar.
type OnHolidays string

const (
	// OffOnHolidays, the default (also the empty value): the layer has
	// nobody on the holidays (whole days the calendar is closed by an
	// exception): an office-hours layer that does not work on public
	// holidays, so that a lower layer or an after-hours layer covers them.
	OffOnHolidays OnHolidays = "off"
	// OnOnHolidays: the layer is on call all day on the holidays, whatever
	// its restrictions: the after-hours layer that covers them.
	OnOnHolidays OnHolidays = "on"
)

// WithPrecedence sets the rule that decides between overlapping layers of
// one rank; without it, LastLayer.
func WithPrecedence(p Precedence) ScheduleOption {
	return scheduleOption(func(s *Schedule) error {
		switch p {
		case "", LastLayer, FirstLayer, LatestStart:
			s.precedence = p
			return nil
		}
		return &FieldError{Path: "precedence", Value: string(p), Reason: `want "last_layer", "first_layer" or "latest_start", in schedule "` + s.name + `"`, Err: ErrInvalidSchedule}
	})
}

// Precedence returns the schedule's precedence rule.
func (s *Schedule) Precedence() Precedence {
	if s.precedence == "" {
		return LastLayer
	}
	return s.precedence
}

// compileLayerRules validates the layer fields compileLayer does not look at
// (End, Holidays, OnHolidays) and applies them to c.
func compileLayerRules(c *layer, l Layer, bad func(field, value, reason string) error) error {
	if !l.End.IsZero() {
		if l.End.Unix() <= c.start {
			return bad("end", l.End.Format(time.RFC3339), "a layer ends after its first handoff")
		}
		c.end = l.End.Unix()
	}
	switch l.OnHolidays {
	case "", OffOnHolidays, OnOnHolidays:
	default:
		return bad("on_holidays", string(l.OnHolidays), `want "off" or "on"`)
	}
	if l.Holidays == nil {
		if l.OnHolidays != "" {
			return bad("on_holidays", string(l.OnHolidays), "only a layer with a holidays calendar takes on_holidays")
		}
		return nil
	}
	week := l.Restrictions
	if week.IsEmpty() {
		week = calendar.MustParseWeek("Mon-Sun 00:00-24:00")
	}
	cal, err := calendar.New(l.Location, week, calendar.WithExceptions(holidaySource{l.Holidays, l.OnHolidays == OnOnHolidays}))
	if err != nil {
		return bad("holidays", "", err.Error())
	}
	c.restrict = cal
	return nil
}

// holidaySource lends a calendar's holidays (its whole-day closures) to a
// layer's restrictions: as closures (off) or as whole days on call (on).
type holidaySource struct {
	cal *calendar.Calendar
	on  bool
}

// ExceptionsIn implements calendar.ExceptionSource.
func (h holidaySource) ExceptionsIn(year int, _ calendar.Week) []calendar.Exception {
	var out []calendar.Exception
	for e := range h.cal.ExceptionsIn(date.New(year, time.January, 1), date.New(year+1, time.January, 1)) {
		if e.Kind != calendar.Closed {
			continue
		}
		n := calendar.Exception{Date: e.Date, Name: e.Name, Kind: calendar.Closed}
		if h.on {
			n.Kind, n.Hours = calendar.Override, []calendar.Span{{Start: 0, End: calendar.Clock(24, 0, 0)}}
		}
		out = append(out, n)
	}
	return out
}

// stretchStart returns the instant the layer's current stretch on call
// began, for an instant t (Unix u) at which it has someone: the later of
// its current turn's handoff and the opening of its restriction.
func (l *layer) stretchStart(t time.Time, u int64) int64 {
	start := max(l.handoff(l.turnAt(t, u)), l.start)
	if l.restrict != nil {
		if o, err := l.restrict.PrevOpen(t); err == nil {
			start = max(start, o.Unix())
		}
	}
	return start
}

// pickLayer returns who holds the rank among layers at t under the
// schedule's precedence, and the layer's index; "" and -2 for nobody.
func (s *Schedule) pickLayer(layers []layer, t time.Time) (string, int) {
	switch s.precedence {
	case FirstLayer:
		for i := range layers {
			if m, ok := layers[i].at(t); ok {
				return m, i
			}
		}
		return "", -2
	case LatestStart:
		who, src, best := "", -2, int64(0)
		u := t.Unix()
		for i := range layers {
			if m, ok := layers[i].at(t); ok {
				if st := layers[i].stretchStart(t, u); src < 0 || st >= best {
					who, src, best = m, i, st
				}
			}
		}
		return who, src
	}
	for i := len(layers) - 1; i >= 0; i-- {
		if m, ok := layers[i].at(t); ok {
			return m, i
		}
	}
	return "", -2
}
