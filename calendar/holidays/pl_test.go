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
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
	"github.com/go-itsm/itsm/calendar/holidays/pl"
)

// plPublished is Poland's public holidays, 2020 to 2035, in date order. It was expanded
// from the statutory definitions in the package doc by a separate program
// (Python, with dateutil's Easter), not by the rules under test, and the
// Easter dates agree with the published Easter tables.
var plPublished = `
2020-01-01            Nowy Rok
2020-01-06            Święto Trzech Króli
2020-04-12            Wielkanoc
2020-04-13            Poniedziałek Wielkanocny
2020-05-01            Święto Państwowe
2020-05-03            Święto Narodowe Trzeciego Maja
2020-05-31            Zielone Świątki
2020-06-11            Boże Ciało
2020-08-15            Wniebowzięcie Najświętszej Maryi Panny
2020-11-01            Wszystkich Świętych
2020-11-11            Narodowe Święto Niepodległości
2020-12-25            Boże Narodzenie
2020-12-26            Drugi dzień Bożego Narodzenia
2021-01-01            Nowy Rok
2021-01-06            Święto Trzech Króli
2021-04-04            Wielkanoc
2021-04-05            Poniedziałek Wielkanocny
2021-05-01            Święto Państwowe
2021-05-03            Święto Narodowe Trzeciego Maja
2021-05-23            Zielone Świątki
2021-06-03            Boże Ciało
2021-08-15            Wniebowzięcie Najświętszej Maryi Panny
2021-11-01            Wszystkich Świętych
2021-11-11            Narodowe Święto Niepodległości
2021-12-25            Boże Narodzenie
2021-12-26            Drugi dzień Bożego Narodzenia
2022-01-01            Nowy Rok
2022-01-06            Święto Trzech Króli
2022-04-17            Wielkanoc
2022-04-18            Poniedziałek Wielkanocny
2022-05-01            Święto Państwowe
2022-05-03            Święto Narodowe Trzeciego Maja
2022-06-05            Zielone Świątki
2022-06-16            Boże Ciało
2022-08-15            Wniebowzięcie Najświętszej Maryi Panny
2022-11-01            Wszystkich Świętych
2022-11-11            Narodowe Święto Niepodległości
2022-12-25            Boże Narodzenie
2022-12-26            Drugi dzień Bożego Narodzenia
2023-01-01            Nowy Rok
2023-01-06            Święto Trzech Króli
2023-04-09            Wielkanoc
2023-04-10            Poniedziałek Wielkanocny
2023-05-01            Święto Państwowe
2023-05-03            Święto Narodowe Trzeciego Maja
2023-05-28            Zielone Świątki
2023-06-08            Boże Ciało
2023-08-15            Wniebowzięcie Najświętszej Maryi Panny
2023-11-01            Wszystkich Świętych
2023-11-11            Narodowe Święto Niepodległości
2023-12-25            Boże Narodzenie
2023-12-26            Drugi dzień Bożego Narodzenia
2024-01-01            Nowy Rok
2024-01-06            Święto Trzech Króli
2024-03-31            Wielkanoc
2024-04-01            Poniedziałek Wielkanocny
2024-05-01            Święto Państwowe
2024-05-03            Święto Narodowe Trzeciego Maja
2024-05-19            Zielone Świątki
2024-05-30            Boże Ciało
2024-08-15            Wniebowzięcie Najświętszej Maryi Panny
2024-11-01            Wszystkich Świętych
2024-11-11            Narodowe Święto Niepodległości
2024-12-25            Boże Narodzenie
2024-12-26            Drugi dzień Bożego Narodzenia
2025-01-01            Nowy Rok
2025-01-06            Święto Trzech Króli
2025-04-20            Wielkanoc
2025-04-21            Poniedziałek Wielkanocny
2025-05-01            Święto Państwowe
2025-05-03            Święto Narodowe Trzeciego Maja
2025-06-08            Zielone Świątki
2025-06-19            Boże Ciało
2025-08-15            Wniebowzięcie Najświętszej Maryi Panny
2025-11-01            Wszystkich Świętych
2025-11-11            Narodowe Święto Niepodległości
2025-12-24            Wigilia Bożego Narodzenia
2025-12-25            Boże Narodzenie
2025-12-26            Drugi dzień Bożego Narodzenia
2026-01-01            Nowy Rok
2026-01-06            Święto Trzech Króli
2026-04-05            Wielkanoc
2026-04-06            Poniedziałek Wielkanocny
2026-05-01            Święto Państwowe
2026-05-03            Święto Narodowe Trzeciego Maja
2026-05-24            Zielone Świątki
2026-06-04            Boże Ciało
2026-08-15            Wniebowzięcie Najświętszej Maryi Panny
2026-11-01            Wszystkich Świętych
2026-11-11            Narodowe Święto Niepodległości
2026-12-24            Wigilia Bożego Narodzenia
2026-12-25            Boże Narodzenie
2026-12-26            Drugi dzień Bożego Narodzenia
2027-01-01            Nowy Rok
2027-01-06            Święto Trzech Króli
2027-03-28            Wielkanoc
2027-03-29            Poniedziałek Wielkanocny
2027-05-01            Święto Państwowe
2027-05-03            Święto Narodowe Trzeciego Maja
2027-05-16            Zielone Świątki
2027-05-27            Boże Ciało
2027-08-15            Wniebowzięcie Najświętszej Maryi Panny
2027-11-01            Wszystkich Świętych
2027-11-11            Narodowe Święto Niepodległości
2027-12-24            Wigilia Bożego Narodzenia
2027-12-25            Boże Narodzenie
2027-12-26            Drugi dzień Bożego Narodzenia
2028-01-01            Nowy Rok
2028-01-06            Święto Trzech Króli
2028-04-16            Wielkanoc
2028-04-17            Poniedziałek Wielkanocny
2028-05-01            Święto Państwowe
2028-05-03            Święto Narodowe Trzeciego Maja
2028-06-04            Zielone Świątki
2028-06-15            Boże Ciało
2028-08-15            Wniebowzięcie Najświętszej Maryi Panny
2028-11-01            Wszystkich Świętych
2028-11-11            Narodowe Święto Niepodległości
2028-12-24            Wigilia Bożego Narodzenia
2028-12-25            Boże Narodzenie
2028-12-26            Drugi dzień Bożego Narodzenia
2029-01-01            Nowy Rok
2029-01-06            Święto Trzech Króli
2029-04-01            Wielkanoc
2029-04-02            Poniedziałek Wielkanocny
2029-05-01            Święto Państwowe
2029-05-03            Święto Narodowe Trzeciego Maja
2029-05-20            Zielone Świątki
2029-05-31            Boże Ciało
2029-08-15            Wniebowzięcie Najświętszej Maryi Panny
2029-11-01            Wszystkich Świętych
2029-11-11            Narodowe Święto Niepodległości
2029-12-24            Wigilia Bożego Narodzenia
2029-12-25            Boże Narodzenie
2029-12-26            Drugi dzień Bożego Narodzenia
2030-01-01            Nowy Rok
2030-01-06            Święto Trzech Króli
2030-04-21            Wielkanoc
2030-04-22            Poniedziałek Wielkanocny
2030-05-01            Święto Państwowe
2030-05-03            Święto Narodowe Trzeciego Maja
2030-06-09            Zielone Świątki
2030-06-20            Boże Ciało
2030-08-15            Wniebowzięcie Najświętszej Maryi Panny
2030-11-01            Wszystkich Świętych
2030-11-11            Narodowe Święto Niepodległości
2030-12-24            Wigilia Bożego Narodzenia
2030-12-25            Boże Narodzenie
2030-12-26            Drugi dzień Bożego Narodzenia
2031-01-01            Nowy Rok
2031-01-06            Święto Trzech Króli
2031-04-13            Wielkanoc
2031-04-14            Poniedziałek Wielkanocny
2031-05-01            Święto Państwowe
2031-05-03            Święto Narodowe Trzeciego Maja
2031-06-01            Zielone Świątki
2031-06-12            Boże Ciało
2031-08-15            Wniebowzięcie Najświętszej Maryi Panny
2031-11-01            Wszystkich Świętych
2031-11-11            Narodowe Święto Niepodległości
2031-12-24            Wigilia Bożego Narodzenia
2031-12-25            Boże Narodzenie
2031-12-26            Drugi dzień Bożego Narodzenia
2032-01-01            Nowy Rok
2032-01-06            Święto Trzech Króli
2032-03-28            Wielkanoc
2032-03-29            Poniedziałek Wielkanocny
2032-05-01            Święto Państwowe
2032-05-03            Święto Narodowe Trzeciego Maja
2032-05-16            Zielone Świątki
2032-05-27            Boże Ciało
2032-08-15            Wniebowzięcie Najświętszej Maryi Panny
2032-11-01            Wszystkich Świętych
2032-11-11            Narodowe Święto Niepodległości
2032-12-24            Wigilia Bożego Narodzenia
2032-12-25            Boże Narodzenie
2032-12-26            Drugi dzień Bożego Narodzenia
2033-01-01            Nowy Rok
2033-01-06            Święto Trzech Króli
2033-04-17            Wielkanoc
2033-04-18            Poniedziałek Wielkanocny
2033-05-01            Święto Państwowe
2033-05-03            Święto Narodowe Trzeciego Maja
2033-06-05            Zielone Świątki
2033-06-16            Boże Ciało
2033-08-15            Wniebowzięcie Najświętszej Maryi Panny
2033-11-01            Wszystkich Świętych
2033-11-11            Narodowe Święto Niepodległości
2033-12-24            Wigilia Bożego Narodzenia
2033-12-25            Boże Narodzenie
2033-12-26            Drugi dzień Bożego Narodzenia
2034-01-01            Nowy Rok
2034-01-06            Święto Trzech Króli
2034-04-09            Wielkanoc
2034-04-10            Poniedziałek Wielkanocny
2034-05-01            Święto Państwowe
2034-05-03            Święto Narodowe Trzeciego Maja
2034-05-28            Zielone Świątki
2034-06-08            Boże Ciało
2034-08-15            Wniebowzięcie Najświętszej Maryi Panny
2034-11-01            Wszystkich Świętych
2034-11-11            Narodowe Święto Niepodległości
2034-12-24            Wigilia Bożego Narodzenia
2034-12-25            Boże Narodzenie
2034-12-26            Drugi dzień Bożego Narodzenia
2035-01-01            Nowy Rok
2035-01-06            Święto Trzech Króli
2035-03-25            Wielkanoc
2035-03-26            Poniedziałek Wielkanocny
2035-05-01            Święto Państwowe
2035-05-03            Święto Narodowe Trzeciego Maja
2035-05-13            Zielone Świątki
2035-05-24            Boże Ciało
2035-08-15            Wniebowzięcie Najświętszej Maryi Panny
2035-11-01            Wszystkich Świętych
2035-11-11            Narodowe Święto Niepodległości
2035-12-24            Wigilia Bożego Narodzenia
2035-12-25            Boże Narodzenie
2035-12-26            Drugi dzień Bożego Narodzenia
`

func TestPL_NationalPinned(t *testing.T) {
	want := pinned.Table(t, plPublished)
	got := slices.Collect(pl.National().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), plMonFri))
	require.Equal(t, want, got)
}

// No substitute days: the actual date is always the observed one, also on
// weekends, for every year the set claims to be accurate.
func TestPL_NationalHasNoSubstitutes(t *testing.T) {
	for hol := range pl.National().Occurrences(date.New(1990, 1, 1), date.New(2101, 1, 1), plMonFri) {
		assert.Equal(t, hol.Actual, hol.Observed, "%v", hol)
		assert.Equal(t, calendar.Closed, hol.Kind)
	}
}

func TestPL_NationalRoundTripsAsJSON(t *testing.T) {
	b, err := pl.National().MarshalJSON()
	require.NoError(t, err)
	var back calendar.Holidays
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, pl.National(), back)
}

var plMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

func Example_poland() {
	loc, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(pl.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 12, 20), date.New(2027, 12, 31)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-12-24 Friday Wigilia Bożego Narodzenia
	// 2027-12-25 Saturday Boże Narodzenie
	// 2027-12-26 Sunday Drugi dzień Bożego Narodzenia
	// 253 working days in 2027
}
