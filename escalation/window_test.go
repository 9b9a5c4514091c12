package escalation_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dutchOffice is open Mon-Fri 09:00-17:00 in Amsterdam and closed on Good
// Friday (3 April 2026) and Easter Monday (6 April 2026).
func dutchOffice(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"),
		calendar.WithExceptions(calendar.ClosedOn("Easter", date.New(2026, 4, 3), date.New(2026, 4, 6))))
	require.NoError(t, err)
	return c
}

// A step whose window is shut at its due time waits for the window to open
// (Grafana OnCall #1206): the opening is the next wake-up, and the task is
// due then, with Deferred holding the instant it was first due.
func TestStepWaitsForWindow(t *testing.T) {
	loc := func(mo time.Month, d, hh, mm int) time.Time { return time.Date(2026, mo, d, hh, mm, 0, 0, ams) }
	tests := []struct {
		name     string
		opened   time.Time
		when     escalation.Condition
		outside  escalation.OutsideWindow
		deferred time.Time // the due time before waiting; zero: not deferred
		at       time.Time // when it is due; zero: never
	}{
		{"open: due at once", loc(3, 4, 10, 0), escalation.Condition{Open: "office"}, "", time.Time{}, loc(3, 4, 10, 30)},
		{"evening: waits for 09:00 the next morning", loc(3, 4, 16, 50), escalation.Condition{Open: "office"}, "", loc(3, 4, 17, 20), loc(3, 5, 9, 0)},
		{"explicit wait", loc(3, 4, 16, 50), escalation.Condition{Open: "office"}, escalation.WaitForWindow, loc(3, 4, 17, 20), loc(3, 5, 9, 0)},
		{"exactly at closing time: closed, waits", loc(3, 4, 16, 30), escalation.Condition{Open: "office"}, "", loc(3, 4, 17, 0), loc(3, 5, 9, 0)},
		{"Friday evening over the change to summer time: Monday 09:00 CEST", loc(3, 27, 18, 0), escalation.Condition{Open: "office"}, "", loc(3, 27, 18, 30), loc(3, 30, 9, 0)},
		{"before Easter: Good Friday and Easter Monday are holidays", loc(4, 2, 17, 30), escalation.Condition{Open: "office"}, "", loc(4, 2, 18, 0), loc(4, 7, 9, 0)},
		{"closed window: waits for the office to close", loc(3, 2, 10, 0), escalation.Condition{Closed: "office"}, "", loc(3, 2, 10, 30), loc(3, 2, 17, 0)},
		{"closed window on a holiday: due at once", loc(4, 3, 10, 0), escalation.Condition{Closed: "office"}, "", time.Time{}, loc(4, 3, 10, 30)},
		{"skip: dropped", loc(3, 4, 16, 50), escalation.Condition{Open: "office"}, escalation.SkipOutsideWindow, time.Time{}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := onePolicy(escalation.Trigger{On: escalation.OnOpened, After: 30 * time.Minute}, func(p *escalation.Policy) {
				p.Steps[0].When, p.Steps[0].OutsideWindow = tt.when, tt.outside
			})
			s, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithCalendars(map[string]*calendar.Calendar{"office": dutchOffice(t)}))
			require.NoError(t, err)
			events := opened(tt.opened, 2, 2, "network")

			// Just after the first due time: nothing yet if it waits, and
			// the wake-up is the opening.
			ev := evaluate(t, s, events, nil, tt.opened.Add(30*time.Minute+time.Second))
			if tt.at.IsZero() {
				assert.Empty(t, ev.Due)
				assert.True(t, ev.Next.IsZero(), "no wake-up for a skipped step: %s", ev.Next)
				return
			}
			if !tt.deferred.IsZero() {
				assert.Empty(t, ev.Due)
				assert.Equal(t, tt.at.UTC(), ev.Next.UTC())
			}
			// At the opening, and for a host that calls late.
			for _, late := range []time.Duration{0, 3 * time.Hour} {
				ev = evaluate(t, s, events, nil, tt.at.Add(late))
				require.Len(t, ev.Due, 1, "at %s", tt.at.Add(late))
				assert.Equal(t, tt.at.UTC(), ev.Due[0].At.UTC())
				assert.Equal(t, tt.deferred.UTC(), ev.Due[0].Deferred.UTC())
			}
		})
	}
}

// Repeat rounds that fall while the window is shut all wait for the same
// opening: they are one task then, not a burst of them.
func TestWaitingRoundsCollapse(t *testing.T) {
	steps := chain(escalation.OnOpened, 0)
	steps[0].When.Open = "office"
	p := escalation.Policy{Name: "p", Steps: steps, Repeat: escalation.Repeat{Times: 3, Interval: 20 * time.Minute}}
	s := newSet(t, p)
	friday := time.Date(2026, 3, 6, 16, 30, 0, 0, ams)
	monday := time.Date(2026, 3, 9, 9, 0, 0, 0, ams)
	ev := evaluate(t, s, opened(friday, 2, 2, "network"), nil, monday.Add(time.Hour))
	var got []brief
	for _, d := range ev.Due {
		got = append(got, brief{d.At.UTC(), d.Key.Step, d.Key.Round, d.Key.Occurrence, d.Task, d.Key.Target})
	}
	target := "on_call:ops/primary"
	assert.Equal(t, []brief{
		{friday.UTC(), "s1", 0, 1, escalation.Notify, target},                       // 16:30
		{friday.Add(20 * time.Minute).UTC(), "s1", 1, 1, escalation.Notify, target}, // 16:50
		{monday.UTC(), "s1", 2, 1, escalation.Notify, target},                       // 17:10 waits for Monday; 17:30 with it
	}, got)
}

func TestOutsideWindowValidation(t *testing.T) {
	for _, tt := range []struct {
		name string
		mod  func(*escalation.Step)
		want string
	}{
		{"unknown word", func(s *escalation.Step) { s.When.Open = "office"; s.OutsideWindow = "later" }, `steps[0].outside_window "later"`},
		{"no window", func(s *escalation.Step) { s.OutsideWindow = escalation.SkipOutsideWindow }, `steps[0].outside_window "skip"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := onePolicy(escalation.Trigger{On: escalation.OnOpened}, func(p *escalation.Policy) { tt.mod(&p.Steps[0]) })
			_, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithCalendars(map[string]*calendar.Calendar{"office": office(t)}))
			require.ErrorIs(t, err, escalation.ErrInvalidPolicy)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
