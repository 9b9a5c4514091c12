package incident

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/go-itsm/itsm/internal/invalid"
)

// Incident is the state of an incident: the fold of its event history under
// a Lifecycle. Build one with Replay, or with Apply from the zero Incident
// (which has no state and accepts only an open event).
//
// An Incident is a value: Apply returns a new one and never changes its
// receiver. The history is kept in an immutable, unexported list that
// incidents derived from one another share safely (History returns a fresh
// copy), so Apply costs the same whatever the history's length. Treat the
// exported fields as read-only; an Incident changed by hand is no longer the
// fold of its history. Incidents are safe to read from any number of
// goroutines. Two incidents with equal fields and equal histories are
// reflect.DeepEqual, however they were built.
//
// The JSON form (snake_case keys, zero instants omitted, the history under
// "history") round-trips losslessly: instants keep their offset (the
// time.Location becomes a fixed zone, or UTC) and the monotonic clock reading
// is dropped.
type Incident struct {
	// ID is the host's identifier, from the open event.
	ID                string
	Title             string
	Service           string
	ConfigurationItem string
	Customer          string
	Category          string
	Caller            string
	// ParentID is the parent incident's ID, empty if none.
	ParentID string

	// Group is the assignment group, Assignee the person within it.
	Group    string
	Assignee string

	Impact   Impact
	Urgency  Urgency
	Priority Priority
	// PriorityBasis says where Priority comes from.
	PriorityBasis PriorityBasis
	// Major is set when the incident is declared major or a proposal is
	// accepted, and cleared only when that status is withdrawn.
	Major bool
	// MajorState is where the incident stands in the major-incident
	// workflow; MajorProposedBy and MajorProposedAt say who proposed it
	// and when (the latest proposal), MajorDecidedBy and MajorDecidedAt who
	// took the latest decision (declare, accept, reject, withdraw) and
	// when. The reasons are in the events (Chronicle.Majors).
	MajorState      MajorState
	MajorProposedBy string
	MajorProposedAt time.Time
	MajorDecidedBy  string
	MajorDecidedAt  time.Time

	// Problem, CausedBy, Change, KnownError and DuplicateOf are the IDs of
	// the records the incident relates to (see Relation and Related), set
	// by relate events.
	Problem     string
	CausedBy    string
	Change      string
	KnownError  string
	DuplicateOf string

	// Fields are the custom fields from the open and classify events; nil
	// if none. The map is shared by incidents derived from one another:
	// treat it as read-only.
	Fields map[string]string

	// State is the current state, Flags its flags in the lifecycle.
	State State
	Flags Flags
	// HoldReason is what the incident waits for while on hold; empty
	// otherwise.
	HoldReason HoldReason

	// ResolutionCode and ResolutionNote describe the current resolution;
	// they are cleared when the incident is reopened.
	ResolutionCode string
	ResolutionNote string
	// Fix says whether the current resolution is a workaround or a
	// permanent fix (zero if it did not say); cleared on reopen.
	Fix Fix
	// RootCause and Responsible are the post-incident review's findings;
	// cleared when the incident is reopened, since the review is of the
	// resolution.
	RootCause   string
	Responsible string

	// ReopenCount counts reopenings: transitions from a resolved state back
	// to an open one.
	ReopenCount int
	// ReassignmentCount counts changes of the assignment group from one
	// group to another (the first assignment is not a reassignment; a new
	// assignee in the same group is not either), as ServiceNow counts.
	ReassignmentCount int

	// Milestones, in the words the package doc defines. OpenedAt is the
	// open event's instant; FirstAssignedAt the first instant with a group
	// or assignee; AcknowledgedAt the first acknowledgement (an assignee or
	// the first response, whichever came first); FirstResponseAt the first
	// response; RestoredAt the first workaround, or the first resolution if
	// there was none; ResolvedAt the current resolution (cleared on
	// reopen); ClosedAt the instant a terminal state was entered (closed or
	// cancelled: see Flags); MajorAt the major declaration; EscalatedAt the
	// first hierarchical escalation; ReviewedAt the latest post-incident
	// review (cleared on reopen); UpdatedAt the last event.
	OpenedAt        time.Time
	FirstAssignedAt time.Time
	AcknowledgedAt  time.Time
	FirstResponseAt time.Time
	RestoredAt      time.Time
	ResolvedAt      time.Time
	ClosedAt        time.Time
	MajorAt         time.Time
	EscalatedAt     time.Time
	ReviewedAt      time.Time
	UpdatedAt       time.Time

	hist *Entry // the audit trail, newest first
}

// Entry is one event of an incident's history with the Effects it had when
// it was applied: the unit of a Chronicle. Entries are linked into the
// incident's history, newest first, and never changed once linked, so
// incidents derived from one another share their common past.
type Entry struct {
	Event   Event
	Effects Effects
	prev    *Entry
	n       int // entries up to and including this one
}

func (h *Entry) len() int {
	if h == nil {
		return 0
	}
	return h.n
}

// historyOf links events and their effects (none, or one per event) into a
// history, in one allocation.
func historyOf(events []Event, effects []Effects) *Entry {
	var h *Entry
	nodes := make([]Entry, len(events))
	for i, e := range events {
		nodes[i] = Entry{prev: h, n: i + 1, Event: e}
		if len(effects) == len(events) {
			nodes[i].Effects = effects[i]
		}
		h = &nodes[i]
	}
	return h
}

// History returns the full audit trail: every applied event, in order, as
// applied (instants without their monotonic clock reading). The slice is a
// fresh copy, nil for an incident not opened.
func (inc Incident) History() []Event {
	n := inc.hist.len()
	if n == 0 {
		return nil
	}
	out := make([]Event, n)
	for h := inc.hist; h != nil; h = h.prev {
		out[h.n-1] = h.Event
	}
	return out
}

// HistoryLen returns the number of events in the history.
func (inc Incident) HistoryLen() int { return inc.hist.len() }

// IsOpened reports whether the incident has been opened (its history is not
// empty).
func (inc Incident) IsOpened() bool { return inc.State != "" }

// Status is where an incident stands in its lifecycle: state, that state's
// flags and, while on hold, the hold reason.
type Status struct {
	State      State
	Flags      Flags
	HoldReason HoldReason
}

// Effects says what applying one event changed, so that other packages (SLA
// clocks, escalations, notifications) can fold over a history without
// re-deriving it. From and To and the other before/after pairs are always
// filled; the booleans say what happened.
type Effects struct {
	// From is the status before the event (zero for the open event), To
	// after it.
	From, To Status
	// StateChanged is set when a transition was taken, including one from
	// a state to itself (on hold for another reason), and for the open
	// event.
	StateChanged bool
	// Action is the action taken, if any; Triggered says it was taken by a
	// trigger (assignment, caller reply) rather than a transition event.
	Action    Action
	Triggered bool

	// PriorityFrom and PriorityTo are the priorities before and after;
	// PriorityChanged says they differ; Basis is where PriorityTo comes
	// from.
	PriorityFrom, PriorityTo Priority
	PriorityChanged          bool
	Basis                    PriorityBasis

	// GroupFrom and GroupTo are the assignment groups before and after.
	// GroupChanged says they differ; Reassigned that the group changed from
	// one group to another (counted in ReassignmentCount); FirstAssigned that
	// the incident got its first group or assignee (FirstAssignedAt);
	// AssigneeChanged that the assignee differs.
	GroupFrom, GroupTo string
	GroupChanged       bool
	Reassigned         bool
	FirstAssigned      bool
	// AssigneeFrom and AssigneeTo are the assignees before and after;
	// AssigneeChanged says they differ.
	AssigneeFrom, AssigneeTo string
	AssigneeChanged          bool

	// Milestones and notable facts.
	Opened        bool // the open event
	Responded     bool // first response (FirstResponseAt set)
	Acknowledged  bool // first acknowledgement (AcknowledgedAt set)
	Escalated     bool // a hierarchical escalation: declared major, or priority raised after opening
	Restored      bool // service first restored (RestoredAt set)
	Resolved      bool // entered a resolved state from an open one
	Reopened      bool // left a resolved state for an open one
	Closed        bool // entered a resolved terminal state
	Cancelled     bool // entered a terminal state that is not resolved
	CallerReplied bool // a comment from the caller
	UpdatedCaller bool // an agent's comment the caller sees (customer-visible or a first response)
	MajorDeclared bool // declared major
	Reviewed      bool // post-incident review recorded
	Reclassified  bool // impact or urgency changed by a classify event
	ParentChanged bool // ParentID changed
	Related       bool // a relation (problem, change, known error, duplicate) changed
	FieldsChanged bool // a custom field was set, changed or removed
	// MajorFrom and MajorTo are the major-incident workflow's state before
	// and after (equal for events other than major); MajorWithdrawn says an
	// accepted major incident became an ordinary one.
	MajorFrom, MajorTo MajorState
	MajorWithdrawn     bool
}

// Entered reports whether the event moved the incident into a state with
// flag f from one without it.
func (e Effects) Entered(f Flags) bool {
	return e.StateChanged && e.To.Flags.Has(f) && !e.From.Flags.Has(f)
}

// Left reports whether the event moved the incident out of a state with flag
// f into one without it.
func (e Effects) Left(f Flags) bool {
	return e.StateChanged && e.From.Flags.Has(f) && !e.To.Flags.Has(f)
}

// Apply validates e against lc in the incident's current state and returns
// the incident after it and what it changed. It is transactional: on error
// it returns the zero Incident and zero Effects, and the receiver is never
// modified. Its cost does not depend on the length of the history.
//
// Errors (all wrap a sentinel; see the package doc for the rules):
// ErrNoLifecycle; a *FieldError wrapping ErrInvalidEvent for a malformed event
// or ErrOutOfOrder for one earlier than UpdatedAt; a *TransitionError wrapping
// ErrNotAllowed or ErrGuard when the state or a guard forbids it.
func (inc Incident) Apply(lc *Lifecycle, e Event) (Incident, Effects, error) {
	// The entry is the event's one copy: apply normalizes it and fills the
	// effects in place (an error leaves it to the garbage collector).
	en := &Entry{Event: e}
	if _, err := inc.apply(lc, nil, &en.Event, &en.Effects); err != nil {
		return Incident{}, Effects{}, err
	}
	en.prev, en.n = inc.hist, inc.hist.len()+1
	inc.hist = en
	return inc, en.Effects, nil
}

// apply applies e to n in place, without touching the history, and fills
// eff. It validates everything before it changes anything, so on error n is
// unchanged. e is normalized in place (monotonic reading dropped). node is
// n's state in lc if the caller knows it (nil otherwise); apply returns
// the state n is in after e, for the next call of a fold.
func (n *Incident) apply(lc *Lifecycle, node *stateNode, e *Event, eff *Effects) (*stateNode, error) {
	if !lc.built() {
		return nil, ErrNoLifecycle
	}
	if err := e.validateShape(lc.matrix); err != nil {
		return nil, err
	}
	e.At = e.At.Round(0)
	if len(e.Fields) != 0 {
		e.Fields = maps.Clone(e.Fields) // the caller's map is not retained
	} else {
		e.Fields = nil
	}
	if n.State == "" { // not opened (IsOpened, without copying n)
		if e.Type != EventOpen {
			return nil, &TransitionError{Type: e.Type, Reason: "the incident is not opened yet", Err: ErrNotAllowed}
		}
		return n.open(lc, e, eff), nil
	}
	if e.At.Before(n.UpdatedAt) {
		return nil, &FieldError{Path: "at", Value: e.At.Format(time.RFC3339Nano),
			Reason: "is before the previous event at " + n.UpdatedAt.Format(time.RFC3339Nano), Err: ErrOutOfOrder}
	}
	if node == nil || node.name != n.State {
		node = lc.node(n.State)
	}
	if node == nil {
		return nil, &TransitionError{From: n.State, Type: e.Type, Action: e.Action,
			Reason: "the state is not a state of this lifecycle", Err: ErrNotAllowed}
	}
	t, err := n.admit(lc, node, e)
	if err != nil {
		return nil, err
	}
	return n.change(lc, node, t, e, eff), nil
}

// admit checks that e may be applied to n, in state node: everything that
// can refuse an event, so that nothing can fail once n starts to change.
// It changes nothing, and returns the transition a transition event takes
// (nil for other events).
func (n *Incident) admit(lc *Lifecycle, node *stateNode, e *Event) (*transitionNode, error) {
	notAllowed := func(reason string) error {
		return &TransitionError{From: n.State, Type: e.Type, Action: e.Action, Reason: reason, Err: ErrNotAllowed}
	}
	if e.Type == EventOpen {
		return nil, notAllowed("the incident is already opened")
	}
	if node.flags.Has(FlagTerminal) {
		return nil, notAllowed("the incident is " + string(n.State) + ": a terminal state accepts no event")
	}
	isOpen := node.flags.Has(FlagOpen)
	switch e.Type {
	case EventTransition:
		t := node.transition(e.Action)
		if t == nil {
			return nil, notAllowed("no such action from this state (allowed: " + joinActions(node) + ")")
		}
		if err := n.check(lc, node, t, e, false); err != nil {
			return nil, err
		}
		return t, nil
	case EventAssign:
		if !isOpen {
			return nil, notAllowed("only an open incident can be assigned")
		}
	case EventPrioritize:
		if n.Major {
			return nil, notAllowed("a major incident keeps the top priority")
		}
	case EventWorkaround:
		if !isOpen {
			return nil, notAllowed("a workaround applies to an open incident")
		}
	case EventMajor:
		if reason := n.checkMajor(lc, node.flags, e); reason != "" {
			return nil, notAllowed(reason)
		}
	case EventReview:
		if !node.flags.Has(FlagResolved) && !(isOpen && n.Major) {
			return nil, notAllowed("the post-incident review is recorded after resolution (or, for a major incident, before it is cancelled)")
		}
	case EventLink:
		if e.ParentID != "" && e.ParentID == n.ID {
			return nil, eventField("parent_id", e.ParentID, "an incident cannot be its own parent")
		}
	case EventRelate:
		if e.Relation == RelatedDuplicateOf && e.RelatedID == n.ID {
			return nil, eventField("related_id", e.RelatedID, "an incident cannot duplicate itself")
		}
	case EventClassify:
		if merged, _ := mergeFields(n.Fields, e.Fields); len(merged) > MaxFields {
			return nil, eventField("fields", strconv.Itoa(len(merged))+" fields", "an incident keeps at most "+strconv.Itoa(MaxFields)+" custom fields")
		}
	}
	return nil, nil
}

// change applies e, which admit accepted, to n in state node (a
// transition event takes t), fills eff and returns the state n is in after
// e.
func (n *Incident) change(lc *Lifecycle, node *stateNode, t *transitionNode, e *Event, eff *Effects) *stateNode {
	before := Status{n.State, n.Flags, n.HoldReason}
	priority, group, assignee := n.Priority, n.Group, n.Assignee
	n.UpdatedAt = e.At
	after := node
	switch e.Type {
	case EventTransition:
		n.take(node, t, e, eff, false)
		after = t.to
	case EventAssign:
		n.assign(e.Group, e.Assignee, e.At, eff)
		if to := n.fire(lc, node, TriggerAssigned, e, eff); to != nil {
			after = to
		}
	case EventClassify:
		n.classify(lc, e, eff)
	case EventPrioritize:
		n.Priority, n.PriorityBasis = e.Priority, PriorityByOverride
		if n.Priority < priority {
			n.escalate(e.At, eff)
		}
	case EventComment:
		if e.FromCaller {
			eff.CallerReplied = true
			if to := n.fire(lc, node, TriggerCallerReply, e, eff); to != nil {
				after = to
			}
		} else if e.CustomerVisible || e.FirstResponse {
			eff.UpdatedCaller = true
			if n.FirstResponseAt.IsZero() {
				n.FirstResponseAt = e.At
				eff.Responded = true
				n.acknowledge(e.At, eff)
			}
		}
	case EventWorkaround:
		if n.RestoredAt.IsZero() {
			n.RestoredAt = e.At
			eff.Restored = true
		}
	case EventMajor:
		n.major(lc, e, eff)
	case EventRelate:
		eff.Related = n.Related(e.Relation) != e.RelatedID
		n.relate(e.Relation, e.RelatedID)
	case EventReview:
		n.RootCause, n.Responsible, n.ReviewedAt = e.RootCause, e.Responsible, e.At
		eff.Reviewed = true
	case EventLink:
		eff.ParentChanged = n.ParentID != e.ParentID
		n.ParentID = e.ParentID
	}
	if e.Type == EventClassify && n.Priority < priority {
		n.escalate(e.At, eff)
	}
	if e.Type != EventMajor {
		eff.MajorFrom, eff.MajorTo = n.MajorState, n.MajorState
	}
	eff.From = before
	eff.To = Status{n.State, n.Flags, n.HoldReason}
	eff.PriorityFrom, eff.PriorityTo, eff.Basis = priority, n.Priority, n.PriorityBasis
	eff.PriorityChanged = priority != n.Priority
	eff.GroupFrom, eff.GroupTo = group, n.Group
	eff.AssigneeFrom, eff.AssigneeTo = assignee, n.Assignee
	return after
}

// acknowledge records the first acknowledgement at t.
func (n *Incident) acknowledge(t time.Time, eff *Effects) {
	if n.AcknowledgedAt.IsZero() {
		n.AcknowledgedAt = t
		eff.Acknowledged = true
	}
}

// escalate marks a hierarchical escalation at t.
func (n *Incident) escalate(t time.Time, eff *Effects) {
	eff.Escalated = true
	if n.EscalatedAt.IsZero() {
		n.EscalatedAt = t
	}
}

// open applies an open event (already validated) to the zero incident n
// and returns the state n is in.
func (n *Incident) open(lc *Lifecycle, e *Event, eff *Effects) *stateNode {
	// Field by field on the cleared incident: a composite literal would be
	// built aside and copied.
	hist := n.hist
	*n = Incident{}
	n.hist = hist
	n.ID, n.Title, n.Service, n.ConfigurationItem = e.ID, e.Title, e.Service, e.ConfigurationItem
	n.Customer, n.Category, n.Caller, n.ParentID = e.Customer, e.Category, e.Caller, e.ParentID
	n.Impact, n.Urgency = e.Impact, e.Urgency
	n.Fields = e.Fields // the event's own copy (see apply)
	n.State, n.Flags = lc.initial.name, lc.initial.flags
	n.OpenedAt, n.UpdatedAt = e.At, e.At
	if n.Impact == 0 {
		n.Impact = Impact(lc.matrix.Impacts())
	}
	if n.Urgency == 0 {
		n.Urgency = Urgency(lc.matrix.Urgencies())
	}
	if e.CustomerDeclared && n.Impact == 1 {
		n.Priority, n.PriorityBasis = TopPriority, PriorityByCustomer
	} else {
		n.Priority, _ = lc.matrix.Priority(n.Impact, n.Urgency) // levels validated by validateShape
		n.PriorityBasis = PriorityByMatrix
	}
	eff.Opened, eff.StateChanged = true, true
	eff.FieldsChanged = len(n.Fields) != 0
	node := lc.initial
	if e.Group != "" || e.Assignee != "" {
		n.assign(e.Group, e.Assignee, e.At, eff)
		if to := n.fire(lc, lc.initial, TriggerAssigned, e, eff); to != nil {
			node = to
		}
	}
	eff.To = Status{n.State, n.Flags, n.HoldReason}
	eff.PriorityTo, eff.Basis = n.Priority, n.PriorityBasis
	eff.PriorityChanged = true
	eff.GroupTo, eff.AssigneeTo = n.Group, n.Assignee
	return node
}

// check runs t's guards and, for a transition event, the payload rules
// that depend on the transition (hold reason, resolution code). It changes
// nothing.
func (n *Incident) check(lc *Lifecycle, node *stateNode, t *transitionNode, e *Event, triggered bool) error {
	for _, g := range t.guards {
		var reason string
		if g.builtin != 0 {
			reason = g.builtin.check(n, e, lc.window)
		} else {
			reason = g.fn(*n, *e)
		}
		if reason != "" {
			return &TransitionError{From: node.name, Type: e.Type, Action: t.action, Guard: g.name, Reason: reason, Err: ErrGuard}
		}
	}
	if triggered {
		return nil
	}
	from, to := node.flags, t.to.flags
	if to.Has(FlagOnHold) {
		if e.HoldReason == "" {
			return eventField("hold_reason", "", "entering the on-hold state "+string(t.to.name)+" needs a hold reason")
		}
		if !lc.holdReasonAllowed(e.HoldReason) {
			return eventField("hold_reason", string(e.HoldReason), "is not a hold reason of the lifecycle (known: "+lc.holdReasonNames()+")")
		}
	} else if e.HoldReason != "" {
		return eventField("hold_reason", string(e.HoldReason), "only an event entering an on-hold state has a hold reason")
	}
	if e.ResolutionCode != "" && !from.resolves(to) {
		return eventField("resolution_code", e.ResolutionCode, "only an event that resolves the incident has a resolution code")
	}
	if e.Fix != 0 && !from.resolves(to) {
		return eventField("fix", e.Fix.String(), "only an event that resolves the incident says how it was fixed")
	}
	return nil
}

// take takes transition t from node for event e, which check has accepted.
func (n *Incident) take(node *stateNode, t *transitionNode, e *Event, eff *Effects, triggered bool) {
	from, to := node.flags, t.to.flags
	n.State, n.Flags = t.to.name, to
	n.HoldReason = ""
	if to.Has(FlagOnHold) && !triggered {
		n.HoldReason = e.HoldReason
	}
	eff.StateChanged = true
	eff.Action = t.action
	eff.Triggered = triggered
	switch {
	case from.resolves(to):
		n.ResolvedAt = e.At
		if !triggered {
			n.ResolutionCode, n.ResolutionNote, n.Fix = e.ResolutionCode, e.Note, e.Fix
		}
		eff.Resolved = true
		if n.RestoredAt.IsZero() {
			n.RestoredAt = e.At
			eff.Restored = true
		}
	case from.Has(FlagResolved) && to.Has(FlagOpen):
		n.ReopenCount++
		n.ResolvedAt = time.Time{}
		n.ResolutionCode, n.ResolutionNote, n.Fix = "", "", 0
		n.RootCause, n.Responsible, n.ReviewedAt = "", "", time.Time{}
		eff.Reopened = true
	}
	if to.Has(FlagTerminal) {
		n.ClosedAt = e.At
		if to.Has(FlagResolved) {
			eff.Closed = true
		} else {
			eff.Cancelled = true
		}
	}
}

// fire takes the first trigger for on that the current state (node) has
// and whose hold reasons match; a refusing guard skips it silently. It
// returns the state the trigger led to, nil if none fired.
func (n *Incident) fire(lc *Lifecycle, node *stateNode, on Trigger, e *Event, eff *Effects) *stateNode {
	for _, tr := range node.triggers {
		if tr.on != on {
			continue
		}
		if len(tr.holdReasons) > 0 && !slices.Contains(tr.holdReasons, n.HoldReason) {
			continue
		}
		if n.check(lc, node, tr.t, e, true) != nil {
			continue
		}
		n.take(node, tr.t, e, eff, true)
		return tr.t.to
	}
	return nil
}

// assign applies a group and/or assignee.
func (n *Incident) assign(group, assignee string, at time.Time, eff *Effects) {
	before, beforeAssignee := n.Group, n.Assignee
	if group != "" && group != n.Group {
		if n.Group != "" {
			n.ReassignmentCount++
			eff.Reassigned = true
		}
		n.Group = group
		n.Assignee = assignee // a new group's queue: the old assignee does not follow
	} else if assignee != "" {
		n.Assignee = assignee
	}
	eff.GroupChanged = n.Group != before
	eff.AssigneeChanged = n.Assignee != beforeAssignee
	if n.FirstAssignedAt.IsZero() && (n.Group != "" || n.Assignee != "") {
		n.FirstAssignedAt = at
		eff.FirstAssigned = true
	}
	if n.Assignee != "" {
		n.acknowledge(at, eff)
	}
}

// classify applies a classify event.
func (n *Incident) classify(lc *Lifecycle, e *Event, eff *Effects) {
	setIf := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	setIf(&n.Title, e.Title)
	setIf(&n.Service, e.Service)
	setIf(&n.ConfigurationItem, e.ConfigurationItem)
	setIf(&n.Customer, e.Customer)
	setIf(&n.Category, e.Category)
	if len(e.Fields) != 0 {
		n.Fields, eff.FieldsChanged = mergeFields(n.Fields, e.Fields)
	}
	impact, urgency := n.Impact, n.Urgency
	if e.Impact != 0 {
		impact = e.Impact
	}
	if e.Urgency != 0 {
		urgency = e.Urgency
	}
	if impact == n.Impact && urgency == n.Urgency {
		return // nothing to reclassify: an override or a declared P1 stands
	}
	n.Impact, n.Urgency = impact, urgency
	eff.Reclassified = true
	if n.Major {
		return
	}
	n.Priority, _ = lc.matrix.Priority(n.Impact, n.Urgency) // levels validated by validateShape
	n.PriorityBasis = PriorityByMatrix
}

func joinActions(n *stateNode) string {
	if len(n.out) == 0 {
		return "none"
	}
	s := ""
	for i, t := range n.out {
		if i > 0 {
			s += ", "
		}
		s += string(t.action)
	}
	return s
}

// incidentJSON is the wire form of Incident: zero instants are omitted.
type incidentJSON struct {
	ID                string            `json:"id,omitempty"`
	Title             string            `json:"title,omitempty"`
	Service           string            `json:"service,omitempty"`
	ConfigurationItem string            `json:"configuration_item,omitempty"`
	Customer          string            `json:"customer,omitempty"`
	Category          string            `json:"category,omitempty"`
	Caller            string            `json:"caller,omitempty"`
	ParentID          string            `json:"parent_id,omitempty"`
	Group             string            `json:"group,omitempty"`
	Assignee          string            `json:"assignee,omitempty"`
	Impact            Impact            `json:"impact,omitempty"`
	Urgency           Urgency           `json:"urgency,omitempty"`
	Priority          Priority          `json:"priority,omitempty"`
	PriorityBasis     PriorityBasis     `json:"priority_basis,omitempty"`
	Major             bool              `json:"major,omitempty"`
	MajorState        MajorState        `json:"major_state,omitempty"`
	MajorProposedBy   string            `json:"major_proposed_by,omitempty"`
	MajorProposedAt   time.Time         `json:"major_proposed_at,omitzero"`
	MajorDecidedBy    string            `json:"major_decided_by,omitempty"`
	MajorDecidedAt    time.Time         `json:"major_decided_at,omitzero"`
	Problem           string            `json:"problem,omitempty"`
	CausedBy          string            `json:"caused_by,omitempty"`
	Change            string            `json:"change,omitempty"`
	KnownError        string            `json:"known_error,omitempty"`
	DuplicateOf       string            `json:"duplicate_of,omitempty"`
	Fields            map[string]string `json:"fields,omitempty"`
	State             State             `json:"state,omitempty"`
	Flags             Flags             `json:"flags,omitempty"`
	HoldReason        HoldReason        `json:"hold_reason,omitempty"`
	ResolutionCode    string            `json:"resolution_code,omitempty"`
	ResolutionNote    string            `json:"resolution_note,omitempty"`
	Fix               Fix               `json:"fix,omitempty"`
	RootCause         string            `json:"root_cause,omitempty"`
	Responsible       string            `json:"responsible,omitempty"`
	ReopenCount       int               `json:"reopen_count,omitempty"`
	ReassignmentCount int               `json:"reassignment_count,omitempty"`
	OpenedAt          time.Time         `json:"opened_at,omitzero"`
	FirstAssignedAt   time.Time         `json:"first_assigned_at,omitzero"`
	AcknowledgedAt    time.Time         `json:"acknowledged_at,omitzero"`
	FirstResponseAt   time.Time         `json:"first_response_at,omitzero"`
	RestoredAt        time.Time         `json:"restored_at,omitzero"`
	ResolvedAt        time.Time         `json:"resolved_at,omitzero"`
	ClosedAt          time.Time         `json:"closed_at,omitzero"`
	MajorAt           time.Time         `json:"major_at,omitzero"`
	EscalatedAt       time.Time         `json:"escalated_at,omitzero"`
	ReviewedAt        time.Time         `json:"reviewed_at,omitzero"`
	UpdatedAt         time.Time         `json:"updated_at,omitzero"`
	History           []Event           `json:"history,omitempty"`
	// Effects are the effects of each event of History, as applied.
	Effects []Effects `json:"effects,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (inc Incident) MarshalJSON() ([]byte, error) {
	return json.Marshal(incidentJSON{
		ID: inc.ID, Title: inc.Title, Service: inc.Service, ConfigurationItem: inc.ConfigurationItem,
		Customer: inc.Customer, Category: inc.Category, Caller: inc.Caller, ParentID: inc.ParentID,
		Group: inc.Group, Assignee: inc.Assignee, Impact: inc.Impact, Urgency: inc.Urgency,
		Priority: inc.Priority, PriorityBasis: inc.PriorityBasis, Major: inc.Major,
		MajorState: inc.MajorState, MajorProposedBy: inc.MajorProposedBy, MajorProposedAt: inc.MajorProposedAt,
		MajorDecidedBy: inc.MajorDecidedBy, MajorDecidedAt: inc.MajorDecidedAt,
		Problem: inc.Problem, CausedBy: inc.CausedBy, Change: inc.Change, KnownError: inc.KnownError, DuplicateOf: inc.DuplicateOf,
		Fields: inc.Fields,
		State:  inc.State, Flags: inc.Flags, HoldReason: inc.HoldReason,
		ResolutionCode: inc.ResolutionCode, ResolutionNote: inc.ResolutionNote, Fix: inc.Fix,
		RootCause: inc.RootCause, Responsible: inc.Responsible,
		ReopenCount: inc.ReopenCount, ReassignmentCount: inc.ReassignmentCount,
		OpenedAt: inc.OpenedAt, FirstAssignedAt: inc.FirstAssignedAt, AcknowledgedAt: inc.AcknowledgedAt,
		FirstResponseAt: inc.FirstResponseAt, RestoredAt: inc.RestoredAt,
		ResolvedAt: inc.ResolvedAt, ClosedAt: inc.ClosedAt,
		MajorAt: inc.MajorAt, EscalatedAt: inc.EscalatedAt, ReviewedAt: inc.ReviewedAt, UpdatedAt: inc.UpdatedAt,
		History: inc.History(), Effects: inc.effects(),
	})
}

// effects returns the effects of each event of the history, oldest first.
func (inc Incident) effects() []Effects {
	n := inc.hist.len()
	if n == 0 {
		return nil
	}
	out := make([]Effects, n)
	for h := inc.hist; h != nil; h = h.prev {
		out[h.n-1] = h.Effects
	}
	return out
}

// UnmarshalJSON implements json.Unmarshaler. It decodes the snapshot as
// stored; it does not replay the history (use Replay to check a snapshot
// against a lifecycle). The effects of the history's events may be absent
// (the incident is then no Chronicle's), or one per event.
//
// Decoding is strict, as for events: unknown keys (in the snapshot, its
// events and their effects), keys given twice and wrong types are
// *FieldError values wrapping ErrInvalidEvent that name the path
// ("history[3].customer_visble").
func (inc *Incident) UnmarshalJSON(b []byte) error {
	_, err := inc.decode(b)
	return err
}

// decode decodes a snapshot into inc and returns the number of effects it
// carried (0 or one per event).
func (inc *Incident) decode(b []byte) (effects int, err error) {
	var w incidentJSON
	if err := invalid.Decode(b, &w, ErrInvalidEvent); err != nil {
		return 0, err
	}
	if len(w.Effects) != 0 && len(w.Effects) != len(w.History) {
		return 0, &FieldError{Path: "effects", Value: strconv.Itoa(len(w.Effects)),
			Reason: "needs one entry per event of the history (" + strconv.Itoa(len(w.History)) + ")", Err: ErrInvalidEvent}
	}
	*inc = Incident{
		ID: w.ID, Title: w.Title, Service: w.Service, ConfigurationItem: w.ConfigurationItem,
		Customer: w.Customer, Category: w.Category, Caller: w.Caller, ParentID: w.ParentID,
		Group: w.Group, Assignee: w.Assignee, Impact: w.Impact, Urgency: w.Urgency,
		Priority: w.Priority, PriorityBasis: w.PriorityBasis, Major: w.Major,
		MajorState: w.MajorState, MajorProposedBy: w.MajorProposedBy, MajorProposedAt: w.MajorProposedAt,
		MajorDecidedBy: w.MajorDecidedBy, MajorDecidedAt: w.MajorDecidedAt,
		Problem: w.Problem, CausedBy: w.CausedBy, Change: w.Change, KnownError: w.KnownError, DuplicateOf: w.DuplicateOf,
		Fields: w.Fields,
		State:  w.State, Flags: w.Flags, HoldReason: w.HoldReason,
		ResolutionCode: w.ResolutionCode, ResolutionNote: w.ResolutionNote, Fix: w.Fix,
		RootCause: w.RootCause, Responsible: w.Responsible,
		ReopenCount: w.ReopenCount, ReassignmentCount: w.ReassignmentCount,
		OpenedAt: w.OpenedAt, FirstAssignedAt: w.FirstAssignedAt, AcknowledgedAt: w.AcknowledgedAt,
		FirstResponseAt: w.FirstResponseAt, RestoredAt: w.RestoredAt,
		ResolvedAt: w.ResolvedAt, ClosedAt: w.ClosedAt,
		MajorAt: w.MajorAt, EscalatedAt: w.EscalatedAt, ReviewedAt: w.ReviewedAt, UpdatedAt: w.UpdatedAt,
		hist: historyOf(w.History, w.Effects),
	}
	return len(w.Effects), nil
}
