package sla

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A correction of the classification after resolution corrects the record:
// opened 3/3 (P5, 8 h), resolved after 3 h, then classified 1/1 (P1, 2 h).
// The cycle is judged against 2 h, as if the incident had been opened P1,
// and after a reopen that continues it the cycle runs against 2 h too: the
// judged goal and Clock.Goal always agree.
func TestCorrectionAfterResolution(t *testing.T) {
	s := testSet(t, Policy{Name: "p", Calendar: "24x7", Reopen: Continue, Targets: []Target{
		{Metric: Resolve, Priority: incident.P1, Goal: 2 * time.Hour},
		{Metric: Resolve, Goal: 8 * time.Hour},
	}})
	base := opened(mon(9, 0), 3, 3).assign(mon(9, 0), "desk", "ann").do(mon(9, 0), incident.ActionStart).resolve(mon(12, 0))
	corrected := base.add(incident.Event{At: mon(13, 0), Type: incident.EventClassify, Impact: 1, Urgency: 1, Reason: "it was an outage"})

	asP1, err := s.evaluateEvents(opened(mon(9, 0), 1, 1).assign(mon(9, 0), "desk", "ann").do(mon(9, 0), incident.ActionStart).resolve(mon(12, 0)), mon(14, 0))
	require.NoError(t, err)
	want := result(t, asP1, "p", Resolve).Status
	require.Equal(t, Breached, want.State)

	ev, err := s.evaluateEvents(corrected, mon(14, 0))
	require.NoError(t, err)
	r := result(t, ev, "p", Resolve)
	assert.Equal(t, Breached, r.Status.State)
	assert.Equal(t, 2*time.Hour, r.Status.Goal)
	assert.Equal(t, want.BreachedAt, r.Status.BreachedAt)
	assert.Equal(t, mon(11, 0), r.Status.BreachedAt)
	assert.Equal(t, r.Status.Goal, r.Clock.Goal().Duration)

	reopened := corrected.do(mon(15, 0), incident.ActionReopen)
	ev, err = s.evaluateEvents(reopened, mon(16, 0))
	require.NoError(t, err)
	r = result(t, ev, "p", Resolve)
	assert.Equal(t, 2*time.Hour, r.Status.Goal, "the continued cycle runs against the corrected goal")
	assert.Equal(t, 4*time.Hour, r.Status.Accrued)
	assert.Equal(t, r.Status.Goal, r.Clock.Goal().Duration)
}
