package us_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/us"
)

// benchCalendar is a Mon-Fri 09:00-17:00 New York calendar with the federal
// holidays, and start instants spread over a year (Thanksgiving week, the
// July 4th weekend, the year end among them).
func benchCalendar(b *testing.B) (*calendar.Calendar, []time.Time) {
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

// explicitCalendar is benchCalendar with the same holidays as an explicit
// list of dates, the baseline that rules must match.
func explicitCalendar(b *testing.B) (*calendar.Calendar, []time.Time) {
	c, starts := benchCalendar(b)
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

func benchmarkAdd(b *testing.B, d time.Duration) {
	benchmarkAddOn(b, benchCalendar, d)
}

func benchmarkAddOn(b *testing.B, build func(*testing.B) (*calendar.Calendar, []time.Time), d time.Duration) {
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

func benchmarkBetween(b *testing.B, span func(time.Time) time.Time) {
	c, starts := benchCalendar(b)
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

// tenYears is the business time of ten years of this calendar.
const tenYears = 10 * 250 * 8 * time.Hour

func BenchmarkAddWithUSHolidays40h(b *testing.B) { benchmarkAdd(b, 40*time.Hour) }

func BenchmarkAddWithUSHolidays10y(b *testing.B) { benchmarkAdd(b, tenYears) }

func BenchmarkAddWithExplicitDates40h(b *testing.B) {
	benchmarkAddOn(b, explicitCalendar, 40*time.Hour)
}

func BenchmarkAddWithExplicitDates10y(b *testing.B) { benchmarkAddOn(b, explicitCalendar, tenYears) }

func BenchmarkBetweenWithUSHolidays40h(b *testing.B) {
	benchmarkBetween(b, func(t time.Time) time.Time { return t.Add(8 * 24 * time.Hour) })
}

func BenchmarkBetweenWithUSHolidays10y(b *testing.B) {
	benchmarkBetween(b, func(t time.Time) time.Time { return t.AddDate(10, 0, 0) })
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
