package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseInstant(t *testing.T) {
	at := func(y int, mo time.Month, d, h, mi, s int) int64 {
		return time.Date(y, mo, d, h, mi, s, 0, time.UTC).Unix()
	}
	for _, tc := range []struct {
		in    string
		order dateOrder
		want  int64
		ev    dateEvidence
	}{
		{"29/2/2016 1:16", dayFirst, at(2016, 2, 29, 1, 16, 0), evidenceDayFirst},
		{"1/3/2016 9:05", dayFirst, at(2016, 3, 1, 9, 5, 0), evidenceNone},
		{"1/3/2016 9:05", monthFirst, at(2016, 1, 3, 9, 5, 0), evidenceNone},
		{"01-03-2016 00:00:07", dayFirst, at(2016, 3, 1, 0, 0, 7), evidenceNone},
		{"29-02-2016 01:16", dayFirst, at(2016, 2, 29, 1, 16, 0), evidenceDayFirst},
		{"02-29-2016 01:16", monthFirst, at(2016, 2, 29, 1, 16, 0), evidenceMonthFirst},
		{"2016-02-29 01:16", dayFirst, at(2016, 2, 29, 1, 16, 0), evidenceNone},
		{"2016-02-29 01:16:59", monthFirst, at(2016, 2, 29, 1, 16, 59), evidenceNone},
		{"2016/02/29 01:16", dayFirst, at(2016, 2, 29, 1, 16, 0), evidenceNone},
		{"2016-02-29T01:16:00Z", dayFirst, at(2016, 2, 29, 1, 16, 0), evidenceNone},
		{"2016-02-29T01:16:00.250+01:00", dayFirst, at(2016, 2, 29, 0, 16, 0), evidenceNone},
		{"2016-02-29T01:16:00-0530", dayFirst, at(2016, 2, 29, 6, 46, 0), evidenceNone},
		{"29/2/2016 1:16 PM", dayFirst, at(2016, 2, 29, 13, 16, 0), evidenceDayFirst},
		{"29/2/2016 12:16 am", dayFirst, at(2016, 2, 29, 0, 16, 0), evidenceDayFirst},
		{"29/2/2016 12:16 PM", dayFirst, at(2016, 2, 29, 12, 16, 0), evidenceDayFirst},
		{"2016-02-29 11:59:59 PM", dayFirst, at(2016, 2, 29, 23, 59, 59), evidenceNone},
		{" 2016-02-29 01:16 ", dayFirst, at(2016, 2, 29, 1, 16, 0), evidenceNone},
		{"1969-12-31 23:59:59", dayFirst, -1, evidenceNone},
	} {
		got, ev, _, err := parseInstant([]byte(tc.in), tc.order)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
		assert.Equal(t, tc.ev, ev, tc.in)
	}
	for _, in := range []string{"", "?", "29/2/2015 10:00", "31/4/2016 10:00", "1/3/2016", "1/3/2016 25:00", "1/3/2016 10:60",
		"1/3/2016 13:00 PM", "1/3/2016 0:30 AM", "1/3/16 10:00", "2016-13-01 10:00", "2016-02-29 1:16 tomorrow",
		"2016-02-29T01:16:00+15:00", "13/13/2016 10:00", "1/3/2016 9:5", "2016-02-29 01:16:00.", "2016-02-29T01:16:00+01"} {
		_, _, _, err := parseInstant([]byte(in), dayFirst)
		assert.Error(t, err, in)
	}
	// Evidence is given whichever order reads the date: 13/4 proves day
	// first even when read month first (and is then no date).
	_, ev, withOrder, err := parseInstant([]byte("13/4/2016 10:00"), monthFirst)
	assert.Error(t, err)
	assert.True(t, withOrder)
	assert.Equal(t, evidenceDayFirst, ev)
}

// TestParseInstantAgainstTime checks every minute-resolution layout
// against package time on seeded random instants.
func TestParseInstantAgainstTime(t *testing.T) {
	layouts := []struct {
		layout string
		order  dateOrder
	}{
		{"2-1-2006 15:04", dayFirst}, {"02/01/2006 15:04:05", dayFirst}, {"1/2/2006 15:04", monthFirst},
		{"2006-01-02 15:04:05", dayFirst}, {"2006-01-02T15:04:05Z07:00", monthFirst}, {"2/1/2006 3:04 PM", dayFirst},
	}
	base := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 5000; i++ {
		tm := base.Add(time.Duration(i*7919+13) * time.Minute).Add(time.Duration(i%60) * time.Second)
		for _, l := range layouts {
			in := tm.Format(l.layout)
			want, err := time.Parse(l.layout, in)
			require.NoError(t, err)
			got, _, _, err := parseInstant([]byte(in), l.order)
			require.NoError(t, err, in)
			require.Equal(t, want.Unix(), got, in)
		}
	}
}

func TestParseDateOrder(t *testing.T) {
	for in, want := range map[string]dateOrder{"": orderUnknown, "dmy": dayFirst, "MDY": monthFirst,
		"dd-MM-yyyy": dayFirst, "d/M/yyyy H:mm": dayFirst, "MM-dd-yyyy": monthFirst, "MM/dd/yyyy hh:mm a": monthFirst} {
		got, err := parseDateOrder(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"ymd", "yyyy-MM-dd", "dd-MM", "european"} {
		_, err := parseDateOrder(in)
		assert.Error(t, err, in)
	}
}

func FuzzParseInstant(f *testing.F) {
	for _, s := range []string{"29/2/2016 1:16", "2016-02-29T01:16:00.250+01:00", "1/3/2016 1:05 PM", "02-29-2016 01:16"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, order := range []dateOrder{dayFirst, monthFirst} {
			sec, _, _, err := parseInstant([]byte(s), order)
			if err != nil {
				continue
			}
			// A date that reads is a real instant between years 0 and 9999.
			tm := time.Unix(sec, 0).UTC()
			if tm.Year() < -1 || tm.Year() > 10000 {
				t.Fatalf("%q read as %v", s, tm)
			}
		}
	})
}
