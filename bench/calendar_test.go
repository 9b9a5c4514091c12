package bench

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/us"

	"github.com/go-itsm/itsm/calendar"
	federalrules "github.com/go-itsm/itsm/calendar/holidays/us"
)

// The benchmarks and tests compare two calendars that close exactly the same
// days: Mon-Fri 09:00-17:00 in America/New_York with the observed US federal
// holidays. rickar/cal takes its holiday rules from its us package, itsm from
// its own calendar/holidays/us; TestSameClosedDays checks that the two rule
// sets close the same days.

// federal is the US federal holidays of rickar/cal v2.1.26 (us.Holidays).
var federal = []*cal.Holiday{
	us.NewYear,
	us.MlkDay,
	us.PresidentsDay,
	us.MemorialDay,
	us.Juneteenth,
	us.IndependenceDay,
	us.LaborDay,
	us.ColumbusDay,
	us.VeteransDay,
	us.ThanksgivingDay,
	us.ChristmasDay,
}

const businessHours = "Mon-Fri 09:00-17:00"

func newYork(tb testing.TB) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		tb.Fatalf("load America/New_York: %v", err)
	}
	return loc
}

// newItsm returns itsm's Mon-Fri 09:00-17:00 New York calendar with its
// US federal holiday rules.
func newItsm(tb testing.TB) *calendar.Calendar {
	tb.Helper()
	c, err := calendar.New(newYork(tb), calendar.MustParseWeek(businessHours),
		calendar.WithExceptions(federalrules.Federal()))
	if err != nil {
		tb.Fatalf("calendar.New: %v", err)
	}
	return c
}

// newRickar returns rickar/cal's Mon-Fri 09:00-17:00 calendar with the
// federal holidays. It is Cacheable, rickar's fastest configuration (its
// default, uncached, is several times slower); rickar/cal has no time zone
// of its own and works in the location of the instants it is given.
func newRickar() *cal.BusinessCalendar {
	c := cal.NewBusinessCalendar()
	c.SetWorkHours(9*time.Hour, 17*time.Hour)
	c.AddHoliday(federal...)
	c.Cacheable = true
	return c
}

// span is one benchmark input: the business time from start to end, which
// Between measures and Add adds to start.
type span struct {
	name       string
	start, end time.Time
	d          time.Duration // itsm.Between(start, end)
}

// benchSpans are the spans of the side-by-side benchmarks, all from Monday
// 5 January 2026 10:30 New York time: 8 business hours, and a calendar
// month, year and ten years (to Saturday 5 January 2036, so Add ends at the
// Friday's closing time). They cross weekends, holidays and, except for the
// first two, DST changes; DST changes fall on Sundays, so they do not touch
// these business hours and both libraries agree on every span
// (TestAgreeOnBenchmarkSpans).
func benchSpans(tb testing.TB, c *calendar.Calendar) []span {
	tb.Helper()
	start := time.Date(2026, 1, 5, 10, 30, 0, 0, newYork(tb))
	eight, err := c.Add(start, 8*time.Hour)
	if err != nil {
		tb.Fatal(err)
	}
	spans := []span{
		{name: "8h", start: start, end: eight},
		{name: "1month", start: start, end: start.AddDate(0, 1, 0)},
		{name: "1year", start: start, end: start.AddDate(1, 0, 0)},
		{name: "10years", start: start, end: start.AddDate(10, 0, 0)},
	}
	for i := range spans {
		spans[i].d = c.Between(spans[i].start, spans[i].end)
	}
	return spans
}

// Sinks keep the compiler from dropping the calls under test.
var (
	sinkTime     time.Time
	sinkDuration time.Duration
)

// BenchmarkAdd times Add over each span on both libraries:
// BenchmarkAdd/span=<span>/lib=itsm and .../lib=rickar. The key=value form
// lets benchstat put the two side by side: benchstat -col /lib new.txt.
func BenchmarkAdd(b *testing.B) {
	itsm := newItsm(b)
	for _, s := range benchSpans(b, itsm) {
		b.Run("span="+s.name+"/lib=itsm", func(b *testing.B) {
			b.ReportAllocs()
			if _, err := itsm.Add(s.start, s.d); err != nil { // warm: build the year tables
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				sinkTime, _ = itsm.Add(s.start, s.d)
			}
		})
		b.Run("span="+s.name+"/lib=rickar", func(b *testing.B) {
			rickar := newRickar()
			benchPeer(b, func() { sinkTime = rickar.AddWorkHours(s.start, s.d) })
		})
	}
}

// BenchmarkBetween times Between over each span on both libraries, named as
// in BenchmarkAdd.
func BenchmarkBetween(b *testing.B) {
	itsm := newItsm(b)
	for _, s := range benchSpans(b, itsm) {
		b.Run("span="+s.name+"/lib=itsm", func(b *testing.B) {
			b.ReportAllocs()
			itsm.Between(s.start, s.end) // warm
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				sinkDuration = itsm.Between(s.start, s.end)
			}
		})
		b.Run("span="+s.name+"/lib=rickar", func(b *testing.B) {
			rickar := newRickar()
			benchPeer(b, func() { sinkDuration = rickar.WorkHoursInRange(s.start, s.end) })
		})
	}
}

// benchPeer times b.N calls of op, a call into a peer library, on a
// goroutine guarded by benchBatchTimeout. One warm-up call (untimed, also
// guarded) fills the peer's caches, as for itsm. When a batch runs out of
// time the remaining calls are cancelled between two calls and the benchmark
// is skipped with a message instead of hanging the run; a single call that
// never returns is abandoned on its goroutine.
func benchPeer(b *testing.B, op func()) {
	b.ReportAllocs()
	timeout := benchBatchTimeout()
	if err := guard(timeout, op); err != nil {
		b.Skipf("rickar/cal warm-up call: %v; not timed", err)
	}
	var stop atomic.Bool
	var done atomic.Int64
	n := b.N
	b.ResetTimer()
	err := guard(timeout, func() {
		for i := 0; i < n && !stop.Load(); i++ {
			op()
			done.Add(1)
		}
	})
	b.StopTimer()
	if err != nil {
		stop.Store(true)
		b.Skipf("rickar/cal: %d of %d calls in %v: %v; skipped rather than hang the run", done.Load(), n, timeout, err)
	}
}
