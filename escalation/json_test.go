package escalation_test

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// SLA evaluations and escalation evaluations round-trip through JSON: a
// host may store the sla.Evaluation (with its chronicle) and evaluate the
// escalation elsewhere, with the same answer.
func TestEvaluationJSON(t *testing.T) {
	s := newSet(t, fiveLevels())
	events := opened(at(0), 1, 1, "network").assign(at(20), "", "nick").do(at(22), incident.ActionStart).
		update(at(30)).hold(at(60), incident.AwaitingVendor).do(at(120), incident.ActionResume).assign(at(200), "desk", "")
	now := at(230)
	judged := slaAt(t, events, slaSet(t), now)

	b, err := json.Marshal(judged)
	require.NoError(t, err)
	var back sla.Evaluation
	require.NoError(t, json.Unmarshal(b, &back))
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(again))

	want := s.Evaluate(judged, nil)
	got := s.Evaluate(back, nil)
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
	assert.Contains(t, string(eb), `"task":"notify"`)
}

// An incident not opened has nothing due.
func TestEvaluateEmpty(t *testing.T) {
	s := newSet(t, onePolicy(escalation.Trigger{On: escalation.OnOpened}))
	ev := s.Evaluate(sla.Evaluation{At: at(0)}, nil)
	assert.Empty(t, ev.Due)
	assert.True(t, ev.Next.IsZero())
}

// A Set and a Schedule are safe for concurrent use.
func TestConcurrentUse(t *testing.T) {
	s := newSet(t, fiveLevels())
	sched := threeLayers(t)
	events := opened(at(0), 1, 1, "network")
	judged := slaAt(t, events, slaSet(t), at(300))
	want := s.Evaluate(judged, nil)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				ev := s.Evaluate(judged, nil)
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

// What a schedule answers (Shift, Gap, Responders) round-trips through
// JSON, strictly.
func TestScheduleAnswersJSON(t *testing.T) {
	s := threeLayers(t)
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	var shifts []escalation.Shift
	for sh := range s.Shifts(from, from.Add(72*time.Hour)) {
		shifts = append(shifts, sh)
	}
	require.NotEmpty(t, shifts)
	b, err := json.Marshal(shifts)
	require.NoError(t, err)
	var back []escalation.Shift
	require.NoError(t, json.Unmarshal(b, &back))
	require.Len(t, back, len(shifts))
	for i := range shifts {
		assert.Equal(t, shifts[i].Person, back[i].Person)
		assert.True(t, shifts[i].Start.Equal(back[i].Start) && shifts[i].End.Equal(back[i].End))
		assert.Equal(t, shifts[i].Rank, back[i].Rank)
	}
	r := s.Responders(from.Add(10 * time.Hour))
	b, err = json.Marshal(r)
	require.NoError(t, err)
	var rb escalation.Responders
	require.NoError(t, json.Unmarshal(b, &rb))
	assert.Equal(t, r, rb)

	var g escalation.Gap
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"rank":"primary","strat":"2026-03-02T00:00:00Z"}`), &g), escalation.ErrInvalidSchedule)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"primary":"ana","tertiary":"x"}`), &rb), escalation.ErrInvalidSchedule)
	var sh escalation.Shift
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"rank":"third"}`), &sh), escalation.ErrUnknownWord)
}
