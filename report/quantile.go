package report

import (
	"math"
	"math/bits"
	"slices"
	"time"
)

// sum is an exact, order-independent sum of non-negative nanosecond
// durations: a 128-bit integer, so a million month-long durations neither
// overflow nor depend on the order of addition (float sums would).
type sum struct {
	n      int64
	hi, lo uint64
}

func (s *sum) add(v int64) {
	var c uint64
	s.lo, c = bits.Add64(s.lo, uint64(v), 0)
	s.hi += c
	s.n++
}

func (s *sum) merge(o sum) {
	var c uint64
	s.lo, c = bits.Add64(s.lo, o.lo, 0)
	s.hi += o.hi + c
	s.n += o.n
}

// mean is the sum divided by the count, rounded half up to the
// nanosecond; 0 for an empty sum.
func (s sum) mean() time.Duration {
	if s.n <= 0 {
		return 0
	}
	d := uint64(s.n)
	if s.hi >= d { // mean beyond 64 bits: impossible for int64 samples
		return math.MaxInt64
	}
	q, r := bits.Div64(s.hi, s.lo, d)
	if r >= d-r { // 2r >= d without overflow
		q++
	}
	return time.Duration(min(q, math.MaxInt64))
}

// samples holds one metric's durations of one cell, for quantiles. It
// grows in chunks that are never copied, so a million samples cost eight
// megabytes and no garbage. Once sorted (sortAll), the chunks hold one
// sorted run, read in order.
type samples struct {
	chunks [][]int64
	n      int
	sorted bool
}

const maxChunk = 4096

func (s *samples) add(v int64) {
	k := len(s.chunks)
	if k == 0 || len(s.chunks[k-1]) == cap(s.chunks[k-1]) {
		size := 16
		if k > 0 {
			size = min(2*cap(s.chunks[k-1]), maxChunk)
		}
		s.chunks = append(s.chunks, make([]int64, 0, size))
		k++
	}
	s.chunks[k-1] = append(s.chunks[k-1], v)
	s.n++
	s.sorted = false
}

func (s *samples) merge(o *samples) {
	for _, c := range o.chunks {
		for _, v := range c {
			s.add(v)
		}
	}
}

// sortAll sorts the samples as a whole, in place across the chunks;
// scratch grows to twice their number.
func (s *samples) sortAll(scratch *[]int64) {
	if s.sorted || s.n == 0 {
		s.sorted = true
		return
	}
	if cap(*scratch) < 2*s.n {
		*scratch = make([]int64, 2*s.n)
	}
	buf := (*scratch)[:0]
	for _, c := range s.chunks {
		buf = append(buf, c...)
	}
	sortInt64(buf, (*scratch)[s.n:2*s.n])
	for _, c := range s.chunks {
		buf = buf[copy(c, buf):]
	}
	s.sorted = true
}

// upperBound returns the number of samples <= x of sorted samples: the
// chunks wholly <= x, and a search in the first that is not (the later
// ones start at or above its last value, so above x).
func (s *samples) upperBound(x int64) int {
	c := 0
	for _, ch := range s.chunks {
		if len(ch) == 0 {
			continue
		}
		if ch[len(ch)-1] <= x {
			c += len(ch)
			continue
		}
		return c + upperBound(ch, x)
	}
	return c
}

// at returns the i-th sample in order.
func (s *samples) at(i int) int64 {
	for _, ch := range s.chunks {
		if i < len(ch) {
			return ch[i]
		}
		i -= len(ch)
	}
	return 0
}

func (s *samples) first() int64 { return s.chunks[0][0] }

func (s *samples) last() int64 {
	ch := s.chunks[len(s.chunks)-1]
	return ch[len(ch)-1]
}

// sortInt64 sorts v; buf must hold len(v). Small runs use the standard
// sort; larger ones an LSD radix sort (radixPlan), which sorts the
// millions of samples of a large report several times faster than
// comparisons.
func sortInt64(v, buf []int64) {
	if len(v) < 2 || slices.IsSorted(v) {
		return
	}
	if len(v) < 256 {
		slices.Sort(v)
		return
	}
	var plan radixPlan
	for _, x := range v {
		plan.count(x)
	}
	src, dst := v, buf[:len(v)]
	var passes [8]int
	for _, b := range plan.passes(len(v), &passes) {
		scatterInt64(src, dst, plan.offsets[b], uint(8*b))
		src, dst = dst, src
	}
	if &src[0] != &v[0] {
		copy(v, src)
	}
}

// radixPlan is the shared part of the package's two LSD radix sorts (of
// duration samples, sortInt64, and of recurring incidents by opening):
// stable, by int64 keys in signed order, one byte (digit) per pass, least
// significant first. Count every key, then for each digit of passes move
// the elements to the offsets of their digit from one slice to the
// other. Each sort has its own pass over its own element type: a generic
// pass calling a key function per element was a fifth to two fifths
// slower on samples.
type radixPlan struct {
	offsets [8][256]int // counts until passes makes them offsets
}

func (p *radixPlan) count(k int64) {
	u := uint64(k) ^ 1<<63 // signed order
	for b := 0; b < 8; b++ {
		p.offsets[b][byte(u>>(8*b))]++
	}
}

// passes turns the counts of n keys into offsets and returns the digits
// to sort by, in order, in dst: a digit that every key shares needs no
// pass.
func (p *radixPlan) passes(n int, dst *[8]int) []int {
	out := dst[:0]
	for b := range p.offsets {
		h := &p.offsets[b]
		if slices.Contains(h[:], n) {
			continue
		}
		pos := 0
		for i, c := range h {
			h[i] = pos
			pos += c
		}
		out = append(out, b)
	}
	return out
}

// radixDigit returns k's digit at shift (8 times the digit's number).
func radixDigit(k int64, shift uint) byte { return byte((uint64(k) ^ 1<<63) >> shift) }

// scatterInt64 is a pass of sortInt64. It takes the offsets by value: in
// a local array the compiler knows them apart from dst and keeps the loop
// in registers (through a pointer into the plan it was a third slower).
func scatterInt64(src, dst []int64, h [256]int, shift uint) {
	for _, x := range src {
		k := radixDigit(x, shift)
		dst[h[k]] = x
		h[k]++
	}
}

// quantileR7 returns the p-quantile of the n values of the sorted runs by
// Hyndman and Fan's definition 7 (R's default, Excel's PERCENTILE.INC,
// NumPy's "linear"): with h = (n-1)p, the order statistics x[floor(h)]
// and x[floor(h)+1] (0-based) are interpolated linearly,
// x[floor(h)] + (h - floor(h)) (x[floor(h)+1] - x[floor(h)]), rounded to
// the nanosecond. n must be positive.
func quantileR7(runs []*samples, n int, p float64) time.Duration {
	percent := int(math.Round(p * quantileDenominator))
	h := (n - 1) * percent
	lo, rem := h/quantileDenominator, h%quantileDenominator
	a := kth(runs, lo)
	if lo+1 >= n || rem == 0 {
		return time.Duration(a)
	}
	b := successor(runs, lo, a)
	return time.Duration(interpolate(a, b, rem))
}

// successor returns the (k+1)-th smallest value given the k-th, a: a
// again if more than k+1 values are <= a, else the least value above a.
// One pass over the runs instead of another bisection.
func successor(runs []*samples, k int, a int64) int64 {
	c, next := 0, int64(math.MaxInt64)
	for _, r := range runs {
		i := r.upperBound(a)
		c += i
		if i < r.n {
			next = min(next, r.at(i))
		}
	}
	if c > k+1 {
		return a
	}
	return next
}

// kth returns the k-th smallest (0-based) value of the sorted runs: the
// smallest x with more than k values <= x, by bisection over the values,
// so the runs never need merging.
func kth(runs []*samples, k int) int64 {
	if len(runs) == 1 {
		return runs[0].at(k)
	}
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for _, r := range runs {
		lo, hi = min(lo, r.first()), max(hi, r.last())
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		c := 0
		for _, r := range runs {
			c += r.upperBound(mid)
		}
		if c > k {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// upperBound returns the number of values <= x in the sorted slice.
func upperBound(r []int64, x int64) int {
	if len(r) == 0 || r[0] > x {
		return 0
	}
	if r[len(r)-1] <= x {
		return len(r)
	}
	lo, hi := 0, len(r)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if r[m] <= x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// mergeRuns reports whether quantiles over runs sorted runs of n values
// in all are cheaper after merging the runs than by bisecting over them.
func mergeRuns(runs, n int) bool {
	const statistics = 8 // order statistics: x[floor(h)] and its successor per quantile
	bisect := statistics * 64 * runs * (bits.Len(uint(n/max(runs, 1))) + 2)
	return runs > 1 && bisect > 12*n
}

// quantiles computes the report's quantiles of the values of the sorted,
// non-empty runs; n is their total. When there are many small runs,
// merging them is cheaper than bisecting over them: they are then gathered
// into merged (scratch) and sorted as one.
func quantiles(runs []*samples, n int, merged *samples, scratch *[]int64) Quantiles {
	if mergeRuns(len(runs), n) {
		merged.chunks = merged.chunks[:0]
		buf := make([]int64, 0, n)
		for _, r := range runs {
			for _, ch := range r.chunks {
				buf = append(buf, ch...)
			}
		}
		*merged = samples{chunks: append(merged.chunks, buf), n: n}
		merged.sortAll(scratch)
		runs = []*samples{merged}
	}
	return Quantiles{
		Median: quantileR7(runs, n, 0.5),
		P90:    quantileR7(runs, n, 0.9),
		P95:    quantileR7(runs, n, 0.95),
		P99:    quantileR7(runs, n, 0.99),
	}
}
