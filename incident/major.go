package incident

// MajorStep is a step of the major-incident workflow that a major event
// takes, as ServiceNow's Major Incident Management runs it: anyone
// proposes an incident as a major incident candidate, a major incident
// manager accepts or rejects the proposal, and a proposal or an accepted
// major incident can be withdrawn. Each step is an event, so who (Actor),
// when (At) and why (Reason) stay in the history. It marshals as a word;
// the zero value, "", declares the incident major at once (accepting
// without a proposal, ServiceNow's "promote").
type MajorStep uint8

// The steps of the major-incident workflow.
const (
	// MajorDeclare (the zero step) makes the incident major at once: from
	// no proposal, a pending one, a rejected or a withdrawn one.
	MajorDeclare MajorStep = iota
	// MajorPropose makes the incident a major incident candidate; it needs
	// a Reason (the business impact) and is refused while a proposal is
	// pending or the incident is major.
	MajorPropose
	// MajorAccept accepts a pending proposal: the incident becomes major.
	MajorAccept
	// MajorReject rejects a pending proposal, with a Reason.
	MajorReject
	// MajorWithdraw withdraws a pending proposal, or the major status of an
	// accepted major incident (which is then an ordinary incident again,
	// its priority taken from the matrix), with a Reason.
	MajorWithdraw
)

// String returns the step as a word ("", "propose", "accept", "reject",
// "withdraw"); an unknown step prints as "MajorStep(n)".
func (s MajorStep) String() string { return majorStepWords.String(uint8(s)) }

// MarshalText implements encoding.TextMarshaler.
func (s MajorStep) MarshalText() ([]byte, error) {
	return majorStepWords.Marshal(uint8(s), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *MajorStep) UnmarshalText(b []byte) error {
	v, err := majorStepWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*s = MajorStep(v)
	return nil
}

// MajorState is where an incident stands in the major-incident workflow
// (ServiceNow's major_incident_state). It marshals as a word; the zero
// value, never proposed nor declared, as "".
type MajorState uint8

// The states of the major-incident workflow.
const (
	MajorProposed MajorState = 1 + iota
	MajorAccepted
	MajorRejected
	MajorWithdrawn
)

// String returns the state as a word ("", "proposed", "accepted",
// "rejected", "withdrawn"); an unknown state prints as "MajorState(n)".
func (s MajorState) String() string { return majorStateWords.String(uint8(s)) }

// MarshalText implements encoding.TextMarshaler.
func (s MajorState) MarshalText() ([]byte, error) {
	return majorStateWords.Marshal(uint8(s), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *MajorState) UnmarshalText(b []byte) error {
	v, err := majorStateWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*s = MajorState(v)
	return nil
}

// MajorPolicy says what a lifecycle does with major incidents
// (Definition.Majors). It marshals as a word; the zero value as "".
type MajorPolicy uint8

// The major-incident policies of a lifecycle.
const (
	// MajorsReviewed (the zero policy) allows major incidents and keeps the
	// post-incident review gate: NewLifecycle refuses a transition into a
	// terminal state (closing or cancelling) that does not list the review
	// guard, so no major incident ends without its review.
	MajorsReviewed MajorPolicy = iota
	// MajorsUnreviewed allows major incidents and drops the gate
	// explicitly: terminal transitions need not list the review guard (a
	// profile that replays another tool's exports, say).
	MajorsUnreviewed
	// MajorsRefused: the lifecycle has no major incidents; every major
	// event is refused with ErrNotAllowed.
	MajorsRefused
)

// String returns the policy as a word ("", "unreviewed", "refused"); an
// unknown policy prints as "MajorPolicy(n)".
func (p MajorPolicy) String() string { return majorPolicyWords.String(uint8(p)) }

// MarshalText implements encoding.TextMarshaler.
func (p MajorPolicy) MarshalText() ([]byte, error) {
	return majorPolicyWords.Marshal(uint8(p), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *MajorPolicy) UnmarshalText(b []byte) error {
	v, err := majorPolicyWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*p = MajorPolicy(v)
	return nil
}

// checkMajor says whether major event e may be applied to n in a state
// with flags (the state accepts events). It changes nothing.
func (n *Incident) checkMajor(lc *Lifecycle, flags Flags, e *Event) string {
	if lc.def.Majors == MajorsRefused {
		return "the lifecycle has no major incidents"
	}
	open := flags.Has(FlagOpen)
	switch e.MajorStep {
	case MajorDeclare, MajorAccept:
		switch {
		case !open:
			return "only an open incident becomes major"
		case n.Major:
			return "the incident is already major"
		case e.MajorStep == MajorAccept && n.MajorState != MajorProposed:
			return "there is no pending proposal to accept"
		}
	case MajorPropose:
		switch {
		case !open:
			return "only an open incident is proposed as a major incident"
		case n.Major:
			return "the incident is already major"
		case n.MajorState == MajorProposed:
			return "a proposal is already pending"
		}
	case MajorReject:
		if n.MajorState != MajorProposed {
			return "there is no pending proposal to reject"
		}
	case MajorWithdraw:
		if n.MajorState != MajorProposed && n.MajorState != MajorAccepted {
			return "there is no pending proposal nor accepted major incident to withdraw"
		}
	}
	return ""
}

// major applies major event e (already checked).
func (n *Incident) major(lc *Lifecycle, e *Event, eff *Effects) {
	eff.MajorFrom = n.MajorState
	switch e.MajorStep {
	case MajorDeclare, MajorAccept:
		n.MajorState = MajorAccepted
		n.MajorDecidedAt, n.MajorDecidedBy = e.At, e.Actor
		n.Major, n.MajorAt = true, e.At
		n.Priority, n.PriorityBasis = TopPriority, PriorityByMajor
		eff.MajorDeclared = true
		n.escalate(e.At, eff)
	case MajorPropose:
		n.MajorState = MajorProposed
		n.MajorProposedAt, n.MajorProposedBy = e.At, e.Actor
	case MajorReject:
		n.MajorState = MajorRejected
		n.MajorDecidedAt, n.MajorDecidedBy = e.At, e.Actor
	case MajorWithdraw:
		if n.Major {
			n.Major = false
			n.Priority, _ = lc.matrix.Priority(n.Impact, n.Urgency) // levels validated when they were set
			n.PriorityBasis = PriorityByMatrix
			eff.MajorWithdrawn = true
		}
		n.MajorState = MajorWithdrawn
		n.MajorDecidedAt, n.MajorDecidedBy = e.At, e.Actor
	}
	eff.MajorTo = n.MajorState
}
