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
	"github.com/go-itsm/itsm/calendar/holidays/ca"
	"github.com/go-itsm/itsm/calendar/holidays/internal/pinned"
)

// caPublished is the Canada Labour Code's general holidays, 2020 to 2035, by
// observed date: actual date, observed date when it moved, name. It was
// expanded from the definitions in the package doc by a separate program
// (Python, with dateutil's Easter and its own substitute-day walk), not by
// the rules under test.
var caPublished = `
2020-01-01            New Year's Day
2020-04-10            Good Friday
2020-05-18            Victoria Day
2020-07-01            Canada Day
2020-09-07            Labour Day
2020-10-12            Thanksgiving Day
2020-11-11            Remembrance Day
2020-12-25            Christmas Day
2020-12-26 2020-12-28 Boxing Day
2021-01-01            New Year's Day
2021-04-02            Good Friday
2021-05-24            Victoria Day
2021-07-01            Canada Day
2021-09-06            Labour Day
2021-09-30            National Day for Truth and Reconciliation
2021-10-11            Thanksgiving Day
2021-11-11            Remembrance Day
2021-12-25 2021-12-27 Christmas Day
2021-12-26 2021-12-28 Boxing Day
2022-01-01 2022-01-03 New Year's Day
2022-04-15            Good Friday
2022-05-23            Victoria Day
2022-07-01            Canada Day
2022-09-05            Labour Day
2022-09-30            National Day for Truth and Reconciliation
2022-10-10            Thanksgiving Day
2022-11-11            Remembrance Day
2022-12-26            Boxing Day
2022-12-25 2022-12-27 Christmas Day
2023-01-01 2023-01-02 New Year's Day
2023-04-07            Good Friday
2023-05-22            Victoria Day
2023-07-01 2023-07-03 Canada Day
2023-09-04            Labour Day
2023-09-30 2023-10-02 National Day for Truth and Reconciliation
2023-10-09            Thanksgiving Day
2023-11-11 2023-11-13 Remembrance Day
2023-12-25            Christmas Day
2023-12-26            Boxing Day
2024-01-01            New Year's Day
2024-03-29            Good Friday
2024-05-20            Victoria Day
2024-07-01            Canada Day
2024-09-02            Labour Day
2024-09-30            National Day for Truth and Reconciliation
2024-10-14            Thanksgiving Day
2024-11-11            Remembrance Day
2024-12-25            Christmas Day
2024-12-26            Boxing Day
2025-01-01            New Year's Day
2025-04-18            Good Friday
2025-05-19            Victoria Day
2025-07-01            Canada Day
2025-09-01            Labour Day
2025-09-30            National Day for Truth and Reconciliation
2025-10-13            Thanksgiving Day
2025-11-11            Remembrance Day
2025-12-25            Christmas Day
2025-12-26            Boxing Day
2026-01-01            New Year's Day
2026-04-03            Good Friday
2026-05-18            Victoria Day
2026-07-01            Canada Day
2026-09-07            Labour Day
2026-09-30            National Day for Truth and Reconciliation
2026-10-12            Thanksgiving Day
2026-11-11            Remembrance Day
2026-12-25            Christmas Day
2026-12-26 2026-12-28 Boxing Day
2027-01-01            New Year's Day
2027-03-26            Good Friday
2027-05-24            Victoria Day
2027-07-01            Canada Day
2027-09-06            Labour Day
2027-09-30            National Day for Truth and Reconciliation
2027-10-11            Thanksgiving Day
2027-11-11            Remembrance Day
2027-12-25 2027-12-27 Christmas Day
2027-12-26 2027-12-28 Boxing Day
2028-01-01 2028-01-03 New Year's Day
2028-04-14            Good Friday
2028-05-22            Victoria Day
2028-07-01 2028-07-03 Canada Day
2028-09-04            Labour Day
2028-09-30 2028-10-02 National Day for Truth and Reconciliation
2028-10-09            Thanksgiving Day
2028-11-11 2028-11-13 Remembrance Day
2028-12-25            Christmas Day
2028-12-26            Boxing Day
2029-01-01            New Year's Day
2029-03-30            Good Friday
2029-05-21            Victoria Day
2029-07-01 2029-07-02 Canada Day
2029-09-03            Labour Day
2029-09-30 2029-10-01 National Day for Truth and Reconciliation
2029-10-08            Thanksgiving Day
2029-11-11 2029-11-12 Remembrance Day
2029-12-25            Christmas Day
2029-12-26            Boxing Day
2030-01-01            New Year's Day
2030-04-19            Good Friday
2030-05-20            Victoria Day
2030-07-01            Canada Day
2030-09-02            Labour Day
2030-09-30            National Day for Truth and Reconciliation
2030-10-14            Thanksgiving Day
2030-11-11            Remembrance Day
2030-12-25            Christmas Day
2030-12-26            Boxing Day
2031-01-01            New Year's Day
2031-04-11            Good Friday
2031-05-19            Victoria Day
2031-07-01            Canada Day
2031-09-01            Labour Day
2031-09-30            National Day for Truth and Reconciliation
2031-10-13            Thanksgiving Day
2031-11-11            Remembrance Day
2031-12-25            Christmas Day
2031-12-26            Boxing Day
2032-01-01            New Year's Day
2032-03-26            Good Friday
2032-05-24            Victoria Day
2032-07-01            Canada Day
2032-09-06            Labour Day
2032-09-30            National Day for Truth and Reconciliation
2032-10-11            Thanksgiving Day
2032-11-11            Remembrance Day
2032-12-25 2032-12-27 Christmas Day
2032-12-26 2032-12-28 Boxing Day
2033-01-01 2033-01-03 New Year's Day
2033-04-15            Good Friday
2033-05-23            Victoria Day
2033-07-01            Canada Day
2033-09-05            Labour Day
2033-09-30            National Day for Truth and Reconciliation
2033-10-10            Thanksgiving Day
2033-11-11            Remembrance Day
2033-12-26            Boxing Day
2033-12-25 2033-12-27 Christmas Day
2034-01-01 2034-01-02 New Year's Day
2034-04-07            Good Friday
2034-05-22            Victoria Day
2034-07-01 2034-07-03 Canada Day
2034-09-04            Labour Day
2034-09-30 2034-10-02 National Day for Truth and Reconciliation
2034-10-09            Thanksgiving Day
2034-11-11 2034-11-13 Remembrance Day
2034-12-25            Christmas Day
2034-12-26            Boxing Day
2035-01-01            New Year's Day
2035-03-23            Good Friday
2035-05-21            Victoria Day
2035-07-01 2035-07-02 Canada Day
2035-09-03            Labour Day
2035-09-30 2035-10-01 National Day for Truth and Reconciliation
2035-10-08            Thanksgiving Day
2035-11-11 2035-11-12 Remembrance Day
2035-12-25            Christmas Day
2035-12-26            Boxing Day
`

func TestCA_FederalPinned(t *testing.T) {
	want := pinned.Table(t, caPublished)
	got := slices.Collect(ca.Federal().Occurrences(date.New(2020, 1, 1), date.New(2036, 1, 1), caMonFri))
	require.Equal(t, want, got)
}

func TestCA_PublicServiceAddsTwoDays(t *testing.T) {
	var extra []string
	fed := map[string]bool{}
	for hol := range ca.Federal().Occurrences(date.New(2027, 1, 1), date.New(2028, 1, 1), caMonFri) {
		fed[hol.Name] = true
	}
	for hol := range ca.PublicService().Occurrences(date.New(2027, 1, 1), date.New(2028, 1, 1), caMonFri) {
		if !fed[hol.Name] {
			extra = append(extra, hol.Observed.String()+" "+hol.Name)
		}
	}
	assert.Equal(t, []string{"2027-03-29 Easter Monday", "2027-08-02 Civic Holiday"}, extra)
}

// Moved holidays land on weekdays, and no two share an observed day.
func TestCA_FederalSubstitutes(t *testing.T) {
	seen := map[date.Date]string{}
	for hol := range ca.PublicService().Occurrences(date.New(1982, 1, 1), date.New(2101, 1, 1), caMonFri) {
		if hol.Observed != hol.Actual {
			wd := hol.Observed.Weekday()
			assert.True(t, wd != time.Saturday && wd != time.Sunday, "%v", hol)
		}
		require.Empty(t, seen[hol.Observed], "%v and %s on one day", hol, seen[hol.Observed])
		seen[hol.Observed] = hol.Name
	}
	b, err := ca.Federal().MarshalJSON()
	require.NoError(t, err)
	var back calendar.Holidays
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, ca.Federal(), back)
}

var caMonFri = calendar.MustParseWeek("Mon-Fri 09:00-17:00")

// Christmas 2027 is a Saturday and Boxing Day a Sunday: the federal
// holidays move to Monday and Tuesday.
func Example_canada() {
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(ca.Federal()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 12, 1), date.New(2028, 1, 5)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name, "(actual", e.Actual.String()+")")
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-12-27 Monday Christmas Day (actual 2027-12-25)
	// 2027-12-28 Tuesday Boxing Day (actual 2027-12-26)
	// 2028-01-03 Monday New Year's Day (actual 2028-01-01)
	// 251 working days in 2027
}
