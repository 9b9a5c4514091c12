package calendar

import (
	"time"

	"github.com/rickb777/date/v2"
)

// unixEpochDays is date.Date(0) (0001-01-01) to 1970-01-01 in days.
const unixEpochDays = date.ZeroOffset

// wallInstant maps the wall-clock reading sec seconds after local midnight of
// day d (sec may exceed a day) to a Unix second, as DESIGN.md fixes it: the
// earliest instant whose local reading is at or after the wall time. Inside a
// spring-forward gap that is the end of the gap; in a fall-back overlap it is
// the first occurrence.
func wallInstant(loc *time.Location, d date.Date, sec int64) int64 {
	return instantOfWall(loc, (int64(d)-unixEpochDays)*secondsPerDay+sec)
}

// Date is time.Date with this package's rule for wall-clock times that do
// not exist or exist twice: it returns the earliest instant whose reading in
// loc is at or after the given wall-clock time. A time inside a
// spring-forward gap (02:30 on the night clocks jump from 02:00 to 03:00)
// gives the end of the gap (03:00); a time in a fall-back overlap gives its
// first occurrence. time.Date leaves both cases unspecified. Values outside
// their usual ranges are normalized as time.Date does. Unlike time.Date, a
// nil loc does not panic: it means UTC.
func Date(year int, month time.Month, day, hour, min, sec int, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	wall := time.Date(year, month, day, hour, min, sec, 0, time.UTC).Unix()
	return time.Unix(instantOfWall(loc, wall), 0).In(loc)
}

// instantOfWall maps a wall reading (local date and time counted as seconds
// since 1970-01-01 00:00 local) to the earliest Unix second whose reading in
// loc is at or after it.
func instantOfWall(loc *time.Location, wall int64) int64 {
	// Offsets in force around the wall time. A valid instant u satisfies
	// u + offset(u) == wall, and offsets stay within a day of UTC.
	_, before := time.Unix(wall-secondsPerDay, 0).In(loc).Zone()
	_, after := time.Unix(wall+secondsPerDay, 0).In(loc).Zone()
	if before == after {
		if u := wall - int64(before); offsetAt(loc, u) == before {
			return u // no transition nearby: the common case
		}
	}
	best, found := int64(0), false
	for _, probe := range [...]int64{-secondsPerDay, -secondsPerDay / 2, 0, secondsPerDay / 2, secondsPerDay} {
		off := offsetAt(loc, wall+probe)
		u := wall - int64(off)
		if offsetAt(loc, u) == off && (!found || u < best) {
			best, found = u, true
		}
	}
	if found {
		return best
	}
	// A gap: the reading jumps over wall. The answer is the transition that
	// ends the gap, which begins the zone period of any instant just after it.
	u := wall - int64(before)
	for _, probe := range [...]int64{-secondsPerDay, -secondsPerDay / 2, 0, secondsPerDay / 2, secondsPerDay} {
		v := wall - int64(offsetAt(loc, wall+probe))
		if v+int64(offsetAt(loc, v)) >= wall && v < u {
			u = v
		}
	}
	start, _ := time.Unix(u, 0).In(loc).ZoneBounds()
	if !start.IsZero() {
		if s := start.Unix(); s <= u && s+int64(offsetAt(loc, s)) >= wall && s-1+int64(offsetAt(loc, s-1)) < wall {
			return s
		}
	}
	return u
}

func offsetAt(loc *time.Location, u int64) int {
	_, off := time.Unix(u, 0).In(loc).Zone()
	return off
}
