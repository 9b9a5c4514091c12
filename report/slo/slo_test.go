package slo_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report/slo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWorkbookRules(t *testing.T) {
	assert.Equal(t, []slo.BurnRule{
		{Severity: slo.Page, Long: time.Hour, Short: 5 * time.Minute, Factor: 14.4},
		{Severity: slo.Page, Long: 6 * time.Hour, Short: 30 * time.Minute, Factor: 6},
		{Severity: slo.Ticket, Long: 72 * time.Hour, Short: 6 * time.Hour, Factor: 1},
	}, slo.WorkbookRules(slo.Rolling(thirtyDays)))
	// A 7-day budget burns the same shares faster.
	assert.InDelta(t, 3.36, slo.WorkbookRules(slo.Rolling(7 * 24 * time.Hour))[0].Factor, 1e-12)
	// A calendar month counts as the workbook's 30 days.
	assert.Equal(t, slo.WorkbookRules(slo.Rolling(thirtyDays)), slo.WorkbookRules(slo.Month(ams)))
}

// One sample every 5 minutes over 30 days, 1000 requests each; the last
// hour before 20 March 12:00 UTC fails 2% of them.
func TestBurnRateAlerts(t *testing.T) {
	now := utc(3, 20, 12, 0)
	s := mustSLO(t, 0.999, slo.Rolling(thirtyDays))
	var samples []slo.Sample
	for k := 1; k <= 8640; k++ {
		x := slo.Sample{At: now.Add(-time.Duration(k) * 5 * time.Minute), Total: 1000}
		if k <= 12 {
			x.Bad = 20
		}
		samples = append(samples, x)
	}
	src := events(t, samples...)
	st, err := s.Status(now, src, slo.WorkbookRules(s.Period))
	require.NoError(t, err)
	assert.Equal(t, utc(2, 18, 12, 0), st.From)
	assert.Equal(t, now, st.To)
	assert.Equal(t, 1.0, st.Elapsed)
	assert.Equal(t, 240.0, st.Bad)
	assert.Equal(t, 8640000.0, st.Total)
	assert.InDelta(t, 1-240.0/8640000/0.001, st.Remaining.Float, 1e-9)
	assert.InDelta(t, 240.0/8640000/0.001, st.BurnRate.Float, 1e-9)
	require.Len(t, st.Alerts, 3)
	assert.InDelta(t, 20, st.Alerts[0].LongRate.Float, 1e-9) // 2% / 0.1%
	assert.InDelta(t, 20, st.Alerts[0].ShortRate.Float, 1e-9)
	assert.True(t, st.Alerts[0].Firing)
	assert.Equal(t, 70.0, st.Alerts[0].Rule.MinEvents, "the default guard, resolved")
	assert.InDelta(t, 240.0/72000/0.001, st.Alerts[1].LongRate.Float, 1e-9) // 3.3x over 6h
	assert.False(t, st.Alerts[1].Burning, "the 30m window burns at 20x but the 6h one at 3.3x")
	assert.False(t, st.Alerts[2].Firing)
	assert.Equal(t, slo.Page, st.Firing)

	// Ten minutes later the 5-minute window is empty: the page stops.
	st, err = s.Status(now.Add(10*time.Minute), src, slo.WorkbookRules(s.Period))
	require.NoError(t, err)
	assert.False(t, st.Alerts[0].Firing)
	assert.False(t, st.Alerts[0].ShortRate.Valid, "no samples in the last 5 minutes: no rate")
	assert.Equal(t, slo.Severity(0), st.Firing)
}

// The low-traffic guard (Pyrra #1925): 4 requests and 1 failure burn the
// budget 250 times too fast, and page nobody by default.
func TestLowTrafficGuard(t *testing.T) {
	now := utc(3, 20, 12, 0)
	rules := slo.WorkbookRules(slo.Rolling(thirtyDays))
	withMin := func(i int, n float64) []slo.BurnRule {
		r := append([]slo.BurnRule(nil), rules...)
		r[i].MinEvents = n
		return r
	}
	for _, tc := range []struct {
		name    string
		target  float64
		opts    []slo.Option
		rules   []slo.BurnRule
		samples []slo.Sample
		long    float64 // burn rate of the 1h window
		held    [3]bool
		firing  [3]bool
		want    slo.Severity
	}{
		{name: "4 requests, 1 failure: held by the default guard (70, 167, 1000 events)", target: 0.999, rules: rules,
			samples: []slo.Sample{{At: utc(3, 20, 11, 58), Bad: 1, Total: 4}}, long: 250,
			held: [3]bool{true, true, true}},
		{name: "the SLO's guard of 4 events lets it page and ticket", target: 0.999, opts: []slo.Option{slo.MinEvents(4)}, rules: rules,
			samples: []slo.Sample{{At: utc(3, 20, 11, 58), Bad: 1, Total: 4}}, long: 250,
			firing: [3]bool{true, true, true}, want: slo.Page},
		{name: "1 turns the guard off", target: 0.999, opts: []slo.Option{slo.MinEvents(1)}, rules: rules,
			samples: []slo.Sample{{At: utc(3, 20, 11, 58), Bad: 1, Total: 4}}, long: 250,
			firing: [3]bool{true, true, true}, want: slo.Page},
		{name: "a rule's guard takes precedence over the SLO's", target: 0.999, opts: []slo.Option{slo.MinEvents(4)}, rules: withMin(0, 5),
			samples: []slo.Sample{{At: utc(3, 20, 11, 58), Bad: 1, Total: 4}}, long: 250,
			held: [3]bool{true, false, false}, firing: [3]bool{false, true, true}, want: slo.Page},
		{name: "only the ticket rule fires", target: 0.999, opts: []slo.Option{slo.MinEvents(4)}, rules: withMin(1, 5)[:3:3],
			samples: []slo.Sample{{At: utc(3, 20, 9, 0), Bad: 1, Total: 4}, {At: utc(3, 20, 11, 58), Total: 1}}, long: 0,
			held: [3]bool{false, false, false}, firing: [3]bool{false, false, true}, want: slo.Ticket},
		{name: "100 requests, 2 failures: the 1h rule has enough events, the others not", target: 0.999, rules: rules,
			samples: []slo.Sample{{At: utc(3, 20, 11, 58), Bad: 2, Total: 100}}, long: 20,
			held: [3]bool{false, true, true}, firing: [3]bool{true, false, false}, want: slo.Page},
		{name: "99%: 7 requests with 1 failure burn at 14.28, under the 14.4 that needs 7 events; the others need 17 and 100", target: 0.99, rules: rules,
			samples: []slo.Sample{{At: utc(3, 20, 11, 58), Bad: 1, Total: 7}}, long: 100.0 / 7,
			held: [3]bool{false, true, true}},
		{name: "the guard counts the long window only: 1000 quiet requests an hour ago, then 1 of 1 fails", target: 0.999, rules: rules,
			samples: []slo.Sample{{At: utc(3, 20, 11, 10), Total: 1000}, {At: utc(3, 20, 11, 59), Bad: 1, Total: 1}}, long: 1 / 1.001,
			held: [3]bool{false, false, false}, firing: [3]bool{false, false, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustSLO(t, tc.target, slo.Rolling(thirtyDays), tc.opts...)
			st, err := s.Status(now, events(t, tc.samples...), tc.rules)
			require.NoError(t, err)
			assert.InDelta(t, tc.long, st.Alerts[0].LongRate.Float, 1e-9)
			for i, a := range st.Alerts {
				assert.Equal(t, tc.held[i], a.Held, "rule %d held", i)
				assert.Equal(t, tc.firing[i], a.Firing, "rule %d firing", i)
				assert.Equal(t, a.Burning, a.Held || a.Firing)
			}
			assert.Equal(t, tc.want, st.Firing)
		})
	}
}

// The guard of downtime SLOs: agreed time in the long window. Office
// hours in Amsterdam (CET, UTC+1 in March): an outage from 09:00 to 09:01
// local on Friday 20 March.
func TestLowTrafficGuardDowntime(t *testing.T) {
	src, err := slo.NewDowntimeSource([]calendar.Interval{{Start: utc(3, 20, 8, 0), End: utc(3, 20, 8, 1)}}, office(t))
	require.NoError(t, err)
	rules := slo.WorkbookRules(slo.Rolling(thirtyDays))
	for _, tc := range []struct {
		name    string
		now     time.Time
		opts    []slo.Option
		agreed  time.Duration // in the 1h window
		held    bool
		firing  bool
		minimum time.Duration
	}{
		{"09:02: 2 minutes open, half of them down: held by the default (the 5m short window)", utc(3, 20, 8, 2), nil, 2 * time.Minute, true, false, 5 * time.Minute},
		{"09:05: 5 minutes open: pages", utc(3, 20, 8, 5), nil, 5 * time.Minute, false, true, 5 * time.Minute},
		{"09:05 with the SLO's guard of 10 minutes: held", utc(3, 20, 8, 5), []slo.Option{slo.MinAgreed(10 * time.Minute)}, 5 * time.Minute, true, false, 10 * time.Minute},
		{"09:02 with the SLO's guard of 1 minute: pages", utc(3, 20, 8, 2), []slo.Option{slo.MinAgreed(time.Minute)}, 2 * time.Minute, false, true, time.Minute},
		{"events guard does not apply to time", utc(3, 20, 8, 5), []slo.Option{slo.MinEvents(1e9)}, 5 * time.Minute, false, true, 5 * time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustSLO(t, 0.999, slo.Rolling(thirtyDays), tc.opts...)
			st, err := s.Status(tc.now, src, rules)
			require.NoError(t, err)
			a := st.Alerts[0]
			assert.Equal(t, float64(tc.agreed), a.Long.Total)
			assert.Equal(t, float64(time.Minute), a.Long.Bad)
			assert.True(t, a.Burning)
			assert.Equal(t, tc.held, a.Held)
			assert.Equal(t, tc.firing, a.Firing)
			assert.Equal(t, tc.minimum, a.Rule.MinAgreed)
		})
	}
}

func TestDowntimeSource(t *testing.T) {
	now := utc(3, 10, 12, 0)
	src, err := slo.NewDowntimeSource([]calendar.Interval{{Start: now.Add(-30 * time.Minute)}, {Start: now.Add(-20 * time.Minute), End: now.Add(-10 * time.Minute)}}, nil)
	require.NoError(t, err)
	assert.Equal(t, slo.Time, src.Measure())
	bad, total := src.Count(now.Add(-time.Hour), now)
	assert.Equal(t, float64(30*time.Minute), bad, "overlapping outages once; an open one lasts until now")
	assert.Equal(t, float64(time.Hour), total)
	s := mustSLO(t, 0.999, slo.Rolling(thirtyDays))
	st, err := s.Status(now, src, slo.WorkbookRules(s.Period))
	require.NoError(t, err)
	assert.Equal(t, slo.Page, st.Firing)

	// Business hours: a night outage costs nothing; Good Friday is no
	// agreed time at all.
	src, err = slo.NewDowntimeSource([]calendar.Interval{
		{Start: utc(3, 10, 0, 0), End: utc(3, 10, 2, 0)},   // 01:00-03:00 CET
		{Start: utc(4, 3, 8, 0), End: utc(4, 3, 12, 0)},    // Good Friday 10:00-14:00 CEST
		{Start: utc(4, 2, 14, 30), End: utc(4, 2, 15, 30)}, // Thursday 16:30-17:30 CEST
	}, office(t))
	require.NoError(t, err)
	for _, tc := range []struct {
		from, to    time.Time
		bad, agreed time.Duration
	}{
		{utc(3, 10, 0, 0), utc(3, 11, 0, 0), 0, 8 * time.Hour},
		{utc(4, 3, 0, 0), utc(4, 4, 0, 0), 0, 0},
		{utc(4, 2, 0, 0), utc(4, 4, 0, 0), 30 * time.Minute, 8 * time.Hour},
		{utc(4, 2, 15, 0), utc(4, 2, 15, 0), 0, 0}, // empty window
		{utc(4, 2, 16, 0), utc(4, 2, 15, 0), 0, 0}, // reversed window
	} {
		bad, total := src.Count(tc.from, tc.to)
		assert.Equal(t, float64(tc.bad), bad, "%v - %v", tc.from, tc.to)
		assert.Equal(t, float64(tc.agreed), total, "%v - %v", tc.from, tc.to)
	}
}

// Calendar-month budgets in Europe/Amsterdam: March 2026 loses an hour on
// Sunday 29 March (02:00 CET -> 03:00 CEST, 01:00 UTC), October gains one
// on Sunday 25 October (03:00 CEST -> 02:00 CET, 01:00 UTC).
func TestCalendarMonthAcrossDST(t *testing.T) {
	s := mustSLO(t, 0.999, slo.Month(ams))
	src := events(t,
		slo.Sample{At: utc(2, 28, 22, 59), Bad: 5, Total: 5},   // 23:59 CET 28 Feb: February's
		slo.Sample{At: utc(2, 28, 23, 0), Bad: 1, Total: 1000}, // 00:00 CET 1 March: March's first instant
		slo.Sample{At: utc(3, 29, 1, 30), Bad: 1, Total: 1000}, // 03:30 CEST, just after the change
		slo.Sample{At: utc(3, 31, 21, 59), Bad: 0, Total: 500}, // 23:59 CEST 31 March
		slo.Sample{At: utc(3, 31, 22, 0), Bad: 7, Total: 7},    // 00:00 CEST 1 April: April's
		slo.Sample{At: utc(10, 25, 0, 30), Bad: 1, Total: 100}, // 02:30 CEST, first pass
		slo.Sample{At: utc(10, 25, 1, 30), Bad: 1, Total: 100}, // 02:30 CET, second pass
	)
	for _, tc := range []struct {
		name       string
		now        time.Time
		from, to   time.Time
		hours      float64 // length of the month
		elapsed    float64 // hours since From
		bad, total float64
		burn       float64
	}{
		{"1 March 00:00 CET: nothing elapsed", utc(2, 28, 23, 0), utc(2, 28, 23, 0), utc(3, 31, 22, 0), 743, 0, 0, 0, 0},
		{"1 March 00:01 CET", utc(2, 28, 23, 1), utc(2, 28, 23, 0), utc(3, 31, 22, 0), 743, 1.0 / 60, 1, 1000, 1},
		{"29 March 03:30 CEST: the sample at now is not yet counted", utc(3, 29, 1, 30), utc(2, 28, 23, 0), utc(3, 31, 22, 0), 743, 674.5, 1, 1000, 1},
		{"29 March 12:00 CEST", utc(3, 29, 10, 0), utc(2, 28, 23, 0), utc(3, 31, 22, 0), 743, 683, 2, 2000, 1},
		{"31 March 23:59:59 CEST: the month's last second", utc(3, 31, 21, 59).Add(59 * time.Second), utc(2, 28, 23, 0), utc(3, 31, 22, 0), 743, 743 - 1.0/3600, 2, 2500, 0.8},
		{"1 April 00:00 CEST: a new budget", utc(3, 31, 22, 0), utc(3, 31, 22, 0), utc(4, 30, 22, 0), 720, 0, 0, 0, 0},
		{"25 October 12:00 CET: both 02:30s counted", utc(10, 25, 11, 0), utc(9, 30, 22, 0), utc(10, 31, 23, 0), 745, 24*24 + 13, 2, 200, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := s.Status(tc.now, src, nil)
			require.NoError(t, err)
			assert.True(t, tc.from.Equal(st.From), "from %v", st.From)
			assert.True(t, tc.to.Equal(st.To), "to %v", st.To)
			assert.Equal(t, ams, st.From.Location())
			assert.Equal(t, tc.hours, st.To.Sub(st.From).Hours())
			assert.InDelta(t, tc.elapsed/tc.hours, st.Elapsed, 1e-12)
			assert.Equal(t, tc.bad, st.Bad)
			assert.Equal(t, tc.total, st.Total)
			assert.Equal(t, tc.total > 0, st.BurnRate.Valid)
			if tc.total > 0 {
				assert.InDelta(t, tc.burn, st.BurnRate.Float, 1e-9)
				assert.InDelta(t, 1-tc.burn, st.Remaining.Float, 1e-9)
			}
		})
	}
}

// A downtime SLO over a calendar month of office hours: the budget is
// relative to the agreed time elapsed.
func TestCalendarMonthDowntime(t *testing.T) {
	s := mustSLO(t, 0.99, slo.Month(ams))
	src, err := slo.NewDowntimeSource([]calendar.Interval{
		{Start: utc(3, 31, 14, 0), End: utc(4, 2, 7, 30)}, // 16:00 CEST 31 March to 09:30 CEST 2 April
	}, office(t))
	require.NoError(t, err)
	// 1 April is a Wednesday: down all 8 office hours; 2 April half an hour.
	st, err := s.Status(utc(4, 2, 8, 0), src, nil) // 10:00 CEST 2 April
	require.NoError(t, err)
	assert.Equal(t, float64(8*time.Hour+30*time.Minute), st.Bad)
	assert.Equal(t, float64(9*time.Hour), st.Total)
	assert.InDelta(t, (8.5/9)/0.01, st.BurnRate.Float, 1e-9)
	// Friday 3 April is Good Friday: no agreed time, no change.
	st2, err := s.Status(utc(4, 4, 8, 0), src, nil)
	require.NoError(t, err)
	assert.Equal(t, float64(8*time.Hour+30*time.Minute), st2.Bad)
	assert.Equal(t, float64(16*time.Hour), st2.Total) // 1 and 2 April, 8 hours each
}

func TestStatusByLabel(t *testing.T) {
	now := utc(3, 20, 12, 0)
	s := mustSLO(t, 0.999, slo.Rolling(thirtyDays))
	sources := map[string]slo.Source{
		"globex":  events(t, slo.Sample{At: utc(3, 20, 11, 58), Bad: 50, Total: 1000}),
		"acme":    events(t, slo.Sample{At: utc(3, 20, 11, 58), Total: 1000}),
		"initech": events(t, slo.Sample{At: utc(3, 20, 11, 58), Bad: 1, Total: 2}), // held
	}
	all, err := s.StatusByLabel(now, sources, slo.WorkbookRules(s.Period))
	require.NoError(t, err)
	require.Len(t, all, 3)
	got := map[string]slo.Severity{}
	var order []string
	for _, st := range all {
		got[st.Label] = st.Firing
		order = append(order, st.Label)
		alone, err := s.Status(now, sources[st.Label], slo.WorkbookRules(s.Period))
		require.NoError(t, err)
		alone.Label = st.Label
		assert.Equal(t, alone, st, "one label's status is Status of its source")
	}
	assert.Equal(t, []string{"acme", "globex", "initech"}, order)
	assert.Equal(t, map[string]slo.Severity{"acme": 0, "globex": slo.Page, "initech": 0}, got)
	assert.True(t, all[2].Alerts[0].Held)

	sources["hooli"] = nil
	_, err = s.StatusByLabel(now, sources, nil)
	var fe *slo.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "sources.hooli", fe.Path)
	assert.ErrorIs(t, err, slo.ErrInvalid)
	none, err := s.StatusByLabel(now, nil, nil)
	require.NoError(t, err)
	assert.Empty(t, none)
}

func TestLatencySources(t *testing.T) {
	now := utc(3, 20, 12, 0)
	lat, err := slo.NewLatencySource(300*time.Millisecond, []slo.LatencySample{
		{At: utc(3, 20, 11, 50), Latency: 100 * time.Millisecond},
		{At: utc(3, 20, 11, 51), Latency: 300 * time.Millisecond}, // at the threshold: good
		{At: utc(3, 20, 11, 52), Latency: 301 * time.Millisecond},
		{At: utc(3, 20, 11, 53), Latency: 2 * time.Second},
		{At: utc(3, 20, 10, 0), Latency: 5 * time.Second}, // outside the hour
	})
	require.NoError(t, err)
	assert.Equal(t, slo.Events, lat.Measure())
	bad, total := lat.Count(now.Add(-time.Hour), now)
	assert.Equal(t, [2]float64{2, 4}, [2]float64{bad, total})

	hist, err := slo.NewHistogramSource(300*time.Millisecond, []slo.Histogram{
		{At: utc(3, 20, 11, 55), Buckets: []slo.Bucket{{100 * time.Millisecond, 80}, {300 * time.Millisecond, 95}, {time.Second, 99}}, Count: 100},
		{At: utc(3, 20, 11, 56), Buckets: []slo.Bucket{{100 * time.Millisecond, 0}, {300 * time.Millisecond, 0}, {time.Second, 0}}, Count: 0},
		{At: utc(3, 20, 11, 57), Buckets: []slo.Bucket{{300 * time.Millisecond, 40}}, Count: 50},
	})
	require.NoError(t, err)
	bad, total = hist.Count(now.Add(-time.Hour), now)
	assert.Equal(t, [2]float64{15, 150}, [2]float64{bad, total})

	_, err = slo.NewHistogramSource(250*time.Millisecond, []slo.Histogram{
		{At: now, Buckets: []slo.Bucket{{100 * time.Millisecond, 80}, {300 * time.Millisecond, 95}}, Count: 100}})
	var fe *slo.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "histograms[0].buckets", fe.Path)
	assert.EqualError(t, err, `slo: histograms[0].buckets "250ms": the threshold is no bucket bound (known: 100ms, 300ms)`)

	s := mustSLO(t, 0.95, slo.Rolling(7*24*time.Hour))
	st, err := s.Status(now, hist, slo.WorkbookRules(s.Period))
	require.NoError(t, err)
	assert.InDelta(t, 0.1/0.05, st.Alerts[0].LongRate.Float, 1e-9)
}

func TestJSONRoundTrip(t *testing.T) {
	for _, s := range []slo.SLO{
		mustSLO(t, 0.999, slo.Rolling(thirtyDays)),
		mustSLO(t, 0.99, slo.Month(ams), slo.MinEvents(100), slo.MinAgreed(10*time.Minute)),
		mustSLO(t, 0.9, slo.Month(time.UTC)),
	} {
		b, err := json.Marshal(s)
		require.NoError(t, err)
		var back slo.SLO
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		assert.Equal(t, s, back)
	}
	b, _ := json.Marshal(mustSLO(t, 0.999, slo.Month(ams)))
	assert.JSONEq(t, `{"target":0.999,"calendar":"month","zone":"Europe/Amsterdam"}`, string(b))
	// The JSON of report.SLO reads as it did.
	var old slo.SLO
	require.NoError(t, json.Unmarshal([]byte(`{"target": 0.999, "period": "720h0m0s"}`), &old))
	assert.Equal(t, mustSLO(t, 0.999, slo.Rolling(thirtyDays)), old)

	_, err := json.Marshal(mustSLO(t, 0.9, slo.Month(time.FixedZone("X", 3600))))
	assert.ErrorIs(t, err, slo.ErrInvalid)

	rules := slo.WorkbookRules(slo.Rolling(thirtyDays))
	rules[0].MinEvents, rules[1].MinAgreed = 20, time.Minute
	b, err = json.Marshal(rules)
	require.NoError(t, err)
	var backRules []slo.BurnRule
	require.NoError(t, json.Unmarshal(b, &backRules))
	assert.Equal(t, rules, backRules)

	s := mustSLO(t, 0.999, slo.Month(ams))
	st, err := s.Status(utc(3, 29, 10, 0), events(t, slo.Sample{At: utc(3, 29, 9, 58), Bad: 1, Total: 4}), slo.WorkbookRules(s.Period))
	require.NoError(t, err)
	b, err = json.Marshal(st)
	require.NoError(t, err)
	var back slo.BudgetStatus
	require.NoError(t, json.Unmarshal(b, &back))
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(again))
	assert.Equal(t, st.Alerts, back.Alerts)
}

func TestRows(t *testing.T) {
	now := utc(3, 20, 12, 0)
	s := mustSLO(t, 0.999, slo.Rolling(thirtyDays))
	all, err := s.StatusByLabel(now, map[string]slo.Source{"acme": events(t, slo.Sample{At: utc(3, 20, 11, 58), Bad: 50, Total: 1000})}, slo.WorkbookRules(s.Period))
	require.NoError(t, err)
	var got []string
	for _, r := range all[0].Rows() {
		assert.Equal(t, "slo", r.Grouping)
		assert.Equal(t, "acme", r.Group)
		got = append(got, r.KPI+"="+r.Value.String())
	}
	assert.Equal(t, []string{"slo_elapsed=100.0%", "slo_budget_remaining=-4900.0%", "slo_burn_rate=50.00",
		"slo_burn_1h0m0s=50.00", "slo_burn_6h0m0s=50.00", "slo_burn_72h0m0s=50.00",
		"slo_firing_1h0m0s=1", "slo_firing_6h0m0s=1", "slo_firing_72h0m0s=1"}, got, "1000 events: just enough for the ticket rule's guard")
}
