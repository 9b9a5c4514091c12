package main

import (
	"encoding/csv"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scanAll reads every record, as strings, with its first line.
func scanAll(t testing.TB, text string) ([][]string, []int, error) {
	sc := newRecordScanner(strings.NewReader(text))
	var out [][]string
	var lines []int
	for {
		rec, err := sc.next()
		if errors.Is(err, io.EOF) {
			return out, lines, nil
		}
		if err != nil {
			return out, lines, err
		}
		row := make([]string, len(rec))
		for i, f := range rec {
			row[i] = string(f)
		}
		out = append(out, row)
		lines = append(lines, sc.start)
	}
}

func TestRecordScanner(t *testing.T) {
	recs, lines, err := scanAll(t, "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n\nlast,,\"\"")
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"a", "b", "c"}, {"x, y", `say "hi"`, "two\nlines"}, {"last", "", ""}}, recs)
	assert.Equal(t, []int{1, 2, 5}, lines, "a quoted line break and a blank line count as lines")

	recs, _, err = scanAll(t, "a\"b,\"c\"d\n")
	require.NoError(t, err)
	assert.Equal(t, [][]string{{`a"b`, "cd"}}, recs, "lazy quotes: kept as text")

	recs, _, err = scanAll(t, "ok\n\"open,\nnever closed\n")
	assert.ErrorIs(t, err, errUnterminatedQuote)
	assert.Equal(t, [][]string{{"ok"}}, recs)

	long := strings.Repeat("x", 3<<20)
	recs, _, err = scanAll(t, "a,"+long+"\nb\n")
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"a", long}, {"b"}}, recs, "a line longer than the buffer")
}

// TestRecordScannerAgainstCSV compares with encoding/csv on seeded random
// well-formed CSV (LF or CRLF, quotes, commas and line breaks in fields).
func TestRecordScannerAgainstCSV(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 15))
	alphabet := []string{"a", "b", " ", ",", "\"", "\n", "\r\n", "é", "?"}
	for i := 0; i < 500; i++ {
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.UseCRLF = i%2 == 0
		rows := 1 + rng.IntN(5)
		for r := 0; r < rows; r++ {
			rec := make([]string, 1+rng.IntN(4))
			for f := range rec {
				var s strings.Builder
				for n := rng.IntN(6); n > 0; n-- {
					s.WriteString(alphabet[rng.IntN(len(alphabet))])
				}
				rec[f] = s.String()
			}
			if len(rec) == 1 && rec[0] == "" {
				rec[0] = "x" // encoding/csv writes an empty line for it, which both skip
			}
			require.NoError(t, w.Write(rec))
		}
		w.Flush()
		text := b.String()
		cr := csv.NewReader(strings.NewReader(text))
		cr.FieldsPerRecord = -1
		want, err := cr.ReadAll()
		require.NoError(t, err)
		got, _, err := scanAll(t, text)
		require.NoError(t, err, "%q", text)
		// encoding/csv turns \r\n inside quoted fields into \n, as does the scanner.
		require.Equal(t, want, got, "%q", text)
	}
}

func FuzzRecordScanner(f *testing.F) {
	f.Add("a,b\r\n\"c\nd\",e\n")
	f.Add("\"unterminated\n")
	f.Fuzz(func(t *testing.T, text string) {
		recs, lines, _ := scanAll(t, text)
		prev := 0
		for i := range recs {
			if lines[i] <= prev {
				t.Fatalf("record %d starts on line %d, after %d", i, lines[i], prev)
			}
			prev = lines[i]
		}
	})
}
