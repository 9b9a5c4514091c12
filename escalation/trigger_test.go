package escalation_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each trigger kind: when its step is due, with which occurrence, and what
// Next says before that.
func TestTriggers(t *testing.T) {
	const (
		hold   = incident.AwaitingVendor
		start  = incident.ActionStart
		resume = incident.ActionResume
	)
	working := opened(at(0), 2, 2, "network").assign(at(1), "", "nick").do(at(2), start)
	ack := func(m int) func(*escalation.Snapshot) {
		return func(s *escalation.Snapshot) { s.AcknowledgedAt = at(m) }
	}
	type due struct{ at, occurrence int }
	tests := []struct {
		name    string
		trigger escalation.Trigger
		events  history
		tweak   func(*escalation.Snapshot)
		now     int
		want    []due
		next    int // minutes; -1 for none
	}{
		{"opened before", escalation.Trigger{On: escalation.OnOpened, After: 15 * time.Minute}, opened(at(0), 2, 2, "network"), nil, 14, nil, 15},
		{"opened at", escalation.Trigger{On: escalation.OnOpened, After: 15 * time.Minute}, opened(at(0), 2, 2, "network"), nil, 15, []due{{15, 1}}, -1},
		{"opened at once", escalation.Trigger{On: escalation.OnOpened}, opened(at(0), 2, 2, "network"), nil, 0, []due{{0, 1}}, -1},

		{"assigned never", escalation.Trigger{On: escalation.OnAssigned, After: 30 * time.Minute}, opened(at(0), 2, 2, ""), nil, 60, nil, -1},
		{"assigned first", escalation.Trigger{On: escalation.OnAssigned, After: 30 * time.Minute}, opened(at(0), 2, 2, "").assign(at(10), "network", ""), nil, 45, []due{{40, 1}}, -1},
		{"assigned superseded", escalation.Trigger{On: escalation.OnAssigned, After: 30 * time.Minute}, opened(at(0), 2, 2, "").assign(at(10), "network", "").assign(at(20), "desk", ""), nil, 45, nil, 50},
		{"assigned second", escalation.Trigger{On: escalation.OnAssigned, After: 30 * time.Minute}, opened(at(0), 2, 2, "").assign(at(10), "network", "").assign(at(20), "desk", ""), nil, 55, []due{{50, 2}}, -1},
		{"assigned new assignee is no assignment", escalation.Trigger{On: escalation.OnAssigned, After: 30 * time.Minute}, opened(at(0), 2, 2, "network").assign(at(20), "", "nick"), nil, 31, []due{{30, 1}}, -1},

		{"entered and left", escalation.Trigger{On: escalation.OnEntered, State: incident.StateOnHold, After: time.Hour}, working.hold(at(30), hold).do(at(40), resume), nil, 95, []due{{90, 1}}, -1},
		{"entered never", escalation.Trigger{On: escalation.OnEntered, State: incident.StateOnHold, After: time.Hour}, working, nil, 95, nil, -1},
		{"entered initial state", escalation.Trigger{On: escalation.OnEntered, State: incident.StateNew, After: 5 * time.Minute}, opened(at(0), 2, 2, ""), nil, 5, []due{{5, 1}}, -1},
		{"still in, left", escalation.Trigger{On: escalation.OnStillIn, State: incident.StateOnHold, After: time.Hour}, working.hold(at(30), hold).do(at(40), resume), nil, 95, nil, -1},
		{"still in", escalation.Trigger{On: escalation.OnStillIn, State: incident.StateOnHold, After: time.Hour}, working.hold(at(30), hold), nil, 95, []due{{90, 1}}, -1},
		{"still in, waiting", escalation.Trigger{On: escalation.OnStillIn, State: incident.StateOnHold, After: time.Hour}, working.hold(at(30), hold), nil, 60, nil, 90},
		{"still in, second stay", escalation.Trigger{On: escalation.OnStillIn, State: incident.StateOnHold, After: time.Hour}, working.hold(at(30), hold).do(at(40), resume).hold(at(50), hold), nil, 115, []due{{110, 2}}, -1},
		{"still in, new hold reason is no new entry", escalation.Trigger{On: escalation.OnStillIn, State: incident.StateOnHold, After: time.Hour}, working.hold(at(30), hold).hold(at(50), incident.AwaitingChange), nil, 95, []due{{90, 1}}, -1},

		{"customer update, none yet", escalation.Trigger{On: escalation.OnCustomerUpdate, After: 2 * time.Hour}, working, nil, 120, []due{{120, 1}}, -1},
		{"customer update", escalation.Trigger{On: escalation.OnCustomerUpdate, After: 2 * time.Hour}, working.update(at(60)), nil, 170, nil, 180},
		{"customer update, due", escalation.Trigger{On: escalation.OnCustomerUpdate, After: 2 * time.Hour}, working.update(at(60)), nil, 180, []due{{180, 2}}, -1},

		{"not acknowledged", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, "network"), nil, 15, []due{{15, 1}}, -1},
		{"not acknowledged, assignee", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, "network").assign(at(10), "", "nick"), nil, 30, nil, -1},
		{"not acknowledged, first response", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, "network").update(at(5)), nil, 30, nil, -1},
		{"not acknowledged, host ack", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, "network"), ack(12), 30, nil, -1},
		{"not acknowledged, late ack still stops", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, "network"), ack(20), 30, nil, -1},
		{"not acknowledged, reassigned", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, "network").assign(at(10), "", "nick").assign(at(20), "desk", ""), nil, 35, []due{{35, 2}}, -1},
		{"not acknowledged, host ack before reassignment", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, "network").assign(at(20), "desk", ""), ack(12), 30, nil, 35},
		{"not acknowledged, unassigned opening", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, ""), nil, 20, []due{{15, 1}}, -1},

		{"sla used", escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75}, opened(at(0), 1, 1, "network"), nil, 180, []due{{180, 1}}, -1},
		{"sla used, waiting", escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75, After: 10 * time.Minute}, opened(at(0), 1, 1, "network"), nil, 60, nil, 190},
		{"sla used, paused", escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75}, working.hold(at(60), hold), nil, 600, nil, -1},
		{"sla used, unknown metric", escalation.Trigger{On: escalation.OnSLAUsed, Metric: "restore", Used: 0.5}, opened(at(0), 1, 1, "network"), nil, 600, nil, -1},
		{"sla breached", escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Respond}, opened(at(0), 2, 2, "network"), nil, 45, []due{{30, 1}}, -1},
		{"sla breached, met", escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Respond}, opened(at(0), 2, 2, "network").update(at(20)), nil, 45, nil, -1},
		{"sla breached, then responded", escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Respond}, opened(at(0), 2, 2, "network").update(at(40)), nil, 45, []due{{30, 1}}, -1},
		{"sla used, cycle ended before the threshold", escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Respond, Used: 0.9}, opened(at(0), 2, 2, "network").update(at(25)), nil, 45, nil, -1},
		{"sla used, threshold before the cycle ended", escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Respond, Used: 0.5}, opened(at(0), 2, 2, "network").update(at(25)), nil, 45, []due{{15, 1}}, -1},
		{"sla breached, second cycle", escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Update}, working.update(at(60)), nil, 200, []due{{180, 2}}, -1},
		{"sla breached, OLA by name", escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Resolve, SLA: "network-ola"}, opened(at(0), 2, 2, "network"), nil, 125, []due{{120, 1}}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSet(t, onePolicy(tt.trigger))
			now := at(tt.now)
			snap := snapshot(t, tt.events, slaSet(t), now)
			if tt.tweak != nil {
				tt.tweak(&snap)
			}
			ev, err := s.Evaluate(snap, nil, now)
			require.NoError(t, err)
			var got []due
			for _, d := range ev.Due {
				got = append(got, due{int(d.At.Sub(t0) / time.Minute), d.Key.Occurrence})
				assert.Equal(t, escalation.Notify, d.Action)
				assert.Equal(t, []escalation.Recipient{{Kind: escalation.RecipientPerson, ID: "pia"}}, d.Recipients)
			}
			assert.Equal(t, tt.want, got)
			if tt.next < 0 {
				assert.True(t, ev.Next.IsZero(), "next %s", ev.Next)
			} else {
				assert.Equal(t, at(tt.next), ev.Next)
			}
		})
	}
}

// Resolution stops every trigger; reopening resumes.
func TestResolutionStops(t *testing.T) {
	s := newSet(t, onePolicy(escalation.Trigger{On: escalation.OnOpened, After: time.Hour}))
	events := opened(at(0), 2, 2, "network").assign(at(1), "", "nick").do(at(2), incident.ActionStart).resolve(at(30))
	ev := evaluate(t, s, events, nil, at(90))
	assert.Empty(t, ev.Due)
	assert.True(t, ev.Next.IsZero())
	assert.Equal(t, "p", ev.Policy)

	reopened := events.add(incident.Event{At: at(100), Type: incident.EventTransition, Action: incident.ActionReopen, Reason: "still broken"})
	ev = evaluate(t, s, reopened, nil, at(100))
	assert.Equal(t, []brief{{at(60).UTC(), "s1", 0, 1, escalation.Notify, "person:pia"}}, briefs(ev.Due))
}

// The reason is stated once per step, in words.
func TestReasons(t *testing.T) {
	tests := []struct {
		trigger escalation.Trigger
		want    string
	}{
		{escalation.Trigger{On: escalation.OnOpened, After: 15 * time.Minute}, "15m0s after opened"},
		{escalation.Trigger{On: escalation.OnOpened}, "opened"},
		{escalation.Trigger{On: escalation.OnNotAcknowledged, After: 5 * time.Minute}, "not acknowledged within 5m0s"},
		{escalation.Trigger{On: escalation.OnStillIn, State: incident.StateAssigned, After: 4 * time.Hour}, "still assigned 4h0m0s after entering it"},
		{escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75}, "75% of resolve used"},
		{escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Resolve, SLA: "network-ola"}, "resolve (network-ola) breached"},
		{escalation.Trigger{On: escalation.OnCustomerUpdate, After: 2 * time.Hour}, "no update to the customer for 2h0m0s"},
	}
	for _, tt := range tests {
		s := newSet(t, onePolicy(tt.trigger))
		ev := evaluate(t, s, opened(at(0), 1, 1, "network"), slaSet(t), at(60*24))
		require.NotEmpty(t, ev.Due, tt.want)
		assert.Equal(t, tt.want, ev.Due[0].Reason)
	}
}
