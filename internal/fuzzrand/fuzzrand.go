// Package fuzzrand lets a fuzz target draw its input with math/rand/v2 while
// the fuzzer steers every choice: New returns a *rand.Rand whose source
// reads the fuzzer's bytes, eight at a time (little-endian, the last word
// padded with zeros), and then a fixed stream (SplitMix64), never zeros
// alone, which would make rand's rejection sampling loop for ever. The same
// bytes always give the same draws, so a corpus entry replays exactly.
package fuzzrand

import (
	"encoding/binary"
	"math/rand/v2"
)

// New returns a generator that draws from data, then from the fixed stream.
func New(data []byte) *rand.Rand { return rand.New(&source{data: data}) }

type source struct {
	data []byte
	n    uint64
}

func (s *source) Uint64() uint64 {
	if len(s.data) == 0 {
		s.n += 0x9e3779b97f4a7c15
		z := s.n
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		return z ^ z>>31
	}
	var b [8]byte
	n := copy(b[:], s.data)
	s.data = s.data[n:]
	return binary.LittleEndian.Uint64(b[:])
}
