package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCSVInvalidUTF8: the SDK refuses text that is not valid UTF-8 (issue
// 20), so the reader does not pass it on: an incident number with a bad
// byte skips its row as having no number, an assignment group or assignee
// with one is ignored as unreadable (the row applied without it), and both
// are in the data-quality findings.
func TestCSVInvalidUTF8(t *testing.T) {
	src, err := os.ReadFile("testdata/export.csv")
	require.NoError(t, err)
	head, body, _ := strings.Cut(strings.TrimPrefix(string(src), "\ufeff"), "\n")
	first, _, _ := strings.Cut(body, "\n")
	cols := strings.Split(first, ",")
	idx := func(name string) int {
		for i, h := range strings.Split(head, ",") {
			if strings.EqualFold(strings.Trim(h, `"`), name) {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	badGroup := append([]string(nil), cols...)
	badGroup[idx("assignment_group")] = "Net\xd8work"
	badNumber := append([]string(nil), cols...)
	badNumber[idx("number")] = "INC\xff1"
	text := head + "\n" + strings.Join(badGroup, ",") + "\n" + strings.Join(badNumber, ",") + "\n"
	p := &pass{order: dayFirst, fixed: true, quality: newQuality(nil)}
	require.NoError(t, p.read(strings.NewReader(text)))
	require.Equal(t, 1, p.quality.ignored["assignment_group"])
	require.Equal(t, 1, p.quality.skipped[skipNoNumber])
	require.Equal(t, 1, p.applied)
}
