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
	// A page acknowledged in a paging app reaches the incident as the
	// acknowledging person's assignment.
	ack := func(h history, m int) history { return h.assign(at(m), "", "pia") }
	type due struct{ at, occurrence int }
	tests := []struct {
		name    string
		trigger escalation.Trigger
		events  history
		now     int
		want    []due
		next    int // minutes; -1 for none
	}{
		{"opened before", escalation.Trigger{On: escalation.OnOpened, After: 15 * time.Minute}, opened(at(0), 2, 2, "network"), 14, nil, 15},
		{"opened at", escalation.Trigger{On: escalation.OnOpened, After: 15 * time.Minute}, opened(at(0), 2, 2, "network"), 15, []due{{15, 1}}, -1},
		{"opened at once", escalation.Trigger{On: escalation.OnOpened}, opened(at(0), 2, 2, "network"), 0, []due{{0, 1}}, -1},

		{"assigned never", escalation.Trigger{On: escalation.OnAssigned, After: 30 * time.Minute}, opened(at(0), 2, 2, ""), 60, nil, -1},
		{"assigned first", escalation.Trigger{On: escalation.OnAssigned, After: 30 * time.Minute}, opened(at(0), 2, 2, "").assign(at(10), "network", ""), 45, []due{{40, 1}}, -1},
		{"assigned superseded", escalation.Trigger{On: escalation.OnAssigned, After: 30 * time.Minute}, opened(at(0), 2, 2, "").assign(at(10), "network", "").assign(at(20), "desk", ""), 45, nil, 50},
		{"assigned second", escalation.Trigger{On: escalation.OnAssigned, After: 30 * time.Minute}, opened(at(0), 2, 2, "").assign(at(10), "network", "").assign(at(20), "desk", ""), 55, []due{{50, 2}}, -1},
		{"assigned new assignee is no assignment", escalation.Trigger{On: escalation.OnAssigned, After: 30 * time.Minute}, opened(at(0), 2, 2, "network").assign(at(20), "", "nick"), 31, []due{{30, 1}}, -1},

		{"entered and left", escalation.Trigger{On: escalation.OnEntered, State: incident.StateOnHold, After: time.Hour}, working.hold(at(30), hold).do(at(40), resume), 95, []due{{90, 1}}, -1},
		{"entered never", escalation.Trigger{On: escalation.OnEntered, State: incident.StateOnHold, After: time.Hour}, working, 95, nil, -1},
		{"entered initial state", escalation.Trigger{On: escalation.OnEntered, State: incident.StateNew, After: 5 * time.Minute}, opened(at(0), 2, 2, ""), 5, []due{{5, 1}}, -1},
		{"still in, left", escalation.Trigger{On: escalation.OnStillIn, State: incident.StateOnHold, After: time.Hour}, working.hold(at(30), hold).do(at(40), resume), 95, nil, -1},
		{"still in", escalation.Trigger{On: escalation.OnStillIn, State: incident.StateOnHold, After: time.Hour}, working.hold(at(30), hold), 95, []due{{90, 1}}, -1},
		{"still in, waiting", escalation.Trigger{On: escalation.OnStillIn, State: incident.StateOnHold, After: time.Hour}, working.hold(at(30), hold), 60, nil, 90},
		{"still in, second stay", escalation.Trigger{On: escalation.OnStillIn, State: incident.StateOnHold, After: time.Hour}, working.hold(at(30), hold).do(at(40), resume).hold(at(50), hold), 115, []due{{110, 2}}, -1},
		{"still in, new hold reason is no new entry", escalation.Trigger{On: escalation.OnStillIn, State: incident.StateOnHold, After: time.Hour}, working.hold(at(30), hold).hold(at(50), incident.AwaitingChange), 95, []due{{90, 1}}, -1},

		{"customer update, none yet", escalation.Trigger{On: escalation.OnCustomerUpdate, After: 2 * time.Hour}, working, 120, []due{{120, 1}}, -1},
		{"customer update", escalation.Trigger{On: escalation.OnCustomerUpdate, After: 2 * time.Hour}, working.update(at(60)), 170, nil, 180},
		{"customer update, due", escalation.Trigger{On: escalation.OnCustomerUpdate, After: 2 * time.Hour}, working.update(at(60)), 180, []due{{180, 2}}, -1},

		{"not acknowledged", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, "network"), 15, []due{{15, 1}}, -1},
		{"not acknowledged, assignee", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, "network").assign(at(10), "", "nick"), 30, nil, -1},
		{"not acknowledged, first response", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, "network").update(at(5)), 30, nil, -1},
		{"not acknowledged, host ack", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, ack(opened(at(0), 2, 2, "network"), 12), 30, nil, -1},
		{"not acknowledged, late ack still stops", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, ack(opened(at(0), 2, 2, "network"), 20), 30, nil, -1},
		{"not acknowledged, reassigned", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, "network").assign(at(10), "", "nick").assign(at(20), "desk", ""), 35, []due{{35, 2}}, -1},
		{"not acknowledged, host ack before reassignment", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, ack(opened(at(0), 2, 2, "network"), 12).assign(at(20), "desk", ""), 30, nil, 35},
		{"not acknowledged, unassigned opening", escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute}, opened(at(0), 2, 2, ""), 20, []due{{15, 1}}, -1},

		{"sla used", escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75}, opened(at(0), 1, 1, "network"), 180, []due{{180, 1}}, -1},
		{"sla used, waiting", escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75, After: 10 * time.Minute}, opened(at(0), 1, 1, "network"), 60, nil, 190},
		{"sla used, paused", escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75}, working.hold(at(60), hold), 600, nil, -1},
		{"sla used, unknown metric", escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Restore, Used: 0.5}, opened(at(0), 1, 1, "network"), 600, nil, -1},
		{"sla breached", escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Respond}, opened(at(0), 2, 2, "network"), 45, []due{{30, 1}}, -1},
		{"sla breached, met", escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Respond}, opened(at(0), 2, 2, "network").update(at(20)), 45, nil, -1},
		{"sla breached, then responded", escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Respond}, opened(at(0), 2, 2, "network").update(at(40)), 45, []due{{30, 1}}, -1},
		{"sla used, cycle ended before the threshold", escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Respond, Used: 0.9}, opened(at(0), 2, 2, "network").update(at(25)), 45, nil, -1},
		{"sla used, threshold before the cycle ended", escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Respond, Used: 0.5}, opened(at(0), 2, 2, "network").update(at(25)), 45, []due{{15, 1}}, -1},
		{"sla breached, second cycle", escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Update}, working.update(at(60)), 200, []due{{180, 2}}, -1},
		{"sla breached, OLA by name", escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Resolve, SLA: "network-ola"}, opened(at(0), 2, 2, "network"), 125, []due{{120, 1}}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSet(t, onePolicy(tt.trigger))
			now := at(tt.now)
			// SLA triggers read the SLA set; the others are evaluated
			// without one. next is the step's own; Next is the earlier of it
			// and the SLA's next change, the incident's one wake-up.
			var slas *sla.Set
			if tt.trigger.On == escalation.OnSLAUsed || tt.trigger.On == escalation.OnSLABreached {
				slas = slaSet(t)
				// Built WithSLA, the set checks the trigger's names (the
				// unknown metric is refused then: see TestTriggerNames).
				if tt.trigger.Metric != sla.Restore {
					var err error
					s, err = escalation.NewSet([]escalation.Policy{onePolicy(tt.trigger)}, escalation.WithSLA(slas))
					require.NoError(t, err)
				}
			}
			judged := slaAt(t, tt.events, slas, now)
			ev := s.Evaluate(judged, nil)
			var got []due
			for _, d := range ev.Due {
				got = append(got, due{int(d.At.Sub(t0) / time.Minute), d.Key.Occurrence})
				assert.Equal(t, escalation.Notify, d.Task)
				assert.Equal(t, []escalation.Recipient{{Kind: escalation.RecipientPerson, ID: "pia"}}, d.Recipients)
			}
			assert.Equal(t, tt.want, got)
			var want time.Time
			if tt.next >= 0 {
				want = at(tt.next)
			}
			if change, ok := judged.NextChange(); ok && (want.IsZero() || change.Before(want)) {
				want = change
			}
			assert.True(t, want.Equal(ev.Next), "next %s, want %s", ev.Next, want)
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
