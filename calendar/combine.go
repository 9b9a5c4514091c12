package calendar

import (
	"math"
	"strconv"
	"time"
)

// setOp is how a combined calendar derives its open time from its operands'.
type setOp uint8

const (
	union setOp = iota
	intersection
	difference
)

// String returns the operation's key in a calendar's JSON document.
func (op setOp) String() string {
	return [...]string{union: "union", intersection: "intersection", difference: "difference"}[op]
}

type combination struct {
	op   setOp
	a, b *Calendar
}

func (op setOp) keep(inA, inB bool) bool {
	switch op {
	case union:
		return inA || inB
	case intersection:
		return inA && inB
	}
	return inA && !inB
}

// Union returns a calendar open whenever any of the calendars is open: a
// follow-the-sun service covered when either the EU or the US desk is. Its
// location, and the location of its dates, is the first calendar's.
func Union(first *Calendar, others ...*Calendar) (*Calendar, error) {
	return combine(union, first, others)
}

// Intersection returns a calendar open only when all the calendars are open:
// a service's supported hours within a customer's contract hours. Its
// location is the first calendar's.
func Intersection(first *Calendar, others ...*Calendar) (*Calendar, error) {
	return combine(intersection, first, others)
}

// Difference returns a calendar open when base is open and none of the others
// is: business hours minus maintenance windows. Its location is base's.
func Difference(base *Calendar, minus ...*Calendar) (*Calendar, error) {
	return combine(difference, base, minus)
}

func combine(op setOp, first *Calendar, others []*Calendar) (*Calendar, error) {
	if first == nil {
		return nil, fieldError(ErrInvalidCalendar, op.String()+"[0]", "nil", "combining needs calendars")
	}
	c := first
	for i, o := range others {
		if o == nil {
			return nil, fieldError(ErrInvalidCalendar, op.String()+"["+strconv.Itoa(i+1)+"]", "nil", "combining needs calendars")
		}
		c = &Calendar{loc: c.loc, combo: &combination{op: op, a: c, b: o}}
	}
	return c, nil
}

// buildCombined computes a combined calendar's year from its operands' open
// time in the same span of absolute time, with a boundary sweep that is
// linear in the number of intervals.
func (c *Calendar) buildCombined(year int) *yearTable {
	_, start, end := c.yearBounds(year)
	a := c.combo.a.rawBetween(start, end)
	b := c.combo.b.rawBetween(start, end)
	var raw []int64
	inA, inB, open := false, false, false
	var openedAt int64
	for i, j := 0, 0; i < len(a) || j < len(b); {
		x := int64(math.MaxInt64)
		if i < len(a) {
			x = a[i]
		}
		if j < len(b) && b[j] < x {
			x = b[j]
		}
		for ; i < len(a) && a[i] == x; i++ {
			inA = !inA
		}
		for ; j < len(b) && b[j] == x; j++ {
			inB = !inB
		}
		switch keep := c.combo.op.keep(inA, inB); {
		case keep && !open:
			openedAt, open = x, true
		case !keep && open:
			raw = append(raw, openedAt, x)
			open = false
		}
	}
	t := newYearTable(year, start, end, raw)
	ta, tb := c.combo.a.table(year), c.combo.b.table(year)
	for w := range t.workdays {
		switch c.combo.op {
		case union:
			t.workdays[w] = ta.workdays[w] | tb.workdays[w]
		case intersection:
			t.workdays[w] = ta.workdays[w] & tb.workdays[w]
		default:
			t.workdays[w] = ta.workdays[w]
		}
	}
	return t
}

// rawBetween returns the calendar's open intervals within [from, to) as
// flattened, sorted, disjoint Unix-second pairs, touching runs merged.
func (c *Calendar) rawBetween(from, to int64) []int64 {
	var out []int64
	for iv := range c.Intervals(time.Unix(from, 0).UTC(), time.Unix(to, 0).UTC()) {
		out = append(out, iv.Start.Unix(), iv.End.Unix())
	}
	return out
}
