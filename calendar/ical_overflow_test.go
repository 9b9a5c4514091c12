package calendar

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A number too long for an int must not wrap round to a valid value:
// 18446744073709551617 is 2^64 + 1, which a wrapping parser reads as 1
// (January).
func TestICalNumbersDoNotOverflow(t *testing.T) {
	feed := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\n" +
		"RRULE:FREQ=YEARLY;BYMONTH=18446744073709551617\r\nSUMMARY:X\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	_, _, err := ParseICal([]byte(feed), ICalStrict())
	require.Error(t, err)
	h, skipped, err := ParseICal([]byte(feed))
	require.NoError(t, err)
	require.Len(t, skipped, 1, "without ICalStrict the bad event is skipped")
	require.Empty(t, h.Rules())
}
