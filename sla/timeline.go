package sla

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/go-itsm/itsm/internal/duration"
)

// Step is one line of a clock's timeline: what happened at an instant and
// the business time the cycle had accrued by then.
type Step struct {
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
func (c Clock) Timeline(now time.Time) []Step {
	n := eventsUpTo(c.events, now)
	var steps []Step
	folded := Clock{initial: c.initial, goal: c.initial}
	for _, e := range c.events[:n] {
		_ = folded.apply(e) // the events were validated when c was built
		st := folded.Status(e.At)
		steps = append(steps, Step{At: e.At, What: e.Action.String(), Reason: e.Reason, Cycle: st.Cycle, Accrued: st.Accrued})
	}
	var marks []Step
	for _, st := range c.Cycles(now) {
		for _, x := range st.Crossed {
			marks = append(marks, Step{At: x.At, What: "threshold", Cycle: st.Cycle, Accrued: Goal{Duration: st.Goal}.amount(x.Threshold), Threshold: x.Threshold})
		}
		if !st.BreachedAt.IsZero() {
			marks = append(marks, Step{At: st.BreachedAt, What: "breach", Cycle: st.Cycle, Accrued: st.BreachedGoal})
		}
	}
	// A threshold or breach reached at the instant of an event was reached
	// before the event took effect, so marks go first among equals.
	steps = append(marks, steps...)
	slices.SortStableFunc(steps, func(a, b Step) int { return a.At.Compare(b.At) })
	return steps
}

type stepJSON struct {
	At        time.Time         `json:"at"`
	What      string            `json:"what"`
	Reason    string            `json:"reason,omitempty"`
	Cycle     int               `json:"cycle"`
	Accrued   duration.Duration `json:"accrued"`
	Threshold float64           `json:"threshold,omitempty"`
}

// MarshalJSON implements json.Marshaler, with Accrued as a Go duration.
func (s Step) MarshalJSON() ([]byte, error) {
	return json.Marshal(stepJSON{s.At, s.What, s.Reason, s.Cycle, duration.Duration(s.Accrued), s.Threshold})
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *Step) UnmarshalJSON(b []byte) error {
	var j stepJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = Step{j.At, j.What, j.Reason, j.Cycle, time.Duration(j.Accrued), j.Threshold}
	return nil
}
