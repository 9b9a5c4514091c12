package calendar

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A zero Calendar that was already queried has cached the empty tables of a
// calendar that is never open; UnmarshalJSON must not keep them.
func TestUnmarshalIntoQueriedZeroCalendar(t *testing.T) {
	var c Calendar
	monday := at(time.UTC, 2026, 11, 23, 12, 0)
	require.False(t, c.IsOpen(monday))
	require.NoError(t, json.Unmarshal([]byte(`{"location":"UTC","week":"Mon-Fri 09:00-17:00"}`), &c))
	assert.True(t, c.IsOpen(monday), "Monday noon")
	assert.Equal(t, 8*time.Hour, c.Between(monday.Add(-12*time.Hour), monday.Add(12*time.Hour)))
	next, err := c.NextOpen(at(time.UTC, 2026, 11, 22, 12, 0))
	require.NoError(t, err)
	assert.True(t, next.Equal(at(time.UTC, 2026, 11, 23, 9, 0)), "got %v", next)
}
