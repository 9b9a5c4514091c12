package escalation

import (
	"hash/fnv"
	"time"

	"github.com/go-itsm/itsm/incident"
)

// Turn picks a member of an on_call target's rotation relative to whoever
// is on call: Opsgenie's "next" and "previous" on-call users of a
// schedule's rotation.
type Turn string

const (
	// TurnCurrent, the empty Turn, is whoever is on call.
	TurnCurrent Turn = ""
	// TurnNext is the member whose turn comes after the current one in the
	// rotation (layer) that answers for the rank: who takes over at the
	// next handoff.
	TurnNext Turn = "next"
	// TurnPrevious is the member whose turn came before the current one:
	// who handed over last.
	TurnPrevious Turn = "previous"
)

// suffix is the Turn as it appears in a target's key.
func (t Turn) suffix() string {
	if t == TurnCurrent {
		return ""
	}
	return "+" + string(t)
}

// who returns whom the on_call target ct designates at t, as Responders
// does for the current turn; "" for nobody.
func (ct *compiledTarget) who(t time.Time) string {
	sc, r := ct.schedule, ct.target.Rank
	switch ct.target.Turn {
	case TurnNext:
		return sc.beside(r, t, 1)
	case TurnPrevious:
		return sc.beside(r, t, -1)
	}
	return sc.onCall(r, t)
}

// beside returns the member step turns away from the current turn of the
// rotation that answers for rank r at t: the layer on call at t or, when an
// override or a restriction hides it, the highest layer of the rank that
// has started (and not ended) by t. "" when no layer has.
func (s *Schedule) beside(r Rank, t time.Time, step int64) string {
	layers := s.ranks[r]
	_, src := s.at(r, t)
	u := t.Unix()
	if src < 0 {
		for i := len(layers) - 1; i >= 0; i-- {
			if l := &layers[i]; u >= l.start && (l.end == 0 || u < l.end) {
				src = i
				break
			}
		}
	}
	if src < 0 {
		return ""
	}
	l := &layers[src]
	n := int64(len(l.members))
	k := (l.turnAt(t, u) + step) % n
	if k < 0 {
		k += n
	}
	return l.members[k]
}

// pick returns the index of the target a round-robin step addresses in
// round round of occurrence occurrence of its trigger: the incident's ID
// chooses where an incident starts in the list (so that incidents spread
// over the targets, as PagerDuty's round robin and Grafana OnCall's "notify
// one by one" do), and each repeat round and each new occurrence moves on
// to the next target (PagerDuty's advanced round robin: an unacknowledged
// incident goes to the next target before the chain moves on).
func (rs *stepRules) pick(inc *incident.Incident, n, round, occurrence int) int {
	h := fnv.New32a()
	h.Write([]byte(inc.ID))
	return int((uint64(h.Sum32()) + uint64(round) + uint64(occurrence-1)) % uint64(n))
}
