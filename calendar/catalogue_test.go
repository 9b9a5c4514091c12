package calendar_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/de"
)

// decodeCalendar decodes a calendar document as a host does.
func decodeCalendar(doc string) error {
	var c calendar.Calendar
	return json.Unmarshal([]byte(doc), &c)
}

// plain is a calendar document with extra members.
func plain(extra string) string {
	return `{"location":"UTC","week":"Mon-Fri 09:00-17:00"` + extra + `}`
}

// withRule is a calendar document with one holiday rule of extra fields
// besides its name.
func withRule(fields string) string {
	return plain(`,"holidays":[{"name":"Holiday",` + fields + `}]`)
}

// nested is a union of n levels.
func nested(n int) string {
	leaf := `{"location":"UTC","week":"Mon 09:00-17:00"}`
	doc := leaf
	for range n {
		doc = `{"union":[` + doc + `,` + leaf + `]}`
	}
	return doc
}

// TestCatalogueOfMistakes feeds the mistakes a user makes in a calendar's
// configuration, through JSON as a host loads it and through the Go API,
// and checks that each is a *FieldError that wraps the documented
// sentinels, names the path of the mistake and speaks as the package.
func TestCatalogueOfMistakes(t *testing.T) {
	week := calendar.MustParseWeek("Mon-Fri 09:00-17:00")
	huge := make([]string, calendar.MaxHolidayDays/366+1)
	for i := range huge {
		huge[i] = fmt.Sprintf(`{"name":"Shutdown %d","on":"month_day","month":1,"day":1,"days":366}`, i)
	}
	cases := []struct {
		name      string
		err       func() error
		sentinels []error
		path      string
		says      string
	}{
		// Unknown keys, at every depth.
		{"unknown key", func() error { return decodeCalendar(plain(`,"colour":"blue"`)) },
			[]error{calendar.ErrInvalidCalendar}, "", `unknown field "colour" (known: `},
		{"unknown key in an exception", func() error {
			return decodeCalendar(plain(`,"exceptions":[{"date":"2026-12-25","kind":"closed","why":"x"}]`))
		}, []error{calendar.ErrInvalidCalendar}, "exceptions[0]", `unknown field "why"`},
		{"unknown key in a rule", func() error {
			return decodeCalendar(withRule(`"on":"month_day","month":12,"day":25,"weekdy":"monday"`))
		},
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0]", `unknown field "weekdy"`},
		{"unknown key in an operand", func() error {
			return decodeCalendar(`{"union":[{"location":"UTC","week":"Mon 09:00-17:00"},{"location":"UTC","wek":"Tue 09:00-17:00"}]}`)
		}, []error{calendar.ErrInvalidCalendar}, "union[1]", `unknown field "wek"`},
		{"repeated key", func() error {
			return decodeCalendar(`{"location":"UTC","location":"Asia/Tokyo","week":"Mon 09:00-17:00"}`)
		},
			[]error{calendar.ErrInvalidCalendar}, "", `field "location" given twice`},

		// Wrong types.
		{"week as a number", func() error { return decodeCalendar(`{"location":"UTC","week":9}`) },
			[]error{calendar.ErrInvalidCalendar}, "week", "want a string"},
		{"exceptions as an object", func() error { return decodeCalendar(plain(`,"exceptions":{"date":"2026-12-25"}`)) },
			[]error{calendar.ErrInvalidCalendar}, "exceptions", "want a list"},
		{"month as a word", func() error { return decodeCalendar(withRule(`"on":"month_day","month":"december","day":25`)) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0].month", "want a whole number"},
		{"a document that is a list", func() error { return decodeCalendar(`[1,2]`) },
			[]error{calendar.ErrInvalidCalendar}, "", "want a JSON object"},
		{"hours as a string", func() error {
			return decodeCalendar(plain(`,"exceptions":[{"date":"2026-12-24","kind":"override","hours":"09:00-13:00"}]`))
		}, []error{calendar.ErrInvalidCalendar}, "exceptions[0].hours", "want a list"},

		// Empty values.
		{"empty document", func() error { return decodeCalendar(`{}`) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrNoLocation}, "location", "missing"},
		{"empty week", func() error { return decodeCalendar(`{"location":"UTC","week":""}`) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrNoWorkingTime}, "week", "no working time"},
		{"blank rule name", func() error {
			return decodeCalendar(plain(`,"holidays":[{"name":" ","on":"month_day","month":12,"day":25}]`))
		}, []error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0].name", "must not be blank"},
		{"missing weekday", func() error { return decodeCalendar(withRule(`"on":"nth_weekday","month":11,"n":4`)) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0].weekday", "missing; a nth_weekday rule needs its weekday"},
		{"a monthly Sunday without n", func() error { return decodeCalendar(withRule(`"on":"monthly","weekday":"sunday"`)) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0].n", "missing; a monthly rule by weekday needs n"},
		{"empty date", func() error { return decodeCalendar(plain(`,"exceptions":[{"date":"","kind":"closed"}]`)) },
			[]error{calendar.ErrInvalidCalendar}, "exceptions[0].date", "want a date such as 2026-12-25"},
		{"union of one", func() error { return decodeCalendar(`{"union":[{"location":"UTC","week":"Mon 09:00-17:00"}]}`) },
			[]error{calendar.ErrInvalidCalendar}, "union", "at least two"},
		{"null exception", func() error { return decodeCalendar(plain(`,"exceptions":[null]`)) },
			[]error{calendar.ErrInvalidCalendar}, "exceptions[0]", "want an exception"},
		{"closed_during without hours", func() error {
			return decodeCalendar(plain(`,"exceptions":[{"date":"2027-03-03","kind":"closed_during"}]`))
		}, []error{calendar.ErrInvalidCalendar}, "exceptions[0].hours", `kind "closed_during" needs the hours it closes`},

		// Negative and out-of-range numbers.
		{"negative days", func() error { return decodeCalendar(withRule(`"on":"month_day","month":12,"day":24,"days":-1`)) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0].days", "want 1 to 366"},
		{"negative every", func() error {
			return decodeCalendar(withRule(`"on":"month_day","month":12,"day":24,"every":-2,"valid_from":2000`))
		}, []error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0].every", "want 1 to 9999"},
		{"offset beyond a year", func() error { return decodeCalendar(withRule(`"on":"easter_offset","offset":-400`)) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0].offset", "want -365 to 365"},
		{"a time past midnight", func() error {
			return decodeCalendar(plain(`,"exceptions":[{"date":"2026-12-24","kind":"closes_early","closes_at":"25:00"}]`))
		}, []error{calendar.ErrInvalidCalendar, calendar.ErrInvalidWeek}, "exceptions[0].closes_at", "want HH:MM"},

		// Reversed ranges.
		{"valid_until before valid_from", func() error {
			return decodeCalendar(withRule(`"on":"month_day","month":6,"day":19,"valid_from":2030,"valid_until":2021`))
		}, []error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0].valid_until", "is before valid_from 2030"},
		{"until before from", func() error {
			return decodeCalendar(withRule(`"on":"weekly","weekday":"friday","from":"2027-06-01","until":"2027-01-01"`))
		}, []error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0].until", "is before from 2027-06-01"},
		{"a span of no time", func() error {
			return decodeCalendar(plain(`,"exceptions":[{"date":"2026-12-24","kind":"override","hours":["09:00-13:00","10:00-10:00"]}]`))
		}, []error{calendar.ErrInvalidCalendar, calendar.ErrInvalidWeek}, "exceptions[0].hours[1]", "start equals end"},

		// Unknown words: the message lists the known ones.
		{"unknown exception kind", func() error {
			return decodeCalendar(plain(`,"exceptions":[{"date":"2026-12-24","kind":"closed_for"}]`))
		}, []error{calendar.ErrInvalidCalendar, calendar.ErrUnknownWord}, "exceptions[0].kind",
			"unknown ExceptionKind (known: closed, override, closes_early, closed_during)"},
		{"unknown rule kind", func() error { return decodeCalendar(withRule(`"on":"yearly","month":12,"day":25`)) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule, calendar.ErrUnknownWord}, "holidays[0].on",
			"unknown RuleKind (known: fixed_date, month_day, nth_weekday, easter_offset, weekly, monthly)"},
		{"unknown observance", func() error {
			return decodeCalendar(withRule(`"on":"month_day","month":12,"day":25,"observance":"monday"`))
		},
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule, calendar.ErrUnknownWord}, "holidays[0].observance",
			"unknown Observance (known: none, saturday_to_friday, "},
		{"unknown rule kind in a list of sets", func() error {
			return decodeCalendar(plain(`,"holidays":[[{"name":"A","on":"month_day","month":1,"day":1}],[{"name":"B","on":"month_day","month":5,"day":1},{"name":"C","on":"annual"}]]`))
		}, []error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule, calendar.ErrUnknownWord}, "holidays[1][1].on", `"annual": unknown RuleKind`},
		{"misspelt weekday of a rule", func() error {
			return decodeCalendar(withRule(`"on":"nth_weekday","month":11,"weekday":"thursdy","n":4`))
		},
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule, calendar.ErrUnknownWord}, "holidays[0].weekday",
			"unknown Weekday (known: sunday, monday, tuesday, wednesday, thursday, friday, saturday)"},
		{"misspelt day of the week", func() error { return decodeCalendar(`{"location":"UTC","week":"Mon-Fry 09:00-17:00"}`) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidWeek, calendar.ErrUnknownWord}, "week",
			`column 5: unknown day "Fry" (known: Mon, Tue, Wed, Thu, Fri, Sat, Sun)`},

		// Names that refer to nothing.
		{"misspelt location", func() error { return decodeCalendar(`{"location":"Europe/Amsterdm","week":"Mon 09:00-17:00"}`) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrUnknownName}, "location", "not an IANA time zone name"},
		{"Local as a location", func() error { return decodeCalendar(`{"location":"Local","week":"Mon 09:00-17:00"}`) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrUnknownName}, "location", "Local depends on the machine"},
		{"unknown German state", func() error { _, err := de.State("BZ"); return err },
			[]error{calendar.ErrUnknownName}, "state", "(known: BB, BE, BW, BY, "},

		// Huge numbers and huge sets.
		{"a number beyond int", func() error { return decodeCalendar(withRule(`"on":"month_day","month":1e30,"day":1`)) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0].month", "want a whole number in range"},
		{"a day beyond any month", func() error { return decodeCalendar(withRule(`"on":"month_day","month":1,"day":99999999999`)) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0].day", "want 1 to 31 for January"},
		{"a year beyond MaxYear", func() error {
			return decodeCalendar(withRule(`"on":"month_day","month":1,"day":1,"valid_from":100000`))
		},
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0].valid_from", "want a year from 1 to 9999"},
		{"a date beyond MaxYear", func() error { return decodeCalendar(plain(`,"exceptions":[{"date":"+10000-01-01","kind":"closed"}]`)) },
			[]error{calendar.ErrInvalidCalendar}, "exceptions[0].date", "must be in the years 1 to 9999"},
		{"a set that closes too many days", func() error { return decodeCalendar(plain(`,"holidays":[` + strings.Join(huge, ",") + `]`)) },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays", "more than 65536 days a year"},

		// Deeply nested JSON.
		{"unions nested too deep", func() error { return decodeCalendar(nested(40)) },
			[]error{calendar.ErrInvalidCalendar}, strings.Repeat("union[0].", 32) + "union", "nested more than 32 deep"},
		{"lists nested in holidays", func() error {
			return decodeCalendar(plain(`,"holidays":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000)))
		}, []error{calendar.ErrInvalidCalendar, calendar.ErrInvalidRule}, "holidays[0][0]", "want a JSON object"},
		{"brackets beyond the JSON limit", func() error {
			var c calendar.Calendar
			return c.UnmarshalJSON([]byte(plain(`,"holidays":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000))))
		}, []error{calendar.ErrInvalidCalendar}, "holidays", "malformed JSON"},

		// The Go API speaks the same way.
		{"New without a location", func() error { _, err := calendar.New(nil, week); return err },
			[]error{calendar.ErrInvalidCalendar, calendar.ErrNoLocation}, "location", "needs a *time.Location"},
		{"New with a span of no time", func() error {
			_, err := calendar.New(time.UTC, calendar.Week{time.Monday: {{Start: calendar.Clock(9, 0, 0), End: calendar.Clock(9, 0, 0)}}})
			return err
		}, []error{calendar.ErrInvalidCalendar, calendar.ErrInvalidWeek}, "week.mon[0]", `"09:00-09:00": start equals end`},
		{"New with an invalid exception", func() error {
			_, err := calendar.New(time.UTC, week, calendar.WithExceptions(calendar.Exceptions{
				{Date: date.New(2027, 3, 2), Kind: calendar.Closed},
				{Date: date.New(2027, 3, 3), Kind: calendar.ClosedDuring, Hours: []calendar.Span{{Start: calendar.Clock(25, 0, 0), End: calendar.Clock(1, 0, 0)}}},
			}))
			return err
		}, []error{calendar.ErrInvalidCalendar, calendar.ErrInvalidWeek}, "exceptions[1].hours[0]", "the start must be from 00:00"},
		{"New with an unknown exception kind", func() error {
			_, err := calendar.New(time.UTC, week, calendar.WithExceptions(calendar.Exceptions{{Date: date.New(2027, 3, 2), Kind: 9}}))
			return err
		}, []error{calendar.ErrInvalidCalendar, calendar.ErrUnknownWord}, "exceptions[0].kind", `"ExceptionKind(9)": unknown ExceptionKind`},
		{"NewHolidays with a bad month", func() error {
			_, err := calendar.NewHolidays(
				calendar.Rule{Name: "A", On: calendar.MonthDay, Month: 1, Day: 1},
				calendar.Rule{Name: "B", On: calendar.MonthDay, Month: 5, Day: 1},
				calendar.Rule{Name: "C", On: calendar.MonthDay, Month: 13, Day: 1})
			return err
		}, []error{calendar.ErrInvalidRule}, "rules[2].month", `"13": want 1 to 12`},
		{"Union with nil", func() error { _, err := calendar.Union(mustCalendar(t), nil); return err },
			[]error{calendar.ErrInvalidCalendar}, "union[1]", "combining needs calendars"},
		{"ParseWeek of no spans", func() error { _, err := calendar.ParseWeek("Mon-Fri"); return err },
			[]error{calendar.ErrInvalidWeek}, "", "want days followed by hours"},
		{"ParseTimeOfDay past 24:00", func() error { _, err := calendar.ParseTimeOfDay("24:01"); return err },
			[]error{calendar.ErrInvalidWeek}, "", "want HH:MM or HH:MM:SS"},
		{"a feed that is no feed", func() error { _, _, err := calendar.ParseICal([]byte("hello")); return err },
			[]error{calendar.ErrInvalidICal}, "", "line 1, column 6: want ':' before the value"},
		{"a malformed event, strictly", func() error {
			_, _, err := calendar.ParseICal([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2026x\nEND:VEVENT\nEND:VCALENDAR\n"), calendar.ICalStrict())
			return err
		}, []error{calendar.ErrInvalidICal}, "", `line 3, column 9: bad DTSTART "2026x"`},
		{"a week in a host's JSON as a list", func() error {
			var host struct{ Hours calendar.Week }
			return json.Unmarshal([]byte(`{"Hours":["Mon 09:00-17:00"]}`), &host)
		}, []error{calendar.ErrInvalidWeek}, "", `want a string such as "Mon-Fri 09:00-17:00"`},
		{"a handoff time in a host's JSON as a number", func() error {
			var host struct{ At calendar.TimeOfDay }
			return json.Unmarshal([]byte(`{"At":900}`), &host)
		}, []error{calendar.ErrInvalidWeek}, "", `"900": want a string such as "09:00"`},
		{"a span in a host's JSON that is no span", func() error {
			var host struct{ Window []calendar.Span }
			return json.Unmarshal([]byte(`{"Window":["09:00-17:00","9-5"]}`), &host)
		}, []error{calendar.ErrInvalidWeek}, "", `"9-5": bad start time "9"`},
		{"a rule that cannot be written", func() error { _, err := calendar.Rule{Name: "x", On: 42}.MarshalJSON(); return err },
			[]error{calendar.ErrUnknownWord}, "on", `on "42": not a known RuleKind`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			require.Error(t, err)
			var fe *calendar.FieldError
			require.ErrorAs(t, err, &fe, "%v", err)
			for _, s := range tc.sentinels {
				assert.ErrorIs(t, err, s, "%v", err)
			}
			assert.Equal(t, tc.path, fe.Path, "%v", err)
			assert.True(t, strings.HasPrefix(err.Error(), "calendar: "), "%v", err)
			assert.Equal(t, 1, strings.Count(err.Error(), "calendar:"), "one package prefix: %v", err)
			assert.Contains(t, err.Error(), tc.says)
		})
	}
}

func mustCalendar(t *testing.T) *calendar.Calendar {
	c, err := calendar.New(time.UTC, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	require.NoError(t, err)
	return c
}

// TestSyntaxErrorsGiveTheColumn: the *SyntaxError behind a parse error
// says where the fault is.
func TestSyntaxErrorsGiveTheColumn(t *testing.T) {
	_, err := calendar.ParseWeek("Mon-Fri 09:00-17:00; Sat 10:00-1400")
	var se *calendar.SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 32, se.Column)
	assert.Equal(t, `calendar: "Mon-Fri 09:00-17:00; Sat 10:00-1400": column 32: bad end time "1400"; want HH:MM or HH:MM:SS up to 24:00`, err.Error())
	var c calendar.Calendar
	err = json.Unmarshal([]byte(`{"location":"UTC","week":"Mon-Fri 09:00-17:00; Sat 10:00-1400"}`), &c)
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 32, se.Column)
	assert.True(t, errors.Is(err, calendar.ErrInvalidWeek) && errors.Is(err, calendar.ErrInvalidCalendar))
}

// TestDecodingWhatWasWrittenIsLossless: the strict decoders read back
// everything the package writes.
func TestDecodingWhatWasWrittenIsLossless(t *testing.T) {
	src := `{"location":"Europe/Amsterdam","week":"Mon-Fri 09:00-12:30,13:30-18:00; Sat 10:00-14:00",` +
		`"holidays":[[{"name":"Christmas Day","on":"month_day","month":12,"day":25,"observance":"next_weekday"},` +
		`{"name":"Thanksgiving","on":"nth_weekday","month":11,"day":22,"weekday":"thursday","n":1},` +
		`{"name":"Sunday holiday","on":"nth_weekday","month":5,"weekday":"sunday","n":-1},` +
		`{"name":"Good Friday","on":"easter_offset","offset":-2,"valid_from":2000,"valid_until":2100,"every":4,"except":["2004-04-09"]},` +
		`{"name":"State funeral","on":"fixed_date","date":"2022-09-19"},` +
		`{"name":"Christmas Eve","on":"month_day","month":12,"day":24,"kind":"closes_early","closes_at":"13:00:30"}],` +
		`[{"name":"Patch window","on":"monthly","weekday":"sunday","n":2,"kind":"closed_during","hours":["02:00-06:00"],"from":"2026-04-01"},` +
		`{"name":"Freeze","on":"weekly","weekday":"friday","every":2,"from":"2027-01-08","until":"2027-12-31"},` +
		`{"name":"Extra","on":"monthly","day":-1,"kind":"override","hours":["09:00-12:00","22:00-02:00"]}]],` +
		`"exceptions":[{"date":"2026-12-24","actual":"2026-12-26","name":"Moved","kind":"closed"},` +
		`{"date":"2026-12-31","kind":"closes_early","closes_at":"15:00"},` +
		`{"date":"2027-03-06","kind":"override","hours":["09:00-13:00"]},` +
		`{"date":"2027-03-03","name":"Maintenance","kind":"closed_during","hours":["10:00-12:00","22:00-02:00"]}]}`
	var c calendar.Calendar
	require.NoError(t, json.Unmarshal([]byte(src), &c))
	out, err := json.Marshal(&c)
	require.NoError(t, err)
	var back calendar.Calendar
	require.NoError(t, json.Unmarshal(out, &back), "%s", out)
	again, err := json.Marshal(&back)
	require.NoError(t, err)
	assert.Equal(t, string(out), string(again))
	assert.JSONEq(t, src, string(out))
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, c.Between(from, from.AddDate(2, 0, 0)), back.Between(from, from.AddDate(2, 0, 0)))

	// A single Exception and a single Rule read back on their own too.
	for e := range c.ExceptionsIn(date.New(2026, 12, 1), date.New(2027, 4, 1)) {
		b, err := json.Marshal(e)
		require.NoError(t, err)
		var x calendar.Exception
		require.NoError(t, json.Unmarshal(b, &x), "%s", b)
		assert.Equal(t, e, x)
	}
}

// TestNullIsNoValue: null leaves a value as it is, as encoding/json's
// convention asks, except as an element of a list, where it is a mistake.
func TestNullIsNoValue(t *testing.T) {
	var r calendar.Rule
	require.NoError(t, json.Unmarshal([]byte(`null`), &r))
	assert.Equal(t, calendar.Rule{}, r)
	var e calendar.Exception
	require.NoError(t, e.UnmarshalJSON([]byte(`null`)))
	var c calendar.Calendar
	require.NoError(t, c.UnmarshalJSON([]byte(` null `)))
	var h calendar.Holidays
	err := json.Unmarshal([]byte(`[null]`), &h)
	assert.ErrorIs(t, err, calendar.ErrInvalidRule)
	assert.EqualError(t, err, `calendar: [0] "null": want a rule`)
}

// TestWordsFollowTheOneRule: every enumeration marshals its values as
// their words and reads them back; the zero RuleKind, which has no word, is
// ""; any other value is unknown, prints as Type(n) and does not marshal;
// an unknown word lists the known ones.
func TestWordsFollowTheOneRule(t *testing.T) {
	type word interface {
		String() string
		MarshalText() ([]byte, error)
	}
	check := func(t *testing.T, known []word, unknown word, parse func(string) (word, error), typ string) {
		for _, v := range known {
			b, err := v.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, v.String(), string(b))
			back, err := parse(string(b))
			require.NoError(t, err)
			assert.Equal(t, v, back)
		}
		assert.Equal(t, typ+"(200)", unknown.String())
		_, err := unknown.MarshalText()
		assert.ErrorIs(t, err, calendar.ErrUnknownWord)
		_, err = parse("bogus")
		assert.ErrorIs(t, err, calendar.ErrUnknownWord)
		assert.Contains(t, err.Error(), `calendar: "bogus": unknown `+typ+` (known: `)
	}
	t.Run("RuleKind", func(t *testing.T) {
		check(t, []word{calendar.RuleKind(0), calendar.FixedDate, calendar.MonthDay, calendar.NthWeekday, calendar.EasterOffset, calendar.Weekly, calendar.Monthly},
			calendar.RuleKind(200), func(s string) (word, error) {
				var k calendar.RuleKind
				err := k.UnmarshalText([]byte(s))
				return k, err
			}, "RuleKind")
		assert.Equal(t, "", calendar.RuleKind(0).String(), "the zero RuleKind has no word")
	})
	t.Run("ExceptionKind", func(t *testing.T) {
		check(t, []word{calendar.Closed, calendar.Override, calendar.ClosesEarly, calendar.ClosedDuring},
			calendar.ExceptionKind(200), func(s string) (word, error) {
				var k calendar.ExceptionKind
				err := k.UnmarshalText([]byte(s))
				return k, err
			}, "ExceptionKind")
		var k calendar.ExceptionKind
		assert.ErrorIs(t, k.UnmarshalText(nil), calendar.ErrUnknownWord, "the zero ExceptionKind is closed, not the empty word")
	})
	t.Run("Observance", func(t *testing.T) {
		check(t, []word{calendar.NoObservance, calendar.SaturdayToFriday, calendar.SundayToMonday, calendar.SundayToSaturday, calendar.NearestWeekday, calendar.NextWeekday, calendar.NextWorkingDay},
			calendar.Observance(200), func(s string) (word, error) {
				var o calendar.Observance
				err := o.UnmarshalText([]byte(s))
				return o, err
			}, "Observance")
	})
}
