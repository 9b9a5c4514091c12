package report_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sample is one wall-clock and business-hours duration.
type sample struct{ wall, business time.Duration }

func dist(n int64, mean time.Duration, q *report.Quantiles) report.Distribution {
	return report.Distribution{Count: n, Mean: mean, Quantiles: q}
}

func single(d time.Duration) *report.Quantiles {
	return &report.Quantiles{Median: d, P90: d, P95: d, P99: d}
}

// On the office calendar (Mon-Fri 09:00-17:00; 2 March 2026 is a Monday).
func TestDurations(t *testing.T) {
	h := time.Hour
	tests := []struct {
		name   string
		record report.Record
		// one sample each, or none (zero Distribution)
		mtta, mtrs, mttr, hold []sample
	}{
		{name: "acknowledged by the first response, overnight",
			record: report.Record{ID: "a", OpenedAt: at(2, 16, 0), RespondedAt: at(3, 10, 0)},
			mtta:   []sample{{18 * h, 2 * h}}},
		{name: "no response: acknowledged by the resolution; restored by it too",
			record: report.Record{ID: "a", OpenedAt: at(4, 9, 0), Resolutions: times(at(4, 12, 0))},
			mtta:   []sample{{3 * h, 3 * h}}, mtrs: []sample{{3 * h, 3 * h}}, mttr: []sample{{3 * h, 3 * h}}, hold: []sample{{0, 0}}},
		{name: "resolved before the first response",
			record: report.Record{ID: "a", OpenedAt: at(5, 9, 0), Resolutions: times(at(5, 10, 0)), RespondedAt: at(5, 11, 0)},
			mtta:   []sample{{h, h}}, mtrs: []sample{{h, h}}, mttr: []sample{{h, h}}, hold: []sample{{0, 0}}},
		{name: "restored by a workaround before the resolution",
			record: report.Record{ID: "a", OpenedAt: at(5, 9, 0), RestoredAt: at(5, 9, 30), Resolutions: times(at(6, 9, 0)), RespondedAt: at(5, 9, 10)},
			mtta:   []sample{{10 * time.Minute, 10 * time.Minute}}, mtrs: []sample{{30 * time.Minute, 30 * time.Minute}},
			mttr: []sample{{24 * h, 8 * h}}, hold: []sample{{0, 0}}},
		{name: "reopened: MTTR counts the incident once, at its final resolution",
			record: report.Record{ID: "a", OpenedAt: at(2, 9, 0), RespondedAt: at(2, 9, 0), Resolutions: times(at(2, 13, 0), at(3, 11, 0)), Reopenings: times(at(3, 9, 0))},
			mtta:   []sample{{0, 0}}, mtrs: []sample{{4 * h, 4 * h}}, mttr: []sample{{26 * h, 10 * h}}, hold: []sample{{0, 0}}},
		{name: "paused time: on hold overnight",
			record: report.Record{ID: "a", OpenedAt: at(9, 9, 0), RespondedAt: at(9, 9, 0), Resolutions: times(at(10, 15, 0)),
				Holds: []calendar.Interval{{Start: at(9, 12, 0), End: at(10, 10, 0)}}},
			mtta: []sample{{0, 0}}, mtrs: []sample{{30 * h, 14 * h}}, mttr: []sample{{30 * h, 14 * h}}, hold: []sample{{22 * h, 6 * h}}},
		{name: "resolved while on hold: the hold counts up to the resolution",
			record: report.Record{ID: "a", OpenedAt: at(11, 8, 0), RespondedAt: at(11, 8, 0), Resolutions: times(at(11, 11, 0)),
				Holds: []calendar.Interval{{Start: at(11, 9, 0)}}},
			mtta: []sample{{0, 0}}, mtrs: []sample{{3 * h, 2 * h}}, mttr: []sample{{3 * h, 2 * h}}, hold: []sample{{2 * h, 2 * h}}},
		{name: "a hold after the first resolution counts for the second",
			record: report.Record{ID: "a", OpenedAt: at(16, 9, 0), RespondedAt: at(16, 9, 0), Resolutions: times(at(16, 10, 0), at(16, 14, 0)),
				Reopenings: times(at(16, 11, 0)), Holds: []calendar.Interval{{Start: at(16, 12, 0), End: at(16, 13, 0)}}},
			mtta: []sample{{0, 0}}, mtrs: []sample{{h, h}}, mttr: []sample{{5 * h, 5 * h}}, hold: []sample{{h, h}}},
		{name: "reopened and still open: no resolve sample yet",
			record: report.Record{ID: "a", OpenedAt: at(16, 9, 0), RespondedAt: at(16, 9, 0), Resolutions: times(at(16, 10, 0)),
				Reopenings: times(at(16, 11, 0))},
			mtta: []sample{{0, 0}}, mtrs: []sample{{h, h}}},
		{name: "open incident: nothing to measure",
			record: report.Record{ID: "a", OpenedAt: at(16, 9, 0)}},
		{name: "acknowledged before the period: not this period's",
			record: report.Record{ID: "a", OpenedAt: at(1, 0, 0).Add(-2 * h), RespondedAt: at(1, 0, 0).Add(-h), Resolutions: times(at(2, 10, 0))},
			mtrs:   []sample{{36 * h, h}}, mttr: []sample{{36 * h, h}}, hold: []sample{{0, 0}}},
	}
	summarize := func(s []sample, business bool) report.Distribution {
		if len(s) == 0 {
			return report.Distribution{}
		}
		var sum time.Duration
		var vals []time.Duration
		for _, x := range s {
			v := x.wall
			if business {
				v = x.business
			}
			sum += v
			vals = append(vals, v)
		}
		if len(vals) == 1 {
			return dist(1, vals[0], single(vals[0]))
		}
		// two samples a <= b: R-7 gives a + p (b - a)
		a, b := min(vals[0], vals[1]), max(vals[0], vals[1])
		q := func(p float64) time.Duration { return a + time.Duration(p*float64(b-a)+0.5) }
		return dist(2, sum/2, &report.Quantiles{Median: q(0.5), P90: q(0.9), P95: q(0.95), P99: q(0.99)})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := march()
			spec.Calendar = office(t)
			d := all(t, build(t, spec, tt.record)).Durations
			require.NotNil(t, d)
			for _, m := range []struct {
				name string
				got  report.Clocks
				want []sample
			}{{"mtta", d.MTTA, tt.mtta}, {"mtrs", d.MTRS, tt.mtrs}, {"mttr", d.MTTR, tt.mttr}, {"hold", d.Hold, tt.hold}} {
				assert.Equal(t, summarize(m.want, false), m.got.Wall, "%s wall", m.name)
				require.NotNil(t, m.got.Business, m.name)
				assert.Equal(t, summarize(m.want, true), *m.got.Business, "%s business", m.name)
			}
		})
	}
}

func TestDurationQuantilesR7(t *testing.T) {
	var records []report.Record
	for i, hours := range []int{4, 1, 3, 2} { // MTTR samples 1h..4h, in any order
		records = append(records, report.Record{ID: string(rune('a' + i)), OpenedAt: at(2, 8, 0), Resolutions: times(at(2, 8+hours, 0))})
	}
	d := all(t, build(t, march(), records...)).Durations
	assert.Nil(t, d.MTTR.Business, "no calendar, no business hours")
	// n = 4, h = 3p: median x[1.5] = 2h30m; p90 x[2.7] = 3h42m; p95 x[2.85]
	// = 3h51m; p99 x[2.97] = 3h58m12s (Hyndman and Fan, definition 7).
	assert.Equal(t, dist(4, 150*time.Minute, &report.Quantiles{Median: 150 * time.Minute, P90: 222 * time.Minute,
		P95: 231 * time.Minute, P99: 3*time.Hour + 58*time.Minute + 12*time.Second}), d.MTTR.Wall)
}

func TestDurationsWithoutData(t *testing.T) {
	spec := march()
	spec.Calendar = office(t)
	rep := build(t, spec)
	d := all(t, rep).Durations
	assert.Equal(t, report.Distribution{}, d.MTTR.Wall)
	assert.Equal(t, report.Distribution{}, *d.MTTR.Business)
	for _, row := range rep.Rows() {
		if row.KPI == "mttr_wall_mean" || row.KPI == "mttr_business_p90" || row.KPI == "reopen_rate" {
			assert.False(t, row.Value.Valid, row.KPI)
			assert.Equal(t, "n/a", row.Value.String())
		}
		if row.KPI == "mttr_wall_count" {
			assert.Equal(t, "0", row.Value.String())
		}
	}
}

// Per bucket, durations have a count and a mean, and no quantiles, except
// the wall-clock MTTA and MTTR of the "all" group (the dashboard's trends).
func TestDurationsPerBucket(t *testing.T) {
	spec := march()
	spec.Bucket = report.Week
	rep := build(t, spec,
		report.Record{ID: "a", OpenedAt: at(2, 9, 0), Resolutions: times(at(2, 10, 0))},
		report.Record{ID: "b", OpenedAt: at(2, 9, 0), Resolutions: times(at(2, 12, 0))},
		report.Record{ID: "c", OpenedAt: at(9, 9, 0), Resolutions: times(at(9, 9, 30))})
	b := group(t, rep, report.KeyAll, report.KeyAll).Buckets
	assert.Equal(t, dist(2, 2*time.Hour, &report.Quantiles{Median: 2 * time.Hour, P90: 2*time.Hour + 48*time.Minute,
		P95: 2*time.Hour + 54*time.Minute, P99: 2*time.Hour + 58*time.Minute + 48*time.Second}), b[1].Durations.MTTR.Wall)
	assert.Equal(t, dist(1, 30*time.Minute, single(30*time.Minute)), b[2].Durations.MTTR.Wall)
	assert.Equal(t, report.Distribution{}, b[0].Durations.MTTR.Wall)
	assert.Nil(t, b[1].Durations.MTRS.Wall.Quantiles)
}
