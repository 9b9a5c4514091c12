package sla

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func (h history) callerSays(at time.Time) history {
	return h.add(incident.Event{At: at, Type: incident.EventComment, Note: "any news?", FromCaller: true, Actor: "caller"})
}

// TestNextReplyTime: Zendesk's next reply time on the Amsterdam office
// calendar (Mon-Fri 09:00-17:00; back to CET on Sunday 25 October 2026,
// closed on Monday 26).
func TestNextReplyTime(t *testing.T) {
	emulated := Metric("reply_emulated")
	s, err := NewSet([]Policy{{Name: "desk", Calendar: "office",
		Targets: []Target{{Metric: NextReply, Goal: 30 * time.Minute}, {Metric: emulated, Goal: 30 * time.Minute}},
		Rules: map[Metric]Rules{
			// What hosts wrote before NextReply: a reset per caller message.
			emulated: {Reset: []Happening{{On: OnCallerReplied}}, Stop: []Happening{{On: OnUpdatedCustomer}, {On: OnResolved}}},
		}}},
		WithCalendars(map[string]*calendar.Calendar{"office": octOffice(t)}))
	require.NoError(t, err)

	h := opened(oct(23, 9, 0), 3, 3).assign(oct(23, 9, 5), "desk", "ann").update(oct(23, 9, 10)).
		callerSays(oct(23, 10, 0)).callerSays(oct(23, 10, 10)).update(oct(23, 10, 50)). // one exchange of 50 min
		callerSays(oct(23, 11, 0)).update(oct(23, 11, 10)).                             // 10 min
		callerSays(oct(23, 16, 50)).update(oct(27, 9, 20)).                             // 10 min on Friday, 20 on Tuesday
		callerSays(oct(27, 10, 0))                                                      // unanswered

	tests := []struct {
		name     string
		now      time.Time
		cycles   int
		state    State
		stopped  bool
		accrued  time.Duration
		breached time.Time
	}{
		{"before any caller message: pending", oct(23, 9, 30), 0, Pending, false, 0, time.Time{}},
		{"first exchange, unanswered", oct(23, 10, 20), 1, Running, false, 20 * time.Minute, time.Time{}},
		{"a second message does not restart the exchange", oct(23, 10, 40), 1, Breached, false, 40 * time.Minute, oct(23, 10, 30)},
		{"answered after 50 min: one breach", oct(23, 10, 55), 1, Breached, true, 50 * time.Minute, oct(23, 10, 30)},
		{"second exchange met in 10 min", oct(23, 11, 30), 2, Met, true, 10 * time.Minute, time.Time{}},
		{"third exchange on the holiday after the DST change", oct(26, 12, 0), 3, Running, false, 10 * time.Minute, time.Time{}},
		{"answered Tuesday 09:20 CET: 30 min, met at the goal", oct(27, 9, 30), 3, Met, true, 30 * time.Minute, time.Time{}},
		{"fourth exchange breached at 10:30 CET, still unanswered", oct(27, 10, 45), 4, Breached, false, 45 * time.Minute, oct(27, 10, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := s.evaluateEvents(h, tt.now)
			require.NoError(t, err)
			r := result(t, ev, "desk", NextReply)
			assert.Len(t, r.Cycles, tt.cycles)
			assert.Equal(t, tt.state, r.Status.State)
			assert.Equal(t, tt.stopped, r.Status.Stopped)
			assert.Equal(t, tt.accrued, r.Status.Accrued)
			assert.True(t, tt.breached.Equal(r.Status.BreachedAt), "breached at %s, want %s", r.Status.BreachedAt, tt.breached)
		})
	}

	t.Run("the emulation split the 50-minute breach into a met 10 m and a breached 40 m", func(t *testing.T) {
		ev, err := s.evaluateEvents(h, oct(23, 10, 55))
		require.NoError(t, err)
		r := result(t, ev, "desk", emulated)
		require.Len(t, r.Cycles, 2)
		assert.Equal(t, Met, r.Cycles[0].State)
		assert.Equal(t, 10*time.Minute, r.Cycles[0].Accrued)
		assert.Equal(t, Breached, r.Cycles[1].State)
		assert.Equal(t, 40*time.Minute, r.Cycles[1].Accrued)
	})

	t.Run("every exchange matches a span of the chronicle's replies", func(t *testing.T) {
		c, err := incident.Replay(s.Lifecycle(), h)
		require.NoError(t, err)
		ev, err := s.Evaluate(c, oct(27, 10, 45))
		require.NoError(t, err)
		r := result(t, ev, "desk", NextReply)
		// The replies' spans end at the update that answered them; the first
		// of each answered group starts its exchange.
		var starts, ends []time.Time
		for i, sp := range c.Replies {
			if i == 0 || !c.Replies[i-1].End.Equal(sp.End) {
				starts, ends = append(starts, sp.Start), append(ends, sp.End)
			}
		}
		require.Len(t, r.Cycles, len(starts))
		for i, cy := range r.Cycles {
			assert.True(t, starts[i].Equal(cy.Started), "cycle %d started %s, reply %s", i+1, cy.Started, starts[i])
			assert.True(t, ends[i].Equal(cy.Ended), "cycle %d ended %s, answered %s", i+1, cy.Ended, ends[i])
		}
	})
}
