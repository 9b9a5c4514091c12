package bench

import (
	"testing"
	"time"
)

// BenchmarkCalendar40BusinessHours is DESIGN.md's headline target for itsm
// alone: Add and Between over a span of 40 business hours on a calendar with
// holidays (<= 200 ns/op, 0 allocs/op once warm). The starts cycle through 64
// instants on the half hour from January to November 2026, open and closed,
// so the measurement is not one lucky input; 15 of the 64 spans take in a
// federal holiday (MLK, Presidents', Memorial, Juneteenth, observed
// Independence, Labor, Columbus and Veterans Day).
func BenchmarkCalendar40BusinessHours(b *testing.B) {
	c := newItsm(b)
	const n = 64 // a power of two, so i%n is a mask
	var starts, ends [n]time.Time
	t := time.Date(2026, 1, 2, 9, 30, 0, 0, newYork(b))
	for i := range starts {
		starts[i] = t
		end, err := c.Add(t, 40*time.Hour)
		if err != nil {
			b.Fatal(err)
		}
		ends[i] = end
		if got := c.Between(t, end); got != 40*time.Hour { // also warms the tables
			b.Fatalf("Between(%v, %v) = %v, want 40h", t, end, got)
		}
		t = t.Add(5*24*time.Hour + 90*time.Minute) // walks through weekdays and hours
	}
	b.Run("Add", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			sinkTime, _ = c.Add(starts[i%n], 40*time.Hour)
		}
	})
	b.Run("Between", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			sinkDuration = c.Between(starts[i%n], ends[i%n])
		}
	})
}
