package main

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/report"
)

// testSettings is the default run's settings: 2026 in Amsterdam, per
// customer, evaluated at the end of the year.
func testSettings(t testing.TB) Settings {
	t.Helper()
	s, err := settings("2026-01-01", "2027-01-01", "", "customer")
	require.NoError(t, err)
	return s
}

// testEntries is n generated incidents as the reader would emit them,
// keyed, each incident's entries in history order.
func testEntries(t testing.TB, n int, seed uint64) map[string][]Entry {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	start := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	out := map[string][]Entry{}
	for i := range n {
		id := "INC" + string(rune('A'+i%26)) + time.Duration(i).String()
		at := start.Add(time.Duration(rng.IntN(390*24)) * time.Hour)
		for j, e := range generateHistory(rng, id, at) {
			b, err := json.Marshal(e)
			require.NoError(t, err)
			key := incidentKey(formatEvents, id)
			out[key] = append(out[key], Entry{Format: formatEvents, File: "mem", Line: j + 1, At: e.At, Data: b})
		}
	}
	return out
}

// testRecords folds testEntries into records, requiring every incident to
// fold without a problem.
func testRecords(t testing.TB, d *desk, n int, seed uint64) []report.Record {
	t.Helper()
	var recs []report.Record
	for key, entries := range testEntries(t, n, seed) {
		rec, ok, problems := d.foldIncident(key, entries)
		require.Empty(t, problems, key)
		require.True(t, ok, key)
		recs = append(recs, rec)
	}
	return recs
}
