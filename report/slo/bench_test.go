package slo_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report/slo"
)

// A month of minute samples: March 2026 in Amsterdam (743 hours, 44,580
// samples), 1000 requests a minute, a bad minute every 97.
func monthOfMinutes() []slo.Sample {
	from, to := utc(2, 28, 23, 0), utc(3, 31, 22, 0)
	var out []slo.Sample
	for k, at := 0, from; at.Before(to); k, at = k+1, at.Add(time.Minute) {
		x := slo.Sample{At: at, Total: 1000}
		if k%97 == 0 {
			x.Bad = 3
		}
		out = append(out, x)
	}
	return out
}

// Status over a month of minute samples, rolling 30 days and calendar
// month, with the workbook's three rules: seven window counts.
func BenchmarkStatus(b *testing.B) {
	samples := monthOfMinutes()
	src, err := slo.NewEventSource(samples)
	if err != nil {
		b.Fatal(err)
	}
	now := utc(3, 31, 12, 0)
	for _, bc := range []struct {
		name string
		p    slo.Period
	}{{"rolling30d", slo.Rolling(thirtyDays)}, {"month", slo.Month(ams)}} {
		s, _ := slo.New(0.999, bc.p)
		rules := slo.WorkbookRules(s.Period)
		b.Run("events/"+bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Status(now, src, rules); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// One outage a day of 10 minutes over the month, on office hours.
	var outages []calendar.Interval
	for d := 1; d <= 31; d++ {
		outages = append(outages, calendar.Interval{Start: utc(3, d, 9, 0), End: utc(3, d, 9, 10)})
	}
	s, _ := slo.New(0.999, slo.Month(ams))
	rules := slo.WorkbookRules(s.Period)
	for _, bc := range []struct {
		name string
		cal  *calendar.Calendar
	}{{"downtime/month/always", nil}, {"downtime/month/office", office(b)}} {
		src, err := slo.NewDowntimeSource(outages, bc.cal)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Status(now, src, rules); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Building the source: sorting and prefix sums over the month's samples.
func BenchmarkNewEventSource(b *testing.B) {
	samples := monthOfMinutes()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := slo.NewEventSource(samples); err != nil {
			b.Fatal(err)
		}
	}
}

// StatusByLabel over 100 customers, each a month of minute samples.
func BenchmarkStatusByLabel100(b *testing.B) {
	samples := monthOfMinutes()
	sources := map[string]slo.Source{}
	for i := range 100 {
		src, err := slo.NewEventSource(samples)
		if err != nil {
			b.Fatal(err)
		}
		sources["customer-"+string(rune('a'+i%26))+string(rune('a'+i/26))] = src
	}
	s, _ := slo.New(0.999, slo.Month(ams))
	rules := slo.WorkbookRules(s.Period)
	now := utc(3, 31, 12, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.StatusByLabel(now, sources, rules); err != nil {
			b.Fatal(err)
		}
	}
}
