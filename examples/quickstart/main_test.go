package main

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/output.txt")

// TestOutput runs the example on its built-in data and compares what it
// prints with the golden file, so the README's main command never goes
// stale. Run with -update after an intended change.
func TestOutput(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, run(&buf))
	if *update {
		require.NoError(t, os.WriteFile("testdata/output.txt", buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile("testdata/output.txt")
	require.NoError(t, err)
	assert.Equal(t, string(want), buf.String())
	// The story the README promises is in the output.
	for _, s := range []string{"P1 major", "network-ola", "(cycle 2)", "escalation", "SLA compliance"} {
		assert.Contains(t, buf.String(), s)
	}
}
