package report

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// weekHour agrees with time.Time's own weekday and hour across DST
// changes and before 1970.
func TestWeekHourMatchesTime(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(t, err)
	a := &Accumulator{spec: Spec{Location: ams}}
	for _, start := range []time.Time{time.Date(2026, 3, 27, 0, 0, 0, 0, ams), time.Date(2026, 10, 23, 0, 0, 0, 0, ams),
		time.Date(1969, 12, 28, 0, 0, 0, 0, ams)} {
		for m := 0; m < 7*24*60; m += 7 {
			tt := start.Add(time.Duration(m) * time.Minute)
			day, hour := a.weekHour(tt)
			local := tt.In(ams)
			assert.Equal(t, (int(local.Weekday())+6)%7, day, "%v", local)
			assert.Equal(t, local.Hour(), hour, "%v", local)
		}
	}
}
