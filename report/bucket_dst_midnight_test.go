package report_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Bucket edges and Spec.Previous used time.Date, which puts a midnight
// that a DST change skips before the gap: in Havana, where clocks jump
// from 00:00 to 01:00 on 8 March 2026, time.Date gives 23:00 on the 7th,
// so day buckets failed to advance and NewAccumulator failed. They now
// use calendar.Date, DESIGN's rule: the end of the gap, 01:00.
func TestBucketsAtMidnightDSTGap(t *testing.T) {
	havana := mustLoad("America/Havana")
	day := func(d int) time.Time { return calendar.Date(2026, 3, d, 0, 0, 0, havana) }
	gapEnd := time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC) // 01:00 CDT
	require.True(t, day(8).Equal(gapEnd))

	acc, err := report.NewAccumulator(report.Spec{From: day(6), To: day(10), Location: havana, Bucket: report.Day})
	require.NoError(t, err)
	require.NoError(t, acc.Add(report.Record{ID: "a", OpenedAt: gapEnd.Add(time.Minute)}))
	require.NoError(t, acc.Add(report.Record{ID: "b", OpenedAt: gapEnd.Add(-time.Minute)})) // 23:59 CST on the 7th
	rep := acc.Report()
	var labels []string
	for _, b := range rep.Buckets {
		labels = append(labels, b.Label)
	}
	assert.Equal(t, []string{"2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"}, labels)
	assert.Equal(t, gapEnd, rep.Buckets[2].From)
	assert.Equal(t, 24*time.Hour, rep.Buckets[1].To.Sub(rep.Buckets[1].From), "the 7th is a whole day")
	assert.Equal(t, 23*time.Hour, rep.Buckets[2].To.Sub(rep.Buckets[2].From), "the 8th lost its first hour")
	for i, want := range []int64{0, 1, 1, 0} {
		assert.Equal(t, want, rep.Groupings[0].Groups[0].Buckets[i].Counts.Opened, rep.Buckets[i].Label)
	}

	// The day before a day that starts at the end of a gap.
	prev := report.Spec{From: day(9), To: day(10), Location: havana}.Previous()
	assert.Equal(t, gapEnd, prev.From.UTC())
	assert.Equal(t, day(9), prev.To)
	prev = report.Spec{From: day(8), To: day(9), Location: havana}.Previous()
	assert.Equal(t, day(7).UTC(), prev.From.UTC(), "a day that starts at the gap's end is a whole local day")
}
