package holidays_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/de"
)

// deNational lists the holidays of every German state, 2020 to 2030, from the
// published holiday calendars of the federal Ministry of the Interior
// (typed, not computed).
var deNational = `
2020-01-01 Neujahr
2020-04-10 Karfreitag
2020-04-13 Ostermontag
2020-05-01 Tag der Arbeit
2020-05-21 Christi Himmelfahrt
2020-06-01 Pfingstmontag
2020-10-03 Tag der Deutschen Einheit
2020-12-25 1. Weihnachtstag
2020-12-26 2. Weihnachtstag
2021-01-01 Neujahr
2021-04-02 Karfreitag
2021-04-05 Ostermontag
2021-05-01 Tag der Arbeit
2021-05-13 Christi Himmelfahrt
2021-05-24 Pfingstmontag
2021-10-03 Tag der Deutschen Einheit
2021-12-25 1. Weihnachtstag
2021-12-26 2. Weihnachtstag
2022-01-01 Neujahr
2022-04-15 Karfreitag
2022-04-18 Ostermontag
2022-05-01 Tag der Arbeit
2022-05-26 Christi Himmelfahrt
2022-06-06 Pfingstmontag
2022-10-03 Tag der Deutschen Einheit
2022-12-25 1. Weihnachtstag
2022-12-26 2. Weihnachtstag
2023-01-01 Neujahr
2023-04-07 Karfreitag
2023-04-10 Ostermontag
2023-05-01 Tag der Arbeit
2023-05-18 Christi Himmelfahrt
2023-05-29 Pfingstmontag
2023-10-03 Tag der Deutschen Einheit
2023-12-25 1. Weihnachtstag
2023-12-26 2. Weihnachtstag
2024-01-01 Neujahr
2024-03-29 Karfreitag
2024-04-01 Ostermontag
2024-05-01 Tag der Arbeit
2024-05-09 Christi Himmelfahrt
2024-05-20 Pfingstmontag
2024-10-03 Tag der Deutschen Einheit
2024-12-25 1. Weihnachtstag
2024-12-26 2. Weihnachtstag
2025-01-01 Neujahr
2025-04-18 Karfreitag
2025-04-21 Ostermontag
2025-05-01 Tag der Arbeit
2025-05-29 Christi Himmelfahrt
2025-06-09 Pfingstmontag
2025-10-03 Tag der Deutschen Einheit
2025-12-25 1. Weihnachtstag
2025-12-26 2. Weihnachtstag
2026-01-01 Neujahr
2026-04-03 Karfreitag
2026-04-06 Ostermontag
2026-05-01 Tag der Arbeit
2026-05-14 Christi Himmelfahrt
2026-05-25 Pfingstmontag
2026-10-03 Tag der Deutschen Einheit
2026-12-25 1. Weihnachtstag
2026-12-26 2. Weihnachtstag
2027-01-01 Neujahr
2027-03-26 Karfreitag
2027-03-29 Ostermontag
2027-05-01 Tag der Arbeit
2027-05-06 Christi Himmelfahrt
2027-05-17 Pfingstmontag
2027-10-03 Tag der Deutschen Einheit
2027-12-25 1. Weihnachtstag
2027-12-26 2. Weihnachtstag
2028-01-01 Neujahr
2028-04-14 Karfreitag
2028-04-17 Ostermontag
2028-05-01 Tag der Arbeit
2028-05-25 Christi Himmelfahrt
2028-06-05 Pfingstmontag
2028-10-03 Tag der Deutschen Einheit
2028-12-25 1. Weihnachtstag
2028-12-26 2. Weihnachtstag
2029-01-01 Neujahr
2029-03-30 Karfreitag
2029-04-02 Ostermontag
2029-05-01 Tag der Arbeit
2029-05-10 Christi Himmelfahrt
2029-05-21 Pfingstmontag
2029-10-03 Tag der Deutschen Einheit
2029-12-25 1. Weihnachtstag
2029-12-26 2. Weihnachtstag
2030-01-01 Neujahr
2030-04-19 Karfreitag
2030-04-22 Ostermontag
2030-05-01 Tag der Arbeit
2030-05-30 Christi Himmelfahrt
2030-06-10 Pfingstmontag
2030-10-03 Tag der Deutschen Einheit
2030-12-25 1. Weihnachtstag
2030-12-26 2. Weihnachtstag
`

// deMoveable are the dates of the state holidays that move, typed from the
// published calendars: Ostersonntag, Pfingstsonntag, Fronleichnam and Buß-
// und Bettag, 2020 to 2030.
var deMoveable = map[string][]string{
	"Ostersonntag":    {"2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21"},
	"Pfingstsonntag":  {"2020-05-31", "2021-05-23", "2022-06-05", "2023-05-28", "2024-05-19", "2025-06-08", "2026-05-24", "2027-05-16", "2028-06-04", "2029-05-20", "2030-06-09"},
	"Fronleichnam":    {"2020-06-11", "2021-06-03", "2022-06-16", "2023-06-08", "2024-05-30", "2025-06-19", "2026-06-04", "2027-05-27", "2028-06-15", "2029-05-31", "2030-06-20"},
	"Buß- und Bettag": {"2020-11-18", "2021-11-17", "2022-11-16", "2023-11-22", "2024-11-20", "2025-11-19", "2026-11-18", "2027-11-17", "2028-11-22", "2029-11-21", "2030-11-20"},
}

// deFixed are the state holidays on fixed days, with the first year they
// count from.
var deFixed = map[string]struct {
	monthDay string
	from     int
}{
	"Heilige Drei Könige":       {"01-06", 0},
	"Internationaler Frauentag": {"03-08", 0},
	"Mariä Himmelfahrt":         {"08-15", 0},
	"Weltkindertag":             {"09-20", 2019},
	"Reformationstag":           {"10-31", 0},
	"Allerheiligen":             {"11-01", 0},
}

// deExtras are each state's own holidays under the state's laws.
var deExtras = map[string][]string{
	"BW": {"Heilige Drei Könige", "Fronleichnam", "Allerheiligen"},
	"BY": {"Heilige Drei Könige", "Fronleichnam", "Allerheiligen"},
	"BE": {"Internationaler Frauentag", "2020-05-08 Tag der Befreiung", "2025-05-08 Tag der Befreiung"},
	"BB": {"Ostersonntag", "Pfingstsonntag", "Reformationstag"},
	"HB": {"Reformationstag"},
	"HH": {"Reformationstag"},
	"HE": {"Fronleichnam"},
	"MV": {"Reformationstag", "2023-03-08 Internationaler Frauentag", "2024-03-08 Internationaler Frauentag", "2025-03-08 Internationaler Frauentag", "2026-03-08 Internationaler Frauentag", "2027-03-08 Internationaler Frauentag", "2028-03-08 Internationaler Frauentag", "2029-03-08 Internationaler Frauentag", "2030-03-08 Internationaler Frauentag"},
	"NI": {"Reformationstag"},
	"NW": {"Fronleichnam", "Allerheiligen"},
	"RP": {"Fronleichnam", "Allerheiligen"},
	"SL": {"Fronleichnam", "Mariä Himmelfahrt", "Allerheiligen"},
	"SN": {"Reformationstag", "Buß- und Bettag"},
	"ST": {"Heilige Drei Könige", "Reformationstag"},
	"SH": {"Reformationstag"},
	"TH": {"Weltkindertag", "Reformationstag"},
}

type deDay struct {
	date date.Date
	name string
}

func deParse(t *testing.T, s string) deDay {
	d, err := date.ParseISO(s[:10])
	require.NoError(t, err, s)
	return deDay{d, s[11:]}
}

func deExpand(t *testing.T, name string) []deDay {
	if len(name) > 10 && name[4] == '-' && name[10] == ' ' {
		return []deDay{deParse(t, name)}
	}
	var out []deDay
	if dates, ok := deMoveable[name]; ok {
		for _, s := range dates {
			out = append(out, deParse(t, s+" "+name))
		}
		return out
	}
	f, ok := deFixed[name]
	require.True(t, ok, name)
	for y := max(2020, f.from); y <= 2030; y++ {
		out = append(out, deParse(t, fmt.Sprintf("%d-%s %s", y, f.monthDay, name)))
	}
	return out
}

var deMonFri = calendar.MustParseWeek("Mon-Fri 08:00-17:00")

func deOccurrences(t *testing.T, h calendar.Holidays) []deDay {
	var out []deDay
	for hol := range h.Occurrences(date.New(2020, 1, 1), date.New(2031, 1, 1), deMonFri) {
		assert.Equal(t, hol.Actual, hol.Observed, "German holidays do not move")
		assert.Equal(t, calendar.Closed, hol.Kind)
		out = append(out, deDay{hol.Actual, hol.Name})
	}
	return out
}

func deNationalDays(t *testing.T) []deDay {
	var out []deDay
	for _, line := range strings.Split(strings.TrimSpace(deNational), "\n") {
		out = append(out, deParse(t, line))
	}
	return out
}

func TestDE_EveryNationalHoliday2020To2030(t *testing.T) {
	assert.Equal(t, deNationalDays(t), deOccurrences(t, de.National()))
}

func TestDE_EveryStateHoliday2020To2030(t *testing.T) {
	for code, own := range deExtras {
		t.Run(code, func(t *testing.T) {
			want := deNationalDays(t)
			for _, name := range own {
				want = append(want, deExpand(t, name)...)
			}
			slices.SortStableFunc(want, func(a, b deDay) int { return int(a.date - b.date) })
			h, err := de.State(code)
			require.NoError(t, err)
			got := deOccurrences(t, h)
			assert.ElementsMatch(t, want, got)
			assert.True(t, slices.IsSortedFunc(got, func(a, b deDay) int { return int(a.date - b.date) }))
		})
	}
}

func TestDE_ReformationDay2017(t *testing.T) {
	names := func(h calendar.Holidays) []string {
		var out []string
		for hol := range h.Occurrences(date.New(2017, 10, 31), date.New(2017, 11, 1), deMonFri) {
			out = append(out, hol.Name)
		}
		return out
	}
	assert.Equal(t, []string{"Reformationstag"}, names(de.National()), "national in 2017 only")
	for code := range deExtras {
		h, err := de.State(code)
		require.NoError(t, err)
		assert.Equal(t, []string{"Reformationstag"}, names(h), "%s: once, whatever the state", code)
	}
	assert.Empty(t, func() []string {
		var out []string
		for hol := range de.National().Occurrences(date.New(2018, 10, 31), date.New(2018, 11, 1), deMonFri) {
			out = append(out, hol.Name)
		}
		return out
	}())
}

func TestDE_StateCodes(t *testing.T) {
	a, err := de.State("de-by")
	require.NoError(t, err)
	b, err := de.State("BY")
	require.NoError(t, err)
	assert.Equal(t, a, b)
	_, err = de.State("XX")
	var fe *calendar.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "state", fe.Path)
	assert.ErrorIs(t, err, calendar.ErrUnknownName)
	assert.Contains(t, err.Error(), `calendar: state "XX": not an ISO 3166-2 code of a German state (known: BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, RP, SH, SL, SN, ST, TH)`)
	assert.Len(t, deExtras, 16)
}

func TestDE_RepentanceDayBefore1995(t *testing.T) {
	h, ok := de.National().On(date.New(1994, 11, 16), deMonFri)
	require.True(t, ok)
	assert.Equal(t, "Buß- und Bettag", h.Name)
	_, ok = de.National().On(date.New(1995, 11, 22), deMonFri)
	assert.False(t, ok)
	sn, err := de.State("SN")
	require.NoError(t, err)
	_, ok = sn.On(date.New(1995, 11, 22), deMonFri)
	assert.True(t, ok)
}

// A Munich office: Bavaria's holidays, national ones included.
func Example_germanyState() {
	bayern, err := de.State("BY")
	if err != nil {
		fmt.Println(err)
		return
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	office, _ := calendar.New(berlin, calendar.MustParseWeek("Mon-Fri 08:00-16:30"), calendar.WithExceptions(bayern))
	for h := range bayern.Occurrences(date.New(2026, 5, 1), date.New(2026, 7, 1), office.Week()) {
		fmt.Println(h.Observed, h.Name)
	}
	fmt.Println(office.Workdays(date.New(2026, 5, 1), date.New(2026, 7, 1)), "working days in May and June")
	// Output:
	// 2026-05-01 Tag der Arbeit
	// 2026-05-14 Christi Himmelfahrt
	// 2026-05-25 Pfingstmontag
	// 2026-06-04 Fronleichnam
	// 39 working days in May and June
}

func Example_germany() {
	for h := range de.National().Occurrences(date.New(2017, 10, 1), date.New(2017, 12, 1), calendar.Week{}) {
		fmt.Println(h.Observed, h.Name)
	}
	// Output:
	// 2017-10-03 Tag der Deutschen Einheit
	// 2017-10-31 Reformationstag
}
