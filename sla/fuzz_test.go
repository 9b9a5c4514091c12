package sla

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
)

// FuzzPolicyJSON decodes arbitrary policy documents and builds sets from
// them: decoding and validation may fail, but only with *FieldError values
// wrapping ErrInvalidPolicy whose message starts with "sla: ", never a
// panic; a valid policy re-encodes to a document that decodes to the same
// policy.
func FuzzPolicyJSON(f *testing.F) {
	f.Add(`{"name":"gold","calendar":"office","thresholds":[0.5,0.75],"targets":[{"metric":"resolve","priority":1,"goal":"4h"},{"metric":"respond","goal":"PT30M"}]}`)
	f.Add(`{"name":"ola","kind":"ola","group":"network","calendar":"office","targets":[{"metric":"resolve","goal":"2h"}]}`)
	f.Add(`{"name":"x","calendar":"office","reopen":"new_cycle","targets":[{"metric":"custom","goal":"1h"}],"rules":{"custom":{"start":[{"on":"opened"}],"stop":[{"on":"entered","state":"in_progress"}]}}}`)
	f.Add(`{"name":"bad","targets":[{"metric":"resolve","goal":"-1h"}]}`)
	f.Add(`{"name":"typo","calendar":"office","targets":[{"metric":"resolve","priorty":1,"goal":"4h"}]}`)
	f.Add(`{"name":"hold","calendar":"office","targets":[{"metric":"resolve","goal":"4h"}],"rules":{"resolve":{"start":[{"on":"opened"}],"pause":[{"on":"hold","hold_reasons":["on_hodl"]}],"stop":[{"on":"resolved"}]}}}`)
	f.Add(`{"name":"w","kind":"xla","reopen":"again","when":{"priorities":[9],"predicate":"vip"},"thresholds":[1e400]}`)
	f.Add(`{"name":"d","calendar":"office","after_breach":"keep_running","when_to_cancel":"never","targets":[{"metric":"respond","due":{"business_days":1,"at":"12:00"}},{"metric":"next_reply","goal":"30m"}]}`)
	f.Add(`{"name":"p","calendar":"office","targets":[{"metric":"resolve","goal":"4h"}],"rules":{"resolve":{"open":[{"on":"becomes_true","predicate":"vip"}],"stop":[{"on":"becomes_false","predicate":"vip"}]}}}`)
	office, err := calendar.New(time.UTC, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	if err != nil {
		f.Fatal(err)
	}
	history := []incident.Event{
		{At: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), Actor: "c", Type: incident.EventOpen, ID: "I", Impact: 1, Urgency: 1},
		{At: time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC), Actor: "a", Type: incident.EventAssign, Group: "network", Assignee: "a"},
		{At: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), Actor: "a", Type: incident.EventTransition, Action: incident.ActionStart},
		{At: time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC), Actor: "a", Type: incident.EventTransition, Action: incident.ActionHold, HoldReason: incident.AwaitingVendor},
		{At: time.Date(2026, 11, 24, 11, 0, 0, 0, time.UTC), Actor: "a", Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "solved", Note: "n"},
	}
	f.Fuzz(func(t *testing.T, doc string) {
		var p Policy
		if err := p.UnmarshalJSON([]byte(doc)); err != nil {
			checkError(t, "decode", err, ErrInvalidPolicy)
			return
		}
		vip := WithPredicate("vip", func(inc incident.Incident) bool { return inc.Major })
		s, err := NewSet([]Policy{p}, WithCalendars(map[string]*calendar.Calendar{"office": office}), vip)
		if err != nil {
			checkError(t, "NewSet", err, ErrInvalidPolicy)
			return
		}
		b, err := json.Marshal(s.Policies()[0])
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		var back Policy
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("decode own output %s: %v", b, err)
		}
		if _, err := NewSet([]Policy{back}, WithCalendars(map[string]*calendar.Calendar{"office": office}), vip); err != nil {
			t.Fatalf("own output invalid: %v", err)
		}
		ev, err := s.evaluateEvents(history, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatalf("Evaluate: %v", err)
		}
		for _, r := range ev.Results {
			if r.Status.Accrued < 0 {
				t.Fatalf("negative accrual: %+v", r.Status)
			}
		}
	})
}

// FuzzClockEvents folds arbitrary event sequences: no panic, the one-call
// and one-by-one folds agree, and accrued time never exceeds the elapsed
// time since the first event.
func FuzzClockEvents(f *testing.F) {
	f.Add([]byte{1, 10, 2, 20, 3, 30, 4, 200, 6, 5, 7, 9})
	f.Add([]byte{6, 0, 5, 0, 1, 255, 2, 0, 3, 1})
	office, err := calendar.New(time.UTC, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	if err != nil {
		f.Fatal(err)
	}
	always, err := calendar.New(time.UTC, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		start := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
		at := start
		var events []ClockEvent
		for i := 0; i+1 < len(ops) && len(events) < 64; i += 2 {
			at = at.Add(time.Duration(ops[i+1]) * 7 * time.Minute)
			e := ClockEvent{At: at, Action: ClockAction(ops[i]%8 + 0)}
			if e.Action == Retarget {
				e.Goal = &Goal{Duration: time.Duration(ops[i+1]%9+1) * time.Hour, Calendar: always, Thresholds: []float64{0.5}}
				e.Retroactive = ops[i+1]%2 == 0
			}
			events = append(events, e)
		}
		goal := Goal{Duration: 3 * time.Hour, Calendar: office, Thresholds: []float64{0.25, 1}}
		c, err := NewClock(goal, events...)
		if err != nil {
			var ee *EventError
			if !errors.As(err, &ee) {
				t.Fatalf("want *EventError, got %v", err)
			}
			return
		}
		one, _ := NewClock(goal)
		for _, e := range events {
			if one, err = one.Apply(e); err != nil {
				t.Fatalf("Apply: %v", err)
			}
		}
		now := at.Add(5 * time.Hour)
		a, b := c.Status(now), one.Status(now)
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Fatalf("fold differs: %s vs %s", ja, jb)
		}
		if a.Accrued < 0 || a.Accrued > now.Sub(start) {
			t.Fatalf("accrued %v out of range", a.Accrued)
		}
		_, _ = c.NextChange(now)
		_ = c.Timeline(now)
		_ = c.Status(start.Add(time.Hour))
	})
}

// FuzzEvaluateHistory evaluates arbitrary incident histories against a set
// with every metric, a retroactive policy for P1 and an OLA: no panic, and
// every result is what its clock, rebuilt on its own from its goal and
// events, says (as written in JSON; reflect.DeepEqual first, which is
// stricter and five times cheaper). Evaluate lends its clocks storage from
// shared blocks; this is the check that no clock writes over another's.
func FuzzEvaluateHistory(f *testing.F) {
	f.Add([]byte{1, 10, 2, 20, 3, 30, 4, 200, 6, 5, 7, 9, 8, 3, 9, 1})
	f.Add([]byte{3, 1, 3, 2, 3, 3, 3, 4, 3, 5, 3, 6, 3, 7, 3, 8, 3, 9, 3, 10, 3, 11, 3, 12, 3, 13, 3, 14, 3, 15, 3, 16, 3, 17, 3, 18, 3, 19, 5, 1, 6, 1, 11, 1})
	f.Add([]byte{10, 0, 4, 1, 11, 60, 5, 60, 10, 3, 9, 2, 6, 3, 7, 4})
	gold := standard()
	gold.Name, gold.Retroactive, gold.Reopen = "gold", true, NewCycle
	gold.When = incident.Selector{Priorities: []incident.Priority{incident.P1}}
	gold.Targets = append(gold.Targets, Target{Metric: Restore, Goal: 2 * time.Hour, Calendar: "24x7", Thresholds: []float64{0.5, 0.9}})
	ola := Policy{Name: "network", Kind: OLA, Group: "network", Calendar: "office", Targets: []Target{{Metric: Resolve, Goal: 3 * time.Hour}}}
	s := testSet(f, gold, standard(), ola)
	// Issue 18's choices: the group's calendar, a due date, next reply
	// time, a happening on a host predicate, and the choices after a breach.
	apac, amer := followTheSun(f)
	issue18, err := NewSet([]Policy{{Name: "issue18", Calendar: GroupCalendar, AfterBreach: KeepRunning, WhenToCancel: NeverCancel,
		Targets: []Target{{Metric: Resolve, Goal: 6 * time.Hour, Thresholds: []float64{0.5}}, {Metric: NextReply, Goal: 30 * time.Minute},
			{Metric: Respond, Due: &Due{BusinessDays: 1, At: "12:00"}}},
		Rules: map[Metric]Rules{Resolve: {Start: []Happening{{On: OnOpened}, {On: OnReopened}},
			Pause: []Happening{{On: OnHold}, {On: OnBecomesTrue, Predicate: "major"}}, Resume: []Happening{{On: OnUnhold}},
			Stop: []Happening{{On: OnResolved}}, Cancel: []Happening{{On: OnCancelled}}}}}},
		WithGroupCalendars(map[string]*calendar.Calendar{"": amer, "service-desk": apac, "network": amer}),
		WithPredicate("major", func(inc incident.Incident) bool { return inc.Major }))
	if err != nil {
		f.Fatal(err)
	}
	lc, err := incident.DefaultLifecycle()
	if err != nil {
		f.Fatal(err)
	}
	actions := []incident.Action{incident.ActionStart, incident.ActionResume, incident.ActionReopen, incident.ActionClose, incident.ActionCancel}
	f.Fuzz(func(t *testing.T, ops []byte) {
		at := mon(8, 0)
		h := opened(at, 2, 2)
		live, _, err := incident.Incident{}.Apply(lc, h[0])
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i+1 < len(ops) && len(h) < 80; i += 2 {
			op, arg := ops[i]%12, ops[i+1]
			at = at.Add(time.Duration(arg) * 9 * time.Minute)
			e := incident.Event{At: at, Actor: "agent"}
			switch op {
			case 0:
				e.Type, e.Group = incident.EventAssign, []string{"service-desk", "network"}[arg%2]
			case 1:
				e.Type, e.Note, e.CustomerVisible = incident.EventComment, "update", true
			case 2:
				e.Type, e.Note, e.FromCaller = incident.EventComment, "reply", true
			case 3:
				e.Type, e.Action = incident.EventTransition, actions[int(arg)%len(actions)]
			case 4:
				e.Type, e.Action = incident.EventTransition, incident.ActionHold
				e.HoldReason = []incident.HoldReason{incident.AwaitingCaller, incident.AwaitingVendor}[arg%2]
			case 5:
				e.Type, e.Action, e.ResolutionCode, e.Note = incident.EventTransition, incident.ActionResolve, "solved", "fixed"
			case 6:
				e.Type, e.Priority, e.Reason = incident.EventPrioritize, incident.Priority(arg%5+1), "escalated"
			case 7:
				e.Type, e.Impact, e.Urgency = incident.EventClassify, incident.Impact(arg%3+1), incident.Urgency(arg/3%3+1)
			case 8:
				e.Type = incident.EventWorkaround
			case 9:
				e.Type = incident.EventMajor
			case 10:
				e.Type, e.Assignee = incident.EventAssign, "ann"
			default:
				e.Type, e.Note, e.FirstResponse = incident.EventComment, "on it", true
			}
			if next, _, err := live.Apply(lc, e); err == nil { // keep the events the lifecycle accepts
				h, live = append(h, e), next
			}
		}
		now := at.Add(time.Duration(len(ops)) * time.Hour)
		ev, err := s.evaluateEvents(h, now)
		if err != nil {
			t.Fatalf("Evaluate: %v", err)
		}
		ev18, err := issue18.evaluateEvents(h, now)
		if err != nil {
			t.Fatalf("Evaluate (issue 18): %v", err)
		}
		for _, res := range append(ev.Results, ev18.Results...) {
			if res.Status.State == Pending {
				continue
			}
			alone, err := NewClock(res.Clock.initial, res.Clock.Events()...)
			if err != nil {
				t.Fatalf("%s/%s: rebuilding the clock: %v", res.Policy, res.Metric, err)
			}
			if cycles := alone.Cycles(now); !reflect.DeepEqual(res.Cycles, cycles) { // else the JSON decides (zones by offset)
				if got, want := mustJSON(t, res.Cycles), mustJSON(t, cycles); got != want {
					t.Fatalf("%s/%s: evaluated cycles\n%s\nbut the clock alone says\n%s", res.Policy, res.Metric, got, want)
				}
			}
			if status := alone.Status(now); !reflect.DeepEqual(res.Status, status) {
				if got, want := mustJSON(t, res.Status), mustJSON(t, status); got != want {
					t.Fatalf("%s/%s: status %s, the clock alone %s", res.Policy, res.Metric, got, want)
				}
			}
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkError fails t unless err is a *FieldError wrapping sentinel whose
// message starts with "sla: ".
func checkError(t *testing.T, what string, err error, sentinel error) {
	t.Helper()
	var fe *FieldError
	if !errors.Is(err, sentinel) || !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), "sla: ") {
		t.Fatalf("%s: %T %v: want a *FieldError wrapping %v", what, err, err, sentinel)
	}
}

// FuzzResultJSON decodes arbitrary documents as the results the package
// writes (Result, Status, Moment, Clock, ClockEvent): decoding fails only
// with *FieldError values wrapping the type's sentinel (never
// ErrInvalidPolicy), never panics, and what decodes is written back to
// JSON that decodes to the same JSON again (lossless).
func FuzzResultJSON(f *testing.F) {
	const goal = `{"duration":"1h","calendar":{"location":"UTC","week":"Mon-Fri 09:00-17:00"},"thresholds":[0.5]}`
	f.Add(uint8(0), `{"policy":"gold","kind":"sla","metric":"resolve","status":{"state":"running","cycle":1,"started":"2026-11-23T09:00:00Z","goal":"1h","accrued":"30m0s","remaining":"30m0s","used":0.5,"crossed":[{"threshold":0.5,"at":"2026-11-23T09:30:00Z"}]},"clock":{"goal":`+goal+`,"events":[{"at":"2026-11-23T09:00:00Z","action":"start"}]}}`)
	f.Add(uint8(1), `{"state":"breached","stopped":true,"cycle":2,"goal":"PT1H","accrued":"2h","remaining":"-1h","used":2,"breached_at":"2026-11-23T10:00:00+01:00","breached_goal":"1h"}`)
	f.Add(uint8(2), `{"at":"2026-11-23T09:00:00Z","what":"breach","cycle":1,"accrued":"1h","threshold":0}`)
	f.Add(uint8(3), `{"goal":`+goal+`,"events":[{"at":"2026-11-23T09:00:00Z","action":"start"},{"at":"2026-11-23T10:00:00Z","action":"retarget","goal":`+goal+`,"retroactive":true},{"at":"2026-11-23T09:00:00Z","action":"stop"}]}`)
	f.Add(uint8(4), `{"at":"2026-11-23T09:00:00Z","action":"halt"}`)
	f.Add(uint8(1), `{"state":"late"}`)
	f.Fuzz(func(t *testing.T, which uint8, doc string) {
		type value interface {
			json.Unmarshaler
		}
		var v value
		sentinel := ErrInvalidResult
		switch which % 5 {
		case 0:
			v = new(Result)
		case 1:
			v = new(Status)
		case 2:
			v = new(Moment)
		case 3:
			v, sentinel = new(Clock), ErrInvalidClock
		default:
			v, sentinel = new(ClockEvent), ErrInvalidClock
		}
		if err := v.UnmarshalJSON([]byte(doc)); err != nil {
			checkError(t, "decode", err, sentinel)
			if errors.Is(err, ErrInvalidPolicy) {
				t.Fatalf("a result's error is a policy error: %v", err)
			}
			return
		}
		once, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if err := v.UnmarshalJSON(once); err != nil {
			t.Fatalf("decode own output %s: %v", once, err)
		}
		twice, err := json.Marshal(v)
		if err != nil || string(once) != string(twice) {
			t.Fatalf("not lossless:\n%s\n%s (%v)", once, twice, err)
		}
	})
}
