// Package gb holds the bank holidays of England and Wales, as calendar
// rules, following the dates GOV.UK publishes (gov.uk/bank-holidays):
//
//	New Year's Day            1 January (from 1974)
//	Good Friday               Easter Sunday - 2
//	Easter Monday             Easter Sunday + 1
//	Early May bank holiday    first Monday in May (from 1978)
//	Spring bank holiday       last Monday in May
//	Summer bank holiday       last Monday in August
//	Christmas Day             25 December
//	Boxing Day                26 December
//
// New Year's Day, Christmas Day and Boxing Day on a weekend get a substitute
// day, the next weekday that is not already a bank holiday
// (calendar.NextWeekday): Christmas on a Saturday and Boxing Day on a Sunday
// give Monday 27 and Tuesday 28 December; Christmas on a Sunday gives Tuesday
// 27 December, as Boxing Day keeps Monday 26. Substitute days follow the
// weekdays, not the calendar's working hours: a shop open on Saturdays still
// has its substitute on Monday.
//
// Days moved or added by royal proclamation are one-off rules: the Early May
// bank holiday on Friday 8 May 2020 (VE day) instead of Monday 4 May, the
// Spring bank holiday on Thursday 2 June 2022 instead of Monday 30 May with
// the Platinum Jubilee on Friday 3 June, the State Funeral of Queen Elizabeth
// II on Monday 19 September 2022 and the coronation of King Charles III on
// Monday 8 May 2023, and, before, the jubilees of 2002 and 2012, the
// millennium (31 December 1999), VE day 1995 and the royal wedding of 29
// April 2011. Future proclamations need a new rule: add it with
// calendar.NewHolidays(append(gb.EnglandAndWales().Rules(), rule)...) until
// this package has it.
//
// The set is accurate from 1978. Scotland and Northern Ireland have other
// bank holidays and are not included.
//
// Its example (Example_englandAndWales) and tests are in calendar/holidays/gb_test.go.
package gb

import (
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
)

var englandAndWales = calendar.MustHolidays(
	calendar.Rule{Name: "New Year's Day", On: calendar.MonthDay, Month: time.January, Day: 1,
		Observance: calendar.NextWeekday, ValidFrom: 1974},
	calendar.Rule{Name: "Good Friday", On: calendar.EasterOffset, Offset: -2},
	calendar.Rule{Name: "Easter Monday", On: calendar.EasterOffset, Offset: 1},
	calendar.Rule{Name: "Early May bank holiday", On: calendar.NthWeekday, Month: time.May, Weekday: time.Monday, N: 1,
		ValidFrom: 1978, Except: []date.Date{date.New(1995, 5, 1), date.New(2020, 5, 4)}},
	calendar.Rule{Name: "Spring bank holiday", On: calendar.NthWeekday, Month: time.May, Weekday: time.Monday, N: -1,
		Except: []date.Date{date.New(2002, 5, 27), date.New(2012, 5, 28), date.New(2022, 5, 30)}},
	calendar.Rule{Name: "Summer bank holiday", On: calendar.NthWeekday, Month: time.August, Weekday: time.Monday, N: -1},
	calendar.Rule{Name: "Christmas Day", On: calendar.MonthDay, Month: time.December, Day: 25, Observance: calendar.NextWeekday},
	calendar.Rule{Name: "Boxing Day", On: calendar.MonthDay, Month: time.December, Day: 26, Observance: calendar.NextWeekday},

	oneOff("Early May bank holiday (VE day)", 1995, time.May, 8),
	oneOff("Millennium Day", 1999, time.December, 31),
	oneOff("Golden Jubilee bank holiday", 2002, time.June, 3),
	oneOff("Spring bank holiday", 2002, time.June, 4),
	oneOff("Royal wedding", 2011, time.April, 29),
	oneOff("Spring bank holiday", 2012, time.June, 4),
	oneOff("Queen's Diamond Jubilee", 2012, time.June, 5),
	oneOff("Early May bank holiday (VE day)", 2020, time.May, 8),
	oneOff("Spring bank holiday", 2022, time.June, 2),
	oneOff("Platinum Jubilee bank holiday", 2022, time.June, 3),
	oneOff("Bank Holiday for the State Funeral of Queen Elizabeth II", 2022, time.September, 19),
	oneOff("Bank holiday for the coronation of King Charles III", 2023, time.May, 8),
)

func oneOff(name string, y int, m time.Month, d int) calendar.Rule {
	return calendar.Rule{Name: name, On: calendar.FixedDate, Date: date.New(y, m, d)}
}

// EnglandAndWales returns the bank holidays of England and Wales. The set is
// shared and immutable.
func EnglandAndWales() calendar.Holidays { return englandAndWales }
