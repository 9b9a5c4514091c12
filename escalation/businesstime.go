package escalation

import "time"

// delayed returns the instant a step is due, given its trigger's anchor at:
// After past it in real elapsed time or, for a step with BusinessTime, in
// the open time of that calendar (an After of 4h from Friday 15:00 on a
// Mon-Fri 09:00-17:00 calendar is Monday 11:00). ok is false when the
// calendar has no open time left to reach it.
func (cs *compiledStep) delayed(at time.Time) (time.Time, bool) {
	after := cs.step.Trigger.After
	if cs.rules.business == nil {
		return at.Add(after), true
	}
	due, err := cs.rules.business.Add(at, after)
	if err != nil {
		return time.Time{}, false
	}
	return due.In(at.Location()), true
}
