package escalation_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// daytime is an on-call schedule "day" with nobody on call outside Mon-Fri
// 08:00-18:00 Amsterdam: ana and ben take daily turns from Monday 2 March
// 2026 08:00 (ana Mon, ben Tue, ana Wed, ben Thu, ...).
func daytime(t testing.TB, opts ...escalation.ScheduleOption) *escalation.Schedule {
	t.Helper()
	s, err := escalation.NewSchedule("day", []escalation.Layer{
		restricted(layer("office hours", ams, "2026-03-02", "08:00", day, "ana", "ben"), "Mon-Fri 08:00-18:00"),
	}, opts...)
	require.NoError(t, err)
	return s
}

// An incident that arrives in an on-call gap wakes up at the end of the gap
// and is sent then, with the gap reported (Grafana OnCall #4846: "users
// need to be notified when they come back"), or goes at once to the step's
// fallback targets.
func TestOnCallGap(t *testing.T) {
	loc := func(d, hh, mm int) time.Time { return time.Date(2026, 3, d, hh, mm, 0, 0, ams) }
	tests := []struct {
		name     string
		opened   time.Time
		fallback bool
		wake     time.Time // the wake-up just after opening; zero: due at once
		at       time.Time // when the host calls to send it
		who      string
		gap      *escalation.Gap
	}{
		{"on call: at once", loc(4, 10, 0), false, time.Time{}, loc(4, 10, 0), "ana", nil},
		{"evening: waits for 08:00", loc(4, 20, 0), false, loc(5, 8, 0), loc(5, 8, 0), "ben",
			&escalation.Gap{Start: loc(4, 20, 0), End: loc(5, 8, 0)}},
		{"evening, late host", loc(4, 20, 0), false, loc(5, 8, 0), loc(5, 11, 0), "ben",
			&escalation.Gap{Start: loc(4, 20, 0), End: loc(5, 8, 0)}},
		{"one minute before the start of the day", loc(5, 7, 59), false, loc(5, 8, 0), loc(5, 8, 0), "ben",
			&escalation.Gap{Start: loc(5, 7, 59), End: loc(5, 8, 0)}},
		{"exactly at the end of the day: a gap", loc(5, 18, 0), false, loc(6, 8, 0), loc(6, 8, 0), "ana",
			&escalation.Gap{Start: loc(5, 18, 0), End: loc(6, 8, 0)}},
		{"weekend over the change to summer time: Monday 08:00 CEST", loc(28, 12, 0), false, loc(30, 8, 0), loc(30, 8, 0), "ana",
			&escalation.Gap{Start: loc(28, 12, 0), End: loc(30, 8, 0)}},
		{"fallback: at once to the duty manager", loc(4, 20, 0), true, time.Time{}, loc(4, 20, 0), "dora",
			&escalation.Gap{Start: loc(4, 20, 0), End: loc(5, 8, 0)}},
		{"fallback unused while someone is on call", loc(4, 10, 0), true, time.Time{}, loc(4, 10, 0), "ana", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := escalation.Policy{Name: "p", Steps: []escalation.Step{{Name: "page", Trigger: escalation.Trigger{On: escalation.OnOpened},
				Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "day"}}}}}
			if tt.fallback {
				p.Steps[0].Fallback = []escalation.Target{{Kind: escalation.TargetRole, Role: "duty_manager"}}
			}
			s, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithSchedules(daytime(t)), escalation.WithDirectory(testDirectory))
			require.NoError(t, err)
			events := opened(tt.opened, 2, 2, "network")
			if !tt.wake.IsZero() {
				ev := evaluate(t, s, events, nil, tt.opened)
				assert.Empty(t, ev.Due)
				assert.Equal(t, tt.wake.UTC(), ev.Next.UTC())
				ev = evaluate(t, s, events, nil, tt.wake.Add(-time.Second))
				assert.Empty(t, ev.Due, "still in the gap")
			}
			ev := evaluate(t, s, events, nil, tt.at)
			require.Len(t, ev.Due, 1)
			d := ev.Due[0]
			assert.Equal(t, tt.opened.UTC(), d.At.UTC(), "due when it was due")
			assert.Equal(t, []escalation.Recipient{{Kind: escalation.RecipientPerson, ID: tt.who}}, d.Recipients)
			assert.Equal(t, tt.fallback && tt.gap != nil, d.Fallback)
			if tt.gap == nil {
				assert.Nil(t, d.Gap)
				return
			}
			require.NotNil(t, d.Gap)
			assert.Equal(t, tt.gap.Start.UTC(), d.Gap.Start.UTC())
			assert.Equal(t, tt.gap.End.UTC(), d.Gap.End.UTC())
		})
	}
}

func TestFallbackValidation(t *testing.T) {
	p := onePolicy(escalation.Trigger{On: escalation.OnOpened}, func(p *escalation.Policy) {
		p.Steps[0].Fallback = []escalation.Target{{Kind: escalation.TargetPerson, Person: "dora"}}
	})
	_, err := escalation.NewSet([]escalation.Policy{p})
	require.ErrorIs(t, err, escalation.ErrInvalidPolicy)
	assert.Contains(t, err.Error(), "steps[0].fallback")

	p = onePolicy(escalation.Trigger{On: escalation.OnOpened}, func(p *escalation.Policy) {
		p.Steps[0].Targets = []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "ops"}}
		p.Steps[0].Fallback = []escalation.Target{{Kind: escalation.TargetPerson}}
	})
	_, err = escalation.NewSet([]escalation.Policy{p}, escalation.WithSchedules(rotation(t)))
	require.ErrorIs(t, err, escalation.ErrInvalidPolicy)
	assert.Contains(t, err.Error(), "steps[0].fallback[0].person")
}

// Repeat rounds that fall in one gap are one task at its end, not a burst;
// the rounds after it are sent as usual.
func TestOnCallGapMergesRounds(t *testing.T) {
	loc := func(d, hh, mm int) time.Time { return time.Date(2026, 3, d, hh, mm, 0, 0, ams) }
	p := escalation.Policy{Name: "p", Steps: []escalation.Step{{Name: "page", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged},
		Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "day"}}}},
		Repeat: escalation.Repeat{Times: 6, Interval: 3 * time.Hour}}
	s, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithSchedules(daytime(t)))
	require.NoError(t, err)
	events := opened(loc(4, 21, 0), 2, 2, "network")
	ev := evaluate(t, s, events, nil, loc(5, 7, 0))
	assert.Empty(t, ev.Due)
	assert.Equal(t, loc(5, 8, 0).UTC(), ev.Next.UTC())
	// Rounds due 21:00, 00:00, 03:00, 06:00 in the gap: one page at 08:00,
	// round 0's; then 09:00 and 12:00 as usual.
	ev = evaluate(t, s, events, nil, loc(5, 12, 0))
	var got []string
	for _, d := range ev.Due {
		got = append(got, d.At.In(ams).Format("Mon 15:04")+" "+d.Recipients[0].ID)
	}
	assert.Equal(t, []string{"Wed 21:00 ben", "Thu 09:00 ben", "Thu 12:00 ben"}, got)
	require.NotNil(t, ev.Due[0].Gap)
	assert.Equal(t, loc(5, 8, 0).UTC(), ev.Due[0].Gap.End.UTC())
}

// A reassign to whoever is on call waits out a gap: the end of the gap is
// the wake-up, and the reassign is due then, to whoever came on call.
func TestReassignWaitsOutGap(t *testing.T) {
	loc := func(d, hh, mm int) time.Time { return time.Date(2026, 3, d, hh, mm, 0, 0, ams) }
	p := escalation.Policy{Name: "p", Steps: []escalation.Step{{Name: "take", Trigger: escalation.Trigger{On: escalation.OnOpened},
		Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "day"}}, Tasks: []escalation.Task{escalation.Reassign}}}}
	s, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithSchedules(daytime(t)))
	require.NoError(t, err)
	events := opened(loc(6, 19, 0), 2, 2, "network") // Friday evening
	ev := evaluate(t, s, events, nil, loc(6, 19, 0))
	assert.Empty(t, ev.Due)
	assert.Equal(t, loc(9, 8, 0).UTC(), ev.Next.UTC(), "Monday 08:00")
	ev = evaluate(t, s, events, nil, loc(9, 8, 0))
	require.Len(t, ev.Due, 1)
	assert.Equal(t, []escalation.Recipient{{Kind: escalation.RecipientPerson, ID: "ben"}}, ev.Due[0].Recipients)
}
