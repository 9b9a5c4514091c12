package report_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// history is the life of INC1 in the default lifecycle: opened for the
// desk, answered, reassigned to network, on hold, escalated, resolved,
// reopened, on hold again, resolved while on hold and closed.
func history() []incident.Event {
	ev := func(at time.Time, e incident.Event) incident.Event {
		e.At, e.Actor = at, "agent"
		return e
	}
	return []incident.Event{
		ev(at(2, 9, 0), incident.Event{Type: incident.EventOpen, ID: "INC1", Service: "mail", ConfigurationItem: "mx1",
			Customer: "acme", Category: "email", Impact: 2, Urgency: 2, Group: "desk"}),
		ev(at(2, 9, 20), incident.Event{Type: incident.EventComment, Note: "looking", CustomerVisible: true}),
		ev(at(2, 10, 0), incident.Event{Type: incident.EventAssign, Group: "network", Assignee: "bob"}),
		ev(at(2, 10, 5), incident.Event{Type: incident.EventTransition, Action: incident.ActionStart}),
		ev(at(2, 11, 0), incident.Event{Type: incident.EventTransition, Action: incident.ActionHold, HoldReason: incident.AwaitingCaller}),
		ev(at(2, 13, 0), incident.Event{Type: incident.EventTransition, Action: incident.ActionResume}),
		ev(at(2, 14, 0), incident.Event{Type: incident.EventPrioritize, Priority: incident.P2, Reason: "customer escalated"}),
		ev(at(2, 15, 0), incident.Event{Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "solved", Note: "fixed"}),
		ev(at(3, 9, 0), incident.Event{Type: incident.EventTransition, Action: incident.ActionReopen, Reason: "still broken"}),
		ev(at(3, 10, 0), incident.Event{Type: incident.EventTransition, Action: incident.ActionHold, HoldReason: incident.AwaitingVendor}),
		ev(at(3, 10, 30), incident.Event{Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "solved", Note: "vendor fix"}),
		ev(at(3, 11, 0), incident.Event{Type: incident.EventTransition, Action: incident.ActionClose}),
	}
}

func TestNewRecord(t *testing.T) {
	cal := office(t)
	set, err := sla.NewSet([]sla.Policy{{Name: "standard", Calendar: "office", Targets: []sla.Target{
		{Metric: sla.Respond, Goal: time.Hour}, {Metric: sla.Resolve, Goal: 8 * time.Hour}}}},
		sla.WithCalendars(map[string]*calendar.Calendar{"office": cal}))
	require.NoError(t, err)
	ev := evaluated(t, set, history(), at(3, 12, 0))

	rec, err := report.NewRecord(ev)
	require.NoError(t, err)
	assert.Same(t, cal, rec.Calendar, "the calendar the SLA ran on")
	assert.Equal(t, report.Record{
		ID: "INC1", Priority: incident.P2, Service: "mail", ConfigurationItem: "mx1", Customer: "acme", Category: "email",
		EscalatedAt: at(2, 14, 0), OpenedAt: at(2, 9, 0), RespondedAt: at(2, 9, 20), RestoredAt: at(2, 15, 0),
		Resolutions: times(at(2, 15, 0), at(3, 10, 30)), Reopenings: times(at(3, 9, 0)), ClosedAt: at(3, 11, 0),
		Holds:       []calendar.Interval{{Start: at(2, 11, 0), End: at(2, 13, 0)}, {Start: at(3, 10, 0), End: at(3, 10, 30)}},
		Assignments: []report.Assignment{{At: at(2, 9, 0), Group: "desk"}, {At: at(2, 10, 0), Group: "network"}},
		SLA:         rec.SLA, Calendar: cal,
	}, rec)
	var want []report.Outcome
	for _, r := range ev.Results {
		for _, c := range r.Cycles {
			want = append(want, report.Outcome{Policy: r.Policy, Kind: r.Kind, Metric: r.Metric, Cycle: c.Cycle, State: c.State,
				Goal: c.Goal, Accrued: c.Accrued, Ended: c.Ended, BreachedAt: c.BreachedAt})
		}
	}
	require.NotEmpty(t, want)
	assert.Equal(t, want, rec.SLA)
	assert.Equal(t, sla.Met, rec.SLA[0].State, "responded in 20 minutes")

	// The record feeds the accumulator as it is.
	rep := build(t, march(), rec)
	st := all(t, rep)
	assert.Equal(t, int64(2), st.Counts.Resolved)
	assert.Equal(t, report.Fraction{Num: 1, Den: 2}, st.Rates.Reopen)
	assert.Equal(t, report.Fraction{Num: 0, Den: 2}, st.Rates.FirstContact, "reassigned to network before either resolution")
	assert.Equal(t, 2*time.Hour+30*time.Minute, st.Durations.Hold.Wall.Mean) // one sample, at the final resolution: 2h + 30m
}

func TestNewRecordErrors(t *testing.T) {
	_, err := report.NewRecord(sla.Evaluation{})
	assert.ErrorIs(t, err, report.ErrInvalidRecord, "an empty history")
}

func TestRecordValidation(t *testing.T) {
	h := time.Hour
	ok := func() report.Record {
		return report.Record{ID: "a", OpenedAt: at(2, 9, 0), Resolutions: times(at(2, 12, 0)), ClosedAt: at(3, 9, 0)}
	}
	far := time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		field string
		edit  func(*report.Record)
	}{
		{"no id", "id", func(r *report.Record) { r.ID = "" }},
		{"no opening", "opened_at", func(r *report.Record) { r.OpenedAt = time.Time{} }},
		{"opening out of range", "opened_at", func(r *report.Record) { r.OpenedAt = far }},
		{"response before opening", "responded_at", func(r *report.Record) { r.RespondedAt = at(1, 9, 0) }},
		{"resolution before opening", "resolutions[0]", func(r *report.Record) { r.Resolutions = times(at(1, 9, 0)) }},
		{"more reopenings than resolutions", "reopenings", func(r *report.Record) { r.Reopenings = times(at(2, 13, 0), at(2, 14, 0)) }},
		{"reopening before its resolution", "reopenings[0]", func(r *report.Record) { r.Reopenings = times(at(2, 11, 0)); r.ClosedAt = time.Time{} }},
		{"closed after a reopening without a new resolution", "closed_at", func(r *report.Record) { r.Reopenings = times(at(2, 13, 0)) }},
		{"closed before the resolution", "closed_at", func(r *report.Record) { r.ClosedAt = at(2, 10, 0) }},
		{"cancelled without closed_at", "cancelled", func(r *report.Record) { r.ClosedAt = time.Time{}; r.Cancelled = true }},
		{"overlapping holds", "holds[1].start", func(r *report.Record) {
			r.Holds = []calendar.Interval{{Start: at(2, 9, 0), End: at(2, 11, 0)}, {Start: at(2, 10, 0), End: at(2, 11, 0)}}
		}},
		{"open hold not last", "holds[0].end", func(r *report.Record) {
			r.Holds = []calendar.Interval{{Start: at(2, 9, 0)}, {Start: at(2, 10, 0), End: at(2, 11, 0)}}
		}},
		{"hold ending before it starts", "holds[0].end", func(r *report.Record) { r.Holds = []calendar.Interval{{Start: at(2, 10, 0), End: at(2, 9, 30)}} }},
		{"assignment before opening", "assignments[0].at", func(r *report.Record) { r.Assignments = []report.Assignment{{At: at(1, 9, 0), Group: "x"}} }},
		{"assignment to the same group", "assignments[1].group", func(r *report.Record) {
			r.Assignments = []report.Assignment{{At: at(2, 9, 0), Group: "x"}, {At: at(2, 10, 0), Group: "x"}}
		}},
		{"assignment without group", "assignments[0].group", func(r *report.Record) { r.Assignments = []report.Assignment{{At: at(2, 9, 0)}} }},
		{"outcome without policy", "sla[0]", func(r *report.Record) { r.SLA = []report.Outcome{{Metric: sla.Resolve}} }},
		{"breach without instant", "sla[0].breached_at", func(r *report.Record) {
			r.SLA = []report.Outcome{{Policy: "p", Metric: sla.Resolve, State: sla.Breached, Goal: h}}
		}},
		{"met without end", "sla[0].ended", func(r *report.Record) { r.SLA = []report.Outcome{{Policy: "p", Metric: sla.Resolve, State: sla.Met}} }},
		{"negative goal", "sla[0].goal", func(r *report.Record) { r.SLA = []report.Outcome{{Policy: "p", Metric: sla.Resolve, Goal: -h}} }},
		{"unknown state", "sla[0].state", func(r *report.Record) { r.SLA = []report.Outcome{{Policy: "p", Metric: sla.Resolve, State: 42}} }},
		{"outcome out of range", "sla[0]", func(r *report.Record) {
			r.SLA = []report.Outcome{{Policy: "p", Metric: sla.Resolve, State: sla.Met, Ended: far}}
		}},
	}
	acc, err := report.NewAccumulator(march())
	require.NoError(t, err)
	empty := acc.Report()
	require.NoError(t, func() error { r := ok(); return acc.Add(r) }())
	acc, _ = report.NewAccumulator(march())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok()
			tt.edit(&r)
			err := acc.Add(r)
			require.ErrorIs(t, err, report.ErrInvalidRecord)
			var fe *report.FieldError
			require.ErrorAs(t, err, &fe)
			id := r.ID
			assert.Equal(t, `records["`+id+`"].`+tt.field, fe.Path)
			assert.True(t, strings.HasPrefix(err.Error(), `report: records["`+id+`"].`+tt.field), err.Error())
		})
	}
	assert.Equal(t, empty, acc.Report(), "invalid records change nothing")
}

func TestRecordJSON(t *testing.T) {
	records := randomRecords(5, 40)
	records[0].Calendar = office(t)
	records[0].SLA = append(records[0].SLA, report.Outcome{Policy: "p", Metric: sla.Resolve, Cycle: 1, State: sla.Breached, Goal: time.Hour,
		Accrued: 2 * time.Hour, BreachedAt: records[0].OpenedAt.Add(time.Hour),
		Timeline: []report.Moment{{At: records[0].OpenedAt, What: "start"}, {At: records[0].OpenedAt.Add(time.Hour), What: "breach", Accrued: time.Hour}}})
	spec := fullSpec(t)
	for _, r := range records {
		b, err := json.Marshal(r)
		require.NoError(t, err)
		var back report.Record
		require.NoError(t, json.Unmarshal(b, &back))
		b2, err := json.Marshal(back)
		require.NoError(t, err)
		assert.JSONEq(t, string(b), string(b2))
		// Instants keep their offset and lose the location: compare the
		// reports they give instead.
		assert.Equal(t, build(t, spec, r), build(t, spec, back))
	}
	b, _ := json.Marshal(report.Record{ID: "a", OpenedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), SLA: []report.Outcome{{Policy: "p", Metric: sla.Resolve, State: sla.Running, Goal: time.Hour, Accrued: time.Minute}}})
	assert.JSONEq(t, `{"id":"a","opened_at":"2026-03-02T09:00:00Z","sla":[{"policy":"p","kind":"sla","metric":"resolve","cycle":0,"state":"running","goal":"1h0m0s","accrued":"1m0s"}]}`, string(b))
}
