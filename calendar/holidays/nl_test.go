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
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
	"github.com/go-itsm/itsm/calendar/holidays/nl"
)

// nlPublished lists the Dutch public holidays of the Algemene termijnenwet,
// 2020 to 2030, as Rijksoverheid publishes them: actual date, the observed
// date when it differs (King's Day 2025 on Saturday 26 April), name. Typed,
// not computed.
var nlPublished = `
2020-01-01            Nieuwjaarsdag
2020-04-12            Eerste Paasdag
2020-04-13            Tweede Paasdag
2020-04-27            Koningsdag
2020-05-05            Bevrijdingsdag
2020-05-21            Hemelvaartsdag
2020-05-31            Eerste Pinksterdag
2020-06-01            Tweede Pinksterdag
2020-12-25            Eerste Kerstdag
2020-12-26            Tweede Kerstdag
2021-01-01            Nieuwjaarsdag
2021-04-04            Eerste Paasdag
2021-04-05            Tweede Paasdag
2021-04-27            Koningsdag
2021-05-05            Bevrijdingsdag
2021-05-13            Hemelvaartsdag
2021-05-23            Eerste Pinksterdag
2021-05-24            Tweede Pinksterdag
2021-12-25            Eerste Kerstdag
2021-12-26            Tweede Kerstdag
2022-01-01            Nieuwjaarsdag
2022-04-17            Eerste Paasdag
2022-04-18            Tweede Paasdag
2022-04-27            Koningsdag
2022-05-05            Bevrijdingsdag
2022-05-26            Hemelvaartsdag
2022-06-05            Eerste Pinksterdag
2022-06-06            Tweede Pinksterdag
2022-12-25            Eerste Kerstdag
2022-12-26            Tweede Kerstdag
2023-01-01            Nieuwjaarsdag
2023-04-09            Eerste Paasdag
2023-04-10            Tweede Paasdag
2023-04-27            Koningsdag
2023-05-05            Bevrijdingsdag
2023-05-18            Hemelvaartsdag
2023-05-28            Eerste Pinksterdag
2023-05-29            Tweede Pinksterdag
2023-12-25            Eerste Kerstdag
2023-12-26            Tweede Kerstdag
2024-01-01            Nieuwjaarsdag
2024-03-31            Eerste Paasdag
2024-04-01            Tweede Paasdag
2024-04-27            Koningsdag
2024-05-05            Bevrijdingsdag
2024-05-09            Hemelvaartsdag
2024-05-19            Eerste Pinksterdag
2024-05-20            Tweede Pinksterdag
2024-12-25            Eerste Kerstdag
2024-12-26            Tweede Kerstdag
2025-01-01            Nieuwjaarsdag
2025-04-20            Eerste Paasdag
2025-04-21            Tweede Paasdag
2025-04-27 2025-04-26 Koningsdag
2025-05-05            Bevrijdingsdag
2025-05-29            Hemelvaartsdag
2025-06-08            Eerste Pinksterdag
2025-06-09            Tweede Pinksterdag
2025-12-25            Eerste Kerstdag
2025-12-26            Tweede Kerstdag
2026-01-01            Nieuwjaarsdag
2026-04-05            Eerste Paasdag
2026-04-06            Tweede Paasdag
2026-04-27            Koningsdag
2026-05-05            Bevrijdingsdag
2026-05-14            Hemelvaartsdag
2026-05-24            Eerste Pinksterdag
2026-05-25            Tweede Pinksterdag
2026-12-25            Eerste Kerstdag
2026-12-26            Tweede Kerstdag
2027-01-01            Nieuwjaarsdag
2027-03-28            Eerste Paasdag
2027-03-29            Tweede Paasdag
2027-04-27            Koningsdag
2027-05-05            Bevrijdingsdag
2027-05-06            Hemelvaartsdag
2027-05-16            Eerste Pinksterdag
2027-05-17            Tweede Pinksterdag
2027-12-25            Eerste Kerstdag
2027-12-26            Tweede Kerstdag
2028-01-01            Nieuwjaarsdag
2028-04-16            Eerste Paasdag
2028-04-17            Tweede Paasdag
2028-04-27            Koningsdag
2028-05-05            Bevrijdingsdag
2028-05-25            Hemelvaartsdag
2028-06-04            Eerste Pinksterdag
2028-06-05            Tweede Pinksterdag
2028-12-25            Eerste Kerstdag
2028-12-26            Tweede Kerstdag
2029-01-01            Nieuwjaarsdag
2029-04-01            Eerste Paasdag
2029-04-02            Tweede Paasdag
2029-04-27            Koningsdag
2029-05-05            Bevrijdingsdag
2029-05-10            Hemelvaartsdag
2029-05-20            Eerste Pinksterdag
2029-05-21            Tweede Pinksterdag
2029-12-25            Eerste Kerstdag
2029-12-26            Tweede Kerstdag
2030-01-01            Nieuwjaarsdag
2030-04-21            Eerste Paasdag
2030-04-22            Tweede Paasdag
2030-04-27            Koningsdag
2030-05-05            Bevrijdingsdag
2030-05-30            Hemelvaartsdag
2030-06-09            Eerste Pinksterdag
2030-06-10            Tweede Pinksterdag
2030-12-25            Eerste Kerstdag
2030-12-26            Tweede Kerstdag
`

// nlGoodFriday is Goede Vrijdag, 2020 to 2030.
var nlGoodFriday = []string{
	"2020-04-10", "2021-04-02", "2022-04-15", "2023-04-07", "2024-03-29", "2025-04-18", "2026-04-03", "2027-03-26", "2028-04-14", "2029-03-30", "2030-04-19",
}

var nlMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

func nlOccurrences(h calendar.Holidays) []calendar.Holiday {
	return slices.Collect(h.Occurrences(date.New(2020, 1, 1), date.New(2031, 1, 1), nlMonFri))
}

func nlByObserved(a, b calendar.Holiday) int { return int(a.Observed - b.Observed) }

func TestNL_EveryHoliday2020To2030(t *testing.T) {
	require.Equal(t, pinned.Table(t, nlPublished), nlOccurrences(nl.National()))
}

func TestNL_WithGoodFriday(t *testing.T) {
	want := pinned.Table(t, nlPublished)
	for _, s := range nlGoodFriday {
		d, err := date.ParseISO(s)
		require.NoError(t, err)
		want = append(want, calendar.Holiday{Name: "Goede Vrijdag", Actual: d, Observed: d})
	}
	slices.SortStableFunc(want, nlByObserved)
	assert.Equal(t, want, nlOccurrences(nl.National(nl.WithGoodFriday())))
}

func TestNL_LiberationDayEveryFiveYears(t *testing.T) {
	want := slices.DeleteFunc(pinned.Table(t, nlPublished), func(h calendar.Holiday) bool {
		return h.Name == "Bevrijdingsdag" && h.Actual.Year()%5 != 0
	})
	assert.Equal(t, want, nlOccurrences(nl.National(nl.WithLiberationDayEveryFiveYears())))
	both := nlOccurrences(nl.National(nl.WithLiberationDayEveryFiveYears(), nl.WithGoodFriday()))
	assert.Len(t, both, len(want)+len(nlGoodFriday))
}

func TestNL_History(t *testing.T) {
	on := func(d date.Date) string {
		h, ok := nl.National().On(d, nlMonFri)
		if !ok {
			return ""
		}
		return h.Name
	}
	assert.Equal(t, "Koningsdag", on(date.New(2014, 4, 26)), "the first King's Day fell on a Sunday")
	assert.Equal(t, "Koninginnedag", on(date.New(2013, 4, 30)))
	assert.Equal(t, "Koninginnedag", on(date.New(2006, 4, 29)), "30 April 2006 was a Sunday")
	assert.Equal(t, "Bevrijdingsdag", on(date.New(1985, 5, 5)))
	assert.Equal(t, "", on(date.New(1986, 5, 5)), "before 1990 only in lustrum years")
	assert.Equal(t, "Bevrijdingsdag", on(date.New(1991, 5, 5)))
	// 2016: Ascension Day on Liberation Day; both reported, closed once.
	var names []string
	for h := range nl.National().Occurrences(date.New(2016, 5, 5), date.New(2016, 5, 6), nlMonFri) {
		names = append(names, h.Name)
	}
	assert.Equal(t, []string{"Bevrijdingsdag", "Hemelvaartsdag"}, names)
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(t, err)
	c, err := calendar.New(ams, nlMonFri, calendar.WithExceptions(nl.National()))
	require.NoError(t, err)
	assert.Equal(t, 4, c.Workdays(date.New(2016, 5, 2), date.New(2016, 5, 7)), "Monday to Friday less Thursday 5 May")
}

// King's Day moves to Saturday when 27 April is a Sunday; with the
// collective-agreement option, Liberation Day is off only in lustrum years.
func Example_netherlands() {
	h := nl.National(nl.WithLiberationDayEveryFiveYears())
	week := calendar.MustParseWeek("Mon-Fri 09:00-17:00")
	for y := 2025; y <= 2026; y++ {
		for hol := range h.Occurrences(date.New(y, 4, 20), date.New(y, 5, 10), week) {
			fmt.Println(hol.Observed, hol.Name)
		}
	}
	// Output:
	// 2025-04-20 Eerste Paasdag
	// 2025-04-21 Tweede Paasdag
	// 2025-04-26 Koningsdag
	// 2025-05-05 Bevrijdingsdag
	// 2026-04-27 Koningsdag
}
