package escalation

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

// OutsideWindow says what a step does when its calendar window
// (Condition.Open, Condition.Closed) is shut at its due time.
type OutsideWindow string

const (
	// WaitForWindow, the default (also the empty value), defers the step
	// to the first instant at or after its due time at which the window
	// is open; that instant is the step's due time from then on and the
	// evaluation's Next while it lies ahead. Grafana OnCall users ask for
	// this ("the escalation never continued" when a time-range step
	// paused it: grafana/oncall #1206).
	WaitForWindow OutsideWindow = "wait"
	// SkipOutsideWindow drops the step (that round of it) when its window
	// is shut at the due time: "phone in business hours, otherwise page
	// on-call" as two steps with complementary windows that both skip, so
	// that exactly one of them fires.
	SkipOutsideWindow OutsideWindow = "skip"
)

// maxWindowHops bounds the search for an instant at which both an Open and
// a Closed window allow a step: each hop moves to the next opening of one
// calendar or the next closing of the other.
const maxWindowHops = 64

// stepRules are what a step's newer fields (OutsideWindow, Fallback,
// RoundRobin, BusinessTime) compile to; compiledStep carries them.
type stepRules struct {
	skip       bool               // OutsideWindow == skip
	fallback   []compiledTarget   // Step.Fallback
	roundRobin bool               // Step.RoundRobin
	business   *calendar.Calendar // Step.BusinessTime: After counts its open time
}

// windowed returns the instant at or after due at which the step's windows
// allow it: due itself when they are open then (or the step has none), the
// window's next opening when the step waits for it. ok is false when the
// step skips (SkipOutsideWindow) or its windows never open together.
func (cs *compiledStep) windowed(due time.Time) (time.Time, bool) {
	if cs.open == nil && cs.closed == nil {
		return due, true
	}
	allowed := func(t time.Time) bool {
		return (cs.open == nil || cs.open.IsOpen(t)) && (cs.closed == nil || !cs.closed.IsOpen(t))
	}
	if allowed(due) {
		return due, true
	}
	if cs.rules.skip {
		return time.Time{}, false
	}
	t := due
	for range maxWindowHops {
		var err error
		if cs.open != nil && !cs.open.IsOpen(t) {
			if t, err = cs.open.NextOpen(t); err != nil {
				return time.Time{}, false
			}
		}
		if cs.closed != nil && cs.closed.IsOpen(t) {
			if t, err = cs.closed.NextClose(t); err != nil {
				return time.Time{}, false
			}
		}
		if allowed(t) {
			return t.In(due.Location()), true
		}
	}
	return time.Time{}, false
}
