package incident_test

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

func TestNewLifecycleRejects(t *testing.T) {
	base := incident.DefaultDefinition
	tests := []struct {
		name   string
		change func(d *incident.Definition)
		opts   []incident.Option
		field  string
	}{
		{"no states", func(d *incident.Definition) { d.States = nil }, nil, "states"},
		{"bad state name", func(d *incident.Definition) { d.States[1].Name = "In Progress" }, nil, "states[1].name"},
		{"duplicate state", func(d *incident.Definition) { d.States[1].Name = "new" }, nil, "states[1].name"},
		{"bad flags", func(d *incident.Definition) { d.States[2].Flags = incident.FlagOpen | incident.FlagResolved }, nil, "states[2].flags"},
		{"no flags", func(d *incident.Definition) { d.States[2].Flags = 0 }, nil, "states[2].flags"},
		{"on hold without open", func(d *incident.Definition) { d.States[3].Flags = incident.FlagOnHold }, nil, "states[3].flags"},
		{"no initial", func(d *incident.Definition) { d.Initial = "" }, nil, "initial"},
		{"unknown initial", func(d *incident.Definition) { d.Initial = "draft" }, nil, "initial"},
		{"resolved initial", func(d *incident.Definition) { d.Initial = incident.StateResolved }, nil, "initial"},
		{"on-hold initial", func(d *incident.Definition) { d.Initial = incident.StateOnHold }, nil, "initial"},
		{"bad hold reason", func(d *incident.Definition) { d.HoldReasons[0] = "Awaiting" }, nil, "hold_reasons[0]"},
		{"duplicate hold reason", func(d *incident.Definition) { d.HoldReasons[1] = d.HoldReasons[0] }, nil, "hold_reasons[1]"},
		{"unknown from", func(d *incident.Definition) { d.Transitions[0].From = "draft" }, nil, "transitions[0].from"},
		{"unknown to", func(d *incident.Definition) { d.Transitions[0].To = "draft" }, nil, "transitions[0].to"},
		{"bad action", func(d *incident.Definition) { d.Transitions[0].Action = "" }, nil, "transitions[0].action"},
		{"from terminal", func(d *incident.Definition) {
			d.Transitions = append(d.Transitions, incident.TransitionSpec{From: incident.StateClosed, Action: "reopen", To: incident.StateInProgress})
		}, nil, "transitions[13].from"},
		{"duplicate action", func(d *incident.Definition) {
			d.Transitions = append(d.Transitions, incident.TransitionSpec{From: incident.StateNew, Action: "assign", To: incident.StateInProgress})
		}, nil, "transitions[13].action"},
		{"unknown guard", func(d *incident.Definition) { d.Transitions[0].Guards = []string{"magic"} }, nil, "transitions[0].guards[0]"},
		{"repeated guard", func(d *incident.Definition) { d.Transitions[0].Guards = []string{"reason", "reason"} }, nil, "transitions[0].guards[1]"},
		{"reopen window guard without window", func(d *incident.Definition) { d.ReopenWindow = 0 }, nil, "reopen_window"},
		{"negative window", func(d *incident.Definition) { d.ReopenWindow = -time.Hour }, nil, "reopen_window"},
		{"unreachable state", func(d *incident.Definition) {
			d.States = append(d.States, incident.StateSpec{Name: "limbo", Flags: incident.FlagOpen})
		}, nil, "states[7].name"},
		{"trigger with unknown action", func(d *incident.Definition) { d.Triggers[0].Action = "teleport" }, nil, "triggers[0].action"},
		{"trigger into hold", func(d *incident.Definition) { d.Triggers[0].Action = incident.ActionHold }, nil, "triggers[0].action"},
		{"trigger with unknown kind", func(d *incident.Definition) { d.Triggers[0].On = 0 }, nil, "triggers[0].on"},
		{"trigger with unknown hold reason", func(d *incident.Definition) { d.Triggers[1].HoldReasons = []incident.HoldReason{"awaiting_godot"} }, nil, "triggers[1].hold_reasons[0]"},
		{"option: bad guard name", nil, []incident.Option{incident.WithGuard("Bad", func(incident.Incident, incident.Event) string { return "" })}, "guard name"},
		{"option: built-in guard name", nil, []incident.Option{incident.WithGuard("reason", func(incident.Incident, incident.Event) string { return "" })}, "guard name"},
		{"option: nil guard", nil, []incident.Option{incident.WithGuard("custom", nil)}, "guard custom"},
		{"option: zero window", nil, []incident.Option{incident.WithReopenWindow(0)}, "reopen_window"},
		{"option: zero matrix", nil, []incident.Option{incident.WithMatrix(incident.Matrix{})}, "matrix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := base()
			if tt.change != nil {
				tt.change(&def)
			}
			lc, err := incident.NewLifecycle(def, tt.opts...)
			require.ErrorIs(t, err, incident.ErrInvalidLifecycle)
			var fe *incident.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Path)
			assert.Nil(t, lc)
			assert.Contains(t, err.Error(), "incident: "+tt.field)
		})
	}
}

func TestLifecycleOptions(t *testing.T) {
	lc, err := incident.DefaultLifecycle(incident.WithReopenWindow(48*time.Hour), incident.WithMatrix(incident.GLPIMatrix()), nil)
	require.NoError(t, err)
	assert.Equal(t, 48*time.Hour, lc.ReopenWindow())
	assert.Equal(t, incident.GLPIMatrix(), lc.Matrix())
	assert.Equal(t, 48*time.Hour, lc.Definition().ReopenWindow)

	// The window applies to reopening.
	resolved := replayTo(t, lc, incident.StateResolved)
	_, _, err = resolved.Apply(lc, withReason(incident.Event{At: at(4).Add(48 * time.Hour), Actor: "carol",
		Type: incident.EventTransition, Action: incident.ActionReopen}, "again"))
	require.ErrorIs(t, err, incident.ErrGuard)

	// A zero matrix in the definition means ITIL.
	def := incident.DefaultDefinition()
	def.Matrix = incident.Matrix{}
	lc, err = incident.NewLifecycle(def)
	require.NoError(t, err)
	assert.Equal(t, incident.ITILMatrix(), lc.Matrix())

	assert.Equal(t, incident.StateNew, lc.Initial())
	f, ok := lc.Flags(incident.StateOnHold)
	assert.True(t, ok)
	assert.Equal(t, incident.FlagOpen|incident.FlagOnHold, f)
	_, ok = lc.Flags("limbo")
	assert.False(t, ok)
	assert.Nil(t, lc.Actions(incident.StateClosed))
	assert.Nil(t, lc.Actions("limbo"))
}

func TestCustomGuard(t *testing.T) {
	def := incident.DefaultDefinition()
	for i := range def.Transitions {
		if def.Transitions[i].Action == incident.ActionResolve {
			def.Transitions[i].Guards = append(def.Transitions[i].Guards, "has_ci")
		}
	}
	hasCI := func(inc incident.Incident, _ incident.Event) string {
		if inc.ConfigurationItem == "" {
			return "set the configuration item before resolving"
		}
		return ""
	}
	_, err := incident.NewLifecycle(def)
	require.ErrorIs(t, err, incident.ErrInvalidLifecycle, "unknown without the option")

	lc, err := incident.NewLifecycle(def, incident.WithGuard("has_ci", hasCI))
	require.NoError(t, err)
	inProgress := replayTo(t, lc, incident.StateInProgress)
	_, _, err = inProgress.Apply(lc, resolveEv(10))
	var te *incident.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "has_ci", te.Guard)

	fixed, _ := mustApply(t, lc, inProgress, incident.Event{At: at(9), Actor: "bob", Type: incident.EventClassify, ConfigurationItem: "mx01"})
	done, _ := mustApply(t, lc, fixed, resolveEv(10))
	assert.Equal(t, incident.StateResolved, done.State)

	// The definition names the custom guard; it rebuilds with the option.
	b, err := json.Marshal(lc)
	require.NoError(t, err)
	var back incident.Lifecycle
	assert.ErrorIs(t, json.Unmarshal(b, &back), incident.ErrInvalidLifecycle)
	var d incident.Definition
	require.NoError(t, json.Unmarshal(b, &d))
	_, err = incident.NewLifecycle(d, incident.WithGuard("has_ci", hasCI))
	require.NoError(t, err)
}

func TestDefinitionJSON(t *testing.T) {
	lc := defaultLC(t)
	b, err := json.Marshal(lc)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"reopen_window":"168h0m0s"`)
	assert.Contains(t, string(b), `{"name":"on_hold","flags":["open","on_hold"]}`)
	assert.Contains(t, string(b), `"matrix":[[1,2,3],[2,3,4],[3,4,5]]`)
	assert.Contains(t, string(b), `{"on":"caller_reply","action":"resume","hold_reasons":["awaiting_caller"]}`)

	var back incident.Lifecycle
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, lc.Definition(), back.Definition())
	assert.Equal(t, lc.DOT(), back.DOT())

	// ISO 8601 reopen window.
	var d incident.Definition
	require.NoError(t, json.Unmarshal(b, &d))
	raw := map[string]any{}
	require.NoError(t, json.Unmarshal(b, &raw))
	raw["reopen_window"] = "P3D"
	b2, err := json.Marshal(raw)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b2, &d))
	assert.Equal(t, 72*time.Hour, d.ReopenWindow)

	// Definition returns a copy.
	d = lc.Definition()
	d.Transitions[0].Guards[0] = "tampered"
	d.States[0].Name = "tampered"
	assert.Equal(t, incident.DefaultDefinition(), lc.Definition())

	for _, bad := range []string{
		`{"states":[{"name":"new","flags":["opened"]}]}`,
		`{"triggers":[{"on":"whenever","action":"x"}]}`,
		`{"reopen_window":"a week"}`,
		`{"matrix":[[1]]}`,
	} {
		assert.Error(t, json.Unmarshal([]byte(bad), &d), bad)
	}
}

func TestFlags(t *testing.T) {
	f := incident.FlagOpen | incident.FlagOnHold
	assert.True(t, f.Has(incident.FlagOpen))
	assert.True(t, f.Has(incident.FlagOpen|incident.FlagOnHold))
	assert.False(t, f.Has(incident.FlagOpen|incident.FlagResolved))
	assert.False(t, f.Has(0))
	assert.Equal(t, "open, on_hold", f.String())
	b, err := json.Marshal(incident.Flags(0))
	require.NoError(t, err)
	assert.Equal(t, "[]", string(b))
	_, err = json.Marshal(incident.Flags(64))
	assert.ErrorIs(t, err, incident.ErrUnknownWord)
	var back incident.Flags
	assert.ErrorIs(t, json.Unmarshal([]byte(`"open"`), &back), incident.ErrUnknownWord)
}

// TestLifecycleConcurrentUse folds histories on one lifecycle from several
// goroutines; run with -race.
func TestLifecycleConcurrentUse(t *testing.T) {
	lc := defaultLC(t)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, s := range []incident.State{incident.StateClosed, incident.StateOnHold, incident.StateCancelled} {
				inc, err := replay(lc, path(s))
				assert.NoError(t, err)
				assert.Equal(t, s, inc.State)
				_ = lc.DOT()
			}
		}()
	}
	wg.Wait()
}

func TestNilLifecycle(t *testing.T) {
	var lc *incident.Lifecycle
	assert.Empty(t, lc.DOT())
	assert.Empty(t, lc.Mermaid())
	assert.Equal(t, incident.Definition{}, lc.Definition())
	assert.Empty(t, lc.Initial())
	assert.True(t, lc.Matrix().IsZero())
	assert.Zero(t, lc.ReopenWindow())
	_, ok := lc.Flags(incident.StateNew)
	assert.False(t, ok)
	assert.Nil(t, lc.Actions(incident.StateNew))
	b, err := lc.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
}

func TestOpenHoldReasons(t *testing.T) {
	def := incident.DefaultDefinition()
	def.HoldReasons = nil
	def.Triggers = def.Triggers[:1] // the caller_reply trigger names a hold reason
	lc, err := incident.NewLifecycle(def)
	require.NoError(t, err)
	inProgress := replayTo(t, lc, incident.StateInProgress)
	inc, _ := mustApply(t, lc, inProgress, holdEv(10, "awaiting_parts"))
	assert.Equal(t, incident.HoldReason("awaiting_parts"), inc.HoldReason)
	_, _, err = inProgress.Apply(lc, holdEv(10, "Awaiting Parts"))
	require.ErrorIs(t, err, incident.ErrInvalidEvent)
}
