package escalation

import (
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
)

// Snapshot is what Evaluate judges: an incident folded from its history,
// the facts about that history that the incident does not record (entries
// into states, assignments, updates to the customer), its SLA results and
// the host's own acknowledgement, if any. Build it with NewSnapshot whenever
// the history changes, then evaluate it as often as the host likes:
// evaluation never replays the history. A Snapshot is a plain value that
// round-trips through encoding/json.
type Snapshot struct {
	// Incident is the incident as folded from its history (an
	// sla.Evaluation's Incident, or incident.Replay's result).
	Incident incident.Incident `json:"incident"`
	// SLA holds the incident's SLA and OLA results (sla.Evaluation's
	// Results), read by the sla_used and sla_breached triggers.
	SLA []sla.Result `json:"sla,omitempty"`
	// AcknowledgedAt is an acknowledgement the host recorded outside the
	// incident's history (a page acknowledged in a paging app); zero if
	// none. See the package doc for what else counts as acknowledged.
	AcknowledgedAt time.Time `json:"acknowledged_at,omitzero"`

	// States lists each entry into a state, oldest first; the last one is
	// the current state.
	States []StateEntry `json:"states,omitempty"`
	// Assignments lists the instants the incident got its first group or
	// assignee, or moved to another group, oldest first.
	Assignments []time.Time `json:"assignments,omitempty"`
	// CustomerUpdates lists the agents' updates to the customer (comments
	// that are customer visible or marked as the first response), oldest
	// first.
	CustomerUpdates []time.Time `json:"customer_updates,omitempty"`
	// FirstAssigneeAt is the instant the incident first had an assignee
	// (a person), zero if it never had one: the first acknowledgement by
	// ownership, from which repeats stop (see the package doc). A
	// snapshot without it whose incident has an assignee uses the
	// incident's FirstAssignedAt.
	FirstAssigneeAt time.Time `json:"first_assignee_at,omitzero"`
}

// StateEntry is the incident entering State at At.
type StateEntry struct {
	State incident.State `json:"state"`
	At    time.Time      `json:"at"`
}

// NewSnapshot walks inc's history with lc (Incident.Walk) to collect the
// facts the incident does not record, and returns the snapshot of inc with its SLA
// results (nil if the policies have no SLA triggers). It costs one replay:
// build it when the history changes, not on every evaluation. Replay errors
// are returned as the incident package reports them; an incident that is
// not the fold of its history is an error wrapping ErrInvalidSnapshot.
func NewSnapshot(lc *incident.Lifecycle, inc incident.Incident, results []sla.Result) (Snapshot, error) {
	snap := Snapshot{Incident: inc, SLA: results}
	err := inc.Walk(lc, func(e *incident.Event, eff *incident.Effects) bool {
		at := e.At
		if eff.StateChanged && eff.To.State != eff.From.State {
			snap.States = append(snap.States, StateEntry{State: eff.To.State, At: at})
		}
		if eff.FirstAssigned || (eff.GroupChanged && eff.GroupTo != "") {
			snap.Assignments = append(snap.Assignments, at)
		}
		if eff.UpdatedCaller {
			snap.CustomerUpdates = append(snap.CustomerUpdates, at)
		}
		if eff.AssigneeChanged && e.Assignee != "" && snap.FirstAssigneeAt.IsZero() {
			snap.FirstAssigneeAt = at
		}
		return true
	})
	if err != nil {
		return Snapshot{}, err
	}
	if err := snap.check(); err != nil {
		return Snapshot{}, err
	}
	return snap, nil
}

// check reports a snapshot whose state history does not end in the
// incident's state: built by hand, or stale.
func (s *Snapshot) check() error {
	if !s.Incident.IsOpened() {
		return nil
	}
	if n := len(s.States); n == 0 || s.States[n-1].State != s.Incident.State {
		got := "none"
		if n > 0 {
			got = string(s.States[n-1].State)
		}
		return &FieldError{Field: "states", Value: got, Reason: "the state history does not end in the incident's state " + string(s.Incident.State) + "; build snapshots with NewSnapshot", Err: ErrInvalidSnapshot}
	}
	return nil
}
