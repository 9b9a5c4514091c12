package incident_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

// defJSON is the default definition as JSON with old replaced by new, once.
func defJSON(t *testing.T, old, new string) string {
	b, err := json.Marshal(incident.DefaultDefinition())
	require.NoError(t, err)
	s := string(b)
	require.Contains(t, s, old)
	return strings.Replace(s, old, new, 1)
}

// TestCatalogue feeds a catalogue of bad inputs to every configuration and
// event type of the package, through JSON as a host loads them, and checks
// each error's sentinel (errors.Is), its shape (errors.As *FieldError), its
// path and the message prefix.
func TestCatalogue(t *testing.T) {
	const ev = `{"at":"2026-03-02T09:00:00Z","actor":"a","type":"comment","note":"hi"`
	deep := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	tests := []struct {
		name     string
		decode   func([]byte) error // json.Unmarshal into the type, or a build step
		doc      string
		sentinel error
		path     string
		contains string
	}{
		// Events.
		{"event unknown key", decodeInto[incident.Event], ev + `,"customer_visble":true}`, incident.ErrInvalidEvent, "",
			`incident: unknown field "customer_visble" (known: action, actor, assignee, at, `},
		{"event key twice", decodeInto[incident.Event], ev + `,"note":"again"}`, incident.ErrInvalidEvent, "", `field "note" given twice`},
		{"event wrong type", decodeInto[incident.Event], ev + `,"customer_visible":"yes"}`, incident.ErrInvalidEvent, "customer_visible", "want true or false"},
		{"event unknown word", decodeInto[incident.Event], `{"type":"comnent"}`, incident.ErrUnknownWord, "type", "unknown EventType (known: open, transition,"},
		{"event negative level", decodeInto[incident.Event], ev + `,"impact":-1}`, incident.ErrInvalidEvent, "impact", "want a whole number in range"},
		{"event huge priority", decodeInto[incident.Event], ev + `,"priority":1e300}`, incident.ErrInvalidEvent, "priority", "want a whole number in range"},
		{"event bad instant", decodeInto[incident.Event], `{"at":"yesterday"}`, incident.ErrInvalidEvent, "at", "cannot parse"},
		{"event not an object", decodeInto[incident.Event], `[1,2]`, incident.ErrInvalidEvent, "", "want a JSON object"},
		{"event deeply nested", decodeInto[incident.Event], `{"note":` + deep + `}`, incident.ErrInvalidEvent, "note", ""},
		{"event empty", func(b []byte) error { return applyJSON(b) }, `{}`, incident.ErrInvalidEvent, "type", "unknown event type"},
		{"event out of the matrix", func(b []byte) error { return applyJSON(b) },
			`{"at":"2026-03-02T09:00:00Z","actor":"a","type":"open","id":"X","impact":9}`, incident.ErrInvalidEvent, "impact", "must be 1 to 3"},
		{"event dangling hold reason", func(b []byte) error { return applyJSON(b) },
			`{"at":"2026-03-02T10:00:00Z","actor":"a","type":"transition","action":"hold","hold_reason":"on_hodl"}`, incident.ErrInvalidEvent, "hold_reason",
			"not a hold reason of the lifecycle (known: awaiting_caller, awaiting_vendor, awaiting_change, awaiting_problem)"},

		{"event unknown relation", decodeInto[incident.Event], ev + `,"relation":"problme"}`, incident.ErrUnknownWord, "relation",
			"unknown Relation (known: problem, caused_by, change, known_error, duplicate_of)"},
		{"event unknown major step", decodeInto[incident.Event], ev + `,"major_step":"approve"}`, incident.ErrUnknownWord, "major_step",
			"unknown MajorStep (known: propose, accept, reject, withdraw)"},
		{"event unknown fix", decodeInto[incident.Event], ev + `,"fix":"forever"}`, incident.ErrUnknownWord, "fix", "unknown Fix (known: workaround, permanent)"},
		{"event custom field not a string", decodeInto[incident.Event], ev + `,"fields":{"channel":7}}`, incident.ErrInvalidEvent, "fields.channel", "want a string"},
		{"event custom fields not an object", decodeInto[incident.Event], ev + `,"fields":["channel"]}`, incident.ErrInvalidEvent, "fields", "want an object"},
		{"event bad custom field name", func(b []byte) error { return applyJSON(b) },
			`{"at":"2026-03-02T10:00:00Z","actor":"a","type":"classify","fields":{"Service Offering":"gold"}}`, incident.ErrInvalidEvent, "fields",
			"a custom field's name is a lower-case word"},
		{"event relation without its kind", func(b []byte) error { return applyJSON(b) },
			`{"at":"2026-03-02T10:00:00Z","actor":"a","type":"relate","related_id":"PRB1"}`, incident.ErrInvalidEvent, "relation", "a relate event needs a relation"},

		// Lifecycle definitions.
		{"definition unknown major policy", decodeInto[incident.Definition], defJSON(t, `"initial":"new"`, `"initial":"new","majors":"never"`), incident.ErrUnknownWord,
			"majors", "unknown MajorPolicy (known: unreviewed, refused)"},
		{"definition drops the review gate silently", buildLifecycle, defJSON(t, `"guards":["reason","review"]`, `"guards":["reason"]`), incident.ErrInvalidLifecycle,
			"transitions[9].guards", `without the review guard`},
		{"lifecycle unknown key", decodeInto[incident.Lifecycle], defJSON(t, `"initial"`, `"intial"`), incident.ErrInvalidLifecycle, "", `unknown field "intial"`},
		{"definition unknown key", decodeInto[incident.Definition], defJSON(t, `"guards"`, `"gaurds"`), incident.ErrInvalidLifecycle, "transitions[0]",
			`unknown field "gaurds" (known: action, from, guards, to)`},
		{"definition wrong type", decodeInto[incident.Definition], defJSON(t, `"initial":"new"`, `"initial":7`), incident.ErrInvalidLifecycle, "initial", "want a string"},
		{"definition unknown flag", decodeInto[incident.Definition], defJSON(t, `"on_hold"]`, `"paused"]`), incident.ErrUnknownWord, "states[3].flags[1]",
			"unknown Flags (known: open, on_hold, resolved, terminal)"},
		{"definition unknown trigger", decodeInto[incident.Definition], defJSON(t, `"on":"assigned"`, `"on":"asigned"`), incident.ErrUnknownWord, "triggers[0].on",
			"unknown Trigger (known: assigned, caller_reply)"},
		{"definition negative window", buildLifecycle, defJSON(t, `"reopen_window":"168h0m0s"`, `"reopen_window":"-1h"`), incident.ErrInvalidLifecycle, "reopen_window", "must not be negative"},
		{"definition bad duration", decodeInto[incident.Definition], defJSON(t, `"reopen_window":"168h0m0s"`, `"reopen_window":"a week"`), incident.ErrInvalidLifecycle, "reopen_window", ""},
		{"definition huge duration", decodeInto[incident.Definition], defJSON(t, `"reopen_window":"168h0m0s"`, `"reopen_window":"P99999999999D"`), incident.ErrInvalidLifecycle, "reopen_window", ""},
		{"definition empty", buildLifecycle, `{}`, incident.ErrInvalidLifecycle, "states", "a lifecycle needs states"},
		{"definition dangling state", buildLifecycle, defJSON(t, `"to":"on_hold"`, `"to":"on_hodl"`), incident.ErrInvalidLifecycle, "transitions[2].to",
			"is not a state of the lifecycle (known: new, assigned, in_progress, on_hold, resolved, closed, cancelled)"},
		{"definition dangling initial", buildLifecycle, defJSON(t, `"initial":"new"`, `"initial":"draft"`), incident.ErrInvalidLifecycle, "initial", "(known: new, assigned,"},
		{"definition dangling guard", buildLifecycle, defJSON(t, `"guards":["assignment_group"]`, `"guards":["asignment_group"]`), incident.ErrInvalidLifecycle,
			"transitions[0].guards[0]", "(known: assignee, assignment_group, reason, reopen_window, resolution, resolved, review)"},
		{"definition dangling trigger action", buildLifecycle, defJSON(t, `"action":"resume","hold_reasons"`, `"action":"resum","hold_reasons"`), incident.ErrInvalidLifecycle,
			"triggers[1].action", "no transition has this action (known: assign, cancel, start, hold, resolve, resume, close, reopen)"},
		{"definition dangling trigger hold reason", buildLifecycle, defJSON(t, `"hold_reasons":["awaiting_caller"]`, `"hold_reasons":["on_hodl"]`), incident.ErrInvalidLifecycle,
			"triggers[1].hold_reasons[0]", "is not a hold reason of the lifecycle (known: awaiting_caller, awaiting_vendor, awaiting_change, awaiting_problem)"},
		{"definition deeply nested", decodeInto[incident.Definition], `{"states":` + deep + `}`, incident.ErrInvalidLifecycle, "states[0]", ""},

		// Matrices, alone and in a definition.
		{"matrix wrong type", decodeInto[incident.Matrix], `{"cells":1}`, incident.ErrInvalidMatrix, "", "want a list of rows"},
		{"matrix negative cell", decodeInto[incident.Matrix], `[[1,2,3],[2,-3,4],[3,4,5]]`, incident.ErrInvalidMatrix, "[1][1]", "priority must be 1 to 5"},
		{"matrix huge cell", decodeInto[incident.Matrix], `[[1,2,3],[2,3,4],[3,4,1e40]]`, incident.ErrInvalidMatrix, "[2][2]", "priority must be 1 to 5"},
		{"matrix empty", decodeInto[incident.Matrix], `[]`, incident.ErrInvalidMatrix, "", "needs 3 to 5 impact levels"},
		{"matrix ragged", decodeInto[incident.Matrix], `[[1,2,3],[2,3],[3,4,5]]`, incident.ErrInvalidMatrix, "[1]", "every row needs 3 columns"},
		{"matrix in a definition", decodeInto[incident.Definition], defJSON(t, `"matrix":[[1,`, `"matrix":[[0,`), incident.ErrInvalidLifecycle, "matrix[0][0]", "priority must be 1 to 5"},

		// Auto-close policies.
		{"policy unknown key", decodeInto[incident.AutoClosePolicy], `{"days":3,"bussiness_days":true}`, incident.ErrInvalidPolicy, "",
			`unknown field "bussiness_days" (known: business_days, calendar, days, include_major)`},
		{"policy negative days", decodeInto[incident.AutoClosePolicy], `{"days":-3}`, incident.ErrInvalidPolicy, "days", "must be at least 1"},
		{"policy empty", decodeInto[incident.AutoClosePolicy], `{}`, incident.ErrInvalidPolicy, "days", "must be at least 1"},
		{"policy huge days", decodeInto[incident.AutoClosePolicy], `{"days":9000000000000}`, incident.ErrInvalidPolicy, "days", "is too large"},
		{"policy wrong type", decodeInto[incident.AutoClosePolicy], `{"days":"3"}`, incident.ErrInvalidPolicy, "days", "want a whole number in range"},
		{"policy bad calendar", decodeInto[incident.AutoClosePolicy], `{"days":3,"business_days":true,"calendar":{"zone":"UTC","weke":"Mon-Fri 09:00-17:00"}}`,
			incident.ErrInvalidPolicy, "calendar", "calendar: "},

		// Selectors.
		{"selector unknown key", decodeInto[incident.Selector], `{"priority":[1]}`, incident.ErrInvalidSelector, "", `unknown field "priority"`},
		{"selector custom field values not a list", decodeInto[incident.Selector], `{"fields":{"channel":"phone"}}`, incident.ErrInvalidSelector, "fields.channel", "want a list"},
		{"selector huge priority", decodeInto[incident.Selector], `{"priorities":[1,300]}`, incident.ErrInvalidSelector, "priorities", "want a whole number in range"},

		// Snapshots and chronicles.
		{"snapshot unknown key", decodeInto[incident.Incident], `{"id":"X","priorty":1}`, incident.ErrInvalidEvent, "", `unknown field "priorty"`},
		{"snapshot bad event", decodeInto[incident.Incident], `{"id":"X","history":[` + ev + `},` + ev + `,"customer_visble":true}]}`, incident.ErrInvalidEvent,
			"history[1]", `unknown field "customer_visble"`},
		{"snapshot bad effects", decodeInto[incident.Incident], `{"id":"X","history":[` + ev + `}],"effects":[{"to":{"state":"new","flags":["opne"]}}]}`, incident.ErrUnknownWord,
			"effects[0].to.flags[0]", "unknown Flags"},
		{"snapshot unknown basis", decodeInto[incident.Incident], `{"priority_basis":"guess"}`, incident.ErrUnknownWord, "priority_basis", "unknown PriorityBasis (known: matrix, customer, override, major)"},
		{"chronicle without effects", decodeInto[incident.Chronicle], `{"id":"X","history":[` + ev + `}]}`, incident.ErrInvalidEvent, "effects", "needs the effects"},
		{"chronicle unknown key", decodeInto[incident.Chronicle], `{"id":"X","histroy":[]}`, incident.ErrInvalidEvent, "", `unknown field "histroy"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.decode([]byte(tt.doc))
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			var fe *incident.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.path, fe.Path)
			assert.True(t, strings.HasPrefix(err.Error(), "incident: "), err.Error())
			assert.Contains(t, err.Error(), tt.contains)
			assert.True(t, isIncidentError(err), "%v satisfies no incident sentinel", err)
		})
	}
}

// TestCatalogueMalformedJSON checks the UnmarshalJSON methods on input that
// is not JSON at all. (json.Unmarshal itself reports such input with a
// *json.SyntaxError before any method runs.)
func TestCatalogueMalformedJSON(t *testing.T) {
	for _, u := range []json.Unmarshaler{&incident.Event{}, &incident.Definition{}, &incident.Lifecycle{}, &incident.Matrix{},
		&incident.AutoClosePolicy{}, &incident.Incident{}, &incident.Chronicle{}, &incident.Selector{}} {
		for _, doc := range []string{`{"at":`, `{"id":"x"} trailing`, "\xff", ``} {
			err := u.UnmarshalJSON([]byte(doc))
			require.Error(t, err, "%T %q", u, doc)
			assert.True(t, isIncidentError(err), "%T %q: %v", u, doc, err)
			assert.True(t, strings.HasPrefix(err.Error(), "incident: "), err.Error())
		}
	}
}

func decodeInto[T any](b []byte) error {
	var v T
	return json.Unmarshal(b, &v)
}

// buildLifecycle decodes a definition and builds its lifecycle.
func buildLifecycle(b []byte) error {
	var d incident.Definition
	if err := json.Unmarshal(b, &d); err != nil {
		return err
	}
	_, err := incident.NewLifecycle(d)
	return err
}

// applyJSON decodes an event and applies it to an incident in progress of
// the default lifecycle.
func applyJSON(b []byte) error {
	var e incident.Event
	if err := json.Unmarshal(b, &e); err != nil {
		return err
	}
	lc, err := incident.DefaultLifecycle()
	if err != nil {
		return err
	}
	inc, err := replay(lc, path(incident.StateInProgress))
	if err != nil {
		return err
	}
	if e.Type != incident.EventOpen {
		_, _, err = inc.Apply(lc, e)
	} else {
		_, _, err = incident.Incident{}.Apply(lc, e)
	}
	return err
}

// incidentSentinels are every sentinel of the package.
var incidentSentinels = []error{
	incident.ErrInvalidMatrix, incident.ErrInvalidLifecycle, incident.ErrNoLifecycle, incident.ErrInvalidEvent,
	incident.ErrOutOfOrder, incident.ErrNotAllowed, incident.ErrGuard, incident.ErrLevel, incident.ErrInvalidPolicy,
	incident.ErrUnknownWord, incident.ErrNotChild, incident.ErrInvalidSelector,
}

// isIncidentError reports whether err satisfies one of the package's
// sentinels.
func isIncidentError(err error) bool {
	for _, s := range incidentSentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}
