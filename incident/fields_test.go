package incident_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

func TestCustomFields(t *testing.T) {
	lc := defaultLC(t)
	open := openEv(0)
	open.Fields = map[string]string{"channel": "phone", "location": "berlin"}
	classify := func(m int, fields map[string]string) incident.Event {
		return incident.Event{At: at(m), Actor: "bob", Type: incident.EventClassify, Fields: fields}
	}
	tests := []struct {
		name    string
		events  []incident.Event
		want    map[string]string
		changed bool // of the last event
		err     error
		path    string
	}{
		{"open sets them", []incident.Event{open}, map[string]string{"channel": "phone", "location": "berlin"}, true, nil, ""},
		{"classify replaces one", []incident.Event{open, classify(1, map[string]string{"location": "paris"})},
			map[string]string{"channel": "phone", "location": "paris"}, true, nil, ""},
		{"classify adds one", []incident.Event{open, classify(1, map[string]string{"service_offering": "email-gold"})},
			map[string]string{"channel": "phone", "location": "berlin", "service_offering": "email-gold"}, true, nil, ""},
		{"an empty value removes", []incident.Event{open, classify(1, map[string]string{"channel": ""})}, map[string]string{"location": "berlin"}, true, nil, ""},
		{"all removed", []incident.Event{open, classify(1, map[string]string{"channel": "", "location": ""})}, nil, true, nil, ""},
		{"the same values change nothing", []incident.Event{open, classify(1, map[string]string{"channel": "phone"})},
			map[string]string{"channel": "phone", "location": "berlin"}, false, nil, ""},
		{"bad name", []incident.Event{func() incident.Event { e := openEv(0); e.Fields = map[string]string{"Channel": "x"}; return e }()}, nil, false, incident.ErrInvalidEvent, "fields"},
		{"long value", []incident.Event{func() incident.Event {
			e := openEv(0)
			e.Fields = map[string]string{"note": strings.Repeat("x", incident.MaxFieldValue+1)}
			return e
		}()}, nil, false, incident.ErrInvalidEvent, "fields.note"},
		{"bad UTF-8", []incident.Event{func() incident.Event { e := openEv(0); e.Fields = map[string]string{"site": "\xff"}; return e }()}, nil, false, incident.ErrInvalidEvent, "fields.site"},
		{"too many on one event", []incident.Event{func() incident.Event { e := openEv(0); e.Fields = manyFields("a", incident.MaxFields+1); return e }()}, nil, false, incident.ErrInvalidEvent, "fields"},
		{"too many on the incident", []incident.Event{func() incident.Event { e := openEv(0); e.Fields = manyFields("a", incident.MaxFields); return e }(),
			classify(1, manyFields("b", 1))}, nil, false, incident.ErrInvalidEvent, "fields"},
		{"not on a comment", []incident.Event{open, func() incident.Event {
			e := commentEv(1, "x", false, false)
			e.Fields = map[string]string{"a": "b"}
			return e
		}()},
			nil, false, incident.ErrInvalidEvent, "fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var inc incident.Incident
			var eff incident.Effects
			var err error
			for _, e := range tt.events {
				var next incident.Incident
				next, eff, err = inc.Apply(lc, e)
				if err != nil {
					break
				}
				inc = next
			}
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				var fe *incident.FieldError
				require.ErrorAs(t, err, &fe)
				assert.Equal(t, tt.path, fe.Path)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, inc.Fields)
			assert.Equal(t, tt.changed, eff.FieldsChanged)
		})
	}
}

func manyFields(prefix string, n int) map[string]string {
	m := map[string]string{}
	for i := range n {
		m[prefix+strings.Repeat("x", i)] = "v"
	}
	return m
}

// TestCustomFieldsAreCopied: the fold keeps its own copy of an event's
// fields, so a host that reuses its map changes nothing.
func TestCustomFieldsAreCopied(t *testing.T) {
	lc := defaultLC(t)
	e := openEv(0)
	e.Fields = map[string]string{"channel": "phone"}
	c, err := incident.Replay(lc, []incident.Event{e})
	require.NoError(t, err)
	e.Fields["channel"] = "chat"
	assert.Equal(t, "phone", c.Incident.Fields["channel"])
	assert.Equal(t, "phone", c.Entries[0].Event.Fields["channel"])

	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"fields":{"channel":"phone"}`)
	var back incident.Chronicle
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, c, back)
}

func TestSelectorFields(t *testing.T) {
	inc := incident.Incident{Fields: map[string]string{"channel": "phone", "location": "berlin"}}
	tests := []struct {
		name   string
		fields map[string][]string
		match  bool
	}{
		{"none", nil, true},
		{"one value", map[string][]string{"channel": {"phone"}}, true},
		{"one of the values", map[string][]string{"channel": {"chat", "phone"}}, true},
		{"another value", map[string][]string{"channel": {"chat"}}, false},
		{"set, any value", map[string][]string{"location": {}}, true},
		{"not set", map[string][]string{"service_offering": {}}, false},
		{"every field must match", map[string][]string{"channel": {"phone"}, "location": {"paris"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := incident.Selector{Fields: tt.fields}
			require.NoError(t, s.Validate())
			assert.Equal(t, tt.match, s.Matches(&inc, nil))
			c := s.Clone()
			assert.Equal(t, tt.match, c.Matches(&inc, nil))
		})
	}
	for _, bad := range []struct {
		fields map[string][]string
		path   string
	}{
		{map[string][]string{"Channel": {"phone"}}, "fields"},
		{map[string][]string{"channel": {""}}, "fields.channel[0]"},
		{map[string][]string{"channel": {"phone", strings.Repeat("x", incident.MaxFieldValue+1)}}, "fields.channel[1]"},
	} {
		s := incident.Selector{Fields: bad.fields}
		err := s.Validate()
		require.ErrorIs(t, err, incident.ErrInvalidSelector)
		var fe *incident.FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, bad.path, fe.Path)
	}
	var s incident.Selector
	require.NoError(t, json.Unmarshal([]byte(`{"fields":{"channel":["phone","chat"]}}`), &s))
	assert.Equal(t, map[string][]string{"channel": {"phone", "chat"}}, s.Fields)
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"fields":{"channel":["phone","chat"]}}`, string(b))
	err = json.Unmarshal([]byte(`{"fields":{"channel":"phone"}}`), &s)
	require.ErrorIs(t, err, incident.ErrInvalidSelector)
	var fe *incident.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "fields.channel", fe.Path)
}
