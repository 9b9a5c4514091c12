package calendar

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// countingSource records how often a calendar asks it for each year.
type countingSource struct {
	mu    sync.Mutex
	asked map[int]int
}

func (s *countingSource) ExceptionsIn(year int, _ Week) []Exception {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.asked[year]++
	return []Exception{{Date: d(year, 12, 31), Kind: Closed}}
}

// Building a year reads 31 December of the year before (its night shifts
// run into the year); a year already built is not resolved again for it.
func TestBuiltYearsAreNotResolvedAgain(t *testing.T) {
	src := &countingSource{asked: map[int]int{}}
	c := mustNew(t, time.UTC, "Mon-Fri 22:00-06:00", WithExceptions(src))
	for y := 2026; y <= 2028; y++ {
		c.table(y)
	}
	assert.Equal(t, map[int]int{2025: 1, 2026: 1, 2027: 1, 2028: 1}, src.asked)
	// 31 December 2026 (a Thursday) is closed: no shift runs into 2027.
	assert.False(t, c.IsOpen(time.Date(2027, 1, 1, 3, 0, 0, 0, time.UTC)))
	assert.True(t, c.IsOpen(time.Date(2027, 12, 31, 3, 0, 0, 0, time.UTC)))
}
