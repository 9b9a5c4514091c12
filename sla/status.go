package sla

import (
	"encoding/json"
	"time"

	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/invalid"
)

// Status is a clock's cycle judged against its goal at an instant.
type Status struct {
	// State: pending, running, paused, met, breached or cancelled.
	State State
	// Stopped is set once the cycle has ended (met, breached after a stop,
	// cancelled); a breached clock that still runs has Stopped false.
	Stopped bool
	// Cycle is the 1-based cycle number; 0 while pending.
	Cycle int
	// Started is the cycle's start; Ended its stop, cancel or reset.
	Started, Ended time.Time
	// Goal is the cycle's goal duration.
	Goal time.Duration
	// Accrued is the business time accrued; Remaining is Goal - Accrued
	// (negative once over); Used is Accrued / Goal (1 at the deadline).
	Accrued   time.Duration
	Remaining time.Duration
	Used      float64
	// Deadline is the instant of breach if the clock keeps running: set
	// while running (in the past once breached), zero while pending, paused
	// or ended, or when the calendar has no business time left.
	Deadline time.Time
	// BreachedAt is the instant accrued time reached the goal, if it has;
	// BreachedGoal is the goal it broke: Goal, unless the goal was
	// retargeted after the breach (a breach that happened stays, see the
	// package doc).
	BreachedAt   time.Time
	BreachedGoal time.Duration
	// Crossed lists the thresholds reached, lowest first, with their
	// instants.
	Crossed []Crossing
}

// Crossing is a threshold reached at an instant.
type Crossing struct {
	Threshold float64   `json:"threshold"`
	At        time.Time `json:"at"`
}

// UnmarshalJSON implements json.Unmarshaler, strictly: errors are
// *FieldError values wrapping ErrInvalidResult.
func (c *Crossing) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	type plain Crossing
	var w plain
	if err := invalid.Decode(b, &w, ErrInvalidResult); err != nil {
		return err
	}
	*c = Crossing(w)
	return nil
}

// Breached reports whether the cycle is breached (running or not).
func (s Status) Breached() bool { return s.State == Breached }

// Status returns the current cycle judged at now. For now before the last
// event, it is the status the clock had at now, from the events up to now.
func (c Clock) Status(now time.Time) Status {
	if n := len(c.events); n > 0 && now.Before(c.events[n-1].At) {
		return c.asOf(now).Status(now)
	}
	if len(c.cycles) == 0 {
		return Status{State: Pending, Goal: c.goal.Duration, Remaining: c.goal.Duration}
	}
	return c.cycles[len(c.cycles)-1].status(now, nil)
}

// Cycles returns the status of every cycle at now, oldest first.
func (c Clock) Cycles(now time.Time) []Status {
	if n := len(c.events); n > 0 && now.Before(c.events[n-1].At) {
		return c.asOf(now).Cycles(now)
	}
	out := make([]Status, len(c.cycles))
	for i := range c.cycles {
		out[i] = c.cycles[i].status(now, nil)
	}
	return out
}

// asOf folds the events up to and including now.
func (c Clock) asOf(now time.Time) Clock {
	n := eventsUpTo(c.events, now)
	past, _ := NewClock(c.initial, c.events[:n]...)
	return past
}

// eventsUpTo returns how many events happened at or before now.
func eventsUpTo(events []ClockEvent, now time.Time) int {
	for i, e := range events {
		if e.At.After(now) {
			return i
		}
	}
	return len(events)
}

// status judges the cycle at now. Its crossings are appended to room,
// which may be nil; see Set.Evaluate.
func (cy *cycle) status(now time.Time, room []Crossing) Status {
	s := Status{Cycle: cy.number, Started: cy.started, Ended: cy.ended, Goal: cy.goal.Duration}
	s.Accrued = cy.accrued(now)
	s.Remaining = cy.goal.Duration - s.Accrued
	s.Used = float64(s.Accrued) / float64(cy.goal.Duration)
	// Accrual only grows, so a goal or threshold above the accrued time is
	// not reached by now: no need to ask the calendar when it will be,
	// unless the clock runs on and needs its deadline.
	var breach time.Time
	var reached bool
	if cy.phase == phaseRunning || s.Accrued >= cy.goal.Duration {
		breach, reached = cy.reachedAt(cy.goal.Duration)
	}
	switch cy.phase {
	case phaseRunning:
		s.State = Running
		if reached {
			s.Deadline = breach
		}
	case phasePaused:
		s.State = Paused
	case phaseStopped:
		s.State, s.Stopped = Met, true
	case phaseCancelled:
		s.State, s.Stopped = Cancelled, true
	}
	switch {
	case cy.phase == phaseCancelled:
	case !cy.broke.IsZero() && !cy.broke.After(now):
		// A breach of an earlier goal stands whatever followed.
		s.State, s.BreachedAt, s.BreachedGoal = Breached, cy.broke, cy.brokeGoal
	case cy.phase == phaseStopped:
		// Met when the clock stops with accrued time at or below the goal
		// (DESIGN.md): a stop at the deadline is met, and so is a stop after
		// a deadline that fell at closing time, since no more time accrued.
		if s.Accrued > cy.goal.Duration {
			s.State, s.BreachedAt, s.BreachedGoal = Breached, breach, cy.goal.Duration
		}
	case reached && !breach.After(now):
		s.State, s.BreachedAt, s.BreachedGoal = Breached, breach, cy.goal.Duration
	}
	for _, p := range cy.goal.Thresholds { // sorted when the goal entered the clock
		amount := cy.goal.amount(p)
		if s.Accrued < amount {
			break
		}
		at, ok := cy.reachedAt(amount)
		if !ok || at.After(now) || (!cy.ended.IsZero() && at.After(cy.ended)) {
			break
		}
		if s.Crossed == nil {
			s.Crossed = room[:0]
		}
		s.Crossed = append(s.Crossed, Crossing{Threshold: p, At: at})
	}
	return s
}

// NextChange returns the next instant after now at which the status changes
// by itself: a threshold is crossed or the goal is breached. ok is false
// while the clock is pending, paused or stopped, or once everything has
// happened. Hosts set one timer for it instead of polling.
func (c Clock) NextChange(now time.Time) (time.Time, bool) {
	if n := len(c.events); n > 0 && now.Before(c.events[n-1].At) {
		// Events after now are not "by itself"; the next one is a change
		// too, so report the earlier of the two.
		t, ok := c.asOf(now).NextChange(now)
		if next := c.events[eventsUpTo(c.events, now)].At; !ok || next.Before(t) {
			return next, true
		}
		return t, ok
	}
	if len(c.cycles) == 0 {
		return time.Time{}, false
	}
	cy := &c.cycles[len(c.cycles)-1]
	if cy.phase != phaseRunning {
		return time.Time{}, false
	}
	var best time.Time
	consider := func(amount time.Duration) {
		if at, ok := cy.reachedAt(amount); ok && at.After(now) && (best.IsZero() || at.Before(best)) {
			best = at
		}
	}
	for _, p := range cy.goal.Thresholds {
		consider(cy.goal.amount(p))
	}
	consider(cy.goal.Duration)
	return best, !best.IsZero()
}

// statusJSON is Status with durations as Go duration strings.
type statusJSON struct {
	State        State             `json:"state"`
	Stopped      bool              `json:"stopped,omitempty"`
	Cycle        int               `json:"cycle"`
	Started      time.Time         `json:"started,omitzero"`
	Ended        time.Time         `json:"ended,omitzero"`
	Goal         duration.Duration `json:"goal"`
	Accrued      duration.Duration `json:"accrued"`
	Remaining    duration.Duration `json:"remaining"`
	Used         float64           `json:"used"`
	Deadline     time.Time         `json:"deadline,omitzero"`
	BreachedAt   time.Time         `json:"breached_at,omitzero"`
	BreachedGoal duration.Duration `json:"breached_goal,omitzero"`
	Crossed      []Crossing        `json:"crossed,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (s Status) MarshalJSON() ([]byte, error) {
	return json.Marshal(statusJSON{
		State: s.State, Stopped: s.Stopped, Cycle: s.Cycle, Started: s.Started, Ended: s.Ended,
		Goal: duration.Duration(s.Goal), Accrued: duration.Duration(s.Accrued), Remaining: duration.Duration(s.Remaining),
		Used: s.Used, Deadline: s.Deadline, BreachedAt: s.BreachedAt, BreachedGoal: duration.Duration(s.BreachedGoal), Crossed: s.Crossed,
	})
}

// UnmarshalJSON implements json.Unmarshaler: it reads what MarshalJSON
// writes, losslessly, and strictly: an unknown key, a wrong type, an
// unknown state word or a malformed duration is a *FieldError naming the
// path and wrapping ErrInvalidResult (never ErrInvalidPolicy).
func (s *Status) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var j statusJSON
	if err := invalid.Decode(b, &j, ErrInvalidResult); err != nil {
		return err
	}
	*s = Status{
		State: j.State, Stopped: j.Stopped, Cycle: j.Cycle, Started: j.Started, Ended: j.Ended,
		Goal: time.Duration(j.Goal), Accrued: time.Duration(j.Accrued), Remaining: time.Duration(j.Remaining),
		Used: j.Used, Deadline: j.Deadline, BreachedAt: j.BreachedAt, BreachedGoal: time.Duration(j.BreachedGoal), Crossed: j.Crossed,
	}
	return nil
}

// ReachesAt returns the instant at which the current cycle's accrued time
// reaches fraction of its goal (0.75 for "75% used"; 1 is the breach),
// assuming a running clock keeps running: in the past if it already has,
// and ok false if it never will as things stand (paused or stopped below it,
// or pending). Escalations use it for percentage triggers that are not among
// the goal's thresholds.
func (c Clock) ReachesAt(fraction float64) (time.Time, bool) {
	if len(c.cycles) == 0 || !(fraction > 0) {
		return time.Time{}, false
	}
	cy := &c.cycles[len(c.cycles)-1]
	at, ok := cy.reachedAt(cy.goal.amount(fraction))
	if !ok || (!cy.ended.IsZero() && at.After(cy.ended)) {
		return time.Time{}, false
	}
	return at, true
}
