package escalation_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The catalogue of bad inputs: every kind of mistake a host can make in a
// policy, a schedule or a record, as JSON as it loads them, is a
// *FieldError with the package's sentinel, the JSON path of the mistake and
// a message that starts with the package name.
func TestCatalogue(t *testing.T) {
	cals := map[string]*calendar.Calendar{"office": office(t), "24x7": always(t)}
	sched := rotation(t)
	slas := slaSet(t)
	// policy decodes one policy document.
	policy := func(doc string) func() error {
		return func() error {
			var p escalation.Policy
			return p.UnmarshalJSON([]byte(doc))
		}
	}
	// set decodes a policy document as a host does and builds a Set of it.
	set := func(doc string) func() error {
		return func() error {
			var p escalation.Policy
			if err := json.Unmarshal([]byte(doc), &p); err != nil {
				return err
			}
			_, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithCalendars(cals),
				escalation.WithSchedules(sched), escalation.WithDirectory(testDirectory), escalation.WithSLA(slas))
			return err
		}
	}
	schedule := func(doc string) func() error {
		return func() error {
			var s escalation.Schedule
			return s.UnmarshalJSON([]byte(doc))
		}
	}
	fired := func(doc string) func() error {
		return func() error {
			var f escalation.Fired
			return f.UnmarshalJSON([]byte(doc))
		}
	}
	evaluation := func(doc string) func() error {
		return func() error {
			var e escalation.Evaluation
			return e.UnmarshalJSON([]byte(doc))
		}
	}
	// step wraps a step's JSON in a policy; layer a layer's in a schedule.
	step := func(s string) string { return `{"name":"p","steps":[` + s + `]}` }
	layer := func(extra string) string {
		return `{"name":"ops","layers":[{"name":"l","location":"UTC","start":"2026-03-02","handoff":"09:00","turn":"24h","members":["ana"]` + extra + `}]}`
	}
	nested := func(open, close string, n int) string { return strings.Repeat(open, n) + strings.Repeat(close, n) }
	const notify = `"targets":[{"kind":"person","person":"pia"}]`

	tests := []struct {
		kind, name string
		run        func() error
		sentinel   error
		path       string
		msg        string // in the message, after the path
	}{
		{"unknown key", "policy", policy(`{"name":"p","stpes":[]}`), escalation.ErrInvalidPolicy, "", `unknown field "stpes" (known: maintenance, name, repeat, steps, when)`},
		{"unknown key", "trigger", policy(step(`{"name":"s","trigger":{"on":"opened","aftr":"5m"}}`)), escalation.ErrInvalidPolicy, "steps[0].trigger", `unknown field "aftr" (known: after, metric, on, sla, state, used)`},
		{"unknown key", "condition", policy(step(`{"name":"s","trigger":{"on":"opened"},"when":{"open":"office","colour":"red"}}`)), escalation.ErrInvalidPolicy, "steps[0].when", `unknown field "colour"`},
		{"unknown key", "selector", policy(`{"name":"p","when":{"priorty":[1]}}`), escalation.ErrInvalidPolicy, "when", `unknown field "priorty"`},
		{"unknown key", "target", policy(step(`{"name":"s","trigger":{"on":"opened"},"targets":[{"kind":"person","persn":"pia"}]}`)), escalation.ErrInvalidPolicy, "steps[0].targets[0]", `unknown field "persn"`},
		{"unknown key", "repeat", policy(`{"name":"p","repeat":{"times":1,"every":"5m"}}`), escalation.ErrInvalidPolicy, "repeat", `unknown field "every"`},
		{"unknown key", "layer", schedule(layer(`,"colour":"red"`)), escalation.ErrInvalidSchedule, "layers[0]", `unknown field "colour"`},
		{"unknown key", "override", schedule(`{"name":"ops","overrides":[{"person":"olga","begin":"2026-03-04T12:00:00Z"}]}`), escalation.ErrInvalidSchedule, "overrides[0]", `unknown field "begin"`},
		{"unknown key", "fired key", fired(`[{"policy":"p","stpe":"s","occurrence":1,"task":"notify"}]`), escalation.ErrInvalidRecord, "[0]", `unknown field "stpe"`},
		{"unknown key", "evaluation", evaluation(`{"at":"2026-03-02T09:00:00Z","due":[{"at":"2026-03-02T09:00:00Z","tsak":"notify"}]}`), escalation.ErrInvalidRecord, "due[0]", `unknown field "tsak"`},
		{"unknown key", "key given twice", policy(`{"name":"p","name":"q"}`), escalation.ErrInvalidPolicy, "", `field "name" given twice`},

		{"wrong type", "name", policy(`{"name":7}`), escalation.ErrInvalidPolicy, "name", `"7": want a string`},
		{"wrong type", "steps", policy(`{"name":"p","steps":{}}`), escalation.ErrInvalidPolicy, "steps", "want a list"},
		{"wrong type", "threshold", policy(step(`{"name":"s","trigger":{"on":"sla_used","used":"half"}}`)), escalation.ErrInvalidPolicy, "steps[0].trigger.used", "want a number"},
		{"wrong type", "task", policy(step(`{"name":"s","trigger":{"on":"opened"},"tasks":["notify",7]}`)), escalation.ErrInvalidPolicy, "steps[0].tasks[1]", "want a word"},
		{"wrong type", "members", schedule(`{"name":"ops","layers":[{"name":"l","members":"ana"}]}`), escalation.ErrInvalidSchedule, "layers[0].members", "want a list"},
		{"wrong type", "fired", fired(`{"policy":"p"}`), escalation.ErrInvalidRecord, "", "want a JSON array of keys"},
		{"wrong type", "not an object", policy(`["p"]`), escalation.ErrInvalidPolicy, "", "want a JSON object"},
		{"wrong type", "not UTF-8", policy("{\"name\":\"\xff\"}"), escalation.ErrInvalidPolicy, "name", "not valid UTF-8"},

		{"empty", "document", policy(``), escalation.ErrInvalidPolicy, "", "malformed JSON"},
		{"empty", "policy", set(`{}`), escalation.ErrInvalidPolicy, "policies[0].name", "a policy needs a name"},
		{"empty", "chain", set(`{"name":"p","steps":[]}`), escalation.ErrInvalidPolicy, "policies[0].steps", `an escalation chain needs at least one step, in policy "p"`},
		{"empty", "trigger", set(step(`{"name":"s",` + notify + `}`)), escalation.ErrInvalidPolicy, "policies[0].steps[0].trigger.on", "a step needs a trigger"},
		{"empty", "schedule", schedule(`{}`), escalation.ErrInvalidSchedule, "name", "a schedule needs a name"},
		{"empty", "layers", schedule(`{"name":"ops","layers":[]}`), escalation.ErrInvalidSchedule, "layers", `a schedule needs at least one layer, in schedule "ops"`},
		{"empty", "member", schedule(strings.Replace(layer(``), `["ana"]`, `["ana",""]`, 1)), escalation.ErrInvalidSchedule, "layers[0].members[1]", "a member needs a name"},
		{"empty", "fired key", fired(`[{}]`), escalation.ErrInvalidRecord, "", ""},                               // decodes: an empty key is a key
		{"empty", "word", policy(step(`{"name":"s","trigger":{"on":""}}`)), escalation.ErrInvalidPolicy, "", ""}, // decodes: NewSet refuses the zero trigger

		{"negative", "delay", set(step(`{"name":"s","trigger":{"on":"opened","after":"-5m"},` + notify + `}`)), escalation.ErrInvalidPolicy, "policies[0].steps[0].trigger.after", `"-5m0s": a delay must not be negative`},
		{"negative", "repeats", set(`{"name":"p","steps":[{"name":"s","trigger":{"on":"opened"},` + notify + `}],"repeat":{"times":-1}}`), escalation.ErrInvalidPolicy, "policies[0].repeat.times", "want 0 to 100"},
		{"negative", "threshold", set(step(`{"name":"s","trigger":{"on":"sla_used","metric":"resolve","used":-0.5},` + notify + `}`)), escalation.ErrInvalidPolicy, "policies[0].steps[0].trigger.used", "(0, 1]"},
		{"negative", "turn", schedule(strings.Replace(layer(``), `"24h"`, `"-24h"`, 1)), escalation.ErrInvalidSchedule, "layers[0].turn", "a turn lasts at least an hour"},
		{"negative", "priority", policy(`{"name":"p","when":{"priorities":[-1]}}`), escalation.ErrInvalidPolicy, "when.priorities", `"[-1]": want a whole number in range`}, // a list of a uint8 kind is read whole

		{"reversed range", "override", schedule(strings.Replace(layer(``), `]}]}`, `]}],"overrides":[{"person":"olga","start":"2026-03-04T14:00:00Z","end":"2026-03-04T12:00:00Z"}]}`, 1)), escalation.ErrInvalidSchedule, "overrides[0].end", "must be after the start"},
		{"reversed range", "restriction", schedule(layer(`,"restrictions":"Mon 17:00-17:00"`)), escalation.ErrInvalidSchedule, "layers[0].restrictions", `"Mon 17:00-17:00": column 5: start equals end`},

		{"unknown word", "trigger", policy(step(`{"name":"s","trigger":{"on":"whenever"}}`)), escalation.ErrUnknownWord, "steps[0].trigger.on", `"whenever": unknown On (known: opened, assigned,`},
		{"unknown word", "task", policy(step(`{"name":"s","trigger":{"on":"opened"},"tasks":["shout"]}`)), escalation.ErrUnknownWord, "steps[0].tasks[0]", `"shout": unknown Task (known: notify,`},
		{"unknown word", "target kind", policy(step(`{"name":"s","trigger":{"on":"opened"},"targets":[{"kind":"pigeon"}]}`)), escalation.ErrUnknownWord, "steps[0].targets[0].kind", `unknown TargetKind`},
		{"unknown word", "rank", schedule(layer(`,"rank":"tertiary"`)), escalation.ErrUnknownWord, "layers[0].rank", `"tertiary": unknown Rank (known: primary, secondary)`},
		{"unknown word", "empty rank", schedule(layer(`,"rank":""`)), escalation.ErrUnknownWord, "layers[0].rank", `unknown Rank`},
		{"unknown word", "required rank", schedule(strings.Replace(layer(``), `]}]}`, `]}],"required":["primary","third"]}`, 1)), escalation.ErrUnknownWord, "required[1]", `unknown Rank`},
		{"unknown word", "fired task", fired(`[{"policy":"p","step":"s","occurrence":1,"task":"shout"}]`), escalation.ErrUnknownWord, "[0].task", `unknown Task`},
		{"unknown word", "recipient kind", evaluation(`{"at":"2026-03-02T09:00:00Z","due":[{"at":"2026-03-02T09:00:00Z","recipients":[{"kind":"pigeon","id":"x"}]}]}`), escalation.ErrUnknownWord, "due[0].recipients[0].kind", `unknown RecipientKind`},
		{"unknown word", "metric", set(step(`{"name":"s","trigger":{"on":"sla_breached","metric":"Resolve"},` + notify + `}`)), escalation.ErrInvalidPolicy, "policies[0].steps[0].trigger.metric", `"Resolve": no SLA policy of the SLA set has a target for this metric (known: respond, resolve, update)`},
		{"unknown word", "zone", schedule(strings.Replace(layer(``), `"UTC"`, `"Mars/Olympus"`, 1)), escalation.ErrInvalidSchedule, "layers[0].location", `"Mars/Olympus": unknown time zone`},

		{"dangling name", "calendar", set(step(`{"name":"s","trigger":{"on":"opened"},"when":{"open":"ofice"},` + notify + `}`)), escalation.ErrInvalidPolicy, "policies[0].steps[0].when.open", `"ofice": no such calendar (known: 24x7, office)`},
		{"dangling name", "schedule", set(step(`{"name":"s","trigger":{"on":"opened"},"targets":[{"kind":"on_call","schedule":"opps"}]}`)), escalation.ErrInvalidPolicy, "policies[0].steps[0].targets[0].schedule", `"opps": no such schedule (known: ops)`},
		{"dangling name", "predicate", set(`{"name":"p","when":{"predicate":"vip"},"steps":[{"name":"s","trigger":{"on":"opened"},` + notify + `}]}`), escalation.ErrInvalidPolicy, "policies[0].when.predicate", `"vip": no such predicate (known: none)`},
		{"dangling name", "state", set(step(`{"name":"s","trigger":{"on":"still_in","state":"on_hodl","after":"1h"},` + notify + `}`)), escalation.ErrInvalidPolicy, "policies[0].steps[0].trigger.state", `"on_hodl": not a state of the lifecycle (known: new, assigned, in_progress, on_hold, resolved, closed, cancelled)`},
		{"dangling name", "SLA", set(step(`{"name":"s","trigger":{"on":"sla_breached","metric":"resolve","sla":"glod"},` + notify + `}`)), escalation.ErrInvalidPolicy, "policies[0].steps[0].trigger.sla", `"glod": not a policy of the SLA set (known: gold, network-ola)`},
		{"dangling name", "SLA metric", set(step(`{"name":"s","trigger":{"on":"sla_breached","metric":"restore"},` + notify + `}`)), escalation.ErrInvalidPolicy, "policies[0].steps[0].trigger.metric", `"restore": no SLA policy of the SLA set has a target for this metric (known: respond, resolve, update)`},
		{"dangling name", "repeat from", set(`{"name":"p","steps":[{"name":"s","trigger":{"on":"opened"},` + notify + `}],"repeat":{"from":"t","times":1,"interval":"5m"}}`), escalation.ErrInvalidPolicy, "policies[0].repeat.from", `"t": no step of that name`},

		{"huge number", "repeats", set(`{"name":"p","steps":[{"name":"s","trigger":{"on":"opened"},` + notify + `}],"repeat":{"times":99999999999,"interval":"5m"}}`), escalation.ErrInvalidPolicy, "policies[0].repeat.times", "want 0 to 100"},
		{"huge number", "beyond int", policy(`{"name":"p","repeat":{"times":1e400}}`), escalation.ErrInvalidPolicy, "repeat.times", ""},
		{"huge number", "threshold", policy(step(`{"name":"s","trigger":{"on":"sla_used","used":1e400}}`)), escalation.ErrInvalidPolicy, "steps[0].trigger.used", ""},
		{"huge number", "priority", policy(step(`{"name":"s","trigger":{"on":"opened"},"raise_to":300}`)), escalation.ErrInvalidPolicy, "steps[0].raise_to", "want a whole number in range"},
		{"huge number", "delay", policy(step(`{"name":"s","trigger":{"on":"opened","after":"99999999999h"}}`)), escalation.ErrInvalidPolicy, "steps[0].trigger.after", ""},
		{"huge number", "turn", schedule(strings.Replace(layer(``), `"24h"`, `"P99999999Y"`, 1)), escalation.ErrInvalidSchedule, "layers[0].turn", ""},
		{"huge number", "start", schedule(strings.Replace(layer(``), `"2026-03-02"`, `"99999-03-02"`, 1)), escalation.ErrInvalidSchedule, "layers[0].start", ""},
		{"huge number", "occurrence", fired(`[{"policy":"p","step":"s","occurrence":1e30,"task":"notify"}]`), escalation.ErrInvalidRecord, "[0].occurrence", ""},

		{"deeply nested", "trigger", policy(step(`{"name":"s","trigger":` + nested(`{"on":`, `}`, 20000) + `}`)), escalation.ErrInvalidPolicy, "steps", "exceeded max depth"},
		{"deeply nested", "steps", policy(`{"name":"p","steps":` + nested(`[`, `]`, 20000) + `}`), escalation.ErrInvalidPolicy, "steps", "exceeded max depth"},
		{"deeply nested", "fired", fired(nested(`[`, `]`, 20000)), escalation.ErrInvalidRecord, "", "malformed JSON: invalid character '[' exceeded max depth"},
		{"deeply nested", "layers", schedule(`{"name":"ops","layers":[` + nested(`{"name":`, `}`, 20000) + `]}`), escalation.ErrInvalidSchedule, "layers", "exceeded max depth"},
		{"deeply nested", "within the limit", policy(step(`{"name":"s","trigger":{"on":"opened"},"when":{"open":` + nested(`[`, `]`, 5000) + `}}`)), escalation.ErrInvalidPolicy, "steps[0].when.open", "want a string"},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.name, func(t *testing.T) {
			err := tt.run()
			if tt.path == "" && tt.msg == "" {
				// Not an error of decoding: the values are NewSet's to judge.
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			if errors.Is(tt.sentinel, escalation.ErrUnknownWord) {
				assert.True(t, errors.Is(err, escalation.ErrInvalidPolicy) || errors.Is(err, escalation.ErrInvalidSchedule) || errors.Is(err, escalation.ErrInvalidRecord),
					"an unknown word in a document wraps the document's sentinel too: %v", err)
			}
			var fe *escalation.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.path, fe.Path, err.Error())
			msg := err.Error()
			require.True(t, strings.HasPrefix(msg, "escalation: "), msg)
			assert.Contains(t, msg, tt.msg)
			if tt.path != "" {
				assert.True(t, strings.HasPrefix(msg, "escalation: "+tt.path), msg)
			}
			assert.Less(t, len(msg), 400, "a message stays readable")
		})
	}
}
