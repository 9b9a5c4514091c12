package calendar

import (
	"encoding/json"
	"errors"
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

var monFri = MustParseWeek("Mon-Fri 09:00-17:00")

func d(y int, m time.Month, day int) date.Date { return date.New(y, m, day) }

func mustHolidays(t testing.TB, rules ...Rule) Holidays {
	t.Helper()
	h, err := NewHolidays(rules...)
	require.NoError(t, err)
	return h
}

// collect returns the holidays observed in [from, to) as "name actual>observed".
func collect(h Holidays, from, to date.Date, week Week) []string {
	var out []string
	for hol := range h.Occurrences(from, to, week) {
		s := hol.Name + " " + hol.Actual.String()
		if hol.Observed != hol.Actual {
			s += ">" + hol.Observed.String()
		}
		out = append(out, s)
	}
	return out
}

// oudinEaster is an independent Gregorian computus (Oudin, 1940) to check
// EasterSunday against.
func oudinEaster(y int) date.Date {
	c := y / 100
	n := y - 19*(y/19)
	k := (c - 17) / 25
	i := c - c/4 - (c-k)/3 + 19*n + 15
	i -= 30 * (i / 30)
	i -= (i / 28) * (1 - (i/28)*(29/(i+1))*((21-n)/11))
	j := y + y/4 + i + 2 - c + c/4
	j -= 7 * (j / 7)
	l := i - j
	m := 3 + (l+40)/44
	day := l + 28 - 31*(m/4)
	return date.New(y, time.Month(m), day)
}

func TestEasterSunday(t *testing.T) {
	published := map[int]date.Date{
		2020: d(2020, 4, 12), 2021: d(2021, 4, 4), 2022: d(2022, 4, 17), 2023: d(2023, 4, 9),
		2024: d(2024, 3, 31), 2025: d(2025, 4, 20), 2026: d(2026, 4, 5), 2027: d(2027, 3, 28),
		2028: d(2028, 4, 16), 2029: d(2029, 4, 1), 2030: d(2030, 4, 21),
		1818: d(1818, 3, 22), 1943: d(1943, 4, 25), 2000: d(2000, 4, 23), 2285: d(2285, 3, 22),
	}
	for y, want := range published {
		assert.Equal(t, want, EasterSunday(y), "%d", y)
	}
	for y := 1583; y <= MaxYear; y++ {
		require.Equal(t, oudinEaster(y), EasterSunday(y), "%d", y)
	}
	for _, y := range []int{-5_700_000, -1, 0, 1, 1 << 40, -(1 << 40)} {
		e := EasterSunday(y) // any year: no panic, and a Sunday
		assert.Equal(t, time.Sunday, e.Weekday(), "%d", y)
	}
}

func TestRuleKinds(t *testing.T) {
	cases := []struct {
		name string
		rule Rule
		year int
		want date.Date
		ok   bool
	}{
		{"fixed", Rule{On: FixedDate, Date: d(2026, 12, 25)}, 2026, d(2026, 12, 25), true},
		{"fixed other year", Rule{On: FixedDate, Date: d(2026, 12, 25)}, 2027, 0, false},
		{"month_day", Rule{On: MonthDay, Month: 12, Day: 25}, 2031, d(2031, 12, 25), true},
		{"29 February in a leap year", Rule{On: MonthDay, Month: 2, Day: 29}, 2028, d(2028, 2, 29), true},
		{"29 February otherwise", Rule{On: MonthDay, Month: 2, Day: 29}, 2100, 0, false},
		{"4th Thursday of November", Rule{On: NthWeekday, Month: 11, Weekday: time.Thursday, N: 4}, 2026, d(2026, 11, 26), true},
		{"last Monday of May", Rule{On: NthWeekday, Month: 5, Weekday: time.Monday, N: -1}, 2026, d(2026, 5, 25), true},
		{"last Monday of May, 31st", Rule{On: NthWeekday, Month: 5, Weekday: time.Monday, N: -1}, 2027, d(2027, 5, 31), true},
		{"second-to-last Friday", Rule{On: NthWeekday, Month: 1, Weekday: time.Friday, N: -2}, 2026, d(2026, 1, 23), true},
		{"5th Thursday missing", Rule{On: NthWeekday, Month: 11, Weekday: time.Thursday, N: 5}, 2026, 0, false},
		{"5th Sunday present", Rule{On: NthWeekday, Month: 11, Weekday: time.Sunday, N: 5}, 2026, d(2026, 11, 29), true},
		{"-5th Sunday missing", Rule{On: NthWeekday, Month: 2, Weekday: time.Sunday, N: -5}, 2026, 0, false},
		{"Monday on or after 25 May", Rule{On: NthWeekday, Month: 5, Day: 25, Weekday: time.Monday, N: 1}, 2026, d(2026, 5, 25), true},
		{"Monday on or after 25 May, 2027", Rule{On: NthWeekday, Month: 5, Day: 25, Weekday: time.Monday, N: 1}, 2027, d(2027, 5, 31), true},
		{"Wednesday on or before 22 Nov", Rule{On: NthWeekday, Month: 11, Day: 22, Weekday: time.Wednesday, N: -1}, 2026, d(2026, 11, 18), true},
		{"after an anchor, leaving the month", Rule{On: NthWeekday, Month: 12, Day: 28, Weekday: time.Monday, N: 2}, 2026, d(2027, 1, 4), true},
		{"Good Friday", Rule{On: EasterOffset, Offset: -2}, 2026, d(2026, 4, 3), true},
		{"Whit Monday", Rule{On: EasterOffset, Offset: 50}, 2026, d(2026, 5, 25), true},
		{"Ascension", Rule{On: EasterOffset, Offset: 39}, 2026, d(2026, 5, 14), true},
		{"valid from", Rule{On: MonthDay, Month: 6, Day: 19, ValidFrom: 2021}, 2020, 0, false},
		{"valid until", Rule{On: MonthDay, Month: 6, Day: 19, ValidUntil: 2021}, 2021, d(2021, 6, 19), true},
		{"lustrum on", Rule{On: MonthDay, Month: 5, Day: 5, ValidFrom: 1945, Every: 5}, 2025, d(2025, 5, 5), true},
		{"lustrum off", Rule{On: MonthDay, Month: 5, Day: 5, ValidFrom: 1945, Every: 5}, 2026, 0, false},
		{"lustrum before its start", Rule{On: MonthDay, Month: 5, Day: 5, ValidFrom: 1945, Every: 5}, 1940, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.rule.Name = tc.name
			require.NoError(t, tc.rule.validate())
			got, ok := tc.rule.occurs(tc.year)
			assert.Equal(t, tc.ok, ok)
			if tc.ok {
				assert.Equal(t, tc.want, got, "got %s", got)
			}
		})
	}
}

// england is the shape of the English bank holidays around the year end:
// the case that several holiday libraries get wrong.
func england(t testing.TB) Holidays {
	return mustHolidays(t,
		Rule{Name: "New Year's Day", On: MonthDay, Month: 1, Day: 1, Observance: NextWeekday},
		Rule{Name: "Christmas Day", On: MonthDay, Month: 12, Day: 25, Observance: NextWeekday},
		Rule{Name: "Boxing Day", On: MonthDay, Month: 12, Day: 26, Observance: NextWeekday},
	)
}

func TestSubstituteDaysSkipDaysTaken(t *testing.T) {
	h := england(t)
	cases := []struct {
		year int
		want []string
	}{
		// Saturday and Sunday: Monday and Tuesday, in order of actual date.
		{2021, []string{"New Year's Day 2021-01-01", "Christmas Day 2021-12-25>2021-12-27", "Boxing Day 2021-12-26>2021-12-28"}},
		// Sunday and Monday: Boxing Day stays, Christmas goes to Tuesday.
		{2022, []string{"New Year's Day 2022-01-01>2022-01-03", "Boxing Day 2022-12-26", "Christmas Day 2022-12-25>2022-12-27"}},
		{2020, []string{"New Year's Day 2020-01-01", "Christmas Day 2020-12-25", "Boxing Day 2020-12-26>2020-12-28"}},
		{2027, []string{"New Year's Day 2027-01-01", "Christmas Day 2027-12-25>2027-12-27", "Boxing Day 2027-12-26>2027-12-28"}},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, collect(h, d(tc.year, 1, 1), d(tc.year+1, 1, 1), monFri), "%d", tc.year)
	}
}

func TestObservanceAcrossTheYearEnd(t *testing.T) {
	h := mustHolidays(t, Rule{Name: "New Year's Day", On: MonthDay, Month: 1, Day: 1, Observance: NearestWeekday})
	// 1 January 2022 is a Saturday: observed on Friday 31 December 2021.
	got := h.ExceptionsIn(2021, monFri)
	require.Len(t, got, 2)
	assert.Equal(t, Exception{Date: d(2021, 1, 1), Name: "New Year's Day"}, got[0])
	assert.Equal(t, Exception{Date: d(2021, 12, 31), Actual: d(2022, 1, 1), Name: "New Year's Day"}, got[1])
	assert.Empty(t, h.ExceptionsIn(2022, monFri), "2022 has no New Year's Day of its own")
	assert.Equal(t, []string{"New Year's Day 2022-01-01>2021-12-31"}, collect(h, d(2021, 12, 1), d(2022, 2, 1), monFri))

	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(h))
	assert.False(t, c.IsWorkday(d(2021, 12, 31)))
	e, ok := c.ExceptionOn(d(2021, 12, 31))
	require.True(t, ok)
	assert.Equal(t, d(2022, 1, 1), e.Actual)
	// Sunday 1 January 2023 is observed on Monday 2 January.
	assert.False(t, c.IsWorkday(d(2023, 1, 2)))
}

func TestObservances(t *testing.T) {
	monThu := MustParseWeek("Mon-Thu 08:00-18:00")
	cases := []struct {
		obs   Observance
		week  Week
		on    date.Date
		wantO date.Date
	}{
		{NoObservance, monFri, d(2026, 7, 4), d(2026, 7, 4)},
		{SaturdayToFriday, monFri, d(2026, 7, 4), d(2026, 7, 3)},
		{SaturdayToFriday, monFri, d(2026, 7, 5), d(2026, 7, 5)},
		{SundayToMonday, monFri, d(2026, 7, 5), d(2026, 7, 6)},
		{SundayToMonday, monFri, d(2026, 7, 4), d(2026, 7, 4)},
		{SundayToSaturday, monFri, d(2027, 4, 25), d(2027, 4, 24)},
		{NearestWeekday, monFri, d(2026, 7, 4), d(2026, 7, 3)},
		{NearestWeekday, monFri, d(2026, 7, 5), d(2026, 7, 6)},
		{NextWeekday, monFri, d(2026, 7, 4), d(2026, 7, 6)},
		{NextWeekday, monFri, d(2026, 7, 5), d(2026, 7, 6)},
		{NextWeekday, monFri, d(2026, 7, 6), d(2026, 7, 6)},
		{NextWorkingDay, monThu, d(2026, 7, 3), d(2026, 7, 6)}, // Friday is a day off here
		{NextWorkingDay, MustParseWeek("Mon-Sat 09:00-17:00"), d(2026, 7, 4), d(2026, 7, 4)},
		{NextWorkingDay, MustParseWeek("Tue 09:00-17:00"), d(2026, 7, 4), d(2026, 7, 7)},
		{NextWorkingDay, Week{}, d(2026, 7, 4), d(2026, 7, 4)}, // nowhere to go
	}
	for _, tc := range cases {
		t.Run(tc.obs.String()+"/"+tc.on.String(), func(t *testing.T) {
			y, m, day := tc.on.Date()
			h := mustHolidays(t, Rule{Name: "H", On: MonthDay, Month: m, Day: day, Observance: tc.obs})
			hol, ok := h.On(tc.wantO, tc.week)
			require.True(t, ok)
			assert.Equal(t, tc.on, hol.Actual)
			assert.Equal(t, tc.wantO, hol.Observed)
			_ = y
		})
	}
}

func TestSubstituteSkipsRangesAndKeepsHalfDays(t *testing.T) {
	h := mustHolidays(t,
		Rule{Name: "Christmas Eve", On: MonthDay, Month: 12, Day: 24, Kind: ClosesEarly, ClosesAt: Clock(13, 0, 0)},
		Rule{Name: "Christmas Day", On: MonthDay, Month: 12, Day: 25, Observance: NearestWeekday},
		Rule{Name: "Shutdown", On: MonthDay, Month: 12, Day: 28, Days: 4},
		Rule{Name: "Boxing Day", On: MonthDay, Month: 12, Day: 26, Observance: NextWeekday},
	)
	// 2021: Christmas Saturday -> Friday 24 (over the half day), Boxing Day
	// Sunday -> Monday 27; the shutdown 28-31 follows.
	assert.Equal(t, []string{
		"Christmas Eve 2021-12-24", "Christmas Day 2021-12-25>2021-12-24", "Boxing Day 2021-12-26>2021-12-27",
		"Shutdown 2021-12-28", "Shutdown 2021-12-29", "Shutdown 2021-12-30", "Shutdown 2021-12-31",
	}, collect(h, d(2021, 12, 1), d(2022, 1, 1), monFri))
	hol, ok := h.On(d(2021, 12, 24), monFri)
	require.True(t, ok)
	assert.Equal(t, "Christmas Day", hol.Name, "a full day beats a half day")
	// 2022: Boxing Day is a Monday and stays; the shutdown covers 28-31.
	// Christmas (Sunday) goes to Monday 26 by nearest weekday - taken - so
	// Tuesday 27.
	assert.Equal(t, []string{
		"Christmas Eve 2022-12-24", "Boxing Day 2022-12-26", "Christmas Day 2022-12-25>2022-12-27",
		"Shutdown 2022-12-28", "Shutdown 2022-12-29", "Shutdown 2022-12-30", "Shutdown 2022-12-31",
	}, collect(h, d(2022, 12, 1), d(2023, 1, 1), monFri))
	// A Sunday holiday before a range skips the whole range.
	h2 := mustHolidays(t,
		Rule{Name: "Shutdown", On: MonthDay, Month: 1, Day: 1, Days: 10},
		Rule{Name: "Sunday", On: FixedDate, Date: d(2027, 1, 3), Observance: SundayToMonday},
	)
	hol, ok = h2.On(d(2027, 1, 11), monFri)
	require.True(t, ok)
	assert.Equal(t, "Sunday", hol.Name)
}

func TestRangeAcrossTheYearEnd(t *testing.T) {
	h := mustHolidays(t, Rule{Name: "Shutdown", On: MonthDay, Month: 12, Day: 24, Days: 9})
	got := collect(h, d(2026, 12, 20), d(2027, 1, 5), monFri)
	assert.Len(t, got, 9)
	assert.Equal(t, "Shutdown 2026-12-24", got[0])
	assert.Equal(t, "Shutdown 2027-01-01", got[8])
	ex := h.ExceptionsIn(2027, monFri)
	require.NotEmpty(t, ex)
	assert.Equal(t, d(2027, 1, 1), ex[0].Date, "the 2026 shutdown reaches into 2027")
	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(h))
	next, err := c.NextOpen(at(time.UTC, 2026, 12, 23, 17, 0))
	require.NoError(t, err)
	assert.Equal(t, at(time.UTC, 2027, 1, 4, 9, 0), next)
}

func TestSameDateWithoutObservance(t *testing.T) {
	// Dutch 2016: Ascension Day fell on Liberation Day, 5 May.
	h := mustHolidays(t,
		Rule{Name: "Bevrijdingsdag", On: MonthDay, Month: 5, Day: 5},
		Rule{Name: "Hemelvaartsdag", On: EasterOffset, Offset: 39},
		Rule{Name: "Half", On: EasterOffset, Offset: 39, Kind: ClosesEarly, ClosesAt: Clock(12, 0, 0)},
	)
	assert.Equal(t, []string{"Bevrijdingsdag 2016-05-05", "Hemelvaartsdag 2016-05-05", "Half 2016-05-05"},
		collect(h, d(2016, 5, 1), d(2016, 6, 1), monFri))
	assert.Len(t, h.ExceptionsIn(2016, monFri), 3, "both reach the calendar, which applies one")
	hol, ok := h.On(d(2016, 5, 5), monFri)
	require.True(t, ok)
	assert.Equal(t, "Bevrijdingsdag", hol.Name, "the first of equals")
	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(h))
	e, ok := c.ExceptionOn(d(2016, 5, 5))
	require.True(t, ok)
	assert.Equal(t, "Bevrijdingsdag", e.Name)
	assert.False(t, c.IsWorkday(d(2016, 5, 5)))
}

func TestHalfDayAndOverrideRules(t *testing.T) {
	h := mustHolidays(t,
		Rule{Name: "Christmas Eve", On: MonthDay, Month: 12, Day: 24, Kind: ClosesEarly, ClosesAt: Clock(13, 0, 0)},
		Rule{Name: "Stocktake Saturday", On: NthWeekday, Month: 1, Weekday: time.Saturday, N: 1, Kind: Override,
			Hours: []Span{{Clock(10, 0, 0), Clock(14, 0, 0)}}},
	)
	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(h))
	day := func(y int, m time.Month, dd int) time.Duration {
		return c.Between(at(time.UTC, y, m, dd, 0, 0), at(time.UTC, y, m, dd+1, 0, 0))
	}
	assert.Equal(t, 4*time.Hour, day(2026, 12, 24))
	assert.Equal(t, 4*time.Hour, day(2026, 1, 3))
	hol, ok := h.On(d(2026, 12, 24), monFri)
	require.True(t, ok)
	assert.Equal(t, ClosesEarly, hol.Kind)
	assert.Equal(t, Clock(13, 0, 0), hol.ClosesAt)
	hol, ok = h.On(d(2026, 1, 3), monFri)
	require.True(t, ok)
	hol.Hours[0].Start = 0 // a copy: the set cannot be changed through it
	hol, _ = h.On(d(2026, 1, 3), monFri)
	assert.Equal(t, Clock(10, 0, 0), hol.Hours[0].Start)
}

func TestExcept(t *testing.T) {
	h := mustHolidays(t,
		Rule{Name: "Early May bank holiday", On: NthWeekday, Month: 5, Weekday: time.Monday, N: 1,
			Except: []date.Date{d(2020, 5, 4), d(2020, 5, 4), d(1995, 5, 1)}},
		Rule{Name: "Early May bank holiday (VE day)", On: FixedDate, Date: d(2020, 5, 8)},
	)
	assert.Equal(t, []string{"Early May bank holiday (VE day) 2020-05-08"}, collect(h, d(2020, 1, 1), d(2021, 1, 1), monFri))
	assert.Equal(t, []string{"Early May bank holiday 2021-05-03"}, collect(h, d(2021, 1, 1), d(2022, 1, 1), monFri))
	assert.Equal(t, []date.Date{d(1995, 5, 1), d(2020, 5, 4)}, h.Rules()[0].Except, "kept sorted, without duplicates")
}

func TestHolidaysJSONRoundTrip(t *testing.T) {
	in := `[
		{"name":"Thanksgiving Day","on":"nth_weekday","month":11,"weekday":"thursday","n":4},
		{"name":"Christmas Day","on":"month_day","month":12,"day":25,"observance":"next_weekday"},
		{"name":"Good Friday","on":"easter_offset","offset":-2},
		{"name":"Easter Sunday","on":"easter_offset"},
		{"name":"Christmas Eve","on":"month_day","month":12,"day":24,"kind":"closes_early","closes_at":"13:00"},
		{"name":"Stocktake","on":"nth_weekday","month":1,"weekday":"sunday","n":1,"kind":"override","hours":["10:00-14:00"]},
		{"name":"Company shutdown","on":"month_day","month":12,"day":27,"days":5},
		{"name":"Juneteenth","on":"month_day","month":6,"day":19,"valid_from":2021,"observance":"nearest_weekday"},
		{"name":"Bevrijdingsdag","on":"month_day","month":5,"day":5,"valid_from":1945,"valid_until":2100,"every":5},
		{"name":"Epoch","on":"fixed_date","date":"0001-01-01"},
		{"name":"Early May","on":"nth_weekday","month":5,"day":1,"weekday":"monday","n":1,"except":["2020-05-04"]}
	]`
	var h Holidays
	require.NoError(t, json.Unmarshal([]byte(in), &h))
	require.Len(t, h.Rules(), 11)
	assert.Equal(t, time.Sunday, h.Rules()[5].Weekday)
	out, err := json.Marshal(h)
	require.NoError(t, err)
	var back Holidays
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, h, back)
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(out), string(again))
	assert.JSONEq(t, in, string(out), "the canonical form is the one users write")

	empty, err := json.Marshal(Holidays{})
	require.NoError(t, err)
	assert.Equal(t, "[]", string(empty))
	var z Holidays
	require.NoError(t, json.Unmarshal([]byte("null"), &z))
	require.NoError(t, json.Unmarshal([]byte("[]"), &z))
	assert.Equal(t, Holidays{}, z)
}

func TestRuleValidation(t *testing.T) {
	cases := []struct {
		json  string
		field string
	}{
		{`{"name":"","on":"month_day","month":1,"day":1}`, "name"},
		{`{"name":"x","month":1,"day":1}`, "on"},
		{`{"name":"x","on":"yearly","month":1,"day":1}`, "on"},
		{`{"name":"x","on":"month_day","month":13,"day":1}`, "month"},
		{`{"name":"x","on":"month_day","month":2,"day":30}`, "day"},
		{`{"name":"x","on":"month_day","month":4,"day":31}`, "day"},
		{`{"name":"x","on":"month_day","month":4}`, "day"},
		{`{"name":"x","on":"nth_weekday","month":2,"day":29,"weekday":"monday","n":1}`, "day"},
		{`{"name":"x","on":"nth_weekday","month":11,"weekday":"thursdy","n":4}`, "weekday"},
		{`{"name":"x","on":"nth_weekday","month":11,"weekday":"thursday","n":6}`, "n"},
		{`{"name":"x","on":"nth_weekday","month":11,"weekday":"thursday"}`, "n"},
		{`{"name":"x","on":"easter_offset","offset":400}`, "offset"},
		{`{"name":"x","on":"easter_offset","month":3}`, "month"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"offset":3}`, "offset"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"n":3}`, "n"},
		{`{"name":"x","on":"fixed_date"}`, "date"},
		{`{"name":"x","on":"fixed_date","date":"2026-13-01"}`, "date"},
		{`{"name":"x","on":"fixed_date","date":"+10000-01-01"}`, "date"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"date":"2026-01-01"}`, "date"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"days":367}`, "days"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"days":2,"observance":"next_weekday"}`, "observance"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"observance":"monday"}`, "observance"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"kind":"closes_early"}`, "closes_at"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"closes_at":"13:00"}`, "closes_at"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"kind":"closes_early","closes_at":"25:00"}`, "closes_at"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"kind":"override","hours":["09:00-09:00"]}`, "hours"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"hours":["09:00-12:00"]}`, "hours"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"kind":"open"}`, "kind"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"valid_from":10000}`, "valid_from"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"valid_from":2020,"valid_until":2019}`, "valid_until"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"every":5}`, "every"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"every":-1,"valid_from":1}`, "every"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"except":["0000-12-31"]}`, "except"},
		{`{"name":"x","on":"month_day","month":"january","day":1}`, "month"},
		{`{"name":"x","on":"month_day","month":1,"day":1,"weekdy":"monday"}`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.json, func(t *testing.T) {
			var h Holidays
			err := json.Unmarshal([]byte(`[{"name":"ok","on":"easter_offset"},`+tc.json+`]`), &h)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalidRule)
			var fe *FieldError
			require.ErrorAs(t, err, &fe)
			want := strings.TrimSuffix("[1]."+tc.field, ".")
			assert.True(t, fe.Path == want || strings.HasPrefix(fe.Path, want+"["), "path %q, want %q: %v", fe.Path, want, err)
			assert.True(t, strings.HasPrefix(err.Error(), "calendar: [1]"), err.Error())
		})
	}
	var h Holidays
	err := json.Unmarshal([]byte(`{"name":"x"}`), &h)
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "", fe.Path)
	assert.ErrorIs(t, err, ErrInvalidRule)
	assert.Contains(t, err.Error(), "want a list of holiday rules")
}

func TestHolidaySetSizeIsBounded(t *testing.T) {
	rules := make([]Rule, MaxHolidayDays/366+1)
	for i := range rules {
		rules[i] = Rule{Name: "long", On: MonthDay, Month: 1, Day: 1, Days: 366}
	}
	_, err := NewHolidays(rules...)
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "rules", fe.Path)
	assert.ErrorIs(t, err, ErrInvalidRule)
	_, err = NewHolidays(rules[1:]...)
	assert.NoError(t, err)
}

func TestExtremeYears(t *testing.T) {
	h := mustHolidays(t,
		Rule{Name: "Last day", On: FixedDate, Date: d(9999, 12, 31), Days: 366},
		Rule{Name: "First day", On: FixedDate, Date: d(1, 1, 1), Observance: NextWeekday},
		Rule{Name: "Late Easter", On: EasterOffset, Offset: 365, Days: 366},
		Rule{Name: "Early Easter", On: EasterOffset, Offset: -365},
		Rule{Name: "New Year", On: MonthDay, Month: 1, Day: 1, Observance: SaturdayToFriday, ValidFrom: 9999},
		Rule{Name: "Eve", On: MonthDay, Month: 12, Day: 31, Observance: NextWorkingDay},
		Rule{Name: "Range", On: NthWeekday, Month: 12, Day: 31, Weekday: time.Friday, N: 5, Days: 366},
	)
	for _, y := range []int{-1, 0, 1, 2, 9998, 9999, 10000} {
		for _, e := range h.ExceptionsIn(y, monFri) {
			require.Equal(t, y, e.Date.Year())
		}
	}
	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(h))
	_, err := c.Add(at(time.UTC, 9999, 1, 4, 9, 0), 8*time.Hour)
	assert.Error(t, err, "9999 is closed from its last Easter on")
	n := 0
	for range h.Occurrences(d(9990, 1, 1), date.Max(), monFri) {
		n++
	}
	assert.Positive(t, n)
	// Every year, end to end, with a set that is cheap to resolve.
	n = 0
	for range england(t).Occurrences(date.Min(), date.Max(), monFri) {
		n++
	}
	assert.Equal(t, 3*MaxYear, n, "three a year")
	assert.Empty(t, collect(h, d(2026, 1, 2), d(2026, 1, 1), monFri), "a reversed range is empty")
}

func TestCalendarWithRules(t *testing.T) {
	h := mustHolidays(t,
		Rule{Name: "Thanksgiving Day", On: NthWeekday, Month: 11, Weekday: time.Thursday, N: 4},
		Rule{Name: "Day after Thanksgiving", On: NthWeekday, Month: 11, Weekday: time.Thursday, N: 4, Kind: ClosesEarly, ClosesAt: Clock(12, 0, 0)},
	)
	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(h))
	u, err := c.Add(at(time.UTC, 2026, 11, 25, 16, 0), 2*time.Hour)
	require.NoError(t, err)
	assert.Equal(t, at(time.UTC, 2026, 11, 27, 10, 0), u, "Thanksgiving closes all day")
	var names []string
	for e := range c.ExceptionsIn(d(2026, 1, 1), d(2027, 1, 1)) {
		names = append(names, e.Name)
	}
	assert.Equal(t, []string{"Thanksgiving Day"}, names, "the calendar applies the full day")
}

// randomRule draws a valid rule with a bias towards collisions: days near
// year ends and weekends, observances, ranges.
func randomRule(r *rand.Rand) Rule {
	rule := Rule{Name: "r"}
	switch r.IntN(4) {
	case 0:
		rule.On, rule.Date = FixedDate, d(2000+r.IntN(30), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	case 1:
		rule.On, rule.Month, rule.Day = MonthDay, time.Month([]int{1, 12, 12, 5}[r.IntN(4)]), 1+r.IntN(31)
		if rule.Day > gregorian.DaysIn(2000, rule.Month) {
			rule.Day = 1
		}
	case 2:
		rule.On, rule.Month, rule.Weekday = NthWeekday, time.Month(1+r.IntN(12)), time.Weekday(r.IntN(7))
		rule.N = []int{1, 2, 4, 5, -1, -2, -5}[r.IntN(7)]
		if r.IntN(2) == 0 {
			rule.Day = 1 + r.IntN(28)
		}
	default:
		rule.On, rule.Offset = EasterOffset, r.IntN(731)-365
	}
	if r.IntN(5) == 0 {
		rule.Days = 1 + r.IntN(12)
	} else {
		rule.Observance = Observance(r.IntN(len(observanceWords.Words)))
	}
	switch r.IntN(6) {
	case 0:
		rule.Kind, rule.ClosesAt = ClosesEarly, Clock(12, 0, 0)
	case 1:
		rule.Kind, rule.Hours = Override, []Span{{Clock(10, 0, 0), Clock(12, 0, 0)}}
	}
	if r.IntN(4) == 0 {
		rule.ValidFrom, rule.Every = 2000+r.IntN(20), 1+r.IntN(3)
	}
	return rule
}

func TestPropertyHolidays(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	weeks := []Week{monFri, MustParseWeek("Mon-Thu 08:00-18:00"), MustParseWeek("Tue,Sat 10:00-14:00"), Week{}}
	for iter := range 300 {
		rules := make([]Rule, 1+r.IntN(12))
		for i := range rules {
			rules[i] = randomRule(r)
			rules[i].Name = string(rune('a' + i))
		}
		h := mustHolidays(t, rules...)
		week := weeks[iter%len(weeks)]
		var fromYears []Holiday
		for y := 2005; y <= 2025; y++ {
			for _, e := range h.ExceptionsIn(y, week) {
				require.Equal(t, y, e.Date.Year())
				fromYears = append(fromYears, Holiday{Name: e.Name, Actual: cmpOr(e.Actual, e.Date), Observed: e.Date, Kind: e.Kind, ClosesAt: e.ClosesAt, Hours: e.Hours})
			}
		}
		all := slices.Collect(h.Occurrences(d(2005, 1, 1), d(2026, 1, 1), week))
		require.Equal(t, fromYears, all, "a range reports what the years report")

		// Moved full days land on accepted days that no other full day has.
		byDate := map[date.Date]int{}
		for _, hol := range all {
			if hol.Kind == Closed {
				byDate[hol.Observed]++
			}
		}
		for _, hol := range all {
			if hol.Observed == hol.Actual {
				continue
			}
			rule := h.Rules()[hol.Name[0]-'a']
			assert.True(t, rule.Observance.accepts(hol.Observed.Weekday(), week), "%v", hol)
			if hol.Kind == Closed {
				assert.Equal(t, 1, byDate[hol.Observed], "%v shares its substitute day", hol)
			}
		}
	}
}

func cmpOr(a, b date.Date) date.Date {
	if a != 0 {
		return a
	}
	return b
}

func TestRuleErrorMessage(t *testing.T) {
	_, err := NewHolidays(Rule{Name: "Thanksgiving", On: NthWeekday, Month: 11, Weekday: time.Thursday, N: 9})
	require.Error(t, err)
	assert.Equal(t, `calendar: rules[0].n "9": want 1 to 5 (counting forwards) or -1 to -5 (backwards)`, err.Error())
	var fe *FieldError
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, "rules[0].n", fe.Path)
	assert.ErrorIs(t, err, ErrInvalidRule)
}

func TestHolidaysConcurrentUse(t *testing.T) {
	h := england(t)
	done := make(chan []string)
	for range 8 {
		go func() {
			c, err := New(time.UTC, monFri, WithExceptions(h))
			if err != nil {
				done <- nil
				return
			}
			var got []string
			for y := 2020; y < 2030; y++ {
				got = append(got, collect(h, d(y, 1, 1), d(y+1, 1, 1), monFri)...)
				if c.IsWorkday(d(y, 12, 25)) && d(y, 12, 25).Weekday() != time.Saturday && d(y, 12, 25).Weekday() != time.Sunday {
					got = append(got, "open on Christmas")
				}
			}
			done <- got
		}()
	}
	first := <-done
	require.NotEmpty(t, first)
	assert.NotContains(t, first, "open on Christmas")
	for range 7 {
		assert.Equal(t, first, <-done)
	}
}

func TestEveryOccurrenceReportedOnceAcrossYears(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 19))
	for range 300 {
		rules := make([]Rule, 1+r.IntN(10))
		for i := range rules {
			rules[i] = randomRule(r)
			rules[i].Name = string(rune('a' + i))
		}
		h := mustHolidays(t, rules...)
		seen := map[string]int{}
		for hol := range h.Occurrences(d(2000, 1, 1), d(2031, 1, 1), monFri) {
			seen[hol.Name+hol.Actual.String()]++
		}
		for i, rule := range h.Rules() {
			for y := 2000; y <= 2031; y++ {
				first, ok := rule.occurs(y)
				if !ok || rule.excepted(first) {
					continue
				}
				for k := range rule.length() {
					a := first + date.Date(k)
					if a < d(2002, 1, 1) || a >= d(2029, 1, 1) {
						continue // may be observed outside the range
					}
					require.Equal(t, 1, seen[string(rune('a'+i))+a.String()], "rule %+v, actual %s", rule, a)
				}
			}
		}
	}
}
