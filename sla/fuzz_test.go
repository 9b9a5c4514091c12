package sla

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
)

// FuzzPolicyJSON decodes arbitrary policy documents and builds sets from
// them: decoding and validation may fail, but only with errors, and a valid
// policy re-encodes to a document that decodes to the same policy.
func FuzzPolicyJSON(f *testing.F) {
	f.Add(`{"name":"gold","calendar":"office","thresholds":[0.5,0.75],"targets":[{"metric":"resolve","priority":1,"goal":"4h"},{"metric":"respond","goal":"PT30M"}]}`)
	f.Add(`{"name":"ola","kind":"ola","group":"network","calendar":"office","targets":[{"metric":"resolve","goal":"2h"}]}`)
	f.Add(`{"name":"x","calendar":"office","reopen":"new_cycle","targets":[{"metric":"custom","goal":"1h"}],"rules":{"custom":{"start":[{"on":"opened"}],"stop":[{"on":"entered","state":"in_progress"}]}}}`)
	f.Add(`{"name":"bad","targets":[{"metric":"resolve","goal":"-1h"}]}`)
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
		if err := json.Unmarshal([]byte(doc), &p); err != nil {
			return
		}
		s, err := NewSet([]Policy{p}, WithCalendars(map[string]*calendar.Calendar{"office": office}))
		if err != nil {
			if !errors.Is(err, ErrInvalidPolicy) {
				t.Fatalf("NewSet: an error that is not ErrInvalidPolicy: %v", err)
			}
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
		if _, err := NewSet([]Policy{back}, WithCalendars(map[string]*calendar.Calendar{"office": office})); err != nil {
			t.Fatalf("own output invalid: %v", err)
		}
		ev, err := s.Evaluate(history, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
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
