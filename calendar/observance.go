package calendar

import (
	"slices"
	"time"

	"github.com/rickb777/date/v2"
)

// Observance says on which day a holiday is observed when its actual date
// falls on a day off. It marshals as a lower-case word: "none",
// "saturday_to_friday", "sunday_to_monday", "sunday_to_saturday",
// "nearest_weekday", "next_weekday" or "next_working_day".
//
// A moved holiday never lands on a day that another holiday of the same set
// already closes: it keeps going in the direction of the move to the next
// day its observance accepts. That is how England's substitute days work:
// Christmas on a Saturday and Boxing Day on a Sunday are observed on Monday
// 27 and Tuesday 28 December. Days are claimed in this order: first every
// full-day (Closed) holiday that its observance does not move, then the
// moved ones in order of actual date (ties in rule order), each claiming the
// day it lands on. Half days (ClosesEarly) and Overrides claim no day, so a
// substitute may land on them; Exception's precedence then decides the hours
// (a full day beats a half day; an Override beats both).
//
// A holiday whose actual date its observance does not move stays there even
// when another holiday has the same date: both are reported, and the
// calendar applies one by Exception's precedence.
type Observance uint8

const (
	// NoObservance keeps every holiday on its actual date.
	NoObservance Observance = iota
	// SaturdayToFriday observes a Saturday holiday on the Friday before.
	SaturdayToFriday
	// SundayToMonday observes a Sunday holiday on the Monday after.
	SundayToMonday
	// SundayToSaturday observes a Sunday holiday on the Saturday before
	// (the Dutch King's Day).
	SundayToSaturday
	// NearestWeekday observes a Saturday holiday on the Friday before and a
	// Sunday holiday on the Monday after (US federal holidays).
	NearestWeekday
	// NextWeekday observes a Saturday or Sunday holiday on the next Monday to
	// Friday (English substitute days), whatever the calendar's hours.
	NextWeekday
	// NextWorkingDay observes a holiday that falls on a day without working
	// hours in the calendar's week on the next day that has some. In a week
	// without any working hours nothing moves.
	NextWorkingDay
)

// direction returns -1 or +1 when o moves a holiday that falls on weekday
// wd, and 0 when the holiday stays.
func (o Observance) direction(wd time.Weekday, week Week) int {
	switch o {
	case SaturdayToFriday:
		if wd == time.Saturday {
			return -1
		}
	case SundayToMonday:
		if wd == time.Sunday {
			return 1
		}
	case SundayToSaturday:
		if wd == time.Sunday {
			return -1
		}
	case NearestWeekday:
		switch wd {
		case time.Saturday:
			return -1
		case time.Sunday:
			return 1
		}
	case NextWeekday:
		if wd == time.Saturday || wd == time.Sunday {
			return 1
		}
	case NextWorkingDay:
		// An empty week has no working day to move to; staying put keeps
		// the search for one finite.
		if len(week[wd]) == 0 && !week.IsEmpty() {
			return 1
		}
	}
	return 0
}

// accepts reports whether o may observe a moved holiday on weekday wd.
// Every observance that moves accepts at least one weekday, so a search for
// an accepted day that is not yet claimed ends.
func (o Observance) accepts(wd time.Weekday, week Week) bool {
	switch o {
	case NextWorkingDay:
		return len(week[wd]) > 0
	case SundayToSaturday:
		return wd != time.Sunday
	}
	return wd != time.Saturday && wd != time.Sunday
}

// claims is a bit per date of a window of years: the dates that a full-day
// holiday already closes. Dates outside the window count as free; the
// window is wide enough that no holiday of the years resolved reaches out of
// it (see resolve).
type claims struct {
	base date.Date
	bits [(claimYears*366 + 63) / 64]uint64
}

const claimYears = 7

func (c *claims) has(d date.Date) bool {
	i := int64(d - c.base)
	return i >= 0 && i < int64(len(c.bits))*64 && c.bits[i>>6]&(1<<(i&63)) != 0
}

func (c *claims) claim(d date.Date) {
	if i := int64(d - c.base); i >= 0 && i < int64(len(c.bits))*64 {
		c.bits[i>>6] |= 1 << (i & 63)
	}
}

// observe sets the observed date of each occurrence, as Observance
// documents. occ is in rule order; year is the year being resolved, the
// middle of the window of rule years.
func (h Holidays) observe(occ []occurrence, year int, week Week) {
	var moved []int
	var taken claims
	taken.base = date.New(year-3, time.January, 1)
	for i := range occ {
		r := &h.rules[occ[i].rule]
		if r.Observance.direction(occ[i].actual.Weekday(), week) != 0 {
			moved = append(moved, i)
			continue
		}
		if r.Kind == Closed {
			taken.claim(occ[i].actual)
		}
	}
	if len(moved) == 0 {
		return
	}
	slices.SortStableFunc(moved, func(a, b int) int { return int(occ[a].actual - occ[b].actual) })
	for _, i := range moved {
		o := &occ[i]
		r := &h.rules[o.rule]
		step := date.Date(r.Observance.direction(o.actual.Weekday(), week))
		d := o.actual + step
		// Ends: the observance accepts some weekday, and only the finite
		// window holds claimed days.
		for !r.Observance.accepts(d.Weekday(), week) || taken.has(d) {
			d += step
		}
		o.observed = d
		if r.Kind == Closed {
			taken.claim(d)
		}
	}
}
