package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func collect(t *testing.T, name, text string) ([]Keyed, []string, error) {
	t.Helper()
	var keyed []Keyed
	var problems []string
	err := readFile(name, strings.NewReader(text),
		func(k Keyed) { keyed = append(keyed, k) },
		func(p Problem) { problems = append(problems, p.String()) })
	return keyed, problems, err
}

func TestReadEventsReportsMalformedLines(t *testing.T) {
	log := strings.Join([]string{
		`{"incident":"INC1","event":{"at":"2026-03-02T09:00:00Z","actor":"caller","type":"open","id":"INC1"}}`,
		``,
		`not json`,
		`{"event":{"at":"2026-03-02T09:00:00Z","actor":"a","type":"comment"}}`,
		`{"incident":"INC1","event":{"actor":"a","type":"comment","note":"x"}}`,
		`{"incident":"INC1","event":{"at":"2026-03-02T09:05:00Z","actor":"a","type":"explode"}}`,
		`{"incident":"INC1","event":{"at":"2026-03-02T09:10:00Z","actor":"agent","type":"comment","note":"ok"}}`,
	}, "\n")
	keyed, problems, err := collect(t, "log.jsonl", log)
	require.NoError(t, err)
	require.Len(t, keyed, 2)
	assert.Equal(t, "events/INC1", keyed[0].Key)
	assert.Equal(t, 1, keyed[0].Entry.Line)
	assert.Equal(t, 7, keyed[1].Entry.Line)
	require.Len(t, problems, 4)
	assert.Contains(t, problems[0], "log.jsonl:3: not an event log line")
	assert.Contains(t, problems[1], `log.jsonl:4: no "incident"`)
	assert.Contains(t, problems[2], "log.jsonl:5: event: no instant")
	assert.Contains(t, problems[3], "log.jsonl:6: event:")
}

func TestReadServiceNow(t *testing.T) {
	export, err := os.ReadFile("testdata/servicenow-export.csv")
	require.NoError(t, err)
	keyed, problems, err := collect(t, "x.csv", string(export))
	require.NoError(t, err)
	assert.Len(t, keyed, 26) // 28 rows, 2 malformed
	assert.Len(t, problems, 2)
	assert.Equal(t, "servicenow/INC0000001", keyed[0].Key)

	// An empty shard is no input; a header alone is none either.
	keyed, problems, err = collect(t, "empty.csv", "")
	require.NoError(t, err)
	assert.Empty(t, keyed)
	assert.Empty(t, problems)
	header, _, _ := strings.Cut(string(export), "\n")
	keyed, _, err = collect(t, "header.csv", header+"\n")
	require.NoError(t, err)
	assert.Empty(t, keyed)

	_, _, err = collect(t, "bad.csv", "number,opened_at\nINC1,02-03-2026 09:00\n")
	assert.ErrorContains(t, err, `beamreport: bad.csv: the export has no "incident_state" column`)
	_, _, err = collect(t, "log.txt", "")
	assert.ErrorContains(t, err, "unknown input format")
}

func TestEntryCoder(t *testing.T) {
	e := Entry{Format: formatServiceNow, File: "gs://bucket/x.csv", Line: 42, At: time.Date(2026, 3, 2, 9, 5, 0, 7, time.UTC), Seq: 3, Data: []byte(`{"a":"b"}`)}
	b := encodeEntry(e)
	back, err := decodeEntry(b)
	require.NoError(t, err)
	assert.Equal(t, e, back)
	for n := 1; n <= len(b); n++ {
		_, err := decodeEntry(b[:len(b)-n])
		assert.ErrorIs(t, err, errBadEntry)
	}
	_, err = decodeEntry(append(bytes.Clone(b), 9))
	assert.ErrorIs(t, err, errBadEntry)
}

func TestFoldIncidentIgnoresArrivalOrder(t *testing.T) {
	d, err := newDesk(testSettings(t))
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(1, 2))
	for key, entries := range testEntries(t, 50, 3) {
		want, ok, problems := d.foldIncident(key, append([]Entry(nil), entries...))
		require.True(t, ok)
		require.Empty(t, problems)
		wantJSON, _ := json.Marshal(want)
		shuffled := append([]Entry(nil), entries...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got, ok, _ := d.foldIncident(key, shuffled)
		require.True(t, ok)
		gotJSON, _ := json.Marshal(got)
		require.Equal(t, string(wantJSON), string(gotJSON), key)
	}
}

func TestFoldIncidentTiesKeepLogOrder(t *testing.T) {
	// Two events at one instant in two shards: the shard named first in
	// log order holds the first; swapping the names makes the history
	// invalid (a start before the assignment).
	d, err := newDesk(testSettings(t))
	require.NoError(t, err)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	entry := func(file string, line int, ev string) Entry {
		return Entry{Format: formatEvents, File: file, Line: line, At: at, Data: []byte(ev)}
	}
	open := `{"at":"2026-03-02T09:00:00Z","actor":"caller","type":"open","id":"INC9","customer":"acme"}`
	assign := `{"at":"2026-03-02T09:00:00Z","actor":"d","type":"assign","group":"network","assignee":"ann"}`
	start := `{"at":"2026-03-02T09:00:00Z","actor":"ann","type":"transition","action":"start"}`
	_, ok, problems := d.foldIncident("events/INC9", []Entry{entry("b.jsonl", 1, start), entry("a.jsonl", 1, open), entry("a.jsonl", 2, assign)})
	assert.True(t, ok)
	assert.Empty(t, problems)
	_, ok, problems = d.foldIncident("events/INC9", []Entry{entry("a.jsonl", 3, start), entry("a.jsonl", 1, open), entry("b.jsonl", 1, assign)})
	assert.False(t, ok)
	require.Len(t, problems, 1)
	assert.Contains(t, problems[0].String(), "events/INC9: the history does not replay")
}

func TestFoldIncidentEdges(t *testing.T) {
	set := testSettings(t)
	d, err := newDesk(set)
	require.NoError(t, err)
	late := Entry{Format: formatEvents, File: "a.jsonl", Line: 1, At: set.AsOf,
		Data: []byte(`{"at":"2027-01-01T00:00:00+01:00","actor":"c","type":"open","id":"LATE"}`)}
	_, ok, problems := d.foldIncident("events/LATE", []Entry{late})
	assert.False(t, ok, "opened at the evaluation instant: not yet happened")
	assert.Empty(t, problems)

	mixed := late
	mixed.Format = formatServiceNow
	_, ok, problems = d.foldIncident("x", []Entry{late, mixed})
	assert.False(t, ok)
	require.Len(t, problems, 1)
	assert.Contains(t, problems[0].What, "mix formats")
}

func TestReportName(t *testing.T) {
	assert.Equal(t, "report", reportName("customer", "acme", true))
	assert.Equal(t, "customer-acme", reportName("customer", "acme", false))
	a, b := reportName("customer", "a/b", false), reportName("customer", "a b", false)
	assert.NotEqual(t, a, b)
	assert.True(t, strings.HasPrefix(a, "customer-a_b-"))
	assert.NotContains(t, reportName("customer", "../etc", false), "/")
	assert.True(t, strings.HasPrefix(reportName("customer", noGroup, false), "customer-_none_-"))
}
