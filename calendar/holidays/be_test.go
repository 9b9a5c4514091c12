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
	"github.com/go-itsm/itsm/calendar/holidays/be"
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
)

// bePublished is Belgium's public holidays, 2020 to 2035, in date order. It was expanded
// from the statutory definitions in the package doc by a separate program
// (Python, with dateutil's Easter), not by the rules under test, and the
// Easter dates agree with the published Easter tables.
var bePublished = `
2020-01-01            Nieuwjaar
2020-04-13            Paasmaandag
2020-05-01            Dag van de Arbeid
2020-05-21            Onze-Lieve-Heer-Hemelvaart
2020-06-01            Pinkstermaandag
2020-07-21            Nationale feestdag
2020-08-15            Onze-Lieve-Vrouw-Hemelvaart
2020-11-01            Allerheiligen
2020-11-11            Wapenstilstand
2020-12-25            Kerstmis
2021-01-01            Nieuwjaar
2021-04-05            Paasmaandag
2021-05-01            Dag van de Arbeid
2021-05-13            Onze-Lieve-Heer-Hemelvaart
2021-05-24            Pinkstermaandag
2021-07-21            Nationale feestdag
2021-08-15            Onze-Lieve-Vrouw-Hemelvaart
2021-11-01            Allerheiligen
2021-11-11            Wapenstilstand
2021-12-25            Kerstmis
2022-01-01            Nieuwjaar
2022-04-18            Paasmaandag
2022-05-01            Dag van de Arbeid
2022-05-26            Onze-Lieve-Heer-Hemelvaart
2022-06-06            Pinkstermaandag
2022-07-21            Nationale feestdag
2022-08-15            Onze-Lieve-Vrouw-Hemelvaart
2022-11-01            Allerheiligen
2022-11-11            Wapenstilstand
2022-12-25            Kerstmis
2023-01-01            Nieuwjaar
2023-04-10            Paasmaandag
2023-05-01            Dag van de Arbeid
2023-05-18            Onze-Lieve-Heer-Hemelvaart
2023-05-29            Pinkstermaandag
2023-07-21            Nationale feestdag
2023-08-15            Onze-Lieve-Vrouw-Hemelvaart
2023-11-01            Allerheiligen
2023-11-11            Wapenstilstand
2023-12-25            Kerstmis
2024-01-01            Nieuwjaar
2024-04-01            Paasmaandag
2024-05-01            Dag van de Arbeid
2024-05-09            Onze-Lieve-Heer-Hemelvaart
2024-05-20            Pinkstermaandag
2024-07-21            Nationale feestdag
2024-08-15            Onze-Lieve-Vrouw-Hemelvaart
2024-11-01            Allerheiligen
2024-11-11            Wapenstilstand
2024-12-25            Kerstmis
2025-01-01            Nieuwjaar
2025-04-21            Paasmaandag
2025-05-01            Dag van de Arbeid
2025-05-29            Onze-Lieve-Heer-Hemelvaart
2025-06-09            Pinkstermaandag
2025-07-21            Nationale feestdag
2025-08-15            Onze-Lieve-Vrouw-Hemelvaart
2025-11-01            Allerheiligen
2025-11-11            Wapenstilstand
2025-12-25            Kerstmis
2026-01-01            Nieuwjaar
2026-04-06            Paasmaandag
2026-05-01            Dag van de Arbeid
2026-05-14            Onze-Lieve-Heer-Hemelvaart
2026-05-25            Pinkstermaandag
2026-07-21            Nationale feestdag
2026-08-15            Onze-Lieve-Vrouw-Hemelvaart
2026-11-01            Allerheiligen
2026-11-11            Wapenstilstand
2026-12-25            Kerstmis
2027-01-01            Nieuwjaar
2027-03-29            Paasmaandag
2027-05-01            Dag van de Arbeid
2027-05-06            Onze-Lieve-Heer-Hemelvaart
2027-05-17            Pinkstermaandag
2027-07-21            Nationale feestdag
2027-08-15            Onze-Lieve-Vrouw-Hemelvaart
2027-11-01            Allerheiligen
2027-11-11            Wapenstilstand
2027-12-25            Kerstmis
2028-01-01            Nieuwjaar
2028-04-17            Paasmaandag
2028-05-01            Dag van de Arbeid
2028-05-25            Onze-Lieve-Heer-Hemelvaart
2028-06-05            Pinkstermaandag
2028-07-21            Nationale feestdag
2028-08-15            Onze-Lieve-Vrouw-Hemelvaart
2028-11-01            Allerheiligen
2028-11-11            Wapenstilstand
2028-12-25            Kerstmis
2029-01-01            Nieuwjaar
2029-04-02            Paasmaandag
2029-05-01            Dag van de Arbeid
2029-05-10            Onze-Lieve-Heer-Hemelvaart
2029-05-21            Pinkstermaandag
2029-07-21            Nationale feestdag
2029-08-15            Onze-Lieve-Vrouw-Hemelvaart
2029-11-01            Allerheiligen
2029-11-11            Wapenstilstand
2029-12-25            Kerstmis
2030-01-01            Nieuwjaar
2030-04-22            Paasmaandag
2030-05-01            Dag van de Arbeid
2030-05-30            Onze-Lieve-Heer-Hemelvaart
2030-06-10            Pinkstermaandag
2030-07-21            Nationale feestdag
2030-08-15            Onze-Lieve-Vrouw-Hemelvaart
2030-11-01            Allerheiligen
2030-11-11            Wapenstilstand
2030-12-25            Kerstmis
2031-01-01            Nieuwjaar
2031-04-14            Paasmaandag
2031-05-01            Dag van de Arbeid
2031-05-22            Onze-Lieve-Heer-Hemelvaart
2031-06-02            Pinkstermaandag
2031-07-21            Nationale feestdag
2031-08-15            Onze-Lieve-Vrouw-Hemelvaart
2031-11-01            Allerheiligen
2031-11-11            Wapenstilstand
2031-12-25            Kerstmis
2032-01-01            Nieuwjaar
2032-03-29            Paasmaandag
2032-05-01            Dag van de Arbeid
2032-05-06            Onze-Lieve-Heer-Hemelvaart
2032-05-17            Pinkstermaandag
2032-07-21            Nationale feestdag
2032-08-15            Onze-Lieve-Vrouw-Hemelvaart
2032-11-01            Allerheiligen
2032-11-11            Wapenstilstand
2032-12-25            Kerstmis
2033-01-01            Nieuwjaar
2033-04-18            Paasmaandag
2033-05-01            Dag van de Arbeid
2033-05-26            Onze-Lieve-Heer-Hemelvaart
2033-06-06            Pinkstermaandag
2033-07-21            Nationale feestdag
2033-08-15            Onze-Lieve-Vrouw-Hemelvaart
2033-11-01            Allerheiligen
2033-11-11            Wapenstilstand
2033-12-25            Kerstmis
2034-01-01            Nieuwjaar
2034-04-10            Paasmaandag
2034-05-01            Dag van de Arbeid
2034-05-18            Onze-Lieve-Heer-Hemelvaart
2034-05-29            Pinkstermaandag
2034-07-21            Nationale feestdag
2034-08-15            Onze-Lieve-Vrouw-Hemelvaart
2034-11-01            Allerheiligen
2034-11-11            Wapenstilstand
2034-12-25            Kerstmis
2035-01-01            Nieuwjaar
2035-03-26            Paasmaandag
2035-05-01            Dag van de Arbeid
2035-05-03            Onze-Lieve-Heer-Hemelvaart
2035-05-14            Pinkstermaandag
2035-07-21            Nationale feestdag
2035-08-15            Onze-Lieve-Vrouw-Hemelvaart
2035-11-01            Allerheiligen
2035-11-11            Wapenstilstand
2035-12-25            Kerstmis
`

func TestBE_NationalPinned(t *testing.T) {
	want := pinned.Table(t, bePublished)
	got := slices.Collect(be.National().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), beMonFri))
	require.Equal(t, want, got)
}

// No substitute days: the actual date is always the observed one, also on
// weekends, for every year the set claims to be accurate.
func TestBE_NationalHasNoSubstitutes(t *testing.T) {
	for hol := range be.National().Occurrences(date.New(1990, 1, 1), date.New(2101, 1, 1), beMonFri) {
		assert.Equal(t, hol.Actual, hol.Observed, "%v", hol)
		assert.Equal(t, calendar.Closed, hol.Kind)
	}
}

func TestBE_NationalRoundTripsAsJSON(t *testing.T) {
	b, err := be.National().MarshalJSON()
	require.NoError(t, err)
	var back calendar.Holidays
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, be.National(), back)
}

var beMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

func Example_belgium() {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(be.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 5, 1), date.New(2027, 5, 31)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-05-01 Saturday Dag van de Arbeid
	// 2027-05-06 Thursday Onze-Lieve-Heer-Hemelvaart
	// 2027-05-17 Monday Pinkstermaandag
	// 254 working days in 2027
}
