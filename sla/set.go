package sla

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/rickb777/date/v2"
)

// Set is a validated, ordered collection of policies with the calendars
// they name: the SLA/OLA configuration of a service provider. It selects
// the policies that apply to an incident and evaluates their clocks. A Set
// is immutable and safe for concurrent use.
type Set struct {
	policies         []Policy
	compiled         [][]compiledMetric // per policy
	calendars        map[string]*calendar.Calendar
	incidentCalendar func(incident.Incident) (*calendar.Calendar, error)
	groupCalendar    func(group string) (*calendar.Calendar, error)
	predicates       map[string]func(incident.Incident) bool
	deadlines        map[string]func(incident.Incident) (time.Time, bool)
	lifecycle        *incident.Lifecycle
	// happeningPreds are the predicates the rules' happenings name, in the
	// order of their bits (predIndex maps a name to its bit).
	happeningPreds []func(incident.Incident) bool
	predIndex      map[string]int
}

type compiledMetric struct {
	metric Metric
	rules  compiledRules
}

// An Option configures NewSet.
type Option interface{ apply(*Set) error }

type optionFunc func(*Set) error

func (f optionFunc) apply(s *Set) error { return f(s) }

// WithCalendars makes calendars available to targets by name.
func WithCalendars(calendars map[string]*calendar.Calendar) Option {
	return optionFunc(func(s *Set) error {
		for name, c := range calendars {
			if c == nil {
				return &FieldError{Path: "calendars", Value: name, Reason: "nil calendar", Err: ErrInvalidPolicy}
			}
			if name == IncidentCalendar || name == GroupCalendar {
				return &FieldError{Path: "calendars", Value: name, Reason: "the name is reserved for the incident's or the group's own calendar", Err: ErrInvalidPolicy}
			}
			s.calendars[name] = c
		}
		return nil
	})
}

// WithIncidentCalendar gives the calendar of an incident (typically its
// customer's hours and time zone), for targets whose Calendar is
// IncidentCalendar. It is called with the incident as evaluated.
func WithIncidentCalendar(f func(incident.Incident) (*calendar.Calendar, error)) Option {
	return optionFunc(func(s *Set) error {
		s.incidentCalendar = f
		return nil
	})
}

// WithGroupCalendars gives each assignment group's calendar, for targets
// whose Calendar is GroupCalendar; the key "" is the calendar while the
// incident has no group (omit it, and a clock that starts before the first
// assignment is an error wrapping ErrNoCalendar). A group missing from the
// map is an error wrapping ErrNoCalendar at Evaluate, naming the groups the
// map has. See GroupCalendar.
func WithGroupCalendars(calendars map[string]*calendar.Calendar) Option {
	return optionFunc(func(s *Set) error {
		known := make(map[string]*calendar.Calendar, len(calendars))
		for group, c := range calendars {
			if c == nil {
				return &FieldError{Path: "group_calendars", Value: group, Reason: "nil calendar", Err: ErrInvalidPolicy}
			}
			known[group] = c
		}
		s.groupCalendar = func(group string) (*calendar.Calendar, error) {
			if c := known[group]; c != nil {
				return c, nil
			}
			if group == "" {
				return nil, errors.New("the incident has no assignment group yet and the group calendars have no \"\" entry")
			}
			groups := make([]string, 0, len(known))
			for g := range known {
				groups = append(groups, g)
			}
			slices.Sort(groups)
			return nil, fmt.Errorf("no calendar for group %q (known: %s)", group, invalid.Names(groups))
		}
		return nil
	})
}

// WithGroupCalendar is WithGroupCalendars with a function: it gives the
// calendar of an assignment group ("" while the incident has none). An
// error, or a nil calendar, fails Evaluate with ErrNoCalendar.
func WithGroupCalendar(f func(group string) (*calendar.Calendar, error)) Option {
	return optionFunc(func(s *Set) error {
		if f == nil {
			return &FieldError{Path: "group_calendar", Value: "nil", Reason: "need a function", Err: ErrInvalidPolicy}
		}
		s.groupCalendar = f
		return nil
	})
}

// WithPredicate registers a named predicate on the incident, for
// incident.Selector.Predicate (a VIP caller, a service tier the host knows)
// and for rule happenings of kind OnBecomesTrue and OnBecomesFalse (a
// location changed, a custom field set). It must be pure.
func WithPredicate(name string, f func(incident.Incident) bool) Option {
	return optionFunc(func(s *Set) error {
		if name == "" || f == nil {
			return &FieldError{Path: "predicates", Value: name, Reason: "a predicate needs a name and a function", Err: ErrInvalidPolicy}
		}
		s.predicates[name] = f
		return nil
	})
}

// WithDeadline registers a named deadline for targets whose goal is a date
// (Due.Deadline): the host gives an incident's due date (a negotiated date
// in a custom field, the end of a change window) or ok false when it has
// none. It is called with the incident as evaluated and must be pure.
func WithDeadline(name string, f func(incident.Incident) (time.Time, bool)) Option {
	return optionFunc(func(s *Set) error {
		if name == "" || f == nil {
			return &FieldError{Path: "deadlines", Value: name, Reason: "a deadline needs a name and a function", Err: ErrInvalidPolicy}
		}
		s.deadlines[name] = f
		return nil
	})
}

// WithLifecycle sets the lifecycle Evaluate replays histories with; the
// default is incident.DefaultLifecycle().
func WithLifecycle(lc *incident.Lifecycle) Option {
	return optionFunc(func(s *Set) error {
		if lc == nil {
			return &FieldError{Path: "lifecycle", Value: "nil", Reason: "need a lifecycle", Err: ErrInvalidPolicy}
		}
		s.lifecycle = lc
		return nil
	})
}

// NewSet validates policies and returns them as a Set. Policy order matters:
// an incident gets the first SLA policy whose selector matches (put
// per-customer contracts first and a catch-all last) and every OLA policy
// that matches.
//
// NewSet checks every value and every name a policy refers to: calendars
// (WithCalendars, or IncidentCalendar with WithIncidentCalendar), selector
// predicates (WithPredicate), and the states and hold reasons its rules
// name, against the set's lifecycle (WithLifecycle). Errors are *FieldError
// values wrapping ErrInvalidPolicy, with the path from the list of policies
// ("policies[1].targets[0].calendar"); the reason names the policy and,
// for a name that refers to nothing, lists the names that exist.
func NewSet(policies []Policy, opts ...Option) (*Set, error) {
	s := &Set{
		calendars:  map[string]*calendar.Calendar{},
		predicates: map[string]func(incident.Incident) bool{},
		deadlines:  map[string]func(incident.Incident) (time.Time, bool){},
	}
	for _, o := range opts {
		if o != nil {
			if err := o.apply(s); err != nil {
				return nil, err
			}
		}
	}
	if s.lifecycle == nil {
		lc, err := incident.DefaultLifecycle()
		if err != nil {
			return nil, invalid.At("lifecycle", err, ErrInvalidPolicy)
		}
		s.lifecycle = lc
	}
	r := newRefs(s)
	first := map[string]int{} // policy name -> index
	for i := range policies {
		p := clonePolicy(policies[i])
		at := "policies[" + strconv.Itoa(i) + "]"
		if err := p.validate(s, &r); err != nil {
			err = invalid.At(at, err, ErrInvalidPolicy)
			if p.Name != "" {
				var fe *FieldError
				errors.As(err, &fe)
				fe.Reason += " (policy " + strconv.Quote(p.Name) + ")"
			}
			return nil, err
		}
		if j, ok := first[p.Name]; ok {
			return nil, &FieldError{Path: at + ".name", Value: p.Name, Err: ErrInvalidPolicy,
				Reason: "two policies with one name (policies[" + strconv.Itoa(j) + "] is the first)"}
		}
		first[p.Name] = i
		var metrics []compiledMetric
		for _, m := range p.metrics() {
			r, _ := p.rules(m) // validated above
			if err := s.indexPredicates(r); err != nil {
				return nil, invalid.At(at+".rules."+string(m), err, ErrInvalidPolicy)
			}
			metrics = append(metrics, compiledMetric{m, r.compile(p.Group, s.predIndex)})
		}
		s.policies = append(s.policies, p)
		s.compiled = append(s.compiled, metrics)
	}
	return s, nil
}

// indexPredicates gives each predicate r's happenings name a bit of the
// truths Evaluate computes; a set's rules may name at most 64.
func (s *Set) indexPredicates(r Rules) error {
	for _, list := range [][]Happening{r.Start, r.Open, r.Pause, r.Resume, r.Stop, r.Cancel, r.Reset} {
		for _, h := range list {
			if h.Predicate == "" {
				continue
			}
			if _, ok := s.predIndex[h.Predicate]; ok {
				continue
			}
			if len(s.happeningPreds) == 64 {
				return &FieldError{Value: h.Predicate, Reason: "a set's rules may name at most 64 predicates", Err: ErrInvalidPolicy}
			}
			if s.predIndex == nil {
				s.predIndex = map[string]int{}
			}
			s.predIndex[h.Predicate] = len(s.happeningPreds)
			s.happeningPreds = append(s.happeningPreds, s.predicates[h.Predicate])
		}
	}
	return nil
}

// truths returns, for each entry, the values of the predicates the rules
// name on the incident as it stood after the entry's event (bit i:
// predicate i). It steps an incident through the events with the set's
// lifecycle, the only way to see the incident after each event; only an
// evaluation whose policies' rules name a predicate pays for it.
func (s *Set) truths(entries []incident.Entry) ([]uint64, error) {
	out := make([]uint64, len(entries))
	var inc incident.Incident
	for i := range entries {
		next, _, err := inc.Apply(s.lifecycle, entries[i].Event)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrChronicle, err)
		}
		inc = next
		for k, f := range s.happeningPreds {
			if f(inc) {
				out[i] |= 1 << k
			}
		}
	}
	return out, nil
}

// clonePolicy deep-copies p so that a Set never shares slices or maps with
// its caller.
func clonePolicy(p Policy) Policy {
	p.When = p.When.Clone()
	p.Thresholds = slices.Clone(p.Thresholds)
	p.Targets = slices.Clone(p.Targets)
	for i := range p.Targets {
		p.Targets[i].Thresholds = slices.Clone(p.Targets[i].Thresholds)
		if d := p.Targets[i].Due; d != nil {
			due := *d
			p.Targets[i].Due = &due
		}
	}
	if p.Rules != nil {
		rules := make(map[Metric]Rules, len(p.Rules))
		for m, r := range p.Rules {
			for _, list := range []*[]Happening{&r.Start, &r.Open, &r.Pause, &r.Resume, &r.Stop, &r.Cancel, &r.Reset} {
				*list = slices.Clone(*list)
				for i := range *list {
					(*list)[i].HoldReasons = slices.Clone((*list)[i].HoldReasons)
				}
			}
			rules[m] = r
		}
		p.Rules = rules
	}
	return p
}

// Lifecycle returns the lifecycle the set's rules were checked against
// (WithLifecycle, or the default one): the one a host replays incidents
// with (incident.Replay) before Evaluate.
func (s *Set) Lifecycle() *incident.Lifecycle { return s.lifecycle }

// Policies returns a copy of the set's policies, in order.
func (s *Set) Policies() []Policy {
	out := make([]Policy, len(s.policies))
	for i, p := range s.policies {
		out[i] = clonePolicy(p)
	}
	return out
}

// selectPolicies appends to out the indexes of the policies that apply to
// inc: the first matching SLA, then every matching OLA.
func (s *Set) selectPolicies(out []int, inc *incident.Incident) []int {
	sla := false
	for i := range s.policies {
		p := &s.policies[i]
		if (p.Kind == SLA && sla) || !p.When.Matches(inc, s.predicates[p.When.Predicate]) {
			continue
		}
		if p.Kind == SLA {
			sla = true
		}
		out = append(out, i)
	}
	return out
}

// Result is one metric of one policy evaluated for an incident. Evaluate
// lists a result for every metric whose clock has started, and a pending one
// for an SLA metric that has a target for the incident's priority but has not
// started; a metric without a target for the priority, and an OLA whose group
// never had the incident, have no result.
type Result struct {
	Policy string `json:"policy"`
	Kind   Kind   `json:"kind"`
	// Group is an OLA's assignment group.
	Group  string `json:"group,omitempty"`
	Metric Metric `json:"metric"`
	// Status is the current cycle at the instant of evaluation; Cycles all
	// cycles, oldest first (the current one last).
	Status Status   `json:"status"`
	Cycles []Status `json:"cycles,omitempty"`
	// Clock is the metric's clock, for NextChange and Timeline. A metric
	// whose clock never started (or whose priority has no target) has a
	// zero Clock and a pending Status.
	Clock Clock `json:"clock"`
}

// UnmarshalJSON implements json.Unmarshaler: it reads what encoding/json
// writes for a Result, losslessly (the clock is folded again from its goal
// and events), and strictly: an unknown key, a wrong type, an unknown word
// or a clock that does not fold is a *FieldError naming the path
// ("status.state", "clock.events[2]") and wrapping ErrInvalidResult.
func (r *Result) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	type plain Result
	var w plain
	if err := invalid.Decode(b, &w, ErrInvalidResult); err != nil {
		return err
	}
	*r = Result(w)
	return nil
}

// Evaluation is an incident's SLA and OLA results at an instant: the first
// link of the host's chain (sla, then escalation, then report), which
// carries the incident's Chronicle as of At so that the links after it
// never replay the history.
type Evaluation struct {
	// Chronicle is the incident folded from its events at or before At.
	Chronicle incident.Chronicle `json:"chronicle"`
	At        time.Time          `json:"at"`
	Results   []Result           `json:"results"`
}

// UnmarshalJSON implements json.Unmarshaler: it reads what encoding/json
// writes for an Evaluation, strictly: errors are *FieldError values naming
// the path and wrapping ErrInvalidResult (the chronicle's own errors, the
// incident package's, are their Cause).
func (e *Evaluation) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	type plain Evaluation
	var w plain
	if err := invalid.Decode(b, &w, ErrInvalidResult); err != nil {
		return err
	}
	*e = Evaluation(w)
	return nil
}

// NextChange is the earliest instant after At at which any result changes
// by itself (see Clock.NextChange). escalation.Evaluation.Next merges it
// with the escalation steps: a host that escalates sets that one timer.
func (e Evaluation) NextChange() (time.Time, bool) {
	var best time.Time
	for _, r := range e.Results {
		if r.Clock.initial.Calendar == nil {
			continue
		}
		if t, ok := r.Clock.NextChange(e.At); ok && (best.IsZero() || t.Before(best)) {
			best = t
		}
	}
	return best, !best.IsZero()
}

// Evaluate judges an incident's SLAs and OLAs at now. It reads the
// incident's Chronicle (incident.Replay's fold of its history), selects the
// policies that apply to the incident as it stands (so a corrected customer
// or service re-selects, and recalculation is a replay), folds each
// metric's clock over the chronicle's entries and judges it at now. An
// incident no policy applies to is not an error: its Evaluation has no
// Results (a set without a catch-all policy simply does not cover it).
//
// Everything in the result is as of now: when the chronicle has events
// after now, Evaluate folds the events up to now again with the set's
// lifecycle (Chronicle.AsOf) and the Evaluation carries that chronicle, so
// statuses, the incident and what escalation and report read from it agree.
// An error of that fold (a chronicle whose events the set's lifecycle does
// not accept) wraps ErrChronicle and the incident package's error.
//
// With a calendar from WithIncidentCalendar, an incident the function
// gives no calendar for is an error wrapping ErrNoCalendar.
//
// Evaluate costs one pass over the entries per metric. The results own
// their memory, allocated in a few blocks; the chronicle is shared, not
// copied.
func (s *Set) Evaluate(c incident.Chronicle, now time.Time) (ev Evaluation, err error) {
	now = now.Round(0)
	// The chronicle is a kilobyte: ev is built in place, and the chronicle
	// copied once more only when it has events after now.
	ev = Evaluation{Chronicle: c, At: now}
	if n := len(c.Entries); n > 0 && c.Entries[n-1].Event.At.After(now) {
		if ev.Chronicle, err = c.AsOf(s.lifecycle, now); err != nil {
			return Evaluation{}, fmt.Errorf("%w: %w", ErrChronicle, err)
		}
	}
	entries := ev.Chronicle.Entries
	if len(entries) == 0 {
		return ev, nil
	}
	// The happenings of a short history stay on the stack.
	var bitsBuf [32]happenings
	bits := buffer(bitsBuf[:], len(entries))
	for i := range entries {
		bits[i] = happeningsOf(&entries[i].Effects)
	}
	var selectedBuf [8]int
	selected := s.selectPolicies(selectedBuf[:0], &ev.Chronicle.Incident)
	metrics := 0
	var truths []uint64
	for _, pi := range selected {
		metrics += len(s.compiled[pi])
		for mi := range s.compiled[pi] {
			if s.compiled[pi][mi].rules.predicates && truths == nil {
				if truths, err = s.truths(entries); err != nil {
					return Evaluation{}, err
				}
			}
		}
	}
	st := newStorage(metrics, len(entries))
	cycles, thresholds, err := s.fold(&ev, selected, bits, truths, st)
	if err != nil {
		return Evaluation{}, err
	}
	ev.judge(st.judgement(cycles, thresholds))
	return ev, nil
}

// storage is where an evaluation keeps its results: the results, the room
// their clocks are folded in, and the statuses of their cycles.
type storage struct {
	results []Result
	arena   clockArena
	small   *smallEvaluation // nil when the evaluation is too big for one
}

// smallEvaluation is the storage of a typical evaluation (a few metrics
// over a short history) in one allocation instead of six; a bigger one
// allocates each part on its own (see newStorage). It fits the 6 KB size
// class, four to a span (at 8 KB every evaluation took a span of its own
// from the heap); TestSmallEvaluationSize keeps it there.
type smallEvaluation struct {
	results   [4]Result
	events    [20]ClockEvent
	cycles    [6]cycle
	runs      [9]run
	statuses  [6]Status
	crossings [6]Crossing
}

// newStorage makes room for the clocks of metrics metrics over a history
// of n events: enough for the usual clock, which has fewer events than the
// history and a few cycles and runs. A clock that outgrows the room moves
// out on append.
func newStorage(metrics, n int) storage {
	events, cycles, runs := metrics*(n/2+2), metrics*2, metrics*3
	var small *smallEvaluation
	if metrics <= len(small.results) && events <= len(small.events) && cycles <= len(small.cycles) && runs <= len(small.runs) {
		small = new(smallEvaluation)
		return storage{results: small.results[:metrics], small: small,
			arena: clockArena{events: small.events[:], cycles: small.cycles[:], runs: small.runs[:]}}
	}
	return storage{results: make([]Result, metrics), arena: clockArena{
		events: make([]ClockEvent, events), cycles: make([]cycle, cycles), runs: make([]run, runs),
	}}
}

// judgement returns the room for the statuses of cycles cycles and their
// crossings of thresholds thresholds.
func (st storage) judgement(cycles, thresholds int) ([]Status, []Crossing) {
	if st.small != nil && cycles <= len(st.small.statuses) && thresholds <= len(st.small.crossings) {
		return st.small.statuses[:cycles], st.small.crossings[:thresholds]
	}
	return make([]Status, cycles), make([]Crossing, thresholds)
}

// buffer returns buf[:n], or a new slice if n is more than buf holds.
func buffer[T any](buf []T, n int) []T {
	if n <= len(buf) {
		return buf[:n]
	}
	return make([]T, n)
}

// fold folds every metric of the selected policies over the replayed
// history into ev.Results, one result per metric that applies, and returns
// how many cycles and thresholds the results' clocks have.
func (s *Set) fold(ev *Evaluation, selected []int, bits []happenings, truths []uint64, st storage) (cycles, thresholds int, err error) {
	// Clocks are folded in place, in their result; a metric without a
	// result gives its slot to the next one.
	entries := ev.Chronicle.Entries
	ev.Results = st.results
	arena := st.arena
	inc := &ev.Chronicle.Incident
	var actionsBuf [8]ClockAction
	actions := actionsBuf[:0]
	n := 0
	for _, pi := range selected {
		p := &s.policies[pi]
		for mi := range s.compiled[pi] {
			cm := &s.compiled[pi][mi]
			res := &ev.Results[n]
			*res = Result{Policy: p.Name, Kind: p.Kind, Group: p.Group, Metric: cm.metric}
			f := metricFold{set: s, policy: p, rules: &cm.rules, metric: cm.metric, slot: &res.Clock}
			for i := range entries {
				h := happening{event: &entries[i].Event, eff: &entries[i].Effects, bits: bits[i]}
				if cm.rules.predicates {
					h.truth = truths[i]
					if i > 0 {
						h.was = truths[i-1]
					}
				}
				if actions, err = f.step(actions, inc, &arena, h); err != nil {
					return 0, 0, err
				}
			}
			if f.clock != nil {
				arena.seal(f.clock)
				cycles += len(f.clock.cycles)
				for _, cy := range f.clock.cycles {
					thresholds += len(cy.goal.Thresholds)
				}
			} else {
				// A metric that never started is pending if it applies at
				// all: an OLA applies once its group has had the incident,
				// and a target only to the priorities it names.
				t, ok := p.Target(cm.metric, inc.Priority)
				if !ok || p.Kind == OLA {
					continue
				}
				if t.Due != nil && t.Due.Deadline != "" {
					if _, ok := s.deadlines[t.Due.Deadline](*inc); !ok {
						continue // no due date: no target
					}
				}
				res.Status = Status{State: Pending, Goal: t.Goal, Remaining: t.Goal}
			}
			n++
		}
	}
	clear(ev.Results[n:])
	ev.Results = ev.Results[:n:n]
	return cycles, thresholds, nil
}

// judge fills in the status of every cycle of every folded clock at ev.At,
// the statuses in statuses and their crossings in crossings, which have
// the room fold counted.
func (ev *Evaluation) judge(statuses []Status, crossings []Crossing) {
	for i := range ev.Results {
		res := &ev.Results[i]
		c := &res.Clock
		if c.initial.Calendar == nil {
			continue // pending
		}
		if k := len(c.events); k > 0 && ev.At.Before(c.events[k-1].At) {
			res.Cycles = c.Cycles(ev.At) // judged in the past: a refold
		} else {
			res.Cycles, statuses = statuses[:len(c.cycles):len(c.cycles)], statuses[len(c.cycles):]
			for j := range c.cycles {
				st := c.cycles[j].status(ev.At, crossings)
				crossings, st.Crossed = take(crossings, st.Crossed)
				res.Cycles[j] = st
			}
		}
		if k := len(res.Cycles); k > 0 {
			res.Status = res.Cycles[k-1] // the current cycle
		} else {
			res.Status = c.Status(ev.At)
		}
	}
}

// clockArena lends the clocks of one evaluation their storage from a few
// blocks (see storage) instead of many small allocations. Metrics are folded one after
// the other, so a clock may grow into all the room left; seal then takes
// what it used and caps its slices. A clock that outgrows the room moves
// out on append.
type clockArena struct {
	events []ClockEvent
	cycles []cycle
	runs   []run
}

func (a *clockArena) newClock(goal Goal) Clock {
	goal = goal.sorted()
	return Clock{initial: goal, goal: goal, events: a.events[:0], cycles: a.cycles[:0], spare: a.runs}
}

// seal ends the loan of c, a clock of this arena whose fold is done.
func (a *clockArena) seal(c *Clock) {
	c.sealRuns()
	a.runs, c.spare = c.spare, nil
	a.events, c.events = take(a.events, c.events)
	a.cycles, c.cycles = take(a.cycles, c.cycles)
}

// take returns the room left after used, a slice grown in room (unless it
// moved out), and used capped.
func take[T any](room, used []T) ([]T, []T) {
	k := len(used)
	if k > 0 && k <= len(room) && &used[0] == &room[0] {
		room = room[k:]
	}
	return room, used[:k:k]
}

// metricFold folds one metric of one policy over an incident's history,
// event by event, into the clock at slot.
type metricFold struct {
	set    *Set
	policy *Policy
	rules  *compiledRules
	metric Metric
	slot   *Clock
	clock  *Clock // slot, once the clock has started
	// waiting is set while the metric should run but the incident's
	// priority has no target for it (it never had one, or lost it): the
	// instant it began waiting. A later priority with a target starts the
	// clock then, or from this instant when the policy is retroactive.
	waiting time.Time
}

// start puts a new clock for goal into the fold's slot.
func (f *metricFold) start(arena *clockArena, goal Goal) {
	*f.slot = arena.newClock(goal)
	f.clock = f.slot
}

// step applies one event: its priority change first, then the clock
// actions its happenings trigger. inc is the incident after the whole
// history (for its calendar).
func (f *metricFold) step(actions []ClockAction, inc *incident.Incident, arena *clockArena, h happening) ([]ClockAction, error) {
	e, eff := h.event, h.eff
	if eff.PriorityChanged && !eff.Opened {
		if err := f.reprioritize(inc, arena, e, eff); err != nil {
			return actions, err
		}
	}
	if eff.GroupChanged && !eff.Opened && f.set.groupCalendar != nil && f.clock != nil && f.waiting.IsZero() {
		if err := f.regroup(inc, e, eff); err != nil {
			return actions, err
		}
	}
	actions = f.rules.actions(actions[:0], h)
	for _, a := range actions {
		switch a {
		case openCycle:
			if a = f.open(); a == 0 {
				continue
			}
		case Cancel:
			if f.policy.WhenToCancel == NeverCancel {
				a = Stop
			}
		case Pause:
			if f.policy.AfterBreach != PauseAfterBreach && f.breached(e.At) {
				if f.policy.AfterBreach == KeepRunning {
					continue
				}
				a = Cancel
			}
		}
		switch {
		case !f.waiting.IsZero():
			if a == Stop || a == Cancel {
				f.waiting = time.Time{} // it ended before any target applied
			}
			continue
		case f.clock == nil:
			if a != Start && a != Reset {
				continue
			}
			goal, ok, err := f.set.goal(f.policy, f.metric, eff.PriorityTo, inc, eff.GroupTo, e.At)
			if err != nil {
				return actions, err
			}
			if !ok {
				f.waiting = e.At
				continue
			}
			f.start(arena, goal)
		}
		cycles := len(f.clock.cycles)
		if err := f.clock.apply(ClockEvent{At: e.At, Action: a, Reason: reason(a, eff, e)}); err != nil {
			return actions, err
		}
		if cycles > 0 && len(f.clock.cycles) > cycles {
			if err := f.redate(inc, e, eff); err != nil {
				return actions, err
			}
		}
	}
	return actions, nil
}

// reprioritize follows a priority change: the running clock is retargeted
// to the new priority's goal, or cancelled when there is none; a waiting
// metric starts when the new priority has a target.
func (f *metricFold) reprioritize(inc *incident.Incident, arena *clockArena, e *incident.Event, eff *incident.Effects) error {
	why := "priority " + eff.PriorityFrom.String() + " to " + eff.PriorityTo.String()
	goal, ok, err := f.set.goal(f.policy, f.metric, eff.PriorityTo, inc, eff.GroupTo, f.cycleStart(e.At))
	switch {
	case err != nil:
		return err
	case !f.waiting.IsZero():
		if !ok {
			return nil
		}
		from := e.At
		if f.policy.Retroactive && f.clock == nil {
			from = f.waiting
		}
		f.waiting = time.Time{}
		if f.clock == nil {
			f.start(arena, goal)
		} else if err := f.clock.apply(ClockEvent{At: e.At, Action: Retarget, Goal: &goal, Reason: why}); err != nil {
			return err
		}
		if err := f.clock.apply(ClockEvent{At: from, Action: Start, Reason: why}); err != nil {
			return err
		}
		if f.rules.pausedIn(eff.To) {
			return f.clock.apply(ClockEvent{At: e.At, Action: Pause, Reason: string(eff.To.HoldReason)})
		}
		return nil
	case f.clock == nil:
		return nil
	case !ok:
		if cur := f.clock.current(); cur != nil && cur.ended.IsZero() {
			f.waiting = e.At
		}
		return f.clock.apply(ClockEvent{At: e.At, Action: Cancel, Reason: "no " + string(f.metric) + " target for " + eff.PriorityTo.String()})
	}
	// A priority changed while the incident is resolved is a correction of
	// the record: it applies from the cycle's start, stopped or not.
	correction := eff.From.Flags.Has(incident.FlagResolved)
	if correction {
		why = "correction: " + why
	}
	return f.clock.apply(ClockEvent{At: e.At, Action: Retarget, Goal: &goal, Retroactive: f.policy.Retroactive || correction,
		KeepCalendars: f.set.followsGroup(f.policy, f.metric, eff.PriorityTo), Reason: why})
}

// breached reports whether the clock's open cycle has breached by t.
func (f *metricFold) breached(t time.Time) bool {
	if f.clock == nil {
		return false
	}
	cur := f.clock.current()
	return cur != nil && cur.ended.IsZero() && (!cur.broke.IsZero() || cur.accrued(t) >= cur.goal.Duration)
}

// open turns an Open happening into the clock action it stands for: Start
// when the clock has not started, Reset when its last cycle has ended, and
// nothing (0) while a cycle is open.
func (f *metricFold) open() ClockAction {
	if f.clock == nil {
		return Start
	}
	if cur := f.clock.current(); cur != nil && cur.ended.IsZero() {
		return 0
	}
	return Reset
}

// cycleStart is the start of the clock's open cycle, or at if none is open.
func (f *metricFold) cycleStart(at time.Time) time.Time {
	if f.clock != nil {
		if cur := f.clock.current(); cur != nil && cur.ended.IsZero() {
			return cur.started
		}
	}
	return at
}

// redate fixes the due date of a cycle that opened at e: a goal that is a
// date counts from each cycle's own start.
func (f *metricFold) redate(inc *incident.Incident, e *incident.Event, eff *incident.Effects) error {
	if t, ok := f.policy.Target(f.metric, eff.PriorityTo); !ok || t.Due == nil {
		return nil
	}
	goal, ok, err := f.set.goal(f.policy, f.metric, eff.PriorityTo, inc, eff.GroupTo, e.At)
	if err != nil || !ok {
		return err
	}
	return f.clock.apply(ClockEvent{At: e.At, Action: Retarget, Goal: &goal, Retroactive: true, KeepCalendars: true, Reason: "due date"})
}

// followsGroup reports whether the target of metric m at priority prio
// accrues on the assignment group's calendar.
func (s *Set) followsGroup(p *Policy, m Metric, prio incident.Priority) bool {
	t, ok := p.Target(m, prio)
	return ok && (t.Calendar == GroupCalendar || (t.Calendar == "" && p.Calendar == GroupCalendar))
}

// regroup follows a reassignment on a clock whose calendar is the group's:
// the run on the old group's calendar ends and one on the new group's
// begins (a retarget that keeps the time accrued), so each assignment
// period accrues on its own group's calendar. A clock on another calendar
// is left alone.
func (f *metricFold) regroup(inc *incident.Incident, e *incident.Event, eff *incident.Effects) error {
	goal, ok, err := f.set.goal(f.policy, f.metric, eff.PriorityTo, inc, eff.GroupTo, f.cycleStart(e.At))
	if err != nil || !ok || goal.Calendar == f.clock.goal.Calendar {
		return err
	}
	return f.clock.apply(ClockEvent{At: e.At, Action: Retarget, Goal: &goal, Reason: "group " + eff.GroupFrom + " to " + eff.GroupTo})
}

// reason is the timeline's explanation of an action caused by an event.
func reason(a ClockAction, eff *incident.Effects, e *incident.Event) string {
	switch a {
	case Pause:
		if eff.To.HoldReason != "" {
			return string(eff.To.HoldReason)
		}
	case Cancel, Reset, Stop, Resume, Start:
		if eff.Action != "" {
			return string(eff.Action)
		}
	}
	return e.Type.String()
}

// goal resolves the goal of metric m at priority prio for inc, while the
// incident is with group, for a cycle that starts at from (a date goal's
// business time counts from there).
func (s *Set) goal(p *Policy, m Metric, prio incident.Priority, inc *incident.Incident, group string, from time.Time) (Goal, bool, error) {
	t, ok := p.Target(m, prio)
	if !ok {
		return Goal{}, false, nil
	}
	name := t.Calendar
	if name == "" {
		name = p.Calendar
	}
	cal := s.calendars[name]
	switch name {
	case IncidentCalendar:
		c, err := s.incidentCalendar(*inc)
		if err != nil {
			return Goal{}, false, fmt.Errorf("sla: policy %s: incident %s: %w: %w", p.Name, inc.ID, ErrNoCalendar, err)
		}
		if c == nil {
			return Goal{}, false, fmt.Errorf("sla: policy %s: incident %s: %w", p.Name, inc.ID, ErrNoCalendar)
		}
		cal = c
	case GroupCalendar:
		c, err := s.groupCalendar(group)
		if err != nil {
			return Goal{}, false, fmt.Errorf("sla: policy %s: incident %s: group %q: %w: %w", p.Name, inc.ID, group, ErrNoCalendar, err)
		}
		if c == nil {
			return Goal{}, false, fmt.Errorf("sla: policy %s: incident %s: group %q: %w", p.Name, inc.ID, group, ErrNoCalendar)
		}
		cal = c
	}
	th := t.Thresholds
	if th == nil {
		th = p.Thresholds
	}
	d := t.Goal
	if t.Due != nil {
		var ok bool
		var err error
		if d, ok, err = s.dueGoal(t.Due, cal, inc, from); err != nil || !ok {
			if err != nil {
				err = fmt.Errorf("sla: policy %s: incident %s: %w: %w", p.Name, inc.ID, ErrNoCalendar, err)
			}
			return Goal{}, false, err
		}
	}
	return Goal{Duration: d, Calendar: cal, Thresholds: th}, true, nil
}

// dueGoal is the business time on cal from from to the due date; ok is
// false when the host has no deadline for inc.
func (s *Set) dueGoal(due *Due, cal *calendar.Calendar, inc *incident.Incident, from time.Time) (time.Duration, bool, error) {
	var deadline time.Time
	if due.Deadline != "" {
		var ok bool
		if deadline, ok = s.deadlines[due.Deadline](*inc); !ok {
			return 0, false, nil
		}
	} else {
		loc := cal.Location()
		y, mo, dd := from.In(loc).Date()
		day, err := cal.AddWorkdays(date.New(y, mo, dd), due.BusinessDays)
		if err != nil {
			return 0, false, err
		}
		y, mo, dd = day.Date()
		if due.At != "" {
			tod, _ := calendar.ParseTimeOfDay(due.At) // validated by NewSet
			deadline = calendar.Date(y, mo, dd, 0, 0, int(tod), loc)
		} else {
			// The end of that day's working hours: its last interval's end.
			start := calendar.Date(y, mo, dd, 0, 0, 0, loc)
			for iv := range cal.Intervals(start, calendar.Date(y, mo, dd+1, 0, 0, 0, loc)) {
				deadline = iv.End
			}
		}
	}
	if d := cal.Between(from, deadline); d > 0 {
		return d, true, nil
	}
	return time.Nanosecond, true, nil // due at or before the start
}
