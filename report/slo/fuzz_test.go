package slo_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report/slo"
	"github.com/stretchr/testify/require"
)

// Any JSON given to the package's types decodes or fails with ErrInvalid,
// never panics; what decodes writes back to JSON that decodes to the same
// JSON again.
func FuzzJSON(f *testing.F) {
	for _, seed := range []string{
		`{"target":0.999,"period":"720h0m0s"}`,
		`{"target":0.99,"calendar":"month","zone":"Europe/Amsterdam","min_events":100,"min_agreed":"10m"}`,
		`{"severity":"page","long":"1h","short":"PT5M","factor":14.4,"min_events":20}`,
		`{"at":"2026-03-20T12:00:00Z","bad":1,"total":4}`,
		`{"at":"2026-03-20T12:00:00+01:00","latency":"120ms"}`,
		`{"at":"2026-03-20T12:00:00Z","buckets":[{"le":"100ms","count":9},{"le":"1s","count":10}],"count":11}`,
		`{"at":"2026-03-20T12:00:00Z","slo":{"target":0.9,"period":"1h"},"from":"2026-03-20T11:00:00Z","to":"2026-03-20T12:00:00Z","elapsed":1,"bad":1,"total":4,` +
			`"remaining":{"unit":"ratio","value":-1.5},"burn_rate":{"unit":"number","value":2.5},"alerts":[{"rule":{"severity":"page","long":"1h","short":"5m","factor":14.4},` +
			`"long":{"bad":1,"total":4},"short":{"bad":1,"total":4},"long_rate":{"unit":"number","value":2.5},"short_rate":{"unit":"number","value":null},"burning":false,"firing":false}],"firing":"page"}`,
		`{"target":`, `[]`, `{"zone":"Local"}`, `{"severity":"sms"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, newValue := range []func() json.Unmarshaler{
			func() json.Unmarshaler { return &slo.SLO{} },
			func() json.Unmarshaler { return &slo.BurnRule{} },
			func() json.Unmarshaler { return &slo.Sample{} },
			func() json.Unmarshaler { return &slo.LatencySample{} },
			func() json.Unmarshaler { return &slo.Histogram{} },
			func() json.Unmarshaler { return &slo.BudgetStatus{} },
		} {
			v := newValue()
			if err := v.UnmarshalJSON(data); err != nil {
				require.ErrorIs(t, err, slo.ErrInvalid)
				continue
			}
			first, err := json.Marshal(v)
			if err != nil {
				continue // a value JSON can hold but not write (a time past year 9999)
			}
			back := newValue()
			require.NoError(t, back.UnmarshalJSON(first), string(first))
			second, err := json.Marshal(back)
			require.NoError(t, err)
			require.Equal(t, string(first), string(second))
		}
	})
}

// Any SLO, rule and samples give a status or an ErrInvalid, never a
// panic; a status keeps its invariants.
func FuzzStatus(f *testing.F) {
	f.Add(0.999, int64(30*24*time.Hour), false, int64(time.Hour), int64(5*time.Minute), 14.4, 0.0, int64(0), int64(1), int64(4), int64(time.Minute), int64(0))
	f.Add(0.5, int64(time.Second), true, int64(0), int64(-1), -1.0, -3.0, int64(-1), int64(-5), int64(0), int64(math.MaxInt64), int64(math.MinInt64))
	f.Add(0.99, int64(0), true, int64(math.MaxInt64), int64(1), math.Inf(1), math.NaN(), int64(time.Minute), int64(3), int64(3), int64(-time.Hour), int64(time.Hour))
	f.Fuzz(func(t *testing.T, target float64, period int64, monthly bool, long, short int64, factor, minEvents float64, minAgreed, bad, total, ago, outage int64) {
		p := slo.Rolling(time.Duration(period))
		if monthly {
			p = slo.Month(ams)
		}
		s := slo.SLO{Target: target, Period: p, MinEvents: minEvents, MinAgreed: time.Duration(minAgreed)}
		now := utc(3, 29, 1, 30)
		var src slo.Source
		src, err := slo.NewEventSource([]slo.Sample{{At: now.Add(-time.Duration(ago)), Bad: bad, Total: total}})
		if err != nil {
			require.ErrorIs(t, err, slo.ErrInvalid)
			src, err = slo.NewDowntimeSource([]calendar.Interval{{Start: now.Add(-time.Duration(ago)), End: now.Add(time.Duration(outage))}}, nil)
			if err != nil {
				require.ErrorIs(t, err, slo.ErrInvalid)
				src = events(t)
			}
		}
		rules := append(slo.WorkbookRules(p), slo.BurnRule{Severity: slo.Page, Long: time.Duration(long), Short: time.Duration(short), Factor: factor, MinEvents: minEvents, MinAgreed: time.Duration(minAgreed)})
		st, err := s.Status(now, src, rules)
		if err != nil {
			require.ErrorIs(t, err, slo.ErrInvalid)
			return
		}
		require.Len(t, st.Alerts, len(rules))
		var firing slo.Severity
		for _, a := range st.Alerts {
			require.False(t, a.Held && a.Firing)
			require.Equal(t, a.Burning, a.Held || a.Firing)
			require.True(t, a.Long.Bad <= a.Long.Total && a.Short.Bad <= a.Short.Total)
			if a.Firing && (firing == 0 || a.Rule.Severity < firing) {
				firing = a.Rule.Severity
			}
		}
		require.Equal(t, firing, st.Firing)
		require.Equal(t, st.Remaining.Valid, st.BurnRate.Valid)
		if st.BurnRate.Valid {
			require.InDelta(t, 1-st.BurnRate.Float, st.Remaining.Float, 1e-9*max(1, math.Abs(st.BurnRate.Float)))
		}
		require.True(t, st.Elapsed >= 0 && st.Elapsed <= 1, "elapsed %v", st.Elapsed)
	})
}
