package calendar

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCalendarJSONRoundTrip(t *testing.T) {
	ams := zone(t, "Europe/Amsterdam")
	ny := zone(t, "America/New_York")
	holidays, err := NewHolidays(
		Rule{Name: "Christmas Day", On: MonthDay, Month: 12, Day: 25},
		Rule{Name: "Christmas Eve", On: MonthDay, Month: 12, Day: 24, Kind: ClosesEarly, ClosesAt: Clock(13, 0, 0)},
	)
	require.NoError(t, err)
	eu := mustNew(t, ams, "Mon-Fri 09:00-12:30,13:30-18:00; Sat 10:00-14:00", WithExceptions(
		holidays,
		Exceptions{{Date: date.New(2026, 12, 31), Name: "Year end", Kind: Override, Hours: []Span{{Clock(9, 0, 0), Clock(12, 0, 0)}}}},
	))
	us := mustNew(t, ny, "Mon-Fri 22:00-06:00")
	maint := mustNew(t, ams, "Sun 02:00-04:00")
	u, err := Union(eu, us)
	require.NoError(t, err)
	u3, err := Union(u, maint)
	require.NoError(t, err)
	d, err := Difference(u3, maint)
	require.NoError(t, err)

	for _, c := range []*Calendar{eu, us, u3, d} {
		b, err := json.Marshal(c)
		require.NoError(t, err)
		var back Calendar
		require.NoError(t, json.Unmarshal(b, &back), "%s", b)
		b2, err := json.Marshal(&back)
		require.NoError(t, err)
		assert.JSONEq(t, string(b), string(b2))
		from := time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)
		to := from.AddDate(0, 0, 20)
		assert.Equal(t, c.Between(from, to), back.Between(from, to), "%s", b)
	}
	b, _ := json.Marshal(u3)
	assert.Contains(t, string(b), `{"union":[{"location":"Europe/Amsterdam"`, "left chains flatten")
}

func TestCalendarJSONErrors(t *testing.T) {
	cases := map[string]string{
		`{"week":"Mon 09:00-17:00"}`:                                  `calendar: location: missing`,
		`{"location":"Mars/Olympus","week":"Mon 09:00-17:00"}`:        `calendar: location "Mars/Olympus": not an IANA time zone name`,
		`{"location":"UTC","week":"Mon 09:00-1700"}`:                  "bad end time",
		`{"location":"UTC"}`:                                          "no working time",
		`{"location":"UTC","week":"Mon 09:00-17:00","colour":"blue"}`: "unknown field",
		`{"union":[{"location":"UTC","week":"Mon 09:00-17:00"}]}`:     "at least two",
		`{"location":"UTC","week":"Mon 09:00-17:00","union":[]}`:      "",
		`{"location":"UTC","week":"Mon 09:00-17:00","holidays":[{}]}`: "",
		`[1,2]`: "",
		`{"location":"Local","week":"Mon 09:00-17:00"}`: "IANA",
	}
	for in, want := range cases {
		var c Calendar
		err := json.Unmarshal([]byte(in), &c)
		if in == `{"location":"UTC","week":"Mon 09:00-17:00","union":[]}` {
			assert.NoError(t, err, "an empty union list is absent")
			continue
		}
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), "calendar: ", in)
		assert.Contains(t, err.Error(), want, in)
	}
	_, err := json.Marshal(mustNew(t, time.FixedZone("X", 3600), "Mon 09:00-17:00"))
	var fe *FieldError
	assert.True(t, errors.As(err, &fe), "%v", err)
	c := mustNew(t, time.UTC, "Mon 09:00-17:00")
	assert.Error(t, json.Unmarshal([]byte(`{"location":"UTC","week":"Tue 09:00-17:00"}`), c), "a calendar in use is not overwritten")
	assert.True(t, c.IsOpen(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)))
}

func FuzzCalendarJSON(f *testing.F) {
	f.Add(`{"location":"Europe/Amsterdam","week":"Mon-Fri 09:00-17:00","holidays":[{"name":"X","on":"month_day","month":12,"day":25}]}`)
	f.Add(`{"union":[{"location":"UTC","week":"Mon 09:00-17:00"},{"location":"Asia/Tokyo","week":"Tue 22:00-06:00"}]}`)
	f.Add(`{"location":"UTC","week":"Mon 09:00-17:00","exceptions":[{"date":"2026-01-05","kind":"closed"}]}`)
	f.Add(`{"difference":[{"location":"UTC","week":"Mon-Sun 00:00-24:00"},{"location":"UTC","week":"Sun 02:00-04:00"}]}`)
	f.Add(`{"location":"UTC","week":"Mon-Fri 09:00-17:00","exceptions":[{"date":"2027-03-03","kind":"closed_during","hours":["10:00-12:00","22:00-02:00"]}]}`)
	f.Add(`{"location":"Europe/Paris","week":"Mon-Sun 00:00-24:00","holidays":[{"name":"P","on":"monthly","weekday":"sunday","n":2,"kind":"closed_during","hours":["02:00-06:00"],"from":"2026-04-01"},{"name":"W","on":"weekly","weekday":"friday","every":2,"from":"2026-01-02","until":"2027-01-01"}]}`)
	f.Add(`{"location":"UTC","week":"Mon 09:00-17:00","holidays":[{"name":"X","on":"month_day","month":13,"day":25,"weekdy":1}],"colour":"blue"}`)
	f.Add(`{"intersection":[{"location":"UTC","week":"Mon 09:00-17:00"},{"union":[{"location":"Mars/Olympus"},null]}]}`)
	f.Add(`{"location":"UTC","week":"Mon 09:00-17:00","exceptions":[{"date":"2026-13-01","kind":"closed_for","hours":[1]}]}`)
	f.Add(`[[[[[[[[{}]]]]]]]]`)
	f.Fuzz(func(t *testing.T, s string) {
		var c Calendar
		if err := json.Unmarshal([]byte(s), &c); err != nil {
			requireJSONError(t, []byte(s), err, ErrInvalidCalendar)
			if err := new(Calendar).UnmarshalJSON([]byte(s)); err != nil {
				requireError(t, err, ErrInvalidCalendar)
			}
			return
		}
		b, err := json.Marshal(&c)
		if err != nil {
			t.Fatalf("decoded %q but cannot encode: %v", s, err)
		}
		var back Calendar
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("cannot decode own output %s: %v", b, err)
		}
		b2, _ := json.Marshal(&back)
		if string(b) != string(b2) {
			t.Fatalf("not stable: %s then %s", b, b2)
		}
		at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		_ = c.IsOpen(at)
		_, _ = c.Add(at, 40*time.Hour)
	})
}
