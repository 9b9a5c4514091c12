package slo_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report/slo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The catalogue of bad input: every error satisfies ErrInvalid, is a
// *FieldError with the path at fault, and its message starts with "slo: ".
func TestCatalogue(t *testing.T) {
	// UnmarshalJSON itself: json.Unmarshal refuses malformed JSON before
	// calling it, with the standard library's own error.
	decode := func(into json.Unmarshaler) func(string) error {
		return func(s string) error { return into.UnmarshalJSON([]byte(s)) }
	}
	deep := strings.Repeat(`{"a":`, 200) + "1" + strings.Repeat("}", 200)
	now := utc(3, 20, 12, 0)
	ok := mustSLO(t, 0.999, slo.Rolling(thirtyDays))
	src := events(t)
	status := func(s slo.SLO, rules ...slo.BurnRule) error { _, err := s.Status(now, src, rules); return err }
	good := slo.BurnRule{Severity: slo.Page, Long: time.Hour, Short: 5 * time.Minute, Factor: 14.4}
	rule := func(edit func(*slo.BurnRule)) slo.BurnRule { r := good; edit(&r); return r }
	for _, tc := range []struct {
		name string
		err  error
		path string
		text string // in the message
	}{
		{"SLO: unknown key", decode(&slo.SLO{})(`{"target":0.9,"period":"1h","perod":"2h"}`), "", `unknown field "perod"`},
		{"SLO: key twice", decode(&slo.SLO{})(`{"target":0.9,"target":0.8}`), "", "given twice"},
		{"SLO: wrong type", decode(&slo.SLO{})(`{"target":"high"}`), "target", "want a number"},
		{"SLO: bad duration", decode(&slo.SLO{})(`{"target":0.9,"period":"a month"}`), "period", "neither a Go duration"},
		{"SLO: unknown cycle", decode(&slo.SLO{})(`{"target":0.9,"calendar":"fortnight"}`), "calendar", "known: month"},
		{"SLO: unknown zone", decode(&slo.SLO{})(`{"target":0.9,"calendar":"month","zone":"Mars/Olympus"}`), "zone", "unknown time zone"},
		{"SLO: Local zone", decode(&slo.SLO{})(`{"target":0.9,"calendar":"month","zone":"Local"}`), "zone", "Local"},
		{"SLO: not an object", decode(&slo.SLO{})(`[1]`), "", "want a JSON object"},
		{"SLO: malformed", decode(&slo.SLO{})(`{"target":`), "target", "malformed JSON"},
		{"SLO: deeply nested", decode(&slo.SLO{})(`{"target":` + deep + `}`), "target", "want a number"},
		{"SLO: huge number", decode(&slo.SLO{})(`{"target":1e400}`), "target", ""},
		{"SLO: target 1", ok2(slo.New(1, slo.Rolling(time.Hour))), "target", "between 0 and 1"},
		{"SLO: target 0", ok2(slo.New(0, slo.Rolling(time.Hour))), "target", "between 0 and 1"},
		{"SLO: target NaN", ok2(slo.New(math.NaN(), slo.Rolling(time.Hour))), "target", "between 0 and 1"},
		{"SLO: no period", ok2(slo.New(0.9, slo.Period{})), "period", "must be positive"},
		{"SLO: negative period", ok2(slo.New(0.9, slo.Rolling(-time.Hour))), "period", "must be positive"},
		{"SLO: month without zone", ok2(slo.New(0.9, slo.Month(nil))), "zone", "needs a zone"},
		{"SLO: month with a length", ok2(slo.New(0.9, slo.Period{Rolling: time.Hour, Cycle: slo.CalendarMonth, Location: ams})), "period", "no rolling length"},
		{"SLO: zone without a cycle", ok2(slo.New(0.9, slo.Period{Rolling: time.Hour, Location: ams})), "zone", "only a calendar cycle"},
		{"SLO: unknown cycle value", ok2(slo.New(0.9, slo.Period{Cycle: 7, Location: ams})), "calendar", "Cycle(7)"},
		{"SLO: negative min events", ok2(slo.New(0.9, slo.Rolling(time.Hour), slo.MinEvents(-1))), "min_events", "0 or more"},
		{"SLO: infinite min events", ok2(slo.New(0.9, slo.Rolling(time.Hour), slo.MinEvents(math.Inf(1)))), "min_events", "finite"},
		{"SLO: negative min agreed", ok2(slo.New(0.9, slo.Rolling(time.Hour), slo.MinAgreed(-time.Minute))), "min_agreed", "negative"},
		{"SLO: invalid at Status", status(slo.SLO{Target: 2, Period: slo.Rolling(time.Hour)}), "target", ""},
		{"rule: unknown key", decode(&slo.BurnRule{})(`{"severity":"page","long":"1h","short":"5m","factor":1,"window":"1h"}`), "", `unknown field "window"`},
		{"rule: unknown severity", decode(&slo.BurnRule{})(`{"severity":"sms"}`), "severity", "known: page, ticket"},
		{"rule: severity as a number", decode(&slo.BurnRule{})(`{"severity":1}`), "severity", "want a string"},
		{"rule: bad duration", decode(&slo.BurnRule{})(`{"long":"PT1Y"}`), "long", ""},
		{"rule: no severity", status(ok, rule(func(r *slo.BurnRule) { r.Severity = 0 })), "rules[0].severity", "page or ticket"},
		{"rule: reversed windows", status(ok, good, rule(func(r *slo.BurnRule) { r.Long, r.Short = time.Minute, time.Hour })), "rules[1].short", "0 < short < long"},
		{"rule: zero short", status(ok, rule(func(r *slo.BurnRule) { r.Short = 0 })), "rules[0].short", "0 < short < long"},
		{"rule: zero factor", status(ok, rule(func(r *slo.BurnRule) { r.Factor = 0 })), "rules[0].factor", "positive"},
		{"rule: infinite factor", status(ok, rule(func(r *slo.BurnRule) { r.Factor = math.Inf(1) })), "rules[0].factor", "positive"},
		{"rule: negative min events", status(ok, rule(func(r *slo.BurnRule) { r.MinEvents = -3 })), "rules[0].min_events", ""},
		{"rule: negative min agreed", status(ok, rule(func(r *slo.BurnRule) { r.MinAgreed = -1 })), "rules[0].min_agreed", ""},
		{"status: nil source", func() error { _, err := ok.Status(now, nil, nil); return err }(), "source", "no source"},
		{"sample: bad above total", ok2(slo.NewEventSource([]slo.Sample{{At: now}, {At: now, Bad: 2, Total: 1}})), "samples[1]", "0 <= bad <= total"},
		{"sample: negative", ok2(slo.NewEventSource([]slo.Sample{{At: now, Bad: -1, Total: 1}})), "samples[0]", ""},
		{"sample: no instant", ok2(slo.NewEventSource([]slo.Sample{{Total: 1}})), "samples[0].at", "need an instant"},
		{"sample: out of range", ok2(slo.NewEventSource([]slo.Sample{{At: time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), Total: 1}})), "samples[0].at", ""},
		{"sample JSON: unknown key", decode(&slo.Sample{})(`{"at":"2026-03-20T12:00:00Z","good":1}`), "", `unknown field "good"`},
		{"sample JSON: bad time", decode(&slo.Sample{})(`{"at":"yesterday"}`), "at", ""},
		{"sample JSON: fraction", decode(&slo.Sample{})(`{"total":1.5}`), "total", "whole number"},
		{"latency: zero threshold", ok2(slo.NewLatencySource(0, nil)), "threshold", "positive"},
		{"latency: negative", ok2(slo.NewLatencySource(time.Second, []slo.LatencySample{{At: now, Latency: -1}})), "samples[0].latency", ""},
		{"latency: no instant", ok2(slo.NewLatencySource(time.Second, []slo.LatencySample{{Latency: 1}})), "samples[0].at", ""},
		{"latency JSON: bad duration", decode(&slo.LatencySample{})(`{"latency":12}`), "latency", ""},
		{"histogram: threshold not a bound", ok2(slo.NewHistogramSource(time.Second, []slo.Histogram{{At: now, Buckets: []slo.Bucket{{time.Millisecond, 1}}, Count: 1}})), "histograms[0].buckets", "known: 1ms"},
		{"histogram: no buckets", ok2(slo.NewHistogramSource(time.Second, []slo.Histogram{{At: now, Count: 1}})), "histograms[0].buckets", "known: none"},
		{"histogram: bounds decrease", ok2(slo.NewHistogramSource(time.Second, []slo.Histogram{{At: now, Buckets: []slo.Bucket{{time.Second, 1}, {time.Millisecond, 1}}, Count: 1}})), "histograms[0].buckets[1].le", "increase"},
		{"histogram: counts decrease", ok2(slo.NewHistogramSource(time.Second, []slo.Histogram{{At: now, Buckets: []slo.Bucket{{time.Millisecond, 2}, {time.Second, 1}}, Count: 2}})), "histograms[0].buckets[1].count", ""},
		{"histogram: bucket above count", ok2(slo.NewHistogramSource(time.Second, []slo.Histogram{{At: now, Buckets: []slo.Bucket{{time.Second, 3}}, Count: 2}})), "histograms[0].buckets[0].count", ""},
		{"histogram: negative count", ok2(slo.NewHistogramSource(time.Second, []slo.Histogram{{At: now, Buckets: []slo.Bucket{{time.Second, 0}}, Count: -1}})), "histograms[0].buckets[0].count", ""},
		{"histogram: no instant", ok2(slo.NewHistogramSource(time.Second, []slo.Histogram{{Buckets: []slo.Bucket{{time.Second, 0}}}})), "histograms[0].at", ""},
		{"histogram JSON: unknown bucket key", decode(&slo.Histogram{})(`{"buckets":[{"le":"1s","count":1},{"lt":"2s"}]}`), "buckets[1]", `unknown field "lt"`},
		{"outage: no start", ok2(slo.NewDowntimeSource([]calendar.Interval{{End: now}}, nil)), "outages[0].start", ""},
		{"outage: reversed", ok2(slo.NewDowntimeSource([]calendar.Interval{{Start: now, End: now.Add(-time.Minute)}}, nil)), "outages[0].end", "after the start"},
		{"outage: empty", ok2(slo.NewDowntimeSource([]calendar.Interval{{Start: now, End: now}}, nil)), "outages[0].end", ""},
		{"status JSON: unknown key", decode(&slo.BudgetStatus{})(`{"slo":{"target":0.9},"extra":1}`), "", `unknown field "extra"`},
		{"status JSON: bad SLO", decode(&slo.BudgetStatus{})(`{"slo":{"target":0.9,"zone":"Nowhere/Else"}}`), "slo.zone", ""},
		{"status JSON: bad alert", decode(&slo.BudgetStatus{})(`{"alerts":[{"rule":{"severity":"page"}},{"rule":{"severity":"email"}}]}`), "alerts[1].rule.severity", "known: page, ticket"},
		{"status JSON: bad tally", decode(&slo.BudgetStatus{})(`{"alerts":[{"long":{"bad":1,"good":2}}]}`), "alerts[0].long", `unknown field "good"`},
		{"status JSON: unknown firing", decode(&slo.BudgetStatus{})(`{"firing":"urgent"}`), "firing", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.err)
			assert.ErrorIs(t, tc.err, slo.ErrInvalid)
			var fe *slo.FieldError
			require.ErrorAs(t, tc.err, &fe)
			assert.Equal(t, tc.path, fe.Path)
			assert.True(t, strings.HasPrefix(tc.err.Error(), "slo: "), tc.err.Error())
			assert.Contains(t, tc.err.Error(), tc.text)
		})
	}
}

// ok2 keeps the error of a constructor.
func ok2[T any](_ T, err error) error { return err }

// The zero values: an unset severity, measure or cycle is "" and an
// unknown one fails to marshal.
func TestWords(t *testing.T) {
	for _, v := range []interface{ MarshalText() ([]byte, error) }{slo.Severity(0), slo.Measure(0), slo.Cycle(0)} {
		b, err := v.MarshalText()
		require.NoError(t, err)
		assert.Empty(t, b)
	}
	for _, v := range []interface {
		MarshalText() ([]byte, error)
		String() string
	}{slo.Severity(9), slo.Measure(9), slo.Cycle(9)} {
		_, err := v.MarshalText()
		assert.ErrorIs(t, err, slo.ErrInvalid)
		assert.Contains(t, v.String(), "(9)")
	}
	assert.Equal(t, "page ticket events time month", strings.Join([]string{slo.Page.String(), slo.Ticket.String(), slo.Events.String(), slo.Time.String(), slo.CalendarMonth.String()}, " "))
	var m slo.Measure
	require.NoError(t, m.UnmarshalText([]byte("time")))
	assert.Equal(t, slo.Time, m)
}
