package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSorter sorts random steps in memory (one run) and on disk (runs of
// 7 merged two at a time, so in cascades), and the log gives them back in
// the order they were added.
func TestSorter(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	for _, small := range []bool{false, true} {
		if small {
			smallSpills(t)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for _, n := range []int{0, 1, 6, 7, 8, 13, 14, 15, 100, 1000, 1001} {
			var in []step
			for i := range n {
				in = append(in, step{key: rng.Int64N(50) - 25, rec: rng.Int32N(10), line: uint32(i + 2),
					group: rng.Uint32(), who: rng.Uint32(), node: node(rng.IntN(int(nodeCount)))})
			}
			s := &sorter[step]{c: stepCodec, cmp: stepOrder}
			if n%2 == 0 {
				s.sort = stepSorter(10)
			}
			l := &spillLog[step]{c: stepCodec}
			for _, st := range in {
				require.NoError(t, s.add(st))
				require.NoError(t, l.add(st))
			}
			var got, logged []step
			require.NoError(t, s.each(func(st step) error { got = append(got, st); return nil }))
			require.NoError(t, l.each(func(st step) error { logged = append(logged, st); return nil }))
			s.close()
			l.close()
			want := slices.SortedFunc(slices.Values(in), stepOrder)
			assert.Equal(t, want, got, "n=%d small=%v", n, small)
			assert.Equal(t, in, logged, "n=%d small=%v", n, small)
		}
		assert.Zero(t, openSpills.Load())
	}
	assertNoFiles(t)
}

// assertNoFiles checks that no temporary file is open or left in $TMPDIR.
func assertNoFiles(t *testing.T) {
	t.Helper()
	assert.Zero(t, openSpills.Load(), "temporary files still open")
	left, err := os.ReadDir(os.Getenv("TMPDIR"))
	require.NoError(t, err)
	assert.Empty(t, left, "files left in TMPDIR")
}

// TestSpillCleanup: the temporary files are gone after a run that spilled,
// and after runs that failed once they had spilled: dates that contradict
// each other, a gzip export cut short, a restart for the other date order.
func TestSpillCleanup(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	smallSpills(t)
	gen := generateExport(rand.New(rand.NewPCG(9, 9)), 200, true, true)
	header, body, _ := strings.Cut(string(gen), "\n")
	lines := strings.SplitAfter(body, "\n")
	rand.New(rand.NewPCG(1, 1)).Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	shuffledText := header + "\n" + strings.Join(lines, "")
	dir := t.TempDir()

	path := filepath.Join(dir, "shuffled.csv")
	require.NoError(t, os.WriteFile(path, []byte(shuffledText), 0o644))
	issues := filepath.Join(dir, "issues.csv")
	code, _, errs := snowreport("-lifecycle", "itil", "-issues", issues, path)
	require.Equal(t, 0, code, errs)
	assertNoFiles(t)

	// A month-first date after day-first ones: the pass ends with an error.
	mixed := filepath.Join(dir, "mixed.csv")
	require.NoError(t, os.WriteFile(mixed, []byte(shuffledText+"INC9,New,,13/04/2016 09:00,04/13/2016 09:00,1,,,0,0,true,3,,\n"), 0o644))
	code, _, errs = snowreport(mixed)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "day-first dates")
	assertNoFiles(t)

	// A gzip export cut short.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(shuffledText))
	require.NoError(t, zw.Close())
	cut := filepath.Join(dir, "cut.csv.gz")
	require.NoError(t, os.WriteFile(cut, gz.Bytes()[:gz.Len()*2/3], 0o644))
	code, _, errs = snowreport(cut)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "unexpected EOF")
	assertNoFiles(t)

	// Month-first dates found late: a second pass, the first one's files
	// gone too.
	dmy := regexp.MustCompile(`(\d+)/(\d+)/(\d{4}) (\d+):(\d\d)`)
	iso := dmy.ReplaceAllStringFunc(shuffledText, func(v string) string {
		m := dmy.FindStringSubmatch(v)
		n := make([]int, 6)
		for i := 1; i < 6; i++ {
			n[i], _ = strconv.Atoi(m[i])
		}
		return fmt.Sprintf("%04d-%02d-%02d %02d:%02d", n[3], n[2], n[1], n[4], n[5])
	})
	late := filepath.Join(dir, "late.csv")
	require.NoError(t, os.WriteFile(late, []byte(iso+"INC8,New,,04/13/2016 09:00,04/13/2016 09:00,1,,,0,0,true,3,,\n"), 0o644))
	code, _, errs = snowreport("-issues", issues, late)
	assert.Equal(t, 0, code, errs)
	rep, err := analyze(late, orderUnknown, mustCheck(t, "itil"), nil)
	require.NoError(t, err)
	assert.Equal(t, "month first (MM-dd-yyyy), as the export shows", rep.Dates)
	assert.NotZero(t, rep.outOfOrder)
	assertNoFiles(t)
}
