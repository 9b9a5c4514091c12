package escalation

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/go-itsm/itsm/sla"
)

// Key identifies one task of one step for one occurrence of its trigger:
// the unit the host records once it has acted, so that Evaluate never
// returns it again. Keys name steps and targets, not positions, so
// reordering steps or targets keeps a record valid; renaming them does not.
// Key is comparable (a map key) and round-trips through encoding/json.
type Key struct {
	Policy string `json:"policy"`
	Step   string `json:"step"`
	// Round is 0 for the first round, r for the r-th repeat.
	Round int `json:"round,omitempty"`
	// Occurrence numbers the trigger's anchor (see the package doc): the
	// SLA cycle, the n-th assignment, the n-th entry into the state, and
	// so on, so that a new cycle or a new assignment escalates afresh.
	Occurrence int  `json:"occurrence"`
	Task       Task `json:"task"`
	// Target is Target.String() for tasks that go target by target,
	// empty for those that act on the incident.
	Target string `json:"target,omitempty"`
}

// String formats k for logs and storage:
// "policy/step/round/occurrence/task/target".
func (k Key) String() string {
	return strings.Join([]string{k.Policy, k.Step, strconv.Itoa(k.Round), strconv.Itoa(k.Occurrence), k.Task.String(), k.Target}, "/")
}

func (k Key) compare(o Key) int {
	if c := strings.Compare(k.Policy, o.Policy); c != 0 {
		return c
	}
	if c := strings.Compare(k.Step, o.Step); c != 0 {
		return c
	}
	if c := k.Occurrence - o.Occurrence; c != 0 {
		return c
	}
	if c := k.Round - o.Round; c != 0 {
		return c
	}
	if c := int(k.Task) - int(o.Task); c != 0 {
		return c
	}
	return strings.Compare(k.Target, o.Target)
}

// Fired is the host's record of the tasks it has taken for one incident.
// The nil Fired is an empty record. Evaluate only reads it; the host adds
// the keys of the tasks it has carried out. It marshals as a JSON array of
// keys in a stable order.
type Fired map[Key]struct{}

// Has reports whether k is recorded.
func (f Fired) Has(k Key) bool {
	_, ok := f[k]
	return ok
}

// Add records keys, allocating the map if f is nil.
func (f *Fired) Add(keys ...Key) {
	if *f == nil {
		*f = make(Fired, len(keys))
	}
	for _, k := range keys {
		(*f)[k] = struct{}{}
	}
}

// Keys returns the recorded keys in a stable order.
func (f Fired) Keys() []Key {
	out := make([]Key, 0, len(f))
	for k := range f {
		out = append(out, k)
	}
	slices.SortFunc(out, Key.compare)
	return out
}

// MarshalJSON implements json.Marshaler: an array of keys.
func (f Fired) MarshalJSON() ([]byte, error) { return json.Marshal(f.Keys()) }

// UnmarshalJSON implements json.Unmarshaler; it adds the keys of the array
// to f, or none if one is malformed. Decoding is strict: errors are
// *FieldError values wrapping ErrInvalidRecord whose path names the key
// ("[3].task"); null adds nothing.
func (f *Fired) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return nil
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(b, &elems); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return &FieldError{Value: clip(b), Reason: "want a JSON array of keys", Err: ErrInvalidRecord, Cause: err}
		}
		return &FieldError{Reason: "malformed JSON: " + strings.TrimPrefix(err.Error(), "json: "), Err: ErrInvalidRecord, Cause: err}
	}
	keys := make([]Key, len(elems))
	for i, e := range elems {
		if err := keys[i].UnmarshalJSON(e); err != nil {
			return invalid.At("["+strconv.Itoa(i)+"]", err, ErrInvalidRecord)
		}
	}
	f.Add(keys...)
	return nil
}

// clip keeps a value quoted in a message short.
func clip(b []byte) string {
	const max = 60
	if len(b) <= max {
		return string(b)
	}
	cut := max
	for cut > 0 && b[cut]&0xC0 == 0x80 { // not in the middle of a rune
		cut--
	}
	return string(b[:cut]) + "..."
}

// UnmarshalJSON implements json.Unmarshaler; decoding is strict (errors
// wrap ErrInvalidRecord).
func (k *Key) UnmarshalJSON(b []byte) error {
	type plain Key
	return invalid.Decode(b, (*plain)(k), ErrInvalidRecord)
}

// Recipient is a resolved addressee of a due task.
type Recipient struct {
	Kind RecipientKind `json:"kind"`
	ID   string        `json:"id"`
}

// UnmarshalJSON implements json.Unmarshaler; decoding is strict (errors
// wrap ErrInvalidRecord).
func (r *Recipient) UnmarshalJSON(b []byte) error {
	type plain Recipient
	return invalid.Decode(b, (*plain)(r), ErrInvalidRecord)
}

// Due is one task that has become due.
type Due struct {
	// Key identifies the task; add it to Fired once it is carried out.
	Key Key `json:"key"`
	// At is the instant it became due: its trigger's instant (or the
	// round's), at or before the evaluation instant.
	At time.Time `json:"at"`
	// Level is the step's 1-based position in the policy.
	Level int  `json:"level"`
	Task  Task `json:"task"`
	// Target is the target this task goes to; zero for RaisePriority and
	// DeclareMajor, which act on the incident.
	Target Target `json:"target,omitzero"`
	// Recipients are the target's recipients as resolved at the
	// evaluation instant (for tasks on the incident: all the step's
	// targets' recipients, the people to tell). Empty when the target has
	// nobody: a gap in a schedule, a role nobody holds; the task is due
	// all the same so that the host can fall back.
	Recipients []Recipient `json:"recipients,omitempty"`
	// Channel is the step's Channel.
	Channel string `json:"channel,omitempty"`
	// Priority is the priority RaisePriority asks for.
	Priority incident.Priority `json:"priority,omitempty"`
	// Reason says why, in words ("75% of resolve used").
	Reason string `json:"reason"`
	// Deferred is the instant the task was due before its step waited
	// for its window to open (see OutsideWindow); At is then the opening.
	// Zero when the step did not wait.
	Deferred time.Time `json:"deferred,omitzero"`
	// Gap reports an on-call gap of an on_call target: the task was due
	// while nobody held the rank. Start is the due time (the evaluation
	// instant if the gap began later), End the end of the gap (zero if
	// the schedule has nobody for good). A task in a gap is sent to the
	// step's Fallback targets (Fallback is then true) or waits for the
	// end of the gap and is sent then, with Gap set.
	Gap *Gap `json:"gap,omitempty"`
	// Fallback is true when Recipients are the step's Fallback targets'
	// because nobody was on call.
	Fallback bool `json:"fallback,omitempty"`
}

// Evaluation is what is due for an incident at an instant, and when to look
// again.
type Evaluation struct {
	// Policy is the policy selected for the incident; empty if none
	// applies.
	Policy string `json:"policy,omitempty"`
	// At is the evaluation instant: the sla.Evaluation's.
	At time.Time `json:"at"`
	// Due lists the tasks due at or before At and not in the fired
	// record, in order of due time (then level, round, task, target).
	Due []Due `json:"due,omitempty"`
	// Next is the incident's one wake-up: the earliest instant after At at
	// which another task becomes due or an SLA status changes by itself
	// (sla.Evaluation.NextChange: a threshold crossed, a breach), if nothing
	// happens to the incident meanwhile; zero if neither will. A new event
	// calls for a new evaluation instead.
	Next time.Time `json:"next,omitzero"`
	// Suppressed lists the tasks that came due inside a maintenance
	// window (see Maintenance), in the order of Due: they are not to be
	// carried out. Add their keys to fired as for Due, so that each is
	// reported once.
	Suppressed []Due `json:"suppressed,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler; decoding is strict (errors
// wrap ErrInvalidRecord).
func (d *Due) UnmarshalJSON(b []byte) error {
	type plain Due
	return invalid.Decode(b, (*plain)(d), ErrInvalidRecord)
}

// UnmarshalJSON implements json.Unmarshaler; decoding is strict (errors
// wrap ErrInvalidRecord): an Evaluation stored by the host reads back as
// it was written.
func (e *Evaluation) UnmarshalJSON(b []byte) error {
	type plain Evaluation
	return invalid.Decode(b, (*plain)(e), ErrInvalidRecord)
}

// Evaluate returns the tasks of the incident's policy that are due at the
// SLA evaluation's instant and not yet in fired, and the incident's next
// wake-up. It reads what sla.Set.Evaluate produced: the incident's
// Chronicle as of that instant and its SLA results, so the history is never
// replayed again. It is idempotent: calling it again with the returned keys
// added to fired returns nothing new, and a host that calls late gets
// exactly the tasks it missed, in order, each with its due time. See the
// package doc for the semantics.
func (s *Set) Evaluate(ev sla.Evaluation, fired Fired) Evaluation {
	now := ev.At.Round(0)
	e := pass{Set: s, fired: fired, now: now, out: Evaluation{At: now}}
	if next, ok := ev.NextChange(); ok {
		e.out.Next = next
	}
	c := &ev.Chronicle
	inc := &c.Incident
	if !inc.IsOpened() {
		return e.out
	}
	if e.pi = s.policyOf(inc); e.pi < 0 {
		return e.out
	}
	e.p = &s.policies[e.pi]
	e.out.Policy = e.p.Name
	if !inc.Flags.Has(incident.FlagOpen) {
		return e.out // resolution stops every escalation
	}
	e.f = factsOf(c)
	for ci := range s.compiled[e.pi] {
		cs := &s.compiled[e.pi][ci]
		// The selector is a few comparisons; the anchor may be a calendar
		// Add (sla.Clock.ReachesAt), so it comes second.
		if w := &cs.step.When.Selector; !w.Matches(inc, s.predicates[w.Predicate]) {
			continue
		}
		first, occurrence, ok := cs.anchor(c, ev.Results, &e.f)
		if !ok {
			continue
		}
		todo, reassignee := cs.warranted(inc, now)
		if reassignee == "" && !first.After(now) {
			cs.reassignWake(now, &e.out.Next) // a reassign to on call waits out a gap
		}
		if todo != 0 {
			e.rounds(inc, cs, first, occurrence, todo, reassignee)
		}
	}
	slices.SortStableFunc(e.out.Due, func(a, b Due) int { return a.At.Compare(b.At) })
	slices.SortStableFunc(e.out.Suppressed, func(a, b Due) int { return a.At.Compare(b.At) })
	return e.out
}

// policyOf returns the index of the first policy whose selector matches
// inc, or -1.
func (s *Set) policyOf(inc *incident.Incident) int {
	for i := range s.policies {
		if w := &s.policies[i].When; w.Matches(inc, s.predicates[w.Predicate]) {
			return i
		}
	}
	return -1
}

// pass is one call of Evaluate: the incident's policy (index pi in the
// set), what the triggers read from its chronicle, what the host has
// fired, the instant, and the answer being built. The incident itself is
// a parameter of the methods: held here, it would move the caller's
// Evaluation to the heap (escape analysis does not tell a struct's fields
// apart, and the Directory is an interface).
type pass struct {
	*Set
	pi    int
	p     *Policy
	f     facts
	fired Fired
	now   time.Time
	out   Evaluation
}

// rounds adds the rounds of inc's step cs that are due by now, the first at
// first, each moved into the step's windows, to the due or suppressed
// tasks, and makes the next round to come the wake-up if it is the
// earliest.
func (e *pass) rounds(inc *incident.Incident, cs *compiledStep, first time.Time, occurrence int, todo uint32, reassignee string) {
	due := first
	var prev time.Time   // the previous round's instant, once deferred
	var before time.Time // the previous round's instant
	for r := 0; r < cs.rounds; r++ {
		if r > 0 {
			due = due.Add(cs.interval)
		}
		at, ok := cs.windowed(due)
		if !ok || (!prev.IsZero() && !at.After(prev)) {
			continue // skipped, or deferred onto the previous round
		}
		if r > 0 && !e.f.ackedAt.IsZero() && !at.Before(e.f.ackedAt) && cs.step.Trigger.On != OnNotAcknowledged {
			break // repeats stop on acknowledgement
		}
		if at.After(e.now) {
			if e.out.Next.IsZero() || at.Before(e.out.Next) {
				e.out.Next = at
			}
			break
		}
		dst, wake := &e.out.Due, &e.out.Next
		if len(e.rules.perPolicy[e.pi]) > 0 && e.maintained(e.pi, inc, at) {
			dst, wake = &e.out.Suppressed, nil // a suppressed task waits for no gap
		}
		n := len(*dst)
		*dst = e.emit(*dst, inc, cs, todo, reassignee, r, occurrence, at, before, wake)
		before = at
		if !at.Equal(due) {
			prev = at
			for i := n; i < len(*dst); i++ {
				(*dst)[i].Deferred = due
			}
		}
	}
}

// facts are what the triggers read from a chronicle, computed once per
// evaluation.
type facts struct {
	acked      bool      // the current assignment is acknowledged
	ackedAt    time.Time // the first acknowledgement of any assignment; zero if none
	epoch      time.Time // the latest assignment, or the opening
	epochCount int       // 1 + assignments after the opening
}

func factsOf(c *incident.Chronicle) facts {
	inc := &c.Incident
	f := facts{epoch: inc.OpenedAt, epochCount: 1, ackedAt: inc.AcknowledgedAt}
	for _, a := range c.Assignments {
		if a.Start.After(inc.OpenedAt) {
			f.epochCount++
			f.epoch = a.Start
		}
	}
	f.acked = inc.Assignee != "" || (!inc.FirstResponseAt.IsZero() && !inc.FirstResponseAt.Before(f.epoch))
	return f
}

// anchor returns the instant the step's first round is due and the
// occurrence of its trigger's anchor; ok is false when the trigger has no
// anchor (never assigned, not in the state, acknowledged, the SLA clock
// will not reach the threshold as things stand).
func (cs *compiledStep) anchor(c *incident.Chronicle, results []sla.Result, f *facts) (time.Time, int, bool) {
	t := &cs.step.Trigger
	inc := &c.Incident
	var at time.Time
	occurrence := 1
	switch t.On {
	case OnOpened:
		at = inc.OpenedAt
	case OnAssigned:
		n := len(c.Assignments)
		if n == 0 {
			return time.Time{}, 0, false
		}
		at, occurrence = c.Assignments[n-1].Start, n
	case OnEntered, OnStillIn:
		if t.On == OnStillIn && inc.State != t.State {
			return time.Time{}, 0, false
		}
		// An entry is a change of state: a new hold reason is none.
		occurrence = 0
		prev := incident.State("")
		for _, sp := range c.States {
			state := c.Entries[sp.Entry].Effects.To.State
			if state == t.State && state != prev {
				at = sp.Start
				occurrence++
			}
			prev = state
		}
		if occurrence == 0 {
			return time.Time{}, 0, false
		}
	case OnCustomerUpdate:
		at, occurrence = inc.OpenedAt, 1+len(c.Updates)
		if n := len(c.Updates); n > 0 {
			at = c.Updates[n-1].Start
		}
	case OnNotAcknowledged:
		if f.acked {
			return time.Time{}, 0, false
		}
		at, occurrence = f.epoch, f.epochCount
	case OnSLAUsed, OnSLABreached:
		res := resultFor(results, t)
		if res == nil || res.Status.State == sla.Cancelled {
			return time.Time{}, 0, false
		}
		fraction := 1.0
		if t.On == OnSLAUsed {
			fraction = t.Used
		}
		reached, ok := res.Clock.ReachesAt(fraction)
		if !ok {
			return time.Time{}, 0, false
		}
		at, occurrence = reached, res.Status.Cycle
	default:
		return time.Time{}, 0, false
	}
	due, ok := cs.delayed(at)
	return due, occurrence, ok
}

// resultFor finds the SLA result a trigger reads.
func resultFor(results []sla.Result, t *Trigger) *sla.Result {
	for i := range results {
		r := &results[i]
		if r.Metric == t.Metric && (r.Policy == t.SLA || (t.SLA == "" && r.Kind == sla.SLA)) {
			return r
		}
	}
	return nil
}

// warranted returns, as a bit set over the step's tasks, those that would
// change something now: raising a priority already at least as high, or
// declaring major an incident that is major, or reassigning to where the
// incident already is, is not due. reassignee is the person on call whom a
// Reassign to an on_call target goes to, looked up once here for emit.
func (c *compiledStep) warranted(inc *incident.Incident, now time.Time) (set uint32, reassignee string) {
	for i, a := range c.tasks {
		ok := true
		switch a {
		case RaisePriority:
			ok = !inc.Major && raiseTo(c.step.RaiseTo, inc.Priority) < inc.Priority
		case DeclareMajor:
			ok = !inc.Major
		case Reassign:
			ct := &c.targets[0]
			switch ct.target.Kind {
			case TargetGroup:
				ok = ct.target.Group != "" && ct.target.Group != inc.Group
			case TargetPerson:
				ok = ct.target.Person != inc.Assignee
			case TargetOnCall:
				reassignee = ct.who(now)
				ok = reassignee != "" && reassignee != inc.Assignee
			}
		}
		if ok {
			set |= 1 << i
		}
	}
	return set, reassignee
}

// raiseTo is the priority RaisePriority asks for: to, or one level above
// current.
func raiseTo(to, current incident.Priority) incident.Priority {
	if to != 0 {
		return to
	}
	if current > incident.P1 {
		return current - 1
	}
	return current
}

// emit appends the step's tasks of round r that are not in fired;
// reassignee is warranted's; before is the previous round's instant (zero
// for the first round). A task for an on_call target in a gap may wait
// for its end, which emit records in wake; a nil wake (suppressed tasks)
// lets no task wait.
func (e *pass) emit(dst []Due, inc *incident.Incident, c *compiledStep, todo uint32, reassignee string, round, occurrence int, at, before time.Time, wake *time.Time) []Due {
	for i, a := range c.tasks {
		if todo&(1<<i) == 0 {
			continue
		}
		key := Key{Policy: e.p.Name, Step: c.step.Name, Round: round, Occurrence: occurrence, Task: a}
		d := Due{At: at, Level: c.level, Task: a, Channel: c.step.Channel, Reason: c.reason}
		if a == RaisePriority {
			d.Priority = raiseTo(c.step.RaiseTo, inc.Priority)
		}
		if !a.targeted() {
			if e.fired.Has(key) {
				continue
			}
			d.Key = key
			for j := range c.targets {
				d.Recipients = e.recipients(d.Recipients, &c.targets[j], inc, e.now)
			}
			d.Recipients = dedupe(d.Recipients)
			dst = append(dst, d)
			continue
		}
		pick := -1
		if c.rules.roundRobin {
			pick = c.rules.pick(inc, len(c.targets), round, occurrence)
		}
		for j := range c.targets {
			if pick >= 0 && j != pick {
				continue // round robin: another target's turn
			}
			ct := &c.targets[j]
			key.Target = ct.key
			if e.fired.Has(key) {
				continue
			}
			d := d
			d.Key, d.Target = key, ct.target
			switch {
			case a == Reassign && ct.target.Kind == TargetOnCall:
				d.Recipients = []Recipient{{RecipientPerson, reassignee}} // not empty: warranted
			case ct.target.Kind == TargetOnCall:
				if !e.onCallDue(&d, c, ct, inc, at, before, e.now, wake) {
					continue // waits for the end of the on-call gap, or merged
				}
			default:
				d.Recipients = e.recipients(nil, ct, inc, e.now)
			}
			dst = append(dst, d)
		}
	}
	return dst
}

// recipients appends the target's recipients as of now.
func (s *Set) recipients(dst []Recipient, ct *compiledTarget, inc *incident.Incident, now time.Time) []Recipient {
	t := &ct.target
	group := t.Group
	if group == "" {
		group = inc.Group
	}
	people := func(kind RecipientKind, ids []string) {
		for _, id := range ids {
			if id != "" {
				dst = append(dst, Recipient{kind, id})
			}
		}
	}
	switch t.Kind {
	case TargetPerson:
		dst = append(dst, Recipient{RecipientPerson, t.Person})
	case TargetGroup:
		if group != "" {
			dst = append(dst, Recipient{RecipientGroup, group})
		}
	case TargetRole:
		people(RecipientPerson, s.directory.Role(t.Role, group))
	case TargetOnCall:
		if p := ct.who(now); p != "" {
			dst = append(dst, Recipient{RecipientPerson, p})
		}
	case TargetMembers:
		if group != "" {
			people(RecipientPerson, s.directory.Members(group))
		}
	case TargetContacts:
		if inc.Customer != "" {
			people(RecipientContact, s.directory.Contacts(inc.Customer))
		}
	}
	return dst
}

func dedupe(rs []Recipient) []Recipient {
	out := rs[:0]
	for _, r := range rs {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}
