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
	"github.com/go-itsm/itsm/calendar/holidays/ie"
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
)

// iePublished is Ireland's public holidays, 2020 to 2035, in date order. It was expanded
// from the statutory definitions in the package doc by a separate program
// (Python, with dateutil's Easter), not by the rules under test, and the
// Easter dates agree with the published Easter tables.
var iePublished = `
2020-01-01            New Year's Day
2020-03-17            Saint Patrick's Day
2020-04-13            Easter Monday
2020-05-04            May bank holiday
2020-06-01            June bank holiday
2020-08-03            August bank holiday
2020-10-26            October bank holiday
2020-12-25            Christmas Day
2020-12-26            Saint Stephen's Day
2021-01-01            New Year's Day
2021-03-17            Saint Patrick's Day
2021-04-05            Easter Monday
2021-05-03            May bank holiday
2021-06-07            June bank holiday
2021-08-02            August bank holiday
2021-10-25            October bank holiday
2021-12-25            Christmas Day
2021-12-26            Saint Stephen's Day
2022-01-01            New Year's Day
2022-03-17            Saint Patrick's Day
2022-03-18            Public holiday
2022-04-18            Easter Monday
2022-05-02            May bank holiday
2022-06-06            June bank holiday
2022-08-01            August bank holiday
2022-10-31            October bank holiday
2022-12-25            Christmas Day
2022-12-26            Saint Stephen's Day
2023-01-01            New Year's Day
2023-02-06            Saint Brigid's Day
2023-03-17            Saint Patrick's Day
2023-04-10            Easter Monday
2023-05-01            May bank holiday
2023-06-05            June bank holiday
2023-08-07            August bank holiday
2023-10-30            October bank holiday
2023-12-25            Christmas Day
2023-12-26            Saint Stephen's Day
2024-01-01            New Year's Day
2024-02-05            Saint Brigid's Day
2024-03-17            Saint Patrick's Day
2024-04-01            Easter Monday
2024-05-06            May bank holiday
2024-06-03            June bank holiday
2024-08-05            August bank holiday
2024-10-28            October bank holiday
2024-12-25            Christmas Day
2024-12-26            Saint Stephen's Day
2025-01-01            New Year's Day
2025-02-03            Saint Brigid's Day
2025-03-17            Saint Patrick's Day
2025-04-21            Easter Monday
2025-05-05            May bank holiday
2025-06-02            June bank holiday
2025-08-04            August bank holiday
2025-10-27            October bank holiday
2025-12-25            Christmas Day
2025-12-26            Saint Stephen's Day
2026-01-01            New Year's Day
2026-02-02            Saint Brigid's Day
2026-03-17            Saint Patrick's Day
2026-04-06            Easter Monday
2026-05-04            May bank holiday
2026-06-01            June bank holiday
2026-08-03            August bank holiday
2026-10-26            October bank holiday
2026-12-25            Christmas Day
2026-12-26            Saint Stephen's Day
2027-01-01            New Year's Day
2027-02-01            Saint Brigid's Day
2027-03-17            Saint Patrick's Day
2027-03-29            Easter Monday
2027-05-03            May bank holiday
2027-06-07            June bank holiday
2027-08-02            August bank holiday
2027-10-25            October bank holiday
2027-12-25            Christmas Day
2027-12-26            Saint Stephen's Day
2028-01-01            New Year's Day
2028-02-07            Saint Brigid's Day
2028-03-17            Saint Patrick's Day
2028-04-17            Easter Monday
2028-05-01            May bank holiday
2028-06-05            June bank holiday
2028-08-07            August bank holiday
2028-10-30            October bank holiday
2028-12-25            Christmas Day
2028-12-26            Saint Stephen's Day
2029-01-01            New Year's Day
2029-02-05            Saint Brigid's Day
2029-03-17            Saint Patrick's Day
2029-04-02            Easter Monday
2029-05-07            May bank holiday
2029-06-04            June bank holiday
2029-08-06            August bank holiday
2029-10-29            October bank holiday
2029-12-25            Christmas Day
2029-12-26            Saint Stephen's Day
2030-01-01            New Year's Day
2030-02-01            Saint Brigid's Day
2030-03-17            Saint Patrick's Day
2030-04-22            Easter Monday
2030-05-06            May bank holiday
2030-06-03            June bank holiday
2030-08-05            August bank holiday
2030-10-28            October bank holiday
2030-12-25            Christmas Day
2030-12-26            Saint Stephen's Day
2031-01-01            New Year's Day
2031-02-03            Saint Brigid's Day
2031-03-17            Saint Patrick's Day
2031-04-14            Easter Monday
2031-05-05            May bank holiday
2031-06-02            June bank holiday
2031-08-04            August bank holiday
2031-10-27            October bank holiday
2031-12-25            Christmas Day
2031-12-26            Saint Stephen's Day
2032-01-01            New Year's Day
2032-02-02            Saint Brigid's Day
2032-03-17            Saint Patrick's Day
2032-03-29            Easter Monday
2032-05-03            May bank holiday
2032-06-07            June bank holiday
2032-08-02            August bank holiday
2032-10-25            October bank holiday
2032-12-25            Christmas Day
2032-12-26            Saint Stephen's Day
2033-01-01            New Year's Day
2033-02-07            Saint Brigid's Day
2033-03-17            Saint Patrick's Day
2033-04-18            Easter Monday
2033-05-02            May bank holiday
2033-06-06            June bank holiday
2033-08-01            August bank holiday
2033-10-31            October bank holiday
2033-12-25            Christmas Day
2033-12-26            Saint Stephen's Day
2034-01-01            New Year's Day
2034-02-06            Saint Brigid's Day
2034-03-17            Saint Patrick's Day
2034-04-10            Easter Monday
2034-05-01            May bank holiday
2034-06-05            June bank holiday
2034-08-07            August bank holiday
2034-10-30            October bank holiday
2034-12-25            Christmas Day
2034-12-26            Saint Stephen's Day
2035-01-01            New Year's Day
2035-02-05            Saint Brigid's Day
2035-03-17            Saint Patrick's Day
2035-03-26            Easter Monday
2035-05-07            May bank holiday
2035-06-04            June bank holiday
2035-08-06            August bank holiday
2035-10-29            October bank holiday
2035-12-25            Christmas Day
2035-12-26            Saint Stephen's Day
`

func TestIE_NationalPinned(t *testing.T) {
	want := pinned.Table(t, iePublished)
	got := slices.Collect(ie.National().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), ieMonFri))
	require.Equal(t, want, got)
}

// No substitute days: the actual date is always the observed one, also on
// weekends, for every year the set claims to be accurate.
func TestIE_NationalHasNoSubstitutes(t *testing.T) {
	for hol := range ie.National().Occurrences(date.New(1994, 1, 1), date.New(2200, 1, 1), ieMonFri) {
		assert.Equal(t, hol.Actual, hol.Observed, "%v", hol)
		assert.Equal(t, calendar.Closed, hol.Kind)
	}
}

func TestIE_NationalRoundTripsAsJSON(t *testing.T) {
	b, err := ie.National().MarshalJSON()
	require.NoError(t, err)
	var back calendar.Holidays
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, ie.National(), back)
}

// Saint Brigid's Day is a Friday exactly when 1 February is one, and the
// first Monday of February otherwise, in every year the set covers.
func TestIE_SaintBrigidsDay(t *testing.T) {
	n := 0
	for hol := range ie.National().Occurrences(date.New(2023, 1, 1), date.New(2200, 1, 1), ieMonFri) {
		if hol.Name != "Saint Brigid's Day" {
			continue
		}
		n++
		y := hol.Actual.Year()
		feb1 := date.New(y, time.February, 1)
		want := feb1 + date.Date((int(time.Monday)-int(feb1.Weekday())+7)%7)
		if feb1.Weekday() == time.Friday {
			want = feb1
		}
		assert.Equal(t, want, hol.Actual)
	}
	assert.Equal(t, 2199-2023+1, n)
}

var ieMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

// In 2030 1 February is a Friday, and Saint Brigid's Day with it.
func Example_ireland() {
	loc, err := time.LoadLocation("Europe/Dublin")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(ie.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2030, 1, 1), date.New(2030, 3, 31)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2030, 1, 1), date.New(2031, 1, 1)), "working days in 2030")
	// Output:
	// 2030-01-01 Tuesday New Year's Day
	// 2030-02-01 Friday Saint Brigid's Day
	// 2030-03-17 Sunday Saint Patrick's Day
	// 252 working days in 2030
}
