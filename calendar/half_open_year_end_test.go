package calendar

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// The date ranges of Workdays and ExceptionsIn are half-open: a range that
// ends on 1 January needs nothing of the year it ends in, so that year's
// table is not built.
func TestHalfOpenRangesStopBeforeTheirLastYear(t *testing.T) {
	c := mustNew(t, time.UTC, "Mon-Fri 09:00-17:00", WithExceptions(ClosedOn("New Year", d(2027, 1, 1))))
	assert.Equal(t, 261, c.Workdays(d(2026, 1, 1), d(2027, 1, 1)))
	assert.Equal(t, -261, c.Workdays(d(2027, 1, 1), d(2026, 1, 1)))
	for e := range c.ExceptionsIn(d(2026, 1, 1), d(2027, 1, 1)) {
		t.Errorf("unexpected exception %v", e)
	}
	assert.Nil(t, c.cached(2027), "the table of 2027 was built")
	assert.Equal(t, 0, c.Workdays(d(2027, 1, 1), d(2027, 1, 1)))
	assert.Nil(t, c.cached(2027))
}
