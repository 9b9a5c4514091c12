// Package us holds the legal public holidays of the United States federal
// government (5 U.S.C. 6103), as calendar rules:
//
//	New Year's Day                    1 January
//	Birthday of Martin Luther King, Jr.  third Monday in January (from 1986)
//	Washington's Birthday             third Monday in February
//	Memorial Day                      last Monday in May
//	Juneteenth National Independence Day  19 June (from 2021)
//	Independence Day                  4 July
//	Labor Day                         first Monday in September
//	Columbus Day                      second Monday in October
//	Veterans Day                      11 November
//	Thanksgiving Day                  fourth Thursday in November
//	Christmas Day                     25 December
//
// A holiday on a Saturday is observed on the Friday before and one on a
// Sunday on the Monday after (Executive Order 11582, as OPM applies it to
// most federal employees), calendar.NearestWeekday. So New Year's Day on a
// Saturday is observed on Friday 31 December of the previous year, and
// appears among that year's exceptions.
//
// The rules follow the law since the Uniform Monday Holiday Act took effect
// in 1971; earlier years get the same rules and are not historical. Not
// included: Inauguration Day (a holiday only in and around Washington, D.C.)
// and days closed by executive order in a single year (such as 24 December
// 2019, 2020 and 2024); add those as calendar.FixedDate rules.
//
// Its example (Example_unitedStates) and tests are in calendar/holidays/us_test.go.
package us

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

var federal = calendar.MustHolidays(
	fixed("New Year's Day", time.January, 1),
	monday("Birthday of Martin Luther King, Jr.", time.January, 3, 1986),
	monday("Washington's Birthday", time.February, 3, 0),
	monday("Memorial Day", time.May, -1, 0),
	calendar.Rule{Name: "Juneteenth National Independence Day", On: calendar.MonthDay, Month: time.June, Day: 19,
		Observance: calendar.NearestWeekday, ValidFrom: 2021},
	fixed("Independence Day", time.July, 4),
	monday("Labor Day", time.September, 1, 0),
	monday("Columbus Day", time.October, 2, 0),
	fixed("Veterans Day", time.November, 11),
	calendar.Rule{Name: "Thanksgiving Day", On: calendar.NthWeekday, Month: time.November, Weekday: time.Thursday, N: 4},
	fixed("Christmas Day", time.December, 25),
)

func fixed(name string, m time.Month, day int) calendar.Rule {
	return calendar.Rule{Name: name, On: calendar.MonthDay, Month: m, Day: day, Observance: calendar.NearestWeekday}
}

func monday(name string, m time.Month, n, from int) calendar.Rule {
	return calendar.Rule{Name: name, On: calendar.NthWeekday, Month: m, Weekday: time.Monday, N: n, ValidFrom: from}
}

// Federal returns the US federal holidays. The set is shared and
// immutable.
func Federal() calendar.Holidays { return federal }
