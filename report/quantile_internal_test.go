package report

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// r7 is the textbook definition over a sorted slice, for reference.
// r7 is the reference: h = (n-1)p in exact rationals, the interpolation
// rounded half up to the nanosecond.
func r7(x []int64, p float64) time.Duration {
	h := new(big.Rat).Mul(big.NewRat(int64(len(x)-1), 1), new(big.Rat).SetFrac64(int64(math.Round(p*100)), 100))
	lo := new(big.Int).Quo(h.Num(), h.Denom()).Int64()
	if int(lo)+1 >= len(x) {
		return time.Duration(x[lo])
	}
	frac := new(big.Rat).Sub(h, new(big.Rat).SetInt64(lo))
	d := new(big.Rat).Mul(frac, new(big.Rat).SetInt64(x[lo+1]-x[lo]))
	d.Add(d, big.NewRat(1, 2))
	return time.Duration(x[lo] + new(big.Int).Quo(d.Num(), d.Denom()).Int64())
}

// Quantiles over sorted runs equal the textbook R-7 over all values, on
// every path: one run (read directly), a few large runs (bisection over
// the values) and many small ones (merged first); runs sorted by
// insertion (< 256 values) and by radix, in one chunk or several; many
// ties. The shapes are drawn with a fixed seed and the test checks that
// each path was taken: 300 trials of up to 40 runs of up to 3,000 values
// each, as before, took seconds under -race for no more coverage.
func TestQuantilesOverRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var single, bisected, merged, small, radix, chunked int
	for trial := 0; trial < 60; trial++ {
		var runs []*samples
		var all []int64
		var scratch []int64
		nruns := 1 + rng.IntN(40)
		if trial%6 == 0 {
			nruns = 1
		}
		for r := 0; r < nruns; r++ {
			s := &samples{}
			size := rng.IntN(200) // 0 too: an empty run is left out
			if rng.IntN(4) == 0 {
				size = 256 + rng.IntN(2800)
			}
			for i := size; i > 0; i-- {
				v := rng.Int64N(1 << 50)
				if rng.IntN(3) == 0 {
					v = rng.Int64N(10) // many ties
				}
				s.add(v)
				all = append(all, v)
			}
			s.sortAll(&scratch)
			if s.n > 0 {
				runs = append(runs, s)
				var flat []int64
				for _, c := range s.chunks {
					flat = append(flat, c...)
				}
				require.True(t, slices.IsSorted(flat))
				if s.n < 256 {
					small++
				} else {
					radix++
				}
				if len(s.chunks) > 4 {
					chunked++
				}
			}
		}
		if len(all) == 0 {
			continue
		}
		switch {
		case len(runs) == 1:
			single++
		case mergeRuns(len(runs), len(all)):
			merged++
		default:
			bisected++
		}
		slices.Sort(all)
		for _, k := range []int{0, len(all) / 2, len(all) - 1} {
			require.Equal(t, all[k], kth(runs, k))
		}
		var m samples
		got := quantiles(runs, len(all), &m, &scratch)
		want := Quantiles{r7(all, 0.5), r7(all, 0.9), r7(all, 0.95), r7(all, 0.99)}
		require.Equal(t, want, got, "trial %d", trial)
	}
	t.Logf("trials: %d one run, %d bisected, %d merged; runs: %d small, %d radix-sorted, %d of 5+ chunks",
		single, bisected, merged, small, radix, chunked)
	for what, n := range map[string]int{"one run": single, "bisected": bisected, "merged": merged,
		"small runs": small, "radix-sorted runs": radix, "runs of several chunks": chunked} {
		assert.GreaterOrEqual(t, n, 5, "too few trials or runs: %s", what)
	}
}

func TestSortInt64Radix(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 255, 256, 1000, 4096} {
		v := make([]int64, n)
		for i := range v {
			v[i] = rng.Int64() - math.MaxInt64/2 // negatives too
		}
		want := append([]int64{}, v...)
		slices.Sort(want)
		v = append([]int64{}, v...)
		sortInt64(v, make([]int64, n))
		assert.Equal(t, want, v)
	}
}

func TestSumExact(t *testing.T) {
	var s sum
	for i := 0; i < 1000; i++ {
		s.add(math.MaxInt64) // a 128-bit sum does not overflow
	}
	assert.Equal(t, time.Duration(math.MaxInt64), s.mean())
	var h sum
	h.add(1)
	h.add(2)
	assert.Equal(t, time.Duration(2), h.mean(), "1.5ns rounds half up")
	assert.Equal(t, time.Duration(0), sum{}.mean())
	var a, b sum
	a.add(5)
	b.add(6)
	b.add(7)
	a.merge(b)
	assert.Equal(t, time.Duration(6), a.mean())
	assert.Equal(t, int64(3), a.n)
}

func TestSamplesChunks(t *testing.T) {
	var s samples
	for i := 0; i < 10000; i++ {
		s.add(int64(10000 - i))
	}
	assert.Equal(t, 10000, s.n)
	for i, c := range s.chunks[:len(s.chunks)-1] {
		assert.Equal(t, cap(c), len(c), "chunk %d full", i)
		assert.LessOrEqual(t, cap(c), maxChunk)
	}
	var scratch []int64
	s.sortAll(&scratch)
	var merged samples
	q := quantiles([]*samples{&s}, s.n, &merged, &scratch)
	assert.Equal(t, time.Duration(5000)+1, q.Median) // x[4999.5] of 1..10000 = 5000.5, rounded half away
}
