package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
)

// The report's groupings, as -group names them, and the formats of -format.
var (
	groupKeys = []string{report.KeyPriority, report.KeyService, report.KeyCustomer, report.KeyGroup, report.KeyCategory, report.KeyConfigurationItem}
	formats   = map[string]func(report.Report, io.Writer) error{
		"text":     report.Report.WriteText,
		"markdown": report.Report.WriteMarkdown,
		"csv":      report.Report.WriteCSV,
		"json":     report.Report.WriteJSON,
		"html":     report.Report.WriteHTML,
	}
)

// formatNames lists the formats in the order the usage gives them.
var formatNames = []string{"text", "markdown", "csv", "json", "html"}

// madeSLA is the policy name under which the report shows ServiceNow's own
// SLA verdicts (the export's made_sla column).
const madeSLA = "made_sla"

// kpiReport builds the KPI report of the export's incidents, replayed[i]
// being incidents[i] as replay made it: each one a record, its made_sla
// verdict as the outcome of one resolve target, over the days from the
// first opening to the day after the last update, in monthly buckets (UTC,
// as the export's instants are), grouped by groupBy.
func kpiReport(lc *incident.Lifecycle, incidents []exportIncident, replayed []incident.Incident, groupBy string) (report.Report, error) {
	var from, last time.Time
	var records []report.Record
	for i, x := range incidents {
		inc := replayed[i]
		if inc.State == "" {
			continue // the opening itself was refused, and reported
		}
		rec, err := report.NewRecord(lc, inc, nil)
		if err != nil {
			return report.Report{}, fmt.Errorf("%s: %w", x.number, err)
		}
		final := x.rows[len(x.rows)-1]
		// The priority ServiceNow worked the incident at; where it
		// disagrees with the matrix, the problems list says so.
		rec.Priority = final.priority
		if o, ok := slaOutcome(x, rec); ok {
			rec.SLA = append(rec.SLA, o)
		}
		records = append(records, rec)
		if from.IsZero() || rec.OpenedAt.Before(from) {
			from = rec.OpenedAt
		}
		for _, rw := range x.rows {
			if rw.updatedAt.After(last) {
				last = rw.updatedAt
			}
		}
		if inc.UpdatedAt.After(last) {
			last = inc.UpdatedAt
		}
	}
	if len(records) == 0 {
		return report.Report{}, fmt.Errorf("the export has no incident to report on")
	}
	day := 24 * time.Hour
	acc, err := report.NewAccumulator(report.Spec{
		From: from.Truncate(day), To: last.Truncate(day).Add(day), Location: time.UTC,
		Bucket: report.Month, GroupBy: []string{groupBy},
		// No availability: the export marks no major incident and no
		// outage, so every service would show 100%.
		KPIs: []report.Family{report.FamilyCounts, report.FamilyDurations, report.FamilySLA, report.FamilyRates, report.FamilyRecurring},
	})
	if err != nil {
		return report.Report{}, err
	}
	for _, rec := range records {
		if err := acc.Add(rec); err != nil {
			return report.Report{}, err
		}
	}
	return acc.Report(), nil
}

// slaOutcome turns the export's made_sla into an SLA outcome. ServiceNow
// computed it with SLA definitions the export does not carry, so the tool
// reports the verdict as it stands instead of inventing targets: a
// "made_sla" policy with one resolve cycle, without goal or accrued time.
//
//   - made_sla false: breached at the first update that shows it false
//     (ServiceNow had recorded the breach by then);
//   - true on a resolved or closed incident: met at its last resolution;
//   - true on a cancelled incident: cancelled with it;
//   - true on an open incident, or a value other than true and false: not
//     decided yet, no outcome.
func slaOutcome(x exportIncident, rec report.Record) (report.Outcome, bool) {
	o := report.Outcome{Policy: madeSLA, Kind: sla.SLA, Metric: sla.Resolve, Cycle: 1}
	final := strings.ToLower(x.rows[len(x.rows)-1].madeSLA)
	switch {
	case final == "false":
		i := slices.IndexFunc(x.rows, func(r row) bool { return strings.EqualFold(r.madeSLA, "false") })
		o.State, o.BreachedAt = sla.Breached, x.rows[i].updatedAt
		if o.BreachedAt.Before(rec.OpenedAt) {
			o.BreachedAt = rec.OpenedAt
		}
	case final != "true":
		return o, false
	case rec.Cancelled:
		o.State, o.Ended = sla.Cancelled, rec.ClosedAt
	case len(rec.Resolutions) > len(rec.Reopenings):
		o.State, o.Ended = sla.Met, rec.Resolutions[len(rec.Resolutions)-1]
	default:
		return o, false
	}
	return o, true
}
