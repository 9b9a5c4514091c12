package incident_test

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

// byteSource is a rand.Source that reads the fuzzer's bytes, eight at a
// time, then a fixed stream: the fuzzer steers every choice of randomEvent.
type byteSource struct {
	data []byte
	n    uint64
}

func (s *byteSource) Uint64() uint64 {
	if len(s.data) == 0 {
		// Then a fixed stream: zeros would make rand's rejection
		// sampling loop for ever.
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

// FuzzFold folds a history drawn from the fuzzer's bytes event by event
// with Apply and checks it against Replay: a refused event returns the zero
// incident and leaves the incident it was applied to as it was (no trace);
// Replay of the accepted events gives the fold's incident; Replay of the
// whole history fails at the first refused event, naming it, or succeeds
// when none was refused.
func FuzzFold(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"))
	f.Add([]byte("open, assign, start, hold, resume, resolve, close: a long enough input for forty events or so......."))
	lc, err := incident.DefaultLifecycle()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, data []byte) {
		r := rand.New(&byteSource{data: data})
		n := 1 + r.IntN(40)
		events := make([]incident.Event, 0, n)
		last := t0
		for i := 0; i < n; i++ {
			e := randomEvent(r, last)
			if i == 0 && r.IntN(8) > 0 {
				e = openEv(0)
			}
			events = append(events, e)
			if !e.At.IsZero() {
				last = e.At
			}
		}

		var inc incident.Incident
		var accepted []incident.Event
		firstRefused := -1
		for i, e := range events {
			before, beforeH := inc, inc.History()
			next, eff, err := inc.Apply(lc, e)
			require.Equal(t, before, inc, "Apply changed its input")
			require.Equal(t, beforeH, inc.History())
			if err != nil {
				require.Equal(t, incident.Incident{}, next, "a refused event leaves no trace")
				require.Equal(t, incident.Effects{}, eff)
				n := 0
				for _, s := range sentinels {
					if errors.Is(err, s) {
						n++
					}
				}
				require.Equal(t, 1, n, "%v wraps exactly one sentinel", err)
				if firstRefused < 0 {
					firstRefused = i
				}
				continue
			}
			inc = next
			accepted = append(accepted, e)
		}

		c, err := incident.Replay(lc, accepted)
		require.NoError(t, err, "the accepted events replay")
		if len(accepted) > 0 {
			require.Equal(t, inc, c.Incident, "Replay agrees with Apply one by one")
			require.Len(t, c.Entries, len(accepted))
		}

		_, err = incident.Replay(lc, events)
		if firstRefused < 0 {
			require.NoError(t, err)
			return
		}
		var ie *incident.InvalidEventError
		require.ErrorAs(t, err, &ie)
		require.Equal(t, firstRefused, ie.Index, "Replay stops at the first refused event")
	})
}
