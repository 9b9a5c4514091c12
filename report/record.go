package report

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/sla"
)

// Record is what the report needs of one incident: its grouping keys, its
// milestones, its on-hold intervals, its assignment groups over time and
// its SLA outcomes. NewRecord derives one from an incident's history and
// SLA results; hosts that keep these facts in their own store may fill a
// Record directly. Accumulator.Add checks it and never retains its slices.
//
// All instants are as recorded; events strictly before the period matter
// (an incident opened last month is in this month's opening backlog), so
// a Record holds the incident's whole history, not just the period's part.
type Record struct {
	// ID identifies the incident; required.
	ID string
	// Grouping keys: the incident's values as they stand (its current
	// priority, service...), not as they were at each event.
	Priority          incident.Priority
	Service           string
	ConfigurationItem string
	Customer          string
	Category          string
	// Major marks a major incident: an outage of its Service from
	// OpenedAt until service was restored (see AvailabilitySpec).
	Major bool
	// EscalatedAt is the incident's first hierarchical escalation (zero if
	// none): NewRecord sets it at the first declaration as major or raise
	// of priority after opening; hosts with their own escalation records
	// may set it. A resolution counts as escalated when the escalation
	// came at or before it, so that a report of a past period does not
	// change when an incident is escalated later.
	EscalatedAt time.Time

	// OpenedAt is the opening; required.
	OpenedAt time.Time
	// RespondedAt is the first response to the caller (zero if none).
	RespondedAt time.Time
	// RestoredAt is the first restoration of service: a workaround or the
	// first resolution (zero if none).
	RestoredAt time.Time
	// Resolutions are the instants of every resolution (entering a
	// resolved state from an open one), in order; Reopenings of every
	// reopening (back from resolved to open). They alternate: resolution,
	// reopening, resolution...
	Resolutions []time.Time
	Reopenings  []time.Time
	// ClosedAt is the entry into a terminal state; Cancelled says it was a
	// cancellation (a terminal state that is not resolved) rather than a
	// closure.
	ClosedAt  time.Time
	Cancelled bool
	// Holds are the on-hold intervals [Start, End), in order and disjoint;
	// a zero End means still on hold.
	Holds []calendar.Interval
	// Assignments are the incident's assignment groups: the first group
	// and every change of group after it, in order.
	Assignments []Assignment
	// SLA holds the outcome of every cycle of every SLA/OLA metric.
	SLA []Outcome
	// Calendar is the business calendar of this incident's business-hours
	// durations: the calendar its SLA ran on (NewRecord takes it from the
	// SLA results) or one the host assigns per customer or service. Nil
	// means Spec.Calendar. Spec.Calendars names it in the report.
	Calendar *calendar.Calendar
}

// Assignment is the incident coming to a group at an instant. JSON:
// {"at": ..., "group": ...}.
type Assignment struct {
	At    time.Time `json:"at"`
	Group string    `json:"group"`
}

// Outcome is one cycle of one metric of an SLA or OLA policy, as judged
// when the host evaluated it (sla.Set.Evaluate's now).
type Outcome struct {
	Policy string
	Kind   sla.Kind
	Group  string // an OLA's group
	Metric sla.Metric
	// Cycle is the 1-based cycle number.
	Cycle int
	State sla.State
	// Goal and Accrued are the cycle's goal and business time accrued;
	// Ended is its stop or cancellation (zero while running or paused);
	// BreachedAt the instant accrued time reached the goal.
	Goal       time.Duration
	Accrued    time.Duration
	Ended      time.Time
	BreachedAt time.Time
	// Timeline explains a breached cycle: every clock event of the cycle
	// with the business time accrued at it, and the instants thresholds
	// and the breach were reached (sla.Clock.Timeline). NewRecord fills it
	// for breached cycles only.
	Timeline []Moment
}

// Overrun is how far a breached cycle went over its goal (Accrued - Goal,
// at least 0); 0 for other states.
func (o Outcome) Overrun() time.Duration {
	if o.State != sla.Breached || o.Accrued < o.Goal {
		return 0
	}
	return o.Accrued - o.Goal
}

// CurrentGroup returns the group of the last assignment, "" if none.
func (r *Record) CurrentGroup() string {
	if len(r.Assignments) == 0 {
		return ""
	}
	return r.Assignments[len(r.Assignments)-1].Group
}

// GroupAt returns the group that held the incident at t: the last
// assignment at or before t ("" before the first).
func (r *Record) GroupAt(t time.Time) string {
	g := ""
	for _, a := range r.Assignments {
		if a.At.After(t) {
			break
		}
		g = a.Group
	}
	return g
}

// acknowledgedAt is the first response or, if earlier or the only one,
// the first resolution.
func (r *Record) acknowledgedAt() time.Time {
	ack := r.RespondedAt
	if len(r.Resolutions) > 0 && (ack.IsZero() || r.Resolutions[0].Before(ack)) {
		ack = r.Resolutions[0]
	}
	return ack
}

// restoredAt is RestoredAt or, if earlier or the only one, the first
// resolution.
func (r *Record) restoredAt() time.Time {
	t := r.RestoredAt
	if len(r.Resolutions) > 0 && (t.IsZero() || r.Resolutions[0].Before(t)) {
		t = r.Resolutions[0]
	}
	return t
}

// validate checks r's consistency: its id and opening, then its
// milestones, holds, assignments and SLA outcomes, in that order. It runs
// for every record added, so it builds messages only on failure.
func (r *Record) validate() error {
	if r.ID == "" || len(r.ID) > MaxIDLength {
		return r.fail("id", -1, "", "a record needs the incident's id, at most 1024 bytes")
	}
	if r.OpenedAt.IsZero() || !inRange(r.OpenedAt) {
		return r.fail("opened_at", -1, stamp(r.OpenedAt), "required, within the years 1678 to 2261")
	}
	if err := r.validateMilestones(); err != nil {
		return err
	}
	if err := r.validateHolds(); err != nil {
		return err
	}
	if err := r.validateAssignments(); err != nil {
		return err
	}
	return r.validateOutcomes()
}

// validateMilestones checks that the first response, restoration and
// escalation are not before the opening, that resolutions and
// reopenings alternate in order after it, and that a closure comes after
// them, with a resolution before it unless it is a cancellation.
func (r *Record) validateMilestones() error {
	if err := r.notBefore("responded_at", -1, r.RespondedAt, r.OpenedAt, true); err != nil {
		return err
	}
	if err := r.notBefore("restored_at", -1, r.RestoredAt, r.OpenedAt, true); err != nil {
		return err
	}
	if err := r.notBefore("escalated_at", -1, r.EscalatedAt, r.OpenedAt, true); err != nil {
		return err
	}
	nres, nreo := len(r.Resolutions), len(r.Reopenings)
	if nreo > nres || nreo < nres-1 {
		return r.fail("reopenings", -1, strconv.Itoa(nreo), "resolutions and reopenings must alternate ("+strconv.Itoa(nres)+" resolutions)")
	}
	prev := r.OpenedAt
	for i := 0; i < nres; i++ {
		if err := r.notBefore("resolutions", i, r.Resolutions[i], prev, false); err != nil {
			return err
		}
		prev = r.Resolutions[i]
		if i < nreo {
			if err := r.notBefore("reopenings", i, r.Reopenings[i], prev, false); err != nil {
				return err
			}
			prev = r.Reopenings[i]
		}
	}
	switch {
	case !r.ClosedAt.IsZero():
		if err := r.notBefore("closed_at", -1, r.ClosedAt, prev, false); err != nil {
			return err
		}
		if !r.Cancelled && nres == nreo {
			return r.fail("closed_at", -1, stamp(r.ClosedAt), "a closure needs a resolution before it (or cancelled)")
		}
	case r.Cancelled:
		return r.fail("cancelled", -1, "", "a cancellation needs closed_at")
	}
	return nil
}

// validateHolds checks that the holds follow each other from the
// opening, each ending after its start; only the last may be open.
func (r *Record) validateHolds() error {
	prev := r.OpenedAt
	for i := range r.Holds {
		h := &r.Holds[i]
		if err := r.notBefore("holds[].start", i, h.Start, prev, false); err != nil {
			return err
		}
		if h.End.IsZero() {
			if i != len(r.Holds)-1 {
				return r.fail("holds[].end", i, "", "only the last hold may be open")
			}
			continue
		}
		if err := r.notBefore("holds[].end", i, h.End, h.Start, false); err != nil {
			return err
		}
		prev = h.End
	}
	return nil
}

// validateAssignments checks that the assignments follow each other from
// the opening, each to a named group other than the one before.
func (r *Record) validateAssignments() error {
	prev, group := r.OpenedAt, ""
	for i := range r.Assignments {
		a := &r.Assignments[i]
		if err := r.notBefore("assignments[].at", i, a.At, prev, false); err != nil {
			return err
		}
		if a.Group == "" || a.Group == group {
			return r.fail("assignments[].group", i, a.Group, "each assignment is a change to a named group")
		}
		prev, group = a.At, a.Group
	}
	return nil
}

// validateOutcomes checks each SLA outcome: named, of a known state and
// kind, with no negative time, its instants supported and the one its
// state needs present.
func (r *Record) validateOutcomes() error {
	for i := range r.SLA {
		o := &r.SLA[i]
		switch {
		case o.Policy == "" || o.Metric == "":
			return r.fail("sla[]", i, o.Policy, "an outcome needs its policy and metric")
		case o.State > sla.Cancelled || o.Kind > sla.OLA:
			return r.fail("sla[].state", i, o.State.String(), "unknown state or kind")
		case o.Goal < 0 || o.Accrued < 0:
			return r.fail("sla[].goal", i, o.Goal.String(), "goal and accrued time cannot be negative")
		case !o.Ended.IsZero() && !inRange(o.Ended):
			return r.fail("sla[]", i, stamp(o.Ended), "outside the years 1678 to 2261")
		case !o.BreachedAt.IsZero() && !inRange(o.BreachedAt):
			return r.fail("sla[]", i, stamp(o.BreachedAt), "outside the years 1678 to 2261")
		case o.State == sla.Breached && o.BreachedAt.IsZero():
			return r.fail("sla[].breached_at", i, "", "a breach needs its instant")
		case (o.State == sla.Met || o.State == sla.Cancelled) && o.Ended.IsZero():
			return r.fail("sla[].ended", i, "", "a "+o.State.String()+" cycle needs its end")
		}
	}
	return nil
}

// notBefore checks that t (optional when zero is allowed) is supported
// and not before min.
func (r *Record) notBefore(field string, index int, t, min time.Time, optional bool) error {
	switch {
	case optional && t.IsZero():
		return nil
	case !inRange(t):
		return r.fail(field, index, stamp(t), "outside the years 1678 to 2261")
	case t.Before(min):
		return r.fail(field, index, stamp(t), "is before "+stamp(min))
	}
	return nil
}

// fail returns the *FieldError (wrapping ErrInvalidRecord) of field, under
// the record's path (records["INC-1"].holds[2].end), with index i put
// between its brackets when i >= 0.
func (r *Record) fail(field string, i int, value, reason string) error {
	if i >= 0 {
		if k := strings.Index(field, "[]"); k >= 0 {
			field = field[:k+1] + strconv.Itoa(i) + field[k+1:]
		} else {
			field += "[" + strconv.Itoa(i) + "]"
		}
	}
	return &FieldError{Path: recordPath(r.ID) + "." + field, Value: value, Reason: reason, Err: ErrInvalidRecord}
}

func stamp(t time.Time) string { return t.Format(time.RFC3339Nano) }

// NewRecord derives the Record of an incident from its SLA evaluation (the
// second link of the host's chain, after incident.Replay and
// sla.Set.Evaluate): the incident's Chronicle as of the evaluation instant
// and its SLA results. Nothing is replayed. It takes:
//
//   - the keys and Major from the incident as it stands;
//   - RespondedAt and RestoredAt from its milestones, EscalatedAt from
//     Incident.EscalatedAt (the first declaration as major or raise of
//     priority after opening);
//   - Resolutions and Reopenings from the chronicle's resolutions (a
//     resolution's span ends at its reopening), ClosedAt and Cancelled from
//     the incident;
//   - Holds from the chronicle's holds, a change of hold reason inside a
//     hold being one hold (a hold lasts from entering an on-hold state to
//     leaving every on-hold state);
//   - Assignments from the chronicle's assignments (the first group and
//     every change of group);
//   - one Outcome per cycle of each result (Result.Cycles; a metric that
//     never started gives none);
//   - Calendar from the results: the calendar of the SLA (not OLA) resolve
//     metric's clock, else of the first SLA metric's clock that has one,
//     else of any result's (nil without results: Spec.Calendar applies).
//
// Errors: a *FieldError wrapping ErrInvalidRecord for an evaluation of an
// empty history or one whose record is inconsistent.
func NewRecord(ev sla.Evaluation) (Record, error) {
	c := &ev.Chronicle
	inc := &c.Incident
	if len(c.Entries) == 0 {
		return Record{}, &FieldError{Path: recordPath(inc.ID) + ".history", Reason: "an incident needs its history", Err: ErrInvalidRecord}
	}
	rec := Record{
		ID: inc.ID, Priority: inc.Priority, Service: inc.Service, ConfigurationItem: inc.ConfigurationItem,
		Customer: inc.Customer, Category: inc.Category, Major: inc.Major, EscalatedAt: inc.EscalatedAt,
		OpenedAt: inc.OpenedAt, RespondedAt: inc.FirstResponseAt, RestoredAt: inc.RestoredAt,
		ClosedAt: inc.ClosedAt, Cancelled: !inc.ClosedAt.IsZero() && !inc.Flags.Has(incident.FlagResolved),
	}
	st := newRecordStorage(c, ev.Results)
	st.addLife(c)
	for i := range ev.Results {
		st.addOutcomes(&ev.Results[i], ev.At)
	}
	rec.Calendar = resultCalendar(ev.Results)
	rec.Resolutions, rec.Reopenings = nilIfEmpty(st.resolutions), nilIfEmpty(st.reopenings)
	rec.Holds, rec.Assignments, rec.SLA = nilIfEmpty(st.holds), nilIfEmpty(st.assignments), nilIfEmpty(st.outcomes)
	if err := rec.validate(); err != nil {
		return Record{}, err
	}
	return rec, nil
}

// resultCalendar is the calendar an incident's SLA ran on: that of the
// SLA resolve clock, else the first SLA clock's, else the first clock's.
func resultCalendar(results []sla.Result) *calendar.Calendar {
	var first, firstSLA *calendar.Calendar
	for i := range results {
		r := &results[i]
		c := r.Clock.Goal().Calendar
		if c == nil {
			continue
		}
		if r.Kind == sla.SLA && r.Metric == sla.Resolve {
			return c
		}
		if first == nil {
			first = c
		}
		if firstSLA == nil && r.Kind == sla.SLA {
			firstSLA = c
		}
	}
	if firstSLA != nil {
		return firstSLA
	}
	return first
}

// recordStorage holds the slices of a new Record, each with the room it
// needs, so that NewRecord allocates them together.
type recordStorage struct {
	resolutions, reopenings []time.Time
	holds                   []calendar.Interval
	assignments             []Assignment
	outcomes                []Outcome
}

// smallRecord is the storage of a record with few milestones, allocated in
// one piece: most incidents fit.
type smallRecord struct {
	times       [4]time.Time
	holds       [4]calendar.Interval
	assignments [4]Assignment
	outcomes    [6]Outcome
}

func newRecordStorage(c *incident.Chronicle, results []sla.Result) recordStorage {
	outcomes := 0
	for _, res := range results {
		outcomes += max(len(res.Cycles), 1)
	}
	nres := len(c.Resolutions)
	if 2*nres > 4 || len(c.Holds) > 4 || len(c.Assignments) > 4 || outcomes > 6 {
		return recordStorage{
			resolutions: make([]time.Time, 0, nres), reopenings: make([]time.Time, 0, nres),
			holds: make([]calendar.Interval, 0, len(c.Holds)), assignments: make([]Assignment, 0, len(c.Assignments)),
			outcomes: make([]Outcome, 0, outcomes),
		}
	}
	b := new(smallRecord)
	return recordStorage{
		resolutions: b.times[:0:nres], reopenings: b.times[nres : nres : 2*nres],
		holds: b.holds[:0:len(c.Holds)], assignments: b.assignments[:0:len(c.Assignments)], outcomes: b.outcomes[:0:outcomes],
	}
}

// addLife adds the chronicle's resolutions and reopenings, its holds (one
// hold across a change of reason) and its assignments.
func (st *recordStorage) addLife(c *incident.Chronicle) {
	for _, r := range c.Resolutions {
		st.resolutions = append(st.resolutions, r.Start)
		if !r.End.IsZero() {
			st.reopenings = append(st.reopenings, r.End)
		}
	}
	for _, h := range c.Holds {
		if n := len(st.holds); n > 0 && st.holds[n-1].End.Equal(h.Start) {
			st.holds[n-1].End = h.End // another reason, the same hold
			continue
		}
		st.holds = append(st.holds, calendar.Interval{Start: h.Start, End: h.End})
	}
	for _, a := range c.Assignments {
		st.assignments = append(st.assignments, Assignment{At: a.Start, Group: c.Entries[a.Entry].Effects.GroupTo})
	}
}

// addOutcomes adds an Outcome for each cycle of res that is not pending;
// a breached one carries the moments of its cycle from the clock's
// timeline as of at.
func (st *recordStorage) addOutcomes(res *sla.Result, at time.Time) {
	var timeline []sla.Moment
	cycles := res.Cycles
	if len(cycles) == 0 && res.Status.State != sla.Pending {
		cycles = []sla.Status{res.Status}
	}
	for i, cy := range cycles {
		if cy.State == sla.Pending {
			continue
		}
		n := cy.Cycle
		if n == 0 {
			n = i + 1
		}
		o := Outcome{Policy: res.Policy, Kind: res.Kind, Group: res.Group, Metric: res.Metric,
			Cycle: n, State: cy.State, Goal: cy.Goal, Accrued: cy.Accrued, Ended: cy.Ended, BreachedAt: cy.BreachedAt}
		if cy.State == sla.Breached {
			if timeline == nil {
				timeline = res.Clock.Timeline(at) // once per clock, whatever its breached cycles
			}
			for _, m := range timeline {
				if m.Cycle == n || m.Cycle == 0 {
					o.Timeline = append(o.Timeline, Moment{At: m.At, What: m.What, Accrued: m.Accrued})
				}
			}
		}
		st.outcomes = append(st.outcomes, o)
	}
}

// nilIfEmpty keeps a record without milestones of a kind equal to one
// decoded from JSON (nil, not empty).
func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

type recordJSON struct {
	ID                string             `json:"id"`
	Priority          incident.Priority  `json:"priority,omitempty"`
	Service           string             `json:"service,omitempty"`
	ConfigurationItem string             `json:"configuration_item,omitempty"`
	Customer          string             `json:"customer,omitempty"`
	Category          string             `json:"category,omitempty"`
	Major             bool               `json:"major,omitempty"`
	EscalatedAt       time.Time          `json:"escalated_at,omitzero"`
	OpenedAt          time.Time          `json:"opened_at"`
	RespondedAt       time.Time          `json:"responded_at,omitzero"`
	RestoredAt        time.Time          `json:"restored_at,omitzero"`
	Resolutions       []time.Time        `json:"resolutions,omitempty"`
	Reopenings        []time.Time        `json:"reopenings,omitempty"`
	ClosedAt          time.Time          `json:"closed_at,omitzero"`
	Cancelled         bool               `json:"cancelled,omitempty"`
	Holds             []holdJSON         `json:"holds,omitempty"`
	Assignments       []Assignment       `json:"assignments,omitempty"`
	SLA               []Outcome          `json:"sla,omitempty"`
	Calendar          *calendar.Calendar `json:"calendar,omitempty"`
}

type holdJSON struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end,omitzero"`
}

// MarshalJSON implements json.Marshaler: snake_case keys, zero instants
// omitted (an open hold has no end).
func (r Record) MarshalJSON() ([]byte, error) {
	j := recordJSON{ID: r.ID, Priority: r.Priority, Service: r.Service, ConfigurationItem: r.ConfigurationItem,
		Customer: r.Customer, Category: r.Category, Major: r.Major, EscalatedAt: r.EscalatedAt, OpenedAt: r.OpenedAt,
		RespondedAt: r.RespondedAt, RestoredAt: r.RestoredAt, Resolutions: r.Resolutions,
		Reopenings: r.Reopenings, ClosedAt: r.ClosedAt, Cancelled: r.Cancelled, Assignments: r.Assignments, SLA: r.SLA,
		Calendar: r.Calendar}
	for _, h := range r.Holds {
		j.Holds = append(j.Holds, holdJSON{h.Start, h.End})
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler, strictly: an unknown key, a
// key given twice, a wrong type, an unknown word or a malformed duration
// is a *FieldError wrapping ErrInvalidRecord whose path names the field
// ("holds[0].start", "sla[1].state"). It does not check the record's
// consistency: Accumulator.Add does.
func (r *Record) UnmarshalJSON(b []byte) error {
	var j recordJSON
	if err := decodeStrict(b, &j, ErrInvalidRecord); err != nil {
		return err
	}
	*r = Record{ID: j.ID, Priority: j.Priority, Service: j.Service, ConfigurationItem: j.ConfigurationItem,
		Customer: j.Customer, Category: j.Category, Major: j.Major, EscalatedAt: j.EscalatedAt, OpenedAt: j.OpenedAt,
		RespondedAt: j.RespondedAt, RestoredAt: j.RestoredAt, Resolutions: j.Resolutions,
		Reopenings: j.Reopenings, ClosedAt: j.ClosedAt, Cancelled: j.Cancelled, Assignments: j.Assignments, SLA: j.SLA,
		Calendar: j.Calendar}
	for _, h := range j.Holds {
		r.Holds = append(r.Holds, calendar.Interval{Start: h.Start, End: h.End})
	}
	return nil
}

type outcomeJSON struct {
	Policy     string            `json:"policy"`
	Kind       sla.Kind          `json:"kind"`
	Group      string            `json:"group,omitempty"`
	Metric     sla.Metric        `json:"metric"`
	Cycle      int               `json:"cycle"`
	State      sla.State         `json:"state"`
	Goal       duration.Duration `json:"goal"`
	Accrued    duration.Duration `json:"accrued"`
	Ended      time.Time         `json:"ended,omitzero"`
	BreachedAt time.Time         `json:"breached_at,omitzero"`
	Timeline   []Moment          `json:"timeline,omitempty"`
}

// MarshalJSON implements json.Marshaler (durations as Go durations).
func (o Outcome) MarshalJSON() ([]byte, error) {
	return json.Marshal(outcomeJSON{o.Policy, o.Kind, o.Group, o.Metric, o.Cycle, o.State,
		duration.Duration(o.Goal), duration.Duration(o.Accrued), o.Ended, o.BreachedAt, o.Timeline})
}

// UnmarshalJSON implements json.Unmarshaler, strictly, with errors
// wrapping ErrInvalidRecord (see Record's).
func (o *Outcome) UnmarshalJSON(b []byte) error {
	var j outcomeJSON
	if err := decodeStrict(b, &j, ErrInvalidRecord); err != nil {
		return err
	}
	*o = Outcome{j.Policy, j.Kind, j.Group, j.Metric, j.Cycle, j.State, time.Duration(j.Goal),
		time.Duration(j.Accrued), j.Ended, j.BreachedAt, j.Timeline}
	return nil
}
