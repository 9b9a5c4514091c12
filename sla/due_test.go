package sla

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func utcOct(day, hh, mm int) time.Time { return time.Date(2026, 10, day, hh, mm, 0, 0, time.UTC) }

// TestGoalsThatAreDates: the Amsterdam office (Mon-Fri 09:00-17:00) falls
// back to CET on Sunday 25 October 2026 and is closed on Monday 26.
func TestGoalsThatAreDates(t *testing.T) {
	agreed := map[string]time.Time{
		"INC1": oct(28, 10, 0), // Wednesday 10:00 CET
		"INC2": oct(23, 14, 0), // agreed before the incident was even logged
	}
	s, err := NewSet([]Policy{{
		Name: "dated", Calendar: "office", Thresholds: []float64{0.5},
		Targets: []Target{
			{Metric: Respond, Due: &Due{BusinessDays: 1, At: "12:00"}},
			{Metric: Restore, Due: &Due{BusinessDays: 1}},
			{Metric: Resolve, Due: &Due{Deadline: "agreed"}},
			{Metric: Update, Due: &Due{BusinessDays: 1, At: "10:00"}},
		}}},
		WithCalendars(map[string]*calendar.Calendar{"office": octOffice(t)}),
		WithDeadline("agreed", func(inc incident.Incident) (time.Time, bool) { d, ok := agreed[inc.ID]; return d, ok }))
	require.NoError(t, err)

	// Opened Friday 23 October 15:00 CEST; the next business day is
	// Tuesday 27 (Monday is a holiday, and the clocks went back).
	h := opened(oct(23, 15, 0), 3, 3)
	type want struct {
		state    State
		goal     time.Duration
		accrued  time.Duration
		deadline time.Time // zero: none (ended), or check breach
		breach   time.Time
	}
	tests := []struct {
		name   string
		events history
		now    time.Time
		metric Metric
		want   want
	}{
		{"respond: end of next business day at 12:00, running on Friday",
			h, oct(23, 16, 0), Respond, want{Running, 5 * time.Hour, time.Hour, utcOct(27, 11, 0), time.Time{}}},
		{"respond: on the holiday after the DST change",
			h, oct(26, 12, 0), Respond, want{Running, 5 * time.Hour, 2 * time.Hour, utcOct(27, 11, 0), time.Time{}}},
		{"respond: breached at Tuesday 12:00 CET",
			h, oct(27, 12, 30), Respond, want{Breached, 5 * time.Hour, 5*time.Hour + 30*time.Minute, utcOct(27, 11, 0), utcOct(27, 11, 0)}},
		{"respond: met by a response on Tuesday 11:59 CET",
			h.add(incident.Event{At: oct(27, 11, 59), Type: incident.EventComment, Note: "on it", CustomerVisible: true, FirstResponse: true}),
			oct(27, 13, 0), Respond, want{Met, 5 * time.Hour, 4*time.Hour + 59*time.Minute, time.Time{}, time.Time{}}},
		{"restore: end of the next business day's working hours",
			h, oct(27, 9, 0), Restore, want{Running, 10 * time.Hour, 2 * time.Hour, utcOct(27, 16, 0), time.Time{}}},
		{"restore: a pause moves the breach by the business time paused",
			h.assign(oct(23, 15, 10), "desk", "ann").do(oct(23, 15, 20), incident.ActionStart).hold(oct(23, 16, 0), incident.AwaitingVendor).do(oct(27, 10, 0), incident.ActionResume),
			oct(27, 10, 0), Restore, want{Running, 10 * time.Hour, time.Hour, utcOct(28, 10, 0), time.Time{}}}, // 7 h on Tuesday, 2 h on Wednesday
		{"resolve: the negotiated due date from the host",
			h, oct(27, 9, 0), Resolve, want{Running, 11 * time.Hour, 2 * time.Hour, utcOct(28, 9, 0), time.Time{}}},
		{"update: each gap fixes its own due date (Tuesday 10:00 after Friday)",
			h, oct(23, 16, 0), Update, want{Running, 3 * time.Hour, time.Hour, utcOct(27, 9, 0), time.Time{}}},
		{"update: a gap opened on Tuesday is due Wednesday 10:00",
			h.update(oct(27, 9, 30)), oct(27, 10, 0), Update, want{Running, 8*time.Hour + 30*time.Minute, 30 * time.Minute, utcOct(28, 9, 0), time.Time{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := s.evaluateEvents(tt.events, tt.now)
			require.NoError(t, err)
			st := result(t, ev, "dated", tt.metric).Status
			assert.Equal(t, tt.want.state, st.State)
			assert.Equal(t, tt.want.goal, st.Goal)
			assert.Equal(t, tt.want.accrued, st.Accrued)
			assert.True(t, tt.want.deadline.Equal(st.Deadline) || (tt.want.deadline.IsZero() && st.Deadline.IsZero()) ||
				(st.State == Breached && tt.want.breach.Equal(st.BreachedAt)), "deadline %s, want %s", st.Deadline.UTC(), tt.want.deadline)
			assert.True(t, tt.want.breach.Equal(st.BreachedAt), "breached at %s, want %s", st.BreachedAt.UTC(), tt.want.breach)
		})
	}

	t.Run("a due date before the start is breached at once", func(t *testing.T) {
		h := history{}.add(incident.Event{At: oct(23, 15, 0), Type: incident.EventOpen, ID: "INC2", Impact: 3, Urgency: 3})
		ev, err := s.evaluateEvents(h, oct(23, 15, 1))
		require.NoError(t, err)
		st := result(t, ev, "dated", Resolve).Status
		assert.Equal(t, Breached, st.State)
		assert.Equal(t, time.Nanosecond, st.Goal)
	})

	t.Run("no deadline from the host: no resolve target", func(t *testing.T) {
		h := history{}.add(incident.Event{At: oct(23, 15, 0), Type: incident.EventOpen, ID: "INC3", Impact: 3, Urgency: 3})
		ev, err := s.evaluateEvents(h, oct(23, 16, 0))
		require.NoError(t, err)
		for _, r := range ev.Results {
			assert.NotEqual(t, Resolve, r.Metric)
		}
	})

	t.Run("a due target round-trips", func(t *testing.T) {
		in := Target{Metric: Respond, Due: &Due{BusinessDays: 1, At: "12:00"}}
		b, err := json.Marshal(in)
		require.NoError(t, err)
		assert.JSONEq(t, `{"metric":"respond","due":{"business_days":1,"at":"12:00"}}`, string(b))
		var out Target
		require.NoError(t, json.Unmarshal(b, &out))
		assert.Equal(t, in, out)
	})
}

func TestSetDoesNotShareDueDates(t *testing.T) {
	due := &Due{BusinessDays: 1}
	s := testSet(t, Policy{Name: "p", Calendar: "office", Targets: []Target{{Metric: Respond, Due: due}}})
	due.BusinessDays = 9
	assert.Equal(t, 1, s.Policies()[0].Targets[0].Due.BusinessDays)
	s.Policies()[0].Targets[0].Due.BusinessDays = 7
	assert.Equal(t, 1, s.Policies()[0].Targets[0].Due.BusinessDays)
}
