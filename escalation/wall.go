package escalation

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
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

// wallInstant returns the earliest Unix second whose reading in loc is at
// or after the wall reading w: calendar.Date's rule.
func wallInstant(loc *time.Location, w int64) int64 {
	return calendar.Date(1970, time.January, 1, 0, 0, int(w), loc).Unix()
}
