package sla

import (
	"errors"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Follow-the-sun calendars: Singapore (no DST) and New York, which springs
// forward on Sunday 8 March 2026 and is closed on Monday 9 March.
func followTheSun(t testing.TB) (apac, amer *calendar.Calendar) {
	t.Helper()
	apac, err := calendar.New(mustZone("Asia/Singapore"), calendar.MustParseWeek("Mon-Fri 09:00-18:00"))
	require.NoError(t, err)
	amer, err = calendar.New(mustZone("America/New_York"), calendar.MustParseWeek("Mon-Fri 09:00-17:00"),
		calendar.WithExceptions(calendar.ClosedOn("Company day", date.New(2026, 3, 9))))
	require.NoError(t, err)
	return apac, amer
}

func march(day, hh, mm int) time.Time { return time.Date(2026, 3, day, hh, mm, 0, 0, time.UTC) }

func groupPolicy(cal string) Policy {
	return Policy{Name: "follow", Calendar: cal, Thresholds: []float64{0.5},
		Targets: []Target{{Metric: Resolve, Goal: 24 * time.Hour}}}
}

// groupHistory: opened with APAC at 09:00 Singapore time on Friday 6 March
// 2026, reassigned to AMER at 18:00 Singapore time (05:00 in New York), as
// APAC closes.
func groupHistory() history {
	h := history{}.add(incident.Event{At: march(6, 1, 0), Type: incident.EventOpen, ID: "INC7", Customer: "acme",
		Impact: 3, Urgency: 3, Group: "apac"})
	return h.assign(march(6, 10, 0), "amer", "")
}

func TestCalendarFollowsTheGroup(t *testing.T) {
	apac, amer := followTheSun(t)
	s, err := NewSet([]Policy{groupPolicy(GroupCalendar)},
		WithGroupCalendars(map[string]*calendar.Calendar{"apac": apac, "amer": amer}))
	require.NoError(t, err)
	h := groupHistory()
	// APAC accrues 9 h on Friday (01:00-10:00 UTC), AMER 8 h (09:00-17:00
	// EST = 14:00-22:00 UTC): 17 h. The weekend, the DST change and the AMER
	// holiday on Monday add nothing; Tuesday opens at 09:00 EDT = 13:00 UTC
	// and the last 7 h end at 16:00 EDT = 20:00 UTC.
	tests := []struct {
		name              string
		now               time.Time
		state             State
		accrued           time.Duration
		deadline, breach  time.Time
		thresholdCrossing time.Time
	}{
		{"APAC morning, before the reassignment: APAC's calendar alone",
			march(6, 5, 0), Running, 4 * time.Hour, march(10, 7, 0), time.Time{}, time.Time{}},
		{"reassigned, AMER not open yet: APAC's 9 h kept",
			march(6, 12, 0), Running, 9 * time.Hour, march(10, 20, 0), time.Time{}, time.Time{}},
		{"AMER noon EST: 50% crossed at 12:00 EST",
			march(6, 17, 0), Running, 12 * time.Hour, march(10, 20, 0), time.Time{}, march(6, 17, 0)},
		{"Friday after AMER closes",
			march(6, 22, 0), Running, 17 * time.Hour, march(10, 20, 0), time.Time{}, march(6, 17, 0)},
		{"Monday: AMER holiday after the DST change",
			march(9, 15, 0), Running, 17 * time.Hour, march(10, 20, 0), time.Time{}, march(6, 17, 0)},
		{"Tuesday 11:00 EDT",
			march(10, 15, 0), Running, 19 * time.Hour, march(10, 20, 0), time.Time{}, march(6, 17, 0)},
		{"Tuesday 17:00 EDT: breached at 16:00 EDT",
			march(10, 21, 0), Breached, 25 * time.Hour, march(10, 20, 0), march(10, 20, 0), march(6, 17, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := s.evaluateEvents(h, tt.now)
			require.NoError(t, err)
			st := result(t, ev, "follow", Resolve).Status
			assert.Equal(t, tt.state, st.State)
			assert.Equal(t, tt.accrued, st.Accrued)
			assert.True(t, tt.deadline.Equal(st.Deadline), "deadline %s, want %s", st.Deadline.UTC(), tt.deadline)
			assert.True(t, tt.breach.Equal(st.BreachedAt), "breached at %s, want %s", st.BreachedAt.UTC(), tt.breach)
			if tt.thresholdCrossing.IsZero() {
				assert.Empty(t, st.Crossed)
			} else if assert.Len(t, st.Crossed, 1) {
				assert.True(t, tt.thresholdCrossing.Equal(st.Crossed[0].At), "crossed at %s", st.Crossed[0].At.UTC())
			}
		})
	}

	t.Run("the timeline shows the change of calendar", func(t *testing.T) {
		ev, err := s.evaluateEvents(h, march(10, 21, 0))
		require.NoError(t, err)
		var retarget *Moment
		for _, m := range result(t, ev, "follow", Resolve).Clock.Timeline(march(10, 21, 0)) {
			if m.What == "retarget" {
				retarget = &m
			}
		}
		require.NotNil(t, retarget)
		assert.Equal(t, "group apac to amer", retarget.Reason)
		assert.Equal(t, 9*time.Hour, retarget.Accrued)
	})

	t.Run("a threshold crossed in Singapore stays where it was crossed", func(t *testing.T) {
		p := groupPolicy(GroupCalendar)
		p.Thresholds = []float64{0.25} // 6 h: 15:00 in Singapore, 07:00 UTC
		ts, err := NewSet([]Policy{p}, WithGroupCalendars(map[string]*calendar.Calendar{"apac": apac, "amer": amer}))
		require.NoError(t, err)
		ev, err := ts.evaluateEvents(h, march(6, 22, 0))
		require.NoError(t, err)
		st := result(t, ev, "follow", Resolve).Status
		require.Len(t, st.Crossed, 1)
		assert.True(t, march(6, 7, 0).Equal(st.Crossed[0].At), "crossed at %s", st.Crossed[0].At.UTC())
	})

	t.Run("a fixed calendar re-measures the whole cycle (the behaviour this replaces)", func(t *testing.T) {
		fixed, err := NewSet([]Policy{groupPolicy("amer")}, WithCalendars(map[string]*calendar.Calendar{"amer": amer}))
		require.NoError(t, err)
		ev, err := fixed.evaluateEvents(h, march(6, 22, 0))
		require.NoError(t, err)
		assert.Equal(t, 8*time.Hour, result(t, ev, "follow", Resolve).Status.Accrued, "APAC's 9 h vanish")
	})

	t.Run("a priority change keeps each period on its group's calendar", func(t *testing.T) {
		p := groupPolicy(GroupCalendar)
		p.Retroactive = true
		p.Targets = append(p.Targets, Target{Metric: Resolve, Priority: incident.P2, Goal: 20 * time.Hour})
		rs, err := NewSet([]Policy{p}, WithGroupCalendars(map[string]*calendar.Calendar{"apac": apac, "amer": amer}))
		require.NoError(t, err)
		hp := groupHistory().prioritize(march(6, 15, 0), incident.P2)
		ev, err := rs.evaluateEvents(hp, march(6, 22, 0))
		require.NoError(t, err)
		st := result(t, ev, "follow", Resolve).Status
		assert.Equal(t, 20*time.Hour, st.Goal)
		assert.Equal(t, 17*time.Hour, st.Accrued)
		// 3 h more from Tuesday 09:00 EDT.
		assert.True(t, march(10, 16, 0).Equal(st.Deadline), "deadline %s", st.Deadline.UTC())
	})
}

func TestGroupCalendarErrors(t *testing.T) {
	apac, _ := followTheSun(t)
	_, err := NewSet([]Policy{groupPolicy(GroupCalendar)})
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "policies[0].calendar", fe.Path)
	assert.Contains(t, err.Error(), "needs WithGroupCalendars")

	_, err = NewSet(nil, WithCalendars(map[string]*calendar.Calendar{GroupCalendar: apac}))
	require.ErrorIs(t, err, ErrInvalidPolicy)
	_, err = NewSet(nil, WithGroupCalendars(map[string]*calendar.Calendar{"apac": nil}))
	require.ErrorIs(t, err, ErrInvalidPolicy)
	_, err = NewSet(nil, WithGroupCalendar(nil))
	require.ErrorIs(t, err, ErrInvalidPolicy)

	s, err := NewSet([]Policy{groupPolicy(GroupCalendar)}, WithGroupCalendars(map[string]*calendar.Calendar{"apac": apac}))
	require.NoError(t, err)
	_, err = s.evaluateEvents(groupHistory(), march(6, 22, 0))
	require.ErrorIs(t, err, ErrNoCalendar)
	assert.Contains(t, err.Error(), `no calendar for group "amer" (known: apac)`)

	unassigned := history{}.add(incident.Event{At: march(6, 1, 0), Type: incident.EventOpen, ID: "INC8", Impact: 3, Urgency: 3})
	_, err = s.evaluateEvents(unassigned, march(6, 2, 0))
	require.ErrorIs(t, err, ErrNoCalendar)

	f, err := NewSet([]Policy{groupPolicy(GroupCalendar)}, WithGroupCalendar(func(string) (*calendar.Calendar, error) {
		return nil, errors.New("directory down")
	}))
	require.NoError(t, err)
	_, err = f.evaluateEvents(groupHistory(), march(6, 2, 0))
	require.ErrorIs(t, err, ErrNoCalendar)
	assert.Contains(t, err.Error(), "directory down")
}
