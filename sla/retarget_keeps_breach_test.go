package sla

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A non-retroactive retarget never moves or erases a breach that already
// happened: opened P5 at 09:00 on a 1 h resolve goal (24x7), prioritized to
// P4 at 10:30. The goal broke at 10:00 and stays broken there, whatever the
// new goal; the timeline tells the breach before the retarget.
func TestRetargetKeepsBreach(t *testing.T) {
	for _, tc := range []struct {
		name   string
		p4Goal time.Duration
	}{
		{"same goal for P4", time.Hour},
		{"longer goal for P4", 4 * time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := testSet(t, Policy{Name: "flat", Calendar: "24x7", Targets: []Target{
				{Metric: Resolve, Priority: incident.P4, Goal: tc.p4Goal},
				{Metric: Resolve, Goal: time.Hour},
			}})
			h := opened(mon(9, 0), 3, 3).prioritize(mon(10, 30), incident.P4)
			require.Equal(t, incident.P5, mustReplay(t, s, h[:1]).Incident.Priority)

			early, err := s.evaluateEvents(h, mon(10, 15))
			require.NoError(t, err)
			assert.Equal(t, Breached, result(t, early, "flat", Resolve).Status.State)
			assert.Equal(t, mon(10, 0), result(t, early, "flat", Resolve).Status.BreachedAt)

			ev, err := s.evaluateEvents(h, mon(12, 0))
			require.NoError(t, err)
			r := result(t, ev, "flat", Resolve)
			assert.Equal(t, Breached, r.Status.State)
			assert.Equal(t, mon(10, 0), r.Status.BreachedAt, "the breach stays where it happened")
			assert.Equal(t, time.Hour, r.Status.BreachedGoal, "with the goal it broke")
			assert.Equal(t, tc.p4Goal, r.Status.Goal, "the new goal governs what follows")
			assert.Equal(t, tc.p4Goal, r.Clock.Goal().Duration)

			var got []string
			for _, st := range r.Clock.Timeline(mon(12, 0)) {
				got = append(got, st.At.Format("15:04")+" "+st.What)
			}
			want := []string{"09:00 start", "10:00 breach", "10:30 retarget"}
			if tc.p4Goal == time.Hour {
				assert.Equal(t, want, got)
			} else {
				assert.Equal(t, want, got[:3])
			}
		})
	}
}

// A retroactive retarget recomputes the cycle from its start: the earlier
// breach was against a goal that, by the correction, never applied, so it
// is gone when the new goal is not reached.
func TestRetroactiveRetargetRecomputesBreach(t *testing.T) {
	s := testSet(t, Policy{Name: "flat", Calendar: "24x7", Retroactive: true, Targets: []Target{
		{Metric: Resolve, Priority: incident.P4, Goal: 4 * time.Hour},
		{Metric: Resolve, Goal: time.Hour},
	}})
	h := opened(mon(9, 0), 3, 3).prioritize(mon(10, 30), incident.P4)
	ev, err := s.evaluateEvents(h, mon(12, 0))
	require.NoError(t, err)
	r := result(t, ev, "flat", Resolve)
	assert.Equal(t, Running, r.Status.State)
	assert.True(t, r.Status.BreachedAt.IsZero())
	assert.Equal(t, mon(13, 0), r.Status.Deadline)
}

func mustReplay(t *testing.T, s *Set, h history) incident.Chronicle {
	t.Helper()
	c, err := incident.Replay(s.Lifecycle(), h)
	require.NoError(t, err)
	return c
}
