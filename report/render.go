package report

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// table is a titled table that the text, Markdown and HTML renderers
// share, so they always show the same figures.
type table struct {
	title string
	head  []string
	right []bool // right-aligned columns (figures)
	rows  [][]string
	note  string
}

// location returns the zone the report's instants are shown in: loaded by
// name, UTC if it cannot be.
func (r Report) location() *time.Location {
	if loc, err := time.LoadLocation(r.Period.Zone); err == nil && r.Period.Zone != "" {
		return loc
	}
	return time.UTC
}

func (r Report) heading() (title string, lines []string) {
	loc := r.location()
	title = "Incident report " + r.Period.From.In(loc).Format("2006-01-02 15:04") + " to " + r.Period.To.In(loc).Format("2006-01-02 15:04")
	lines = append(lines, "Period: ["+r.Period.From.In(loc).Format(time.RFC3339)+", "+r.Period.To.In(loc).Format(time.RFC3339)+") "+r.Period.Zone)
	b := "buckets: " + r.Period.Bucket.String()
	if r.Period.Bucket == Whole {
		b = "one bucket: the whole period"
	}
	if r.Period.BusinessHours {
		b += "; durations on the wall clock and in business hours, each incident on its own calendar"
		if len(r.Period.Calendars) > 0 {
			b += " (" + strings.Join(r.Period.Calendars, ", ") + ")"
		}
	} else {
		b += "; durations on the wall clock"
	}
	lines = append(lines, strings.ToUpper(b[:1])+b[1:])
	if !r.Period.AsOf.IsZero() && !r.Period.AsOf.Equal(r.Period.To) {
		lines = append(lines, "As of "+r.Period.AsOf.In(loc).Format(time.RFC3339)+" (backlog aging)")
	}
	if r.Previous != nil {
		lines = append(lines, "Compared with ["+r.Previous.From.In(loc).Format(time.RFC3339)+", "+r.Previous.To.In(loc).Format(time.RFC3339)+")")
	}
	return title, lines
}

// byTitle is "KPIs by priority", or "KPIs of all incidents".
func byTitle(what, key string) string {
	if key == KeyAll {
		return what + " of all incidents"
	}
	return what + " by " + key
}

// groupLabel shows a group value; "(none)" for the empty one.
func groupLabel(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}

// kpiLabel turns a KPI name into a heading: "mttr_business_p90" is
// "MTTR business p90", "sla.gold.resolve.compliance" is "SLA gold resolve
// compliance".
func kpiLabel(kpi string) string {
	words := strings.FieldsFunc(kpi, func(r rune) bool { return r == '_' || r == '.' })
	if strings.HasPrefix(kpi, "backlog_age_") {
		rest := strings.TrimPrefix(kpi, "backlog_age_")
		if rest == "30d_plus" {
			return "backlog age 30d+"
		}
		return "backlog age " + strings.Replace(rest, "_", "-", 1)
	}
	for i, w := range words {
		switch w {
		case "mtta", "mtrs", "mttr", "sla", "ola", "mtbf", "mtbsi":
			words[i] = strings.ToUpper(w)
		}
	}
	return strings.Join(words, " ")
}

// tables returns the report's tables, in the order the text and Markdown
// renderers print them: per grouping its KPIs and SLA compliance, then
// the trends, breaches, availability, recurring incidents and changes,
// each when the report has them.
func (r Report) tables() []table {
	var out []table
	for i := range r.Groupings {
		g := &r.Groupings[i]
		if t := r.kpiTable(g); len(t.rows) > 0 {
			out = append(out, t)
		}
		if r.Period.Has(FamilySLA) {
			out = append(out, slaTable(*g, r.Period.Targets.Compliance))
		}
	}
	if len(r.Groupings) > 0 && len(r.Groupings[0].Groups) > 0 && r.Period.Bucket != Whole {
		out = append(out, r.trendTable(r.Groupings[0].Groups[0]))
	}
	loc := r.location()
	if b := r.Breaches; b != nil {
		out = append(out, breachTable(b, loc))
		if len(b.ByGroup) > 0 {
			out = append(out, breachGroupTable(b.ByGroup))
		}
	}
	if r.Period.Has(FamilyAvailability) {
		out = append(out, availabilityTable(r.Availability))
	}
	if r.Period.Has(FamilyRecurring) {
		out = append(out, recurringTable(r.Recurring, loc))
	}
	if len(r.Changes) > 0 {
		out = append(out, changesTable(r.Changes))
	}
	return out
}

// instantLayout is how the renderers show an instant, in the report's zone.
const instantLayout = "2006-01-02 15:04 MST"

// kpiTable returns the KPIs of g's groups, a column per group and a row
// per KPI any of them has ("n/a" where one has not), and with business
// hours the calendars they were measured on. It has no row when no group
// has a KPI.
func (r *Report) kpiTable(g *Grouping) table {
	t := table{title: byTitle("KPIs", g.Key), head: []string{"KPI"}, right: []bool{false}}
	index := map[string]int{}
	for gi, grp := range g.Groups {
		t.head = append(t.head, groupLabel(grp.Value))
		t.right = append(t.right, true)
		for _, kv := range statRows(Stats{Counts: grp.Stats.Counts, Durations: grp.Stats.Durations, Rates: grp.Stats.Rates}, true) {
			i, ok := index[kv.kpi]
			if !ok {
				i = len(t.rows)
				index[kv.kpi] = i
				t.rows = append(t.rows, append([]string{kpiLabel(kv.kpi)}, make([]string, len(g.Groups))...))
			}
			t.rows[i][gi+1] = kv.value.String()
			if kv.value.Few {
				t.note = noteFew
			}
		}
	}
	for _, row := range t.rows {
		for i := range row {
			if row[i] == "" {
				row[i] = "n/a"
			}
		}
	}
	if r.Period.BusinessHours && len(t.rows) > 0 {
		row := []string{"business calendars"}
		for _, grp := range g.Groups {
			row = append(row, cmp.Or(strings.Join(grp.Calendars, " "), "none"))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// breachTable lists the breaches b lists, largest overrun first.
func breachTable(b *Breaches, loc *time.Location) table {
	t := table{title: "Breaches (" + strconv.Itoa(len(b.Listed)) + " of " + strconv.FormatInt(b.Total, 10) + ", largest overrun first)",
		head:  []string{"incident", "priority", "service", "kind", "policy", "metric", "cycle", "breached at", "goal", "overrun", "group at breach"},
		right: []bool{false, false, false, false, false, false, true, false, true, true, false}}
	for _, x := range b.Listed {
		t.rows = append(t.rows, []string{x.Incident, x.Priority.String(), groupLabel(x.Service), x.Kind.String(), x.Policy,
			string(x.Metric), strconv.Itoa(x.Cycle), x.BreachedAt.In(loc).Format(instantLayout),
			humanDuration(x.Goal), humanDuration(x.Overrun), groupLabel(x.Group)})
	}
	if len(b.Listed) == 0 {
		t.note = "No breach in the period."
	}
	return t
}

// breachGroupTable counts the breaches per group at breach, kind and
// metric.
func breachGroupTable(byGroup []GroupBreaches) table {
	t := table{title: "Breaches by group at breach", head: []string{"group", "kind", "metric", "breaches"}, right: []bool{false, false, false, true}}
	for _, x := range byGroup {
		t.rows = append(t.rows, []string{groupLabel(x.Group), x.Kind.String(), string(x.Metric), strconv.FormatInt(x.Count, 10)})
	}
	return t
}

// availabilityTable has a row per service; the columns of the error
// budget are there when a service has an availability target.
func availabilityTable(services []ServiceAvailability) table {
	t := table{title: "Availability (agreed service time, planned maintenance excluded)",
		head:  []string{"service", "availability", "agreed time", "maintenance", "downtime", "breaks", "MTBF", "MTBSI"},
		right: []bool{false, true, true, true, true, true, true, true}}
	target := false
	for _, s := range services {
		target = target || s.Target != 0
	}
	if target {
		t.head = append(t.head, "target", "error budget", "budget left", "burn rate")
		t.right = append(t.right, true, true, true, true)
	}
	for _, s := range services {
		row := []string{groupLabel(s.Service)}
		for i, kv := range availabilityRows(s)[:7] {
			if a, ok := s.Availability(); i == 0 && ok {
				row = append(row, percent(a, s.Target)) // never rounds across the target
				continue
			}
			row = append(row, kv.value.String())
		}
		if target {
			row = append(row, strconv.FormatFloat(100*s.Target, 'f', -1, 64)+"%", durationValue(s.ErrorBudget()).String(),
				ratioValue(s.BudgetRemaining()).String(), numberValue(s.BurnRate()).String())
		}
		t.rows = append(t.rows, row)
	}
	if len(t.rows) == 0 {
		t.note = "No service in the period."
	}
	return t
}

// recurringTable lists the problem candidates of rec (nil: none), with
// "..." after the incidents when a finding has more than it lists.
func recurringTable(rec *Recurrences, loc *time.Location) table {
	t := table{title: "Recurring incidents, problem candidates",
		head:  []string{"by", "value", "category", "recurring", "of", "first", "last", "incidents"},
		right: []bool{false, false, false, true, true, false, false, false}}
	var listed []Recurrence
	if rec != nil {
		listed = rec.Listed
		t.title += " (" + strconv.Itoa(len(listed)) + " of " + strconv.FormatInt(rec.Total, 10) + ")"
	}
	for _, x := range listed {
		ids := strings.Join(x.Incidents, " ")
		if int64(len(x.Incidents)) < x.Count {
			ids += " ..."
		}
		t.rows = append(t.rows, []string{x.By, x.Value, groupLabel(x.Category), strconv.FormatInt(x.Count, 10),
			strconv.FormatInt(x.Total, 10), x.First.In(loc).Format(instantLayout), x.Last.In(loc).Format(instantLayout), ids})
	}
	if len(t.rows) == 0 {
		t.note = "No recurring incidents."
	}
	return t
}

// changesTable lists the changes from the previous period, each with its
// direction and, where a direction is good or bad, its assessment.
func changesTable(changes []Change) table {
	t := table{title: "Changes from the previous period", head: []string{"grouping", "group", "KPI", "previous", "current", "change", "trend"},
		right: []bool{false, false, false, true, true, true, false}}
	for _, c := range changes {
		trend := c.Direction
		if c.Assessment != "" {
			trend += " (" + c.Assessment + ")"
		}
		if trend == "" {
			trend = "n/a"
		}
		t.rows = append(t.rows, []string{c.Grouping, groupLabel(c.Group), kpiLabel(c.KPI), c.Previous.String(), c.Current.String(), deltaString(c.Delta), trend})
	}
	return t
}

// deltaString renders a change with its sign: "+3", "-2.5 pp", "+1h".
func deltaString(v Value) string {
	if !v.Valid {
		return "n/a"
	}
	switch v.Unit {
	case UnitCount:
		if v.Count > 0 {
			return "+" + strconv.FormatInt(v.Count, 10)
		}
		return strconv.FormatInt(v.Count, 10)
	case UnitRatio:
		return signed(strconv.FormatFloat(100*v.Float, 'f', 1, 64)) + " pp"
	case UnitNumber:
		return signed(strconv.FormatFloat(v.Float, 'f', 2, 64))
	case UnitDuration:
		if v.Duration > 0 {
			return "+" + humanDuration(v.Duration)
		}
		return humanDuration(v.Duration)
	}
	return "?"
}

func signed(s string) string {
	if strings.HasPrefix(s, "-") {
		if strings.Trim(s, "-0.") == "" {
			return s[1:]
		}
		return s
	}
	if strings.Trim(s, "0.") == "" {
		return s
	}
	return "+" + s
}

func slaTable(g Grouping, target float64) table {
	t := table{title: byTitle("SLA compliance", g.Key) + ": met / (met + breached), cancelled excluded", head: []string{"kind", "policy", "metric"}, right: []bool{false, false, false}}
	type key struct{ kind, policy, metric string }
	index := map[key]int{}
	var keys []key
	for _, grp := range g.Groups {
		for _, c := range grp.Stats.SLA {
			k := key{c.Kind.String(), c.Policy, string(c.Metric)}
			if _, ok := index[k]; !ok {
				index[k] = len(keys)
				keys = append(keys, k)
			}
		}
	}
	sortKeys := func(x, y key) int {
		if x.kind != y.kind {
			return strings.Compare(x.kind, y.kind)
		}
		if x.metric != y.metric {
			return strings.Compare(x.metric, y.metric)
		}
		return strings.Compare(x.policy, y.policy)
	}
	slices.SortFunc(keys, sortKeys)
	for i, k := range keys {
		index[k] = i
		t.rows = append(t.rows, append([]string{k.kind, k.policy, k.metric}, make([]string, len(g.Groups))...))
	}
	for gi, grp := range g.Groups {
		t.head = append(t.head, groupLabel(grp.Value))
		t.right = append(t.right, true)
		for _, row := range t.rows {
			row[3+gi] = "n/a"
		}
		for _, c := range grp.Stats.SLA {
			row := t.rows[index[key{c.Kind.String(), c.Policy, string(c.Metric)}]]
			row[3+gi] = ratioText(c.Ratio(), target) + " (" + strconv.FormatInt(c.Met, 10) + "/" +
				strconv.FormatInt(c.Met+c.Breached, 10) + ")"
		}
	}
	if len(t.rows) == 0 {
		t.note = "No SLA cycle was decided in the period."
	}
	return t
}

// bucketStats pairs g's per-bucket stats with the report's buckets. An
// Accumulator gives both lists the same length; a Report read from JSON
// may not, and a bucket that lacks its span or its stats is left out
// rather than read out of range. Charts, the trend table and Rows all
// read buckets through here.
func (r Report) bucketStats(g Group) ([]Span, []Stats) {
	n := min(len(r.Buckets), len(g.Buckets))
	return r.Buckets[:n], g.Buckets[:n]
}

// trendTable shows the "all" group bucket by bucket.
func (r Report) trendTable(all Group) table {
	t := table{title: "Trend by " + r.Period.Bucket.String() + " (all incidents)", head: []string{r.Period.Bucket.String()}, right: []bool{false}}
	counts := r.Period.Has(FamilyCounts)
	durations := r.Period.Has(FamilyDurations)
	if counts {
		t.head = append(t.head, "opened", "resolved", "reopened", "cancelled", "backlog")
		t.right = append(t.right, true, true, true, true, true)
	}
	if durations {
		clock := "wall"
		if r.Period.BusinessHours {
			clock = "business"
		}
		t.head = append(t.head, "MTTR mean ("+clock+")")
		t.right = append(t.right, true)
	}
	var sla []Compliance
	for _, c := range all.Stats.SLA {
		if c.Policy == AllPolicies {
			sla = append(sla, c)
			t.head = append(t.head, c.Kind.String()+" "+string(c.Metric))
			t.right = append(t.right, true)
		}
	}
	spans, stats := r.bucketStats(all)
	for i, st := range stats {
		row := []string{spans[i].Label}
		if c := st.Counts; counts && c != nil {
			row = append(row, strconv.FormatInt(c.Opened, 10), strconv.FormatInt(c.Resolved, 10), strconv.FormatInt(c.Reopened, 10),
				strconv.FormatInt(c.Cancelled, 10), strconv.FormatInt(c.BacklogEnd, 10))
		}
		if d := st.Durations; durations && d != nil {
			dist := d.MTTR.Wall
			if d.MTTR.Business != nil {
				dist = *d.MTTR.Business
			}
			row = append(row, durationValue(dist.Mean, dist.Count > 0).String())
		}
		for _, c := range sla {
			v := "n/a"
			for _, b := range st.SLA {
				if b.Kind == c.Kind && b.Policy == AllPolicies && b.Metric == c.Metric {
					v = fractionValue(b.Ratio(), UnitRatio).String()
				}
			}
			row = append(row, v)
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// WriteText writes the report as plain-text tables aligned with spaces,
// for a terminal.
func (r Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	title, lines := r.heading()
	bw.WriteString(title + "\n" + strings.Repeat("=", utf8.RuneCountInString(title)) + "\n")
	for _, l := range lines {
		bw.WriteString(l + "\n")
	}
	for _, t := range r.tables() {
		bw.WriteString("\n" + t.title + "\n" + strings.Repeat("-", utf8.RuneCountInString(t.title)) + "\n")
		if len(t.rows) == 0 {
			bw.WriteString(t.note + "\n")
			continue
		}
		width := make([]int, len(t.head))
		for _, row := range append([][]string{t.head}, t.rows...) {
			for i, c := range row {
				width[i] = max(width[i], utf8.RuneCountInString(c))
			}
		}
		for _, row := range append([][]string{t.head}, t.rows...) {
			var line strings.Builder
			for i, c := range row {
				pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
				if i > 0 {
					line.WriteString("  ")
				}
				if t.right[i] {
					line.WriteString(pad + c)
				} else {
					line.WriteString(c + pad)
				}
			}
			bw.WriteString(strings.TrimRight(line.String(), " ") + "\n")
		}
		if t.note != "" {
			bw.WriteString(t.note + "\n")
		}
	}
	return bw.Flush()
}

// WriteMarkdown writes the report as GitHub-flavoured Markdown: a heading
// per table, figures right-aligned.
func (r Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	title, lines := r.heading()
	bw.WriteString("# " + mdEscape(title) + "\n\n")
	for _, l := range lines {
		bw.WriteString(mdEscape(l) + "  \n")
	}
	for _, t := range r.tables() {
		bw.WriteString("\n## " + mdEscape(t.title) + "\n\n")
		if len(t.rows) == 0 {
			bw.WriteString(mdEscape(t.note) + "\n")
			continue
		}
		row := func(cells []string) {
			bw.WriteString("|")
			for _, c := range cells {
				bw.WriteString(" " + mdEscape(c) + " |")
			}
			bw.WriteString("\n")
		}
		row(t.head)
		bw.WriteString("|")
		for _, right := range t.right {
			if right {
				bw.WriteString(" ---: |")
			} else {
				bw.WriteString(" --- |")
			}
		}
		bw.WriteString("\n")
		for _, cells := range t.rows {
			row(cells)
		}
		if t.note != "" {
			bw.WriteString("\n" + mdEscape(t.note) + "\n")
		}
	}
	return bw.Flush()
}

var mdReplacer = strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`, "`", "\\`")

func mdEscape(s string) string { return mdReplacer.Replace(s) }

// csvHeader is the header row of WriteCSV.
var csvHeader = []string{"period", "bucket", "grouping", "group", "kpi", "value", "unit"}

// WriteCSV writes the report as tidy CSV (RFC 4180): a header, then one
// row per grouping, group, bucket and KPI, as Rows returns them:
//
//	period,bucket,grouping,group,kpi,value,unit
//	2026-01-01T00:00:00Z/2026-04-01T00:00:00Z,,priority,P1,mttr_wall_mean,4h0m0s,duration
//
// period is the ISO 8601 interval in UTC; bucket is empty for the whole
// period; value is exact (Value.Exact: ratios as fractions, durations as
// Go durations, "n/a" without data). Breach lists and recurring incidents
// are not KPIs and are left to the other formats.
func (r Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	period := r.Period.From.UTC().Format(time.RFC3339Nano) + "/" + r.Period.To.UTC().Format(time.RFC3339Nano)
	for _, row := range r.Rows() {
		if err := cw.Write([]string{period, row.Bucket, row.Grouping, row.Group, row.KPI, row.Value.Exact(), row.Value.Unit.String()}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes the report as indented JSON (the Report's JSON form,
// which reads back into an equal Report).
func (r Report) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
