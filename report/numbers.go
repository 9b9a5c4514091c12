package report

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// How figures read for people (text, Markdown, HTML) and for machines
// (CSV, JSON). People read durations in their two largest units and
// percentages with one decimal that never crosses a target; machines get
// exact values.

// humanDuration writes d as people write it: the two largest units of
// days (24 hours), hours, minutes and seconds, rounded to the smaller
// one, without a zero second unit: "2d 4h", "3h 20m", "45m", "12s",
// "<1s" under half a second (but not zero), "0s".
func humanDuration(d time.Duration) string {
	if d < 0 {
		if d == math.MinInt64 {
			d++ // -d would overflow; a nanosecond does not show
		}
		return "-" + humanDuration(-d)
	}
	switch {
	case d == 0:
		return "0s"
	case d < time.Second/2:
		return "<1s"
	}
	units := [...]struct {
		size time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}}
	i := 0
	for i < len(units)-1 && d < units[i].size {
		i++
	}
	if i == len(units)-1 {
		n := (d + time.Second/2) / time.Second
		if n == 60 {
			return "1m"
		}
		return strconv.FormatInt(int64(n), 10) + "s"
	}
	big, small := units[i], units[i+1]
	n := d / small.size
	if d%small.size >= small.size/2 && int64(n) < math.MaxInt64/int64(small.size) {
		n++ // round half up to the smaller unit
	}
	per := int64(big.size / small.size)
	hi, lo := int64(n)/per, int64(n)%per
	if i > 0 && time.Duration(hi)*big.size >= units[i-1].size { // rounded up into the next unit: 23h 59m 40s is 1d
		return humanDuration(time.Duration(hi) * big.size)
	}
	if lo == 0 {
		return strconv.FormatInt(hi, 10) + big.name
	}
	return strconv.FormatInt(hi, 10) + big.name + " " + strconv.FormatInt(lo, 10) + small.name
}

// percent writes the ratio v as a percentage with one decimal, or more
// where one decimal would mislead: a value below 1 never reads "100.0%",
// one above 0 never "0.0%", and a value on one side of target never reads
// as on the other side or on it (99.979% against 99.8% is "99.98%"; 99.79%
// against 99.8% is "99.79%"). target <= 0 means none. At most six
// decimals.
func percent(v, target float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	for digits := 1; ; digits++ {
		s := strconv.FormatFloat(100*v, 'f', digits, 64)
		if digits == 6 {
			if v < 1 && s == "100.000000" {
				s = "99.999999" // below 1, never a whole 100%
			}
			return s + "%"
		}
		shown, _ := strconv.ParseFloat(s, 64)
		shown /= 100
		switch {
		case v < 1 && shown >= 1, v > 1 && shown <= 1, v > 0 && shown <= 0, v < 0 && shown >= 0:
			continue
		case target > 0 && v != target && (v < target) != (shown < target):
			continue
		case target > 0 && v != target && shown == target:
			continue
		}
		return s + "%"
	}
}

// ratioText writes a fraction as a percentage against target (n/a
// without a denominator).
func ratioText(f Fraction, target float64) string {
	v, ok := f.Value()
	if !ok {
		return "n/a"
	}
	return percent(v, target)
}

// quantileDenominator is the scale of the quantiles' probabilities: p is
// a whole number of percent, so R-7's interpolation is exact in integers.
const quantileDenominator = 100

// interpolate returns a + rem/100 (b - a), rounded half up, for a <= b and
// 0 <= rem < 100, without overflow or float residue.
func interpolate(a, b int64, rem int) int64 {
	num := new(big.Int).Mul(big.NewInt(int64(rem)), new(big.Int).Sub(big.NewInt(b), big.NewInt(a)))
	num.Add(num, big.NewInt(quantileDenominator/2))
	num.Quo(num, big.NewInt(quantileDenominator))
	return a + num.Int64()
}

// Meaningful reports whether the quantile p (in percent, 0 < p < 100) of
// d has the samples it needs to mean anything: n >= 100 / (100 - p), so
// 10 for p90, 20 for p95, 100 for p99 (with fewer, the p99 of 5 samples is
// an interpolation between the two largest). The median needs one.
func (d Distribution) Meaningful(p int) bool {
	if p <= 50 {
		return d.Count > 0
	}
	return d.Count*int64(100-p) >= 100
}

// footnoteFew marks a quantile with too few samples in tables.
const footnoteFew = "*"

// noteFew explains footnoteFew.
const noteFew = "* too few samples for this quantile to mean anything: p90 needs 10, p95 20, p99 100."

// exactRatio returns num / den correctly rounded to a float64 (den != 0),
// without the residue of dividing rounded floats.
func exactRatio(num, den *big.Rat) float64 {
	f, _ := new(big.Rat).Quo(num, den).Float64()
	return f
}

// decimalRat reads a float64 as the decimal it was written as (0.999 is
// 999/1000, not the nearest binary fraction).
func decimalRat(f float64) *big.Rat {
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	if !ok {
		r = new(big.Rat).SetFloat64(f)
	}
	return r
}

// trimZeros drops a trailing ".0" of a percentage label ("25.0%" -> "25%").
func trimZeros(s string) string {
	if strings.HasSuffix(s, ".0%") {
		return strings.TrimSuffix(s, ".0%") + "%"
	}
	return s
}
