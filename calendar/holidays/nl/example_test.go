package nl_test

import (
	"fmt"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/nl"
)

// King's Day moves to Saturday when 27 April is a Sunday; with the
// collective-agreement option, Liberation Day is off only in lustrum years.
func ExampleNational() {
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
