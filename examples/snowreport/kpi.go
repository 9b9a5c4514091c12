package main

import (
	"encoding/json"
	"math"
	"slices"
)

// Report is what snowreport computes from an export. Its JSON form is the
// -format json output; text and markdown render the same values.
type Report struct {
	Source    string `json:"source"`
	Rows      int    `json:"rows"`         // data rows in the file
	Applied   int    `json:"rows_applied"` // rows whose values were taken
	Skipped   int    `json:"rows_skipped"` // rows counted in the data-quality section instead
	Incidents int    `json:"incidents"`
	AsOf      string `json:"as_of"` // latest sys_updated_at, UTC
	Dates     string `json:"dates"` // how dd-MM / MM-dd dates were read
	Lifecycle string `json:"lifecycle"`

	KPIs        []KPI         `json:"kpis"`
	States      []Count       `json:"states"`
	Backlog     []Count       `json:"backlog_age"`
	Resolve     []ResolveRow  `json:"time_to_resolve"`
	Transitions Matrix        `json:"transitions"`
	Reassign    []Count       `json:"reassignment_count"`
	Reopen      []Count       `json:"reopen_count"`
	Observed    []KPI         `json:"observed_in_rows"`
	Quality     QualityReport `json:"data_quality"`

	outOfOrder int // incidents whose rows were read out of order (sorted after the read)
}

// KPI is one figure with its definition.
type KPI struct {
	Name       string `json:"name"`
	Value      Number `json:"value"`
	Unit       string `json:"unit,omitempty"`
	Definition string `json:"definition"`
}

// Count is a label and how many.
type Count struct {
	Label string `json:"label"`
	N     int    `json:"n"`
}

// ResolveRow is time to resolve for one priority (or "all"), in hours.
type ResolveRow struct {
	Priority  string `json:"priority"`
	Incidents int    `json:"incidents"`
	Resolved  int    `json:"resolved_or_closed"`
	N         int    `json:"n"`
	Unknown   int    `json:"unknown"`
	Mean      Number `json:"mean_h"`
	Median    Number `json:"median_h"`
	P90       Number `json:"p90_h"`
}

// Number is a figure that may be undefined (a mean of nothing): NaN, which
// JSON writes as null and text as "n/a".
type Number float64

// MarshalJSON writes NaN as null.
func (n Number) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(n)) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(n))
}

// UnmarshalJSON reads null as NaN.
func (n *Number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = Number(math.NaN())
		return nil
	}
	return json.Unmarshal(b, (*float64)(n))
}

// Matrix counts moves between states: Counts[i][j] moves from States[i]
// to States[j].
type Matrix struct {
	States []string `json:"states"`
	Counts [][]int  `json:"counts"`
}

// QualityReport counts what the tool did not take as it stands.
type QualityReport struct {
	Skipped           []Count `json:"rows_skipped"`
	Ignored           []Count `json:"values_ignored"`
	Moves             []Count `json:"moves_lifecycle_lacks"`
	UnknownResolution []Count `json:"resolution_time_unknown"`
	Findings          int     `json:"findings"`
}

// Definitions of the KPIs, written into every report.
const (
	defLatest = "Each incident's fields are those of its latest row (by sys_updated_at, then sys_mod_count, then file order) in which the field is readable; an empty value counts as the value."
	defTTR    = "resolved_at - opened_at, wall clock, for incidents in state Resolved or Closed; unknown (counted, excluded) when resolved_at is empty, opened_at missing or resolved_at before opened_at. Median and p90 interpolate linearly between ranks (pandas' default)."
)

func sumOnHold(states [nodeCount]int) int {
	n := 0
	for s := nodeOnHold; s <= nodeAwaitingEvidence; s++ {
		n += states[s]
	}
	return n
}

// sortedCounts lists m by count, highest first, then label.
func sortedCounts(m map[string]int) []Count {
	out := []Count{}
	for k, v := range m {
		out = append(out, Count{k, v})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if a.N != b.N {
			return b.N - a.N
		}
		if a.Label < b.Label {
			return -1
		}
		return 1
	})
	return out
}

type stats struct {
	n                 int
	mean, median, p90 Number // hours; NaN when n is 0
}

// durationStats summarises durations in seconds, in hours. The mean is
// exact (an integer sum); quantiles interpolate linearly between the
// closest ranks, as pandas' and numpy's default ("linear") does.
func durationStats(d []int64) stats {
	nan := Number(math.NaN())
	s := stats{n: len(d), mean: nan, median: nan, p90: nan}
	if len(d) == 0 {
		return s
	}
	sorted := slices.Clone(d)
	slices.Sort(sorted)
	var sum int64
	for _, v := range sorted {
		sum += v
	}
	s.mean = Number(float64(sum) / float64(len(sorted)) / 3600)
	s.median = Number(quantile(sorted, 0.5) / 3600)
	s.p90 = Number(quantile(sorted, 0.9) / 3600)
	return s
}

func quantile(sorted []int64, q float64) float64 {
	h := float64(len(sorted)-1) * q
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return float64(sorted[lo])
	}
	return float64(sorted[lo]) + (h-float64(lo))*float64(sorted[lo+1]-sorted[lo])
}
