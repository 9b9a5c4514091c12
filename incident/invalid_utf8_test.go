package incident_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

// TestEventInvalidUTF8 follows the FuzzParseICal finding of issue 20: text
// with a bad byte would come back from JSON as U+FFFD, so an event given
// through the Go API with invalid UTF-8 in any text is refused, naming the
// field, and leaves no trace.
func TestEventInvalidUTF8(t *testing.T) {
	lc := defaultLC(t)
	cases := []struct {
		path  string
		event incident.Event
	}{
		{"actor", func() incident.Event { e := openEv(0); e.Actor = "al\xd8ce"; return e }()},
		{"id", func() incident.Event { e := openEv(0); e.ID = "\xd8"; return e }()},
		{"title", func() incident.Event { e := openEv(0); e.Title = "Mail \xff down"; return e }()},
		{"caller", func() incident.Event { e := openEv(0); e.Caller = "\xc3"; return e }()},
		{"note", commentEv(1, "restarted \xe2\x82", false, false)},
		{"reason", withReason(act(1, incident.ActionCancel), "\xd8")},
		{"group", assignEv(1, "net\xd8", "")},
		{"fields.channel", func() incident.Event { e := openEv(0); e.Fields = map[string]string{"channel": "\xd8"}; return e }()},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			events := []incident.Event{c.event}
			if c.event.Type != incident.EventOpen {
				events = []incident.Event{openEv(0), c.event}
			}
			_, err := incident.Replay(lc, events)
			require.ErrorIs(t, err, incident.ErrInvalidEvent)
			var fe *incident.FieldError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, c.path, fe.Path)
			require.Contains(t, err.Error(), "not valid UTF-8")
		})
	}

	// Valid non-ASCII text is kept byte for byte through JSON.
	e := openEv(0)
	e.Title, e.Caller = "Mail indisponible à Zürich", "Søren"
	ch, err := incident.Replay(lc, []incident.Event{e})
	require.NoError(t, err)
	b, err := json.Marshal([]incident.Event{e})
	require.NoError(t, err)
	var back []incident.Event
	require.NoError(t, json.Unmarshal(b, &back))
	ch2, err := incident.Replay(lc, back)
	require.NoError(t, err)
	require.Equal(t, ch.Incident.Title, ch2.Incident.Title)
}
