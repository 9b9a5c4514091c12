package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadExport(t *testing.T) {
	f, err := os.Open("testdata/export.csv")
	require.NoError(t, err)
	defer f.Close()
	rows, problems, err := readExport(f)
	require.NoError(t, err)
	assert.Len(t, rows, 26, "28 data rows less two malformed")
	require.Len(t, problems, 2)
	assert.Equal(t, 15, problems[0].Line)
	assert.Contains(t, problems[0].What, "opened_at")
	assert.Equal(t, 26, problems[1].Line)
	assert.Contains(t, problems[1].What, "priority")
	assert.Equal(t, "Caller 6, jr.", rows[len(rows)-1].caller, "quoted commas")

	lc, err := snowLifecycle()
	require.NoError(t, err)
	incidents := groupRows(rows)
	require.Len(t, incidents, 7, "INC0000004 and INC0000008 had only malformed rows")
	var rejected []Problem
	for _, x := range incidents {
		inc, probs := x.replay(lc)
		rejected = append(rejected, probs...)
		again, err := incident.Replay(lc, inc.History())
		require.NoError(t, err, "what applied replays cleanly")
		assert.Equal(t, inc.History(), again.History())
		assert.Equal(t, inc.State, again.State)
		switch x.number {
		case "INC0000001":
			assert.Equal(t, incident.State("closed"), inc.State)
		case "INC0000002":
			assert.Equal(t, 1, inc.ReopenCount)
			assert.Equal(t, 1, inc.ReassignmentCount)
		case "INC0000006":
			assert.Equal(t, incident.State("cancelled"), inc.State)
		}
	}
	var lines []string
	for _, p := range rejected {
		lines = append(lines, p.String())
	}
	require.Len(t, rejected, 2, strings.Join(lines, "\n"))
	assert.Equal(t, "INC0000003", rejected[0].Incident, "new straight to closed")
	assert.Equal(t, "INC0000007", rejected[1].Incident, "closed back to active")
	assert.Equal(t, 25, rejected[1].Line)

	mism := priorityMismatches(incidents, incident.ITILMatrix())
	var nums []string
	for _, p := range mism {
		nums = append(nums, p.Incident)
	}
	assert.Equal(t, []string{"INC0000003", "INC0000005"}, nums)
}

func TestReadExportErrors(t *testing.T) {
	_, _, err := readExport(strings.NewReader("number,incident_state\nINC1,New\n"))
	assert.ErrorContains(t, err, `no "opened_at" column`)
	_, _, err = readExport(strings.NewReader(""))
	assert.Error(t, err)
	rows, problems, err := readExport(strings.NewReader("number,incident_state,opened_at,sys_updated_at,impact,urgency,priority\n\"INC1,New\n"))
	require.NoError(t, err)
	assert.Empty(t, rows)
	assert.Len(t, problems, 1, "a broken quote is one malformed row")
}

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"29-02-2016 01:16", time.Date(2016, 2, 29, 1, 16, 0, 0, time.UTC)},
		{"1-3-2016 9:05", time.Date(2016, 3, 1, 9, 5, 0, 0, time.UTC)}, // a one-digit hour
		{"1/3/2016 9:05:12", time.Date(2016, 3, 1, 9, 5, 12, 0, time.UTC)},
		{"1-3-2016 13:05", time.Date(2016, 3, 1, 13, 5, 0, 0, time.UTC)},
		{"01-03-2016 0:00", time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"2016-03-01 09:05:12", time.Date(2016, 3, 1, 9, 5, 12, 0, time.UTC)},
	} {
		got, err := parseTime(tc.in)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	// No 12-hour reading: without AM/PM an hour is on the 24-hour clock,
	// and a clock with AM/PM is not a date the export writes.
	for _, in := range []string{"1-3-2016 1:05 PM", "1-3-2016 25:00", "1-3-2016", "31-2-2016 10:00", "?"} {
		_, err := parseTime(in)
		assert.Error(t, err, in)
	}
}
