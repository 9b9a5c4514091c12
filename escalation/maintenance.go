package escalation

import (
	"strconv"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
)

// Maintenance is a maintenance window: while its Calendar is open (the
// calendar's open time is the maintenance time, so recurring windows,
// one-off dates and holidays are calendar rules), escalation is suppressed
// for the incidents its When selector matches. A task due inside the window
// is not sent but reported in Evaluation.Suppressed, once; tasks due after
// the window closes are sent as usual, so escalation resumes where the
// chain has got to. This is PagerDuty's maintenance window ("no
// notifications while a service is in maintenance"), with the difference
// that the incident exists and the host learns what was held back.
type Maintenance struct {
	// Calendar names a calendar given with WithCalendars whose open time
	// is the maintenance time.
	Calendar string `json:"calendar"`
	// When selects the incidents the window applies to (services,
	// customers, priorities, ...); the zero Selector matches all.
	When incident.Selector `json:"when,omitzero"`
}

// WithMaintenance adds maintenance windows that apply to every policy of
// the set, beside each policy's own (Policy.Maintenance).
func WithMaintenance(windows ...Maintenance) Option {
	return optionFunc(func(s *Set) error {
		for _, m := range windows {
			m.When = m.When.Clone()
			s.rules.windows = append(s.rules.windows, m)
		}
		return nil
	})
}

// setRules are what the set's newer options and policy fields
// (maintenance windows) compile to; Set carries them.
type setRules struct {
	windows   []Maintenance           // WithMaintenance, as given
	setWide   []compiledMaintenance   // windows, compiled
	compiled  bool                    // setWide is compiled
	perPolicy [][]compiledMaintenance // by policy index: the set's and the policy's
}

type compiledMaintenance struct {
	cal  *calendar.Calendar
	when *incident.Selector
}

// setError is an error about the set's options, outside any policy.
func setError(field, value, reason string) error {
	return &FieldError{Path: field, Value: value, Reason: reason, Err: ErrInvalidPolicy}
}

// compileMaintenance validates the set's maintenance windows (once) and
// policy p's, and records those that apply to p; compile calls it for each
// policy in order.
func (s *Set) compileMaintenance(p *Policy, bad func(f, v, r string) error) error {
	one := func(m *Maintenance, field string, bad func(f, v, r string) error) (compiledMaintenance, error) {
		cal := s.calendars[m.Calendar]
		if cal == nil {
			return compiledMaintenance{}, bad(field+".calendar", m.Calendar, "no such calendar; give it with WithCalendars")
		}
		if err := s.validSelector(m.When, field+".when", bad); err != nil {
			return compiledMaintenance{}, err
		}
		return compiledMaintenance{cal, &m.When}, nil
	}
	if !s.rules.compiled {
		for i := range s.rules.windows {
			c, err := one(&s.rules.windows[i], "maintenance["+strconv.Itoa(i)+"]", setError)
			if err != nil {
				return err
			}
			s.rules.setWide = append(s.rules.setWide, c)
		}
		s.rules.compiled = true
	}
	list := s.rules.setWide[:len(s.rules.setWide):len(s.rules.setWide)]
	for i := range p.Maintenance {
		c, err := one(&p.Maintenance[i], "maintenance["+strconv.Itoa(i)+"]", bad)
		if err != nil {
			return err
		}
		list = append(list, c)
	}
	s.rules.perPolicy = append(s.rules.perPolicy, list)
	return nil
}

// maintained reports whether policy pi's incident inc is in a maintenance
// window at t.
func (s *Set) maintained(pi int, inc *incident.Incident, t time.Time) bool {
	if pi >= len(s.rules.perPolicy) {
		return false
	}
	for _, m := range s.rules.perPolicy[pi] {
		if m.cal.IsOpen(t) && m.when.Matches(inc, s.predicates[m.when.Predicate]) {
			return true
		}
	}
	return false
}

func cloneMaintenance(l []Maintenance) []Maintenance {
	l = cloneList(l)
	for i := range l {
		l[i].When = l[i].When.Clone()
	}
	return l
}
