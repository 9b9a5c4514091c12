package holidays_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/gb"
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
)

// gbPublished is GOV.UK's list of bank holidays in England and Wales, 2020 to
// 2030, in date order: actual date, substitute day when there is one, name.
// Typed from gov.uk/bank-holidays (its JSON feed spells the apostrophe
// typographically); the years GOV.UK does not list yet follow its rules.
var gbPublished = `
2020-01-01            New Year's Day
2020-04-10            Good Friday
2020-04-13            Easter Monday
2020-05-08            Early May bank holiday (VE day)
2020-05-25            Spring bank holiday
2020-08-31            Summer bank holiday
2020-12-25            Christmas Day
2020-12-26 2020-12-28 Boxing Day
2021-01-01            New Year's Day
2021-04-02            Good Friday
2021-04-05            Easter Monday
2021-05-03            Early May bank holiday
2021-05-31            Spring bank holiday
2021-08-30            Summer bank holiday
2021-12-25 2021-12-27 Christmas Day
2021-12-26 2021-12-28 Boxing Day
2022-01-01 2022-01-03 New Year's Day
2022-04-15            Good Friday
2022-04-18            Easter Monday
2022-05-02            Early May bank holiday
2022-06-02            Spring bank holiday
2022-06-03            Platinum Jubilee bank holiday
2022-08-29            Summer bank holiday
2022-09-19            Bank Holiday for the State Funeral of Queen Elizabeth II
2022-12-26            Boxing Day
2022-12-25 2022-12-27 Christmas Day
2023-01-01 2023-01-02 New Year's Day
2023-04-07            Good Friday
2023-04-10            Easter Monday
2023-05-01            Early May bank holiday
2023-05-08            Bank holiday for the coronation of King Charles III
2023-05-29            Spring bank holiday
2023-08-28            Summer bank holiday
2023-12-25            Christmas Day
2023-12-26            Boxing Day
2024-01-01            New Year's Day
2024-03-29            Good Friday
2024-04-01            Easter Monday
2024-05-06            Early May bank holiday
2024-05-27            Spring bank holiday
2024-08-26            Summer bank holiday
2024-12-25            Christmas Day
2024-12-26            Boxing Day
2025-01-01            New Year's Day
2025-04-18            Good Friday
2025-04-21            Easter Monday
2025-05-05            Early May bank holiday
2025-05-26            Spring bank holiday
2025-08-25            Summer bank holiday
2025-12-25            Christmas Day
2025-12-26            Boxing Day
2026-01-01            New Year's Day
2026-04-03            Good Friday
2026-04-06            Easter Monday
2026-05-04            Early May bank holiday
2026-05-25            Spring bank holiday
2026-08-31            Summer bank holiday
2026-12-25            Christmas Day
2026-12-26 2026-12-28 Boxing Day
2027-01-01            New Year's Day
2027-03-26            Good Friday
2027-03-29            Easter Monday
2027-05-03            Early May bank holiday
2027-05-31            Spring bank holiday
2027-08-30            Summer bank holiday
2027-12-25 2027-12-27 Christmas Day
2027-12-26 2027-12-28 Boxing Day
2028-01-01 2028-01-03 New Year's Day
2028-04-14            Good Friday
2028-04-17            Easter Monday
2028-05-01            Early May bank holiday
2028-05-29            Spring bank holiday
2028-08-28            Summer bank holiday
2028-12-25            Christmas Day
2028-12-26            Boxing Day
2029-01-01            New Year's Day
2029-03-30            Good Friday
2029-04-02            Easter Monday
2029-05-07            Early May bank holiday
2029-05-28            Spring bank holiday
2029-08-27            Summer bank holiday
2029-12-25            Christmas Day
2029-12-26            Boxing Day
2030-01-01            New Year's Day
2030-04-19            Good Friday
2030-04-22            Easter Monday
2030-05-06            Early May bank holiday
2030-05-27            Spring bank holiday
2030-08-26            Summer bank holiday
2030-12-25            Christmas Day
2030-12-26            Boxing Day
`

var gbMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

func TestGB_EveryBankHoliday2020To2030(t *testing.T) {
	want := pinned.Table(t, gbPublished)
	got := make([]calendar.Holiday, 0, len(want))
	for h := range gb.EnglandAndWales().Occurrences(date.New(2020, 1, 1), date.New(2031, 1, 1), gbMonFri) {
		got = append(got, h)
	}
	require.Equal(t, want, got)
}

func TestGB_SubstituteDaysIgnoreSaturdayHours(t *testing.T) {
	shop := calendar.MustParseWeek("Mon-Sat 09:00-17:30")
	h, ok := gb.EnglandAndWales().On(date.New(2021, 12, 28), shop)
	require.True(t, ok)
	assert.Equal(t, "Boxing Day", h.Name)
	assert.Equal(t, date.New(2021, 12, 26), h.Actual)
}

func TestGB_WithACalendar(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	c, err := calendar.New(london, gbMonFri, calendar.WithExceptions(gb.EnglandAndWales()))
	require.NoError(t, err)
	// Friday 24 December 2021 17:00 plus one business hour: Wednesday 29
	// December 10:00, after the two substitute days.
	u, err := c.Add(time.Date(2021, 12, 24, 16, 0, 0, 0, london), 2*time.Hour)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2021, 12, 29, 10, 0, 0, 0, london), u)
	// New Year's Day 2022 (Saturday) is substituted on Monday 3 January.
	assert.False(t, c.IsWorkday(date.New(2022, 1, 3)))
	assert.Equal(t, 8, c.Workdays(date.New(2022, 12, 19), date.New(2023, 1, 3)),
		"19-23 Dec, 28-30 Dec; 26, 27 Dec and 2 Jan are bank holidays")
}

// Bank holidays at the end of 2027, when Christmas Day is a Saturday.
func Example_englandAndWales() {
	london, _ := time.LoadLocation("Europe/London")
	desk, err := calendar.New(london, calendar.MustParseWeek("Mon-Fri 09:00-17:30"), calendar.WithExceptions(gb.EnglandAndWales()))
	if err != nil {
		fmt.Println(err)
		return
	}
	for h := range gb.EnglandAndWales().Occurrences(date.New(2027, 12, 1), date.New(2028, 2, 1), desk.Week()) {
		fmt.Printf("%s %s %s\n", h.Observed.Weekday().String()[:3], h.Observed, h.Name)
	}
	next, _ := desk.AddWorkdays(date.New(2027, 12, 24), 1)
	fmt.Println("next working day after Christmas Eve:", next)
	// Output:
	// Mon 2027-12-27 Christmas Day
	// Tue 2027-12-28 Boxing Day
	// Mon 2028-01-03 New Year's Day
	// next working day after Christmas Eve: 2027-12-29
}
