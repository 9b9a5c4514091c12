package report_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func outcome(policy string, m sla.Metric, state sla.State, decided time.Time, goal, accrued time.Duration) report.Outcome {
	o := report.Outcome{Policy: policy, Metric: m, Cycle: 1, State: state, Goal: goal, Accrued: accrued}
	switch state {
	case sla.Breached:
		o.BreachedAt = decided
	case sla.Met, sla.Cancelled:
		o.Ended = decided
	}
	return o
}

func TestCompliance(t *testing.T) {
	h := time.Hour
	feb := time.Date(2026, 2, 27, 9, 0, 0, 0, ams)
	records := []report.Record{
		{ID: "met", OpenedAt: at(2, 9, 0), SLA: []report.Outcome{
			outcome("gold", sla.Resolve, sla.Met, at(2, 12, 0), 4*h, 3*h),
			outcome("gold", sla.Respond, sla.Met, at(2, 9, 30), h, h/2)}},
		{ID: "breached-stopped", OpenedAt: at(3, 9, 0), SLA: []report.Outcome{
			outcome("gold", sla.Resolve, sla.Breached, at(3, 13, 0), 4*h, 5*h),
			outcome("gold", sla.Respond, sla.Met, at(3, 10, 0), h, h)}}, // met exactly at the goal
		{ID: "breached-running", OpenedAt: at(4, 9, 0), SLA: []report.Outcome{
			outcome("silver", sla.Resolve, sla.Breached, at(4, 17, 0), 8*h, 10*h)}},
		{ID: "cancelled", OpenedAt: at(5, 9, 0), SLA: []report.Outcome{
			outcome("gold", sla.Resolve, sla.Cancelled, at(5, 10, 0), 4*h, h)}},
		{ID: "undecided", OpenedAt: at(6, 9, 0), SLA: []report.Outcome{
			outcome("gold", sla.Resolve, sla.Running, time.Time{}, 4*h, h),
			outcome("gold", sla.Respond, sla.Paused, time.Time{}, h, h/4),
			outcome("gold", sla.Update, sla.Pending, time.Time{}, h, 0)}},
		{ID: "decided-before", OpenedAt: feb, SLA: []report.Outcome{ // breached in February: not March's
			outcome("gold", sla.Resolve, sla.Breached, feb.Add(4*h), 4*h, 100*h)}},
		{ID: "ola", OpenedAt: at(9, 9, 0), SLA: []report.Outcome{
			{Policy: "ola-network", Kind: sla.OLA, Group: "network", Metric: sla.Resolve, Cycle: 1, State: sla.Met, Goal: 2 * h, Accrued: h, Ended: at(9, 10, 0)}}},
	}
	got := all(t, build(t, march(), records...)).SLA
	assert.Equal(t, []report.Compliance{
		{Kind: sla.SLA, Policy: "*", Metric: sla.Resolve, Met: 1, Breached: 2, Cancelled: 1},
		{Kind: sla.SLA, Policy: "gold", Metric: sla.Resolve, Met: 1, Breached: 1, Cancelled: 1},
		{Kind: sla.SLA, Policy: "silver", Metric: sla.Resolve, Breached: 1},
		{Kind: sla.SLA, Policy: "*", Metric: sla.Respond, Met: 2},
		{Kind: sla.SLA, Policy: "gold", Metric: sla.Respond, Met: 2},
		{Kind: sla.OLA, Policy: "*", Metric: sla.Resolve, Met: 1},
		{Kind: sla.OLA, Policy: "ola-network", Metric: sla.Resolve, Met: 1},
	}, got)
	v, ok := got[0].Ratio().Value()
	assert.True(t, ok)
	assert.InDelta(t, 1.0/3, v, 1e-15, "met / (met + breached), cancelled excluded")

	// Only cancelled cycles: no compliance to report.
	onlyCancelled := all(t, build(t, march(), records[3])).SLA
	_, ok = onlyCancelled[0].Ratio().Value()
	assert.False(t, ok)
	assert.Empty(t, all(t, build(t, march())).SLA)
}

func TestBreachList(t *testing.T) {
	h := time.Hour
	assign := []report.Assignment{{At: at(2, 9, 0), Group: "desk"}, {At: at(2, 12, 0), Group: "network"}, {At: at(3, 9, 0), Group: "apps"}}
	records := []report.Record{
		{ID: "INC2", Priority: 2, Service: "mail", OpenedAt: at(2, 9, 0), Assignments: assign, SLA: []report.Outcome{
			outcome("gold", sla.Resolve, sla.Breached, at(2, 12, 0), 3*h, 5*h),              // network took it at 12:00: held at the breach
			outcome("gold", sla.Respond, sla.Breached, at(2, 10, 0), h, h+30*time.Minute)}}, // desk
		{ID: "INC1", Priority: 1, Service: "erp", OpenedAt: at(4, 9, 0), SLA: []report.Outcome{
			outcome("gold", sla.Resolve, sla.Breached, at(4, 13, 0), 4*h, 6*h)}}, // unassigned
		{ID: "INC3", OpenedAt: at(5, 9, 0), SLA: []report.Outcome{
			outcome("gold", sla.Resolve, sla.Breached, at(5, 13, 0), 4*h, 6*h)}}, // same overrun as INC1: by incident
	}
	spec := march()
	spec.BreachLimit = 3
	b := build(t, spec, records...).Breaches
	require.NotNil(t, b)
	assert.Equal(t, int64(4), b.Total)
	require.Len(t, b.Listed, 3)
	assert.Equal(t, report.Breach{Incident: "INC1", Priority: 1, Service: "erp", Policy: "gold", Kind: sla.SLA, Metric: sla.Resolve,
		Cycle: 1, BreachedAt: at(4, 13, 0).UTC(), Goal: 4 * h, Overrun: 2 * h}, b.Listed[0])
	// Equal overruns of 2h: by incident; INC2's respond breach (30m) is
	// beyond the limit but counted.
	assert.Equal(t, "INC2", b.Listed[1].Incident)
	assert.Equal(t, sla.Resolve, b.Listed[1].Metric)
	assert.Equal(t, "network", b.Listed[1].Group)
	assert.Equal(t, 2*h, b.Listed[1].Overrun)
	assert.Equal(t, "INC3", b.Listed[2].Incident)
	assert.Equal(t, []report.GroupBreaches{
		{Group: "", Kind: sla.SLA, Metric: sla.Resolve, Count: 2},
		{Group: "desk", Kind: sla.SLA, Metric: sla.Respond, Count: 1},
		{Group: "network", Kind: sla.SLA, Metric: sla.Resolve, Count: 1},
	}, b.ByGroup)
}

func TestOutcomeOverrun(t *testing.T) {
	assert.Equal(t, time.Hour, report.Outcome{State: sla.Breached, Goal: time.Hour, Accrued: 2 * time.Hour}.Overrun())
	assert.Equal(t, time.Duration(0), report.Outcome{State: sla.Met, Goal: time.Hour, Accrued: 2 * time.Hour}.Overrun())
	assert.Equal(t, time.Duration(0), report.Outcome{State: sla.Breached, Goal: time.Hour, Accrued: time.Hour / 2}.Overrun())
}

func TestRates(t *testing.T) {
	desk := []report.Assignment{{At: at(2, 9, 0), Group: "desk"}}
	moved := []report.Assignment{{At: at(2, 9, 0), Group: "desk"}, {At: at(2, 10, 0), Group: "network"}, {At: at(2, 11, 0), Group: "apps"}}
	tests := []struct {
		name    string
		records []report.Record
		want    report.RateStats
	}{
		{"no resolution: every rate n/a", []report.Record{{ID: "a", OpenedAt: at(2, 9, 0)}}, report.RateStats{}},
		{"resolved by the first group", []report.Record{{ID: "a", OpenedAt: at(2, 9, 0), Assignments: desk, Resolutions: times(at(2, 12, 0))}},
			report.RateStats{Reopen: report.Fraction{0, 1}, Reassignment: report.Fraction{0, 1}, Reassignments: report.Fraction{0, 1},
				Escalation: report.Fraction{0, 1}, FirstContact: report.Fraction{1, 1}, FirstGroup: report.Fraction{1, 1}}},
		{"resolved without ever being assigned: first contact too", []report.Record{{ID: "a", OpenedAt: at(2, 9, 0), Resolutions: times(at(2, 9, 5))}},
			report.RateStats{Reopen: report.Fraction{0, 1}, Reassignment: report.Fraction{0, 1}, Reassignments: report.Fraction{0, 1},
				Escalation: report.Fraction{0, 1}, FirstContact: report.Fraction{1, 1}, FirstGroup: report.Fraction{1, 1}}},
		{"reassigned twice, escalated", []report.Record{{ID: "a", OpenedAt: at(2, 9, 0), Assignments: moved, EscalatedAt: at(2, 10, 30), Resolutions: times(at(2, 12, 0))}},
			report.RateStats{Reopen: report.Fraction{0, 1}, Reassignment: report.Fraction{1, 1}, Reassignments: report.Fraction{2, 1},
				Escalation: report.Fraction{1, 1}, FirstContact: report.Fraction{0, 1}, FirstGroup: report.Fraction{0, 1}}},
		{"reassignments after the resolution do not count for it", []report.Record{{ID: "a", OpenedAt: at(2, 9, 0), Assignments: moved, Resolutions: times(at(2, 9, 30))}},
			report.RateStats{Reopen: report.Fraction{0, 1}, Reassignment: report.Fraction{0, 1}, Reassignments: report.Fraction{0, 1},
				Escalation: report.Fraction{0, 1}, FirstContact: report.Fraction{1, 1}, FirstGroup: report.Fraction{1, 1}}},
		{"reopened: no first contact resolution (ITIL, HDI), but a first group resolution", []report.Record{
			{ID: "a", OpenedAt: at(2, 9, 0), Assignments: desk, Resolutions: times(at(2, 10, 0), at(2, 12, 0)), Reopenings: times(at(2, 11, 0))},
			{ID: "b", OpenedAt: at(2, 9, 0), Assignments: desk, Resolutions: times(at(2, 10, 0))}},
			report.RateStats{Reopen: report.Fraction{1, 3}, Reassignment: report.Fraction{0, 3}, Reassignments: report.Fraction{0, 3},
				Escalation: report.Fraction{0, 3}, FirstContact: report.Fraction{1, 3}, FirstGroup: report.Fraction{2, 3}}},
		{"escalated without reassignment: a first group resolution only", []report.Record{
			{ID: "a", OpenedAt: at(2, 9, 0), Assignments: desk, EscalatedAt: at(2, 9, 30), Resolutions: times(at(2, 10, 0))}},
			report.RateStats{Reopen: report.Fraction{0, 1}, Reassignment: report.Fraction{0, 1}, Reassignments: report.Fraction{0, 1},
				Escalation: report.Fraction{1, 1}, FirstContact: report.Fraction{0, 1}, FirstGroup: report.Fraction{1, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := all(t, build(t, march(), tt.records...)).Rates
			require.NotNil(t, got)
			assert.Equal(t, tt.want, *got)
		})
	}
	// Spec.FirstLine: only a first-line group's resolution is at first
	// contact; an incident sent straight to the network team is not.
	spec := march()
	spec.FirstLine = []string{"desk"}
	got := all(t, build(t, spec,
		report.Record{ID: "a", OpenedAt: at(2, 9, 0), Assignments: desk, Resolutions: times(at(2, 10, 0))},
		report.Record{ID: "b", OpenedAt: at(2, 9, 0), Assignments: []report.Assignment{{At: at(2, 9, 0), Group: "network"}},
			Resolutions: times(at(2, 13, 30))})).Rates
	assert.Equal(t, report.Fraction{1, 2}, got.FirstContact)
	assert.Equal(t, report.Fraction{2, 2}, got.FirstGroup)
}

func TestFamiliesCanBeLeftOut(t *testing.T) {
	spec := march()
	spec.KPIs = []report.Family{report.FamilyRates}
	rep := build(t, spec, randomRecords(1, 50)...)
	st := all(t, rep)
	assert.Nil(t, st.Counts)
	assert.Nil(t, st.Durations)
	assert.Nil(t, st.SLA)
	assert.NotNil(t, st.Rates)
	assert.Nil(t, rep.Breaches)
	assert.Nil(t, rep.Availability)
	assert.Nil(t, rep.Recurring)
}
