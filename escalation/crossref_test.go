package escalation_test

import (
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// partsLifecycle is the default lifecycle with one more on-hold state,
// awaiting_parts.
func partsLifecycle(t testing.TB) *incident.Lifecycle {
	t.Helper()
	def := incident.DefaultDefinition()
	def.States = append(def.States, incident.StateSpec{Name: "awaiting_parts", Flags: incident.FlagOpen | incident.FlagOnHold})
	def.Transitions = append(def.Transitions,
		incident.TransitionSpec{From: incident.StateInProgress, Action: "wait_for_parts", To: "awaiting_parts"},
		incident.TransitionSpec{From: "awaiting_parts", Action: incident.ActionResume, To: incident.StateInProgress})
	lc, err := incident.NewLifecycle(def)
	require.NoError(t, err)
	return lc
}

// slaOn builds an SLA set on lc with one SLA policy, gold (respond).
func slaOn(t testing.TB, lc *incident.Lifecycle) *sla.Set {
	t.Helper()
	s, err := sla.NewSet([]sla.Policy{{Name: "gold", Calendar: "24x7", Targets: []sla.Target{{Metric: sla.Respond, Goal: 30 * time.Minute}}}},
		sla.WithLifecycle(lc), sla.WithCalendars(map[string]*calendar.Calendar{"24x7": always(t)}))
	require.NoError(t, err)
	return s
}

// Names in triggers are checked at construction against what the Set is
// given, and the error lists what exists.
func TestTriggerNames(t *testing.T) {
	slas := slaSet(t)
	parts := partsLifecycle(t)
	olaOnly, err := sla.NewSet([]sla.Policy{
		{Name: "gold", Calendar: "24x7", Targets: []sla.Target{{Metric: sla.Respond, Goal: 30 * time.Minute}}},
		{Name: "network-ola", Kind: sla.OLA, Group: "network", Calendar: "24x7", Targets: []sla.Target{{Metric: sla.Resolve, Goal: 2 * time.Hour}}},
	}, sla.WithCalendars(map[string]*calendar.Calendar{"24x7": always(t)}))
	require.NoError(t, err)
	breached := func(metric sla.Metric, name string) escalation.Trigger {
		return escalation.Trigger{On: escalation.OnSLABreached, Metric: metric, SLA: name}
	}
	stillIn := func(s incident.State) escalation.Trigger {
		return escalation.Trigger{On: escalation.OnStillIn, State: s, After: time.Hour}
	}
	tests := []struct {
		name    string
		trigger escalation.Trigger
		opts    []escalation.Option
		path    string // empty: valid
		msg     string
	}{
		{"SLA by name", breached(sla.Resolve, "gold"), []escalation.Option{escalation.WithSLA(slas)}, "", ""},
		{"OLA by name", breached(sla.Resolve, "network-ola"), []escalation.Option{escalation.WithSLA(slas)}, "", ""},
		{"first SLA", breached(sla.Update, ""), []escalation.Option{escalation.WithSLA(slas)}, "", ""},
		{"misspelt SLA", breached(sla.Resolve, "glod"), []escalation.Option{escalation.WithSLA(slas)},
			"policies[0].steps[0].trigger.sla", `"glod": not a policy of the SLA set (known: gold, network-ola), in policy "p"`},
		{"metric the policy lacks", breached(sla.Respond, "network-ola"), []escalation.Option{escalation.WithSLA(slas)},
			"policies[0].steps[0].trigger.metric", `"respond": policy "network-ola" of the SLA set has no target for this metric (known: resolve)`},
		{"metric no SLA has", escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Restore, Used: 0.5}, []escalation.Option{escalation.WithSLA(slas)},
			"policies[0].steps[0].trigger.metric", `"restore": no SLA policy of the SLA set has a target for this metric (known: respond, resolve, update)`},
		{"metric no policy has", breached(sla.Resolve, ""), []escalation.Option{escalation.WithSLA(slaOn(t, lifecycle(t)))},
			"policies[0].steps[0].trigger.metric", `"resolve": no SLA policy of the SLA set has a target for this metric (known: respond), in policy "p"`},
		{"metric only an OLA has, by default", breached(sla.Resolve, ""), []escalation.Option{escalation.WithSLA(olaOnly)},
			"policies[0].steps[0].trigger.metric", `(known: respond); OLA "network-ola" has one: name it with sla, in policy "p"`},
		{"without WithSLA nothing is checked", breached(sla.Restore, "nobody"), nil, "", ""},

		{"state of the default lifecycle", stillIn(incident.StateOnHold), nil, "", ""},
		{"misspelt state", stillIn("on_hodl"), nil,
			"policies[0].steps[0].trigger.state", `"on_hodl": not a state of the default lifecycle (known: new, assigned, in_progress, on_hold, resolved, closed, cancelled); give yours with WithLifecycle or WithSLA, in policy "p"`},
		{"state of another lifecycle", stillIn("awaiting_parts"), nil, "policies[0].steps[0].trigger.state", "not a state of the default lifecycle"},
		{"state of WithLifecycle", stillIn("awaiting_parts"), []escalation.Option{escalation.WithLifecycle(parts)}, "", ""},
		{"state of the SLA set's lifecycle", stillIn("awaiting_parts"), []escalation.Option{escalation.WithSLA(slaOn(t, parts))}, "", ""},
		{"state not of the SLA set's lifecycle", escalation.Trigger{On: escalation.OnEntered, State: "awaiting_parts"}, []escalation.Option{escalation.WithSLA(slas)},
			"policies[0].steps[0].trigger.state", `not a state of the lifecycle (known: new, assigned,`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := escalation.NewSet([]escalation.Policy{onePolicy(tt.trigger)}, tt.opts...)
			if tt.path == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, escalation.ErrInvalidPolicy)
			var fe *escalation.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.path, fe.Path)
			assert.Contains(t, err.Error(), tt.msg)
			assert.True(t, strings.HasPrefix(err.Error(), "escalation: "+tt.path+" "), err.Error())
		})
	}
}

// The options themselves refuse what cannot work.
func TestOptionErrors(t *testing.T) {
	p := []escalation.Policy{onePolicy(escalation.Trigger{On: escalation.OnOpened})}
	for _, tt := range []struct {
		name string
		opt  escalation.Option
		path string
	}{
		{"nil SLA set", escalation.WithSLA(nil), "sla"},
		{"nil lifecycle", escalation.WithLifecycle(nil), "lifecycle"},
		{"zero lifecycle", escalation.WithLifecycle(&incident.Lifecycle{}), "lifecycle"},
		{"nil directory", escalation.WithDirectory(nil), "directory"},
		{"nil schedule", escalation.WithSchedules(nil), "schedules[0]"},
		{"nil calendar", escalation.WithCalendars(map[string]*calendar.Calendar{"office": nil}), "calendars.office"},
		{"unnamed predicate", escalation.WithPredicate("", func(incident.Incident) bool { return true }), "predicates"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := escalation.NewSet(p, tt.opt)
			assert.ErrorIs(t, err, escalation.ErrInvalidPolicy)
			var fe *escalation.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.path, fe.Path)
		})
	}
	_, err := escalation.NewSet(p, escalation.WithSLA(slaSet(t)), escalation.WithLifecycle(partsLifecycle(t)))
	assert.ErrorIs(t, err, escalation.ErrInvalidPolicy)
	assert.ErrorContains(t, err, "different lifecycles")
	lc := slaSet(t).Lifecycle()
	slas, err := sla.NewSet(nil, sla.WithLifecycle(lc))
	require.NoError(t, err)
	_, err = escalation.NewSet(p, escalation.WithSLA(slas), escalation.WithLifecycle(lc))
	assert.NoError(t, err, "the same lifecycle twice")
}

// Dangling names of calendars, schedules and predicates list the known
// ones.
func TestDanglingNames(t *testing.T) {
	mod := func(f func(*escalation.Policy)) []escalation.Policy {
		p := onePolicy(escalation.Trigger{On: escalation.OnOpened})
		f(&p)
		return []escalation.Policy{p}
	}
	vip := escalation.WithPredicate("vip", func(incident.Incident) bool { return true })
	for _, tt := range []struct {
		name     string
		policies []escalation.Policy
		path     string
		msg      string
	}{
		{"calendar", mod(func(p *escalation.Policy) { p.Steps[0].When.Closed = "ofice" }),
			"policies[0].steps[0].when.closed", `"ofice": no such calendar (known: 24x7, office); give it with WithCalendars, in policy "p"`},
		{"schedule", mod(func(p *escalation.Policy) {
			p.Steps[0].Targets = []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "opps"}}
		}), "policies[0].steps[0].targets[0].schedule", `"opps": no such schedule (known: ops)`},
		{"policy predicate", mod(func(p *escalation.Policy) { p.When.Predicate = "vpi" }),
			"policies[0].when.predicate", `"vpi": no such predicate (known: vip); register it with WithPredicate`},
		{"step predicate", mod(func(p *escalation.Policy) { p.Steps[0].When.Predicate = "gold" }),
			"policies[0].steps[0].when.predicate", `(known: vip)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := escalation.NewSet(tt.policies, escalation.WithCalendars(map[string]*calendar.Calendar{"office": office(t), "24x7": always(t)}),
				escalation.WithSchedules(rotation(t)), vip)
			require.Error(t, err)
			assert.ErrorIs(t, err, escalation.ErrInvalidPolicy)
			var fe *escalation.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.path, fe.Path)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
	_, err := escalation.NewSet(mod(func(p *escalation.Policy) { p.When.Predicate = "vip" }))
	assert.ErrorContains(t, err, "no such predicate (known: none)")
}

// A Set built WithSLA evaluates as one built without it.
func TestWithSLAEvaluates(t *testing.T) {
	slas := slaSet(t)
	p := onePolicy(escalation.Trigger{On: escalation.OnSLABreached, Metric: sla.Resolve, SLA: "network-ola"})
	s, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithSLA(slas))
	require.NoError(t, err)
	ev := s.Evaluate(slaAt(t, opened(at(0), 2, 2, "network"), slas, at(125)), nil)
	require.Len(t, ev.Due, 1)
	assert.Equal(t, at(120).UTC(), ev.Due[0].At.UTC())
}
