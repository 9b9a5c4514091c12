package calendar

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func closedDuring(dt date.Date, spans ...string) Exception {
	e := Exception{Date: dt, Name: "maintenance", Kind: ClosedDuring}
	for _, s := range spans {
		var sp Span
		if err := sp.UnmarshalText([]byte(s)); err != nil {
			panic(err)
		}
		e.Hours = append(e.Hours, sp)
	}
	return e
}

func TestPartDayClosures(t *testing.T) {
	ny := zone(t, "America/New_York")
	utc := time.UTC
	for _, tc := range []struct {
		name     string
		loc      *time.Location
		week     string
		exc      Exceptions
		from, to time.Time
		want     time.Duration
		workday  date.Date
		isWork   bool
	}{
		{
			name: "a morning window", loc: utc, week: "Mon-Fri 09:00-17:00",
			exc:  Exceptions{closedDuring(d(2027, 3, 3), "10:00-12:00")},
			from: at(utc, 2027, 3, 3, 0, 0), to: at(utc, 2027, 3, 4, 0, 0), want: 6 * time.Hour,
			workday: d(2027, 3, 3), isWork: true,
		},
		{
			name: "two spans and an overlap", loc: utc, week: "Mon-Fri 09:00-17:00",
			exc:  Exceptions{closedDuring(d(2027, 3, 3), "10:00-12:00", "11:00-13:00"), closedDuring(d(2027, 3, 3), "16:00-18:00")},
			from: at(utc, 2027, 3, 3, 0, 0), to: at(utc, 2027, 3, 4, 0, 0), want: 4 * time.Hour,
			workday: d(2027, 3, 3), isWork: true,
		},
		{
			name: "across midnight into the next date's shift", loc: utc, week: "Mon-Fri 00:00-24:00",
			exc:  Exceptions{closedDuring(d(2027, 3, 3), "22:00-02:00")},
			from: at(utc, 2027, 3, 3, 0, 0), to: at(utc, 2027, 3, 5, 0, 0), want: 44 * time.Hour,
			workday: d(2027, 3, 4), isWork: true,
		},
		{
			name: "cuts the night shift of the day before", loc: utc, week: "Fri 22:00-06:00",
			exc:  Exceptions{closedDuring(d(2027, 3, 6), "00:00-03:00")}, // Saturday
			from: at(utc, 2027, 3, 5, 0, 0), to: at(utc, 2027, 3, 7, 0, 0), want: 5 * time.Hour,
			workday: d(2027, 3, 5), isWork: true,
		},
		{
			name: "the whole shift closed: not a working day", loc: utc, week: "Mon-Fri 09:00-17:00",
			exc:  Exceptions{closedDuring(d(2027, 3, 3), "08:00-18:00")},
			from: at(utc, 2027, 3, 3, 0, 0), to: at(utc, 2027, 3, 4, 0, 0), want: 0,
			workday: d(2027, 3, 3), isWork: false,
		},
		{
			name: "on an extra working Saturday", loc: utc, week: "Mon-Fri 09:00-17:00",
			exc: Exceptions{
				closedDuring(d(2027, 3, 6), "10:00-11:00"),
				{Date: d(2027, 3, 6), Kind: Override, Hours: []Span{{Clock(9, 0, 0), Clock(13, 0, 0)}}},
			},
			from: at(utc, 2027, 3, 6, 0, 0), to: at(utc, 2027, 3, 7, 0, 0), want: 3 * time.Hour,
			workday: d(2027, 3, 6), isWork: true,
		},
		{
			name: "on a half day", loc: utc, week: "Mon-Fri 09:00-17:00",
			exc: Exceptions{
				{Date: d(2027, 12, 24), Kind: ClosesEarly, ClosesAt: Clock(13, 0, 0)},
				closedDuring(d(2027, 12, 24), "12:00-14:00"),
			},
			from: at(utc, 2027, 12, 24, 0, 0), to: at(utc, 2027, 12, 25, 0, 0), want: 3 * time.Hour,
			workday: d(2027, 12, 24), isWork: true,
		},
		{
			name: "on a holiday: nothing more to close", loc: utc, week: "Mon-Fri 09:00-17:00",
			exc:  Exceptions{{Date: d(2027, 12, 27), Kind: Closed}, closedDuring(d(2027, 12, 27), "10:00-11:00")},
			from: at(utc, 2027, 12, 27, 0, 0), to: at(utc, 2027, 12, 28, 0, 0), want: 0,
			workday: d(2027, 12, 27), isWork: false,
		},
		{
			name: "across New Year", loc: utc, week: "Mon-Sun 00:00-24:00",
			exc:  Exceptions{closedDuring(d(2027, 12, 31), "23:00-01:00")},
			from: at(utc, 2027, 12, 31, 0, 0), to: at(utc, 2028, 1, 2, 0, 0), want: 46 * time.Hour,
			workday: d(2028, 1, 1), isWork: true,
		},
		{
			name: "in the spring-forward gap: real time", loc: ny, week: "Mon-Sun 00:00-24:00",
			exc:  Exceptions{closedDuring(d(2027, 3, 14), "01:00-03:00")}, // 01:00 to 03:00 EDT is one hour
			from: at(ny, 2027, 3, 14, 0, 0), to: at(ny, 2027, 3, 15, 0, 0), want: 22 * time.Hour,
			workday: d(2027, 3, 14), isWork: true,
		},
		{
			name: "on the fall-back night", loc: ny, week: "Mon-Sun 00:00-24:00",
			exc:  Exceptions{closedDuring(d(2027, 11, 7), "01:00-02:00")}, // first 01:00 to 02:00 EST: two hours
			from: at(ny, 2027, 11, 7, 0, 0), to: at(ny, 2027, 11, 8, 0, 0), want: 23 * time.Hour,
			workday: d(2027, 11, 7), isWork: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustNew(t, tc.loc, tc.week, WithExceptions(tc.exc))
			assert.Equal(t, tc.want, c.Between(tc.from, tc.to))
			assert.Equal(t, tc.isWork, c.IsWorkday(tc.workday))
			// The arithmetic stays consistent around the closures.
			for h := range 48 {
				t0 := tc.from.Add(time.Duration(h) * 30 * time.Minute)
				for _, dd := range []time.Duration{time.Minute, 90 * time.Minute, -2 * time.Hour} {
					u, err := c.Add(t0, dd)
					require.NoError(t, err)
					require.Equal(t, dd, c.Between(t0, u))
				}
			}
			// A closure is reported by ExceptionsIn and, when nothing
			// else names the date, by ExceptionOn.
			var closures int
			for e := range c.ExceptionsIn(tc.exc[0].Date-1, tc.exc[0].Date+2) {
				if e.Kind == ClosedDuring {
					closures++
				}
			}
			assert.Equal(t, slices.IndexFunc(tc.exc, func(e Exception) bool { return e.Kind == ClosedDuring }) >= 0, closures > 0)
		})
	}
}

func TestPartDayClosureIsOpenAndNext(t *testing.T) {
	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(Exceptions{closedDuring(d(2027, 3, 3), "10:00-12:00")}))
	assert.True(t, c.IsOpen(at(time.UTC, 2027, 3, 3, 9, 59)))
	assert.False(t, c.IsOpen(at(time.UTC, 2027, 3, 3, 10, 0)))
	assert.True(t, c.IsOpen(at(time.UTC, 2027, 3, 3, 12, 0)))
	next, err := c.NextOpen(at(time.UTC, 2027, 3, 3, 10, 30))
	require.NoError(t, err)
	assert.True(t, next.Equal(at(time.UTC, 2027, 3, 3, 12, 0)))
	closeAt, err := c.NextClose(at(time.UTC, 2027, 3, 3, 9, 0))
	require.NoError(t, err)
	assert.True(t, closeAt.Equal(at(time.UTC, 2027, 3, 3, 10, 0)))
	due, err := c.Add(at(time.UTC, 2027, 3, 3, 9, 30), time.Hour)
	require.NoError(t, err)
	assert.True(t, due.Equal(at(time.UTC, 2027, 3, 3, 12, 30)), "%v", due)

	e, ok := c.ExceptionOn(d(2027, 3, 3))
	require.True(t, ok)
	assert.Equal(t, ClosedDuring, e.Kind)
	// A whole-day exception on the same date is the one ExceptionOn names.
	c2 := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(Exceptions{
		closedDuring(d(2027, 3, 3), "10:00-12:00"), {Date: d(2027, 3, 3), Kind: ClosesEarly, ClosesAt: Clock(15, 0, 0)},
	}))
	e, ok = c2.ExceptionOn(d(2027, 3, 3))
	require.True(t, ok)
	assert.Equal(t, ClosesEarly, e.Kind)
	assert.Len(t, slices.Collect(c2.ExceptionsIn(d(2027, 3, 3), d(2027, 3, 4))), 2)
}

func TestPartDayClosureValidation(t *testing.T) {
	for _, e := range []Exception{
		{Date: d(2027, 3, 3), Kind: ClosedDuring},
		{Date: d(2027, 3, 3), Kind: ClosedDuring, Hours: []Span{{Clock(10, 0, 0), Clock(10, 0, 0)}}},
		{Date: d(2027, 3, 3), Kind: ClosedDuring, Hours: []Span{{Clock(10, 0, 0), Clock(25, 0, 0)}}},
	} {
		_, err := New(time.UTC, monFri, WithExceptions(Exceptions{e}))
		var fe *FieldError
		require.ErrorAs(t, err, &fe, "%+v", e)
	}
	_, err := NewHolidays(Rule{Name: "w", On: MonthDay, Month: 3, Day: 3, Kind: ClosedDuring})
	assert.ErrorIs(t, err, ErrInvalidRule)
	assert.Equal(t, `calendar: rules[0].hours: kind "closed_during" needs the hours it closes`, err.Error())
}

func TestPartDayClosureJSON(t *testing.T) {
	src := `{"location":"UTC","week":"Mon-Fri 09:00-17:00","exceptions":[{"date":"2027-03-03","name":"Maintenance","kind":"closed_during","hours":["10:00-12:00","22:00-02:00"]}]}`
	var c Calendar
	require.NoError(t, json.Unmarshal([]byte(src), &c))
	b, err := json.Marshal(&c)
	require.NoError(t, err)
	assert.JSONEq(t, src, string(b))
	assert.Equal(t, 6*time.Hour, c.Between(at(time.UTC, 2027, 3, 3, 0, 0), at(time.UTC, 2027, 3, 4, 0, 0)))
	for _, bad := range []string{
		`{"location":"UTC","week":"Mon-Fri 09:00-17:00","exceptions":[{"date":"2027-03-03","kind":"closed_during"}]}`,
		`{"location":"UTC","week":"Mon-Fri 09:00-17:00","exceptions":[{"date":"2027-03-03","kind":"closed_during","hours":["10:00-12:00"],"why":"x"}]}`,
		`{"location":"UTC","week":"Mon-Fri 09:00-17:00","exceptions":[{"date":"2027-03-03","kind":"closed_for","hours":["10:00-12:00"]}]}`,
	} {
		var c Calendar
		assert.Error(t, json.Unmarshal([]byte(bad), &c), bad)
	}
}

func TestExceptionJSONErrorsNameThePath(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`[{"date":"2027-03-02","kind":"closed"},{"date":"2027-03-03","kind":"closed_during"}]`, `calendar: exceptions[1].hours: kind "closed_during" needs the hours it closes`},
		{`[{"date":"2027-03-03","kind":"closed_for"}]`, `calendar: exceptions[0].kind "closed_for": unknown ExceptionKind (known: closed, override, closes_early, closed_during)`},
		{`[{"date":"2027-03-03","kind":"closed","why":1}]`, `calendar: exceptions[0]: unknown field "why"`},
		{`[{"date":"2027-13-03","kind":"closed"}]`, `calendar: exceptions[0].date "2027-13-03": want a date such as 2026-12-25`},
		{`[{"date":"2027-03-03","kind":"override","hours":["10:00-10:00"]}]`, `calendar: exceptions[0].hours[0] "10:00-10:00": start equals end`},
		{`{"date":"2027-03-03"}`, `calendar: exceptions "{\"date\":\"2027-03-03\"}": want a list`},
	} {
		var c Calendar
		err := json.Unmarshal([]byte(`{"location":"UTC","week":"Mon-Fri 09:00-17:00","exceptions":`+tc.src+`}`), &c)
		require.Error(t, err, tc.src)
		assert.Contains(t, err.Error(), tc.want)
		var fe *FieldError
		assert.ErrorAs(t, err, &fe)
	}
}
