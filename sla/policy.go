package sla

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/invalid"
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
	// NextReply is Zendesk's next reply time: from the oldest unanswered
	// message of the caller to the next update to the caller, one cycle
	// per exchange. A second caller message before the answer changes
	// nothing (the exchange is measured from the first); the answer stops
	// the cycle, met or breached, and the caller's next message opens the
	// next cycle. The first response is Respond's, not NextReply's: only
	// messages from the caller open a cycle. Resolving answers too.
	NextReply Metric = "next_reply"
)

// Kind says whom a policy binds: the customer (an SLA) or an internal
// department (an OLA). It marshals as "sla" or "ola".
type Kind uint8

// The policy kinds.
const (
	SLA Kind = iota
	OLA
)

var kindWords = invalid.Words{Type: "Kind", Words: []string{"sla", "ola"}}

// String returns "sla" or "ola" (Kind(n) for an unknown value).
func (k Kind) String() string { return kindWords.String(uint8(k)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an
// error wrapping ErrUnknownWord.
func (k Kind) MarshalText() ([]byte, error) { return kindWords.Marshal(uint8(k), ErrUnknownWord) }

// UnmarshalText implements encoding.TextUnmarshaler; a word other than sla
// and ola is an error wrapping ErrUnknownWord.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := kindWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*k = Kind(v)
	return nil
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

var reopenWords = invalid.Words{Type: "ReopenMode", Words: []string{"continue", "new_cycle"}}

// String returns the mode's word (ReopenMode(n) for an unknown value).
func (m ReopenMode) String() string { return reopenWords.String(uint8(m)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an
// error wrapping ErrUnknownWord.
func (m ReopenMode) MarshalText() ([]byte, error) {
	return reopenWords.Marshal(uint8(m), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler; an unknown word is an
// error wrapping ErrUnknownWord.
func (m *ReopenMode) UnmarshalText(b []byte) error {
	v, err := reopenWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*m = ReopenMode(v)
	return nil
}

// AfterBreach says what a pause happening does to a cycle that has already
// breached (its accrued time has reached the goal). It marshals as
// "pause", "keep_running" or "cancel".
type AfterBreach uint8

// The choices after a breach.
const (
	// PauseAfterBreach: a breached cycle pauses like any other (the
	// default, and ServiceNow's when a definition's pause condition does
	// not test "has breached"). The overrun stops growing while the
	// incident waits.
	PauseAfterBreach AfterBreach = iota
	// KeepRunning: a breached cycle ignores pause happenings and keeps
	// accruing until it stops: the overrun reported is the whole time the
	// customer waited, holds included.
	KeepRunning
	// CancelAfterBreach: a pause happening cancels a breached cycle, as a
	// ServiceNow SLA whose "when to cancel" is "start conditions are not
	// met" is cancelled when the incident leaves the states it runs in;
	// the cycle leaves the compliance figures.
	CancelAfterBreach
)

var afterBreachWords = invalid.Words{Type: "AfterBreach", Words: []string{"pause", "keep_running", "cancel"}}

// String returns the choice's word (AfterBreach(n) for an unknown value).
func (a AfterBreach) String() string { return afterBreachWords.String(uint8(a)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an
// error wrapping ErrUnknownWord.
func (a AfterBreach) MarshalText() ([]byte, error) {
	return afterBreachWords.Marshal(uint8(a), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler; an unknown word is an
// error wrapping ErrUnknownWord.
func (a *AfterBreach) UnmarshalText(b []byte) error {
	v, err := afterBreachWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*a = AfterBreach(v)
	return nil
}

// WhenToCancel says what a cancel happening does, after ServiceNow's "when
// to cancel" choice. It marshals as "cancel_met" or "never".
type WhenToCancel uint8

// The cancel choices.
const (
	// CancelMet: a cancel happening cancels the cycle, which then has no
	// result (the default: ServiceNow's "cancel conditions are met").
	CancelMet WhenToCancel = iota
	// NeverCancel: nothing cancels a cycle (ServiceNow's "never"). A cancel
	// happening (the incident was cancelled) stops the cycle instead, with
	// its result: met within the goal, breached beyond it, so a breach
	// stays on the record. A clock cannot outlive its incident, so it stops
	// rather than running on.
	NeverCancel
)

var whenToCancelWords = invalid.Words{Type: "WhenToCancel", Words: []string{"cancel_met", "never"}}

// String returns the choice's word (WhenToCancel(n) for an unknown value).
func (w WhenToCancel) String() string { return whenToCancelWords.String(uint8(w)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an
// error wrapping ErrUnknownWord.
func (w WhenToCancel) MarshalText() ([]byte, error) {
	return whenToCancelWords.Marshal(uint8(w), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler; an unknown word is an
// error wrapping ErrUnknownWord.
func (w *WhenToCancel) UnmarshalText(b []byte) error {
	v, err := whenToCancelWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*w = WhenToCancel(v)
	return nil
}

// IncidentCalendar names, in Target.Calendar or Policy.Calendar, the
// calendar of the incident itself (the customer's time zone and hours), as
// the set's WithIncidentCalendar option resolves it.
const IncidentCalendar = "incident"

// GroupCalendar names, in Target.Calendar or Policy.Calendar, the calendar
// of the incident's assignment group, as the set's WithGroupCalendars (or
// WithGroupCalendar) option resolves it. The calendar follows the group:
// each assignment period accrues on its own group's calendar, as
// ServiceNow's SLA schedule source does when it names the assignment
// group's schedule. A reassignment ends the clock's run on the old group's
// calendar and opens one on the new group's, so time accrued in Singapore
// stays Singapore time after the incident moves to New York.
const GroupCalendar = "group"

// Target is the goal of one metric for one priority.
type Target struct {
	Metric Metric
	// Priority is the priority the target applies to; 0 makes it the
	// metric's default for priorities without a target of their own.
	Priority incident.Priority
	// Goal is the business time allowed; positive. A target has a Goal or
	// a Due date, not both.
	Goal time.Duration
	// Due makes the goal a date instead: the end of the next business day,
	// or a deadline the host keeps (a negotiated due date). See Due.
	Due *Due
	// Calendar names the calendar on which time accrues: a name given to
	// WithCalendars, IncidentCalendar, GroupCalendar, or empty for the
	// policy's.
	Calendar string
	// Thresholds are warning levels as fractions of Goal, each in (0, 1];
	// nil takes the policy's.
	Thresholds []float64
}

type targetJSON struct {
	Metric     Metric            `json:"metric"`
	Priority   incident.Priority `json:"priority,omitempty"`
	Goal       duration.Duration `json:"goal,omitzero"`
	Due        *Due              `json:"due,omitempty"`
	Calendar   string            `json:"calendar,omitempty"`
	Thresholds []float64         `json:"thresholds,omitempty"`
}

// MarshalJSON implements json.Marshaler, with Goal as a Go duration.
func (t Target) MarshalJSON() ([]byte, error) {
	return json.Marshal(targetJSON{t.Metric, t.Priority, duration.Duration(t.Goal), t.Due, t.Calendar, t.Thresholds})
}

// UnmarshalJSON implements json.Unmarshaler; Goal may be a Go or ISO 8601
// duration. It is strict: an unknown key ("priorty"), a wrong type or a
// malformed duration is a *FieldError naming the path and wrapping
// ErrInvalidPolicy. It decodes only; NewSet validates.
func (t *Target) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var j targetJSON
	if err := invalid.Decode(b, &j, ErrInvalidPolicy); err != nil {
		return err
	}
	*t = Target{j.Metric, j.Priority, time.Duration(j.Goal), j.Due, j.Calendar, j.Thresholds}
	return nil
}

// Due is a goal that is a date: the cycle must end by a deadline rather
// than within a duration. Give BusinessDays (with At, or without it for the
// end of the working day) or Deadline.
//
// When a cycle starts, its deadline is fixed and the goal becomes the
// business time from the cycle's start to the deadline on the target's
// calendar (Between); from then on the clock is judged as any other (the
// status and breach rules of DESIGN.md): a pause moves the breach later by
// the business time paused, thresholds are fractions of that business
// time, and a deadline in closed hours is breached at the close before it,
// the instant the last business minute is used. A deadline at or before
// the start leaves one nanosecond of business time: the cycle is breached
// as soon as the calendar is open. Each cycle (an Update gap, a reset)
// fixes its own deadline from its start (a "retarget" line in the
// timeline, reason "due date").
type Due struct {
	// BusinessDays puts the deadline on the n-th working day of the
	// calendar after the day, in the calendar's zone, on which the cycle
	// starts (1: "the next business day"), skipping closed days and
	// holidays; 1 to 366.
	BusinessDays int `json:"business_days,omitempty"`
	// At is the wall-clock time of the deadline on that day in the
	// calendar's zone ("17:00", "12:30:00"); empty is the end of that
	// day's working hours. A time inside a DST gap is the end of the gap.
	At string `json:"at,omitempty"`
	// Deadline names a deadline the host supplies with WithDeadline (a
	// negotiated due date, a custom field of the incident). An incident
	// the function gives no deadline has no target for the metric: no
	// result, as for a priority without a target.
	Deadline string `json:"deadline,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler. It is strict: an unknown key
// or a wrong type is a *FieldError naming the path and wrapping
// ErrInvalidPolicy. It decodes only; NewSet validates.
func (d *Due) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	type plain Due
	var w plain
	if err := invalid.Decode(b, &w, ErrInvalidPolicy); err != nil {
		return err
	}
	*d = Due(w)
	return nil
}

// validate checks d against the set's deadlines; paths are relative to d.
func (d *Due) validate(r *refs) error {
	switch {
	case d.Deadline != "" && (d.BusinessDays != 0 || d.At != ""):
		return policyError("deadline", d.Deadline, "a due date is business_days (and at) or a deadline, not both")
	case d.Deadline != "":
		if !slices.Contains(r.deadlines, d.Deadline) {
			return policyError("deadline", d.Deadline, "no such deadline (known: "+names(r.deadlines)+"); give it with WithDeadline")
		}
		return nil
	case d.BusinessDays < 1 || d.BusinessDays > 366:
		return policyError("business_days", strconv.Itoa(d.BusinessDays), "want 1 to 366 business days, or a deadline")
	}
	if d.At != "" {
		if _, err := calendar.ParseTimeOfDay(d.At); err != nil {
			return policyError("at", d.At, "want a wall-clock time HH:MM or HH:MM:SS from 00:00 to 24:00")
		}
	}
	return nil
}

// Policy is an SLA with a customer or an OLA between departments: targets
// per metric and priority, the calendar they run on, and when it applies.
// Policies are plain data (they round-trip through encoding/json, and
// decoding is strict: see UnmarshalJSON); NewSet validates them.
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
	Reopen ReopenMode `json:"reopen,omitempty"`
	// AfterBreach says what a pause happening does to a breached cycle
	// (default: it pauses).
	AfterBreach AfterBreach `json:"after_breach,omitempty"`
	// WhenToCancel says what a cancel happening does (default: it cancels).
	WhenToCancel WhenToCancel `json:"when_to_cancel,omitempty"`
	Targets      []Target     `json:"targets"`
	// Rules replaces the default clock rules of a metric (and is required
	// for metrics without defaults).
	Rules map[Metric]Rules `json:"rules,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler. It is strict: an unknown key
// (at any depth: the policy's, a target's, a rule's, a happening's, the
// selector's), a wrong type, an unknown word or a malformed duration is a
// *FieldError naming the JSON path ("targets[1]", "rules.resolve.pause[0].on")
// and wrapping ErrInvalidPolicy (and ErrUnknownWord for a word,
// incident.ErrInvalidSelector for the selector). It decodes only; NewSet
// validates the values and the names they refer to.
func (p *Policy) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	type plain Policy
	var w plain
	if err := invalid.Decode(b, &w, ErrInvalidPolicy); err != nil {
		return err
	}
	*p = Policy(w)
	return nil
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

// refs are what a policy's names may refer to: the set's calendars and
// predicates, the lifecycle's states and hold reasons.
type refs struct {
	calendars   []string // sorted; with IncidentCalendar when the set resolves it
	predicates  []string // sorted
	deadlines   []string // sorted
	states      []incident.State
	holdReasons []incident.HoldReason // empty: the lifecycle takes any lower-case word
}

func newRefs(s *Set) refs {
	var r refs
	for name := range s.calendars {
		r.calendars = append(r.calendars, name)
	}
	if s.incidentCalendar != nil {
		r.calendars = append(r.calendars, IncidentCalendar)
	}
	if s.groupCalendar != nil {
		r.calendars = append(r.calendars, GroupCalendar)
	}
	slices.Sort(r.calendars)
	for name := range s.predicates {
		r.predicates = append(r.predicates, name)
	}
	slices.Sort(r.predicates)
	for name := range s.deadlines {
		r.deadlines = append(r.deadlines, name)
	}
	slices.Sort(r.deadlines)
	def := s.lifecycle.Definition()
	for _, st := range def.States {
		r.states = append(r.states, st.Name)
	}
	r.holdReasons = def.HoldReasons
	return r
}

// names lists names for a message: "a, b, c", or "none".
func names[S ~string](list []S) string {
	out := make([]string, len(list))
	for i, n := range list {
		out[i] = string(n)
	}
	return invalid.Names(out)
}

// validate checks p against what the set gives; paths are relative to the
// policy ("targets[1].goal").
func (p *Policy) validate(s *Set, r *refs) error {
	if err := p.validateSettings(s, r); err != nil {
		return err
	}
	if err := p.validateTargets(r); err != nil {
		return err
	}
	return p.validateRules(r)
}

// validateSettings checks p's name, kind, group, choices, thresholds,
// selector and calendar.
func (p *Policy) validateSettings(s *Set, r *refs) error {
	if p.Name == "" {
		return policyError("name", "", "a policy needs a name")
	}
	if err := invalid.Text("name", p.Name, ErrInvalidPolicy); err != nil {
		return err
	}
	if err := invalid.Text("group", p.Group, ErrInvalidPolicy); err != nil {
		return err
	}
	if p.Kind > OLA {
		return policyError("kind", p.Kind.String(), "want sla or ola")
	}
	if p.Kind == OLA && p.Group == "" {
		return policyError("group", "", "an OLA needs its assignment group")
	}
	if p.Kind == SLA && p.Group != "" {
		return policyError("group", p.Group, "only an OLA has a group; select SLA incidents with when.groups")
	}
	if p.Reopen > NewCycle {
		return policyError("reopen", p.Reopen.String(), "want continue or new_cycle")
	}
	if p.AfterBreach > CancelAfterBreach {
		return policyError("after_breach", p.AfterBreach.String(), "want pause, keep_running or cancel")
	}
	if p.WhenToCancel > NeverCancel {
		return policyError("when_to_cancel", p.WhenToCancel.String(), "want cancel_met or never")
	}
	if err := validThresholds("thresholds", p.Thresholds, ErrInvalidPolicy); err != nil {
		return err
	}
	if err := p.When.Validate(); err != nil {
		return invalid.At("when", err, ErrInvalidPolicy)
	}
	if p.When.Predicate != "" && s.predicates[p.When.Predicate] == nil {
		return policyError("when.predicate", p.When.Predicate, "no such predicate (known: "+names(r.predicates)+"); register it with WithPredicate")
	}
	if p.Calendar != "" {
		if err := r.calendar("calendar", p.Calendar); err != nil {
			return err
		}
	}
	return nil
}

// validateTargets checks p's targets: one per metric and priority, each
// with a positive goal or a due date, and a calendar of its own or the
// policy's.
func (p *Policy) validateTargets(r *refs) error {
	if len(p.Targets) == 0 {
		return policyError("targets", "", "a policy needs at least one target")
	}
	seen := map[[2]string]int{}
	for i, t := range p.Targets {
		path := "targets[" + strconv.Itoa(i) + "]"
		key := [2]string{string(t.Metric), t.Priority.String()}
		if j, ok := seen[key]; ok {
			return policyError(path, string(t.Metric)+" "+t.Priority.String(), "two targets for the same metric and priority (targets["+strconv.Itoa(j)+"] is the first)")
		}
		switch {
		case t.Metric == "":
			return policyError(path+".metric", "", "a target needs a metric")
		case t.Priority > incident.LowestPriority:
			return policyError(path+".priority", strconv.Itoa(int(t.Priority)), "priorities are 1 to 5, or 0 for the default")
		case t.Due != nil && t.Goal != 0:
			return policyError(path+".due", "", "a target has a goal or a due date, not both")
		case t.Due != nil:
			if err := t.Due.validate(r); err != nil {
				return invalid.At(path+".due", err, ErrInvalidPolicy)
			}
		case t.Goal <= 0:
			return policyError(path+".goal", t.Goal.String(), "a goal must be positive")
		}
		seen[key] = i
		if err := validThresholds(path+".thresholds", t.Thresholds, ErrInvalidPolicy); err != nil {
			return err
		}
		switch {
		case t.Calendar != "":
			if err := r.calendar(path+".calendar", t.Calendar); err != nil {
				return err
			}
		case p.Calendar == "":
			return policyError(path+".calendar", "", "no calendar: name one on the target or the policy (known: "+names(r.calendars)+")")
		}
	}
	return nil
}

// validateRules checks the rules of each metric p measures, its own or
// the defaults: each can start and stop its clock, and names only what
// the lifecycle and the set have.
func (p *Policy) validateRules(r *refs) error {
	metrics := p.metrics()
	for _, m := range slices.Sorted(maps.Keys(p.Rules)) {
		if !slices.Contains(metrics, m) {
			return policyError("rules."+string(m), "", "no target measures metric "+strconv.Quote(string(m))+" (targets measure: "+names(metrics)+")")
		}
	}
	for _, m := range metrics {
		rules, own := p.Rules[m]
		if !own {
			var ok bool
			if rules, ok = DefaultRules(p.Kind, m, p.Reopen); !ok {
				i := slices.IndexFunc(p.Targets, func(t Target) bool { return t.Metric == m })
				return policyError("targets["+strconv.Itoa(i)+"].metric", string(m), "no default rules for this metric in an "+p.Kind.String()+
					" (metrics with defaults: "+names(defaultMetrics(p.Kind))+"); give its rules under rules."+string(m))
			}
		}
		if len(rules.Stop) == 0 && len(rules.Reset) == 0 && len(rules.Cancel) == 0 {
			return policyError("rules."+string(m), "", "a metric needs a happening that stops its clock (stop, reset or cancel)")
		}
		if len(rules.Start) == 0 && len(rules.Open) == 0 && len(rules.Reset) == 0 {
			return policyError("rules."+string(m), "", "a metric needs a happening that starts its clock (start, open or reset)")
		}
		if err := rules.validate(r, p.Kind); err != nil {
			if !own {
				// The defaults name what the default lifecycle has; a
				// lifecycle of the host's may lack it.
				err = invalid.At("", err, ErrInvalidPolicy)
				var fe *FieldError
				errors.As(err, &fe)
				fe.Reason += " (in the default rules of " + string(m) + "; give the metric's rules)"
			}
			return invalid.At("rules."+string(m), err, ErrInvalidPolicy)
		}
	}
	return nil
}

// calendar checks that name, at path, is a calendar the set has.
func (r *refs) calendar(path, name string) error {
	if slices.Contains(r.calendars, name) {
		return nil
	}
	reason := "no such calendar (known: " + names(r.calendars) + "); give it with WithCalendars"
	switch name {
	case IncidentCalendar:
		reason = "the incident's calendar needs WithIncidentCalendar"
	case GroupCalendar:
		reason = "the group's calendar needs WithGroupCalendars or WithGroupCalendar"
	}
	return &FieldError{Path: path, Value: name, Reason: reason, Err: ErrInvalidPolicy}
}

// validThresholds checks that each threshold, at path[i], is in (0, 1].
func validThresholds(path string, ps []float64, sentinel error) error {
	for i, p := range ps {
		if !(p > 0 && p <= 1) {
			return &FieldError{Path: path + "[" + strconv.Itoa(i) + "]", Value: strconv.FormatFloat(p, 'g', -1, 64),
				Reason: "each threshold must be in (0, 1]", Err: sentinel}
		}
	}
	return nil
}
