package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-itsm/itsm/incident"
)

// snowRow is one parsed update of a ServiceNow export.
type snowRow struct {
	number     string
	state      string
	modCount   int
	caller     string
	openedAt   time.Time
	updatedAt  time.Time
	category   string
	ci         string
	customer   string // company, else location
	service    string // business_service
	impact     incident.Impact
	urgency    incident.Urgency
	group      string
	assignee   string
	closedCode string
}

// parseSnowRow reads a row given as its columns (snowColumns; absent or
// "?" values are missing).
func parseSnowRow(c map[string]string) (snowRow, error) {
	r := snowRow{number: c["number"], state: c["incident_state"], caller: c["caller_id"], category: c["category"],
		ci: c["cmdb_ci"], customer: c["company"], service: c["business_service"], group: c["assignment_group"],
		assignee: c["assigned_to"], closedCode: c["closed_code"]}
	if r.customer == "" {
		r.customer = c["location"]
	}
	if r.number == "" {
		return snowRow{}, errors.New("no incident number")
	}
	if r.state == "" {
		return snowRow{}, errors.New("no incident_state")
	}
	var err error
	if r.openedAt, err = snowTime(c["opened_at"]); err != nil {
		return snowRow{}, fmt.Errorf("opened_at: %w", err)
	}
	if r.updatedAt, err = snowTime(c["sys_updated_at"]); err != nil {
		return snowRow{}, fmt.Errorf("sys_updated_at: %w", err)
	}
	impact, err := snowLevel(c["impact"])
	if err != nil {
		return snowRow{}, fmt.Errorf("impact: %w", err)
	}
	urgency, err := snowLevel(c["urgency"])
	if err != nil {
		return snowRow{}, fmt.Errorf("urgency: %w", err)
	}
	if _, err := snowLevel(c["priority"]); err != nil {
		return snowRow{}, fmt.Errorf("priority: %w", err)
	}
	r.impact, r.urgency = incident.Impact(impact), incident.Urgency(urgency)
	if v := c["sys_mod_count"]; v != "" {
		if r.modCount, err = strconv.Atoi(v); err != nil || r.modCount < 0 {
			return snowRow{}, fmt.Errorf("sys_mod_count: %q is not a count", v)
		}
	}
	return r, nil
}

// snowTime reads ServiceNow's export dates as snowreport does: day-month-
// year with "-" or "/" and a 24-hour clock ("29-02-2016 01:16",
// "1/3/2016 9:05:12"), or ISO "2016-03-01 09:05:12", in UTC (the export
// carries no zone).
func snowTime(v string) (time.Time, error) {
	v = strings.ReplaceAll(v, "/", "-")
	for _, layout := range []string{"2-1-2006 15:04", "2-1-2006 15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date such as 29-02-2016 01:16", v)
}

// snowLevel reads "2 - Medium" (or "2").
func snowLevel(v string) (int, error) {
	num, _, _ := strings.Cut(v, " ")
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || n > 5 {
		return 0, fmt.Errorf("%q is not a level such as \"2 - Medium\"", v)
	}
	return n, nil
}

// snowStates maps the export's incident_state to the states of
// snowLifecycle.
var snowStates = map[string]incident.State{
	"New": "new", "Active": "active", "Awaiting User Info": "awaiting_user_info",
	"Awaiting Problem": "awaiting_problem", "Awaiting Vendor": "awaiting_vendor",
	"Awaiting Evidence": "awaiting_evidence", "Resolved": "resolved", "Closed": "closed",
	"-100": "cancelled", "Cancelled": "cancelled",
}

// snowLifecycle is ServiceNow's incident state model, as in
// examples/snowreport: any open state may move to any other (the action
// names the target state), open states resolve, resolved ones close or
// reopen, and only open ones are cancelled.
func snowLifecycle() (*incident.Lifecycle, error) {
	open := []incident.State{"new", "active", "awaiting_user_info", "awaiting_problem", "awaiting_vendor", "awaiting_evidence"}
	def := incident.Definition{Initial: "new", Majors: incident.MajorsUnreviewed} // exports hold no reviews
	for _, s := range open {
		flags := incident.FlagOpen
		if strings.HasPrefix(string(s), "awaiting_") {
			flags |= incident.FlagOnHold
			def.HoldReasons = append(def.HoldReasons, incident.HoldReason(s))
		}
		def.States = append(def.States, incident.StateSpec{Name: s, Flags: flags})
	}
	def.States = append(def.States,
		incident.StateSpec{Name: "resolved", Flags: incident.FlagResolved},
		incident.StateSpec{Name: "closed", Flags: incident.FlagResolved | incident.FlagTerminal},
		incident.StateSpec{Name: "cancelled", Flags: incident.FlagTerminal})
	for _, from := range open {
		for _, to := range open {
			if from != to && to != "new" {
				def.Transitions = append(def.Transitions, incident.TransitionSpec{From: from, Action: snowAction(to), To: to})
			}
		}
		def.Transitions = append(def.Transitions,
			incident.TransitionSpec{From: from, Action: snowAction("resolved"), To: "resolved"},
			incident.TransitionSpec{From: from, Action: snowAction("cancelled"), To: "cancelled"})
	}
	def.Transitions = append(def.Transitions,
		incident.TransitionSpec{From: "resolved", Action: snowAction("closed"), To: "closed"},
		incident.TransitionSpec{From: "resolved", Action: snowAction("active"), To: "active"})
	return incident.NewLifecycle(def)
}

// snowAction is the action that moves an incident to state s.
func snowAction(s incident.State) incident.Action { return incident.Action("to_" + string(s)) }

// snowEvents turns an incident's export rows, in history order, into its
// event history for lc, checking each event against the incident as it
// stands (Incident.Apply) so that a transition the lifecycle rejects is a
// problem and is skipped, while the rest of the history is kept. A row is
// an assignment when the group or assignee changed, a classification when
// impact, urgency, category, CI, customer or service did, and a transition
// when the state did; the first move to Active is also the first
// response. Updates stamped before the previous event keep their order at
// its instant. It returns no events when the opening itself is refused.
func snowEvents(lc *incident.Lifecycle, entries []Entry) ([]incident.Event, []Problem) {
	f := snowFold{lc: lc}
	for i, en := range entries {
		var cols map[string]string
		var rw snowRow
		err := json.Unmarshal(en.Data, &cols)
		if err == nil {
			rw, err = parseSnowRow(cols)
		}
		if err != nil { // the reader wrote it; only a foreign shard gets here
			f.problems = append(f.problems, Problem{en.where(), err.Error()})
			continue
		}
		if len(f.events) == 0 {
			if i > 0 {
				break // the opening was refused, and reported
			}
			f.apply(en.where(), incident.Event{At: rw.openedAt, Actor: "export", Type: incident.EventOpen, ID: rw.number,
				Caller: rw.caller, Category: rw.category, ConfigurationItem: rw.ci,
				Customer: rw.customer, Service: rw.service, Impact: rw.impact, Urgency: rw.urgency})
			if len(f.events) == 0 {
				break
			}
		}
		f.row(en.where(), rw)
	}
	return f.events, f.problems
}

// snowFold is the history snowEvents builds: the incident as it stands,
// the events kept and the problems found.
type snowFold struct {
	lc       *incident.Lifecycle
	cur      incident.Incident
	events   []incident.Event
	problems []Problem
}

// apply keeps e if the incident as it stands accepts it, and reports it
// as a problem at where otherwise.
func (f *snowFold) apply(where string, e incident.Event) {
	next, _, err := f.cur.Apply(f.lc, e)
	if err != nil {
		f.problems = append(f.problems, Problem{where, err.Error()})
		return
	}
	f.cur = next
	f.events = append(f.events, e)
}

// row applies what the update row rw (at where) changed: the assignment,
// the classification, the state.
func (f *snowFold) row(where string, rw snowRow) {
	at := rw.updatedAt
	if at.Before(f.cur.UpdatedAt) {
		at = f.cur.UpdatedAt
	}
	if rw.group != "" && (rw.group != f.cur.Group || rw.assignee != f.cur.Assignee) {
		f.apply(where, incident.Event{At: at, Actor: "export", Type: incident.EventAssign, Group: rw.group, Assignee: rw.assignee})
	}
	if c, ok := snowReclassify(f.cur, rw); ok {
		c.At = at
		f.apply(where, c)
	}
	to, ok := snowStates[rw.state]
	if !ok {
		f.problems = append(f.problems, Problem{where, fmt.Sprintf("unknown incident_state %q", rw.state)})
		return
	}
	if to == f.cur.State {
		return
	}
	e := incident.Event{At: at, Actor: "export", Type: incident.EventTransition, Action: snowAction(to)}
	switch {
	case strings.HasPrefix(string(to), "awaiting_"):
		e.HoldReason = incident.HoldReason(to)
	case to == "resolved":
		e.ResolutionCode = rw.closedCode
	case to == "cancelled":
		e.Reason = "cancelled in the export"
	}
	f.apply(where, e)
	if f.cur.State == "active" && f.cur.FirstResponseAt.IsZero() {
		f.apply(where, incident.Event{At: at, Actor: "export", Type: incident.EventComment, FirstResponse: true,
			Note: "work started (incident_state Active)"})
	}
}

// snowReclassify returns the classify event that brings inc's
// classification to what row rw says, if anything changed. A value the row
// leaves empty is not a change.
func snowReclassify(inc incident.Incident, rw snowRow) (incident.Event, bool) {
	e := incident.Event{Actor: "export", Type: incident.EventClassify, Reason: "export update"}
	changed := false
	if rw.impact != inc.Impact || rw.urgency != inc.Urgency {
		e.Impact, e.Urgency, changed = rw.impact, rw.urgency, true
	}
	for _, f := range []struct {
		dst      *string
		from, to string
	}{
		{&e.Category, inc.Category, rw.category},
		{&e.ConfigurationItem, inc.ConfigurationItem, rw.ci},
		{&e.Customer, inc.Customer, rw.customer},
		{&e.Service, inc.Service, rw.service},
	} {
		if f.to != "" && f.to != f.from {
			*f.dst, changed = f.to, true
		}
	}
	return e, changed
}
