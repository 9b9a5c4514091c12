package report_test

import (
	"encoding/json"
	"testing"

	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A record that went through JSON (a shuffle of a distributed engine, a
// store) brings its own copy of its calendar: it is still named as the
// spec's default calendar when it is the same calendar, so a report made
// from decoded records equals one made in memory (found by beamreport's
// pipeline-versus-single-process test).
func TestRecordCalendarThroughJSON(t *testing.T) {
	spec := march()
	spec.Calendar = office(t)
	spec.KPIs = []report.Family{report.FamilyCounts, report.FamilyDurations}
	rec := report.Record{ID: "a", OpenedAt: at(2, 9, 0), Resolutions: times(at(2, 12, 0)), Calendar: spec.Calendar}
	b, err := json.Marshal(rec)
	require.NoError(t, err)
	var back report.Record
	require.NoError(t, json.Unmarshal(b, &back))
	require.NotSame(t, rec.Calendar, back.Calendar)

	inMemory := build(t, spec, rec)
	decoded := build(t, spec, back)
	assert.Equal(t, []string{"default"}, inMemory.Period.Calendars)
	assert.Equal(t, inMemory.Period.Calendars, decoded.Period.Calendars)
}
