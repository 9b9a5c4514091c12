// Package itsm is an embeddable SDK for IT service-management logic:
// business calendars, incident lifecycles, SLA clocks, escalation and KPI
// reports. It never runs a server, reads the clock or does I/O of its own:
// every calculation takes the instant it is about (now) as a parameter, so
// the same inputs give the same answers on any node, in any time zone.
//
// The SDK is a set of packages; this package holds no code. The map:
//
//   - calendar: business calendars (weekly hours with several spans a day,
//     overnight shifts, time zones, holidays and date overrides, unions,
//     intersections and differences of calendars) and exact business-time
//     arithmetic: IsOpen, NextOpen, Add, Between, working days.
//   - incident: impact x urgency priority matrices, a configurable lifecycle
//     state machine, and the incident folded once from its event history
//     into a Chronicle (its state, every event's effects, and the spans of
//     its life), with one definition of each word the SDK uses.
//   - sla: SLA and OLA policies with targets per priority and metric, and
//     clocks that start, pause, resume, stop and reset as a pure fold over an
//     incident's events on a calendar; statuses, thresholds, breaches and the
//     next instant a status changes by itself.
//   - escalation: escalation policies and on-call schedules; a pure
//     evaluation of which actions are due and when to look again.
//   - report: KPIs over many incidents (MTTA, MTTR, SLA compliance, backlog,
//     availability, ...), mergeable across shards and rendered as text,
//     Markdown, CSV, JSON and HTML.
//   - report/slo: live SLO evaluation for alerting: error budgets and
//     burn-rate alerts over event, latency and downtime sources.
//
// A host runs one chain per incident, on every new event and on every
// wake-up: incident.Replay folds the history once into a Chronicle,
// sla.Set.Evaluate judges the SLAs at now, escalation.Set.Evaluate says
// what is due and when to wake up next (SLA thresholds and breaches
// included), and report.NewRecord turns the same evaluation into a record
// for the KPI report. No link replays the history again, and each reads the
// incident as of now.
//
// Dependencies point one way: calendar <- incident <- sla <- escalation,
// and report reads calendar, incident and sla. Configuration values
// (calendars, lifecycles, policies) are validated when built, immutable
// afterwards and safe for concurrent use.
//
// Shared semantics: intervals are half-open [start, end); wall-clock hours
// map to instants as the calendar package documents (a time inside a
// spring-forward gap means the end of the gap, one in a fall-back overlap
// its first occurrence); business time is real elapsed time; priority 1 is
// the most urgent. A target is breached at the instant accrued business time
// reaches it, and met when its clock stops with accrued time at or below it.
package itsm
