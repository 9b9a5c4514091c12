package calendar

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrevOpenAndPrevClose(t *testing.T) {
	utc := time.UTC
	office := mustNew(t, utc, "Mon-Fri 09:00-12:00,13:00-17:00", WithExceptions(ClosedOn("holiday", d(2027, 3, 3))))
	night := mustNew(t, utc, "Mon-Fri 22:00-06:00; Tue 06:00-08:00")
	allYear := mustNew(t, utc, "Mon-Sun 00:00-24:00", WithExceptions(Exceptions{closedDuring(d(2027, 6, 1), "10:00-11:00")}))
	for _, tc := range []struct {
		name             string
		c                *Calendar
		t                time.Time
		wantOpen, wantCl time.Time
	}{
		{"open in the morning", office, at(utc, 2027, 3, 2, 10, 0), at(utc, 2027, 3, 2, 9, 0), at(utc, 2027, 3, 1, 17, 0)},
		{"at lunch", office, at(utc, 2027, 3, 2, 12, 30), at(utc, 2027, 3, 2, 9, 0), at(utc, 2027, 3, 2, 12, 0)},
		{"exactly at opening", office, at(utc, 2027, 3, 2, 13, 0), at(utc, 2027, 3, 2, 13, 0), at(utc, 2027, 3, 2, 12, 0)},
		{"exactly at closing", office, at(utc, 2027, 3, 2, 17, 0), at(utc, 2027, 3, 2, 13, 0), at(utc, 2027, 3, 2, 17, 0)},
		{"on the holiday", office, at(utc, 2027, 3, 3, 11, 0), at(utc, 2027, 3, 2, 13, 0), at(utc, 2027, 3, 2, 17, 0)},
		{"Monday early over the weekend", office, at(utc, 2027, 3, 8, 8, 0), at(utc, 2027, 3, 5, 13, 0), at(utc, 2027, 3, 5, 17, 0)},
		{"New Year's Day over the year end", office, at(utc, 2027, 1, 1, 8, 0), at(utc, 2026, 12, 31, 13, 0), at(utc, 2026, 12, 31, 17, 0)},
		{"a night shift is one run with the next morning", night, at(utc, 2027, 3, 2, 7, 0), at(utc, 2027, 3, 1, 22, 0), at(utc, 2027, 2, 27, 6, 0)},
		{"after a night shift", night, at(utc, 2027, 3, 2, 9, 0), at(utc, 2027, 3, 1, 22, 0), at(utc, 2027, 3, 2, 8, 0)},
		{"24x7 across New Year to the last closure", allYear, at(utc, 2028, 1, 5, 0, 0), at(utc, 2027, 6, 1, 11, 0), at(utc, 2027, 6, 1, 10, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.c.PrevOpen(tc.t)
			require.NoError(t, err)
			assert.True(t, got.Equal(tc.wantOpen), "PrevOpen = %v, want %v", got, tc.wantOpen)
			got, err = tc.c.PrevClose(tc.t)
			require.NoError(t, err)
			assert.True(t, got.Equal(tc.wantCl), "PrevClose = %v, want %v", got, tc.wantCl)
			// The old workaround agrees where it applies: closed at t, it
			// finds the last closing.
			if !tc.c.IsOpen(tc.t) {
				back, err := tc.c.Add(tc.t, -1)
				require.NoError(t, err)
				assert.True(t, back.Add(1).Equal(tc.wantCl))
			}
		})
	}
}

func TestPrevOpenAndPrevCloseLimits(t *testing.T) {
	utc := time.UTC
	c := mustNew(t, utc, "Mon-Fri 09:00-17:00", WithExceptions(closedFrom(date.New(2030, 1, 1))))
	_, err := c.PrevOpen(at(utc, 2300, 1, 1, 0, 0))
	assert.ErrorIs(t, err, ErrHorizon)
	_, err = c.PrevClose(at(utc, 2300, 1, 1, 0, 0))
	assert.ErrorIs(t, err, ErrHorizon)
	u, err := c.PrevClose(at(utc, 2100, 1, 1, 0, 0))
	require.NoError(t, err)
	assert.True(t, u.Equal(at(utc, 2029, 12, 31, 17, 0)), "%v", u)

	early := mustNew(t, utc, "Mon-Fri 09:00-17:00")
	_, err = early.PrevClose(at(utc, 1, 1, 1, 10, 0)) // open since the first opening of the supported years
	assert.ErrorIs(t, err, ErrOutOfRange)
	u, err = early.PrevOpen(at(utc, 1, 1, 1, 10, 0))
	require.NoError(t, err)
	assert.True(t, u.Equal(at(utc, 1, 1, 1, 9, 0)))

	always := mustNew(t, utc, "Mon-Sun 00:00-24:00")
	_, err = always.PrevOpen(at(utc, 2027, 1, 1, 0, 0))
	assert.ErrorIs(t, err, ErrHorizon, "open without a break")
	var zero Calendar
	_, err = zero.PrevOpen(at(utc, 2027, 1, 1, 0, 0))
	assert.ErrorIs(t, err, ErrHorizon)
	ny := zone(t, "America/New_York")
	u, err = office(t, ny).PrevClose(time.Date(2027, 3, 2, 15, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, "2027-03-01 22:00:00 +0000 UTC", u.String(), "17:00 in New York, in t's location")
}

func office(t *testing.T, loc *time.Location) *Calendar {
	return mustNew(t, loc, "Mon-Fri 09:00-17:00")
}
