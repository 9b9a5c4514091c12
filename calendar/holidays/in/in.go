// Package in holds the holidays of India's central government offices, as
// calendar rules: the three national holidays by rule for every year, and
// the holidays that the Department of Personnel and Training (DoPT)
// gazettes each year for the years this package has the lists of.
//
// # Why a table and not rules
//
// Eleven of the central government's fourteen compulsory holidays follow
// the Hindu, Islamic, Sikh, Jain and Buddhist lunar calendars, and the
// Islamic ones depend on the sighting of the moon. The DoPT fixes their
// dates for the next year in an office memorandum (OM) "Holidays to be
// observed in Central Government Offices during the year N", issued in
// June or July, and moves an Islamic holiday by a further OM when the moon
// is sighted on another day. No rule reproduces those dates, so the package
// ships them as a table, and refuses a year it has no list for: an
// incomplete holiday list would silently put working hours on Diwali.
//
// # The sets
//
// National is the three national holidays, on their dates every year from
// 1950, by rule:
//
//	Republic Day                 26 January
//	Independence Day             15 August
//	Mahatma Gandhi's Birthday    2 October
//
// CentralGovernment(first, last) is the fourteen compulsory holidays of
// paragraph 2 of the DoPT's yearly OM, which every administrative office of
// the central government observes, for the years first through last:
//
//	Republic Day, Independence Day, Mahatma Gandhi's Birthday (by rule)
//	Good Friday (Easter Sunday - 2) and Christmas Day (25 December) (by rule)
//	Buddha Purnima, Dussehra (Vijay Dashmi), Diwali (Deepavali), Guru
//	Nanak's Birthday, Idu'l Fitr, Idu'l Zuha (Bakrid), Mahavir Jayanti,
//	Muharram, Prophet Mohammad's Birthday (Id-e-Milad) (from the table)
//
// on the dates of Annexure I of the OM, which are those of the offices in
// Delhi/New Delhi, as amended by the later OMs listed below. It also has
// the half-day closing of all central government offices on 22 January
// 2024, closed until 14:30 (OM F.No.12/7/2023-JCA of 22 January 2024), as
// a calendar.ClosedDuring day whose hours are 00:00-14:30.
//
// Delhi(first, last) is CentralGovernment with the three further holidays
// that the DoPT chooses each year for its offices in Delhi/New Delhi (Holi,
// Janmashtami and Ram Navami or Maha Shivaratri): the seventeen days of
// Annexure I. Outside Delhi the Central Government Employees Welfare
// Coordination Committee of each state chooses the three from a list of
// twelve; add them with calendar.NewHolidays(append(set.Rules(), ...)...).
// An office in a state may also observe Diwali on Naraka Chaturdasi, or an
// Islamic holiday on the day the state government declares (paragraphs 5.1
// and 5.2 of the OM); this package follows the Delhi dates.
//
// A holiday that falls on a Saturday or a Sunday is not moved: the central
// government has no substitute days. Two holidays can share a date
// (Mahatma Gandhi's Birthday and Dussehra on 2 October 2025); both are
// reported.
//
// # Years, and what happens outside them
//
// The table covers 2020 to 2026 (GazettedYears). CentralGovernment and
// Delhi fail for a range that reaches outside it, with a
// *calendar.FieldError wrapping ErrNotGazetted (and calendar.ErrOutOfRange)
// whose path names the argument ("first" or "last"); a range whose last
// year is before its first fails with ErrInvalidYears. The sets they return
// hold every rule, the by-rule days included, only for first through last,
// so a calendar built on them has no Indian holidays at all in other
// years, rather than some: compute deadlines within the range, or check
// GazettedYears and rebuild when this package gains a year. National
// covers every year, but only its three days.
//
// # Sources
//
// The dates are those of Annexure I of the DoPT OMs:
//
//	2020  OM F.No.12/1/2019-JCA-2 of 18 June 2019
//	2021  OM F.No.12/9/2020-JCA-2 of 10 June 2020; Muharram moved from
//	      19 to 20 August 2021 by the DoPT (reported by PTI, 18 August 2021)
//	2022  OM F.No.12/5/2021-JCA-2
//	2023  OM F.No.12/5/2022-JCA of 16 June 2022
//	2024  OM of 3 July 2023
//	2025  OM issued in 2024
//	2026  OM of 3 July 2025
//
// as reproduced from the DoPT's PDFs (dopt.gov.in) by central government
// staff portals, government offices' sites and the press, read from at
// least two copies for each year; the PDFs themselves were not read. A
// later change of a date by moon sighting is in the table only where a
// DoPT change was found (Muharram 2021); state
// governments' changes are not (Maharashtra moved Id-e-Milad 2023 to 29
// September; no DoPT change for Delhi was found, so the table keeps 28
// September). One-off closures other than the half day of 22 January 2024
// (polling days, state mourning) are not included.
//
// The package is named after India's ISO 3166-1 code like the other
// regions; in is not a Go keyword, so the name compiles and reads
// in.National().
//
// Its examples (Example_india, Example_indiaDelhi) and tests are in
// calendar/holidays/in_test.go.
package in

import (
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
)

var (
	// ErrNotGazetted is wrapped by the error of CentralGovernment and
	// Delhi for a year that this package has no DoPT list for. Such an
	// error also satisfies errors.Is(err, calendar.ErrOutOfRange).
	ErrNotGazetted = errors.New("in: year not gazetted")
	// ErrInvalidYears is wrapped by the error of CentralGovernment and
	// Delhi for a range whose last year is before its first.
	ErrInvalidYears = errors.New("in: invalid years")
)

const (
	firstGazetted = 2020
	lastGazetted  = 2026
)

// GazettedYears returns the first and last year for which the package has
// the DoPT's list; every year between them is covered.
func GazettedYears() (first, last int) { return firstGazetted, lastGazetted }

// gazetted is one lunar holiday of a DoPT list, on its Delhi date.
type gazetted struct {
	name string
	on   date.Date
}

const (
	buddhaPurnima = "Buddha Purnima"
	dussehra      = "Dussehra (Vijay Dashmi)"
	diwali        = "Diwali (Deepavali)"
	guruNanak     = "Guru Nanak's Birthday"
	idulFitr      = "Idu'l Fitr"
	idulZuha      = "Idu'l Zuha (Bakrid)"
	mahavir       = "Mahavir Jayanti"
	muharram      = "Muharram"
	milad         = "Prophet Mohammad's Birthday (Id-e-Milad)"
	holi          = "Holi"
	janmashtami   = "Janmashtami"
	ramNavami     = "Ram Navami"
	mahaShivratri = "Maha Shivaratri"
)

func d(y int, m time.Month, day int) date.Date { return date.New(y, m, day) }

// compulsory is the lunar compulsory holidays of each year's Annexure I,
// as amended.
var compulsory = map[int][]gazetted{
	2020: {
		{mahavir, d(2020, 4, 6)}, {buddhaPurnima, d(2020, 5, 7)}, {idulFitr, d(2020, 5, 25)},
		{idulZuha, d(2020, 8, 1)}, {muharram, d(2020, 8, 30)}, {dussehra, d(2020, 10, 25)},
		{milad, d(2020, 10, 30)}, {diwali, d(2020, 11, 14)}, {guruNanak, d(2020, 11, 30)},
	},
	2021: {
		{mahavir, d(2021, 4, 25)}, {idulFitr, d(2021, 5, 14)}, {buddhaPurnima, d(2021, 5, 26)},
		{idulZuha, d(2021, 7, 21)}, {muharram, d(2021, 8, 20)}, {dussehra, d(2021, 10, 15)},
		{milad, d(2021, 10, 19)}, {diwali, d(2021, 11, 4)}, {guruNanak, d(2021, 11, 19)},
	},
	2022: {
		{mahavir, d(2022, 4, 14)}, {idulFitr, d(2022, 5, 3)}, {buddhaPurnima, d(2022, 5, 16)},
		{idulZuha, d(2022, 7, 10)}, {muharram, d(2022, 8, 9)}, {dussehra, d(2022, 10, 5)},
		{milad, d(2022, 10, 9)}, {diwali, d(2022, 10, 24)}, {guruNanak, d(2022, 11, 8)},
	},
	2023: {
		{mahavir, d(2023, 4, 4)}, {idulFitr, d(2023, 4, 22)}, {buddhaPurnima, d(2023, 5, 5)},
		{idulZuha, d(2023, 6, 29)}, {muharram, d(2023, 7, 29)}, {milad, d(2023, 9, 28)},
		{dussehra, d(2023, 10, 24)}, {diwali, d(2023, 11, 12)}, {guruNanak, d(2023, 11, 27)},
	},
	2024: {
		{idulFitr, d(2024, 4, 11)}, {mahavir, d(2024, 4, 21)}, {buddhaPurnima, d(2024, 5, 23)},
		{idulZuha, d(2024, 6, 17)}, {muharram, d(2024, 7, 17)}, {milad, d(2024, 9, 16)},
		{dussehra, d(2024, 10, 12)}, {diwali, d(2024, 10, 31)}, {guruNanak, d(2024, 11, 15)},
	},
	2025: {
		{idulFitr, d(2025, 3, 31)}, {mahavir, d(2025, 4, 10)}, {buddhaPurnima, d(2025, 5, 12)},
		{idulZuha, d(2025, 6, 7)}, {muharram, d(2025, 7, 6)}, {milad, d(2025, 9, 5)},
		{dussehra, d(2025, 10, 2)}, {diwali, d(2025, 10, 20)}, {guruNanak, d(2025, 11, 5)},
	},
	2026: {
		{idulFitr, d(2026, 3, 21)}, {mahavir, d(2026, 3, 31)}, {buddhaPurnima, d(2026, 5, 1)},
		{idulZuha, d(2026, 5, 27)}, {muharram, d(2026, 6, 26)}, {milad, d(2026, 8, 26)},
		{dussehra, d(2026, 10, 20)}, {diwali, d(2026, 11, 8)}, {guruNanak, d(2026, 11, 24)},
	},
}

// delhi is the three further holidays of each year's Annexure I for the
// offices in Delhi/New Delhi.
var delhi = map[int][]gazetted{
	2020: {{holi, d(2020, 3, 10)}, {ramNavami, d(2020, 4, 2)}, {janmashtami, d(2020, 8, 12)}},
	2021: {{holi, d(2021, 3, 29)}, {ramNavami, d(2021, 4, 21)}, {janmashtami, d(2021, 8, 30)}},
	2022: {{mahaShivratri, d(2022, 3, 1)}, {holi, d(2022, 3, 18)}, {janmashtami, d(2022, 8, 19)}},
	2023: {{holi, d(2023, 3, 8)}, {ramNavami, d(2023, 3, 30)}, {janmashtami, d(2023, 9, 7)}},
	2024: {{holi, d(2024, 3, 25)}, {ramNavami, d(2024, 4, 17)}, {janmashtami, d(2024, 8, 26)}},
	2025: {{mahaShivratri, d(2025, 2, 26)}, {holi, d(2025, 3, 14)}, {janmashtami, d(2025, 8, 16)}},
	2026: {{holi, d(2026, 3, 4)}, {ramNavami, d(2026, 3, 26)}, {janmashtami, d(2026, 9, 4)}},
}

const (
	republicDay      = "Republic Day"
	independenceDay  = "Independence Day"
	gandhisBirthday  = "Mahatma Gandhi's Birthday"
	nationalFromYear = 1950
)

func nationalRules(from, until int) []calendar.Rule {
	return []calendar.Rule{
		{Name: republicDay, On: calendar.MonthDay, Month: time.January, Day: 26, ValidFrom: from, ValidUntil: until},
		{Name: independenceDay, On: calendar.MonthDay, Month: time.August, Day: 15, ValidFrom: from, ValidUntil: until},
		{Name: gandhisBirthday, On: calendar.MonthDay, Month: time.October, Day: 2, ValidFrom: from, ValidUntil: until},
	}
}

var national = calendar.MustHolidays(nationalRules(nationalFromYear, 0)...)

// National returns India's three national holidays (Republic Day,
// Independence Day and Mahatma Gandhi's Birthday) for every year from 1950.
// The set is shared and immutable.
func National() calendar.Holidays { return national }

// CentralGovernment returns the fourteen compulsory holidays of the central
// government's offices for the years first through last, on the dates the
// DoPT gazetted for Delhi/New Delhi (see the package doc). The set has no
// holidays in any other year. It fails with a *calendar.FieldError wrapping
// ErrNotGazetted when a year of the range has no DoPT list in this package
// (see GazettedYears), and ErrInvalidYears when last is before first.
func CentralGovernment(first, last int) (calendar.Holidays, error) {
	return gazette(first, last, false)
}

// Delhi returns CentralGovernment with the three further holidays of the
// offices in Delhi/New Delhi: the seventeen days of the DoPT's Annexure I.
// It fails as CentralGovernment does.
func Delhi(first, last int) (calendar.Holidays, error) {
	return gazette(first, last, true)
}

func gazette(first, last int, inDelhi bool) (calendar.Holidays, error) {
	notGazetted := func(path string, year int) error {
		return &calendar.FieldError{Path: path, Value: fmt.Sprint(year), Err: ErrNotGazetted, Cause: calendar.ErrOutOfRange,
			Reason: fmt.Sprintf("no DoPT holiday list for this year in this package (it has %d to %d)", firstGazetted, lastGazetted)}
	}
	switch {
	case last < first:
		return calendar.Holidays{}, &calendar.FieldError{Path: "last", Value: fmt.Sprint(last), Err: ErrInvalidYears,
			Reason: fmt.Sprintf("is before first %d", first)}
	case first < firstGazetted || first > lastGazetted:
		return calendar.Holidays{}, notGazetted("first", first)
	case last > lastGazetted:
		return calendar.Holidays{}, notGazetted("last", last)
	}
	rules := nationalRules(first, last)
	rules = append(rules,
		calendar.Rule{Name: "Good Friday", On: calendar.EasterOffset, Offset: -2, ValidFrom: first, ValidUntil: last},
		calendar.Rule{Name: "Christmas Day", On: calendar.MonthDay, Month: time.December, Day: 25, ValidFrom: first, ValidUntil: last},
	)
	for y := first; y <= last; y++ {
		days := compulsory[y]
		if inDelhi {
			days = append(days[:len(days):len(days)], delhi[y]...)
		}
		for _, g := range days {
			rules = append(rules, calendar.Rule{Name: g.name, On: calendar.FixedDate, Date: g.on})
		}
		if y == 2024 {
			rules = append(rules, calendar.Rule{Name: "Half-day closing (Ram Lalla Pran Pratishtha)", On: calendar.FixedDate,
				Date: d(2024, time.January, 22), Kind: calendar.ClosedDuring,
				Hours: []calendar.Span{{Start: 0, End: calendar.Clock(14, 30, 0)}}})
		}
	}
	return calendar.NewHolidays(rules...)
}
