package bench

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	federalrules "github.com/go-itsm/itsm/calendar/holidays/us"
	"github.com/rickb777/date/v2"
)

// newItsmWithWindows is newItsm's calendar plus the exception kinds of issue
// 17: a monthly patch window (the first Wednesday of every month,
// 12:00-14:00), a fortnightly Friday change freeze from 16:00, and a one-off
// part-day closure. They are resolved into the same per-year tables, so the
// arithmetic should cost what it costs without them.
func newItsmWithWindows(tb testing.TB) *calendar.Calendar {
	tb.Helper()
	span := func(a, b int) []calendar.Span {
		return []calendar.Span{{Start: calendar.Clock(a, 0, 0), End: calendar.Clock(b, 0, 0)}}
	}
	windows, err := calendar.NewHolidays(
		calendar.Rule{Name: "Patch window", On: calendar.Monthly, Weekday: time.Wednesday, N: 1, Kind: calendar.ClosedDuring, Hours: span(12, 14)},
		calendar.Rule{Name: "Change freeze", On: calendar.Weekly, Weekday: time.Friday, Every: 2, From: date.New(2026, 1, 2), Kind: calendar.ClosedDuring, Hours: span(16, 17)},
	)
	if err != nil {
		tb.Fatal(err)
	}
	c, err := calendar.New(newYork(tb), calendar.MustParseWeek(businessHours), calendar.WithExceptions(
		federalrules.Federal(), windows,
		calendar.Exceptions{{Date: date.New(2026, 3, 3), Name: "Storage maintenance", Kind: calendar.ClosedDuring, Hours: span(10, 12)}},
	))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// BenchmarkCalendarWindows40BusinessHours is
// BenchmarkCalendar40BusinessHours with and without the monthly window,
// fortnightly freeze and part-day closure of newItsmWithWindows, on the same
// 64 starts, side by side (cal=plain and cal=windows).
func BenchmarkCalendarWindows40BusinessHours(b *testing.B) {
	for _, tc := range []struct {
		name string
		c    *calendar.Calendar
	}{{"plain", newItsm(b)}, {"windows", newItsmWithWindows(b)}} {
		c := tc.c
		const n = 64
		var starts, ends [n]time.Time
		t := time.Date(2026, 1, 2, 9, 30, 0, 0, newYork(b))
		for i := range starts {
			starts[i] = t
			end, err := c.Add(t, 40*time.Hour)
			if err != nil {
				b.Fatal(err)
			}
			ends[i] = end
			if got := c.Between(t, end); got != 40*time.Hour {
				b.Fatalf("Between(%v, %v) = %v, want 40h", t, end, got)
			}
			t = t.Add(5*24*time.Hour + 90*time.Minute)
		}
		b.Run("op=Add/cal="+tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sinkTime, _ = c.Add(starts[i%n], 40*time.Hour)
			}
		})
		b.Run("op=Between/cal="+tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sinkDuration = c.Between(starts[i%n], ends[i%n])
			}
		})
		b.Run("op=PrevOpen/cal="+tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sinkTime, _ = c.PrevOpen(starts[i%n])
			}
		})
	}
}

// TestWindowsCloseWhatTheySay guards the benchmark's calendar: the windows
// it claims are closed are closed.
func TestWindowsCloseWhatTheySay(t *testing.T) {
	c := newItsmWithWindows(t)
	ny := newYork(t)
	for _, tc := range []struct {
		at   time.Time
		open bool
	}{
		{time.Date(2026, 3, 4, 12, 30, 0, 0, ny), false}, // first Wednesday of March
		{time.Date(2026, 3, 11, 12, 30, 0, 0, ny), true},
		{time.Date(2026, 1, 2, 16, 30, 0, 0, ny), false}, // freeze Friday
		{time.Date(2026, 1, 9, 16, 30, 0, 0, ny), true},
		{time.Date(2026, 1, 16, 16, 30, 0, 0, ny), false},
		{time.Date(2026, 3, 3, 11, 0, 0, 0, ny), false}, // storage maintenance
	} {
		if got := c.IsOpen(tc.at); got != tc.open {
			t.Errorf("IsOpen(%v) = %v, want %v", tc.at, got, tc.open)
		}
	}
}
