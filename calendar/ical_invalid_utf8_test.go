package calendar

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"
)

// The FuzzParseICal finding (testdata/fuzz/FuzzParseICal/invalid_utf8_uid):
// a UID of "\xd8" named the rule, and the rule came back from its JSON as
// "\ufffd". Invalid UTF-8 is now refused where it comes in.
func TestICalInvalidUTF8(t *testing.T) {
	feed := []byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\r\nUID:\xd8\nDTSTART:00010101\nEND:VEVENT\nEND:VCALENDAR\n")

	_, _, err := ParseICal(feed, ICalStrict())
	requireError(t, err, ErrInvalidICal)
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 3, se.Line)
	require.Equal(t, 5, se.Column)
	require.Contains(t, err.Error(), "line 3, column 5: not valid UTF-8 (byte 0xd8)")

	// Lenient: the event is skipped with the reason, nothing else is lost.
	h, skipped, err := ParseICal(feed)
	require.NoError(t, err)
	require.Empty(t, h.Rules())
	require.Len(t, skipped, 1)
	require.Contains(t, skipped[0].Reason, "not valid UTF-8")

	// A bad line outside any event fails the feed.
	_, _, err = ParseICal([]byte("BEGIN:VCALENDAR\nX-WR-CALNAME:\xff\nEND:VCALENDAR\n"))
	requireError(t, err, ErrInvalidICal)

	// Names given through the Go API are refused too.
	_, err = NewHolidays(Rule{Name: "May\xd8", On: MonthDay, Month: 5, Day: 1})
	requireError(t, err, ErrInvalidRule)
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "rules[0].name", fe.Path)

	_, err = New(time.UTC, monFri, WithExceptions(Exceptions{{Date: date.New(2026, 5, 1), Name: "\xc3", Kind: Closed}}))
	require.True(t, errors.Is(err, ErrInvalidCalendar), "%v", err)
	require.ErrorAs(t, err, &fe)
	require.Contains(t, fe.Path, "name")

	// Valid non-ASCII text round-trips unchanged.
	h, _, err = ParseICal([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Fête du Travail\nDTSTART;VALUE=DATE:20260501\nRRULE:FREQ=YEARLY\nEND:VEVENT\nEND:VCALENDAR\n"))
	require.NoError(t, err)
	b, err := json.Marshal(h)
	require.NoError(t, err)
	var back Holidays
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, h, back)
	require.Equal(t, "Fête du Travail", back.Rules()[0].Name)
}
