package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// formatNames lists the -format values in the order the usage gives them.
var formatNames = []string{"text", "markdown", "json"}

// writeReport writes rep to w in format.
func writeReport(w io.Writer, rep Report, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case "markdown":
		return render(w, rep, markdownDoc{})
	default:
		return render(w, rep, textDoc{})
	}
}

// doc is a document style: text or markdown.
type doc interface {
	title(w io.Writer, s string)
	heading(w io.Writer, s string)
	para(w io.Writer, s string)
	table(w io.Writer, head []string, rows [][]string)
}

// render writes rep in style d, section by section.
func render(w io.Writer, rep Report, d doc) error {
	ew := &errWriter{w: w}
	for _, section := range []func(io.Writer, Report, doc){intro, kpiSection, resolveSection, stateSections, transitionSection, reassignSection, qualitySection} {
		section(ew, rep, d)
	}
	return ew.err
}

func intro(w io.Writer, rep Report, d doc) {
	d.title(w, "ServiceNow export report: "+rep.Source)
	d.para(w, fmt.Sprintf("%d data rows: %d applied, %d skipped (see Data quality). %d incidents, as of %s UTC (the latest sys_updated_at). Dates: %s. Moves checked against the %s lifecycle.",
		rep.Rows, rep.Applied, rep.Skipped, rep.Incidents, rep.AsOf, rep.Dates, rep.Lifecycle))
	d.para(w, defLatest+" Times without a zone are read as UTC; durations are wall-clock hours.")
}

func kpiSection(w io.Writer, rep Report, d doc) {
	d.heading(w, "KPIs")
	d.table(w, []string{"KPI", "value", "definition"}, kpiRows(rep.KPIs))
}

// kpiRows are the rows of a table of KPIs: name, value, definition.
func kpiRows(kpis []KPI) [][]string {
	var rows [][]string
	for _, k := range kpis {
		rows = append(rows, []string{k.Name, number(k.Value, k.Unit), k.Definition})
	}
	return rows
}

func resolveSection(w io.Writer, rep Report, d doc) {
	d.heading(w, "Time to resolve by priority (hours)")
	d.para(w, "Time to resolve: "+defTTR+" Priority is the incident's priority field.")
	var rows [][]string
	for _, r := range rep.Resolve {
		rows = append(rows, []string{r.Priority, strconv.Itoa(r.Incidents), strconv.Itoa(r.Resolved), strconv.Itoa(r.N), strconv.Itoa(r.Unknown),
			hours(r.Mean), hours(r.Median), hours(r.P90)})
	}
	d.table(w, []string{"priority", "incidents", "resolved or closed", "n", "unknown", "mean", "median", "p90"}, rows)
}

func stateSections(w io.Writer, rep Report, d doc) {
	d.heading(w, "Incidents by state")
	d.table(w, []string{"state", "incidents"}, counts(rep.States))
	d.heading(w, "Backlog by age (open incidents, now - opened_at)")
	d.table(w, []string{"age", "incidents"}, counts(rep.Backlog))
}

func transitionSection(w io.Writer, rep Report, d doc) {
	d.heading(w, "State transitions (rows: from, columns: to)")
	d.para(w, "Moves between consecutive rows of an incident whose states differ; On Hold is split by hold reason. Assignments are not moves: see Reassignments and reopenings.")
	if len(rep.Transitions.States) == 0 {
		d.para(w, "No moves.")
		return
	}
	head := append([]string{"from \\ to"}, abbreviations(rep.Transitions.States)...)
	var rows [][]string
	for i, s := range rep.Transitions.States {
		line := []string{s}
		for _, c := range rep.Transitions.Counts[i] {
			line = append(line, strconv.Itoa(c))
		}
		rows = append(rows, line)
	}
	d.table(w, head, rows)
}

func reassignSection(w io.Writer, rep Report, d doc) {
	d.heading(w, "Reassignments and reopenings")
	var rows [][]string
	for i := range rep.Reassign {
		rows = append(rows, []string{rep.Reassign[i].Label, strconv.Itoa(rep.Reassign[i].N), strconv.Itoa(rep.Reopen[i].N)})
	}
	d.table(w, []string{"count", "incidents by reassignment_count", "incidents by reopen_count"}, rows)
	d.table(w, []string{"seen in the rows", "value", "definition"}, kpiRows(rep.Observed))
}

func qualitySection(w io.Writer, rep Report, d doc) {
	d.heading(w, "Data quality")
	d.para(w, fmt.Sprintf("%d findings. Every row is applied or counted here as skipped; a value counted as ignored leaves the rest of its row applied; moves the %s lifecycle lacks are applied as the export has them. -issues FILE lists each finding with its line.",
		rep.Quality.Findings, rep.Lifecycle))
	for _, list := range []struct {
		head   string
		counts []Count
	}{
		{"rows skipped", rep.Quality.Skipped},
		{"values ignored (field)", rep.Quality.Ignored},
		{"moves the " + rep.Lifecycle + " lifecycle lacks", rep.Quality.Moves},
		{"time to resolve unknown (excluded)", rep.Quality.UnknownResolution},
	} {
		rows := counts(list.counts)
		if len(rows) == 0 {
			rows = [][]string{{"none", "0"}}
		}
		d.table(w, []string{list.head, "n"}, rows)
	}
}

func counts(list []Count) [][]string {
	rows := make([][]string, len(list))
	for i, c := range list {
		rows[i] = []string{c.Label, strconv.Itoa(c.N)}
	}
	return rows
}

// abbreviations shortens the state names for the matrix columns.
func abbreviations(states []string) []string {
	out := make([]string, len(states))
	for i, s := range states {
		s = strings.Replace(s, "On Hold: Awaiting ", "Hold:", 1)
		s = strings.Replace(s, "Custom active (-100)", "-100", 1)
		out[i] = s
	}
	return out
}

// number writes a figure: counts as integers, the rest with two decimals
// and the unit.
func number(v Number, unit string) string {
	f := float64(v)
	switch {
	case math.IsNaN(f):
		return "n/a"
	case f == math.Trunc(f) && unit == "":
		return strconv.FormatFloat(f, 'f', 0, 64)
	case unit == "":
		return strconv.FormatFloat(f, 'f', 2, 64)
	}
	return strconv.FormatFloat(f, 'f', 2, 64) + " " + unit
}

// hours writes a duration in hours with two decimals.
func hours(v Number) string {
	if math.IsNaN(float64(v)) {
		return "n/a"
	}
	return strconv.FormatFloat(float64(v), 'f', 2, 64)
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(b []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(b)
	e.err = err
	return n, err
}

type textDoc struct{}

func (textDoc) title(w io.Writer, s string) {
	fmt.Fprintf(w, "%s\n%s\n\n", s, strings.Repeat("=", len(s)))
}

func (textDoc) heading(w io.Writer, s string) {
	fmt.Fprintf(w, "%s\n%s\n", s, strings.Repeat("-", len(s)))
}

func (textDoc) para(w io.Writer, s string) { fmt.Fprintf(w, "%s\n\n", wrap(s, 100)) }

// table aligns the columns; numbers right, text left; a last column of
// definitions is not padded.
func (textDoc) table(w io.Writer, head []string, rows [][]string) {
	width := make([]int, len(head))
	for i, h := range head {
		width[i] = len(h)
	}
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], len(c))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		for i, c := range cells {
			if i > 0 {
				b.WriteString("  ")
			}
			switch {
			case i == len(cells)-1 && head[i] == "definition":
				b.WriteString(c)
			case i > 0 && numeric(c):
				b.WriteString(strings.Repeat(" ", width[i]-len(c)) + c)
			default:
				b.WriteString(c + strings.Repeat(" ", width[i]-len(c)))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(head)
	for _, r := range rows {
		line(r)
	}
	fmt.Fprintln(w)
}

func numeric(s string) bool {
	s = strings.TrimSuffix(strings.TrimSuffix(s, " %"), " h")
	_, err := strconv.ParseFloat(s, 64)
	return err == nil || s == "n/a"
}

func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, word := range strings.Fields(s) {
		if n > 0 && n+1+len(word) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += len(word)
	}
	return b.String()
}

type markdownDoc struct{}

func (markdownDoc) title(w io.Writer, s string)   { fmt.Fprintf(w, "# %s\n\n", mdEscape(s)) }
func (markdownDoc) heading(w io.Writer, s string) { fmt.Fprintf(w, "## %s\n\n", mdEscape(s)) }
func (markdownDoc) para(w io.Writer, s string)    { fmt.Fprintf(w, "%s\n\n", mdEscape(s)) }

func (markdownDoc) table(w io.Writer, head []string, rows [][]string) {
	cell := func(cells []string) {
		for i := range cells {
			cells[i] = strings.ReplaceAll(mdEscape(cells[i]), "|", `\|`)
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	cell(append([]string(nil), head...))
	sep := make([]string, len(head))
	for i := range sep {
		sep[i] = "---"
		if i > 0 && head[i] != "definition" {
			sep[i] = "---:"
		}
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(sep, " | "))
	for _, r := range rows {
		cell(append([]string(nil), r...))
	}
	fmt.Fprintln(w)
}

func mdEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "_", `\_`, "*", `\*`, "<", "&lt;", ">", "&gt;").Replace(s)
}
