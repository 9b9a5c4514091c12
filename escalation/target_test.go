package escalation_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every target kind resolves to its recipients at the evaluation instant.
func TestTargets(t *testing.T) {
	person := func(ids ...string) []escalation.Recipient {
		var out []escalation.Recipient
		for _, id := range ids {
			out = append(out, escalation.Recipient{Kind: escalation.RecipientPerson, ID: id})
		}
		return out
	}
	tests := []struct {
		name   string
		target escalation.Target
		events history
		now    time.Time
		key    string
		want   []escalation.Recipient
	}{
		{"person", escalation.Target{Kind: escalation.TargetPerson, Person: "pia"}, opened(at(0), 2, 2, "network"), at(0), "person:pia", person("pia")},
		{"named group", escalation.Target{Kind: escalation.TargetGroup, Group: "l3-vendor"}, opened(at(0), 2, 2, "network"), at(0), "group:l3-vendor",
			[]escalation.Recipient{{Kind: escalation.RecipientGroup, ID: "l3-vendor"}}},
		{"incident's group", escalation.Target{Kind: escalation.TargetGroup}, opened(at(0), 2, 2, "network"), at(0), "group",
			[]escalation.Recipient{{Kind: escalation.RecipientGroup, ID: "network"}}},
		{"incident without a group", escalation.Target{Kind: escalation.TargetGroup}, opened(at(0), 2, 2, ""), at(0), "group", nil},
		{"group manager", escalation.Target{Kind: escalation.TargetRole, Role: "manager"}, opened(at(0), 2, 2, "network"), at(0), "role:manager", person("nina")},
		{"manager of the current group", escalation.Target{Kind: escalation.TargetRole, Role: "manager"}, opened(at(0), 2, 2, "network").assign(at(0), "desk", ""), at(0), "role:manager", person("dirk")},
		{"duty manager", escalation.Target{Kind: escalation.TargetRole, Role: "duty_manager"}, opened(at(0), 2, 2, "network"), at(0), "role:duty_manager", person("dora")},
		{"role nobody holds", escalation.Target{Kind: escalation.TargetRole, Role: "ceo"}, opened(at(0), 2, 2, "network"), at(0), "role:ceo", nil},
		{"on-call primary", escalation.Target{Kind: escalation.TargetOnCall, Schedule: "ops"}, opened(at(0), 2, 2, "network"), at(0), "on_call:ops/primary", person("ana")},
		{"on-call primary next week", escalation.Target{Kind: escalation.TargetOnCall, Schedule: "ops"}, opened(at(0), 2, 2, "network"), at(7 * 24 * 60), "on_call:ops/primary", person("ben")},
		{"on-call secondary", escalation.Target{Kind: escalation.TargetOnCall, Schedule: "ops", Rank: escalation.Secondary}, opened(at(0), 2, 2, "network"), at(24 * 60), "on_call:ops/secondary", person("eva")},
		{"everyone in the group", escalation.Target{Kind: escalation.TargetMembers}, opened(at(0), 2, 2, "network"), at(0), "members", person("nick", "noor", "nina")},
		{"everyone in a named group", escalation.Target{Kind: escalation.TargetMembers, Group: "desk"}, opened(at(0), 2, 2, "network"), at(0), "members:desk", person("dave", "dirk")},
		{"customer contacts", escalation.Target{Kind: escalation.TargetContacts}, opened(at(0), 2, 2, "network"), at(0), "contacts",
			[]escalation.Recipient{{Kind: escalation.RecipientContact, ID: "ops@acme.example"}, {Kind: escalation.RecipientContact, ID: "cio@acme.example"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := onePolicy(escalation.Trigger{On: escalation.OnOpened}, func(p *escalation.Policy) {
				p.Steps[0].Targets = []escalation.Target{tt.target}
			})
			ev := evaluate(t, newSet(t, p), tt.events, nil, tt.now)
			require.Len(t, ev.Due, 1)
			assert.Equal(t, tt.key, ev.Due[0].Key.Target)
			assert.Equal(t, tt.target, ev.Due[0].Target)
			assert.Equal(t, tt.want, ev.Due[0].Recipients)
		})
	}
}

// Each action: which Due it gives, and when it is not due because it would
// change nothing.
func TestActions(t *testing.T) {
	network := escalation.Target{Kind: escalation.TargetGroup, Group: "network"}
	vendor := escalation.Target{Kind: escalation.TargetGroup, Group: "vendor"}
	manager := escalation.Target{Kind: escalation.TargetRole, Role: "manager"}
	onCall := escalation.Target{Kind: escalation.TargetOnCall, Schedule: "ops"}
	tests := []struct {
		name    string
		actions []escalation.Task
		targets []escalation.Target
		raiseTo incident.Priority
		events  history
		want    []string // action/target/priority
	}{
		{"notify by default", nil, []escalation.Target{manager, onCall}, 0, opened(at(0), 2, 2, "network"),
			[]string{"notify/role:manager/none", "notify/on_call:ops/primary/none"}},
		{"reassign", []escalation.Task{escalation.Reassign}, []escalation.Target{vendor}, 0, opened(at(0), 2, 2, "network"),
			[]string{"reassign/group:vendor/none"}},
		{"reassign where it is", []escalation.Task{escalation.Reassign}, []escalation.Target{network}, 0, opened(at(0), 2, 2, "network"), nil},
		{"reassign to on-call", []escalation.Task{escalation.Reassign}, []escalation.Target{onCall}, 0, opened(at(0), 2, 2, "network"),
			[]string{"reassign/on_call:ops/primary/none"}},
		{"reassign to on-call who has it", []escalation.Task{escalation.Reassign}, []escalation.Target{onCall}, 0, opened(at(0), 2, 2, "network").assign(at(0), "", "ana"), nil},
		{"raise one level", []escalation.Task{escalation.RaisePriority}, []escalation.Target{manager}, 0, opened(at(0), 2, 2, "network"),
			[]string{"raise_priority//P2"}},
		{"raise to", []escalation.Task{escalation.RaisePriority}, nil, incident.P1, opened(at(0), 2, 2, "network"),
			[]string{"raise_priority//P1"}},
		{"raise already there", []escalation.Task{escalation.RaisePriority}, nil, incident.P2, opened(at(0), 1, 2, "network"), nil},
		{"raise P1", []escalation.Task{escalation.RaisePriority}, nil, 0, opened(at(0), 1, 1, "network"), nil},
		{"declare major", []escalation.Task{escalation.DeclareMajor}, []escalation.Target{manager, onCall}, 0, opened(at(0), 1, 1, "network"),
			[]string{"declare_major//none"}},
		{"declare major, is major", []escalation.Task{escalation.DeclareMajor}, []escalation.Target{manager}, 0, opened(at(0), 1, 1, "network").major(at(0)), nil},
		{"request update", []escalation.Task{escalation.RequestUpdate}, []escalation.Target{{Kind: escalation.TargetContacts}}, 0, opened(at(0), 2, 2, "network"),
			[]string{"request_update/contacts/none"}},
		{"several actions", []escalation.Task{escalation.Notify, escalation.RaisePriority}, []escalation.Target{manager}, 0, opened(at(0), 2, 2, "network"),
			[]string{"notify/role:manager/none", "raise_priority//P2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := onePolicy(escalation.Trigger{On: escalation.OnOpened}, func(p *escalation.Policy) {
				p.Steps[0].Tasks, p.Steps[0].Targets, p.Steps[0].RaiseTo = tt.actions, tt.targets, tt.raiseTo
			})
			ev := evaluate(t, newSet(t, p), tt.events, nil, at(0))
			var got []string
			for _, d := range ev.Due {
				got = append(got, d.Task.String()+"/"+d.Key.Target+"/"+d.Priority.String())
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// Tasks on the incident tell everyone the step targets, once each.
func TestIncidentActionRecipients(t *testing.T) {
	p := onePolicy(escalation.Trigger{On: escalation.OnOpened}, func(p *escalation.Policy) {
		p.Steps[0].Tasks = []escalation.Task{escalation.DeclareMajor}
		p.Steps[0].Targets = []escalation.Target{
			{Kind: escalation.TargetRole, Role: "manager"},
			{Kind: escalation.TargetPerson, Person: "nina"},
			{Kind: escalation.TargetOnCall, Schedule: "ops"},
		}
	})
	ev := evaluate(t, newSet(t, p), opened(at(0), 1, 1, "network"), nil, at(0))
	require.Len(t, ev.Due, 1)
	assert.Equal(t, []escalation.Recipient{{Kind: escalation.RecipientPerson, ID: "nina"}, {Kind: escalation.RecipientPerson, ID: "ana"}}, ev.Due[0].Recipients)
	assert.Equal(t, escalation.Target{}, ev.Due[0].Target)
}

// Conditions on the incident are judged as it stands; windows at the due
// time in the calendar's zone.
func TestConditions(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name   string
		when   escalation.Condition
		events history
		due    bool
	}{
		{"priority matches", escalation.Condition{Selector: incident.Selector{Priorities: []incident.Priority{incident.P1, incident.P2}}}, opened(at(0), 1, 2, "network"), true},
		{"priority does not", escalation.Condition{Selector: incident.Selector{Priorities: []incident.Priority{incident.P1}}}, opened(at(0), 2, 2, "network"), false},
		{"upgraded", escalation.Condition{Selector: incident.Selector{Priorities: []incident.Priority{incident.P1}}}, opened(at(0), 2, 2, "network").prioritize(at(50), incident.P1), true},
		{"downgraded: de-escalation", escalation.Condition{Selector: incident.Selector{Priorities: []incident.Priority{incident.P1}}}, opened(at(0), 1, 1, "network").prioritize(at(50), incident.P3), false},
		{"service", escalation.Condition{Selector: incident.Selector{Services: []string{"mail", "vpn"}}}, opened(at(0), 2, 2, "network"), true},
		{"other service", escalation.Condition{Selector: incident.Selector{Services: []string{"vpn"}}}, opened(at(0), 2, 2, "network"), false},
		{"customer", escalation.Condition{Selector: incident.Selector{Customers: []string{"acme"}}}, opened(at(0), 2, 2, "network"), true},
		{"other customer", escalation.Condition{Selector: incident.Selector{Customers: []string{"globex"}}}, opened(at(0), 2, 2, "network"), false},
		{"group", escalation.Condition{Selector: incident.Selector{Groups: []string{"network"}}}, opened(at(0), 2, 2, "network"), true},
		{"major only", escalation.Condition{Selector: incident.Selector{Major: &yes}}, opened(at(0), 2, 2, "network"), false},
		{"major only, major", escalation.Condition{Selector: incident.Selector{Major: &yes}}, opened(at(0), 2, 2, "network").major(at(10)), true},
		{"ordinary only", escalation.Condition{Selector: incident.Selector{Major: &no}}, opened(at(0), 2, 2, "network"), true},
		// Due at 10:00 Amsterdam, Monday: the office is open.
		{"office open", escalation.Condition{Open: "office"}, opened(at(0), 2, 2, "network"), true},
		{"office closed", escalation.Condition{Closed: "office"}, opened(at(0), 2, 2, "network"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := onePolicy(escalation.Trigger{On: escalation.OnOpened, After: time.Hour}, func(p *escalation.Policy) { p.Steps[0].When = tt.when })
			ev := evaluate(t, newSet(t, p), tt.events, nil, at(60))
			assert.Equal(t, tt.due, len(ev.Due) == 1)
		})
	}
}

// "Phone in business hours, otherwise page on-call": two skipping steps
// with complementary windows, judged in the calendar's zone at the due
// time, so exactly one fires whenever the host calls.
func TestBusinessHoursWindow(t *testing.T) {
	nycOffice, err := calendar.New(nyc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	require.NoError(t, err)
	p := escalation.Policy{Name: "p", Steps: []escalation.Step{
		{Name: "phone", Trigger: escalation.Trigger{On: escalation.OnOpened, After: 30 * time.Minute}, When: escalation.Condition{Open: "ny"}, OutsideWindow: escalation.SkipOutsideWindow,
			Channel: "phone", Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}},
		{Name: "page", Trigger: escalation.Trigger{On: escalation.OnOpened, After: 30 * time.Minute}, When: escalation.Condition{Closed: "ny"}, OutsideWindow: escalation.SkipOutsideWindow,
			Channel: "page", Targets: []escalation.Target{{Kind: escalation.TargetOnCall, Schedule: "ops"}}},
	}}
	s, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithCalendars(map[string]*calendar.Calendar{"ny": nycOffice}),
		escalation.WithSchedules(rotation(t)), escalation.WithDirectory(testDirectory))
	require.NoError(t, err)
	// Opened at 16:20 New York (22:20 in Amsterdam, where an office would
	// long be closed), due at 16:50: the New York office is open. Judged at
	// the due time, so a late host gets the same answer.
	for _, tt := range []struct {
		open    time.Time
		channel string
	}{
		{time.Date(2026, 3, 4, 16, 20, 0, 0, nyc), "phone"},
		{time.Date(2026, 3, 4, 16, 50, 0, 0, nyc), "page"},
		{time.Date(2026, 3, 4, 8, 29, 59, 0, nyc), "page"},
		{time.Date(2026, 3, 4, 8, 30, 0, 0, nyc), "phone"},
		{time.Date(2026, 3, 7, 12, 0, 0, 0, nyc), "page"}, // Saturday
	} {
		events := opened(tt.open, 2, 2, "network")
		for _, late := range []time.Duration{30 * time.Minute, 5 * time.Hour} {
			ev := evaluate(t, s, events, nil, tt.open.Add(late))
			require.Len(t, ev.Due, 1, "%s", tt.open)
			assert.Equal(t, tt.channel, ev.Due[0].Channel, "%s", tt.open)
			assert.Equal(t, tt.open.Add(30*time.Minute), ev.Due[0].At)
		}
	}
}
