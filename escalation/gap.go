package escalation

import (
	"slices"
	"time"

	"github.com/go-itsm/itsm/incident"
)

// maxGapHops bounds the search for the end of an on-call gap: each hop is
// one handoff, restriction boundary, override edge or layer end, so a
// schedule that has nobody for longer than this many changes is reported
// as a gap without end.
const maxGapHops = 4096

// gapEnd returns the first instant after t at which the on_call target ct
// designates someone; ok is false when nobody comes on call within maxGapHops changes
// (the layers have ended, or the restrictions never open).
func (ct *compiledTarget) gapEnd(t time.Time) (time.Time, bool) {
	for range maxGapHops {
		n := ct.schedule.nextChange(ct.target.Rank, t)
		if n.IsZero() || !n.After(t) {
			return time.Time{}, false
		}
		if ct.who(n) != "" {
			return n, true
		}
		t = n
	}
	return time.Time{}, false
}

// onCallDue fills d's recipients for an on_call target ct of step c, due
// at due and sent at now, and says whether the task is due now. When
// nobody is on call now (an on-call gap) the task goes to the step's
// Fallback targets if it has any; otherwise it waits for the end of the
// gap, which becomes a wake-up (wake), and is due then. A gap without end
// leaves the task due with no recipients, so that the host can fall back.
// d.Gap reports the gap either way, also on the task sent once the gap is
// over. Repeat rounds that fall in the gap the previous round (due at
// before) waited out are merged into it: the end of a night's gap brings
// one page, not one per round. With a nil wake (a suppressed task) it only resolves recipients.
func (s *Set) onCallDue(d *Due, c *compiledStep, ct *compiledTarget, inc *incident.Incident, due, before, now time.Time, wake *time.Time) bool {
	r := ct.target.Rank
	if wake == nil { // reported, not sent: nothing to wait for
		d.Recipients = s.recipients(nil, ct, inc, now)
		return true
	}
	if p := ct.who(now); p != "" {
		d.Recipients = []Recipient{{RecipientPerson, p}}
		if due.Before(now) && ct.who(due) == "" { // it waited out a gap
			if !before.IsZero() && ct.who(before) == "" {
				if end, _ := ct.gapEnd(before); end.After(due) {
					return false // the previous round waited out the same gap: one task
				}
			}
			end, _ := ct.gapEnd(due)
			d.Gap = &Gap{Rank: r, Start: due, End: end}
		}
		return true
	}
	end, ends := ct.gapEnd(now)
	start := due
	if ct.who(due) != "" {
		start = now // the gap began after the due time; the host is late
	}
	d.Gap = &Gap{Rank: r, Start: start, End: end}
	if len(c.rules.fallback) > 0 {
		for i := range c.rules.fallback {
			d.Recipients = s.recipients(d.Recipients, &c.rules.fallback[i], inc, now)
		}
		d.Recipients, d.Fallback = dedupe(d.Recipients), true
		return true
	}
	if ends {
		if wake.IsZero() || end.Before(*wake) {
			*wake = end
		}
		return false
	}
	return true
}

// reassignWake sets wake to the end of the on-call gap that keeps a step's
// reassign to whoever is on call from being due (warranted found nobody),
// if the step has such a task.
func (cs *compiledStep) reassignWake(now time.Time, wake *time.Time) {
	if len(cs.targets) != 1 || cs.targets[0].target.Kind != TargetOnCall || !slices.Contains(cs.tasks, Reassign) {
		return
	}
	if end, ok := cs.targets[0].gapEnd(now); ok && (wake.IsZero() || end.Before(*wake)) {
		*wake = end
	}
}
