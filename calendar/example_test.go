package calendar_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/rickb777/date/v2"
)

func newYork() *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	return loc
}

func ExampleNew() {
	week, err := calendar.ParseWeek("Mon-Fri 09:00-12:30,13:30-18:00")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(newYork(), week,
		calendar.WithExceptions(calendar.ClosedOn("Thanksgiving", date.New(2026, 11, 26))))
	if err != nil {
		panic(err)
	}
	fmt.Println(cal.Week())
	// Output: Mon-Fri 09:00-12:30,13:30-18:00
}

func ExampleCalendar_Add() {
	ny := newYork()
	cal, _ := calendar.New(ny, calendar.MustParseWeek("Mon-Fri 09:00-17:00"),
		calendar.WithExceptions(calendar.ClosedOn("Thanksgiving", date.New(2026, 11, 26))))
	opened := time.Date(2026, 11, 25, 15, 0, 0, 0, ny) // Wednesday afternoon
	due, _ := cal.Add(opened, 4*time.Hour)
	fmt.Println(due.Format("Mon 2006-01-02 15:04 MST"))
	exactly, _ := cal.Add(opened, 2*time.Hour)
	fmt.Println(exactly.Format("Mon 15:04"), "(closing time itself)")
	back, _ := cal.Add(opened, -8*time.Hour)
	fmt.Println(back.Format("Mon 15:04"))
	// Output:
	// Fri 2026-11-27 11:00 EST
	// Wed 17:00 (closing time itself)
	// Tue 15:00
}

func ExampleCalendar_Between() {
	ny := newYork()
	always, _ := calendar.New(ny, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
	// The day clocks fall back holds 25 hours.
	fmt.Println(always.Between(time.Date(2026, 11, 1, 0, 0, 0, 0, ny), time.Date(2026, 11, 2, 0, 0, 0, 0, ny)))
	office, _ := calendar.New(ny, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	fmt.Println(office.Between(time.Date(2026, 11, 27, 16, 0, 0, 0, ny), time.Date(2026, 11, 30, 10, 0, 0, 0, ny)))
	// Output:
	// 25h0m0s
	// 2h0m0s
}

func ExampleCalendar_IsOpen() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	nights, _ := calendar.New(ams, calendar.MustParseWeek("Fri 22:00-06:00"))
	fmt.Println(nights.IsOpen(time.Date(2026, 11, 28, 5, 59, 0, 0, ams))) // Saturday, in Friday's shift
	fmt.Println(nights.IsOpen(time.Date(2026, 11, 28, 6, 0, 0, 0, ams)))  // closing time is closed
	// Output:
	// true
	// false
}

func ExampleCalendar_NextOpen() {
	ny := newYork()
	cal, _ := calendar.New(ny, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	open, _ := cal.NextOpen(time.Date(2026, 11, 28, 12, 0, 0, 0, ny))
	closes, _ := cal.NextClose(open)
	fmt.Println(open.Format("Mon 15:04"), "to", closes.Format("Mon 15:04"))
	// Output: Mon 09:00 to Mon 17:00
}

func ExampleCalendar_Intervals() {
	ny := newYork()
	cal, _ := calendar.New(ny, calendar.MustParseWeek("Mon-Fri 09:00-12:00,13:00-17:00"))
	from := time.Date(2026, 11, 27, 10, 0, 0, 0, ny)
	for iv := range cal.Intervals(from, from.Add(72*time.Hour)) {
		fmt.Println(iv.Start.Format("Mon 15:04"), "-", iv.End.Format("15:04"))
	}
	// Output:
	// Fri 10:00 - 12:00
	// Fri 13:00 - 17:00
	// Mon 09:00 - 10:00
}

func ExampleCalendar_AddWorkdays() {
	cal, _ := calendar.New(time.UTC, calendar.MustParseWeek("Mon-Fri 09:00-17:00"),
		calendar.WithExceptions(calendar.ClosedOn("Christmas Day", date.New(2026, 12, 25))))
	d, _ := cal.AddWorkdays(date.New(2026, 12, 24), 2)
	fmt.Println(d, d.Weekday())
	fmt.Println(cal.Workdays(date.New(2026, 12, 1), date.New(2027, 1, 1)), "working days in December")
	fmt.Println(cal.IsWorkday(date.New(2026, 12, 25)))
	// Output:
	// 2026-12-29 Tuesday
	// 22 working days in December
	// false
}

func ExampleParseWeek() {
	w, err := calendar.ParseWeek("Mon-Fri 09:00-12:30,13:30-18:00; Sat 10:00-14:00")
	fmt.Println(w[time.Saturday], err)
	_, err = calendar.ParseWeek("Mon-Fri 09:00-1730")
	fmt.Println(err)
	// Output:
	// [10:00-14:00] <nil>
	// calendar: "Mon-Fri 09:00-1730": column 15: bad end time "1730"; want HH:MM or HH:MM:SS up to 24:00
}

func ExampleUnion() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	eu, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	us, _ := calendar.New(newYork(), calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	desk, _ := calendar.Union(eu, us)
	monday := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for iv := range desk.Intervals(monday, monday.Add(24*time.Hour)) {
		fmt.Println(iv.Start.Format("15:04"), "-", iv.End.Format("15:04 MST"))
	}
	// Output: 08:00 - 22:00 UTC
}

func ExampleDifference() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	hours, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 08:00-18:00"))
	maintenance, _ := calendar.New(ams, calendar.MustParseWeek("Wed 12:00-14:00"))
	service, _ := calendar.Difference(hours, maintenance)
	wed := time.Date(2026, 11, 25, 0, 0, 0, 0, ams)
	fmt.Println(service.Between(wed, wed.Add(24*time.Hour)))
	// Output: 8h0m0s
}

// A service's supported hours within a customer's contract hours.
func ExampleIntersection() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	service, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 08:00-20:00"))
	contract, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Sat 09:00-17:00"))
	covered, _ := calendar.Intersection(service, contract)
	sat := time.Date(2026, 11, 28, 12, 0, 0, 0, ams)
	fmt.Println(covered.IsOpen(sat.Add(-48*time.Hour)), covered.IsOpen(sat)) // Thursday, Saturday noon
	open, _ := covered.NextOpen(sat)
	fmt.Println(open.Format("Mon 15:04"))
	// Output:
	// true false
	// Mon 09:00
}

// A calendar in configuration: its JSON document, validated when decoded.
func ExampleCalendar_MarshalJSON() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	christmas := calendar.MustHolidays(
		calendar.Rule{Name: "Christmas Day", On: calendar.MonthDay, Month: time.December, Day: 25})
	cal, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(christmas,
		calendar.Exceptions{{Date: date.New(2026, 12, 24), Kind: calendar.ClosesEarly, ClosesAt: calendar.Clock(13, 0, 0)}}))
	doc, err := json.Marshal(cal)
	fmt.Println(string(doc), err)

	var back calendar.Calendar
	err = json.Unmarshal(doc, &back)
	fmt.Println(err, back.Location(), back.Week())
	eve := time.Date(2026, 12, 24, 0, 0, 0, 0, ams)
	fmt.Println(back.Between(eve, eve.Add(48*time.Hour)))
	// Output:
	// {"location":"Europe/Amsterdam","week":"Mon-Fri 09:00-17:00","holidays":[{"name":"Christmas Day","on":"month_day","month":12,"day":25}],"exceptions":[{"date":"2026-12-24","kind":"closes_early","closes_at":"13:00"}]} <nil>
	// <nil> Europe/Amsterdam Mon-Fri 09:00-17:00
	// 4h0m0s
}

// Which holiday closes this date.
func ExampleCalendar_ExceptionOn() {
	federal := calendar.MustHolidays(
		calendar.Rule{Name: "Independence Day", On: calendar.MonthDay, Month: time.July, Day: 4, Observance: calendar.NearestWeekday})
	cal, _ := calendar.New(newYork(), calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(federal))
	if e, ok := cal.ExceptionOn(date.New(2026, 7, 3)); ok {
		fmt.Println(e.Name, e.Kind, "on", e.Date, "for", e.Actual)
	}
	_, ok := cal.ExceptionOn(date.New(2026, 7, 6))
	fmt.Println(ok)
	// Output:
	// Independence Day closed on 2026-07-03 for 2026-07-04
	// false
}

// The holidays of a period that change a calendar's hours.
func ExampleCalendar_ExceptionsIn() {
	company := calendar.MustHolidays(
		calendar.Rule{Name: "Christmas Eve", On: calendar.MonthDay, Month: time.December, Day: 24,
			Kind: calendar.ClosesEarly, ClosesAt: calendar.Clock(13, 0, 0)},
		calendar.Rule{Name: "Christmas Day", On: calendar.MonthDay, Month: time.December, Day: 25},
	)
	cal, _ := calendar.New(time.UTC, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(company,
		calendar.Exceptions{{Date: date.New(2026, 12, 28), Name: "Stocktaking", Kind: calendar.Override,
			Hours: []calendar.Span{{Start: calendar.Clock(10, 0, 0), End: calendar.Clock(12, 0, 0)}}}}))
	for e := range cal.ExceptionsIn(date.New(2026, 12, 1), date.New(2027, 1, 1)) {
		switch e.Kind {
		case calendar.ClosesEarly:
			fmt.Println(e.Date, e.Name, "closes at", e.ClosesAt)
		case calendar.Override:
			fmt.Println(e.Date, e.Name, "open", e.Hours)
		default:
			fmt.Println(e.Date, e.Name, "closed")
		}
	}
	// Output:
	// 2026-12-24 Christmas Eve closes at 13:00
	// 2026-12-25 Christmas Day closed
	// 2026-12-28 Stocktaking open [10:00-12:00]
}

// Wall-clock times that do not exist or exist twice, resolved as the
// calendar resolves its hours.
func ExampleDate() {
	ny := newYork()
	// 02:30 on 8 March 2026 does not exist in New York: the clocks jump to 03:00.
	fmt.Println(calendar.Date(2026, time.March, 8, 2, 30, 0, ny).Format("15:04 MST"))
	// 01:30 on 1 November 2026 happens twice: the first one counts.
	fmt.Println(calendar.Date(2026, time.November, 1, 1, 30, 0, ny).Format("15:04 MST"))
	// Output:
	// 03:00 EDT
	// 01:30 EDT
}

func ExampleCalendar_PrevOpen() {
	ny := newYork()
	cal, _ := calendar.New(ny, calendar.MustParseWeek("Mon-Fri 09:00-12:00,13:00-17:00"))
	now := time.Date(2026, 11, 23, 14, 30, 0, 0, ny) // Monday afternoon
	opened, _ := cal.PrevOpen(now)
	closed, _ := cal.PrevClose(now)
	fmt.Println("open since", opened.Format("Mon 15:04"), "- last closed", closed.Format("Mon 15:04"))
	sunday := time.Date(2026, 11, 22, 10, 0, 0, 0, ny)
	closed, _ = cal.PrevClose(sunday)
	fmt.Println("closed since", closed.Format("Mon 15:04"))
	// Output:
	// open since Mon 13:00 - last closed Mon 12:00
	// closed since Fri 17:00
}

// Configuration is strict: a mistake is a *FieldError that names its JSON
// path and wraps the sentinels to branch on.
func ExampleCalendar_UnmarshalJSON() {
	doc := `{"location":"Europe/Amsterdam","week":"Mon-Fri 09:00-17:00",
	  "holidays":[{"name":"Thanksgiving","on":"nth_weekday","month":11,"weekday":"thursdy","n":4}]}`
	var c calendar.Calendar
	err := json.Unmarshal([]byte(doc), &c)
	fmt.Println(err)
	var fe *calendar.FieldError
	if errors.As(err, &fe) {
		fmt.Println(fe.Path, fe.Value)
	}
	fmt.Println(errors.Is(err, calendar.ErrInvalidCalendar), errors.Is(err, calendar.ErrInvalidRule), errors.Is(err, calendar.ErrUnknownWord))

	err = json.Unmarshal([]byte(`{"location":"Europe/Amsterdam","wek":"Mon-Fri 09:00-17:00"}`), &c)
	fmt.Println(err)
	// Output:
	// calendar: holidays[0].weekday "thursdy": unknown Weekday (known: sunday, monday, tuesday, wednesday, thursday, friday, saturday)
	// holidays[0].weekday thursdy
	// true true true
	// calendar: unknown field "wek" (known: difference, exceptions, holidays, intersection, location, union, week)
}
