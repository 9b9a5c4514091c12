package sla

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var ams = mustZone("Europe/Amsterdam")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func cal(t testing.TB, week string) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(ams, calendar.MustParseWeek(week))
	require.NoError(t, err)
	return c
}

// Monday 23 November 2026 in Amsterdam.
func mon(hh, mm int) time.Time { return time.Date(2026, 11, 23, hh, mm, 0, 0, ams) }

func ev(at time.Time, a ClockAction) ClockEvent { return ClockEvent{At: at, Action: a} }

func TestStopAtDeadlineIsMetOneNanosecondLaterBreached(t *testing.T) {
	office := cal(t, "Mon-Fri 09:00-17:00")
	goal := Goal{Duration: 4 * time.Hour, Calendar: office, Thresholds: []float64{0.5, 0.75}}
	c, err := NewClock(goal, ev(mon(9, 0), Start))
	require.NoError(t, err)
	st := c.Status(mon(12, 0))
	assert.Equal(t, Running, st.State)
	assert.Equal(t, 3*time.Hour, st.Accrued)
	assert.Equal(t, time.Hour, st.Remaining)
	assert.Equal(t, 0.75, st.Used)
	assert.True(t, st.Deadline.Equal(mon(13, 0)))
	require.Len(t, st.Crossed, 2)
	assert.True(t, st.Crossed[0].At.Equal(mon(11, 0)))
	assert.True(t, st.Crossed[1].At.Equal(mon(12, 0)), "crossed when accrued >= p x goal")

	met, err := c.Apply(ev(mon(13, 0), Stop))
	require.NoError(t, err)
	st = met.Status(mon(18, 0))
	assert.Equal(t, Met, st.State)
	assert.True(t, st.Stopped)
	assert.True(t, st.BreachedAt.IsZero())

	late, err := c.Apply(ev(mon(13, 0).Add(1), Stop))
	require.NoError(t, err)
	st = late.Status(mon(18, 0))
	assert.Equal(t, Breached, st.State)
	assert.True(t, st.BreachedAt.Equal(mon(13, 0)))
	assert.Equal(t, 4*time.Hour+1, st.Accrued)

	// A running clock is breached at the deadline instant itself.
	st = c.Status(mon(13, 0))
	assert.Equal(t, Breached, st.State)
	assert.False(t, st.Stopped)
	assert.True(t, st.Deadline.Equal(mon(13, 0)))
	assert.Equal(t, Running, c.Status(mon(13, 0).Add(-1)).State)
}

// DESIGN.md: met when the clock stops with accrued time <= target. A
// deadline at closing time has been reached while the clock runs on through
// the closed evening, but a stop then has accrued exactly the goal.
func TestStopAfterClosingTimeDeadlineIsMet(t *testing.T) {
	office := cal(t, "Mon-Fri 09:00-17:00")
	c, err := NewClock(Goal{Duration: 8 * time.Hour, Calendar: office}, ev(mon(9, 0), Start), ev(mon(18, 0), Stop))
	require.NoError(t, err)
	running := c.Status(mon(17, 30))
	assert.Equal(t, Breached, running.State, "a running clock that reached its goal is breached")
	assert.True(t, running.BreachedAt.Equal(mon(17, 0)))
	st := c.Status(mon(19, 0))
	assert.Equal(t, 8*time.Hour, st.Accrued, "the calendar closed at the deadline")
	assert.Equal(t, Met, st.State, "stopped with accrued time equal to the goal")
	assert.True(t, st.BreachedAt.IsZero())
}

func TestPausesAndResumes(t *testing.T) {
	office := cal(t, "Mon-Fri 09:00-17:00")
	goal := Goal{Duration: 8 * time.Hour, Calendar: office, Thresholds: []float64{0.5}}
	c, err := NewClock(goal,
		ev(mon(9, 0), Start),
		ClockEvent{At: mon(11, 0), Action: Pause, Reason: "awaiting_caller"},
		ev(mon(20, 0), Resume), // resumes while closed
		ClockEvent{At: mon(20, 0).Add(12 * time.Hour), Action: Pause}, // Tue 08:00: paused outside hours
		ev(mon(9, 30).Add(24*time.Hour), Resume),                      // Tue 09:30
	)
	require.NoError(t, err)
	now := mon(12, 0).Add(24 * time.Hour) // Tue 12:00
	st := c.Status(now)
	assert.Equal(t, Running, st.State)
	assert.Equal(t, 2*time.Hour+150*time.Minute, st.Accrued) // Mon 09-11, Tue 09:30-12:00
	// Deadline: 3.5h remain from Tue 12:00 -> Tue 15:30.
	assert.True(t, st.Deadline.Equal(mon(15, 30).Add(24*time.Hour)), "%v", st.Deadline)
	assert.True(t, st.Crossed[0].At.Equal(mon(11, 30).Add(24*time.Hour)))

	paused, err := c.Apply(ev(now, Pause))
	require.NoError(t, err)
	st = paused.Status(now.Add(72 * time.Hour))
	assert.Equal(t, Paused, st.State)
	assert.True(t, st.Deadline.IsZero(), "no deadline while paused")
	assert.Equal(t, 4*time.Hour+30*time.Minute, st.Accrued)
	_, ok := paused.NextChange(now)
	assert.False(t, ok)

	// Redundant events change nothing.
	again, err := paused.Apply(ev(now.Add(time.Hour), Pause))
	require.NoError(t, err)
	assert.Equal(t, st, again.Status(now.Add(72*time.Hour)))
}

func TestNextChange(t *testing.T) {
	office := cal(t, "Mon-Fri 09:00-17:00")
	c, err := NewClock(Goal{Duration: 4 * time.Hour, Calendar: office, Thresholds: []float64{0.75, 0.5}}, ev(mon(15, 0), Start))
	require.NoError(t, err)
	next, ok := c.NextChange(mon(15, 0))
	require.True(t, ok)
	assert.True(t, next.Equal(mon(17, 0)), "50%% at closing time: %v", next)
	next, ok = c.NextChange(next)
	require.True(t, ok)
	assert.True(t, next.Equal(mon(10, 0).Add(24*time.Hour)), "75%%: Tue 10:00, got %v", next)
	next, ok = c.NextChange(next)
	require.True(t, ok)
	assert.True(t, next.Equal(mon(11, 0).Add(24*time.Hour)), "breach")
	_, ok = c.NextChange(next)
	assert.False(t, ok, "nothing left to happen by itself")
	// Before a later event, that event is the next change.
	d, _ := c.Apply(ev(mon(16, 0), Pause))
	next, ok = d.NextChange(mon(15, 30))
	require.True(t, ok)
	assert.True(t, next.Equal(mon(16, 0)))
}

func TestCyclesResetAndCancel(t *testing.T) {
	office := cal(t, "Mon-Fri 09:00-17:00")
	c, err := NewClock(Goal{Duration: time.Hour, Calendar: office},
		ev(mon(9, 0), Start),
		ev(mon(9, 30), Reset), // cycle 1 met, cycle 2 starts
		ev(mon(11, 0), Reset), // cycle 2 breached at 10:30, cycle 3 starts
		ClockEvent{At: mon(11, 15), Action: Cancel, Reason: "duplicate"},
	)
	require.NoError(t, err)
	cycles := c.Cycles(mon(12, 0))
	require.Len(t, cycles, 3)
	assert.Equal(t, Met, cycles[0].State)
	assert.Equal(t, 30*time.Minute, cycles[0].Accrued)
	assert.Equal(t, Breached, cycles[1].State)
	assert.True(t, cycles[1].BreachedAt.Equal(mon(10, 30)))
	assert.Equal(t, Cancelled, cycles[2].State)
	assert.Equal(t, 3, c.Status(mon(12, 0)).Cycle)
	// Start after a stop continues the same cycle ("reopen continues").
	c, err = NewClock(Goal{Duration: time.Hour, Calendar: office}, ev(mon(9, 0), Start), ev(mon(9, 30), Stop), ev(mon(10, 0), Start))
	require.NoError(t, err)
	st := c.Status(mon(10, 15))
	assert.Equal(t, 1, st.Cycle)
	assert.Equal(t, 45*time.Minute, st.Accrued)
	assert.Equal(t, Running, st.State)
}

func TestRetarget(t *testing.T) {
	office := cal(t, "Mon-Fri 09:00-17:00")
	always := cal(t, "Mon-Sun 00:00-24:00")
	base := []ClockEvent{ev(mon(9, 0), Start)}
	// Non-retroactive: keeps the 3h accrued on the office calendar, then
	// accrues round the clock against the new goal.
	c, err := NewClock(Goal{Duration: 8 * time.Hour, Calendar: office}, append(base,
		ClockEvent{At: mon(12, 0), Action: Retarget, Goal: &Goal{Duration: 4 * time.Hour, Calendar: always}})...)
	require.NoError(t, err)
	st := c.Status(mon(20, 0))
	assert.Equal(t, 11*time.Hour, st.Accrued)
	assert.True(t, st.BreachedAt.Equal(mon(13, 0)))
	// A new goal already exceeded is breached at the retarget instant.
	c, err = NewClock(Goal{Duration: 8 * time.Hour, Calendar: office}, append(base,
		ClockEvent{At: mon(12, 0), Action: Retarget, Goal: &Goal{Duration: 2 * time.Hour, Calendar: office}})...)
	require.NoError(t, err)
	assert.True(t, c.Status(mon(12, 30)).BreachedAt.Equal(mon(12, 0)))
	// Retroactive: as if the new goal had applied from the start.
	c, err = NewClock(Goal{Duration: 8 * time.Hour, Calendar: office}, append(base,
		ClockEvent{At: mon(12, 0), Action: Retarget, Retroactive: true, Goal: &Goal{Duration: 2 * time.Hour, Calendar: office}})...)
	require.NoError(t, err)
	assert.True(t, c.Status(mon(12, 30)).BreachedAt.Equal(mon(11, 0)))
	assert.Equal(t, 2*time.Hour, c.Goal().Duration)
}

func TestStatusAsOfEarlierInstant(t *testing.T) {
	office := cal(t, "Mon-Fri 09:00-17:00")
	c, err := NewClock(Goal{Duration: 4 * time.Hour, Calendar: office}, ev(mon(9, 0), Start), ev(mon(10, 0), Pause), ev(mon(16, 0), Stop))
	require.NoError(t, err)
	assert.Equal(t, Running, c.Status(mon(9, 30)).State)
	assert.Equal(t, 30*time.Minute, c.Status(mon(9, 30)).Accrued)
	assert.Equal(t, Paused, c.Status(mon(12, 0)).State)
	assert.Equal(t, Met, c.Status(mon(16, 0)).State)
	assert.Equal(t, Pending, c.Status(mon(8, 0)).State)
}

func TestClockValidation(t *testing.T) {
	office := cal(t, "Mon-Fri 09:00-17:00")
	_, err := NewClock(Goal{Duration: 0, Calendar: office})
	assert.ErrorIs(t, err, ErrInvalidClock)
	_, err = NewClock(Goal{Duration: time.Hour})
	var fe *FieldError
	assert.ErrorAs(t, err, &fe)
	_, err = NewClock(Goal{Duration: time.Hour, Calendar: office, Thresholds: []float64{1.5}})
	assert.ErrorAs(t, err, &fe)
	_, err = NewClock(Goal{Duration: time.Hour, Calendar: office}, ev(mon(10, 0), Start), ev(mon(9, 0), Stop))
	var ee *EventError
	require.ErrorAs(t, err, &ee)
	assert.Equal(t, 1, ee.Index)
	assert.True(t, errors.Is(err, ErrOutOfOrder))
	_, err = NewClock(Goal{Duration: time.Hour, Calendar: office}, ClockEvent{At: mon(9, 0), Action: 42})
	assert.ErrorAs(t, err, &ee)
}

func TestTimelineExplainsTheBreach(t *testing.T) {
	office := cal(t, "Mon-Fri 09:00-17:00")
	c, err := NewClock(Goal{Duration: 4 * time.Hour, Calendar: office, Thresholds: []float64{0.5}},
		ev(mon(9, 0), Start),
		ClockEvent{At: mon(10, 0), Action: Pause, Reason: "awaiting_caller"},
		ev(mon(11, 0), Resume),
		ev(mon(16, 0), Stop))
	require.NoError(t, err)
	var lines []string
	for _, s := range c.Timeline(mon(18, 0)) {
		lines = append(lines, s.At.Format("15:04")+" "+s.What+" "+s.Accrued.String())
	}
	assert.Equal(t, []string{
		"09:00 start 0s", "10:00 pause 1h0m0s", "11:00 resume 1h0m0s", "12:00 threshold 2h0m0s",
		"14:00 breach 4h0m0s", "16:00 stop 6h0m0s",
	}, lines)
}

func TestClockJSONRoundTrip(t *testing.T) {
	office := cal(t, "Mon-Fri 09:00-17:00")
	c, err := NewClock(Goal{Duration: 4 * time.Hour, Calendar: office, Thresholds: []float64{0.5}},
		ev(mon(9, 0), Start), ClockEvent{At: mon(10, 0), Action: Pause, Reason: "awaiting_vendor"},
		ClockEvent{At: mon(11, 0), Action: Retarget, Goal: &Goal{Duration: 2 * time.Hour, Calendar: office}},
		ev(mon(11, 0), Resume))
	require.NoError(t, err)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"duration":"4h0m0s"`)
	var back Clock
	require.NoError(t, json.Unmarshal(b, &back))
	st := c.Status(mon(15, 0))
	sb, err := json.Marshal(st)
	require.NoError(t, err)
	sb2, err := json.Marshal(back.Status(mon(15, 0)))
	require.NoError(t, err)
	assert.JSONEq(t, string(sb), string(sb2), "instants keep their offset, not their zone")
	var st2 Status
	require.NoError(t, json.Unmarshal(sb, &st2))
	sb3, err := json.Marshal(st2)
	require.NoError(t, err)
	assert.JSONEq(t, string(sb), string(sb3))
	assert.Contains(t, string(sb), `"state":"breached"`)
	// ISO 8601 goals are accepted.
	var g Goal
	require.NoError(t, json.Unmarshal([]byte(`{"duration":"PT4H30M","calendar":{"location":"UTC","week":"Mon-Sun 00:00-24:00"}}`), &g))
	assert.Equal(t, 4*time.Hour+30*time.Minute, g.Duration)
}

// TestPropertyFold checks two invariants on random event sequences: accrued
// time equals the calendar's Between summed over the running intervals, and
// folding the events in one call equals applying them one by one.
func TestPropertyFold(t *testing.T) {
	office := cal(t, "Mon-Fri 08:30-12:00,13:00-17:30")
	r := rand.New(rand.NewPCG(7, 11))
	for range 300 {
		at := mon(0, 0).Add(time.Duration(r.IntN(48*60)) * time.Minute)
		var events []ClockEvent
		for range 1 + r.IntN(25) {
			at = at.Add(time.Duration(r.IntN(10*60)) * time.Minute)
			events = append(events, ev(at, []ClockAction{Start, Pause, Resume, Stop, Pause, Resume}[r.IntN(6)]))
		}
		goal := Goal{Duration: time.Duration(1+r.IntN(20)) * time.Hour, Calendar: office, Thresholds: []float64{0.5, 0.9}}
		whole, err := NewClock(goal, events...)
		require.NoError(t, err)
		step, err := NewClock(goal)
		require.NoError(t, err)
		for _, e := range events {
			step, err = step.Apply(e)
			require.NoError(t, err)
		}
		now := at.Add(time.Duration(r.IntN(100)) * time.Hour)
		require.Equal(t, whole.Status(now), step.Status(now))

		// Reference accrual: walk the events by hand. Start begins, resumes
		// or continues; Resume only resumes a pause; Pause and Stop end a
		// running stretch.
		var want time.Duration
		running, paused := false, false
		var since time.Time
		for _, e := range events {
			switch {
			case e.Action == Start && !running, e.Action == Resume && paused:
				running, paused, since = true, false, e.At
			case (e.Action == Pause || e.Action == Stop) && running:
				want += office.Between(since, e.At)
				running, paused = false, e.Action == Pause
			case e.Action == Stop:
				paused = false
			}
		}
		if running {
			want += office.Between(since, now)
		}
		require.Equal(t, want, whole.Status(now).Accrued, "%v", events)
	}
}

func TestReachesAt(t *testing.T) {
	office := cal(t, "Mon-Fri 09:00-17:00")
	c, err := NewClock(Goal{Duration: 4 * time.Hour, Calendar: office}, ev(mon(15, 0), Start))
	require.NoError(t, err)
	at, ok := c.ReachesAt(0.75)
	require.True(t, ok)
	assert.True(t, at.Equal(mon(10, 0).Add(24*time.Hour)))
	stopped, _ := c.Apply(ev(mon(16, 0), Stop))
	_, ok = stopped.ReachesAt(0.75)
	assert.False(t, ok)
	at, ok = stopped.ReachesAt(0.25)
	assert.True(t, ok)
	assert.True(t, at.Equal(mon(16, 0)))
	_, ok = Clock{}.ReachesAt(0.5)
	assert.False(t, ok)
}

// TestClockOnHolidaysAndDST runs a clock across a public holiday and the
// night clocks go back: accrued time is the calendar's business time, and
// the deadline moves past both.
func TestClockOnHolidaysAndDST(t *testing.T) {
	nl, err := calendar.NewHolidays(calendar.Rule{Name: "Koningsdag", On: calendar.MonthDay, Month: 4, Day: 27})
	require.NoError(t, err)
	office, err := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(nl))
	require.NoError(t, err)
	always, err := calendar.New(ams, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
	require.NoError(t, err)

	// Friday 24 April 2026 16:00; Monday the 27th is King's Day.
	start := time.Date(2026, 4, 24, 16, 0, 0, 0, ams)
	c, err := NewClock(Goal{Duration: 4 * time.Hour, Calendar: office}, ev(start, Start))
	require.NoError(t, err)
	st := c.Status(time.Date(2026, 4, 28, 10, 0, 0, 0, ams))
	assert.Equal(t, 2*time.Hour, st.Accrued, "Friday 16-17 and Tuesday 09-10; the holiday counts nothing")
	assert.True(t, st.Deadline.Equal(time.Date(2026, 4, 28, 12, 0, 0, 0, ams)), "%v", st.Deadline)

	// Round the clock over the night of 25 October 2026 (03:00 CEST to
	// 02:00 CET): the wall clock shows 5 hours, 6 have passed.
	night := time.Date(2026, 10, 25, 0, 0, 0, 0, ams)
	c, err = NewClock(Goal{Duration: 6 * time.Hour, Calendar: always}, ev(night, Start))
	require.NoError(t, err)
	st = c.Status(time.Date(2026, 10, 25, 5, 0, 0, 0, ams))
	assert.Equal(t, 6*time.Hour, st.Accrued)
	assert.Equal(t, Breached, st.State, "breached at the instant accrued time reaches the goal")
	assert.True(t, st.BreachedAt.Equal(time.Date(2026, 10, 25, 5, 0, 0, 0, ams)))
}
