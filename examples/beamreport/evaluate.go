package main

import (
	"encoding/json"
	"slices"

	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
)

// This file holds every call into the SDK's replay, SLA evaluation and
// record derivation, so that a change of that API is a change here only.

// foldIncident folds one incident, the entries its key gathered in any
// order, into its report record: it sorts them into history order, turns
// them into the incident's events (a ServiceNow export's rows through the
// ServiceNow lifecycle), keeps the events before the evaluation instant,
// evaluates the incident's SLA policies at that instant (each on its own
// contract's calendar) and derives the record: the SDK's chain
// incident.Replay -> sla.Set.Evaluate -> report.NewRecord. ok is false when the
// incident has no event before the instant or its history does not
// replay; the problems say why and name the lines. entries is sorted in
// place.
func (d *desk) foldIncident(key string, entries []Entry) (rec report.Record, ok bool, problems []Problem) {
	if len(entries) == 0 {
		return report.Record{}, false, nil
	}
	slices.SortFunc(entries, func(a, b Entry) int {
		switch {
		case a.before(b):
			return -1
		case b.before(a):
			return 1
		}
		return 0
	})
	format := entries[0].Format
	for _, e := range entries[1:] {
		if e.Format != format {
			return report.Record{}, false, []Problem{{key, "the incident's entries mix formats"}}
		}
	}
	var events []incident.Event
	lc, slas := d.events, d.eventSLAs
	if format == formatServiceNow {
		lc, slas = d.snow, d.snowSLAs
		events, problems = snowEvents(lc, entries)
	} else {
		events = make([]incident.Event, 0, len(entries))
		for _, en := range entries {
			var e incident.Event
			if err := json.Unmarshal(en.Data, &e); err != nil {
				return report.Record{}, false, []Problem{{en.where(), "event: " + err.Error()}}
			}
			events = append(events, e)
		}
	}
	asOf := d.settings.AsOf
	k := 0
	for k < len(events) && events[k].At.Before(asOf) {
		k++
	}
	if k == 0 {
		return report.Record{}, false, problems // opened after the report was made
	}
	chron, err := incident.Replay(lc, events[:k])
	if err != nil {
		return report.Record{}, false, append(problems, Problem{key, "the history does not replay: " + err.Error()})
	}
	ev, err := slas.Evaluate(chron, asOf)
	if err != nil {
		return report.Record{}, false, append(problems, Problem{key, err.Error()})
	}
	rec, err = report.NewRecord(ev)
	if err != nil {
		return report.Record{}, false, append(problems, Problem{key, err.Error()})
	}
	return rec, true, problems
}
