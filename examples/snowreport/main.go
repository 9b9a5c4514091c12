// Command snowreport reads a ServiceNow incident export (the audit-style CSV
// with one row per update), checks it, and prints a KPI report.
//
//	go run ./examples/snowreport -format markdown -group priority incidents.csv
//
// It checks each incident's exported priority against the ITIL impact x
// urgency matrix and replays each incident's states through a
// ServiceNow-style lifecycle, reporting the rows it could not read (with
// their line numbers) and the transitions the lifecycle rejects. Problems go
// to standard error; the report goes to standard output, as text, markdown,
// csv, json or html (-format).
//
// The report covers the days from the earliest opened_at to the day after
// the latest update, in monthly buckets, in UTC (the export carries no time
// zone), grouped by -group: priority, service, customer, group, category or
// configuration_item. The columns map to the SDK's fields so:
//
//	assignment_group, assigned_to  group and assignee (every change is an assignment)
//	category, cmdb_ci              category and configuration item
//	company, else location         customer
//	business_service               service (this export style has none: one group "(none)")
//	impact, urgency                impact and urgency; a change is a reclassification
//	priority                       the report's priority: ServiceNow's, which the
//	                               desk worked to, even where the matrix disagrees
//	incident_state                 the lifecycle's state (Awaiting ... are holds)
//	made_sla                       ServiceNow's SLA verdict, see below
//
// The export has no SLA definitions, only ServiceNow's verdict per incident
// (made_sla), so the tool does not invent targets: the SLA tables show one
// policy, "made_sla", with a resolve cycle per incident, breached at the
// first update that shows made_sla false, met at the last resolution
// otherwise (cancelled with a cancelled incident, undecided while open), and
// without goal or overrun, which the export does not say. Durations are on
// the wall clock. Availability is left out: the export marks no major
// incident or outage.
//
// Exit status: 0 when the report was written (problems in the data do not
// change it), 1 when the file cannot be read or is not an export, 2 for a
// usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/go-itsm/itsm/incident"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the command with its arguments; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("snowreport", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: "+strings.Join(formatNames, ", "))
	group := fs.String("group", "priority", "group the report by: "+strings.Join(groupKeys, ", "))
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: snowreport [-format "+strings.Join(formatNames, "|")+"] [-group key] export.csv")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	usage := func(msg string) int {
		fmt.Fprintln(stderr, "snowreport:", msg)
		fs.Usage()
		return 2
	}
	switch {
	case formats[*format] == nil:
		return usage(fmt.Sprintf("unknown -format %q: use one of %s", *format, strings.Join(formatNames, ", ")))
	case !slices.Contains(groupKeys, *group):
		return usage(fmt.Sprintf("unknown -group %q: use one of %s", *group, strings.Join(groupKeys, ", ")))
	case fs.NArg() != 1:
		return usage("give one export file")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "snowreport:", err)
		return 1
	}
	defer f.Close()
	if err := writeReport(f, stdout, stderr, *format, *group); err != nil {
		fmt.Fprintln(stderr, "snowreport:", err)
		return 1
	}
	return 0
}

// writeReport reads the export from in, writes the problems found to
// problems and the report in format, grouped by group, to out.
func writeReport(in io.Reader, out, problems io.Writer, format, group string) error {
	rows, bad, err := readExport(in)
	if err != nil {
		return err
	}
	lc, err := snowLifecycle()
	if err != nil {
		return err
	}
	incidents := groupRows(rows)
	var rejected []Problem
	replayed := make([]incident.Incident, len(incidents))
	for i, x := range incidents {
		inc, probs := x.replay(lc)
		replayed[i] = inc
		rejected = append(rejected, probs...)
	}
	mismatches := priorityMismatches(incidents, lc.Matrix())
	fmt.Fprintf(problems, "%d rows of %d incidents read\n", len(rows), len(incidents))
	section := func(title string, list []Problem) {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(problems, "%s (%d):\n", title, len(list))
		for _, p := range list {
			fmt.Fprintln(problems, "  "+p.String())
		}
	}
	section("malformed rows, skipped", bad)
	section("transitions the lifecycle rejects, skipped", rejected)
	section("priorities that disagree with the impact x urgency matrix", mismatches)

	rep, err := kpiReport(lc, incidents, replayed, group)
	if err != nil {
		return err
	}
	return formats[format](rep, out)
}
