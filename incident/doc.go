// Package incident models IT incidents as event-sourced records: priority from
// impact and urgency, a configurable lifecycle (state machine with guards),
// the ordered event history and the incident state folded from it.
//
// # Model
//
// An incident is its ordered history of Events. Its current state, an
// Incident, is a fold over that history under a Lifecycle: Replay rebuilds
// it, Incident.Apply validates and applies one new event, and a Replayer
// folds event by event reporting each event's Effects (what other packages,
// such as sla, fold over). Hosts persist the events; any node can evaluate
// any incident. Nothing here reads the clock: every instant is an event's At
// or a now parameter.
//
// Applying is transactional: Apply returns a new Incident and the event's
// Effects, or a typed error and nothing; the receiver is never modified. The
// history is an immutable list that incidents derived from one another share
// internally and never expose: Incident.History returns a fresh slice, so no
// caller can change another incident's past, and Apply costs the same
// whatever the length of the history (one small allocation). Replay and
// Replayer fold n events in O(n), copying each event once into the history;
// Replayer.ApplyTo is the by-pointer form of Replayer.Apply for hosts that
// fold long histories and keep the effects in their own storage, and
// Replayer.Grow sizes the history in one allocation when its length is
// known. Incident.Walk gives the effects of an incident already at hand,
// reading its history in place.
//
// # Priority
//
// Impact, Urgency and Priority are small numbers where 1 is the highest
// level (P1 is the most urgent priority). A Matrix maps impact x urgency to
// P1..P5; it has 3 to 5 levels of each (not necessarily square) and every
// cell set. ITILMatrix is ServiceNow's 3x3; GLPIMatrix a 5x5 in GLPI's style.
// The matrix belongs to the Lifecycle (Definition.Matrix, WithMatrix).
//
// An incident's priority and its PriorityBasis follow these rules:
//
//   - open: the matrix cell of the event's impact and urgency; missing levels
//     default to the lowest (ServiceNow's behaviour). "Fix first, discuss
//     later": an open event with CustomerDeclared and Impact 1 gets P1 at once
//     whatever the urgency (basis "customer").
//   - classify with a new impact or urgency: recomputed from the matrix
//     (basis "matrix"), replacing a customer-declared or overridden priority;
//     the correction and its reason stay in the history. A classify event
//     that changes only descriptive fields leaves the priority alone.
//     Classification can be corrected after resolution too (until the
//     incident is terminal), so a replay measures SLAs against the corrected
//     priority.
//   - prioritize: a manual override with a required reason (basis
//     "override"); it lasts until the next change of impact or urgency.
//   - major: declared explicitly by a major event, never by a rule; it forces
//     P1 (basis "major") for good: overrides are refused and reclassification
//     keeps P1. A declaration cannot be withdrawn.
//
// # Lifecycle
//
// A Lifecycle is built by NewLifecycle from a Definition (states with Flags,
// transitions by named Action with named guards, triggers, hold reasons,
// reopen window, matrix) and validated; it is immutable and safe for
// concurrent use. Guards are Go functions: a Definition names them by word,
// either built-in (assignment_group, assignee, resolution, resolved, review,
// reopen_window, reason) or registered with WithGuard, so definitions
// round-trip through JSON. DefaultLifecycle is the ITIL lifecycle described
// at DefaultDefinition; DOT and Mermaid draw any lifecycle with its guards.
//
// State flags carry the semantics, so custom lifecycles (ServiceNow's, iTop's,
// GLPI's) get the same bookkeeping as the default one:
//
//   - entering a resolved state from an open one resolves (ResolvedAt,
//     resolution code and note from the event; RestoredAt too if no
//     workaround restored service earlier);
//   - leaving a resolved state for an open one reopens (ReopenCount; the
//     resolution and the post-incident review are cleared);
//   - entering a terminal state closes it (ClosedAt): Closed if the state is
//     also resolved, Cancelled otherwise;
//   - entering an on-hold state needs a HoldReason from the lifecycle's list
//     (a transition from an on-hold state to itself changes the reason); no
//     other event may carry one.
//
// Triggers take an action without a transition event: TriggerAssigned when an
// open or assign event gives the incident a group or assignee (the default
// lifecycle moves new to assigned), TriggerCallerReply on the caller's comment
// (the default lifecycle resumes an incident on hold awaiting the caller). A
// trigger whose guard refuses is skipped and the event still applies: a
// caller's reply is never rejected.
//
// Besides transitions, which events a state accepts is fixed by its flags:
//
//	open (incl. on hold)  transition, assign, classify, prioritize, comment,
//	                      workaround, major, link
//	resolved              transition, classify, prioritize, comment, review,
//	                      link
//	terminal              nothing: a closed or cancelled incident is frozen
//
// so the post-incident review comes after resolution (root cause and
// responsible are decided then, and a reopening clears them), a major
// declaration happens once, while the incident is open, and assignment stops
// at resolution. Comments in a resolved state do not reopen it: reopening
// is the explicit reopen action, within the reopen window (half-open:
// e.At - ResolvedAt < window).
//
// # Events and their effects
//
// An Event has an instant At, an Actor, a Type and the payload fields of its
// type (listed at Event; a field that does not belong to the type is an
// error, not silently ignored). Events must come in non-decreasing At order;
// events at the same instant keep their order. Stored events drop the
// monotonic clock reading.
//
// Milestones: FirstAssignedAt is the first group or assignee; FirstResponseAt
// the first agent comment that is customer visible or marked FirstResponse (a
// caller's own comment is a customer update, not a response); RestoredAt the
// first workaround, else the first resolution; ResolvedAt the current
// resolution; ClosedAt the entry into a terminal state. ReassignmentCount
// counts changes from one group to another (ServiceNow's rule).
//
// The Effects of an event give the status before and after (state, flags,
// hold reason), the priority and group before and after, and flags for what
// happened: state changed (and by which action, triggered or not), first
// assigned, reassigned, responded, restored, resolved, reopened, closed,
// cancelled, caller replied, caller updated by an agent, major declared,
// reviewed, reclassified, parent changed. Effects.Entered and Left test
// flags across the change (e.g. Entered(FlagOnHold) to pause a clock).
//
// # Parents and children
//
// Children point to their parent by ParentID (open or link events). Each
// incident has its own history, so resolving a parent does not change its
// children by itself: ResolveChildren returns, for a parent's resolve event
// and its children, the event to append to each child that it would resolve
// (and why not for the others). An incident cannot be its own parent; longer
// cycles cannot be seen from one incident and are the host's to prevent.
//
// # Auto-close
//
// AutoClose says, for a resolved incident and an AutoClosePolicy, when it
// closes by itself: Days x 24h after the resolution, or at the start of the
// day after Days working days of a calendar.Calendar following the
// resolution date. Major incidents are excluded unless IncludeMajor (and
// even then need their review). The host appends the close event.
//
// # Errors
//
// Every error wraps one sentinel for errors.Is (ErrInvalidEvent,
// ErrOutOfOrder, ErrNotAllowed, ErrGuard, ErrInvalidLifecycle,
// ErrInvalidMatrix, ErrInvalidPolicy, ErrLevel, ErrUnknownWord, ErrNotChild,
// ErrNoLifecycle) and is one of *FieldError (which field, which value),
// *TransitionError (state, action, guard and its reason) or, from Replay and
// Replayer, *InvalidEventError (index and event of the first invalid event,
// wrapping the cause). Messages start with "incident: ". No input panics;
// custom guards are the caller's code.
//
// # JSON
//
// Events, Incident snapshots, Definitions (and Lifecycles, as their
// Definition), Matrices and AutoClosePolicies (with their calendar)
// round-trip through encoding/json. Keys are snake_case; enumerations
// (event types, priority bases, flags, triggers) are lower-case words;
// states, actions and hold reasons are lower-case words by construction;
// impact, urgency and priority are numbers; durations are written as Go
// durations ("168h0m0s") and read as Go or ISO 8601 ("P7D").
package incident
