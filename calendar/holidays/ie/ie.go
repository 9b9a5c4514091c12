// Package ie holds the public holidays of Ireland, as calendar rules,
// following Schedule 2 of the Organisation of Working Time Act 1997 as
// amended (Saint Brigid's Day from 2023):
//
//	New Year's Day        1 January
//	Saint Brigid's Day    first Monday in February, or 1 February when that
//	                      is a Friday (from 2023)
//	Saint Patrick's Day   17 March
//	Easter Monday         Easter Sunday + 1
//	May bank holiday      first Monday in May
//	June bank holiday     first Monday in June
//	August bank holiday   first Monday in August
//	October bank holiday  last Monday in October
//	Christmas Day         25 December
//	Saint Stephen's Day   26 December
//
// and the one-off public holiday of Friday 18 March 2022. Good Friday is not
// a public holiday.
//
// The Act gives no substitute day: when a public holiday falls on a day an
// employee does not work, the employer chooses a paid day off within a
// month, an extra day of annual leave or a day's pay (section 21), so the
// set cannot know the day. Add it as a calendar.Exceptions entry.
//
// The set is accurate from 1994 (the October bank holiday in its current
// form) to 2199: Saint Brigid's Friday years are listed up to 2199.
//
// Its example (Example_ireland) and tests are in calendar/holidays/ie_test.go.
package ie

import (
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
)

const brigidUntil = 2199

func rules() []calendar.Rule {
	// Saint Brigid's Day is the first Monday in February unless 1 February
	// is a Friday; a rule cannot say "unless", so the Friday years are
	// one-off days and the Monday rule excepts them.
	brigid := calendar.Rule{Name: "Saint Brigid's Day", On: calendar.NthWeekday, Month: time.February, Weekday: time.Monday, N: 1,
		ValidFrom: 2023, ValidUntil: brigidUntil}
	var fridays []calendar.Rule
	for y := 2023; y <= brigidUntil; y++ {
		if feb1 := date.New(y, time.February, 1); feb1.Weekday() == time.Friday {
			fridays = append(fridays, calendar.Rule{Name: "Saint Brigid's Day", On: calendar.FixedDate, Date: feb1})
			brigid.Except = append(brigid.Except, feb1+3) // the Monday after
		}
	}
	out := []calendar.Rule{
		{Name: "New Year's Day", On: calendar.MonthDay, Month: time.January, Day: 1},
		brigid,
		{Name: "Saint Patrick's Day", On: calendar.MonthDay, Month: time.March, Day: 17},
		{Name: "Easter Monday", On: calendar.EasterOffset, Offset: 1},
		{Name: "May bank holiday", On: calendar.NthWeekday, Month: time.May, Weekday: time.Monday, N: 1},
		{Name: "June bank holiday", On: calendar.NthWeekday, Month: time.June, Weekday: time.Monday, N: 1},
		{Name: "August bank holiday", On: calendar.NthWeekday, Month: time.August, Weekday: time.Monday, N: 1},
		{Name: "October bank holiday", On: calendar.NthWeekday, Month: time.October, Weekday: time.Monday, N: -1},
		{Name: "Christmas Day", On: calendar.MonthDay, Month: time.December, Day: 25},
		{Name: "Saint Stephen's Day", On: calendar.MonthDay, Month: time.December, Day: 26},
		{Name: "Public holiday", On: calendar.FixedDate, Date: date.New(2022, time.March, 18)},
	}
	return append(out, fridays...)
}

var national = calendar.MustHolidays(rules()...)

// National returns the public holidays of Ireland. The set is shared and
// immutable.
func National() calendar.Holidays { return national }
