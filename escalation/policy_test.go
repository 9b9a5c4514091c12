package escalation_test

import (
	"encoding/json"
	"os"
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

// Invalid policies are typed errors naming the field.
func TestPolicyErrors(t *testing.T) {
	opened15 := escalation.Trigger{On: escalation.OnOpened, After: 15 * time.Minute}
	pia := []escalation.Target{{Kind: escalation.TargetPerson, Person: "pia"}}
	mod := func(f func(p *escalation.Policy)) escalation.Policy {
		p := onePolicy(opened15)
		f(&p)
		return p
	}
	tests := []struct {
		name   string
		policy escalation.Policy
		field  string
		msg    string
	}{
		{"no name", mod(func(p *escalation.Policy) { p.Name = "" }), "policies[0].name", "a policy needs a name"},
		{"empty chain", mod(func(p *escalation.Policy) { p.Steps = nil }), "policies[0].steps", "at least one step"},
		{"negative delay", mod(func(p *escalation.Policy) { p.Steps[0].Trigger.After = -time.Minute }), "policies[0].steps[0].trigger.after", "must not be negative"},
		{"repeat without interval", mod(func(p *escalation.Policy) { p.Repeat = escalation.Repeat{Times: 3} }), "policies[0].repeat.interval", "needs an interval"},
		{"negative interval", mod(func(p *escalation.Policy) { p.Repeat = escalation.Repeat{Times: 3, Interval: -time.Minute} }), "policies[0].repeat.interval", "negative"},
		{"interval without times", mod(func(p *escalation.Policy) { p.Repeat = escalation.Repeat{Interval: time.Minute} }), "policies[0].repeat.times", "number of times"},
		{"too many repeats", mod(func(p *escalation.Policy) { p.Repeat = escalation.Repeat{Times: 1000, Interval: time.Minute} }), "policies[0].repeat.times", "0 to 100"},
		{"repeat from nowhere", mod(func(p *escalation.Policy) { p.Repeat = escalation.Repeat{From: "s9", Times: 1, Interval: time.Minute} }), "policies[0].repeat.from", "no step"},
		{"no trigger", mod(func(p *escalation.Policy) { p.Steps[0].Trigger = escalation.Trigger{} }), "policies[0].steps[0].trigger.on", "needs a trigger"},
		{"unknown trigger", mod(func(p *escalation.Policy) { p.Steps[0].Trigger.On = 42 }), "policies[0].steps[0].trigger.on", "unknown trigger"},
		{"threshold zero", mod(func(p *escalation.Policy) {
			p.Steps[0].Trigger = escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve}
		}), "policies[0].steps[0].trigger.used", "(0, 1]"},
		{"threshold above one", mod(func(p *escalation.Policy) {
			p.Steps[0].Trigger = escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 1.5}
		}), "policies[0].steps[0].trigger.used", "(0, 1]"},
		{"threshold on another trigger", mod(func(p *escalation.Policy) { p.Steps[0].Trigger.Used = 0.5 }), "policies[0].steps[0].trigger.used", "only sla_used"},
		{"sla trigger without metric", mod(func(p *escalation.Policy) { p.Steps[0].Trigger = escalation.Trigger{On: escalation.OnSLABreached} }), "policies[0].steps[0].trigger.metric", "needs an SLA metric"},
		{"state trigger without state", mod(func(p *escalation.Policy) { p.Steps[0].Trigger = escalation.Trigger{On: escalation.OnStillIn} }), "policies[0].steps[0].trigger.state", "needs a state"},
		{"state on another trigger", mod(func(p *escalation.Policy) { p.Steps[0].Trigger.State = "new" }), "policies[0].steps[0].trigger.state", "only entered and still_in"},
		{"step without name", mod(func(p *escalation.Policy) { p.Steps[0].Name = "" }), "policies[0].steps[0].name", "needs a name"},
		{"two steps, one name", mod(func(p *escalation.Policy) { p.Steps = append(p.Steps, p.Steps[0]) }), "policies[0].steps[1].name", "two steps"},
		{"notify nobody", mod(func(p *escalation.Policy) { p.Steps[0].Targets = nil }), "policies[0].steps[0].targets", "at least one target"},
		{"reassign to two", mod(func(p *escalation.Policy) {
			p.Steps[0].Tasks = []escalation.Task{escalation.Reassign}
			p.Steps[0].Targets = append(pia, escalation.Target{Kind: escalation.TargetPerson, Person: "pim"})
		}), "policies[0].steps[0].targets", "exactly one target"},
		{"reassign to a role", mod(func(p *escalation.Policy) {
			p.Steps[0].Tasks = []escalation.Task{escalation.Reassign}
			p.Steps[0].Targets = []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}
		}), "policies[0].steps[0].targets[0].kind", "reassign goes to"},
		{"reassign to the incident's group", mod(func(p *escalation.Policy) {
			p.Steps[0].Tasks = []escalation.Task{escalation.Reassign}
			p.Steps[0].Targets = []escalation.Target{{Kind: escalation.TargetGroup}}
		}), "policies[0].steps[0].targets[0].group", "needs the group"},
		{"unknown task", mod(func(p *escalation.Policy) { p.Steps[0].Tasks = []escalation.Task{9} }), "policies[0].steps[0].tasks[0]", "unknown task"},
		{"action twice", mod(func(p *escalation.Policy) {
			p.Steps[0].Tasks = []escalation.Task{escalation.Notify, escalation.Notify}
		}), "policies[0].steps[0].tasks[1]", "twice"},
		{"raise_to without raising", mod(func(p *escalation.Policy) { p.Steps[0].RaiseTo = incident.P1 }), "policies[0].steps[0].raise_to", "only a step that raises"},
		{"target twice", mod(func(p *escalation.Policy) { p.Steps[0].Targets = append(pia, pia...) }), "policies[0].steps[0].targets[1]", "names this target twice"},
		{"target without kind", mod(func(p *escalation.Policy) { p.Steps[0].Targets = []escalation.Target{{}} }), "policies[0].steps[0].targets[0].kind", "needs a kind"},
		{"person without person", mod(func(p *escalation.Policy) { p.Steps[0].Targets = []escalation.Target{{Kind: escalation.TargetPerson}} }), "policies[0].steps[0].targets[0].person", "needs a person"},
		{"group on a person", mod(func(p *escalation.Policy) {
			p.Steps[0].Targets = []escalation.Target{{Kind: escalation.TargetPerson, Person: "pia", Group: "x"}}
		}), "policies[0].steps[0].targets[0].group", "only group, role and members"},
		{"unknown schedule", mod(func(p *escalation.Policy) {
			p.Steps[0].Targets = []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "nope"}}
		}), "policies[0].steps[0].targets[0].schedule", "no such schedule"},
		{"unknown calendar", mod(func(p *escalation.Policy) { p.Steps[0].When.Open = "nope" }), "policies[0].steps[0].when.open", "no such calendar"},
		{"bad priority", mod(func(p *escalation.Policy) { p.When.Priorities = []incident.Priority{7} }), "policies[0].when.priorities[0]", "1 to 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := escalation.NewSet([]escalation.Policy{tt.policy}, escalation.WithSchedules(rotation(t)), escalation.WithDirectory(testDirectory))
			require.Error(t, err)
			assert.ErrorIs(t, err, escalation.ErrInvalidPolicy)
			var fe *escalation.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Path)
			assert.Contains(t, err.Error(), tt.msg)
			assert.True(t, strings.HasPrefix(err.Error(), "escalation: "), err.Error())
		})
	}

	t.Run("targets needing a directory", func(t *testing.T) {
		p := onePolicy(opened15, func(p *escalation.Policy) {
			p.Steps[0].Targets = []escalation.Target{{Kind: escalation.TargetMembers}}
		})
		_, err := escalation.NewSet([]escalation.Policy{p})
		assert.ErrorIs(t, err, escalation.ErrInvalidPolicy)
		assert.ErrorContains(t, err, "needs a directory")
	})
	t.Run("two policies, one name", func(t *testing.T) {
		_, err := escalation.NewSet([]escalation.Policy{onePolicy(opened15), onePolicy(opened15)})
		assert.ErrorIs(t, err, escalation.ErrInvalidPolicy)
		assert.EqualError(t, err, `escalation: policies[1].name "p": two policies with one name (policies[0])`)
	})
}

// The first policy whose selector matches is the incident's; the zero
// selector is the catch-all; none matching means nothing is due.
func TestPolicySelection(t *testing.T) {
	p1 := escalation.Policy{Name: "p1", When: incident.Selector{Priorities: []incident.Priority{incident.P1}}, Steps: chain(escalation.OnOpened, 0)}
	acme := escalation.Policy{Name: "acme", When: incident.Selector{Customers: []string{"acme"}, Services: []string{"vpn"}}, Steps: chain(escalation.OnOpened, 0)}
	all := escalation.Policy{Name: "catch-all", Steps: chain(escalation.OnOpened, 0)}

	s := newSet(t, p1, acme, all)
	assert.Equal(t, "p1", evaluate(t, s, opened(at(0), 1, 1, "network"), nil, at(0)).Policy)
	assert.Equal(t, "catch-all", evaluate(t, s, opened(at(0), 2, 2, "network"), nil, at(0)).Policy)
	vpn := history{}.add(incident.Event{At: at(0), Type: incident.EventOpen, ID: "INC2", Customer: "acme", Service: "vpn", Impact: 3, Urgency: 3})
	assert.Equal(t, "acme", evaluate(t, s, vpn, nil, at(0)).Policy)

	// Upgraded to P1 at 30 minutes: the P1 policy's steps fire at once,
	// with their due times.
	up := evaluate(t, s, opened(at(0), 2, 2, "network").prioritize(at(30), incident.P1), nil, at(30))
	assert.Equal(t, "p1", up.Policy)
	require.Len(t, up.Due, 1)
	assert.Equal(t, at(0), up.Due[0].At)

	only := newSet(t, p1)
	ev := evaluate(t, only, opened(at(0), 3, 3, "network"), nil, at(60))
	assert.Equal(t, "", ev.Policy)
	assert.Empty(t, ev.Due)
}

// Policies round-trip through JSON; durations read as Go or ISO 8601 and
// are written as Go; unknown words and keys are errors.
func TestPolicyJSON(t *testing.T) {
	b, err := os.ReadFile("testdata/policies.json")
	require.NoError(t, err)
	var ps []escalation.Policy
	require.NoError(t, json.Unmarshal(b, &ps))
	s, err := escalation.NewSet(ps, escalation.WithSchedules(rotation(t)), escalation.WithDirectory(testDirectory),
		escalation.WithCalendars(map[string]*calendar.Calendar{"office": office(t)}))
	require.NoError(t, err)
	assert.Equal(t, 15*time.Minute, ps[0].Steps[1].Trigger.After, "PT15M")
	assert.Equal(t, 45*time.Minute, ps[0].Repeat.Interval)

	out, err := json.Marshal(s.Policies())
	require.NoError(t, err)
	assert.Contains(t, string(out), `"after":"15m0s"`)
	var back []escalation.Policy
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, ps, back)
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(out), string(again))

	for _, tt := range []struct {
		doc string
		is  error
		msg string
	}{
		{`{"name":"p","steps":[{"name":"s","trigger":{"on":"whenever"}}]}`, escalation.ErrUnknownWord, `escalation: steps[0].trigger.on "whenever": unknown On (known: opened,`},
		{`{"name":"p","steps":[{"name":"s","trigger":{"on":"opened","aftr":"5m"}}]}`, escalation.ErrInvalidPolicy, `unknown field "aftr"`},
		{`{"name":"p","steps":[{"name":"s","trigger":{"on":"opened"},"tasks":["shout"]}]}`, escalation.ErrUnknownWord, `steps[0].tasks[0] "shout": unknown Task`},
		{`{"name":"p","steps":[{"name":"s","trigger":{"on":"opened"},"targets":[{"kind":"pigeon"}]}]}`, escalation.ErrUnknownWord, `steps[0].targets[0].kind "pigeon": unknown TargetKind`},
		{`{"name":"p","steps":[{"name":"s","trigger":{"on":"opened","after":"soon"}}]}`, nil, `"soon": neither a Go duration`},
		{`{"name":"p","steps":[{"name":"s","trigger":{"on":"opened"},"when":{"open":"office","colour":"red"}}]}`, escalation.ErrInvalidPolicy, `unknown field "colour"`},
	} {
		var p escalation.Policy
		err := json.Unmarshal([]byte(tt.doc), &p)
		require.Error(t, err, tt.doc)
		if tt.is != nil {
			assert.ErrorIs(t, err, tt.is, tt.doc)
		}
		assert.ErrorContains(t, err, tt.msg)
	}
}
