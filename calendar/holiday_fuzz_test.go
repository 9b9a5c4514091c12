package calendar

import (
	"encoding/json"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"
)

// FuzzParseICal: any input parses or fails with a typed error; what parses
// resolves in any year and round-trips as JSON.
func FuzzParseICal(f *testing.F) {
	f.Add([]byte(feed))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:99991231\nRRULE:FREQ=YEARLY;COUNT=1000000000\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:00010101\nDTEND:00020101\nRRULE:FREQ=YEARLY;INTERVAL=3;BYMONTH=1,2;BYDAY=5SU,-5MO;EXDATE:00040101\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:a\n b\nDTSTART:20261103\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8;UNTIL=20300101T000000Z\nRDATE;VALUE=DATE:20270101,20280101\nEND:VEVENT\nEND:VCALENDAR"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nX;P=\"a:b;c\",d:e\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte(""))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:may1\nDTSTART;VALUE=DATE:20200501\nRRULE:FREQ=YEARLY\nEND:VEVENT\nBEGIN:VEVENT\nUID:may1\nRECURRENCE-ID;VALUE=DATE:20270501\nDTSTART;VALUE=DATE:20270503\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260105\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=9\nEXDATE:20260119\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20260111\nRRULE:FREQ=MONTHLY;BYDAY=2SU,-1FR;UNTIL=20300101\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20260131\nRRULE:FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=31,-31\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:New Year\nCATEGORIES:Holidays,Public\nTRANSP:TRANSPARENT\nDTSTART;TZID=W. Europe Standard Time:20260101T000000\nDTEND;TZID=W. Europe Standard Time:20260102T000000\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:2026x\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, _, err := ParseICal(data, ICalStrict()); err != nil {
			requireError(t, err, ErrInvalidICal)
		}
		h, skipped, err := ParseICal(data, ICalKeep(func(e ICalEvent) bool { return !e.Transparent || e.HasCategory("public") }))
		if err != nil {
			requireError(t, err, ErrInvalidICal)
			return
		}
		for _, sk := range skipped {
			require.Positive(t, sk.Line, "%v", sk)
		}
		for _, y := range []int{MinYear, 2026, MaxYear} {
			for _, e := range h.ExceptionsIn(y, monFri) {
				require.Equal(t, y, e.Date.Year())
			}
		}
		b, err := json.Marshal(h)
		require.NoError(t, err)
		var back Holidays
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, h, back)
	})
}

// FuzzHolidaysJSON: decoding any JSON as a rule set either fails with a
// typed error or gives a set that resolves in any year and encodes back to
// the same set.
func FuzzHolidaysJSON(f *testing.F) {
	f.Add([]byte(`[{"name":"Thanksgiving","on":"nth_weekday","month":11,"weekday":"thursday","n":4}]`), 2026)
	f.Add([]byte(`[{"name":"X","on":"month_day","month":1,"day":1,"observance":"nearest_weekday"},{"name":"Y","on":"month_day","month":12,"day":31,"observance":"next_working_day"}]`), 9999)
	f.Add([]byte(`[{"name":"S","on":"easter_offset","offset":-365,"days":366,"valid_from":1,"every":7,"kind":"closes_early","closes_at":"12:30"}]`), 1)
	f.Add([]byte(`[{"name":"O","on":"fixed_date","date":"9999-12-31","kind":"override","hours":["22:00-06:00"],"except":["9999-12-31"]}]`), 10000)
	f.Add([]byte(`[{"name":"bad","on":"nth_weekday","month":2,"day":29}]`), 0)
	f.Add([]byte(`{}`), -1)
	f.Add([]byte(`[{"name":"P","on":"monthly","weekday":"sunday","n":-1,"kind":"closed_during","hours":["22:00-02:00"],"every":3,"from":"2026-02-01"}]`), 2027)
	f.Add([]byte(`[{"name":"W","on":"weekly","weekday":"monday","every":2,"from":"9999-12-27","until":"9999-12-31"},{"name":"M","on":"monthly","day":-31,"until":"0001-02-01"}]`), 9999)
	f.Fuzz(func(t *testing.T, data []byte, year int) {
		var h Holidays
		if err := json.Unmarshal(data, &h); err != nil {
			requireJSONError(t, data, err, ErrInvalidRule)
			if err := new(Holidays).UnmarshalJSON(data); err != nil {
				requireError(t, err, ErrInvalidRule)
			}
			return
		}
		for _, week := range []Week{monFri, {}, MustParseWeek("Sat 10:00-12:00")} {
			for _, e := range h.ExceptionsIn(year, week) {
				require.Equal(t, year, e.Date.Year())
			}
			for range h.Occurrences(date.New(year, 12, 1), date.New(year+1, 2, 1), week) {
			}
		}
		b, err := json.Marshal(h)
		require.NoError(t, err)
		var back Holidays
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		require.Equal(t, h, back)
	})
}
