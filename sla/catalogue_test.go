package sla

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/duration"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A valid policy and clock to put bad parts into.
const (
	okPolicy = `{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"4h"}]}`
	okGoal   = `{"duration":"1h","calendar":{"location":"UTC","week":"Mon-Fri 09:00-17:00"}}`
)

// catalogueCase is one bad input: what decodes it (and, for "set", builds
// a Set of the decoded policies), the sentinels its error must and must
// not satisfy, the path of the *FieldError and a part of its message.
type catalogueCase struct {
	name   string
	what   string // policy, target, rules, happening, set, goal, event, clock, status, moment, result, evaluation
	doc    string
	is     []error
	isNot  []error
	path   string
	reason string
}

var catalogue = []catalogueCase{
	// Unknown keys.
	{"unknown key in a target", "policy", `{"name":"gold","calendar":"office","targets":[{"metric":"resolve","priorty":1,"goal":"4h"}]}`,
		[]error{ErrInvalidPolicy}, nil, "targets[0]", `unknown field "priorty" (known: calendar, due, goal, metric, priority, thresholds)`},
	{"unknown key in a policy", "policy", `{"nmae":"gold"}`,
		[]error{ErrInvalidPolicy}, nil, "", `unknown field "nmae" (known: after_breach, calendar, group, kind, name, reopen, retroactive, rules, targets, thresholds, when, when_to_cancel)`},
	{"unknown key in rules", "policy", `{"name":"x","rules":{"resolve":{"pasue":[]}}}`,
		[]error{ErrInvalidPolicy}, nil, "rules.resolve", `unknown field "pasue"`},
	{"unknown key in a happening", "policy", `{"name":"x","rules":{"resolve":{"pause":[{"on":"hold","hold_reason":"awaiting_caller"}]}}}`,
		[]error{ErrInvalidPolicy}, nil, "rules.resolve.pause[0]", `unknown field "hold_reason" (known: hold_reasons, on, predicate, state)`},
	{"unknown key in the selector", "policy", `{"name":"x","when":{"customer":["acme"]}}`,
		[]error{ErrInvalidPolicy, incident.ErrInvalidSelector}, nil, "when", `unknown field "customer"`},
	{"key given twice", "policy", `{"name":"a","name":"b"}`,
		[]error{ErrInvalidPolicy}, nil, "", `field "name" given twice`},
	{"unknown key in a status", "status", `{"state":"met","cycle":1,"goal":"1h","accrued":"0s","remaining":"1h","used":0,"breached_goals":"1h"}`,
		[]error{ErrInvalidResult}, []error{ErrInvalidPolicy}, "", `unknown field "breached_goals"`},
	{"unknown key in a crossing", "status", `{"state":"running","cycle":1,"goal":"1h","accrued":"0s","remaining":"1h","used":0,"crossed":[{"threshold":0.5,"when":"2026-11-23T09:00:00Z"}]}`,
		[]error{ErrInvalidResult}, nil, "crossed[0]", `unknown field "when"`},
	{"unknown key in a clock event", "event", `{"at":"2026-11-23T09:00:00Z","action":"start","retro":true}`,
		[]error{ErrInvalidClock}, nil, "", `unknown field "retro"`},
	{"unknown key in an evaluation", "evaluation", `{"chronicle":{},"at":"2026-11-23T09:00:00Z","result":[]}`,
		[]error{ErrInvalidResult}, []error{ErrInvalidPolicy}, "", `unknown field "result" (known: at, chronicle, results)`},
	{"unknown word in an evaluation's result", "evaluation", `{"at":"2026-11-23T09:00:00Z","results":[{"policy":"gold","kind":"sla","metric":"resolve","status":{"state":"lost"}}]}`,
		[]error{ErrInvalidResult, ErrUnknownWord}, []error{ErrInvalidPolicy}, "results[0].status.state", "unknown State"},
	{"a clock in a result that does not fold", "result", `{"policy":"gold","kind":"sla","metric":"resolve","clock":{"goal":` + okGoal + `,"events":[{"at":"2026-11-23T10:00:00Z","action":"start"},{"at":"2026-11-23T09:00:00Z","action":"stop"}]}}`,
		[]error{ErrInvalidResult, ErrInvalidClock, ErrOutOfOrder}, []error{ErrInvalidPolicy}, "clock.events[1]", "before the previous event"},
	{"unknown key in a goal", "goal", `{"duration":"1h","zone":"UTC"}`,
		[]error{ErrInvalidClock}, []error{ErrInvalidPolicy}, "", `unknown field "zone" (known: calendar, duration, thresholds)`},
	{"bad calendar in a goal", "goal", `{"duration":"1h","calendar":{"location":"Mars/Base","week":"Mon-Fri 09:00-17:00"}}`,
		[]error{ErrInvalidClock, calendar.ErrUnknownName}, nil, "calendar.location", "Mars/Base"},
	{"rules with a list as an object", "rules", `{"start":{"on":"opened"}}`,
		[]error{ErrInvalidPolicy}, nil, "start", "want a list"},
	{"unknown key in a result", "result", `{"policy":"gold","kind":"sla","metric":"resolve","status":{"state":"pending","cycle":0,"goal":"1h","accrued":"0s","remaining":"1h","used":0},"clock":null,"cycle":[]}`,
		[]error{ErrInvalidResult}, nil, "", `unknown field "cycle"`},

	// Wrong types.
	{"priority as a string", "target", `{"metric":"resolve","priority":"1","goal":"4h"}`,
		[]error{ErrInvalidPolicy}, nil, "priority", "want a whole number in range"},
	{"goal as a number", "target", `{"metric":"resolve","goal":3600}`,
		[]error{ErrInvalidPolicy}, nil, "goal", `want a string such as "4h30m" or "PT4H30M"`},
	{"thresholds as a string", "policy", `{"name":"x","thresholds":"0.5"}`,
		[]error{ErrInvalidPolicy}, nil, "thresholds", "want a list"},
	{"retroactive as a string", "policy", `{"name":"x","retroactive":"yes"}`,
		[]error{ErrInvalidPolicy}, nil, "retroactive", "want true or false"},
	{"targets as an object", "policy", `{"name":"x","targets":{"metric":"resolve"}}`,
		[]error{ErrInvalidPolicy}, nil, "targets", "want a list"},
	{"a policy as a list", "policy", `[1]`,
		[]error{ErrInvalidPolicy}, nil, "", "want a JSON object"},
	{"cycle as a string", "status", `{"state":"met","cycle":"one"}`,
		[]error{ErrInvalidResult}, nil, "cycle", "want a whole number in range"},
	{"kind as a number in a result", "result", `{"policy":"gold","kind":1}`,
		[]error{ErrInvalidResult}, nil, "kind", ""},

	// Empty.
	{"empty document", "policy", ``,
		[]error{ErrInvalidPolicy}, nil, "", "malformed JSON"},
	{"empty policy", "set", `[{}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].name", "a policy needs a name"},
	{"no targets", "set", `[{"name":"gold","calendar":"office","targets":[]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets", `a policy needs at least one target (policy "gold")`},
	{"empty metric", "set", `[{"name":"gold","calendar":"office","targets":[{"goal":"1h"}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].metric", "a target needs a metric"},
	{"empty happening", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"4h"}],"rules":{"resolve":{"start":[{}],"stop":[{"on":"resolved"}]}}}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].rules.resolve.start[0].on", "a happening needs its kind"},
	{"empty on", "happening", `{"on":""}`,
		[]error{ErrInvalidPolicy, ErrUnknownWord}, nil, "on", "unknown On (known: opened, "},
	{"empty goal", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve"}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].goal", "a goal must be positive"},
	{"empty duration", "target", `{"metric":"resolve","goal":""}`,
		[]error{ErrInvalidPolicy, duration.ErrSyntax}, nil, "goal", "empty"},
	{"empty action", "clock", `{"goal":` + okGoal + `,"events":[{"at":"2026-11-23T09:00:00Z","action":""}]}`,
		[]error{ErrInvalidClock}, nil, "events[0]", "an event needs its action"},
	{"no calendar at all", "set", `[{"name":"gold","targets":[{"metric":"resolve","goal":"4h"}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].calendar", "no calendar: name one on the target or the policy (known: 24x7, office)"},

	{"happening predicate missing", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"4h"}],"rules":{"resolve":{"start":[{"on":"becomes_true"}],"stop":[{"on":"resolved"}]}}}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].rules.resolve.start[0].predicate", "becomes_true needs a predicate (known: vip)"},
	{"dangling happening predicate", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"4h"}],"rules":{"resolve":{"start":[{"on":"opened"}],"pause":[{"on":"becomes_true","predicate":"moved"}],"stop":[{"on":"resolved"}]}}}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].rules.resolve.pause[0].predicate", "no such predicate (known: vip); register it with WithPredicate"},
	{"predicate on a lifecycle happening", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"4h"}],"rules":{"resolve":{"start":[{"on":"opened","predicate":"vip"}],"stop":[{"on":"resolved"}]}}}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].rules.resolve.start[0].predicate", "only becomes_true and becomes_false name a predicate, not opened"},
	{"wrong type of predicate", "happening", `{"on":"becomes_true","predicate":7}`,
		[]error{ErrInvalidPolicy}, nil, "predicate", "want a string"},

	{"goal and due date", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"4h","due":{"business_days":1}}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].due", "a target has a goal or a due date, not both"},
	{"empty due date", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","due":{}}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].due.business_days", "want 1 to 366 business days, or a deadline"},
	{"due time out of range", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","due":{"business_days":1,"at":"25:00"}}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].due.at", "want a wall-clock time HH:MM"},
	{"huge business days", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","due":{"business_days":100000}}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].due.business_days", "want 1 to 366 business days"},
	{"dangling deadline", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","due":{"deadline":"agreed"}}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].due.deadline", "no such deadline (known: none); give it with WithDeadline"},
	{"deadline and business days", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","due":{"deadline":"agreed","business_days":2}}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].due.deadline", "not both"},
	{"unknown key in a due date", "target", `{"metric":"resolve","due":{"busines_days":1}}`,
		[]error{ErrInvalidPolicy}, nil, "due", `unknown field "busines_days" (known: at, business_days, deadline)`},
	{"wrong type of business days", "target", `{"metric":"resolve","due":{"business_days":"1"}}`,
		[]error{ErrInvalidPolicy}, nil, "due.business_days", "want"},

	{"unknown after-breach choice", "policy", `{"name":"gold","calendar":"office","after_breach":"stop","targets":[{"metric":"resolve","goal":"4h"}]}`,
		[]error{ErrInvalidPolicy, ErrUnknownWord}, nil, "after_breach", "unknown AfterBreach (known: pause, keep_running, cancel)"},
	{"unknown cancel choice", "policy", `{"name":"gold","calendar":"office","when_to_cancel":"start_not_met","targets":[{"metric":"resolve","goal":"4h"}]}`,
		[]error{ErrInvalidPolicy, ErrUnknownWord}, nil, "when_to_cancel", "unknown WhenToCancel (known: cancel_met, never)"},
	{"number for a cancel choice", "policy", `{"name":"gold","calendar":"office","when_to_cancel":1,"targets":[{"metric":"resolve","goal":"4h"}]}`,
		[]error{ErrInvalidPolicy}, nil, "when_to_cancel", "want a string"},

	// Negative.
	{"negative goal", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"-1h"}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].goal", `a goal must be positive (policy "gold")`},
	{"negative threshold", "set", `[{"name":"gold","calendar":"office","thresholds":[0.5,-0.25],"targets":[{"metric":"resolve","goal":"1h"}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].thresholds[1]", "each threshold must be in (0, 1]"},
	{"negative priority", "target", `{"metric":"resolve","priority":-1,"goal":"1h"}`,
		[]error{ErrInvalidPolicy}, nil, "priority", "want a whole number in range"},
	{"negative clock goal", "clock", `{"goal":{"duration":"-PT1H","calendar":{"location":"UTC","week":"Mon-Fri 09:00-17:00"}},"events":[]}`,
		[]error{ErrInvalidClock}, nil, "goal.duration", "must be positive"},

	// Reversed ranges.
	{"clock events out of order", "clock", `{"goal":` + okGoal + `,"events":[{"at":"2026-11-23T10:00:00Z","action":"start"},{"at":"2026-11-23T09:00:00Z","action":"stop"}]}`,
		[]error{ErrInvalidClock, ErrOutOfOrder}, nil, "events[1]", "before the previous event"},
	{"threshold above the goal", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"1h","thresholds":[0.5,1.5]}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].thresholds[1]", "each threshold must be in (0, 1]"},

	// Unknown words.
	{"unknown kind", "policy", `{"name":"x","kind":"xla"}`,
		[]error{ErrInvalidPolicy, ErrUnknownWord}, nil, "kind", "unknown Kind (known: sla, ola)"},
	{"unknown reopen mode", "policy", `{"name":"x","reopen":"again"}`,
		[]error{ErrInvalidPolicy, ErrUnknownWord}, nil, "reopen", "unknown ReopenMode (known: continue, new_cycle)"},
	{"unknown happening", "policy", `{"name":"x","rules":{"resolve":{"pause":[{"on":"hodl"}]}}}`,
		[]error{ErrInvalidPolicy, ErrUnknownWord}, nil, "rules.resolve.pause[0].on", "unknown On (known: opened, "},
	{"unknown state of a status is not a policy error", "status", `{"state":"late","cycle":1}`,
		[]error{ErrInvalidResult, ErrUnknownWord}, []error{ErrInvalidPolicy}, "state", "unknown State (known: pending, running, paused, met, breached, cancelled)"},
	{"unknown action", "event", `{"at":"2026-11-23T09:00:00Z","action":"halt"}`,
		[]error{ErrInvalidClock, ErrUnknownWord}, []error{ErrInvalidPolicy}, "action", "unknown ClockAction"},
	{"unknown moment", "moment", `{"at":"2026-11-23T09:00:00Z","what":"explode","cycle":1,"accrued":"0s"}`,
		[]error{ErrInvalidResult, ErrUnknownWord}, nil, "what", "unknown Moment.What (known: start, pause, resume, stop, cancel, reset, retarget, threshold, breach)"},
	{"unknown kind in a result", "result", `{"policy":"gold","kind":"xla","metric":"resolve"}`,
		[]error{ErrInvalidResult, ErrUnknownWord}, []error{ErrInvalidPolicy}, "kind", "unknown Kind"},

	// Dangling names.
	{"unknown calendar", "set", `[` + okPolicy + `,{"name":"silver","targets":[{"metric":"resolve","goal":"4h","calendar":"ofice"}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[1].targets[0].calendar", `no such calendar (known: 24x7, office); give it with WithCalendars (policy "silver")`},
	{"unknown policy calendar", "set", `[{"name":"gold","calendar":"ofice","targets":[{"metric":"resolve","goal":"4h","calendar":"office"}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].calendar", "no such calendar (known: 24x7, office)"},
	{"incident calendar without its option", "set", `[{"name":"gold","calendar":"incident","targets":[{"metric":"resolve","goal":"4h"}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].calendar", "needs WithIncidentCalendar"},
	{"unknown predicate", "set", `[{"name":"gold","calendar":"office","when":{"predicate":"vip2"},"targets":[{"metric":"resolve","goal":"4h"}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].when.predicate", "no such predicate (known: vip); register it with WithPredicate"},
	{"unknown state", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"4h"}],"rules":{"resolve":{"start":[{"on":"opened"}],"stop":[{"on":"entered","state":"in_progres"}]}}}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].rules.resolve.stop[0].state", "not a state of the lifecycle (known: new, assigned, in_progress, on_hold, resolved, closed, cancelled)"},
	{"unknown hold reason", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"4h"}],"rules":{"resolve":{"start":[{"on":"opened"}],"pause":[{"on":"hold","hold_reasons":["on_hodl"]}],"stop":[{"on":"resolved"}]}}}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].rules.resolve.pause[0].hold_reasons[0]", "not a hold reason of the lifecycle (known: awaiting_caller, awaiting_change, awaiting_problem, awaiting_vendor)"},
	{"hold reason on a happening without one", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"4h"}],"rules":{"resolve":{"start":[{"on":"opened","hold_reasons":["awaiting_caller"]}],"stop":[{"on":"resolved"}]}}}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].rules.resolve.start[0].hold_reasons", "only hold and unhold name hold reasons"},
	{"rules for a metric no target measures", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"4h"}],"rules":{"resolv":{"start":[{"on":"opened"}],"stop":[{"on":"resolved"}]}}}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].rules.resolv", `no target measures metric "resolv" (targets measure: resolve)`},
	{"metric without default rules", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"satisfaction","goal":"4h"}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].metric", "no default rules for this metric in an sla (metrics with defaults: respond, restore, resolve, update, next_reply); give its rules under rules.satisfaction"},
	{"left_group in an SLA", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","goal":"4h"}],"rules":{"resolve":{"start":[{"on":"opened"}],"stop":[{"on":"left_group"}]}}}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].rules.resolve.stop[0].on", "only an OLA has a group to leave"},
	{"two policies with one name", "set", `[` + okPolicy + `,` + okPolicy + `]`,
		[]error{ErrInvalidPolicy}, nil, "policies[1].name", "two policies with one name (policies[0] is the first)"},

	// Huge numbers.
	{"huge priority", "target", `{"metric":"resolve","priority":1e400,"goal":"1h"}`,
		[]error{ErrInvalidPolicy}, nil, "priority", ""},
	{"priority beyond a byte", "target", `{"metric":"resolve","priority":300,"goal":"1h"}`,
		[]error{ErrInvalidPolicy}, nil, "priority", "want a whole number in range"},
	{"priority out of range", "set", `[{"name":"gold","calendar":"office","targets":[{"metric":"resolve","priority":9,"goal":"1h"}]}]`,
		[]error{ErrInvalidPolicy}, nil, "policies[0].targets[0].priority", "priorities are 1 to 5, or 0 for the default"},
	{"selector priority out of range", "set", `[{"name":"gold","calendar":"office","when":{"priorities":[7]},"targets":[{"metric":"resolve","goal":"1h"}]}]`,
		[]error{ErrInvalidPolicy, incident.ErrInvalidSelector}, nil, "policies[0].when.priorities[0]", "priorities are 1 to 5"},
	{"huge goal", "target", `{"metric":"resolve","goal":"99999999999999h"}`,
		[]error{ErrInvalidPolicy, duration.ErrSyntax}, nil, "goal", ""},
	{"huge threshold", "policy", `{"name":"x","thresholds":[1e400]}`,
		[]error{ErrInvalidPolicy}, nil, "thresholds[0]", ""},
	{"huge cycle", "status", `{"state":"met","cycle":1e30}`,
		[]error{ErrInvalidResult}, nil, "cycle", "want a whole number in range"},

	// Deeply nested JSON.
	{"deeply nested selector", "policy", `{"name":"x","when":` + strings.Repeat(`{"customers":`, 20000),
		[]error{ErrInvalidPolicy}, nil, "when", ""},
	{"deeply nested targets", "policy", `{"name":"x","targets":` + strings.Repeat(`[`, 20000) + strings.Repeat(`]`, 20000) + `}`,
		[]error{ErrInvalidPolicy}, nil, "targets", ""},
	{"deeply nested status", "status", strings.Repeat(`{"crossed":[`, 20000),
		[]error{ErrInvalidResult}, nil, "crossed", ""},
}

// decodeAs decodes doc as what says, with the type's UnmarshalJSON (so that
// malformed JSON reaches it: json.Unmarshal reports that with a
// *json.SyntaxError before any method runs); "set" decodes a list of
// policies with json.Unmarshal, as a host does, and builds a Set with the
// calendars office and 24x7 and the predicate vip.
func decodeAs(t *testing.T, what, doc string) error {
	t.Helper()
	b := []byte(doc)
	switch what {
	case "policy":
		var v Policy
		return v.UnmarshalJSON(b)
	case "target":
		var v Target
		return v.UnmarshalJSON(b)
	case "rules":
		var v Rules
		return v.UnmarshalJSON(b)
	case "happening":
		var v Happening
		return v.UnmarshalJSON(b)
	case "goal":
		var v Goal
		return v.UnmarshalJSON(b)
	case "event":
		var v ClockEvent
		return v.UnmarshalJSON(b)
	case "clock":
		var v Clock
		return v.UnmarshalJSON(b)
	case "status":
		var v Status
		return v.UnmarshalJSON(b)
	case "moment":
		var v Moment
		return v.UnmarshalJSON(b)
	case "result":
		var v Result
		return v.UnmarshalJSON(b)
	case "evaluation":
		var v Evaluation
		return v.UnmarshalJSON(b)
	case "set":
		var ps []Policy
		require.NoError(t, json.Unmarshal(b, &ps), "the policies decode; NewSet refuses them")
		office := cal(t, "Mon-Fri 09:00-17:00")
		_, err := NewSet(ps, WithCalendars(map[string]*calendar.Calendar{"office": office, "24x7": office}),
			WithPredicate("vip", func(incident.Incident) bool { return true }))
		return err
	}
	t.Fatalf("decodeAs: unknown %q", what)
	return nil
}

func TestCatalogueOfBadInputs(t *testing.T) {
	for _, tc := range catalogue {
		t.Run(tc.name, func(t *testing.T) {
			err := decodeAs(t, tc.what, tc.doc)
			require.Error(t, err)
			for _, s := range tc.is {
				assert.ErrorIs(t, err, s)
			}
			for _, s := range tc.isNot {
				assert.NotErrorIs(t, err, s)
			}
			var fe *FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.path, fe.Path)
			assert.True(t, strings.HasPrefix(err.Error(), "sla: "), "%v", err)
			assert.Contains(t, err.Error(), tc.reason)
			assert.Less(t, len(err.Error()), 600, "a message stays readable")
		})
	}
}

// TestCatalogueCoversEveryKind makes sure the catalogue keeps a case of each
// kind of bad input the issue lists, for every decoder it names.
func TestCatalogueCoversEveryKind(t *testing.T) {
	var whats []string
	for _, tc := range catalogue {
		whats = append(whats, tc.what)
	}
	for _, w := range []string{"policy", "target", "happening", "set", "event", "clock", "status", "moment", "result", "evaluation", "goal", "rules"} {
		assert.Contains(t, whats, w)
	}
}

// withoutAwaitingCaller is the default lifecycle without the hold reason
// awaiting_caller (and the trigger that names it).
func withoutAwaitingCaller(t *testing.T) *incident.Lifecycle {
	t.Helper()
	def := incident.DefaultDefinition()
	def.HoldReasons = slices.DeleteFunc(def.HoldReasons, func(r incident.HoldReason) bool { return r == incident.AwaitingCaller })
	def.Triggers = slices.DeleteFunc(def.Triggers, func(tr incident.TriggerSpec) bool {
		return slices.Contains(tr.HoldReasons, incident.AwaitingCaller)
	})
	lc, err := incident.NewLifecycle(def)
	require.NoError(t, err)
	return lc
}

func TestDefaultRulesCheckedAgainstTheLifecycle(t *testing.T) {
	lc := withoutAwaitingCaller(t)
	office := cal(t, "Mon-Fri 09:00-17:00")
	p := Policy{Name: "gold", Calendar: "office", Targets: []Target{{Metric: Update, Goal: time.Hour}}}
	_, err := NewSet([]Policy{p}, WithCalendars(map[string]*calendar.Calendar{"office": office}), WithLifecycle(lc))
	require.ErrorIs(t, err, ErrInvalidPolicy)
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "policies[0].rules.update.pause[0].hold_reasons[0]", fe.Path)
	assert.Contains(t, err.Error(), "in the default rules of update; give the metric's rules")
	// With rules of its own that name what the lifecycle has, it is fine.
	p.Rules = map[Metric]Rules{Update: {Start: []Happening{{On: OnOpened}}, Reset: []Happening{{On: OnUpdatedCustomer}},
		Pause: []Happening{{On: OnHold, HoldReasons: []incident.HoldReason{incident.AwaitingVendor}}}, Stop: []Happening{{On: OnResolved}}}}
	_, err = NewSet([]Policy{p}, WithCalendars(map[string]*calendar.Calendar{"office": office}), WithLifecycle(lc))
	require.NoError(t, err)
}

// TestResultsDecodeLosslessly: what Evaluate writes reads back to the same
// JSON, through every result type (Evaluation, Result, Status, Clock,
// Moment), and a stored result with a bad word is a result error.
func TestResultsDecodeLosslessly(t *testing.T) {
	s := testSet(t, standard())
	h := opened(mon(9, 0), 1, 1).assign(mon(9, 5), "desk", "ann").do(mon(9, 10), incident.ActionStart).update(mon(9, 30)).hold(mon(10, 0), incident.AwaitingCaller).do(mon(11, 0), incident.ActionResume).resolve(mon(15, 0))
	ev, err := s.evaluateEvents(h, mon(16, 0))
	require.NoError(t, err)
	roundTrip := func(v any, into any) {
		t.Helper()
		b, err := json.Marshal(v)
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(b, into), "%s", b)
		b2, err := json.Marshal(into)
		require.NoError(t, err)
		assert.JSONEq(t, string(b), string(b2))
	}
	var back Evaluation
	roundTrip(ev, &back)
	for _, r := range ev.Results {
		var res Result
		roundTrip(r, &res)
		var st Status
		roundTrip(r.Status, &st)
		assert.True(t, r.Status.Started.Equal(st.Started))
		assert.Equal(t, r.Status.Accrued, st.Accrued)
		var c Clock
		roundTrip(r.Clock, &c)
		for _, m := range r.Clock.Timeline(ev.At) {
			var back Moment
			roundTrip(m, &back)
			assert.Equal(t, m.What, back.What)
			assert.Equal(t, m.Accrued, back.Accrued)
		}
	}
}

func TestEveryDecodeErrorIsAFieldError(t *testing.T) {
	// The options' mistakes too.
	_, err := NewSet(nil, WithCalendars(map[string]*calendar.Calendar{"office": nil}))
	assert.ErrorIs(t, err, ErrInvalidPolicy)
	_, err = NewSet(nil, WithPredicate("", nil))
	assert.ErrorIs(t, err, ErrInvalidPolicy)
	_, err = NewSet(nil, WithLifecycle(nil))
	var fe *FieldError
	assert.ErrorAs(t, err, &fe)
	// A clock's retarget with a bad goal names the goal's field.
	office := cal(t, "Mon-Fri 09:00-17:00")
	_, err = NewClock(Goal{Duration: 3600e9, Calendar: office}, ev(mon(9, 0), Start),
		ClockEvent{At: mon(10, 0), Action: Retarget, Goal: &Goal{Duration: -1, Calendar: office}})
	var ee *EventError
	require.ErrorAs(t, err, &ee)
	assert.ErrorIs(t, err, ErrInvalidClock)
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "goal.duration", fe.Path)
	assert.False(t, errors.Is(err, ErrInvalidPolicy))
}

func TestEvaluateErrors(t *testing.T) {
	office := cal(t, "Mon-Fri 09:00-17:00")
	// A chronicle replayed with one lifecycle, evaluated in its past by a
	// set whose lifecycle refuses one of its events.
	s, err := NewSet([]Policy{{Name: "gold", Calendar: "office", Targets: []Target{{Metric: Resolve, Goal: 8 * time.Hour}}}},
		WithCalendars(map[string]*calendar.Calendar{"office": office}), WithLifecycle(withoutAwaitingCaller(t)))
	require.NoError(t, err)
	lc, err := incident.DefaultLifecycle()
	require.NoError(t, err)
	h := opened(mon(9, 0), 3, 3).assign(mon(9, 5), "desk", "ann").do(mon(9, 10), incident.ActionStart).
		hold(mon(10, 0), incident.AwaitingCaller).resolve(mon(12, 0))
	c, err := incident.Replay(lc, h)
	require.NoError(t, err)
	_, err = s.Evaluate(c, mon(11, 0))
	require.ErrorIs(t, err, ErrChronicle)
	assert.ErrorIs(t, err, incident.ErrInvalidEvent)
	assert.True(t, strings.HasPrefix(err.Error(), "sla: "), err.Error())

	// An incident the host has no calendar for.
	s, err = NewSet([]Policy{{Name: "local", Calendar: IncidentCalendar, Targets: []Target{{Metric: Resolve, Goal: time.Hour}}}},
		WithIncidentCalendar(func(incident.Incident) (*calendar.Calendar, error) { return nil, nil }))
	require.NoError(t, err)
	_, err = s.evaluateEvents(opened(mon(9, 0), 3, 3), mon(10, 0))
	require.ErrorIs(t, err, ErrNoCalendar)
	hostErr := errors.New("customer unknown")
	s, err = NewSet([]Policy{{Name: "local", Calendar: IncidentCalendar, Targets: []Target{{Metric: Resolve, Goal: time.Hour}}}},
		WithIncidentCalendar(func(incident.Incident) (*calendar.Calendar, error) { return nil, hostErr }))
	require.NoError(t, err)
	_, err = s.evaluateEvents(opened(mon(9, 0), 3, 3), mon(10, 0))
	require.ErrorIs(t, err, ErrNoCalendar)
	assert.ErrorIs(t, err, hostErr)
}
