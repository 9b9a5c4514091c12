package report

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// The duration chart's axis labels are built from hours, minutes and
// seconds: trimming "0s" and "0m" off a Go duration turned 30m into "3"
// and 90m into "1h3".
func TestShortDuration(t *testing.T) {
	h, m, s := time.Hour, time.Minute, time.Second
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0"},
		{400 * time.Millisecond, "0"},
		{s, "1s"},
		{45 * s, "45s"},
		{m, "1m"},
		{5 * m, "5m"},
		{10 * m, "10m"},
		{15 * m, "15m"},
		{20 * m, "20m"},
		{30 * m, "30m"},
		{45 * m, "45m"},
		{h, "1h"},
		{90 * m, "1h30m"},
		{h + 5*s, "1h5s"},
		{h + 10*m + 30*s, "1h10m30s"},
		{2*h + 29*m + 59*s + 600*time.Millisecond, "2h30m"},
		{10 * h, "10h"},
		{12 * h, "12h"},
		{24 * h, "1d"},
		{36 * h, "36h"},
		{48 * h, "2d"},
		{30 * 24 * h, "30d"},
	} {
		assert.Equal(t, tt.want, shortDuration(tt.d), "%v", tt.d)
	}
}
