package calendar

import (
	"cmp"
	"math/bits"
	"slices"
	"sort"
	"sync/atomic"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/gregorian"
)

// The supported years. Instants before MinYear or after MaxYear in the
// calendar's location have no business time.
const (
	MinYear = 1
	MaxYear = 9999
)

// Horizon is how far Add, NextOpen, NextClose and AddWorkdays look before
// they give up with ErrHorizon: a calendar whose exceptions close it for
// longer than this has, for practical purposes, no next working time.
const Horizon = 100 // years

// yearTable is the open time of one local year of a calendar:
// [start, end) is local midnight of 1 January to local midnight of the next
// 1 January, as Unix seconds. The intervals are sorted, disjoint, not
// touching and clipped to the year (an open run that crosses New Year is cut
// in two). cum[i] is the business seconds before interval i, cum[n] the year's
// total. workdays is a bit per day of the year.
type yearTable struct {
	year       int
	jan1       date.Date
	days       int
	start, end int64
	starts     []int64
	ends       []int64
	cum        []int64
	// first[k] is the number of intervals that start before start + k x 24h:
	// it narrows a search to the intervals of one 24-hour stretch.
	first      []int32
	workdays   [6]uint64
	exceptions []Exception // effective exceptions of the year, by date
}

func (t *yearTable) total() int64 { return t.cum[len(t.cum)-1] }

// index returns the number of intervals that start at or before sec.
func (t *yearTable) index(sec int64) int {
	lo, hi := 0, len(t.starts)
	if k := (sec - t.start) / secondsPerDay; k >= 0 && k+1 < int64(len(t.first)) {
		lo, hi = int(t.first[k]), int(t.first[k+1])
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.starts[m] <= sec {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// elapsed returns the business time in [t.start, (sec, nsec)) as nanoseconds.
func (t *yearTable) elapsed(sec int64, nsec int64) int64 {
	i := t.index(sec) - 1
	if i < 0 {
		return 0
	}
	if sec >= t.ends[i] {
		return t.cum[i+1] * 1e9
	}
	return (t.cum[i]+sec-t.starts[i])*1e9 + nsec
}

// forward returns the earliest instant at which business time since the
// start of the year reaches target ns (0 < target <= total).
func (t *yearTable) forward(target int64) (int64, int64) {
	lo, hi := 0, len(t.starts)-1
	for lo < hi { // smallest i with cum[i+1]*1e9 >= target
		m := int(uint(lo+hi) >> 1)
		if t.cum[m+1]*1e9 >= target {
			hi = m
		} else {
			lo = m + 1
		}
	}
	off := target - t.cum[lo]*1e9
	return t.starts[lo] + off/1e9, off % 1e9
}

// backward returns the latest instant at which business time since the start
// of the year is target ns (0 <= target < total).
func (t *yearTable) backward(target int64) (int64, int64) {
	lo, hi := 0, len(t.starts)-1
	for lo < hi { // largest i with cum[i]*1e9 <= target
		m := int(uint(lo+hi+1) >> 1)
		if t.cum[m]*1e9 <= target {
			lo = m
		} else {
			hi = m - 1
		}
	}
	off := target - t.cum[lo]*1e9
	return t.starts[lo] + off/1e9, off % 1e9
}

// isWorkday reports the bit of day-of-year index i.
func (t *yearTable) isWorkday(i int) bool { return t.workdays[i>>6]&(1<<(i&63)) != 0 }

// countWorkdays counts working days with day-of-year index in [i, j).
func (t *yearTable) countWorkdays(i, j int) int {
	n := 0
	for w := range t.workdays {
		lo, hi := max(i-w*64, 0), min(j-w*64, 64)
		if lo >= hi {
			continue
		}
		mask := t.workdays[w] >> lo
		if hi-lo < 64 {
			mask &= 1<<(hi-lo) - 1
		}
		n += bits.OnesCount64(mask)
	}
	return n
}

// newYearTable builds a table from raw, start-sorted intervals (pairs of
// Unix seconds), merging overlapping and touching ones and clipping them to
// the year.
func newYearTable(year int, start, end int64, raw []int64) *yearTable {
	t := &yearTable{year: year, jan1: date.New(year, 1, 1), days: gregorian.DaysInYear(year), start: start, end: end}
	for k := 0; k+1 < len(raw); k += 2 {
		a, b := max(raw[k], start), min(raw[k+1], end)
		if a >= b {
			continue
		}
		if n := len(t.ends); n > 0 && a <= t.ends[n-1] {
			t.ends[n-1] = max(t.ends[n-1], b)
			continue
		}
		t.starts = append(t.starts, a)
		t.ends = append(t.ends, b)
	}
	t.cum = make([]int64, len(t.starts)+1)
	for i := range t.starts {
		t.cum[i+1] = t.cum[i] + t.ends[i] - t.starts[i]
	}
	t.starts, t.ends = slices.Clip(t.starts), slices.Clip(t.ends)
	for k, i := int64(0), 0; start+k*secondsPerDay <= end+secondsPerDay; k++ {
		for i < len(t.starts) && t.starts[i] <= start+k*secondsPerDay {
			i++
		}
		t.first = append(t.first, int32(i))
	}
	return t
}

// yearCache holds the lazily built tables of one calendar. Tables are pure
// functions of the calendar's definition, so two goroutines that build the
// same year race harmlessly: the first to publish wins and both use it.
type yearCache struct {
	chunks [(MaxYear + 64) / 64]atomic.Pointer[[64]atomic.Pointer[yearTable]]
}

func (c *yearCache) slot(year int) *atomic.Pointer[yearTable] {
	ch := &c.chunks[year>>6]
	p := ch.Load()
	if p == nil {
		ch.CompareAndSwap(nil, new([64]atomic.Pointer[yearTable]))
		p = ch.Load()
	}
	return &p[year&63]
}

// table returns the table of a local year, building it on first use.
// Years outside [MinYear, MaxYear] have no open time.
func (c *Calendar) table(year int) *yearTable {
	if year < MinYear || year > MaxYear {
		return c.emptyTable(year)
	}
	s := c.cache.slot(year)
	if t := s.Load(); t != nil {
		return t
	}
	t := c.build(year)
	if !s.CompareAndSwap(nil, t) {
		t = s.Load()
	}
	return t
}

// cached returns the table of year if it has been built, and nil otherwise.
func (c *Calendar) cached(year int) *yearTable {
	if year < MinYear || year > MaxYear {
		return nil
	}
	if ch := c.cache.chunks[year>>6].Load(); ch != nil {
		return ch[year&63].Load()
	}
	return nil
}

// emptyTable is the table of a year outside MinYear to MaxYear: no open
// time, but true bounds, so that locating an instant still works there.
func (c *Calendar) emptyTable(year int) *yearTable {
	_, start, end := c.yearBounds(year)
	return newYearTable(year, start, end, nil)
}

// yearBounds returns local midnight of 1 January of year and of the next year.
func (c *Calendar) yearBounds(year int) (date.Date, int64, int64) {
	jan1 := date.New(year, 1, 1)
	return jan1, wallInstant(c.zone(), jan1, 0), wallInstant(c.zone(), date.New(year+1, 1, 1), 0)
}

// build computes a year's table for a calendar defined by weekly hours and
// exceptions. Shifts of 31 December of the previous year may run into the
// year, so they are generated too and clipped.
func (c *Calendar) build(year int) *yearTable {
	if c.combo != nil {
		return c.buildCombined(year)
	}
	jan1, start, end := c.yearBounds(year)
	dec31 := c.exceptionsOnLastDay(year - 1)
	cur := c.effectiveExceptions(year)
	wall := c.wallClock(start, end)
	cuts := closures(wall, dec31, cur)
	var raw []int64
	var workdays [6]uint64
	k := 0
	for d := jan1 - 1; d < jan1+date.Date(gregorian.DaysInYear(year)); d++ {
		var exc *Exception
		if d < jan1 {
			if len(dec31) > 0 && dec31[0].Kind != ClosedDuring {
				exc = &dec31[0]
			}
		} else {
			for k < len(cur) && cur[k].Date < d {
				k++
			}
			if k < len(cur) && cur[k].Date == d && cur[k].Kind != ClosedDuring {
				exc = &cur[k]
			}
		}
		worked := false
		for _, s := range c.shifts(d, exc) {
			a, b := wall(d, int64(s.start)), wall(d, int64(s.end))
			if a >= b {
				continue
			}
			if len(cuts) == 0 {
				raw = append(raw, a, b)
				worked = true
				continue
			}
			n := len(raw)
			raw = subtract(raw, a, b, cuts)
			worked = worked || len(raw) > n
		}
		if worked && d >= jan1 {
			i := int(d - jan1)
			workdays[i>>6] |= 1 << (i & 63)
		}
	}
	if len(cuts) > 0 {
		// A cut can leave the piece of one date's shift after the start of
		// the next date's; the table wants the pieces in order of start.
		sortPairs(raw)
	}
	t := newYearTable(year, start, end, raw)
	t.workdays = workdays
	t.exceptions = cur
	return t
}

// closures returns the instants that the ClosedDuring exceptions of the
// lists close, as sorted, disjoint, non-touching pairs of Unix seconds.
func closures(wall func(date.Date, int64) int64, lists ...[]Exception) []int64 {
	var cuts []int64
	for _, list := range lists {
		for _, e := range list {
			if e.Kind != ClosedDuring {
				continue
			}
			for _, s := range e.Hours {
				a, b := s.bounds()
				if x, y := wall(e.Date, int64(a)), wall(e.Date, int64(b)); x < y {
					cuts = append(cuts, x, y)
				}
			}
		}
	}
	if len(cuts) == 0 {
		return nil
	}
	sortPairs(cuts)
	out := cuts[:2]
	for k := 2; k < len(cuts); k += 2 {
		if n := len(out); cuts[k] <= out[n-1] {
			out[n-1] = max(out[n-1], cuts[k+1])
			continue
		}
		out = append(out, cuts[k], cuts[k+1])
	}
	return out
}

// subtract appends to raw the parts of [a, b) outside the sorted, disjoint
// pairs cuts.
func subtract(raw []int64, a, b int64, cuts []int64) []int64 {
	// The first cut that ends after a.
	i := sort.Search(len(cuts)/2, func(i int) bool { return cuts[2*i+1] > a }) * 2
	for ; i < len(cuts) && cuts[i] < b && a < b; i += 2 {
		if cuts[i] > a {
			raw = append(raw, a, cuts[i])
		}
		a = max(a, cuts[i+1])
	}
	if a < b {
		raw = append(raw, a, b)
	}
	return raw
}

// sortPairs sorts a flattened list of pairs by their first element.
func sortPairs(p []int64) {
	pairs := make([][2]int64, len(p)/2)
	for i := range pairs {
		pairs[i] = [2]int64{p[2*i], p[2*i+1]}
	}
	slices.SortFunc(pairs, func(x, y [2]int64) int { return cmp.Compare(x[0], y[0]) })
	for i, pr := range pairs {
		p[2*i], p[2*i+1] = pr[0], pr[1]
	}
}

// wallClock returns wallInstant for the dates that a year's table needs
// (31 December of the year before to the year's last day, with spans that
// run up to two days on). Most years of most zones have no transition in
// that stretch (every year of a zone without daylight saving time, and every
// year before a zone's first transition): then one offset maps every
// wall-clock time, and the zone is not consulted per boundary.
func (c *Calendar) wallClock(start, end int64) func(d date.Date, sec int64) int64 {
	loc := c.zone()
	t := time.Unix(start, 0).In(loc)
	_, off := t.Zone()
	from, until := t.ZoneBounds()
	if (from.IsZero() || from.Unix() <= start-3*secondsPerDay) && (until.IsZero() || until.Unix() >= end+3*secondsPerDay) {
		return func(d date.Date, sec int64) int64 {
			return (int64(d)-unixEpochDays)*secondsPerDay + sec - int64(off)
		}
	}
	return func(d date.Date, sec int64) int64 { return wallInstant(loc, d, sec) }
}

// exceptionsOnLastDay returns the effective exceptions of 31 December of
// year, the whole-day one first: build needs them, since that date's shifts
// and part-day closures may run into the next year. A table already built
// has resolved them; only a cold year is resolved here.
func (c *Calendar) exceptionsOnLastDay(year int) []Exception {
	var list []Exception
	if t := c.cached(year); t != nil {
		list = t.exceptions
	} else {
		list = c.effectiveExceptions(year)
	}
	dec31 := date.New(year, time.December, 31)
	i := len(list)
	for i > 0 && list[i-1].Date == dec31 {
		i--
	}
	return list[i:]
}

// shifts returns the day spans of date d after applying its exception.
func (c *Calendar) shifts(d date.Date, exc *Exception) []daySpan {
	regular := c.week[d.Weekday()]
	if exc == nil {
		return regular
	}
	switch exc.Kind {
	case Override:
		out := make([]daySpan, 0, len(exc.Hours))
		for _, s := range exc.Hours {
			a, b := s.bounds()
			out = append(out, daySpan{a, b})
		}
		return mergeDaySpans(out)
	case ClosesEarly:
		var out []daySpan
		for _, s := range regular {
			if s.start < int32(exc.ClosesAt) {
				out = append(out, daySpan{s.start, min(s.end, int32(exc.ClosesAt))})
			}
		}
		return out
	}
	return nil
}

// effectiveExceptions returns the exceptions that apply to the dates of
// year, sorted by date: on each date the whole-day exception that wins by
// precedence (see Exception), if any, then every part-day closure.
func (c *Calendar) effectiveExceptions(year int) []Exception {
	var all []Exception
	for _, src := range c.sources {
		for _, e := range src.ExceptionsIn(year, c.weekDef) {
			if e.Date.Year() == year && e.validate() == nil {
				all = append(all, e)
			}
		}
	}
	slices.SortStableFunc(all, func(a, b Exception) int { return int(a.Date - b.Date) })
	out := make([]Exception, 0, len(all))
	for i := 0; i < len(all); {
		j, win := i, -1
		for ; j < len(all) && all[j].Date == all[i].Date; j++ {
			if all[j].Kind != ClosedDuring && (win < 0 || all[j].outranks(all[win])) {
				win = j
			}
		}
		if win >= 0 {
			out = append(out, all[win])
		}
		for _, e := range all[i:j] {
			if e.Kind == ClosedDuring {
				out = append(out, e)
			}
		}
		i = j
	}
	return out
}
