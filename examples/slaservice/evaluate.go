package main

// Every call into the SDK's replay and evaluation (incident, sla,
// escalation, report) is in this file, so that the service follows the
// SDK's API in one place.

import (
	"encoding/json"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
)

// rules is the service's fixed configuration: the lifecycle events are
// applied under, the SLA policies and the escalation policies. It is
// immutable and safe for concurrent use, like the SDK values it holds.
type rules struct {
	lc          *incident.Lifecycle
	slas        *sla.Set
	escalations *escalation.Set
	// fingerprint identifies the configuration (see rulesFingerprint).
	fingerprint string
}

// replay folds a history (in time order) into the incident it makes.
func (r *rules) replay(events []incident.Event) (incident.Incident, error) {
	c, err := incident.Replay(r.lc, events)
	return c.Incident, err
}

// apply validates e against inc (the zero Incident for a new one) and
// returns the incident with it, or the SDK's typed error.
func (r *rules) apply(inc incident.Incident, e incident.Event) (incident.Incident, incident.Effects, error) {
	return inc.Apply(r.lc, e)
}

// evaluation is everything the service derives from one incident at one
// instant: its SLA results, the escalation actions due and not yet fired,
// and the one next instant at which any of that changes by itself.
type evaluation struct {
	sla      sla.Evaluation
	Incident incident.Incident
	At       time.Time
	Results  []sla.Result
	Policy   string
	Due      []escalation.Due
	// Next is the earliest instant after At at which an SLA status or an
	// escalation changes if no event comes; zero if none will.
	Next time.Time
}

// evaluate evaluates inc at now, fired being the keys of the actions
// already taken: the SDK's chain incident.Replay -> sla.Set.Evaluate ->
// escalation.Set.Evaluate, whose Next is the one wake-up.
func (r *rules) evaluate(inc incident.Incident, fired escalation.Fired, now time.Time) (evaluation, error) {
	chron, err := incident.Replay(r.lc, inc.History())
	if err != nil {
		return evaluation{}, err
	}
	ev, err := r.slas.Evaluate(chron, now)
	if err != nil {
		return evaluation{}, err
	}
	esc := r.escalations.Evaluate(ev, fired)
	return evaluation{sla: ev, Incident: ev.Chronicle.Incident, At: now, Results: ev.Results, Policy: esc.Policy, Due: esc.Due, Next: esc.Next}, nil
}

// record is the incident's report record as evaluated.
func (r *rules) record(ev evaluation) (report.Record, error) {
	return report.NewRecord(ev.sla)
}

// slaState sums up an incident's SLA results in one word for the
// projection and the metrics: breached if any SLA or OLA target is
// breached, else running if a clock runs, paused if one is paused, met if
// every clock stopped in time, none without results.
func slaState(results []sla.Result) string {
	state := "none"
	rank := map[string]int{"none": 0, "met": 1, "paused": 2, "running": 3, "breached": 4}
	for _, res := range results {
		s := "met"
		switch {
		case res.Status.Breached():
			s = "breached"
		case res.Status.State == sla.Running:
			s = "running"
		case res.Status.State == sla.Paused:
			s = "paused"
		case res.Status.State == sla.Pending:
			s = "running" // the clock waits for its start; the incident is live
		}
		if rank[s] > rank[state] {
			state = s
		}
	}
	return state
}

// breaches counts the breached results.
func breaches(results []sla.Result) int {
	n := 0
	for _, res := range results {
		if res.Status.Breached() {
			n++
		}
	}
	return n
}

// incidentSummary is the incident as the API shows it: the SDK's JSON
// form of an Incident without the history (which GET
// /incidents/{id}/events pages through) and with the number of events.
// Marshalling the Incident itself and dropping the history would cost a
// pass over the whole history on every write.
type incidentSummary struct {
	ID                string                 `json:"id,omitempty"`
	Title             string                 `json:"title,omitempty"`
	Service           string                 `json:"service,omitempty"`
	ConfigurationItem string                 `json:"configuration_item,omitempty"`
	Customer          string                 `json:"customer,omitempty"`
	Category          string                 `json:"category,omitempty"`
	Caller            string                 `json:"caller,omitempty"`
	ParentID          string                 `json:"parent_id,omitempty"`
	Group             string                 `json:"group,omitempty"`
	Assignee          string                 `json:"assignee,omitempty"`
	Impact            incident.Impact        `json:"impact,omitempty"`
	Urgency           incident.Urgency       `json:"urgency,omitempty"`
	Priority          incident.Priority      `json:"priority,omitempty"`
	PriorityBasis     incident.PriorityBasis `json:"priority_basis,omitempty"`
	Major             bool                   `json:"major,omitempty"`
	State             incident.State         `json:"state,omitempty"`
	Flags             incident.Flags         `json:"flags,omitempty"`
	HoldReason        incident.HoldReason    `json:"hold_reason,omitempty"`
	ResolutionCode    string                 `json:"resolution_code,omitempty"`
	ResolutionNote    string                 `json:"resolution_note,omitempty"`
	RootCause         string                 `json:"root_cause,omitempty"`
	Responsible       string                 `json:"responsible,omitempty"`
	ReopenCount       int                    `json:"reopen_count,omitempty"`
	ReassignmentCount int                    `json:"reassignment_count,omitempty"`
	OpenedAt          time.Time              `json:"opened_at,omitzero"`
	FirstAssignedAt   time.Time              `json:"first_assigned_at,omitzero"`
	AcknowledgedAt    time.Time              `json:"acknowledged_at,omitzero"`
	FirstResponseAt   time.Time              `json:"first_response_at,omitzero"`
	RestoredAt        time.Time              `json:"restored_at,omitzero"`
	ResolvedAt        time.Time              `json:"resolved_at,omitzero"`
	ClosedAt          time.Time              `json:"closed_at,omitzero"`
	MajorAt           time.Time              `json:"major_at,omitzero"`
	EscalatedAt       time.Time              `json:"escalated_at,omitzero"`
	ReviewedAt        time.Time              `json:"reviewed_at,omitzero"`
	UpdatedAt         time.Time              `json:"updated_at,omitzero"`
	Events            int                    `json:"events"`
}

// incidentView is the JSON of inc's summary.
func incidentView(inc incident.Incident, events int) (json.RawMessage, error) {
	return json.Marshal(incidentSummary{
		ID: inc.ID, Title: inc.Title, Service: inc.Service, ConfigurationItem: inc.ConfigurationItem,
		Customer: inc.Customer, Category: inc.Category, Caller: inc.Caller, ParentID: inc.ParentID,
		Group: inc.Group, Assignee: inc.Assignee, Impact: inc.Impact, Urgency: inc.Urgency,
		Priority: inc.Priority, PriorityBasis: inc.PriorityBasis, Major: inc.Major,
		State: inc.State, Flags: inc.Flags, HoldReason: inc.HoldReason,
		ResolutionCode: inc.ResolutionCode, ResolutionNote: inc.ResolutionNote,
		RootCause: inc.RootCause, Responsible: inc.Responsible,
		ReopenCount: inc.ReopenCount, ReassignmentCount: inc.ReassignmentCount,
		OpenedAt: inc.OpenedAt, FirstAssignedAt: inc.FirstAssignedAt, AcknowledgedAt: inc.AcknowledgedAt,
		FirstResponseAt: inc.FirstResponseAt, RestoredAt: inc.RestoredAt,
		ResolvedAt: inc.ResolvedAt, ClosedAt: inc.ClosedAt, MajorAt: inc.MajorAt, EscalatedAt: inc.EscalatedAt,
		ReviewedAt: inc.ReviewedAt, UpdatedAt: inc.UpdatedAt, Events: events,
	})
}

// keyString is the stable text of an action's key, unique within its
// incident; with the incident id it is the delivery's Idempotency-Key.
func keyString(k escalation.Key) string { return k.String() }
