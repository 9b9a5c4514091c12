package escalation

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/go-itsm/itsm/sla"
)

// MaxRepeat is the largest Repeat.Times: escalation is finite, so that an
// evaluation does bounded work whatever the policy says.
const MaxRepeat = 100

// Policy is an escalation policy: an ordered chain of steps (levels), the
// incidents it applies to and how the chain repeats. Policies are plain
// data that round-trip through encoding/json; NewSet validates them. A
// policy inside a Set is never modified and is safe for concurrent use.
type Policy struct {
	// Name identifies the policy; unique in a set and part of every Key.
	Name string `json:"name"`
	// When selects the incidents the policy applies to; the zero Selector
	// matches every incident and makes the policy the catch-all.
	When incident.Selector `json:"when"`
	// Steps are the levels, in order; at least one.
	Steps []Step `json:"steps"`
	// Repeat repeats steps from Repeat.From to the last; the zero Repeat
	// does not repeat.
	Repeat Repeat `json:"repeat,omitzero"`
	// Maintenance are the policy's maintenance windows, beside the set's
	// (WithMaintenance): escalation is suppressed inside them.
	Maintenance []Maintenance `json:"maintenance,omitempty"`
}

// Step is one level of a policy: when it becomes due (Trigger), under which
// conditions (When), whom it addresses (Targets) and what it asks for
// (Tasks).
type Step struct {
	// Name identifies the step within its policy; required and unique,
	// because fired keys name it (so reordering steps keeps the record).
	Name    string    `json:"name"`
	Trigger Trigger   `json:"trigger"`
	When    Condition `json:"when,omitzero"`
	Targets []Target  `json:"targets,omitempty"`
	// Tasks default to Notify when empty.
	Tasks []Task `json:"tasks,omitempty"`
	// Channel is the host's word for how to reach the recipients ("phone",
	// "page", "email"); passed through to Due unchanged.
	Channel string `json:"channel,omitempty"`
	// RaiseTo is the priority RaisePriority sets; zero means one level
	// above the incident's current priority.
	RaiseTo incident.Priority `json:"raise_to,omitempty"`
	// OutsideWindow says what the step does when its window (When.Open,
	// When.Closed) is shut at its due time: wait for it to open (the
	// default) or skip. See OutsideWindow.
	OutsideWindow OutsideWindow `json:"outside_window,omitempty"`
	// Fallback are the targets a task of an on_call target goes to when
	// nobody is on call at the time (an on-call gap); without them the
	// task waits for the end of the gap. See Due.Gap.
	Fallback []Target `json:"fallback,omitempty"`
	// RoundRobin sends the step's target-by-target tasks (notify,
	// request_update) to one target at a time instead of all of them: the
	// incident's ID picks the first, each repeat round the next one
	// (PagerDuty's round robin, Grafana OnCall's "notify one by one").
	RoundRobin bool `json:"round_robin,omitempty"`
	// BusinessTime names a calendar (WithCalendars) on whose open time
	// the trigger's After counts: "4h of office hours after the opening".
	// Empty: After is real elapsed time.
	BusinessTime string `json:"business_time,omitempty"`
}

// Trigger says when a step becomes due: After past an anchor instant that On
// names. Which other fields belong to which trigger (a field that does not
// belong is an error, not silently ignored):
//
//	opened, assigned, customer_update, not_acknowledged   After
//	entered, still_in                                      State (required), After
//	sla_used                                               Metric (required), Used (required), SLA, After
//	sla_breached                                           Metric (required), SLA, After
//
// After is real elapsed time, or business time when the step names a
// calendar in Step.BusinessTime; it must not be negative.
type Trigger struct {
	On    On
	After time.Duration
	// State is the lifecycle state of entered and still_in.
	State incident.State
	// Metric is the SLA metric of sla_used and sla_breached.
	Metric sla.Metric
	// Used is the fraction of the goal for sla_used, in (0, 1]: 0.75 for
	// "75% of the resolution time used".
	Used float64
	// SLA names the sla.Policy whose result to read (an OLA's name reads
	// that OLA); empty reads the first SLA (not OLA) result for Metric.
	SLA string
}

type triggerJSON struct {
	On     On                `json:"on"`
	After  duration.Duration `json:"after,omitempty"`
	State  incident.State    `json:"state,omitempty"`
	Metric sla.Metric        `json:"metric,omitempty"`
	Used   float64           `json:"used,omitempty"`
	SLA    string            `json:"sla,omitempty"`
}

// MarshalJSON implements json.Marshaler: On as its word, After as a Go
// duration.
func (t Trigger) MarshalJSON() ([]byte, error) {
	return json.Marshal(triggerJSON{t.On, duration.Duration(t.After), t.State, t.Metric, t.Used, t.SLA})
}

// UnmarshalJSON implements json.Unmarshaler; After may be a Go or an ISO
// 8601 duration. Decoding is strict (see the package doc).
func (t *Trigger) UnmarshalJSON(b []byte) error {
	var j triggerJSON
	if err := invalid.Decode(b, &j, ErrInvalidPolicy); err != nil {
		return err
	}
	*t = Trigger{j.On, time.Duration(j.After), j.State, j.Metric, j.Used, j.SLA}
	return nil
}

// Repeat repeats the steps from From to the last, Times more rounds, each
// round Interval after the previous one: round r of a step is due r x
// Interval after its first due time (Interval is the period of the loop,
// PagerDuty's num_loops with the loop's length made explicit). Every round
// checks its conditions afresh; repeats stop on resolution and on
// acknowledgement (no round after the first is due at or after the first
// acknowledgement; see the package doc).
type Repeat struct {
	// From names the first repeated step; empty repeats the whole chain.
	From string
	// Times is the number of extra rounds, 0 to MaxRepeat.
	Times int
	// Interval is the period between rounds; positive when Times is.
	Interval time.Duration
}

type repeatJSON struct {
	From     string            `json:"from,omitempty"`
	Times    int               `json:"times,omitempty"`
	Interval duration.Duration `json:"interval,omitempty"`
}

// MarshalJSON implements json.Marshaler, with Interval as a Go duration.
func (r Repeat) MarshalJSON() ([]byte, error) {
	return json.Marshal(repeatJSON{r.From, r.Times, duration.Duration(r.Interval)})
}

// UnmarshalJSON implements json.Unmarshaler; Interval may be a Go or an ISO
// 8601 duration. Decoding is strict.
func (r *Repeat) UnmarshalJSON(b []byte) error {
	var j repeatJSON
	if err := invalid.Decode(b, &j, ErrInvalidPolicy); err != nil {
		return err
	}
	*r = Repeat{j.From, j.Times, time.Duration(j.Interval)}
	return nil
}

// Condition restricts a step: the Selector fields are judged on the
// incident as it stands at evaluation (a downgraded incident no longer
// matches a P1 step: de-escalation), the windows at the step's due time on
// a named calendar, in that calendar's time zone (phone in business hours,
// page on-call outside them).
type Condition struct {
	incident.Selector
	// Open names a calendar (WithCalendars) that must be open at the due
	// time.
	Open string `json:"open,omitempty"`
	// Closed names a calendar that must be closed at the due time.
	Closed string `json:"closed,omitempty"`
}

// Target names whom a step addresses. Which fields belong to which kind (a
// field that does not belong is an error):
//
//	person    Person (required)
//	group     Group (empty: the incident's group)
//	role      Role (required), Group (empty: the incident's group)
//	on_call   Schedule (required), Rank
//	members   Group (empty: the incident's group)
//	contacts  (nothing: the incident's customer)
type Target struct {
	Kind     TargetKind `json:"kind"`
	Person   string     `json:"person,omitempty"`
	Group    string     `json:"group,omitempty"`
	Role     string     `json:"role,omitempty"`
	Schedule string     `json:"schedule,omitempty"`
	Rank     Rank       `json:"rank,omitempty"`
	// Turn picks the next or previous member of the on_call rotation
	// instead of whoever is on call (Opsgenie's next and previous on-call
	// users); empty for the current one. Only on_call targets take it.
	Turn Turn `json:"turn,omitempty"`
}

// String formats the target as it appears in keys: "person:ana",
// "group:network" ("group" alone for the incident's group),
// "role:manager@network", "on_call:ops/secondary", "members:network",
// "contacts".
func (t Target) String() string {
	at := func(prefix, group string) string {
		if group == "" {
			return prefix
		}
		return prefix + "@" + group
	}
	switch t.Kind {
	case TargetPerson:
		return "person:" + t.Person
	case TargetGroup:
		if t.Group == "" {
			return "group"
		}
		return "group:" + t.Group
	case TargetRole:
		return at("role:"+t.Role, t.Group)
	case TargetOnCall:
		return "on_call:" + t.Schedule + "/" + t.Rank.String() + t.Turn.suffix()
	case TargetMembers:
		if t.Group == "" {
			return "members"
		}
		return "members:" + t.Group
	case TargetContacts:
		return "contacts"
	}
	return t.Kind.String()
}

// UnmarshalJSON implements json.Unmarshaler; decoding is strict.
func (t *Target) UnmarshalJSON(b []byte) error {
	type plain Target
	return invalid.Decode(b, (*plain)(t), ErrInvalidPolicy)
}

// conditionJSON is Condition's flat JSON form, as encoding/json writes it:
// the Selector's fields beside Open and Closed. It spells the Selector's
// fields out because the strict decoder reads named fields only (a test
// checks that it keeps up with incident.Selector).
type conditionJSON struct {
	Customers  []string            `json:"customers,omitempty"`
	Services   []string            `json:"services,omitempty"`
	Categories []string            `json:"categories,omitempty"`
	Groups     []string            `json:"groups,omitempty"`
	Priorities []incident.Priority `json:"priorities,omitempty"`
	Major      *bool               `json:"major,omitempty"`
	Predicate  string              `json:"predicate,omitempty"`
	Fields     map[string][]string `json:"fields,omitempty"`
	Open       string              `json:"open,omitempty"`
	Closed     string              `json:"closed,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler; decoding is strict.
// Condition needs its own: the embedded Selector's UnmarshalJSON would be
// promoted and capture the whole object, Open and Closed included. It
// reads the flat form that default encoding writes (the Selector's fields
// beside Open and Closed).
func (c *Condition) UnmarshalJSON(b []byte) error {
	var j conditionJSON
	if err := invalid.Decode(b, &j, ErrInvalidPolicy); err != nil {
		return err
	}
	*c = Condition{incident.Selector{Customers: j.Customers, Services: j.Services, Categories: j.Categories,
		Groups: j.Groups, Priorities: j.Priorities, Major: j.Major, Predicate: j.Predicate, Fields: j.Fields}, j.Open, j.Closed}
	return nil
}

// stepJSON is Step's JSON form as the strict decoder reads it, with the
// tasks as raw words: the decoder would read a list of Task (a uint8
// kind) as bytes, and the error would not name the element.
type stepJSON struct {
	Name          string            `json:"name"`
	Trigger       Trigger           `json:"trigger"`
	When          Condition         `json:"when"`
	Targets       []Target          `json:"targets"`
	Tasks         []json.RawMessage `json:"tasks"`
	Channel       string            `json:"channel"`
	RaiseTo       incident.Priority `json:"raise_to"`
	OutsideWindow OutsideWindow     `json:"outside_window"`
	Fallback      []Target          `json:"fallback"`
	RoundRobin    bool              `json:"round_robin"`
	BusinessTime  string            `json:"business_time"`
}

// UnmarshalJSON implements json.Unmarshaler; decoding is strict.
func (s *Step) UnmarshalJSON(b []byte) error {
	var j stepJSON
	if err := invalid.Decode(b, &j, ErrInvalidPolicy); err != nil {
		return err
	}
	tasks, err := decodeWords[Task](j.Tasks, "tasks", ErrInvalidPolicy)
	if err != nil {
		return err
	}
	*s = Step{Name: j.Name, Trigger: j.Trigger, When: j.When, Targets: j.Targets, Tasks: tasks, Channel: j.Channel, RaiseTo: j.RaiseTo,
		OutsideWindow: j.OutsideWindow, Fallback: j.Fallback, RoundRobin: j.RoundRobin, BusinessTime: j.BusinessTime}
	return nil
}

// decodeWords decodes a list of enumeration words element by element, so
// that an error names the element (field[i]).
func decodeWords[T any](elems []json.RawMessage, field string, sentinel error) ([]T, error) {
	if elems == nil {
		return nil, nil
	}
	out := make([]T, len(elems))
	for i, e := range elems {
		if err := json.Unmarshal(e, &out[i]); err != nil {
			path := field + "[" + strconv.Itoa(i) + "]"
			var fe *FieldError
			if errors.As(err, &fe) {
				return nil, invalid.At(path, err, sentinel)
			}
			return nil, &FieldError{Path: path, Value: string(e), Reason: "want a word", Err: sentinel, Cause: err}
		}
	}
	return out, nil
}

// UnmarshalJSON implements json.Unmarshaler; decoding is strict: an
// unknown or repeated key, a wrong type, malformed JSON or an unknown word
// is a *FieldError wrapping ErrInvalidPolicy (and ErrUnknownWord for a
// word) whose path names the field ("steps[1].trigger.aftr"). NewSet
// checks the values.
func (p *Policy) UnmarshalJSON(b []byte) error {
	type plain Policy
	return invalid.Decode(b, (*plain)(p), ErrInvalidPolicy)
}
