package escalation

import (
	"slices"
	"strconv"
)

// compileRules validates and compiles the step fields that compile does not
// look at (OutsideWindow, Fallback, RoundRobin, BusinessTime) into c.rules;
// bad reports a field of the step (".outside_window").
func (s *Set) compileRules(c *compiledStep, st *Step, bad func(f, v, r string) error) error {
	switch st.OutsideWindow {
	case "", WaitForWindow:
	case SkipOutsideWindow:
		c.rules.skip = true
	default:
		return bad(".outside_window", string(st.OutsideWindow), `want "wait" or "skip"`)
	}
	if st.OutsideWindow != "" && st.When.Open == "" && st.When.Closed == "" {
		return bad(".outside_window", string(st.OutsideWindow), "only a step with a window (when.open, when.closed) takes outside_window")
	}
	for j, t := range st.Fallback {
		ct, err := s.compileTarget(t, func(f, v, r string) error {
			return bad(".fallback["+strconv.Itoa(j)+"]"+f, v, r)
		})
		if err != nil {
			return err
		}
		c.rules.fallback = append(c.rules.fallback, ct)
	}
	if len(st.Fallback) > 0 && !slices.ContainsFunc(c.targets, func(t compiledTarget) bool { return t.target.Kind == TargetOnCall }) {
		return bad(".fallback", "", "only a step with an on_call target takes a fallback (for its on-call gaps)")
	}
	for j, t := range st.Targets {
		if err := validTurn(t, func(f, v, r string) error { return bad(".targets["+strconv.Itoa(j)+"]"+f, v, r) }); err != nil {
			return err
		}
	}
	for j, t := range st.Fallback {
		if err := validTurn(t, func(f, v, r string) error { return bad(".fallback["+strconv.Itoa(j)+"]"+f, v, r) }); err != nil {
			return err
		}
	}
	if st.BusinessTime != "" {
		if c.rules.business = s.calendars[st.BusinessTime]; c.rules.business == nil {
			return bad(".business_time", st.BusinessTime, "no such calendar; give it with WithCalendars")
		}
		c.reason += " (business time on " + st.BusinessTime + ")"
	}
	if st.RoundRobin {
		if len(st.Targets) < 2 {
			return bad(".round_robin", "true", "round robin needs at least two targets")
		}
		if !slices.ContainsFunc(c.tasks, Task.targeted) {
			return bad(".round_robin", "true", "round robin needs a task that goes target by target (notify, request_update)")
		}
		c.rules.roundRobin = true
	}
	return nil
}

func validTurn(t Target, bad func(f, v, r string) error) error {
	switch {
	case t.Turn != TurnCurrent && t.Turn != TurnNext && t.Turn != TurnPrevious:
		return bad(".turn", string(t.Turn), `want "next" or "previous"`)
	case t.Turn != TurnCurrent && t.Kind != TargetOnCall:
		return bad(".turn", string(t.Turn), "only an on_call target takes a turn")
	}
	return nil
}
