package report

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"
)

// The table answers exactly what the calendar answers, across DST
// changes, holidays, overnight shifts and the table's edges.
func TestBusinessClockMatchesCalendar(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(t, err)
	for _, week := range []string{"Mon-Fri 09:00-17:00", "Mon-Sun 00:00-24:00", "Mon-Fri 22:00-06:00; Sat 10:00-14:00"} {
		cal, err := calendar.New(ams, calendar.MustParseWeek(week), calendar.WithExceptions(
			calendar.ClosedOn("Easter Monday", date.New(2026, 4, 6))))
		require.NoError(t, err)
		from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, ams), time.Date(2026, 12, 1, 0, 0, 0, 0, ams)
		c := newBusinessClock(cal, from, to)
		rng := rand.New(rand.NewPCG(1, 1))
		for i := 0; i < 20000; i++ {
			a := from.Add(time.Duration(rng.Int64N(int64(to.Sub(from)))) - 10*24*time.Hour)
			b := a.Add(time.Duration(rng.Int64N(int64(60 * 24 * time.Hour))))
			require.Equal(t, int64(cal.Between(a, b)), c.between(a, b), "%s: [%s, %s)", week, a, b)
		}
		require.Equal(t, int64(cal.Between(from, to)), c.between(from, to))
	}
}
