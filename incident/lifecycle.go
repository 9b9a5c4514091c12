package incident

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/invalid"
)

// State names a state of a lifecycle: a lower-case word ("in_progress").
type State string

// Action names a transition of a lifecycle: a lower-case word ("resolve").
type Action string

// HoldReason says what an incident on hold is waiting for: a lower-case word.
type HoldReason string

// Flags describe a state. A state is open (being worked, possibly on hold),
// resolved (possibly terminal: closed) or terminal without being resolved
// (cancelled); the valid combinations are
//
//	FlagOpen                   new, assigned, in progress
//	FlagOpen | FlagOnHold      on hold: waiting, with a HoldReason
//	FlagResolved               resolved: the fix is delivered, the caller may reopen
//	FlagResolved | FlagTerminal closed
//	FlagTerminal               cancelled
//
// Flags marshal to JSON as an array of words ("open", "on_hold", "resolved",
// "terminal").
type Flags uint8

// The state flags.
const (
	FlagOpen Flags = 1 << iota
	FlagOnHold
	FlagResolved
	FlagTerminal
)

// Has reports whether all of want are set in f.
func (f Flags) Has(want Flags) bool { return f&want == want && want != 0 }

// String returns the flags' words joined by ", "; "" for no flags.
func (f Flags) String() string { return strings.Join(f.words(), ", ") }

// words returns the words of the known flags set in f, never nil.
func (f Flags) words() []string {
	words := []string{}
	for i, w := range flagWords.Words {
		if f&(1<<i) != 0 {
			words = append(words, w)
		}
	}
	return words
}

// resolves reports whether moving from flags f to flags to resolves an
// incident: from an unresolved state into a resolved one.
func (f Flags) resolves(to Flags) bool { return to.Has(FlagResolved) && !f.Has(FlagResolved) }

func (f Flags) valid() bool {
	switch f {
	case FlagOpen, FlagOpen | FlagOnHold, FlagResolved, FlagResolved | FlagTerminal, FlagTerminal:
		return true
	}
	return false
}

// MarshalJSON implements json.Marshaler: an array of words.
func (f Flags) MarshalJSON() ([]byte, error) {
	if f>>len(flagWords.Words) != 0 {
		return nil, &FieldError{Value: strconv.Itoa(int(f)), Reason: "unknown flag bits", Err: ErrUnknownWord}
	}
	return json.Marshal(f.words())
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *Flags) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var words []string
	if err := json.Unmarshal(b, &words); err != nil {
		return &FieldError{Value: string(b), Reason: "want a list of words (known: " + strings.Join(flagWords.Words, ", ") + ")", Err: ErrUnknownWord}
	}
	var v Flags
	for j, w := range words {
		i, err := flagWords.Parse(w, ErrUnknownWord)
		if err != nil {
			return invalid.At("["+strconv.Itoa(j)+"]", err, ErrUnknownWord)
		}
		if v&(1<<i) != 0 {
			return &FieldError{Path: "[" + strconv.Itoa(j) + "]", Value: w, Reason: "is listed twice", Err: ErrUnknownWord}
		}
		v |= 1 << i
	}
	*f = v
	return nil
}

// Trigger names something that happens to an incident, other than a
// transition event, that may take a lifecycle action by itself.
type Trigger uint8

// The triggers. They marshal as "assigned" and "caller_reply".
const (
	// TriggerAssigned fires on an open or assign event that leaves the
	// incident with an assignment group or assignee.
	TriggerAssigned Trigger = 1 + iota
	// TriggerCallerReply fires on a comment event FromCaller.
	TriggerCallerReply
)

// String returns the trigger as a word.
func (t Trigger) String() string { return triggerWords.String(uint8(t)) }

// MarshalText implements encoding.TextMarshaler.
func (t Trigger) MarshalText() ([]byte, error) {
	return triggerWords.Marshal(uint8(t), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *Trigger) UnmarshalText(b []byte) error {
	v, err := triggerWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*t = Trigger(v)
	return nil
}

// StateSpec declares a state of a Definition.
type StateSpec struct {
	Name  State `json:"name"`
	Flags Flags `json:"flags"`
}

// TransitionSpec declares that Action takes an incident in From to To,
// provided every named guard allows it (guards run in order; the first
// refusal wins).
type TransitionSpec struct {
	From   State    `json:"from"`
	Action Action   `json:"action"`
	To     State    `json:"to"`
	Guards []string `json:"guards,omitempty"`
}

// TriggerSpec declares that On takes Action by itself when the incident's
// current state has a transition for Action and, if HoldReasons is not empty,
// the incident is on hold for one of them. A triggered transition whose guard
// refuses is not taken; the triggering event still applies.
type TriggerSpec struct {
	On          Trigger      `json:"on"`
	Action      Action       `json:"action"`
	HoldReasons []HoldReason `json:"hold_reasons,omitempty"`
}

// Definition is the data of a lifecycle, as NewLifecycle takes it and
// Lifecycle.Definition returns it. It round-trips through JSON (ReopenWindow
// as a Go duration, ISO 8601 accepted; Matrix as an array of rows).
type Definition struct {
	// Initial is the state an open event enters; it must be open and not on
	// hold.
	Initial     State            `json:"initial"`
	States      []StateSpec      `json:"states"`
	Transitions []TransitionSpec `json:"transitions"`
	Triggers    []TriggerSpec    `json:"triggers,omitempty"`
	// HoldReasons lists the reasons an incident may be on hold for; empty
	// accepts any lower-case word.
	HoldReasons []HoldReason `json:"hold_reasons,omitempty"`
	// ReopenWindow is how long after its resolution an incident may be
	// reopened, for the built-in reopen_window guard; zero when no
	// transition uses it.
	ReopenWindow time.Duration `json:"-"`
	// Matrix computes priorities; the zero Matrix means ITILMatrix.
	Matrix Matrix `json:"matrix"`
	// Majors says what the lifecycle does with major incidents: the zero
	// MajorsReviewed keeps the post-incident review gate on every
	// transition into a terminal state; MajorsUnreviewed drops it
	// explicitly; MajorsRefused refuses major events.
	Majors MajorPolicy `json:"majors,omitempty"`
}

type definitionJSON struct {
	Initial      State             `json:"initial"`
	States       []StateSpec       `json:"states"`
	Transitions  []TransitionSpec  `json:"transitions"`
	Triggers     []TriggerSpec     `json:"triggers,omitempty"`
	HoldReasons  []HoldReason      `json:"hold_reasons,omitempty"`
	ReopenWindow duration.Duration `json:"reopen_window,omitempty"`
	Matrix       Matrix            `json:"matrix"`
	Majors       MajorPolicy       `json:"majors,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (d Definition) MarshalJSON() ([]byte, error) {
	return json.Marshal(definitionJSON{d.Initial, d.States, d.Transitions, d.Triggers, d.HoldReasons,
		duration.Duration(d.ReopenWindow), d.Matrix, d.Majors})
}

// UnmarshalJSON implements json.Unmarshaler strictly: unknown keys, keys
// given twice, wrong types, unknown words (flags, triggers), a bad
// duration or matrix are *FieldError values wrapping ErrInvalidLifecycle
// that name the path ("transitions[2].gaurds"). It decodes only;
// NewLifecycle checks the cross-references (states, actions, guards, hold
// reasons).
func (d *Definition) UnmarshalJSON(b []byte) error {
	var w definitionJSON
	if err := invalid.Decode(b, &w, ErrInvalidLifecycle); err != nil {
		return err
	}
	*d = Definition{w.Initial, w.States, w.Transitions, w.Triggers, w.HoldReasons, time.Duration(w.ReopenWindow), w.Matrix, w.Majors}
	return nil
}

// clone returns a deep copy of d.
func (d Definition) clone() Definition {
	c := d
	c.States = slices.Clone(d.States)
	c.Transitions = slices.Clone(d.Transitions)
	for i := range c.Transitions {
		c.Transitions[i].Guards = slices.Clone(c.Transitions[i].Guards)
	}
	c.Triggers = slices.Clone(d.Triggers)
	for i := range c.Triggers {
		c.Triggers[i].HoldReasons = slices.Clone(c.Triggers[i].HoldReasons)
	}
	c.HoldReasons = slices.Clone(d.HoldReasons)
	return c
}

// Guard decides whether a transition may be taken. It returns "" to allow
// it, or the reason it refuses ("resolution code is required"). It sees the
// incident as it stands just before the state change (for a triggered
// transition, with the triggering event's own payload already applied: the
// new group of an assign event) and the event being applied. A guard must be
// a pure function of its arguments and safe for concurrent use.
type Guard func(inc Incident, e Event) string

// The names of the built-in guards, usable in any Definition.
const (
	// GuardAssignmentGroup: the incident has an assignment group.
	GuardAssignmentGroup = "assignment_group"
	// GuardAssignee: the incident has an assignee.
	GuardAssignee = "assignee"
	// GuardResolution: the event carries a resolution code and a note.
	GuardResolution = "resolution"
	// GuardResolved: the incident has a current resolution (resolved and
	// not reopened since).
	GuardResolved = "resolved"
	// GuardReview: a major incident has its post-incident review recorded
	// (root cause and responsible). Other incidents pass.
	GuardReview = "review"
	// GuardReopenWindow: the event is within the lifecycle's ReopenWindow
	// after the resolution: e.At - ResolvedAt < ReopenWindow.
	GuardReopenWindow = "reopen_window"
	// GuardReason: the event carries a Reason.
	GuardReason = "reason"
)

// builtinGuard is a built-in guard (0: none). The built-in guards read
// the incident and the event in place (see builtinGuard.check), so that
// checking a transition does not copy them for each guard.
type builtinGuard uint8

const (
	guardAssignmentGroup builtinGuard = 1 + iota
	guardAssignee
	guardResolution
	guardResolved
	guardReview
	guardReopenWindow
	guardReason
)

// builtinGuardNames names the built-in guards.
var builtinGuardNames = map[string]builtinGuard{
	GuardAssignmentGroup: guardAssignmentGroup,
	GuardAssignee:        guardAssignee,
	GuardResolution:      guardResolution,
	GuardResolved:        guardResolved,
	GuardReview:          guardReview,
	GuardReopenWindow:    guardReopenWindow,
	GuardReason:          guardReason,
}

// check runs the guard for inc and e, under a lifecycle whose reopen
// window is window.
func (g builtinGuard) check(inc *Incident, e *Event, window time.Duration) string {
	switch g {
	case guardAssignmentGroup:
		if inc.Group == "" {
			return "the incident has no assignment group"
		}
	case guardAssignee:
		if inc.Assignee == "" {
			return "the incident has no assignee"
		}
	case guardResolution:
		switch {
		case e.ResolutionCode == "" && e.Note == "":
			return "a resolution code and a resolution note are required"
		case e.ResolutionCode == "":
			return "a resolution code is required"
		case e.Note == "":
			return "a resolution note is required"
		}
	case guardResolved:
		if inc.ResolvedAt.IsZero() {
			return "the incident is not resolved"
		}
	case guardReview:
		if inc.Major && inc.ReviewedAt.IsZero() {
			return "a major incident needs its post-incident review (root cause and responsible) before it closes or is cancelled"
		}
	case guardReopenWindow:
		if inc.ResolvedAt.IsZero() {
			return "the incident is not resolved"
		}
		if e.At.Sub(inc.ResolvedAt) >= window {
			return "the reopen window of " + window.String() + " after the resolution at " +
				inc.ResolvedAt.UTC().Format(time.RFC3339) + " has passed"
		}
	case guardReason:
		if e.Reason == "" {
			return "a reason is required"
		}
	}
	return ""
}

// builtinGuards returns the built-in guards as Guards, for a lifecycle
// whose reopen window is window.
func builtinGuards(window time.Duration) map[string]Guard {
	guards := make(map[string]Guard, len(builtinGuardNames))
	for name, g := range builtinGuardNames {
		guards[name] = func(inc Incident, e Event) string { return g.check(&inc, &e, window) }
	}
	return guards
}

// An Option configures NewLifecycle and DefaultLifecycle. Options are values
// of this package only.
type Option interface{ apply(*options) error }

type options struct {
	guards       map[string]Guard
	reopenWindow time.Duration
	matrix       Matrix
}

type optionFunc func(*options) error

func (f optionFunc) apply(o *options) error { return f(o) }

// WithGuard registers a custom guard under name, for Definitions to use in
// TransitionSpec.Guards. The name must be a lower-case word and must not be a
// built-in guard's. A lifecycle with custom guards marshals to JSON with their
// names; to rebuild it, pass the Definition and the same WithGuard options to
// NewLifecycle.
func WithGuard(name string, g Guard) Option {
	return optionFunc(func(o *options) error {
		if !isWord(name) {
			return lifecycleField("guard name", name, "must be a lower-case word")
		}
		if _, ok := builtinGuards(0)[name]; ok {
			return lifecycleField("guard name", name, "is the name of a built-in guard")
		}
		if g == nil {
			return lifecycleField("guard "+name, "nil", "must not be nil")
		}
		if o.guards == nil {
			o.guards = map[string]Guard{}
		}
		o.guards[name] = g
		return nil
	})
}

// WithReopenWindow sets the reopen window (d > 0), overriding the
// Definition's ReopenWindow.
func WithReopenWindow(d time.Duration) Option {
	return optionFunc(func(o *options) error {
		if d <= 0 {
			return lifecycleField("reopen_window", d.String(), "must be positive")
		}
		o.reopenWindow = d
		return nil
	})
}

// WithMatrix sets the priority matrix (not the zero Matrix), overriding the
// Definition's.
func WithMatrix(m Matrix) Option {
	return optionFunc(func(o *options) error {
		if m.IsZero() {
			return &FieldError{Path: "matrix", Reason: "the zero Matrix has no levels", Err: ErrInvalidLifecycle}
		}
		o.matrix = m
		return nil
	})
}

// Lifecycle is a validated state machine for incidents: states with flags,
// transitions triggered by named actions and protected by guards, automatic
// triggers, the allowed hold reasons, the reopen window and the priority
// matrix. Build one with NewLifecycle or DefaultLifecycle; it never changes
// afterwards and is safe for concurrent use by any number of goroutines.
// There is no useful zero Lifecycle: functions given a nil or zero
// *Lifecycle fail with ErrNoLifecycle, and its methods return zero values.
type Lifecycle struct {
	def         Definition
	states      map[State]*stateNode
	order       []*stateNode
	initial     *stateNode
	triggers    []triggerNode
	holdReasons []HoldReason
	matrix      Matrix
	window      time.Duration
}

type stateNode struct {
	name  State
	flags Flags
	out   []transitionNode
	// triggers are the lifecycle's triggers whose action this state has,
	// in definition order, each with its transition from here.
	triggers []stateTrigger
}

// stateTrigger is a trigger as one state sees it.
type stateTrigger struct {
	*triggerNode
	t *transitionNode
}

type transitionNode struct {
	action Action
	to     *stateNode
	guards []namedGuard
}

type namedGuard struct {
	name    string
	fn      Guard
	builtin builtinGuard // the built-in guard named name, which fn wraps; 0 for a custom guard
}

type triggerNode struct {
	on          Trigger
	action      Action
	holdReasons []HoldReason
}

// NewLifecycle validates def and returns the lifecycle it defines. It fails
// with a *FieldError wrapping ErrInvalidLifecycle that names the offending
// field when:
//
//   - a state name, action, guard name or hold reason is not a lower-case
//     word, or a state or hold reason is declared twice;
//   - a state's flags are not one of the valid combinations (see Flags);
//   - the initial state is missing, unknown, not open or on hold;
//   - a transition names an unknown state, leaves a terminal state, repeats
//     a (from, action) pair, or names an unknown or repeated guard;
//   - a state cannot be reached from the initial state;
//   - a trigger names an action no transition has, or one that enters an
//     on-hold state (a trigger carries no hold reason), or a hold reason
//     not in HoldReasons;
//   - the reopen_window guard is used without a positive ReopenWindow, or
//     ReopenWindow is negative;
//   - an option is invalid.
func NewLifecycle(def Definition, opts ...Option) (*Lifecycle, error) {
	var o options
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt.apply(&o); err != nil {
			return nil, err
		}
	}
	def = def.clone()
	if o.reopenWindow > 0 {
		def.ReopenWindow = o.reopenWindow
	}
	if !o.matrix.IsZero() {
		def.Matrix = o.matrix
	}
	if def.Matrix.IsZero() {
		def.Matrix = ITILMatrix()
	}
	if def.Majors > MajorsRefused {
		return nil, lifecycleField("majors", def.Majors.String(), "unknown MajorPolicy (known: unreviewed, refused, or empty)")
	}
	if def.ReopenWindow < 0 {
		return nil, lifecycleField("reopen_window", def.ReopenWindow.String(), "must not be negative")
	}
	lc := &Lifecycle{
		states: make(map[State]*stateNode, len(def.States)),
		matrix: def.Matrix,
		window: def.ReopenWindow,
	}
	guards := builtinGuards(def.ReopenWindow)
	for name, g := range o.guards {
		guards[name] = g
	}

	if err := lc.buildStates(def); err != nil {
		return nil, err
	}
	if err := lc.buildHoldReasons(def); err != nil {
		return nil, err
	}
	if err := lc.buildTransitions(def, guards); err != nil {
		return nil, err
	}
	if err := lc.checkReachable(def); err != nil {
		return nil, err
	}
	if err := lc.buildTriggers(def); err != nil {
		return nil, err
	}
	lc.def = def
	return lc, nil
}

// buildStates adds the states of def to lc, and its initial state.
func (lc *Lifecycle) buildStates(def Definition) error {
	if len(def.States) == 0 {
		return lifecycleField("states", "", "a lifecycle needs states")
	}
	for i, s := range def.States {
		field := "states[" + strconv.Itoa(i) + "]"
		if !isWord(string(s.Name)) {
			return lifecycleField(field+".name", string(s.Name), "must be a lower-case word")
		}
		if _, dup := lc.states[s.Name]; dup {
			return lifecycleField(field+".name", string(s.Name), "is declared twice")
		}
		if !s.Flags.valid() {
			return lifecycleField(field+".flags", s.Flags.String(),
				"must be open, open+on_hold, resolved, resolved+terminal or terminal")
		}
		n := &stateNode{name: s.Name, flags: s.Flags}
		lc.states[s.Name] = n
		lc.order = append(lc.order, n)
	}
	init, ok := lc.states[def.Initial]
	switch {
	case def.Initial == "":
		return lifecycleField("initial", "", "the initial state is required")
	case !ok:
		return lifecycleField("initial", string(def.Initial), "is not a state of the lifecycle (known: "+lc.stateNames()+")")
	case init.flags != FlagOpen:
		return lifecycleField("initial", string(def.Initial), "must be open and not on hold")
	}
	lc.initial = init
	return nil
}

// buildHoldReasons checks the hold reasons of def and keeps them.
func (lc *Lifecycle) buildHoldReasons(def Definition) error {
	seenHold := map[HoldReason]bool{}
	for i, r := range def.HoldReasons {
		field := "hold_reasons[" + strconv.Itoa(i) + "]"
		if !isWord(string(r)) {
			return lifecycleField(field, string(r), "must be a lower-case word")
		}
		if seenHold[r] {
			return lifecycleField(field, string(r), "is declared twice")
		}
		seenHold[r] = true
	}
	lc.holdReasons = def.HoldReasons
	return nil
}

// buildTransitions adds the transitions of def to their states, each
// with its guards (built in, or given WithGuard).
func (lc *Lifecycle) buildTransitions(def Definition, guards map[string]Guard) error {
	for i, t := range def.Transitions {
		field := "transitions[" + strconv.Itoa(i) + "]"
		from, ok := lc.states[t.From]
		if !ok {
			return lifecycleField(field+".from", string(t.From), "is not a state of the lifecycle (known: "+lc.stateNames()+")")
		}
		to, ok := lc.states[t.To]
		if !ok {
			return lifecycleField(field+".to", string(t.To), "is not a state of the lifecycle (known: "+lc.stateNames()+")")
		}
		if !isWord(string(t.Action)) {
			return lifecycleField(field+".action", string(t.Action), "must be a lower-case word")
		}
		if from.flags.Has(FlagTerminal) {
			return lifecycleField(field+".from", string(t.From), "is terminal: no transition leaves it")
		}
		for _, other := range from.out {
			if other.action == t.Action {
				return lifecycleField(field+".action", string(t.Action), "is declared twice from "+string(t.From))
			}
		}
		tn := transitionNode{action: t.Action, to: to}
		for j, name := range t.Guards {
			gfield := field + ".guards[" + strconv.Itoa(j) + "]"
			g, ok := guards[name]
			if !ok {
				return lifecycleField(gfield, name, "is not a built-in guard nor one given WithGuard (known: "+guardNames(guards)+")")
			}
			if slices.Contains(t.Guards[:j], name) {
				return lifecycleField(gfield, name, "is listed twice")
			}
			if name == GuardReopenWindow && def.ReopenWindow <= 0 {
				return lifecycleField("reopen_window", def.ReopenWindow.String(),
					"must be positive: "+field+" uses the reopen_window guard")
			}
			tn.guards = append(tn.guards, namedGuard{name: name, fn: g, builtin: builtinGuardNames[name]})
		}
		if to.flags.Has(FlagTerminal) && def.Majors == MajorsReviewed && !slices.Contains(t.Guards, GuardReview) {
			return lifecycleField(field+".guards", strings.Join(t.Guards, ", "),
				"enters the terminal state "+string(t.To)+" without the review guard: a lifecycle that allows major incidents keeps "+
					"the post-incident review gate (list \"review\", or set \"majors\" to \"unreviewed\" to drop it or \"refused\")")
		}
		from.out = append(from.out, tn)
	}
	return nil
}

// checkReachable checks that every state of lc can be reached from the
// initial state.
func (lc *Lifecycle) checkReachable(def Definition) error {
	reached := map[*stateNode]bool{lc.initial: true}
	queue := []*stateNode{lc.initial}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, t := range n.out {
			if !reached[t.to] {
				reached[t.to] = true
				queue = append(queue, t.to)
			}
		}
	}
	for i, n := range lc.order {
		if !reached[n] {
			return lifecycleField("states["+strconv.Itoa(i)+"].name", string(n.name),
				"cannot be reached from the initial state "+string(def.Initial))
		}
	}
	return nil
}

// buildTriggers adds the triggers of def, whose actions must be
// transitions that do not need a hold reason.
func (lc *Lifecycle) buildTriggers(def Definition) error {
	for i, tr := range def.Triggers {
		field := "triggers[" + strconv.Itoa(i) + "]"
		if tr.On != TriggerAssigned && tr.On != TriggerCallerReply {
			return lifecycleField(field+".on", tr.On.String(), "a trigger needs its happening (known: assigned, caller_reply)")
		}
		found := false
		for _, n := range lc.order {
			for _, t := range n.out {
				if t.action != tr.Action {
					continue
				}
				found = true
				if t.to.flags.Has(FlagOnHold) {
					return lifecycleField(field+".action", string(tr.Action),
						"enters the on-hold state "+string(t.to.name)+", which needs a hold reason a trigger cannot give")
				}
			}
		}
		if !found {
			return lifecycleField(field+".action", string(tr.Action), "no transition has this action (known: "+lc.actionNames()+")")
		}
		for j, r := range tr.HoldReasons {
			if !lc.holdReasonAllowed(r) {
				return lifecycleField(field+".hold_reasons["+strconv.Itoa(j)+"]", string(r), "is not a hold reason of the lifecycle (known: "+lc.holdReasonNames()+")")
			}
		}
		lc.triggers = append(lc.triggers, triggerNode{on: tr.On, action: tr.Action, holdReasons: tr.HoldReasons})
	}
	for _, n := range lc.order {
		for i := range lc.triggers {
			if t := n.transition(lc.triggers[i].action); t != nil {
				n.triggers = append(n.triggers, stateTrigger{&lc.triggers[i], t})
			}
		}
	}
	return nil
}

// stateNames lists the declared states, in definition order, for messages.
func (lc *Lifecycle) stateNames() string {
	names := make([]string, len(lc.order))
	for i, n := range lc.order {
		names[i] = string(n.name)
	}
	return invalid.Names(names)
}

// actionNames lists the actions of the transitions, each once, in
// definition order, for messages.
func (lc *Lifecycle) actionNames() string {
	var names []string
	for _, n := range lc.order {
		for _, t := range n.out {
			if !slices.Contains(names, string(t.action)) {
				names = append(names, string(t.action))
			}
		}
	}
	return invalid.Names(names)
}

// holdReasonNames lists the allowed hold reasons, for messages.
func (lc *Lifecycle) holdReasonNames() string {
	if len(lc.holdReasons) == 0 {
		return "any lower-case word"
	}
	names := make([]string, len(lc.holdReasons))
	for i, r := range lc.holdReasons {
		names[i] = string(r)
	}
	return invalid.Names(names)
}

// guardNames lists the guards a definition may name, sorted, for messages.
func guardNames(guards map[string]Guard) string {
	names := make([]string, 0, len(guards))
	for name := range guards {
		names = append(names, name)
	}
	slices.Sort(names)
	return invalid.Names(names)
}

// built reports whether lc came from NewLifecycle (a nil or zero Lifecycle
// did not).
func (lc *Lifecycle) built() bool { return lc != nil && lc.initial != nil }

// node returns the state named s, nil if none. For a lifecycle of a few
// states a scan is cheaper than the map: the names differ in length or
// share their bytes with the incident's State, which was taken from them.
func (lc *Lifecycle) node(s State) *stateNode {
	if len(lc.order) > 16 {
		return lc.states[s]
	}
	for _, n := range lc.order {
		if n.name == s {
			return n
		}
	}
	return nil
}

func (lc *Lifecycle) holdReasonAllowed(r HoldReason) bool {
	if len(lc.holdReasons) == 0 {
		return isWord(string(r))
	}
	return slices.Contains(lc.holdReasons, r)
}

// Definition returns a copy of the definition lc was built from, with the
// options applied (reopen window, matrix). Custom guards appear by name.
func (lc *Lifecycle) Definition() Definition {
	if !lc.built() {
		return Definition{}
	}
	return lc.def.clone()
}

// Initial returns the state an open event enters.
func (lc *Lifecycle) Initial() State {
	if !lc.built() {
		return ""
	}
	return lc.initial.name
}

// Matrix returns the priority matrix.
func (lc *Lifecycle) Matrix() Matrix {
	if !lc.built() {
		return Matrix{}
	}
	return lc.matrix
}

// ReopenWindow returns the reopen window (zero if none is set).
func (lc *Lifecycle) ReopenWindow() time.Duration {
	if !lc.built() {
		return 0
	}
	return lc.window
}

// Flags returns the flags of state s and whether s is a state of lc.
func (lc *Lifecycle) Flags(s State) (Flags, bool) {
	if !lc.built() {
		return 0, false
	}
	n, ok := lc.states[s]
	if !ok {
		return 0, false
	}
	return n.flags, true
}

// Actions returns the actions defined from state s, in definition order,
// whatever their guards would say; nil for an unknown or terminal state.
func (lc *Lifecycle) Actions(s State) []Action {
	if !lc.built() {
		return nil
	}
	n, ok := lc.states[s]
	if !ok || len(n.out) == 0 {
		return nil
	}
	acts := make([]Action, len(n.out))
	for i, t := range n.out {
		acts[i] = t.action
	}
	return acts
}

// MarshalJSON implements json.Marshaler: the Definition.
func (lc *Lifecycle) MarshalJSON() ([]byte, error) {
	if !lc.built() {
		return []byte("null"), nil
	}
	return json.Marshal(lc.def)
}

// UnmarshalJSON implements json.Unmarshaler: it decodes a Definition and
// builds the lifecycle with NewLifecycle, so it knows only the built-in
// guards. Use NewLifecycle with WithGuard for custom guards.
func (lc *Lifecycle) UnmarshalJSON(b []byte) error {
	var def Definition
	if err := def.UnmarshalJSON(b); err != nil {
		return err
	}
	built, err := NewLifecycle(def)
	if err != nil {
		return err
	}
	*lc = *built
	return nil
}

// transition finds the transition for action from state n.
func (n *stateNode) transition(a Action) *transitionNode {
	for i := range n.out {
		if n.out[i].action == a {
			return &n.out[i]
		}
	}
	return nil
}
