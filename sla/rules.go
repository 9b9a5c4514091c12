package sla

import (
	"slices"
	"strconv"

	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/invalid"
)

// On names the kind of happening in an incident's history that sets a clock
// rule off: the word has this meaning in every package (escalation.On names
// what sets an escalation step off). It is a lower-case word in JSON.
type On string

// The kinds of happening a Happening can name.
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
	// OnBecomesTrue and OnBecomesFalse: the host predicate named by
	// Happening.Predicate (registered with WithPredicate) became true, or
	// false, on the incident as it stood after the event, having been the
	// other way after the event before (before the open event every
	// predicate is false, so one true at the opening becomes true then).
	// They are ServiceNow's conditions on any field: a location changed, a
	// custom field set.
	OnBecomesTrue  On = "becomes_true"
	OnBecomesFalse On = "becomes_false"
)

// onWords are the kinds of happening; On has no zero value ("" is no
// happening and does not parse).
var onWords = invalid.Words{Type: "On", Words: []string{
	string(OnOpened), string(OnAssigned), string(OnLeftGroup), string(OnResponded), string(OnRestored),
	string(OnResolved), string(OnReopened), string(OnClosed), string(OnCancelled), string(OnHold),
	string(OnUnhold), string(OnUpdatedCustomer), string(OnCallerReplied), string(OnEntered), string(OnLeft),
	string(OnBecomesTrue), string(OnBecomesFalse)}}

// UnmarshalText implements encoding.TextUnmarshaler: a word other than the
// constants' is an error wrapping ErrUnknownWord that lists them.
func (o *On) UnmarshalText(b []byte) error {
	if _, err := onWords.Parse(string(b), ErrUnknownWord); err != nil {
		return err
	}
	*o = On(b)
	return nil
}

// MarshalText implements encoding.TextMarshaler: an On that is not one of
// the constants is an error wrapping ErrUnknownWord.
func (o On) MarshalText() ([]byte, error) {
	if _, err := onWords.Parse(string(o), ErrUnknownWord); err != nil {
		return nil, err
	}
	return []byte(o), nil
}

// Happening matches one kind of happening, narrowed by state or hold
// reason: the condition of a clock rule. (It was named Condition; the word
// is escalation's, for when a step applies.)
//
// State, for OnEntered and OnLeft, must be a state of the set's lifecycle;
// HoldReasons, for OnHold and OnUnhold, hold reasons of the lifecycle;
// Predicate, for OnBecomesTrue and OnBecomesFalse, a predicate given to
// WithPredicate; neither is allowed with another kind of happening (NewSet
// checks).
type Happening struct {
	On          On                    `json:"on"`
	State       incident.State        `json:"state,omitempty"`        // OnEntered, OnLeft
	HoldReasons []incident.HoldReason `json:"hold_reasons,omitempty"` // OnHold, OnUnhold
	Predicate   string                `json:"predicate,omitempty"`    // OnBecomesTrue, OnBecomesFalse
	// pred is the predicate's bit in the set's predicate truths; set when
	// the rules are compiled.
	pred uint8
}

// UnmarshalJSON implements json.Unmarshaler. It is strict: an unknown key,
// a wrong type or an unknown On is a *FieldError naming the path and
// wrapping ErrInvalidPolicy.
func (h *Happening) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	type plain Happening
	var w plain
	if err := invalid.Decode(b, &w, ErrInvalidPolicy); err != nil {
		return err
	}
	*h = Happening(w)
	return nil
}

// Rules say which happenings start, pause, resume, stop, cancel and reset a
// metric's clock. When one event matches several, the clock takes them in
// the order start, open, resume, reset, pause, stop, cancel, all at the event's
// instant: resolving an incident that is on hold resumes and stops it, with
// no time accrued in between. A clock only starts, resumes or resets while
// the incident is open after the event (an update to the customer after the
// resolution opens no new gap), and one that starts or opens a cycle while
// the incident is on hold for a reason its pause conditions name starts
// paused.
type Rules struct {
	Start []Happening `json:"start,omitempty"`
	// Open opens a new cycle unless one is open (running or paused): after
	// a stopped or cancelled cycle it opens the next, where Start would
	// continue a stopped one, and it never closes an open cycle, where
	// Reset would. It measures each exchange from its first message, as
	// NextReply's default rules do.
	Open   []Happening `json:"open,omitempty"`
	Pause  []Happening `json:"pause,omitempty"`
	Resume []Happening `json:"resume,omitempty"`
	Stop   []Happening `json:"stop,omitempty"`
	Cancel []Happening `json:"cancel,omitempty"`
	Reset  []Happening `json:"reset,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler. It is strict: an unknown key
// ("pasue"), a wrong type or an unknown On is a *FieldError naming the path
// ("pause[0].on") and wrapping ErrInvalidPolicy.
func (r *Rules) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	type plain Rules
	var w plain
	if err := invalid.Decode(b, &w, ErrInvalidPolicy); err != nil {
		return err
	}
	*r = Rules(w)
	return nil
}

// validate checks every happening against the lifecycle; paths are
// relative to the rules ("pause[0].hold_reasons[1]").
func (r Rules) validate(refs *refs, kind Kind) error {
	lists := []struct {
		name string
		list []Happening
	}{{"start", r.Start}, {"open", r.Open}, {"pause", r.Pause}, {"resume", r.Resume}, {"stop", r.Stop}, {"cancel", r.Cancel}, {"reset", r.Reset}}
	for _, l := range lists {
		for i, c := range l.list {
			if err := c.validate(refs, kind); err != nil {
				return invalid.At(l.name+"["+strconv.Itoa(i)+"]", err, ErrInvalidPolicy)
			}
		}
	}
	return nil
}

// validate checks h against the lifecycle, for a policy of kind; paths are
// relative to h.
func (h Happening) validate(refs *refs, kind Kind) error {
	if h.On == "" {
		return policyError("on", "", "a happening needs its kind (one of: "+invalid.Names(onWords.Words)+")")
	}
	if _, err := onWords.Parse(string(h.On), ErrUnknownWord); err != nil {
		return invalid.At("on", err, ErrInvalidPolicy)
	}
	if h.On == OnLeftGroup && kind != OLA {
		return policyError("on", string(h.On), "only an OLA has a group to leave; an SLA's clock would never see it")
	}
	stated := h.On == OnEntered || h.On == OnLeft
	switch {
	case stated && h.State == "":
		return policyError("state", "", string(h.On)+" needs a state (known: "+names(refs.states)+")")
	case stated && !slices.Contains(refs.states, h.State):
		return policyError("state", string(h.State), "not a state of the lifecycle (known: "+names(refs.states)+")")
	case !stated && h.State != "":
		return policyError("state", string(h.State), "only entered and left name a state, not "+string(h.On))
	}
	predicated := h.On == OnBecomesTrue || h.On == OnBecomesFalse
	switch {
	case predicated && h.Predicate == "":
		return policyError("predicate", "", string(h.On)+" needs a predicate (known: "+names(refs.predicates)+")")
	case predicated && !slices.Contains(refs.predicates, h.Predicate):
		return policyError("predicate", h.Predicate, "no such predicate (known: "+names(refs.predicates)+"); register it with WithPredicate")
	case !predicated && h.Predicate != "":
		return policyError("predicate", h.Predicate, "only becomes_true and becomes_false name a predicate, not "+string(h.On))
	}
	held := h.On == OnHold || h.On == OnUnhold
	if !held && len(h.HoldReasons) > 0 {
		return policyError("hold_reasons", string(h.HoldReasons[0]), "only hold and unhold name hold reasons, not "+string(h.On))
	}
	for i, reason := range h.HoldReasons {
		path := "hold_reasons[" + strconv.Itoa(i) + "]"
		switch {
		case len(refs.holdReasons) > 0 && !slices.Contains(refs.holdReasons, reason):
			return policyError(path, string(reason), "not a hold reason of the lifecycle (known: "+names(sortedCopy(refs.holdReasons))+")")
		case len(refs.holdReasons) == 0 && !isWord(string(reason)):
			return policyError(path, string(reason), "a hold reason is a lower-case word (letters, digits, underscores)")
		case slices.Index(h.HoldReasons, reason) < i:
			return policyError(path, string(reason), "given twice")
		}
	}
	return nil
}

// isWord reports whether s is a lower-case word, as a lifecycle without a
// list of hold reasons requires of them.
func isWord(s string) bool {
	if s == "" || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

func sortedCopy[S ~string](list []S) []S { return slices.Sorted(slices.Values(list)) }

// DefaultRules returns the clock rules a metric has unless a policy gives
// its own, for the default incident lifecycle's happenings:
//
//	respond  start opened; stop responded, resolved; cancel cancelled
//	restore  start opened; pause hold; resume unhold; stop restored; cancel cancelled
//	resolve  start opened; pause hold; resume unhold; stop resolved; cancel cancelled
//	update   start opened; reset updated_customer, reopened; pause hold (awaiting_caller);
//	         resume unhold (awaiting_caller); stop resolved; cancel cancelled
//	next_reply  open caller_replied; stop updated_customer, resolved; cancel cancelled
//
// Reopening starts the stopped resolve clock again (Continue: the same
// cycle goes on) or resets it (NewCycle), as the policy's Reopen says. An OLA's resolve clock starts when the
// incident comes to the group and stops when it leaves it or is resolved;
// coming back continues it, so the cycle measures the group's total holding
// time. Metrics other than these, and OLA metrics other than resolve, have no
// defaults (ok is false).
func DefaultRules(kind Kind, m Metric, reopen ReopenMode) (rules Rules, ok bool) {
	var (
		hold     = []Happening{{On: OnHold}}
		unhold   = []Happening{{On: OnUnhold}}
		cancel   = []Happening{{On: OnCancelled}}
		reopened = []Happening{{On: OnReopened}}
	)
	if kind == OLA {
		if m != Resolve {
			return Rules{}, false
		}
		r := Rules{Start: []Happening{{On: OnAssigned}}, Pause: hold, Resume: unhold,
			Stop: []Happening{{On: OnLeftGroup}, {On: OnResolved}}, Cancel: cancel}
		r.addReopen(reopen)
		return r, true
	}
	switch m {
	case Respond:
		return Rules{Start: []Happening{{On: OnOpened}}, Stop: []Happening{{On: OnResponded}, {On: OnResolved}}, Cancel: cancel}, true
	case Restore, Resolve:
		stop := OnResolved
		if m == Restore {
			stop = OnRestored
		}
		r := Rules{Start: []Happening{{On: OnOpened}}, Pause: hold, Resume: unhold, Stop: []Happening{{On: stop}}, Cancel: cancel}
		if m == Resolve {
			r.addReopen(reopen)
		}
		return r, true
	case NextReply:
		return Rules{
			Open:   []Happening{{On: OnCallerReplied}},
			Stop:   []Happening{{On: OnUpdatedCustomer}, {On: OnResolved}},
			Cancel: cancel,
		}, true
	case Update:
		caller := []incident.HoldReason{incident.AwaitingCaller}
		return Rules{
			Start:  []Happening{{On: OnOpened}},
			Reset:  append([]Happening{{On: OnUpdatedCustomer}}, reopened...),
			Pause:  []Happening{{On: OnHold, HoldReasons: caller}},
			Resume: []Happening{{On: OnUnhold, HoldReasons: caller}},
			Stop:   []Happening{{On: OnResolved}},
			Cancel: cancel,
		}, true
	}
	return Rules{}, false
}

func (r *Rules) addReopen(mode ReopenMode) {
	if mode == NewCycle {
		r.Reset = append(r.Reset, Happening{On: OnReopened})
	} else {
		r.Start = append(r.Start, Happening{On: OnReopened}) // Start continues a stopped cycle
	}
}

// defaultMetrics are the metrics DefaultRules knows for kind.
func defaultMetrics(kind Kind) []Metric {
	if kind == OLA {
		return []Metric{Resolve}
	}
	return []Metric{Respond, Restore, Resolve, Update, NextReply}
}

// rules returns the policy's rules for m: its own or the defaults (ok is
// false when there are neither; NewSet refuses such a policy).
func (p *Policy) rules(m Metric) (r Rules, ok bool) {
	if r, ok := p.Rules[m]; ok {
		return r, true
	}
	return DefaultRules(p.Kind, m, p.Reopen)
}

// happening is what one applied event did, as the rules see it: the event,
// its effects, and the parameter-free happenings it is (bits).
type happening struct {
	event *incident.Event
	eff   *incident.Effects
	bits  happenings
	// truth and was are the predicates' values (bit i: the set's predicate
	// i) after this event and after the one before; zero when no selected
	// policy's rules name a predicate.
	truth, was uint64
}

// happenings is a set of the happenings that need no parameter to match
// (no state, hold reasons or group), computed once per event for every
// metric's rules.
type happenings uint32

const (
	hOpened happenings = 1 << iota
	hFirstAssigned
	hResponded
	hRestored
	hResolved
	hReopened
	hClosed
	hCancelled
	hHeld   // went on hold, for any reason
	hUnheld // stopped being on hold
	hUpdatedCustomer
	hCallerReplied
	// Not conditions of their own: what a condition with parameters needs
	// to be able to match (see needs).
	hStateChanged // a transition was taken, or the incident opened
	hGroupChanged
)

// happeningsOf returns the parameter-free happenings of an applied event.
func happeningsOf(eff *incident.Effects) happenings {
	var h happenings
	set := func(bit happenings, ok bool) {
		if ok {
			h |= bit
		}
	}
	set(hOpened, eff.Opened)
	set(hFirstAssigned, eff.FirstAssigned)
	set(hResponded, eff.Responded)
	set(hRestored, eff.Restored)
	set(hResolved, eff.Resolved)
	set(hReopened, eff.Reopened)
	set(hClosed, eff.Closed)
	set(hCancelled, eff.Cancelled)
	wasHeld, isHeld := eff.From.Flags.Has(incident.FlagOnHold), eff.To.Flags.Has(incident.FlagOnHold)
	set(hHeld, !wasHeld && isHeld)
	set(hUnheld, wasHeld && !isHeld)
	set(hUpdatedCustomer, eff.UpdatedCaller)
	set(hCallerReplied, eff.CallerReplied)
	set(hStateChanged, eff.StateChanged)
	set(hGroupChanged, eff.GroupChanged)
	return h
}

// bitOf returns the happening bit c matches by itself, for a policy with
// the given group ("" for an SLA); ok is false for a condition that needs
// its parameters checked on every event.
func (c *Happening) bitOf(group string) (bit happenings, ok bool) {
	switch c.On {
	case OnOpened:
		return hOpened, true
	case OnAssigned:
		return hFirstAssigned, group == ""
	case OnLeftGroup:
		return 0, group == "" // an SLA has no group to leave
	case OnResponded:
		return hResponded, true
	case OnRestored:
		return hRestored, true
	case OnResolved:
		return hResolved, true
	case OnReopened:
		return hReopened, true
	case OnClosed:
		return hClosed, true
	case OnCancelled:
		return hCancelled, true
	case OnHold:
		return hHeld, len(c.HoldReasons) == 0
	case OnUnhold:
		return hUnheld, len(c.HoldReasons) == 0
	case OnUpdatedCustomer:
		return hUpdatedCustomer, true
	case OnCallerReplied:
		return hCallerReplied, true
	}
	return 0, false
}

// needs returns the happenings without which c, a condition with
// parameters, cannot match (any of them may let it); ok is false for a
// predicate's condition, which any event may make match. A status, its
// hold reason included, changes only with a transition (or the open
// event), which sets StateChanged.
func (c *Happening) needs() (happenings, bool) {
	switch c.On {
	case OnAssigned:
		return hOpened | hGroupChanged, true
	case OnLeftGroup:
		return hGroupChanged, true
	case OnHold, OnUnhold, OnEntered, OnLeft:
		return hStateChanged, true
	}
	return 0, false
}

func onHoldFor(s incident.Status, reasons []incident.HoldReason) bool {
	return s.Flags.Has(incident.FlagOnHold) && (len(reasons) == 0 || slices.Contains(reasons, s.HoldReason))
}

// matches reports whether c, a condition with parameters (one bitOf
// cannot compile), matches h; group is the OLA's group.
func (c *Happening) matches(h happening, group string) bool {
	eff := h.eff
	switch c.On {
	case OnAssigned:
		return eff.GroupTo == group && (eff.GroupChanged || eff.Opened)
	case OnLeftGroup:
		return eff.GroupChanged && eff.GroupFrom == group
	case OnHold:
		return !onHoldFor(eff.From, c.HoldReasons) && onHoldFor(eff.To, c.HoldReasons)
	case OnUnhold:
		return onHoldFor(eff.From, c.HoldReasons) && !onHoldFor(eff.To, c.HoldReasons)
	case OnEntered:
		return eff.StateChanged && eff.To.State == c.State && eff.From.State != c.State
	case OnLeft:
		return eff.StateChanged && eff.From.State == c.State && eff.To.State != c.State
	case OnBecomesTrue:
		bit := uint64(1) << c.pred
		return h.was&bit == 0 && h.truth&bit != 0
	case OnBecomesFalse:
		bit := uint64(1) << c.pred
		return h.was&bit != 0 && h.truth&bit == 0
	}
	return false
}

// conditions is one compiled list of Rules: the parameter-free conditions
// as one set of bits, the others to check one by one.
type conditions struct {
	any  happenings
	rest []Happening
}

func compileConditions(list []Happening, group string, preds map[string]int) conditions {
	var cs conditions
	for _, c := range list {
		if bit, ok := c.bitOf(group); ok {
			cs.any |= bit
		} else {
			c.pred = uint8(preds[c.Predicate])
			cs.rest = append(cs.rest, c)
		}
	}
	return cs
}

func (cs *conditions) match(h happening, group string) bool {
	return cs.any&h.bits != 0 || (len(cs.rest) > 0 && cs.matchRest(h, group))
}

// matchRest is kept out of line so that match, the common case, inlines.
//
//go:noinline
func (cs *conditions) matchRest(h happening, group string) bool {
	for i := range cs.rest {
		if cs.rest[i].matches(h, group) {
			return true
		}
	}
	return false
}

// compiledRules are a metric's Rules for one policy, in the form a fold
// checks on every event.
type compiledRules struct {
	group string // the OLA's group; "" for an SLA
	// mayMatch is every happening that some condition may match: an event
	// with none of them takes no action, unless a condition names a
	// predicate (predicates), which any event may make true or false.
	mayMatch                                        happenings
	predicates                                      bool
	start, open, resume, reset, pause, stop, cancel conditions
	holds                                           []Happening // the OnHold pause conditions, for pausedIn
}

func (r Rules) compile(group string, preds map[string]int) compiledRules {
	c := compiledRules{group: group,
		start: compileConditions(r.Start, group, preds), open: compileConditions(r.Open, group, preds), resume: compileConditions(r.Resume, group, preds),
		reset: compileConditions(r.Reset, group, preds), pause: compileConditions(r.Pause, group, preds),
		stop: compileConditions(r.Stop, group, preds), cancel: compileConditions(r.Cancel, group, preds)}
	for _, list := range [][]Happening{r.Start, r.Open, r.Pause, r.Resume, r.Stop, r.Cancel, r.Reset} {
		for _, h := range list {
			if bit, ok := h.bitOf(group); ok {
				c.mayMatch |= bit
			} else if need, ok := h.needs(); ok {
				c.mayMatch |= need
			} else {
				c.predicates = true
			}
		}
	}
	for _, p := range r.Pause {
		if p.On == OnHold {
			c.holds = append(c.holds, p)
		}
	}
	return c
}

// openCycle is the action of an Open happening, which the fold turns into
// Start (no clock yet), Reset (the last cycle has ended) or nothing (a
// cycle is open); it never reaches a clock.
const openCycle ClockAction = 255

// pausedIn reports whether an incident in status st is in a state that one
// of the rules' hold conditions pauses for.
func (r *compiledRules) pausedIn(st incident.Status) bool {
	for _, c := range r.holds {
		if onHoldFor(st, c.HoldReasons) {
			return true
		}
	}
	return false
}

// actions appends the clock actions h triggers, in the documented order.
func (r *compiledRules) actions(dst []ClockAction, h happening) []ClockAction {
	if h.bits&r.mayMatch == 0 && !r.predicates {
		return dst // most events, for most metrics
	}
	// A clock only starts, resumes or resets while the incident is open
	// (not resolved, closed or cancelled), and an OLA's only while the
	// incident is with its group.
	live := h.eff.To.Flags.Has(incident.FlagOpen) && (r.group == "" || h.eff.GroupTo == r.group)
	n := len(dst)
	if live && r.start.match(h, r.group) {
		dst = append(dst, Start)
	}
	if live && r.open.match(h, r.group) {
		dst = append(dst, openCycle)
	}
	if live && r.resume.match(h, r.group) {
		dst = append(dst, Resume)
	}
	if live && r.reset.match(h, r.group) {
		dst = append(dst, Reset)
	}
	// A clock that starts (or a cycle that opens) while the incident is
	// in a state that pauses it starts paused: an update to the customer
	// while waiting for the caller opens a gap that waits too.
	if r.pause.match(h, r.group) || (len(dst) > n && r.pausedIn(h.eff.To)) {
		dst = append(dst, Pause)
	}
	if r.stop.match(h, r.group) {
		dst = append(dst, Stop)
	}
	if r.cancel.match(h, r.group) {
		dst = append(dst, Cancel)
	}
	return dst
}
