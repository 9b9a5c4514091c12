package report_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func availabilityOf(t *testing.T, rep report.Report, service string) report.ServiceAvailability {
	t.Helper()
	for _, s := range rep.Availability {
		if s.Service == service {
			return s
		}
	}
	t.Fatalf("no availability for %q in %+v", service, rep.Availability)
	return report.ServiceAvailability{}
}

func TestAvailability(t *testing.T) {
	h := time.Hour
	march24x7 := 31*24*h - h // the spring-forward day has 23 hours
	const marchOffice = 22 * 8 * time.Hour
	major := func(id, service string, opened, restored time.Time) report.Record {
		r := report.Record{ID: id, Service: service, Major: true, OpenedAt: opened, RestoredAt: restored}
		return r
	}
	tests := []struct {
		name     string
		spec     func(*report.Spec)
		records  []report.Record
		outages  []report.Window
		service  string
		want     report.ServiceAvailability
		avail    float64
		mtbf     time.Duration
		noBreaks bool
	}{
		{name: "a service without outages is fully available", service: "mail",
			records: []report.Record{{ID: "a", Service: "mail", OpenedAt: at(2, 9, 0)}},
			want:    report.ServiceAvailability{Service: "mail", AgreedTime: march24x7}, avail: 1, noBreaks: true},
		{name: "a major incident is an outage until service is restored", service: "mail",
			records: []report.Record{major("a", "mail", at(2, 10, 0), at(2, 12, 0))},
			want:    report.ServiceAvailability{Service: "mail", AgreedTime: march24x7, Downtime: 2 * h, Breaks: 1},
			avail:   float64(march24x7-2*h) / float64(march24x7), mtbf: march24x7 - 2*h},
		{name: "agreed service time: business hours only, overlapping outages once", service: "erp",
			spec:    func(s *report.Spec) { s.Availability.Services = map[string]*calendar.Calendar{"erp": office(t)} },
			records: []report.Record{major("a", "erp", at(2, 16, 0), at(3, 10, 0))},
			outages: []report.Window{{Service: "erp", Start: at(3, 9, 30), End: at(3, 11, 0)}},
			want:    report.ServiceAvailability{Service: "erp", AgreedTime: marchOffice, Downtime: 3 * h, Breaks: 1},
			avail:   173.0 / 176, mtbf: 173 * h},
		{name: "planned maintenance leaves the denominator and the downtime", service: "erp",
			spec: func(s *report.Spec) {
				s.Availability.ServiceTime = office(t)
				s.Availability.Maintenance = []report.Window{{Service: "erp", Start: at(4, 9, 0), End: at(4, 13, 0)}}
			},
			outages: []report.Window{{Service: "erp", Start: at(4, 12, 0), End: at(4, 14, 0)}},
			want:    report.ServiceAvailability{Service: "erp", AgreedTime: marchOffice - 4*h, Maintenance: 4 * h, Downtime: h, Breaks: 1},
			avail:   171.0 / 172, mtbf: 171 * h},
		{name: "an outage within maintenance is no break", service: "erp",
			spec: func(s *report.Spec) {
				s.Availability.Maintenance = []report.Window{{Start: at(4, 0, 0), End: at(5, 0, 0)}}
			},
			outages: []report.Window{{Service: "erp", Start: at(4, 12, 0), End: at(4, 14, 0)}},
			want:    report.ServiceAvailability{Service: "erp", AgreedTime: march24x7 - 24*h, Maintenance: 24 * h},
			avail:   1, noBreaks: true},
		{name: "an unrestored major incident is out until the period's end", service: "mail",
			records: []report.Record{major("a", "mail", at(31, 12, 0), time.Time{})},
			want:    report.ServiceAvailability{Service: "mail", AgreedTime: march24x7, Downtime: 12 * h, Breaks: 1},
			avail:   float64(march24x7-12*h) / float64(march24x7), mtbf: march24x7 - 12*h},
		{name: "a major incident cancelled before any restoration was a false alarm", service: "mail",
			records: []report.Record{{ID: "a", Service: "mail", Major: true, OpenedAt: at(2, 10, 0), ClosedAt: at(2, 11, 0), Cancelled: true}},
			want:    report.ServiceAvailability{Service: "mail", AgreedTime: march24x7}, avail: 1, noBreaks: true},
		{name: "IgnoreMajor: outages come from the host only", service: "mail",
			spec:    func(s *report.Spec) { s.Availability.IgnoreMajor = true },
			records: []report.Record{major("a", "mail", at(2, 10, 0), at(2, 12, 0))},
			outages: []report.Window{{Service: "mail", Start: at(9, 10, 0), End: at(9, 10, 30)}, {Service: "mail", Start: at(10, 10, 0), End: at(10, 10, 30)}},
			want:    report.ServiceAvailability{Service: "mail", AgreedTime: march24x7, Downtime: h, Breaks: 2},
			avail:   float64(march24x7-h) / float64(march24x7), mtbf: (march24x7 - h) / 2},
		{name: "an outage that started before the period counts from its start", service: "mail",
			outages: []report.Window{{Service: "mail", Start: at(1, 0, 0).Add(-5 * h), End: at(1, 2, 0)}},
			want:    report.ServiceAvailability{Service: "mail", AgreedTime: march24x7, Downtime: 2 * h, Breaks: 1},
			avail:   float64(march24x7-2*h) / float64(march24x7), mtbf: march24x7 - 2*h},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := march()
			if tt.spec != nil {
				tt.spec(&spec)
			}
			acc, err := report.NewAccumulator(spec)
			require.NoError(t, err)
			for _, r := range tt.records {
				require.NoError(t, acc.Add(r))
			}
			for _, o := range tt.outages {
				require.NoError(t, acc.AddOutage(o))
			}
			got := availabilityOf(t, acc.Report(), tt.service)
			assert.Equal(t, tt.want, got)
			v, ok := got.Availability()
			assert.True(t, ok)
			assert.InDelta(t, tt.avail, v, 1e-12)
			mtbf, ok := got.MTBF()
			assert.Equal(t, !tt.noBreaks, ok)
			assert.Equal(t, tt.mtbf, mtbf)
			if !tt.noBreaks {
				mtbsi, _ := got.MTBSI()
				assert.Equal(t, got.AgreedTime/time.Duration(got.Breaks), mtbsi)
			}
		})
	}
}

func TestErrorBudget(t *testing.T) {
	s := report.ServiceAvailability{Service: "erp", AgreedTime: 176 * time.Hour, Downtime: 3 * time.Hour, Breaks: 1, Target: 0.99}
	budget, ok := s.ErrorBudget()
	require.True(t, ok)
	assert.Equal(t, time.Hour+45*time.Minute+36*time.Second, budget) // 1% of 176h
	left, _ := s.BudgetRemaining()
	assert.InDelta(t, 1-3.0/1.76, left, 1e-12, "overspent: negative")
	burn, _ := s.BurnRate()
	assert.InDelta(t, 3.0/176/0.01, burn, 1e-12)
	s.Target = 0
	_, ok = s.ErrorBudget()
	assert.False(t, ok, "no target, no budget")
	_, ok = report.ServiceAvailability{}.Availability()
	assert.False(t, ok, "no agreed time, no availability")
}

func TestAddOutageValidation(t *testing.T) {
	acc, err := report.NewAccumulator(march())
	require.NoError(t, err)
	for _, w := range []report.Window{{Start: at(2, 0, 0)}, {Service: "x"}, {Service: "x", Start: at(2, 0, 0), End: at(1, 0, 0)}} {
		assert.ErrorIs(t, acc.AddOutage(w), report.ErrInvalidSpec)
	}
}

func TestRecurring(t *testing.T) {
	rec := func(id string, day int, service, ci, category string) report.Record {
		return report.Record{ID: id, OpenedAt: at(day, 9, 0), Service: service, ConfigurationItem: ci, Category: category}
	}
	records := []report.Record{
		rec("m1", 2, "mail", "mx1", "email"), rec("m2", 4, "mail", "mx2", "email"), rec("m3", 8, "mail", "mx1", "email"), // within 6 days
		rec("m4", 20, "mail", "mx3", "email"),                                                                                   // alone
		rec("w1", 2, "wifi", "ap1", "network"), rec("w2", 9, "wifi", "ap1", "network"), rec("w3", 16, "wifi", "ap1", "network"), // exactly 7 days apart: no
		rec("v1", 10, "vpn", "", "access"), rec("v2", 10, "vpn", "", "access"), rec("v3", 10, "vpn", "", "access"), rec("v4", 11, "vpn", "", "access"),
		{ID: "old", OpenedAt: time.Date(2026, 2, 27, 9, 0, 0, 0, ams), Service: "mail", Category: "email"}, // before the period
	}
	rep := build(t, march(), records...)
	require.Len(t, rep.Recurring.Listed, 2)
	assert.Equal(t, report.Recurrence{By: "service", Value: "vpn", Category: "access", Count: 4, Total: 4,
		First: at(10, 9, 0).UTC(), Last: at(11, 9, 0).UTC(), Incidents: []string{"v1", "v2", "v3", "v4"}}, rep.Recurring.Listed[0])
	assert.Equal(t, report.Recurrence{By: "service", Value: "mail", Category: "email", Count: 3, Total: 4,
		First: at(2, 9, 0).UTC(), Last: at(8, 9, 0).UTC(), Incidents: []string{"m1", "m2", "m3"}}, rep.Recurring.Listed[1])

	spec := march()
	spec.Recurring = report.Recurring{Threshold: 2, Window: 8 * 24 * time.Hour, By: []string{report.KeyConfigurationItem}, MaxIncidents: 2}
	rep = build(t, spec, records...)
	require.Len(t, rep.Recurring.Listed, 2)
	assert.Equal(t, report.Recurrence{By: "configuration_item", Value: "ap1", Category: "network", Count: 3, Total: 3,
		First: at(2, 9, 0).UTC(), Last: at(16, 9, 0).UTC(), Incidents: []string{"w1", "w2"}}, rep.Recurring.Listed[0])
	assert.Equal(t, "mx1", rep.Recurring.Listed[1].Value)
}
