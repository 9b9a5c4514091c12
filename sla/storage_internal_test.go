package sla

import (
	"testing"
	"unsafe"
)

// The storage of a typical evaluation stays in the 6 KB size class (see
// smallEvaluation): a field added to Result, cycle or Status that pushes it
// over makes every evaluation take a heap span of its own.
func TestSmallEvaluationSize(t *testing.T) {
	if n := unsafe.Sizeof(smallEvaluation{}); n > 6144 {
		t.Errorf("smallEvaluation is %d bytes, more than the 6144-byte size class", n)
	}
}
