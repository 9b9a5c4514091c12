package calendar

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func vcal(events ...string) []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
	for _, e := range events {
		b.WriteString("BEGIN:VEVENT\r\n" + strings.ReplaceAll(strings.TrimSpace(e), "\n", "\r\n") + "\r\nEND:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return []byte(b.String())
}

func actualDates(h Holidays, from, to date.Date) []string {
	var out []string
	for hol := range h.Occurrences(from, to, monFri) {
		out = append(out, hol.Actual.String())
	}
	return out
}

func TestICalRecurrenceID(t *testing.T) {
	master := "UID:may1\nSUMMARY:Labour Day\nDTSTART;VALUE=DATE:20200501\nRRULE:FREQ=YEARLY"
	moved := "UID:may1\nSUMMARY:Labour Day (moved)\nRECURRENCE-ID;VALUE=DATE:20270501\nDTSTART;VALUE=DATE:20270503"
	for _, tc := range []struct {
		name    string
		events  []string
		want    []string
		skipped string
	}{
		{"moved occurrence", []string{master, moved}, []string{"2026-05-01", "2027-05-03", "2028-05-01"}, ""},
		{"the override first", []string{moved, master}, []string{"2026-05-01", "2027-05-03", "2028-05-01"}, ""},
		{"Outlook's date-time form", []string{master,
			"UID:may1\nRECURRENCE-ID;TZID=W. Europe Standard Time:20270501T000000\nDTSTART;TZID=W. Europe Standard Time:20270503T000000\nDTEND;TZID=W. Europe Standard Time:20270504T000000"},
			[]string{"2026-05-01", "2027-05-03", "2028-05-01"}, ""},
		{"cancelled occurrence", []string{master, "UID:may1\nRECURRENCE-ID;VALUE=DATE:20270501\nDTSTART;VALUE=DATE:20270501\nSTATUS:CANCELLED"},
			[]string{"2026-05-01", "2028-05-01"}, "cancelled occurrence"},
		{"this and future: not supported", []string{master, "UID:may1\nRECURRENCE-ID;RANGE=THISANDFUTURE;VALUE=DATE:20270501\nDTSTART;VALUE=DATE:20270503"},
			[]string{"2026-05-01", "2027-05-01", "2028-05-01"}, "RANGE"},
		{"no master: a one-off", []string{"UID:other\nRECURRENCE-ID;VALUE=DATE:20270501\nDTSTART;VALUE=DATE:20270503"},
			[]string{"2027-05-03"}, ""},
		{"a weekly master", []string{"UID:w\nDTSTART;VALUE=DATE:20270503\nRRULE:FREQ=WEEKLY;COUNT=4", "UID:w\nRECURRENCE-ID;VALUE=DATE:20270510\nDTSTART;VALUE=DATE:20270511"},
			[]string{"2027-05-03", "2027-05-11", "2027-05-17", "2027-05-24"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, skipped, err := ParseICal(vcal(tc.events...))
			require.NoError(t, err)
			assert.Equal(t, tc.want, actualDates(h, d(2026, 1, 1), d(2029, 1, 1)))
			if tc.skipped == "" {
				assert.Empty(t, skipped)
			} else {
				require.Len(t, skipped, 1)
				assert.Contains(t, skipped[0].Reason, tc.skipped)
			}
		})
	}
}

func TestICalWeeklyAndMonthly(t *testing.T) {
	for _, tc := range []struct {
		dtstart, rrule, extra string
		from, to              date.Date
		want                  []string
	}{
		{"20260105", "FREQ=WEEKLY;COUNT=3", "", d(2026, 1, 1), d(2027, 1, 1), []string{"2026-01-05", "2026-01-12", "2026-01-19"}},
		{"20260105", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=5", "", d(2026, 1, 1), d(2027, 1, 1),
			[]string{"2026-01-05", "2026-01-09", "2026-01-19", "2026-01-23", "2026-02-02"}},
		{"20260107", "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260126", "", d(2026, 1, 1), d(2027, 1, 1),
			// DTSTART (a Wednesday) always counts.
			[]string{"2026-01-07", "2026-01-12", "2026-01-19", "2026-01-26"}},
		{"20260105", "FREQ=WEEKLY;UNTIL=20260202", "EXDATE;VALUE=DATE:20260119", d(2026, 1, 1), d(2027, 1, 1),
			[]string{"2026-01-05", "2026-01-12", "2026-01-26", "2026-02-02"}},
		{"20260111", "FREQ=MONTHLY;BYDAY=2SU;COUNT=4", "", d(2026, 1, 1), d(2027, 1, 1),
			[]string{"2026-01-11", "2026-02-08", "2026-03-08", "2026-04-12"}},
		{"20260130", "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20260430", "", d(2026, 1, 1), d(2027, 1, 1),
			[]string{"2026-01-30", "2026-02-27", "2026-03-27", "2026-04-24"}},
		{"20260131", "FREQ=MONTHLY;COUNT=4", "", d(2026, 1, 1), d(2027, 1, 1),
			// A month without a 31st has no occurrence (RFC 5545).
			[]string{"2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31"}},
		{"20260131", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", "", d(2026, 1, 1), d(2027, 1, 1),
			[]string{"2026-01-31", "2026-02-28", "2026-03-31"}},
		{"20260115", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1,15;UNTIL=20261001", "", d(2026, 1, 1), d(2027, 1, 1),
			[]string{"2026-01-15", "2026-04-01", "2026-04-15", "2026-07-01", "2026-07-15", "2026-10-01"}},
		{"20260102", "FREQ=MONTHLY;BYDAY=FR;COUNT=6", "", d(2026, 1, 1), d(2027, 1, 1),
			[]string{"2026-01-02", "2026-01-09", "2026-01-16", "2026-01-23", "2026-01-30", "2026-02-06"}},
	} {
		t.Run(tc.rrule, func(t *testing.T) {
			h, skipped, err := ParseICal(vcal("SUMMARY:W\nDTSTART;VALUE=DATE:" + tc.dtstart + "\nRRULE:" + tc.rrule + "\n" + tc.extra))
			require.NoError(t, err)
			require.Empty(t, skipped)
			assert.Equal(t, tc.want, actualDates(h, tc.from, tc.to))
		})
	}
}

// naivePeriodic expands a weekly or monthly RRULE day by day as RFC 5545
// describes it (DTSTART first; weeks start on Monday), for the property test.
func naivePeriodic(start date.Date, weekly bool, interval int, byDay []time.Weekday, ordinal int, monthDays []int, count int, until date.Date, limit date.Date) []date.Date {
	out := []date.Date{start}
	mondayOf := func(x date.Date) date.Date { return x - date.Date((int(x.Weekday())+6)%7) }
	for x := start + 1; x < limit; x++ {
		if until != 0 && x > until {
			break
		}
		if count > 0 && len(out) >= count {
			break
		}
		y, m, day := x.Date()
		last := date.New(y, m+1, 1) - 1
		var ok bool
		if weekly {
			ok = slices.Contains(byDay, x.Weekday()) && int(mondayOf(x)-mondayOf(start))/7%interval == 0
		} else {
			sy, sm, _ := start.Date()
			inPeriod := ((y*12+int(m))-(sy*12+int(sm)))%interval == 0
			switch {
			case ordinal > 0:
				ok = x.Weekday() == byDay[0] && (day-1)/7 == ordinal-1
			case ordinal < 0:
				ok = x.Weekday() == byDay[0] && int(last-x)/7 == -ordinal-1
			default:
				for _, md := range monthDays {
					ok = ok || md == day || (md < 0 && int(last-x) == -md-1)
				}
			}
			ok = ok && inPeriod
		}
		if ok {
			out = append(out, x)
		}
	}
	return out
}

func TestPropertyICalPeriodicAgainstNaiveExpansion(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	days := []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}
	for range 150 {
		start := d(2026, 1, 1) + date.Date(r.IntN(400))
		interval := 1 + r.IntN(3)
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
				ordinal = []int{1, 2, 3, 4, 5, -1, -2}[r.IntN(7)]
				byDay = []time.Weekday{time.Weekday(r.IntN(7))}
				parts = append(parts, "BYDAY="+itoa(ordinal)+days[byDay[0]])
			} else {
				for range 1 + r.IntN(2) {
					monthDays = append(monthDays, []int{1, 10, 29, 30, 31, -1, -3}[r.IntN(7)])
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
			count = 1 + r.IntN(30)
			parts = append(parts, "COUNT="+itoa(count))
		} else {
			until = start + date.Date(r.IntN(500))
			parts = append(parts, "UNTIL="+strings.ReplaceAll(until.String(), "-", ""))
		}
		src := vcal("SUMMARY:P\nDTSTART;VALUE=DATE:" + strings.ReplaceAll(start.String(), "-", "") + "\nRRULE:" + strings.Join(parts, ";"))
		h, skipped, err := ParseICal(src)
		require.NoError(t, err, string(src))
		require.Empty(t, skipped, string(src))
		limit := d(2030, 1, 1)
		want := naivePeriodic(start, weekly, interval, byDay, ordinal, monthDays, count, until, limit)
		var got []date.Date
		for hol := range h.Occurrences(d(2025, 1, 1), limit, monFri) {
			got = append(got, hol.Actual)
		}
		got = slices.Compact(got)
		require.Equal(t, want, got, string(src))
	}
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestICalOutlookAllDay(t *testing.T) {
	h, skipped, err := ParseICal(vcal(
		"SUMMARY:New Year\nDTSTART;TZID=W. Europe Standard Time:20260101T000000\nDTEND;TZID=W. Europe Standard Time:20260102T000000\nX-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
		"SUMMARY:Carnival\nDTSTART;TZID=W. Europe Standard Time:20260216T000000\nDTEND;TZID=W. Europe Standard Time:20260218T000000",
		"SUMMARY:Day of Unity\nDTSTART;TZID=W. Europe Standard Time:20261003T000000\nDTEND;TZID=W. Europe Standard Time:20261004T000000\nRRULE:FREQ=YEARLY;UNTIL=20281003T000000\nEXDATE;TZID=W. Europe Standard Time:20271003T000000",
		"SUMMARY:Flagged\nDTSTART:20260501T000000\nDURATION:P1D\nX-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
		"SUMMARY:Meeting\nDTSTART;TZID=W. Europe Standard Time:20260105T000000\nDTEND;TZID=W. Europe Standard Time:20260105T010000",
	))
	require.NoError(t, err)
	assert.Equal(t, []string{"2026-01-01", "2026-02-16", "2026-02-17", "2026-05-01", "2026-10-03", "2028-10-03"}, actualDates(h, d(2026, 1, 1), d(2029, 1, 1)))
	require.Len(t, skipped, 1)
	assert.Equal(t, "Meeting", skipped[0].Summary)
}

// googleFeed has the shape of Google's public holiday calendars: public
// holidays and observances in one feed, every event TRANSP:TRANSPARENT,
// told apart by DESCRIPTION.
var googleFeed = vcal(
	"DTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20270102\nSUMMARY:New Year's Day\nDESCRIPTION:Public holiday\nTRANSP:TRANSPARENT\nCATEGORIES:Public holiday",
	"DTSTART;VALUE=DATE:20270214\nDTEND;VALUE=DATE:20270215\nSUMMARY:Valentine's Day\nDESCRIPTION:Observance\\nTo hide observances\\, go to Google Calendar Settings > Holidays in United States\nTRANSP:TRANSPARENT\nCATEGORIES:Observance",
	"DTSTART;VALUE=DATE:20271225\nDTEND;VALUE=DATE:20271226\nSUMMARY:Christmas Day\nDESCRIPTION:Public holiday\nTRANSP:OPAQUE\nCATEGORIES:Holidays,Public holiday",
	"DTSTART;VALUE=DATE:20271031\nDTEND;VALUE=DATE:20271101\nSUMMARY:Halloween\nDESCRIPTION:Observance\nTRANSP:TRANSPARENT",
)

func TestICalKeep(t *testing.T) {
	for _, tc := range []struct {
		name string
		keep func(ICalEvent) bool
		want []string
	}{
		{"everything", nil, []string{"2027-01-01", "2027-02-14", "2027-10-31", "2027-12-25"}},
		{"by category", func(e ICalEvent) bool { return e.HasCategory("public holiday") }, []string{"2027-01-01", "2027-12-25"}},
		{"by description", func(e ICalEvent) bool { return !strings.HasPrefix(e.Description, "Observance") }, []string{"2027-01-01", "2027-12-25"}},
		{"by summary", func(e ICalEvent) bool { return e.Summary != "Valentine's Day" }, []string{"2027-01-01", "2027-10-31", "2027-12-25"}},
		{"by TRANSP", func(e ICalEvent) bool { return !e.Transparent }, []string{"2027-12-25"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var opts []ICalOption
			if tc.keep != nil {
				opts = append(opts, ICalKeep(tc.keep))
			}
			h, skipped, err := ParseICal(googleFeed, opts...)
			require.NoError(t, err)
			assert.Equal(t, tc.want, actualDates(h, d(2027, 1, 1), d(2028, 1, 1)))
			assert.Len(t, skipped, 4-len(tc.want), "what the filter leaves out is reported")
			for _, s := range skipped {
				assert.Equal(t, "left out by the filter", s.Reason)
			}
		})
	}
	var seen []ICalEvent
	_, _, err := ParseICal(googleFeed, ICalKeep(func(e ICalEvent) bool { seen = append(seen, e); return true }))
	require.NoError(t, err)
	require.Len(t, seen, 4)
	assert.Equal(t, ICalEvent{Line: 19, Summary: "Christmas Day", Description: "Public holiday", Categories: []string{"Holidays", "Public holiday"}}, seen[2])
	assert.Equal(t, "Observance\nTo hide observances, go to Google Calendar Settings > Holidays in United States", seen[1].Description)
}

func TestICalBadEventIsSkipped(t *testing.T) {
	src := vcal(
		"SUMMARY:Good\nDTSTART;VALUE=DATE:20270101",
		"SUMMARY:Bad date\nDTSTART;VALUE=DATE:20271332",
		"SUMMARY:Bad rule\nDTSTART;VALUE=DATE:20270501\nRRULE:FREQ=YEARLY;BYMONTH=13",
		"SUMMARY:Bad line\nDTSTART;VALUE=DATE:20270601\nX;=1:v",
		"SUMMARY:Twice\nDTSTART;VALUE=DATE:20270701\nDTSTART;VALUE=DATE:20270702",
		"SUMMARY:No start",
		"SUMMARY:Also good\nDTSTART;VALUE=DATE:20271225",
	)
	h, skipped, err := ParseICal(src)
	require.NoError(t, err)
	assert.Equal(t, []string{"2027-01-01", "2027-12-25"}, actualDates(h, d(2027, 1, 1), d(2028, 1, 1)))
	var got []string
	for _, s := range skipped {
		got = append(got, s.String())
	}
	assert.Equal(t, []string{
		`line 9: "Bad date": bad DTSTART "20271332"; want a date such as 20261225`,
		`line 14: "Bad rule": BYMONTH: want months 1 to 12, not "13"`,
		`line 19: "Bad line": want a parameter NAME=VALUE`,
		`line 24: "Twice": second DTSTART in the VEVENT of line 21`,
		`line 26: "No start": VEVENT without DTSTART`,
	}, got)
	_, _, err = ParseICal(src, ICalStrict())
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 9, se.Line, "the first fault in the feed")
	// The structure of the feed is still checked: an unclosed component
	// fails whatever the mode.
	_, _, err = ParseICal([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20270101\r\nEND:VCALENDAR\r\n"))
	require.ErrorAs(t, err, &se)
}
