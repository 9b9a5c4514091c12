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
	"github.com/go-itsm/itsm/calendar/holidays/fr"
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
)

// frPublished is France's public holidays, 2020 to 2035, in date order. It was expanded
// from the statutory definitions in the package doc by a separate program
// (Python, with dateutil's Easter), not by the rules under test, and the
// Easter dates agree with the published Easter tables.
var frPublished = `
2020-01-01            Jour de l'an
2020-04-13            Lundi de Pâques
2020-05-01            Fête du Travail
2020-05-08            Victoire 1945
2020-05-21            Ascension
2020-06-01            Lundi de Pentecôte
2020-07-14            Fête nationale
2020-08-15            Assomption
2020-11-01            Toussaint
2020-11-11            Armistice 1918
2020-12-25            Noël
2021-01-01            Jour de l'an
2021-04-05            Lundi de Pâques
2021-05-01            Fête du Travail
2021-05-08            Victoire 1945
2021-05-13            Ascension
2021-05-24            Lundi de Pentecôte
2021-07-14            Fête nationale
2021-08-15            Assomption
2021-11-01            Toussaint
2021-11-11            Armistice 1918
2021-12-25            Noël
2022-01-01            Jour de l'an
2022-04-18            Lundi de Pâques
2022-05-01            Fête du Travail
2022-05-08            Victoire 1945
2022-05-26            Ascension
2022-06-06            Lundi de Pentecôte
2022-07-14            Fête nationale
2022-08-15            Assomption
2022-11-01            Toussaint
2022-11-11            Armistice 1918
2022-12-25            Noël
2023-01-01            Jour de l'an
2023-04-10            Lundi de Pâques
2023-05-01            Fête du Travail
2023-05-08            Victoire 1945
2023-05-18            Ascension
2023-05-29            Lundi de Pentecôte
2023-07-14            Fête nationale
2023-08-15            Assomption
2023-11-01            Toussaint
2023-11-11            Armistice 1918
2023-12-25            Noël
2024-01-01            Jour de l'an
2024-04-01            Lundi de Pâques
2024-05-01            Fête du Travail
2024-05-08            Victoire 1945
2024-05-09            Ascension
2024-05-20            Lundi de Pentecôte
2024-07-14            Fête nationale
2024-08-15            Assomption
2024-11-01            Toussaint
2024-11-11            Armistice 1918
2024-12-25            Noël
2025-01-01            Jour de l'an
2025-04-21            Lundi de Pâques
2025-05-01            Fête du Travail
2025-05-08            Victoire 1945
2025-05-29            Ascension
2025-06-09            Lundi de Pentecôte
2025-07-14            Fête nationale
2025-08-15            Assomption
2025-11-01            Toussaint
2025-11-11            Armistice 1918
2025-12-25            Noël
2026-01-01            Jour de l'an
2026-04-06            Lundi de Pâques
2026-05-01            Fête du Travail
2026-05-08            Victoire 1945
2026-05-14            Ascension
2026-05-25            Lundi de Pentecôte
2026-07-14            Fête nationale
2026-08-15            Assomption
2026-11-01            Toussaint
2026-11-11            Armistice 1918
2026-12-25            Noël
2027-01-01            Jour de l'an
2027-03-29            Lundi de Pâques
2027-05-01            Fête du Travail
2027-05-06            Ascension
2027-05-08            Victoire 1945
2027-05-17            Lundi de Pentecôte
2027-07-14            Fête nationale
2027-08-15            Assomption
2027-11-01            Toussaint
2027-11-11            Armistice 1918
2027-12-25            Noël
2028-01-01            Jour de l'an
2028-04-17            Lundi de Pâques
2028-05-01            Fête du Travail
2028-05-08            Victoire 1945
2028-05-25            Ascension
2028-06-05            Lundi de Pentecôte
2028-07-14            Fête nationale
2028-08-15            Assomption
2028-11-01            Toussaint
2028-11-11            Armistice 1918
2028-12-25            Noël
2029-01-01            Jour de l'an
2029-04-02            Lundi de Pâques
2029-05-01            Fête du Travail
2029-05-08            Victoire 1945
2029-05-10            Ascension
2029-05-21            Lundi de Pentecôte
2029-07-14            Fête nationale
2029-08-15            Assomption
2029-11-01            Toussaint
2029-11-11            Armistice 1918
2029-12-25            Noël
2030-01-01            Jour de l'an
2030-04-22            Lundi de Pâques
2030-05-01            Fête du Travail
2030-05-08            Victoire 1945
2030-05-30            Ascension
2030-06-10            Lundi de Pentecôte
2030-07-14            Fête nationale
2030-08-15            Assomption
2030-11-01            Toussaint
2030-11-11            Armistice 1918
2030-12-25            Noël
2031-01-01            Jour de l'an
2031-04-14            Lundi de Pâques
2031-05-01            Fête du Travail
2031-05-08            Victoire 1945
2031-05-22            Ascension
2031-06-02            Lundi de Pentecôte
2031-07-14            Fête nationale
2031-08-15            Assomption
2031-11-01            Toussaint
2031-11-11            Armistice 1918
2031-12-25            Noël
2032-01-01            Jour de l'an
2032-03-29            Lundi de Pâques
2032-05-01            Fête du Travail
2032-05-06            Ascension
2032-05-08            Victoire 1945
2032-05-17            Lundi de Pentecôte
2032-07-14            Fête nationale
2032-08-15            Assomption
2032-11-01            Toussaint
2032-11-11            Armistice 1918
2032-12-25            Noël
2033-01-01            Jour de l'an
2033-04-18            Lundi de Pâques
2033-05-01            Fête du Travail
2033-05-08            Victoire 1945
2033-05-26            Ascension
2033-06-06            Lundi de Pentecôte
2033-07-14            Fête nationale
2033-08-15            Assomption
2033-11-01            Toussaint
2033-11-11            Armistice 1918
2033-12-25            Noël
2034-01-01            Jour de l'an
2034-04-10            Lundi de Pâques
2034-05-01            Fête du Travail
2034-05-08            Victoire 1945
2034-05-18            Ascension
2034-05-29            Lundi de Pentecôte
2034-07-14            Fête nationale
2034-08-15            Assomption
2034-11-01            Toussaint
2034-11-11            Armistice 1918
2034-12-25            Noël
2035-01-01            Jour de l'an
2035-03-26            Lundi de Pâques
2035-05-01            Fête du Travail
2035-05-03            Ascension
2035-05-08            Victoire 1945
2035-05-14            Lundi de Pentecôte
2035-07-14            Fête nationale
2035-08-15            Assomption
2035-11-01            Toussaint
2035-11-11            Armistice 1918
2035-12-25            Noël
`

func TestFR_NationalPinned(t *testing.T) {
	want := pinned.Table(t, frPublished)
	got := slices.Collect(fr.National().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), frMonFri))
	require.Equal(t, want, got)
}

// No substitute days: the actual date is always the observed one, also on
// weekends, for every year the set claims to be accurate.
func TestFR_NationalHasNoSubstitutes(t *testing.T) {
	for hol := range fr.National().Occurrences(date.New(1990, 1, 1), date.New(2101, 1, 1), frMonFri) {
		assert.Equal(t, hol.Actual, hol.Observed, "%v", hol)
		assert.Equal(t, calendar.Closed, hol.Kind)
	}
}

func TestFR_NationalRoundTripsAsJSON(t *testing.T) {
	b, err := fr.National().MarshalJSON()
	require.NoError(t, err)
	var back calendar.Holidays
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, fr.National(), back)
}

var frMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

func Example_france() {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(fr.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 5, 1), date.New(2027, 5, 31)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-05-01 Saturday Fête du Travail
	// 2027-05-06 Thursday Ascension
	// 2027-05-08 Saturday Victoire 1945
	// 2027-05-17 Monday Lundi de Pentecôte
	// 254 working days in 2027
}
