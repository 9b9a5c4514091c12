package calendar_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
)

// A company's holidays as rules: they roll forward every year.
func ExampleNewHolidays() {
	company, err := calendar.NewHolidays(
		calendar.Rule{Name: "New Year's Day", On: calendar.MonthDay, Month: time.January, Day: 1, Observance: calendar.NextWeekday},
		calendar.Rule{Name: "Good Friday", On: calendar.EasterOffset, Offset: -2},
		calendar.Rule{Name: "Summer party", On: calendar.NthWeekday, Month: time.June, Weekday: time.Friday, N: -1,
			Kind: calendar.ClosesEarly, ClosesAt: calendar.Clock(14, 0, 0)},
		calendar.Rule{Name: "Year-end shutdown", On: calendar.MonthDay, Month: time.December, Day: 24, Days: 8},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	cal, err := calendar.New(time.UTC, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(company))
	if err != nil {
		fmt.Println(err)
		return
	}
	// Four business hours from Wednesday 23 December 2026, 15:00.
	due, _ := cal.Add(time.Date(2026, 12, 23, 15, 0, 0, 0, time.UTC), 4*time.Hour)
	fmt.Println(due.Format("Mon 2 Jan 2006 15:04"))
	// The summer party closes the last Friday of June at 14:00.
	fmt.Println(cal.Between(time.Date(2027, 6, 25, 0, 0, 0, 0, time.UTC), time.Date(2027, 6, 26, 0, 0, 0, 0, time.UTC)))
	// Output:
	// Mon 4 Jan 2027 11:00
	// 5h0m0s
}

// England's substitute days: Christmas Day on a Saturday and Boxing Day on
// a Sunday are observed on Monday and Tuesday.
func ExampleObservance() {
	h := calendar.MustHolidays(
		calendar.Rule{Name: "Christmas Day", On: calendar.MonthDay, Month: time.December, Day: 25, Observance: calendar.NextWeekday},
		calendar.Rule{Name: "Boxing Day", On: calendar.MonthDay, Month: time.December, Day: 26, Observance: calendar.NextWeekday},
	)
	week := calendar.MustParseWeek("Mon-Fri 09:00-17:30")
	for hol := range h.Occurrences(date.New(2021, 12, 1), date.New(2023, 1, 1), week) {
		fmt.Printf("%-13s falls on %s %s, observed %s %s\n", hol.Name,
			hol.Actual.Weekday().String()[:3], hol.Actual, hol.Observed.Weekday().String()[:3], hol.Observed)
	}
	// Output:
	// Christmas Day falls on Sat 2021-12-25, observed Mon 2021-12-27
	// Boxing Day    falls on Sun 2021-12-26, observed Tue 2021-12-28
	// Boxing Day    falls on Mon 2022-12-26, observed Mon 2022-12-26
	// Christmas Day falls on Sun 2022-12-25, observed Tue 2022-12-27
}

// The holidays of a period, full and half days.
func ExampleHolidays_Occurrences() {
	h := calendar.MustHolidays(
		calendar.Rule{Name: "Thanksgiving Day", On: calendar.NthWeekday, Month: time.November, Weekday: time.Thursday, N: 4},
		calendar.Rule{Name: "Day after Thanksgiving", On: calendar.NthWeekday, Month: time.November, Weekday: time.Friday, N: 4,
			Kind: calendar.ClosesEarly, ClosesAt: calendar.Clock(13, 0, 0)},
		calendar.Rule{Name: "New Year's Day", On: calendar.MonthDay, Month: time.January, Day: 1, Observance: calendar.NearestWeekday},
	)
	week := calendar.MustParseWeek("Mon-Fri 09:00-17:00")
	for hol := range h.Occurrences(date.New(2027, 11, 1), date.New(2028, 1, 1), week) {
		switch hol.Kind {
		case calendar.ClosesEarly:
			fmt.Printf("%s %s (closes at %s)\n", hol.Observed, hol.Name, hol.ClosesAt)
		default:
			fmt.Printf("%s %s (actual date %s)\n", hol.Observed, hol.Name, hol.Actual)
		}
	}
	// Output:
	// 2027-11-25 Thanksgiving Day (actual date 2027-11-25)
	// 2027-11-26 Day after Thanksgiving (closes at 13:00)
	// 2027-12-31 New Year's Day (actual date 2028-01-01)
}

// Which holiday closes a date.
func ExampleHolidays_On() {
	h := calendar.MustHolidays(
		calendar.Rule{Name: "Independence Day", On: calendar.MonthDay, Month: time.July, Day: 4, Observance: calendar.NearestWeekday},
	)
	week := calendar.MustParseWeek("Mon-Fri 09:00-17:00")
	if hol, ok := h.On(date.New(2026, 7, 3), week); ok {
		fmt.Println(hol.Name, "is observed today; it falls on", hol.Actual)
	}
	_, ok := h.On(date.New(2026, 7, 4), week)
	fmt.Println("closed on the 4th itself:", ok)
	// Output:
	// Independence Day is observed today; it falls on 2026-07-04
	// closed on the 4th itself: false
}

// Rules in configuration: a JSON list, validated when decoded.
func ExampleHolidays_UnmarshalJSON() {
	var h calendar.Holidays
	err := json.Unmarshal([]byte(`[
		{"name":"Thanksgiving","on":"nth_weekday","month":11,"weekday":"thursday","n":4},
		{"name":"Whit Monday","on":"easter_offset","offset":50},
		{"name":"Christmas Eve","on":"month_day","month":12,"day":24,"kind":"closes_early","closes_at":"13:00"}
	]`), &h)
	fmt.Println(err)
	for hol := range h.Occurrences(date.New(2026, 1, 1), date.New(2027, 1, 1), calendar.Week{}) {
		fmt.Println(hol.Observed, hol.Name)
	}
	err = json.Unmarshal([]byte(`[{"name":"Thanksgiving","on":"nth_weekday","month":11,"weekday":"thursdy","n":4}]`), &h)
	fmt.Println(err)
	// Output:
	// <nil>
	// 2026-05-25 Whit Monday
	// 2026-11-26 Thanksgiving
	// 2026-12-24 Christmas Eve
	// calendar: [0].weekday "thursdy": unknown Weekday (known: sunday, monday, tuesday, wednesday, thursday, friday, saturday)
}

// An iCalendar feed: all-day events become holidays, the rest is reported.
func ExampleParseICal() {
	feed := "BEGIN:VCALENDAR\r\n" +
		"BEGIN:VEVENT\r\n" +
		"DTSTART;VALUE=DATE:20201126\r\n" +
		"RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH\r\n" +
		"SUMMARY:Thanksgiving\r\n" +
		"END:VEVENT\r\n" +
		"BEGIN:VEVENT\r\n" +
		"DTSTART;VALUE=DATE:20261224\r\n" +
		"DTEND;VALUE=DATE:20270102\r\n" +
		"SUMMARY:Winter\r\n" +
		"  shutdown\r\n" +
		"END:VEVENT\r\n" +
		"BEGIN:VEVENT\r\n" +
		"DTSTART:20261120T140000Z\r\n" +
		"SUMMARY:All-hands\r\n" +
		"END:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	h, skipped, err := calendar.ParseICal([]byte(feed))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range skipped {
		fmt.Println("skipped", s)
	}
	cal, _ := calendar.New(time.UTC, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(h))
	fmt.Println(cal.Workdays(date.New(2026, 11, 1), date.New(2027, 1, 1)), "working days in November and December 2026")
	// Output:
	// skipped line 14: "All-hands": timed event (DTSTART 20261120T140000Z); only all-day events are holidays
	// 37 working days in November and December 2026
}

// A public holiday feed in the shape Google publishes mixes observances with
// days off; ICalKeep keeps the days off. A moved occurrence (RECURRENCE-ID)
// replaces the one it moves.
func ExampleICalKeep() {
	feed := "BEGIN:VCALENDAR\r\n" +
		"BEGIN:VEVENT\r\nUID:may1\r\nDTSTART;VALUE=DATE:20200501\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Labour Day\r\nDESCRIPTION:Public holiday\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:may1\r\nRECURRENCE-ID;VALUE=DATE:20270501\r\nDTSTART;VALUE=DATE:20270503\r\nSUMMARY:Labour Day\r\nDESCRIPTION:Public holiday\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:feb14\r\nDTSTART;VALUE=DATE:20270214\r\nSUMMARY:Valentine's Day\r\nDESCRIPTION:Observance\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	daysOff := calendar.ICalKeep(func(e calendar.ICalEvent) bool { return e.Description == "Public holiday" })
	h, skipped, err := calendar.ParseICal([]byte(feed), daysOff)
	if err != nil {
		panic(err)
	}
	for _, s := range skipped {
		fmt.Println("skipped", s)
	}
	for hol := range h.Occurrences(date.New(2026, 1, 1), date.New(2029, 1, 1), calendar.MustParseWeek("Mon-Fri 09:00-17:00")) {
		fmt.Println(hol.Observed, hol.Name)
	}
	// Output:
	// skipped line 16: "Valentine's Day": left out by the filter
	// 2026-05-01 Labour Day
	// 2027-05-03 Labour Day
	// 2028-05-01 Labour Day
}
