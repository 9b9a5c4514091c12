// Command snowreport reads a ServiceNow incident export (the audit style,
// one row per update of an incident, as in the public "incident management
// process enriched event log"; or a plain list export, one row per
// incident) and reports its KPIs, its state transitions, its reassignments
// and reopenings, and the quality of its data.
//
//	go run ./examples/snowreport -format markdown -issues issues.csv incidents.csv.gz
//
// # What it reads
//
// The input is a CSV file, plain, gzip or zip (the first .csv inside),
// recognised by its content, not its name; with or without a byte order
// mark, CRLF or LF line ends, quoted fields with line breaks. Columns are
// found by their ServiceNow field names (or list labels): number,
// incident_state (or state), opened_at and sys_updated_at are required;
// sys_mod_count, hold_reason, resolved_at, closed_at, reassignment_count,
// reopen_count, made_sla, priority, assignment_group and assigned_to are
// used when present. "?" is an empty value, as in the audit export.
//
// Rows of one incident may be anywhere in the file, in any order. The tool
// streams, and its memory grows with the number of incidents, not rows: it
// keeps per incident one compact record (the fields below, each with the
// order key of the row it came from, and where the walk of its rows for the
// transition matrix stands); no row text is kept. While an incident's rows
// arrive in time order (the usual export order) each is walked as it is
// read. Every row is also logged as a 25-byte step (order key, line, state,
// group and assignee as interned ids) in a temporary file past its first
// megabyte; when some incident's rows arrive out of order, the steps of
// those incidents are sorted on disk after the read (runs of 65,536 steps,
// merged) and walked again, so the matrix and the findings are exact
// whatever the order. Temporary files go to $TMPDIR (os.TempDir), about 25
// bytes per row, twice that when rows are out of order; they are unlinked
// as soon as they are created (where the system allows it; otherwise when
// closed), so none is left behind, even on an error or a kill. The input is
// read once, so it may be a pipe (snowreport /dev/stdin); the one exception
// is a file whose dates turn out to be month first (or day first) only
// after dates read the other way: a file is then read again, and for a
// pipe the tool stops and asks for -dates.
//
// Dates: yyyy-MM-dd HH:mm[:ss] (ServiceNow's default), ISO 8601 with a zone,
// d-M-yyyy H:mm[:ss] or M-d-yyyy with "-" or "/" and one- or two-digit
// numbers, and any of them with AM/PM. Whether 03/04/2016 is the 3rd of
// April or the 4th of March is decided over the whole file: a date whose
// first number is over 12 proves day first, one whose second is over 12
// month first. When the file proves neither, or both, the tool stops with
// one message and asks for -dates dmy or -dates mdy; with -dates, a date
// that does not fit is an unreadable value. Times without a zone are read as
// UTC.
//
// # Lifecycle
//
// States are read in the labels of current releases (New, In Progress, On
// Hold with its hold_reason, Resolved, Closed, Canceled or Cancelled), the
// older ones of the audit export (Active, Awaiting User Info, Awaiting
// Problem, Awaiting Vendor, Awaiting Evidence), the choice values 1, 2, 3,
// 6, 7, 8, and negative values such as -100, which ServiceNow reserves for
// active states an instance adds. The export is the record of what
// happened, so the tool applies every move as it is; -lifecycle names the
// lifecycle moves are checked against, and the moves it lacks are counted
// in the data-quality section by kind:
//
//   - servicenow (the default): ServiceNowDefinition, ServiceNow's state
//     model with what the platform lets happen (closing from any open
//     state, reopening after Resolved or Closed); only leaving Canceled,
//     canceling a Resolved or Closed incident and Closed -> Resolved are
//     findings.
//   - itil: the SDK's default ITIL lifecycle (incident.DefaultDefinition):
//     closing without a resolution, reopening after Closed, going back to
//     New and changing the assignment of a Resolved or Closed incident are
//     findings.
//
// # KPIs
//
// The KPIs use the export's own fields with ServiceNow's meaning (opened_at,
// resolved_at, closed_at, reassignment_count, reopen_count, made_sla,
// priority), each taken from the latest row of its incident (by
// sys_updated_at, then sys_mod_count, then file order) in which it is
// readable. The report states the definition of every KPI. An incident
// whose time to resolve is unknown (Resolved or Closed without resolved_at,
// and so on) is counted and excluded, never 0 h.
//
// # Data quality
//
// Every row is either applied or counted as skipped, with its reason: a
// quoted field left open (the rest of the file), no incident number, or no
// readable sys_updated_at (it has no place in its incident's order). A bad
// value in any other field is counted and ignored, and the rest of its row
// applies. The report counts findings by kind; -issues FILE writes each
// one as CSV (line, number, finding, detail). Standard error gets one line
// of summary, never one line per finding.
//
// Exit status: 0 when the report was written (flaws in the data do not
// change it), 1 when the file cannot be read, is not an export, its date
// order cannot be told, or a temporary file cannot be written, 2 for a
// usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the command with its arguments; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("snowreport", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: "+strings.Join(formatNames, ", "))
	dates := fs.String("dates", "", "order of day and month in dates such as 03/04/2016: dmy (dd-MM-yyyy) or mdy (MM-dd-yyyy); by default the export decides")
	lifecycle := fs.String("lifecycle", "servicenow", "lifecycle moves are checked against: servicenow or itil")
	issues := fs.String("issues", "", "write every data-quality finding with its line to this CSV `file`")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: snowreport [-format text|markdown|json] [-dates dmy|mdy] [-lifecycle servicenow|itil] [-issues file] export.csv[.gz|.zip]")
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
	order, err := parseDateOrder(*dates)
	if err != nil {
		return usage(err.Error())
	}
	check, err := newMoveCheck(*lifecycle)
	if err != nil {
		return usage(err.Error())
	}
	switch {
	case !slices.Contains(formatNames, *format):
		return usage(fmt.Sprintf("unknown -format %q: use one of %s", *format, strings.Join(formatNames, ", ")))
	case fs.NArg() != 1:
		return usage("give one export file")
	}
	var list *listing
	if *issues != "" {
		if list, err = createListing(*issues); err != nil {
			fmt.Fprintln(stderr, "snowreport:", err)
			return 1
		}
	}
	rep, err := analyze(fs.Arg(0), order, check, list)
	if cerr := list.close(); err == nil && cerr != nil {
		err = fmt.Errorf("snowreport: -issues: %w", cerr)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if err := writeReport(stdout, rep, *format); err != nil {
		fmt.Fprintln(stderr, "snowreport:", err)
		return 1
	}
	where := "-issues FILE lists them"
	if *issues != "" {
		where = "listed in " + *issues
	}
	fmt.Fprintf(stderr, "snowreport: %d rows, %d applied, %d skipped, %d incidents; %d data-quality findings (%s)\n",
		rep.Rows, rep.Applied, rep.Skipped, rep.Incidents, rep.Quality.Findings, where)
	return 0
}

// analyze reads the export at name and computes its report. When dates are
// read in an order the file then disproves (order not fixed by -dates), it
// reads the file again in the other order: at most twice.
func analyze(name string, order dateOrder, check moveCheck, list *listing) (Report, error) {
	fixed := order != orderUnknown
	if !fixed {
		order = dayFirst
	}
	for attempt := 0; ; attempt++ {
		list.restart()
		p := &pass{order: order, fixed: fixed, quality: newQuality(list), check: check}
		err := readFile(name, p)
		var restart errRestart
		if errors.As(err, &restart) && attempt == 0 {
			p.close()
			if st, serr := os.Stat(name); serr == nil && !st.Mode().IsRegular() {
				// A pipe cannot be read again.
				return Report{}, fmt.Errorf("snowreport: %s: dates are %s (line %d: %q), which shows only after dates read the other way, and the input is not a file that can be read again: name the order with -dates %s",
					name, restart.order, restart.at.line, restart.at.value, map[dateOrder]string{dayFirst: "dmy", monthFirst: "mdy"}[restart.order])
			}
			order = restart.order
			continue
		}
		if err == nil && p.nrecords == 0 {
			err = fmt.Errorf("snowreport: %s: no row could be applied: no incident to report on", name)
		}
		if err != nil {
			p.close()
			return Report{}, err
		}
		return p.finish(filepath.Base(name))
	}
}

func readFile(name string, p *pass) error {
	r, err := openExport(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
			return fmt.Errorf("snowreport: %w", err)
		}
		return err
	}
	defer r.Close()
	return p.read(r)
}
