package incident_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

// FuzzReplay decodes a JSON event list and replays it on the default
// lifecycle. Whatever the input: no panic; decoding errors are errors;
// a failed replay names an event that indeed does not apply after the ones
// before it; a successful one survives JSON and replays the same.
func FuzzReplay(f *testing.F) {
	for _, s := range []incident.State{incident.StateClosed, incident.StateOnHold, incident.StateCancelled} {
		b, err := json.Marshal(path(s))
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`[{"at":"2026-03-02T09:00:00Z","actor":"a","type":"open","id":"X","impact":1,"customer_declared":true},` +
		`{"at":"2026-03-02T09:00:00Z","actor":"c","type":"comment","note":"hi","from_caller":true},` +
		`{"at":"2026-03-02T08:00:00Z","actor":"a","type":"major"}]`))
	f.Add([]byte(`[{"type":"explode"}]`))
	f.Add([]byte(`[{}]`)) // the zero Event marshals (found by fuzzing)
	f.Add([]byte(`[{"at":"0001-01-01T00:00:00Z","actor":"","type":"transition","impact":300}]`))

	lc, err := incident.DefaultLifecycle()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, data []byte) {
		var evs []incident.Event
		if err := json.Unmarshal(data, &evs); err != nil {
			return
		}
		if len(evs) > 200 {
			evs = evs[:200]
		}
		for _, e := range evs {
			b, err := json.Marshal(e)
			require.NoError(t, err)
			var back incident.Event
			require.NoError(t, json.Unmarshal(b, &back))
			b2, err := json.Marshal(back)
			require.NoError(t, err)
			require.Equal(t, string(b), string(b2))
		}
		inc, err := replay(lc, evs)
		if err != nil {
			var ie *incident.InvalidEventError
			require.True(t, errors.As(err, &ie), "error %v is not an *InvalidEventError", err)
			require.GreaterOrEqual(t, ie.Index, 0)
			require.Less(t, ie.Index, len(evs))
			prefix, err := replay(lc, evs[:ie.Index])
			require.NoError(t, err)
			_, _, err = prefix.Apply(lc, evs[ie.Index])
			require.Error(t, err)
			return
		}
		require.Equal(t, len(evs), inc.HistoryLen())
		b, err := json.Marshal(inc)
		require.NoError(t, err)
		var back incident.Incident
		require.NoError(t, json.Unmarshal(b, &back))
		again, err := replay(lc, back.History())
		require.NoError(t, err)
		b2, err := json.Marshal(again)
		require.NoError(t, err)
		require.True(t, bytes.Equal(b, b2), "replay of the decoded history differs:\n%s\n%s", b, b2)
	})
}
