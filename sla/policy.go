package sla

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/duration"
)

// Metric names what a target measures. The four below have default clock
// rules; a policy may define other metrics if it gives their Rules.
type Metric string

// The built-in metrics.
const (
	// Respond is time to respond: from opening to the first response to
	// the caller (or the resolution, if that comes first).
	Respond Metric = "respond"
	// Restore is time to restore service: from opening to the first
	// workaround or resolution, paused while on hold.
	Restore Metric = "restore"
	// Resolve is time to resolve: from opening to resolution, paused while
	// on hold.
	Resolve Metric = "resolve"
	// Update is the customer-update cadence: the longest gap allowed
	// between updates to the customer while the incident is open. Every
	// update (an agent's customer-visible comment) closes one cycle and
	// opens the next; each cycle is one gap.
	Update Metric = "update"
)

// Kind says whom a policy binds: the customer (an SLA) or an internal
// department (an OLA). It marshals as "sla" or "ola".
type Kind uint8

// The policy kinds.
const (
	SLA Kind = iota
	OLA
)

var kindWords = []string{"sla", "ola"}

// String returns "sla" or "ola".
func (k Kind) String() string { return word(kindWords, uint8(k)) }

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return marshalWord(kindWords, uint8(k), "kind") }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := parseWord(kindWords, string(b), "kind")
	*k = Kind(v)
	return err
}

// ReopenMode says what reopening a resolved incident does to the resolve and
// restore clocks. It marshals as "continue" or "new_cycle".
type ReopenMode uint8

// The reopen modes.
const (
	// Continue resumes the stopped cycle: the time to resolve counts from
	// the original opening, less the time resolved (ServiceNow's and
	// iTop's behaviour).
	Continue ReopenMode = iota
	// NewCycle closes the cycle with its result and starts a new one with
	// the full goal (Jira Service Management's cycles).
	NewCycle
)

var reopenWords = []string{"continue", "new_cycle"}

// String returns the mode's word.
func (m ReopenMode) String() string { return word(reopenWords, uint8(m)) }

// MarshalText implements encoding.TextMarshaler.
func (m ReopenMode) MarshalText() ([]byte, error) {
	return marshalWord(reopenWords, uint8(m), "reopen")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *ReopenMode) UnmarshalText(b []byte) error {
	v, err := parseWord(reopenWords, string(b), "reopen")
	*m = ReopenMode(v)
	return err
}

// IncidentCalendar names, in Target.Calendar or Policy.Calendar, the
// calendar of the incident itself (the customer's time zone and hours), as
// the set's WithIncidentCalendar option resolves it.
const IncidentCalendar = "incident"

// Target is the goal of one metric for one priority.
type Target struct {
	Metric Metric
	// Priority is the priority the target applies to; 0 makes it the
	// metric's default for priorities without a target of their own.
	Priority incident.Priority
	// Goal is the business time allowed; positive.
	Goal time.Duration
	// Calendar names the calendar on which time accrues: a name given to
	// WithCalendars, IncidentCalendar, or empty for the policy's.
	Calendar string
	// Thresholds are warning levels as fractions of Goal, each in (0, 1];
	// nil takes the policy's.
	Thresholds []float64
}

type targetJSON struct {
	Metric     Metric            `json:"metric"`
	Priority   incident.Priority `json:"priority,omitempty"`
	Goal       duration.Duration `json:"goal"`
	Calendar   string            `json:"calendar,omitempty"`
	Thresholds []float64         `json:"thresholds,omitempty"`
}

// MarshalJSON implements json.Marshaler, with Goal as a Go duration.
func (t Target) MarshalJSON() ([]byte, error) {
	return json.Marshal(targetJSON{t.Metric, t.Priority, duration.Duration(t.Goal), t.Calendar, t.Thresholds})
}

// UnmarshalJSON implements json.Unmarshaler; Goal may be a Go or ISO 8601
// duration.
func (t *Target) UnmarshalJSON(b []byte) error {
	var j targetJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*t = Target{j.Metric, j.Priority, time.Duration(j.Goal), j.Calendar, j.Thresholds}
	return nil
}

// Policy is an SLA with a customer or an OLA between departments: targets
// per metric and priority, the calendar they run on, and when it applies.
// Policies are plain data (they round-trip through encoding/json); NewSet
// validates them.
type Policy struct {
	// Name identifies the policy in results and reports; unique in a set.
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
	// Group is an OLA's assignment group: its clocks run only while the
	// incident is assigned to the group.
	Group string `json:"group,omitempty"`
	// When selects the incidents the policy applies to (the zero
	// incident.Selector: every incident).
	When incident.Selector `json:"when"`
	// Calendar names the default calendar of the targets.
	Calendar string `json:"calendar,omitempty"`
	// Thresholds are the default warning thresholds of the targets.
	Thresholds []float64 `json:"thresholds,omitempty"`
	// Retroactive makes a priority change recompute the clocks from their
	// start with the new priority's targets (ServiceNow's "retroactive
	// start"); otherwise time accrued so far is kept and the new goal
	// applies from the change.
	Retroactive bool `json:"retroactive,omitempty"`
	// Reopen says what reopening does to the resolve and restore clocks.
	Reopen  ReopenMode `json:"reopen,omitempty"`
	Targets []Target   `json:"targets"`
	// Rules replaces the default clock rules of a metric (and is required
	// for metrics without defaults).
	Rules map[Metric]Rules `json:"rules,omitempty"`
}

// Target returns the policy's target for metric m at priority prio: the
// target for that priority, else the metric's default (Priority 0); ok is
// false when neither exists.
func (p *Policy) Target(m Metric, prio incident.Priority) (Target, bool) {
	var fallback *Target
	for i := range p.Targets {
		t := &p.Targets[i]
		if t.Metric != m {
			continue
		}
		if t.Priority == prio {
			return *t, true
		}
		if t.Priority == 0 {
			fallback = t
		}
	}
	if fallback != nil {
		return *fallback, true
	}
	return Target{}, false
}

// metrics returns the policy's metrics in order of first appearance.
func (p *Policy) metrics() []Metric {
	var out []Metric
	for _, t := range p.Targets {
		if !slices.Contains(out, t.Metric) {
			out = append(out, t.Metric)
		}
	}
	return out
}

func (p *Policy) validate(s *Set) error {
	bad := func(field, value, reason string) error {
		return &FieldError{Policy: p.Name, Field: field, Value: value, Reason: reason}
	}
	if p.Name == "" {
		return bad("name", "", "a policy needs a name")
	}
	if p.Kind > OLA {
		return bad("kind", p.Kind.String(), "want sla or ola")
	}
	if p.Kind == OLA && p.Group == "" {
		return bad("group", "", "an OLA needs its assignment group")
	}
	if p.Kind == SLA && p.Group != "" {
		return bad("group", p.Group, "only an OLA has a group; select SLA incidents with when.groups")
	}
	if p.Reopen > NewCycle {
		return bad("reopen", p.Reopen.String(), "want continue or new_cycle")
	}
	if err := validThresholds(p.Thresholds); err != nil {
		return bad("thresholds", fmt.Sprint(p.Thresholds), err.Error())
	}
	if p.When.Predicate != "" && s.predicates[p.When.Predicate] == nil {
		return bad("when.predicate", p.When.Predicate, "no such predicate; register it with WithPredicate")
	}
	if err := p.When.Validate(); err != nil {
		var fe *incident.FieldError
		errors.As(err, &fe)
		return bad("when."+fe.Path, fe.Value, fe.Reason)
	}
	if len(p.Targets) == 0 {
		return bad("targets", "", "a policy needs at least one target")
	}
	seen := map[[2]string]bool{}
	for i, t := range p.Targets {
		field := "targets[" + strconv.Itoa(i) + "]"
		key := [2]string{string(t.Metric), t.Priority.String()}
		switch {
		case t.Metric == "":
			return bad(field+".metric", "", "a target needs a metric")
		case seen[key]:
			return bad(field, string(t.Metric)+" "+t.Priority.String(), "two targets for the same metric and priority")
		case t.Priority > incident.LowestPriority:
			return bad(field+".priority", t.Priority.String(), "priorities are 1 to 5, or 0 for the default")
		case t.Goal <= 0:
			return bad(field+".goal", t.Goal.String(), "a goal must be positive")
		}
		seen[key] = true
		if err := validThresholds(t.Thresholds); err != nil {
			return bad(field+".thresholds", fmt.Sprint(t.Thresholds), err.Error())
		}
		name := t.Calendar
		if name == "" {
			name = p.Calendar
		}
		switch {
		case name == "":
			return bad(field+".calendar", "", "no calendar: name one on the target or the policy")
		case name == IncidentCalendar:
			if s.incidentCalendar == nil {
				return bad(field+".calendar", name, "the incident's calendar needs WithIncidentCalendar")
			}
		case s.calendars[name] == nil:
			return bad(field+".calendar", name, "no such calendar; give it with WithCalendars")
		}
	}
	for _, m := range p.metrics() {
		r, err := p.rules(m)
		if err != nil {
			return err
		}
		if len(r.Stop) == 0 && len(r.Reset) == 0 && len(r.Cancel) == 0 {
			return bad("rules."+string(m), "", "a metric needs a condition that stops its clock")
		}
		if len(r.Start) == 0 && len(r.Reset) == 0 {
			return bad("rules."+string(m), "", "a metric needs a condition that starts its clock")
		}
		if err := r.validate(); err != nil {
			return &FieldError{Policy: p.Name, Field: "rules." + string(m), Value: err.Value, Reason: err.Reason}
		}
	}
	return nil
}

func validThresholds(ps []float64) error {
	for _, p := range ps {
		if !(p > 0 && p <= 1) {
			return fmt.Errorf("each threshold must be in (0, 1]")
		}
	}
	return nil
}
