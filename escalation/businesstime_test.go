package escalation_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A delay in business time counts only the open time of a named calendar
// (Amsterdam office hours, closed on Good Friday and Easter Monday), across
// nights, weekends, the change to summer time and holidays; without a
// calendar it is elapsed time.
func TestBusinessTimeDelay(t *testing.T) {
	loc := func(mo time.Month, d, hh, mm int) time.Time { return time.Date(2026, mo, d, hh, mm, 0, 0, ams) }
	tests := []struct {
		name     string
		business string
		opened   time.Time
		due      time.Time
	}{
		{"elapsed time", "", loc(3, 4, 15, 0), loc(3, 4, 19, 0)},
		{"two hours today, two tomorrow", "office", loc(3, 4, 15, 0), loc(3, 5, 11, 0)},
		{"opened at night: counts from 09:00", "office", loc(3, 4, 22, 0), loc(3, 5, 13, 0)},
		{"ends exactly at closing time", "office", loc(3, 5, 13, 0), loc(3, 5, 17, 0)},
		{"Saturday: Monday 13:00", "office", loc(3, 7, 10, 0), loc(3, 9, 13, 0)},
		{"Friday CET to Monday CEST", "office", loc(3, 27, 15, 0), loc(3, 30, 11, 0)},
		{"over Easter: Tuesday", "office", loc(4, 2, 16, 0), loc(4, 7, 12, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := onePolicy(escalation.Trigger{On: escalation.OnOpened, After: 4 * time.Hour}, func(p *escalation.Policy) { p.Steps[0].BusinessTime = tt.business })
			s, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithCalendars(map[string]*calendar.Calendar{"office": dutchOffice(t)}))
			require.NoError(t, err)
			events := opened(tt.opened, 2, 2, "network")
			ev := evaluate(t, s, events, nil, tt.opened)
			assert.Empty(t, ev.Due)
			assert.Equal(t, tt.due.UTC(), ev.Next.UTC(), "the wake-up")
			assert.Empty(t, evaluate(t, s, events, nil, tt.due.Add(-time.Second)).Due)
			ev = evaluate(t, s, events, nil, tt.due.Add(time.Hour))
			require.Len(t, ev.Due, 1)
			assert.Equal(t, tt.due.UTC(), ev.Due[0].At.UTC())
		})
	}
	_, err := escalation.NewSet([]escalation.Policy{onePolicy(escalation.Trigger{On: escalation.OnOpened, After: time.Hour}, func(p *escalation.Policy) { p.Steps[0].BusinessTime = "nope" })})
	require.ErrorIs(t, err, escalation.ErrInvalidPolicy)
	assert.Contains(t, err.Error(), `steps[0].business_time "nope"`)
}
