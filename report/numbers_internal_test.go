package report

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Issue 14: durations as people write them, percentages that never round
// a miss into a hit, quantiles flagged when they have too few samples.
func TestHumanDuration(t *testing.T) {
	h, m, s := time.Hour, time.Minute, time.Second
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"}, {400 * time.Millisecond, "<1s"}, {600 * time.Millisecond, "1s"}, {45 * s, "45s"},
		{59*s + 600*time.Millisecond, "1m"}, {3*m + 20*s, "3m 20s"}, {45 * m, "45m"},
		{3*h + 20*m, "3h 20m"}, {3*h + 19*m + 50*s, "3h 20m"}, {71*h + 18*m + 27*s, "2d 23h"},
		{8712 * h, "363d"}, {52*h + 10*m, "2d 4h"}, {23*h + 59*m + 40*s, "1d"}, {-90 * m, "-1h 30m"},
		{563*h + 3*m + 59*s + 999999999, "23d 11h"}, {math.MaxInt64, "106751d 23h"}, {math.MinInt64, "-106751d 23h"},
	} {
		assert.Equal(t, tt.want, humanDuration(tt.d), "%d", tt.d)
	}
}

func TestPercentNeverRoundsAcrossTarget(t *testing.T) {
	for _, tt := range []struct {
		v, target float64
		want      string
	}{
		{0.99979, 0.998, "99.98%"}, // acme-mail: 1h50m of downtime is not 100%
		{0.99979, 0, "99.98%"},
		{0.9979, 0.998, "99.79%"}, // a miss by a hair reads as a miss
		{0.99801, 0.998, "99.801%"},
		{0.998, 0.998, "99.8%"},
		{0.92, 0.95, "92.0%"},
		{1, 0.95, "100.0%"},
		{0.0001, 0, "0.01%"},
		{0, 0, "0.0%"},
		{0.5, 0, "50.0%"},
		{0.9999999999, 0, "99.999999%"},
	} {
		assert.Equal(t, tt.want, percent(tt.v, tt.target), "%v against %v", tt.v, tt.target)
	}
}

func TestQuantileMeaningful(t *testing.T) {
	d := Distribution{Count: 5}
	assert.True(t, d.Meaningful(50))
	assert.False(t, d.Meaningful(90))
	assert.False(t, d.Meaningful(99), "the p99 of 5 samples is not meaningful")
	assert.True(t, Distribution{Count: 10}.Meaningful(90))
	assert.False(t, Distribution{Count: 19}.Meaningful(95))
	assert.True(t, Distribution{Count: 100}.Meaningful(99))
	assert.False(t, Distribution{}.Meaningful(50))
}

// Quantiles of whole seconds have no float residue: R-7 interpolates in
// integers.
func TestQuantileWithoutFloatResidue(t *testing.T) {
	s := &samples{}
	for _, v := range []int64{10, 20} {
		s.add(v * int64(time.Second))
	}
	var scratch []int64
	s.sortAll(&scratch)
	assert.Equal(t, 19*time.Second, quantileR7([]*samples{s}, 2, 0.9))
	assert.Equal(t, 19*time.Second+900*time.Millisecond, quantileR7([]*samples{s}, 2, 0.99))
}
