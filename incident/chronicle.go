package incident

import (
	"encoding/json"
	"fmt"
	"math/bits"
	"time"

	"github.com/go-itsm/itsm/internal/invalid"
)

// Chronicle is an incident folded from its history once: the incident as it
// stands after the last event, every event with the Effects it had, and the
// spans of the incident's life that the layers above read (states, holds,
// assignments, priorities, resolutions, updates to the caller and the
// caller's replies), each with its instants. Build one with Replay; sla,
// escalation and report read it and never replay the history again.
//
// A Chronicle is a value. Its slices share memory with one another and with
// the Incident's history: treat them as read-only, as the exported fields
// of an Incident. Chronicles are safe to read from any number of
// goroutines. The zero Chronicle is the chronicle of an empty history.
//
// The JSON form is the incident (with its history) and the effects of each
// event; decoding it rebuilds the spans, so it round-trips without the
// lifecycle.
type Chronicle struct {
	// Incident is the incident after the last entry.
	Incident Incident
	// Entries are the history's events with their effects, oldest first.
	Entries []Entry

	// States lists every status the incident was in, oldest first: one span
	// per entry into a state (a transition from an on-hold state to itself
	// with another hold reason starts a new span). The entry's Effects.To is
	// the status; the last span is the current one.
	States []Span
	// Holds lists the spans of States that are on hold (FlagOnHold), each
	// with its reason in Effects.To.HoldReason.
	Holds []Span
	// Assignments lists every assignment (see the package doc): the group
	// is the entry's Effects.GroupTo.
	Assignments []Span
	// Assignees lists every assignee the incident had: the person is the
	// entry's Effects.AssigneeTo. A span ends when the assignee changes or
	// is cleared (a new group's queue).
	Assignees []Span
	// Priorities lists every priority, from the open event on: the entry's
	// Effects.PriorityTo and Effects.Basis.
	Priorities []Span
	// Resolutions lists every resolution; a span ends at the reopening
	// (zero End: the resolution stands).
	Resolutions []Span
	// Updates lists every update to the caller, each lasting until the
	// next one.
	Updates []Span
	// Replies lists every reply of the caller, each lasting until an update
	// to the caller answers it (zero End: unanswered).
	Replies []Span
	// Parents lists every link to a parent incident (the entry's
	// Event.ParentID), each lasting until the link changes or is removed.
	Parents []Span
	// Links lists every relation to a problem, a change, a known error or
	// a duplicated incident (relate events: the entry's Event.Relation and
	// Event.RelatedID), each lasting until that relation is changed or
	// removed. The list is grouped by relation, in the order of the
	// Relation constants, each group oldest first; LinksOf returns one
	// group.
	Links []Span
	// Majors lists every step of the major-incident workflow (major
	// events: the entry's Event says who, when, which step and why, its
	// Effects.MajorTo the state it led to), each lasting until the next
	// step.
	Majors []Span
}

// LinksOf returns the spans of Links for relation r, oldest first.
func (c Chronicle) LinksOf(r Relation) []Span {
	i := 0
	for i < len(c.Links) && c.Entries[c.Links[i].Entry].Event.Relation != r {
		i++
	}
	j := i
	for j < len(c.Links) && c.Entries[c.Links[j].Entry].Event.Relation == r {
		j++
	}
	return c.Links[i:j:j]
}

// Span is a stretch of an incident's life, [Start, End): End is zero while
// it lasts (as of the chronicle's last entry). Entry is the index in
// Chronicle.Entries of the event that began it, whose Effects say what
// began.
type Span struct {
	Start time.Time
	End   time.Time
	Entry int
}

// Lasts reports whether the span has not ended.
func (s Span) Lasts() bool { return s.End.IsZero() }

// Replay folds an incident's history under lc into its Chronicle: the one
// way to rebuild an incident from its events. It fails with ErrNoLifecycle,
// or with an *InvalidEventError for the first event that cannot be applied
// (errors.Is and errors.As see through it to the cause). The events slice
// is not retained or modified. An empty history gives the zero Chronicle.
//
// Replay costs one pass over the events (which also counts the spans),
// one over the entries to place the spans, and two allocations (plus the
// copies of custom fields, see Event.Fields): one for the entries (which
// are also the incident's history) and one for all spans.
func Replay(lc *Lifecycle, events []Event) (Chronicle, error) {
	if !lc.built() {
		return Chronicle{}, ErrNoLifecycle
	}
	if len(events) == 0 {
		return Chronicle{}, nil
	}
	entries := make([]Entry, len(events))
	var c Chronicle
	inc := &c.Incident
	var count [kinds]int32
	// masks keeps what each entry ends and begins (spansOf), for the
	// second walk; a long history works it out again.
	var buf [64]uint32
	masks := buf[:0]
	if len(events) > len(buf) {
		masks = nil
	}
	var node *stateNode
	for i := range events {
		en := &entries[i]
		en.Event = events[i]
		var err error
		if node, err = inc.apply(lc, node, &en.Event, &en.Effects); err != nil {
			return Chronicle{}, newInvalidEventError(i, en.Event, err)
		}
		en.prev, en.n = inc.hist, i+1
		inc.hist = en
		ends, begins := spansOf(en)
		if masks != nil {
			masks = append(masks, ends<<16|begins)
		}
		for ; begins != 0; begins &= begins - 1 {
			count[bits.TrailingZeros32(begins)]++
		}
	}
	c.spans(entries, &count, masks)
	return c, nil
}

// AsOf returns the chronicle as it stood at t: c itself when no entry is
// later than t, otherwise the replay under lc of the events at or before t
// (one more fold, for the rare evaluation of the past).
func (c Chronicle) AsOf(lc *Lifecycle, t time.Time) (Chronicle, error) {
	n := len(c.Entries)
	k := n
	for k > 0 && c.Entries[k-1].Event.At.After(t) {
		k--
	}
	if k == n {
		return c, nil
	}
	events := make([]Event, k)
	for i := range events {
		events[i] = c.Entries[i].Event
	}
	return Replay(lc, events)
}

// spanKinds are the chronicle's span lists, in the order they share one
// allocation.
const (
	kindState = iota
	kindHold
	kindAssignment
	kindAssignee
	kindPriority
	kindResolution
	kindUpdate
	kindReply
	kindParent
	kindMajor
	kindLink // one kind per relation from here, in the order of the Relation constants
	kinds    = kindLink + relations - 1
)

// Replay packs an entry's ends and begins (one bit per kind) into one
// uint32: the kinds must fit in 16 bits.
var _ [16 - kinds]struct{}

// spans sets c.Entries to entries, given oldest first, and derives the
// span lists from them; count[k] is the number of spans of kind k (see
// countSpans), masks is nil or, for each entry, spansOf's ends<<16|begins.
// It makes one allocation.
func (c *Chronicle) spans(entries []Entry, count *[kinds]int32, masks []uint32) {
	c.Entries = entries
	// first[k] is where the spans of kind k start in all, next[k] where the
	// next one goes.
	var first, next [kinds]int32
	total := int32(0)
	for k, n := range count {
		first[k], next[k] = total, total
		total += n
	}
	if total == 0 {
		return
	}
	all := make([]Span, total)
	for i := range entries {
		en := &entries[i]
		var ends, begins uint32
		if masks != nil {
			ends, begins = masks[i]>>16, masks[i]&(1<<16-1)
		} else {
			ends, begins = spansOf(en)
		}
		if ends != 0 {
			at := en.Event.At
			for ; ends != 0; ends &= ends - 1 {
				k := bits.TrailingZeros32(ends)
				j := next[k] - 1
				if k == kindReply { // an update answers every open reply
					for ; j >= first[k] && all[j].End.IsZero(); j-- {
						all[j].End = at
					}
				} else if j >= first[k] && all[j].End.IsZero() {
					all[j].End = at
				}
			}
		}
		for ; begins != 0; begins &= begins - 1 {
			k := bits.TrailingZeros32(begins)
			sp := &all[next[k]] // End is zero from make
			sp.Start, sp.Entry = en.Event.At, i
			next[k]++
		}
	}
	list := func(k int) []Span { return all[first[k]:next[k]:next[k]] }
	c.States, c.Holds = list(kindState), list(kindHold)
	c.Assignments, c.Assignees = list(kindAssignment), list(kindAssignee)
	c.Priorities, c.Resolutions = list(kindPriority), list(kindResolution)
	c.Updates, c.Replies, c.Parents = list(kindUpdate), list(kindReply), list(kindParent)
	c.Majors = list(kindMajor)
	c.Links = all[first[kindLink]:total:total] // the link kinds come last, so their lists are one slice
}

// countSpans returns the number of spans of each kind that entries begin.
func countSpans(entries []Entry) [kinds]int32 {
	var count [kinds]int32
	for i := range entries {
		for _, begins := spansOf(&entries[i]); begins != 0; begins &= begins - 1 {
			count[bits.TrailingZeros32(begins)]++
		}
	}
	return count
}

// spansOf says which spans entry en ends and begins, one bit per kind:
// bit k of ends is set when en ends the open span of kind k (for replies:
// every open reply), bit k of begins when en begins a span of kind k. It
// is the one definition of the spans. Each kind is decided in one place,
// so ends apply before begins.
func spansOf(en *Entry) (ends, begins uint32) {
	const (
		state      = 1 << kindState
		hold       = 1 << kindHold
		assignment = 1 << kindAssignment
		assignee   = 1 << kindAssignee
		priority   = 1 << kindPriority
		resolution = 1 << kindResolution
		update     = 1 << kindUpdate
		reply      = 1 << kindReply
		parent     = 1 << kindParent
		major      = 1 << kindMajor
	)
	eff := &en.Effects
	if eff.Opened || (eff.StateChanged && (eff.To.State != eff.From.State || eff.To.HoldReason != eff.From.HoldReason || eff.To.Flags != eff.From.Flags)) {
		ends |= state | hold
		begins |= state
		if eff.To.Flags.Has(FlagOnHold) {
			begins |= hold
		}
	}
	if eff.GroupChanged && eff.GroupTo != "" {
		ends |= assignment
		begins |= assignment
	}
	if eff.AssigneeChanged {
		ends |= assignee
		if eff.AssigneeTo != "" {
			begins |= assignee
		}
	}
	if eff.PriorityChanged {
		ends |= priority
		begins |= priority
	}
	if eff.Reopened {
		ends |= resolution
	}
	if eff.Resolved {
		begins |= resolution
	}
	if eff.UpdatedCaller {
		ends |= update | reply
		begins |= update
	}
	if eff.CallerReplied {
		begins |= reply
	}
	e := &en.Event
	if e.Type == EventMajor {
		ends |= major
		begins |= major
	}
	if eff.Related && e.Relation != 0 && int(e.Relation) < relations { // a decoded chronicle may say anything
		k := uint32(1) << (kindLink + int(e.Relation) - 1)
		ends |= k
		if e.RelatedID != "" {
			begins |= k
		}
	}
	if eff.ParentChanged || (eff.Opened && e.ParentID != "") {
		ends |= parent
		if e.ParentID != "" {
			begins |= parent
		}
	}
	return ends, begins
}

// MarshalJSON implements json.Marshaler: a chronicle is written as its
// incident, whose JSON form holds the history and the effects of each
// event.
func (c Chronicle) MarshalJSON() ([]byte, error) { return json.Marshal(c.Incident) }

// UnmarshalJSON implements json.Unmarshaler: it decodes the incident, which
// must carry the effects of every event of its history, and derives the
// spans again. It does not replay the history (use Replay to check it
// against a lifecycle).
//
// Decoding is strict, as Incident's.
func (c *Chronicle) UnmarshalJSON(b []byte) error {
	var inc Incident
	effects, err := inc.decode(b)
	if err != nil {
		return err
	}
	if n := inc.hist.len(); effects != n {
		return &FieldError{Path: "effects", Value: fmt.Sprint(effects),
			Reason: fmt.Sprintf("a chronicle needs the effects of each of its %d events", n), Err: ErrInvalidEvent}
	}
	entries := make([]Entry, inc.hist.len())
	for h := inc.hist; h != nil; h = h.prev {
		entries[h.n-1] = *h
	}
	inc.hist = nil
	for i := range entries {
		entries[i].prev, entries[i].n = inc.hist, i+1
		inc.hist = &entries[i]
	}
	*c = Chronicle{Incident: inc}
	count := countSpans(entries)
	c.spans(entries, &count, nil)
	return nil
}

// statusJSON is the wire form of a Status.
type statusJSON struct {
	State      State      `json:"state,omitempty"`
	Flags      Flags      `json:"flags,omitempty"`
	HoldReason HoldReason `json:"hold_reason,omitempty"`
}

// effectsJSON is the wire form of Effects: snake_case keys, false and empty
// fields omitted.
type effectsJSON struct {
	From            statusJSON    `json:"from,omitzero"`
	To              statusJSON    `json:"to,omitzero"`
	StateChanged    bool          `json:"state_changed,omitempty"`
	Action          Action        `json:"action,omitempty"`
	Triggered       bool          `json:"triggered,omitempty"`
	PriorityFrom    Priority      `json:"priority_from,omitempty"`
	PriorityTo      Priority      `json:"priority_to,omitempty"`
	PriorityChanged bool          `json:"priority_changed,omitempty"`
	Basis           PriorityBasis `json:"basis,omitempty"`
	GroupFrom       string        `json:"group_from,omitempty"`
	GroupTo         string        `json:"group_to,omitempty"`
	GroupChanged    bool          `json:"group_changed,omitempty"`
	Reassigned      bool          `json:"reassigned,omitempty"`
	FirstAssigned   bool          `json:"first_assigned,omitempty"`
	AssigneeFrom    string        `json:"assignee_from,omitempty"`
	AssigneeTo      string        `json:"assignee_to,omitempty"`
	AssigneeChanged bool          `json:"assignee_changed,omitempty"`
	Opened          bool          `json:"opened,omitempty"`
	Responded       bool          `json:"responded,omitempty"`
	Acknowledged    bool          `json:"acknowledged,omitempty"`
	Escalated       bool          `json:"escalated,omitempty"`
	Restored        bool          `json:"restored,omitempty"`
	Resolved        bool          `json:"resolved,omitempty"`
	Reopened        bool          `json:"reopened,omitempty"`
	Closed          bool          `json:"closed,omitempty"`
	Cancelled       bool          `json:"cancelled,omitempty"`
	CallerReplied   bool          `json:"caller_replied,omitempty"`
	UpdatedCaller   bool          `json:"updated_caller,omitempty"`
	MajorDeclared   bool          `json:"major_declared,omitempty"`
	Reviewed        bool          `json:"reviewed,omitempty"`
	Reclassified    bool          `json:"reclassified,omitempty"`
	ParentChanged   bool          `json:"parent_changed,omitempty"`
	Related         bool          `json:"related,omitempty"`
	FieldsChanged   bool          `json:"fields_changed,omitempty"`
	MajorFrom       MajorState    `json:"major_from,omitempty"`
	MajorTo         MajorState    `json:"major_to,omitempty"`
	MajorWithdrawn  bool          `json:"major_withdrawn,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (e Effects) MarshalJSON() ([]byte, error) {
	return json.Marshal(effectsJSON{
		From: statusJSON(e.From), To: statusJSON(e.To), StateChanged: e.StateChanged, Action: e.Action, Triggered: e.Triggered,
		PriorityFrom: e.PriorityFrom, PriorityTo: e.PriorityTo, PriorityChanged: e.PriorityChanged, Basis: e.Basis,
		GroupFrom: e.GroupFrom, GroupTo: e.GroupTo, GroupChanged: e.GroupChanged, Reassigned: e.Reassigned, FirstAssigned: e.FirstAssigned,
		AssigneeFrom: e.AssigneeFrom, AssigneeTo: e.AssigneeTo, AssigneeChanged: e.AssigneeChanged,
		Opened: e.Opened, Responded: e.Responded, Acknowledged: e.Acknowledged, Escalated: e.Escalated, Restored: e.Restored,
		Resolved: e.Resolved, Reopened: e.Reopened, Closed: e.Closed, Cancelled: e.Cancelled, CallerReplied: e.CallerReplied,
		UpdatedCaller: e.UpdatedCaller, MajorDeclared: e.MajorDeclared, Reviewed: e.Reviewed, Reclassified: e.Reclassified,
		ParentChanged: e.ParentChanged, Related: e.Related, FieldsChanged: e.FieldsChanged,
		MajorFrom: e.MajorFrom, MajorTo: e.MajorTo, MajorWithdrawn: e.MajorWithdrawn,
	})
}

// UnmarshalJSON implements json.Unmarshaler.
// Decoding is strict (unknown keys are errors wrapping ErrInvalidEvent).
func (e *Effects) UnmarshalJSON(b []byte) error {
	var j effectsJSON
	if err := invalid.Decode(b, &j, ErrInvalidEvent); err != nil {
		return err
	}
	*e = Effects{
		From: Status(j.From), To: Status(j.To), StateChanged: j.StateChanged, Action: j.Action, Triggered: j.Triggered,
		PriorityFrom: j.PriorityFrom, PriorityTo: j.PriorityTo, PriorityChanged: j.PriorityChanged, Basis: j.Basis,
		GroupFrom: j.GroupFrom, GroupTo: j.GroupTo, GroupChanged: j.GroupChanged, Reassigned: j.Reassigned, FirstAssigned: j.FirstAssigned,
		AssigneeFrom: j.AssigneeFrom, AssigneeTo: j.AssigneeTo, AssigneeChanged: j.AssigneeChanged,
		Opened: j.Opened, Responded: j.Responded, Acknowledged: j.Acknowledged, Escalated: j.Escalated, Restored: j.Restored,
		Resolved: j.Resolved, Reopened: j.Reopened, Closed: j.Closed, Cancelled: j.Cancelled, CallerReplied: j.CallerReplied,
		UpdatedCaller: j.UpdatedCaller, MajorDeclared: j.MajorDeclared, Reviewed: j.Reviewed, Reclassified: j.Reclassified,
		ParentChanged: j.ParentChanged, Related: j.Related, FieldsChanged: j.FieldsChanged,
		MajorFrom: j.MajorFrom, MajorTo: j.MajorTo, MajorWithdrawn: j.MajorWithdrawn,
	}
	return nil
}
