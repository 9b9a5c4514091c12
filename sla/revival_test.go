package sla

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Clocks whose cycle has ended must stay ended: these histories once revived
// them (found by the servicedesk simulation).

func goldP2() Policy {
	return Policy{Name: "gold", Calendar: "24x7", Targets: []Target{
		{Metric: Restore, Priority: incident.P1, Goal: 2 * time.Hour},
		{Metric: Restore, Priority: incident.P2, Goal: 4 * time.Hour},
		{Metric: Update, Priority: incident.P2, Goal: time.Hour},
		{Metric: Resolve, Goal: 8 * time.Hour},
	}}
}

func TestRestoreStaysMetAfterHoldAndResume(t *testing.T) {
	s := testSet(t, goldP2())
	h := opened(mon(9, 0), 1, 2). // P2
					assign(mon(9, 5), "desk", "ann").
					do(mon(9, 10), incident.ActionStart).
					add(incident.Event{At: mon(10, 0), Type: incident.EventWorkaround, Note: "restart"}).
					hold(mon(11, 0), incident.AwaitingVendor).
					do(mon(12, 0), incident.ActionResume).
					resolve(mon(13, 0))
	ev, err := s.evaluateEvents(h, mon(20, 0))
	require.NoError(t, err)
	r := result(t, ev, "gold", Restore)
	assert.Equal(t, Met, r.Status.State)
	assert.True(t, r.Status.Stopped)
	assert.Equal(t, time.Hour, r.Status.Accrued)
}

func TestCancelledForNoTargetIsNotRevived(t *testing.T) {
	s := testSet(t, goldP2())
	h := opened(mon(9, 0), 1, 2). // P2
					assign(mon(9, 5), "desk", "ann").
					do(mon(9, 10), incident.ActionStart).
					add(incident.Event{At: mon(9, 30), Type: incident.EventClassify, Impact: 3, Urgency: 3, Reason: "one user"}). // P5
					hold(mon(10, 0), incident.AwaitingCaller).
					do(mon(11, 0), incident.ActionResume).
					update(mon(11, 30))
	ev, err := s.evaluateEvents(h, mon(14, 0))
	require.NoError(t, err)
	r := result(t, ev, "gold", Restore)
	assert.Equal(t, Cancelled, r.Status.State, "a resume does not revive a cancelled clock")
	u := result(t, ev, "gold", Update)
	assert.Equal(t, Cancelled, u.Status.State, "an update does not revive it with the old goal")

	// Back to P2: a new cycle with the P2 goal, from the change.
	h = h.add(incident.Event{At: mon(12, 0), Type: incident.EventClassify, Impact: 1, Urgency: 2, Reason: "whole floor"})
	ev, err = s.evaluateEvents(h, mon(14, 0))
	require.NoError(t, err)
	r = result(t, ev, "gold", Restore)
	assert.Equal(t, Running, r.Status.State)
	assert.Equal(t, 2, r.Status.Cycle)
	assert.Equal(t, 2*time.Hour, r.Status.Accrued)
	assert.Equal(t, 4*time.Hour, r.Status.Goal)
}

func TestUpdateWhileAwaitingCallerStartsPaused(t *testing.T) {
	s := testSet(t, goldP2())
	h := opened(mon(9, 0), 1, 2).
		assign(mon(9, 5), "desk", "ann").
		do(mon(9, 10), incident.ActionStart).
		hold(mon(9, 30), incident.AwaitingCaller).
		update(mon(10, 0)) // a note to the caller while waiting for them
	ev, err := s.evaluateEvents(h, mon(13, 0))
	require.NoError(t, err)
	u := result(t, ev, "gold", Update)
	assert.Equal(t, 2, u.Status.Cycle)
	assert.Equal(t, Paused, u.Status.State)
	assert.Equal(t, time.Duration(0), u.Status.Accrued)
}

func TestNoUpdateGapAfterResolution(t *testing.T) {
	s := testSet(t, goldP2())
	h := opened(mon(9, 0), 1, 2).
		assign(mon(9, 5), "desk", "ann").
		do(mon(9, 10), incident.ActionStart).
		update(mon(9, 20)).
		resolve(mon(10, 0)).
		update(mon(10, 30)) // "glad it works again"
	ev, err := s.evaluateEvents(h, mon(20, 0))
	require.NoError(t, err)
	u := result(t, ev, "gold", Update)
	assert.Equal(t, 2, u.Status.Cycle)
	assert.Equal(t, Met, u.Status.State)
	assert.True(t, u.Status.Stopped)
}
