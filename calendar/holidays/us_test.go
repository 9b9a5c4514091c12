package holidays_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
	"github.com/go-itsm/itsm/calendar/holidays/us"
)

// usPublished is OPM's federal holiday schedule, 2020 to 2030: actual date,
// observed date when it differs, name. Typed from opm.gov's "Federal
// Holidays" pages, not computed.
var usPublished = `
2020-01-01            New Year's Day
2020-01-20            Birthday of Martin Luther King, Jr.
2020-02-17            Washington's Birthday
2020-05-25            Memorial Day
2020-07-04 2020-07-03 Independence Day
2020-09-07            Labor Day
2020-10-12            Columbus Day
2020-11-11            Veterans Day
2020-11-26            Thanksgiving Day
2020-12-25            Christmas Day
2021-01-01            New Year's Day
2021-01-18            Birthday of Martin Luther King, Jr.
2021-02-15            Washington's Birthday
2021-05-31            Memorial Day
2021-06-19 2021-06-18 Juneteenth National Independence Day
2021-07-04 2021-07-05 Independence Day
2021-09-06            Labor Day
2021-10-11            Columbus Day
2021-11-11            Veterans Day
2021-11-25            Thanksgiving Day
2021-12-25 2021-12-24 Christmas Day
2022-01-01 2021-12-31 New Year's Day
2022-01-17            Birthday of Martin Luther King, Jr.
2022-02-21            Washington's Birthday
2022-05-30            Memorial Day
2022-06-19 2022-06-20 Juneteenth National Independence Day
2022-07-04            Independence Day
2022-09-05            Labor Day
2022-10-10            Columbus Day
2022-11-11            Veterans Day
2022-11-24            Thanksgiving Day
2022-12-25 2022-12-26 Christmas Day
2023-01-01 2023-01-02 New Year's Day
2023-01-16            Birthday of Martin Luther King, Jr.
2023-02-20            Washington's Birthday
2023-05-29            Memorial Day
2023-06-19            Juneteenth National Independence Day
2023-07-04            Independence Day
2023-09-04            Labor Day
2023-10-09            Columbus Day
2023-11-11 2023-11-10 Veterans Day
2023-11-23            Thanksgiving Day
2023-12-25            Christmas Day
2024-01-01            New Year's Day
2024-01-15            Birthday of Martin Luther King, Jr.
2024-02-19            Washington's Birthday
2024-05-27            Memorial Day
2024-06-19            Juneteenth National Independence Day
2024-07-04            Independence Day
2024-09-02            Labor Day
2024-10-14            Columbus Day
2024-11-11            Veterans Day
2024-11-28            Thanksgiving Day
2024-12-25            Christmas Day
2025-01-01            New Year's Day
2025-01-20            Birthday of Martin Luther King, Jr.
2025-02-17            Washington's Birthday
2025-05-26            Memorial Day
2025-06-19            Juneteenth National Independence Day
2025-07-04            Independence Day
2025-09-01            Labor Day
2025-10-13            Columbus Day
2025-11-11            Veterans Day
2025-11-27            Thanksgiving Day
2025-12-25            Christmas Day
2026-01-01            New Year's Day
2026-01-19            Birthday of Martin Luther King, Jr.
2026-02-16            Washington's Birthday
2026-05-25            Memorial Day
2026-06-19            Juneteenth National Independence Day
2026-07-04 2026-07-03 Independence Day
2026-09-07            Labor Day
2026-10-12            Columbus Day
2026-11-11            Veterans Day
2026-11-26            Thanksgiving Day
2026-12-25            Christmas Day
2027-01-01            New Year's Day
2027-01-18            Birthday of Martin Luther King, Jr.
2027-02-15            Washington's Birthday
2027-05-31            Memorial Day
2027-06-19 2027-06-18 Juneteenth National Independence Day
2027-07-04 2027-07-05 Independence Day
2027-09-06            Labor Day
2027-10-11            Columbus Day
2027-11-11            Veterans Day
2027-11-25            Thanksgiving Day
2027-12-25 2027-12-24 Christmas Day
2028-01-01 2027-12-31 New Year's Day
2028-01-17            Birthday of Martin Luther King, Jr.
2028-02-21            Washington's Birthday
2028-05-29            Memorial Day
2028-06-19            Juneteenth National Independence Day
2028-07-04            Independence Day
2028-09-04            Labor Day
2028-10-09            Columbus Day
2028-11-11 2028-11-10 Veterans Day
2028-11-23            Thanksgiving Day
2028-12-25            Christmas Day
2029-01-01            New Year's Day
2029-01-15            Birthday of Martin Luther King, Jr.
2029-02-19            Washington's Birthday
2029-05-28            Memorial Day
2029-06-19            Juneteenth National Independence Day
2029-07-04            Independence Day
2029-09-03            Labor Day
2029-10-08            Columbus Day
2029-11-11 2029-11-12 Veterans Day
2029-11-22            Thanksgiving Day
2029-12-25            Christmas Day
2030-01-01            New Year's Day
2030-01-21            Birthday of Martin Luther King, Jr.
2030-02-18            Washington's Birthday
2030-05-27            Memorial Day
2030-06-19            Juneteenth National Independence Day
2030-07-04            Independence Day
2030-09-02            Labor Day
2030-10-14            Columbus Day
2030-11-11            Veterans Day
2030-11-28            Thanksgiving Day
2030-12-25            Christmas Day
`

var usMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

func TestUS_EveryFederalHoliday2020To2030(t *testing.T) {
	want := pinned.Table(t, usPublished)
	var got []calendar.Holiday
	// Wide enough for every observance; keep the holidays whose actual
	// date is in 2020-2030, in the table's order.
	for h := range us.Federal().Occurrences(date.New(2019, 12, 1), date.New(2031, 2, 1), usMonFri) {
		if y := h.Actual.Year(); y >= 2020 && y <= 2030 {
			got = append(got, h)
		}
	}
	require.Equal(t, want, got)
	for _, h := range want {
		assert.NotContains(t, []time.Weekday{time.Saturday, time.Sunday}, h.Observed.Weekday(), "%v", h)
	}
}

func TestUS_NewYearObservedInThePreviousYear(t *testing.T) {
	ex := us.Federal().ExceptionsIn(2021, usMonFri)
	last := ex[len(ex)-1]
	assert.Equal(t, calendar.Exception{Date: date.New(2021, 12, 31), Actual: date.New(2022, 1, 1), Name: "New Year's Day"}, last)
	for _, e := range us.Federal().ExceptionsIn(2022, usMonFri) {
		assert.NotEqual(t, "New Year's Day", e.Name, "2022's New Year's Day belongs to 2021")
	}
	h, ok := us.Federal().On(date.New(2021, 12, 31), usMonFri)
	require.True(t, ok)
	assert.Equal(t, "New Year's Day", h.Name)
}

func TestUS_History(t *testing.T) {
	names := func(y int) []string {
		var out []string
		for h := range us.Federal().Occurrences(date.New(y, 1, 1), date.New(y+1, 1, 1), usMonFri) {
			out = append(out, h.Name)
		}
		return out
	}
	assert.NotContains(t, names(2020), "Juneteenth National Independence Day")
	assert.Contains(t, names(2021), "Juneteenth National Independence Day")
	assert.NotContains(t, names(1985), "Birthday of Martin Luther King, Jr.")
	assert.Contains(t, names(1986), "Birthday of Martin Luther King, Jr.")
}

// A New York service desk on federal holidays: a 16-business-hour target
// across Thanksgiving.
func Example_unitedStates() {
	ny, _ := time.LoadLocation("America/New_York")
	desk, err := calendar.New(ny, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(us.Federal()))
	if err != nil {
		fmt.Println(err)
		return
	}
	due, _ := desk.Add(time.Date(2026, 11, 25, 13, 0, 0, 0, ny), 16*time.Hour)
	fmt.Println(due.Format("Mon Jan 2 15:04 MST"))
	for h := range us.Federal().Occurrences(date.New(2027, 12, 1), date.New(2028, 1, 1), desk.Week()) {
		fmt.Println(h.Observed, h.Name, "(falls on", h.Actual.String()+")")
	}
	// Output:
	// Mon Nov 30 13:00 EST
	// 2027-12-24 Christmas Day (falls on 2027-12-25)
	// 2027-12-31 New Year's Day (falls on 2028-01-01)
}
