package calendar

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/rickb777/date/v2"
)

// Calendar is a business calendar: weekly working hours in a time zone,
// changed on particular dates by exceptions (holidays, half days, extra
// working days), or a union, intersection or difference of other calendars.
//
// A Calendar is built once by New (or Union, Intersection, Difference),
// never changes afterwards and is safe for concurrent use by any number of
// goroutines. Its tables of open time are built lazily, one local year at a
// time, and shared. The zero Calendar is never open: its Add and NextOpen
// fail with ErrHorizon; build calendars with New.
type Calendar struct {
	loc     *time.Location
	weekDef Week         // as given, for ExceptionSource
	week    [7][]daySpan // normalized
	sources []ExceptionSource
	combo   *combination // non-nil for Union, Intersection, Difference
	cache   yearCache
	recent  atomic.Pointer[yearTable] // the table locate found last
}

// An Option configures New. Options are values of this package only.
type Option interface{ apply(*Calendar) error }

type optionFunc func(*Calendar) error

func (f optionFunc) apply(c *Calendar) error { return f(c) }

// WithExceptions adds sources of dated exceptions: explicit lists
// (Exceptions, ClosedOn), holiday rules (Holidays), iCalendar feeds. See
// Exception for precedence on one date; between exceptions of equal rank,
// explicit Exceptions lists come first, then the other sources in the order
// given. Explicit Exceptions lists are validated and copied by New.
func WithExceptions(sources ...ExceptionSource) Option {
	return optionFunc(func(c *Calendar) error {
		for _, src := range sources {
			if src == nil {
				return fieldError(ErrInvalidCalendar, "exceptions", "nil", "an exception source must not be nil")
			}
			if list, ok := src.(Exceptions); ok {
				for i, e := range list {
					if err := e.validate(); err != nil {
						return invalid.At("exceptions["+strconv.Itoa(i)+"]", err, ErrInvalidCalendar)
					}
				}
				// The caller keeps its slice: editing it must not change
				// the years the calendar builds later.
				src = cloneExceptions(list)
			}
			c.sources = append(c.sources, src)
		}
		return nil
	})
}

// New returns a calendar open during week's hours in loc, changed by the
// exceptions of the options. Every error is a *FieldError wrapping
// ErrInvalidCalendar, whose path names the field at fault, and also: for a
// nil loc ErrNoLocation ("location"), for an invalid span ErrInvalidWeek
// ("week.mon[0]"), for an invalid exception of an Exceptions list the path
// of the exception in its list ("exceptions[1].hours[0]"), and
// ErrNoWorkingTime ("week") when neither the week nor an Override (of an
// Exceptions list or a Holidays rule) has any working time.
func New(loc *time.Location, week Week, opts ...Option) (*Calendar, error) {
	if loc == nil {
		return nil, &FieldError{Path: "location", Value: "nil", Reason: "a calendar needs a *time.Location (time.UTC is one)", Err: ErrInvalidCalendar, Cause: ErrNoLocation}
	}
	norm, err := week.normalize()
	if err != nil {
		return nil, invalid.At("week", err, ErrInvalidCalendar)
	}
	c := &Calendar{loc: loc, weekDef: week.Clone(), week: norm}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o.apply(c); err != nil {
			return nil, err
		}
	}
	// Explicit lists first among equals, whatever the order of the
	// options: it keeps precedence independent of how a definition was
	// written, so the JSON form (which groups sources by kind) is lossless.
	slices.SortStableFunc(c.sources, func(a, b ExceptionSource) int {
		_, ea := a.(Exceptions)
		_, eb := b.(Exceptions)
		switch {
		case ea && !eb:
			return -1
		case eb && !ea:
			return 1
		}
		return 0
	})
	if week.IsEmpty() && !c.hasOverrideHours() {
		return nil, &FieldError{Path: "week", Reason: "no working time: the week has no hours and no exception opens any", Err: ErrInvalidCalendar, Cause: ErrNoWorkingTime}
	}
	return c, nil
}

func (c *Calendar) hasOverrideHours() bool {
	for _, src := range c.sources {
		if o, ok := src.(overrider); ok && o.hasOverrideHours() {
			return true
		}
	}
	return false
}

// overrider is a source that can tell, without being asked for a year,
// whether it opens dates with hours of their own (extra working days).
type overrider interface{ hasOverrideHours() bool }

func (l Exceptions) hasOverrideHours() bool {
	for _, e := range l {
		if e.Kind == Override && len(e.Hours) > 0 {
			return true
		}
	}
	return false
}

func (h Holidays) hasOverrideHours() bool {
	for _, r := range h.rules {
		if r.Kind == Override && len(r.Hours) > 0 {
			return true
		}
	}
	return false
}

// Location returns the calendar's time zone: the zone of its wall-clock
// hours and of its dates (time.UTC for the zero Calendar).
func (c *Calendar) Location() *time.Location { return c.zone() }

// zone is the calendar's location; the zero Calendar, which has no hours,
// counts its years in UTC.
func (c *Calendar) zone() *time.Location {
	if c.loc == nil {
		return time.UTC
	}
	return c.loc
}

// Week returns a copy of the calendar's regular weekly hours; a combined
// calendar returns its first operand's.
func (c *Calendar) Week() Week {
	if c.combo != nil {
		return c.combo.a.Week()
	}
	return c.weekDef.Clone()
}

// locate returns the table of the local year that contains Unix second sec.
// Work tends to stay in one year, so the last table located is tried first.
func (c *Calendar) locate(sec int64) *yearTable {
	if t := c.recent.Load(); t != nil && t.start <= sec && sec < t.end {
		return t
	}
	t := c.locateYear(sec)
	if t.year >= MinYear && t.year <= MaxYear {
		c.recent.Store(t)
	}
	return t
}

func (c *Calendar) locateYear(sec int64) *yearTable {
	y := time.Unix(sec, 0).UTC().Year()
	t := c.table(y)
	for i := 0; i < 3 && sec < t.start; i++ {
		y--
		t = c.table(y)
	}
	for i := 0; i < 3 && sec >= t.end; i++ {
		y++
		t = c.table(y)
	}
	return t
}

// IsOpen reports whether t is in business hours. Intervals are half-open: an
// instant exactly at closing time is closed, exactly at opening time open.
func (c *Calendar) IsOpen(t time.Time) bool {
	sec := t.Unix()
	tab := c.locate(sec)
	i := tab.index(sec) - 1
	return i >= 0 && sec < tab.ends[i]
}

// NextOpen returns t if the calendar is open at t, and otherwise the next
// opening after t. It fails with ErrHorizon when nothing opens within Horizon
// years. The result is in t's location.
func (c *Calendar) NextOpen(t time.Time) (time.Time, error) {
	sec := t.Unix()
	tab := c.locate(sec)
	i := tab.index(sec) - 1
	if i >= 0 && sec < tab.ends[i] {
		return t, nil
	}
	if i+1 < len(tab.starts) {
		return time.Unix(tab.starts[i+1], 0).In(t.Location()), nil
	}
	next, err := c.nextNonEmpty(tab.year + 1)
	if err != nil {
		return time.Time{}, err
	}
	return time.Unix(next.starts[0], 0).In(t.Location()), nil
}

// NextClose returns the first closing after t: the end of the open run that
// contains t or, when closed at t, of the next one. A calendar that stays
// open for Horizon years (24x7) fails with ErrHorizon.
func (c *Calendar) NextClose(t time.Time) (time.Time, error) {
	sec := t.Unix()
	tab := c.locate(sec)
	i := tab.index(sec) - 1
	if i < 0 || sec >= tab.ends[i] {
		i++
	}
	if i >= len(tab.starts) {
		next, err := c.nextNonEmpty(tab.year + 1)
		if err != nil {
			return time.Time{}, err
		}
		tab, i = next, 0
	}
	end := tab.ends[i]
	for years := 0; end == tab.end; years++ {
		if years > Horizon {
			return time.Time{}, fmt.Errorf("%w: open without a break from %s", ErrHorizon, t.Format(time.RFC3339))
		}
		next := c.table(tab.year + 1)
		if len(next.starts) == 0 || next.starts[0] != end {
			break
		}
		tab, end = next, next.ends[0]
	}
	return time.Unix(end, 0).In(t.Location()), nil
}

// PrevOpen returns the last opening at or before t: the start of the open
// run that contains t or, when the calendar is closed at t, of the last run
// before t. Together with NextClose it brackets the open run around an open
// instant: PrevOpen(t) <= t < NextClose(t). Runs are maximal, so an
// overnight shift that meets the next morning's, or New Year in a 24x7
// calendar, is not an opening. It fails with ErrHorizon when nothing opens
// within Horizon years back (or the calendar has been open without a break
// for that long), and with ErrOutOfRange before MinYear. The result is in
// t's location.
func (c *Calendar) PrevOpen(t time.Time) (time.Time, error) {
	tab, i, err := c.lastStartedBy(t)
	if err != nil {
		return time.Time{}, err
	}
	tab, i, err = c.runStart(tab, i, t)
	if err != nil {
		return time.Time{}, err
	}
	return time.Unix(tab.starts[i], 0).In(t.Location()), nil
}

// PrevClose returns the last closing at or before t: the end of the last
// open run that ends at or before t. When the calendar is closed at t it
// brackets the closed stretch around t with NextOpen: PrevClose(t) <= t <
// NextOpen(t); an instant exactly at closing time is its own PrevClose. It
// fails with ErrHorizon when nothing closes within Horizon years back, and
// with ErrOutOfRange before MinYear. The result is in t's location.
func (c *Calendar) PrevClose(t time.Time) (time.Time, error) {
	tab, i, err := c.lastStartedBy(t)
	if err != nil {
		return time.Time{}, err
	}
	if sec := t.Unix(); sec < tab.ends[i] {
		// Open at t: the closing is the one before this run began.
		if tab, i, err = c.runStart(tab, i, t); err != nil {
			return time.Time{}, err
		}
		if i == 0 {
			if tab, err = c.prevNonEmpty(tab.year - 1); err != nil {
				return time.Time{}, err
			}
			i = len(tab.starts)
		}
		i--
	}
	// Intervals of a table neither touch nor reach the end of the year
	// that contains t, so this end is a real closing.
	return time.Unix(tab.ends[i], 0).In(t.Location()), nil
}

// lastStartedBy returns the last interval that starts at or before t, in the
// table of t's year or of an earlier year.
func (c *Calendar) lastStartedBy(t time.Time) (*yearTable, int, error) {
	tab := c.locate(t.Unix())
	if i := tab.index(t.Unix()) - 1; i >= 0 {
		return tab, i, nil
	}
	prev, err := c.prevNonEmpty(tab.year - 1)
	if err != nil {
		return nil, 0, err
	}
	return prev, len(prev.starts) - 1, nil
}

// runStart returns the interval that begins the open run containing
// interval i of tab, following the run back across year ends.
func (c *Calendar) runStart(tab *yearTable, i int, t time.Time) (*yearTable, int, error) {
	for years := 0; i == 0 && tab.starts[0] == tab.start; years++ {
		if years > Horizon {
			return nil, 0, fmt.Errorf("%w: open without a break up to %s", ErrHorizon, t.Format(time.RFC3339))
		}
		prev := c.table(tab.year - 1)
		n := len(prev.starts)
		if n == 0 || prev.ends[n-1] != tab.start {
			break
		}
		tab, i = prev, n-1
	}
	return tab, i, nil
}

// prevNonEmpty returns the last table from year back that has open time.
func (c *Calendar) prevNonEmpty(year int) (*yearTable, error) {
	for y := year; y > year-Horizon; y-- {
		if y < MinYear {
			return nil, ErrOutOfRange
		}
		if t := c.table(y); len(t.starts) > 0 {
			return t, nil
		}
	}
	return nil, fmt.Errorf("%w: no business time in %d to %d", ErrHorizon, year-Horizon+1, year)
}

// nextNonEmpty returns the first table from year on that has open time.
func (c *Calendar) nextNonEmpty(year int) (*yearTable, error) {
	for y := year; y < year+Horizon; y++ {
		if y > MaxYear {
			return nil, ErrOutOfRange
		}
		if t := c.table(y); len(t.starts) > 0 {
			return t, nil
		}
	}
	return nil, fmt.Errorf("%w: no business time in %d to %d", ErrHorizon, year, year+Horizon-1)
}

// Interval is a half-open span of time [Start, End).
type Interval struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Duration returns End - Start.
func (i Interval) Duration() time.Duration { return i.End.Sub(i.Start) }

// Intervals yields the open intervals within [from, to), in order, each
// clipped to [from, to) and maximal: touching open time (an overnight shift
// that meets the next morning's, New Year in a 24x7 calendar) is one
// interval. Times are in from's location.
func (c *Calendar) Intervals(from, to time.Time) iter.Seq[Interval] {
	return func(yield func(Interval) bool) {
		if !from.Before(to) {
			return
		}
		loc := from.Location()
		fs, ts := from.Unix(), to.Unix()
		first, last := c.locate(fs), c.locate(ts)
		var cur Interval
		open := false
		for y := max(first.year, MinYear-1); y <= min(last.year, MaxYear+1); y++ {
			tab := c.table(y)
			for i := max(tab.index(fs)-1, 0); i < len(tab.starts) && tab.starts[i] <= ts; i++ {
				a := time.Unix(tab.starts[i], 0).In(loc)
				b := time.Unix(tab.ends[i], 0).In(loc)
				if a.Before(from) {
					a = from
				}
				if b.After(to) {
					b = to
				}
				if !a.Before(b) {
					continue
				}
				if open && cur.End.Equal(a) {
					cur.End = b
					continue
				}
				if open && !yield(cur) {
					return
				}
				cur, open = Interval{a, b}, true
			}
		}
		if open {
			yield(cur)
		}
	}
}

// Between returns the business time in [a, b), to the nanosecond, and
// -Between(b, a) when b is before a. Like time.Time.Sub, a result beyond the
// range of time.Duration (about 292 years) saturates at its maximum or
// minimum.
func (c *Calendar) Between(a, b time.Time) time.Duration {
	if b.Before(a) {
		if v := c.between(b, a); v <= 1<<63 {
			return time.Duration(-v) // -(1<<63) wraps to math.MinInt64, as it should
		}
		return math.MinInt64
	}
	if v := c.between(a, b); v <= math.MaxInt64 {
		return time.Duration(v)
	}
	return math.MaxInt64
}

// between returns the business time in [a, b) for a <= b in nanoseconds, at
// most 1<<63+1 (a saturated answer).
func (c *Calendar) between(a, b time.Time) uint64 {
	as, an := a.Unix(), int64(a.Nanosecond())
	bs, bn := b.Unix(), int64(b.Nanosecond())
	ta := c.locate(as)
	tb := ta
	if bs >= ta.end {
		tb = c.locateYear(bs) // leave the hint on a's year
	}
	if ta.year == tb.year {
		return uint64(tb.elapsed(bs, bn) - ta.elapsed(as, an))
	}
	// Saturate only when even after the partial years the answer cannot fit;
	// below this limit the uint64 sum is exact.
	const limit = 1<<63/1_000_000_000 + 2*366*86400 // seconds
	sec := ta.total()
	for y := max(ta.year+1, MinYear); y < min(tb.year, MaxYear+1); y++ {
		if sec += c.table(y).total(); sec > limit {
			return 1<<63 + 1
		}
	}
	v := uint64(sec)*1e9 - uint64(ta.elapsed(as, an)) + uint64(tb.elapsed(bs, bn))
	return min(v, 1<<63+1)
}

// Add returns the instant business time d after t. For d > 0 it is the
// earliest u >= t such that Between(t, u) == d: a deadline that lands exactly
// at closing time is that closing time, not the next opening. For d < 0 it is
// the latest u <= t with Between(u, t) == -d. Add(t, 0) == t. So
// Between(t, Add(t, d)) == d for every t and d.
//
// Add fails with ErrHorizon when the calendar has no business time for
// Horizon years on the way, and with ErrOutOfRange when the result would lie
// outside MinYear to MaxYear. The result is in t's location.
func (c *Calendar) Add(t time.Time, d time.Duration) (time.Time, error) {
	switch {
	case d == 0:
		return t, nil
	case d == math.MinInt64: // -d does not exist; take one nanosecond apart
		u, err := c.Add(t, d+1)
		if err != nil {
			return time.Time{}, err
		}
		return c.Add(u, -1)
	}
	sec, nsec := t.Unix(), int64(t.Nanosecond())
	tab := c.locate(sec)
	done := tab.elapsed(sec, nsec)
	if d > 0 {
		rem := int64(d)
		avail := tab.total()*1e9 - done
		if rem <= avail {
			s, ns := tab.forward(done + rem)
			return time.Unix(s, ns).In(t.Location()), nil
		}
		rem -= avail
		for y, empty := tab.year+1, 0; ; y++ {
			if y > MaxYear {
				return time.Time{}, fmt.Errorf("%w: adding %v to %s", ErrOutOfRange, d, t.Format(time.RFC3339))
			}
			next := c.table(y)
			total := next.total() * 1e9
			if total == 0 {
				if empty++; empty >= Horizon {
					return time.Time{}, fmt.Errorf("%w: no business time in %d to %d", ErrHorizon, y-Horizon+1, y)
				}
				continue
			}
			empty = 0
			if rem <= total {
				s, ns := next.forward(rem)
				return time.Unix(s, ns).In(t.Location()), nil
			}
			rem -= total
		}
	}
	rem := -int64(d)
	if rem <= done {
		s, ns := tab.backward(done - rem)
		return time.Unix(s, ns).In(t.Location()), nil
	}
	rem -= done
	for y, empty := tab.year-1, 0; ; y-- {
		if y < MinYear {
			return time.Time{}, fmt.Errorf("%w: adding %v to %s", ErrOutOfRange, d, t.Format(time.RFC3339))
		}
		prev := c.table(y)
		total := prev.total() * 1e9
		if total == 0 {
			if empty++; empty >= Horizon {
				return time.Time{}, fmt.Errorf("%w: no business time in %d to %d", ErrHorizon, y, y+Horizon-1)
			}
			continue
		}
		empty = 0
		if rem <= total {
			s, ns := prev.backward(total - rem)
			return time.Unix(s, ns).In(t.Location()), nil
		}
		rem -= total
	}
}

// ExceptionOn returns the exception that applies to date d, if any, after
// precedence among several on one date (see Exception): the whole-day
// exception, or when the date has none its first part-day closure
// (ClosedDuring). ExceptionsIn reports all of them. A combined calendar
// reports its first operand's exception.
func (c *Calendar) ExceptionOn(d date.Date) (Exception, bool) {
	if c.combo != nil {
		return c.combo.a.ExceptionOn(d)
	}
	y := d.Year()
	if y < MinYear || y > MaxYear {
		return Exception{}, false
	}
	list := c.table(y).exceptions
	lo, hi := 0, len(list)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if list[m].Date < d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(list) && list[lo].Date == d {
		return list[lo].clone(), true
	}
	return Exception{}, false
}

// ExceptionsIn yields the exceptions that apply to dates in [from, to), in
// date order (the holidays of a period, with their names and actual dates):
// on each date the whole-day exception that won, then every part-day
// closure.
// A combined calendar reports its first operand's.
func (c *Calendar) ExceptionsIn(from, to date.Date) iter.Seq[Exception] {
	if c.combo != nil {
		return c.combo.a.ExceptionsIn(from, to)
	}
	return func(yield func(Exception) bool) {
		if from >= to {
			return
		}
		for y := max(from.Year(), MinYear); y <= min((to-1).Year(), MaxYear); y++ {
			for _, e := range c.table(y).exceptions {
				if e.Date >= from && e.Date < to && !yield(e.clone()) {
					return
				}
			}
		}
	}
}
