// Package ca holds the federal holidays of Canada, as calendar rules.
//
// Federal is the general holidays of the Canada Labour Code (section 166),
// which federally regulated employers (banks, telecoms, airlines, federal
// Crown corporations) give:
//
//	New Year's Day                              1 January
//	Good Friday                                 Easter Sunday - 2
//	Victoria Day                                the Monday before 25 May
//	Canada Day                                  1 July
//	Labour Day                                  first Monday in September
//	National Day for Truth and Reconciliation   30 September (from 2021)
//	Thanksgiving Day                            second Monday in October
//	Remembrance Day                             11 November
//	Christmas Day                               25 December
//	Boxing Day                                  26 December
//
// PublicService adds the two further designated paid holidays of the
// federal public service's collective agreements, Easter Monday and the
// Civic Holiday (first Monday in August).
//
// A holiday that falls on a Saturday or a Sunday is observed on the next
// weekday that is not already a holiday (calendar.NextWeekday): Canada Day
// on a Sunday is 2 July as the Holidays Act says, and Christmas on a
// Saturday with Boxing Day on a Sunday gives Monday 27 and Tuesday 28
// December, as the federal public service observes them. Provincial
// holidays (Family Day, Saint-Jean-Baptiste, ...) are not included.
//
// The set is accurate from 1982.
//
// Its example (Example_canada) and tests are in calendar/holidays/ca_test.go.
package ca

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

var federalRules = []calendar.Rule{
	{Name: "New Year's Day", On: calendar.MonthDay, Month: time.January, Day: 1, Observance: calendar.NextWeekday},
	{Name: "Good Friday", On: calendar.EasterOffset, Offset: -2},
	{Name: "Victoria Day", On: calendar.NthWeekday, Month: time.May, Day: 24, Weekday: time.Monday, N: -1},
	{Name: "Canada Day", On: calendar.MonthDay, Month: time.July, Day: 1, Observance: calendar.NextWeekday},
	{Name: "Labour Day", On: calendar.NthWeekday, Month: time.September, Weekday: time.Monday, N: 1},
	{Name: "National Day for Truth and Reconciliation", On: calendar.MonthDay, Month: time.September, Day: 30,
		Observance: calendar.NextWeekday, ValidFrom: 2021},
	{Name: "Thanksgiving Day", On: calendar.NthWeekday, Month: time.October, Weekday: time.Monday, N: 2},
	{Name: "Remembrance Day", On: calendar.MonthDay, Month: time.November, Day: 11, Observance: calendar.NextWeekday},
	{Name: "Christmas Day", On: calendar.MonthDay, Month: time.December, Day: 25, Observance: calendar.NextWeekday},
	{Name: "Boxing Day", On: calendar.MonthDay, Month: time.December, Day: 26, Observance: calendar.NextWeekday},
}

var (
	federal       = calendar.MustHolidays(federalRules...)
	publicService = calendar.MustHolidays(append(federalRules,
		calendar.Rule{Name: "Easter Monday", On: calendar.EasterOffset, Offset: 1},
		calendar.Rule{Name: "Civic Holiday", On: calendar.NthWeekday, Month: time.August, Weekday: time.Monday, N: 1},
	)...)
)

// Federal returns the general holidays of the Canada Labour Code. The set
// is shared and immutable.
func Federal() calendar.Holidays { return federal }

// PublicService returns the designated paid holidays of the federal public
// service: Federal with Easter Monday and the Civic Holiday.
func PublicService() calendar.Holidays { return publicService }
