package report_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// escalation_rate looked ahead: a record carried an escalated flag
// without an instant, so a resolution counted as escalated even when the
// escalation came after it, and a past period's report changed when an
// incident was escalated later. A resolution now counts as escalated only
// when Record.EscalatedAt is at or before it.
func TestEscalationRateDoesNotLookAhead(t *testing.T) {
	april := time.Date(2026, 4, 2, 9, 0, 0, 0, ams)
	tests := []struct {
		name string
		rec  report.Record
		want report.Fraction
	}{
		{"escalated before the resolution", report.Record{ID: "a", OpenedAt: at(2, 9, 0), EscalatedAt: at(2, 10, 0), Resolutions: times(at(2, 12, 0))},
			report.Fraction{Num: 1, Den: 1}},
		{"escalated at the resolution", report.Record{ID: "a", OpenedAt: at(2, 9, 0), EscalatedAt: at(2, 12, 0), Resolutions: times(at(2, 12, 0))},
			report.Fraction{Num: 1, Den: 1}},
		{"escalated after the period: not in this period's rate", report.Record{ID: "a", OpenedAt: at(2, 9, 0), Resolutions: times(at(2, 12, 0), april.Add(time.Hour)),
			Reopenings: times(april), EscalatedAt: april},
			report.Fraction{Num: 0, Den: 1}},
		{"escalated between two resolutions: only the second", report.Record{ID: "a", OpenedAt: at(2, 9, 0), Resolutions: times(at(2, 12, 0), at(4, 12, 0)),
			Reopenings: times(at(3, 9, 0)), EscalatedAt: at(3, 10, 0)},
			report.Fraction{Num: 1, Den: 2}},
		{"never escalated", report.Record{ID: "a", OpenedAt: at(2, 9, 0), Resolutions: times(at(2, 12, 0))},
			report.Fraction{Num: 0, Den: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, all(t, build(t, march(), tt.rec)).Rates.Escalation)
		})
	}

	acc, err := report.NewAccumulator(march())
	require.NoError(t, err)
	err = acc.Add(report.Record{ID: "a", OpenedAt: at(2, 9, 0), EscalatedAt: at(2, 8, 0)})
	var fe *report.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, `records["a"].escalated_at`, fe.Path)
}

// NewRecord dates the escalation: the first raise of priority after
// opening (or declaration as major), not a later one.
func TestNewRecordEscalatedAt(t *testing.T) {
	history := append(history()[:7:7],
		incident.Event{At: at(2, 14, 30), Actor: "agent", Type: incident.EventPrioritize, Priority: incident.P1, Reason: "worse"},
		incident.Event{At: at(2, 15, 0), Actor: "agent", Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "solved", Note: "fixed"})
	rec, err := report.NewRecord(evaluated(t, nil, history, at(3, 9, 0)))
	require.NoError(t, err)
	assert.Equal(t, at(2, 14, 0), rec.EscalatedAt, "the first raise, P3 to P2")
	rec, err = report.NewRecord(evaluated(t, nil, history[:4], at(3, 9, 0)))
	require.NoError(t, err)
	assert.True(t, rec.EscalatedAt.IsZero())
}
