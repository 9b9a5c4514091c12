package incident

import "time"

// The states of the default lifecycle.
const (
	StateNew        State = "new"
	StateAssigned   State = "assigned"
	StateInProgress State = "in_progress"
	StateOnHold     State = "on_hold"
	StateResolved   State = "resolved"
	StateClosed     State = "closed"
	StateCancelled  State = "cancelled"
)

// The actions of the default lifecycle.
const (
	ActionAssign  Action = "assign"
	ActionStart   Action = "start"
	ActionHold    Action = "hold"
	ActionResume  Action = "resume"
	ActionResolve Action = "resolve"
	ActionClose   Action = "close"
	ActionReopen  Action = "reopen"
	ActionCancel  Action = "cancel"
)

// The hold reasons of the default lifecycle.
const (
	AwaitingCaller  HoldReason = "awaiting_caller"
	AwaitingVendor  HoldReason = "awaiting_vendor"
	AwaitingChange  HoldReason = "awaiting_change"
	AwaitingProblem HoldReason = "awaiting_problem"
)

// DefaultReopenWindow is the default lifecycle's reopen window unless
// WithReopenWindow says otherwise: a week, ServiceNow's default auto-close
// delay, during which a resolved incident may be reopened.
const DefaultReopenWindow = 7 * 24 * time.Hour

// DefaultDefinition returns the definition of the default ITIL lifecycle:
//
//	new         --assign  [assignment_group]-->  assigned      (also when assigned)
//	assigned    --start   [assignee]-->          in_progress
//	in_progress --hold-->                        on_hold       (with a hold reason)
//	on_hold     --hold-->                        on_hold       (another hold reason)
//	on_hold     --resume-->                      in_progress   (also on the caller's reply while awaiting_caller)
//	in_progress --resolve [resolution]-->        resolved
//	on_hold     --resolve [resolution]-->        resolved
//	resolved    --close   [resolved, review]-->  closed
//	resolved    --reopen  [reopen_window, reason]--> in_progress
//	new, assigned, in_progress, on_hold --cancel [reason, review]--> cancelled
//
// Hold reasons: awaiting_caller, awaiting_vendor, awaiting_change,
// awaiting_problem. Reopen window: DefaultReopenWindow. Matrix: ITILMatrix.
func DefaultDefinition() Definition {
	return Definition{
		Initial: StateNew,
		States: []StateSpec{
			{Name: StateNew, Flags: FlagOpen},
			{Name: StateAssigned, Flags: FlagOpen},
			{Name: StateInProgress, Flags: FlagOpen},
			{Name: StateOnHold, Flags: FlagOpen | FlagOnHold},
			{Name: StateResolved, Flags: FlagResolved},
			{Name: StateClosed, Flags: FlagResolved | FlagTerminal},
			{Name: StateCancelled, Flags: FlagTerminal},
		},
		Transitions: []TransitionSpec{
			{From: StateNew, Action: ActionAssign, To: StateAssigned, Guards: []string{GuardAssignmentGroup}},
			{From: StateAssigned, Action: ActionStart, To: StateInProgress, Guards: []string{GuardAssignee}},
			{From: StateInProgress, Action: ActionHold, To: StateOnHold},
			{From: StateOnHold, Action: ActionHold, To: StateOnHold},
			{From: StateOnHold, Action: ActionResume, To: StateInProgress},
			{From: StateInProgress, Action: ActionResolve, To: StateResolved, Guards: []string{GuardResolution}},
			{From: StateOnHold, Action: ActionResolve, To: StateResolved, Guards: []string{GuardResolution}},
			{From: StateResolved, Action: ActionClose, To: StateClosed, Guards: []string{GuardResolved, GuardReview}},
			{From: StateResolved, Action: ActionReopen, To: StateInProgress, Guards: []string{GuardReopenWindow, GuardReason}},
			{From: StateNew, Action: ActionCancel, To: StateCancelled, Guards: []string{GuardReason, GuardReview}},
			{From: StateAssigned, Action: ActionCancel, To: StateCancelled, Guards: []string{GuardReason, GuardReview}},
			{From: StateInProgress, Action: ActionCancel, To: StateCancelled, Guards: []string{GuardReason, GuardReview}},
			{From: StateOnHold, Action: ActionCancel, To: StateCancelled, Guards: []string{GuardReason, GuardReview}},
		},
		Triggers: []TriggerSpec{
			{On: TriggerAssigned, Action: ActionAssign},
			{On: TriggerCallerReply, Action: ActionResume, HoldReasons: []HoldReason{AwaitingCaller}},
		},
		HoldReasons:  []HoldReason{AwaitingCaller, AwaitingVendor, AwaitingChange, AwaitingProblem},
		ReopenWindow: DefaultReopenWindow,
		Matrix:       ITILMatrix(),
	}
}

// DefaultLifecycle returns the default ITIL lifecycle (see
// DefaultDefinition), changed by opts: WithReopenWindow, WithMatrix,
// WithGuard (custom guards are of no use here, since the default definition
// does not name them; build from DefaultDefinition with NewLifecycle to add
// them). It fails only for invalid options.
func DefaultLifecycle(opts ...Option) (*Lifecycle, error) {
	return NewLifecycle(DefaultDefinition(), opts...)
}
