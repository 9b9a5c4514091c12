package calendar

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A calendar is immutable once built (DESIGN.md): editing the Week or the
// Exceptions given to New, or the values its accessors return, must not
// change the years it builds later or what it reports.
func TestCalendarKeepsItsConfigurationToItself(t *testing.T) {
	week := MustParseWeek("Mon-Fri 09:00-17:00")
	list := Exceptions{{Date: d(2026, 12, 24), Name: "Christmas Eve", Kind: Override,
		Hours: []Span{{Clock(9, 0, 0), Clock(12, 0, 0)}}}}
	c, err := New(time.UTC, week, WithExceptions(list))
	require.NoError(t, err)

	// The caller edits its own values before any year is built.
	week[time.Monday][0].End = Clock(10, 0, 0)
	week[time.Tuesday] = nil
	list[0].Hours[0].End = Clock(15, 0, 0)
	list[0].Date = d(2026, 12, 23)

	assert.Equal(t, "Mon-Fri 09:00-17:00", c.Week().String())
	dec := func(day int) time.Duration {
		return c.Between(at(time.UTC, 2026, 12, day, 0, 0), at(time.UTC, 2026, 12, day+1, 0, 0))
	}
	assert.Equal(t, 8*time.Hour, dec(22), "Tuesday keeps its hours")
	assert.Equal(t, 8*time.Hour, dec(23), "the exception stays on the 24th")
	assert.Equal(t, 3*time.Hour, dec(24), "the override keeps 09:00-12:00")

	// What the accessors return is the caller's to change.
	got := c.Week()
	got[time.Wednesday][0].Start = Clock(11, 0, 0)
	assert.Equal(t, "Mon-Fri 09:00-17:00", c.Week().String())

	e, ok := c.ExceptionOn(d(2026, 12, 24))
	require.True(t, ok)
	e.Hours[0].End = Clock(17, 0, 0)
	for e := range c.ExceptionsIn(d(2026, 12, 1), d(2027, 1, 1)) {
		e.Hours[0].Start = Clock(6, 0, 0)
	}
	again, ok := c.ExceptionOn(d(2026, 12, 24))
	require.True(t, ok)
	assert.Equal(t, []Span{{Clock(9, 0, 0), Clock(12, 0, 0)}}, again.Hours)
	for e := range c.ExceptionsIn(d(2026, 12, 1), d(2027, 1, 1)) {
		assert.Equal(t, []Span{{Clock(9, 0, 0), Clock(12, 0, 0)}}, e.Hours)
	}
	assert.Equal(t, 3*time.Hour, dec(24))
	b, err := c.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(b), `"week":"Mon-Fri 09:00-17:00"`)
	assert.Contains(t, string(b), `"hours":["09:00-12:00"]`)
}
