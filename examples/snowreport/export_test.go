package main

import (
	"os"
	"strings"
	"testing"

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
		events, probs := x.events(lc)
		rejected = append(rejected, probs...)
		inc, err := incident.Replay(lc, events)
		require.NoError(t, err, "what applied replays cleanly")
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
