package calendar

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/internal/fuzzrand"
)

// FuzzICalRecurrence checks the iCal additions against the day-by-day
// expansion of RFC 5545 (naivePeriodic): a weekly or monthly RRULE drawn
// from the fuzzer's bytes, with an EXDATE, a moved occurrence
// (RECURRENCE-ID) and a transparent event the filter drops, gives exactly
// the expected dates, and the holidays round-trip through JSON.
func FuzzICalRecurrence(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"))
	f.Add([]byte("weekly on Monday and Friday, every second week, moved once, one date excluded........................"))
	days := []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}
	compact := func(x date.Date) string { return strings.ReplaceAll(x.String(), "-", "") }
	limit := d(2030, 1, 1)
	f.Fuzz(func(t *testing.T, data []byte) {
		r := fuzzrand.New(data)
		start := d(2026, 1, 1) + date.Date(r.IntN(400))
		interval := 1 + r.IntN(4)
		weekly := r.IntN(2) == 0
		var parts []string
		var byDay []time.Weekday
		var monthDays []int
		ordinal := 0
		if weekly {
			parts = append(parts, "FREQ=WEEKLY")
			for range 1 + r.IntN(3) {
				byDay = append(byDay, time.Weekday(r.IntN(7)))
			}
			slices.Sort(byDay)
			byDay = slices.Compact(byDay)
			var names []string
			for _, wd := range byDay {
				names = append(names, days[wd])
			}
			parts = append(parts, "BYDAY="+strings.Join(names, ","))
		} else {
			parts = append(parts, "FREQ=MONTHLY")
			if r.IntN(2) == 0 {
				ordinal = []int{1, 2, 3, 4, 5, -1, -2, -5}[r.IntN(8)]
				byDay = []time.Weekday{time.Weekday(r.IntN(7))}
				parts = append(parts, "BYDAY="+itoa(ordinal)+days[byDay[0]])
			} else {
				for range 1 + r.IntN(3) {
					monthDays = append(monthDays, []int{1, 10, 28, 29, 30, 31, -1, -3, -31}[r.IntN(9)])
				}
				var vals []string
				for _, md := range monthDays {
					vals = append(vals, itoa(md))
				}
				parts = append(parts, "BYMONTHDAY="+strings.Join(vals, ","))
			}
		}
		if interval > 1 {
			parts = append(parts, "INTERVAL="+itoa(interval))
		}
		count, until := 0, date.Date(0)
		if r.IntN(2) == 0 {
			count = 1 + r.IntN(40)
			parts = append(parts, "COUNT="+itoa(count))
		} else {
			until = start + date.Date(r.IntN(700))
			parts = append(parts, "UNTIL="+compact(until))
		}
		want := naivePeriodic(start, weekly, interval, byDay, ordinal, monthDays, count, until, limit)
		master := "UID:m\nSUMMARY:P\nDTSTART;VALUE=DATE:" + compact(start) + "\nRRULE:" + strings.Join(parts, ";")
		events := []string{""}
		if len(want) > 1 && r.IntN(2) == 0 {
			x := want[1+r.IntN(len(want)-1)]
			master += "\nEXDATE;VALUE=DATE:" + compact(x)
			want = slices.DeleteFunc(want, func(y date.Date) bool { return y == x })
		}
		events[0] = master
		if len(want) > 1 && r.IntN(2) == 0 {
			i := 1 + r.IntN(len(want)-1)
			from, to := want[i], want[i]+date.Date(1+r.IntN(5))
			events = append(events, "UID:m\nSUMMARY:P\nRECURRENCE-ID;VALUE=DATE:"+compact(from)+"\nDTSTART;VALUE=DATE:"+compact(to))
			want = slices.Delete(want, i, i+1)
			if to < limit {
				want = append(want, to)
			}
			slices.Sort(want)
			want = slices.Compact(want)
		}
		// An observance the filter drops.
		events = append(events, "UID:o\nSUMMARY:Observance\nTRANSP:TRANSPARENT\nDTSTART;VALUE=DATE:"+compact(start+date.Date(r.IntN(30)))+"\nRRULE:FREQ=WEEKLY")
		if r.IntN(2) == 0 {
			slices.Reverse(events) // order in the feed does not matter
		}
		src := vcal(events...)
		h, skipped, err := ParseICal(src, ICalKeep(func(e ICalEvent) bool { return !e.Transparent }))
		require.NoError(t, err, "%s", src)
		require.Len(t, skipped, 1, "%s", src)
		require.Equal(t, "Observance", skipped[0].Summary)
		var got []date.Date
		for hol := range h.Occurrences(d(2025, 1, 1), limit, monFri) {
			require.Equal(t, "P", hol.Name)
			got = append(got, hol.Actual)
		}
		require.Equal(t, want, slices.Compact(got), "%s", src)

		b, err := json.Marshal(h)
		require.NoError(t, err)
		var back Holidays
		require.NoError(t, json.Unmarshal(b, &back), "%s", b)
		require.Equal(t, h, back)
	})
}
