package holidays_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/in"
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inGazetted is the fourteen compulsory holidays of the central government,
// 2020 to 2026, on the dates of Annexure I of the DoPT's yearly office
// memoranda (the package doc lists them), as amended (Muharram 2021 moved
// from 19 to 20 August). The dates were read from the published lists, at
// least two copies a year, and typed here independently of the package's
// table; Good Friday was checked against dateutil's Easter.
var inGazetted = `
2020-01-26            Republic Day
2020-04-06            Mahavir Jayanti
2020-04-10            Good Friday
2020-05-07            Buddha Purnima
2020-05-25            Idu'l Fitr
2020-08-01            Idu'l Zuha (Bakrid)
2020-08-15            Independence Day
2020-08-30            Muharram
2020-10-02            Mahatma Gandhi's Birthday
2020-10-25            Dussehra (Vijay Dashmi)
2020-10-30            Prophet Mohammad's Birthday (Id-e-Milad)
2020-11-14            Diwali (Deepavali)
2020-11-30            Guru Nanak's Birthday
2020-12-25            Christmas Day
2021-01-26            Republic Day
2021-04-02            Good Friday
2021-04-25            Mahavir Jayanti
2021-05-14            Idu'l Fitr
2021-05-26            Buddha Purnima
2021-07-21            Idu'l Zuha (Bakrid)
2021-08-15            Independence Day
2021-08-20            Muharram
2021-10-02            Mahatma Gandhi's Birthday
2021-10-15            Dussehra (Vijay Dashmi)
2021-10-19            Prophet Mohammad's Birthday (Id-e-Milad)
2021-11-04            Diwali (Deepavali)
2021-11-19            Guru Nanak's Birthday
2021-12-25            Christmas Day
2022-01-26            Republic Day
2022-04-14            Mahavir Jayanti
2022-04-15            Good Friday
2022-05-03            Idu'l Fitr
2022-05-16            Buddha Purnima
2022-07-10            Idu'l Zuha (Bakrid)
2022-08-09            Muharram
2022-08-15            Independence Day
2022-10-02            Mahatma Gandhi's Birthday
2022-10-05            Dussehra (Vijay Dashmi)
2022-10-09            Prophet Mohammad's Birthday (Id-e-Milad)
2022-10-24            Diwali (Deepavali)
2022-11-08            Guru Nanak's Birthday
2022-12-25            Christmas Day
2023-01-26            Republic Day
2023-04-04            Mahavir Jayanti
2023-04-07            Good Friday
2023-04-22            Idu'l Fitr
2023-05-05            Buddha Purnima
2023-06-29            Idu'l Zuha (Bakrid)
2023-07-29            Muharram
2023-08-15            Independence Day
2023-09-28            Prophet Mohammad's Birthday (Id-e-Milad)
2023-10-02            Mahatma Gandhi's Birthday
2023-10-24            Dussehra (Vijay Dashmi)
2023-11-12            Diwali (Deepavali)
2023-11-27            Guru Nanak's Birthday
2023-12-25            Christmas Day
2024-01-26            Republic Day
2024-03-29            Good Friday
2024-04-11            Idu'l Fitr
2024-04-21            Mahavir Jayanti
2024-05-23            Buddha Purnima
2024-06-17            Idu'l Zuha (Bakrid)
2024-07-17            Muharram
2024-08-15            Independence Day
2024-09-16            Prophet Mohammad's Birthday (Id-e-Milad)
2024-10-02            Mahatma Gandhi's Birthday
2024-10-12            Dussehra (Vijay Dashmi)
2024-10-31            Diwali (Deepavali)
2024-11-15            Guru Nanak's Birthday
2024-12-25            Christmas Day
2025-01-26            Republic Day
2025-03-31            Idu'l Fitr
2025-04-10            Mahavir Jayanti
2025-04-18            Good Friday
2025-05-12            Buddha Purnima
2025-06-07            Idu'l Zuha (Bakrid)
2025-07-06            Muharram
2025-08-15            Independence Day
2025-09-05            Prophet Mohammad's Birthday (Id-e-Milad)
2025-10-02            Mahatma Gandhi's Birthday
2025-10-02            Dussehra (Vijay Dashmi)
2025-10-20            Diwali (Deepavali)
2025-11-05            Guru Nanak's Birthday
2025-12-25            Christmas Day
2026-01-26            Republic Day
2026-03-21            Idu'l Fitr
2026-03-31            Mahavir Jayanti
2026-04-03            Good Friday
2026-05-01            Buddha Purnima
2026-05-27            Idu'l Zuha (Bakrid)
2026-06-26            Muharram
2026-08-15            Independence Day
2026-08-26            Prophet Mohammad's Birthday (Id-e-Milad)
2026-10-02            Mahatma Gandhi's Birthday
2026-10-20            Dussehra (Vijay Dashmi)
2026-11-08            Diwali (Deepavali)
2026-11-24            Guru Nanak's Birthday
2026-12-25            Christmas Day
`

// inDelhiExtra is the three further holidays of Annexure I for the offices
// in Delhi/New Delhi, from the same lists.
var inDelhiExtra = `
2020-03-10            Holi
2020-04-02            Ram Navami
2020-08-12            Janmashtami
2021-03-29            Holi
2021-04-21            Ram Navami
2021-08-30            Janmashtami
2022-03-01            Maha Shivaratri
2022-03-18            Holi
2022-08-19            Janmashtami
2023-03-08            Holi
2023-03-30            Ram Navami
2023-09-07            Janmashtami
2024-03-25            Holi
2024-04-17            Ram Navami
2024-08-26            Janmashtami
2025-02-26            Maha Shivaratri
2025-03-14            Holi
2025-08-16            Janmashtami
2026-03-04            Holi
2026-03-26            Ram Navami
2026-09-04            Janmashtami
`

// inFullDays returns the full-day holidays of h in [from, to).
func inFullDays(h calendar.Holidays, from, to date.Date) []calendar.Holiday {
	var out []calendar.Holiday
	for hol := range h.Occurrences(from, to, inMonFri) {
		if hol.Kind == calendar.Closed {
			out = append(out, hol)
		}
	}
	return out
}

func TestIN_CentralGovernmentPinned(t *testing.T) {
	h, err := in.CentralGovernment(in.GazettedYears())
	require.NoError(t, err)
	assert.Equal(t, pinned.Table(t, inGazetted), inFullDays(h, date.New(2020, 1, 1), date.New(2027, 1, 1)))
	for y := 2020; y <= 2026; y++ {
		n := 0
		for range h.Occurrences(date.New(y, 1, 1), date.New(y+1, 1, 1), inMonFri) {
			n++
		}
		want := 14
		if y == 2024 {
			want++ // the half day of 22 January
		}
		assert.Equal(t, want, n, "holidays in %d", y)
	}
}

func TestIN_DelhiPinned(t *testing.T) {
	h, err := in.Delhi(2020, 2026)
	require.NoError(t, err)
	want := append(pinned.Table(t, inGazetted), pinned.Table(t, inDelhiExtra)...)
	slices.SortStableFunc(want, func(a, b calendar.Holiday) int { return int(a.Observed - b.Observed) })
	assert.Equal(t, want, inFullDays(h, date.New(2020, 1, 1), date.New(2027, 1, 1)))
}

// The offices closed until 14:30 on 22 January 2024 (OM F.No.12/7/2023-JCA).
func TestIN_HalfDay2024(t *testing.T) {
	h, err := in.CentralGovernment(2024, 2024)
	require.NoError(t, err)
	hol, ok := h.On(date.New(2024, 1, 22), inMonFri)
	require.True(t, ok)
	assert.Equal(t, calendar.ClosedDuring, hol.Kind)
	assert.Equal(t, []calendar.Span{{Start: 0, End: calendar.Clock(14, 30, 0)}}, hol.Hours)
	loc, err := time.LoadLocation("Asia/Kolkata")
	require.NoError(t, err)
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:30-18:00"), calendar.WithExceptions(h))
	require.NoError(t, err)
	open := cal.Between(date.New(2024, 1, 22).MidnightIn(loc), date.New(2024, 1, 23).MidnightIn(loc))
	assert.Equal(t, "3h30m0s", open.String(), "open from 14:30 to 18:00")
}

// A range that reaches a year without a DoPT list is refused, naming the
// argument; the set never silently lacks the lunar holidays.
func TestIN_NotGazetted(t *testing.T) {
	first, last := in.GazettedYears()
	for _, c := range []struct {
		first, last int
		sentinel    error
		msg         string
	}{
		{2026, 2027, in.ErrNotGazetted, `in: last "2027": no DoPT holiday list for this year in this package (it has 2020 to 2026)`},
		{2019, 2020, in.ErrNotGazetted, `in: first "2019": no DoPT holiday list for this year in this package (it has 2020 to 2026)`},
		{2030, 2030, in.ErrNotGazetted, `in: first "2030": no DoPT holiday list for this year in this package (it has 2020 to 2026)`},
		{-5, 1 << 40, in.ErrNotGazetted, `in: first "-5": no DoPT holiday list`},
		{2025, 2024, in.ErrInvalidYears, `in: last "2024": is before first 2025`},
	} {
		for _, f := range []func(int, int) (calendar.Holidays, error){in.CentralGovernment, in.Delhi} {
			h, err := f(c.first, c.last)
			require.Error(t, err, "%d-%d", c.first, c.last)
			assert.ErrorIs(t, err, c.sentinel)
			assert.Equal(t, c.sentinel == in.ErrNotGazetted, errors.Is(err, calendar.ErrOutOfRange))
			var fe *calendar.FieldError
			require.ErrorAs(t, err, &fe)
			assert.True(t, strings.HasPrefix(err.Error(), c.msg), "%s", err)
			assert.Empty(t, h.Rules())
		}
	}
	assert.Equal(t, [2]int{2020, 2026}, [2]int{first, last})
}

// Outside the range asked for, the set has no holiday at all: not the
// by-rule days without the lunar ones.
func TestIN_CentralGovernmentOnlyInRange(t *testing.T) {
	h, err := in.CentralGovernment(2023, 2024)
	require.NoError(t, err)
	var years []int
	for hol := range h.Occurrences(date.New(2000, 1, 1), date.New(2100, 1, 1), inMonFri) {
		if y := hol.Observed.Year(); !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	assert.Equal(t, []int{2023, 2024}, years)
	b, err := h.MarshalJSON()
	require.NoError(t, err)
	var back calendar.Holidays
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, h, back)
}

// National is the three national days in every year from 1950.
func TestIN_NationalPinned(t *testing.T) {
	var b strings.Builder
	for y := 2020; y <= 2035; y++ {
		fmt.Fprintf(&b, "%d-01-26 Republic Day\n%d-08-15 Independence Day\n%d-10-02 Mahatma Gandhi's Birthday\n", y, y, y)
	}
	got := slices.Collect(in.National().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), inMonFri))
	assert.Equal(t, pinned.Table(t, b.String()), got)
	before := slices.Collect(in.National().Occurrences(date.New(1900, 1, 1), date.New(1950, 1, 1), inMonFri))
	assert.Empty(t, before)
}

var inMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

// A service desk for central government offices in Delhi plans with the
// years the DoPT has gazetted; a year beyond them is refused, not
// half-filled.
func Example_indiaDelhi() {
	first, last := in.GazettedYears()
	holidays, err := in.Delhi(first, last)
	if err != nil {
		panic(err)
	}
	loc, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:30"), calendar.WithExceptions(holidays))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2026, 10, 1), date.New(2026, 12, 1)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}

	_, err = in.Delhi(2026, 2027)
	fmt.Println(err)
	fmt.Println(errors.Is(err, in.ErrNotGazetted))
	// Output:
	// 2026-10-02 Friday Mahatma Gandhi's Birthday
	// 2026-10-20 Tuesday Dussehra (Vijay Dashmi)
	// 2026-11-08 Sunday Diwali (Deepavali)
	// 2026-11-24 Tuesday Guru Nanak's Birthday
	// in: last "2027": no DoPT holiday list for this year in this package (it has 2020 to 2026)
	// true
}

// The three national holidays need no gazette: they hold every year.
func Example_india() {
	week := calendar.MustParseWeek("Mon-Fri 09:00-17:30")
	for hol := range in.National().Occurrences(date.New(2030, 1, 1), date.New(2031, 1, 1), week) {
		fmt.Println(hol.Observed, hol.Name)
	}
	// Output:
	// 2030-01-26 Republic Day
	// 2030-08-15 Independence Day
	// 2030-10-02 Mahatma Gandhi's Birthday
}
