// Package sla measures service levels as a pure function of an incident's
// event history: the same events and the same policies give the same answer
// on any node at any time, and recalculation after a policy or calendar
// change is a replay, never a patch. No scheduled job polls or updates a
// timer: a host asks for the status at an instant, and NextChange tells it
// when to ask again.
//
// # Clocks
//
// A Clock measures one metric of one incident against a Goal: a duration of
// business time on a calendar, with warning thresholds as fractions of it.
// It is the fold of ClockEvents (Start, Pause, Resume, Stop, Cancel, Reset,
// Retarget), which NewClock and Clock.Apply validate (events in time order,
// known actions). Time accrues only while the clock runs and its calendar is
// open, as the calendar package's Between measures it (half-open intervals,
// real elapsed time across daylight-saving changes).
//
// Clock.Status(now) judges the current cycle:
//
//   - A goal is breached at the instant accrued time reaches it
//     (Status.BreachedAt). A running clock can already be breached; so can a
//     paused one.
//   - It is met when the clock stops with accrued time at or below the goal,
//     and breached when it stops above it: a stop exactly at the deadline is
//     met, one nanosecond later breached. A stop after a deadline that fell
//     at closing time, while the calendar is still closed, is met: no more
//     time accrued (a running clock showed breached in between, since it
//     had reached its goal).
//   - A threshold p is crossed when accrued >= p x goal, at the first
//     instant that holds (Status.Crossed).
//   - The deadline is the instant of breach if the clock keeps running; there
//     is none while it is pending, paused or ended.
//   - Status at an instant before the last event is the status the clock had
//     then, from the events up to that instant.
//
// Redundant events are no-ops (pausing a paused clock, stopping a stopped
// one), so event sources need not be exact. Resume only resumes a paused
// cycle; Start begins the clock, resumes a paused cycle, continues a stopped
// one (a reopened incident whose clock goes on) and opens a new cycle after a
// cancelled one; Reset closes the cycle with its result and opens the next;
// Cancel ends a cycle without a result. Every cycle is kept (Clock.Cycles).
//
// Redundant events are no-ops too when they repeat an instant: a Reset at the
// instant its cycle began (an update to the caller written twice) opens no
// zero-length cycle.
//
// Retarget replaces the goal mid-flight (a priority or policy change). By
// default the time accrued so far is kept (on the calendar it accrued on) and
// the new goal applies from the change: a new goal already exceeded is
// breached at the instant of the change. The past is never rewritten: a
// breach of the old goal that happened before the change stays where it
// happened (Status.BreachedAt, with the goal it broke in
// Status.BreachedGoal), the cycle stays breached, and the timeline shows the
// breach before the retarget; the new goal governs the deadline, thresholds
// and Remaining from then on. A Retroactive retarget recomputes the cycle as
// if the new goal and its calendar had applied from the cycle's start: it is
// a correction of the record, so a breach of the old goal is dropped (the
// cycle is breached only if it breaks the new goal), and it re-judges a
// stopped cycle too.
//
// Clock.NextChange(now) is the next instant the status changes by itself (a
// threshold crossed, the breach), so a host sets one timer instead of
// polling; Clock.Timeline explains a clock step by step with the time accrued
// at each step, for a customer who disputes a breach.
//
// # Policies
//
// A Policy is an SLA (with a customer) or an OLA (between departments, bound
// to an assignment group): Targets per Metric and priority, each with a goal,
// a calendar and thresholds. The built-in metrics are Respond (time to first
// response), Restore (time to restore service by workaround or resolution),
// Resolve (time to resolution), Update (the longest gap allowed between
// updates to the customer: each update starts a new cycle) and NextReply
// (Zendesk's next reply time: from the oldest unanswered caller message to
// the next update to the caller, one cycle per exchange, so a 50-minute
// wait with two caller messages is one breach, not a met 10 m and a
// breached 40 m; its cycles pair with the Chronicle's Replies spans).
// DefaultRules says
// which incident happenings start, pause, resume, stop, cancel and reset each
// metric's clock for the default incident lifecycle; a policy may replace
// them (Policy.Rules) and must for other metrics.
//
// A target's goal is a duration of business time, or a date (Target.Due),
// after ServiceNow's relative durations: "end of next business day"
// (Due.BusinessDays 1 and no Due.At), "next business day by 4pm"
// (BusinessDays 1, At "16:00") and "breach on due date" (Due.Deadline, a
// date the host keeps and gives through WithDeadline: a negotiated due
// date, a custom field). A date goal is turned into the business time from
// the cycle's start to the date on the target's calendar, so status,
// breach, thresholds and pauses keep DESIGN.md's meaning. Where ServiceNow
// differs: its relative durations cannot pause (here a pause moves the
// breach by the business time it lasted); an empty due date breaches it
// one second after the start (here an incident without a deadline has no
// target for the metric, so no result); a due date in the past breaches it
// at once (here too: one nanosecond of business time, breached at the
// first open instant); a due date outside the schedule moves its breach to
// the next opening (here the running clock shows breached from the close
// before the due date, when its business time is used up, and a stop
// before the next opening is met, since no time accrued: the result is
// the same).
//
// Decisions where tools differ:
//
//   - Any hold reason pauses Restore and Resolve; only awaiting the caller
//     pauses Update (other waits still owe the customer news).
//   - Reopening continues the stopped Resolve clock (Continue, as ServiceNow
//     and iTop do) or starts a new cycle with the full goal (NewCycle, Jira's
//     cycles), as Policy.Reopen says. Respond is not affected by reopening;
//     Update starts a new gap.
//   - A priority change retargets every running clock to the new priority's
//     target (Policy.Retroactive chooses the retarget kind). A priority
//     change while the incident is resolved (a classification corrected
//     after the fact) is a correction of the record: always retroactive,
//     it re-judges the stopped cycle, and a reopening that continues the
//     cycle continues it against the corrected goal, so the goal judged,
//     the goal reported and Clock.Goal agree. A priority with
//     no target cancels the running cycle; a metric that should run but has
//     no target waits, and starts (a new cycle) when a later priority has
//     one.
//   - What happens to a breached clock when its condition stops matching
//     is the policy's choice, after ServiceNow's SLA definition:
//     Policy.AfterBreach says what a pause happening does to a cycle that
//     has breached (PauseAfterBreach, the default: it pauses like any
//     other, as a ServiceNow pause condition that does not test "has
//     breached"; KeepRunning: it keeps accruing until it stops, as one
//     that adds "has breached is false"; or
//     CancelAfterBreach: it is cancelled, as a ServiceNow SLA that
//     cancels when its start condition no longer matches), and
//     Policy.WhenToCancel what a cancel happening does (CancelMet, the
//     default and ServiceNow's "cancel conditions are met": the cycle is
//     cancelled, without a result; NeverCancel, ServiceNow's "never":
//     the cycle stops with its result, so a breach stays on the record).
//   - Rules may use conditions on any field, as ServiceNow's start, pause,
//     stop, cancel and reset conditions do: a Happening of kind
//     OnBecomesTrue or OnBecomesFalse names a host predicate
//     (WithPredicate, checked at NewSet), judged on the incident as it
//     stood after each event; it happens when the value changes (a
//     predicate true at the opening becomes true at the opening). The
//     incident after each event is not in the Chronicle, so an
//     evaluation whose policies' rules name a predicate steps an incident
//     through the events once more (incident.Incident.Apply: one
//     allocation per event); evaluations without such rules pay nothing.
//   - A clock only starts, resumes or resets while the incident is open: an
//     update after the resolution opens no new gap. A cycle that opens while
//     the incident is on hold for a reason that pauses the metric starts
//     paused.
//   - An OLA's Resolve clock runs only while the incident is with the group:
//     it starts when the group gets the incident, stops when it leaves or is
//     resolved, and continues when it comes back, so its one cycle is the
//     group's total holding time. The SLA can be met while an OLA is
//     breached; that is the point of OLAs.
//   - A target's calendar comes from the policy, from the target, from
//     the incident itself (IncidentCalendar, resolved by the host through
//     WithIncidentCalendar: typically the customer's hours and zone), or
//     from the assignment group (GroupCalendar, resolved through
//     WithGroupCalendars or WithGroupCalendar). The group's calendar
//     follows the group, as ServiceNow's SLA schedule source does: each
//     assignment period accrues on its own group's calendar (a
//     reassignment is a retarget in the timeline, "group apac to amer",
//     that keeps the time accrued), so reassigning from Singapore to New
//     York never re-measures the Singapore hours on New York's calendar.
//     A retroactive retarget of such a clock (a priority change) keeps
//     each period on its group's calendar too (ClockEvent.KeepCalendars).
//     A reassignment that changes only the calendar leaves the instants
//     already reached (a threshold crossed in Singapore) where they were.
//     The default lifecycle assigns only open incidents; with a lifecycle
//     that reassigns a resolved one, a reopening continues the stopped
//     cycle on the calendar it had.
//
// # Sets and evaluation
//
// A Set (NewSet) validates policies against the calendars and predicates it
// is given and is immutable and safe for concurrent use. Set.Evaluate reads
// an incident's Chronicle (incident.Replay with Set.Lifecycle: the one fold
// of the history), selects the first SLA policy whose Selector matches the
// incident as it stands (customer, service, category, group, priority,
// major flag, or a named host predicate; an empty selector is the
// catch-all) and every matching OLA, and folds every metric's clock over
// the chronicle's entries. The Evaluation carries the chronicle as of its
// instant, and is what escalation and report take next:
//
//	chronicle, err := incident.Replay(slas.Lifecycle(), events)
//	ev, err := slas.Evaluate(chronicle, now)       // SLA and OLA statuses
//	due := escalations.Evaluate(ev, fired)         // escalation.Set
//	record, err := report.NewRecord(ev)            // for the KPI report
//	wake := due.Next                               // one timer for the incident
//
// Evaluation.NextChange is the next instant a status changes by itself;
// escalation's Next includes it, so a host that escalates sets one timer.
// Every part of an Evaluation is as of its instant: the incident, the
// statuses and what escalation and report derive from it.
//
// # JSON and strict configuration
//
// All configuration and result types round-trip through encoding/json;
// durations are written as Go durations and read as Go or ISO 8601
// durations, enumerations as lower-case words, calendars as their JSON
// definitions.
//
// Configuration is strict. Decoding a Policy (with its Targets, Due dates, Rules,
// Happenings and selector), a Goal, a ClockEvent or a Clock refuses an
// unknown key (a misspelt "priorty" is an error, not a target for every
// priority), a key given twice, a value of the wrong type, an unknown word
// and a malformed duration, with the JSON path of the mistake:
//
//	sla: targets[1]: unknown field "priorty" (known: calendar, due, goal, metric, priority, thresholds)
//	sla: rules.resolve.pause[0].on "hodl": unknown On (known: opened, assigned, ...)
//
// NewSet then checks the values (goals positive, thresholds in (0, 1],
// priorities 1 to 5, a policy's name and group valid UTF-8: text with a bad
// byte is refused, not repaired, so it survives a JSON round trip) and every name against what exists, and an error
// lists the names that do: a target's or policy's calendar against
// WithCalendars (IncidentCalendar against WithIncidentCalendar,
// GroupCalendar against WithGroupCalendars), the
// selector's and the happenings' predicates against WithPredicate, a rule's state and hold
// reasons against the set's lifecycle (incident.Lifecycle: its states and
// hold reasons; the default rules' awaiting_caller included), rules for a
// metric against the metrics the targets measure, and a metric without
// default rules must have its own. Its paths start at the list of policies
// and the reason names the policy:
//
//	sla: policies[1].rules.resolve.pause[0].hold_reasons[0] "on_hodl": not a hold reason of the lifecycle (known: awaiting_caller, awaiting_change, awaiting_problem, awaiting_vendor) (policy "gold")
//
// The results the package writes (Status, Result, Clock, Moment,
// Evaluation) decode strictly too, and losslessly: what a host stored reads
// back to the same JSON. (A document that is not JSON at all is reported by
// encoding/json itself, as a *json.SyntaxError, before the package sees it;
// called directly, UnmarshalJSON reports it as a *FieldError.)
//
// Enumerations (Kind, ReopenMode, AfterBreach, WhenToCancel, ClockAction,
// State) follow one rule: a
// value with a word marshals as it; the zero value without a word (the zero
// ClockAction) marshals as "" and parses from ""; any other value prints
// as Type(n) and fails to marshal, and an unknown word fails to parse,
// listing the known words. On is a string whose words are its constants.
//
// # Errors
//
// Bad input is a *FieldError (the SDK's one error shape, the same type in
// every package) with the JSON path, the offending value and the reason,
// wrapping one of the package's sentinels, for errors.Is:
//
//   - ErrInvalidPolicy: a policy or a set's option (decoding, NewSet);
//   - ErrInvalidClock: a goal, clock event or clock (decoding, NewClock,
//     Clock.Apply: an *EventError there, which names the event's index);
//   - ErrInvalidResult: a stored result that is not what the package
//     writes; a bad word in a stored status is a result error, never a
//     policy error;
//   - ErrUnknownWord: an unknown enumeration word, together with the
//     sentinel of the value it is in.
//
// An error of another package that sla reports (a duration's syntax, a
// calendar's definition, the selector's incident.ErrInvalidSelector) is the
// FieldError's Cause: errors.Is sees both. Evaluate's errors wrap
// ErrChronicle or ErrNoCalendar; clock events out of order, ErrOutOfOrder.
//
// # Names
//
// Each word has one meaning across the SDK. On is the kind of happening
// that sets something off, in sla and escalation. Renamed in issue 13:
// Condition is now Happening (escalation's conditions say when a step
// applies) and Step is now Moment, a line of a clock's Timeline
// (escalation's steps are the levels of a policy). The selector of a
// policy is incident.Selector, shared with escalation.
package sla
