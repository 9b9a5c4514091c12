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
	"github.com/go-itsm/itsm/calendar/holidays/se"
)

// sePublished is Sweden's public holidays and the three eves, 2020 to 2035, in date order. It was expanded
// from the statutory definitions in the package doc by a separate program
// (Python, with dateutil's Easter), not by the rules under test, and the
// Easter dates agree with the published Easter tables.
var sePublished = `
2020-01-01            Nyårsdagen
2020-01-06            Trettondedag jul
2020-04-10            Långfredagen
2020-04-12            Påskdagen
2020-04-13            Annandag påsk
2020-05-01            Första maj
2020-05-21            Kristi himmelsfärdsdag
2020-05-31            Pingstdagen
2020-06-06            Sveriges nationaldag
2020-06-19            Midsommarafton
2020-06-20            Midsommardagen
2020-10-31            Alla helgons dag
2020-12-24            Julafton
2020-12-25            Juldagen
2020-12-26            Annandag jul
2020-12-31            Nyårsafton
2021-01-01            Nyårsdagen
2021-01-06            Trettondedag jul
2021-04-02            Långfredagen
2021-04-04            Påskdagen
2021-04-05            Annandag påsk
2021-05-01            Första maj
2021-05-13            Kristi himmelsfärdsdag
2021-05-23            Pingstdagen
2021-06-06            Sveriges nationaldag
2021-06-25            Midsommarafton
2021-06-26            Midsommardagen
2021-11-06            Alla helgons dag
2021-12-24            Julafton
2021-12-25            Juldagen
2021-12-26            Annandag jul
2021-12-31            Nyårsafton
2022-01-01            Nyårsdagen
2022-01-06            Trettondedag jul
2022-04-15            Långfredagen
2022-04-17            Påskdagen
2022-04-18            Annandag påsk
2022-05-01            Första maj
2022-05-26            Kristi himmelsfärdsdag
2022-06-05            Pingstdagen
2022-06-06            Sveriges nationaldag
2022-06-24            Midsommarafton
2022-06-25            Midsommardagen
2022-11-05            Alla helgons dag
2022-12-24            Julafton
2022-12-25            Juldagen
2022-12-26            Annandag jul
2022-12-31            Nyårsafton
2023-01-01            Nyårsdagen
2023-01-06            Trettondedag jul
2023-04-07            Långfredagen
2023-04-09            Påskdagen
2023-04-10            Annandag påsk
2023-05-01            Första maj
2023-05-18            Kristi himmelsfärdsdag
2023-05-28            Pingstdagen
2023-06-06            Sveriges nationaldag
2023-06-23            Midsommarafton
2023-06-24            Midsommardagen
2023-11-04            Alla helgons dag
2023-12-24            Julafton
2023-12-25            Juldagen
2023-12-26            Annandag jul
2023-12-31            Nyårsafton
2024-01-01            Nyårsdagen
2024-01-06            Trettondedag jul
2024-03-29            Långfredagen
2024-03-31            Påskdagen
2024-04-01            Annandag påsk
2024-05-01            Första maj
2024-05-09            Kristi himmelsfärdsdag
2024-05-19            Pingstdagen
2024-06-06            Sveriges nationaldag
2024-06-21            Midsommarafton
2024-06-22            Midsommardagen
2024-11-02            Alla helgons dag
2024-12-24            Julafton
2024-12-25            Juldagen
2024-12-26            Annandag jul
2024-12-31            Nyårsafton
2025-01-01            Nyårsdagen
2025-01-06            Trettondedag jul
2025-04-18            Långfredagen
2025-04-20            Påskdagen
2025-04-21            Annandag påsk
2025-05-01            Första maj
2025-05-29            Kristi himmelsfärdsdag
2025-06-06            Sveriges nationaldag
2025-06-08            Pingstdagen
2025-06-20            Midsommarafton
2025-06-21            Midsommardagen
2025-11-01            Alla helgons dag
2025-12-24            Julafton
2025-12-25            Juldagen
2025-12-26            Annandag jul
2025-12-31            Nyårsafton
2026-01-01            Nyårsdagen
2026-01-06            Trettondedag jul
2026-04-03            Långfredagen
2026-04-05            Påskdagen
2026-04-06            Annandag påsk
2026-05-01            Första maj
2026-05-14            Kristi himmelsfärdsdag
2026-05-24            Pingstdagen
2026-06-06            Sveriges nationaldag
2026-06-19            Midsommarafton
2026-06-20            Midsommardagen
2026-10-31            Alla helgons dag
2026-12-24            Julafton
2026-12-25            Juldagen
2026-12-26            Annandag jul
2026-12-31            Nyårsafton
2027-01-01            Nyårsdagen
2027-01-06            Trettondedag jul
2027-03-26            Långfredagen
2027-03-28            Påskdagen
2027-03-29            Annandag påsk
2027-05-01            Första maj
2027-05-06            Kristi himmelsfärdsdag
2027-05-16            Pingstdagen
2027-06-06            Sveriges nationaldag
2027-06-25            Midsommarafton
2027-06-26            Midsommardagen
2027-11-06            Alla helgons dag
2027-12-24            Julafton
2027-12-25            Juldagen
2027-12-26            Annandag jul
2027-12-31            Nyårsafton
2028-01-01            Nyårsdagen
2028-01-06            Trettondedag jul
2028-04-14            Långfredagen
2028-04-16            Påskdagen
2028-04-17            Annandag påsk
2028-05-01            Första maj
2028-05-25            Kristi himmelsfärdsdag
2028-06-04            Pingstdagen
2028-06-06            Sveriges nationaldag
2028-06-23            Midsommarafton
2028-06-24            Midsommardagen
2028-11-04            Alla helgons dag
2028-12-24            Julafton
2028-12-25            Juldagen
2028-12-26            Annandag jul
2028-12-31            Nyårsafton
2029-01-01            Nyårsdagen
2029-01-06            Trettondedag jul
2029-03-30            Långfredagen
2029-04-01            Påskdagen
2029-04-02            Annandag påsk
2029-05-01            Första maj
2029-05-10            Kristi himmelsfärdsdag
2029-05-20            Pingstdagen
2029-06-06            Sveriges nationaldag
2029-06-22            Midsommarafton
2029-06-23            Midsommardagen
2029-11-03            Alla helgons dag
2029-12-24            Julafton
2029-12-25            Juldagen
2029-12-26            Annandag jul
2029-12-31            Nyårsafton
2030-01-01            Nyårsdagen
2030-01-06            Trettondedag jul
2030-04-19            Långfredagen
2030-04-21            Påskdagen
2030-04-22            Annandag påsk
2030-05-01            Första maj
2030-05-30            Kristi himmelsfärdsdag
2030-06-06            Sveriges nationaldag
2030-06-09            Pingstdagen
2030-06-21            Midsommarafton
2030-06-22            Midsommardagen
2030-11-02            Alla helgons dag
2030-12-24            Julafton
2030-12-25            Juldagen
2030-12-26            Annandag jul
2030-12-31            Nyårsafton
2031-01-01            Nyårsdagen
2031-01-06            Trettondedag jul
2031-04-11            Långfredagen
2031-04-13            Påskdagen
2031-04-14            Annandag påsk
2031-05-01            Första maj
2031-05-22            Kristi himmelsfärdsdag
2031-06-01            Pingstdagen
2031-06-06            Sveriges nationaldag
2031-06-20            Midsommarafton
2031-06-21            Midsommardagen
2031-11-01            Alla helgons dag
2031-12-24            Julafton
2031-12-25            Juldagen
2031-12-26            Annandag jul
2031-12-31            Nyårsafton
2032-01-01            Nyårsdagen
2032-01-06            Trettondedag jul
2032-03-26            Långfredagen
2032-03-28            Påskdagen
2032-03-29            Annandag påsk
2032-05-01            Första maj
2032-05-06            Kristi himmelsfärdsdag
2032-05-16            Pingstdagen
2032-06-06            Sveriges nationaldag
2032-06-25            Midsommarafton
2032-06-26            Midsommardagen
2032-11-06            Alla helgons dag
2032-12-24            Julafton
2032-12-25            Juldagen
2032-12-26            Annandag jul
2032-12-31            Nyårsafton
2033-01-01            Nyårsdagen
2033-01-06            Trettondedag jul
2033-04-15            Långfredagen
2033-04-17            Påskdagen
2033-04-18            Annandag påsk
2033-05-01            Första maj
2033-05-26            Kristi himmelsfärdsdag
2033-06-05            Pingstdagen
2033-06-06            Sveriges nationaldag
2033-06-24            Midsommarafton
2033-06-25            Midsommardagen
2033-11-05            Alla helgons dag
2033-12-24            Julafton
2033-12-25            Juldagen
2033-12-26            Annandag jul
2033-12-31            Nyårsafton
2034-01-01            Nyårsdagen
2034-01-06            Trettondedag jul
2034-04-07            Långfredagen
2034-04-09            Påskdagen
2034-04-10            Annandag påsk
2034-05-01            Första maj
2034-05-18            Kristi himmelsfärdsdag
2034-05-28            Pingstdagen
2034-06-06            Sveriges nationaldag
2034-06-23            Midsommarafton
2034-06-24            Midsommardagen
2034-11-04            Alla helgons dag
2034-12-24            Julafton
2034-12-25            Juldagen
2034-12-26            Annandag jul
2034-12-31            Nyårsafton
2035-01-01            Nyårsdagen
2035-01-06            Trettondedag jul
2035-03-23            Långfredagen
2035-03-25            Påskdagen
2035-03-26            Annandag påsk
2035-05-01            Första maj
2035-05-03            Kristi himmelsfärdsdag
2035-05-13            Pingstdagen
2035-06-06            Sveriges nationaldag
2035-06-22            Midsommarafton
2035-06-23            Midsommardagen
2035-11-03            Alla helgons dag
2035-12-24            Julafton
2035-12-25            Juldagen
2035-12-26            Annandag jul
2035-12-31            Nyårsafton
`

func TestSE_NationalPinned(t *testing.T) {
	want := pinned.Table(t, sePublished)
	got := slices.Collect(se.National().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), seMonFri))
	require.Equal(t, want, got)
}

// No substitute days: the actual date is always the observed one, also on
// weekends, for every year the set claims to be accurate.
func TestSE_NationalHasNoSubstitutes(t *testing.T) {
	for hol := range se.National().Occurrences(date.New(2005, 1, 1), date.New(2101, 1, 1), seMonFri) {
		assert.Equal(t, hol.Actual, hol.Observed, "%v", hol)
		assert.Equal(t, calendar.Closed, hol.Kind)
	}
}

func TestSE_NationalRoundTripsAsJSON(t *testing.T) {
	b, err := se.National().MarshalJSON()
	require.NoError(t, err)
	var back calendar.Holidays
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, se.National(), back)
}

var seMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

func Example_sweden() {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(se.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 6, 1), date.New(2027, 7, 1)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-06-06 Sunday Sveriges nationaldag
	// 2027-06-25 Friday Midsommarafton
	// 2027-06-26 Saturday Midsommardagen
	// 253 working days in 2027
}
