package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkReadExport reads testdata/export.csv copied 1,000 times under
// new incident numbers (47,000 rows, 15,000 incidents) and computes the
// report: what a run costs apart from opening the file. The allocations
// are per incident (its number, the map's growth), not per row.
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
