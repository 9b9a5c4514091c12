package sla

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
)

// BenchmarkStatus20Events: a clock with a start and 20 pause/resume events,
// the DESIGN.md target (<= 2 us/op).
func BenchmarkStatus20Events(b *testing.B) {
	office, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-12:30,13:30-18:00"))
	at := mon(9, 0)
	events := []ClockEvent{{At: at, Action: Start}}
	for i := range 20 {
		at = at.Add(97 * time.Minute)
		events = append(events, ClockEvent{At: at, Action: []ClockAction{Pause, Resume}[i%2]})
	}
	c, err := NewClock(Goal{Duration: 40 * time.Hour, Calendar: office, Thresholds: []float64{0.5, 0.75, 0.9}}, events...)
	if err != nil {
		b.Fatal(err)
	}
	now := at.Add(3 * time.Hour)
	c.Status(now)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Status(now)
	}
}

// BenchmarkFold20Events folds the same events from scratch.
func BenchmarkFold20Events(b *testing.B) {
	office, _ := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-12:30,13:30-18:00"))
	at := mon(9, 0)
	events := []ClockEvent{{At: at, Action: Start}}
	for i := range 20 {
		at = at.Add(97 * time.Minute)
		events = append(events, ClockEvent{At: at, Action: []ClockAction{Pause, Resume}[i%2]})
	}
	goal := Goal{Duration: 40 * time.Hour, Calendar: office, Thresholds: []float64{0.5, 0.75, 0.9}}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c, _ := NewClock(goal, events...)
		c.Status(at)
	}
}

func benchHistory() []incident.Event {
	return opened(mon(9, 0), 2, 2).
		assign(mon(9, 10), "service-desk", "ann").
		update(mon(9, 30)).
		do(mon(9, 40), incident.ActionStart).
		hold(mon(10, 0), incident.AwaitingCaller).
		add(incident.Event{At: mon(13, 0), Type: incident.EventComment, Note: "reply", FromCaller: true, Actor: "caller"}).
		update(mon(14, 0)).
		resolve(mon(16, 0))
}

// BenchmarkEvaluate3Metrics evaluates one incident (8 events) against a
// policy with three metrics, replay included (target <= 5 us/op).
func BenchmarkEvaluate3Metrics(b *testing.B) {
	p := standard()
	p.Targets = p.Targets[1:] // resolve (2 targets), update ...
	p.Targets = append(p.Targets, Target{Metric: Respond, Goal: time.Hour})
	s := testSet(b, p)
	h := benchHistory()
	now := mon(17, 0)
	if _, err := s.evaluateEvents(h, now); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.evaluateEvents(h, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateMillion evaluates 1,000,000 incidents in a loop (each a
// shifted copy of the same history) and reports the cost per incident.
func BenchmarkEvaluateMillion(b *testing.B) {
	s := testSet(b, standard())
	base := benchHistory()
	const n = 1_000_000
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		h := make([]incident.Event, len(base))
		for k := 0; k < n; k++ {
			shift := time.Duration(k%5000) * 7 * time.Minute
			for j := range base {
				h[j] = base[j]
				h[j].At = base[j].At.Add(shift)
			}
			if _, err := s.evaluateEvents(h, base[len(base)-1].At.Add(shift+time.Hour)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/incident")
}

// BenchmarkDecodePolicy is the cost of strict decoding: a policy with four
// targets, a selector and one metric's rules, read as a host loads it.
func BenchmarkDecodePolicy(b *testing.B) {
	doc := []byte(`{"name":"gold","kind":"sla","when":{"customers":["acme"],"priorities":[1,2]},"calendar":"office",
	  "thresholds":[0.5,0.75],"reopen":"new_cycle","targets":[{"metric":"respond","goal":"1h"},
	  {"metric":"resolve","priority":1,"goal":"4h","calendar":"24x7"},{"metric":"resolve","goal":"PT8H"},
	  {"metric":"update","goal":"2h"}],"rules":{"respond":{"start":[{"on":"opened"}],
	  "stop":[{"on":"responded"},{"on":"entered","state":"in_progress"}],"pause":[{"on":"hold","hold_reasons":["awaiting_caller"]}]}}}`)
	b.ReportAllocs()
	for b.Loop() {
		var p Policy
		if err := json.Unmarshal(doc, &p); err != nil {
			b.Fatal(err)
		}
	}
}
