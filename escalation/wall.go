package escalation

import (
	"time"

	"github.com/rickb777/date/v2"
)

// Wall-clock arithmetic for rotations. A wall reading is the local date and
// time counted as seconds since 1970-01-01 00:00 local: an instant u in a
// zone with offset o reads u + o. Rotations count turns in wall seconds so
// that a daily handoff at 09:00 stays at 09:00 across daylight-saving
// changes (a 23- or 25-hour turn), and a reading maps back to an instant as
// DESIGN.md fixes it for calendars: the earliest instant whose local reading
// is at or after it (the end of a spring-forward gap; the first occurrence
// in a fall-back overlap).

const secondsPerDay = 24 * 60 * 60

// wallOf returns the wall reading of date d at sec seconds after midnight.
func wallOf(d date.Date, sec int64) int64 {
	return (int64(d)-date.ZeroOffset)*secondsPerDay + sec
}

func offsetAt(loc *time.Location, u int64) int64 {
	_, off := time.Unix(u, 0).In(loc).Zone()
	return int64(off)
}

// wallInstant returns the earliest Unix second whose reading in loc is at
// or after the wall reading w.
func wallInstant(loc *time.Location, w int64) int64 {
	before, after := offsetAt(loc, w-secondsPerDay), offsetAt(loc, w+secondsPerDay)
	if before == after {
		if u := w - before; offsetAt(loc, u) == before {
			return u // no transition within a day: the common case
		}
	}
	// Every instant that reads exactly w uses an offset in force within a
	// day of w; the earliest of them is the answer.
	best, found := int64(0), false
	for _, probe := range [...]int64{-secondsPerDay, -secondsPerDay / 2, 0, secondsPerDay / 2, secondsPerDay} {
		off := offsetAt(loc, w+probe)
		if u := w - off; offsetAt(loc, u) == off && (!found || u < best) {
			best, found = u, true
		}
	}
	if found {
		return best
	}
	// No instant reads w: it lies in a spring-forward gap, and the answer
	// is the transition that ends it. Reading w with the offset from before
	// the gap lands after the transition, inside the period it starts.
	u := w - before
	start, _ := time.Unix(u, 0).In(loc).ZoneBounds()
	if s := start.Unix(); !start.IsZero() && s <= u && s+offsetAt(loc, s) >= w {
		return s
	}
	return u
}
