package sla

import (
	"slices"

	"github.com/go-itsm/itsm/incident"
)

// On names a happening in an incident's history that a clock rule reacts
// to. It is a lower-case word in JSON.
type On string

// The happenings a Condition can name.
const (
	// OnOpened: the open event.
	OnOpened On = "opened"
	// OnAssigned: for an OLA, the incident came to the policy's group
	// (or was opened with it); for an SLA, its first assignment.
	OnAssigned On = "assigned"
	// OnLeftGroup: an OLA's incident was reassigned away from its group.
	OnLeftGroup On = "left_group"
	// OnResponded: the first response to the caller.
	OnResponded On = "responded"
	// OnRestored: service first restored (workaround, or resolution).
	OnRestored On = "restored"
	// OnResolved, OnReopened, OnClosed, OnCancelled: the lifecycle
	// milestones of the same names.
	OnResolved  On = "resolved"
	OnReopened  On = "reopened"
	OnClosed    On = "closed"
	OnCancelled On = "cancelled"
	// OnHold: the incident went on hold for one of HoldReasons (any
	// reason if empty), from not being on hold for one of them.
	OnHold On = "hold"
	// OnUnhold: the reverse: it stopped being on hold for one of
	// HoldReasons (it resumed, was resolved or cancelled, or now waits for
	// a reason not listed).
	OnUnhold On = "unhold"
	// OnUpdatedCustomer: an agent's update visible to the customer.
	OnUpdatedCustomer On = "updated_customer"
	// OnCallerReplied: a comment from the caller.
	OnCallerReplied On = "caller_replied"
	// OnEntered and OnLeft: the incident entered, or left, State.
	OnEntered On = "entered"
	OnLeft    On = "left"
)

var knownOn = []On{OnOpened, OnAssigned, OnLeftGroup, OnResponded, OnRestored, OnResolved, OnReopened,
	OnClosed, OnCancelled, OnHold, OnUnhold, OnUpdatedCustomer, OnCallerReplied, OnEntered, OnLeft}

// Condition matches one kind of happening, narrowed by state or hold reason.
type Condition struct {
	On          On                    `json:"on"`
	State       incident.State        `json:"state,omitempty"`        // OnEntered, OnLeft
	HoldReasons []incident.HoldReason `json:"hold_reasons,omitempty"` // OnHold, OnUnhold
}

// Rules say which happenings start, pause, resume, stop, cancel and reset a
// metric's clock. When one event matches several, the clock takes them in
// the order start, resume, reset, pause, stop, cancel, all at the event's
// instant: resolving an incident that is on hold resumes and stops it, with
// no time accrued in between. A clock only starts, resumes or resets while
// the incident is open after the event (an update to the customer after the
// resolution opens no new gap), and one that starts or opens a cycle while
// the incident is on hold for a reason its pause conditions name starts
// paused.
type Rules struct {
	Start  []Condition `json:"start,omitempty"`
	Pause  []Condition `json:"pause,omitempty"`
	Resume []Condition `json:"resume,omitempty"`
	Stop   []Condition `json:"stop,omitempty"`
	Cancel []Condition `json:"cancel,omitempty"`
	Reset  []Condition `json:"reset,omitempty"`
}

func (r Rules) validate() *FieldError {
	for _, list := range [][]Condition{r.Start, r.Pause, r.Resume, r.Stop, r.Cancel, r.Reset} {
		for _, c := range list {
			if !slices.Contains(knownOn, c.On) {
				return &FieldError{Field: "on", Value: string(c.On), Reason: "unknown happening"}
			}
			if (c.On == OnEntered || c.On == OnLeft) && c.State == "" {
				return &FieldError{Field: "state", Value: "", Reason: string(c.On) + " needs a state"}
			}
		}
	}
	return nil
}

// DefaultRules returns the clock rules a metric has unless a policy gives
// its own, for the default incident lifecycle's happenings:
//
//	respond  start opened; stop responded, resolved; cancel cancelled
//	restore  start opened; pause hold; resume unhold; stop restored; cancel cancelled
//	resolve  start opened; pause hold; resume unhold; stop resolved; cancel cancelled
//	update   start opened; reset updated_customer, reopened; pause hold (awaiting_caller);
//	         resume unhold (awaiting_caller); stop resolved; cancel cancelled
//
// Reopening starts the stopped resolve clock again (Continue: the same
// cycle goes on) or resets it (NewCycle), as the policy's Reopen says. An OLA's resolve clock starts when the
// incident comes to the group and stops when it leaves it or is resolved;
// coming back continues it, so the cycle measures the group's total holding
// time. Metrics other than these, and OLA metrics other than resolve, have no
// defaults (ok is false).
func DefaultRules(kind Kind, m Metric, reopen ReopenMode) (rules Rules, ok bool) {
	var (
		hold     = []Condition{{On: OnHold}}
		unhold   = []Condition{{On: OnUnhold}}
		cancel   = []Condition{{On: OnCancelled}}
		reopened = []Condition{{On: OnReopened}}
	)
	if kind == OLA {
		if m != Resolve {
			return Rules{}, false
		}
		r := Rules{Start: []Condition{{On: OnAssigned}}, Pause: hold, Resume: unhold,
			Stop: []Condition{{On: OnLeftGroup}, {On: OnResolved}}, Cancel: cancel}
		r.addReopen(reopen)
		return r, true
	}
	switch m {
	case Respond:
		return Rules{Start: []Condition{{On: OnOpened}}, Stop: []Condition{{On: OnResponded}, {On: OnResolved}}, Cancel: cancel}, true
	case Restore, Resolve:
		stop := OnResolved
		if m == Restore {
			stop = OnRestored
		}
		r := Rules{Start: []Condition{{On: OnOpened}}, Pause: hold, Resume: unhold, Stop: []Condition{{On: stop}}, Cancel: cancel}
		if m == Resolve {
			r.addReopen(reopen)
		}
		return r, true
	case Update:
		caller := []incident.HoldReason{incident.AwaitingCaller}
		return Rules{
			Start:  []Condition{{On: OnOpened}},
			Reset:  append([]Condition{{On: OnUpdatedCustomer}}, reopened...),
			Pause:  []Condition{{On: OnHold, HoldReasons: caller}},
			Resume: []Condition{{On: OnUnhold, HoldReasons: caller}},
			Stop:   []Condition{{On: OnResolved}},
			Cancel: cancel,
		}, true
	}
	return Rules{}, false
}

func (r *Rules) addReopen(mode ReopenMode) {
	if mode == NewCycle {
		r.Reset = append(r.Reset, Condition{On: OnReopened})
	} else {
		r.Start = append(r.Start, Condition{On: OnReopened}) // Start continues a stopped cycle
	}
}

// rules returns the policy's rules for m: its own or the defaults.
func (p *Policy) rules(m Metric) (Rules, error) {
	if r, ok := p.Rules[m]; ok {
		return r, nil
	}
	if r, ok := DefaultRules(p.Kind, m, p.Reopen); ok {
		return r, nil
	}
	return Rules{}, &FieldError{Policy: p.Name, Field: "rules." + string(m), Reason: "metric has no default rules for a " + p.Kind.String() + "; give its rules"}
}

// happening is what one applied event did, as the rules see it.
type happening struct {
	event *incident.Event
	eff   *incident.Effects
}

func onHoldFor(s incident.Status, reasons []incident.HoldReason) bool {
	return s.Flags.Has(incident.FlagOnHold) && (len(reasons) == 0 || slices.Contains(reasons, s.HoldReason))
}

// matches reports whether c matches h; group is an OLA's group.
func (c *Condition) matches(h happening, group string) bool {
	eff := h.eff
	switch c.On {
	case OnOpened:
		return eff.Opened
	case OnAssigned:
		if group != "" {
			return eff.GroupTo == group && (eff.GroupChanged || eff.Opened)
		}
		return eff.FirstAssigned
	case OnLeftGroup:
		return group != "" && eff.GroupChanged && eff.GroupFrom == group
	case OnResponded:
		return eff.Responded
	case OnRestored:
		return eff.Restored
	case OnResolved:
		return eff.Resolved
	case OnReopened:
		return eff.Reopened
	case OnClosed:
		return eff.Closed
	case OnCancelled:
		return eff.Cancelled
	case OnHold:
		return !onHoldFor(eff.From, c.HoldReasons) && onHoldFor(eff.To, c.HoldReasons)
	case OnUnhold:
		return onHoldFor(eff.From, c.HoldReasons) && !onHoldFor(eff.To, c.HoldReasons)
	case OnUpdatedCustomer:
		return h.event.Type == incident.EventComment && !h.event.FromCaller && (h.event.CustomerVisible || h.event.FirstResponse)
	case OnCallerReplied:
		return eff.CustomerUpdated
	case OnEntered:
		return eff.StateChanged && eff.To.State == c.State && eff.From.State != c.State
	case OnLeft:
		return eff.StateChanged && eff.From.State == c.State && eff.To.State != c.State
	}
	return false
}

// pausedIn reports whether an incident in status st is in a state that one
// of the rules' hold conditions pauses for.
func (r *Rules) pausedIn(st incident.Status) bool {
	for _, c := range r.Pause {
		if c.On == OnHold && onHoldFor(st, c.HoldReasons) {
			return true
		}
	}
	return false
}

func anyMatch(list []Condition, h happening, group string) bool {
	for i := range list {
		if list[i].matches(h, group) {
			return true
		}
	}
	return false
}

// actions appends the clock actions h triggers, in the documented order.
// An OLA clock only starts or resumes while the incident is with its group.
func (r *Rules) actions(dst []ClockAction, h happening, group string) []ClockAction {
	// A clock only starts, resumes or resets while the incident is open
	// (not resolved, closed or cancelled), and an OLA's only while the
	// incident is with its group.
	live := h.eff.To.Flags.Has(incident.FlagOpen) && (group == "" || h.eff.GroupTo == group)
	n := len(dst)
	if live && anyMatch(r.Start, h, group) {
		dst = append(dst, Start)
	}
	if live && anyMatch(r.Resume, h, group) {
		dst = append(dst, Resume)
	}
	if live && anyMatch(r.Reset, h, group) {
		dst = append(dst, Reset)
	}
	// A clock that starts (or a cycle that opens) while the incident is
	// in a state that pauses it starts paused: an update to the customer
	// while waiting for the caller opens a gap that waits too.
	if anyMatch(r.Pause, h, group) || (len(dst) > n && r.pausedIn(h.eff.To)) {
		dst = append(dst, Pause)
	}
	if anyMatch(r.Stop, h, group) {
		dst = append(dst, Stop)
	}
	if anyMatch(r.Cancel, h, group) {
		dst = append(dst, Cancel)
	}
	return dst
}
