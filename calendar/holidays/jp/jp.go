// Package jp holds the national holidays of Japan (国民の祝日), as calendar
// rules, following the Act on National Holidays (国民の祝日に関する法律) as
// amended:
//
//	元日             New Year's Day              1 January
//	成人の日         Coming of Age Day           second Monday in January
//	建国記念の日     National Foundation Day     11 February
//	天皇誕生日       The Emperor's Birthday      23 February (from 2020; 23 December until 2018)
//	春分の日         Vernal Equinox Day          20 or 21 March (see below)
//	昭和の日         Showa Day                   29 April
//	憲法記念日       Constitution Memorial Day   3 May
//	みどりの日       Greenery Day                4 May
//	こどもの日       Children's Day              5 May
//	海の日           Marine Day                  third Monday in July
//	山の日           Mountain Day                11 August (from 2016)
//	敬老の日         Respect for the Aged Day    third Monday in September
//	秋分の日         Autumnal Equinox Day        22 or 23 September (see below)
//	スポーツの日     Sports Day                  second Monday in October
//	文化の日         Culture Day                 3 November
//	勤労感謝の日     Labour Thanksgiving Day     23 November
//
// A holiday on a Sunday gives a substitute holiday (振替休日) on the next
// day that is not a holiday (calendar.SundayToMonday, which skips days
// taken): Constitution Memorial Day on a Sunday is observed on 6 May. A
// weekday between two holidays is a holiday too (国民の休日); since 2007
// that happens only in September, when Respect for the Aged Day is two days
// before the Autumnal Equinox Day, and the set has those days.
//
// The equinox days are fixed each February by the cabinet from the National
// Astronomical Observatory's ephemeris for the next year. The set computes
// them with the standard approximation for 1980-2099, which gives the
// announced dates; it has no equinox days after 2099. The one-off days of
// 2019 (the enthronement) and the Olympic moves of 2020 and 2021 are
// included. The year-end closure (29 December to 3 January) that most
// companies and banks observe is custom, not law, and not in the set.
//
// The set is accurate from 2007 to 2099.
//
// Its example (Example_japan) and tests are in calendar/holidays/jp_test.go.
package jp

import (
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
)

// equinoxes is the approximation the Japanese almanacs use for 1980-2099:
// the day of March or September is the integer part of base + 0.242194 x
// (y - 1980) - (y - 1980) / 4 (integer division).
func equinoxDay(y int, base float64) int {
	return int(base + 0.242194*float64(y-1980) - float64((y-1980)/4))
}

const (
	firstYear = 2007
	lastYear  = 2099
)

func rules() []calendar.Rule {
	sunday := calendar.SundayToMonday
	d := date.New
	out := []calendar.Rule{
		{Name: "元日", On: calendar.MonthDay, Month: time.January, Day: 1, Observance: sunday},
		{Name: "成人の日", On: calendar.NthWeekday, Month: time.January, Weekday: time.Monday, N: 2},
		{Name: "建国記念の日", On: calendar.MonthDay, Month: time.February, Day: 11, Observance: sunday},
		{Name: "天皇誕生日", On: calendar.MonthDay, Month: time.February, Day: 23, Observance: sunday, ValidFrom: 2020},
		{Name: "天皇誕生日", On: calendar.MonthDay, Month: time.December, Day: 23, Observance: sunday, ValidUntil: 2018},
		{Name: "昭和の日", On: calendar.MonthDay, Month: time.April, Day: 29, Observance: sunday},
		{Name: "憲法記念日", On: calendar.MonthDay, Month: time.May, Day: 3, Observance: sunday},
		{Name: "みどりの日", On: calendar.MonthDay, Month: time.May, Day: 4, Observance: sunday},
		{Name: "こどもの日", On: calendar.MonthDay, Month: time.May, Day: 5, Observance: sunday},
		{Name: "海の日", On: calendar.NthWeekday, Month: time.July, Weekday: time.Monday, N: 3,
			Except: []date.Date{d(2020, 7, 20), d(2021, 7, 19)}},
		{Name: "山の日", On: calendar.MonthDay, Month: time.August, Day: 11, Observance: sunday, ValidFrom: 2016,
			Except: []date.Date{d(2020, 8, 11), d(2021, 8, 11)}},
		{Name: "敬老の日", On: calendar.NthWeekday, Month: time.September, Weekday: time.Monday, N: 3},
		{Name: "スポーツの日", On: calendar.NthWeekday, Month: time.October, Weekday: time.Monday, N: 2,
			Except: []date.Date{d(2020, 10, 12), d(2021, 10, 11)}},
		{Name: "文化の日", On: calendar.MonthDay, Month: time.November, Day: 3, Observance: sunday},
		{Name: "勤労感謝の日", On: calendar.MonthDay, Month: time.November, Day: 23, Observance: sunday},

		oneOff("国民の休日", d(2019, 4, 30)),
		oneOff("即位の日", d(2019, 5, 1)),
		oneOff("国民の休日", d(2019, 5, 2)),
		oneOff("即位礼正殿の儀の行われる日", d(2019, 10, 22)),
		oneOff("海の日", d(2020, 7, 23)),
		oneOff("スポーツの日", d(2020, 7, 24)),
		oneOff("山の日", d(2020, 8, 10)),
		oneOff("海の日", d(2021, 7, 22)),
		oneOff("スポーツの日", d(2021, 7, 23)),
		{Name: "山の日", On: calendar.FixedDate, Date: d(2021, 8, 8), Observance: sunday},
	}
	for y := firstYear; y <= lastYear; y++ {
		spring := d(y, time.March, equinoxDay(y, 20.8431))
		autumn := d(y, time.September, equinoxDay(y, 23.2488))
		out = append(out,
			calendar.Rule{Name: "春分の日", On: calendar.FixedDate, Date: spring, Observance: sunday},
			calendar.Rule{Name: "秋分の日", On: calendar.FixedDate, Date: autumn, Observance: sunday})
		// A weekday between Respect for the Aged Day and the equinox.
		third := d(y, time.September, 1)
		third += date.Date((int(time.Monday)-int(third.Weekday())+7)%7 + 14)
		if autumn == third+2 {
			out = append(out, oneOff("国民の休日", third+1))
		}
	}
	return out
}

func oneOff(name string, day date.Date) calendar.Rule {
	return calendar.Rule{Name: name, On: calendar.FixedDate, Date: day}
}

var national = calendar.MustHolidays(rules()...)

// National returns the national holidays of Japan. The set is shared and
// immutable.
func National() calendar.Holidays { return national }
