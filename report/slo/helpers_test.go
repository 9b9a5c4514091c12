package slo_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report/slo"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"
)

var ams = mustZone("Europe/Amsterdam")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// utc is an instant of 2026 in UTC.
func utc(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2026, month, day, hour, minute, 0, 0, time.UTC)
}

const thirtyDays = 30 * 24 * time.Hour

// office is Mon-Fri 09:00-17:00 in Amsterdam, closed on Good Friday 2026
// (3 April).
func office(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"),
		calendar.WithExceptions(calendar.ClosedOn("Good Friday", date.New(2026, 4, 3))))
	require.NoError(t, err)
	return c
}

func mustSLO(t testing.TB, target float64, p slo.Period, opts ...slo.Option) slo.SLO {
	t.Helper()
	s, err := slo.New(target, p, opts...)
	require.NoError(t, err)
	return s
}

func events(t testing.TB, samples ...slo.Sample) slo.Source {
	t.Helper()
	src, err := slo.NewEventSource(samples)
	require.NoError(t, err)
	return src
}
