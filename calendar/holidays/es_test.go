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
	"github.com/go-itsm/itsm/calendar/holidays/es"
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
)

// esPublished is Spain's national public holidays, 2020 to 2035, in date order. It was expanded
// from the statutory definitions in the package doc by a separate program
// (Python, with dateutil's Easter), not by the rules under test, and the
// Easter dates agree with the published Easter tables.
var esPublished = `
2020-01-01            Año Nuevo
2020-01-06            Epifanía del Señor
2020-04-10            Viernes Santo
2020-05-01            Fiesta del Trabajo
2020-08-15            Asunción de la Virgen
2020-10-12            Fiesta Nacional de España
2020-11-01            Todos los Santos
2020-12-06            Día de la Constitución
2020-12-08            Inmaculada Concepción
2020-12-25            Natividad del Señor
2021-01-01            Año Nuevo
2021-01-06            Epifanía del Señor
2021-04-02            Viernes Santo
2021-05-01            Fiesta del Trabajo
2021-08-15            Asunción de la Virgen
2021-10-12            Fiesta Nacional de España
2021-11-01            Todos los Santos
2021-12-06            Día de la Constitución
2021-12-08            Inmaculada Concepción
2021-12-25            Natividad del Señor
2022-01-01            Año Nuevo
2022-01-06            Epifanía del Señor
2022-04-15            Viernes Santo
2022-05-01            Fiesta del Trabajo
2022-08-15            Asunción de la Virgen
2022-10-12            Fiesta Nacional de España
2022-11-01            Todos los Santos
2022-12-06            Día de la Constitución
2022-12-08            Inmaculada Concepción
2022-12-25            Natividad del Señor
2023-01-01            Año Nuevo
2023-01-06            Epifanía del Señor
2023-04-07            Viernes Santo
2023-05-01            Fiesta del Trabajo
2023-08-15            Asunción de la Virgen
2023-10-12            Fiesta Nacional de España
2023-11-01            Todos los Santos
2023-12-06            Día de la Constitución
2023-12-08            Inmaculada Concepción
2023-12-25            Natividad del Señor
2024-01-01            Año Nuevo
2024-01-06            Epifanía del Señor
2024-03-29            Viernes Santo
2024-05-01            Fiesta del Trabajo
2024-08-15            Asunción de la Virgen
2024-10-12            Fiesta Nacional de España
2024-11-01            Todos los Santos
2024-12-06            Día de la Constitución
2024-12-08            Inmaculada Concepción
2024-12-25            Natividad del Señor
2025-01-01            Año Nuevo
2025-01-06            Epifanía del Señor
2025-04-18            Viernes Santo
2025-05-01            Fiesta del Trabajo
2025-08-15            Asunción de la Virgen
2025-10-12            Fiesta Nacional de España
2025-11-01            Todos los Santos
2025-12-06            Día de la Constitución
2025-12-08            Inmaculada Concepción
2025-12-25            Natividad del Señor
2026-01-01            Año Nuevo
2026-01-06            Epifanía del Señor
2026-04-03            Viernes Santo
2026-05-01            Fiesta del Trabajo
2026-08-15            Asunción de la Virgen
2026-10-12            Fiesta Nacional de España
2026-11-01            Todos los Santos
2026-12-06            Día de la Constitución
2026-12-08            Inmaculada Concepción
2026-12-25            Natividad del Señor
2027-01-01            Año Nuevo
2027-01-06            Epifanía del Señor
2027-03-26            Viernes Santo
2027-05-01            Fiesta del Trabajo
2027-08-15            Asunción de la Virgen
2027-10-12            Fiesta Nacional de España
2027-11-01            Todos los Santos
2027-12-06            Día de la Constitución
2027-12-08            Inmaculada Concepción
2027-12-25            Natividad del Señor
2028-01-01            Año Nuevo
2028-01-06            Epifanía del Señor
2028-04-14            Viernes Santo
2028-05-01            Fiesta del Trabajo
2028-08-15            Asunción de la Virgen
2028-10-12            Fiesta Nacional de España
2028-11-01            Todos los Santos
2028-12-06            Día de la Constitución
2028-12-08            Inmaculada Concepción
2028-12-25            Natividad del Señor
2029-01-01            Año Nuevo
2029-01-06            Epifanía del Señor
2029-03-30            Viernes Santo
2029-05-01            Fiesta del Trabajo
2029-08-15            Asunción de la Virgen
2029-10-12            Fiesta Nacional de España
2029-11-01            Todos los Santos
2029-12-06            Día de la Constitución
2029-12-08            Inmaculada Concepción
2029-12-25            Natividad del Señor
2030-01-01            Año Nuevo
2030-01-06            Epifanía del Señor
2030-04-19            Viernes Santo
2030-05-01            Fiesta del Trabajo
2030-08-15            Asunción de la Virgen
2030-10-12            Fiesta Nacional de España
2030-11-01            Todos los Santos
2030-12-06            Día de la Constitución
2030-12-08            Inmaculada Concepción
2030-12-25            Natividad del Señor
2031-01-01            Año Nuevo
2031-01-06            Epifanía del Señor
2031-04-11            Viernes Santo
2031-05-01            Fiesta del Trabajo
2031-08-15            Asunción de la Virgen
2031-10-12            Fiesta Nacional de España
2031-11-01            Todos los Santos
2031-12-06            Día de la Constitución
2031-12-08            Inmaculada Concepción
2031-12-25            Natividad del Señor
2032-01-01            Año Nuevo
2032-01-06            Epifanía del Señor
2032-03-26            Viernes Santo
2032-05-01            Fiesta del Trabajo
2032-08-15            Asunción de la Virgen
2032-10-12            Fiesta Nacional de España
2032-11-01            Todos los Santos
2032-12-06            Día de la Constitución
2032-12-08            Inmaculada Concepción
2032-12-25            Natividad del Señor
2033-01-01            Año Nuevo
2033-01-06            Epifanía del Señor
2033-04-15            Viernes Santo
2033-05-01            Fiesta del Trabajo
2033-08-15            Asunción de la Virgen
2033-10-12            Fiesta Nacional de España
2033-11-01            Todos los Santos
2033-12-06            Día de la Constitución
2033-12-08            Inmaculada Concepción
2033-12-25            Natividad del Señor
2034-01-01            Año Nuevo
2034-01-06            Epifanía del Señor
2034-04-07            Viernes Santo
2034-05-01            Fiesta del Trabajo
2034-08-15            Asunción de la Virgen
2034-10-12            Fiesta Nacional de España
2034-11-01            Todos los Santos
2034-12-06            Día de la Constitución
2034-12-08            Inmaculada Concepción
2034-12-25            Natividad del Señor
2035-01-01            Año Nuevo
2035-01-06            Epifanía del Señor
2035-03-23            Viernes Santo
2035-05-01            Fiesta del Trabajo
2035-08-15            Asunción de la Virgen
2035-10-12            Fiesta Nacional de España
2035-11-01            Todos los Santos
2035-12-06            Día de la Constitución
2035-12-08            Inmaculada Concepción
2035-12-25            Natividad del Señor
`

func TestES_NationalPinned(t *testing.T) {
	want := pinned.Table(t, esPublished)
	got := slices.Collect(es.National().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), esMonFri))
	require.Equal(t, want, got)
}

// No substitute days: the actual date is always the observed one, also on
// weekends, for every year the set claims to be accurate.
func TestES_NationalHasNoSubstitutes(t *testing.T) {
	for hol := range es.National().Occurrences(date.New(2005, 1, 1), date.New(2101, 1, 1), esMonFri) {
		assert.Equal(t, hol.Actual, hol.Observed, "%v", hol)
		assert.Equal(t, calendar.Closed, hol.Kind)
	}
}

func TestES_NationalRoundTripsAsJSON(t *testing.T) {
	b, err := es.National().MarshalJSON()
	require.NoError(t, err)
	var back calendar.Holidays
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, es.National(), back)
}

var esMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

func Example_spain() {
	loc, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(es.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 10, 1), date.New(2027, 12, 31)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-10-12 Tuesday Fiesta Nacional de España
	// 2027-11-01 Monday Todos los Santos
	// 2027-12-06 Monday Día de la Constitución
	// 2027-12-08 Wednesday Inmaculada Concepción
	// 2027-12-25 Saturday Natividad del Señor
	// 254 working days in 2027
}
