package sla

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/invalid"
)

// Goal is what a clock measures against: a duration of business time on a
// calendar, and warning thresholds as fractions of it.
type Goal struct {
	// Duration is the business time allowed; it must be positive.
	Duration time.Duration
	// Calendar is the calendar on which time accrues; required.
	Calendar *calendar.Calendar
	// Thresholds are warning levels as fractions of Duration, each in
	// (0, 1]; e.g. 0.5, 0.75, 0.9. Order does not matter.
	Thresholds []float64
}

// validate checks g; paths are relative to the goal ("duration").
func (g Goal) validate() error {
	if g.Duration <= 0 {
		return &FieldError{Path: "duration", Value: g.Duration.String(), Reason: "must be positive", Err: ErrInvalidClock}
	}
	if g.Calendar == nil {
		return &FieldError{Path: "calendar", Reason: "a goal needs a calendar", Err: ErrInvalidClock}
	}
	return validThresholds("thresholds", g.Thresholds, ErrInvalidClock)
}

// sorted returns g with its thresholds in ascending order, as statuses
// report them; it copies them only when they are out of order.
func (g Goal) sorted() Goal {
	if !slices.IsSorted(g.Thresholds) {
		g.Thresholds = slices.Sorted(slices.Values(g.Thresholds))
	}
	return g
}

// amount is the accrued time at which fraction p of the goal is reached:
// the smallest whole nanosecond >= p x goal.
func (g Goal) amount(p float64) time.Duration {
	if p >= 1 {
		return g.Duration
	}
	return time.Duration(math.Ceil(p * float64(g.Duration)))
}

// ClockAction is what a ClockEvent does to a clock. It marshals as a word.
type ClockAction uint8

// The clock actions.
const (
	// Start starts the clock: a first cycle, or a new one after a
	// cancelled cycle; it continues a stopped cycle (a reopened incident
	// whose clock continues) and resumes a paused one.
	Start ClockAction = iota + 1
	// Pause stops accrual until Resume; the cycle stays open.
	Pause
	// Resume continues accrual of a paused cycle, and does nothing else: it
	// never revives a stopped or cancelled one.
	Resume
	// Stop ends accrual; the cycle's result is met or breached.
	Stop
	// Cancel ends the cycle without a result; compliance excludes it.
	Cancel
	// Reset closes the current cycle (with its result) and starts the next.
	Reset
	// Retarget changes the goal mid-flight (a priority or policy change).
	Retarget
)

// The zero ClockAction is no action: it marshals as "" and a clock refuses
// it.
var actionWords = invalid.Words{Type: "ClockAction", Words: []string{"", "start", "pause", "resume", "stop", "cancel", "reset", "retarget"}}

// String returns the action's word: "" for the zero value, ClockAction(n)
// for an unknown one.
func (a ClockAction) String() string { return actionWords.String(uint8(a)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an
// error wrapping ErrUnknownWord.
func (a ClockAction) MarshalText() ([]byte, error) {
	return actionWords.Marshal(uint8(a), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler; an unknown word is an
// error wrapping ErrUnknownWord.
func (a *ClockAction) UnmarshalText(b []byte) error {
	v, err := actionWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*a = ClockAction(v)
	return nil
}

// ClockEvent is one input of a clock's fold.
type ClockEvent struct {
	At     time.Time
	Action ClockAction
	// Retroactive makes a Retarget recompute the whole cycle on the new
	// goal's calendar, as if it had applied from the cycle's start; without
	// it, time accrued so far is kept and the new goal applies from At.
	Retroactive bool
	// KeepCalendars makes a Retroactive retarget keep each past run on the
	// calendar it accrued on and change only the goal: the retarget of a
	// clock whose calendar follows the assignment group (GroupCalendar),
	// where each assignment period keeps its group's calendar. A run
	// opened after the retarget runs on the new goal's calendar.
	KeepCalendars bool
	// Reason says why: a pause's hold reason, a cancellation's cause; it
	// appears in the timeline.
	Reason string
	// Goal is the new goal of a Retarget (required there, ignored
	// otherwise). It is read, never changed.
	Goal *Goal
}

// State is where a clock stands. It marshals as a word.
type State uint8

// The clock states.
const (
	// Pending: not started yet.
	Pending State = iota
	// Running: accruing (while the calendar is open) and within its goal.
	Running
	// Paused: not accruing, within its goal.
	Paused
	// Met: stopped with accrued time at or below the goal.
	Met
	// Breached: accrued time has reached the goal while running or paused,
	// or the clock stopped with accrued time above it. A breached clock may
	// still be running; Status.Stopped tells.
	Breached
	// Cancelled: ended without a result.
	Cancelled
)

var stateWords = invalid.Words{Type: "State", Words: []string{"pending", "running", "paused", "met", "breached", "cancelled"}}

// String returns the state's word (State(n) for an unknown value).
func (s State) String() string { return stateWords.String(uint8(s)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an
// error wrapping ErrUnknownWord.
func (s State) MarshalText() ([]byte, error) { return stateWords.Marshal(uint8(s), ErrUnknownWord) }

// UnmarshalText implements encoding.TextUnmarshaler; an unknown word is an
// error wrapping ErrUnknownWord.
func (s *State) UnmarshalText(b []byte) error {
	v, err := stateWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*s = State(v)
	return nil
}

// phase is the mechanical state of a cycle, before judging it against the
// goal.
type phase uint8

const (
	phaseRunning phase = iota
	phasePaused
	phaseStopped
	phaseCancelled
)

// run is a stretch during which the clock ran; accrued is its business time
// on cal for a closed run.
type run struct {
	from, to time.Time // to is zero while the run is open
	cal      *calendar.Calendar
	accrued  time.Duration
}

type cycle struct {
	number   int
	started  time.Time
	ended    time.Time // stop, cancel or reset instant; zero while open
	goal     Goal
	goalFrom time.Time // the goal applies from here (a breach is never earlier)
	// broke is a breach kept across a retarget that is not retroactive: the
	// instant an earlier goal (brokeGoal) was reached. Zero if none.
	broke     time.Time
	brokeGoal time.Duration
	phase     phase
	runs      []run
	closed    time.Duration // accrued over closed runs
}

// Clock is an SLA clock: the fold of ClockEvents over a goal. It keeps every
// cycle (a Reset starts a new one) with its result. A Clock is a value;
// Apply returns a new Clock and never changes its receiver, and Clocks are
// safe for concurrent reads. The zero Clock has no goal: NewClock is the way
// in.
//
// A Clock marshals to JSON as its goal and events (goal durations as Go
// durations, the calendar as its JSON definition); unmarshalling replays
// them.
type Clock struct {
	initial Goal // the goal NewClock was given
	goal    Goal // the goal for new cycles
	events  []ClockEvent
	cycles  []cycle
	spare   []run // room for the current cycle's runs (see sealRuns); never shared
}

// NewClock returns the clock of goal after events, which must be in
// non-decreasing order of At. An invalid goal is a *FieldError at
// "goal.duration", "goal.calendar" or "goal.thresholds[i]" wrapping
// ErrInvalidClock; an event out of order (ErrOutOfOrder), without its
// instant, with an unknown action or a retarget without a valid goal
// (ErrInvalidClock) is an *EventError.
func NewClock(goal Goal, events ...ClockEvent) (Clock, error) {
	if err := goal.validate(); err != nil {
		return Clock{}, invalid.At("goal", err, ErrInvalidClock)
	}
	goal = goal.sorted()
	c := Clock{initial: goal, goal: goal, events: make([]ClockEvent, 0, len(events))}
	for i, e := range events {
		if err := c.apply(e); err != nil {
			var ee *EventError
			if asEventError(err, &ee) {
				ee.Index = i
			}
			return Clock{}, err
		}
	}
	return c, nil
}

// Apply returns the clock after one more event. The receiver is unchanged.
func (c Clock) Apply(e ClockEvent) (Clock, error) {
	next := c.clone()
	if err := next.apply(e); err != nil {
		var ee *EventError
		if asEventError(err, &ee) {
			ee.Index = len(c.events)
		}
		return Clock{}, err
	}
	return next, nil
}

func (c Clock) clone() Clock {
	n := Clock{initial: c.initial, goal: c.goal, events: slices.Clone(c.events), cycles: slices.Clone(c.cycles)}
	for i := range n.cycles {
		n.cycles[i].runs = slices.Clone(n.cycles[i].runs)
	}
	return n
}

// Goal returns the goal new cycles start with: the latest retargeted one.
func (c Clock) Goal() Goal { return c.goal }

// Events returns the events the clock was folded from.
func (c Clock) Events() []ClockEvent { return slices.Clone(c.events) }

func (c *Clock) apply(e ClockEvent) error {
	if err := c.check(e); err != nil {
		return err
	}
	e.At = e.At.Round(0) // drop monotonic readings: values must compare and serialize exactly
	c.events = append(c.events, e)
	cur := c.current()
	switch e.Action {
	case Start:
		c.start(cur, e.At)
	case Resume:
		if cur != nil && cur.phase == phasePaused {
			cur.resume(e.At)
		}
	case Pause, Stop, Cancel:
		c.halt(cur, e)
	case Reset:
		c.reset(cur, e.At)
	case Retarget:
		c.retarget(cur, e)
	}
	return nil
}

// check refuses an event the clock cannot take: without its instant or
// action, earlier than the last one, or a retarget without a valid goal.
func (c *Clock) check(e ClockEvent) error {
	if e.At.IsZero() {
		return eventError(e, "an event needs its instant", nil)
	}
	if e.Action == 0 {
		return eventError(e, "an event needs its action", nil)
	}
	if e.Action > Retarget {
		return eventError(e, "unknown action", nil)
	}
	if n := len(c.events); n > 0 && e.At.Before(c.events[n-1].At) {
		return eventError(e, "before the previous event", ErrOutOfOrder)
	}
	if e.Action == Retarget {
		if e.Goal == nil {
			return eventError(e, "a retarget needs its goal", nil)
		}
		if err := e.Goal.validate(); err != nil {
			err = invalid.At("goal", err, ErrInvalidClock)
			return eventError(e, withoutPrefix(err), err)
		}
	}
	return nil
}

// start starts a cycle at t, continues a stopped one or resumes a paused
// one.
func (c *Clock) start(cur *cycle, t time.Time) {
	switch {
	case cur == nil || cur.phase == phaseCancelled:
		c.open(t) // a cancelled cycle has no result to continue
	case cur.phase == phaseStopped:
		cur.ended = time.Time{} // continue it
		cur.resume(t)
	case cur.phase == phasePaused:
		cur.resume(t)
	}
}

// resume sets the cycle running from t, on its goal's calendar.
func (cy *cycle) resume(t time.Time) {
	cy.phase = phaseRunning
	cy.runs = append(cy.runs, run{from: t, cal: cy.goal.Calendar})
}

// halt pauses, stops or cancels the current cycle (e's action); a cancel
// without a cycle records a cancelled one.
func (c *Clock) halt(cur *cycle, e ClockEvent) {
	if cur == nil {
		if e.Action == Cancel {
			c.open(e.At)
			cur = c.current()
			cur.closeRun(e.At)
			cur.phase, cur.ended = phaseCancelled, e.At
		}
		return
	}
	if cur.phase == phaseStopped || cur.phase == phaseCancelled {
		return
	}
	cur.closeRun(e.At)
	switch e.Action {
	case Pause:
		cur.phase = phasePaused
	case Stop:
		cur.phase, cur.ended = phaseStopped, e.At
	case Cancel:
		cur.phase, cur.ended = phaseCancelled, e.At
	}
}

// reset stops the current cycle at t and opens a new one, unless the
// cycle began at t.
func (c *Clock) reset(cur *cycle, t time.Time) {
	if cur != nil && cur.ended.IsZero() && cur.started.Equal(t) {
		return // redundant: the cycle began at this very instant
	}
	if cur != nil && cur.ended.IsZero() {
		cur.closeRun(t)
		cur.phase, cur.ended = phaseStopped, t
	}
	c.open(t)
}

// retarget gives new cycles e's goal and applies it to the current one:
// from the cycle's start if e is retroactive (the time accrued is
// recomputed), from e.At otherwise (a breach that already happened stays).
func (c *Clock) retarget(cur *cycle, e ClockEvent) {
	c.goal = e.Goal.sorted()
	// A retroactive retarget also re-judges a stopped cycle: a
	// correction of the record after the clock stopped.
	if cur == nil || cur.phase == phaseCancelled || (!cur.ended.IsZero() && !e.Retroactive) {
		return
	}
	if !e.Retroactive {
		cur.keepBreach(e.At)
	}
	old := cur.goal
	cur.goal = c.goal
	if e.Retroactive {
		cur.broke, cur.brokeGoal = time.Time{}, 0
		cur.goalFrom = cur.started
		cur.closed = 0
		for i := range cur.runs {
			r := &cur.runs[i]
			if !e.KeepCalendars {
				r.cal = e.Goal.Calendar
			}
			if !r.to.IsZero() {
				r.accrued = r.cal.Between(r.from, r.to)
				cur.closed += r.accrued
			}
		}
		return
	}
	// The new goal applies from the change; a retarget that keeps the goal
	// and its thresholds and changes only the calendar (a reassignment on
	// the group's calendar) leaves the instants already reached where they
	// were.
	if cur.goal.Duration != old.Duration || !slices.Equal(cur.goal.Thresholds, old.Thresholds) {
		cur.goalFrom = e.At
	}
	if cur.phase == phaseRunning {
		cur.closeRun(e.At)
		cur.runs = append(cur.runs, run{from: e.At, cal: e.Goal.Calendar})
	}
}

// keepBreach records, before the goal changes at t, a breach of the current
// goal that has already happened: a later goal never moves or erases it.
func (cy *cycle) keepBreach(t time.Time) {
	if !cy.broke.IsZero() || cy.accrued(t) < cy.goal.Duration {
		return
	}
	if at, ok := cy.reachedAt(cy.goal.Duration); ok && !at.After(t) {
		cy.broke, cy.brokeGoal = at, cy.goal.Duration
	}
}

func (c *Clock) current() *cycle {
	if len(c.cycles) == 0 {
		return nil
	}
	return &c.cycles[len(c.cycles)-1]
}

func (c *Clock) open(at time.Time) {
	c.sealRuns()
	c.cycles = append(c.cycles, cycle{
		number: len(c.cycles) + 1, started: at, goal: c.goal, goalFrom: at,
		phase: phaseRunning, runs: append(c.spare[:0], run{from: at, cal: c.goal.Calendar}),
	})
}

// sealRuns caps the current cycle's runs, so that the next cycle's runs
// never overwrite them, and gives the room they took from spare up. A
// cycle's runs grow in spare, the room an evaluation lends its clocks
// (see clockArena), until it has none left and append moves them out.
func (c *Clock) sealRuns() {
	cur := c.current()
	if cur == nil {
		return
	}
	k := len(cur.runs)
	if k > 0 && k <= len(c.spare) && &cur.runs[0] == &c.spare[0] {
		c.spare = c.spare[k:]
	}
	cur.runs = cur.runs[:k:k]
}

// closeRun ends the open run, if any, at t.
func (cy *cycle) closeRun(t time.Time) {
	if n := len(cy.runs); n > 0 && cy.runs[n-1].to.IsZero() {
		r := &cy.runs[n-1]
		r.to = t
		r.accrued = r.cal.Between(r.from, t)
		cy.closed += r.accrued
	}
}

// accrued returns the business time accrued by now (now at or after the
// cycle's last event).
func (cy *cycle) accrued(now time.Time) time.Duration {
	if n := len(cy.runs); n > 0 && cy.runs[n-1].to.IsZero() && now.After(cy.runs[n-1].from) {
		r := cy.runs[n-1]
		return cy.closed + r.cal.Between(r.from, now)
	}
	return cy.closed
}

// reachedAt returns the instant at which accrued time reaches amount,
// assuming an open run goes on: never before goalFrom. ok is false when it
// is not reached (the cycle is paused or ended below it, or the calendar has
// no more business time).
func (cy *cycle) reachedAt(amount time.Duration) (time.Time, bool) {
	var sum time.Duration
	for _, r := range cy.runs {
		if !r.to.IsZero() && sum+r.accrued < amount {
			sum += r.accrued
			continue
		}
		at, err := r.cal.Add(r.from, amount-sum)
		if err != nil {
			return time.Time{}, false
		}
		if at.Before(cy.goalFrom) {
			at = cy.goalFrom
		}
		return at, true
	}
	return time.Time{}, false
}

type goalJSON struct {
	Duration   duration.Duration  `json:"duration"`
	Calendar   *calendar.Calendar `json:"calendar"`
	Thresholds []float64          `json:"thresholds,omitempty"`
}

// MarshalJSON implements json.Marshaler: the duration as a Go duration, the
// calendar as its JSON definition.
func (g Goal) MarshalJSON() ([]byte, error) {
	return json.Marshal(goalJSON{duration.Duration(g.Duration), g.Calendar, g.Thresholds})
}

// UnmarshalJSON implements json.Unmarshaler; it accepts Go and ISO 8601
// durations. It is strict: an unknown key, a wrong type or a malformed
// duration or calendar is a *FieldError naming the path and wrapping
// ErrInvalidClock. It decodes only; NewClock validates.
func (g *Goal) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var j goalJSON
	if err := invalid.Decode(b, &j, ErrInvalidClock); err != nil {
		return err
	}
	*g = Goal{time.Duration(j.Duration), j.Calendar, j.Thresholds}
	return nil
}

type clockEventJSON struct {
	At            time.Time   `json:"at"`
	Action        ClockAction `json:"action"`
	Reason        string      `json:"reason,omitempty"`
	Goal          *Goal       `json:"goal,omitempty"`
	Retroactive   bool        `json:"retroactive,omitempty"`
	KeepCalendars bool        `json:"keep_calendars,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (e ClockEvent) MarshalJSON() ([]byte, error) {
	j := clockEventJSON{At: e.At, Action: e.Action, Reason: e.Reason, Retroactive: e.Retroactive, KeepCalendars: e.KeepCalendars}
	if e.Action == Retarget {
		j.Goal = e.Goal
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler. It is strict: an unknown key,
// a wrong type or an unknown action is a *FieldError naming the path and
// wrapping ErrInvalidClock (and ErrUnknownWord for the action). It decodes
// only; NewClock and Clock.Apply validate.
func (e *ClockEvent) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var j clockEventJSON
	if err := invalid.Decode(b, &j, ErrInvalidClock); err != nil {
		return err
	}
	*e = ClockEvent{At: j.At, Action: j.Action, Reason: j.Reason, Retroactive: j.Retroactive, KeepCalendars: j.KeepCalendars, Goal: j.Goal}
	return nil
}

type clockJSON struct {
	Goal   Goal         `json:"goal"`
	Events []ClockEvent `json:"events"`
}

// MarshalJSON implements json.Marshaler: the clock's initial goal and its
// events.
// The zero Clock (a metric that never started) marshals as null.
func (c Clock) MarshalJSON() ([]byte, error) {
	if c.initial.Calendar == nil {
		return []byte("null"), nil
	}
	return json.Marshal(clockJSON{c.initial, c.events})
}

// UnmarshalJSON implements json.Unmarshaler: it folds the events again, so
// a decoded clock is validated like one from NewClock; null is the zero
// Clock. Errors are *FieldError values naming the path ("goal.duration",
// "events[3].action", "events[3]" for an event that does not fold) and
// wrapping ErrInvalidClock (an event out of order: ErrOutOfOrder too).
func (c *Clock) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		*c = Clock{}
		return nil
	}
	var j clockJSON
	if err := invalid.Decode(b, &j, ErrInvalidClock); err != nil {
		return err
	}
	v, err := NewClock(j.Goal, j.Events...)
	var ee *EventError
	if errors.As(err, &ee) {
		// The event's position in the JSON, with the cause (ErrOutOfOrder)
		// for errors.Is.
		at := "events[" + strconv.Itoa(ee.Index) + "]"
		var goal *FieldError
		if errors.As(ee.Err, &goal) {
			return invalid.At(at, goal, ErrInvalidClock) // "events[2].goal.duration"
		}
		fe := &FieldError{Path: at, Value: ee.Event.Action.String(), Reason: ee.Reason, Err: ErrInvalidClock}
		if ee.Err != ErrInvalidClock {
			fe.Cause = ee.Err
		}
		return fe
	}
	if err != nil {
		return err
	}
	*c = v
	return nil
}
