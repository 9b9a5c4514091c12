package bench

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// peer runs f, a call into rickar/cal, under guard and fails the test when
// it does not return: on these inputs rickar is expected to answer.
func peer(t *testing.T, f func()) {
	t.Helper()
	require.NoError(t, guard(peerTimeout, f), "rickar/cal")
}

// TestSameClosedDays checks the premise of every comparison: itsm's own US
// federal rules (calendar/holidays/us.Federal()) close exactly the days
// rickar/cal's us holidays close. The two rule sets were written
// independently.
func TestSameClosedDays(t *testing.T) {
	itsm, rickar := newItsm(t), newRickar()
	ny := newYork(t)
	from, to := date.New(2020, 1, 1), date.New(2041, 1, 1)
	var mismatches []string
	peer(t, func() {
		for d := from; d < to; d++ {
			y, m, dd := d.Date()
			want := rickar.IsWorkday(time.Date(y, m, dd, 12, 0, 0, 0, ny))
			if itsm.IsWorkday(d) != want {
				mismatches = append(mismatches, d.String())
			}
		}
	})
	assert.Empty(t, mismatches, "days that one calendar closes and the other does not")
	n := 0
	for range itsm.ExceptionsIn(from, to) {
		n++
	}
	assert.GreaterOrEqual(t, n, 21*10, "federal holidays in 2020-2040")
}

// TestAgreeOnPlainDays checks that itsm and rickar/cal give the same Add and
// Between where both should: instants inside working hours, on whole
// minutes, in stretches without a DST change, across weekends and observed
// holidays (Independence Day 2026 on Friday 3 July, Christmas and New Year
// on Fridays in 2026-27, New Year 2028 observed on Friday 31 December 2027).
// Some fixed cases come first, then seeded random ones.
func TestAgreeOnPlainDays(t *testing.T) {
	itsm, rickar := newItsm(t), newRickar()
	ny := newYork(t)
	at := func(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, ny) }

	fixed := []struct {
		name  string
		start time.Time
		d     time.Duration
	}{
		{"same day", at(2026, 4, 14, 10, 0), 3 * time.Hour},
		{"lands at closing time", at(2026, 4, 14, 10, 0), 7 * time.Hour},
		{"overnight", at(2026, 4, 14, 16, 0), 2 * time.Hour},
		{"over a weekend", at(2026, 4, 17, 15, 0), 4 * time.Hour},
		{"over observed Independence Day", at(2026, 7, 2, 16, 0), 2 * time.Hour},
		{"over Juneteenth", at(2026, 6, 18, 12, 0), 8 * time.Hour},
		{"over Thanksgiving", at(2026, 11, 25, 9, 0), 24 * time.Hour},
		{"over Christmas and New Year", at(2026, 12, 23, 13, 0), 40 * time.Hour},
		{"over New Year 2028 observed in 2027", at(2027, 12, 30, 9, 0), 16*time.Hour + 30*time.Minute},
	}
	for _, tc := range fixed {
		want, err := itsm.Add(tc.start, tc.d)
		require.NoError(t, err)
		var got time.Time
		var between time.Duration
		peer(t, func() {
			got = rickar.AddWorkHours(tc.start, tc.d)
			between = rickar.WorkHoursInRange(tc.start, want)
		})
		assert.True(t, want.Equal(got), "%s: Add(%v, %v): itsm %v, rickar %v", tc.name, tc.start, tc.d, want, got)
		assert.Equal(t, tc.d, between, "%s: Between(%v, %v): rickar", tc.name, tc.start, want)
		assert.Equal(t, tc.d, itsm.Between(tc.start, want), "%s: Between(%v, %v): itsm", tc.name, tc.start, want)
	}

	// Stretches of Mon-Fri between DST changes (2026-03-08, 2026-11-01,
	// 2027-03-14, 2027-11-07, 2028-03-12), and 200 cases in each.
	stretches := [][2]date.Date{
		{date.New(2026, 3, 9), date.New(2026, 10, 31)},
		{date.New(2026, 11, 2), date.New(2027, 3, 13)},
		{date.New(2027, 11, 8), date.New(2028, 3, 11)},
	}
	rng := rand.New(rand.NewPCG(2026, 1))
	for _, st := range stretches {
		limit := at(st[1].Year(), st[1].Month(), st[1].Day(), 0, 0)
		randomOpen := func() time.Time { // a working minute in the stretch
			for {
				d := st[0] + date.Date(rng.IntN(int(st[1]-st[0])))
				if !itsm.IsWorkday(d) {
					continue
				}
				y, m, dd := d.Date()
				return at(y, m, dd, 9, 0).Add(time.Duration(rng.IntN(8*60)) * time.Minute)
			}
		}
		var adds, betweens int
		for range 200 {
			a, b := randomOpen(), randomOpen()
			if b.Before(a) {
				a, b = b, a // rickar's WorkHoursInRange is unsigned: it swaps reversed ends
			}
			d := time.Duration(1+rng.Int64N(int64(itsm.Between(a, limit)/time.Minute))) * time.Minute
			wantAdd, err := itsm.Add(a, d)
			require.NoError(t, err)
			wantBetween := itsm.Between(a, b)
			var gotAdd time.Time
			var gotBetween time.Duration
			peer(t, func() {
				gotAdd = rickar.AddWorkHours(a, d)
				gotBetween = rickar.WorkHoursInRange(a, b)
			})
			if assert.True(t, wantAdd.Equal(gotAdd), "Add(%v, %v): itsm %v, rickar %v", a, d, wantAdd, gotAdd) {
				adds++
			}
			if assert.Equal(t, wantBetween, gotBetween, "Between(%v, %v): itsm, rickar", a, b) {
				betweens++
			}
		}
		t.Logf("%s to %s: %d of 200 Add and %d of 200 Between agree", st[0], st[1], adds, betweens)
	}
}

// TestAgreeOnBenchmarkSpans checks that the side-by-side benchmarks time the
// same work: both libraries give the same answer on every benchmark input.
func TestAgreeOnBenchmarkSpans(t *testing.T) {
	itsm, rickar := newItsm(t), newRickar()
	for _, s := range benchSpans(t, itsm) {
		want, err := itsm.Add(s.start, s.d)
		require.NoError(t, err)
		var got time.Time
		var between time.Duration
		peer(t, func() {
			got = rickar.AddWorkHours(s.start, s.d)
			between = rickar.WorkHoursInRange(s.start, s.end)
		})
		assert.True(t, want.Equal(got), "%s: Add: itsm %v, rickar %v", s.name, want, got)
		assert.Equal(t, s.d, between, "%s: Between: itsm, rickar", s.name)
	}
}
