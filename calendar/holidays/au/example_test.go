package au_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/au"
)

// Christmas 2027 is a Saturday and Boxing Day a Sunday: every state moves
// them to Monday and Tuesday. A Sydney service desk adds the King's
// Birthday, which New South Wales observes in June.
func ExampleNational() {
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
func ExampleWithAnzacDayMondayAfterWeekend() {
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
