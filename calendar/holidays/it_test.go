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
	"github.com/go-itsm/itsm/calendar/holidays/it"
)

// itPublished is Italy's national public holidays, 2020 to 2035, in date order. It was expanded
// from the statutory definitions in the package doc by a separate program
// (Python, with dateutil's Easter), not by the rules under test, and the
// Easter dates agree with the published Easter tables.
var itPublished = `
2020-01-01            Capodanno
2020-01-06            Epifania
2020-04-13            Lunedì dell'Angelo
2020-04-25            Festa della Liberazione
2020-05-01            Festa del Lavoro
2020-06-02            Festa della Repubblica
2020-08-15            Ferragosto
2020-11-01            Ognissanti
2020-12-08            Immacolata Concezione
2020-12-25            Natale
2020-12-26            Santo Stefano
2021-01-01            Capodanno
2021-01-06            Epifania
2021-04-05            Lunedì dell'Angelo
2021-04-25            Festa della Liberazione
2021-05-01            Festa del Lavoro
2021-06-02            Festa della Repubblica
2021-08-15            Ferragosto
2021-11-01            Ognissanti
2021-12-08            Immacolata Concezione
2021-12-25            Natale
2021-12-26            Santo Stefano
2022-01-01            Capodanno
2022-01-06            Epifania
2022-04-18            Lunedì dell'Angelo
2022-04-25            Festa della Liberazione
2022-05-01            Festa del Lavoro
2022-06-02            Festa della Repubblica
2022-08-15            Ferragosto
2022-11-01            Ognissanti
2022-12-08            Immacolata Concezione
2022-12-25            Natale
2022-12-26            Santo Stefano
2023-01-01            Capodanno
2023-01-06            Epifania
2023-04-10            Lunedì dell'Angelo
2023-04-25            Festa della Liberazione
2023-05-01            Festa del Lavoro
2023-06-02            Festa della Repubblica
2023-08-15            Ferragosto
2023-11-01            Ognissanti
2023-12-08            Immacolata Concezione
2023-12-25            Natale
2023-12-26            Santo Stefano
2024-01-01            Capodanno
2024-01-06            Epifania
2024-04-01            Lunedì dell'Angelo
2024-04-25            Festa della Liberazione
2024-05-01            Festa del Lavoro
2024-06-02            Festa della Repubblica
2024-08-15            Ferragosto
2024-11-01            Ognissanti
2024-12-08            Immacolata Concezione
2024-12-25            Natale
2024-12-26            Santo Stefano
2025-01-01            Capodanno
2025-01-06            Epifania
2025-04-21            Lunedì dell'Angelo
2025-04-25            Festa della Liberazione
2025-05-01            Festa del Lavoro
2025-06-02            Festa della Repubblica
2025-08-15            Ferragosto
2025-11-01            Ognissanti
2025-12-08            Immacolata Concezione
2025-12-25            Natale
2025-12-26            Santo Stefano
2026-01-01            Capodanno
2026-01-06            Epifania
2026-04-06            Lunedì dell'Angelo
2026-04-25            Festa della Liberazione
2026-05-01            Festa del Lavoro
2026-06-02            Festa della Repubblica
2026-08-15            Ferragosto
2026-10-04            San Francesco d'Assisi
2026-11-01            Ognissanti
2026-12-08            Immacolata Concezione
2026-12-25            Natale
2026-12-26            Santo Stefano
2027-01-01            Capodanno
2027-01-06            Epifania
2027-03-29            Lunedì dell'Angelo
2027-04-25            Festa della Liberazione
2027-05-01            Festa del Lavoro
2027-06-02            Festa della Repubblica
2027-08-15            Ferragosto
2027-10-04            San Francesco d'Assisi
2027-11-01            Ognissanti
2027-12-08            Immacolata Concezione
2027-12-25            Natale
2027-12-26            Santo Stefano
2028-01-01            Capodanno
2028-01-06            Epifania
2028-04-17            Lunedì dell'Angelo
2028-04-25            Festa della Liberazione
2028-05-01            Festa del Lavoro
2028-06-02            Festa della Repubblica
2028-08-15            Ferragosto
2028-10-04            San Francesco d'Assisi
2028-11-01            Ognissanti
2028-12-08            Immacolata Concezione
2028-12-25            Natale
2028-12-26            Santo Stefano
2029-01-01            Capodanno
2029-01-06            Epifania
2029-04-02            Lunedì dell'Angelo
2029-04-25            Festa della Liberazione
2029-05-01            Festa del Lavoro
2029-06-02            Festa della Repubblica
2029-08-15            Ferragosto
2029-10-04            San Francesco d'Assisi
2029-11-01            Ognissanti
2029-12-08            Immacolata Concezione
2029-12-25            Natale
2029-12-26            Santo Stefano
2030-01-01            Capodanno
2030-01-06            Epifania
2030-04-22            Lunedì dell'Angelo
2030-04-25            Festa della Liberazione
2030-05-01            Festa del Lavoro
2030-06-02            Festa della Repubblica
2030-08-15            Ferragosto
2030-10-04            San Francesco d'Assisi
2030-11-01            Ognissanti
2030-12-08            Immacolata Concezione
2030-12-25            Natale
2030-12-26            Santo Stefano
2031-01-01            Capodanno
2031-01-06            Epifania
2031-04-14            Lunedì dell'Angelo
2031-04-25            Festa della Liberazione
2031-05-01            Festa del Lavoro
2031-06-02            Festa della Repubblica
2031-08-15            Ferragosto
2031-10-04            San Francesco d'Assisi
2031-11-01            Ognissanti
2031-12-08            Immacolata Concezione
2031-12-25            Natale
2031-12-26            Santo Stefano
2032-01-01            Capodanno
2032-01-06            Epifania
2032-03-29            Lunedì dell'Angelo
2032-04-25            Festa della Liberazione
2032-05-01            Festa del Lavoro
2032-06-02            Festa della Repubblica
2032-08-15            Ferragosto
2032-10-04            San Francesco d'Assisi
2032-11-01            Ognissanti
2032-12-08            Immacolata Concezione
2032-12-25            Natale
2032-12-26            Santo Stefano
2033-01-01            Capodanno
2033-01-06            Epifania
2033-04-18            Lunedì dell'Angelo
2033-04-25            Festa della Liberazione
2033-05-01            Festa del Lavoro
2033-06-02            Festa della Repubblica
2033-08-15            Ferragosto
2033-10-04            San Francesco d'Assisi
2033-11-01            Ognissanti
2033-12-08            Immacolata Concezione
2033-12-25            Natale
2033-12-26            Santo Stefano
2034-01-01            Capodanno
2034-01-06            Epifania
2034-04-10            Lunedì dell'Angelo
2034-04-25            Festa della Liberazione
2034-05-01            Festa del Lavoro
2034-06-02            Festa della Repubblica
2034-08-15            Ferragosto
2034-10-04            San Francesco d'Assisi
2034-11-01            Ognissanti
2034-12-08            Immacolata Concezione
2034-12-25            Natale
2034-12-26            Santo Stefano
2035-01-01            Capodanno
2035-01-06            Epifania
2035-03-26            Lunedì dell'Angelo
2035-04-25            Festa della Liberazione
2035-05-01            Festa del Lavoro
2035-06-02            Festa della Repubblica
2035-08-15            Ferragosto
2035-10-04            San Francesco d'Assisi
2035-11-01            Ognissanti
2035-12-08            Immacolata Concezione
2035-12-25            Natale
2035-12-26            Santo Stefano
`

func TestIT_NationalPinned(t *testing.T) {
	want := pinned.Table(t, itPublished)
	got := slices.Collect(it.National().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), itMonFri))
	require.Equal(t, want, got)
}

// No substitute days: the actual date is always the observed one, also on
// weekends, for every year the set claims to be accurate.
func TestIT_NationalHasNoSubstitutes(t *testing.T) {
	for hol := range it.National().Occurrences(date.New(1990, 1, 1), date.New(2101, 1, 1), itMonFri) {
		assert.Equal(t, hol.Actual, hol.Observed, "%v", hol)
		assert.Equal(t, calendar.Closed, hol.Kind)
	}
}

func TestIT_NationalRoundTripsAsJSON(t *testing.T) {
	b, err := it.National().MarshalJSON()
	require.NoError(t, err)
	var back calendar.Holidays
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, it.National(), back)
}

var itMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

func Example_italy() {
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(it.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 10, 1), date.New(2027, 11, 2)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-10-04 Monday San Francesco d'Assisi
	// 2027-11-01 Monday Ognissanti
	// 254 working days in 2027
}
