package calendar

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
)

// benchCalendar is Mon-Fri 09:00-17:00 in New York with eleven closed days a
// year, the shape of a US federal calendar, for the years 2020-2045.
func benchCalendar(b *testing.B) *Calendar {
	var closed []date.Date
	for y := 2020; y <= 2045; y++ {
		for _, md := range [][2]int{{1, 1}, {1, 19}, {2, 16}, {5, 25}, {6, 19}, {7, 3}, {9, 7}, {10, 12}, {11, 11}, {11, 26}, {12, 25}} {
			closed = append(closed, date.New(y, time.Month(md[0]), md[1]))
		}
	}
	c, err := New(zone(b, "America/New_York"), MustParseWeek("Mon-Fri 09:00-17:00"), WithExceptions(ClosedOn("holiday", closed...)))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkAdd(b *testing.B) {
	c := benchCalendar(b)
	start := time.Date(2026, 11, 20, 10, 30, 0, 0, c.Location())
	for _, bc := range []struct {
		name string
		d    time.Duration
	}{{"40h", 40 * time.Hour}, {"10y", 10 * 250 * 8 * time.Hour}, {"-40h", -40 * time.Hour}} {
		b.Run(bc.name, func(b *testing.B) {
			if _, err := c.Add(start, bc.d); err != nil { // warm the tables
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				// Vary the start by a minute a step so the searches differ.
				if _, err := c.Add(start.Add(time.Duration(i&1023)*time.Minute), bc.d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkBetween(b *testing.B) {
	c := benchCalendar(b)
	start := time.Date(2026, 11, 20, 10, 30, 0, 0, c.Location())
	for _, bc := range []struct {
		name string
		end  time.Time
	}{{"40h", start.Add(7 * 24 * time.Hour)}, {"10y", start.AddDate(10, 0, 0)}} {
		b.Run(bc.name, func(b *testing.B) {
			c.Between(start, bc.end)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c.Between(start.Add(time.Duration(i&1023)*time.Minute), bc.end)
			}
		})
	}
}

func BenchmarkIsOpen(b *testing.B) {
	c := benchCalendar(b)
	start := time.Date(2026, 11, 20, 10, 30, 0, 0, c.Location())
	c.IsOpen(start)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.IsOpen(start.Add(time.Duration(i&1023) * time.Minute))
	}
}

// BenchmarkColdYear is the one-off cost of resolving a year into its table.
func BenchmarkColdYear(b *testing.B) {
	loc := zone(b, "America/New_York")
	w := MustParseWeek("Mon-Fri 09:00-12:30,13:30-18:00")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c, _ := New(loc, w)
		c.table(2026)
	}
}

// BenchmarkCombined runs the same work on a follow-the-sun union (New York
// office hours with holidays, and Amsterdam office hours) minus a weekly
// maintenance window: combined calendars keep the core's cost.
func BenchmarkCombined(b *testing.B) {
	us := benchCalendar(b)
	eu, err := New(zone(b, "Europe/Amsterdam"), MustParseWeek("Mon-Fri 09:00-17:00"))
	if err != nil {
		b.Fatal(err)
	}
	maint, err := New(zone(b, "Europe/Amsterdam"), MustParseWeek("Wed 12:00-13:00"))
	if err != nil {
		b.Fatal(err)
	}
	sun, err := Union(us, eu)
	if err != nil {
		b.Fatal(err)
	}
	c, err := Difference(sun, maint)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2026, 11, 20, 10, 30, 0, 0, us.Location())
	for _, bc := range []struct {
		name string
		d    time.Duration
	}{{"Add/40h", 40 * time.Hour}, {"Add/10y", 10 * 250 * 13 * time.Hour}} {
		b.Run(bc.name, func(b *testing.B) {
			if _, err := c.Add(start, bc.d); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := c.Add(start.Add(time.Duration(i&1023)*time.Minute), bc.d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, bc := range []struct {
		name string
		end  time.Time
	}{{"Between/40h", start.Add(4 * 24 * time.Hour)}, {"Between/10y", start.AddDate(10, 0, 0)}} {
		b.Run(bc.name, func(b *testing.B) {
			c.Between(start, bc.end)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c.Between(start.Add(time.Duration(i&1023)*time.Minute), bc.end)
			}
		})
	}
}
