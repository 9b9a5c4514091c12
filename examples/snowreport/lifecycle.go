package main

import (
	"fmt"
	"slices"

	"github.com/go-itsm/itsm/incident"
)

// node is an incident's state as the report tells states apart: ServiceNow's
// state, and for On Hold its hold reason. 0 is "not known".
type node uint8

const (
	nodeUnknown node = iota
	nodeNew
	nodeInProgress
	nodeCustomActive // a negative state value, such as -100
	nodeOnHold       // On Hold without a (known) hold reason
	nodeAwaitingCaller
	nodeAwaitingChange
	nodeAwaitingProblem
	nodeAwaitingVendor
	nodeAwaitingEvidence
	nodeResolved
	nodeClosed
	nodeCanceled
	nodeCount
)

var nodeNames = [nodeCount]string{
	"?", "New", "In Progress", "Custom active (-100)", "On Hold",
	"On Hold: Awaiting Caller", "On Hold: Awaiting Change", "On Hold: Awaiting Problem",
	"On Hold: Awaiting Vendor", "On Hold: Awaiting Evidence",
	"Resolved", "Closed", "Canceled",
}

func (n node) String() string { return nodeNames[n] }

func (n node) open() bool     { return n >= nodeNew && n <= nodeAwaitingEvidence }
func (n node) onHold() bool   { return n >= nodeOnHold && n <= nodeAwaitingEvidence }
func (n node) resolved() bool { return n == nodeResolved || n == nodeClosed }

// state is the lifecycle state of n in the ServiceNow profile.
func (n node) state() incident.State {
	switch {
	case n == nodeNew:
		return "new"
	case n == nodeInProgress:
		return "in_progress"
	case n == nodeCustomActive:
		return "custom_active"
	case n.onHold():
		return "on_hold"
	case n == nodeResolved:
		return "resolved"
	case n == nodeClosed:
		return "closed"
	case n == nodeCanceled:
		return "canceled"
	}
	return ""
}

// stateNode reads incident_state (or state): the labels of current
// releases (New, In Progress, On Hold, Resolved, Closed, Canceled, also
// spelled Cancelled), the older ones of the public audit export (Active,
// Awaiting User Info, Awaiting Problem, Awaiting Vendor, Awaiting Evidence,
// Awaiting Change), the choice values 1, 2, 3, 6, 7, 8, and a negative value
// such as -100 (ServiceNow's convention for a state an instance added as an
// active one). holdReason is the row's hold_reason, used for On Hold: a
// label (Awaiting Caller ...) or its value (1 caller, 3 problem, 4 vendor,
// 5 change). It reports false for anything else.
func stateNode(label, holdReason []byte) (node, bool) {
	var buf [32]byte
	s := lower(trimSpace(label), buf[:])
	switch string(s) {
	case "new", "1":
		return nodeNew, true
	case "in progress", "active", "work in progress", "2":
		return nodeInProgress, true
	case "on hold", "3":
		return holdNode(holdReason), true
	case "awaiting user info", "awaiting caller":
		return nodeAwaitingCaller, true
	case "awaiting change":
		return nodeAwaitingChange, true
	case "awaiting problem":
		return nodeAwaitingProblem, true
	case "awaiting vendor":
		return nodeAwaitingVendor, true
	case "awaiting evidence":
		return nodeAwaitingEvidence, true
	case "resolved", "6":
		return nodeResolved, true
	case "closed", "7":
		return nodeClosed, true
	case "canceled", "cancelled", "8":
		return nodeCanceled, true
	}
	if len(s) > 1 && s[0] == '-' {
		if _, ok := count(s[1:]); ok {
			return nodeCustomActive, true
		}
	}
	return nodeUnknown, false
}

func holdNode(reason []byte) node {
	var buf [32]byte
	switch string(lower(trimSpace(reason), buf[:])) {
	case "awaiting caller", "awaiting user info", "1":
		return nodeAwaitingCaller
	case "awaiting change", "5":
		return nodeAwaitingChange
	case "awaiting problem", "3":
		return nodeAwaitingProblem
	case "awaiting vendor", "4":
		return nodeAwaitingVendor
	case "awaiting evidence":
		return nodeAwaitingEvidence
	}
	return nodeOnHold
}

// ServiceNowDefinition is the ServiceNow profile of the incident lifecycle,
// as an incident.Definition. It follows ServiceNow's incident state model
// (states New 1, In Progress 2, On Hold 3, Resolved 6, Closed 7, Canceled 8;
// On Hold with an On hold reason) and what the platform lets happen, which
// real exports show:
//
//   - every open state (New, In Progress, On Hold, and custom active states
//     such as -100) may move to every other open state: the State field
//     offers them all, and a caller's reply moves Awaiting Caller back to In
//     Progress; On Hold may move to On Hold to change its reason;
//   - every open state may move to Resolved, to Closed (closing without a
//     resolution first: New -> Closed, Active -> Closed, Awaiting User Info ->
//     Closed) and to Canceled;
//   - Resolved moves to Closed or back to any open state (a reopening, which
//     raises reopen_count);
//   - Closed moves back to any open state: closed incidents are read-only
//     for users, but administrators and integrations reopen them, and the
//     public audit export has such reopenings with reopen_count going up.
//     The profile cannot make Closed terminal (the SDK freezes terminal
//     states), so Closed is a resolved state here;
//   - Canceled is terminal, and only open states are canceled; Closed does
//     not go back to Resolved (a reopening goes to an open state).
//
// Assignment changes on Resolved and Closed incidents, which ServiceNow
// allows, are not moves and so not part of a Definition; the report counts
// them when checking against the ITIL lifecycle.
func ServiceNowDefinition() incident.Definition {
	open := []incident.State{"new", "in_progress", "on_hold", "custom_active"}
	def := incident.Definition{
		Initial: "new",
		States: []incident.StateSpec{
			{Name: "new", Flags: incident.FlagOpen},
			{Name: "in_progress", Flags: incident.FlagOpen},
			{Name: "on_hold", Flags: incident.FlagOpen | incident.FlagOnHold},
			{Name: "custom_active", Flags: incident.FlagOpen},
			{Name: "resolved", Flags: incident.FlagResolved},
			{Name: "closed", Flags: incident.FlagResolved},
			{Name: "canceled", Flags: incident.FlagTerminal},
		},
		HoldReasons: []incident.HoldReason{"awaiting_caller", "awaiting_change", "awaiting_problem", "awaiting_vendor", "awaiting_evidence"},
		// The profile replays exports, which hold no post-incident reviews.
		Majors: incident.MajorsUnreviewed,
	}
	move := func(from, to incident.State) {
		def.Transitions = append(def.Transitions, incident.TransitionSpec{From: from, Action: incident.Action("to_" + string(to)), To: to})
	}
	for _, from := range open {
		for _, to := range open {
			if from != to || to == "on_hold" {
				move(from, to)
			}
		}
		move(from, "resolved")
		move(from, "closed")
		move(from, "canceled")
	}
	move("resolved", "closed")
	for _, to := range open {
		move("resolved", to)
		move("closed", to)
	}
	return def
}

// moveCheck says which moves between two nodes a lifecycle lacks.
type moveCheck struct {
	name  string // "servicenow" or "itil"
	lacks [nodeCount][nodeCount]bool
	// assignAfterResolution: whether an assignment change on a Resolved or
	// Closed incident is a finding (the ITIL lifecycle stops assignment at
	// resolution; ServiceNow does not).
	assignAfterResolution bool
}

// newMoveCheck builds the check for the lifecycle called name:
// "servicenow" (ServiceNowDefinition) or "itil" (the SDK's default
// lifecycle, incident.DefaultDefinition).
//
// For "itil" every node maps to a default state (New new; In Progress and
// custom active in_progress; On Hold on_hold; Resolved resolved; Closed
// closed; Canceled cancelled). A move from an open state is accepted when
// the lifecycle reaches the target through open states only (New -> In
// Progress is assign then start, which one export row often shows as one
// move); a move from any other state needs a transition of its own
// (Resolved -> On Hold is not a reopening, which goes to in_progress).
// Guards are not evaluated: the export does not hold what they check.
func newMoveCheck(name string) (moveCheck, error) {
	c := moveCheck{name: name, assignAfterResolution: name == "itil"}
	lc, mapped, err := checkedLifecycle(name)
	if err != nil {
		return c, err
	}
	r := newReach(lc)
	for from := nodeNew; from < nodeCount; from++ {
		for to := nodeNew; to < nodeCount; to++ {
			if from == to {
				continue
			}
			a, b := mapped(from), mapped(to)
			if a == b && !from.onHold() {
				continue // the same state in this lifecycle: no move
			}
			c.lacks[from][to] = !r.reaches(a, b)
		}
	}
	return c, nil
}

// checkedLifecycle returns the lifecycle called name and the state each
// node of the export maps to in it.
func checkedLifecycle(name string) (*incident.Lifecycle, func(node) incident.State, error) {
	var lc *incident.Lifecycle
	var err error
	var mapped func(node) incident.State
	switch name {
	case "servicenow":
		lc, err = incident.NewLifecycle(ServiceNowDefinition())
		mapped = node.state
	case "itil":
		lc, err = incident.DefaultLifecycle()
		mapped = func(n node) incident.State {
			switch s := n.state(); s {
			case "custom_active":
				return "in_progress"
			case "canceled":
				return "cancelled"
			default:
				return s
			}
		}
	default:
		return nil, nil, fmt.Errorf("unknown -lifecycle %q: use servicenow or itil", name)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("snowreport: the %s lifecycle: %w", name, err)
	}
	return lc, mapped, nil
}

// reach answers which moves a lifecycle's transitions make.
type reach struct {
	lc    *incident.Lifecycle
	edges map[incident.State][]incident.State
}

func newReach(lc *incident.Lifecycle) reach {
	edges := map[incident.State][]incident.State{}
	for _, t := range lc.Definition().Transitions {
		edges[t.From] = append(edges[t.From], t.To)
	}
	return reach{lc, edges}
}

// reaches reports whether the lifecycle goes from one state to the other:
// from an open state through open states only (breadth first), from any
// other state by a transition of its own.
func (r reach) reaches(from, to incident.State) bool {
	if f, _ := r.lc.Flags(from); !f.Has(incident.FlagOpen) {
		return slices.Contains(r.edges[from], to)
	}
	seen := map[incident.State]bool{}
	queue := []incident.State{from}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, next := range r.edges[s] {
			if next == to {
				return true
			}
			if f, _ := r.lc.Flags(next); f.Has(incident.FlagOpen) && !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	return false
}

// moveKind names the kind of a move the checked lifecycle lacks, for the
// data-quality section.
func moveKind(from, to node) string {
	switch {
	case from == nodeCanceled:
		return "left Canceled"
	case from.open() && to == nodeClosed:
		return "closed without being resolved"
	case from == nodeClosed && to.open():
		return "reopened after Closed"
	case from.resolved() && to.open():
		return "reopened after Resolved"
	case from.resolved() && to == nodeCanceled:
		return "canceled after resolution"
	case from == nodeClosed && to == nodeResolved:
		return "Closed back to Resolved"
	case to == nodeNew:
		return "back to New"
	}
	return fmt.Sprintf("%s -> %s", from, to)
}
