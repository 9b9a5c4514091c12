package incident_test

import (
	"encoding/json"
	"testing"
	"time"
	_ "time/tzdata" // America/Havana on any machine

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
)

func businessCalendar(t *testing.T, loc *time.Location, week string, opts ...calendar.Option) *calendar.Calendar {
	t.Helper()
	w, err := calendar.ParseWeek(week)
	require.NoError(t, err)
	c, err := calendar.New(loc, w, opts...)
	require.NoError(t, err)
	return c
}

// resolvedAt replays a default-lifecycle incident resolved at the instant r.
func resolvedAt(t *testing.T, lc *incident.Lifecycle, r time.Time, major, reviewed bool) incident.Incident {
	t.Helper()
	evs := path(incident.StateInProgress)
	if major {
		evs = append(evs, incident.Event{At: at(3), Actor: "mim", Type: incident.EventMajor})
	}
	res := resolveEv(0)
	res.At = r
	evs = append(evs, res)
	if reviewed {
		evs = append(evs, incident.Event{At: r, Actor: "mim", Type: incident.EventReview, RootCause: "x", Responsible: "y"})
	}
	inc, err := replay(lc, evs)
	require.NoError(t, err)
	return inc
}

func TestAutoCloseDays(t *testing.T) {
	lc := defaultLC(t)
	r := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	inc := resolvedAt(t, lc, r, false, false)
	p := incident.AutoClosePolicy{Days: 3}

	closeAt, due, err := incident.AutoClose(inc, p, r)
	require.NoError(t, err)
	assert.Equal(t, r.Add(72*time.Hour), closeAt)
	assert.False(t, due)
	_, due, _ = incident.AutoClose(inc, p, closeAt.Add(-time.Nanosecond))
	assert.False(t, due)
	_, due, _ = incident.AutoClose(inc, p, closeAt)
	assert.True(t, due, "due exactly at the instant")

	// The host's close event at closeAt is accepted.
	closed, _ := mustApply(t, lc, inc, incident.Event{At: closeAt, Actor: "system", Type: incident.EventTransition, Action: incident.ActionClose})
	closeAt, due, err = incident.AutoClose(closed, p, closeAt)
	require.NoError(t, err)
	assert.True(t, closeAt.IsZero(), "a closed incident does not close again")
	assert.False(t, due)

	// Open or cancelled incidents never close by themselves.
	for _, s := range []incident.State{incident.StateNew, incident.StateOnHold, incident.StateCancelled} {
		closeAt, due, err = incident.AutoClose(replayTo(t, lc, s), p, r)
		require.NoError(t, err)
		assert.True(t, closeAt.IsZero(), s)
		assert.False(t, due)
	}

	// Reopened: no longer resolved.
	reopened, _ := mustApply(t, lc, inc, withReason(incident.Event{At: r.Add(time.Hour), Actor: "carol", Type: incident.EventTransition, Action: incident.ActionReopen}, "no"))
	closeAt, _, _ = incident.AutoClose(reopened, p, r)
	assert.True(t, closeAt.IsZero())
}

func TestAutoCloseMajor(t *testing.T) {
	lc := defaultLC(t)
	r := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	later := r.Add(30 * 24 * time.Hour)

	major := resolvedAt(t, lc, r, true, false)
	closeAt, due, err := incident.AutoClose(major, incident.AutoClosePolicy{Days: 3}, later)
	require.NoError(t, err)
	assert.True(t, closeAt.IsZero(), "major incidents are excluded by default")
	assert.False(t, due)

	closeAt, _, err = incident.AutoClose(major, incident.AutoClosePolicy{Days: 3, IncludeMajor: true}, later)
	require.NoError(t, err)
	assert.True(t, closeAt.IsZero(), "not without the review the close guard needs")

	reviewed := resolvedAt(t, lc, r, true, true)
	closeAt, due, err = incident.AutoClose(reviewed, incident.AutoClosePolicy{Days: 3, IncludeMajor: true}, later)
	require.NoError(t, err)
	assert.Equal(t, r.Add(72*time.Hour), closeAt)
	assert.True(t, due)
	closeAt, _, _ = incident.AutoClose(reviewed, incident.AutoClosePolicy{Days: 3}, later)
	assert.True(t, closeAt.IsZero())
}

func TestAutoCloseBusinessDays(t *testing.T) {
	lc := defaultLC(t)
	desk := businessCalendar(t, time.UTC, "Mon-Fri 09:00-17:00",
		calendar.WithExceptions(calendar.ClosedOn("Company day", date.New(2026, 3, 11))))
	p := incident.AutoClosePolicy{Days: 3, BusinessDays: true, Calendar: desk}
	tests := []struct {
		name     string
		resolved time.Time
		want     time.Time
	}{
		{"Monday: Tue, Wed, Thu, closes Friday 00:00",
			time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)},
		{"Monday after hours: the same",
			time.Date(2026, 3, 2, 23, 59, 0, 0, time.UTC), time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)},
		{"Friday: Mon, Tue, Thu (holiday Wed), closes Friday 00:00",
			time.Date(2026, 3, 6, 16, 0, 0, 0, time.UTC), time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)},
		{"Tuesday: Wed, Thu, Fri, closes Saturday 00:00",
			time.Date(2026, 3, 3, 16, 0, 0, 0, time.UTC), time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)},
		{"Saturday: Mon, Tue, Thu, closes Friday 00:00",
			time.Date(2026, 3, 7, 12, 0, 0, 0, time.UTC), time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			closeAt, due, err := incident.AutoClose(resolvedAt(t, lc, tt.resolved, false, false), p, tt.resolved)
			require.NoError(t, err)
			assert.Equal(t, tt.want, closeAt)
			assert.False(t, due)
		})
	}

	// The resolution date is read in the calendar's zone: 23:30 UTC Monday
	// is Tuesday in Berlin.
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	deskBerlin := businessCalendar(t, berlin, "Mon-Fri 09:00-17:00")
	closeAt, _, err := incident.AutoClose(resolvedAt(t, lc, time.Date(2026, 3, 2, 23, 30, 0, 0, time.UTC), false, false),
		incident.AutoClosePolicy{Days: 1, BusinessDays: true, Calendar: deskBerlin}, t0)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 3, 5, 0, 0, 0, 0, berlin), closeAt) // Wed worked, closes Thursday
}

// TestAutoCloseLocalMidnightDST uses Havana, where clocks change at midnight:
// on 8 March 2026 midnight does not happen (00:00 CST becomes 01:00 CDT), on
// 1 November 2026 it happens twice (01:00 CDT falls back to 00:00 CST).
func TestAutoCloseLocalMidnightDST(t *testing.T) {
	havana, err := time.LoadLocation("America/Havana")
	require.NoError(t, err)
	lc := defaultLC(t)
	desk := businessCalendar(t, havana, "Mon-Sat 09:00-17:00")
	p := incident.AutoClosePolicy{Days: 2, BusinessDays: true, Calendar: desk}

	// Resolved Thursday 5 March; Fri, Sat worked; Sunday's midnight is in the gap.
	closeAt, _, err := incident.AutoClose(resolvedAt(t, lc, time.Date(2026, 3, 5, 12, 0, 0, 0, havana), false, false), p, t0)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC), closeAt.UTC(), "the end of the gap")
	assert.Equal(t, 1, closeAt.In(havana).Hour())

	// Resolved Thursday 29 October; Fri, Sat; the first of Sunday's two midnights.
	closeAt, _, err = incident.AutoClose(resolvedAt(t, lc, time.Date(2026, 10, 29, 12, 0, 0, 0, havana), false, false), p, t0)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC), closeAt.UTC(), "the first midnight")

	// An ordinary midnight.
	closeAt, _, err = incident.AutoClose(resolvedAt(t, lc, time.Date(2026, 6, 4, 12, 0, 0, 0, havana), false, false), p, t0)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 6, 7, 0, 0, 0, 0, havana), closeAt)
}

func TestAutoClosePolicyErrors(t *testing.T) {
	lc := defaultLC(t)
	inc := replayTo(t, lc, incident.StateResolved)
	desk := businessCalendar(t, time.UTC, "Mon-Fri 09:00-17:00")
	open := replayTo(t, lc, incident.StateInProgress)
	for _, tt := range []struct {
		p     incident.AutoClosePolicy
		field string
	}{
		{incident.AutoClosePolicy{}, "days"},
		{incident.AutoClosePolicy{Days: -1}, "days"},
		{incident.AutoClosePolicy{Days: 1 << 40}, "days"},
		{incident.AutoClosePolicy{Days: 1, BusinessDays: true}, "calendar"},
		{incident.AutoClosePolicy{Days: 1, Calendar: desk}, "calendar"},
	} {
		for _, inc := range []incident.Incident{inc, open} { // a bad policy is bad whatever the incident
			_, _, err := incident.AutoClose(inc, tt.p, t0)
			require.ErrorIs(t, err, incident.ErrInvalidPolicy, "%+v on %s", tt.p, inc.State)
			var fe *incident.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Path)
		}
	}
	// A calendar that runs out of years fails with its own error, without panicking.
	late := inc
	late.ResolvedAt = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	_, _, err := incident.AutoClose(late, incident.AutoClosePolicy{Days: 5, BusinessDays: true, Calendar: desk}, t0)
	require.Error(t, err)
}

func TestAutoClosePolicyJSON(t *testing.T) {
	p := incident.AutoClosePolicy{Days: 5, BusinessDays: true, IncludeMajor: true}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"days":5,"business_days":true,"include_major":true}`, string(b))
	var back incident.AutoClosePolicy
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, p, back)
}

func TestAutoClosePolicyJSONKeepsTheCalendar(t *testing.T) {
	cal, err := calendar.New(time.UTC, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	require.NoError(t, err)
	p := incident.AutoClosePolicy{Days: 3, BusinessDays: true, Calendar: cal}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	var back incident.AutoClosePolicy
	require.NoError(t, json.Unmarshal(b, &back))
	require.NotNil(t, back.Calendar)
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))
	assert.Contains(t, string(b), `"week":"Mon-Fri 09:00-17:00"`)
}
