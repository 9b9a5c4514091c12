// Package snowreport benchmarks examples/snowreport against a pandas script
// computing the same KPIs, on synthetic ServiceNow audit exports, and checks
// that both agree. Generate writes such an export; cmd/snowgen is its
// command; kpis.py is the pandas side. README.md in bench/ records the
// numbers.
package snowreport

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// Header is the header of the public ServiceNow audit export ("incident
// management process enriched event log"): 36 columns, one row per update.
var Header = []string{"number", "incident_state", "active", "reassignment_count", "reopen_count", "sys_mod_count", "made_sla",
	"caller_id", "opened_by", "opened_at", "sys_created_by", "sys_created_at", "sys_updated_by", "sys_updated_at",
	"contact_type", "location", "category", "subcategory", "u_symptom", "cmdb_ci", "impact", "urgency", "priority",
	"assignment_group", "assigned_to", "knowledge", "u_priority_confirmation", "notify", "problem_id", "rfc", "vendor",
	"caused_by", "closed_code", "resolved_by", "resolved_at", "closed_at"}

// Generate writes a synthetic export of about rows rows to w, seeded, in
// the shape of the public export (d/m/yyyy H:MM dates, "?" for empty, the
// older state labels) with its mess: closing from New, Active or Awaiting
// User Info without a resolution, reopenings after Resolved and after
// Closed, group and assignee changes on Resolved and Closed incidents,
// reassignments the rows do not show (reassignment_count rises without a
// visible group change), resolved incidents without resolved_at, a few
// unreadable values, and the rows of up to 500 incidents mixed together
// and out of time order. It returns the number of rows and incidents
// written.
func Generate(w io.Writer, rows int, seed uint64) (int, int, error) {
	return generate(w, rows, seed, false)
}

// GenerateInOrder writes the export Generate writes with the same seed,
// the same rows, each incident's together and in time order (the order of
// a ServiceNow audit export sorted by number and update).
func GenerateInOrder(w io.Writer, rows int, seed uint64) (int, int, error) {
	return generate(w, rows, seed, true)
}

func generate(w io.Writer, rows int, seed uint64, inOrder bool) (int, int, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	bw.WriteString(strings.Join(Header, ",") + "\n")
	start := time.Date(2016, 2, 29, 1, 16, 0, 0, time.UTC)
	written, incidents := 0, 0
	var batch [][]string
	flush := func() {
		if inOrder {
			rng.Shuffle(len(batch), func(i, j int) {}) // the same random numbers drawn
		} else {
			rng.Shuffle(len(batch), func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })
		}
		for _, r := range batch {
			bw.WriteString(csvLine(r))
		}
		batch = batch[:0]
	}
	for written < rows {
		incidents++
		opened := start.Add(time.Duration(incidents) * 7 * time.Minute).Add(time.Duration(rng.IntN(3600)) * time.Second).Truncate(time.Minute)
		inc := newIncident(rng, incidents, opened)
		lines := inc.rows(rng)
		if rng.IntN(100) < 4 { // still being worked when the export was taken
			lines = lines[:1+rng.IntN(len(lines))]
		}
		written += len(lines)
		batch = append(batch, lines...)
		if incidents%500 == 0 {
			flush()
		}
	}
	flush()
	return written, incidents, bw.Flush()
}

type incident struct {
	number                    string
	caller, opener, creator   string
	opened                    time.Time
	contact, location         string
	category, subcat, symptom string
	ci                        string
	impact, urgency, priority int
}

var levels = []string{"", "1 - High", "2 - Medium", "3 - Low"}
var priorities = []string{"", "1 - Critical", "2 - High", "3 - Moderate", "4 - Low", "5 - Planning"}

func newIncident(rng *rand.Rand, n int, opened time.Time) *incident {
	imp, urg := 1+rng.IntN(3), 1+rng.IntN(3)
	if rng.IntN(10) < 7 {
		imp, urg = 2, 2
	}
	prio := [4][4]int{{}, {0, 1, 2, 3}, {0, 2, 3, 4}, {0, 3, 4, 5}}[imp][urg]
	return &incident{
		number: fmt.Sprintf("INC%07d", n), caller: fmt.Sprintf("Caller %d", rng.IntN(5000)),
		opener: fmt.Sprintf("Opened by %d", rng.IntN(300)), creator: fmt.Sprintf("Created by %d", rng.IntN(200)),
		opened: opened, contact: []string{"Phone", "Email", "Self service"}[rng.IntN(3)],
		location: fmt.Sprintf("Location %d", rng.IntN(200)), category: fmt.Sprintf("Category %d", rng.IntN(60)),
		subcat: fmt.Sprintf("Subcategory %d", rng.IntN(250)), symptom: fmt.Sprintf("Symptom %d", rng.IntN(500)),
		ci: "?", impact: imp, urgency: urg, priority: prio,
	}
}

// update is the incident's fields after one update.
type update struct {
	state          string
	at             time.Time
	group, who     string
	reassign, reop int
	madeSLA        bool
	resolvedAt     string
	closedAt       string
	code, resolver string
}

// rows plays one incident's life and returns its rows.
func (x *incident) rows(rng *rand.Rand) [][]string {
	l := life{x: x, rng: rng, u: update{state: "New", at: x.opened, group: "?", who: "?", madeSLA: true,
		resolvedAt: "?", closedAt: "?", code: "?", resolver: "?"}}
	l.emit()
	if rng.IntN(10) < 9 {
		l.u.group = l.group()
	}
	// Early closures without a resolution: New -> Closed.
	if rng.IntN(100) < 2 {
		l.advance(600)
		l.close()
		return l.out
	}
	l.advance(120)
	l.u.state, l.u.who = "Active", l.resolverName()
	l.emit()
	for {
		l.work()
		// Closures without a resolution from Active or Awaiting User Info.
		if rng.IntN(100) < 3 {
			l.advance(2000)
			if rng.IntN(2) == 0 {
				l.u.state = "Awaiting User Info"
				l.emit()
				l.advance(2000)
			}
			l.close()
			return l.out
		}
		if l.resolve() {
			continue // reopened
		}
		l.advance(7200)
		l.close()
		if rng.IntN(100) < 2 { // reopened after Closed
			l.reopen()
			continue
		}
		if rng.IntN(200) == 0 { // an assignee change on a closed incident
			l.advance(60)
			l.u.who = l.resolverName()
			l.emit()
		}
		return l.out
	}
}

// life is one incident's life as rows plays it: the fields after the
// latest update, and the rows so far (one per exported update).
type life struct {
	x   *incident
	rng *rand.Rand
	u   update
	out [][]string
}

// emit exports the current fields as a row.
func (l *life) emit() { l.out = append(l.out, l.x.row(l.u, len(l.out))) }

// advance moves the clock on by 1 to maxMinutes minutes.
func (l *life) advance(maxMinutes int) {
	l.u.at = l.u.at.Add(time.Duration(1+l.rng.IntN(maxMinutes)) * time.Minute)
}

func (l *life) group() string        { return fmt.Sprintf("Group %d", l.rng.IntN(80)) }
func (l *life) resolverName() string { return fmt.Sprintf("Resolver %d", l.rng.IntN(250)) }

// work exports up to three updates of work: holds, reassignments, some of
// which the export does not show.
func (l *life) work() {
	for steps := l.rng.IntN(4); steps > 0; steps-- {
		l.advance(600)
		switch k := l.rng.IntN(10); {
		case k < 3:
			l.u.state = []string{"Awaiting User Info", "Awaiting Vendor", "Awaiting Problem", "Awaiting Evidence"}[l.rng.IntN(4)]
		case k < 5:
			l.u.state = "Active"
		case k < 8:
			l.u.group, l.u.who = l.group(), l.resolverName()
			l.u.reassign++
		default:
			l.u.reassign++ // a reassignment between two exported updates
		}
		l.emit()
	}
}

// resolve exports the resolution (with its mess: resolved_at missing or
// unreadable on the row, a group change after it) and reports whether the
// incident was then reopened.
func (l *life) resolve() (reopened bool) {
	l.advance(3000)
	if l.rng.IntN(100) < 8 {
		l.u.madeSLA = false
	}
	l.u.state, l.u.code, l.u.resolver = "Resolved", fmt.Sprintf("code %d", 1+l.rng.IntN(17)), "Resolved by "+l.u.who[len("Resolver "):]
	switch l.rng.IntN(100) {
	case 0, 1, 2: // resolved_at never filled in
	case 3: // an unreadable resolved_at on this row only
		l.u.resolvedAt = "31/2/2016 10:00"
	default:
		l.u.resolvedAt = date(l.u.at)
	}
	l.emit()
	if l.u.resolvedAt == "31/2/2016 10:00" {
		l.u.resolvedAt = date(l.u.at)
	}
	if l.rng.IntN(100) < 3 { // a group change on a resolved incident
		l.advance(60)
		l.u.group = l.group()
		l.u.reassign++
		l.emit()
	}
	if l.rng.IntN(100) < 6 { // reopened after Resolved
		l.reopen()
		return true
	}
	return false
}

// close exports the closure.
func (l *life) close() {
	l.u.state, l.u.closedAt = "Closed", date(l.u.at)
	l.emit()
}

// reopen exports a reopening, which clears the resolution and the closure.
func (l *life) reopen() {
	l.advance(1500)
	l.u.state, l.u.resolvedAt, l.u.closedAt, l.u.code, l.u.resolver = "Active", "?", "?", "?", "?"
	l.u.reop++
	l.emit()
}

func (x *incident) row(u update, mod int) []string {
	active := "true"
	if u.state == "Closed" {
		active = "false"
	}
	made := "true"
	if !u.madeSLA {
		made = "false"
	}
	reassign := fmt.Sprint(u.reassign)
	if mod == 3 && x.number[len(x.number)-2:] == "77" {
		reassign = "n/a" // an unreadable count
	}
	return []string{x.number, u.state, active, reassign, fmt.Sprint(u.reop), fmt.Sprint(mod), made,
		x.caller, x.opener, date(x.opened), x.creator, date(x.opened), "Updated by " + fmt.Sprint(mod%900), date(u.at),
		x.contact, x.location, x.category, x.subcat, x.symptom, x.ci, levels[x.impact], levels[x.urgency], priorities[x.priority],
		u.group, u.who, "false", "false", "Do Not Notify", "?", "?", "?", "?", u.code, u.resolver, u.resolvedAt, u.closedAt}
}

// date writes t as the public export does: d/m/yyyy H:MM.
func date(t time.Time) string {
	return fmt.Sprintf("%d/%d/%d %d:%02d", t.Day(), int(t.Month()), t.Year(), t.Hour(), t.Minute())
}

func csvLine(fields []string) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		if strings.ContainsAny(f, ",\"\n\r") {
			b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
		} else {
			b.WriteString(f)
		}
	}
	b.WriteByte('\n')
	return b.String()
}
