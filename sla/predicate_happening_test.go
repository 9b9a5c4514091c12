package sla

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The Amsterdam office falls back from CEST to CET on Sunday 25 October
// 2026 and is closed on Monday 26 October.
func octOffice(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"),
		calendar.WithExceptions(calendar.ClosedOn("Company day", date.New(2026, 10, 26))))
	require.NoError(t, err)
	return c
}

func oct(day, hh, mm int) time.Time { return time.Date(2026, 10, day, hh, mm, 0, 0, ams) }

func classify(h history, at time.Time, category string) history {
	return h.add(incident.Event{At: at, Type: incident.EventClassify, Category: category})
}

func TestHappeningsOnAHostPredicate(t *testing.T) {
	fieldVisit := func(inc incident.Incident) bool { return inc.Category == "field-visit" }
	policy := Policy{Name: "field", Calendar: "office",
		Targets: []Target{{Metric: Resolve, Goal: 8 * time.Hour}, {Metric: "onsite", Goal: 2 * time.Hour}},
		Rules: map[Metric]Rules{
			// Resolve pauses while an engineer is on the way (a field set by
			// the host), as a ServiceNow pause condition on any field.
			Resolve: {Start: []Happening{{On: OnOpened}},
				Pause:  []Happening{{On: OnBecomesTrue, Predicate: "field_visit"}},
				Resume: []Happening{{On: OnBecomesFalse, Predicate: "field_visit"}},
				Stop:   []Happening{{On: OnResolved}}, Cancel: []Happening{{On: OnCancelled}}},
			// "onsite" measures each field visit: a new cycle per visit.
			"onsite": {Reset: []Happening{{On: OnBecomesTrue, Predicate: "field_visit"}},
				Stop:   []Happening{{On: OnBecomesFalse, Predicate: "field_visit"}, {On: OnResolved}},
				Cancel: []Happening{{On: OnCancelled}}},
		}}
	s, err := NewSet([]Policy{policy}, WithCalendars(map[string]*calendar.Calendar{"office": octOffice(t)}),
		WithPredicate("field_visit", fieldVisit))
	require.NoError(t, err)

	h := opened(oct(23, 15, 0), 3, 3)
	h = classify(h, oct(23, 16, 0), "field-visit")
	h = classify(h, oct(23, 16, 30), "software")
	h = h.update(oct(23, 16, 40)) // an event that changes no predicate
	h = classify(h, oct(27, 10, 0), "field-visit")
	h = classify(h, oct(27, 11, 30), "hardware")

	// Resolve: 1 h on Friday, paused 16:00-16:30, 30 min more to 17:00
	// CEST; the clocks go back on Sunday, Monday is a holiday; Tuesday
	// from 09:00 CET 1 h to the pause at 10:00, paused to 11:30, then the
	// last 5.5 h end at 17:00 CET (16:00 UTC).
	tests := []struct {
		name     string
		now      time.Time
		resolve  State
		accrued  time.Duration
		onsite   State
		visits   int
		onsiteAt time.Duration
	}{
		{"before the visit", oct(23, 15, 30), Running, 30 * time.Minute, Pending, 0, 0},
		{"during the first visit: paused", oct(23, 16, 15), Paused, time.Hour, Running, 1, 15 * time.Minute},
		{"after it: resumed", oct(23, 16, 45), Running, time.Hour + 15*time.Minute, Met, 1, 30 * time.Minute},
		{"Monday holiday after the DST change", oct(26, 12, 0), Running, 90 * time.Minute, Met, 1, 30 * time.Minute},
		{"second visit on Tuesday", oct(27, 11, 0), Paused, 150 * time.Minute, Running, 2, time.Hour},
		{"Tuesday 17:00 CET: breached", oct(27, 17, 0), Breached, 8 * time.Hour, Met, 2, 90 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := s.evaluateEvents(h, tt.now)
			require.NoError(t, err)
			r := result(t, ev, "field", Resolve)
			assert.Equal(t, tt.resolve, r.Status.State)
			assert.Equal(t, tt.accrued, r.Status.Accrued)
			if tt.resolve == Breached {
				assert.True(t, time.Date(2026, 10, 27, 16, 0, 0, 0, time.UTC).Equal(r.Status.BreachedAt), "%s", r.Status.BreachedAt.UTC())
			}
			o := result(t, ev, "field", "onsite")
			assert.Equal(t, tt.onsite, o.Status.State)
			assert.Len(t, o.Cycles, tt.visits)
			assert.Equal(t, tt.onsiteAt, o.Status.Accrued)
		})
	}

	t.Run("a predicate true at the opening becomes true then", func(t *testing.T) {
		h := history{}.add(incident.Event{At: oct(23, 10, 0), Type: incident.EventOpen, ID: "INC9", Impact: 3, Urgency: 3, Category: "field-visit"})
		h = classify(h, oct(23, 11, 0), "software")
		ev, err := s.evaluateEvents(h, oct(23, 12, 0))
		require.NoError(t, err)
		o := result(t, ev, "field", "onsite")
		assert.Equal(t, Met, o.Status.State)
		assert.Equal(t, time.Hour, o.Status.Accrued)
		r := result(t, ev, "field", Resolve)
		assert.Equal(t, time.Hour, r.Status.Accrued, "opened paused by the predicate, resumed at 11:00")
	})

	t.Run("decoded rules name the predicate", func(t *testing.T) {
		var p Policy
		require.NoError(t, p.UnmarshalJSON([]byte(`{"name":"x","calendar":"office","targets":[{"metric":"resolve","goal":"1h"}],
			"rules":{"resolve":{"start":[{"on":"opened"}],"pause":[{"on":"becomes_true","predicate":"field_visit"}],"stop":[{"on":"resolved"}]}}}`)))
		assert.Equal(t, Happening{On: OnBecomesTrue, Predicate: "field_visit"}, p.Rules[Resolve].Pause[0])
	})
}
