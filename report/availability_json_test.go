package report_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ServiceAvailability had no JSON form of its own: it was written with Go
// field names and durations in integer nanoseconds. It now has
// snake_case keys, Go durations and the derived values for readers, and
// reads back equal.
func TestServiceAvailabilityJSON(t *testing.T) {
	h := time.Hour
	for _, tt := range []struct {
		name string
		in   report.ServiceAvailability
		want string
	}{
		{"a break and a target", report.ServiceAvailability{Service: "vpn", AgreedTime: 8 * h, Maintenance: h, Downtime: 2 * h, Breaks: 2, Target: 0.5},
			`{"service":"vpn","agreed_time":"8h0m0s","maintenance":"1h0m0s","downtime":"2h0m0s","breaks":2,"target":0.5,
			"availability":0.75,"mtbf":"3h0m0s","mtbsi":"4h0m0s","error_budget":"4h0m0s","budget_remaining":0.5,"burn_rate":0.5}`},
		{"no break, no target: MTBF and MTBSI are null", report.ServiceAvailability{Service: "mail", AgreedTime: 10 * h},
			`{"service":"mail","agreed_time":"10h0m0s","maintenance":"0s","downtime":"0s","breaks":0,"availability":1,"mtbf":null,"mtbsi":null}`},
		{"no agreed time: availability is null, the budget left out", report.ServiceAvailability{Service: "erp", Target: 0.999},
			`{"service":"erp","agreed_time":"0s","maintenance":"0s","downtime":"0s","breaks":0,"target":0.999,"availability":null,"mtbf":null,"mtbsi":null}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.in)
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(b))
			var back report.ServiceAvailability
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, tt.in, back)
		})
	}
	// Derived values are recomputed, not read; durations also read as ISO 8601.
	var s report.ServiceAvailability
	require.NoError(t, json.Unmarshal([]byte(`{"service":"x","agreed_time":"PT10H","downtime":"1h","breaks":1,"availability":0.1,"mtbf":"1s"}`), &s))
	assert.Equal(t, report.ServiceAvailability{Service: "x", AgreedTime: 10 * h, Downtime: h, Breaks: 1}, s)
	mtbf, ok := s.MTBF()
	assert.True(t, ok)
	assert.Equal(t, 9*h, mtbf)
	// A target of 1, read from JSON, divides the budget by zero: null
	// rather than a marshalling error.
	b, err := json.Marshal(report.ServiceAvailability{Service: "x", AgreedTime: h, Downtime: h, Target: 1})
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	assert.NotContains(t, m, "budget_remaining")
}
