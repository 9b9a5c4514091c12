package report_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSpecValidation(t *testing.T) {
	tests := []struct {
		field string
		edit  func(*report.Spec)
	}{
		{"from", func(s *report.Spec) { s.From = time.Time{} }},
		{"to", func(s *report.Spec) { s.To = time.Time{} }},
		{"to", func(s *report.Spec) { s.To = s.From }},
		{"from", func(s *report.Spec) { s.From = time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC) }},
		{"zone", func(s *report.Spec) { s.Location = nil }},
		{"bucket", func(s *report.Spec) { s.Bucket = 9 }},
		{"bucket", func(s *report.Spec) { s.Bucket = report.Day; s.From = s.To.AddDate(-30, 0, 0) }},
		{"group_by[0]", func(s *report.Spec) { s.GroupBy = []string{"colour"} }},
		{"group_by[1]", func(s *report.Spec) { s.GroupBy = []string{"service", "service"} }},
		{"group_by", func(s *report.Spec) {
			s.GroupBy = strings.Fields("priority service customer group category configuration_item a b c")
		}},
		{"kpis[0]", func(s *report.Spec) { s.KPIs = []report.Family{0} }},
		{"kpis[1]", func(s *report.Spec) { s.KPIs = []report.Family{report.FamilyCounts, report.FamilyCounts} }},
		{"breach_limit", func(s *report.Spec) { s.BreachLimit = -1 }},
		{"recurring.threshold", func(s *report.Spec) { s.Recurring.Threshold = 1 }},
		{"recurring.window", func(s *report.Spec) { s.Recurring.Window = -time.Hour }},
		{"recurring.by[0]", func(s *report.Spec) { s.Recurring.By = []string{"customer"} }},
		{"recurring.max_incidents", func(s *report.Spec) { s.Recurring.MaxIncidents = -1 }},
		{"availability.target", func(s *report.Spec) { s.Availability.Target = 1 }},
		{"availability.services.x", func(s *report.Spec) { s.Availability.Services = map[string]*calendar.Calendar{"x": nil} }},
		{"availability.maintenance[0].end", func(s *report.Spec) {
			s.Availability.Maintenance = []report.Window{{Start: at(2, 0, 0), End: at(1, 0, 0)}}
		}},
		{"availability.maintenance[0].end", func(s *report.Spec) { s.Availability.Maintenance = []report.Window{{Start: at(2, 0, 0)}} }},
		{"availability.maintenance[0].start", func(s *report.Spec) { s.Availability.Maintenance = []report.Window{{End: at(2, 0, 0)}} }},
		{"as_of", func(s *report.Spec) { s.AsOf = s.From }},
		{"calendars", func(s *report.Spec) { s.Calendars = map[string]*calendar.Calendar{"default": office(t)} }},
		{"calendars", func(s *report.Spec) { s.Calendars = map[string]*calendar.Calendar{"x": nil} }},
		{"first_line[1]", func(s *report.Spec) { s.FirstLine = []string{"desk", "desk"} }},
		{"targets.compliance", func(s *report.Spec) { s.Targets.Compliance = 1.5 }},
		{"targets.mtta", func(s *report.Spec) { s.Targets.MTTA = -time.Hour }},
		{"targets.mttr", func(s *report.Spec) { s.Targets.MTTR = -time.Hour }},
		{"targets.backlog", func(s *report.Spec) { s.Targets.Backlog = -1 }},
		{"targets.breaches", func(s *report.Spec) { s.Targets.Breaches = -1 }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			s := march()
			tt.edit(&s)
			_, err := report.NewAccumulator(s)
			require.ErrorIs(t, err, report.ErrInvalidSpec)
			var fe *report.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Path)
			assert.True(t, strings.HasPrefix(err.Error(), "report: "), err.Error())
		})
	}
	_, err := report.NewAccumulator(march(), report.WithKey("priority", func(report.Record) string { return "" }))
	assert.ErrorIs(t, err, report.ErrInvalidSpec, "built-in names cannot be replaced")
	_, err = report.NewAccumulator(march(), report.WithKey("x", nil))
	assert.ErrorIs(t, err, report.ErrInvalidSpec)
}

func TestSpecDefaults(t *testing.T) {
	acc, err := report.NewAccumulator(march())
	require.NoError(t, err)
	s := acc.Spec()
	assert.Equal(t, report.AllFamilies(), s.KPIs)
	assert.Equal(t, report.DefaultBreachLimit, s.BreachLimit)
	assert.Equal(t, report.Recurring{Threshold: 3, Window: 7 * 24 * time.Hour, By: []string{"service", "configuration_item"}, MaxIncidents: 10, Limit: 100}, s.Recurring)
}

func TestSpecJSON(t *testing.T) {
	s := fullSpec(t)
	s.KPIs = []report.Family{report.FamilySLA, report.FamilyCounts}
	s.Calendars = map[string]*calendar.Calendar{"office": office(t)}
	s.AsOf = s.To.Add(-time.Hour)
	s.FirstLine = []string{"desk"}
	s.Targets = report.Targets{Compliance: 0.95, MTTA: 30 * time.Minute, MTTR: 8 * time.Hour, Backlog: 10, Breaches: 3}
	b, err := json.Marshal(s)
	require.NoError(t, err)
	var back report.Spec
	require.NoError(t, json.Unmarshal(b, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))
	assert.Contains(t, string(b), `"zone":"Europe/Amsterdam"`)
	assert.Contains(t, string(b), `"window":"48h0m0s"`)
	assert.Contains(t, string(b), `"kpis":["sla","counts"]`)
	assert.Contains(t, string(b), `"targets":{"compliance":0.95,"mtta":"30m0s","mttr":"8h0m0s","backlog":10,"breaches":3}`)
	assert.Contains(t, string(b), `"first_line":["desk"]`)
	assert.Equal(t, s.Targets, back.Targets)
	assert.True(t, s.AsOf.Equal(back.AsOf))
	// Specs read back merge with the original: they are the same report.
	a1, err := report.NewAccumulator(s)
	require.NoError(t, err)
	a2, err := report.NewAccumulator(back)
	require.NoError(t, err)
	require.NoError(t, a1.Merge(a2))

	var iso report.Spec
	require.NoError(t, json.Unmarshal([]byte(`{"from":"2026-03-01T00:00:00+01:00","to":"2026-04-01T00:00:00+02:00","zone":"Europe/Amsterdam","bucket":"week","recurring":{"window":"P3D"}}`), &iso))
	assert.Equal(t, 72*time.Hour, iso.Recurring.Window)
	assert.Equal(t, report.Week, iso.Bucket)
	for _, bad := range []string{`{"zone":"Mars/Olympus"}`, `{"bucket":"year"}`, `{"kpis":["everything"]}`, `{"recurring":{"window":5}}`} {
		assert.Error(t, json.Unmarshal([]byte(bad), &iso), bad)
	}
	_, err = json.Marshal(report.Spec{Location: time.FixedZone("X", 3600)})
	assert.ErrorIs(t, err, report.ErrInvalidSpec)
}

func TestSpecPrevious(t *testing.T) {
	tests := []struct {
		from, to, wantFrom time.Time
	}{
		{time.Date(2026, 3, 1, 0, 0, 0, 0, ams), time.Date(2026, 4, 1, 0, 0, 0, 0, ams), time.Date(2026, 2, 1, 0, 0, 0, 0, ams)},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, ams), time.Date(2026, 4, 1, 0, 0, 0, 0, ams), time.Date(2025, 10, 1, 0, 0, 0, 0, ams)},
		{time.Date(2026, 3, 30, 0, 0, 0, 0, ams), time.Date(2026, 4, 6, 0, 0, 0, 0, ams), time.Date(2026, 3, 23, 0, 0, 0, 0, ams)}, // a week across DST
		{time.Date(2026, 3, 2, 9, 0, 0, 0, ams), time.Date(2026, 3, 2, 17, 0, 0, 0, ams), time.Date(2026, 3, 2, 1, 0, 0, 0, ams)},
	}
	for _, tt := range tests {
		s := report.Spec{From: tt.from, To: tt.to, Location: ams}
		p := s.Previous()
		assert.True(t, p.From.Equal(tt.wantFrom), "%s: got %s", tt.from, p.From)
		assert.True(t, p.To.Equal(tt.from))
	}
}

func TestZeroAccumulator(t *testing.T) {
	var a report.Accumulator
	assert.ErrorIs(t, a.Add(report.Record{ID: "x", OpenedAt: time.Now()}), report.ErrInvalidSpec)
	assert.ErrorIs(t, a.AddOutage(report.Window{Service: "mail"}), report.ErrInvalidSpec)
	assert.ErrorIs(t, a.Merge(&report.Accumulator{}), report.ErrInvalidSpec)
	assert.Equal(t, report.Report{}, a.Report())
}
