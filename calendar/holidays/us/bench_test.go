package us_test

import (
	"testing"
	"time"

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

func benchmarkAdd(b *testing.B, d time.Duration) {
	c, starts := benchCalendar(b)
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
