package calendar

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
)

func FuzzParseWeek(f *testing.F) {
	for _, s := range []string{
		"Mon-Fri 09:00-12:30,13:30-18:00; Sat 10:00-14:00",
		"Mon-Sun 00:00-24:00", "Fri 22:00-06:00", "Fri-Mon 08:00:30-09:00:15", "",
		"Mon 9-5", ";;", "Xyz 09:00-10:00", "Mon 24:00-01:00", "Mon,Wed 10:00-10:00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWeek(s)
		if err != nil {
			requireError(t, err, ErrInvalidWeek)
			var se *SyntaxError
			if !errors.As(err, &se) || se.Column < 1 {
				t.Fatalf("ParseWeek(%q): want *SyntaxError with a column, got %v", s, err)
			}
			return
		}
		// The canonical text form reads back to the same week.
		again, err := ParseWeek(w.String())
		if err != nil {
			t.Fatalf("ParseWeek(String()) of %q: %v", s, err)
		}
		if again.String() != w.String() {
			t.Fatalf("round trip of %q: %q then %q", s, w.String(), again.String())
		}
	})
}

// requireError fails unless err is a *FieldError that wraps sentinel and
// speaks as the package, with one prefix: what the fuzz targets ask of
// every error of the parsers and decoders.
func requireError(t *testing.T, err error, sentinel error) {
	t.Helper()
	var fe *FieldError
	msg := err.Error()
	if !errors.As(err, &fe) || !errors.Is(err, sentinel) || !strings.HasPrefix(msg, "calendar: ") || strings.Count(msg, "calendar: ") != 1 {
		t.Fatalf("want a *FieldError wrapping %v, got %T: %v", sentinel, err, err)
	}
}

// requireJSONError is requireError for an error of json.Unmarshal, which
// reports malformed JSON itself before a decoder of this package sees it.
func requireJSONError(t *testing.T, data []byte, err error, sentinel error) {
	t.Helper()
	if !json.Valid(data) {
		var se *json.SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("malformed JSON: want *json.SyntaxError, got %T: %v", err, err)
		}
		return
	}
	requireError(t, err, sentinel)
}

// FuzzArithmetic checks the contracts of the arithmetic on arbitrary
// calendars, instants and durations: no panic, no hang, and
// Between(t, Add(t, d)) == d whenever Add succeeds; NextOpen and NextClose
// land on open and closed instants at or after t; Workdays counts back the
// n of AddWorkdays; Intervals are ordered, maximal and add up to Between.
func FuzzArithmetic(f *testing.F) {
	f.Add("Mon-Fri 09:00-17:00", uint8(0), int64(1795000000), int64(3600e9), int64(1e9))
	f.Add("Fri 22:00-06:00", uint8(1), int64(1773000000), int64(-90000e9), int64(7))
	f.Add("Sun 02:30-04:00", uint8(1), int64(1772900000), int64(1), int64(-1))
	f.Add("Mon-Sun 00:00-24:00", uint8(2), int64(-62135596800), int64(-1<<63), int64(1<<62))
	f.Add("Tue 01:00-01:30", uint8(3), int64(253402300000), int64(1<<63-1), int64(0))
	f.Add("Mon-Fri 09:00-17:00", uint8(4*31+1), int64(1801000000), int64(200*3600e9), int64(0x1234_5678_9abc))
	f.Add("Mon-Sun 22:00-06:00", uint8(4*3+2), int64(1780000000), int64(-500*3600e9), int64(0x0fed_cba9_8765))
	f.Add("Mon-Sun 00:00-24:00", uint8(4*6+3), int64(1796000000), int64(3600e9), int64(-77777777777))
	zones := []string{"UTC", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo"}
	locs := make([]*time.Location, len(zones))
	for i, z := range zones {
		l, err := time.LoadLocation(z)
		if err != nil {
			f.Fatal(err)
		}
		locs[i] = l
	}
	f.Fuzz(func(t *testing.T, week string, z uint8, sec, d, gap int64) {
		w, err := ParseWeek(week)
		if err != nil {
			return
		}
		// Keep instants within a few centuries of now: the fuzzer should
		// explore calendars, not spend its time building far-off years.
		sec = 1_700_000_000 + sec%(200*365*86400)
		t0 := time.Unix(sec, gap%1e9)
		loc := locs[int(z)%len(locs)]
		c, err := New(loc, w, WithExceptions(append([]ExceptionSource{closedFrom(date.New(2300, 1, 1))}, windows(z/4, date.NewAt(t0.In(loc)), gap)...)...))
		if err != nil {
			return
		}
		u, err := c.Add(t0, time.Duration(d))
		if err != nil {
			if !errors.Is(err, ErrHorizon) && !errors.Is(err, ErrOutOfRange) {
				t.Fatalf("Add: unexpected error %v", err)
			}
			return
		}
		if got := c.Between(t0, u); got != time.Duration(d) {
			t.Fatalf("Between(%v, Add(%v, %v)=%v) = %v", t0, t0, time.Duration(d), u, got)
		}
		if (d > 0 && u.Before(t0)) || (d < 0 && u.After(t0)) {
			t.Fatalf("Add(%v, %v) = %v goes the wrong way", t0, time.Duration(d), u)
		}
		t1 := t0.Add(time.Duration(gap % int64(1000*time.Hour)))
		_ = c.IsOpen(t1)
		if ab, ba := c.Between(t0, t1), c.Between(t1, t0); ab != -ba && ab != 1<<63-1 {
			t.Fatalf("Between not antisymmetric: %v vs %v", ab, ba)
		}
		checkNext(t, c, t0)
		checkWorkdays(t, c, date.NewAt(t0.In(c.Location())), int(d%1000))
		checkIntervals(t, c, t0, t1)
	})
}

// windows draws from the fuzzer's bits the exceptions of the newer kinds
// near day: part-day closures (some across midnight), a weekly and a monthly
// rule with time windows, whole days, overrides and fortnights.
func windows(bits uint8, day date.Date, gap int64) []ExceptionSource {
	if bits == 0 {
		return nil
	}
	g := uint64(gap)
	span := func(k uint) Span {
		a := TimeOfDay((g >> k) % 96 * 900)
		b := TimeOfDay((g >> (k + 7)) % 97 * 900)
		if a == b {
			b = secondsPerDay
		}
		return Span{a, b}
	}
	var out []ExceptionSource
	if bits&1 != 0 {
		out = append(out, Exceptions{
			{Date: day + date.Date(g%5), Kind: ClosedDuring, Hours: []Span{span(3), span(17)}},
			{Date: day + date.Date(g%3), Kind: Override, Hours: []Span{span(31)}},
		})
	}
	var rules []Rule
	if bits&2 != 0 {
		rules = append(rules, Rule{Name: "monthly", On: Monthly, Weekday: time.Weekday(g % 7), N: 1 + int(g>>3)%4,
			Kind: ClosedDuring, Hours: []Span{span(9)}})
	}
	if bits&4 != 0 {
		rules = append(rules, Rule{Name: "weekly", On: Weekly, Weekday: time.Weekday(g >> 5 % 7), Every: 1 + int(g>>8)%3,
			From: day - date.Date(g>>11%400), Until: day + date.Date(g>>13%4000), Kind: ClosedDuring, Hours: []Span{span(15)}})
	}
	if bits&8 != 0 {
		rules = append(rules, Rule{Name: "month end", On: Monthly, Day: -1 - int(g>>2)%3})
	}
	if bits&16 != 0 {
		rules = append(rules, Rule{Name: "fortnight", On: Weekly, Weekday: time.Weekday(g >> 20 % 7), Every: 2, From: day})
	}
	if len(rules) > 0 {
		h, err := NewHolidays(rules...)
		if err != nil {
			panic(err) // the rules above are valid by construction
		}
		out = append(out, h)
	}
	return out
}

func checkArithmeticError(t *testing.T, op string, err error) {
	t.Helper()
	if !errors.Is(err, ErrHorizon) && !errors.Is(err, ErrOutOfRange) {
		t.Fatalf("%s: unexpected error %v", op, err)
	}
}

// checkNext: NextOpen(t) is t when open at t and otherwise a later opening;
// NextClose(t) is a later closing, open just before it.
func checkNext(t *testing.T, c *Calendar, t0 time.Time) {
	t.Helper()
	if u, err := c.NextOpen(t0); err != nil {
		checkArithmeticError(t, "NextOpen", err)
	} else {
		if u.Before(t0) || !c.IsOpen(u) {
			t.Fatalf("NextOpen(%v) = %v: before t or closed", t0, u)
		}
		if c.IsOpen(t0) != u.Equal(t0) {
			t.Fatalf("NextOpen(%v) = %v, open at t: %v", t0, u, c.IsOpen(t0))
		}
	}
	if u, err := c.NextClose(t0); err != nil {
		checkArithmeticError(t, "NextClose", err)
	} else if !u.After(t0) || c.IsOpen(u) || !c.IsOpen(u.Add(-1)) {
		t.Fatalf("NextClose(%v) = %v: not after t, or not a closing", t0, u)
	}
	// PrevOpen is an opening at or before t, and the calendar is open from
	// it to t when open at t; PrevClose is a closing at or before t, closed
	// from it to t when closed at t, and no business time lies between the
	// two in the order they bracket t.
	po, errO := c.PrevOpen(t0)
	if errO != nil {
		checkArithmeticError(t, "PrevOpen", errO)
	} else if po.After(t0) || !c.IsOpen(po) || c.IsOpen(po.Add(-1)) {
		t.Fatalf("PrevOpen(%v) = %v: after t, or not an opening", t0, po)
	}
	pc, errC := c.PrevClose(t0)
	if errC != nil {
		checkArithmeticError(t, "PrevClose", errC)
	} else if pc.After(t0) || c.IsOpen(pc) || !c.IsOpen(pc.Add(-1)) {
		t.Fatalf("PrevClose(%v) = %v: after t, or not a closing", t0, pc)
	}
	if errO == nil && errC == nil {
		open := c.IsOpen(t0)
		switch {
		case open && (!pc.Before(po) || c.Between(po, t0) != t0.Sub(po)):
			t.Fatalf("open at %v: PrevOpen %v, PrevClose %v", t0, po, pc)
		case !open && (!po.Before(pc) || c.Between(pc, t0) != 0):
			t.Fatalf("closed at %v: PrevOpen %v, PrevClose %v", t0, po, pc)
		}
	}
}

// checkWorkdays: the n-th working day from d0 is a working day, and
// Workdays counts n of them on the way (d0 itself excluded going forward).
func checkWorkdays(t *testing.T, c *Calendar, d0 date.Date, n int) {
	t.Helper()
	u, err := c.AddWorkdays(d0, n)
	if err != nil {
		checkArithmeticError(t, "AddWorkdays", err)
		return
	}
	switch {
	case n == 0:
		if u != d0 {
			t.Fatalf("AddWorkdays(%v, 0) = %v", d0, u)
		}
		return
	case n > 0 && u <= d0, n < 0 && u >= d0, !c.IsWorkday(u):
		t.Fatalf("AddWorkdays(%v, %d) = %v: wrong way or not a working day", d0, n, u)
	}
	if got := c.Workdays(d0+1, u+1); n > 0 && got != n {
		t.Fatalf("Workdays(%v, %v) = %d after AddWorkdays(%v, %d)", d0+1, u+1, got, d0, n)
	}
	if got := c.Workdays(d0, u); (n < 0 || c.IsWorkday(d0)) && got != n {
		t.Fatalf("Workdays(%v, AddWorkdays(%v, %d) = %v) = %d", d0, d0, n, u, got)
	}
}

// checkIntervals: the open intervals of [from, to) are non-empty, in order,
// neither overlapping nor touching, open, and add up to Between.
func checkIntervals(t *testing.T, c *Calendar, from, to time.Time) {
	t.Helper()
	var sum time.Duration
	var prev Interval
	for i, iv := range slices.Collect(c.Intervals(from, to)) {
		if !iv.Start.Before(iv.End) || iv.Start.Before(from) || iv.End.After(to) {
			t.Fatalf("interval %v outside [%v, %v) or empty", iv, from, to)
		}
		if i > 0 && !prev.End.Before(iv.Start) {
			t.Fatalf("intervals %v and %v overlap or touch", prev, iv)
		}
		if !c.IsOpen(iv.Start) || !c.IsOpen(iv.End.Add(-1)) {
			t.Fatalf("interval %v is not open", iv)
		}
		sum += iv.Duration()
		prev = iv
	}
	if from.Before(to) && sum != c.Between(from, to) {
		t.Fatalf("intervals of [%v, %v) add up to %v, Between says %v", from, to, sum, c.Between(from, to))
	}
}
