package jp_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/jp"
)

// Golden Week 2027: Constitution Memorial Day, Greenery Day and Children's
// Day from Monday to Wednesday; September 2026 has a day between two
// holidays.
func ExampleNational() {
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-18:00"), calendar.WithExceptions(jp.National()))
	if err != nil {
		panic(err)
	}
	for _, r := range [][2]date.Date{{date.New(2027, 4, 28), date.New(2027, 5, 7)}, {date.New(2026, 9, 20), date.New(2026, 9, 25)}} {
		for e := range cal.ExceptionsIn(r[0], r[1]) {
			fmt.Println(e.Date, e.Date.Weekday(), e.Name)
		}
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-04-29 Thursday 昭和の日
	// 2027-05-03 Monday 憲法記念日
	// 2027-05-04 Tuesday みどりの日
	// 2027-05-05 Wednesday こどもの日
	// 2026-09-21 Monday 敬老の日
	// 2026-09-22 Tuesday 国民の休日
	// 2026-09-23 Wednesday 秋分の日
	// 245 working days in 2027
}
