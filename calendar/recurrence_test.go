package calendar

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ruleDates(t *testing.T, r Rule, from, to date.Date) []date.Date {
	t.Helper()
	h := mustHolidays(t, r)
	var out []date.Date
	for hol := range h.Occurrences(from, to, monFri) {
		out = append(out, hol.Observed)
	}
	return out
}

func TestRecurringRuleDates(t *testing.T) {
	for _, tc := range []struct {
		name string
		rule Rule
		from date.Date
		to   date.Date
		want []date.Date
	}{
		{"second Sunday of every month", Rule{On: Monthly, Weekday: time.Sunday, N: 2}, d(2027, 1, 1), d(2027, 6, 1),
			[]date.Date{d(2027, 1, 10), d(2027, 2, 14), d(2027, 3, 14), d(2027, 4, 11), d(2027, 5, 9)}},
		{"last Friday of every month", Rule{On: Monthly, Weekday: time.Friday, N: -1}, d(2027, 1, 1), d(2027, 4, 1),
			[]date.Date{d(2027, 1, 29), d(2027, 2, 26), d(2027, 3, 26)}},
		{"fifth Monday: only months that have one", Rule{On: Monthly, Weekday: time.Monday, N: 5}, d(2027, 1, 1), d(2027, 7, 1),
			[]date.Date{d(2027, 3, 29), d(2027, 5, 31)}},
		{"the 31st: short months have none", Rule{On: Monthly, Day: 31}, d(2027, 1, 1), d(2027, 6, 1),
			[]date.Date{d(2027, 1, 31), d(2027, 3, 31), d(2027, 5, 31)}},
		{"the last day of every month", Rule{On: Monthly, Day: -1}, d(2028, 1, 1), d(2028, 4, 1),
			[]date.Date{d(2028, 1, 31), d(2028, 2, 29), d(2028, 3, 31)}},
		{"every third month from March", Rule{On: Monthly, Day: 15, Every: 3, From: d(2027, 3, 1)}, d(2027, 1, 1), d(2028, 5, 1),
			[]date.Date{d(2027, 3, 15), d(2027, 6, 15), d(2027, 9, 15), d(2027, 12, 15), d(2028, 3, 15)}},
		{"every Wednesday, from and until", Rule{On: Weekly, Weekday: time.Wednesday, From: d(2027, 3, 4), Until: d(2027, 3, 31)}, d(2027, 1, 1), d(2028, 1, 1),
			[]date.Date{d(2027, 3, 10), d(2027, 3, 17), d(2027, 3, 24), d(2027, 3, 31)}},
		{"every other Friday, across the year end", Rule{On: Weekly, Weekday: time.Friday, Every: 2, From: d(2027, 12, 17)}, d(2027, 12, 1), d(2028, 1, 20),
			[]date.Date{d(2027, 12, 17), d(2027, 12, 31), d(2028, 1, 14)}},
		{"every other week counts weeks from Monday", Rule{On: Weekly, Weekday: time.Monday, Every: 2, From: d(2027, 3, 5)}, d(2027, 3, 1), d(2027, 4, 1),
			// From is a Friday: its week began on Monday 1 March, which is
			// before From; the next week of the cycle is 15 March.
			[]date.Date{d(2027, 3, 15), d(2027, 3, 29)}},
		{"yearly with from and until", Rule{On: MonthDay, Month: 5, Day: 1, From: d(2027, 1, 1), Until: d(2029, 5, 1)}, d(2020, 1, 1), d(2035, 1, 1),
			[]date.Date{d(2027, 5, 1), d(2028, 5, 1), d(2029, 5, 1)}},
		{"except one occurrence", Rule{On: Weekly, Weekday: time.Tuesday, Except: []date.Date{d(2027, 3, 9)}}, d(2027, 3, 1), d(2027, 3, 20),
			[]date.Date{d(2027, 3, 2), d(2027, 3, 16)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.rule.Name = tc.name
			assert.Equal(t, tc.want, ruleDates(t, tc.rule, tc.from, tc.to))
		})
	}
}

// TestRecurringRulesAgainstDayByDay checks weekly and monthly rules with
// random parameters against a walk over every date that applies their
// definition literally.
func TestRecurringRulesAgainstDayByDay(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	for range 200 {
		rule := Rule{Name: "x"}
		if r.IntN(2) == 0 {
			rule.On, rule.Weekday = Weekly, time.Weekday(r.IntN(7))
		} else {
			rule.On = Monthly
			if r.IntN(2) == 0 {
				rule.Day = []int{1, 15, 28, 29, 30, 31, -1, -2, -31}[r.IntN(9)]
			} else {
				rule.Weekday, rule.N = time.Weekday(r.IntN(7)), []int{1, 2, 4, 5, -1, -5}[r.IntN(6)]
			}
		}
		if r.IntN(2) == 0 {
			rule.From = d(2020, 1, 1) + date.Date(r.IntN(3*366))
			rule.Every = 1 + r.IntN(4)
		}
		if r.IntN(3) == 0 {
			rule.Until = d(2021, 1, 1) + date.Date(r.IntN(3*366))
			if rule.Until < rule.From {
				rule.Until = rule.From
			}
		}
		var want []date.Date
		for x := d(2019, 1, 1); x < d(2026, 1, 1); x++ {
			if (rule.From != 0 && x < rule.From) || (rule.Until != 0 && x > rule.Until) {
				continue
			}
			y, m, day := x.Date()
			last := date.New(y, m+1, 1) - 1
			ok := false
			switch {
			case rule.On == Weekly:
				ok = x.Weekday() == rule.Weekday
				if ok && rule.Every > 1 {
					// whole weeks between the Mondays of x's and From's weeks
					mx := x - date.Date((int(x.Weekday())+6)%7)
					mf := rule.From - date.Date((int(rule.From.Weekday())+6)%7)
					ok = int(mx-mf)/7%rule.Every == 0
				}
			case rule.Day > 0:
				ok = day == rule.Day
			case rule.Day < 0:
				ok = int(last-x) == -rule.Day-1
			case rule.N > 0:
				ok = x.Weekday() == rule.Weekday && (day-1)/7 == rule.N-1
			default:
				ok = x.Weekday() == rule.Weekday && int(last-x)/7 == -rule.N-1
			}
			if ok && rule.On == Monthly && rule.Every > 1 {
				fy, fm, _ := rule.From.Date()
				ok = ((y*12+int(m))-(fy*12+int(fm)))%rule.Every == 0
			}
			if ok {
				want = append(want, x)
			}
		}
		got := ruleDates(t, rule, d(2019, 1, 1), d(2026, 1, 1))
		require.Equal(t, want, got, "%+v", rule)
	}
}

func TestMonthlyWindowOnACalendar(t *testing.T) {
	// A 24x7 service with a patch window on the second Sunday of every
	// month, 02:00-06:00, from April 2027.
	h := mustHolidays(t, Rule{Name: "Patch window", On: Monthly, Weekday: time.Sunday, N: 2,
		Kind: ClosedDuring, Hours: []Span{{Clock(2, 0, 0), Clock(6, 0, 0)}}, From: d(2027, 4, 1)})
	c := mustNew(t, time.UTC, "Mon-Sun 00:00-24:00", WithExceptions(h))
	year := c.Between(at(time.UTC, 2027, 1, 1, 0, 0), at(time.UTC, 2028, 1, 1, 0, 0))
	assert.Equal(t, 365*24*time.Hour-9*4*time.Hour, year)
	assert.False(t, c.IsOpen(at(time.UTC, 2027, 4, 11, 3, 0)))
	assert.True(t, c.IsOpen(at(time.UTC, 2027, 3, 14, 3, 0)), "before From")
	u, err := c.Add(at(time.UTC, 2027, 4, 11, 1, 0), 2*time.Hour)
	require.NoError(t, err)
	assert.True(t, u.Equal(at(time.UTC, 2027, 4, 11, 7, 0)))
	// The window is no holiday: the day stays a working day.
	assert.True(t, c.IsWorkday(d(2027, 4, 11)))
}

func TestRecurringRuleValidation(t *testing.T) {
	for _, tc := range []struct {
		rule  Rule
		field string
	}{
		{Rule{Name: "x", On: Weekly, Weekday: 7}, "weekday"},
		{Rule{Name: "x", On: Weekly, Weekday: time.Monday, N: 2}, "n"},
		{Rule{Name: "x", On: Weekly, Weekday: time.Monday, Month: 2}, "month"},
		{Rule{Name: "x", On: Weekly, Weekday: time.Monday, Days: 2}, "days"},
		{Rule{Name: "x", On: Weekly, Weekday: time.Monday, Observance: NextWeekday}, "observance"},
		{Rule{Name: "x", On: Weekly, Weekday: time.Monday, Every: 2}, "every"},
		{Rule{Name: "x", On: Monthly}, "day"},
		{Rule{Name: "x", On: Monthly, Day: 32}, "day"},
		{Rule{Name: "x", On: Monthly, Day: -32}, "day"},
		{Rule{Name: "x", On: Monthly, Day: 3, N: 1}, "day"},
		{Rule{Name: "x", On: Monthly, Weekday: time.Monday}, "n"},
		{Rule{Name: "x", On: Monthly, Weekday: time.Monday, N: 6}, "n"},
		{Rule{Name: "x", On: Monthly, Day: 1, Every: 3}, "every"},
		{Rule{Name: "x", On: Monthly, Day: 1, From: d(2027, 5, 1), Until: d(2027, 4, 1)}, "until"},
		{Rule{Name: "x", On: MonthDay, Month: 1, Day: 1, Until: date.Date(-5)}, "until"},
	} {
		_, err := NewHolidays(tc.rule)
		var fe *FieldError
		require.ErrorAs(t, err, &fe, "%+v", tc.rule)
		assert.Equal(t, "rules[0]."+tc.field, fe.Path, "%+v: %v", tc.rule, err)
	}
}

func TestRecurringRulesJSON(t *testing.T) {
	src := `[{"name":"Patch window","on":"monthly","weekday":"sunday","n":2,"kind":"closed_during","hours":["02:00-06:00"]},` +
		`{"name":"Freeze","on":"weekly","weekday":"friday","every":2,"from":"2027-01-08","until":"2027-12-31"},` +
		`{"name":"Month end","on":"monthly","day":-1,"kind":"closes_early","closes_at":"15:00"},` +
		`{"name":"Backup","on":"weekly","weekday":"sunday","kind":"closed_during","hours":["22:00-02:00"]},` +
		`{"name":"May Day","on":"month_day","month":5,"day":1,"from":"2027-01-01"}]`
	var h Holidays
	require.NoError(t, json.Unmarshal([]byte(src), &h))
	b, err := json.Marshal(h)
	require.NoError(t, err)
	assert.JSONEq(t, src, string(b))
	var back Holidays
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, h, back)

	for _, tc := range []struct{ src, want string }{
		{`[{"name":"x","on":"weekly","weekday":"friday","every_weeks":2}]`, `calendar: [0]: unknown field "every_weeks"`},
		{`[{"name":"x","on":"monthly","day":1,"from":"2027-13-01"}]`, `calendar: [0].from "2027-13-01": want a date`},
		{`[{"name":"x","on":"monthly","day":1,"until":"someday"}]`, `calendar: [0].until "someday": want a date`},
		{`[{"name":"x","on":"fortnightly"}]`, `calendar: [0].on "fortnightly": unknown RuleKind (known: fixed_date, month_day, nth_weekday, easter_offset, weekly, monthly)`},
		{`[{"name":"x","on":"weekly","weekday":"friday","every":2}]`, `calendar: [0].every "2": needs from`},
	} {
		var h Holidays
		err := json.Unmarshal([]byte(tc.src), &h)
		require.Error(t, err, tc.src)
		assert.Contains(t, err.Error(), tc.want)
	}
	// In a calendar document too.
	var c Calendar
	require.NoError(t, json.Unmarshal([]byte(`{"location":"UTC","week":"Mon-Sun 00:00-24:00","holidays":`+src+`}`), &c))
	assert.Equal(t, 18*time.Hour, c.Between(at(time.UTC, 2027, 1, 10, 0, 0), at(time.UTC, 2027, 1, 11, 0, 0)),
		"second Sunday, 02:00-06:00 closed; Sunday 22:00-02:00 backup")
	assert.True(t, slices.ContainsFunc(h.Rules(), func(r Rule) bool { return r.On == Weekly && r.Every == 2 }))
}
