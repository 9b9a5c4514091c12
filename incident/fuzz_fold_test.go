package incident_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/fuzzrand"
)

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
		r := fuzzrand.New(data)
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
