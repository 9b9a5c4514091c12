// Package escalation decides who must be told, or what must be done, about
// an incident and when: escalation policies (chains of steps on timers,
// acknowledgement and SLA consumption), on-call schedules, and a pure
// evaluation that the host calls with an incident's SLA evaluation (which
// carries the incident's chronicle and the instant) and its record of what
// it already did. Paging tools escalate on time and acknowledgement, ITSM tools on
// SLA percentages; a policy here can do both in one chain.
//
// Nothing here reads the clock, sleeps, starts goroutines or does I/O
// (reading a zone name from JSON loads the zone, as the calendar package
// does). Every instant comes from the sla.Evaluation or the chronicle.
//
// # Using it
//
// The host keeps, per incident, its event history and a Fired record (the
// keys of the tasks it has carried out). When the history changes it
// folds it once (incident.Replay); on every event and every timer it
// evaluates the SLAs at now and then the escalation policy, carries out the
// Due tasks, adds their keys to fired, and sets one timer for
// Evaluation.Next, which covers the SLA thresholds and breaches too:
//
//	policies, err := escalation.NewSet(list, escalation.WithSLA(slas), ...) // once
//
//	chronicle, _ := incident.Replay(slas.Lifecycle(), events) // on a new event
//	judged, _ := slas.Evaluate(chronicle, now)                // sla.Evaluation
//	out := policies.Evaluate(judged, fired)
//	for _, d := range out.Due { send(d); fired.Add(d.Key) }
//	timer(out.Next)
//
// The words assignment, acknowledgement, response and resolution are the
// incident package's (see its doc); the triggers below use them as defined
// there.
//
// # Policies and selection
//
// A Policy is an ordered chain of Steps (levels), a Selector saying which
// incidents it applies to, and a Repeat. NewSet validates policies against
// the calendars, schedules, predicates and Directory it is given, the SLA
// set (WithSLA) and the lifecycle, and returns an immutable Set (see
// Configuration is strict). The incident gets the first policy whose Selector matches
// it as it stands at evaluation (priority, service, customer, category,
// group, major), like SLA policy selection: put specific policies first and
// a catch-all (the zero Selector) last. An incident no policy matches has
// nothing due. A reclassified incident can change policy; keys name the
// policy, so the new policy's steps fire afresh (those already past due at
// once, with their due times).
//
// # Triggers: anchors and occurrences
//
// A step is due After (>= 0) past its trigger's anchor: real elapsed time,
// or business time when the step names a calendar in BusinessTime (After
// then counts only that calendar's open time, so "4h" from Friday 15:00 on
// office hours is Monday 11:00, past holidays and across daylight-saving
// changes, as ServiceNow measures the SLA percentages its escalations
// fire on against the SLA's schedule).
// Repeat intervals are elapsed time.
// Delays count from the latest occurrence of the anchor event: a new
// occurrence supersedes the old, and the occurrence's number goes into the
// Key so that it escalates afresh.
//
//	trigger           anchor                                             occurrence
//	opened            the opening                                        1
//	assigned          the latest assignment: the first group, or a       n-th assignment
//	                  move to another group (incident.Chronicle's
//	                  Assignments; a new assignee is none)
//	entered X         the latest entry into state X (the incident        n-th entry into X
//	                  may have left it since)
//	still_in X        the entry into X; due only while the incident      n-th entry into X
//	                  is still in X
//	customer_update   the latest update to the customer (an agent's      1 + updates so far
//	                  customer-visible comment or first response), or
//	                  the opening if none
//	not_acknowledged  the latest assignment after the opening, or the    1 + assignments
//	                  opening; due only while not acknowledged           after the opening
//	sla_used          the instant the metric's current cycle reaches     the SLA cycle
//	                  Used x goal (sla.Clock.ReachesAt)
//	sla_breached      the instant the current cycle reaches its goal     the SLA cycle
//
// Entering a state means a change of state: an on-hold incident put on hold
// for another reason has not entered on_hold again. SLA triggers read the
// Trigger.SLA policy's result for Metric (by default the first SLA, not
// OLA, result), and only its current cycle. A threshold or breach is a
// fact at its instant: a cycle that has ended (the customer was updated, a
// reopening started a new cycle) produces no task due after it ended,
// but a task due before it ended is still returned, with its due time,
// to a host that calls late (a breach at 10:30 of a response made at
// 10:40). Its successor escalates under a new occurrence. A cancelled
// cycle produces no task at all; a paused one reaches nothing new until
// resumed.
//
// # Acknowledgement
//
// An incident's current assignment is acknowledged when someone has taken
// ownership of it: it has an assignee (a person, as ServiceNow's "assigned
// to"), or its first response to the caller is at or after its latest
// assignment. A move to another group clears the assignee and so, as
// PagerDuty does on reassignment, makes the incident unacknowledged again
// for the new group: not_acknowledged counts afresh from the move. A host
// whose engineers acknowledge in a paging app appends an assign event with
// the acknowledging person (as PagerDuty's ServiceNow integration assigns
// the incident on acknowledgement): the incident's history is the one
// record of who took it when.
//
// Acknowledgement also stops repeats (see Repeats) from the incident's
// first acknowledgement (incident.Incident.AcknowledgedAt: its first
// assignee or its first response, whichever came first).
//
// # When a step is due, and the late host
//
// Evaluate judges what the incident warrants now and when each warranted
// task became due:
//
//   - Judged on the incident as it stands at the evaluation instant: the policy selection, the step's
//     Selector conditions (priority, service, customer, category, group,
//     major), acknowledgement for not_acknowledged steps, still being in a
//     state, the incident being open, and whether a task would change
//     anything (raising a priority already as high, declaring major a major
//     incident, reassigning to the group or person that already has it are
//     not due).
//   - Judged at the due time: the calendar windows (Condition.Open,
//     Condition.Closed), each in its calendar's time zone, not UTC. A step
//     whose window is shut at its due time waits for it by default: it is
//     due at the window's next opening (the evaluation's Next until then;
//     Due.Deferred keeps the instant it was first due), as Grafana OnCall
//     users expect of a time-range step (grafana/oncall #1206). Repeat
//     rounds that wait for the same opening are one task. A step with
//     OutsideWindow "skip" is dropped for that round instead: "phone in
//     business hours, otherwise page on-call" is two skipping steps with
//     complementary windows, and exactly one of them fires.
//     Also judged at the due time: whether a repeat round came after the
//     acknowledgement (see Repeats), and whether an SLA threshold or
//     breach came before its cycle ended (see Triggers).
//   - Resolved at evaluation: the recipients (whoever is on call, holds a
//     role, is in the group now), so a page sent late goes to who is on
//     call when it is sent.
//
// So the answer depends only on the SLA evaluation and fired, never on when
// or how often the host called before. A host that calls late gets exactly
// the tasks it missed, in order of due time, each with its due time:
// every task due in between that passes the judgements above. A task
// that fails one judged as things stand (the incident was resolved, a
// not_acknowledged step's incident was acknowledged, the incident was
// downgraded below the step's priorities) is dropped rather than sent
// late; one judged at its due time is returned if it passed then (a repeat
// round due before the acknowledgement, a breach before the cycle ended).
// Downgrading is de-escalation: a downgraded incident stops matching the
// steps meant for its old priority (and may select another policy). An
// upgraded one escalates at once, with the due times its steps would have
// had.
//
// Resolution stops everything: a policy has nothing due while the incident
// is not in an open state (resolved, closed, cancelled). A reopened
// incident is open again and its steps are judged as above.
//
// # Maintenance windows
//
// A Maintenance names a calendar whose open time is maintenance time (a
// weekly slot, one-off dates as Override exceptions, a change freeze on a
// holiday) and selects incidents (services, customers, priorities). Given
// per policy (Policy.Maintenance) or for the whole set (WithMaintenance),
// it suppresses escalation: a task due inside the window, judged at its due
// time in the calendar's zone like a step window, is not sent but listed in
// Evaluation.Suppressed, once (the host adds its key to fired as for Due).
// Tasks due after the window closes are sent as usual: the chain resumes
// where it has got to, and a task held back is not replayed. This follows
// PagerDuty's maintenance windows ("no notifications while a service is in
// maintenance"), except that the incident exists and the host learns what
// was held back.
//
// # Targets, tasks and recipients
//
// Targets: a person; a group or tier as a queue (functional escalation);
// whoever holds a role for a group, such as its manager or the duty manager
// (hierarchical escalation, through the host's Directory); whoever is on
// call on a Schedule, primary or secondary; every member of a group; the
// customer's contacts. A group left empty means the incident's group.
//
// Round robin: a step with RoundRobin sends its target-by-target tasks to
// one target per round instead of all of them (PagerDuty's round robin
// escalation rule, Grafana OnCall's "notify one by one"). The incident's ID
// picks the first (FNV-1a of the ID modulo the number of targets, so that
// incidents spread over the targets without state kept between them), each
// repeat round and each new occurrence of the trigger the next one. An
// on_call target's Turn "next" or "previous" addresses the member after or
// before the current turn of the rotation that answers for the rank
// (Opsgenie's next and previous on-call users); an override hides the
// rotation but not its order. Keys name the turn: "on_call:ops/primary+next".
//
// On-call gaps: a task for an on_call target whose rank has nobody at the
// time (restrictions leave a hole, the layers have ended) is not sent to
// nobody. It goes to the step's Fallback targets if it has any (Due.Fallback
// is true), as ServiceNow's catch-all escalates when the on-call lineup is
// exhausted; otherwise it waits for the end of the gap, which is the
// evaluation's Next, and is sent to whoever comes on call then (Grafana
// OnCall users ask for this: grafana/oncall #4846); repeat rounds that
// fall in the gap an earlier round waited out are merged into it, so the
// end of a night's gap brings one page, not one per round. Either way
// Due.Gap reports the gap. A schedule with nobody for good (no end within a few
// thousand handoffs) leaves the task due with no recipients, so that the
// host can fall back. A reassign to whoever is on call waits out a gap the
// same way (the end of the gap is the wake-up).
//
// Tasks: Notify and RequestUpdate go target by target (one Due and one
// Key per target), Reassign to its single target; RaisePriority and
// DeclareMajor act on the incident (one Due, whose recipients are all the
// step's targets, the people to tell). A step without tasks notifies.
// The host carries tasks out: sends the message, appends the assign,
// prioritize or major event.
//
// # Repeats
//
// Repeat{From, Times, Interval} repeats the steps from From (the first step
// if empty) to the last: round r of such a step is due r x Interval after
// its first due time, for r = 1..Times. Interval is the period of the loop:
// to repeat a chain of steps at 0, 15 and 30 minutes every 45 minutes (the
// chain, then 15 minutes' grace) set Interval to 45m. Each round is judged
// like the first, so all repeats stop on resolution. They also stop on
// acknowledgement: no round after the first (round >= 1) is due at or
// after the first acknowledgement (see Acknowledgement), while the first
// pass of the chain goes on (an SLA step still fires once after the
// incident was acknowledged) and a late host still gets the rounds due
// before the acknowledgement. A move to another group does not restart
// them; a not_acknowledged step escalates the new group afresh, its rounds
// under the new occurrence, and all its rounds stop once the current
// assignment is acknowledged, since its trigger is gone. Times is at most
// MaxRepeat; a repeat needs an interval.
//
// # Keys and the fired record
//
// A Key is (policy, step, round, occurrence, task, target): stable under
// reordering of steps and targets, distinct for each round of a repeat, each
// target, and each occurrence of the trigger's anchor (SLA cycle, n-th
// assignment, n-th entry into the state). Evaluate never returns a key that
// is in Fired, and returns each key at most once per call, so a host that
// adds the keys it acted on never repeats a task.
//
// # On-call schedules
//
// A Schedule stacks Layers of rotations per rank (primary, secondary):
// members take turns of a fixed wall-clock length from a start date and
// handoff time in the layer's zone, within optional daily or weekly
// restrictions (calendar.Week text: "Mon-Sun 18:00-08:00", "Sat-Sun
// 00:00-24:00"). At an instant, an Override for the rank wins; otherwise
// the precedence rule (WithPrecedence) picks among the rank's layers that
// have someone: by default the last one, as PagerDuty's and Grafana
// OnCall's higher layers cover the lower ones (grafana/oncall #1819);
// FirstLayer; or LatestStart, for follow-the-sun schedules whose regional
// layers overlap, where "the higher layer wins" keeps a region from ever
// being paged (grafana/oncall #2797): the region whose stretch on call
// began last (it has just come on duty) takes over.
// A layer may end (Layer.End, PagerDuty's layer end) and its restrictions
// may follow a calendar's holidays (Layer.Holidays): off on them (an
// office-hours layer) or on call all day (OnHolidays "on": the holiday
// cover). Handoffs keep their wall
// time across daylight-saving changes (the earliest instant whose local
// reading is at or after it, as calendars map wall times). A secondary who
// is also the primary does not count. Responders answers for an instant in
// constant time (the turn is arithmetic, not a walk over days); Shifts lists
// the shifts of a range and Gaps the stretches where a required rank
// (WithRequired) has nobody.
//
// # Cost
//
// The history is folded once, by incident.Replay; sla and escalation read
// the fold and never replay it. Evaluate costs a few comparisons per step,
// one sla.Clock.ReachesAt per SLA step (a calendar Add), a map lookup per
// candidate task and the recipients' resolution, and allocates only its
// result; Responders costs two zone lookups per layer and a binary search in
// the overrides, without allocating. A step that waits for its window costs
// a calendar NextOpen or NextClose; a task sent for an on_call target one
// more schedule lookup (whether it waited out a gap); a task in a gap a walk
// over the schedule's changes to the end of the gap (bounded); a business
// time delay a calendar Add. bench/README.md records the numbers.
//
// # Configuration is strict
//
// Every mistake in a configuration is an error when it is loaded or built,
// never a policy that silently does something else. Decoding JSON is
// strict for every type of the package (Policy, Step, Trigger, Condition,
// Target, Repeat, Schedule, Layer, Override, Key, Fired, Evaluation, Due,
// Recipient, Shift, Gap, Responders): an unknown or repeated key, a value
// of the wrong type, a number out of range, malformed JSON or an unknown
// word is an error whose path names the field, as in
//
//	escalation: steps[0].trigger: unknown field "aftr" (known: after, metric, on, sla, state, used)
//	escalation: steps[0].tasks[0] "shout": unknown Task (known: notify, reassign, raise_priority, declare_major, request_update)
//
// NewSet and NewSchedule then check the values (a policy's, step's, channel's,
// schedule's or layer's name that is not valid UTF-8 is refused, not
// repaired, so it survives a JSON round trip; an empty chain, a negative
// delay, a repeat without an interval, a threshold outside (0, 1], a field
// that does not belong to its trigger or target kind, a turn shorter than
// an hour, an override that ends before it starts; an outside_window on a
// step without a window, a fallback on a step without an on_call target, a
// round robin over fewer than two targets, a turn on a target that is not
// on_call, a layer that ends before it starts, an unknown precedence or
// on_holidays word) and every name against
// what they were given, listing the names that exist when one does not
// resolve:
//
//	escalation: policies[0].steps[1].trigger.state "on_hodl": not a state of the lifecycle (known: new, assigned, in_progress, on_hold, resolved, closed, cancelled), in policy "standard"
//	escalation: policies[0].steps[0].trigger.sla "glod": not a policy of the SLA set (known: gold, network-ola), in policy "standard"
//
// The names checked: calendars (WithCalendars; also those of maintenance
// windows and business_time delays), schedules
// (WithSchedules), predicates of selectors (WithPredicate), the states of
// entered and still_in triggers against the lifecycle (the SLA set's with
// WithSLA, else WithLifecycle's, else incident.DefaultLifecycle), and, with
// WithSLA, the SLA policy and metric of sla_used and sla_breached triggers:
// a trigger's SLA must name a policy of the set (an SLA or an OLA) with a
// target for its Metric, and a trigger without SLA needs an SLA policy with
// a target for Metric. Give NewSet the SLA set the host evaluates with
// (WithSLA) so that an SLA trigger that could never fire is refused; without
// it, SLA names and metrics are not checked.
//
// # Errors
//
// Errors of bad input are *FieldError values (the SDK's one error shape,
// the same type in every package): Path is the JSON path of the mistake
// from the value being checked ("policies[0].steps[1].trigger.after" for
// NewSet, "layers[0].members" for NewSchedule, "steps[0].trigger.on" for a
// Policy document), Value the offending value, Reason what is wrong (naming
// the policy or schedule for NewSet and NewSchedule). Each wraps one of the
// package's sentinels, for errors.Is:
//
//   - ErrInvalidPolicy: a policy, a step, an option of NewSet, or a policy
//     document;
//   - ErrInvalidSchedule: a schedule, a layer, an override, or a schedule
//     document (and Shift, Gap, Responders documents);
//   - ErrInvalidRecord: a Fired record, a Key or an Evaluation document;
//   - ErrUnknownWord: a word that is not one of an enumeration's (trigger,
//     task, target kind, rank, recipient kind), or an unknown value being
//     marshalled; inside a document the error wraps the document's
//     sentinel too.
//
// An error that another package reported (an incident.Selector's priority,
// a calendar's restriction, a duration that does not parse) is the Cause
// of the *FieldError, so errors.Is and errors.As see it as well. Messages
// start with "escalation: ". A document that is not JSON at all fails in
// encoding/json (a *json.SyntaxError) before UnmarshalJSON is called. No
// input panics or loops without bound: repeats are capped and every loop
// is bounded by the policy's size or the range asked for.
//
// # JSON
//
// Policies, Schedules, Evaluations and Fired records round-trip
// through encoding/json. Keys are snake_case; enumerations are lower-case
// words (an unset trigger, task, target kind or recipient kind is "", which
// validation refuses where one is required; Rank has no unset value, and
// a document leaves the primary out); durations are written as Go
// durations ("15m0s") and read as Go or ISO 8601 ("PT15M"); zones are IANA
// names; restrictions use the calendar.Week text form.
//
// # Words shared with other packages
//
// Each word means one thing across the SDK. On is the kind of happening
// that sets something off, in sla and here. A step's Task was called
// Action before (Action is the incident lifecycle's word); its JSON keys
// are "tasks" (Step) and "task" (Key, Due). Selector is incident.Selector,
// shared with sla, with host predicates in both (WithPredicate here).
package escalation
