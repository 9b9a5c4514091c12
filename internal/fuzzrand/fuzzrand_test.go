package fuzzrand

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSource: the bytes come first, eight at a time and the last word
// padded with zeros; then the fixed stream, the same for every input and
// never stuck at zero.
func TestSource(t *testing.T) {
	s := &source{data: []byte{1, 0, 0, 0, 0, 0, 0, 0, 2, 3}}
	require.Equal(t, uint64(1), s.Uint64())
	require.Equal(t, uint64(0x0302), s.Uint64())
	then := []uint64{s.Uint64(), s.Uint64(), s.Uint64()}
	empty := &source{}
	require.Equal(t, then, []uint64{empty.Uint64(), empty.Uint64(), empty.Uint64()})
	require.NotContains(t, then, uint64(0))
	require.NotEqual(t, then[0], then[1])
	// rand's bounded draws terminate on an empty input.
	r := New(nil)
	for range 1000 {
		require.Less(t, r.IntN(3), 3)
	}
}
