package report_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWorkbookRules(t *testing.T) {
	rules := report.WorkbookRules(30 * 24 * time.Hour)
	assert.Equal(t, []report.BurnRule{
		{Severity: report.Page, Long: time.Hour, Short: 5 * time.Minute, Factor: 14.4},
		{Severity: report.Page, Long: 6 * time.Hour, Short: 30 * time.Minute, Factor: 6},
		{Severity: report.Ticket, Long: 72 * time.Hour, Short: 6 * time.Hour, Factor: 1},
	}, rules)
	// A 7-day budget burns the same shares faster.
	assert.InDelta(t, 3.36, report.WorkbookRules(7 * 24 * time.Hour)[0].Factor, 1e-12)
}

func TestBurnRateAlerts(t *testing.T) {
	now := at(20, 12, 0)
	slo, err := report.NewSLO(0.999, 30*24*time.Hour)
	require.NoError(t, err)
	// One sample every 5 minutes over 30 days, 1000 requests each; the
	// last hour fails 2% of them.
	var samples []report.Sample
	for k := 1; k <= 8640; k++ {
		s := report.Sample{At: now.Add(-time.Duration(k) * 5 * time.Minute), Total: 1000}
		if k <= 12 {
			s.Bad = 20
		}
		samples = append(samples, s)
	}
	src, err := report.NewEventSource(samples)
	require.NoError(t, err)
	st, err := slo.Status(now, src, report.WorkbookRules(slo.Period))
	require.NoError(t, err)
	assert.Equal(t, 240.0, st.Bad)
	assert.Equal(t, 8640000.0, st.Total)
	assert.InDelta(t, 1-240.0/8640000/0.001, st.Remaining.Float, 1e-9)
	assert.InDelta(t, 240.0/8640000/0.001, st.BurnRate.Float, 1e-9)
	require.Len(t, st.Alerts, 3)
	assert.InDelta(t, 20, st.Alerts[0].LongRate.Float, 1e-9) // 2% / 0.1%
	assert.InDelta(t, 20, st.Alerts[0].ShortRate.Float, 1e-9)
	assert.True(t, st.Alerts[0].Firing)
	assert.InDelta(t, 240.0/72000/0.001, st.Alerts[1].LongRate.Float, 1e-9) // 3.3x over 6h
	assert.False(t, st.Alerts[1].Firing, "the 30m window burns at 20x but the 6h one at 3.3x")
	assert.False(t, st.Alerts[2].Firing)
	assert.Equal(t, report.Page, st.Firing)

	// An hour later the short window is clean: the page stops.
	st, _ = slo.Status(now.Add(10*time.Minute), src, report.WorkbookRules(slo.Period))
	assert.False(t, st.Alerts[0].Firing)
	assert.False(t, st.Alerts[0].ShortRate.Valid, "no samples in the last 5 minutes: no rate")
	assert.Equal(t, report.Severity(0), st.Firing)

	b, err := json.Marshal(st)
	require.NoError(t, err)
	var back report.BudgetStatus
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, st.Alerts, back.Alerts)
}

func TestDowntimeSource(t *testing.T) {
	now := at(10, 12, 0)
	src, err := report.NewDowntimeSource([]calendar.Interval{{Start: now.Add(-30 * time.Minute)}, {Start: now.Add(-20 * time.Minute), End: now.Add(-10 * time.Minute)}}, nil)
	require.NoError(t, err)
	bad, total := src.Count(now.Add(-time.Hour), now)
	assert.Equal(t, float64(30*time.Minute), bad, "overlapping outages once; an open one lasts until now")
	assert.Equal(t, float64(time.Hour), total)
	slo, _ := report.NewSLO(0.999, 30*24*time.Hour)
	st, err := slo.Status(now, src, report.WorkbookRules(slo.Period))
	require.NoError(t, err)
	assert.Equal(t, report.Page, st.Firing)
	// Business hours: a night outage costs nothing.
	src, _ = report.NewDowntimeSource([]calendar.Interval{{Start: at(10, 1, 0), End: at(10, 3, 0)}}, office(t))
	bad, total = src.Count(at(10, 0, 0), at(11, 0, 0))
	assert.Equal(t, 0.0, bad)
	assert.Equal(t, float64(8*time.Hour), total)
}

func TestSLOValidation(t *testing.T) {
	for _, tc := range []struct {
		target float64
		period time.Duration
	}{{0, time.Hour}, {1, time.Hour}, {0.99, 0}, {-1, time.Hour}} {
		_, err := report.NewSLO(tc.target, tc.period)
		assert.ErrorIs(t, err, report.ErrInvalidSLO)
	}
	slo, _ := report.NewSLO(0.99, time.Hour)
	src, _ := report.NewEventSource(nil)
	for _, r := range []report.BurnRule{{Severity: 9, Long: time.Hour, Short: time.Minute, Factor: 1},
		{Severity: report.Page, Long: time.Minute, Short: time.Hour, Factor: 1},
		{Severity: report.Page, Long: time.Hour, Short: time.Minute, Factor: 0}} {
		_, err := slo.Status(at(2, 0, 0), src, []report.BurnRule{r})
		assert.ErrorIs(t, err, report.ErrInvalidSLO)
	}
	_, err := slo.Status(at(2, 0, 0), nil, nil)
	assert.ErrorIs(t, err, report.ErrInvalidSLO)
	_, err = report.NewEventSource([]report.Sample{{At: at(2, 0, 0), Bad: 2, Total: 1}})
	assert.ErrorIs(t, err, report.ErrInvalidSLO)
	st, err := slo.Status(at(2, 0, 0), src, report.WorkbookRules(time.Hour))
	require.NoError(t, err)
	assert.False(t, st.Remaining.Valid, "no events, no budget figure")
}
