package escalation_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func roundRobinPolicy() escalation.Policy {
	return escalation.Policy{Name: "p", Steps: []escalation.Step{{
		Name: "one by one", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged}, RoundRobin: true,
		Targets: []escalation.Target{
			{Kind: escalation.TargetPerson, Person: "pia"},
			{Kind: escalation.TargetPerson, Person: "pat"},
			{Kind: escalation.TargetPerson, Person: "pol"},
		},
	}}, Repeat: escalation.Repeat{Times: 3, Interval: 10 * time.Minute}}
}

// Round robin within a level: one target per round, the next one each
// round; the incident's ID picks where it starts (FNV-1a of the ID modulo
// the number of targets: INC1 starts at the third, INC2 at the first), so
// incidents spread over the targets.
func TestRoundRobin(t *testing.T) {
	s := newSet(t, roundRobinPolicy())
	open := func(id string) history {
		return history{}.add(incident.Event{At: at(0), Type: incident.EventOpen, ID: id, Customer: "acme", Service: "mail", Impact: 2, Urgency: 2, Group: "network"})
	}
	tests := []struct {
		id   string
		want []brief
	}{
		{"INC1", []brief{
			{at(0).UTC(), "one by one", 0, 1, escalation.Notify, "person:pol"},
			{at(10).UTC(), "one by one", 1, 1, escalation.Notify, "person:pia"},
			{at(20).UTC(), "one by one", 2, 1, escalation.Notify, "person:pat"},
			{at(30).UTC(), "one by one", 3, 1, escalation.Notify, "person:pol"},
		}},
		{"INC2", []brief{
			{at(0).UTC(), "one by one", 0, 1, escalation.Notify, "person:pia"},
			{at(10).UTC(), "one by one", 1, 1, escalation.Notify, "person:pat"},
			{at(20).UTC(), "one by one", 2, 1, escalation.Notify, "person:pol"},
			{at(30).UTC(), "one by one", 3, 1, escalation.Notify, "person:pia"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			ev := evaluate(t, s, open(tt.id), nil, at(45))
			assert.Equal(t, tt.want, briefs(ev.Due))
		})
	}
	// A reassignment is a new occurrence: the new group's first page goes
	// to the next target.
	ev := evaluate(t, s, open("INC2").assign(at(5), "desk", ""), nil, at(5))
	assert.Equal(t, []brief{{at(5).UTC(), "one by one", 0, 2, escalation.Notify, "person:pat"}}, briefs(ev.Due))
	// Six incidents: every target gets two first pages.
	first := map[string]int{}
	for _, id := range []string{"INC1", "INC2", "INC3", "INC4", "INC5", "INC6"} {
		first[evaluate(t, s, open(id), nil, at(0)).Due[0].Key.Target]++
	}
	assert.Equal(t, map[string]int{"person:pia": 2, "person:pat": 2, "person:pol": 2}, first)
}

// Opsgenie's next and previous on-call users: the members before and after
// the current turn of the rotation, across a daylight-saving change and
// under an override (which hides the rotation, not its order).
func TestNextAndPreviousOnCall(t *testing.T) {
	utc := func(mo time.Month, d, hh, mm int) time.Time { return time.Date(2026, mo, d, hh, mm, 0, 0, time.UTC) }
	sched := rotation(t, escalation.WithOverrides(escalation.Override{Person: "olga", Start: utc(3, 4, 12, 0), End: utc(3, 4, 14, 0)}))
	p := escalation.Policy{Name: "p", Steps: []escalation.Step{{Name: "page", Trigger: escalation.Trigger{On: escalation.OnOpened},
		Targets: []escalation.Target{
			{Kind: escalation.TargetOnCall, Schedule: "ops"},
			{Kind: escalation.TargetOnCall, Schedule: "ops", Turn: escalation.TurnNext},
			{Kind: escalation.TargetOnCall, Schedule: "ops", Turn: escalation.TurnPrevious},
		}}}}
	s, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithSchedules(sched))
	require.NoError(t, err)
	tests := []struct {
		name                    string
		at                      time.Time
		current, next, previous string
	}{
		{"first week", utc(3, 4, 9, 0), "ana", "ben", "cem"},
		{"override: the rotation's order stays", utc(3, 4, 13, 0), "olga", "ben", "cem"},
		{"fourth week, Monday 08:59 CEST", utc(3, 30, 6, 59), "ana", "ben", "cem"},
		{"handoff at 09:00 CEST, 07:00 UTC after the change", utc(3, 30, 7, 0), "ben", "cem", "ana"},
		{"before the first handoff: nobody", utc(3, 1, 12, 0), "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := evaluate(t, s, opened(tt.at, 2, 2, "network"), nil, tt.at)
			got := map[string]string{}
			for _, d := range ev.Due {
				if len(d.Recipients) > 0 {
					got[d.Key.Target] = d.Recipients[0].ID
				}
			}
			want := map[string]string{}
			for k, v := range map[string]string{"on_call:ops/primary": tt.current, "on_call:ops/primary+next": tt.next, "on_call:ops/primary+previous": tt.previous} {
				if v != "" {
					want[k] = v
				}
			}
			assert.Equal(t, want, got)
		})
	}
}

func TestRoundRobinAndTurnValidation(t *testing.T) {
	for _, tt := range []struct {
		name string
		mod  func(*escalation.Step)
		want string
	}{
		{"one target", func(s *escalation.Step) { s.RoundRobin = true }, "steps[0].round_robin"},
		{"turn of a person", func(s *escalation.Step) { s.Targets[0].Turn = escalation.TurnNext }, `steps[0].targets[0].turn "next"`},
		{"unknown turn", func(s *escalation.Step) {
			s.Targets[0] = escalation.Target{Kind: escalation.TargetOnCall, Schedule: "ops", Turn: "after"}
		}, `steps[0].targets[0].turn "after"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := onePolicy(escalation.Trigger{On: escalation.OnOpened}, func(p *escalation.Policy) { tt.mod(&p.Steps[0]) })
			_, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithSchedules(rotation(t)))
			require.ErrorIs(t, err, escalation.ErrInvalidPolicy)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
