package escalation_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// maintenanceWindows is open (in maintenance) on Sunday 29 March 2026 from
// 01:00 CET to 05:00 CEST, across the change to summer time (three real
// hours), and all day on Easter Monday, 6 April 2026.
func maintenanceWindows(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(ams, calendar.Week{}, calendar.WithExceptions(calendar.Exceptions{
		{Date: date.New(2026, 3, 29), Name: "mail upgrade", Kind: calendar.Override, Hours: []calendar.Span{{Start: calendar.Clock(1, 0, 0), End: calendar.Clock(5, 0, 0)}}},
		{Date: date.New(2026, 4, 6), Name: "Easter Monday freeze", Kind: calendar.Override, Hours: []calendar.Span{{Start: 0, End: calendar.Clock(24, 0, 0)}}},
	}))
	require.NoError(t, err)
	return c
}

// Maintenance windows suppress escalation for the services they name; the
// suppressed tasks are reported, and the chain resumes after the window.
func TestMaintenance(t *testing.T) {
	utc := func(mo time.Month, d, hh, mm int) time.Time { return time.Date(2026, mo, d, hh, mm, 0, 0, time.UTC) }
	policy := escalation.Policy{Name: "p", Steps: []escalation.Step{
		{Name: "page", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged}, Targets: []escalation.Target{{Kind: escalation.TargetPerson, Person: "pia"}}},
		{Name: "again", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged, After: time.Hour}, Targets: []escalation.Target{{Kind: escalation.TargetPerson, Person: "pia"}}},
		{Name: "manager", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged, After: 4 * time.Hour}, Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}},
	}}
	type item struct {
		step string
		at   time.Time
	}
	tests := []struct {
		name        string
		perPolicy   bool // the window is the policy's, not the set's
		service     string
		opened      time.Time
		due, denied []item
	}{
		{"before the window; the last step after it", false, "mail", utc(3, 28, 23, 30), // 00:30 CET
			[]item{{"page", utc(3, 28, 23, 30)}, {"manager", utc(3, 29, 3, 30)}}, // 05:30 CEST
			[]item{{"again", utc(3, 29, 0, 30)}}},                                // 01:30 CET
		{"inside the window: resumes with the manager at 06:15 CEST", true, "mail", utc(3, 29, 0, 15),
			[]item{{"manager", utc(3, 29, 4, 15)}},
			[]item{{"page", utc(3, 29, 0, 15)}, {"again", utc(3, 29, 1, 15)}}},
		{"04:59 CEST is still in", false, "mail", utc(3, 29, 1, 59),
			[]item{{"manager", utc(3, 29, 5, 59)}},
			[]item{{"page", utc(3, 29, 1, 59)}, {"again", utc(3, 29, 2, 59)}}},
		{"05:00 CEST, the closing instant, is out", false, "mail", utc(3, 29, 2, 0),
			[]item{{"again", utc(3, 29, 3, 0)}, {"manager", utc(3, 29, 6, 0)}},
			[]item{{"page", utc(3, 29, 2, 0)}}},
		{"another service: not in maintenance", false, "vpn", utc(3, 29, 0, 15),
			[]item{{"page", utc(3, 29, 0, 15)}, {"again", utc(3, 29, 1, 15)}, {"manager", utc(3, 29, 4, 15)}}, nil},
		{"Easter Monday 23:30 CEST: the page is held, the next one is not", false, "mail", utc(4, 6, 21, 30),
			[]item{{"again", utc(4, 6, 22, 30)}, {"manager", utc(4, 7, 1, 30)}},
			[]item{{"page", utc(4, 6, 21, 30)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			window := escalation.Maintenance{Calendar: "maintenance", When: incident.Selector{Services: []string{"mail"}}}
			p := policy
			opts := []escalation.Option{escalation.WithCalendars(map[string]*calendar.Calendar{"maintenance": maintenanceWindows(t)}), escalation.WithDirectory(testDirectory)}
			if tt.perPolicy {
				p.Maintenance = []escalation.Maintenance{window}
			} else {
				opts = append(opts, escalation.WithMaintenance(window))
			}
			s, err := escalation.NewSet([]escalation.Policy{p}, opts...)
			require.NoError(t, err)
			events := history{}.add(incident.Event{At: tt.opened, Type: incident.EventOpen, ID: "INC1", Customer: "acme", Service: tt.service, Impact: 2, Urgency: 2, Group: "network"})
			// A host that calls every five minutes for six hours.
			var fired escalation.Fired
			var due, denied []item
			for now := tt.opened; now.Before(tt.opened.Add(6 * time.Hour)); now = now.Add(5 * time.Minute) {
				ev := s.Evaluate(slaAt(t, events, nil, now), fired)
				for _, d := range ev.Due {
					due = append(due, item{d.Key.Step, d.At.UTC()})
					fired.Add(d.Key)
				}
				for _, d := range ev.Suppressed {
					denied = append(denied, item{d.Key.Step, d.At.UTC()})
					fired.Add(d.Key)
				}
			}
			assert.Equal(t, tt.due, due)
			assert.Equal(t, tt.denied, denied)
		})
	}
}

func TestMaintenanceValidation(t *testing.T) {
	p := onePolicy(escalation.Trigger{On: escalation.OnOpened})
	_, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithMaintenance(escalation.Maintenance{Calendar: "nope"}))
	require.ErrorIs(t, err, escalation.ErrInvalidPolicy)
	assert.Contains(t, err.Error(), `maintenance[0].calendar "nope"`)

	p.Maintenance = []escalation.Maintenance{{Calendar: "office", When: incident.Selector{Priorities: []incident.Priority{9}}}}
	_, err = escalation.NewSet([]escalation.Policy{p}, escalation.WithCalendars(map[string]*calendar.Calendar{"office": office(t)}))
	require.ErrorIs(t, err, escalation.ErrInvalidPolicy)
	assert.Contains(t, err.Error(), `maintenance[0].when`)
}
