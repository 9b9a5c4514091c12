package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// snowreport runs the command and returns its exit status, report and
// standard error.
func snowreport(args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	code := run(args, &out, &errs)
	return code, out.String(), errs.String()
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), got, "%s differs (go test -update rewrites it after an intended change)", name)
}

// TestGolden compares the reports of the test exports with their golden
// files: every format, both lifecycles, the -issues listing and the
// month-first export.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"report.txt", []string{"testdata/export.csv"}},
		{"report.md", []string{"-format", "markdown", "testdata/export.csv"}},
		{"report.json", []string{"-format", "json", "testdata/export.csv"}},
		{"report_itil.txt", []string{"-lifecycle", "itil", "testdata/export.csv"}},
		{"report_us.txt", []string{"testdata/export_us.csv"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			code, out, errs := snowreport(tc.args...)
			require.Equal(t, 0, code, errs)
			golden(t, tc.golden, out)
			assert.Equal(t, 1, strings.Count(errs, "\n"), "one line of summary on stderr, never one per finding: %s", errs)
		})
	}
	issues := filepath.Join(t.TempDir(), "issues.csv")
	code, _, errs := snowreport("-lifecycle", "itil", "-issues", issues, "testdata/export.csv")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "15 data-quality findings (listed in "+issues+")")
	list, err := os.ReadFile(issues)
	require.NoError(t, err)
	golden(t, "issues_itil.csv", string(list))
}

// report runs snowreport -format json with args and decodes the report.
func report(t *testing.T, args ...string) Report {
	t.Helper()
	code, out, errs := snowreport(append([]string{"-format", "json"}, args...)...)
	require.Equal(t, 0, code, errs)
	var rep Report
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	return rep
}

func kpis(rep Report) map[string]float64 {
	m := map[string]float64{}
	for _, k := range rep.KPIs {
		m[k.Name] = float64(k.Value)
	}
	return m
}

func byLabel(list []Count) map[string]int {
	m := map[string]int{}
	for _, c := range list {
		m[c.Label] = c.N
	}
	return m
}

// TestExport checks, case by case, what the test export holds (the file
// has a byte order mark, CRLF line ends, a quoted line break and doubled
// quotes, and one incident's rows in reverse order).
func TestExport(t *testing.T) {
	rep := report(t, "-lifecycle", "itil", "testdata/export.csv")
	assert.Equal(t, 47, rep.Rows, "the quoted line breaks do not make rows")
	assert.Equal(t, rep.Rows, rep.Applied+rep.Skipped, "every row applied or counted")
	assert.Equal(t, 15, rep.Incidents)
	k := kpis(rep)
	assert.Equal(t, 5.0, k["closed"], "INC001, 003, 004, 005 (closed from New, Active, Awaiting User Info), 006, 007")
	assert.Equal(t, 2.0, k["reopened_incidents"], "INC002 after Resolved, INC006 after Closed")
	assert.Equal(t, 3.0, k["ttr_unknown"], "INC003 and INC005 closed without resolved_at, INC008 found Resolved without it")
	assert.Equal(t, 7.0, k["ttr_n"])
	assert.InDelta(t, (25+1.0/6+26+3.5+43+4+2.5+6)/7, k["ttr_mean"], 1e-9)
	assert.Equal(t, 4.0/15, k["mean_reassignments"], "INC013's unreadable count falls back to its 2 of the row before")
	assert.Equal(t, 14.0/15*100, k["made_sla_rate"], "INC002 breached; INC013's maybe falls back to true")

	q := byLabel(rep.Quality.Moves)
	assert.Equal(t, 3, q["closed without being resolved"])
	assert.Equal(t, 1, q["reopened after Closed"])
	assert.Equal(t, 2, q["assignment changed while Resolved or Closed"], "INC007: group on Resolved, assignee on Closed")
	ig := byLabel(rep.Quality.Ignored)
	assert.Equal(t, map[string]int{"incident_state": 1, "made_sla": 1, "opened_at": 1, "priority": 1, "reassignment_count": 1, "resolved_at": 1, "sys_mod_count": 1}, ig)
	assert.Equal(t, map[string]int{skipNames[skipNoNumber]: 1, skipNames[skipUpdated]: 1}, byLabel(rep.Quality.Skipped))

	states := byLabel(rep.States)
	assert.Equal(t, 2, states["Canceled"], "Canceled and Cancelled")
	assert.Equal(t, 1, states["On Hold: Awaiting Vendor"], "On Hold with hold_reason 4")
	assert.Equal(t, 1, states["unknown (no readable incident_state)"], "Pending Approval")
	m := map[string]int{}
	for i, from := range rep.Transitions.States {
		for j, to := range rep.Transitions.States {
			if n := rep.Transitions.Counts[i][j]; n > 0 {
				m[from+" -> "+to] = n
			}
		}
	}
	assert.Equal(t, 1, m["Closed -> In Progress"], "INC006, read in order although its rows are reversed")
	assert.Equal(t, 1, m["On Hold: Awaiting Caller -> Closed"])
	assert.Equal(t, 1, m["Custom active (-100) -> Resolved"])
	assert.Equal(t, 1, m["In Progress -> Canceled"])

	sn := report(t, "testdata/export.csv")
	assert.Empty(t, sn.Quality.Moves, "the ServiceNow profile accepts all of it")
	assert.Equal(t, rep.KPIs, sn.KPIs, "the lifecycle checked changes findings, not figures")
}

// TestCompressed reads the export gzipped and zipped, under names that
// do not say so: the content decides.
func TestCompressed(t *testing.T) {
	want := report(t, "testdata/export.csv")
	dir := t.TempDir()
	gz, err := os.ReadFile("testdata/export.csv.gz")
	require.NoError(t, err)
	disguised := filepath.Join(dir, "export.csv")
	require.NoError(t, os.WriteFile(disguised, gz, 0o644))
	got := report(t, disguised)
	assert.Equal(t, want.KPIs, got.KPIs)
	assert.Equal(t, want.Quality, got.Quality)

	plain, err := os.ReadFile("testdata/export.csv")
	require.NoError(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("README.txt")
	require.NoError(t, err)
	w.Write([]byte("not the export"))
	w, err = zw.Create("exports/incidents.CSV")
	require.NoError(t, err)
	w.Write(plain)
	require.NoError(t, zw.Close())
	zipped := filepath.Join(dir, "export.dat")
	require.NoError(t, os.WriteFile(zipped, buf.Bytes(), 0o644))
	got = report(t, zipped)
	assert.Equal(t, want.KPIs, got.KPIs)
	assert.Equal(t, want.Transitions, got.Transitions)

	empty := filepath.Join(dir, "empty.zip")
	var eb bytes.Buffer
	zw = zip.NewWriter(&eb)
	zw.Create("notes.txt")
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(empty, eb.Bytes(), 0o644))
	code, _, errs := snowreport(empty)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "the zip archive holds no .csv file")
}

// write puts text in a file of a temporary directory.
func write(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

const header = "number,incident_state,opened_at,sys_updated_at,resolved_at\n"

// TestDateOrder: an order the file proves is used; one it cannot tell, or
// both, stop the tool with one message unless -dates names it; never a
// silent swap.
func TestDateOrder(t *testing.T) {
	us := report(t, "testdata/export_us.csv")
	assert.Equal(t, "month first (MM-dd-yyyy), as the export shows", us.Dates)
	assert.Equal(t, 120.0, kpis(us)["ttr_mean"], "48 h and 192 h")

	ambiguous := write(t, "ambiguous.csv", header+
		"INC1,New,03/04/2016 09:00,03/04/2016 09:00,\n"+
		"INC1,Resolved,03/04/2016 09:00,05/04/2016 09:00,05/04/2016 09:00\n")
	code, out, errs := snowreport(ambiguous)
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Equal(t, 1, strings.Count(errs, "\n"), errs)
	assert.Contains(t, errs, `snowreport: dates: in all 5 dates written day-month or month-day (such as line 2: "03/04/2016 09:00") both numbers are 12 or less`)
	assert.Contains(t, errs, "-dates dmy (dd-MM-yyyy) or -dates mdy (MM-dd-yyyy)")
	assert.Equal(t, 48.0, kpis(report(t, "-dates", "dmy", ambiguous))["ttr_mean"], "3 to 5 April")
	assert.Equal(t, 2*30*24.0+24, kpis(report(t, "-dates", "MM/dd/yyyy", ambiguous))["ttr_mean"], "4 March to 4 May")

	mixed := write(t, "mixed.csv", header+
		"INC1,New,13/04/2016 09:00,13/04/2016 09:00,\n"+
		"INC2,New,04/13/2016 09:00,04/13/2016 09:00,\n")
	code, _, errs = snowreport(mixed)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, `day-first dates (line 2: "13/04/2016 09:00") and month-first dates (line 3: "04/13/2016 09:00")`)
	rep := report(t, "-dates", "dmy", mixed)
	assert.Equal(t, 1, rep.Skipped, "with -dates, the date that does not fit is unreadable")
	assert.Equal(t, 1, rep.Incidents)

	code, _, errs = snowreport("-dates", "ydm", ambiguous)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `-dates "ydm": use dmy (dd-MM-yyyy) or mdy (MM-dd-yyyy)`)
}

// TestBadFiles: what cannot be a report is one clear error, exit 1.
func TestBadFiles(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"empty.csv", "", "snowreport: the export is empty (no header line)"},
		{"header.csv", header, "no row could be applied: no incident to report on"},
		{"other.csv", "id,name\n1,x\n", `the header (line 1) has no "number" column: is this an incident export?`},
		{"quote.csv", header + "INC1,New,2016-03-01 09:00,2016-03-01 09:00,\n\"INC2,New,2016-03-01 09:00\n", ""},
	} {
		code, _, errs := snowreport(write(t, tc.name, tc.text))
		if tc.want == "" {
			assert.Equal(t, 0, code, errs)
			continue
		}
		assert.Equal(t, 1, code, tc.name)
		assert.Contains(t, errs, tc.want, tc.name)
	}
	rep := report(t, write(t, "quote.csv", header+"INC1,New,2016-03-01 09:00,2016-03-01 09:00,\n\"INC2,New,2016-03-01 09:00\nINC3,New,2016-03-01 09:00,2016-03-01 09:00,\n"))
	assert.Equal(t, 2, rep.Rows)
	assert.Equal(t, map[string]int{skipNames[skipQuote]: 1}, byLabel(rep.Quality.Skipped), "an open quote swallows the rest, counted")

	code, _, errs := snowreport(filepath.Join(t.TempDir(), "missing.csv"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "snowreport: open")
}

func TestUsage(t *testing.T) {
	code, out, errs := snowreport("-format", "pdf", "testdata/export.csv")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, `snowreport: unknown -format "pdf": use one of text, markdown, json`)
	assert.Contains(t, errs, "usage: snowreport")
	code, _, errs = snowreport("-lifecycle", "strict", "testdata/export.csv")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `unknown -lifecycle "strict": use servicenow or itil`)
	code, _, errs = snowreport()
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "give one export file")
	code, _, _ = snowreport("a.csv", "b.csv")
	assert.Equal(t, 2, code)
	code, _, _ = snowreport("-h")
	assert.Equal(t, 0, code)
	code, _, errs = snowreport("-issues", filepath.Join(t.TempDir(), "no", "such", "dir.csv"), "testdata/export.csv")
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "no such file or directory")
}

// FuzzExport feeds arbitrary CSV text after a valid header: no panic, and
// every row is applied or counted as skipped.
func FuzzExport(f *testing.F) {
	src, err := os.ReadFile("testdata/export.csv")
	require.NoError(f, err)
	_, body, _ := strings.Cut(string(src), "\n")
	f.Add(body)
	f.Add("INC1,-100,?,true,x,y,z,maybe,c,13/13/2016 9:00,2016-02-29T01:16:00+01:00,P9,g,a,d,,\n")
	head, _, _ := strings.Cut(strings.TrimPrefix(string(src), "\ufeff"), "\n")
	check, err := newMoveCheck("itil")
	require.NoError(f, err)
	// An input is a few kilobytes: buffers sized for one (the defaults
	// hold a 1.4M-row export's log and sort runs, 3 MB, allocated for
	// every input) keep the target at its inputs per second.
	logBytes, runSteps = 64<<10, 4<<10
	f.Cleanup(restoreSpills)
	f.Fuzz(func(t *testing.T, text string) {
		for _, order := range []dateOrder{dayFirst, monthFirst} {
			p := &pass{order: order, fixed: true, quality: newQuality(nil), check: check}
			if err := p.read(strings.NewReader(head + "\n" + text)); err != nil {
				t.Fatal(err) // with -dates given, nothing in the rows ends the pass
			}
			rep, err := p.finish("fuzz")
			if err != nil {
				t.Fatal(err)
			}
			if rep.Rows != rep.Applied+rep.Skipped {
				t.Fatalf("%d rows, %d applied, %d skipped", rep.Rows, rep.Applied, rep.Skipped)
			}
		}
	})
}
