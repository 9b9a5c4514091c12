package escalation_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func chain(on escalation.On, minutes ...int) []escalation.Step {
	var steps []escalation.Step
	for i, m := range minutes {
		steps = append(steps, escalation.Step{
			Name:    "s" + string(rune('1'+i)),
			Trigger: escalation.Trigger{On: on, After: time.Duration(m) * time.Minute},
			Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "ops"}},
		})
	}
	return steps
}

type round struct {
	at    int
	step  string
	round int
}

func rounds(ds []escalation.Due) []round {
	var out []round
	for _, d := range ds {
		out = append(out, round{int(d.At.Sub(t0) / time.Minute), d.Key.Step, d.Key.Round})
	}
	return out
}

// The repeat modes: the whole chain, from a step, with acknowledgement,
// resolution and windows stopping or skipping rounds. Acknowledgement drops
// a not_acknowledged step altogether (its trigger is gone); for every other
// step it stops the rounds due at or after it, and a late host still gets
// the rounds due before it.
func TestRepeat(t *testing.T) {
	unacked := opened(at(0), 2, 2, "network")
	tests := []struct {
		name   string
		policy escalation.Policy
		events history
		now    int
		want   []round
		next   int
	}{
		{"loop the chain", escalation.Policy{Name: "p", Steps: chain(escalation.OnNotAcknowledged, 0, 15), Repeat: escalation.Repeat{Times: 2, Interval: 30 * time.Minute}},
			unacked, 80, []round{{0, "s1", 0}, {15, "s2", 0}, {30, "s1", 1}, {45, "s2", 1}, {60, "s1", 2}, {75, "s2", 2}}, -1},
		{"loop, waiting for the next round", escalation.Policy{Name: "p", Steps: chain(escalation.OnNotAcknowledged, 0, 15), Repeat: escalation.Repeat{Times: 2, Interval: 30 * time.Minute}},
			unacked, 35, []round{{0, "s1", 0}, {15, "s2", 0}, {30, "s1", 1}}, 45},
		{"loop stops on acknowledgement", escalation.Policy{Name: "p", Steps: chain(escalation.OnNotAcknowledged, 0, 15), Repeat: escalation.Repeat{Times: 2, Interval: 30 * time.Minute}},
			unacked.assign(at(40), "", "nick"), 80, nil, -1},
		{"time-based repeats stop at acknowledgement, rounds due before it stay due", escalation.Policy{Name: "p", Steps: chain(escalation.OnOpened, 0), Repeat: escalation.Repeat{Times: 2, Interval: 30 * time.Minute}},
			unacked.assign(at(40), "", "nick"), 80, []round{{0, "s1", 0}, {30, "s1", 1}}, -1},
		{"time-based repeats, waiting before acknowledgement", escalation.Policy{Name: "p", Steps: chain(escalation.OnOpened, 0), Repeat: escalation.Repeat{Times: 2, Interval: 30 * time.Minute}},
			unacked.assign(at(40), "", "nick"), 35, []round{{0, "s1", 0}, {30, "s1", 1}}, 60},
		{"time-based repeats, acknowledged at a round's due time", escalation.Policy{Name: "p", Steps: chain(escalation.OnOpened, 0), Repeat: escalation.Repeat{Times: 2, Interval: 30 * time.Minute}},
			unacked.assign(at(30), "", "nick"), 80, []round{{0, "s1", 0}}, -1},
		{"time-based repeats, first pass after acknowledgement", escalation.Policy{Name: "p", Steps: chain(escalation.OnOpened, 0, 20), Repeat: escalation.Repeat{Times: 2, Interval: 30 * time.Minute}},
			unacked.update(at(10)), 80, []round{{0, "s1", 0}, {20, "s2", 0}}, -1},
		{"time-based repeats, acknowledged then moved", escalation.Policy{Name: "p", Steps: chain(escalation.OnOpened, 0), Repeat: escalation.Repeat{Times: 3, Interval: 30 * time.Minute}},
			unacked.assign(at(10), "", "nick").assign(at(50), "desk", ""), 120, []round{{0, "s1", 0}}, -1},
		{"loop stops on resolution", escalation.Policy{Name: "p", Steps: chain(escalation.OnOpened, 0), Repeat: escalation.Repeat{Times: 2, Interval: 30 * time.Minute}},
			unacked.assign(at(1), "", "nick").do(at(2), incident.ActionStart).resolve(at(40)), 80, nil, -1},
		{"repeat from a step", escalation.Policy{Name: "p", Steps: chain(escalation.OnNotAcknowledged, 0, 15, 30), Repeat: escalation.Repeat{From: "s3", Times: 3, Interval: 10 * time.Minute}},
			unacked, 120, []round{{0, "s1", 0}, {15, "s2", 0}, {30, "s3", 0}, {40, "s3", 1}, {50, "s3", 2}, {60, "s3", 3}}, -1},
		{"rounds of different steps interleave by due time", escalation.Policy{Name: "p", Steps: chain(escalation.OnNotAcknowledged, 0, 25), Repeat: escalation.Repeat{Times: 1, Interval: 20 * time.Minute}},
			unacked, 60, []round{{0, "s1", 0}, {20, "s1", 1}, {25, "s2", 0}, {45, "s2", 1}}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := evaluate(t, newSet(t, tt.policy), tt.events, nil, at(tt.now))
			assert.Equal(t, tt.want, rounds(ev.Due))
			if tt.next < 0 {
				assert.True(t, ev.Next.IsZero(), "next %s", ev.Next)
			} else {
				assert.Equal(t, at(tt.next), ev.Next)
			}
		})
	}
}

// A round of a skipping step whose window is shut is skipped, not
// deferred; Next skips it too. (Waiting steps: window_test.go.)
func TestRepeatWindow(t *testing.T) {
	steps := chain(escalation.OnOpened, 0)
	steps[0].When.Open = "office"
	steps[0].OutsideWindow = escalation.SkipOutsideWindow
	p := escalation.Policy{Name: "p", Steps: steps, Repeat: escalation.Repeat{Times: 4, Interval: 20 * time.Minute}}
	friday := time.Date(2026, 3, 6, 16, 30, 0, 0, ams)
	events := opened(friday, 2, 2, "network")
	s := newSet(t, p)

	ev := evaluate(t, s, events, nil, friday.Add(time.Minute))
	require.Len(t, ev.Due, 1)
	assert.Equal(t, friday.Add(20*time.Minute), ev.Next)

	ev = evaluate(t, s, events, nil, friday.Add(24*time.Hour))
	var ats []time.Time
	for _, d := range ev.Due {
		ats = append(ats, d.At)
	}
	assert.Equal(t, []time.Time{friday, friday.Add(20 * time.Minute)}, ats, "16:30 and 16:50; 17:10 onwards the office is closed")
	assert.True(t, ev.Next.IsZero())
}

// Evaluate never returns a recorded key, and a host that records what it
// gets never gets anything twice; calling often or calling late gives the
// same actions with the same due times when nothing happens in between.
func TestIdempotentAndLate(t *testing.T) {
	p := escalation.Policy{Name: "p",
		Steps: append(chain(escalation.OnNotAcknowledged, 0, 10, 25), escalation.Step{
			Name:    "manager",
			Trigger: escalation.Trigger{On: escalation.OnOpened, After: 40 * time.Minute},
			Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}, {Kind: escalation.TargetMembers}},
			Tasks:   []escalation.Task{escalation.Notify, escalation.RaisePriority},
		}),
		Repeat: escalation.Repeat{From: "s2", Times: 3, Interval: 35 * time.Minute},
	}
	s := newSet(t, p)
	events := opened(at(0), 2, 2, "network")
	end := at(4 * 60)
	var polled []escalation.Due
	var fired escalation.Fired
	for now := at(0); !now.After(end); now = now.Add(time.Minute) {
		judged := slaAt(t, events, nil, now)
		ev := s.Evaluate(judged, fired)
		for _, d := range ev.Due {
			assert.False(t, d.At.After(now))
			assert.False(t, fired.Has(d.Key), "repeated %s", d.Key)
			fired.Add(d.Key)
		}
		polled = append(polled, ev.Due...)
		again := s.Evaluate(judged, fired)
		assert.Empty(t, again.Due, "idempotent at %s", now)
	}

	late := s.Evaluate(slaAt(t, events, nil, end), nil)
	assert.Equal(t, briefs(polled), briefs(late.Due))
	assert.Len(t, late.Due, 1+4*(1+1+3), "s1 once; s2, s3 and manager (two notifications and a raise) in 4 rounds")
}

// The instant repeats stop at is the first acknowledgement of any kind
// (Incident.AcknowledgedAt): an assignee, or the first response.
func TestRepeatStopsAtAcknowledgement(t *testing.T) {
	s := newSet(t, escalation.Policy{Name: "p", Steps: chain(escalation.OnOpened, 0), Repeat: escalation.Repeat{Times: 3, Interval: 30 * time.Minute}})
	now := at(120)

	ev := evaluate(t, s, opened(at(0), 2, 2, "network").update(at(45)), nil, now)
	assert.Equal(t, []round{{0, "s1", 0}, {30, "s1", 1}}, rounds(ev.Due), "the response at 45")

	judged := slaAt(t, opened(at(0), 2, 2, "network").assign(at(50), "", "nick"), nil, now)
	assert.Equal(t, at(50), judged.Chronicle.Incident.AcknowledgedAt)
	ev = s.Evaluate(judged, nil)
	assert.Equal(t, []round{{0, "s1", 0}, {30, "s1", 1}}, rounds(ev.Due), "nick took it at 50")

	ev = evaluate(t, s, opened(at(0), 2, 2, "").assign(at(0), "network", "nick"), nil, now)
	assert.Equal(t, []round{{0, "s1", 0}}, rounds(ev.Due), "assigned to nick at once")
}
