package calendar

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func mustNew(t testing.TB, loc *time.Location, week string, opts ...Option) *Calendar {
	t.Helper()
	c, err := New(loc, MustParseWeek(week), opts...)
	require.NoError(t, err)
	return c
}

func at(loc *time.Location, y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, loc)
}

func TestTwentyFourSevenLosesNothingAtDSTAndMidnight(t *testing.T) {
	cases := []struct {
		zone string
		day  date.Date
		want time.Duration
	}{
		{"America/New_York", date.New(2026, 3, 8), 23 * time.Hour},  // spring forward
		{"America/New_York", date.New(2026, 11, 1), 25 * time.Hour}, // fall back
		{"Europe/London", date.New(2026, 3, 29), 23 * time.Hour},    // BST starts
		{"Europe/London", date.New(2026, 10, 25), 25 * time.Hour},   // BST ends
		{"Australia/Lord_Howe", date.New(2026, 4, 5), 24*time.Hour + 30*time.Minute},
		{"Australia/Lord_Howe", date.New(2026, 10, 4), 23*time.Hour + 30*time.Minute},
		{"America/Sao_Paulo", date.New(2018, 11, 4), 23 * time.Hour}, // DST began at midnight
		{"America/Sao_Paulo", date.New(2019, 2, 16), 25 * time.Hour}, // and ended at midnight
		{"Asia/Tokyo", date.New(2026, 3, 8), 24 * time.Hour},
		{"UTC", date.New(2026, 12, 31), 24 * time.Hour},
	}
	for _, tc := range cases {
		t.Run(tc.zone+"/"+tc.day.String(), func(t *testing.T) {
			loc := zone(t, tc.zone)
			c := mustNew(t, loc, "Mon-Sun 00:00-24:00")
			from := time.Unix(wallInstant(loc, tc.day, 0), 0)
			to := time.Unix(wallInstant(loc, tc.day+1, 0), 0)
			assert.Equal(t, tc.want, c.Between(from, to))
			assert.Equal(t, to.Sub(from), c.Between(from, to), "business time is real elapsed time")
			got, err := c.Add(from, tc.want)
			require.NoError(t, err)
			assert.True(t, got.Equal(to), "Add(%v, %v) = %v, want %v", from, tc.want, got, to)
			n := 0
			for iv := range c.Intervals(from.Add(-72*time.Hour), to.Add(72*time.Hour)) {
				n++
				assert.Equal(t, 144*time.Hour+to.Sub(from), iv.Duration())
			}
			assert.Equal(t, 1, n, "a 24x7 calendar is one interval")
		})
	}
}

func TestWallClockMapping(t *testing.T) {
	ny := zone(t, "America/New_York")
	sp := zone(t, "America/Sao_Paulo")
	cases := []struct {
		name string
		loc  *time.Location
		day  date.Date
		sec  int64
		want time.Time
	}{
		{"gap maps to end of gap", ny, date.New(2026, 3, 8), 2*3600 + 30*60, time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)},
		{"gap start maps to end of gap", ny, date.New(2026, 3, 8), 2 * 3600, time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)},
		{"after gap is plain", ny, date.New(2026, 3, 8), 3 * 3600, time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)},
		{"overlap maps to first occurrence", ny, date.New(2026, 11, 1), 3600 + 30*60, time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)},
		{"overlap start is first occurrence", ny, date.New(2026, 11, 1), 3600, time.Date(2026, 11, 1, 5, 0, 0, 0, time.UTC)},
		{"after overlap", ny, date.New(2026, 11, 1), 2 * 3600, time.Date(2026, 11, 1, 7, 0, 0, 0, time.UTC)},
		{"midnight that never happens", sp, date.New(2018, 11, 4), 0, time.Date(2018, 11, 4, 3, 0, 0, 0, time.UTC)},
		{"24:00 is next midnight", ny, date.New(2026, 7, 1), secondsPerDay, time.Date(2026, 7, 2, 4, 0, 0, 0, time.UTC)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := time.Unix(wallInstant(tc.loc, tc.day, tc.sec), 0).UTC()
			assert.Equal(t, tc.want, got)
			assert.Equal(t, refWall(tc.loc, tc.day, tc.sec), got.Unix(), "reference agrees")
		})
	}
}

func TestShiftInsideDSTGap(t *testing.T) {
	ny := zone(t, "America/New_York")
	// Sunday 02:30-04:00 on the spring-forward day opens at 03:00 EDT: one hour.
	c := mustNew(t, ny, "Sun 02:30-04:00")
	day := at(ny, 2026, 3, 8, 0, 0)
	assert.Equal(t, time.Hour, c.Between(day, day.Add(24*time.Hour)))
	// On the fall-back day 01:30-02:00 is 01:30 EDT to 02:00 EST: 90 minutes.
	c = mustNew(t, ny, "Sun 01:30-02:00")
	day = at(ny, 2026, 11, 1, 0, 0)
	assert.Equal(t, 90*time.Minute, c.Between(day, day.Add(25*time.Hour)))
}

func TestAddAndBetweenBusinessHours(t *testing.T) {
	ny := zone(t, "America/New_York")
	c := mustNew(t, ny, "Mon-Fri 09:00-12:30,13:30-18:00", WithExceptions(ClosedOn("Thanksgiving", date.New(2026, 11, 26))))
	cases := []struct {
		name string
		from time.Time
		d    time.Duration
		want time.Time
	}{
		{"within a morning", at(ny, 2026, 11, 23, 9, 0), 2 * time.Hour, at(ny, 2026, 11, 23, 11, 0)},
		{"lands exactly at closing", at(ny, 2026, 11, 23, 9, 0), 3*time.Hour + 30*time.Minute, at(ny, 2026, 11, 23, 12, 30)},
		{"skips lunch", at(ny, 2026, 11, 23, 12, 0), time.Hour, at(ny, 2026, 11, 23, 14, 0)},
		{"from closed time", at(ny, 2026, 11, 23, 20, 0), time.Hour, at(ny, 2026, 11, 24, 10, 0)},
		{"skips the holiday", at(ny, 2026, 11, 25, 17, 0), 2 * time.Hour, at(ny, 2026, 11, 27, 10, 0)},
		{"skips the weekend", at(ny, 2026, 11, 27, 17, 0), 2 * time.Hour, at(ny, 2026, 11, 30, 10, 0)},
		{"backward lands at opening", at(ny, 2026, 11, 23, 11, 0), -2 * time.Hour, at(ny, 2026, 11, 23, 9, 0)},
		{"backward across lunch", at(ny, 2026, 11, 23, 14, 0), -time.Hour, at(ny, 2026, 11, 23, 12, 0)},
		{"backward over weekend", at(ny, 2026, 11, 30, 10, 0), -2 * time.Hour, at(ny, 2026, 11, 27, 17, 0)},
		{"zero", at(ny, 2026, 11, 28, 3, 0), 0, at(ny, 2026, 11, 28, 3, 0)},
		{"a nanosecond", at(ny, 2026, 11, 23, 18, 0), 1, at(ny, 2026, 11, 24, 9, 0).Add(1)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.Add(tc.from, tc.d)
			require.NoError(t, err)
			assert.True(t, got.Equal(tc.want), "got %v want %v", got, tc.want)
			assert.Equal(t, tc.d, c.Between(tc.from, got))
			assert.Equal(t, tc.from.Location(), got.Location())
		})
	}
	// 40 business hours (five 8-hour days) from Monday morning, over
	// Thanksgiving: Mon, Tue, Wed, Fri and the next Monday.
	got, err := c.Add(at(ny, 2026, 11, 23, 9, 0), 40*time.Hour)
	require.NoError(t, err)
	assert.True(t, got.Equal(at(ny, 2026, 11, 30, 18, 0)), "got %v", got)
}

func TestOvernightShiftBelongsToItsStartDate(t *testing.T) {
	ams := zone(t, "Europe/Amsterdam")
	c := mustNew(t, ams, "Fri 22:00-06:00")
	assert.True(t, c.IsOpen(at(ams, 2026, 11, 28, 5, 59)), "Saturday morning is Friday's shift")
	assert.False(t, c.IsOpen(at(ams, 2026, 11, 28, 6, 0)), "closed at closing time")
	assert.True(t, c.IsOpen(at(ams, 2026, 11, 27, 22, 0)), "open at opening time")
	assert.True(t, c.IsWorkday(date.New(2026, 11, 27)))
	assert.False(t, c.IsWorkday(date.New(2026, 11, 28)))
	// A holiday on Friday removes the whole shift, Saturday part included.
	c = mustNew(t, ams, "Fri 22:00-06:00", WithExceptions(ClosedOn("x", date.New(2026, 11, 27))))
	assert.False(t, c.IsOpen(at(ams, 2026, 11, 28, 5, 0)))
	// New Year: the Thursday 31 December 2026 night shift runs into 2027.
	c = mustNew(t, ams, "Thu 22:00-06:00; Fri 06:00-08:00")
	var got []Interval
	for iv := range c.Intervals(at(ams, 2026, 12, 31, 0, 0), at(ams, 2027, 1, 2, 0, 0)) {
		got = append(got, iv)
	}
	require.Len(t, got, 1, "touching shifts merge across the year boundary")
	assert.True(t, got[0].Start.Equal(at(ams, 2026, 12, 31, 22, 0)))
	assert.True(t, got[0].End.Equal(at(ams, 2027, 1, 1, 8, 0)))
	u, err := c.Add(at(ams, 2026, 12, 31, 23, 0), 3*time.Hour)
	require.NoError(t, err)
	assert.True(t, u.Equal(at(ams, 2027, 1, 1, 2, 0)))
}

func TestOpenCloseQueries(t *testing.T) {
	ny := zone(t, "America/New_York")
	c := mustNew(t, ny, "Mon-Fri 09:00-17:00")
	open, err := c.NextOpen(at(ny, 2026, 11, 21, 12, 0)) // Saturday
	require.NoError(t, err)
	assert.True(t, open.Equal(at(ny, 2026, 11, 23, 9, 0)))
	open, err = c.NextOpen(at(ny, 2026, 11, 23, 9, 0))
	require.NoError(t, err)
	assert.True(t, open.Equal(at(ny, 2026, 11, 23, 9, 0)), "open at opening time")
	closing, err := c.NextClose(at(ny, 2026, 11, 23, 10, 0))
	require.NoError(t, err)
	assert.True(t, closing.Equal(at(ny, 2026, 11, 23, 17, 0)))
	closing, err = c.NextClose(at(ny, 2026, 11, 23, 17, 0))
	require.NoError(t, err)
	assert.True(t, closing.Equal(at(ny, 2026, 11, 24, 17, 0)), "at closing time it is closed")
	open, err = c.NextOpen(at(ny, 2026, 12, 31, 18, 0))
	require.NoError(t, err)
	assert.True(t, open.Equal(at(ny, 2027, 1, 1, 9, 0)), "across New Year")

	always := mustNew(t, ny, "Mon-Sun 00:00-24:00")
	_, err = always.NextClose(at(ny, 2026, 1, 1, 0, 0))
	assert.ErrorIs(t, err, ErrHorizon, "a 24x7 calendar never closes")
}

func TestValidation(t *testing.T) {
	_, err := New(nil, MustParseWeek("Mon 09:00-17:00"))
	assert.ErrorIs(t, err, ErrNoLocation)
	_, err = New(time.UTC, Week{})
	assert.ErrorIs(t, err, ErrNoWorkingTime)
	_, err = New(time.UTC, Week{time.Monday: {{Clock(9, 0, 0), Clock(9, 0, 0)}}})
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "week.mon[0]", fe.Path)
	assert.ErrorIs(t, err, ErrInvalidWeek)
	assert.ErrorIs(t, err, ErrInvalidCalendar)
	_, err = New(time.UTC, Week{time.Monday: {{Clock(25, 0, 0), Clock(9, 0, 0)}}})
	assert.ErrorAs(t, err, &fe)
	_, err = New(time.UTC, MustParseWeek("Mon 09:00-17:00"), WithExceptions(Exceptions{{Date: date.New(2026, 1, 1), Kind: 9}}))
	assert.ErrorAs(t, err, &fe)
	// Extra working days alone are enough working time.
	_, err = New(time.UTC, Week{}, WithExceptions(Exceptions{{Date: date.New(2026, 1, 3), Kind: Override, Hours: []Span{{Clock(9, 0, 0), Clock(12, 0, 0)}}}}))
	assert.NoError(t, err)
}

// closedFrom closes every date on or after a date: a calendar with no
// business time for ever after.
type closedFrom date.Date

func (c closedFrom) ExceptionsIn(year int, _ Week) []Exception {
	var out []Exception
	for d := date.New(year, 1, 1); d.Year() == year; d++ {
		if d >= date.Date(c) {
			out = append(out, Exception{Date: d, Kind: Closed})
		}
	}
	return out
}

func TestHorizonInsteadOfLooping(t *testing.T) {
	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(closedFrom(date.New(2030, 1, 1))))
	_, err := c.Add(at(time.UTC, 2029, 12, 31, 9, 0), 9*time.Hour)
	assert.ErrorIs(t, err, ErrHorizon)
	_, err = c.NextOpen(at(time.UTC, 2030, 1, 1, 0, 0))
	assert.ErrorIs(t, err, ErrHorizon)
	_, err = c.AddWorkdays(date.New(2029, 12, 31), 1)
	assert.ErrorIs(t, err, ErrHorizon)
	// Backwards still works, and so does Between.
	u, err := c.Add(at(time.UTC, 2035, 1, 1, 0, 0), -time.Hour)
	require.NoError(t, err)
	assert.True(t, u.Equal(at(time.UTC, 2029, 12, 31, 16, 0)))
	assert.Equal(t, 8*time.Hour, c.Between(at(time.UTC, 2029, 12, 31, 0, 0), at(time.UTC, 2040, 1, 1, 0, 0)))
}

func TestOutOfRangeAndExtremes(t *testing.T) {
	c := mustNew(t, time.UTC, "Mon-Sun 00:00-24:00")
	_, err := c.Add(at(time.UTC, 9999, 12, 31, 0, 0), 48*time.Hour)
	assert.ErrorIs(t, err, ErrOutOfRange)
	_, err = c.Add(at(time.UTC, 1, 1, 1, 0, 0), -48*time.Hour)
	assert.ErrorIs(t, err, ErrOutOfRange)
	far := time.Date(200000, 1, 1, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, time.Duration(math.MaxInt64), c.Between(at(time.UTC, 2000, 1, 1, 0, 0), far), "saturates like time.Sub")
	assert.Equal(t, time.Duration(math.MinInt64), c.Between(far, at(time.UTC, 2000, 1, 1, 0, 0)))
	assert.False(t, c.IsOpen(far))
	u, err := c.Add(at(time.UTC, 2000, 1, 1, 0, 0), math.MinInt64)
	require.NoError(t, err)
	assert.Equal(t, time.Duration(math.MinInt64), c.Between(at(time.UTC, 2000, 1, 1, 0, 0), u))
}

func TestWorkdays(t *testing.T) {
	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(ClosedOn("Christmas", date.New(2026, 12, 25))))
	d, err := c.AddWorkdays(date.New(2026, 12, 24), 1) // Thursday; Friday is Christmas
	require.NoError(t, err)
	assert.Equal(t, date.New(2026, 12, 28), d)
	d, err = c.AddWorkdays(date.New(2026, 12, 28), -1)
	require.NoError(t, err)
	assert.Equal(t, date.New(2026, 12, 24), d)
	d, err = c.AddWorkdays(date.New(2026, 12, 31), 1)
	require.NoError(t, err)
	assert.Equal(t, date.New(2027, 1, 1), d)
	d, err = c.AddWorkdays(date.New(2026, 1, 1), 260)
	require.NoError(t, err)
	assert.Equal(t, 260, c.Workdays(date.New(2026, 1, 1), d))
	assert.Equal(t, 22, c.Workdays(date.New(2026, 12, 1), date.New(2027, 1, 1)), "23 weekdays less Christmas")
	assert.Equal(t, -22, c.Workdays(date.New(2027, 1, 1), date.New(2026, 12, 1)))
	assert.Equal(t, 0, c.Workdays(date.New(2026, 12, 1), date.New(2026, 12, 1)))
	d, err = c.AddWorkdays(date.New(2026, 6, 6), 0)
	require.NoError(t, err)
	assert.Equal(t, date.New(2026, 6, 6), d)
}

func TestExceptionsPrecedenceAndKinds(t *testing.T) {
	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(Exceptions{
		{Date: date.New(2026, 12, 24), Name: "Christmas Eve", Kind: ClosesEarly, ClosesAt: Clock(13, 0, 0)},
		{Date: date.New(2026, 12, 24), Name: "Later", Kind: ClosesEarly, ClosesAt: Clock(15, 0, 0)},
		{Date: date.New(2026, 12, 26), Name: "Extra Saturday", Kind: Override, Hours: []Span{{Clock(10, 0, 0), Clock(14, 0, 0)}}},
		{Date: date.New(2026, 12, 26), Name: "Boxing Day", Kind: Closed},
		{Date: date.New(2026, 12, 25), Name: "Christmas", Kind: Closed},
		{Date: date.New(2026, 12, 25), Name: "Half", Kind: ClosesEarly, ClosesAt: Clock(12, 0, 0)},
	}))
	day := func(m time.Month, d int) time.Duration {
		return c.Between(at(time.UTC, 2026, m, d, 0, 0), at(time.UTC, 2026, m, d+1, 0, 0))
	}
	assert.Equal(t, 4*time.Hour, day(12, 24), "earliest early closing wins")
	assert.Equal(t, time.Duration(0), day(12, 25), "closed beats closes_early")
	assert.Equal(t, 4*time.Hour, day(12, 26), "override beats closed")
	e, ok := c.ExceptionOn(date.New(2026, 12, 25))
	require.True(t, ok)
	assert.Equal(t, "Christmas", e.Name)
	var names []string
	for e := range c.ExceptionsIn(date.New(2026, 12, 1), date.New(2027, 1, 1)) {
		names = append(names, e.Name)
	}
	assert.Equal(t, []string{"Christmas Eve", "Christmas", "Extra Saturday"}, names)
	assert.True(t, c.IsWorkday(date.New(2026, 12, 26)))
	assert.False(t, c.IsWorkday(date.New(2026, 12, 25)))
}

func TestCombined(t *testing.T) {
	ams := zone(t, "Europe/Amsterdam")
	ny := zone(t, "America/New_York")
	eu := mustNew(t, ams, "Mon-Fri 09:00-17:00")
	us := mustNew(t, ny, "Mon-Fri 09:00-17:00")
	sun, err := Union(eu, us)
	require.NoError(t, err)
	// Monday 23 November 2026: EU 08:00-16:00 UTC, US 14:00-22:00 UTC.
	mon := at(time.UTC, 2026, 11, 23, 0, 0)
	assert.Equal(t, 14*time.Hour, sun.Between(mon, mon.Add(24*time.Hour)))
	both, err := Intersection(eu, us)
	require.NoError(t, err)
	assert.Equal(t, 2*time.Hour, both.Between(mon, mon.Add(24*time.Hour)))
	maint := mustNew(t, ams, "Mon 12:00-13:00")
	less, err := Difference(eu, maint)
	require.NoError(t, err)
	assert.Equal(t, 7*time.Hour, less.Between(mon, mon.Add(24*time.Hour)))
	u, err := less.Add(at(ams, 2026, 11, 23, 11, 0), 2*time.Hour)
	require.NoError(t, err)
	assert.True(t, u.Equal(at(ams, 2026, 11, 23, 14, 0)))
	assert.Equal(t, ams, sun.Location())
	assert.True(t, sun.IsWorkday(date.New(2026, 11, 23)))
	_, err = Union(eu, nil)
	var fe *FieldError
	assert.ErrorAs(t, err, &fe)
}

// randomCalendar draws a calendar with up to three spans a day (some crossing
// midnight), in a zone with interesting transitions, and some exceptions.
func randomCalendar(r *rand.Rand, zones []*time.Location, from date.Date) (*time.Location, Week, []Exception) {
	loc := zones[r.IntN(len(zones))]
	var w Week
	for wd := range 7 {
		for range r.IntN(3) {
			s := TimeOfDay(r.IntN(24*4) * 15 * 60)
			e := TimeOfDay(r.IntN(24*4+1) * 15 * 60)
			if s == e {
				e = secondsPerDay
			}
			w[wd] = append(w[wd], Span{s, e})
		}
	}
	if w.IsEmpty() {
		w[1] = []Span{{Clock(9, 0, 0), Clock(17, 0, 0)}}
	}
	var exc []Exception
	for range r.IntN(12) {
		d := from + date.Date(r.IntN(120))
		switch r.IntN(4) {
		case 3:
			// A part-day closure, some across midnight, some on dates that
			// also have a whole-day exception or a night shift.
			var hours []Span
			for range 1 + r.IntN(2) {
				s := TimeOfDay(r.IntN(24*4) * 15 * 60)
				e := TimeOfDay(r.IntN(24*4+1) * 15 * 60)
				if s == e {
					e = secondsPerDay
				}
				hours = append(hours, Span{s, e})
			}
			exc = append(exc, Exception{Date: d, Kind: ClosedDuring, Hours: hours})
		case 0:
			exc = append(exc, Exception{Date: d, Kind: Closed})
		case 1:
			exc = append(exc, Exception{Date: d, Kind: Override, Hours: []Span{{Clock(r.IntN(12), 0, 0), Clock(12+r.IntN(13), 0, 0)}}})
		default:
			exc = append(exc, Exception{Date: d, Kind: ClosesEarly, ClosesAt: Clock(r.IntN(25), 0, 0)})
		}
	}
	return loc, w, exc
}

func TestPropertyAgainstReference(t *testing.T) {
	zones := []*time.Location{
		zone(t, "America/New_York"), zone(t, "Europe/London"), zone(t, "Australia/Lord_Howe"),
		zone(t, "America/Sao_Paulo"), zone(t, "Asia/Kolkata"), time.UTC,
	}
	r := rand.New(rand.NewPCG(1, 2))
	starts := []date.Date{date.New(2026, 2, 20), date.New(2026, 9, 20), date.New(2018, 10, 15), date.New(2026, 12, 1)}
	for iter := range 60 {
		from := starts[iter%len(starts)]
		loc, week, exc := randomCalendar(r, zones, from)
		c, err := New(loc, week, WithExceptions(Exceptions(exc)))
		require.NoError(t, err)
		ref := newReference(loc, week, exc, from-3, from+123)
		checkAgainstReference(t, r, c, ref, ref.from+86400, ref.until-86400, false, fmt.Sprint(loc, week, exc))
	}
}

// TestCombinedPropertyAgainstReference checks Union, Intersection and
// Difference of two random calendars (in different zones) against the set
// operation on their reference interval lists.
func TestCombinedPropertyAgainstReference(t *testing.T) {
	zones := []*time.Location{
		zone(t, "America/New_York"), zone(t, "Europe/London"), zone(t, "Australia/Lord_Howe"),
		zone(t, "America/Sao_Paulo"), zone(t, "Asia/Kolkata"), time.UTC,
	}
	r := rand.New(rand.NewPCG(3, 4))
	starts := []date.Date{date.New(2026, 2, 20), date.New(2026, 9, 20), date.New(2018, 10, 15), date.New(2026, 12, 1)}
	ops := []struct {
		name    string
		combine func(*Calendar, ...*Calendar) (*Calendar, error)
		keep    func(inA, inB bool) bool
	}{
		{"union", Union, func(a, b bool) bool { return a || b }},
		{"intersection", Intersection, func(a, b bool) bool { return a && b }},
		{"difference", Difference, func(a, b bool) bool { return a && !b }},
	}
	for iter := range 45 {
		from := starts[iter%len(starts)]
		op := ops[iter%len(ops)]
		locA, weekA, excA := randomCalendar(r, zones, from)
		locB, weekB, excB := randomCalendar(r, zones, from)
		a, err := New(locA, weekA, WithExceptions(Exceptions(excA)))
		require.NoError(t, err)
		b, err := New(locB, weekB, WithExceptions(Exceptions(excB)))
		require.NoError(t, err)
		c, err := op.combine(a, b)
		require.NoError(t, err)
		refA := newReference(locA, weekA, excA, from-3, from+123)
		refB := newReference(locB, weekB, excB, from-3, from+123)
		ref := &reference{ivs: combineReference(refA.ivs, refB.ivs, op.keep)}
		lo, hi := max(refA.from, refB.from)+86400, min(refA.until, refB.until)-86400
		desc := fmt.Sprintf("%s of %v %v %v and %v %v %v", op.name, locA, weekA, excA, locB, weekB, excB)
		checkAgainstReference(t, r, c, ref, lo, hi, op.name != "union", desc)
	}
}

// combineReference applies a set operation to two merged interval lists
// the slow way: it cuts time at every boundary of either list and keeps the
// pieces by membership.
func combineReference(a, b [][2]int64, keep func(inA, inB bool) bool) [][2]int64 {
	var cuts []int64
	for _, iv := range append(slices.Clone(a), b...) {
		cuts = append(cuts, iv[0], iv[1])
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	in := func(list [][2]int64, x int64) bool {
		for _, iv := range list {
			if iv[0] <= x && x < iv[1] {
				return true
			}
		}
		return false
	}
	var out [][2]int64
	for i := 0; i+1 < len(cuts); i++ {
		p, q := cuts[i], cuts[i+1]
		if !keep(in(a, p), in(b, p)) {
			continue
		}
		if n := len(out); n > 0 && out[n-1][1] == p {
			out[n-1][1] = q
			continue
		}
		out = append(out, [2]int64{p, q})
	}
	return out
}

// checkAgainstReference compares c with ref at random instants of
// [lo, hi) (Unix seconds), the window in which ref is complete. With
// mayRunOut, c may have no business time ahead at all (an empty
// intersection): Add may then fail with ErrHorizon, but only where the
// reference finds no answer within the window either.
func checkAgainstReference(t *testing.T, r *rand.Rand, c *Calendar, ref *reference, lo, hi int64, mayRunOut bool, desc string) {
	t.Helper()
	instant := func() time.Time {
		return time.Unix(lo+r.Int64N(hi-lo), r.Int64N(3)*r.Int64N(1e9))
	}
	for range 40 {
		a, b := instant(), instant()
		require.Equal(t, ref.between(a, b), c.Between(a, b), "Between(%v, %v) on %s", a, b, desc)
		require.Equal(t, ref.isOpen(a), c.IsOpen(a), "IsOpen(%v) on %s", a, desc)
		if open, close, ok := ref.prev(a, lo); ok {
			got, err := c.PrevOpen(a)
			require.NoError(t, err)
			require.Equal(t, open, got.Unix(), "PrevOpen(%v) = %v on %s", a, got, desc)
			if close > lo {
				got, err = c.PrevClose(a)
				require.NoError(t, err)
				require.Equal(t, close, got.Unix(), "PrevClose(%v) = %v on %s", a, got, desc)
			}
		}
		d := time.Duration(r.Int64N(int64(200 * time.Hour)))
		if r.IntN(2) == 0 {
			d = -d
		}
		if r.IntN(5) == 0 {
			d = time.Duration(r.Int64N(5)) // tiny
		}
		want, ok := ref.add(a, d)
		inWindow := ok && ns(want) > lo*1e9 && ns(want) < hi*1e9
		got, err := c.Add(a, d)
		if mayRunOut && err != nil {
			require.ErrorIs(t, err, ErrHorizon, "Add(%v, %v) on %s", a, d, desc)
			require.False(t, inWindow, "Add(%v, %v) failed, want %v on %s", a, d, want, desc)
			continue
		}
		require.NoError(t, err)
		if inWindow {
			require.True(t, got.Equal(want), "Add(%v, %v) = %v, want %v on %s", a, d, got, want, desc)
		}
		require.Equal(t, d, c.Between(a, got), "Between(t, Add(t, d)) == d")
		// Monotonic: a later start never gives an earlier deadline.
		if d >= 0 {
			got2, err := c.Add(a.Add(time.Duration(r.Int64N(int64(time.Hour)))), d)
			if mayRunOut && errors.Is(err, ErrHorizon) {
				continue
			}
			require.NoError(t, err)
			require.False(t, got2.Before(got))
		}
	}
	// Intervals agree with the reference list within the window.
	wf, wt := time.Unix(lo, 0), time.Unix(hi, 0)
	var mine [][2]int64
	for iv := range c.Intervals(wf, wt) {
		mine = append(mine, [2]int64{iv.Start.Unix(), iv.End.Unix()})
	}
	var theirs [][2]int64
	for _, iv := range ref.ivs {
		a, b := max(iv[0], lo), min(iv[1], hi)
		if a < b {
			theirs = append(theirs, [2]int64{a, b})
		}
	}
	require.True(t, slices.Equal(mine, theirs), "Intervals on %s", desc)
}

func TestLongSpans(t *testing.T) {
	ny := zone(t, "America/New_York")
	c := mustNew(t, ny, "Mon-Fri 09:00-17:00")
	from := at(ny, 2020, 1, 6, 9, 0)
	to := at(ny, 2030, 1, 7, 9, 0)
	d := c.Between(from, to)
	weeks := 522 // 2020-01-06 to 2030-01-07 is 3654 days = 522 weeks
	assert.Equal(t, time.Duration(weeks*40)*time.Hour, d)
	u, err := c.Add(from, d)
	require.NoError(t, err)
	assert.True(t, u.Equal(at(ny, 2030, 1, 4, 17, 0)), "the earliest instant: Friday's closing, got %v", u)
	back, err := c.Add(to, -d)
	require.NoError(t, err)
	assert.True(t, back.Equal(from))
}

func TestSentinelsWrap(t *testing.T) {
	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(closedFrom(date.New(2030, 1, 1))))
	_, err := c.Add(at(time.UTC, 2029, 12, 31, 17, 0), time.Hour)
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrHorizon))
	assert.Contains(t, err.Error(), "calendar: ")
}

func TestOverrideRulesAreWorkingTime(t *testing.T) {
	h := MustHolidays(Rule{Name: "Open Saturday", On: NthWeekday, Month: 1, Weekday: time.Saturday, N: 1, Kind: Override, Hours: []Span{{Clock(10, 0, 0), Clock(14, 0, 0)}}})
	c, err := New(time.UTC, Week{}, WithExceptions(h))
	require.NoError(t, err)
	assert.True(t, c.IsOpen(time.Date(2027, 1, 2, 11, 0, 0, 0, time.UTC)))
}

func TestDate(t *testing.T) {
	ny := zone(t, "America/New_York")
	assert.True(t, Date(2026, 3, 8, 2, 30, 0, ny).Equal(time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)), "gap: end of gap")
	assert.True(t, Date(2026, 11, 1, 1, 30, 0, ny).Equal(time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)), "overlap: first occurrence")
	assert.True(t, Date(2026, 11, 31, 24, 0, 0, ny).Equal(time.Date(2026, 12, 2, 0, 0, 0, 0, ny)), "normalized like time.Date")
	assert.Equal(t, ny, Date(2026, 1, 1, 0, 0, 0, ny).Location())
	assert.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Date(2026, 1, 1, 0, 0, 0, nil))
}

func TestParseWeekErrorsPointAtTheColumn(t *testing.T) {
	cases := map[string]int{
		"Mon-Fri 09:00-1730": 15,
		"Mon-Fri 09:00-12:30,13:30-18:00; Sat 10:00-25:00": 44,
		"Mon-Frx 09:00-17:00":                              5,
		"Mon 09:00-17:00;; Tue 10:00-11:00":                17,
		"Mon 09:00-09:00":                                  5,
	}
	for in, col := range cases {
		_, err := ParseWeek(in)
		var se *SyntaxError
		require.ErrorAs(t, err, &se, in)
		assert.Equal(t, col, se.Column, in)
	}
	w, err := ParseWeek("Mon 09:00-17:00;")
	require.NoError(t, err, "a trailing semicolon is fine")
	assert.Equal(t, "Mon 09:00-17:00", w.String())
}

func TestZeroCalendarIsNeverOpen(t *testing.T) {
	var c Calendar
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	assert.False(t, c.IsOpen(now))
	assert.Equal(t, time.Duration(0), c.Between(now, now.Add(time.Hour)))
	_, err := c.Add(now, time.Hour)
	assert.ErrorIs(t, err, ErrHorizon)
	_, err = c.NextOpen(now)
	assert.ErrorIs(t, err, ErrHorizon)
	assert.False(t, c.IsWorkday(date.New(2026, 1, 1)))
	assert.Equal(t, time.UTC, c.Location())
	for range c.Intervals(now, now.Add(time.Hour)) {
		t.Fatal("no intervals")
	}
}
