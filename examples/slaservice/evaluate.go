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

// incidentView is the incident as the API shows it: the SDK's JSON without
// the history (which GET /incidents/{id}/events pages through), plus the
// number of events.
func incidentView(inc incident.Incident, events int) (json.RawMessage, error) {
	b, err := json.Marshal(inc)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	delete(m, "history")
	m["events"], _ = json.Marshal(events)
	return json.Marshal(m)
}

// keyString is the stable text of an action's key, unique within its
// incident; with the incident id it is the delivery's Idempotency-Key.
func keyString(k escalation.Key) string { return k.String() }
