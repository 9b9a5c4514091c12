package report_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 14: business hours were measured on Spec.Calendar for every
// incident, so an overnight outage on a 24x7 contract counted 0 business
// hours. Each incident is measured on its own calendar, and each group
// says which calendars it used.
func TestBusinessHoursOnEachIncidentsCalendar(t *testing.T) {
	always, err := calendar.New(ams, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
	require.NoError(t, err)
	off := office(t)
	spec := march()
	spec.Calendar = off
	spec.GroupBy = []string{report.KeyCustomer}
	spec.KPIs = []report.Family{report.FamilyDurations}
	spec.Calendars = map[string]*calendar.Calendar{"24x7": always, "office": off}
	night := report.Record{ID: "acme-1", Customer: "acme", OpenedAt: at(3, 2, 10), Resolutions: []time.Time{at(3, 6, 40)}, Calendar: always}
	day := report.Record{ID: "globex-1", Customer: "globex", OpenedAt: at(3, 16, 0), Resolutions: []time.Time{at(4, 10, 0)}}
	rep := build(t, spec, night, day)

	assert.Equal(t, []string{"24x7", "office"}, rep.Period.Calendars)
	byCustomer := rep.Groupings[1].Groups
	require.Len(t, byCustomer, 2)
	assert.Equal(t, []string{"24x7"}, byCustomer[0].Calendars)
	assert.Equal(t, 4*time.Hour+30*time.Minute, byCustomer[0].Stats.Durations.MTTR.Business.Mean, "the 24x7 contract counts the night")
	assert.Equal(t, []string{"office"}, byCustomer[1].Calendars, "Spec.Calendar, named in Calendars")
	assert.Equal(t, 2*time.Hour, byCustomer[1].Stats.Durations.MTTR.Business.Mean)
	assert.Equal(t, []string{"24x7", "office"}, rep.Groupings[0].Groups[0].Calendars)

	// A calendar decoded from JSON is named by its definition; one not
	// named at all is "unnamed"; Spec.Calendar not named is "default".
	var copied calendar.Calendar
	b, err := always.MarshalJSON()
	require.NoError(t, err)
	require.NoError(t, copied.UnmarshalJSON(b))
	other, err := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 08:00-18:00"))
	require.NoError(t, err)
	spec.Calendars = map[string]*calendar.Calendar{"24x7": always}
	night.Calendar = &copied
	third := report.Record{ID: "initech-1", Customer: "initech", OpenedAt: at(3, 9, 0), Resolutions: []time.Time{at(3, 10, 0)}, Calendar: other}
	rep = build(t, spec, night, day, third)
	assert.Equal(t, []string{"24x7", "default", "unnamed"}, rep.Period.Calendars)
}
