package in_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/in"
)

// A service desk for central government offices in Delhi plans with the
// years the DoPT has gazetted; a year beyond them is refused, not
// half-filled.
func ExampleDelhi() {
	first, last := in.GazettedYears()
	holidays, err := in.Delhi(first, last)
	if err != nil {
		panic(err)
	}
	loc, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:30"), calendar.WithExceptions(holidays))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2026, 10, 1), date.New(2026, 12, 1)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}

	_, err = in.Delhi(2026, 2027)
	fmt.Println(err)
	fmt.Println(errors.Is(err, in.ErrNotGazetted))
	// Output:
	// 2026-10-02 Friday Mahatma Gandhi's Birthday
	// 2026-10-20 Tuesday Dussehra (Vijay Dashmi)
	// 2026-11-08 Sunday Diwali (Deepavali)
	// 2026-11-24 Tuesday Guru Nanak's Birthday
	// in: last "2027": no DoPT holiday list for this year in this package (it has 2020 to 2026)
	// true
}

// The three national holidays need no gazette: they hold every year.
func ExampleNational() {
	week := calendar.MustParseWeek("Mon-Fri 09:00-17:30")
	for hol := range in.National().Occurrences(date.New(2030, 1, 1), date.New(2031, 1, 1), week) {
		fmt.Println(hol.Observed, hol.Name)
	}
	// Output:
	// 2030-01-26 Republic Day
	// 2030-08-15 Independence Day
	// 2030-10-02 Mahatma Gandhi's Birthday
}
