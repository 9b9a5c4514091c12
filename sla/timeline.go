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
	var moments []Moment
	folded := Clock{initial: c.initial, goal: c.initial}
	for _, e := range c.events[:n] {
		_ = folded.apply(e) // the events were validated when c was built
		st := folded.Status(e.At)
		moments = append(moments, Moment{At: e.At, What: e.Action.String(), Reason: e.Reason, Cycle: st.Cycle, Accrued: st.Accrued})
	}
	var marks []Moment
	for _, st := range c.Cycles(now) {
		for _, x := range st.Crossed {
			marks = append(marks, Moment{At: x.At, What: "threshold", Cycle: st.Cycle, Accrued: Goal{Duration: st.Goal}.amount(x.Threshold), Threshold: x.Threshold})
		}
		if !st.BreachedAt.IsZero() {
			marks = append(marks, Moment{At: st.BreachedAt, What: "breach", Cycle: st.Cycle, Accrued: st.BreachedGoal})
		}
	}
	// A threshold or breach reached at the instant of an event was reached
	// before the event took effect, so marks go first among equals.
	moments = append(marks, moments...)
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
