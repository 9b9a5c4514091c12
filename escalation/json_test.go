package escalation_test

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Snapshots and evaluations round-trip through JSON: a host may store the
// snapshot and evaluate it elsewhere, with the same answer.
func TestSnapshotAndEvaluationJSON(t *testing.T) {
	s := newSet(t, fiveLevels())
	events := opened(at(0), 1, 1, "network").assign(at(20), "", "nick").do(at(22), incident.ActionStart).
		update(at(30)).hold(at(60), incident.AwaitingVendor).do(at(120), incident.ActionResume).assign(at(200), "desk", "")
	now := at(230)
	snap := snapshot(t, events, slaSet(t), now)
	snap.AcknowledgedAt = at(10)

	b, err := json.Marshal(snap)
	require.NoError(t, err)
	var back escalation.Snapshot
	require.NoError(t, json.Unmarshal(b, &back))
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(again))

	want, err := s.Evaluate(snap, nil, now)
	require.NoError(t, err)
	got, err := s.Evaluate(back, nil, now)
	require.NoError(t, err)
	require.NotEmpty(t, want.Due)
	assert.Equal(t, briefs(want.Due), briefs(got.Due))
	assert.True(t, want.Next.Equal(got.Next))

	eb, err := json.Marshal(want)
	require.NoError(t, err)
	var ev escalation.Evaluation
	require.NoError(t, json.Unmarshal(eb, &ev))
	eb2, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.JSONEq(t, string(eb), string(eb2))
	assert.Equal(t, briefs(want.Due), briefs(ev.Due))
	assert.Contains(t, string(eb), `"action":"notify"`)
}

// A snapshot whose state history does not match its incident is refused.
func TestSnapshotErrors(t *testing.T) {
	s := newSet(t, onePolicy(escalation.Trigger{On: escalation.OnOpened}))
	snap := snapshot(t, opened(at(0), 2, 2, "network"), nil, at(0))
	snap.States = nil
	_, err := s.Evaluate(snap, nil, at(0))
	assert.ErrorIs(t, err, escalation.ErrInvalidSnapshot)

	var fe *escalation.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "states", fe.Field)

	ev, err := s.Evaluate(escalation.Snapshot{}, nil, at(0))
	require.NoError(t, err, "an incident not opened has nothing due")
	assert.Empty(t, ev.Due)

	lc := lifecycle(t)
	inc, err := incident.Replay(lc, opened(at(0), 2, 2, "network"))
	require.NoError(t, err)
	_, err = escalation.NewSnapshot(nil, inc, nil)
	assert.ErrorIs(t, err, incident.ErrNoLifecycle)
}

// A Set and a Schedule are safe for concurrent use.
func TestConcurrentUse(t *testing.T) {
	s := newSet(t, fiveLevels())
	sched := threeLayers(t)
	events := opened(at(0), 1, 1, "network")
	snap := snapshot(t, events, slaSet(t), at(300))
	want, err := s.Evaluate(snap, nil, at(300))
	require.NoError(t, err)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				ev, err := s.Evaluate(snap, nil, at(300))
				assert.NoError(t, err)
				assert.Equal(t, briefs(want.Due), briefs(ev.Due))
				u := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i*g) * time.Hour)
				_ = sched.Responders(u)
				for range sched.Shifts(u, u.Add(24*time.Hour)) {
				}
			}
		}()
	}
	wg.Wait()
}
