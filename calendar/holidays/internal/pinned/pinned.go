// Package pinned reads the tables of published holiday dates that the
// regional sets' tests pin their rules to.
package pinned

import (
	"strings"
	"testing"

	"github.com/go-itsm/itsm/calendar"
	"github.com/rickb777/date/v2"
)

// Table parses one holiday a line: the actual date, optionally the observed
// date when it differs, then the name, as in
//
//	2021-12-25 2021-12-27 Christmas Day
//	2026-05-25            Spring bank holiday
//
// Every holiday is a full-day closure.
func Table(t testing.TB, table string) []calendar.Holiday {
	t.Helper()
	var out []calendar.Holiday
	for _, line := range strings.Split(strings.TrimSpace(table), "\n") {
		if len(line) < 10 {
			t.Fatalf("pinned: line %q has no date", line)
		}
		actual, err := date.ParseISO(line[:10])
		if err != nil {
			t.Fatalf("pinned: line %q: %v", line, err)
		}
		h := calendar.Holiday{Actual: actual, Observed: actual, Kind: calendar.Closed}
		rest := strings.TrimSpace(line[10:])
		if len(rest) > 10 && rest[10] == ' ' {
			if obs, err := date.ParseISO(rest[:10]); err == nil {
				h.Observed, rest = obs, strings.TrimSpace(rest[10:])
			}
		}
		h.Name = rest
		out = append(out, h)
	}
	return out
}
