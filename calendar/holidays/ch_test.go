package holidays_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/ch"
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
)

// chFederal and chZurich are the days of the package doc, 2020 to 2035, in date
// order. They were expanded from the definitions in the package doc by a
// separate program (Python, with dateutil's Easter), not by the rules under
// test.
var chFederal = `
2020-01-01            Neujahrstag
2020-05-21            Auffahrt
2020-08-01            Bundesfeiertag
2020-12-25            Weihnachtstag
2021-01-01            Neujahrstag
2021-05-13            Auffahrt
2021-08-01            Bundesfeiertag
2021-12-25            Weihnachtstag
2022-01-01            Neujahrstag
2022-05-26            Auffahrt
2022-08-01            Bundesfeiertag
2022-12-25            Weihnachtstag
2023-01-01            Neujahrstag
2023-05-18            Auffahrt
2023-08-01            Bundesfeiertag
2023-12-25            Weihnachtstag
2024-01-01            Neujahrstag
2024-05-09            Auffahrt
2024-08-01            Bundesfeiertag
2024-12-25            Weihnachtstag
2025-01-01            Neujahrstag
2025-05-29            Auffahrt
2025-08-01            Bundesfeiertag
2025-12-25            Weihnachtstag
2026-01-01            Neujahrstag
2026-05-14            Auffahrt
2026-08-01            Bundesfeiertag
2026-12-25            Weihnachtstag
2027-01-01            Neujahrstag
2027-05-06            Auffahrt
2027-08-01            Bundesfeiertag
2027-12-25            Weihnachtstag
2028-01-01            Neujahrstag
2028-05-25            Auffahrt
2028-08-01            Bundesfeiertag
2028-12-25            Weihnachtstag
2029-01-01            Neujahrstag
2029-05-10            Auffahrt
2029-08-01            Bundesfeiertag
2029-12-25            Weihnachtstag
2030-01-01            Neujahrstag
2030-05-30            Auffahrt
2030-08-01            Bundesfeiertag
2030-12-25            Weihnachtstag
2031-01-01            Neujahrstag
2031-05-22            Auffahrt
2031-08-01            Bundesfeiertag
2031-12-25            Weihnachtstag
2032-01-01            Neujahrstag
2032-05-06            Auffahrt
2032-08-01            Bundesfeiertag
2032-12-25            Weihnachtstag
2033-01-01            Neujahrstag
2033-05-26            Auffahrt
2033-08-01            Bundesfeiertag
2033-12-25            Weihnachtstag
2034-01-01            Neujahrstag
2034-05-18            Auffahrt
2034-08-01            Bundesfeiertag
2034-12-25            Weihnachtstag
2035-01-01            Neujahrstag
2035-05-03            Auffahrt
2035-08-01            Bundesfeiertag
2035-12-25            Weihnachtstag
`

var chZurich = `
2020-01-01            Neujahrstag
2020-04-10            Karfreitag
2020-04-13            Ostermontag
2020-05-01            Tag der Arbeit
2020-05-21            Auffahrt
2020-06-01            Pfingstmontag
2020-08-01            Bundesfeiertag
2020-12-25            Weihnachtstag
2020-12-26            Stephanstag
2021-01-01            Neujahrstag
2021-04-02            Karfreitag
2021-04-05            Ostermontag
2021-05-01            Tag der Arbeit
2021-05-13            Auffahrt
2021-05-24            Pfingstmontag
2021-08-01            Bundesfeiertag
2021-12-25            Weihnachtstag
2021-12-26            Stephanstag
2022-01-01            Neujahrstag
2022-04-15            Karfreitag
2022-04-18            Ostermontag
2022-05-01            Tag der Arbeit
2022-05-26            Auffahrt
2022-06-06            Pfingstmontag
2022-08-01            Bundesfeiertag
2022-12-25            Weihnachtstag
2022-12-26            Stephanstag
2023-01-01            Neujahrstag
2023-04-07            Karfreitag
2023-04-10            Ostermontag
2023-05-01            Tag der Arbeit
2023-05-18            Auffahrt
2023-05-29            Pfingstmontag
2023-08-01            Bundesfeiertag
2023-12-25            Weihnachtstag
2023-12-26            Stephanstag
2024-01-01            Neujahrstag
2024-03-29            Karfreitag
2024-04-01            Ostermontag
2024-05-01            Tag der Arbeit
2024-05-09            Auffahrt
2024-05-20            Pfingstmontag
2024-08-01            Bundesfeiertag
2024-12-25            Weihnachtstag
2024-12-26            Stephanstag
2025-01-01            Neujahrstag
2025-04-18            Karfreitag
2025-04-21            Ostermontag
2025-05-01            Tag der Arbeit
2025-05-29            Auffahrt
2025-06-09            Pfingstmontag
2025-08-01            Bundesfeiertag
2025-12-25            Weihnachtstag
2025-12-26            Stephanstag
2026-01-01            Neujahrstag
2026-04-03            Karfreitag
2026-04-06            Ostermontag
2026-05-01            Tag der Arbeit
2026-05-14            Auffahrt
2026-05-25            Pfingstmontag
2026-08-01            Bundesfeiertag
2026-12-25            Weihnachtstag
2026-12-26            Stephanstag
2027-01-01            Neujahrstag
2027-03-26            Karfreitag
2027-03-29            Ostermontag
2027-05-01            Tag der Arbeit
2027-05-06            Auffahrt
2027-05-17            Pfingstmontag
2027-08-01            Bundesfeiertag
2027-12-25            Weihnachtstag
2027-12-26            Stephanstag
2028-01-01            Neujahrstag
2028-04-14            Karfreitag
2028-04-17            Ostermontag
2028-05-01            Tag der Arbeit
2028-05-25            Auffahrt
2028-06-05            Pfingstmontag
2028-08-01            Bundesfeiertag
2028-12-25            Weihnachtstag
2028-12-26            Stephanstag
2029-01-01            Neujahrstag
2029-03-30            Karfreitag
2029-04-02            Ostermontag
2029-05-01            Tag der Arbeit
2029-05-10            Auffahrt
2029-05-21            Pfingstmontag
2029-08-01            Bundesfeiertag
2029-12-25            Weihnachtstag
2029-12-26            Stephanstag
2030-01-01            Neujahrstag
2030-04-19            Karfreitag
2030-04-22            Ostermontag
2030-05-01            Tag der Arbeit
2030-05-30            Auffahrt
2030-06-10            Pfingstmontag
2030-08-01            Bundesfeiertag
2030-12-25            Weihnachtstag
2030-12-26            Stephanstag
2031-01-01            Neujahrstag
2031-04-11            Karfreitag
2031-04-14            Ostermontag
2031-05-01            Tag der Arbeit
2031-05-22            Auffahrt
2031-06-02            Pfingstmontag
2031-08-01            Bundesfeiertag
2031-12-25            Weihnachtstag
2031-12-26            Stephanstag
2032-01-01            Neujahrstag
2032-03-26            Karfreitag
2032-03-29            Ostermontag
2032-05-01            Tag der Arbeit
2032-05-06            Auffahrt
2032-05-17            Pfingstmontag
2032-08-01            Bundesfeiertag
2032-12-25            Weihnachtstag
2032-12-26            Stephanstag
2033-01-01            Neujahrstag
2033-04-15            Karfreitag
2033-04-18            Ostermontag
2033-05-01            Tag der Arbeit
2033-05-26            Auffahrt
2033-06-06            Pfingstmontag
2033-08-01            Bundesfeiertag
2033-12-25            Weihnachtstag
2033-12-26            Stephanstag
2034-01-01            Neujahrstag
2034-04-07            Karfreitag
2034-04-10            Ostermontag
2034-05-01            Tag der Arbeit
2034-05-18            Auffahrt
2034-05-29            Pfingstmontag
2034-08-01            Bundesfeiertag
2034-12-25            Weihnachtstag
2034-12-26            Stephanstag
2035-01-01            Neujahrstag
2035-03-23            Karfreitag
2035-03-26            Ostermontag
2035-05-01            Tag der Arbeit
2035-05-03            Auffahrt
2035-05-14            Pfingstmontag
2035-08-01            Bundesfeiertag
2035-12-25            Weihnachtstag
2035-12-26            Stephanstag
`

func TestCH_Pinned(t *testing.T) {
	for _, tc := range []struct {
		name  string
		set   calendar.Holidays
		table string
	}{{"federal", ch.Federal(), chFederal}, {"zurich", ch.Zurich(), chZurich}} {
		t.Run(tc.name, func(t *testing.T) {
			want := pinned.Table(t, tc.table)
			got := slices.Collect(tc.set.Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), chMonFri))
			require.Equal(t, want, got)
			for hol := range tc.set.Occurrences(date.New(1994, 1, 1), date.New(2101, 1, 1), chMonFri) {
				assert.Equal(t, hol.Actual, hol.Observed, "no substitutes: %v", hol)
			}
			b, err := tc.set.MarshalJSON()
			require.NoError(t, err)
			var back calendar.Holidays
			require.NoError(t, back.UnmarshalJSON(b))
			assert.Equal(t, tc.set, back)
		})
	}
}

// Every federal day is a Zurich holiday too.
func TestCH_FederalWithinZurich(t *testing.T) {
	zh := map[date.Date]bool{}
	for hol := range ch.Zurich().Occurrences(date.New(1994, 1, 1), date.New(2101, 1, 1), chMonFri) {
		zh[hol.Observed] = true
	}
	for hol := range ch.Federal().Occurrences(date.New(1994, 1, 1), date.New(2101, 1, 1), chMonFri) {
		assert.True(t, zh[hol.Observed], "%v", hol)
	}
}

var chMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

func Example_switzerland() {
	loc, err := time.LoadLocation("Europe/Zurich")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 08:00-17:00"), calendar.WithExceptions(ch.Zurich()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 3, 1), date.New(2027, 6, 1)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-03-26 Friday Karfreitag
	// 2027-03-29 Monday Ostermontag
	// 2027-05-01 Saturday Tag der Arbeit
	// 2027-05-06 Thursday Auffahrt
	// 2027-05-17 Monday Pfingstmontag
	// 256 working days in 2027
}
