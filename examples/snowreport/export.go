package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-itsm/itsm/incident"
)

// A ServiceNow incident export in the audit style has one row per update of
// an incident: the incident's fields as they stood after that update. These
// are the columns the tool reads; others are ignored, missing optional ones
// read as "?".
var required = []string{"number", "incident_state", "opened_at", "sys_updated_at", "impact", "urgency", "priority"}

// row is one parsed update.
type row struct {
	line          int
	number        string
	state         string
	reassignments int
	reopens       int
	modCount      int
	madeSLA       string
	caller        string
	openedAt      time.Time
	updatedAt     time.Time
	category      string
	ci            string
	customer      string // company, else location
	service       string // business_service
	impact        incident.Impact
	urgency       incident.Urgency
	priority      incident.Priority
	group         string
	assignee      string
	closedCode    string
	resolvedAt    time.Time
	closedAt      time.Time
}

// Problem is a row or transition the tool could not take, with where it is.
type Problem struct {
	Line     int    // CSV line (1 is the header); 0 when not tied to one line
	Incident string // incident number, when known
	What     string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("line %d: %s: %s", p.Line, p.Incident, p.What)
	}
	return fmt.Sprintf("%s: %s", p.Incident, p.What)
}

// readExport parses the CSV. A malformed row is reported with its line
// number and skipped; every other row is kept. A missing required column is
// an error for the whole file.
func readExport(r io.Reader) ([]row, []Problem, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("reading the header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, name := range required {
		if _, ok := col[name]; !ok {
			return nil, nil, fmt.Errorf("the export has no %q column", name)
		}
	}
	var rows []row
	var problems []Problem
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				problems = append(problems, Problem{Line: pe.Line, What: pe.Err.Error()})
				continue
			}
			return nil, nil, err
		}
		line, _ := cr.FieldPos(0)
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return "?"
		}
		rw, err := parseRow(get)
		if err != nil {
			problems = append(problems, Problem{Line: line, Incident: get("number"), What: err.Error()})
			continue
		}
		rw.line = line
		rows = append(rows, rw)
	}
	return rows, problems, nil
}

func parseRow(get func(string) string) (row, error) {
	r := row{number: get("number"), state: get("incident_state"), madeSLA: get("made_sla"),
		caller: optional(get("caller_id")), category: optional(get("category")), ci: optional(get("cmdb_ci")),
		group: optional(get("assignment_group")), assignee: optional(get("assigned_to")), closedCode: optional(get("closed_code")),
		customer: optional(get("company")), service: optional(get("business_service"))}
	if r.customer == "" {
		r.customer = optional(get("location"))
	}
	if r.number == "" || r.number == "?" {
		return row{}, errors.New("no incident number")
	}
	var err error
	if r.openedAt, err = parseTime(get("opened_at")); err != nil {
		return row{}, fmt.Errorf("opened_at: %w", err)
	}
	if r.updatedAt, err = parseTime(get("sys_updated_at")); err != nil {
		return row{}, fmt.Errorf("sys_updated_at: %w", err)
	}
	for name, dst := range map[string]*time.Time{"resolved_at": &r.resolvedAt, "closed_at": &r.closedAt} {
		if v := get(name); v != "?" && v != "" {
			if *dst, err = parseTime(v); err != nil {
				return row{}, fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	var level int
	if level, err = parseLevel(get("impact")); err != nil {
		return row{}, fmt.Errorf("impact: %w", err)
	}
	r.impact = incident.Impact(level)
	if level, err = parseLevel(get("urgency")); err != nil {
		return row{}, fmt.Errorf("urgency: %w", err)
	}
	r.urgency = incident.Urgency(level)
	if level, err = parseLevel(get("priority")); err != nil {
		return row{}, fmt.Errorf("priority: %w", err)
	}
	r.priority = incident.Priority(level)
	for name, dst := range map[string]*int{"reassignment_count": &r.reassignments, "reopen_count": &r.reopens, "sys_mod_count": &r.modCount} {
		if v := get(name); v != "?" && v != "" {
			if *dst, err = strconv.Atoi(v); err != nil || *dst < 0 {
				return row{}, fmt.Errorf("%s: %q is not a count", name, v)
			}
		}
	}
	if r.state == "" || r.state == "?" {
		return row{}, errors.New("no incident_state")
	}
	return r, nil
}

func optional(v string) string {
	if v == "?" {
		return ""
	}
	return v
}

// parseTime reads ServiceNow's export dates: day-month-year with "-" or
// "/", a 24-hour clock with one or two digits for the hour and an optional
// seconds field ("29-02-2016 01:16", "1/3/2016 9:05:12"), or ISO
// "2016-03-01 09:05:12", in UTC (the export carries no zone).
func parseTime(v string) (time.Time, error) {
	v = strings.ReplaceAll(v, "/", "-")
	for _, layout := range []string{"2-1-2006 15:04", "2-1-2006 15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date such as 29-02-2016 01:16", v)
}

// parseLevel reads "2 - Medium" (or "2").
func parseLevel(v string) (int, error) {
	num, _, _ := strings.Cut(v, " ")
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || n > 5 {
		return 0, fmt.Errorf("%q is not a level such as \"2 - Medium\"", v)
	}
	return n, nil
}

// The ServiceNow-style lifecycle the export is replayed through: its states
// as they appear in the export, as lower-case words.
var snowStates = map[string]incident.State{
	"New": "new", "Active": "active", "Awaiting User Info": "awaiting_user_info",
	"Awaiting Problem": "awaiting_problem", "Awaiting Vendor": "awaiting_vendor",
	"Awaiting Evidence": "awaiting_evidence", "Resolved": "resolved", "Closed": "closed",
	"-100": "cancelled", "Cancelled": "cancelled",
}

// snowLifecycle is ServiceNow's incident state model: any open state may
// move to any other (the action names the target state), open states resolve,
// resolved ones close or reopen, and only open ones are cancelled. Moves the
// model lacks (closed back to active, new straight to closed) are rejected,
// and the tool reports them.
func snowLifecycle() (*incident.Lifecycle, error) {
	open := []incident.State{"new", "active", "awaiting_user_info", "awaiting_problem", "awaiting_vendor", "awaiting_evidence"}
	def := incident.Definition{Initial: "new"}
	var holds []incident.HoldReason
	for _, s := range open {
		flags := incident.FlagOpen
		if strings.HasPrefix(string(s), "awaiting_") {
			flags |= incident.FlagOnHold
			holds = append(holds, incident.HoldReason(s))
		}
		def.States = append(def.States, incident.StateSpec{Name: s, Flags: flags})
	}
	def.HoldReasons = holds
	def.States = append(def.States,
		incident.StateSpec{Name: "resolved", Flags: incident.FlagResolved},
		incident.StateSpec{Name: "closed", Flags: incident.FlagResolved | incident.FlagTerminal},
		incident.StateSpec{Name: "cancelled", Flags: incident.FlagTerminal})
	for _, from := range open {
		for _, to := range open {
			if from != to && to != "new" {
				def.Transitions = append(def.Transitions, incident.TransitionSpec{From: from, Action: action(to), To: to})
			}
		}
		def.Transitions = append(def.Transitions,
			incident.TransitionSpec{From: from, Action: action("resolved"), To: "resolved"},
			incident.TransitionSpec{From: from, Action: action("cancelled"), To: "cancelled"})
	}
	def.Transitions = append(def.Transitions,
		incident.TransitionSpec{From: "resolved", Action: action("closed"), To: "closed"},
		incident.TransitionSpec{From: "resolved", Action: action("active"), To: "active"})
	return incident.NewLifecycle(def)
}

// action is the action that moves an incident to state s.
func action(s incident.State) incident.Action { return incident.Action("to_" + string(s)) }

// exportIncident is one incident of the export: its rows in update order.
type exportIncident struct {
	number string
	rows   []row
}

func groupRows(rows []row) []exportIncident {
	index := map[string]int{}
	var out []exportIncident
	for _, r := range rows {
		i, ok := index[r.number]
		if !ok {
			i = len(out)
			index[r.number] = i
			out = append(out, exportIncident{number: r.number})
		}
		out[i].rows = append(out[i].rows, r)
	}
	for i := range out {
		slices.SortStableFunc(out[i].rows, func(a, b row) int {
			if c := a.updatedAt.Compare(b.updatedAt); c != 0 {
				return c
			}
			return a.modCount - b.modCount
		})
	}
	return out
}

// replay turns an incident's rows into an event history for lc, replaying
// as it goes so that each rejected transition is reported (with its line)
// and skipped rather than ending the incident: the rest of its history is
// kept. A row becomes an assignment when the group or assignee changed, a
// classification when impact, urgency, category, CI, customer or service
// did, and a transition when the state did; the first move to Active is
// also the first response. It returns the incident the events that
// applied make (its History is those events), or the zero Incident if
// the opening itself was refused.
func (x exportIncident) replay(lc *incident.Lifecycle) (incident.Incident, []Problem) {
	first := x.rows[0]
	open := incident.Event{At: first.openedAt, Actor: "export", Type: incident.EventOpen, ID: x.number,
		Caller: first.caller, Category: first.category, ConfigurationItem: first.ci,
		Customer: first.customer, Service: first.service, Impact: first.impact, Urgency: first.urgency}
	r := incident.NewReplayer(lc)
	var problems []Problem
	apply := func(line int, e incident.Event) {
		if _, err := r.Apply(e); err != nil {
			problems = append(problems, Problem{Line: line, Incident: x.number, What: err.Error()})
		}
	}
	apply(first.line, open)
	if r.Len() == 0 {
		return incident.Incident{}, problems
	}
	for _, rw := range x.rows {
		at := rw.updatedAt
		if cur := r.Incident(); at.Before(cur.UpdatedAt) {
			at = cur.UpdatedAt // updates stamped before the opening: keep order
		}
		cur := r.Incident()
		if rw.group != "" && (rw.group != cur.Group || rw.assignee != cur.Assignee) {
			apply(rw.line, incident.Event{At: at, Actor: "export", Type: incident.EventAssign, Group: rw.group, Assignee: rw.assignee})
		}
		if c, ok := reclassify(cur, rw); ok {
			c.At = at
			apply(rw.line, c)
		}
		to, ok := snowStates[rw.state]
		if !ok {
			problems = append(problems, Problem{Line: rw.line, Incident: x.number, What: fmt.Sprintf("unknown incident_state %q", rw.state)})
			continue
		}
		if to == r.Incident().State {
			continue
		}
		e := incident.Event{At: at, Actor: "export", Type: incident.EventTransition, Action: action(to)}
		switch {
		case strings.HasPrefix(string(to), "awaiting_"):
			e.HoldReason = incident.HoldReason(to)
		case to == "resolved":
			e.ResolutionCode = rw.closedCode
		case to == "cancelled":
			e.Reason = "cancelled in the export"
		}
		apply(rw.line, e)
		// Work started is ServiceNow's acknowledgement: the first move to
		// Active is the first response (MTTA), as a comment that says so.
		if cur := r.Incident(); cur.State == "active" && cur.FirstResponseAt.IsZero() {
			apply(rw.line, incident.Event{At: at, Actor: "export", Type: incident.EventComment, FirstResponse: true,
				Note: "work started (incident_state Active)"})
		}
	}
	return r.Incident(), problems
}

// reclassify returns the classify event that brings inc's classification
// to what row rw says, if anything changed: impact and urgency (which
// recompute the priority) and the descriptive fields the report groups by.
// A value the row leaves empty is not a change.
func reclassify(inc incident.Incident, rw row) (incident.Event, bool) {
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

// priorityMismatches compares each incident's exported priority with the
// matrix's priority for its impact and urgency, on its last row.
func priorityMismatches(incidents []exportIncident, m incident.Matrix) []Problem {
	var out []Problem
	for _, x := range incidents {
		last := x.rows[len(x.rows)-1]
		want, err := m.Priority(last.impact, last.urgency)
		if err != nil {
			out = append(out, Problem{Line: last.line, Incident: x.number, What: err.Error()})
			continue
		}
		if want != last.priority {
			out = append(out, Problem{Line: last.line, Incident: x.number,
				What: fmt.Sprintf("priority %s, but impact %d x urgency %d gives %s", last.priority, last.impact, last.urgency, want)})
		}
	}
	return out
}
