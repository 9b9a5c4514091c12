package report

import (
	"fmt"
	"time"

	"github.com/go-itsm/itsm/calendar"
)

// Span is one bucket of a report: [From, To) with its label ("2026-01"
// for a month, "2026-W02" for an ISO week, "2026-01-05" for a day,
// "period" for the whole period). The first and last buckets are clipped
// to the period; the label is that of the calendar bucket they belong to.
type Span struct {
	Label string    `json:"label"`
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
}

// buckets cuts [from, to) in loc. Boundaries are local midnights (of
// days, Mondays or first days of months), mapped to instants by
// calendar.Date, DESIGN's rule: a midnight that a DST change skips maps to
// the end of the gap (time.Date gave an instant before it, and a day
// bucket that failed to advance), one that occurs twice to the first.
func buckets(from, to time.Time, loc *time.Location, size BucketSize) ([]Span, error) {
	if size == Whole {
		return []Span{{Label: "period", From: from.UTC(), To: to.UTC()}}, nil
	}
	var out []Span
	start := from
	for start.Before(to) {
		l := start.In(loc)
		var next time.Time
		var label string
		switch size {
		case Day:
			next = calendar.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, loc)
			label = l.Format("2006-01-02")
		case Week:
			back := (int(l.Weekday()) + 6) % 7 // days since Monday
			next = calendar.Date(l.Year(), l.Month(), l.Day()-back+7, 0, 0, 0, loc)
			y, w := l.AddDate(0, 0, -back).ISOWeek()
			label = fmt.Sprintf("%04d-W%02d", y, w)
		case Month:
			next = calendar.Date(l.Year(), l.Month()+1, 1, 0, 0, 0, loc)
			label = l.Format("2006-01")
		}
		if !next.After(start) { // cannot happen with real zones; never loop
			return nil, specError("bucket", size.String(), "time zone data gives a non-increasing boundary")
		}
		if next.After(to) {
			next = to
		}
		out = append(out, Span{Label: label, From: start.UTC(), To: next.UTC()})
		if len(out) > MaxBuckets {
			return nil, specError("bucket", size.String(), fmt.Sprintf("the period has more than %d buckets", MaxBuckets))
		}
		start = next
	}
	return out, nil
}
