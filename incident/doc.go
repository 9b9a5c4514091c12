// Package incident models IT incidents as event-sourced records: priority from
// impact and urgency, a configurable lifecycle (state machine with guards),
// the ordered event history and the incident state folded from it.
//
// # Model
//
// An incident is its ordered history of Events. Its state is a fold over
// that history under a Lifecycle, computed once: Replay folds a history
// into a Chronicle, the one value the layers above read (sla evaluates its
// clocks from it, escalation and report read it through the SLA
// evaluation, and nobody replays the history a second time). A Chronicle
// holds the Incident as it stands, every event with the Effects it had
// (Entries), and the spans of the incident's life: states, holds,
// assignments, assignees, priorities, resolutions, updates to the caller,
// the caller's replies, parent links, links to problems, changes, known
// errors and duplicated incidents, and the steps of the major-incident
// workflow, each with its instants.
// Incident.Apply validates and applies one new event to an incident at
// hand (a host checking an event before it stores it). Hosts persist the
// events; any node can fold any incident. Nothing here reads the clock:
// every instant is an event's At or a parameter.
//
// Applying is transactional: Apply returns a new Incident and the event's
// Effects, or a typed error and nothing; the receiver is never modified. The
// history is an immutable list of entries that incidents derived from one
// another share internally: Incident.History returns a fresh slice, and
// Apply costs the same whatever the length of the history (one small
// allocation, plus a copy of an event's custom fields). Replay folds n
// events in O(n) with two allocations (plus one per event with custom
// fields, and one per classify event that changes them): one
// block of entries, which is also the incident's history, and one of
// spans. A Chronicle's slices are shared, read-only views.
//
// # Words
//
// Each of these words has one meaning across the SDK (sla, escalation and
// report use them as defined here):
//
//   - assignment: the incident given to an assignment group: the first
//     group it gets and every change to another group (Chronicle.Assignments,
//     Effects.GroupChanged). A new assignee within the group is not an
//     assignment; a reassignment is an assignment from one group to another
//     (ReassignmentCount, Effects.Reassigned, ServiceNow's rule).
//   - acknowledgement: the first instant someone took the incident on: its
//     first assignee (a person) or its first response, whichever came first
//     (Incident.AcknowledgedAt, Effects.Acknowledged). A page acknowledged in
//     a paging tool reaches the incident as an assign event with the person.
//   - response: the first agent comment the caller sees (customer visible,
//     or marked FirstResponse): Incident.FirstResponseAt, Effects.Responded.
//     It is the SLA Respond metric's stop and the report's MTTA.
//   - update (to the caller): every agent comment the caller sees
//     (Chronicle.Updates, Effects.UpdatedCaller); the first is the response.
//   - reply: a comment from the caller (Chronicle.Replies,
//     Effects.CallerReplied); it is answered by the next update.
//   - hold: a stretch in an on-hold state, with its reason (Chronicle.Holds).
//   - resolution: entering a resolved state from an open one
//     (Chronicle.Resolutions, Effects.Resolved); restoration is the first
//     workaround, else the first resolution (RestoredAt).
//   - reopen: leaving a resolved state for an open one (Effects.Reopened,
//     ReopenCount); it ends the resolution's span.
//   - escalation (hierarchical): declaring the incident major, or raising
//     its priority (to a more urgent level) after opening
//     (Effects.Escalated, Incident.EscalatedAt for the first).
//   - correction: a priority change while the incident is resolved (a
//     classification corrected after the fact); sla treats it as
//     retroactive.
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
//   - major: declared explicitly by a major event (or a proposal accepted),
//     never by a rule; it forces P1 (basis "major"): overrides are refused
//     and reclassification keeps P1, until the major status is withdrawn
//     (a major event with MajorWithdraw and a reason), which takes the
//     priority from the matrix again.
//
// # Major incidents
//
// The major-incident workflow runs as ServiceNow's Major Incident
// Management does, each step a major event with its Actor, At and Reason
// (Event.MajorStep): propose (a candidate, with a reason), accept or reject
// (with a reason) a pending proposal, withdraw (with a reason) a pending
// proposal or an accepted major incident; the zero step declares the
// incident major at once. Incident.MajorState, MajorProposedBy/At and
// MajorDecidedBy/At say where it stands; Chronicle.Majors lists every step.
//
// The post-incident review gates the end of a major incident: the default
// lifecycle's close and cancel transitions carry the review guard, and a
// major incident may record its review while open so that it can be
// cancelled (a false alarm still gets its review). A custom lifecycle
// keeps the gate on every transition into a terminal state, or says so in
// Definition.Majors: MajorsUnreviewed drops it explicitly, MajorsRefused
// has no major incidents; NewLifecycle refuses a terminal transition
// without the review guard otherwise.
//
// # Relations and fixes
//
// A relate event links the incident to the problem that investigates it,
// the change that caused it, the change request raised to fix it, a known
// error, or the incident it duplicates (Relation, RelatedID; an empty ID
// removes the relation). Each relation holds one ID at a time, as
// ServiceNow's fields do (Incident.Problem, CausedBy, Change, KnownError,
// DuplicateOf, Incident.Related); Chronicle.Links keeps every link with its
// span, grouped by relation (Chronicle.LinksOf). A transition that
// resolves says with Fix whether the service was restored by a workaround
// or a permanent fix (Incident.Fix, cleared on reopen).
//
// # Custom fields
//
// Open and classify events carry custom fields (Event.Fields: a channel, a
// location, a service offering...): names are lower-case words, values
// strings of at most MaxFieldValue bytes, at most MaxFields per event and
// per incident. The incident keeps them (Incident.Fields; classify
// replaces a value, an empty value removes the field) and
// Selector.Fields matches them. Any other unknown key is still an error.
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
// at DefaultDefinition; DOT and Mermaid draw any lifecycle with its guards (every state under its
// own name, whatever the name: Mermaid ids are "s_" and the name).
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
//	                      workaround, major, link, relate; review if major
//	resolved              transition, classify, prioritize, comment, review,
//	                      link, relate, major (reject or withdraw only)
//	terminal              nothing: a closed or cancelled incident is frozen
//
// so the post-incident review comes after resolution (root cause and
// responsible are decided then, and a reopening clears them), or before a
// major incident is cancelled; a major incident is proposed, accepted or
// declared while the incident is open; and assignment stops at resolution. Comments in a resolved state do not reopen it: reopening
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
// Milestones: FirstAssignedAt is the first group or assignee;
// AcknowledgedAt the acknowledgement; FirstResponseAt the response;
// RestoredAt the first workaround, else the first resolution; ResolvedAt
// the current resolution; ClosedAt the entry into a terminal state;
// MajorAt the major declaration (or acceptance); EscalatedAt the first escalation;
// ReviewedAt the post-incident review.
//
// The Effects of an event give the status before and after (state, flags,
// hold reason), the priority (and its basis), group and assignee before and
// after, and flags for what happened: state changed (and by which action,
// triggered or not), first assigned, reassigned, responded, acknowledged,
// escalated, restored, resolved, reopened, closed, cancelled, caller
// replied, caller updated by an agent, major declared (and the major
// workflow's state before and after, major withdrawn), reviewed,
// reclassified, parent changed, relation changed, custom fields changed. Effects.Entered and Left test flags across
// the change (e.g. Entered(FlagOnHold) to pause a clock).
//
// # Parents and children
//
// Children point to their parent by ParentID (open or link events;
// Chronicle.Parents lists the links over time). Each incident has its own
// history, so holding, resuming or resolving a parent does not change its
// children by itself: OfferToChildren returns, for a parent's transition
// and its children, the event to append to each child (held, resumed or
// resolved with the parent) and why not for the others; the host decides
// which to append. A resume is offered only to children on hold for the
// parent's reason. An incident cannot be its own parent (Apply refuses
// it); longer cycles run through other incidents' histories, and
// CheckParent finds them given how to look up a parent in the host's
// store (ErrParentCycle).
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
// ErrInvalidMatrix, ErrInvalidPolicy, ErrInvalidSelector, ErrLevel,
// ErrUnknownWord, ErrNotChild, ErrParentCycle, ErrNoLifecycle) and is one of *FieldError
// (the SDK's one error shape: Path, Value, Reason, the sentinel in Err and
// another package's error in Cause),
// *TransitionError (state, action, guard and its reason) or, from Replay,
// *InvalidEventError (index and event of the first invalid event,
// wrapping the cause). Messages start with "incident: ". No input panics;
// custom guards are the caller's code.
//
// # Strict configuration and events
//
// Configuration and events are strict. Decoding an Event, a Definition
// (or Lifecycle), a Matrix, an AutoClosePolicy, a Selector, an Incident
// snapshot or a Chronicle refuses unknown keys, keys given twice, wrong
// types, numbers out of range, unknown words and malformed JSON with a
// *FieldError whose Path is the JSON path of the offence: an event with a
// misspelt "customer_visble" fails with
//
//	incident: unknown field "customer_visble" (known: action, actor, ...)
//
// instead of loading as an ordinary work note. Text must be valid UTF-8: an
// event whose actor, IDs, names, note, reason or custom field holds a bad
// byte is refused (ErrInvalidEvent, naming the field), never repaired, so
// an incident rebuilt from its events' JSON is the one that was applied.
// Decoding errors wrap the
// type's sentinel (ErrInvalidEvent for events, snapshots and chronicles,
// ErrInvalidLifecycle, ErrInvalidMatrix, ErrInvalidPolicy,
// ErrInvalidSelector) and, for an unknown word, ErrUnknownWord too.
// NewLifecycle checks every cross-reference of a Definition (states of
// transitions and of the initial state, guards, trigger actions, hold
// reasons of triggers) and its error lists what exists:
//
//	incident: transitions[2].to "on_hodl": is not a state of the lifecycle (known: new, assigned, ...)
//
// Enumerations follow the SDK's one rule for words: a value with a word
// marshals as it; the zero value of every enumeration (EventType,
// PriorityBasis, Trigger, Relation, Fix, MajorStep, MajorState,
// MajorPolicy) marshals as "" and parses from "" (MajorStep's zero is the declaration,
// MajorPolicy's the reviewed policy); any other value prints as "Type(n)"
// (EventType(99)) and fails to marshal, and an unknown word fails to parse
// with ErrUnknownWord, listing the known words.
//
// # JSON
//
// Events, Incident snapshots (with the effects of their events),
// Chronicles (as their incident), Definitions (and Lifecycles, as their
// Definition), Matrices and AutoClosePolicies (with their calendar)
// round-trip through encoding/json. Keys are snake_case; enumerations
// (event types, priority bases, flags, triggers, relations, fixes, major
// steps, major states, major policies) are lower-case words;
// states, actions and hold reasons are lower-case words by construction;
// impact, urgency and priority are numbers; durations are written as Go
// durations ("168h0m0s") and read as Go or ISO 8601 ("P7D").
package incident
