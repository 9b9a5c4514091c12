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

// TestChoicesAfterBreach: a 4 h resolve goal on the Amsterdam office
// calendar (Mon-Fri 09:00-17:00; back to CET on Sunday 25 October 2026,
// closed on Monday 26). The incident opens Friday 09:00 CEST, breaches at
// 13:00 CEST, waits for a vendor from 14:00 to Tuesday 10:00 CET and is
// cancelled on Tuesday at 11:00 CET.
func TestChoicesAfterBreach(t *testing.T) {
	cancelled := func(h history, at time.Time) history {
		return h.add(incident.Event{At: at, Type: incident.EventTransition, Action: incident.ActionCancel, Reason: "duplicate"})
	}
	base := opened(oct(23, 9, 0), 3, 3).assign(oct(23, 9, 5), "desk", "ann").do(oct(23, 9, 10), incident.ActionStart)
	held := base.hold(oct(23, 14, 0), incident.AwaitingVendor).do(oct(27, 10, 0), incident.ActionResume)
	early := base.hold(oct(23, 10, 0), incident.AwaitingVendor).do(oct(27, 10, 0), incident.ActionResume)
	breach := time.Date(2026, 10, 23, 11, 0, 0, 0, time.UTC) // 13:00 CEST

	tests := []struct {
		name    string
		after   AfterBreach
		cancel  WhenToCancel
		events  history
		now     time.Time
		state   State
		stopped bool
		accrued time.Duration
		breach  time.Time
	}{
		{"pause (default): the breached clock pauses for the vendor",
			PauseAfterBreach, CancelMet, held, oct(26, 12, 0), Breached, false, 5 * time.Hour, breach},
		{"pause: it resumes on Tuesday",
			PauseAfterBreach, CancelMet, held, oct(27, 10, 30), Breached, false, 5*time.Hour + 30*time.Minute, breach},
		{"keep_running: the hold is ignored, Friday to 17:00 CEST",
			KeepRunning, CancelMet, held, oct(26, 12, 0), Breached, false, 8 * time.Hour, breach},
		{"keep_running: and on through Tuesday",
			KeepRunning, CancelMet, held, oct(27, 10, 30), Breached, false, 9*time.Hour + 30*time.Minute, breach},
		{"keep_running: a clock not yet breached still pauses",
			KeepRunning, CancelMet, early, oct(26, 12, 0), Paused, false, time.Hour, time.Time{}},
		{"cancel: the hold cancels the breached cycle",
			CancelAfterBreach, CancelMet, held, oct(26, 12, 0), Cancelled, true, 5 * time.Hour, time.Time{}},
		{"cancel: a clock not yet breached pauses",
			CancelAfterBreach, CancelMet, early, oct(27, 10, 30), Running, false, 90 * time.Minute, time.Time{}},
		{"cancel_met (default): the incident's cancellation cancels the breached cycle",
			PauseAfterBreach, CancelMet, cancelled(held, oct(27, 11, 0)), oct(27, 12, 0), Cancelled, true, 6 * time.Hour, time.Time{}},
		{"never: the cancellation stops it, and the breach stays",
			PauseAfterBreach, NeverCancel, cancelled(held, oct(27, 11, 0)), oct(27, 12, 0), Breached, true, 6 * time.Hour, breach},
		{"never: a cycle cancelled within its goal is met",
			PauseAfterBreach, NeverCancel, cancelled(base, oct(23, 10, 0)), oct(23, 12, 0), Met, true, time.Hour, time.Time{}},
		{"never with keep_running: the whole wait counts until the cancellation",
			KeepRunning, NeverCancel, cancelled(held, oct(27, 11, 0)), oct(27, 12, 0), Breached, true, 10 * time.Hour, breach},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Policy{Name: "p", Calendar: "office", AfterBreach: tt.after, WhenToCancel: tt.cancel,
				Targets: []Target{{Metric: Resolve, Goal: 4 * time.Hour}}}
			s, err := NewSet([]Policy{p}, WithCalendars(map[string]*calendar.Calendar{"office": octOffice(t)}))
			require.NoError(t, err)
			ev, err := s.evaluateEvents(tt.events, tt.now)
			require.NoError(t, err)
			st := result(t, ev, "p", Resolve).Status
			assert.Equal(t, tt.state, st.State)
			assert.Equal(t, tt.stopped, st.Stopped)
			assert.Equal(t, tt.accrued, st.Accrued)
			assert.True(t, tt.breach.Equal(st.BreachedAt), "breached at %s, want %s", st.BreachedAt, tt.breach)
		})
	}

	t.Run("the choices round-trip and default to ServiceNow's", func(t *testing.T) {
		p := Policy{Name: "p", Calendar: "office", AfterBreach: KeepRunning, WhenToCancel: NeverCancel,
			Targets: []Target{{Metric: Resolve, Goal: 4 * time.Hour}}}
		b, err := json.Marshal(p)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"after_breach":"keep_running","when_to_cancel":"never"`)
		var back Policy
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, p, back)
		var def Policy
		require.NoError(t, json.Unmarshal([]byte(`{"name":"d","calendar":"office","targets":[{"metric":"resolve","goal":"1h"}]}`), &def))
		assert.Equal(t, PauseAfterBreach, def.AfterBreach)
		assert.Equal(t, CancelMet, def.WhenToCancel)
		_, err = json.Marshal(Policy{Name: "x", AfterBreach: 9})
		assert.ErrorIs(t, err, ErrUnknownWord)
	})
}
