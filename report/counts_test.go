package report_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCounts(t *testing.T) {
	feb := func(day int) time.Time { return time.Date(2026, 2, day, 12, 0, 0, 0, ams) }
	apr := func(day int) time.Time { return time.Date(2026, 4, day, 12, 0, 0, 0, ams) }
	tests := []struct {
		name    string
		records []report.Record
		want    report.CountStats
	}{
		{"empty period", nil, report.CountStats{Aging: &report.Aging{}}},
		{"opened and still open", []report.Record{{ID: "a", OpenedAt: at(30, 12, 0)}},
			report.CountStats{Opened: 1, BacklogEnd: 1, Aging: &report.Aging{UpTo5Days: 1}}}, // 36h old at 1 April
		{"opened before, resolved within", []report.Record{{ID: "a", OpenedAt: feb(20), Resolutions: times(at(2, 9, 0))}},
			report.CountStats{Resolved: 1, BacklogStart: 1, Aging: &report.Aging{}}},
		{"opened before, still open: in both backlogs, 39.5 days old", []report.Record{{ID: "a", OpenedAt: feb(20)}},
			report.CountStats{BacklogStart: 1, BacklogEnd: 1, Aging: &report.Aging{Over30Days: 1}}},
		{"resolved, reopened and resolved again within", []report.Record{{ID: "a", OpenedAt: at(2, 9, 0),
			Resolutions: times(at(3, 9, 0), at(6, 9, 0)), Reopenings: times(at(4, 9, 0)), ClosedAt: at(13, 9, 0)}},
			report.CountStats{Opened: 1, Resolved: 2, Reopened: 1, Closed: 1, Aging: &report.Aging{}}},
		{"reopened within and still open", []report.Record{{ID: "a", OpenedAt: feb(20), Resolutions: times(feb(25)), Reopenings: times(at(3, 9, 0))}},
			report.CountStats{Reopened: 1, BacklogEnd: 1, Aging: &report.Aging{Over30Days: 1}}},
		{"cancelled", []report.Record{{ID: "a", OpenedAt: at(2, 9, 0), ClosedAt: at(2, 10, 0), Cancelled: true}},
			report.CountStats{Opened: 1, Cancelled: 1, Aging: &report.Aging{}}},
		{"events at the period's end belong to the next period", []report.Record{{ID: "a", OpenedAt: at(31, 9, 0), Resolutions: times(apr(1).Add(-12 * time.Hour))}},
			report.CountStats{Opened: 1, BacklogEnd: 1, Aging: &report.Aging{UpTo1Day: 1}}},
		{"records outside the period count nothing", []report.Record{
			{ID: "before", OpenedAt: feb(1), Resolutions: times(feb(2)), ClosedAt: feb(10)},
			{ID: "after", OpenedAt: apr(2)}},
			report.CountStats{Aging: &report.Aging{}}},
		{"resolved before the period, closed within", []report.Record{{ID: "a", OpenedAt: feb(1), Resolutions: times(feb(26)), ClosedAt: at(5, 9, 0)}},
			report.CountStats{Closed: 1, Aging: &report.Aging{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := build(t, march(), tt.records...)
			require.NotNil(t, all(t, rep).Counts)
			assert.Equal(t, tt.want, *all(t, rep).Counts)
		})
	}
}

// The backlog reconciles: end = start + opened + reopened - resolved -
// cancelled (every cancellation here is of an open incident), per bucket
// and over the period.
func TestBacklogReconciles(t *testing.T) {
	spec := march()
	spec.Bucket = report.Week
	records := randomRecords(7, 400)
	rep := build(t, spec, records...)
	check := func(c *report.CountStats) {
		assert.Equal(t, c.BacklogStart+c.Opened+c.Reopened-c.Resolved-c.Cancelled, c.BacklogEnd, "%+v", c)
	}
	st := all(t, rep)
	check(st.Counts)
	assert.Positive(t, st.Counts.BacklogEnd)
	for i, b := range group(t, rep, report.KeyAll, report.KeyAll).Buckets {
		check(b.Counts)
		if i > 0 {
			assert.Equal(t, group(t, rep, report.KeyAll, report.KeyAll).Buckets[i-1].Counts.BacklogEnd, b.Counts.BacklogStart)
		}
	}
	var aging int64
	a := st.Counts.Aging
	aging = a.UpTo1Day + a.UpTo5Days + a.UpTo10Days + a.UpTo30Days + a.Over30Days
	assert.Equal(t, st.Counts.BacklogEnd, aging)
}

func TestAgingBoundaries(t *testing.T) {
	end := time.Date(2026, 4, 1, 0, 0, 0, 0, ams)
	day := 24 * time.Hour
	tests := []struct {
		age  time.Duration
		want report.Aging
	}{
		{time.Hour, report.Aging{UpTo1Day: 1}},
		{day - 1, report.Aging{UpTo1Day: 1}},
		{day, report.Aging{UpTo5Days: 1}},
		{5 * day, report.Aging{UpTo10Days: 1}},
		{10 * day, report.Aging{UpTo30Days: 1}},
		{30*day - 1, report.Aging{UpTo30Days: 1}},
		{30 * day, report.Aging{Over30Days: 1}},
	}
	for _, tt := range tests {
		rep := build(t, march(), report.Record{ID: "a", OpenedAt: end.Add(-tt.age)})
		assert.Equal(t, tt.want, *all(t, rep).Counts.Aging, "age %s", tt.age)
	}
}

func TestMonthlyBuckets(t *testing.T) {
	spec := report.Spec{From: time.Date(2026, 1, 15, 0, 0, 0, 0, ams), To: time.Date(2026, 4, 1, 0, 0, 0, 0, ams), Location: ams, Bucket: report.Month}
	rep := build(t, spec,
		report.Record{ID: "a", OpenedAt: time.Date(2026, 1, 31, 23, 30, 0, 0, ams), Resolutions: times(time.Date(2026, 2, 1, 0, 30, 0, 0, ams))},
		report.Record{ID: "b", OpenedAt: time.Date(2026, 3, 31, 23, 59, 0, 0, ams)})
	require.Len(t, rep.Buckets, 3)
	assert.Equal(t, []string{"2026-01", "2026-02", "2026-03"}, []string{rep.Buckets[0].Label, rep.Buckets[1].Label, rep.Buckets[2].Label})
	assert.True(t, rep.Buckets[0].From.Equal(spec.From), "the first bucket is clipped to the period")
	b := group(t, rep, report.KeyAll, report.KeyAll).Buckets
	assert.Equal(t, int64(1), b[0].Counts.Opened)
	assert.Equal(t, int64(1), b[0].Counts.BacklogEnd)
	assert.Equal(t, int64(1), b[1].Counts.Resolved)
	assert.Equal(t, int64(1), b[2].Counts.Opened)
	assert.Nil(t, b[0].Counts.Aging, "aging is for the period's end only")
}

func TestWeekAndDayBuckets(t *testing.T) {
	spec := report.Spec{From: at(28, 0, 0), To: at(31, 0, 0), Location: ams, Bucket: report.Day}
	rep := build(t, spec)
	require.Len(t, rep.Buckets, 3)
	assert.Equal(t, "2026-03-29", rep.Buckets[1].Label)
	assert.Equal(t, 23*time.Hour, rep.Buckets[1].To.Sub(rep.Buckets[1].From), "the spring-forward day has 23 hours")
	spec = report.Spec{From: at(1, 0, 0), To: at(17, 0, 0), Location: ams, Bucket: report.Week}
	rep = build(t, spec)
	// 1 March 2026 is a Sunday: the first bucket is the end of ISO week 9.
	labels := []string{}
	for _, b := range rep.Buckets {
		labels = append(labels, b.Label)
	}
	assert.Equal(t, []string{"2026-W09", "2026-W10", "2026-W11", "2026-W12"}, labels)
	assert.Equal(t, 24*time.Hour, rep.Buckets[0].To.Sub(rep.Buckets[0].From))
}

func TestGroupBy(t *testing.T) {
	spec := march()
	spec.GroupBy = []string{report.KeyPriority, report.KeyGroup, "tier"}
	acc, err := report.NewAccumulator(spec, report.WithKey("tier", func(r report.Record) string {
		if r.Customer == "acme" {
			return "gold"
		}
		return "silver"
	}))
	require.NoError(t, err)
	require.NoError(t, acc.Add(report.Record{ID: "a", Priority: 1, Customer: "acme", OpenedAt: at(2, 9, 0),
		Assignments: []report.Assignment{{At: at(2, 9, 0), Group: "desk"}, {At: at(2, 10, 0), Group: "network"}}}))
	require.NoError(t, acc.Add(report.Record{ID: "b", Priority: 3, OpenedAt: at(3, 9, 0)}))
	require.NoError(t, acc.Add(report.Record{ID: "c", OpenedAt: at(4, 9, 0)}))
	rep := acc.Report()
	require.Len(t, rep.Groupings, 4)
	values := func(i int) []string {
		var v []string
		for _, g := range rep.Groupings[i].Groups {
			v = append(v, g.Value)
		}
		return v
	}
	assert.Equal(t, []string{"all"}, values(0))
	assert.Equal(t, []string{"P1", "P3", "none"}, values(1))
	assert.Equal(t, []string{"", "network"}, values(2), "grouped by the current group")
	assert.Equal(t, []string{"gold", "silver"}, values(3))
	assert.Equal(t, int64(2), group(t, rep, "tier", "silver").Stats.Counts.Opened)

	spec.GroupBy = []string{report.KeyCustomer, report.KeyCategory, report.KeyConfigurationItem, report.KeyService}
	rep = build(t, spec,
		report.Record{ID: "a", Customer: "acme", Category: "email", ConfigurationItem: "mx1", Service: "mail", OpenedAt: at(2, 9, 0)},
		report.Record{ID: "b", Customer: "acme", Category: "network", ConfigurationItem: "mx1", OpenedAt: at(2, 9, 0)})
	assert.Equal(t, int64(2), group(t, rep, report.KeyCustomer, "acme").Stats.Counts.Opened)
	assert.Equal(t, int64(1), group(t, rep, report.KeyCategory, "network").Stats.Counts.Opened)
	assert.Equal(t, int64(2), group(t, rep, report.KeyConfigurationItem, "mx1").Stats.Counts.Opened)
	assert.Equal(t, int64(1), group(t, rep, report.KeyService, "").Stats.Counts.Opened)
}
