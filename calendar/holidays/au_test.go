package holidays_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/au"
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// auPublished is the public holidays common to every Australian state and
// territory, 2020 to 2035, by observed date: actual date, observed date when
// it moved, name. It was expanded from the state Acts' wording (see the
// package doc) by a separate program (Python, with dateutil's Easter and
// the Christmas and Boxing Day cases written out one by one), not by the
// rules under test. The substitute days of 2020-2026 agree with the
// states' published lists (Australia Day on Monday 27 January 2020 and
// 2025, New Year's Day on Monday 3 January 2022, 27 and 28 December 2021,
// 26 and 27 December 2022).
var auPublished = `
2020-01-01            New Year's Day
2020-01-26 2020-01-27 Australia Day
2020-04-10            Good Friday
2020-04-13            Easter Monday
2020-04-25            Anzac Day
2020-12-25            Christmas Day
2020-12-26 2020-12-28 Boxing Day
2021-01-01            New Year's Day
2021-01-26            Australia Day
2021-04-02            Good Friday
2021-04-05            Easter Monday
2021-04-25            Anzac Day
2021-12-25 2021-12-27 Christmas Day
2021-12-26 2021-12-28 Boxing Day
2022-01-01 2022-01-03 New Year's Day
2022-01-26            Australia Day
2022-04-15            Good Friday
2022-04-18            Easter Monday
2022-04-25            Anzac Day
2022-09-22            National Day of Mourning for Queen Elizabeth II
2022-12-26            Boxing Day
2022-12-25 2022-12-27 Christmas Day
2023-01-01 2023-01-02 New Year's Day
2023-01-26            Australia Day
2023-04-07            Good Friday
2023-04-10            Easter Monday
2023-04-25            Anzac Day
2023-12-25            Christmas Day
2023-12-26            Boxing Day
2024-01-01            New Year's Day
2024-01-26            Australia Day
2024-03-29            Good Friday
2024-04-01            Easter Monday
2024-04-25            Anzac Day
2024-12-25            Christmas Day
2024-12-26            Boxing Day
2025-01-01            New Year's Day
2025-01-26 2025-01-27 Australia Day
2025-04-18            Good Friday
2025-04-21            Easter Monday
2025-04-25            Anzac Day
2025-12-25            Christmas Day
2025-12-26            Boxing Day
2026-01-01            New Year's Day
2026-01-26            Australia Day
2026-04-03            Good Friday
2026-04-06            Easter Monday
2026-04-25            Anzac Day
2026-12-25            Christmas Day
2026-12-26 2026-12-28 Boxing Day
2027-01-01            New Year's Day
2027-01-26            Australia Day
2027-03-26            Good Friday
2027-03-29            Easter Monday
2027-04-25            Anzac Day
2027-12-25 2027-12-27 Christmas Day
2027-12-26 2027-12-28 Boxing Day
2028-01-01 2028-01-03 New Year's Day
2028-01-26            Australia Day
2028-04-14            Good Friday
2028-04-17            Easter Monday
2028-04-25            Anzac Day
2028-12-25            Christmas Day
2028-12-26            Boxing Day
2029-01-01            New Year's Day
2029-01-26            Australia Day
2029-03-30            Good Friday
2029-04-02            Easter Monday
2029-04-25            Anzac Day
2029-12-25            Christmas Day
2029-12-26            Boxing Day
2030-01-01            New Year's Day
2030-01-26 2030-01-28 Australia Day
2030-04-19            Good Friday
2030-04-22            Easter Monday
2030-04-25            Anzac Day
2030-12-25            Christmas Day
2030-12-26            Boxing Day
2031-01-01            New Year's Day
2031-01-26 2031-01-27 Australia Day
2031-04-11            Good Friday
2031-04-14            Easter Monday
2031-04-25            Anzac Day
2031-12-25            Christmas Day
2031-12-26            Boxing Day
2032-01-01            New Year's Day
2032-01-26            Australia Day
2032-03-26            Good Friday
2032-03-29            Easter Monday
2032-04-25            Anzac Day
2032-12-25 2032-12-27 Christmas Day
2032-12-26 2032-12-28 Boxing Day
2033-01-01 2033-01-03 New Year's Day
2033-01-26            Australia Day
2033-04-15            Good Friday
2033-04-18            Easter Monday
2033-04-25            Anzac Day
2033-12-26            Boxing Day
2033-12-25 2033-12-27 Christmas Day
2034-01-01 2034-01-02 New Year's Day
2034-01-26            Australia Day
2034-04-07            Good Friday
2034-04-10            Easter Monday
2034-04-25            Anzac Day
2034-12-25            Christmas Day
2034-12-26            Boxing Day
2035-01-01            New Year's Day
2035-01-26            Australia Day
2035-03-23            Good Friday
2035-03-26            Easter Monday
2035-04-25            Anzac Day
2035-12-25            Christmas Day
2035-12-26            Boxing Day
`

func TestAU_NationalPinned(t *testing.T) {
	want := pinned.Table(t, auPublished)
	got := slices.Collect(au.National().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), auMonFri))
	require.Equal(t, want, got)
}

// WithKingsBirthday adds the second Monday in June and nothing else, named
// for the Queen until 2022.
func TestAU_WithKingsBirthday(t *testing.T) {
	base := map[date.Date]bool{}
	for hol := range au.National().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), auMonFri) {
		base[hol.Observed] = true
	}
	var extra []string
	for hol := range au.National(au.WithKingsBirthday()).Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), auMonFri) {
		if !base[hol.Observed] {
			extra = append(extra, hol.Observed.String()+" "+hol.Name)
		}
	}
	assert.Equal(t, []string{
		"2020-06-08 Queen's Birthday", "2021-06-14 Queen's Birthday", "2022-06-13 Queen's Birthday",
		"2023-06-12 King's Birthday", "2024-06-10 King's Birthday", "2025-06-09 King's Birthday",
		"2026-06-08 King's Birthday", "2027-06-14 King's Birthday", "2028-06-12 King's Birthday",
		"2029-06-11 King's Birthday", "2030-06-10 King's Birthday", "2031-06-09 King's Birthday",
		"2032-06-14 King's Birthday", "2033-06-13 King's Birthday", "2034-06-12 King's Birthday",
		"2035-06-11 King's Birthday",
	}, extra)
}

// Anzac Day on a weekend: 2020 is a Saturday, 2021 a Sunday (the ABC's
// state-by-state list of 22 April 2021: Monday 26 April off in Queensland,
// Western Australia, South Australia, the ACT and the Northern Territory;
// Monday 27 April 2020 only in Western Australia and the ACT).
func TestAU_AnzacDaySubstitutes(t *testing.T) {
	anzac := func(h calendar.Holidays, y int) string {
		for hol := range h.Occurrences(date.New(y, 4, 20), date.New(y, 5, 1), auMonFri) {
			if hol.Name == "Anzac Day" {
				return hol.Observed.String()
			}
		}
		return "none"
	}
	for _, c := range []struct {
		name string
		h    calendar.Holidays
		want [2]string
	}{
		{"NSW, Vic, Tas", au.National(), [2]string{"2020-04-25", "2021-04-25"}},
		{"Qld, SA, NT", au.National(au.WithAnzacDayMondayAfterSunday()), [2]string{"2020-04-25", "2021-04-26"}},
		{"WA, ACT", au.National(au.WithAnzacDayMondayAfterWeekend()), [2]string{"2020-04-27", "2021-04-26"}},
		{"last option wins", au.National(au.WithAnzacDayMondayAfterWeekend(), au.WithAnzacDayMondayAfterSunday()), [2]string{"2020-04-25", "2021-04-26"}},
	} {
		assert.Equal(t, c.want, [2]string{anzac(c.h, 2020), anzac(c.h, 2021)}, c.name)
	}
	assert.Equal(t, au.National(), au.National(nil), "a nil option changes nothing")
}

// In 2038 Anzac Day is Easter Sunday: the Monday the Acts substitute is
// Easter Monday, so the options give no further day (no Tuesday 27 April);
// without them Anzac Day stays on the Sunday.
func TestAU_AnzacDayOnEasterSunday(t *testing.T) {
	days := func(h calendar.Holidays) []string {
		var out []string
		for hol := range h.Occurrences(date.New(2038, 4, 23), date.New(2038, 4, 30), auMonFri) {
			out = append(out, hol.Observed.String()+" "+hol.Name)
		}
		return out
	}
	assert.Equal(t, []string{"2038-04-23 Good Friday", "2038-04-25 Anzac Day", "2038-04-26 Easter Monday"}, days(au.National()))
	for _, o := range []au.Option{au.WithAnzacDayMondayAfterWeekend(), au.WithAnzacDayMondayAfterSunday()} {
		assert.Equal(t, []string{"2038-04-23 Good Friday", "2038-04-26 Easter Monday"}, days(au.National(o)))
	}
}

// Moved holidays land on weekdays that no other holiday of the set has, in
// every variant, and each set survives a JSON round trip.
func TestAU_NationalSubstitutes(t *testing.T) {
	for _, h := range []calendar.Holidays{
		au.National(),
		au.National(au.WithKingsBirthday(), au.WithAnzacDayMondayAfterWeekend()),
		au.National(au.WithAnzacDayMondayAfterSunday()),
	} {
		all := slices.Collect(h.Occurrences(date.New(1994, 1, 1), date.New(2101, 1, 1), auMonFri))
		count := map[date.Date]int{}
		for _, hol := range all {
			count[hol.Observed]++
		}
		for _, hol := range all {
			if hol.Observed == hol.Actual {
				continue
			}
			wd := hol.Observed.Weekday()
			assert.True(t, wd != time.Saturday && wd != time.Sunday, "%v", hol)
			assert.Equal(t, 1, count[hol.Observed], "%v shares its day", hol)
		}
		b, err := h.MarshalJSON()
		require.NoError(t, err)
		var back calendar.Holidays
		require.NoError(t, back.UnmarshalJSON(b))
		assert.Equal(t, h, back)
	}
}

var auMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

// Christmas 2027 is a Saturday and Boxing Day a Sunday: every state moves
// them to Monday and Tuesday. A Sydney service desk adds the King's
// Birthday, which New South Wales observes in June.
func Example_australia() {
	loc, err := time.LoadLocation("Australia/Sydney")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"),
		calendar.WithExceptions(au.National(au.WithKingsBirthday())))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 6, 1), date.New(2028, 1, 5)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-06-14 Monday King's Birthday
	// 2027-12-27 Monday Christmas Day
	// 2027-12-28 Tuesday Boxing Day
	// 2028-01-03 Monday New Year's Day
	// 254 working days in 2027
}

// Western Australia gives the next Monday when Anzac Day is on a weekend,
// and has its own Labour Day (first Monday in March): add it to the set's
// rules so that substitute days skip it.
func Example_australiaAnzacMonday() {
	wa, err := calendar.NewHolidays(append(au.National(au.WithAnzacDayMondayAfterWeekend()).Rules(),
		calendar.Rule{Name: "Labour Day", On: calendar.NthWeekday, Month: time.March, Weekday: time.Monday, N: 1},
	)...)
	if err != nil {
		panic(err)
	}
	week := calendar.MustParseWeek("Mon-Fri 09:00-17:00")
	for hol := range wa.Occurrences(date.New(2026, 3, 1), date.New(2026, 5, 1), week) {
		fmt.Println(hol.Observed, hol.Observed.Weekday(), hol.Name)
	}
	// Output:
	// 2026-03-02 Monday Labour Day
	// 2026-04-03 Friday Good Friday
	// 2026-04-06 Monday Easter Monday
	// 2026-04-27 Monday Anzac Day
}
