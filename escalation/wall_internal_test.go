package escalation

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wallInstant maps a wall reading as DESIGN.md fixes it: the earliest
// instant whose local reading is at or after it.
func TestWallInstant(t *testing.T) {
	load := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		require.NoError(t, err)
		return loc
	}
	wall := func(y int, m time.Month, d, hh, mm int) int64 {
		return time.Date(y, m, d, hh, mm, 0, 0, time.UTC).Unix()
	}
	utc := func(y int, m time.Month, d, hh, mm int) int64 { return wall(y, m, d, hh, mm) }
	ny, ams, lh, apia := load("America/New_York"), load("Europe/Amsterdam"), load("Australia/Lord_Howe"), load("Pacific/Apia")
	tests := []struct {
		name string
		loc  *time.Location
		w    int64
		want int64
	}{
		{"ordinary", ny, wall(2026, 3, 2, 9, 0), utc(2026, 3, 2, 14, 0)},
		{"spring gap", ny, wall(2026, 3, 8, 2, 30), utc(2026, 3, 8, 7, 0)},
		{"spring gap start", ny, wall(2026, 3, 8, 2, 0), utc(2026, 3, 8, 7, 0)},
		{"after the gap", ny, wall(2026, 3, 8, 3, 0), utc(2026, 3, 8, 7, 0)},
		{"before the gap", ny, wall(2026, 3, 8, 1, 59), utc(2026, 3, 8, 6, 59)},
		{"fall overlap: first occurrence", ny, wall(2026, 11, 1, 1, 30), utc(2026, 11, 1, 5, 30)},
		{"after the overlap", ny, wall(2026, 11, 1, 2, 0), utc(2026, 11, 1, 7, 0)},
		{"amsterdam gap", ams, wall(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 0)},
		{"amsterdam overlap", ams, wall(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30)},
		{"half-hour gap", lh, wall(2026, 10, 4, 2, 15), utc(2026, 10, 3, 15, 30)},
		{"skipped day", apia, wall(2011, 12, 30, 12, 0), utc(2011, 12, 30, 10, 0)},
		{"utc", time.UTC, wall(2026, 3, 2, 9, 0), utc(2026, 3, 2, 9, 0)},
	}
	for _, tt := range tests {
		got := wallInstant(tt.loc, tt.w)
		assert.Equal(t, time.Unix(tt.want, 0).UTC(), time.Unix(got, 0).UTC(), tt.name)
	}
}

// Against the definition, by brute force over minutes around transitions.
func TestWallInstantBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	for _, name := range []string{"America/New_York", "Europe/Amsterdam", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata"} {
		loc, err := time.LoadLocation(name)
		require.NoError(t, err)
		for i := 0; i < 200; i++ {
			u0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix() + rng.Int64N(365*secondsPerDay)
			// Near a transition half of the time.
			if i%2 == 0 {
				if _, end := time.Unix(u0, 0).In(loc).ZoneBounds(); !end.IsZero() {
					u0 = end.Unix() + rng.Int64N(4*3600) - 2*3600
				}
			}
			w := u0 + offsetAt(loc, u0) + rng.Int64N(3*3600) - 3600
			w -= w % 60
			want := int64(0)
			for u := w - 16*3600; u <= w+16*3600; u += 60 {
				if u+offsetAt(loc, u) >= w {
					want = u
					break
				}
			}
			assert.Equal(t, want, wallInstant(loc, w), "%s wall %s", name, time.Unix(w, 0).UTC())
		}
	}
}

func offsetAt(loc *time.Location, u int64) int64 {
	_, off := time.Unix(u, 0).In(loc).Zone()
	return int64(off)
}
