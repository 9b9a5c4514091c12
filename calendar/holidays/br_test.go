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
	"github.com/go-itsm/itsm/calendar/holidays/br"
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
)

// brPublished is Brazil's national holidays, 2020 to 2035, in date order. It was expanded
// from the statutory definitions in the package doc by a separate program
// (Python, with dateutil's Easter), not by the rules under test, and the
// Easter dates agree with the published Easter tables.
var brPublished = `
2020-01-01            Confraternização Universal
2020-04-10            Paixão de Cristo
2020-04-21            Tiradentes
2020-05-01            Dia do Trabalho
2020-09-07            Independência do Brasil
2020-10-12            Nossa Senhora Aparecida
2020-11-02            Finados
2020-11-15            Proclamação da República
2020-12-25            Natal
2021-01-01            Confraternização Universal
2021-04-02            Paixão de Cristo
2021-04-21            Tiradentes
2021-05-01            Dia do Trabalho
2021-09-07            Independência do Brasil
2021-10-12            Nossa Senhora Aparecida
2021-11-02            Finados
2021-11-15            Proclamação da República
2021-12-25            Natal
2022-01-01            Confraternização Universal
2022-04-15            Paixão de Cristo
2022-04-21            Tiradentes
2022-05-01            Dia do Trabalho
2022-09-07            Independência do Brasil
2022-10-12            Nossa Senhora Aparecida
2022-11-02            Finados
2022-11-15            Proclamação da República
2022-12-25            Natal
2023-01-01            Confraternização Universal
2023-04-07            Paixão de Cristo
2023-04-21            Tiradentes
2023-05-01            Dia do Trabalho
2023-09-07            Independência do Brasil
2023-10-12            Nossa Senhora Aparecida
2023-11-02            Finados
2023-11-15            Proclamação da República
2023-12-25            Natal
2024-01-01            Confraternização Universal
2024-03-29            Paixão de Cristo
2024-04-21            Tiradentes
2024-05-01            Dia do Trabalho
2024-09-07            Independência do Brasil
2024-10-12            Nossa Senhora Aparecida
2024-11-02            Finados
2024-11-15            Proclamação da República
2024-11-20            Dia Nacional de Zumbi e da Consciência Negra
2024-12-25            Natal
2025-01-01            Confraternização Universal
2025-04-18            Paixão de Cristo
2025-04-21            Tiradentes
2025-05-01            Dia do Trabalho
2025-09-07            Independência do Brasil
2025-10-12            Nossa Senhora Aparecida
2025-11-02            Finados
2025-11-15            Proclamação da República
2025-11-20            Dia Nacional de Zumbi e da Consciência Negra
2025-12-25            Natal
2026-01-01            Confraternização Universal
2026-04-03            Paixão de Cristo
2026-04-21            Tiradentes
2026-05-01            Dia do Trabalho
2026-09-07            Independência do Brasil
2026-10-12            Nossa Senhora Aparecida
2026-11-02            Finados
2026-11-15            Proclamação da República
2026-11-20            Dia Nacional de Zumbi e da Consciência Negra
2026-12-25            Natal
2027-01-01            Confraternização Universal
2027-03-26            Paixão de Cristo
2027-04-21            Tiradentes
2027-05-01            Dia do Trabalho
2027-09-07            Independência do Brasil
2027-10-12            Nossa Senhora Aparecida
2027-11-02            Finados
2027-11-15            Proclamação da República
2027-11-20            Dia Nacional de Zumbi e da Consciência Negra
2027-12-25            Natal
2028-01-01            Confraternização Universal
2028-04-14            Paixão de Cristo
2028-04-21            Tiradentes
2028-05-01            Dia do Trabalho
2028-09-07            Independência do Brasil
2028-10-12            Nossa Senhora Aparecida
2028-11-02            Finados
2028-11-15            Proclamação da República
2028-11-20            Dia Nacional de Zumbi e da Consciência Negra
2028-12-25            Natal
2029-01-01            Confraternização Universal
2029-03-30            Paixão de Cristo
2029-04-21            Tiradentes
2029-05-01            Dia do Trabalho
2029-09-07            Independência do Brasil
2029-10-12            Nossa Senhora Aparecida
2029-11-02            Finados
2029-11-15            Proclamação da República
2029-11-20            Dia Nacional de Zumbi e da Consciência Negra
2029-12-25            Natal
2030-01-01            Confraternização Universal
2030-04-19            Paixão de Cristo
2030-04-21            Tiradentes
2030-05-01            Dia do Trabalho
2030-09-07            Independência do Brasil
2030-10-12            Nossa Senhora Aparecida
2030-11-02            Finados
2030-11-15            Proclamação da República
2030-11-20            Dia Nacional de Zumbi e da Consciência Negra
2030-12-25            Natal
2031-01-01            Confraternização Universal
2031-04-11            Paixão de Cristo
2031-04-21            Tiradentes
2031-05-01            Dia do Trabalho
2031-09-07            Independência do Brasil
2031-10-12            Nossa Senhora Aparecida
2031-11-02            Finados
2031-11-15            Proclamação da República
2031-11-20            Dia Nacional de Zumbi e da Consciência Negra
2031-12-25            Natal
2032-01-01            Confraternização Universal
2032-03-26            Paixão de Cristo
2032-04-21            Tiradentes
2032-05-01            Dia do Trabalho
2032-09-07            Independência do Brasil
2032-10-12            Nossa Senhora Aparecida
2032-11-02            Finados
2032-11-15            Proclamação da República
2032-11-20            Dia Nacional de Zumbi e da Consciência Negra
2032-12-25            Natal
2033-01-01            Confraternização Universal
2033-04-15            Paixão de Cristo
2033-04-21            Tiradentes
2033-05-01            Dia do Trabalho
2033-09-07            Independência do Brasil
2033-10-12            Nossa Senhora Aparecida
2033-11-02            Finados
2033-11-15            Proclamação da República
2033-11-20            Dia Nacional de Zumbi e da Consciência Negra
2033-12-25            Natal
2034-01-01            Confraternização Universal
2034-04-07            Paixão de Cristo
2034-04-21            Tiradentes
2034-05-01            Dia do Trabalho
2034-09-07            Independência do Brasil
2034-10-12            Nossa Senhora Aparecida
2034-11-02            Finados
2034-11-15            Proclamação da República
2034-11-20            Dia Nacional de Zumbi e da Consciência Negra
2034-12-25            Natal
2035-01-01            Confraternização Universal
2035-03-23            Paixão de Cristo
2035-04-21            Tiradentes
2035-05-01            Dia do Trabalho
2035-09-07            Independência do Brasil
2035-10-12            Nossa Senhora Aparecida
2035-11-02            Finados
2035-11-15            Proclamação da República
2035-11-20            Dia Nacional de Zumbi e da Consciência Negra
2035-12-25            Natal
`

func TestBR_NationalPinned(t *testing.T) {
	want := pinned.Table(t, brPublished)
	got := slices.Collect(br.National().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), brMonFri))
	require.Equal(t, want, got)
}

// No substitute days: the actual date is always the observed one, also on
// weekends, for every year the set claims to be accurate.
func TestBR_NationalHasNoSubstitutes(t *testing.T) {
	for hol := range br.National().Occurrences(date.New(2005, 1, 1), date.New(2101, 1, 1), brMonFri) {
		assert.Equal(t, hol.Actual, hol.Observed, "%v", hol)
		assert.Equal(t, calendar.Closed, hol.Kind)
	}
}

func TestBR_NationalRoundTripsAsJSON(t *testing.T) {
	b, err := br.National().MarshalJSON()
	require.NoError(t, err)
	var back calendar.Holidays
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, br.National(), back)
}

var brMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

func Example_brazil() {
	loc, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(br.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 11, 1), date.New(2027, 12, 1)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-11-02 Tuesday Finados
	// 2027-11-15 Monday Proclamação da República
	// 2027-11-20 Saturday Dia Nacional de Zumbi e da Consciência Negra
	// 254 working days in 2027
}
