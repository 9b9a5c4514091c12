package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
)

// simulation writes the event histories of the provider's incidents. All
// its randomness comes from one seeded generator, used in a fixed order, so
// a seed gives the same year on every machine.
type simulation struct {
	p      *provider
	rng    *rand.Rand
	nextID int
	// autoClose closes resolved incidents after three working days of
	// the customer (three days for round-the-clock customers).
	autoClose map[*customer]incident.AutoClosePolicy
	deptShare []float64
	majorDept []*department
}

func newSimulation(p *provider, rng *rand.Rand) *simulation {
	s := &simulation{p: p, rng: rng, autoClose: map[*customer]incident.AutoClosePolicy{}}
	for _, c := range p.customers {
		policy := incident.AutoClosePolicy{Days: 3}
		if !c.roundTheClock {
			policy.BusinessDays, policy.Calendar = true, c.hours
		}
		s.autoClose[c] = policy
	}
	for _, d := range p.departments {
		s.deptShare = append(s.deptShare, d.share)
	}
	for _, name := range []string{"network", "storage", "virtualization", "dba", "cloud", "middleware"} {
		s.majorDept = append(s.majorDept, p.byDept[name])
	}
	return s
}

// Random draws.

func (s *simulation) chance(p float64) bool { return s.rng.Float64() < p }

func (s *simulation) exp(mean time.Duration) time.Duration {
	return time.Duration(s.rng.ExpFloat64() * float64(mean)).Round(time.Second)
}

// lognormal draws a duration with the given median; sigma is the spread
// of its logarithm (0.8 makes one in ten over 2.8 times the median).
func (s *simulation) lognormal(median time.Duration, sigma float64) time.Duration {
	return time.Duration(float64(median) * math.Exp(sigma*s.rng.NormFloat64())).Round(time.Second)
}

func (s *simulation) uniform(lo, hi time.Duration) time.Duration {
	return lo + time.Duration(s.rng.Int64N(int64(hi-lo)+1)).Round(time.Second)
}

// jitter is the factor by which an agent keeps or misses the update
// cadence: mostly early, one in eight late.
func (s *simulation) jitter() float64 { return 0.5 + 0.65*s.rng.Float64() }

func pick[T any](s *simulation, list []T) T { return list[s.rng.IntN(len(list))] }

// weighted returns an index drawn with the given weights.
func (s *simulation) weighted(w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	x := s.rng.Float64() * total
	for i, v := range w {
		if x < v {
			return i
		}
		x -= v
	}
	return len(w) - 1
}

func (s *simulation) id() string {
	s.nextID++
	return fmt.Sprintf("INC%06d", s.nextID)
}

func (s *simulation) agent(group string) string { return fmt.Sprintf("%s-%d", group, 1+s.rng.IntN(6)) }

func (s *simulation) caller(c *customer) string {
	return fmt.Sprintf("%s.user%03d", c.name, s.rng.IntN(400))
}

// Impact and urgency as a desk logs them: most incidents touch one user and
// can wait a little.
var (
	impactWeight  = []float64{0.04, 0.26, 0.70}
	urgencyWeight = []float64{0.10, 0.50, 0.40}
	// respondMean is the desk's mean time to respond, by priority.
	respondMean = [6]time.Duration{0, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 20 * time.Minute, 25 * time.Minute}
	// workMedian is the median business time a department needs, by
	// priority (more urgent incidents get more hands).
	workMedian = [6]time.Duration{0, 2 * time.Hour, 4 * time.Hour, 6 * time.Hour, 10 * time.Hour, 14 * time.Hour}
	// staffing slows the provider down in the summer holidays and at the
	// end of the year (January is 1).
	staffing = [13]float64{0, 1, 1, 1, 1.05, 1.05, 1, 1.3, 1.4, 1, 0.95, 1, 1.2}
)

// workCalendar is when the provider works on an incident: round the clock
// for P1 and P2 and for round-the-clock customers, in the customer's hours
// otherwise.
func (s *simulation) workCalendar(c *customer, p incident.Priority) *calendar.Calendar {
	if c.roundTheClock || p <= incident.P2 {
		return s.p.always
	}
	return c.hours
}

// in moves h on by d of business time on cal.
func in(h *history, cal *calendar.Calendar, d time.Duration) {
	t, err := cal.Add(h.now, d)
	if err != nil {
		h.err = err
		return
	}
	h.until(t)
}

// ordinary writes the history of an incident that is not a major one.
func (s *simulation) ordinary(a arrival) ([]incident.Event, error) {
	c := a.customer
	d := s.p.departments[s.weighted(s.deptShare)]
	h := newHistory(s.p.lc, s.jitter)
	h.now = a.at
	open, caller, routed := s.log(h, c, d)
	responder := s.agent(open.Group) // the group that picks it up

	// Duplicates and mistakes are cancelled before anyone works on them.
	if s.chance(0.03) {
		h.after(s.uniform(5*time.Minute, 2*time.Hour))
		h.transition(responder, incident.ActionCancel, incident.Event{
			Reason: pick(s, []string{"duplicate of an open incident", "raised in error", "the caller solved it"})})
		return h.events, h.err
	}

	slow := staffing[a.at.In(s.p.ams).Month()]
	s.respond(h, c, open, responder, caller, slow)
	prio := h.incident().Priority
	h.updates(responder, c.updates[prio])
	cal := s.workCalendar(c, prio)
	owner := responder
	if !routed && d.name != "service-desk" {
		owner = s.route(h, d, cal, responder)
	}

	work := time.Duration(float64(s.lognormal(workMedian[prio], 0.9)) * d.workFactor * slow).Round(time.Second)
	s.work(h, c, d, cal, owner, caller, prio, work)
	if h.incident().ResolutionCode == "solved" && s.chance(0.04) {
		s.reopen(h, c, cal, owner, caller, prio, work)
	}
	s.close(h, c)
	return h.events, h.err
}

// log logs a new incident of customer c for department d into h: by
// phone at the desk, or through the portal, where the category's
// assignment rule routes half the tickets to the department (routed).
func (s *simulation) log(h *history, c *customer, d *department) (open incident.Event, caller string, routed bool) {
	service := pick(s, c.services)
	ci := fmt.Sprintf("%s-%s%02d", serviceName(c, service), d.ci, 1+s.rng.IntN(4))
	caller = s.caller(c)
	if d.name == "service-desk" || d.name == "end-user" {
		service = "workplace"
		ci = fmt.Sprintf("%s-%s-%s", c.name, d.ci, caller[len(c.name)+1:]) // the caller's own device or account
	}
	service = serviceName(c, service)
	desk := s.agent("service-desk")
	open = incident.Event{Type: incident.EventOpen, ID: s.id(), Title: pick(s, d.titles), Customer: c.name,
		Service: service, ConfigurationItem: ci, Category: d.category, Caller: caller, Group: "service-desk",
		Impact: incident.Impact(1 + s.weighted(impactWeight)), Urgency: incident.Urgency(1 + s.weighted(urgencyWeight))}
	// Gold customers may declare an outage themselves: fix first, discuss
	// later.
	open.CustomerDeclared = c.roundTheClock && open.Impact == 1 && s.chance(0.5)
	opener := desk // logged by phone
	if s.chance(0.4) {
		opener = caller
		if routed = s.chance(0.5); routed {
			open.Group = d.name
		}
	}
	h.add(opener, open)
	return open, caller, routed
}

// respond is the first group's response: round the clock for P1, P2 and
// gold, in the customer's hours otherwise (slower in the months short of
// staff); now and then a ticket is overlooked. Talking to the caller
// corrects the classification now and then; a VIP gets a manual override.
func (s *simulation) respond(h *history, c *customer, open incident.Event, responder, caller string, slow float64) {
	prio := h.incident().Priority
	delay := time.Duration(float64(s.exp(respondMean[prio])) * slow)
	if s.chance(0.06) {
		delay *= 6
	}
	in(h, s.workCalendar(c, prio), delay)
	h.add(responder, incident.Event{Type: incident.EventAssign, Assignee: responder})
	h.transition(responder, incident.ActionStart, incident.Event{})
	h.comment(responder, "Thank you, we are looking into it.", true)
	if s.chance(0.08) {
		h.chase(caller, h.now.Add(s.lognormal(6*time.Hour, 0.8)))
	}
	switch {
	case s.chance(0.06):
		h.after(s.uniform(5*time.Minute, 30*time.Minute))
		e := incident.Event{Type: incident.EventClassify, Reason: "impact confirmed with the caller",
			Impact: incident.Impact(1 + s.weighted(impactWeight)), Urgency: incident.Urgency(1 + s.weighted(urgencyWeight))}
		if e.Impact != open.Impact || e.Urgency != open.Urgency {
			h.add(responder, e)
		}
	case s.chance(0.01) && prio > incident.P2:
		h.add(responder, incident.Event{Type: incident.EventPrioritize, Priority: incident.P2, Reason: "VIP caller"})
	}
}

// route passes an incident the desk cannot solve on to department d,
// sometimes first to the wrong one; it returns the engineer who owns it.
func (s *simulation) route(h *history, d *department, cal *calendar.Calendar, responder string) string {
	in(h, cal, s.exp(20*time.Minute))
	if !s.chance(0.15) {
		owner := s.agent(d.name)
		h.add(responder, incident.Event{Type: incident.EventAssign, Group: d.name, Assignee: owner, Reason: "routed to " + d.name})
		return owner
	}
	wrong := s.p.byDept[d.neighbour]
	eng := s.agent(wrong.name)
	h.add(responder, incident.Event{Type: incident.EventAssign, Group: wrong.name, Assignee: eng, Reason: "routed to " + wrong.name})
	in(h, cal, s.lognormal(90*time.Minute, 0.7))
	h.comment(eng, "Not ours: passing on to "+d.name+".", false)
	owner := s.agent(d.name)
	h.add(eng, incident.Event{Type: incident.EventAssign, Group: d.name, Assignee: owner, Reason: "misrouted; belongs to " + d.name})
	return owner
}

// work is the department's work on an incident, with at most one wait
// (for the caller, a vendor or a change window) and, for P1 and P2, often
// a workaround first, ending in a resolution.
func (s *simulation) work(h *history, c *customer, d *department, cal *calendar.Calendar, owner, caller string, prio incident.Priority, total time.Duration) {
	hold := s.holdFor(d)
	// The work before the hold, and when in the work the workaround comes.
	before := total
	if hold != "" {
		before = time.Duration(float64(total) * (0.1 + 0.5*s.rng.Float64())).Round(time.Second)
	}
	workaround := time.Duration(-1)
	if prio <= incident.P2 && s.chance(0.6) {
		workaround = time.Duration(float64(total) * (0.15 + 0.3*s.rng.Float64())).Round(time.Second)
	}
	done := time.Duration(0)
	progress := func(d time.Duration) {
		if workaround >= 0 && done+d >= workaround {
			in(h, cal, workaround-done)
			h.add(owner, incident.Event{Type: incident.EventWorkaround, Note: "service restored with a temporary fix"})
			d, done, workaround = done+d-workaround, workaround, -1
		}
		in(h, cal, d)
		done += d
	}
	progress(before)
	switch hold {
	case incident.AwaitingCaller:
		if !s.awaitCaller(h, c, owner, caller) {
			return // resolved without an answer
		}
	case incident.AwaitingVendor:
		h.transition(owner, incident.ActionHold, incident.Event{HoldReason: hold, Note: "case opened with the vendor"})
		h.after(s.lognormal(30*time.Hour, 0.8))
		h.transition(owner, incident.ActionResume, incident.Event{Note: "the vendor delivered"})
	case incident.AwaitingChange:
		h.transition(owner, incident.ActionHold, incident.Event{HoldReason: hold, Note: "fix scheduled for the weekend change window"})
		h.until(changeWindow(h.now, c.hours.Location()))
		h.transition(owner, incident.ActionResume, incident.Event{Note: "change implemented"})
	}
	progress(total - before)
	h.transition(owner, incident.ActionResolve, incident.Event{ResolutionCode: "solved", Note: "fixed"})
	h.updates("", cadence{})
}

// holdFor draws what department d's work waits for, if anything: the
// caller, a vendor or a change window (not for access and workplace
// requests).
func (s *simulation) holdFor(d *department) incident.HoldReason {
	switch {
	case s.chance(0.12):
		return incident.AwaitingCaller
	case s.chance(d.vendorHold):
		return incident.AwaitingVendor
	case d.category != "access" && d.category != "workplace" && s.chance(0.03):
		return incident.AwaitingChange
	}
	return ""
}

// awaitCaller puts the incident on hold for the caller of customer c and
// reports whether the caller answered (the reply resumes the incident by
// the lifecycle's trigger). In 12% of the cases nobody answers: the
// incident is resolved after three of the customer's working days of
// waiting, at the time of day it went on hold (three days round the
// clock).
func (s *simulation) awaitCaller(h *history, c *customer, owner, caller string) bool {
	h.transition(owner, incident.ActionHold, incident.Event{HoldReason: incident.AwaitingCaller, Note: "asked the caller for details"})
	if s.chance(0.12) {
		local := h.now.In(c.hours.Location())
		day, err := c.hours.AddWorkdays(date.NewAt(local), 3)
		if err != nil {
			h.err = err
			return false
		}
		y, m, d := day.Date()
		h.until(calendar.Date(y, m, d, local.Hour(), local.Minute(), local.Second(), local.Location()))
		h.transition(owner, incident.ActionResolve, incident.Event{ResolutionCode: "no_response", Note: "no reply from the caller"})
		h.updates("", cadence{})
		return false
	}
	reply := h.now.Add(s.lognormal(5*time.Hour, 1))
	if t, err := c.hours.NextOpen(reply); err == nil {
		reply = t // callers answer in their office hours
	}
	h.until(reply)
	h.add(caller, incident.Event{Type: incident.EventComment, Note: "Here are the details you asked for.", FromCaller: true})
	return true
}

// changeWindow is the end of the next weekend change window after t:
// Saturday 08:00 local.
func changeWindow(t time.Time, loc *time.Location) time.Time {
	local := t.In(loc)
	days := (int(time.Saturday) - int(local.Weekday()) + 7) % 7
	if days == 0 {
		days = 7
	}
	return calendar.Date(local.Year(), local.Month(), local.Day()+days, 8, 0, 0, loc)
}

// reopen has the caller reopen a resolved incident before it closes, and
// the department resolve it again.
func (s *simulation) reopen(h *history, c *customer, cal *calendar.Calendar, owner, caller string, prio incident.Priority, work time.Duration) {
	closeAt, _, err := incident.AutoClose(h.incident(), s.autoClose[c], h.now)
	if err != nil {
		h.err = err
		return
	}
	at := h.now.Add(s.lognormal(20*time.Hour, 0.8))
	if !at.Before(closeAt) || at.Sub(h.incident().ResolvedAt) >= s.p.lc.ReopenWindow() {
		return // the caller found out too late
	}
	h.until(at)
	h.transition(caller, incident.ActionReopen, incident.Event{Reason: "the problem is back"})
	h.updates(owner, c.updates[prio])
	in(h, cal, time.Duration(float64(work)*0.4).Round(time.Second))
	h.transition(owner, incident.ActionResolve, incident.Event{ResolutionCode: "solved", Note: "fixed for good"})
	h.updates("", cadence{})
}

// close closes a resolved incident when the auto-close policy says so.
func (s *simulation) close(h *history, c *customer) {
	if h.err != nil || !h.incident().Flags.Has(incident.FlagResolved) {
		return
	}
	closeAt, _, err := incident.AutoClose(h.incident(), s.autoClose[c], h.now)
	if err != nil {
		h.err = err
		return
	}
	if closeAt.IsZero() {
		return
	}
	h.until(closeAt)
	h.transition("system", incident.ActionClose, incident.Event{Note: "closed automatically"})
}

// major writes the history of a major incident (an outage of one of the
// customer's services) and of the incidents other callers raise about it,
// which are linked to it and resolved with it.
func (s *simulation) major(a arrival) ([][]incident.Event, error) {
	c := a.customer
	d := pick(s, s.majorDept)
	service := serviceName(c, pick(s, c.services))
	h := newHistory(s.p.lc, s.jitter)
	h.now = a.at
	id := s.id()
	desk := s.agent("service-desk")
	h.add(desk, incident.Event{Type: incident.EventOpen, ID: id, Title: service + " is down", Customer: c.name,
		Service: service, ConfigurationItem: fmt.Sprintf("%s-%s01", service, d.ci), Category: d.category,
		Caller: s.caller(c), Impact: 1, Urgency: 1, Group: "service-desk"})
	h.after(s.uniform(2*time.Minute, 6*time.Minute))
	h.add(desk, incident.Event{Type: incident.EventAssign, Assignee: desk})
	h.transition(desk, incident.ActionStart, incident.Event{})
	h.comment(desk, "We are aware of the outage; the major incident team is on it.", true)
	h.updates(desk, cadence{30 * time.Minute, s.p.always})
	h.after(s.uniform(5*time.Minute, 15*time.Minute))
	h.add("mim", incident.Event{Type: incident.EventMajor, Note: "service down for all users"})
	eng := s.agent(d.name)
	h.after(s.uniform(5*time.Minute, 20*time.Minute))
	h.add("mim", incident.Event{Type: incident.EventAssign, Group: d.name, Assignee: eng, Reason: "major incident: " + d.name})
	restored := a.at.Add(max(s.lognormal(150*time.Minute, 0.6), 40*time.Minute))

	// Other users of the service call in until it is restored.
	var children []*history
	for range 2 + s.rng.IntN(5) {
		at := a.at.Add(s.uniform(5*time.Minute, restored.Sub(a.at)-time.Minute))
		children = append(children, s.child(c, d, service, id, at))
	}

	h.until(restored)
	h.add(eng, incident.Event{Type: incident.EventWorkaround, Note: "failed over to the standby"})
	h.after(max(s.lognormal(3*time.Hour, 0.6), 30*time.Minute))
	h.transition(eng, incident.ActionResolve, incident.Event{ResolutionCode: "solved", Note: "root cause fixed, back on the primary"})
	h.updates("", cadence{})
	resolve := h.events[len(h.events)-1]

	if err := s.resolveChildren(c, id, resolve, children); err != nil {
		return nil, err
	}

	// The post-incident review comes before the closure.
	in(h, s.p.office, s.uniform(4*time.Hour, 20*time.Hour))
	h.add("problem-manager", incident.Event{Type: incident.EventReview,
		RootCause:   pick(s, []string{"firmware bug", "expired certificate", "capacity exhausted", "failed change"}),
		Responsible: pick(s, []string{d.name, "vendor"})})
	h.after(s.uniform(10*time.Minute, 2*time.Hour))
	h.transition("problem-manager", incident.ActionClose, incident.Event{Note: "review done"})

	out := [][]incident.Event{h.events}
	for _, ch := range children {
		if ch.err != nil {
			return nil, ch.err
		}
		out = append(out, ch.events)
	}
	return out, h.err
}

// child writes the first events of an incident another caller of customer
// c raises at at about service, down for department d's reasons: it is
// linked to the major incident parent and taken by the service desk.
func (s *simulation) child(c *customer, d *department, service, parent string, at time.Time) *history {
	ch := newHistory(s.p.lc, s.jitter)
	ch.now = at
	agent := s.agent("service-desk")
	caller := s.caller(c) // who calls is who opened it
	ch.add(caller, incident.Event{Type: incident.EventOpen, ID: s.id(), Title: service + " not working", Customer: c.name,
		Service: service, Category: d.category, Caller: caller, Impact: 2, Urgency: 2, ParentID: parent, Group: "service-desk"})
	ch.after(s.uniform(2*time.Minute, 8*time.Minute))
	ch.add(agent, incident.Event{Type: incident.EventAssign, Assignee: agent})
	ch.transition(agent, incident.ActionStart, incident.Event{})
	ch.comment(agent, "This is part of major incident "+parent+"; we will keep you posted.", true)
	return ch
}

// resolveChildren resolves the children of the major incident parent with
// it and closes them: the SDK says with which event (OfferToChildren), and
// the host appends it.
func (s *simulation) resolveChildren(c *customer, parent string, resolve incident.Event, children []*history) error {
	var open []incident.Incident
	for _, ch := range children {
		open = append(open, ch.incident())
	}
	resolutions, err := incident.OfferToChildren(s.p.lc, incident.Incident{ID: parent}, resolve, open)
	if err != nil {
		return err
	}
	for i, res := range resolutions {
		if res.Err != nil {
			return fmt.Errorf("%s: %w", res.ChildID, res.Err)
		}
		ch := children[i]
		ch.until(res.Event.At)
		ch.add(res.Event.Actor, res.Event)
		s.close(ch, c)
	}
	return nil
}
