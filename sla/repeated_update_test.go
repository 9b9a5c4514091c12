package sla

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A customer-visible comment repeated at the same instant is redundant: it
// opens no zero-length Update cycle, so compliance is not inflated.
func TestRepeatedUpdateIsNoOp(t *testing.T) {
	s := testSet(t, Policy{Name: "u", Calendar: "24x7", Targets: []Target{{Metric: Update, Goal: time.Hour}}})
	once := opened(mon(9, 0), 2, 2).update(mon(11, 0))
	twice := once.update(mon(11, 0))
	a, err := s.evaluateEvents(once, mon(11, 30))
	require.NoError(t, err)
	b, err := s.evaluateEvents(twice, mon(11, 30))
	require.NoError(t, err)
	ra, rb := result(t, a, "u", Update), result(t, b, "u", Update)
	assert.Len(t, rb.Cycles, len(ra.Cycles))
	assert.Equal(t, ra.Cycles, rb.Cycles)
	require.Len(t, rb.Cycles, 2)
	assert.Equal(t, Breached, rb.Cycles[0].State)
	assert.Equal(t, Running, rb.Cycles[1].State)
}
