package report_test

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readBack is rep after a trip through JSON: a copy that shares nothing
// with it, as a host reading a stored report has.
func readBack(t *testing.T, rep report.Report) report.Report {
	t.Helper()
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	var back report.Report
	require.NoError(t, json.Unmarshal(b, &back))
	return back
}

// renderAll runs every renderer and Rows on rep.
func renderAll(t *testing.T, rep report.Report) {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, rep.WriteText(&b))
	require.NoError(t, rep.WriteMarkdown(&b))
	require.NoError(t, rep.WriteCSV(&b))
	require.NoError(t, rep.WriteJSON(&b))
	require.NoError(t, rep.WriteHTML(&b))
}

// A report read from JSON whose Buckets list is shorter than its groups'
// buckets panicked in WriteHTML (the charts indexed the labels by the
// groups' buckets). Every renderer now reads buckets through one helper
// that keeps only the buckets with both a span and stats.
func TestRenderMismatchedBuckets(t *testing.T) {
	rep := sampleReport(t)
	require.Len(t, rep.Buckets, 3)
	labels := func(rows []report.Row) map[string]bool {
		seen := map[string]bool{}
		for _, r := range rows {
			seen[r.Bucket] = true
		}
		return seen
	}

	// One trip through JSON (a strict decoding of the whole report is
	// most of this test's time under -race); each case below changes a
	// shallow copy of it, its own slices cloned before they are changed.
	back := readBack(t, rep)

	short := back
	short.Buckets = back.Buckets[:1]
	renderAll(t, short)
	assert.Equal(t, map[string]bool{"": true, "2026-W10": true}, labels(short.Rows()), "rows of buckets without a span are left out")
	var text bytes.Buffer
	require.NoError(t, short.WriteText(&text))
	assert.Contains(t, text.String(), "2026-W10")
	assert.NotContains(t, text.String(), "2026-W11")

	none := back
	none.Buckets = nil
	renderAll(t, none)
	assert.Equal(t, map[string]bool{"": true}, labels(none.Rows()))

	long := back // groups with fewer buckets than the report
	long.Groupings = slices.Clone(back.Groupings)
	for g := range long.Groupings {
		long.Groupings[g].Groups = slices.Clone(long.Groupings[g].Groups)
		for i := range long.Groupings[g].Groups {
			long.Groupings[g].Groups[i].Buckets = long.Groupings[g].Groups[i].Buckets[:2]
		}
	}
	renderAll(t, long)
	assert.Equal(t, map[string]bool{"": true, "2026-W10": true, "2026-W11": true}, labels(long.Rows()))

	empty := back
	empty.Groupings = []report.Grouping{{Key: report.KeyAll, Groups: []report.Group{{Value: report.KeyAll}}}}
	renderAll(t, empty)
}

// A report read from JSON may claim any quantile: the time-to-resolve
// axis of the HTML page is bounded, so the page is written (the axis loop
// used to run forever on a p99 near the largest duration).
func TestRenderHugeQuantile(t *testing.T) {
	rep := readBack(t, sampleReport(t))
	for g := range rep.Groupings {
		for i := range rep.Groupings[g].Groups {
			if d := rep.Groupings[g].Groups[i].Stats.Durations; d != nil && d.MTTR.Wall.Quantiles != nil {
				d.MTTR.Wall.Quantiles.P99 = math.MaxInt64
				d.MTTR.Wall.Quantiles.Median = -time.Hour
			}
		}
	}
	rep.Period.BusinessHours = false
	done := make(chan string, 1)
	go func() {
		var b bytes.Buffer
		_ = rep.WriteHTML(&b)
		done <- b.String()
	}()
	select {
	case page := <-done:
		assert.True(t, strings.HasSuffix(page, "</html>\n"))
	case <-time.After(10 * time.Second):
		t.Fatal("WriteHTML does not return")
	}
}
