package report

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/sla"
)

// Report is the result of an Accumulator: the KPIs of the period per group
// of each grouping, as a whole and per bucket, and the period-wide
// sections (breaches, availability, recurring incidents). It is a plain
// value that round-trips through JSON losslessly (instants are in UTC;
// Period.Zone says where labels were cut; durations are Go durations;
// derived values such as ratios are written for readers and recomputed on
// reading). Families the spec did not ask for are nil.
type Report struct {
	Period  Period `json:"period"`
	Buckets []Span `json:"buckets"`
	// Groupings holds "all" first, then the spec's GroupBy in order.
	Groupings []Grouping `json:"groupings"`
	// Breaches is the violation analysis (FamilySLA).
	Breaches *Breaches `json:"breaches,omitempty"`
	// Availability lists services by name (FamilyAvailability).
	Availability []ServiceAvailability `json:"availability,omitempty"`
	// Recurring lists the recurring-incident findings, most incidents
	// first (FamilyRecurring).
	Recurring *Recurrences `json:"recurring,omitempty"`
	// Arrivals and Top are the arrival pattern and the services and
	// categories with the most incidents and breaches (FamilyCounts).
	Arrivals *Arrivals `json:"arrivals,omitempty"`
	Top      *Top      `json:"top,omitempty"`
	// Previous and Changes are set by Compare.
	Previous *Period  `json:"previous,omitempty"`
	Changes  []Change `json:"changes,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler: it reads what WriteJSON and
// json.Marshal write, losslessly, and strictly: an unknown key, a key
// given twice, a wrong type, an unknown word or a malformed duration is a
// *FieldError wrapping ErrInvalidReport whose path names the field
// ("groupings[1].groups[0].stats.durations.mttr.wall.mean"). Derived
// values (ratios, availability) are accepted and recomputed, never read.
func (r *Report) UnmarshalJSON(b []byte) error {
	type wire Report // the same fields, without this method
	var w wire
	if err := decodeStrict(b, &w, ErrInvalidReport); err != nil {
		return err
	}
	*r = Report(w)
	return nil
}

// Period describes what a report covers: [From, To) in UTC, the zone of
// its buckets and labels, and the spec's choices.
type Period struct {
	From          time.Time  `json:"from"`
	To            time.Time  `json:"to"`
	Zone          string     `json:"zone"`
	Bucket        BucketSize `json:"bucket"`
	GroupBy       []string   `json:"group_by,omitempty"`
	KPIs          []Family   `json:"kpis"`
	BusinessHours bool       `json:"business_hours,omitempty"`
	// Calendars names the calendars business hours were measured on (see
	// Spec.Calendars); AsOf is the instant backlog aging is measured at.
	Calendars []string  `json:"calendars,omitempty"`
	AsOf      time.Time `json:"as_of,omitzero"`
	// Targets are the spec's targets.
	Targets Targets `json:"targets,omitzero"`
}

type periodJSON struct {
	From          time.Time  `json:"from"`
	To            time.Time  `json:"to"`
	Zone          string     `json:"zone"`
	Bucket        BucketSize `json:"bucket"`
	GroupBy       []string   `json:"group_by,omitempty"`
	KPIs          familyList `json:"kpis"`
	BusinessHours bool       `json:"business_hours,omitempty"`
	Calendars     []string   `json:"calendars,omitempty"`
	AsOf          time.Time  `json:"as_of,omitzero"`
	Targets       Targets    `json:"targets,omitzero"`
}

// UnmarshalJSON implements json.Unmarshaler, strictly (errors wrap
// ErrInvalidReport; an unknown family names its index, "kpis[1]").
func (p *Period) UnmarshalJSON(b []byte) error {
	var j periodJSON
	if err := decodeStrict(b, &j, ErrInvalidReport); err != nil {
		return err
	}
	*p = Period{From: j.From, To: j.To, Zone: j.Zone, Bucket: j.Bucket, GroupBy: j.GroupBy, KPIs: []Family(j.KPIs), BusinessHours: j.BusinessHours,
		Calendars: j.Calendars, AsOf: j.AsOf, Targets: j.Targets}
	return nil
}

// Has reports whether the report holds family f.
func (p Period) Has(f Family) bool { return slices.Contains(p.KPIs, f) }

// Grouping is one breakdown of the KPIs: Key ("all", "priority", a custom
// key) and its groups, sorted by value.
type Grouping struct {
	Key    string  `json:"key"`
	Groups []Group `json:"groups"`
}

// Group is one value of a grouping ("P1", "mail", "" for incidents
// without one) with its KPIs over the period (Stats) and per bucket
// (Buckets, parallel to Report.Buckets).
type Group struct {
	Value string `json:"value"`
	// Calendars names the calendars the group's business hours were
	// measured on (each incident on its own: Record.Calendar).
	Calendars []string `json:"calendars,omitempty"`
	Stats     Stats    `json:"stats"`
	Buckets   []Stats  `json:"buckets"`
}

// Stats holds the KPIs of one group over the period or one bucket, by
// family; a family the spec did not ask for is nil. Per bucket, durations
// have no quantiles and counts no aging.
type Stats struct {
	Counts    *CountStats    `json:"counts,omitempty"`
	Durations *DurationStats `json:"durations,omitempty"`
	Rates     *RateStats     `json:"rates,omitempty"`
	// SLA lists compliance per kind, metric and policy; Policy "*" is the
	// total over the kind's policies for the metric. Only what had a
	// decided cycle in the span is listed.
	SLA []Compliance `json:"sla,omitempty"`
}

// CountStats are the flow and stock counts of the Counts family.
type CountStats struct {
	// Events in the span: openings, resolutions, closures (into a
	// resolved terminal state), cancellations, reopenings.
	Opened    int64 `json:"opened"`
	Resolved  int64 `json:"resolved"`
	Closed    int64 `json:"closed"`
	Cancelled int64 `json:"cancelled"`
	Reopened  int64 `json:"reopened"`
	// BacklogStart and BacklogEnd are the incidents open at the span's
	// start and end.
	BacklogStart int64 `json:"backlog_start"`
	BacklogEnd   int64 `json:"backlog_end"`
	// Aging classes the end backlog by age; nil per bucket.
	Aging *Aging `json:"aging,omitempty"`
}

// BacklogChange is BacklogEnd - BacklogStart.
func (c CountStats) BacklogChange() int64 { return c.BacklogEnd - c.BacklogStart }

// Aging counts the backlog at the period's end by age (the end minus the
// opening, in days of 24 hours): [0, 1), [1, 5), [5, 10), [10, 30) and 30
// days or more.
type Aging struct {
	UpTo1Day   int64 `json:"0-1d"`
	UpTo5Days  int64 `json:"1-5d"`
	UpTo10Days int64 `json:"5-10d"`
	UpTo30Days int64 `json:"10-30d"`
	Over30Days int64 `json:"30d+"`
}

func ageClass(age int64) int {
	const day = int64(24 * time.Hour)
	switch {
	case age < day:
		return 0
	case age < 5*day:
		return 1
	case age < 10*day:
		return 2
	case age < 30*day:
		return 3
	}
	return 4
}

func (g *Aging) add(class int) { *g.class(class)++ }

func (g *Aging) class(i int) *int64 {
	return [...]*int64{&g.UpTo1Day, &g.UpTo5Days, &g.UpTo10Days, &g.UpTo30Days, &g.Over30Days}[i]
}

func (g *Aging) merge(o Aging) {
	for i := 0; i < 5; i++ {
		*g.class(i) += *o.class(i)
	}
}

// DurationStats are the Durations family.
type DurationStats struct {
	// MTTA: opening to acknowledgement (first response, or first
	// resolution if earlier), in the span of the acknowledgement.
	MTTA Clocks `json:"mtta"`
	// MTRS: opening to first restoration of service, in its span.
	MTRS Clocks `json:"mtrs"`
	// MTTR: opening to each resolution in the span (mean time to
	// resolve).
	MTTR Clocks `json:"mttr"`
	// Hold: time on hold between opening and each resolution in the span.
	Hold Clocks `json:"hold"`
}

// Clocks is one duration measured on the wall clock and, when the spec has
// a calendar, in business hours (nil otherwise).
type Clocks struct {
	Wall     Distribution  `json:"wall"`
	Business *Distribution `json:"business,omitempty"`
}

// Distribution summarizes duration samples: their count, their exact mean
// (rounded to the nanosecond) and, over the period, their quantiles. With
// Count 0 there is no data: Mean is 0 and Quantiles nil, rendered "n/a".
type Distribution struct {
	Count     int64
	Mean      time.Duration
	Quantiles *Quantiles
}

// Quantiles are R-7 quantiles (Hyndman and Fan's definition 7).
type Quantiles struct {
	Median, P90, P95, P99 time.Duration
}

type distributionJSON struct {
	Count  int64              `json:"count"`
	Mean   *duration.Duration `json:"mean,omitempty"`
	Median *duration.Duration `json:"median,omitempty"`
	P90    *duration.Duration `json:"p90,omitempty"`
	P95    *duration.Duration `json:"p95,omitempty"`
	P99    *duration.Duration `json:"p99,omitempty"`
}

func durPtr(d time.Duration) *duration.Duration { v := duration.Duration(d); return &v }

// MarshalJSON implements json.Marshaler: the count, and the mean and
// quantiles when there is data.
func (d Distribution) MarshalJSON() ([]byte, error) {
	j := distributionJSON{Count: d.Count}
	if d.Count > 0 {
		j.Mean = durPtr(d.Mean)
	}
	if q := d.Quantiles; q != nil {
		j.Median, j.P90, j.P95, j.P99 = durPtr(q.Median), durPtr(q.P90), durPtr(q.P95), durPtr(q.P99)
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler, strictly (errors wrap
// ErrInvalidReport).
func (d *Distribution) UnmarshalJSON(b []byte) error {
	var j distributionJSON
	if err := decodeStrict(b, &j, ErrInvalidReport); err != nil {
		return err
	}
	val := func(p *duration.Duration) time.Duration {
		if p == nil {
			return 0
		}
		return time.Duration(*p)
	}
	*d = Distribution{Count: j.Count, Mean: val(j.Mean)}
	if j.Median != nil || j.P90 != nil || j.P95 != nil || j.P99 != nil {
		d.Quantiles = &Quantiles{val(j.Median), val(j.P90), val(j.P95), val(j.P99)}
	}
	return nil
}

// RateStats are the Rates family, over the resolutions in the span.
type RateStats struct {
	// Reopen: resolutions later reopened / resolutions.
	Reopen Fraction `json:"reopen"`
	// Reassignment: resolutions of incidents reassigned at least once
	// before / resolutions.
	Reassignment Fraction `json:"reassignment"`
	// Reassignments: reassignments before the resolutions / resolutions
	// (the mean number of reassignments).
	Reassignments Fraction `json:"reassignments"`
	// Escalation: resolutions of incidents escalated at or before the
	// resolution / resolutions.
	Escalation Fraction `json:"escalation"`
	// FirstContact is first contact resolution as ITIL and HDI define
	// it: resolutions at the first contact by the first line — the first
	// resolution, by the first assigned group (one of Spec.FirstLine when
	// set), without reassignment, without escalation, never reopened —
	// / resolutions.
	FirstContact Fraction `json:"first_contact"`
	// FirstGroup is first group resolution, a looser variant: first
	// resolutions by the first assigned group without reassignment
	// (escalated or reopened later or not) / resolutions.
	FirstGroup Fraction `json:"first_group"`
}

// Fraction is Num / Den with its integer parts, so that it merges and
// compares exactly. Den 0 means no data.
type Fraction struct {
	Num int64
	Den int64
}

// Value returns Num / Den; ok is false when Den is 0.
func (f Fraction) Value() (v float64, ok bool) {
	if f.Den == 0 {
		return 0, false
	}
	return float64(f.Num) / float64(f.Den), true
}

type fractionJSON struct {
	Num   int64    `json:"num"`
	Den   int64    `json:"den"`
	Value *float64 `json:"value"`
}

// MarshalJSON implements json.Marshaler: num, den and value (null when
// den is 0).
func (f Fraction) MarshalJSON() ([]byte, error) {
	j := fractionJSON{Num: f.Num, Den: f.Den}
	if v, ok := f.Value(); ok {
		j.Value = &v
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler, strictly (errors wrap
// ErrInvalidReport); value, derived, is ignored.
func (f *Fraction) UnmarshalJSON(b []byte) error {
	var j fractionJSON
	if err := decodeStrict(b, &j, ErrInvalidReport); err != nil {
		return err
	}
	*f = Fraction{j.Num, j.Den}
	return nil
}

// Compliance counts the decided cycles of one metric of one policy (or of
// every policy of a kind, Policy "*") in a span.
type Compliance struct {
	Kind      sla.Kind   `json:"kind"`
	Policy    string     `json:"policy"`
	Metric    sla.Metric `json:"metric"`
	Met       int64      `json:"met"`
	Breached  int64      `json:"breached"`
	Cancelled int64      `json:"cancelled"`
}

// AllPolicies is the Policy of a Compliance totalled over a kind's
// policies.
const AllPolicies = "*"

// Ratio is Met / (Met + Breached); cancelled cycles are excluded.
func (c Compliance) Ratio() Fraction { return Fraction{c.Met, c.Met + c.Breached} }

// Breaches is the violation analysis of the period: every breach counted,
// the largest listed, and who held the incidents when they breached.
type Breaches struct {
	// Total counts the breached cycles whose breach fell in the period.
	Total int64 `json:"total"`
	// Listed are the Spec.BreachLimit breaches with the largest overrun
	// (ties: by incident, policy, kind, metric, cycle).
	Listed []Breach `json:"listed,omitempty"`
	// ByGroup counts breaches by the group that held the incident at the
	// breach, kind and metric; most first.
	ByGroup []GroupBreaches `json:"by_group,omitempty"`
}

// Breach is one breached cycle.
type Breach struct {
	Incident   string
	Priority   incident.Priority
	Service    string
	Customer   string
	Policy     string
	Kind       sla.Kind
	Metric     sla.Metric
	Cycle      int
	BreachedAt time.Time
	Goal       time.Duration
	// Overrun is accrued time beyond the goal when the host evaluated the
	// clock (Outcome.Overrun).
	Overrun time.Duration
	// Group held the incident at BreachedAt ("" if unassigned).
	Group string
	// Timeline is the breached cycle's Outcome.Timeline: how the clock
	// accrued, step by step, so a dispute can be settled.
	Timeline []Moment
}

type breachJSON struct {
	Incident   string            `json:"incident"`
	Priority   incident.Priority `json:"priority,omitempty"`
	Service    string            `json:"service,omitempty"`
	Customer   string            `json:"customer,omitempty"`
	Policy     string            `json:"policy"`
	Kind       sla.Kind          `json:"kind"`
	Metric     sla.Metric        `json:"metric"`
	Cycle      int               `json:"cycle"`
	BreachedAt time.Time         `json:"breached_at"`
	Goal       duration.Duration `json:"goal"`
	Overrun    duration.Duration `json:"overrun"`
	Group      string            `json:"group,omitempty"`
	Timeline   []Moment          `json:"timeline,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (b Breach) MarshalJSON() ([]byte, error) {
	return json.Marshal(breachJSON{b.Incident, b.Priority, b.Service, b.Customer, b.Policy, b.Kind, b.Metric, b.Cycle,
		b.BreachedAt, duration.Duration(b.Goal), duration.Duration(b.Overrun), b.Group, b.Timeline})
}

// UnmarshalJSON implements json.Unmarshaler, strictly (errors wrap
// ErrInvalidReport).
func (b *Breach) UnmarshalJSON(data []byte) error {
	var j breachJSON
	if err := decodeStrict(data, &j, ErrInvalidReport); err != nil {
		return err
	}
	*b = Breach{j.Incident, j.Priority, j.Service, j.Customer, j.Policy, j.Kind, j.Metric, j.Cycle, j.BreachedAt,
		time.Duration(j.Goal), time.Duration(j.Overrun), j.Group, j.Timeline}
	return nil
}

// GroupBreaches counts the breaches of one kind and metric while one
// group held the incidents.
type GroupBreaches struct {
	Group  string     `json:"group"`
	Kind   sla.Kind   `json:"kind"`
	Metric sla.Metric `json:"metric"`
	Count  int64      `json:"count"`
}

// Recurrence is a recurring-incident finding: Threshold or more incidents
// of one service (or configuration item) and category opened within the
// window of one another, in the period.
type Recurrence struct {
	// By is KeyService or KeyConfigurationItem; Value its value.
	By       string `json:"by"`
	Value    string `json:"value"`
	Category string `json:"category"`
	// Count is the incidents that belong to a qualifying window, Total
	// every incident of this key and category opened in the period.
	Count int64 `json:"count"`
	Total int64 `json:"total"`
	// First and Last are the first and last openings among them.
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
	// Incidents lists the first Recurring.MaxIncidents of them, in order
	// of opening.
	Incidents []string `json:"incidents"`
}
