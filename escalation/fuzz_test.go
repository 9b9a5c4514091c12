package escalation_test

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
)

// FuzzPolicyJSON: any policy document either fails to decode or to
// validate with a *FieldError wrapping ErrInvalidPolicy (never a panic), or round-trips through JSON and evaluates
// without panicking, within its contract (nothing due after now, no key
// twice, nothing again once recorded).
func FuzzPolicyJSON(f *testing.F) {
	b, err := os.ReadFile("testdata/policies.json")
	if err != nil {
		f.Fatal(err)
	}
	var seeds []json.RawMessage
	if err := json.Unmarshal(b, &seeds); err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"name":"p","steps":[{"name":"s","trigger":{"on":"opened","after":"PT1S"},"targets":[{"kind":"person","person":"x"}]}],"repeat":{"times":100,"interval":"1ns"}}`))
	f.Add([]byte(`{"name":"p","steps":[{"name":"s","trigger":{"on":"sla_used","metric":"resolve","used":1e-300},"targets":[{"kind":"group"}]}]}`))
	f.Add([]byte(`{"name":"p","steps":[]}`))
	f.Add([]byte(`{"name":"p","steps":[{"name":"s","trigger":{"on":"not_acknowledged","after":"4h"},"when":{"open":"office"},"outside_window":"wait","business_time":"office","round_robin":true,"targets":[{"kind":"on_call","schedule":"ops"},{"kind":"on_call","schedule":"ops","turn":"previous"}],"fallback":[{"kind":"person","person":"dora"}]}],"repeat":{"times":3,"interval":"1h"},"maintenance":[{"calendar":"office","when":{"services":["mail"]}}]}`))

	sched := rotation(f)
	cals := map[string]*calendar.Calendar{"office": office(f), "24x7": always(f)}
	slas := slaSet(f)
	events := opened(at(0), 1, 1, "network").assign(at(20), "", "nick").do(at(21), incident.ActionStart).
		hold(at(60), incident.AwaitingVendor).do(at(90), incident.ActionResume).assign(at(120), "desk", "")
	nows := []time.Time{at(0), at(30), at(24 * 60 * 5)}
	evs := make([]sla.Evaluation, len(nows))
	for i, now := range nows {
		evs[i] = slaAt(f, events, slas, now)
	}

	f.Fuzz(func(t *testing.T, doc []byte) {
		var p escalation.Policy
		// UnmarshalJSON directly: json.Unmarshal refuses malformed JSON
		// before the package sees it.
		if err := p.UnmarshalJSON(doc); err != nil {
			checkError(t, err, escalation.ErrInvalidPolicy)
			return
		}
		s, err := escalation.NewSet([]escalation.Policy{p}, escalation.WithCalendars(cals), escalation.WithSchedules(sched),
			escalation.WithDirectory(testDirectory), escalation.WithSLA(slas))
		if err != nil {
			checkError(t, err, escalation.ErrInvalidPolicy)
			return
		}
		out, err := json.Marshal(s.Policies()[0])
		if err != nil {
			t.Fatal(err)
		}
		var back escalation.Policy
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%v in %s", err, out)
		}
		if !reflect.DeepEqual(s.Policies()[0], back) {
			t.Fatalf("round trip changed the policy:\n%+v\n%+v", s.Policies()[0], back)
		}
		for i, now := range nows {
			ev := s.Evaluate(evs[i], nil)
			var fired escalation.Fired
			for _, d := range ev.Due {
				if d.At.After(now) || fired.Has(d.Key) {
					t.Fatalf("bad due %+v at %s", d, now)
				}
				fired.Add(d.Key)
			}
			if !ev.Next.IsZero() && !ev.Next.After(now) {
				t.Fatalf("next %s not after %s", ev.Next, now)
			}
			for _, d := range ev.Suppressed {
				if d.At.After(now) || fired.Has(d.Key) {
					t.Fatalf("bad suppressed %+v at %s", d, now)
				}
				fired.Add(d.Key)
			}
			again := s.Evaluate(evs[i], fired)
			if len(again.Due) != 0 || len(again.Suppressed) != 0 {
				t.Fatalf("repeated %+v %+v", again.Due, again.Suppressed)
			}
		}
	})
}

// checkError fails t unless err is what the package promises for bad
// input: a *FieldError wrapping sentinel, its message starting with the
// package name and its path.
func checkError(t *testing.T, err, sentinel error) {
	t.Helper()
	var fe *escalation.FieldError
	if !errors.Is(err, sentinel) || !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *FieldError wrapping %v", err, err, sentinel)
	}
	if want := "escalation: " + fe.Path; !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("message %q does not start with %q", err, want)
	}
}

// FuzzFiredJSON: any fired record either fails with a *FieldError wrapping
// ErrInvalidRecord or round-trips.
func FuzzFiredJSON(f *testing.F) {
	f.Add([]byte(`[{"policy":"standard","step":"page","occurrence":1,"task":"notify","target":"on_call:ops/primary"},{"policy":"p","step":"s","round":2,"occurrence":3,"task":"raise_priority"}]`))
	f.Add([]byte(`[{"policy":"p","step":"s","occurrence":1,"task":"shout"}]`))
	f.Add([]byte(`null`))
	f.Add([]byte(`[[[]]]`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		var fired escalation.Fired
		if err := fired.UnmarshalJSON(doc); err != nil {
			checkError(t, err, escalation.ErrInvalidRecord)
			if len(fired) != 0 {
				t.Fatalf("a malformed record added %d keys", len(fired))
			}
			return
		}
		out, err := json.Marshal(fired)
		if err != nil {
			t.Fatal(err)
		}
		var back escalation.Fired
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%v in %s", err, out)
		}
		if !reflect.DeepEqual(fired.Keys(), back.Keys()) {
			t.Fatalf("round trip changed the record:\n%v\n%v", fired.Keys(), back.Keys())
		}
	})
}

// FuzzScheduleJSON: any schedule document either fails with a
// *FieldError wrapping ErrInvalidSchedule
// or answers Responders, Shifts and Gaps consistently, round-trips, and
// never loops without bound.
func FuzzScheduleJSON(f *testing.F) {
	f.Add([]byte(`{"name":"ops","layers":[{"name":"days","location":"Europe/Amsterdam","start":"2026-03-02","handoff":"09:00","turn":"168h","members":["ana","ben"]},{"name":"nights","location":"America/New_York","start":"2026-03-02","handoff":"18:00","turn":"24h","members":["nils"],"restrictions":"Mon-Sun 18:00-08:00"},{"name":"backup","rank":"secondary","location":"Europe/Amsterdam","start":"2026-03-02","handoff":"09:00","turn":"P1W","members":["cem"]}],"overrides":[{"person":"olga","start":"2026-03-04T12:00:00+01:00","end":"2026-03-04T14:00:00+01:00"}],"required":["primary","secondary"]}`))
	f.Add([]byte(`{"name":"x","layers":[{"name":"l","location":"America/New_York","start":"2026-03-07","handoff":"02:30","turn":"1h","members":["a","b","c"],"restrictions":"Sat-Sun 00:00-24:00"}]}`))
	f.Add([]byte(`{"name":"x","layers":[{"name":"l","location":"Pacific/Apia","start":"0001-01-02","handoff":"23:59:59","turn":"25h","members":["a"]}]}`))
	f.Add([]byte(`{"name":"x","layers":[{"name":"l","location":"UTC","start":"9999-12-31","handoff":"00:00","turn":"1h","members":["a"]}],"required":[]}`))
	f.Add([]byte(`{"name":"sun","layers":[{"name":"cover","location":"Europe/Amsterdam","start":"2026-03-02","handoff":"00:00","turn":"168h0m0s","members":["olga"],"restrictions":"Sat-Sun 00:00-24:00","holidays":{"location":"Europe/Amsterdam","week":"Mon-Fri 09:00-17:00","exceptions":[{"date":"2026-04-03","name":"Easter","kind":"closed"},{"date":"2026-04-06","name":"Easter","kind":"closed"}]},"on_holidays":"on"},{"name":"amer","location":"America/New_York","start":"2026-03-02","handoff":"08:00","turn":"24h0m0s","members":["nils","noa"],"restrictions":"Mon-Fri 08:00-18:00"},{"name":"emea","location":"Europe/Amsterdam","start":"2026-03-02","handoff":"08:00","turn":"24h0m0s","members":["ana","ben"],"restrictions":"Mon-Fri 08:00-18:00","end":"2026-05-01T00:00:00+02:00","holidays":{"location":"Europe/Amsterdam","week":"Mon-Fri 09:00-17:00","exceptions":[{"date":"2026-04-03","name":"Easter","kind":"closed"},{"date":"2026-04-06","name":"Easter","kind":"closed"}]}}],"required":["primary"],"precedence":"latest_start"}`))

	instants := []time.Time{
		time.Date(2026, 3, 8, 6, 30, 0, 0, time.UTC),
		time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC),
		time.Date(2026, 11, 1, 5, 45, 0, 0, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC),
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		var s escalation.Schedule
		if err := s.UnmarshalJSON(doc); err != nil {
			checkError(t, err, escalation.ErrInvalidSchedule)
			return
		}
		if s.Name() == "" {
			return // null
		}
		out, err := json.Marshal(&s)
		if err != nil {
			t.Fatal(err)
		}
		var back escalation.Schedule
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%v in %s", err, out)
		}
		for _, at := range instants {
			r := s.Responders(at)
			if r != back.Responders(at) {
				t.Fatalf("round trip changed the answer at %s", at)
			}
			if r.Secondary != "" && r.Secondary == r.Primary {
				t.Fatal("secondary is the primary")
			}
			from, to := at, at.Add(72*time.Hour)
			n := 0
			prev := [2]time.Time{}
			for sh := range s.Shifts(from, to) {
				if n++; n > 100000 {
					t.Fatal("too many shifts")
				}
				if sh.Start.Before(from) || sh.End.After(to) || !sh.Start.Before(sh.End) || sh.Start.Before(prev[sh.Rank]) {
					t.Fatalf("bad shift %+v in [%s, %s)", sh, from, to)
				}
				prev[sh.Rank] = sh.End
				if got := s.Responders(sh.Start); (sh.Rank == escalation.Primary && got.Primary != sh.Person) || (sh.Rank == escalation.Secondary && got.Secondary != sh.Person) {
					t.Fatalf("shift %+v but Responders says %+v", sh, got)
				}
			}
			for g := range s.Gaps(from, to) {
				if n++; n > 200000 {
					t.Fatal("too many gaps")
				}
				if g.Start.Before(from) || g.End.After(to) || !g.Start.Before(g.End) {
					t.Fatalf("bad gap %+v", g)
				}
			}
		}
	})
}
