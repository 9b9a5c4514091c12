package de_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/de"
)

// A Munich office: Bavaria's holidays, national ones included.
func ExampleState() {
	bayern, err := de.State("BY")
	if err != nil {
		fmt.Println(err)
		return
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	office, _ := calendar.New(berlin, calendar.MustParseWeek("Mon-Fri 08:00-16:30"), calendar.WithExceptions(bayern))
	for h := range bayern.Occurrences(date.New(2026, 5, 1), date.New(2026, 7, 1), office.Week()) {
		fmt.Println(h.Observed, h.Name)
	}
	fmt.Println(office.Workdays(date.New(2026, 5, 1), date.New(2026, 7, 1)), "working days in May and June")
	// Output:
	// 2026-05-01 Tag der Arbeit
	// 2026-05-14 Christi Himmelfahrt
	// 2026-05-25 Pfingstmontag
	// 2026-06-04 Fronleichnam
	// 39 working days in May and June
}

func ExampleNational() {
	for h := range de.National().Occurrences(date.New(2017, 10, 1), date.New(2017, 12, 1), calendar.Week{}) {
		fmt.Println(h.Observed, h.Name)
	}
	// Output:
	// 2017-10-03 Tag der Deutschen Einheit
	// 2017-10-31 Reformationstag
}
