package escalation

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/go-itsm/itsm/sla"
)

// Directory answers who holds a role, who is in a group and who the
// customer's contacts are: the host's organisation data. It must be pure
// (the same answers for the same questions within an evaluation) and safe
// for concurrent use if the Set is used concurrently. A nil or empty answer
// is allowed: the task is still due, with no recipients from that target.
type Directory interface {
	// Role returns the people who hold role ("manager", "duty_manager")
	// for group; group is the incident's group unless the target names
	// one, and may be empty. Organisation-wide roles ignore it.
	Role(role, group string) []string
	// Members returns everyone in group.
	Members(group string) []string
	// Contacts returns the customer's contacts for status updates.
	Contacts(customer string) []string
}

// Set is a validated, ordered collection of escalation policies with the
// calendars, schedules and directory they name. It selects the policy for
// an incident (the first whose Selector matches: put specific policies first
// and a catch-all last) and evaluates it. A Set is immutable and safe for
// concurrent use (provided its Directory is). The zero Set has no policies:
// nothing is ever due.
type Set struct {
	policies   []Policy
	compiled   [][]compiledStep
	calendars  map[string]*calendar.Calendar
	schedules  map[string]*Schedule
	predicates map[string]func(incident.Incident) bool
	directory  Directory
	rules      setRules

	// Only while NewSet checks the policies:
	lifecycle  *incident.Lifecycle     // WithLifecycle, or the SLA set's
	slas       *sla.Set                // WithSLA
	sloNames   []string                // the SLA set's policies, in order
	sloMetrics map[string][]sla.Metric // each policy's metrics
	slaMetrics []sla.Metric            // the metrics of the SLA (not OLA) policies
}

// compiledStep is a validated step with its names resolved.
type compiledStep struct {
	level    int // 1-based position in the policy
	step     *Step
	reason   string
	open     *calendar.Calendar
	closed   *calendar.Calendar
	targets  []compiledTarget
	tasks    []Task
	rounds   int // 1 + repeats
	interval time.Duration
	rules    stepRules
}

type compiledTarget struct {
	target   Target
	key      string
	schedule *Schedule
}

// An Option configures NewSet.
type Option interface{ apply(*Set) error }

type optionFunc func(*Set) error

func (f optionFunc) apply(s *Set) error { return f(s) }

// WithCalendars makes calendars available to step conditions (Open,
// Closed) by name.
func WithCalendars(calendars map[string]*calendar.Calendar) Option {
	return optionFunc(func(s *Set) error {
		for _, name := range slices.Sorted(maps.Keys(calendars)) {
			if calendars[name] == nil {
				return &FieldError{Path: "calendars." + name, Reason: "WithCalendars: nil calendar", Err: ErrInvalidPolicy}
			}
			s.calendars[name] = calendars[name]
		}
		return nil
	})
}

// WithSchedules makes on-call schedules available to on_call targets by
// their names.
func WithSchedules(schedules ...*Schedule) Option {
	return optionFunc(func(s *Set) error {
		for i, sc := range schedules {
			path := "schedules[" + strconv.Itoa(i) + "]"
			if sc == nil || sc.name == "" {
				return &FieldError{Path: path, Reason: "WithSchedules: nil schedule (build it with NewSchedule)", Err: ErrInvalidPolicy}
			}
			if s.schedules[sc.name] != nil && s.schedules[sc.name] != sc {
				return &FieldError{Path: path, Value: sc.name, Reason: "WithSchedules: two schedules with one name", Err: ErrInvalidPolicy}
			}
			s.schedules[sc.name] = sc
		}
		return nil
	})
}

// WithPredicate registers a named selection predicate for
// incident.Selector.Predicate in policy and step selectors (a VIP caller, a
// service tier the host knows). It must be pure.
func WithPredicate(name string, f func(incident.Incident) bool) Option {
	return optionFunc(func(s *Set) error {
		if name == "" || f == nil {
			return &FieldError{Path: "predicates", Value: name, Reason: "WithPredicate: a predicate needs a name and a function", Err: ErrInvalidPolicy}
		}
		s.predicates[name] = f
		return nil
	})
}

// WithDirectory sets the directory that role, members and contacts
// targets need.
func WithDirectory(d Directory) Option {
	return optionFunc(func(s *Set) error {
		if d == nil {
			return &FieldError{Path: "directory", Reason: "WithDirectory: nil directory", Err: ErrInvalidPolicy}
		}
		s.directory = d
		return nil
	})
}

// WithSLA gives NewSet the SLA set whose evaluations the Set will read, so
// that SLA triggers are checked against it: a trigger's SLA must name a
// policy of the set (an SLA or an OLA) that has a target for the trigger's
// Metric, and a trigger without SLA needs an SLA (not OLA) policy with a
// target for Metric; the error lists the policies and metrics that exist.
// The states of entered and still_in triggers are then checked against the
// set's lifecycle (sla.Set.Lifecycle), the one incidents are replayed
// with. Without WithSLA, SLA names and metrics are not checked (an SLA
// trigger that names nothing the evaluation has never fires).
func WithSLA(set *sla.Set) Option {
	return optionFunc(func(s *Set) error {
		if set == nil {
			return &FieldError{Path: "sla", Reason: "WithSLA: nil SLA set", Err: ErrInvalidPolicy}
		}
		s.slas = set
		return nil
	})
}

// WithLifecycle gives NewSet the lifecycle whose states entered and
// still_in triggers must name, for a Set used without WithSLA (which
// brings its SLA set's lifecycle; with both, they must be the same
// lifecycle). Without either, the states are checked against
// incident.DefaultLifecycle.
func WithLifecycle(lc *incident.Lifecycle) Option {
	return optionFunc(func(s *Set) error {
		if lc == nil || lc.Initial() == "" {
			return &FieldError{Path: "lifecycle", Reason: "WithLifecycle: nil lifecycle (build it with incident.NewLifecycle)", Err: ErrInvalidPolicy}
		}
		s.lifecycle = lc
		return nil
	})
}

// defaultLifecycle is the lifecycle trigger states are checked against
// without WithLifecycle and WithSLA, built once.
var defaultLifecycle = sync.OnceValues(func() (*incident.Lifecycle, error) { return incident.DefaultLifecycle() })

// NewSet validates policies and returns them as a Set; see Policy, Step
// and the options for the rules. Errors are *FieldError values whose path
// starts at the list ("policies[1].steps[0].trigger.after") and whose
// reason names the policy; all wrap ErrInvalidPolicy. Names are checked
// here, with the known ones listed when one is missing: calendars,
// schedules, predicates, the lifecycle's states, and with WithSLA the SLA
// policies and metrics.
func NewSet(policies []Policy, opts ...Option) (*Set, error) {
	s := &Set{calendars: map[string]*calendar.Calendar{}, schedules: map[string]*Schedule{}, predicates: map[string]func(incident.Incident) bool{}}
	for _, o := range opts {
		if o != nil {
			if err := o.apply(s); err != nil {
				return nil, err
			}
		}
	}
	if s.slas != nil {
		if s.lifecycle != nil && s.lifecycle != s.slas.Lifecycle() {
			return nil, &FieldError{Path: "lifecycle", Reason: "WithLifecycle and WithSLA give different lifecycles; the SLA set's is the one incidents are replayed with", Err: ErrInvalidPolicy}
		}
		s.lifecycle = s.slas.Lifecycle()
		s.sloMetrics = map[string][]sla.Metric{}
		for _, p := range s.slas.Policies() {
			s.sloNames = append(s.sloNames, p.Name)
			var ms []sla.Metric
			for _, t := range p.Targets {
				if !slices.Contains(ms, t.Metric) {
					ms = append(ms, t.Metric)
				}
				if p.Kind == sla.SLA && !slices.Contains(s.slaMetrics, t.Metric) {
					s.slaMetrics = append(s.slaMetrics, t.Metric)
				}
			}
			s.sloMetrics[p.Name] = ms
		}
	}
	names := map[string]int{}
	for i := range policies {
		p := clonePolicy(policies[i])
		if j, ok := names[p.Name]; ok && p.Name != "" {
			return nil, &FieldError{Path: "policies[" + strconv.Itoa(i) + "].name", Value: p.Name, Reason: "two policies with one name (policies[" + strconv.Itoa(j) + "])", Err: ErrInvalidPolicy}
		}
		names[p.Name] = i
		s.policies = append(s.policies, p)
	}
	for i := range s.policies {
		steps, err := s.compile(&s.policies[i], i)
		if err != nil {
			return nil, err
		}
		s.compiled = append(s.compiled, steps)
	}
	s.slas, s.sloNames, s.sloMetrics, s.slaMetrics = nil, nil, nil, nil // needed only to check
	return s, nil
}

// clonePolicy deep-copies p so that a Set never shares slices with its
// caller. Empty lists become nil, as JSON reads them back.
func clonePolicy(p Policy) Policy {
	p.When = p.When.Clone()
	p.Maintenance = cloneMaintenance(p.Maintenance)
	p.Steps = cloneList(p.Steps)
	for i := range p.Steps {
		st := &p.Steps[i]
		st.When.Selector = st.When.Selector.Clone()
		st.Targets = cloneList(st.Targets)
		st.Tasks = cloneList(st.Tasks)
		st.Fallback = cloneList(st.Fallback)
	}
	return p
}

func cloneList[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// Policies returns a copy of the set's policies, in order.
func (s *Set) Policies() []Policy {
	out := make([]Policy, len(s.policies))
	for i, p := range s.policies {
		out[i] = clonePolicy(p)
	}
	return out
}

func (s *Set) compile(p *Policy, index int) ([]compiledStep, error) {
	at := "policies[" + strconv.Itoa(index) + "]."
	bad := func(field, value, reason string) error {
		return &FieldError{Path: at + field, Value: value, Reason: reason + ", in policy " + strconv.Quote(p.Name), Err: ErrInvalidPolicy}
	}
	if p.Name == "" {
		return nil, &FieldError{Path: at + "name", Reason: "a policy needs a name", Err: ErrInvalidPolicy}
	}
	if err := invalid.Text(at+"name", p.Name, ErrInvalidPolicy); err != nil {
		return nil, err
	}
	if err := s.validSelector(p.When, "when", bad); err != nil {
		return nil, err
	}
	if len(p.Steps) == 0 {
		return nil, bad("steps", "", "an escalation chain needs at least one step")
	}
	from := 0
	switch r := p.Repeat; {
	case r.Times < 0 || r.Times > MaxRepeat:
		return nil, bad("repeat.times", strconv.Itoa(r.Times), fmt.Sprintf("want 0 to %d", MaxRepeat))
	case r.Interval < 0:
		return nil, bad("repeat.interval", r.Interval.String(), "must not be negative")
	case r.Times > 0 && r.Interval == 0:
		return nil, bad("repeat.interval", "", "a repeat needs an interval")
	case r.Times == 0 && (r.Interval != 0 || r.From != ""):
		return nil, bad("repeat.times", "0", "a repeat needs a number of times")
	case r.From != "":
		from = slices.IndexFunc(p.Steps, func(st Step) bool { return st.Name == r.From })
		if from < 0 {
			return nil, bad("repeat.from", r.From, "no step of that name")
		}
	}
	out := make([]compiledStep, len(p.Steps))
	names := map[string]bool{}
	for i := range p.Steps {
		c, err := s.compileStep(p, i, from, names, at, bad)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	if err := s.compileMaintenance(p, bad); err != nil {
		return nil, err
	}
	return out, nil
}

// compileStep compiles step i of p: its name (unique among names), rounds
// (repeats apply from step from on), trigger, selector, window calendars,
// targets, tasks and rules. at is the policy's path, bad its error.
func (s *Set) compileStep(p *Policy, i, from int, names map[string]bool, at string, bad func(f, v, r string) error) (compiledStep, error) {
	st := &p.Steps[i]
	field := "steps[" + strconv.Itoa(i) + "]"
	fbad := func(f, v, r string) error { return bad(field+f, v, r) }
	if st.Name == "" {
		return compiledStep{}, fbad(".name", "", "a step needs a name (fired keys name it)")
	}
	if err := invalid.Text(at+field+".name", st.Name, ErrInvalidPolicy); err != nil {
		return compiledStep{}, err
	}
	if err := invalid.Text(at+field+".channel", st.Channel, ErrInvalidPolicy); err != nil {
		return compiledStep{}, err
	}
	if names[st.Name] {
		return compiledStep{}, fbad(".name", st.Name, "two steps with one name")
	}
	names[st.Name] = true
	c := compiledStep{level: i + 1, step: st, rounds: 1, tasks: st.Tasks}
	if i >= from && p.Repeat.Times > 0 {
		c.rounds, c.interval = 1+p.Repeat.Times, p.Repeat.Interval
	}
	if len(c.tasks) == 0 {
		c.tasks = []Task{Notify}
	}
	if err := validTrigger(st.Trigger, fbad); err != nil {
		return compiledStep{}, err
	}
	if err := s.resolveTrigger(st.Trigger, fbad); err != nil {
		return compiledStep{}, err
	}
	if err := s.validSelector(st.When.Selector, ".when", fbad); err != nil {
		return compiledStep{}, err
	}
	if err := s.compileWindows(&c, st, fbad); err != nil {
		return compiledStep{}, err
	}
	if err := s.compileTargets(&c, st, fbad); err != nil {
		return compiledStep{}, err
	}
	if err := validTasks(st, c.tasks, fbad); err != nil {
		return compiledStep{}, err
	}
	c.reason = reasonOf(st.Trigger)
	if err := s.compileRules(&c, st, fbad); err != nil {
		return compiledStep{}, err
	}
	return c, nil
}

// compileWindows finds the calendars of the step's business-hours
// windows (When.Open, When.Closed) in the set's.
func (s *Set) compileWindows(c *compiledStep, st *Step, bad func(f, v, r string) error) error {
	for _, w := range []struct {
		name string
		dst  **calendar.Calendar
		f    string
	}{{st.When.Open, &c.open, ".when.open"}, {st.When.Closed, &c.closed, ".when.closed"}} {
		if w.name == "" {
			continue
		}
		if *w.dst = s.calendars[w.name]; *w.dst == nil {
			return bad(w.f, w.name, "no such calendar (known: "+known(s.calendars)+"); give it with WithCalendars")
		}
	}
	return nil
}

// compileTargets compiles the step's targets, each named once.
func (s *Set) compileTargets(c *compiledStep, st *Step, bad func(f, v, r string) error) error {
	for j, t := range st.Targets {
		at := ".targets[" + strconv.Itoa(j) + "]"
		ct, err := s.compileTarget(t, func(f, v, r string) error { return bad(at+f, v, r) })
		if err != nil {
			return err
		}
		if slices.ContainsFunc(c.targets, func(o compiledTarget) bool { return o.key == ct.key }) {
			return bad(at, ct.key, "the step names this target twice")
		}
		c.targets = append(c.targets, ct)
	}
	return nil
}

func (s *Set) validSelector(sel incident.Selector, field string, bad func(f, v, r string) error) error {
	if err := sel.Validate(); err != nil {
		var fe *incident.FieldError
		if errors.As(err, &fe) {
			out := bad(field+"."+fe.Path, fe.Value, fe.Reason).(*FieldError)
			out.Cause = err // errors.Is(err, incident.ErrInvalidSelector) holds too
			return out
		}
		return invalid.At(field, err, ErrInvalidPolicy)
	}
	if sel.Predicate != "" && s.predicates[sel.Predicate] == nil {
		return bad(field+".predicate", sel.Predicate, "no such predicate (known: "+known(s.predicates)+"); register it with WithPredicate")
	}
	return nil
}

// known lists the sorted keys of a map of names for a message.
func known[V any](m map[string]V) string { return invalid.Names(slices.Sorted(maps.Keys(m))) }

// resolveTrigger checks the names a valid trigger gives against what the
// Set was given: the state against the lifecycle, the SLA policy and
// metric against the SLA set (WithSLA).
func (s *Set) resolveTrigger(t Trigger, bad func(f, v, r string) error) error {
	switch t.On {
	case OnEntered, OnStillIn:
		lc := s.lifecycle
		from, hint := "the lifecycle", ""
		if lc == nil {
			var err error
			if lc, err = defaultLifecycle(); err != nil {
				return invalid.At("lifecycle", err, ErrInvalidPolicy)
			}
			from, hint = "the default lifecycle", "; give yours with WithLifecycle or WithSLA"
		}
		if _, ok := lc.Flags(t.State); !ok {
			var states []string
			for _, st := range lc.Definition().States {
				states = append(states, string(st.Name))
			}
			return bad(".trigger.state", string(t.State), "not a state of "+from+" (known: "+invalid.Names(states)+")"+hint)
		}
	case OnSLAUsed, OnSLABreached:
		if s.slas == nil {
			return nil
		}
		metrics := func(ms []sla.Metric) string {
			out := make([]string, len(ms))
			for i, m := range ms {
				out[i] = string(m)
			}
			return invalid.Names(out)
		}
		if t.SLA == "" {
			if !slices.Contains(s.slaMetrics, t.Metric) {
				hint := ""
				for _, name := range s.sloNames {
					if slices.Contains(s.sloMetrics[name], t.Metric) {
						hint = "; OLA " + strconv.Quote(name) + " has one: name it with sla"
						break
					}
				}
				return bad(".trigger.metric", string(t.Metric), "no SLA policy of the SLA set has a target for this metric (known: "+metrics(s.slaMetrics)+")"+hint)
			}
			return nil
		}
		ms, ok := s.sloMetrics[t.SLA]
		if !ok {
			return bad(".trigger.sla", t.SLA, "not a policy of the SLA set (known: "+invalid.Names(s.sloNames)+")")
		}
		if !slices.Contains(ms, t.Metric) {
			return bad(".trigger.metric", string(t.Metric), "policy "+strconv.Quote(t.SLA)+" of the SLA set has no target for this metric (known: "+metrics(ms)+")")
		}
	}
	return nil
}

func validTrigger(t Trigger, bad func(f, v, r string) error) error {
	var state, metric, used bool // which optional fields the trigger takes
	switch t.On {
	case OnOpened, OnAssigned, OnCustomerUpdate, OnNotAcknowledged:
	case OnEntered, OnStillIn:
		state = true
		if t.State == "" {
			return bad(".trigger.state", "", t.On.String()+" needs a state")
		}
	case OnSLAUsed:
		metric, used = true, true
		if !(t.Used > 0 && t.Used <= 1) {
			return bad(".trigger.used", strconv.FormatFloat(t.Used, 'g', -1, 64), "a threshold must be in (0, 1]")
		}
	case OnSLABreached:
		metric = true
	case 0:
		return bad(".trigger.on", "", "a step needs a trigger")
	default:
		return bad(".trigger.on", t.On.String(), "unknown trigger")
	}
	switch {
	case metric && t.Metric == "":
		return bad(".trigger.metric", "", t.On.String()+" needs an SLA metric")
	case t.After < 0:
		return bad(".trigger.after", t.After.String(), "a delay must not be negative")
	case !state && t.State != "":
		return bad(".trigger.state", string(t.State), "only entered and still_in take a state")
	case !metric && t.Metric != "":
		return bad(".trigger.metric", string(t.Metric), "only sla_used and sla_breached take a metric")
	case !metric && t.SLA != "":
		return bad(".trigger.sla", t.SLA, "only sla_used and sla_breached take an SLA")
	case !used && t.Used != 0:
		return bad(".trigger.used", strconv.FormatFloat(t.Used, 'g', -1, 64), "only sla_used takes a threshold")
	}
	return nil
}

func (s *Set) compileTarget(t Target, bad func(f, v, r string) error) (compiledTarget, error) {
	var person, group, role, schedule bool // which fields the kind takes
	switch t.Kind {
	case TargetPerson:
		person = true
		if t.Person == "" {
			return compiledTarget{}, bad(".person", "", "a person target needs a person")
		}
	case TargetGroup, TargetMembers:
		group = true
	case TargetRole:
		group, role = true, true
		if t.Role == "" {
			return compiledTarget{}, bad(".role", "", "a role target needs a role")
		}
	case TargetOnCall:
		schedule = true
		if t.Schedule == "" {
			return compiledTarget{}, bad(".schedule", "", "an on-call target needs a schedule")
		}
	case TargetContacts:
	case 0:
		return compiledTarget{}, bad(".kind", "", "a target needs a kind")
	default:
		return compiledTarget{}, bad(".kind", t.Kind.String(), "unknown target kind")
	}
	switch {
	case !person && t.Person != "":
		return compiledTarget{}, bad(".person", t.Person, "only a person target takes a person")
	case !group && t.Group != "":
		return compiledTarget{}, bad(".group", t.Group, "only group, role and members targets take a group")
	case !role && t.Role != "":
		return compiledTarget{}, bad(".role", t.Role, "only a role target takes a role")
	case !schedule && (t.Schedule != "" || t.Rank != Primary):
		return compiledTarget{}, bad(".schedule", t.Schedule, "only an on-call target takes a schedule and a rank")
	case t.Rank > Secondary:
		return compiledTarget{}, bad(".rank", t.Rank.String(), "want primary or secondary")
	}
	ct := compiledTarget{target: t, key: t.String()}
	switch t.Kind {
	case TargetOnCall:
		if ct.schedule = s.schedules[t.Schedule]; ct.schedule == nil {
			return compiledTarget{}, bad(".schedule", t.Schedule, "no such schedule (known: "+known(s.schedules)+"); give it with WithSchedules")
		}
	case TargetRole, TargetMembers, TargetContacts:
		if s.directory == nil {
			return compiledTarget{}, bad(".kind", t.Kind.String(), "needs a directory; give it with WithDirectory")
		}
	}
	return ct, nil
}

func validTasks(st *Step, tasks []Task, bad func(f, v, r string) error) error {
	seen := map[Task]bool{}
	for i, a := range tasks {
		field := ".tasks[" + strconv.Itoa(i) + "]"
		if a < Notify || a > RequestUpdate {
			return bad(field, a.String(), "unknown task")
		}
		if seen[a] {
			return bad(field, a.String(), "a task appears twice")
		}
		seen[a] = true
		switch {
		case (a == Notify || a == RequestUpdate) && len(st.Targets) == 0:
			return bad(".targets", "", a.String()+" needs at least one target")
		case a == Reassign && len(st.Targets) != 1:
			return bad(".targets", strconv.Itoa(len(st.Targets)), "reassign needs exactly one target")
		case a == Reassign && st.Targets[0].Kind != TargetGroup && st.Targets[0].Kind != TargetPerson && st.Targets[0].Kind != TargetOnCall:
			return bad(".targets[0].kind", st.Targets[0].Kind.String(), "reassign goes to a group, a person or whoever is on call")
		case a == Reassign && st.Targets[0].Kind == TargetGroup && st.Targets[0].Group == "":
			return bad(".targets[0].group", "", "reassign needs the group to move the incident to")
		}
	}
	switch {
	case st.RaiseTo != 0 && !seen[RaisePriority]:
		return bad(".raise_to", st.RaiseTo.String(), "only a step that raises the priority takes raise_to")
	case st.RaiseTo > incident.LowestPriority:
		return bad(".raise_to", st.RaiseTo.String(), "priorities are 1 to 5")
	}
	return nil
}

// reasonOf explains a trigger in words, once, at construction.
func reasonOf(t Trigger) string {
	after := ""
	if t.After > 0 {
		after = t.After.String() + " after "
	}
	switch t.On {
	case OnOpened:
		return after + "opened"
	case OnAssigned:
		return after + "assigned"
	case OnEntered:
		return after + "entering " + string(t.State)
	case OnCustomerUpdate:
		if after == "" {
			return "at the last update to the customer"
		}
		return "no update to the customer for " + t.After.String()
	case OnNotAcknowledged:
		return "not acknowledged within " + t.After.String()
	case OnStillIn:
		return "still " + string(t.State) + " " + t.After.String() + " after entering it"
	case OnSLAUsed:
		return after + strconv.FormatFloat(t.Used*100, 'f', -1, 64) + "% of " + sloName(t) + " used"
	case OnSLABreached:
		return after + sloName(t) + " breached"
	}
	return t.On.String()
}

func sloName(t Trigger) string {
	if t.SLA != "" {
		return string(t.Metric) + " (" + t.SLA + ")"
	}
	return string(t.Metric)
}
