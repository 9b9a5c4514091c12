package incident_test

import (
	"testing"

	"github.com/go-itsm/itsm/incident"
)

// history50 is a plausible 50-event history: opened, assigned, started, 22
// rounds of waiting for the caller and the caller's reply, a response and
// the resolution.
func history50() []incident.Event {
	evs := path(incident.StateInProgress) // 4 events, minutes 0-3
	m := 10
	for i := 0; i < 22; i++ {
		evs = append(evs, holdEv(m, incident.AwaitingCaller), commentEv(m+30, "here you go", false, true))
		m += 60
	}
	evs = append(evs, commentEv(m, "found it", true, false), resolveEv(m+10))
	return evs
}

// BenchmarkApply applies one event (an agent's comment) to an incident with a
// 10-event history; Apply copies the history, so its cost grows with it.
func BenchmarkApply(b *testing.B) {
	lc := defaultLC(b)
	inc, err := replay(lc, history50()[:10])
	if err != nil {
		b.Fatal(err)
	}
	e := commentEv(10_000, "checking", true, false)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := inc.Apply(lc, e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApplyTransition applies a guarded transition (resolve) to the
// same incident.
func BenchmarkApplyTransition(b *testing.B) {
	lc := defaultLC(b)
	inc, err := replay(lc, history50()[:10])
	if err != nil {
		b.Fatal(err)
	}
	e := resolveEv(10_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := inc.Apply(lc, e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApplyLongHistory applies one event to an incident with 50 events.
func BenchmarkApplyLongHistory(b *testing.B) {
	lc := defaultLC(b)
	evs := history50()
	inc, err := replay(lc, evs[:len(evs)-1])
	if err != nil {
		b.Fatal(err)
	}
	e := evs[len(evs)-1]
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := inc.Apply(lc, e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReplay50 rebuilds an incident from a 50-event history.
func BenchmarkReplay50(b *testing.B) {
	lc := defaultLC(b)
	evs := history50()
	if len(evs) != 50 {
		b.Fatalf("history has %d events", len(evs))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := incident.Replay(lc, evs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReplayHolds folds the 50-event history and reads its holds, as
// an SLA clock does.
func BenchmarkReplayHolds(b *testing.B) {
	lc := defaultLC(b)
	evs := history50()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c, err := incident.Replay(lc, evs)
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Holds) != 22 {
			b.Fatalf("%d holds", len(c.Holds))
		}
	}
}
