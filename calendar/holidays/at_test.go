package holidays_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/at"
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
)

// atPublished is Austria's public holidays, 2020 to 2035, in date order. It was expanded
// from the statutory definitions in the package doc by a separate program
// (Python, with dateutil's Easter), not by the rules under test, and the
// Easter dates agree with the published Easter tables.
var atPublished = `
2020-01-01            Neujahr
2020-01-06            Heilige Drei Könige
2020-04-13            Ostermontag
2020-05-01            Staatsfeiertag
2020-05-21            Christi Himmelfahrt
2020-06-01            Pfingstmontag
2020-06-11            Fronleichnam
2020-08-15            Mariä Himmelfahrt
2020-10-26            Nationalfeiertag
2020-11-01            Allerheiligen
2020-12-08            Mariä Empfängnis
2020-12-25            Christtag
2020-12-26            Stefanitag
2021-01-01            Neujahr
2021-01-06            Heilige Drei Könige
2021-04-05            Ostermontag
2021-05-01            Staatsfeiertag
2021-05-13            Christi Himmelfahrt
2021-05-24            Pfingstmontag
2021-06-03            Fronleichnam
2021-08-15            Mariä Himmelfahrt
2021-10-26            Nationalfeiertag
2021-11-01            Allerheiligen
2021-12-08            Mariä Empfängnis
2021-12-25            Christtag
2021-12-26            Stefanitag
2022-01-01            Neujahr
2022-01-06            Heilige Drei Könige
2022-04-18            Ostermontag
2022-05-01            Staatsfeiertag
2022-05-26            Christi Himmelfahrt
2022-06-06            Pfingstmontag
2022-06-16            Fronleichnam
2022-08-15            Mariä Himmelfahrt
2022-10-26            Nationalfeiertag
2022-11-01            Allerheiligen
2022-12-08            Mariä Empfängnis
2022-12-25            Christtag
2022-12-26            Stefanitag
2023-01-01            Neujahr
2023-01-06            Heilige Drei Könige
2023-04-10            Ostermontag
2023-05-01            Staatsfeiertag
2023-05-18            Christi Himmelfahrt
2023-05-29            Pfingstmontag
2023-06-08            Fronleichnam
2023-08-15            Mariä Himmelfahrt
2023-10-26            Nationalfeiertag
2023-11-01            Allerheiligen
2023-12-08            Mariä Empfängnis
2023-12-25            Christtag
2023-12-26            Stefanitag
2024-01-01            Neujahr
2024-01-06            Heilige Drei Könige
2024-04-01            Ostermontag
2024-05-01            Staatsfeiertag
2024-05-09            Christi Himmelfahrt
2024-05-20            Pfingstmontag
2024-05-30            Fronleichnam
2024-08-15            Mariä Himmelfahrt
2024-10-26            Nationalfeiertag
2024-11-01            Allerheiligen
2024-12-08            Mariä Empfängnis
2024-12-25            Christtag
2024-12-26            Stefanitag
2025-01-01            Neujahr
2025-01-06            Heilige Drei Könige
2025-04-21            Ostermontag
2025-05-01            Staatsfeiertag
2025-05-29            Christi Himmelfahrt
2025-06-09            Pfingstmontag
2025-06-19            Fronleichnam
2025-08-15            Mariä Himmelfahrt
2025-10-26            Nationalfeiertag
2025-11-01            Allerheiligen
2025-12-08            Mariä Empfängnis
2025-12-25            Christtag
2025-12-26            Stefanitag
2026-01-01            Neujahr
2026-01-06            Heilige Drei Könige
2026-04-06            Ostermontag
2026-05-01            Staatsfeiertag
2026-05-14            Christi Himmelfahrt
2026-05-25            Pfingstmontag
2026-06-04            Fronleichnam
2026-08-15            Mariä Himmelfahrt
2026-10-26            Nationalfeiertag
2026-11-01            Allerheiligen
2026-12-08            Mariä Empfängnis
2026-12-25            Christtag
2026-12-26            Stefanitag
2027-01-01            Neujahr
2027-01-06            Heilige Drei Könige
2027-03-29            Ostermontag
2027-05-01            Staatsfeiertag
2027-05-06            Christi Himmelfahrt
2027-05-17            Pfingstmontag
2027-05-27            Fronleichnam
2027-08-15            Mariä Himmelfahrt
2027-10-26            Nationalfeiertag
2027-11-01            Allerheiligen
2027-12-08            Mariä Empfängnis
2027-12-25            Christtag
2027-12-26            Stefanitag
2028-01-01            Neujahr
2028-01-06            Heilige Drei Könige
2028-04-17            Ostermontag
2028-05-01            Staatsfeiertag
2028-05-25            Christi Himmelfahrt
2028-06-05            Pfingstmontag
2028-06-15            Fronleichnam
2028-08-15            Mariä Himmelfahrt
2028-10-26            Nationalfeiertag
2028-11-01            Allerheiligen
2028-12-08            Mariä Empfängnis
2028-12-25            Christtag
2028-12-26            Stefanitag
2029-01-01            Neujahr
2029-01-06            Heilige Drei Könige
2029-04-02            Ostermontag
2029-05-01            Staatsfeiertag
2029-05-10            Christi Himmelfahrt
2029-05-21            Pfingstmontag
2029-05-31            Fronleichnam
2029-08-15            Mariä Himmelfahrt
2029-10-26            Nationalfeiertag
2029-11-01            Allerheiligen
2029-12-08            Mariä Empfängnis
2029-12-25            Christtag
2029-12-26            Stefanitag
2030-01-01            Neujahr
2030-01-06            Heilige Drei Könige
2030-04-22            Ostermontag
2030-05-01            Staatsfeiertag
2030-05-30            Christi Himmelfahrt
2030-06-10            Pfingstmontag
2030-06-20            Fronleichnam
2030-08-15            Mariä Himmelfahrt
2030-10-26            Nationalfeiertag
2030-11-01            Allerheiligen
2030-12-08            Mariä Empfängnis
2030-12-25            Christtag
2030-12-26            Stefanitag
2031-01-01            Neujahr
2031-01-06            Heilige Drei Könige
2031-04-14            Ostermontag
2031-05-01            Staatsfeiertag
2031-05-22            Christi Himmelfahrt
2031-06-02            Pfingstmontag
2031-06-12            Fronleichnam
2031-08-15            Mariä Himmelfahrt
2031-10-26            Nationalfeiertag
2031-11-01            Allerheiligen
2031-12-08            Mariä Empfängnis
2031-12-25            Christtag
2031-12-26            Stefanitag
2032-01-01            Neujahr
2032-01-06            Heilige Drei Könige
2032-03-29            Ostermontag
2032-05-01            Staatsfeiertag
2032-05-06            Christi Himmelfahrt
2032-05-17            Pfingstmontag
2032-05-27            Fronleichnam
2032-08-15            Mariä Himmelfahrt
2032-10-26            Nationalfeiertag
2032-11-01            Allerheiligen
2032-12-08            Mariä Empfängnis
2032-12-25            Christtag
2032-12-26            Stefanitag
2033-01-01            Neujahr
2033-01-06            Heilige Drei Könige
2033-04-18            Ostermontag
2033-05-01            Staatsfeiertag
2033-05-26            Christi Himmelfahrt
2033-06-06            Pfingstmontag
2033-06-16            Fronleichnam
2033-08-15            Mariä Himmelfahrt
2033-10-26            Nationalfeiertag
2033-11-01            Allerheiligen
2033-12-08            Mariä Empfängnis
2033-12-25            Christtag
2033-12-26            Stefanitag
2034-01-01            Neujahr
2034-01-06            Heilige Drei Könige
2034-04-10            Ostermontag
2034-05-01            Staatsfeiertag
2034-05-18            Christi Himmelfahrt
2034-05-29            Pfingstmontag
2034-06-08            Fronleichnam
2034-08-15            Mariä Himmelfahrt
2034-10-26            Nationalfeiertag
2034-11-01            Allerheiligen
2034-12-08            Mariä Empfängnis
2034-12-25            Christtag
2034-12-26            Stefanitag
2035-01-01            Neujahr
2035-01-06            Heilige Drei Könige
2035-03-26            Ostermontag
2035-05-01            Staatsfeiertag
2035-05-03            Christi Himmelfahrt
2035-05-14            Pfingstmontag
2035-05-24            Fronleichnam
2035-08-15            Mariä Himmelfahrt
2035-10-26            Nationalfeiertag
2035-11-01            Allerheiligen
2035-12-08            Mariä Empfängnis
2035-12-25            Christtag
2035-12-26            Stefanitag
`

func TestAT_NationalPinned(t *testing.T) {
	want := pinned.Table(t, atPublished)
	got := slices.Collect(at.National().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), atMonFri))
	require.Equal(t, want, got)
}

// No substitute days: the actual date is always the observed one, also on
// weekends, for every year the set claims to be accurate.
func TestAT_NationalHasNoSubstitutes(t *testing.T) {
	for hol := range at.National().Occurrences(date.New(1990, 1, 1), date.New(2101, 1, 1), atMonFri) {
		assert.Equal(t, hol.Actual, hol.Observed, "%v", hol)
		assert.Equal(t, calendar.Closed, hol.Kind)
	}
}

func TestAT_NationalRoundTripsAsJSON(t *testing.T) {
	b, err := at.National().MarshalJSON()
	require.NoError(t, err)
	var back calendar.Holidays
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, at.National(), back)
}

var atMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

func Example_austria() {
	loc, err := time.LoadLocation("Europe/Vienna")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(at.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 5, 1), date.New(2027, 6, 30)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-05-01 Saturday Staatsfeiertag
	// 2027-05-06 Thursday Christi Himmelfahrt
	// 2027-05-17 Monday Pfingstmontag
	// 2027-05-27 Thursday Fronleichnam
	// 252 working days in 2027
}
