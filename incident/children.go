package incident

// ChildResolution is what ResolveChildren says about one child incident.
type ChildResolution struct {
	// ChildID is the child's ID.
	ChildID string
	// Event is the event to append to the child's history when Err is nil.
	Event Event
	// Err says why the child is not resolved with its parent: ErrNotChild
	// when it is not linked to the parent, or the error the child's Apply
	// would give (ErrNotAllowed for a child that is already resolved,
	// closed or cancelled, ErrGuard, ErrOutOfOrder for a child with a later
	// event), or ErrNotAllowed when the action would not resolve it.
	Err error
}

// ResolveChildren supports "resolving a parent resolves its children".
// Each incident has its own history, so the cascade is explicit: given the
// transition event that resolved the parent and the parent's children, it
// returns, per child and in order, the event to append to that child's
// history (or why none applies). The child's event is the parent's with
// Reason "resolved with parent incident <parentID>": same instant, actor,
// action, resolution code and note. Nothing is applied; the host appends the
// events (and may decide not to).
//
// It fails with ErrNoLifecycle, or with a *FieldError wrapping
// ErrInvalidEvent when parentID is empty or resolve is not a transition
// event whose action enters a resolved state somewhere in lc.
func ResolveChildren(lc *Lifecycle, parentID string, resolve Event, children []Incident) ([]ChildResolution, error) {
	if !lc.built() {
		return nil, ErrNoLifecycle
	}
	if parentID == "" {
		return nil, eventField("parent_id", "", "the parent's id is required")
	}
	if resolve.Type != EventTransition {
		return nil, eventField("type", resolve.Type.String(), "the parent's resolution is a transition event")
	}
	resolves := false
	for _, n := range lc.order {
		if t := n.transition(resolve.Action); t != nil && n.flags.resolves(t.to.flags) {
			resolves = true
			break
		}
	}
	if !resolves {
		return nil, eventField("action", string(resolve.Action), "does not enter a resolved state in this lifecycle")
	}
	out := make([]ChildResolution, len(children))
	for i := range children {
		child := &children[i]
		ev := Event{
			At:             resolve.At,
			Actor:          resolve.Actor,
			Type:           EventTransition,
			Action:         resolve.Action,
			ResolutionCode: resolve.ResolutionCode,
			Note:           resolve.Note,
			Reason:         "resolved with parent incident " + parentID,
		}
		out[i] = ChildResolution{ChildID: child.ID, Event: ev}
		if child.ParentID != parentID {
			out[i].Err = &FieldError{Path: "parent_id", Value: child.ParentID,
				Reason: "is not the parent " + parentID, Err: ErrNotChild}
			continue
		}
		trial, dry := ev, *child
		var eff Effects
		err := dry.apply(lc, &trial, &eff)
		switch {
		case err != nil:
			out[i].Err = err
		case !eff.Resolved:
			out[i].Err = &TransitionError{From: child.State, Type: EventTransition, Action: ev.Action,
				Reason: "the action does not resolve the child from its state", Err: ErrNotAllowed}
		default:
			out[i].Event = trial // normalized as Apply stores it
		}
	}
	return out, nil
}
