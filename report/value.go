package report

import (
	"cmp"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/go-itsm/itsm/sla"
)

// Unit is what a KPI's value measures. It marshals as "count", "ratio",
// "number" or "duration".
type Unit uint8

// The units.
const (
	// UnitCount: a number of incidents or events.
	UnitCount Unit = iota + 1
	// UnitRatio: a share between 0 and 1 (rendered as a percentage).
	UnitRatio
	// UnitNumber: a mean of counts (mean reassignments, burn rate).
	UnitNumber
	// UnitDuration: a time.Duration.
	UnitDuration
)

var unitWords = invalid.Words{Type: "Unit", Words: []string{"", "count", "ratio", "number", "duration"}}

// String returns the unit's word, "" for the zero Unit or "Unit(n)" for an
// unknown value.
func (u Unit) String() string { return unitWords.String(uint8(u)) }

// MarshalText implements encoding.TextMarshaler: the word, "" for the zero
// Unit; an unknown value fails with ErrUnknownWord.
func (u Unit) MarshalText() ([]byte, error) { return unitWords.Marshal(uint8(u), ErrUnknownWord) }

// UnmarshalText implements encoding.TextUnmarshaler: a unit's word or "",
// else ErrUnknownWord listing the words (inside a Report's JSON the error
// wraps ErrInvalidReport too, never ErrInvalidSpec).
func (u *Unit) UnmarshalText(b []byte) error {
	v, err := unitWords.Parse(string(b), ErrUnknownWord)
	if err == nil {
		*u = Unit(v)
	}
	return err
}

// Value is one KPI's value in its unit. Valid is false when the KPI has no
// data (a rate without resolutions, a mean without samples): renderers
// show "n/a", never 0.
type Value struct {
	Unit     Unit
	Valid    bool
	Count    int64         // UnitCount
	Float    float64       // UnitRatio, UnitNumber
	Duration time.Duration // UnitDuration
	// Few marks a quantile over fewer samples than it needs to mean
	// anything (Distribution.Meaningful): the p99 of 5 samples. People's
	// renderers show it with an asterisk and a note.
	Few bool
}

func countValue(n int64) Value { return Value{Unit: UnitCount, Valid: true, Count: n} }

func fractionValue(f Fraction, u Unit) Value {
	v, ok := f.Value()
	return Value{Unit: u, Valid: ok, Float: v}
}

func ratioValue(v float64, ok bool) Value { return Value{Unit: UnitRatio, Valid: ok, Float: v} }

func numberValue(v float64, ok bool) Value { return Value{Unit: UnitNumber, Valid: ok, Float: v} }

func durationValue(d time.Duration, ok bool) Value {
	if !ok {
		return Value{Unit: UnitDuration}
	}
	return Value{Unit: UnitDuration, Valid: true, Duration: d}
}

// String renders v for people: "n/a" without data, counts as integers,
// ratios as percentages with one decimal (more where one would round to
// 100% or 0%), numbers with two decimals, durations in their two largest
// units ("2d 4h", "3h 20m"); a Few quantile ends in "*".
func (v Value) String() string {
	if !v.Valid {
		return "n/a"
	}
	s := "?"
	switch v.Unit {
	case UnitCount:
		s = strconv.FormatInt(v.Count, 10)
	case UnitRatio:
		s = percent(v.Float, 0)
	case UnitNumber:
		s = strconv.FormatFloat(v.Float, 'f', 2, 64)
	case UnitDuration:
		s = humanDuration(v.Duration)
	}
	if v.Few {
		s += footnoteFew
	}
	return s
}

// Exact renders v for data files: "n/a" without data, counts as
// integers, ratios and numbers in full precision (shortest form that reads
// back exactly), durations as exact Go durations.
func (v Value) Exact() string {
	if !v.Valid {
		return "n/a"
	}
	switch v.Unit {
	case UnitCount:
		return strconv.FormatInt(v.Count, 10)
	case UnitRatio, UnitNumber:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	case UnitDuration:
		return v.Duration.String()
	}
	return "?"
}

type valueJSON struct {
	Unit  Unit            `json:"unit"`
	Value json.RawMessage `json:"value"`
	Few   bool            `json:"few,omitempty"`
}

// MarshalJSON implements json.Marshaler: {"unit": ..., "value": ...},
// value null without data, a Go duration string for durations.
func (v Value) MarshalJSON() ([]byte, error) {
	j := valueJSON{Unit: v.Unit, Value: json.RawMessage("null"), Few: v.Few}
	if v.Valid {
		var err error
		switch v.Unit {
		case UnitCount:
			j.Value, err = json.Marshal(v.Count)
		case UnitDuration:
			j.Value, err = json.Marshal(duration.Duration(v.Duration))
		default:
			j.Value, err = json.Marshal(v.Float)
		}
		if err != nil {
			return nil, err
		}
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler, strictly: an unknown key or
// unit, or a value that is not of its unit's type (a whole number for
// counts, a number for ratios and numbers, a duration for durations) is a
// *FieldError wrapping ErrInvalidReport.
func (v *Value) UnmarshalJSON(b []byte) error {
	var j valueJSON
	if err := decodeStrict(b, &j, ErrInvalidReport); err != nil {
		return err
	}
	out := Value{Unit: j.Unit, Few: j.Few}
	if len(j.Value) == 0 || string(j.Value) == "null" {
		*v = out
		return nil
	}
	out.Valid = true
	var w struct {
		Count    int64             `json:"count"`
		Float    float64           `json:"float"`
		Duration duration.Duration `json:"duration"`
	}
	var key string
	switch j.Unit {
	case UnitCount:
		key = "count"
	case UnitDuration:
		key = "duration"
	case UnitRatio, UnitNumber:
		key = "float"
	default:
		return &FieldError{Path: "value", Value: string(j.Value), Reason: "a value needs its unit", Err: ErrInvalidReport}
	}
	// The value is decoded as the one field of its type, so that its
	// error is the strict decoder's; the path is "value".
	if err := invalid.Decode([]byte(`{"`+key+`":`+string(j.Value)+`}`), &w, ErrInvalidReport); err != nil {
		var fe *FieldError
		if errors.As(err, &fe) && fe.Err == ErrInvalidReport {
			e := *fe
			e.Path = "value"
			return &e
		}
		return invalid.At("value", err, ErrInvalidReport)
	}
	out.Count, out.Float, out.Duration = w.Count, w.Float, time.Duration(w.Duration)
	*v = out
	return nil
}

// Row is one KPI of one group in one span: the tidy form of a report
// (one row per grouping, group, bucket and KPI) that CSV and comparisons
// use. Bucket is "" for the whole period.
type Row struct {
	Grouping string `json:"grouping"`
	Group    string `json:"group"`
	Bucket   string `json:"bucket"`
	KPI      string `json:"kpi"`
	Value    Value  `json:"value"`
}

// Rows returns the report as tidy rows: for each grouping and group, the
// period's KPIs then each bucket's (none when the bucket is the whole
// period; a bucket missing from Report.Buckets or from the group's, as in
// a hand-edited JSON report, is left out), then availability (grouping
// "availability", one group per service). KPI names are listed in the
// package doc.
func (r Report) Rows() []Row {
	var out []Row
	for _, g := range r.Groupings {
		for _, grp := range g.Groups {
			for _, kv := range statRows(grp.Stats, true) {
				out = append(out, Row{g.Key, grp.Value, "", kv.kpi, kv.value})
			}
			if r.Period.Bucket == Whole {
				continue // the one bucket is the period
			}
			spans, stats := r.bucketStats(grp)
			for i, st := range stats {
				for _, kv := range statRows(st, false) {
					out = append(out, Row{g.Key, grp.Value, spans[i].Label, kv.kpi, kv.value})
				}
			}
		}
	}
	for _, s := range r.Availability {
		for _, kv := range availabilityRows(s) {
			out = append(out, Row{"availability", s.Service, "", kv.kpi, kv.value})
		}
	}
	return out
}

type kpiValue struct {
	kpi   string
	value Value
}

var durationNames = [nMetric]string{"mtta", "mtrs", "mttr", "hold"}

// statRows lists st's KPIs: counts, durations, rates, then SLA
// compliance. period says st is a whole period's: only then are the
// quantiles listed (a bucket's rows have each duration's count and mean).
func statRows(st Stats, period bool) []kpiValue {
	var out []kpiValue
	if c := st.Counts; c != nil {
		out = appendCountRows(out, c)
	}
	if d := st.Durations; d != nil {
		out = appendDurationRows(out, d, period)
	}
	if r := st.Rates; r != nil {
		out = appendRateRows(out, r)
	}
	return appendSLARows(out, st.SLA)
}

// appendCountRows appends the counts, with the backlog's aging when c has
// it.
func appendCountRows(out []kpiValue, c *CountStats) []kpiValue {
	out = append(out,
		kpiValue{"opened", countValue(c.Opened)},
		kpiValue{"resolved", countValue(c.Resolved)},
		kpiValue{"closed", countValue(c.Closed)},
		kpiValue{"cancelled", countValue(c.Cancelled)},
		kpiValue{"reopened", countValue(c.Reopened)},
		kpiValue{"backlog_start", countValue(c.BacklogStart)},
		kpiValue{"backlog_end", countValue(c.BacklogEnd)},
		kpiValue{"backlog_change", countValue(c.BacklogChange())})
	if g := c.Aging; g != nil {
		out = append(out,
			kpiValue{"backlog_age_0_1d", countValue(g.UpTo1Day)},
			kpiValue{"backlog_age_1_5d", countValue(g.UpTo5Days)},
			kpiValue{"backlog_age_5_10d", countValue(g.UpTo10Days)},
			kpiValue{"backlog_age_10_30d", countValue(g.UpTo30Days)},
			kpiValue{"backlog_age_30d_plus", countValue(g.Over30Days)})
	}
	return out
}

// appendDurationRows appends each duration's rows on each clock it was
// measured on: wall, then business hours when d has them.
func appendDurationRows(out []kpiValue, d *DurationStats, period bool) []kpiValue {
	for m, c := range []Clocks{d.MTTA, d.MTRS, d.MTTR, d.Hold} {
		for _, clock := range []struct {
			name string
			dist *Distribution
		}{{"wall", &c.Wall}, {"business", c.Business}} {
			if clock.dist != nil {
				out = appendDistributionRows(out, durationNames[m]+"_"+clock.name+"_", clock.dist, period)
			}
		}
	}
	return out
}

// appendDistributionRows appends dist's count and mean and, for a period,
// its quantiles (n/a without them), each marked Few when dist has too few
// samples for it.
func appendDistributionRows(out []kpiValue, prefix string, dist *Distribution, period bool) []kpiValue {
	out = append(out,
		kpiValue{prefix + "count", countValue(dist.Count)},
		kpiValue{prefix + "mean", durationValue(dist.Mean, dist.Count > 0)})
	if !period {
		return out
	}
	q := dist.Quantiles
	ok := q != nil
	if q == nil {
		q = &Quantiles{}
	}
	for _, x := range []struct {
		name string
		p    int
		v    time.Duration
	}{{"median", 50, q.Median}, {"p90", 90, q.P90}, {"p95", 95, q.P95}, {"p99", 99, q.P99}} {
		val := durationValue(x.v, ok)
		val.Few = ok && !dist.Meaningful(x.p)
		out = append(out, kpiValue{prefix + x.name, val})
	}
	return out
}

// appendRateRows appends the rates over the resolutions.
func appendRateRows(out []kpiValue, r *RateStats) []kpiValue {
	return append(out,
		kpiValue{"reopen_rate", fractionValue(r.Reopen, UnitRatio)},
		kpiValue{"reassignment_rate", fractionValue(r.Reassignment, UnitRatio)},
		kpiValue{"mean_reassignments", fractionValue(r.Reassignments, UnitNumber)},
		kpiValue{"escalation_rate", fractionValue(r.Escalation, UnitRatio)},
		kpiValue{"first_contact_resolution", fractionValue(r.FirstContact, UnitRatio)},
		kpiValue{"first_group_resolution", fractionValue(r.FirstGroup, UnitRatio)})
}

// appendSLARows appends the headline sla_compliance and sla_breached,
// then per kind, policy and metric the compliance and the met, breached
// and cancelled cycles; nothing when list is empty.
func appendSLARows(out []kpiValue, list []Compliance) []kpiValue {
	if len(list) == 0 {
		return out
	}
	all := slaTotal(list)
	out = append(out,
		kpiValue{"sla_compliance", fractionValue(all.Ratio(), UnitRatio)},
		kpiValue{"sla_breached", countValue(all.Breached)})
	for _, c := range list {
		prefix := c.Kind.String() + "." + c.Policy + "." + string(c.Metric) + "."
		out = append(out,
			kpiValue{prefix + "compliance", fractionValue(c.Ratio(), UnitRatio)},
			kpiValue{prefix + "met", countValue(c.Met)},
			kpiValue{prefix + "breached", countValue(c.Breached)},
			kpiValue{prefix + "cancelled", countValue(c.Cancelled)})
	}
	return out
}

func availabilityRows(s ServiceAvailability) []kpiValue {
	out := []kpiValue{
		{"availability", ratioValue(s.Availability())},
		{"agreed_time", durationValue(s.AgreedTime, true)},
		{"maintenance", durationValue(s.Maintenance, true)},
		{"downtime", durationValue(s.Downtime, true)},
		{"breaks", countValue(s.Breaks)},
		{"mtbf", durationValue(s.MTBF())},
		{"mtbsi", durationValue(s.MTBSI())},
	}
	if s.Target != 0 {
		out = append(out,
			kpiValue{"error_budget", durationValue(s.ErrorBudget())},
			kpiValue{"budget_remaining", ratioValue(s.BudgetRemaining())},
			kpiValue{"burn_rate", numberValue(s.BurnRate())})
	}
	return out
}

// polarity says whether a larger value of kpi is better (1), worse (-1)
// or neither (0).
func polarity(kpi string) int {
	switch {
	case kpi == "first_contact_resolution", kpi == "first_group_resolution", kpi == "sla_compliance", kpi == "availability", kpi == "budget_remaining",
		kpi == "mtbf", kpi == "mtbsi", strings.HasSuffix(kpi, ".compliance"):
		return 1
	case kpi == "reopened", kpi == "sla_breached", kpi == "backlog_end", kpi == "backlog_change", kpi == "backlog_age_30d_plus",
		strings.HasSuffix(kpi, "_rate"), kpi == "mean_reassignments",
		kpi == "downtime", kpi == "breaks", strings.HasSuffix(kpi, ".breached"),
		(strings.HasPrefix(kpi, "mtta_") || strings.HasPrefix(kpi, "mtrs_") || strings.HasPrefix(kpi, "mttr_") ||
			strings.HasPrefix(kpi, "hold_")) && !strings.HasSuffix(kpi, "_count"):
		return -1
	}
	return 0
}

// Change compares one KPI of one group over two periods.
type Change struct {
	Grouping string `json:"grouping"`
	Group    string `json:"group"`
	KPI      string `json:"kpi"`
	Current  Value  `json:"current"`
	Previous Value  `json:"previous"`
	// Delta is Current - Previous in the KPI's unit (a difference of
	// ratios is in fractions: 0.05 is five percentage points); invalid
	// unless both are valid.
	Delta Value `json:"delta"`
	// Direction is "up", "down" or "flat"; "" when Delta is invalid.
	Direction string `json:"direction,omitempty"`
	// Assessment is "better", "worse" or "same" for KPIs where one
	// direction is good (lower MTTR, higher compliance); "" for the others
	// (volumes) and without Delta.
	Assessment string `json:"assessment,omitempty"`
}

// Compare returns r with Previous set to previous's period and Changes
// comparing every whole-period KPI of r (and availability) with the same
// grouping, group and KPI in previous (invalid where previous lacks it).
// Build previous from Spec.Previous for a like-for-like comparison.
func (r Report) Compare(previous Report) Report {
	type key struct{ grouping, group, kpi string }
	old := map[key]Value{}
	for _, row := range previous.Rows() {
		if row.Bucket == "" {
			old[key{row.Grouping, row.Group, row.KPI}] = row.Value
		}
	}
	out := r
	p := previous.Period
	out.Previous = &p
	out.Changes = nil
	for _, row := range r.Rows() {
		if row.Bucket != "" {
			continue
		}
		prev, ok := old[key{row.Grouping, row.Group, row.KPI}]
		if !ok {
			prev = Value{Unit: row.Value.Unit}
		}
		out.Changes = append(out.Changes, change(row, prev))
	}
	return out
}

func change(row Row, prev Value) Change {
	c := Change{Grouping: row.Grouping, Group: row.Group, KPI: row.KPI, Current: row.Value, Previous: prev,
		Delta: Value{Unit: row.Value.Unit}}
	cur := row.Value
	if !cur.Valid || !prev.Valid || cur.Unit != prev.Unit {
		return c
	}
	c.Delta.Valid = true
	sign := 0
	switch cur.Unit {
	case UnitCount:
		c.Delta.Count = cur.Count - prev.Count
		sign = cmp.Compare(cur.Count, prev.Count)
	case UnitDuration:
		c.Delta.Duration = cur.Duration - prev.Duration
		sign = cmp.Compare(cur.Duration, prev.Duration)
	default:
		c.Delta.Float = cur.Float - prev.Float
		switch {
		case cur.Float > prev.Float:
			sign = 1
		case cur.Float < prev.Float:
			sign = -1
		}
	}
	c.Direction = [...]string{"down", "flat", "up"}[sign+1]
	if pol := polarity(row.KPI); pol != 0 {
		c.Assessment = [...]string{"worse", "same", "better"}[sign*pol+1]
	}
	return c
}

// slaTotal sums the cycles of every metric of every SLA (not OLA)
// policy: the headline SLA compliance, sla_compliance.
func slaTotal(list []Compliance) Compliance {
	t := Compliance{Kind: sla.SLA, Policy: AllPolicies, Metric: "*"}
	for _, c := range list {
		if c.Kind == sla.SLA && c.Policy == AllPolicies {
			t.Met += c.Met
			t.Breached += c.Breached
			t.Cancelled += c.Cancelled
		}
	}
	return t
}
