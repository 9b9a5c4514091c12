package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkReadExport reads testdata/export.csv copied 1,000 times under
// new incident numbers (47,000 rows, 15,000 incidents) and computes the
// report: what a run costs apart from opening the file. The allocations
// are per incident (its number, the map's growth) and fixed buffers, not
// per row; INC006's rows are reversed, so 1,000 incidents are sorted after
// the read.
//
//	go test -run '^$' -bench ReadExport -benchmem ./examples/snowreport/
func BenchmarkReadExport(b *testing.B) {
	src, err := os.ReadFile("testdata/export.csv")
	require.NoError(b, err)
	header, body, _ := strings.Cut(strings.TrimPrefix(string(src), "\ufeff"), "\r\n")
	var buf bytes.Buffer
	buf.WriteString(header + "\n")
	for i := range 1000 {
		buf.WriteString(strings.ReplaceAll(body, "INC0", fmt.Sprintf("INC%d-", i)))
	}
	data := buf.Bytes()
	check, err := newMoveCheck("itil")
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		p := &pass{order: dayFirst, quality: newQuality(nil), check: check}
		require.NoError(b, p.read(bytes.NewReader(data)))
		rep, err := p.finish("bench")
		require.NoError(b, err)
		require.Equal(b, 15000, rep.Incidents)
	}
}

// BenchmarkRowOrder reads one generated export (3,000 incidents, about
// 19,000 rows) with each incident's rows in time order (walked as read)
// and shuffled (every incident sorted after the read, the step log and the
// runs on disk past 1 MB and 65,536 steps): the cost of the fallback, and
// the bytes allocated per row (B/row, mostly fixed buffers).
//
//	go test -run '^$' -bench RowOrder -benchmem ./examples/snowreport/
func BenchmarkRowOrder(b *testing.B) {
	text := string(generateExport(rand.New(rand.NewPCG(1, 1)), 3000, false, false))
	header, body, _ := strings.Cut(text, "\n")
	lines := strings.SplitAfter(strings.TrimSuffix(body, "\n"), "\n")
	check, err := newMoveCheck("itil")
	require.NoError(b, err)
	for _, order := range []string{"time", "shuffled"} {
		if order == "shuffled" {
			rand.New(rand.NewPCG(2, 2)).Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
		}
		data := []byte(header + "\n" + strings.Join(lines, ""))
		b.Run("order="+order, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			for b.Loop() {
				p := &pass{order: dayFirst, fixed: true, quality: newQuality(nil), check: check}
				require.NoError(b, p.read(bytes.NewReader(data)))
				rep, err := p.finish("bench")
				require.NoError(b, err)
				require.Equal(b, order == "shuffled", rep.outOfOrder > 0)
			}
			runtime.ReadMemStats(&m1)
			b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/float64(b.N)/float64(len(lines)), "B/row")
		})
	}
}
