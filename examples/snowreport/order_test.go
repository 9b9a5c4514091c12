package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exportRecords splits the CSV text of an export into its header and its
// data records, each as its raw text (its physical lines, with their line
// ends, a missing last one added), and reports the line each record starts
// on.
func exportRecords(t testing.TB, text string) (header string, records []string, starts []int) {
	t.Helper()
	header, records, starts, ok := splitRecords(text)
	require.True(t, ok, "a quoted field is not closed")
	return header, records, starts
}

// tieGroups returns, for the export at path read with order, the groups of
// its records (by index) that share an incident and a rowKey: the report
// depends on their file order, so a shuffle must keep it.
func tieGroups(t testing.TB, path string, order dateOrder, starts []int) [][]int {
	t.Helper()
	r, err := openExport(path)
	require.NoError(t, err)
	defer r.Close()
	return tieGroupsIn(t, r, order, starts)
}

// tieGroupsIn is tieGroups for the export read from r.
func tieGroupsIn(t testing.TB, r io.Reader, order dateOrder, starts []int) [][]int {
	t.Helper()
	p := &pass{order: order, fixed: true, quality: newQuality(nil)}
	require.NoError(t, p.read(r))
	defer p.close()
	byLine := map[int]int{}
	for i, s := range starts {
		byLine[s] = i
	}
	type tie struct {
		rec int32
		key int64
	}
	groups := map[tie][]int{}
	require.NoError(t, p.log.each(func(s step) error {
		k := tie{s.rec, s.key}
		groups[k] = append(groups[k], byLine[int(s.line)])
		return nil
	}))
	var out [][]int
	for _, g := range groups {
		if len(g) > 1 {
			out = append(out, g)
		}
	}
	return out
}

// shuffled returns the records in a random order that keeps each tie
// group's records in their order, and where each record went.
func shuffled(rng *rand.Rand, records []string, ties [][]int) ([]string, []int) {
	pos := rng.Perm(len(records)) // record i goes to pos[i]
	for _, g := range ties {
		var at []int
		for _, i := range g {
			at = append(at, pos[i])
		}
		slices.Sort(at)
		for k, i := range g {
			pos[i] = at[k]
		}
	}
	out := make([]string, len(records))
	for i, r := range records {
		out[pos[i]] = r
	}
	return out, pos
}

// sortedByIncident returns the records grouped by incident and in time
// order (the export order of the fast path), ties in file order.
func sortedByIncident(t testing.TB, path string, order dateOrder, records []string, starts []int) []string {
	t.Helper()
	r, err := openExport(path)
	require.NoError(t, err)
	defer r.Close()
	p := &pass{order: order, fixed: true, quality: newQuality(nil)}
	require.NoError(t, p.read(r))
	defer p.close()
	var steps []step
	require.NoError(t, p.log.each(func(s step) error { steps = append(steps, s); return nil }))
	slices.SortFunc(steps, stepOrder)
	byLine := map[int]int{}
	for i, s := range starts {
		byLine[s] = i
	}
	used := make([]bool, len(records))
	var out []string
	for _, s := range steps {
		i := byLine[int(s.line)]
		out = append(out, records[i])
		used[i] = true
	}
	for i, r := range records { // skipped rows, at the end
		if !used[i] {
			out = append(out, r)
		}
	}
	return out
}

// runReport runs snowreport with args on path and returns every output:
// the report in the three formats and, for both lifecycles, the -issues
// listing with each line number mapped back through lineOf.
func runReports(t *testing.T, path string, lineOf func(int) int, args ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, lc := range []string{"servicenow", "itil"} {
		for _, format := range formatNames {
			list := filepath.Join(t.TempDir(), "issues.csv")
			a := append(slices.Clone(args), "-lifecycle", lc, "-format", format, "-issues", list, path)
			var stdout, stderr bytes.Buffer
			require.Equal(t, 0, run(a, &stdout, &stderr), stderr.String())
			out[lc+" "+format] = stdout.String()
			if format != "text" {
				continue
			}
			f, err := os.Open(list)
			require.NoError(t, err)
			rows, err := csv.NewReader(f).ReadAll()
			f.Close()
			require.NoError(t, err)
			var lines []string
			for _, r := range rows[1:] {
				n, err := strconv.Atoi(r[0])
				require.NoError(t, err)
				lines = append(lines, fmt.Sprintf("%06d %q %q %q", lineOf(n), r[1], r[2], r[3]))
			}
			sort.Strings(lines)
			out[lc+" issues"] = strings.Join(lines, "\n")
		}
	}
	return out
}

// orderCase is an export whose rows the order tests shuffle.
type orderCase struct {
	name  string
	path  string
	order dateOrder
	args  []string
}

// TestRowOrderDoesNotMatter: the rows of an export in any order (keeping
// the file order of rows with equal keys, which decides between them)
// give byte-identical reports in every format and both lifecycles, and the
// same -issues findings (their lines mapped back); in time order per
// incident the rows are walked as they are read, shuffled they are sorted
// after the read, on disk when the spill sizes are small.
func TestRowOrderDoesNotMatter(t *testing.T) {
	gen := filepath.Join(t.TempDir(), "generated.csv")
	require.NoError(t, os.WriteFile(gen, generateExport(rand.New(rand.NewPCG(7, 15)), 200, true, true), 0o644))
	cases := []orderCase{
		{"export", "testdata/export.csv", dayFirst, nil},
		{"export_us", "testdata/export_us.csv", monthFirst, nil},
		{"generated", gen, dayFirst, []string{"-dates", "dmy"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkRowOrder(t, tc) })
	}
}

func checkRowOrder(t *testing.T, tc orderCase) {
	text, err := os.ReadFile(tc.path)
	require.NoError(t, err)
	header, records, starts := exportRecords(t, string(text))
	ties := tieGroups(t, tc.path, tc.order, starts)
	identity := func(n int) int { return n }
	want := runReports(t, tc.path, identity, tc.args...)
	rep, err := analyze(tc.path, orderFor(tc.args), mustCheck(t, "itil"), nil)
	require.NoError(t, err)
	t.Logf("%s: %d rows, %d incidents, %d tie groups, %d incidents out of order as written", tc.name, len(records), rep.Incidents, len(ties), rep.outOfOrder)

	// The report names the file: each variant has the original's name.
	write := func(_ string, recs []string) string {
		path := filepath.Join(t.TempDir(), filepath.Base(tc.path))
		require.NoError(t, os.WriteFile(path, []byte(header+strings.Join(recs, "")), 0o644))
		return path
	}
	// lineOf maps a line of the rewritten file back to the original.
	mapper := func(recs []string) func(int) int {
		orig := map[string]int{}
		for i, r := range records {
			orig[r] = starts[i]
		}
		byLine := map[int]int{}
		line := strings.Count(header, "\n") + 1
		for _, r := range recs {
			byLine[line] = orig[r]
			line += strings.Count(r, "\n")
		}
		return func(n int) int { return byLine[n] }
	}
	if dup := len(records) - len(uniq(records)); dup > 0 {
		t.Fatalf("%d records appear twice: the line mapping needs them unique", dup)
	}

	sorted := sortedByIncident(t, tc.path, tc.order, records, starts)
	path := write("sorted.csv", sorted)
	rep, err = analyze(path, orderFor(tc.args), mustCheck(t, "itil"), nil)
	require.NoError(t, err)
	assert.Zero(t, rep.outOfOrder, "in time order per incident: walked as read")
	sameReports(t, want, runReports(t, path, mapper(sorted), tc.args...), "time order")

	// Two shuffles cover both paths (in memory, on disk); four check more
	// orders, except under the race detector, which has no goroutines to
	// watch here and makes each run several times slower.
	shuffles := 4
	if raceEnabled {
		shuffles = 2
	}
	rng := rand.New(rand.NewPCG(uint64(len(records)), 1))
	for i := range shuffles {
		recs, _ := shuffled(rng, records, ties)
		path := write(fmt.Sprintf("shuffled%d.csv", i), recs)
		if i%2 == 1 {
			smallSpills(t) // on disk: the log, sorted runs of 7, merges of 2 (cascades)
		}
		rep, err := analyze(path, orderFor(tc.args), mustCheck(t, "itil"), nil)
		require.NoError(t, err)
		assert.NotZero(t, rep.outOfOrder, "shuffled %d", i)
		sameReports(t, want, runReports(t, path, mapper(recs), tc.args...), fmt.Sprintf("shuffle %d", i))
		assert.Zero(t, openSpills.Load(), "every temporary file closed")
		restoreSpills()
	}
}

func sameReports(t *testing.T, want, got map[string]string, what string) {
	t.Helper()
	require.Equal(t, len(want), len(got))
	for k, w := range want {
		if !assert.Equal(t, w, got[k], "%s: %s", what, k) {
			return
		}
	}
}

func uniq(s []string) []string { return slices.Compact(slices.Sorted(slices.Values(s))) }

func orderFor(args []string) dateOrder {
	if slices.Contains(args, "dmy") {
		return dayFirst
	}
	return orderUnknown
}

func mustCheck(t testing.TB, name string) moveCheck {
	c, err := newMoveCheck(name)
	require.NoError(t, err)
	return c
}

var defaultSpills = [3]int{logBytes, runSteps, fanIn}

// smallSpills makes every spill structure go to disk after a few values.
func smallSpills(t testing.TB) {
	logBytes, runSteps, fanIn = 100, 7, 2
	t.Cleanup(restoreSpills)
}

func restoreSpills() {
	logBytes, runSteps, fanIn = defaultSpills[0], defaultSpills[1], defaultSpills[2]
}

// generateExport writes an audit export of n incidents: each walks New,
// In Progress, On Hold, Resolved, sometimes reopens, Closed or stays open,
// with group and assignee changes (some after resolution), and, with ties,
// sometimes two rows with the same sys_updated_at and sys_mod_count (a tie
// the file order decides). The rows of each incident are in time order, the
// incidents interleaved when interleave is true.
func generateExport(rng *rand.Rand, n int, interleave, ties bool) []byte {
	var rows [][]string
	groups := []string{"Service Desk", "Network", "Database", "Apps"}
	for i := range n {
		num := fmt.Sprintf("INC%07d", i)
		opened := int64(1_456_000_000 + rng.IntN(90*86400))
		at := opened
		mod := 0
		group, who := groups[rng.IntN(len(groups))], fmt.Sprintf("Agent %d", rng.IntN(20))
		reassign, reopen := 0, 0
		prio := fmt.Sprintf("%d - x", 1+rng.IntN(5))
		made := "true"
		resolved, closed := "", ""
		var inc [][]string
		add := func(state, hold string) {
			inc = append(inc, []string{num, state, hold, stamp(opened), stamp(at), strconv.Itoa(mod), resolved, closed,
				strconv.Itoa(reassign), strconv.Itoa(reopen), made, prio, group, who})
			if !ties || rng.IntN(25) != 0 { // else the next row ties with this one
				at += int64(60 + rng.IntN(20000))
				mod++
			}
		}
		add("New", "")
		add("In Progress", "")
		for range rng.IntN(3) {
			if rng.IntN(2) == 0 {
				group = groups[rng.IntN(len(groups))]
				reassign++
			}
			if rng.IntN(2) == 0 {
				add("On Hold", []string{"1", "3", "4", "5", "Awaiting Vendor"}[rng.IntN(5)])
			}
			who = fmt.Sprintf("Agent %d", rng.IntN(20))
			add("In Progress", "")
		}
		if rng.IntN(10) == 0 {
			add([]string{"New", "Active", "In Progress"}[rng.IntN(3)], "")
			rows = append(rows, inc...)
			continue // still open
		}
		if rng.IntN(8) == 0 {
			made = "false"
		}
		for {
			resolved = stamp(at)
			add("Resolved", "")
			if rng.IntN(6) == 0 {
				who = "Agent 99" // assignment after resolution
				add("Resolved", "")
			}
			if rng.IntN(5) != 0 {
				break
			}
			reopen++
			resolved = ""
			add("In Progress", "")
		}
		if rng.IntN(7) == 0 {
			resolved = "" // closed without resolved_at
		}
		closed = stamp(at)
		add("Closed", "")
		if rng.IntN(12) == 0 { // reopened after Closed
			reopen++
			resolved, closed = "", ""
			add("In Progress", "")
		}
		rows = append(rows, inc...)
	}
	if interleave {
		// Round-robin over windows of 20 incidents: rows of an incident
		// are apart, in time order.
		var out [][]string
		var cur []string
		for i := 0; i < len(rows); {
			j := i
			for j < len(rows) && rows[j][0] == rows[i][0] {
				j++
			}
			cur = append(cur, strconv.Itoa(i)+":"+strconv.Itoa(j))
			i = j
		}
		for w := 0; w < len(cur); w += 20 {
			spans := cur[w:min(w+20, len(cur))]
			idx := make([][2]int, len(spans))
			for k, s := range spans {
				a, b, _ := strings.Cut(s, ":")
				idx[k][0], _ = strconv.Atoi(a)
				idx[k][1], _ = strconv.Atoi(b)
			}
			for left := true; left; {
				left = false
				for k := range idx {
					if idx[k][0] < idx[k][1] {
						out = append(out, rows[idx[k][0]])
						idx[k][0]++
						left = true
					}
				}
			}
		}
		rows = out
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"number", "incident_state", "hold_reason", "opened_at", "sys_updated_at", "sys_mod_count", "resolved_at", "closed_at",
		"reassignment_count", "reopen_count", "made_sla", "priority", "assignment_group", "assigned_to"})
	w.WriteAll(rows)
	return buf.Bytes()
}

func stamp(sec int64) string { return time.Unix(sec, 0).UTC().Format("2/1/2006 15:04") }

// allocated returns the bytes allocated while analyzing the export at
// path.
func allocated(t testing.TB, path string) (uint64, Report) {
	t.Helper()
	check := mustCheck(t, "itil")
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	rep, err := analyze(path, dayFirst, check, nil)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	return after.TotalAlloc - before.TotalAlloc, rep
}

// TestMemoryPerRow: the bytes allocated for an export grow with its
// incidents, not with its rows. The same 400 incidents with about 8 rows
// each and then with about 10 times as many rows each (every extra row an
// update of an existing incident, In Progress and On Hold in turn) allocate
// the same, whether the rows come in time order (walked as read) or
// shuffled (sorted after the read); the step log goes to disk past its
// in-memory part in both.
func TestMemoryPerRow(t *testing.T) {
	if raceEnabled {
		t.Skip("counts allocated bytes; the race detector's instrumentation allocates too (the plain run checks it)")
	}
	defer restoreSpills()
	logBytes = 16 << 10 // both exports' logs go to disk
	dir := t.TempDir()
	gen := func(name string, extra int, shuffle bool) (string, int) {
		rng := rand.New(rand.NewPCG(3, 4))
		text := string(generateExport(rng, 400, false, false))
		header, body, _ := strings.Cut(text, "\n")
		var recs []string
		for _, line := range strings.SplitAfter(body, "\n") {
			if line == "" {
				continue
			}
			recs = append(recs, line)
			f := strings.Split(strings.TrimSuffix(line, "\n"), ",")
			if f[1] != "In Progress" {
				continue
			}
			// extra updates of the incident, a minute apart, before its next row
			mod, _ := strconv.Atoi(f[5])
			for k := range extra {
				g := slices.Clone(f)
				g[1], g[2] = "In Progress", ""
				if k%2 == 0 {
					g[1], g[2] = "On Hold", "1"
				}
				g[5] = strconv.Itoa(mod*1000 + k + 1)
				recs = append(recs, strings.Join(g, ",")+"\n")
			}
		}
		if shuffle {
			r := rand.New(rand.NewPCG(5, 6))
			r.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
		}
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(header+"\n"+strings.Join(recs, "")), 0o644))
		return path, len(recs)
	}
	for _, shuffle := range []bool{false, true} {
		small, n1 := gen(fmt.Sprintf("small%v.csv", shuffle), 0, shuffle)
		large, n2 := gen(fmt.Sprintf("large%v.csv", shuffle), 18, shuffle)
		a1, r1 := allocated(t, small)
		a2, r2 := allocated(t, large)
		require.Equal(t, r1.Incidents, r2.Incidents)
		require.Equal(t, n2, r2.Applied, "%+v", r2.Quality)
		assert.Equal(t, shuffle, r2.outOfOrder > 0)
		perRow := (float64(a2) - float64(a1)) / float64(n2-n1)
		t.Logf("shuffled=%v: %d rows %d B, %d rows %d B: %.2f B per extra row (%d incidents: %.0f B per incident in all)",
			shuffle, n1, a1, n2, a2, perRow, r1.Incidents, float64(a1)/float64(r1.Incidents))
		assert.Less(t, perRow, 2.0, "bytes allocated per extra row of an existing incident")
	}

	// Per incident: 20,480 incidents against 4,096 (5 blocks of records
	// against 1), rows in time order.
	var alloc [2]uint64
	var incidents [2]int
	for i, n := range []int{4096, 20480} {
		path := filepath.Join(dir, fmt.Sprintf("incidents%d.csv", n))
		require.NoError(t, os.WriteFile(path, generateExport(rand.New(rand.NewPCG(3, 4)), n, false, false), 0o644))
		var rep Report
		alloc[i], rep = allocated(t, path)
		incidents[i] = rep.Incidents
		require.Zero(t, rep.outOfOrder)
	}
	perIncident := float64(alloc[1]-alloc[0]) / float64(incidents[1]-incidents[0])
	t.Logf("%.0f B allocated per extra incident (its record, number and map entry, the map's growth, its time to resolve)", perIncident)
	assert.Less(t, perIncident, 1000.0)
}

// FuzzRowOrder: any rows after the test export's header, read with -dates
// dmy, give the same report in any order that keeps the file order of rows
// with equal keys. The exports are read from memory (files and temporary
// directories made the target run some 240 inputs a second).
func FuzzRowOrder(f *testing.F) {
	src, err := os.ReadFile("testdata/export.csv")
	require.NoError(f, err)
	head, body, _ := strings.Cut(string(src), "\n")
	head = strings.TrimPrefix(head, "\ufeff") // openExport drops it; p.read does not
	f.Add(body, uint64(1))
	f.Add("INC1,New,,true,0,0,1,true,c,1/3/2026 9:00,1/3/2026 9:00,1,g,a\nINC1,Closed,,true,0,0,0,true,c,1/3/2026 9:00,1/3/2026 9:00,1,h,b\nINC1,Resolved,,true,0,0,2,true,c,1/3/2026 9:00,1/3/2026 8:00,1,g,b\n", uint64(2))
	check := mustCheck(f, "itil")
	f.Fuzz(func(t *testing.T, text string, seed uint64) {
		export := head + "\n" + text
		header, records, starts, ok := splitRecords(export)
		if !ok || len(records) < 2 {
			return
		}
		ties := tieGroupsIn(t, strings.NewReader(export), dayFirst, starts)
		recs, _ := shuffled(rand.New(rand.NewPCG(seed, 0)), records, ties)
		want, got := reportOfText(t, check, export), reportOfText(t, check, header+strings.Join(recs, ""))
		if want != got {
			t.Fatalf("the report changed with the order of the rows:\n%s\n%s", want, got)
		}
	})
}

// reportOfText is what `snowreport -format json -lifecycle itil -dates dmy`
// writes for an export with the given text, or "error" (whose message may
// name a line, which moves with the rows).
func reportOfText(t *testing.T, check moveCheck, text string) string {
	p := &pass{order: dayFirst, fixed: true, quality: newQuality(nil), check: check}
	err := p.read(strings.NewReader(text))
	if err != nil || p.nrecords == 0 {
		p.close()
		return "error"
	}
	rep, err := p.finish("export.csv")
	if err != nil {
		return "error"
	}
	var out bytes.Buffer
	require.NoError(t, writeReport(&out, rep, "json"))
	return out.String()
}

// splitRecords is exportRecords for any text: ok is false when a quoted
// field never closes (the rest of the file is one row, so order matters).
func splitRecords(text string) (header string, records []string, starts []int, ok bool) {
	lines := strings.SplitAfter(text, "\n")
	sc := newRecordScanner(strings.NewReader(text))
	first := true
	for {
		_, err := sc.next()
		if err != nil {
			return header, records, starts, err.Error() == "EOF"
		}
		raw := strings.Join(lines[sc.start-1:sc.line], "")
		if !strings.HasSuffix(raw, "\n") {
			raw += "\n"
		}
		if first {
			header, first = raw, false
			continue
		}
		records = append(records, raw)
		starts = append(starts, sc.start)
	}
}
