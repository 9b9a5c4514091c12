package incident

import (
	"strconv"
	"strings"
)

// ChildOffer is what OfferToChildren says about one child incident.
type ChildOffer struct {
	// ChildID is the child's ID.
	ChildID string
	// Event is the event to append to the child's history when Err is nil,
	// as Apply would store it; Effects are what it would do to the child
	// (Entered(FlagOnHold), Left(FlagOnHold), Resolved).
	Event   Event
	Effects Effects
	// Err says why nothing is offered to the child: ErrNotChild when it is
	// not linked to the parent; the error the child's Apply would give
	// (ErrNotAllowed for a child that is already resolved, closed or
	// cancelled, ErrGuard, ErrOutOfOrder for a child with a later event);
	// or ErrNotAllowed when the action would not hold, resume or resolve
	// the child, or would resume a child on hold for a reason of its own.
	Err error
}

// OfferToChildren supports "a parent's holds and resolutions carry over to
// its children". Each incident has its own history, so the cascade is
// explicit and the host decides: given the parent as it stood before e and
// e, a transition event of the parent that puts it on hold, resumes it
// from a hold or resolves it, OfferToChildren returns, per child and in
// order, the event to append to that child's history, or why none
// applies. Nothing is applied; the host appends the events it wants.
//
// The child's event is the parent's (same instant, actor, action, hold
// reason, resolution code, fix and note) with the Reason "held with parent
// incident <id>", "resumed with parent incident <id>" or "resolved with
// parent incident <id>", by what the action does from the child's state.
// A resume is offered only to a child on hold for the reason the parent
// was held for (parent.HoldReason): a child waiting for its own caller
// stays on hold.
//
// It fails with ErrNoLifecycle, or with a *FieldError wrapping
// ErrInvalidEvent when the parent has no ID or e is not a transition
// event whose action, somewhere in lc, enters an on-hold state, leaves one
// for an open state or resolves.
func OfferToChildren(lc *Lifecycle, parent Incident, e Event, children []Incident) ([]ChildOffer, error) {
	if !lc.built() {
		return nil, ErrNoLifecycle
	}
	if parent.ID == "" {
		return nil, eventField("parent_id", "", "the parent's id is required")
	}
	if e.Type != EventTransition {
		return nil, eventField("type", e.Type.String(), "what a parent offers its children is a transition event")
	}
	offered := false
	for _, n := range lc.order {
		if t := n.transition(e.Action); t != nil && offers(n.flags, t.to.flags) != "" {
			offered = true
			break
		}
	}
	if !offered {
		return nil, eventField("action", string(e.Action), "neither holds, resumes nor resolves in this lifecycle")
	}
	out := make([]ChildOffer, len(children))
	for i := range children {
		child := &children[i]
		out[i] = offerTo(lc, parent, e, child)
	}
	return out, nil
}

// offers says what a transition from flags from to flags to does that a
// parent offers its children: "held", "resumed", "resolved" or "".
func offers(from, to Flags) string {
	switch {
	case from.resolves(to):
		return "resolved"
	case to.Has(FlagOnHold):
		return "held"
	case from.Has(FlagOnHold) && to.Has(FlagOpen):
		return "resumed"
	}
	return ""
}

func offerTo(lc *Lifecycle, parent Incident, e Event, child *Incident) ChildOffer {
	ev := Event{At: e.At, Actor: e.Actor, Type: EventTransition, Action: e.Action, HoldReason: e.HoldReason,
		ResolutionCode: e.ResolutionCode, Fix: e.Fix, Note: e.Note}
	offer := ChildOffer{ChildID: child.ID, Event: ev}
	if child.ParentID != parent.ID {
		offer.Err = &FieldError{Path: "parent_id", Value: child.ParentID, Reason: "is not the parent " + parent.ID, Err: ErrNotChild}
		return offer
	}
	notOffered := func(reason string) error {
		return &TransitionError{From: child.State, Type: EventTransition, Action: e.Action, Reason: reason, Err: ErrNotAllowed}
	}
	verb := ""
	if node, ok := lc.states[child.State]; ok {
		if t := node.transition(e.Action); t != nil {
			verb = offers(node.flags, t.to.flags)
		}
	}
	if verb == "resumed" && child.HoldReason != parent.HoldReason {
		offer.Err = notOffered("the child is on hold for " + string(child.HoldReason) + ", not for the parent's " + string(parent.HoldReason))
		return offer
	}
	ev.Reason = verb + " with parent incident " + parent.ID
	if verb == "" {
		ev.Reason = "with parent incident " + parent.ID
	}
	trial, dry := ev, *child
	var eff Effects
	_, err := dry.apply(lc, nil, &trial, &eff)
	switch {
	case err != nil:
		offer.Err = err
	case verb == "":
		offer.Err = notOffered("the action neither holds, resumes nor resolves the child from its state")
	default:
		offer.Event, offer.Effects = trial, eff // normalized as Apply stores it
	}
	return offer
}

// MaxParentDepth is the longest chain of parents CheckParent follows.
const MaxParentDepth = 1000

// CheckParent says whether incident id may take parent as its parent,
// given the parents' own links: parentOf returns an incident's current
// parent ("" for none), as the host's store knows it. It fails with a
// *FieldError wrapping ErrParentCycle when the link would close a cycle
// (the incident itself, or an ancestor of parent is id), listing the
// cycle, or when the chain of parents is longer than MaxParentDepth or
// already loops without id. An empty parent (an unlink) is always
// allowed; a nil parentOf checks only that the incident is not its own
// parent. Use it before appending an open or link event with a ParentID:
// a single incident's history cannot see a cycle through others.
func CheckParent(id, parent string, parentOf func(id string) string) error {
	if parent == "" {
		return nil
	}
	chain := []string{id, parent}
	seen := map[string]bool{}
	for cur := parent; ; {
		switch {
		case cur == id:
			return &FieldError{Path: "parent_id", Value: parent, Reason: "would close a cycle of parents: " + strings.Join(chain, " -> "), Err: ErrParentCycle}
		case seen[cur]:
			return &FieldError{Path: "parent_id", Value: parent, Reason: "the parents of " + parent + " already loop: " + strings.Join(chain, " -> "), Err: ErrParentCycle}
		case len(chain) > MaxParentDepth:
			return &FieldError{Path: "parent_id", Value: parent, Reason: "the chain of parents is longer than " + strconv.Itoa(MaxParentDepth), Err: ErrParentCycle}
		}
		seen[cur] = true
		if parentOf == nil {
			return nil
		}
		next := parentOf(cur)
		if next == "" {
			return nil
		}
		chain = append(chain, next)
		cur = next
	}
}
