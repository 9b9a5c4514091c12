package calendar

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/gregorian"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// feed is a holiday feed as a calendar product writes it: CRLF, folded
// lines, a time zone, alarms, a timed meeting among the holidays.
var feed = strings.ReplaceAll(`BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example Corp//Holidays//EN
X-WR-CALNAME:Company holidays
BEGIN:VTIMEZONE
TZID:Europe/London
BEGIN:STANDARD
DTSTART:19701025T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:christmas@example.com
DTSTART;VALUE=DATE:20201225
DTEND;VALUE=DATE:20201226
RRULE:FREQ=YEARLY
SUMMARY:Christmas Day
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
TRIGGER:-P1D
END:VALARM
END:VEVENT
BEGIN:VEVENT
UID:thanks@example.com
DTSTART;VALUE=DATE:20201126
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH
SUMMARY:Thanks
 giving Day
END:VEVENT
BEGIN:VEVENT
UID:memorial@example.com
DTSTART;VALUE=DATE:20200525
RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO;UNTIL=20271231
EXDATE;VALUE=DATE:20260525
SUMMARY:Memorial Day
END:VEVENT
BEGIN:VEVENT
UID:shutdown@example.com
DTSTART;VALUE=DATE:20261228
DTEND;VALUE=DATE:20270102
SUMMARY:Year-end shutdown\, all offices
END:VEVENT
BEGIN:VEVENT
UID:meeting@example.com
DTSTART;TZID=Europe/London:20260301T090000
DTEND;TZID=Europe/London:20260301T100000
SUMMARY:Team offsite
END:VEVENT
BEGIN:VEVENT
UID:cancelled@example.com
DTSTART;VALUE=DATE:20260704
SUMMARY:Picnic
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
UID:weekly@example.com
DTSTART;VALUE=DATE:20260105
RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3
SUMMARY:No-meeting Monday
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20260601
DURATION:P2D
RDATE;VALUE=DATE:20270601,20280601
SUMMARY:Founders' days
END:VEVENT
END:VCALENDAR
`, "\n", "\r\n")

func icalNames(t *testing.T, h Holidays, from, to date.Date) []string {
	t.Helper()
	var out []string
	for hol := range h.Occurrences(from, to, monFri) {
		out = append(out, hol.Actual.String()+" "+hol.Name)
	}
	return out
}

func TestParseICalFeed(t *testing.T) {
	h, skipped, err := ParseICal([]byte(feed))
	require.NoError(t, err)
	assert.Equal(t, []string{
		"2026-01-05 No-meeting Monday",
		"2026-01-12 No-meeting Monday",
		"2026-01-19 No-meeting Monday",
		"2026-06-01 Founders' days",
		"2026-06-02 Founders' days",
		"2026-11-26 Thanksgiving Day",
		"2026-12-25 Christmas Day",
		"2026-12-28 Year-end shutdown, all offices",
		"2026-12-29 Year-end shutdown, all offices",
		"2026-12-30 Year-end shutdown, all offices",
		"2026-12-31 Year-end shutdown, all offices",
		"2027-01-01 Year-end shutdown, all offices",
		"2027-05-31 Memorial Day",
		"2027-06-01 Founders' days",
		"2027-06-02 Founders' days",
	}, icalNames(t, h, d(2026, 1, 1), d(2027, 7, 1)), "Memorial Day 2026 is an EXDATE")
	assert.Empty(t, icalNames(t, h, d(2028, 5, 1), d(2028, 5, 31)), "Memorial Day ends with 2027")
	require.Len(t, skipped, 2)
	assert.Equal(t, SkippedEvent{Line: 47, Summary: "Team offsite", Reason: "timed event (DTSTART 20260301T090000); only all-day events are holidays"}, skipped[0])
	assert.Equal(t, 55, skipped[1].Line)
	assert.Contains(t, skipped[1].Reason, "cancelled")

	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(h))
	next, err := c.NextOpen(at(time.UTC, 2026, 12, 24, 17, 0))
	require.NoError(t, err)
	assert.Equal(t, at(time.UTC, 2027, 1, 4, 9, 0), next)

	// The imported set is an ordinary rule set: it round-trips as JSON.
	b, err := json.Marshal(h)
	require.NoError(t, err)
	var back Holidays
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, h, back)
}

func TestParseICalRecurrences(t *testing.T) {
	cases := []struct {
		name    string
		dtstart string
		rrule   string
		extra   string
		from    date.Date
		to      date.Date
		want    []string // actual dates
	}{
		{"yearly on DTSTART's day", "20240229", "FREQ=YEARLY", "", d(2024, 1, 1), d(2033, 1, 1),
			[]string{"2024-02-29", "2028-02-29", "2032-02-29"}},
		{"4th Thursday", "20261126", "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "", d(2026, 1, 1), d(2029, 1, 1),
			[]string{"2026-11-26", "2027-11-25", "2028-11-23"}},
		{"last Monday", "20260525", "FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO;COUNT=2", "", d(2020, 1, 1), d(2030, 1, 1),
			[]string{"2026-05-25", "2027-05-31"}},
		{"every other year", "20260101", "FREQ=YEARLY;INTERVAL=2", "", d(2020, 1, 1), d(2031, 1, 1),
			[]string{"2026-01-01", "2028-01-01", "2030-01-01"}},
		{"count", "20260101", "FREQ=YEARLY;COUNT=3", "", d(2020, 1, 1), d(2040, 1, 1),
			[]string{"2026-01-01", "2027-01-01", "2028-01-01"}},
		{"until a date-time", "20260101", "FREQ=YEARLY;UNTIL=20280101T000000Z", "", d(2020, 1, 1), d(2040, 1, 1),
			[]string{"2026-01-01", "2027-01-01", "2028-01-01"}},
		{"until the day before", "20260101", "FREQ=YEARLY;UNTIL=20271231", "", d(2020, 1, 1), d(2040, 1, 1),
			[]string{"2026-01-01", "2027-01-01"}},
		{"exdate", "20260101", "FREQ=YEARLY;COUNT=3", "EXDATE;VALUE=DATE:20270101", d(2020, 1, 1), d(2040, 1, 1),
			[]string{"2026-01-01", "2028-01-01"}},
		{"several months and days", "20260101", "FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1,15;COUNT=5", "", d(2020, 1, 1), d(2040, 1, 1),
			[]string{"2026-01-01", "2026-01-15", "2026-07-01", "2026-07-15", "2027-01-01"}},
		{"first day of every month", "20260101", "FREQ=YEARLY;BYMONTHDAY=1;COUNT=3", "", d(2020, 1, 1), d(2040, 1, 1),
			[]string{"2026-01-01", "2026-02-01", "2026-03-01"}},
		{"every Monday of January", "20260105", "FREQ=YEARLY;BYMONTH=1;BYDAY=MO;COUNT=6", "", d(2020, 1, 1), d(2040, 1, 1),
			[]string{"2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26", "2027-01-04", "2027-01-11"}},
		{"election day", "20261103", "FREQ=YEARLY;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "", d(2026, 1, 1), d(2029, 1, 1),
			[]string{"2026-11-03", "2027-11-02", "2028-11-07"}},
		{"DTSTART after the year's dates", "20260601", "FREQ=YEARLY;BYMONTH=1,12;BYMONTHDAY=1", "", d(2026, 1, 1), d(2028, 1, 1),
			[]string{"2026-06-01", "2026-12-01", "2027-01-01", "2027-12-01"}},
		{"5th Friday, counted", "20260130", "FREQ=YEARLY;BYMONTH=1;BYDAY=5FR;COUNT=3", "", d(2020, 1, 1), d(2050, 1, 1),
			[]string{"2026-01-30", "2027-01-29", "2031-01-31"}},
		{"COUNT a billion", "20260101", "FREQ=YEARLY;COUNT=1000000000", "", d(9998, 1, 1), date.Max(),
			[]string{"9998-01-01", "9999-01-01"}},
		{"interval beyond the years", "20260101", "FREQ=YEARLY;INTERVAL=99999", "", d(2020, 1, 1), date.Max(),
			[]string{"2026-01-01"}},
		{"year 9999", "99991231", "FREQ=YEARLY;COUNT=5", "", d(9990, 1, 1), date.Max(),
			[]string{"9999-12-31"}},
		{"X- part ignored", "20260101", "FREQ=YEARLY;X-NAME=1;WKST=MO;COUNT=1", "", d(2020, 1, 1), d(2040, 1, 1),
			[]string{"2026-01-01"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:H\nDTSTART;VALUE=DATE:" + tc.dtstart + "\nRRULE:" + tc.rrule + "\n"
			if tc.extra != "" {
				src += tc.extra + "\n"
			}
			src += "END:VEVENT\nEND:VCALENDAR\n"
			h, skipped, err := ParseICal([]byte(src))
			require.NoError(t, err)
			require.Empty(t, skipped)
			var got []string
			for hol := range h.Occurrences(tc.from, tc.to, monFri) {
				got = append(got, hol.Actual.String())
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseICalSkips(t *testing.T) {
	cases := []struct{ event, reason string }{
		{"DTSTART:20260301T090000Z", "timed event"},
		{"DTSTART;VALUE=DATE-TIME:20260301T090000", "timed event"},
		{"DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=DAILY", "FREQ=DAILY"},
		{"DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=MONTHLY;BYMONTH=3", "BYMONTH in a monthly"},
		{"DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=WEEKLY;BYDAY=2MO", "do not apply to weekly"},
		{"DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=MO,FR", "WKST"},
		{"DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=MONTHLY;BYMONTHDAY=3;BYDAY=MO", "BYDAY with BYMONTHDAY"},
		{"DTSTART;VALUE=DATE:20260301\nDTEND;VALUE=DATE:20260303\nRRULE:FREQ=WEEKLY", "lasts one day"},
		{"DTSTART;TZID=Europe/Paris:20260301T000000\nDTEND;TZID=Europe/Paris:20260301T120000", "timed event"},
		{"DTSTART;TZID=Europe/Paris:20260301T000000\nDTEND;TZID=Europe/London:20260302T000000", "timed event"},
		{"DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=YEARLY;BYSETPOS=1;BYMONTH=3;BYDAY=MO,TU", "BYSETPOS"},
		{"DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=YEARLY;BYMONTHDAY=-1", "month's end"},
		{"DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=YEARLY;BYDAY=20MO", "ordinal beyond 5"},
		{"DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=YEARLY;BYDAY=MO", "BYDAY without BYMONTH"},
		{"DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=13;BYDAY=FR", "seven consecutive days"},
		{"DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=YEARLY;BYMONTH=1,2,3;BYDAY=MO,TU,WE", "at most 31"},
		{"DTSTART;VALUE=DATE:20260301\nDTEND;VALUE=DATE:20280301", "at most 366"},
		{"DTSTART;VALUE=DATE:20260301\nDURATION:PT4H", "not whole days"},
		{"DTSTART;VALUE=DATE:20260301\nSTATUS:CANCELLED", "cancelled"},
	}
	for _, tc := range cases {
		t.Run(tc.reason, func(t *testing.T) {
			src := "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:S\n" + tc.event + "\nEND:VEVENT\nEND:VCALENDAR\n"
			h, skipped, err := ParseICal([]byte(src))
			require.NoError(t, err)
			require.Len(t, skipped, 1)
			assert.Contains(t, skipped[0].Reason, tc.reason)
			assert.Equal(t, "S", skipped[0].Summary)
			assert.GreaterOrEqual(t, skipped[0].Line, 4)
			assert.Empty(t, h.Rules())
		})
	}
	// A timed RDATE is skipped alone; the event stays.
	h, skipped, err := ParseICal([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:S\nDTSTART;VALUE=DATE:20260301\nRDATE:20260401T100000Z\nEND:VEVENT\nEND:VCALENDAR\n"))
	require.NoError(t, err)
	require.Len(t, skipped, 1)
	assert.Equal(t, 5, skipped[0].Line)
	assert.Len(t, h.Rules(), 1)
}

func TestParseICalErrors(t *testing.T) {
	cases := []struct {
		src          string
		line, column int
		reason       string
	}{
		{"", 1, 1, "no BEGIN:VCALENDAR"},
		{"BEGIN:VEVENT\nEND:VEVENT\n", 1, 7, "want BEGIN:VCALENDAR"},
		{"VERSION:2.0\n", 1, 1, "outside"},
		{"BEGIN:VCALENDAR\n", 1, 1, "never closed"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n", 3, 5, "does not close BEGIN:VEVENT of line 2"},
		{"BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR\n", 3, 5, "without BEGIN"},
		{" folded\n", 1, 1, "continuation"},
		{"BEGIN:VCALENDAR\nno colon here\n", 2, 3, "want ':'"},
		{"BEGIN:VCALENDAR\n:value\n", 2, 1, "property name"},
		{"BEGIN:VCALENDAR\nX;P=\"open:value\n", 2, 5, "unterminated"},
		{"BEGIN:VCALENDAR\nX;=1:v\n", 2, 3, "parameter"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:S\nEND:VEVENT\nEND:VCALENDAR\n", 2, 1, "without DTSTART"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261332\nEND:VEVENT\nEND:VCALENDAR\n", 3, 20, "bad DTSTART"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:00001225\nEND:VEVENT\nEND:VCALENDAR\n", 3, 20, "bad DTSTART"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225T100000\nEND:VEVENT\nEND:VCALENDAR\n", 3, 20, "VALUE=DATE but a time"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=PERIOD:20261225\nEND:VEVENT\nEND:VCALENDAR\n", 3, 22, "DATE or a DATE-TIME"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nDTSTART:20261226\nEND:VEVENT\nEND:VCALENDAR\n", 4, 1, "second DTSTART"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nDTEND:20261224\nEND:VEVENT\nEND:VCALENDAR\n", 4, 7, "before DTSTART"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nDTEND:20261226T000000\nEND:VEVENT\nEND:VCALENDAR\n", 4, 7, "bad DTEND"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nDTEND:20261226\nDURATION:P1D\nEND:VEVENT\nEND:VCALENDAR\n", 5, 1, "DURATION and DTEND"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nEXDATE:20271225,2028\nEND:VEVENT\nEND:VCALENDAR\n", 4, 17, "bad EXDATE"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nRRULE:COUNT=2\nEND:VEVENT\nEND:VCALENDAR\n", 4, 7, "without FREQ"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nRRULE:FREQ=YEARLY;COUNT=2;UNTIL=20301225\nEND:VEVENT\nEND:VCALENDAR\n", 4, 7, "both COUNT and UNTIL"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nRRULE:FREQ=YEARLY;BYMONTH=13\nEND:VEVENT\nEND:VCALENDAR\n", 4, 19, "BYMONTH"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nRRULE:FREQ=YEARLY;BYDAY=4XX\nEND:VEVENT\nEND:VCALENDAR\n", 4, 19, "BYDAY"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nRRULE:FREQ=YEARLY;COUNT=0\nEND:VEVENT\nEND:VCALENDAR\n", 4, 19, "COUNT"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nRRULE:FREQ=YEARLY;FREQ=YEARLY\nEND:VEVENT\nEND:VCALENDAR\n", 4, 19, "twice"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nRRULE:FREQ=YEARLY;FOO=1\nEND:VEVENT\nEND:VCALENDAR\n", 4, 19, "unknown recurrence part"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nRRULE:FREQ=SOMETIMES\nEND:VEVENT\nEND:VCALENDAR\n", 4, 7, "unknown frequency"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nRRULE:FREQ\nEND:VEVENT\nEND:VCALENDAR\n", 4, 7, "NAME=VALUE"},
		{"BEGIN:VCALENDAR\n" + strings.Repeat("BEGIN:X\n", 20), 17, 1, "nested too deeply"},
	}
	for _, tc := range cases {
		t.Run(tc.reason, func(t *testing.T) {
			_, _, err := ParseICal([]byte(tc.src), ICalStrict())
			var se *SyntaxError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.line, se.Line, "%v", err)
			assert.Equal(t, tc.column, se.Column, "%v", err)
			assert.Contains(t, se.Reason, tc.reason)
			assert.True(t, strings.HasPrefix(err.Error(), fmt.Sprintf("calendar: line %d, column %d: ", tc.line, tc.column)), err.Error())
		})
	}
}

func TestParseICalFoldingAndLineEnds(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n"} {
		src := strings.Join([]string{
			"BEGIN:VCALENDAR", "BEGIN:VEVENT",
			"SUMMARY:Long", "  name\\; with\\, escapes", "\t and a tab fold",
			"DTSTART;VALUE=",
			" DATE:20261225",
			"END:VEVENT", "END:VCALENDAR",
		}, eol)
		h, _, err := ParseICal([]byte("\xef\xbb\xbf" + src)) // with a BOM, without a final line end
		require.NoError(t, err)
		require.Len(t, h.Rules(), 1)
		assert.Equal(t, "Long name; with, escapes and a tab fold", h.Rules()[0].Name)
		assert.Equal(t, d(2026, 12, 25), h.Rules()[0].Date)
	}
	// Errors in folded lines name the line where the content line starts.
	_, _, err := ParseICal([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:\n 2026\n 1399\nEND:VEVENT\nEND:VCALENDAR\n"), ICalStrict())
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 3, se.Line)
}

func TestParseICalHostileInput(t *testing.T) {
	mb := strings.Repeat("x", 1<<20)
	for name, src := range map[string]string{
		"1 MB summary":  "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:" + mb + "\nDTSTART:20261225\nEND:VEVENT\nEND:VCALENDAR\n",
		"1 MB fold":     "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:a\n" + strings.Repeat(" y\n", 1<<18) + "DTSTART:20261225\nEND:VEVENT\nEND:VCALENDAR\n",
		"1 MB bad line": "BEGIN:VCALENDAR\n" + mb + "\n",
		"1 MB BYDAY":    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nRRULE:FREQ=YEARLY;BYMONTH=12;BYDAY=" + strings.Repeat("1MO,", 1<<18) + "MO\nEND:VEVENT\nEND:VCALENDAR\n",
		"1 MB EXDATE":   "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nRRULE:FREQ=YEARLY\nEXDATE:" + strings.Repeat("20271225,", 1<<17) + "20281225\nEND:VEVENT\nEND:VCALENDAR\n",
	} {
		t.Run(name, func(t *testing.T) {
			h, _, err := ParseICal([]byte(src))
			if err != nil {
				var se *SyntaxError
				require.ErrorAs(t, err, &se)
				assert.LessOrEqual(t, len(se.Error()), 300, "messages stay short")
				return
			}
			for range h.Occurrences(d(2026, 1, 1), d(2030, 1, 1), monFri) {
			}
		})
	}
	// Many events with COUNT: each is resolved lazily; parsing stays cheap.
	// (400 events show it as well as 2000 did, at a fifth of the -race time.)
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\n")
	for i := range 400 {
		fmt.Fprintf(&b, "BEGIN:VEVENT\nSUMMARY:E%d\nDTSTART:2026%02d%02d\nRRULE:FREQ=YEARLY;BYMONTH=%d;BYDAY=MO;COUNT=%d\nEND:VEVENT\n",
			i, 1+i%12, 1+i%28, 1+i%12, 1000+i*7919)
	}
	b.WriteString("END:VCALENDAR\n")
	h, _, err := ParseICal([]byte(b.String()))
	require.NoError(t, err)
	assert.NotEmpty(t, h.ExceptionsIn(5000, monFri))
	// A feed closing too many days a year is refused.
	b.Reset()
	b.WriteString("BEGIN:VCALENDAR\n")
	for range MaxHolidayDays/366 + 1 {
		b.WriteString("BEGIN:VEVENT\nDTSTART:20260101\nDURATION:P366D\nEND:VEVENT\n")
	}
	b.WriteString("END:VCALENDAR\n")
	_, _, err = ParseICal([]byte(b.String()))
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
}

// naiveYearly expands an RRULE day by day, as RFC 5545 describes it, for
// the subset that ParseICal supports: the reference for the property test.
type naiveRule struct {
	start     date.Date
	interval  int
	count     int
	until     date.Date
	months    []int
	monthDays []int
	byDay     []struct{ n, wd int }
	exdates   []date.Date
}

func (r naiveRule) expand(lastYear int) []date.Date {
	y0, m0, d0 := r.start.Date()
	var out []date.Date
	n := 0
	if r.count > 0 || true {
		out = append(out, r.start)
		n = 1
	}
	for y := y0; y <= lastYear; y += r.interval {
		// Past UNTIL or COUNT no later day is taken; stop walking.
		if (r.until != 0 && date.New(y, 1, 1) > r.until) || (r.count > 0 && n >= r.count) {
			break
		}
		for day := date.New(y, 1, 1); day.Year() == y; day++ {
			_, m, dd := day.Date()
			months := r.months
			if len(months) == 0 {
				if len(r.monthDays) > 0 {
					months = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
				} else {
					months = []int{int(m0)}
				}
			}
			if !slices.Contains(months, int(m)) {
				continue
			}
			if len(r.monthDays) > 0 && !slices.Contains(r.monthDays, dd) {
				continue
			}
			if len(r.monthDays) == 0 && len(r.byDay) == 0 && dd != d0 {
				continue
			}
			if len(r.byDay) > 0 {
				match := false
				last := gregorian.DaysIn(y, m)
				for _, bd := range r.byDay {
					if int(day.Weekday()) != bd.wd {
						continue
					}
					switch {
					case bd.n == 0:
						match = true
					case bd.n > 0:
						match = match || (dd-1)/7+1 == bd.n
					default:
						match = match || (last-dd)/7+1 == -bd.n
					}
				}
				if !match {
					continue
				}
			}
			if day <= r.start {
				continue
			}
			if r.until != 0 && day > r.until {
				continue
			}
			if r.count > 0 && n >= r.count {
				continue
			}
			out = append(out, day)
			n++
		}
	}
	return slices.DeleteFunc(out, func(x date.Date) bool { return slices.Contains(r.exdates, x) })
}

func (r naiveRule) ical() string {
	var b strings.Builder
	fmt.Fprintf(&b, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:R\nDTSTART;VALUE=DATE:%s\nRRULE:FREQ=YEARLY", icalDate(r.start))
	if r.interval > 1 {
		fmt.Fprintf(&b, ";INTERVAL=%d", r.interval)
	}
	if r.count > 0 {
		fmt.Fprintf(&b, ";COUNT=%d", r.count)
	}
	if r.until != 0 {
		fmt.Fprintf(&b, ";UNTIL=%s", icalDate(r.until))
	}
	join := func(v []int) string {
		s := make([]string, len(v))
		for i, x := range v {
			s[i] = fmt.Sprint(x)
		}
		return strings.Join(s, ",")
	}
	if len(r.months) > 0 {
		b.WriteString(";BYMONTH=" + join(r.months))
	}
	if len(r.monthDays) > 0 {
		b.WriteString(";BYMONTHDAY=" + join(r.monthDays))
	}
	if len(r.byDay) > 0 {
		s := make([]string, len(r.byDay))
		for i, bd := range r.byDay {
			s[i] = strings.ToUpper(time.Weekday(bd.wd).String()[:2])
			if bd.n != 0 {
				s[i] = fmt.Sprint(bd.n) + s[i]
			}
		}
		b.WriteString(";BYDAY=" + strings.Join(s, ","))
	}
	b.WriteString("\n")
	for _, x := range r.exdates {
		fmt.Fprintf(&b, "EXDATE;VALUE=DATE:%s\n", icalDate(x))
	}
	b.WriteString("END:VEVENT\nEND:VCALENDAR\n")
	return b.String()
}

func icalDate(x date.Date) string { return strings.ReplaceAll(x.String(), "-", "") }

func TestPropertyICalAgainstNaiveExpansion(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for range 400 {
		rule := naiveRule{start: d(2000+r.IntN(20), time.Month(1+r.IntN(12)), 1+r.IntN(28)), interval: 1}
		if r.IntN(3) == 0 {
			rule.interval = 2 + r.IntN(4)
		}
		switch r.IntN(3) {
		case 0:
			rule.count = 1 + r.IntN(25)
		case 1:
			rule.until = rule.start + date.Date(r.IntN(20*366))
		}
		for range r.IntN(3) {
			rule.months = append(rule.months, 1+r.IntN(12))
		}
		slices.Sort(rule.months)
		rule.months = slices.Compact(rule.months)
		switch r.IntN(4) {
		case 0:
			for range 1 + r.IntN(2) { // at most 24 dates a year without BYMONTH
				rule.monthDays = append(rule.monthDays, 1+r.IntN(31))
			}
			slices.Sort(rule.monthDays)
			rule.monthDays = slices.Compact(rule.monthDays)
		case 1:
			if len(rule.months) == 0 {
				rule.months = []int{1 + r.IntN(12)}
			}
			for range 1 + r.IntN(2) {
				rule.byDay = append(rule.byDay, struct{ n, wd int }{[]int{0, 1, 2, 4, 5, -1, -2, -5}[r.IntN(8)], r.IntN(7)})
			}
		case 2:
			first := 1 + r.IntN(22)
			for k := range 7 {
				rule.monthDays = append(rule.monthDays, first+k)
			}
			rule.byDay = []struct{ n, wd int }{{0, r.IntN(7)}}
		}
		for range r.IntN(3) {
			rule.exdates = append(rule.exdates, rule.start+date.Date(r.IntN(5*366)))
		}
		src := rule.ical()
		h, skipped, err := ParseICal([]byte(src))
		require.NoError(t, err, src)
		require.Empty(t, skipped, src)
		want := rule.expand(2060)
		var got []date.Date
		for hol := range h.Occurrences(d(1990, 1, 1), d(2061, 1, 1), monFri) {
			got = append(got, hol.Actual)
		}
		slices.Sort(got)
		got = slices.Compact(got)
		require.Equal(t, want, got, src)
	}
}

func TestICalCountSkipsWholeCycles(t *testing.T) {
	rrules := []string{
		"FREQ=YEARLY;BYMONTH=1;BYDAY=5FR",                            // some years only
		"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",                        // leap years
		"FREQ=YEARLY;BYMONTH=1;BYDAY=MO",                             // four or five a year
		"FREQ=YEARLY;INTERVAL=3;BYMONTH=3,8;BYDAY=5SA,-1SU",          // overlapping ordinals
		"FREQ=YEARLY;INTERVAL=7;BYMONTH=11;BYDAY=5TH,-1TH",           // the same day twice in some years
		"FREQ=YEARLY;BYMONTHDAY=2,3,4,5,6,7,8;BYMONTH=2,11;BYDAY=TU", // weekday on or after
	}
	for _, rr := range rrules {
		src := "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:C\nDTSTART;VALUE=DATE:20000101\nRRULE:" + rr + "\nEND:VEVENT\nEND:VCALENDAR\n"
		open, _, err := ParseICal([]byte(src))
		require.NoError(t, err)
		// Every occurrence until MaxYear, in order, from the unbounded set.
		var all []date.Date
		for h := range open.Occurrences(d(2000, 1, 1), date.Max(), monFri) {
			if n := len(all); n == 0 || all[n-1] != h.Actual {
				all = append(all, h.Actual)
			}
		}
		for _, count := range []int{1, 2, 7, 397, 1000, 2871, 5003, len(all), len(all) + 1, 1_000_000_000} {
			t.Run(fmt.Sprintf("%s/COUNT=%d", rr, count), func(t *testing.T) {
				h, _, err := ParseICal([]byte(strings.Replace(src, "RRULE:"+rr, fmt.Sprintf("RRULE:%s;COUNT=%d", rr, count), 1)))
				require.NoError(t, err)
				want := all[:min(count, len(all))]
				last := want[len(want)-1]
				var got []date.Date
				for hol := range h.Occurrences(last-400, last+4000, monFri) {
					if n := len(got); n == 0 || got[n-1] != hol.Actual {
						got = append(got, hol.Actual)
					}
				}
				require.NotEmpty(t, got)
				assert.Equal(t, last, got[len(got)-1], "the COUNT-th occurrence is the last")
				before := slices.Index(all, got[0])
				require.GreaterOrEqual(t, before, 0)
				assert.Equal(t, all[before:before+len(got)], got)
			})
		}
	}
}
