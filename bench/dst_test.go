package bench

import (
	"fmt"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/calendar"
)

// TestDisagreementAcrossDST shows, in its log (go test -v -run DST), where
// itsm and rickar/cal v2.1.26 part ways around the 2026 DST changes in
// America/New_York (clocks skip 02:00-03:00 on Sunday 8 March and repeat
// 01:00-02:00 on Sunday 1 November). It asserts only itsm's answers, which
// must be real elapsed time between the instants the wall-clock hours map to
// (DESIGN.md, "Wall clock to instant"); rickar's answers are logged with the
// reason read from its source (cal_business.go):
//
//   - WorkdayStart and WorkdayEnd are local midnight plus a time.Duration
//     (time.Date(y, m, d, 0, 0, 0, 0, loc).Add(c.workdayStart)), so "04:00" is
//     four elapsed hours after midnight, which is 05:00 on a spring-forward
//     day and 03:00 on a fall-back day;
//   - NextWorkdayStart steps t.Add(24 * time.Hour), assuming 24-hour days,
//     and WorkHoursInRange and AddWorkHours walk one day at a time over those
//     bounds, so a day whose computed end spills past midnight makes the walk
//     skip the next day.
//
// The Mon-Fri 09:00-17:00 calendar of the benchmarks is not affected: US DST
// changes happen at 02:00 on Sundays.
func TestDisagreementAcrossDST(t *testing.T) {
	ny := newYork(t)
	utc := func(m time.Month, d, hh int) time.Time { return time.Date(2026, m, d, hh, 0, 0, 0, time.UTC).In(ny) }
	local := func(m time.Month, d, hh int) time.Time { return time.Date(2026, m, d, hh, 0, 0, 0, ny) }

	type setup struct {
		name   string
		week   string
		start  time.Duration // rickar's SetWorkHours
		end    time.Duration
		itsm   *calendar.Calendar
		rickar *cal.BusinessCalendar
	}
	build := func(name, week string, start, end time.Duration) setup {
		c, err := calendar.New(ny, calendar.MustParseWeek(week))
		require.NoError(t, err)
		r := cal.NewBusinessCalendar()
		for wd := time.Sunday; wd <= time.Saturday; wd++ {
			r.SetWorkday(wd, true)
		}
		r.SetWorkHours(start, end)
		return setup{name, week, start, end, c, r}
	}
	allDay := build("24x7", "Mon-Sun 00:00-24:00", 0, 24*time.Hour)
	night := build("daily 01:00-04:00 shift", "Mon-Sun 01:00-04:00", time.Hour, 4*time.Hour)

	betweens := []struct {
		cal  setup
		a, b time.Time
		want time.Duration // real elapsed open time
		why  string
	}{
		{allDay, local(3, 8, 0), local(3, 10, 0), 47 * time.Hour,
			"rickar ends 8 March at midnight + 24h = 01:00 on 9 March; NextWorkdayStart(01:00 on 9 March) sees that instant is after 9 March's start and steps 24h to 10 March, so 9 March from 01:00 (23 hours) is never counted"},
		{allDay, local(11, 1, 0), local(11, 3, 0), 49 * time.Hour,
			"rickar ends the 25-hour 1 November at midnight + 24h = 23:00 and starts again at midnight, so the hour 23:00-24:00 is never counted"},
		{night, local(3, 8, 0), local(3, 9, 0), utc(3, 8, 8).Sub(utc(3, 8, 6)), // 01:00 EST to 04:00 EDT
			"rickar's shift is midnight + 1h to midnight + 4h = 01:00 EST to 05:00 EDT, 3 hours ending an hour after the wall-clock close; the real 01:00-04:00 holds 2 hours because 02:00-03:00 does not happen"},
		{night, local(11, 1, 0), local(11, 2, 0), utc(11, 1, 9).Sub(utc(11, 1, 5)), // 01:00 EDT to 04:00 EST
			"rickar's shift is midnight + 1h to midnight + 4h = 01:00 EDT to 03:00 EST, 3 hours ending an hour before the wall-clock close; the real 01:00-04:00 holds 4 hours because 01:00-02:00 happens twice"},
	}
	for _, tc := range betweens {
		got := tc.cal.itsm.Between(tc.a, tc.b)
		assert.Equal(t, tc.want, got, "%s: itsm Between(%v, %v)", tc.cal.name, tc.a, tc.b)
		var peerGot time.Duration
		err := guard(peerTimeout, func() { peerGot = tc.cal.rickar.WorkHoursInRange(tc.a, tc.b) })
		t.Logf("%s, Between(%s, %s): itsm %v (real elapsed time), %s",
			tc.cal.name, stamp(tc.a), stamp(tc.b), got, peerVerdict(err, peerGot, got, tc.why))
	}

	adds := []struct {
		cal  setup
		t    time.Time
		d    time.Duration
		want time.Time
		why  string
	}{
		{allDay, local(3, 8, 0), 30 * time.Hour, local(3, 8, 0).Add(30 * time.Hour),
			"rickar spends 24h on 8 March (midnight to 01:00 on 9 March), then its next day start is 10 March, so the last 6h land 23 hours late"},
		{allDay, local(11, 1, 0), 30 * time.Hour, local(11, 1, 0).Add(30 * time.Hour),
			"rickar spends 24h on 1 November (midnight to 23:00) and resumes at midnight, so the hour 23:00-24:00 is skipped and the deadline is an hour late"},
		{night, local(3, 8, 0), 3 * time.Hour, utc(3, 9, 6), // 2h on 8 March, then 01:00-02:00 EDT on 9 March
			"rickar's 8 March shift runs 3 elapsed hours from 01:00 EST to 05:00 EDT, an instant its own IsWorkTime (which reads the wall clock) calls closed"},
		{night, local(11, 1, 0), 3 * time.Hour, utc(11, 1, 8), // 01:00 EDT + 3h = 03:00 EST
			"from 01:00 EDT both count 3 elapsed hours; they agree on this deadline, though rickar's day would close at 03:00 EST instead of 04:00"},
	}
	for _, tc := range adds {
		got, err := tc.cal.itsm.Add(tc.t, tc.d)
		require.NoError(t, err)
		assert.True(t, tc.want.Equal(got), "%s: itsm Add(%v, %v) = %v, want %v", tc.cal.name, tc.t, tc.d, got, tc.want)
		assert.Equal(t, tc.d, tc.cal.itsm.Between(tc.t, got), "%s: itsm Between(t, Add(t, d))", tc.cal.name)
		var peerGot time.Time
		var peerOpen bool
		perr := guard(peerTimeout, func() {
			peerGot = tc.cal.rickar.AddWorkHours(tc.t, tc.d)
			peerOpen = tc.cal.rickar.IsWorkTime(peerGot)
		})
		verdict := fmt.Sprintf("rickar did not answer: %v", perr)
		if perr == nil {
			verdict = fmt.Sprintf("rickar %s (IsWorkTime %t): ", stamp(peerGot), peerOpen)
			if peerGot.Equal(got) {
				verdict += "same; " + tc.why
			} else {
				verdict += fmt.Sprintf("off by %v; %s", peerGot.Sub(got), tc.why)
			}
		}
		t.Logf("%s, Add(%s, %v): itsm %s, %s", tc.cal.name, stamp(tc.t), tc.d, stamp(got), verdict)
	}
}

// peerVerdict describes rickar's Between answer next to itsm's.
func peerVerdict(err error, peer, itsm time.Duration, why string) string {
	switch {
	case err != nil:
		return fmt.Sprintf("rickar did not answer: %v", err)
	case peer == itsm:
		return fmt.Sprintf("rickar %v: same", peer)
	default:
		return fmt.Sprintf("rickar %v, off by %v: %s", peer, peer-itsm, why)
	}
}

func stamp(t time.Time) string { return t.Format("2006-01-02 15:04 MST") }
