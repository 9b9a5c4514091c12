package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./report -update to create it")
	assert.Equal(t, string(want), string(got), "%s differs; run go test ./report -update if the change is intended", name)
}

// sampleReport covers three ISO weeks of March 2026 (2 to 23 March),
// grouped by priority (P1 to P3), on the office calendar, compared with
// the three weeks before, over the same 60 random incidents.
func sampleReport(t *testing.T) report.Report {
	t.Helper()
	spec := fullSpec(t)
	spec.From, spec.To = at(2, 0, 0), at(23, 0, 0)
	spec.GroupBy = []string{report.KeyPriority}
	spec.BreachLimit = 5
	records := randomRecords(42, 60)
	for i := range records {
		if p := records[i].Priority; p > 3 {
			records[i].Priority = p - 3
		}
	}
	outage := report.Window{Service: "vpn", Start: at(3, 10, 0), End: at(3, 12, 30)}
	build := func(s report.Spec) report.Report {
		acc, err := report.NewAccumulator(s)
		require.NoError(t, err)
		for _, r := range records {
			require.NoError(t, acc.Add(r))
		}
		require.NoError(t, acc.AddOutage(outage))
		return acc.Report()
	}
	return build(spec).Compare(build(spec.Previous()))
}

func TestRenderGolden(t *testing.T) {
	rep := sampleReport(t)
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"report.txt", func(b *bytes.Buffer) error { return rep.WriteText(b) }},
		{"report.md", func(b *bytes.Buffer) error { return rep.WriteMarkdown(b) }},
		{"report.csv", func(b *bytes.Buffer) error { return rep.WriteCSV(b) }},
		{"report.json", func(b *bytes.Buffer) error { return rep.WriteJSON(b) }},
		{"report.html", func(b *bytes.Buffer) error { return rep.WriteHTML(b) }},
	} {
		t.Run(f.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, f.write(&b))
			golden(t, f.name, b.Bytes())
		})
	}
}

// An empty period renders, saying there is no data rather than showing
// zeros where a value would be meaningless.
func TestRenderEmptyGolden(t *testing.T) {
	spec := march()
	spec.Calendar = office(t)
	rep := build(t, spec)
	var txt, html, csv bytes.Buffer
	require.NoError(t, rep.WriteText(&txt))
	require.NoError(t, rep.WriteHTML(&html))
	require.NoError(t, rep.WriteCSV(&csv))
	golden(t, "empty.txt", txt.Bytes())
	assert.Contains(t, txt.String(), "n/a")
	assert.Contains(t, html.String(), "no data")
	assert.Contains(t, csv.String(), ",mttr_business_mean,n/a,duration\n")
}

func TestReportJSONRoundTrip(t *testing.T) {
	rep := sampleReport(t)
	var b bytes.Buffer
	require.NoError(t, rep.WriteJSON(&b))
	var back report.Report
	require.NoError(t, json.Unmarshal(b.Bytes(), &back))
	require.Equal(t, rep, back)
	empty := build(t, march())
	data, err := json.Marshal(empty)
	require.NoError(t, err)
	var emptyBack report.Report
	require.NoError(t, json.Unmarshal(data, &emptyBack))
	require.Equal(t, empty, emptyBack)
}

func TestHTMLIsSelfContained(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, sampleReport(t).WriteHTML(&b))
	page := strings.ToLower(b.String())
	for _, banned := range []string{"<script", "javascript:", "src=", "@import", "url(", "http:", "https:", "<link", "<iframe", "<img"} {
		assert.NotContains(t, page, banned)
	}
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		assert.True(t, strings.HasPrefix(m[1], "#"), "a link within the page only: %s", m[1])
	}
	for _, id := range []string{"overview", "sla", "durations", "flow", "arrivals", "aging", "top", "breaches", "customers", "tables"} {
		assert.Contains(t, page, `id="`+id+`"`)
	}
	assert.Contains(t, page, `<meta name="viewport"`)
}

func TestCSVIsTidy(t *testing.T) {
	var b bytes.Buffer
	rep := sampleReport(t)
	require.NoError(t, rep.WriteCSV(&b))
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	assert.Equal(t, "period,bucket,grouping,group,kpi,value,unit", lines[0])
	assert.Len(t, lines, len(rep.Rows())+1)
	seen := map[string]bool{}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		key := strings.Join(f[1:5], ",")
		assert.False(t, seen[key], "one row per bucket, grouping, group and KPI: %s", key)
		seen[key] = true
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestRenderErrors(t *testing.T) {
	rep := sampleReport(t)
	assert.Error(t, rep.WriteText(failingWriter{}))
	assert.Error(t, rep.WriteMarkdown(failingWriter{}))
	assert.Error(t, rep.WriteCSV(failingWriter{}))
	assert.Error(t, rep.WriteJSON(failingWriter{}))
	assert.Error(t, rep.WriteHTML(failingWriter{}))
}

func TestCompare(t *testing.T) {
	prev := build(t, march(), report.Record{ID: "a", OpenedAt: at(2, 9, 0), Resolutions: times(at(2, 13, 0))})
	cur := build(t, march(),
		report.Record{ID: "b", OpenedAt: at(2, 9, 0), Resolutions: times(at(2, 11, 0))},
		report.Record{ID: "c", OpenedAt: at(2, 9, 0)})
	got := cur.Compare(prev)
	require.NotNil(t, got.Previous)
	find := func(kpi string) report.Change {
		for _, c := range got.Changes {
			if c.Grouping == "all" && c.KPI == kpi {
				return c
			}
		}
		t.Fatalf("no change for %s", kpi)
		return report.Change{}
	}
	c := find("opened")
	assert.Equal(t, int64(1), c.Delta.Count)
	assert.Equal(t, "up", c.Direction)
	assert.Equal(t, "", c.Assessment, "volumes are neither better nor worse")
	c = find("mttr_wall_mean")
	assert.Equal(t, "-2h0m0s", c.Delta.Duration.String())
	assert.Equal(t, "down", c.Direction)
	assert.Equal(t, "better", c.Assessment)
	c = find("backlog_end")
	assert.Equal(t, "worse", c.Assessment)
	c = find("first_contact_resolution")
	assert.Equal(t, "flat", c.Direction)
	assert.Equal(t, "same", c.Assessment)
	none := build(t, march()).Compare(build(t, march()))
	for _, c := range none.Changes {
		if c.KPI == "mttr_wall_mean" {
			assert.False(t, c.Delta.Valid, "no data in either period")
			assert.Equal(t, "", c.Direction)
		}
	}
}
