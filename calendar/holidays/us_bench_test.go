package holidays_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/us"
)

// usBenchCalendar is a Mon-Fri 09:00-17:00 New York calendar with the federal
// holidays, and start instants spread over a year (Thanksgiving week, the
// July 4th weekend, the year end among them).
func usBenchCalendar(b *testing.B) (*calendar.Calendar, []time.Time) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Fatal(err)
	}
	c, err := calendar.New(ny, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(us.Federal()))
	if err != nil {
		b.Fatal(err)
	}
	starts := []time.Time{
		time.Date(2026, 11, 23, 10, 0, 0, 0, ny),
		time.Date(2026, 7, 1, 15, 30, 0, 0, ny),
		time.Date(2026, 12, 28, 9, 0, 0, 0, ny),
		time.Date(2027, 1, 14, 12, 0, 0, 0, ny),
		time.Date(2026, 3, 6, 16, 0, 0, 0, ny), // DST starts that weekend
		time.Date(2026, 5, 22, 11, 0, 0, 0, ny),
		time.Date(2026, 10, 30, 13, 0, 0, 0, ny), // DST ends that weekend
		time.Date(2027, 6, 17, 8, 0, 0, 0, ny),
	}
	return c, starts
}

// usExplicitCalendar is usBenchCalendar with the same holidays as an explicit
// list of dates, the baseline that rules must match.
func usExplicitCalendar(b *testing.B) (*calendar.Calendar, []time.Time) {
	c, starts := usBenchCalendar(b)
	var list calendar.Exceptions
	for e := range c.ExceptionsIn(date.New(2020, 1, 1), date.New(2050, 1, 1)) {
		list = append(list, e)
	}
	explicit, err := calendar.New(c.Location(), c.Week(), calendar.WithExceptions(list))
	if err != nil {
		b.Fatal(err)
	}
	return explicit, starts
}

func usBenchmarkAdd(b *testing.B, d time.Duration) {
	usBenchmarkAddOn(b, usBenchCalendar, d)
}

func usBenchmarkAddOn(b *testing.B, build func(*testing.B) (*calendar.Calendar, []time.Time), d time.Duration) {
	c, starts := build(b)
	for _, t := range starts { // warm: build the years' tables
		if _, err := c.Add(t, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Add(starts[i%len(starts)], d); err != nil {
			b.Fatal(err)
		}
	}
}

func usBenchmarkBetween(b *testing.B, span func(time.Time) time.Time) {
	c, starts := usBenchCalendar(b)
	ends := make([]time.Time, len(starts))
	for i, t := range starts {
		ends[i] = span(t)
		c.Between(t, ends[i]) // warm
	}
	b.ReportAllocs()
	b.ResetTimer()
	var sink time.Duration
	for i := 0; i < b.N; i++ {
		k := i % len(starts)
		sink += c.Between(starts[k], ends[k])
	}
	_ = sink
}

// usTenYears is the business time of ten years of this calendar.
const usTenYears = 10 * 250 * 8 * time.Hour

func BenchmarkAddWithUSHolidays40h(b *testing.B) { usBenchmarkAdd(b, 40*time.Hour) }

func BenchmarkAddWithUSHolidays10y(b *testing.B) { usBenchmarkAdd(b, usTenYears) }

func BenchmarkAddWithExplicitDates40h(b *testing.B) {
	usBenchmarkAddOn(b, usExplicitCalendar, 40*time.Hour)
}

func BenchmarkAddWithExplicitDates10y(b *testing.B) {
	usBenchmarkAddOn(b, usExplicitCalendar, usTenYears)
}

func BenchmarkBetweenWithUSHolidays40h(b *testing.B) {
	usBenchmarkBetween(b, func(t time.Time) time.Time { return t.Add(8 * 24 * time.Hour) })
}

func BenchmarkBetweenWithUSHolidays10y(b *testing.B) {
	usBenchmarkBetween(b, func(t time.Time) time.Time { return t.AddDate(10, 0, 0) })
}

// BenchmarkFederalExceptionsIn is the cost of resolving the rules of one
// year, paid once per year per calendar.
func BenchmarkFederalExceptionsIn(b *testing.B) {
	week := calendar.MustParseWeek("Mon-Fri 09:00-17:00")
	h := us.Federal()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = h.ExceptionsIn(2000+i%50, week)
	}
}
