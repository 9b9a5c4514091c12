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
// lifecycle. Whatever the input: no panic; every decoding error of an
// event satisfies an incident sentinel;
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
	// The event kinds of issue 17: relations, fixes, the major-incident
	// workflow, custom fields, the review before cancelling a major.
	f.Add([]byte(`[{"at":"2026-03-02T09:00:00Z","actor":"a","type":"open","id":"X","fields":{"channel":"phone","location":"berlin"}},` +
		`{"at":"2026-03-02T09:01:00Z","actor":"a","type":"relate","relation":"problem","related_id":"PRB1"},` +
		`{"at":"2026-03-02T09:02:00Z","actor":"a","type":"relate","relation":"duplicate_of","related_id":"X"},` +
		`{"at":"2026-03-02T09:03:00Z","actor":"a","type":"classify","fields":{"channel":"","service_offering":"gold"}},` +
		`{"at":"2026-03-02T09:04:00Z","actor":"a","type":"major","major_step":"propose","reason":"stores down"},` +
		`{"at":"2026-03-02T09:05:00Z","actor":"m","type":"major","major_step":"accept"},` +
		`{"at":"2026-03-02T09:06:00Z","actor":"m","type":"transition","action":"cancel","reason":"false alarm"},` +
		`{"at":"2026-03-02T09:07:00Z","actor":"m","type":"review","root_cause":"r","responsible":"p"},` +
		`{"at":"2026-03-02T09:08:00Z","actor":"m","type":"major","major_step":"withdraw","reason":"r"},` +
		`{"at":"2026-03-02T09:09:00Z","actor":"m","type":"transition","action":"cancel","reason":"false alarm"}]`))
	f.Add([]byte(`[{"at":"2026-03-02T09:00:00Z","actor":"a","type":"open","id":"X","group":"g","assignee":"b"},` +
		`{"at":"2026-03-02T09:01:00Z","actor":"b","type":"transition","action":"start"},` +
		`{"at":"2026-03-02T09:02:00Z","actor":"b","type":"transition","action":"resolve","resolution_code":"solved","note":"n","fix":"workaround"},` +
		`{"at":"2026-03-02T09:03:00Z","actor":"b","type":"relate","relation":"known_error","related_id":"KE1"},` +
		`{"at":"2026-03-02T09:04:00Z","actor":"b","type":"major","major_step":"reject","reason":"r"}]`))
	f.Add([]byte(`[{"type":"explode"}]`))
	f.Add([]byte(`[{}]`)) // the zero Event marshals (found by fuzzing)
	f.Add([]byte(`[{"at":"0001-01-01T00:00:00Z","actor":"","type":"transition","impact":300}]`))

	lc, err := incident.DefaultLifecycle()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, data []byte) {
		var raws []json.RawMessage
		if err := json.Unmarshal(data, &raws); err != nil {
			return
		}
		if len(raws) > 200 {
			raws = raws[:200]
		}
		evs := make([]incident.Event, len(raws))
		for i, raw := range raws {
			if err := json.Unmarshal(raw, &evs[i]); err != nil {
				require.True(t, isIncidentError(err), "event %d: %v satisfies no incident sentinel", i, err)
				require.Regexp(t, `^incident: `, err.Error())
				return
			}
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

// FuzzDecode decodes any input as each configuration, event and snapshot
// type of the package. Whatever the input: no panic; an error of valid JSON
// satisfies an incident sentinel and starts with "incident: "; what decodes
// encodes again, and decodes to the same encoding (lossless).
func FuzzDecode(f *testing.F) {
	lc, err := incident.DefaultLifecycle()
	require.NoError(f, err)
	chron, err := incident.Replay(lc, path(incident.StateClosed))
	require.NoError(f, err)
	for _, v := range []any{incident.DefaultDefinition(), chron, chron.Incident, incident.ITILMatrix(), incident.GLPIMatrix(),
		incident.AutoClosePolicy{Days: 3, IncludeMajor: true}, incident.Selector{Services: []string{"mail"}, Priorities: []incident.Priority{1}},
		path(incident.StateOnHold)[0]} {
		b, err := json.Marshal(v)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"at":"2026-03-02T09:00:00Z","actor":"a","type":"comment","note":"x","customer_visble":true}`))
	f.Add([]byte(`{"initial":"new","states":[{"name":"new","flags":["open","open"]}],"transitions":[]}`))
	f.Add([]byte(`[[1,2,3],[2,3,4],[3,4,5.5]]`))
	f.Add([]byte(`{"days":1e99}`))
	f.Add([]byte(`{"at":"2026-03-02T09:00:00Z","actor":"a","type":"relate","relation":"caused_by","related_id":"CHG1","fields":{"a":"b"}}`))
	f.Add([]byte(`{"at":"2026-03-02T09:00:00Z","actor":"a","type":"major","major_step":"withdraw","reason":"r","fix":"permanent"}`))
	f.Add([]byte(`{"fields":{"channel":["phone"],"location":[]},"major":true}`))
	f.Add([]byte(`{"initial":"new","majors":"unreviewed","states":[{"name":"new","flags":["open"]}],"transitions":[]}`))
	targets := []func() any{
		func() any { return new(incident.Event) },
		func() any { return new(incident.Definition) },
		func() any { return new(incident.Matrix) },
		func() any { return new(incident.AutoClosePolicy) },
		func() any { return new(incident.Incident) },
		func() any { return new(incident.Chronicle) },
		func() any { return new(incident.Selector) },
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<14 {
			return
		}
		for _, target := range targets {
			v := target()
			if err := json.Unmarshal(data, v); err != nil {
				if json.Valid(data) {
					require.True(t, isIncidentError(err), "%T: %v satisfies no incident sentinel", v, err)
					require.Regexp(t, `^incident: `, err.Error())
				}
				continue
			}
			b, err := json.Marshal(v)
			require.NoError(t, err, "%T", v)
			back := target()
			require.NoError(t, json.Unmarshal(b, back), "%T: %s", v, b)
			b2, err := json.Marshal(back)
			require.NoError(t, err)
			require.Equal(t, string(b), string(b2), "%T", v)
		}
	})
}
