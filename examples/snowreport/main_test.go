package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata")

// snowreport runs the command and returns its exit status, output and
// problems.
func snowreport(args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	code := run(args, &out, &errs)
	return code, out.String(), errs.String()
}

// TestFormats compares the report of testdata/export.csv in every format
// with its golden file (go test -update rewrites them after an intended
// change).
func TestFormats(t *testing.T) {
	for _, format := range formatNames {
		t.Run(format, func(t *testing.T) {
			code, out, errs := snowreport("-format", format, "testdata/export.csv")
			require.Equal(t, 0, code, errs)
			ext := map[string]string{"text": "txt", "markdown": "md"}[format]
			if ext == "" {
				ext = format
			}
			golden := filepath.Join("testdata", "report."+ext)
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(out), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), out)

			switch format {
			case "text":
				assert.Contains(t, out, "Incident report 2026-03-02 00:00 to 2026-03-13 00:00")
				assert.Contains(t, out, "KPIs by priority")
				assert.Contains(t, out, "made_sla")
			case "json":
				var rep report.Report
				require.NoError(t, json.Unmarshal([]byte(out), &rep))
				assert.Equal(t, []string{report.KeyAll, report.KeyPriority}, []string{rep.Groupings[0].Key, rep.Groupings[1].Key})
				assert.Equal(t, int64(7), rep.Groupings[0].Groups[0].Stats.Counts.Opened)
			case "csv":
				rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
				require.NoError(t, err)
				assert.Equal(t, []string{"period", "bucket", "grouping", "group", "kpi", "value", "unit"}, rows[0])
			case "html":
				assert.Contains(t, out, "<svg")
				assert.NotContains(t, strings.ToLower(out), "<script")
				assert.NotRegexp(t, regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`), out)
			}
		})
	}
}

// TestProblems checks what the tool says about the export's flaws.
func TestProblems(t *testing.T) {
	code, _, errs := snowreport("testdata/export.csv")
	require.Equal(t, 0, code, "flaws in the data are reported, not fatal")
	for _, want := range []string{
		"26 rows of 7 incidents read",
		"malformed rows, skipped (2):",
		`line 15: INC0000004: opened_at: "31-02-2026 09:00" is not a date`,
		`line 26: INC0000008: priority: "not a priority" is not a level`,
		"transitions the lifecycle rejects, skipped (2):",
		"line 14: INC0000003: incident: event 3 (transition): action to_closed in state new not allowed",
		"line 25: INC0000007: incident: event 7 (transition): action to_active in state closed not allowed",
		"priorities that disagree with the impact x urgency matrix (2):",
		"line 14: INC0000003: priority P4, but impact 3 x urgency 3 gives P5",
		"line 18: INC0000005: priority P3, but impact 2 x urgency 1 gives P2",
	} {
		assert.Contains(t, errs, want)
	}
	assert.Equal(t, 10, strings.Count(errs, "\n"), errs)
}

// TestGroups runs every -group and checks the breakdown is there.
func TestGroups(t *testing.T) {
	want := map[string][]string{
		report.KeyPriority:          {"P1", "P5"},
		report.KeyService:           {"(none)"},
		report.KeyCustomer:          {"Location 143", "Location 7"},
		report.KeyGroup:             {"Group 56", "Group 70"},
		report.KeyCategory:          {"Category 55", "Category 26"},
		report.KeyConfigurationItem: {"CI 14", "CI 2"},
	}
	for _, key := range groupKeys {
		code, out, errs := snowreport("-format", "markdown", "-group", key, "testdata/export.csv")
		require.Equal(t, 0, code, errs)
		assert.Contains(t, out, "## KPIs by "+strings.ReplaceAll(key, "_", `\_`))
		for _, g := range want[key] {
			assert.Contains(t, out, "| "+g+" |", key)
		}
	}
}

func TestUsage(t *testing.T) {
	code, out, errs := snowreport("-format", "pdf", "testdata/export.csv")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, `snowreport: unknown -format "pdf": use one of text, markdown, csv, json, html`)
	assert.Contains(t, errs, "usage: snowreport")

	code, _, errs = snowreport("-group", "caller", "testdata/export.csv")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `snowreport: unknown -group "caller": use one of priority, service, customer, group, category, configuration_item`)

	code, _, errs = snowreport()
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "give one export file")
	code, _, _ = snowreport("a.csv", "b.csv")
	assert.Equal(t, 2, code)
	code, _, _ = snowreport("-colour")
	assert.Equal(t, 2, code)
	code, _, _ = snowreport("-h")
	assert.Equal(t, 0, code)

	code, _, errs = snowreport(filepath.Join(t.TempDir(), "missing.csv"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "missing.csv")
	empty := filepath.Join(t.TempDir(), "empty.csv")
	require.NoError(t, os.WriteFile(empty, []byte("number,incident_state,opened_at,sys_updated_at,impact,urgency,priority\n"), 0o644))
	code, _, errs = snowreport(empty)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "no incident to report on")
}

// TestMadeSLA checks how ServiceNow's verdicts become outcomes.
func TestMadeSLA(t *testing.T) {
	f, err := os.Open("testdata/export.csv")
	require.NoError(t, err)
	defer f.Close()
	rows, _, err := readExport(f)
	require.NoError(t, err)
	lc, err := snowLifecycle()
	require.NoError(t, err)
	at := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, time.UTC) }
	want := map[string]report.Outcome{
		"INC0000001": {State: sla.Met, Ended: at(3, 10, 15)},
		"INC0000002": {State: sla.Breached, BreachedAt: at(2, 16, 45)}, // false from the first resolution on
		"INC0000006": {State: sla.Cancelled, Ended: at(5, 14, 30)},
		"INC0000007": {State: sla.Met, Ended: at(6, 12, 0)}, // the reopening after closure was refused
		"INC0000009": {State: sla.Met, Ended: at(9, 13, 0)},
	}
	for _, x := range groupRows(rows) {
		inc, _ := x.replay(lc)
		rec, err := report.NewRecord(lc, inc, nil)
		require.NoError(t, err)
		o, ok := slaOutcome(x, rec)
		w, decided := want[x.number]
		require.Equal(t, decided, ok, x.number)
		if ok {
			assert.Equal(t, w.State, o.State, x.number)
			assert.Equal(t, w.Ended, o.Ended, x.number)
			assert.Equal(t, w.BreachedAt, o.BreachedAt, x.number)
			assert.Equal(t, madeSLA, o.Policy)
		}
	}
}
