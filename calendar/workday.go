package calendar

import (
	"fmt"

	"github.com/rickb777/date/v2"
)

// IsWorkday reports whether d is a working day: a date on which at least one
// shift starts, after exceptions. A night shift that starts on Friday makes
// Friday, not Saturday, a working day. For combined calendars working days
// combine as sets: a union's are the dates that are working days in either
// operand, an intersection's those in both, a difference's its first
// operand's.
func (c *Calendar) IsWorkday(d date.Date) bool {
	y := d.Year()
	if y < MinYear || y > MaxYear {
		return false
	}
	t := c.table(y)
	return t.isWorkday(int(d - t.jan1))
}

// AddWorkdays returns the n-th working day after d for n > 0 and the n-th
// before it for n < 0, counting d itself neither way; AddWorkdays(d, 0) is d.
// It fails with ErrHorizon when Horizon years pass without a working day, and
// with ErrOutOfRange outside MinYear to MaxYear.
func (c *Calendar) AddWorkdays(d date.Date, n int) (date.Date, error) {
	if n == 0 {
		return d, nil
	}
	y := d.Year()
	if y < MinYear || y > MaxYear {
		return 0, fmt.Errorf("%w: %s", ErrOutOfRange, d)
	}
	t := c.table(y)
	i := int(d - t.jan1)
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for empty := 0; ; {
		var have int
		if step > 0 {
			have = t.countWorkdays(i+1, t.days)
		} else {
			have = t.countWorkdays(0, i)
		}
		if n <= have {
			for j := i + step; ; j += step {
				if t.isWorkday(j) {
					if n--; n == 0 {
						return t.jan1 + date.Date(j), nil
					}
				}
			}
		}
		n -= have
		if have == 0 {
			if empty++; empty > Horizon {
				return 0, fmt.Errorf("%w: no working day within %d years of %s", ErrHorizon, Horizon, d)
			}
		} else {
			empty = 0
		}
		y += step
		if y < MinYear || y > MaxYear {
			return 0, fmt.Errorf("%w: counting working days from %s", ErrOutOfRange, d)
		}
		t = c.table(y)
		if step > 0 {
			i = -1
		} else {
			i = t.days
		}
	}
}

// Workdays returns the number of working days in the half-open date range
// [from, to), and minus the number in [to, from) when to is before from. For
// a working day d, Workdays(d, AddWorkdays(d, n)) == n.
func (c *Calendar) Workdays(from, to date.Date) int {
	if to < from {
		return -c.Workdays(to, from)
	}
	if from == to {
		return 0
	}
	n := 0
	for y := max(from.Year(), MinYear); y <= min((to-1).Year(), MaxYear); y++ {
		t := c.table(y)
		lo := max(int(from-t.jan1), 0)
		hi := min(int(to-t.jan1), t.days)
		if lo < hi {
			n += t.countWorkdays(lo, hi)
		}
	}
	return n
}
