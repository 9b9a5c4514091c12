package sla

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/invalid"
)

// Moment is one line of a clock's timeline (it was named Step; the word is
// escalation's, for a level of a policy): what happened at an instant and
// the business time the cycle had accrued by then.
type Moment struct {
	At time.Time
	// What is the clock action's word ("start", "pause", ...) or
	// "threshold" or "breach" for the instants the clock reached them.
	What      string
	Reason    string
	Cycle     int
	Accrued   time.Duration
	Threshold float64 // for "threshold"
}

// Timeline explains the clock up to now, in order: every event with the
// accrued time of its cycle at that instant, and the instants thresholds
// and the breach were reached. It is what a host shows a customer who
// disputes a breach.
func (c Clock) Timeline(now time.Time) []Moment {
	n := eventsUpTo(c.events, now)
	cycles := c.Cycles(now)
	marks, runs := 0, 0
	for _, st := range cycles {
		marks += len(st.Crossed)
		if !st.BreachedAt.IsZero() {
			marks++
		}
	}
	for _, cy := range c.cycles {
		runs += len(cy.runs)
	}
	// A threshold or breach reached at the instant of an event was reached
	// before the event took effect, so marks go first among equals (the
	// sort below is stable).
	moments := make([]Moment, 0, marks+n)
	for _, st := range cycles {
		for _, x := range st.Crossed {
			moments = append(moments, Moment{At: x.At, What: "threshold", Cycle: st.Cycle, Accrued: Goal{Duration: st.Goal}.amount(x.Threshold), Threshold: x.Threshold})
		}
		if !st.BreachedAt.IsZero() {
			moments = append(moments, Moment{At: st.BreachedAt, What: "breach", Cycle: st.Cycle, Accrued: st.BreachedGoal})
		}
	}
	// The clock is folded again, event by event, with room for what c
	// holds, to read each cycle's accrued time at each event.
	folded := Clock{initial: c.initial, goal: c.initial, events: make([]ClockEvent, 0, n),
		cycles: make([]cycle, 0, len(c.cycles)), spare: make([]run, runs)}
	for _, e := range c.events[:n] {
		_ = folded.apply(e) // the events were validated when c was built
		m := Moment{At: e.At, What: e.Action.String(), Reason: e.Reason}
		if cy := folded.current(); cy != nil {
			m.Cycle, m.Accrued = cy.number, cy.accrued(e.At)
		}
		moments = append(moments, m)
	}
	slices.SortStableFunc(moments, func(a, b Moment) int { return a.At.Compare(b.At) })
	return moments
}

type momentJSON struct {
	At        time.Time         `json:"at"`
	What      string            `json:"what"`
	Reason    string            `json:"reason,omitempty"`
	Cycle     int               `json:"cycle"`
	Accrued   duration.Duration `json:"accrued"`
	Threshold float64           `json:"threshold,omitempty"`
}

// MarshalJSON implements json.Marshaler, with Accrued as a Go duration.
func (s Moment) MarshalJSON() ([]byte, error) {
	return json.Marshal(momentJSON{s.At, s.What, s.Reason, s.Cycle, duration.Duration(s.Accrued), s.Threshold})
}

// momentWords are the words of Moment.What: the clock actions' and the
// marks'.
var momentWords = invalid.Words{Type: "Moment.What", Words: append(slices.Clone(actionWords.Words[1:]), "threshold", "breach")}

// UnmarshalJSON implements json.Unmarshaler: it reads what MarshalJSON
// writes, losslessly, and strictly: an unknown key, a wrong type, a What
// that is no clock action's word nor "threshold" or "breach", or a
// malformed duration is a *FieldError naming the path and wrapping
// ErrInvalidResult.
func (s *Moment) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var j momentJSON
	if err := invalid.Decode(b, &j, ErrInvalidResult); err != nil {
		return err
	}
	if _, err := momentWords.Parse(j.What, ErrUnknownWord); err != nil {
		return invalid.At("what", err, ErrInvalidResult)
	}
	*s = Moment{j.At, j.What, j.Reason, j.Cycle, time.Duration(j.Accrued), j.Threshold}
	return nil
}
