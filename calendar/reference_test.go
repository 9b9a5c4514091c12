package calendar

import (
	"math"
	"slices"
	"time"

	"github.com/rickb777/date/v2"
)

// reference is the obviously-right, slow model the tests check the tables
// against: it lists every shift of every date in a window, maps wall clocks to
// instants zone period by zone period, and steps through the interval list.
// It shares no code with the calendar's arithmetic.
type reference struct {
	loc   *time.Location
	week  Week
	exc   []Exception
	ivs   [][2]int64 // merged, Unix seconds
	from  int64
	until int64
}

// refWall returns the earliest instant whose local reading is at or after
// the wall time, from the definition: within one zone period (a stretch of
// constant offset, from time.ZoneBounds) readings grow with the instant, so
// the earliest instant of period [s, e) with offset o whose reading is at
// least wall is max(s, wall-o) when that is before e; the answer is the
// smallest of these over the periods around wall (offsets are within 26
// hours of UTC).
func refWall(loc *time.Location, d date.Date, sec int64) int64 {
	y, m, dd := d.Date()
	wall := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Unix() + sec
	best := int64(math.MaxInt64)
	for u := wall - 2*86400; u <= wall+2*86400; {
		t := time.Unix(u, 0).In(loc)
		_, off := t.Zone()
		s, e := t.ZoneBounds()
		lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
		if !s.IsZero() {
			lo = s.Unix()
		}
		if !e.IsZero() {
			hi = e.Unix()
		}
		if c := max(lo, wall-int64(off)); c < hi {
			best = min(best, c)
		}
		if hi == math.MaxInt64 {
			break
		}
		u = hi
	}
	return best
}

func newReference(loc *time.Location, week Week, exc []Exception, from, to date.Date) *reference {
	r := &reference{loc: loc, week: week, exc: exc}
	var raw [][2]int64
	for d := from; d < to; d++ {
		for _, s := range r.daySpans(d) {
			a, b := refWall(loc, d, int64(s.Start)), refWall(loc, d, int64(s.End))
			if s.End <= s.Start {
				b = refWall(loc, d+1, int64(s.End))
			}
			if a < b {
				raw = append(raw, [2]int64{a, b})
			}
		}
	}
	slices.SortFunc(raw, func(x, y [2]int64) int { return int(x[0] - y[0]) })
	for _, iv := range raw {
		if n := len(r.ivs); n > 0 && iv[0] <= r.ivs[n-1][1] {
			r.ivs[n-1][1] = max(r.ivs[n-1][1], iv[1])
			continue
		}
		r.ivs = append(r.ivs, iv)
	}
	// Part-day closures remove time from whatever is open, one second at a
	// time against every closure: slow and plain.
	var cuts [][2]int64
	for _, e := range exc {
		if e.Kind != ClosedDuring || e.Date < from || e.Date >= to {
			continue
		}
		for _, s := range e.Hours {
			a, b := refWall(loc, e.Date, int64(s.Start)), refWall(loc, e.Date, int64(s.End))
			if s.End <= s.Start {
				b = refWall(loc, e.Date+1, int64(s.End))
			}
			cuts = append(cuts, [2]int64{a, b})
		}
	}
	if len(cuts) > 0 {
		var kept [][2]int64
		for _, iv := range r.ivs {
			for _, piece := range minus(iv, cuts) {
				if n := len(kept); n > 0 && kept[n-1][1] == piece[0] {
					kept[n-1][1] = piece[1]
					continue
				}
				kept = append(kept, piece)
			}
		}
		r.ivs = kept
	}
	r.from = refWall(loc, from+1, 0)
	r.until = refWall(loc, to-1, 0)
	return r
}

// minus returns the parts of iv outside every cut, in order, by walking
// the boundaries of iv and the cuts.
func minus(iv [2]int64, cuts [][2]int64) [][2]int64 {
	points := []int64{iv[0], iv[1]}
	for _, c := range cuts {
		if c[0] > iv[0] && c[0] < iv[1] {
			points = append(points, c[0])
		}
		if c[1] > iv[0] && c[1] < iv[1] {
			points = append(points, c[1])
		}
	}
	slices.Sort(points)
	points = slices.Compact(points)
	var out [][2]int64
	for i := 0; i+1 < len(points); i++ {
		p, q := points[i], points[i+1]
		cut := false
		for _, c := range cuts {
			cut = cut || (c[0] <= p && p < c[1])
		}
		if cut {
			continue
		}
		if n := len(out); n > 0 && out[n-1][1] == p {
			out[n-1][1] = q
			continue
		}
		out = append(out, [2]int64{p, q})
	}
	return out
}

func (r *reference) daySpans(d date.Date) []Span {
	var chosen *Exception
	for i := range r.exc {
		e := &r.exc[i]
		if e.Date != d || e.Kind == ClosedDuring {
			continue
		}
		if chosen == nil || e.outranks(*chosen) {
			chosen = e
		}
	}
	regular := r.week[d.Weekday()]
	if chosen == nil {
		return regular
	}
	switch chosen.Kind {
	case Override:
		return chosen.Hours
	case ClosesEarly:
		var out []Span
		for _, s := range regular {
			end := int(s.End)
			if s.End <= s.Start {
				end += secondsPerDay
			}
			if s.Start < chosen.ClosesAt {
				e := min(end, int(chosen.ClosesAt))
				out = append(out, Span{s.Start, TimeOfDay(e % secondsPerDay)})
				if e == secondsPerDay {
					out[len(out)-1].End = secondsPerDay
				}
			}
		}
		return out
	}
	return nil
}

func ns(t time.Time) int64 { return t.Unix()*1e9 + int64(t.Nanosecond()) }

func (r *reference) isOpen(t time.Time) bool {
	x := ns(t)
	for _, iv := range r.ivs {
		if iv[0]*1e9 <= x && x < iv[1]*1e9 {
			return true
		}
	}
	return false
}

func (r *reference) between(a, b time.Time) time.Duration {
	if b.Before(a) {
		return -r.between(b, a)
	}
	var sum int64
	for _, iv := range r.ivs {
		lo, hi := max(iv[0]*1e9, ns(a)), min(iv[1]*1e9, ns(b))
		if lo < hi {
			sum += hi - lo
		}
	}
	return time.Duration(sum)
}

// add walks the intervals; ok is false when the answer leaves the window.
func (r *reference) add(t time.Time, d time.Duration) (time.Time, bool) {
	x, rem := ns(t), int64(d)
	if d >= 0 {
		for _, iv := range r.ivs {
			lo, hi := max(iv[0]*1e9, x), iv[1]*1e9
			if lo >= hi {
				continue
			}
			if hi-lo >= rem {
				u := lo + rem
				if rem == 0 {
					u = x
				}
				return time.Unix(0, 0).Add(time.Duration(u)), true
			}
			rem -= hi - lo
		}
		return time.Time{}, false
	}
	rem = -rem
	for i := len(r.ivs) - 1; i >= 0; i-- {
		iv := r.ivs[i]
		lo, hi := iv[0]*1e9, min(iv[1]*1e9, x)
		if lo >= hi {
			continue
		}
		if hi-lo >= rem {
			return time.Unix(0, 0).Add(time.Duration(hi - rem)), true
		}
		rem -= hi - lo
	}
	return time.Time{}, false
}

// prev returns the last opening and closing at or before t, from the merged
// interval list; ok is false when the answer may lie before lo, where the
// list is incomplete.
func (r *reference) prev(t time.Time, lo int64) (open, close int64, ok bool) {
	x := ns(t)
	i := len(r.ivs) - 1
	for i >= 0 && r.ivs[i][0]*1e9 > x {
		i--
	}
	if i <= 0 || r.ivs[i][0] <= lo {
		return 0, 0, false
	}
	open = r.ivs[i][0]
	close = r.ivs[i][1]
	if x < close*1e9 {
		close = r.ivs[i-1][1]
	}
	return open, close, true
}
