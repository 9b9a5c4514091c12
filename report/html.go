package report

import (
	"bufio"
	"cmp"
	"html"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-itsm/itsm/sla"
)

// WriteHTML writes the report as one self-contained dashboard page, what
// a service manager opens every Monday: headline tiles (SLA compliance,
// MTTA, MTTR, backlog, breaches, each with its target from Spec.Targets
// and its change against the previous period from Compare, coloured by
// whether it meets the target), SLA compliance per customer and per
// policy over time with the target line, MTTA and MTTR trends (median and
// p90), created vs resolved and the backlog per bucket, arrivals as a
// weekday x hour heatmap in the report's zone, backlog aging stacked per
// group, the top services and categories by volume and breaches, a breach
// drill-down (by priority, then overrun; each with its clock's timeline
// and times in their zone), a section per customer that a TAM can send
// (WriteCustomerHTML writes it alone), then the tables of WriteText.
//
// The page is inline HTML, CSS and SVG: no script, no external style
// sheet, font, image or link, so it can be mailed or archived as it is.
// It reads at 1400 px and on a phone (a viewport, charts that scale,
// tables that scroll sideways instead of widening the page). Every text
// is escaped; charts have titles for screen readers and tooltips, and
// colours come from the Okabe-Ito palette, readable with colour-blindness;
// a tile's state is written, not only coloured.
func (r Report) WriteHTML(w io.Writer) error {
	bw := bufio.NewWriter(w)
	title, lines := r.heading()
	pageStart(bw, title)
	bw.WriteString("<header><h1>" + esc(title) + "</h1>\n<p class=\"meta\">")
	for i, l := range lines {
		if i > 0 {
			bw.WriteString("<br>\n")
		}
		bw.WriteString(esc(l))
	}
	bw.WriteString("</p>\n<nav aria-label=\"sections\">")
	for _, s := range [][2]string{{"overview", "Overview"}, {"sla", "SLA"}, {"durations", "MTTA/MTTR"}, {"flow", "Flow"},
		{"arrivals", "Arrivals"}, {"aging", "Aging"}, {"top", "Top"}, {"breaches", "Breaches"}, {"customers", "Customers"}, {"tables", "Tables"}} {
		bw.WriteString(`<a href="#` + s[0] + `">` + s[1] + "</a> ")
	}
	bw.WriteString("</nav></header>\n<main>\n")
	r.writeTiles(bw)
	r.writeSLACharts(bw)
	r.writeDurationCharts(bw)
	r.writeFlowCharts(bw)
	r.writeArrivals(bw)
	r.writeAging(bw)
	r.writeTop(bw)
	r.writeBreaches(bw, "", "breaches")
	r.writeCustomers(bw)
	bw.WriteString("<section id=\"tables\"><h2>All figures</h2>\n")
	for _, t := range r.tables() {
		writeTable(bw, t, "h3")
	}
	bw.WriteString("</section>\n</main>\n</body>\n</html>\n")
	return bw.Flush()
}

// WriteCustomerHTML writes the customer-facing page of one customer (a
// value of the "customer" grouping): their SLA compliance per policy and
// metric, their headline durations and every listed breach of theirs
// explained with its timeline. It is self-contained as WriteHTML is. A
// report without the customer grouping, or without that customer, gives a
// page that says so.
func (r Report) WriteCustomerHTML(w io.Writer, customer string) error {
	bw := bufio.NewWriter(w)
	title := "Service report for " + groupLabel(customer)
	_, lines := r.heading()
	pageStart(bw, title)
	bw.WriteString("<header><h1>" + esc(title) + "</h1>\n<p class=\"meta\">" + esc(strings.Join(lines, " · ")) + "</p></header>\n<main>\n")
	if g, ok := r.customerGroup(customer); ok {
		r.writeCustomer(bw, g)
	} else {
		bw.WriteString("<p>No incident of this customer in the report.</p>\n")
	}
	bw.WriteString("</main>\n</body>\n</html>\n")
	return bw.Flush()
}

const pageStyle = `:root{--ok:#00734d;--miss:#b3261e;--muted:#5f6368;--line:#d0d4d9}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f1f1f;background:#fafafa;line-height:1.4}
header,main{max-width:1360px;margin:0 auto;padding:0 16px}
header{padding-top:16px}
h1{font-size:1.45em;margin:.2em 0}h2{font-size:1.2em;margin:1.6em 0 .5em}h3{font-size:1.02em;margin:1.2em 0 .4em}
.meta{color:var(--muted);font-size:.9em;overflow-wrap:anywhere}
nav a{display:inline-block;margin:0 .8em .3em 0;color:#0b57d0}
section{min-width:0}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(165px,1fr));gap:12px}
.tile{background:#fff;border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;padding:10px 12px;min-width:0}
.tile.ok{border-left-color:var(--ok)}.tile.miss{border-left-color:var(--miss)}
.tile .label{font-size:.85em;color:var(--muted)}.tile .value{font-size:1.7em;font-weight:650;font-variant-numeric:tabular-nums}
.tile .sub{font-size:.82em;color:var(--muted)}.tile .state{font-size:.82em;font-weight:600}
.tile.ok .state{color:var(--ok)}.tile.miss .state{color:var(--miss)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,560px),1fr));gap:12px}
figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px;min-width:0}
figcaption{font-weight:600;margin-bottom:.3em}
.chart{overflow-x:auto}
svg{display:block;width:100%;height:auto;max-width:780px;min-width:300px}
svg text{font-size:12px;fill:#333}
@media (max-width:640px){body{font-size:15px}svg{min-width:540px}h1{font-size:1.25em}}
.scroll{overflow-x:auto;max-width:100%;margin-bottom:.6em}
table{border-collapse:collapse;font-size:.85em;background:#fff}
th,td{border:1px solid var(--line);padding:.25em .55em;white-space:nowrap}th{background:#f0f2f4;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.bar span{display:inline-block;height:.8em;background:#0072b2;vertical-align:middle}
details{background:#fff;border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:6px 10px}
summary{cursor:pointer;overflow-wrap:anywhere}
.customer{background:#fff;border:1px solid var(--line);border-radius:6px;padding:4px 12px 12px;margin:12px 0}
.note{color:var(--muted);font-size:.85em}
`

func pageStart(bw *bufio.Writer, title string) {
	bw.WriteString(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + esc(title) + `</title>
<style>
` + pageStyle + `</style>
</head>
<body>
`)
}

func esc(s string) string { return html.EscapeString(s) }

// writeTable writes a table inside a container that scrolls sideways.
func writeTable(bw *bufio.Writer, t table, h string) {
	bw.WriteString("<" + h + ">" + esc(t.title) + "</" + h + ">\n")
	if len(t.rows) == 0 {
		bw.WriteString("<p>" + esc(t.note) + "</p>\n")
		return
	}
	bw.WriteString("<div class=\"scroll\"><table>\n<thead><tr>")
	for _, c := range t.head {
		bw.WriteString("<th scope=\"col\">" + esc(c) + "</th>")
	}
	bw.WriteString("</tr></thead>\n<tbody>\n")
	for _, row := range t.rows {
		bw.WriteString("<tr>")
		for i, c := range row {
			if i < len(t.right) && t.right[i] {
				bw.WriteString(`<td class="n">`)
			} else {
				bw.WriteString("<td>")
			}
			bw.WriteString(esc(c) + "</td>")
		}
		bw.WriteString("</tr>\n")
	}
	bw.WriteString("</tbody>\n</table></div>\n")
	if t.note != "" {
		bw.WriteString("<p class=\"note\">" + esc(t.note) + "</p>\n")
	}
}

// all returns the "all" group, if the report has one.
func (r Report) all() (Group, bool) {
	if len(r.Groupings) == 0 || len(r.Groupings[0].Groups) == 0 {
		return Group{}, false
	}
	return r.Groupings[0].Groups[0], true
}

func (r Report) grouping(key string) (Grouping, bool) {
	for _, g := range r.Groupings {
		if g.Key == key {
			return g, true
		}
	}
	return Grouping{}, false
}

// change returns the change of an "all" KPI from Compare.
func (r Report) change(kpi string) (Change, bool) {
	for _, c := range r.Changes {
		if c.Grouping == KeyAll && c.KPI == kpi {
			return c, true
		}
	}
	return Change{}, false
}

type tile struct {
	label, value, target, kpi string
	state                     int // 1 meets, -1 misses, 0 no target
}

// writeTiles writes the headline tiles, each judged against its target
// and compared with the previous period.
func (r Report) writeTiles(bw *bufio.Writer) {
	bw.WriteString("<section id=\"overview\"><h2>Overview</h2>\n<div class=\"tiles\">\n")
	tiles := r.tiles()
	for _, tl := range tiles {
		r.writeTile(bw, tl)
	}
	if len(tiles) == 0 {
		bw.WriteString("<p>No headline KPI in this report.</p>\n")
	}
	bw.WriteString("</div>\n</section>\n")
}

// tiles lists the headline KPIs of the "all" group that the report has:
// SLA compliance, MTTA, MTTR, the backlog at the end and SLA breaches.
func (r Report) tiles() []tile {
	all, ok := r.all()
	if !ok {
		return nil
	}
	t := r.Period.Targets
	var tiles []tile
	if r.Period.Has(FamilySLA) {
		v, valid := slaTotal(all.Stats.SLA).Ratio().Value()
		tl := tile{label: "SLA compliance", value: "n/a", kpi: "sla_compliance"}
		if valid {
			tl.value = percent(v, t.Compliance)
		}
		if t.Compliance > 0 {
			tl.target = "target ≥ " + trimZeros(percent(t.Compliance, 0))
			if valid {
				tl.state = judge(v >= t.Compliance)
			}
		}
		tiles = append(tiles, tl)
	}
	if d := all.Stats.Durations; d != nil {
		tiles = append(tiles, durationTile("MTTA (mean, wall clock)", "mtta_wall_mean", d.MTTA.Wall, t.MTTA),
			durationTile("MTTR (mean, wall clock)", "mttr_wall_mean", d.MTTR.Wall, t.MTTR))
	}
	if c := all.Stats.Counts; c != nil {
		tiles = append(tiles, countTile("Backlog at the end", "backlog_end", c.BacklogEnd, t.Backlog))
	}
	if r.Period.Has(FamilySLA) {
		tiles = append(tiles, countTile("SLA breaches", "sla_breached", slaTotal(all.Stats.SLA).Breached, t.Breaches))
	}
	return tiles
}

// durationTile is the tile of a mean duration that should stay at or
// below target (0: no target).
func durationTile(label, kpi string, d Distribution, target time.Duration) tile {
	tl := tile{label: label, value: durationValue(d.Mean, d.Count > 0).String(), kpi: kpi}
	if target > 0 {
		tl.target = "target ≤ " + humanDuration(target)
		if d.Count > 0 {
			tl.state = judge(d.Mean <= target)
		}
	}
	return tl
}

// countTile is the tile of a count that should stay at or below target
// (0: no target).
func countTile(label, kpi string, n, target int64) tile {
	tl := tile{label: label, value: strconv.FormatInt(n, 10), kpi: kpi}
	if target > 0 {
		tl.target = "target ≤ " + strconv.FormatInt(target, 10)
		tl.state = judge(n <= target)
	}
	return tl
}

// writeTile writes one tile: its value, its target, whether it meets it
// (in words, not only in colour) and its change from Compare.
func (r Report) writeTile(bw *bufio.Writer, tl tile) {
	class := "tile"
	state := "no target set"
	switch tl.state {
	case 1:
		class, state = "tile ok", "✓ meets target"
	case -1:
		class, state = "tile miss", "✗ misses target"
	}
	bw.WriteString(`<div class="` + class + `"><div class="label">` + esc(tl.label) + `</div><div class="value">` + esc(tl.value) + "</div>")
	if tl.target != "" {
		bw.WriteString(`<div class="sub">` + esc(tl.target) + "</div>")
	}
	bw.WriteString(`<div class="state">` + esc(state) + "</div>")
	change := "no previous period to compare"
	if c, ok := r.change(tl.kpi); ok {
		change = "vs previous " + c.Previous.String() + ": " + deltaString(c.Delta)
		if c.Assessment != "" {
			change += " (" + c.Assessment + ")"
		}
	}
	bw.WriteString(`<div class="sub">` + esc(change) + "</div></div>\n")
}

func judge(ok bool) int {
	if ok {
		return 1
	}
	return -1
}

// The Okabe-Ito palette, without its yellow (too light on white).
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"}

func figure(bw *bufio.Writer, caption, svg string) {
	bw.WriteString("<figure><figcaption>" + esc(caption) + "</figcaption><div class=\"chart\">\n" + svg + "</div></figure>\n")
}

// series is one line of a chart: a value per bucket, NaN where there is
// none.
type series struct {
	name   string
	values []float64
}

func (r Report) labels() ([]Span, []string) {
	all, _ := r.all()
	spans, _ := r.bucketStats(all)
	labels := make([]string, len(spans))
	for i, s := range spans {
		labels[i] = s.Label
	}
	return spans, labels
}

func (r Report) writeSLACharts(bw *bufio.Writer) {
	if !r.Period.Has(FamilySLA) {
		return
	}
	bw.WriteString("<section id=\"sla\"><h2>SLA compliance over time</h2>\n<div class=\"charts\">\n")
	_, labels := r.labels()
	target := r.Period.Targets.Compliance
	per := func(st []Stats, pick func(Compliance) bool) []float64 {
		out := make([]float64, len(labels))
		for i := range out {
			out[i] = math.NaN()
			if i >= len(st) {
				continue
			}
			var met, breached int64
			for _, c := range st[i].SLA {
				if pick(c) {
					met, breached = met+c.Met, breached+c.Breached
				}
			}
			if met+breached > 0 {
				out[i] = float64(met) / float64(met+breached)
			}
		}
		return out
	}
	if g, ok := r.grouping(KeyCustomer); ok {
		var ss []series
		for _, grp := range g.Groups {
			ss = append(ss, series{groupLabel(grp.Value), per(grp.Buckets, func(c Compliance) bool { return c.Kind == sla.SLA && c.Policy == AllPolicies })})
		}
		figure(bw, "SLA compliance per customer (every SLA metric) per "+r.Period.Bucket.String(), ratioChart("SLA compliance per customer", labels, ss, target))
	}
	if all, ok := r.all(); ok {
		var policies []string
		for _, c := range all.Stats.SLA {
			if c.Kind == sla.SLA && c.Policy != AllPolicies && !slices.Contains(policies, c.Policy) {
				policies = append(policies, c.Policy)
			}
		}
		var ss []series
		for _, p := range policies {
			ss = append(ss, series{p, per(all.Buckets, func(c Compliance) bool { return c.Kind == sla.SLA && c.Policy == p })})
		}
		figure(bw, "SLA compliance per policy (every metric) per "+r.Period.Bucket.String(), ratioChart("SLA compliance per policy", labels, ss, target))
	}
	bw.WriteString("</div>\n</section>\n")
}

// Chart geometry, in SVG user units.
const (
	chartW, chartH          = 640.0, 300.0
	padL, padR, padT, padB  = 64.0, 16.0, 40.0, 40.0
	plotW, plotH            = chartW - padL - padR, chartH - padT - padB
	charWidth               = 6.8 // of a 12px label, for spacing
	legendRow, legendMaxRow = 16.0, 3
)

func num(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

type svgBuilder struct{ strings.Builder }

func newSVG(label string, h float64) *svgBuilder {
	s := &svgBuilder{}
	s.WriteString(`<svg viewBox="0 0 ` + num(chartW) + " " + num(h) + `" role="img" aria-label="` + esc(label) + `"><title>` + esc(label) + "</title>\n")
	return s
}

func (s *svgBuilder) text(x, y float64, anchor, t string) {
	s.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `" text-anchor="` + anchor + `">` + esc(t) + "</text>\n")
}

func (s *svgBuilder) line(x1, y1, x2, y2 float64, stroke, extra string) {
	s.WriteString(`<line x1="` + num(x1) + `" y1="` + num(y1) + `" x2="` + num(x2) + `" y2="` + num(y2) + `" stroke="` + stroke + `"` + extra + "/>\n")
}

func (s *svgBuilder) rect(x, y, w, h float64, fill, title string) {
	s.WriteString(`<rect x="` + num(x) + `" y="` + num(y) + `" width="` + num(max(w, 0)) + `" height="` + num(max(h, 0)) + `" fill="` + fill + `">`)
	if title != "" {
		s.WriteString("<title>" + esc(title) + "</title>")
	}
	s.WriteString("</rect>\n")
}

func (s *svgBuilder) polyline(pts [][2]float64, stroke, dash string) {
	if len(pts) < 2 {
		return
	}
	s.WriteString(`<polyline fill="none" stroke="` + stroke + `" stroke-width="2"` + dash + ` points="`)
	for i, p := range pts {
		if i > 0 {
			s.WriteString(" ")
		}
		s.WriteString(num(p[0]) + "," + num(p[1]))
	}
	s.WriteString(`"/>` + "\n")
}

func (s *svgBuilder) circle(x, y float64, fill, title string) {
	s.WriteString(`<circle cx="` + num(x) + `" cy="` + num(y) + `" r="3.5" fill="` + fill + `"><title>` + esc(title) + "</title></circle>\n")
}

func (s *svgBuilder) end() string {
	s.WriteString("</svg>\n")
	return s.String()
}

func (s *svgBuilder) noData() string {
	s.text(chartW/2, chartH/2, "middle", "no data")
	return s.end()
}

// legend writes the series names in rows across the top; names that do
// not fit in legendMaxRow rows are summed up as "+N more" (each line still
// has its tooltip).
func (s *svgBuilder) legend(names, colors []string, dashed []bool) {
	x, y := padL, 14.0
	for i, n := range names {
		w := 30 + charWidth*float64(len([]rune(n)))
		if x+w > chartW-padR && x > padL {
			x, y = padL, y+legendRow
		}
		if y > 14+legendRow*(legendMaxRow-1) {
			s.text(x, y, "start", "+"+strconv.Itoa(len(names)-i)+" more")
			return
		}
		c := colors[i%len(colors)]
		if dashed != nil && dashed[i] {
			s.line(x, y-4, x+18, y-4, c, ` stroke-width="2" stroke-dasharray="4 3"`)
		} else {
			s.rect(x, y-9, 18, 8, c, "")
		}
		s.text(x+22, y, "start", n)
		x += w
	}
}

// xLabels writes bucket labels under the plot, one in every step so that
// they never overlap (12 or 36 monthly buckets).
func (s *svgBuilder) xLabels(labels []string, at func(int) float64, y float64) {
	if len(labels) == 0 {
		return
	}
	widest := 0
	for _, l := range labels {
		widest = max(widest, len([]rune(l)))
	}
	slot := plotW / float64(len(labels))
	step := max(1, int(math.Ceil((charWidth*float64(widest)+10)/slot)))
	for i, l := range labels {
		if i%step == 0 {
			s.text(at(i), y, "middle", l)
		}
	}
}

// ratioChart draws ratios per bucket on a y-axis cut to the data (so 92%
// and 97% are far apart), with the target as a dashed line.
func ratioChart(label string, labels []string, ss []series, target float64) string {
	lo := 1.0
	for _, x := range ss {
		for _, v := range x.values {
			if !math.IsNaN(v) {
				lo = min(lo, v)
			}
		}
	}
	h := chartH
	s := newSVG(label, h)
	if lo == 1 && !anyValue(ss) {
		return s.noData()
	}
	if target > 0 {
		lo = min(lo, target)
	}
	bottom, step := ratioAxis(lo)
	y := func(v float64) float64 { return padT + plotH - plotH*(v-bottom)/(1-bottom) }
	for v := bottom; v <= 1+1e-9; v += step {
		s.line(padL, y(v), padL+plotW, y(v), "#e3e3e3", "")
		s.text(padL-6, y(v)+4, "end", trimZeros(strconv.FormatFloat(100*v, 'f', 0, 64)+".0%"))
	}
	n := float64(max(len(labels), 1))
	at := func(i int) float64 { return padL + (float64(i)+0.5)*plotW/n }
	s.xLabels(labels, at, padT+plotH+18)
	names := make([]string, 0, len(ss)+1)
	colors := make([]string, 0, len(ss)+1)
	var dashed []bool
	for i, x := range ss {
		names, colors, dashed = append(names, x.name), append(colors, palette[i%len(palette)]), append(dashed, false)
	}
	if target > 0 {
		s.line(padL, y(target), padL+plotW, y(target), "#b3261e", ` stroke-width="1.5" stroke-dasharray="6 4"`)
		names, colors, dashed = append(names, "target "+trimZeros(percent(target, 0))), append(colors, "#b3261e"), append(dashed, true)
	}
	s.legend(names, colors, dashed)
	s.series(ss, labels, at, y, func(v float64) string { return percent(v, target) })
	return s.end()
}

// ratioAxis returns the bottom and the step of a ratio axis that shows lo
// and ends at 100%: a round value below lo, with a step of 1, 2, 5, 10 or
// 25 points giving at most 6 intervals.
func ratioAxis(lo float64) (bottom, step float64) {
	span := 1 - lo
	step = 0.25
	for _, st := range []float64{0.01, 0.02, 0.05, 0.10, 0.25} {
		if span+st/2 <= 5*st {
			step = st
			break
		}
	}
	bottom = max(0, math.Floor((lo-step/2)/step)*step)
	if 1-bottom < 2*step {
		bottom = max(0, 1-2*step)
	}
	return bottom, step
}

func anyValue(ss []series) bool {
	for _, x := range ss {
		for _, v := range x.values {
			if !math.IsNaN(v) {
				return true
			}
		}
	}
	return false
}

var durationSteps = []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour,
	2 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour, 48 * time.Hour, 7 * 24 * time.Hour,
	14 * 24 * time.Hour, 30 * 24 * time.Hour, 90 * 24 * time.Hour, 365 * 24 * time.Hour}

// maxAxis is the longest duration an axis shows: a report read from JSON
// may hold any value.
const maxAxis = 100 * 365 * 24 * time.Hour

// durationAxis returns the step and the number of ticks of an axis up to
// longest.
func durationAxis(longest time.Duration) (time.Duration, int) {
	longest = min(max(longest, time.Minute), maxAxis)
	step := durationSteps[len(durationSteps)-1]
	for _, st := range durationSteps {
		if 5*st >= longest {
			step = st
			break
		}
	}
	ticks := int((longest + step - 1) / step)
	return step, max(ticks, 1)
}

func (r Report) writeDurationCharts(bw *bufio.Writer) {
	all, ok := r.all()
	if !ok || all.Stats.Durations == nil {
		return
	}
	bw.WriteString("<section id=\"durations\"><h2>MTTA and MTTR trends (wall clock)</h2>\n<div class=\"charts\">\n")
	_, labels := r.labels()
	_, stats := r.bucketStats(all)
	for _, m := range []struct {
		name string
		pick func(*DurationStats) Distribution
	}{{"MTTA", func(d *DurationStats) Distribution { return d.MTTA.Wall }}, {"MTTR", func(d *DurationStats) Distribution { return d.MTTR.Wall }}} {
		med, p90 := series{"median", nil}, series{"p90", nil}
		for _, st := range stats {
			v, w := math.NaN(), math.NaN()
			if st.Durations != nil {
				if q := m.pick(st.Durations).Quantiles; q != nil {
					v, w = float64(q.Median), float64(q.P90)
				}
			}
			med.values, p90.values = append(med.values, v), append(p90.values, w)
		}
		figure(bw, m.name+" per "+r.Period.Bucket.String()+": median and p90", durationChart(m.name+" median and p90", labels, []series{med, p90}))
	}
	if len(r.Buckets) <= 1 {
		bw.WriteString("<p class=\"note\">One bucket: the trend needs a report cut into days, weeks or months.</p>\n")
	}
	bw.WriteString("</div>\n</section>\n")
}

func durationChart(label string, labels []string, ss []series) string {
	s := newSVG(label, chartH)
	var longest float64
	for _, x := range ss {
		for _, v := range x.values {
			if !math.IsNaN(v) {
				longest = math.Max(longest, v)
			}
		}
	}
	if !anyValue(ss) {
		return s.noData()
	}
	step, ticks := durationAxis(time.Duration(math.Min(longest, float64(maxAxis))))
	top := float64(step) * float64(ticks)
	y := func(v float64) float64 { return padT + plotH - plotH*math.Min(math.Max(v, 0), top)/top }
	for k := 0; k <= ticks; k++ {
		v := float64(step) * float64(k)
		s.line(padL, y(v), padL+plotW, y(v), "#e3e3e3", "")
		s.text(padL-6, y(v)+4, "end", humanDuration(time.Duration(v)))
	}
	n := float64(max(len(labels), 1))
	at := func(i int) float64 { return padL + (float64(i)+0.5)*plotW/n }
	s.xLabels(labels, at, padT+plotH+18)
	names := []string{}
	for _, x := range ss {
		names = append(names, x.name)
	}
	s.legend(names, palette, nil)
	s.series(ss, labels, at, y, func(v float64) string { return humanDuration(time.Duration(v)) })
	return s.end()
}

// series draws each series in its palette colour: a line through the
// buckets that have a value (broken where one has none) and a dot on each
// value, whose tooltip is the bucket's label, the series' name and the
// value as show writes it.
func (s *svgBuilder) series(ss []series, labels []string, at func(int) float64, y func(float64) float64, show func(float64) string) {
	for si, x := range ss {
		color := palette[si%len(palette)]
		var pts [][2]float64
		for i, v := range x.values {
			if math.IsNaN(v) || i >= len(labels) {
				s.polyline(pts, color, "")
				pts = pts[:0]
				continue
			}
			p := [2]float64{at(i), y(v)}
			pts = append(pts, p)
			s.circle(p[0], p[1], color, labels[i]+": "+x.name+" "+show(v))
		}
		s.polyline(pts, color, "")
	}
}

// countAxis returns a top at or above v and an integer step giving at
// most five intervals: counts have integer ticks.
func countAxis(v int64) (top, step int64) {
	v = max(v, 1)
	for p := int64(1); ; p *= 10 {
		for _, m := range []int64{1, 2, 5} {
			if st := m * p; st*5 >= v {
				return (v + st - 1) / st * st, st
			}
		}
		if p > math.MaxInt64/100 {
			return v, max(v/5, 1)
		}
	}
}

func (r Report) writeFlowCharts(bw *bufio.Writer) {
	all, ok := r.all()
	if !ok || all.Stats.Counts == nil {
		return
	}
	bw.WriteString("<section id=\"flow\"><h2>Flow and backlog</h2>\n<div class=\"charts\">\n")
	_, labels := r.labels()
	_, stats := r.bucketStats(all)
	figure(bw, "Created vs resolved per "+r.Period.Bucket.String(), flowChart(stats, labels))
	figure(bw, "Backlog at the end of each "+r.Period.Bucket.String(), backlogChart(stats, labels))
	bw.WriteString("</div>\n</section>\n")
}

func flowChart(stats []Stats, labels []string) string {
	s := newSVG("Created vs resolved per bucket", chartH)
	var most int64
	for _, st := range stats {
		if c := st.Counts; c != nil {
			most = max(most, c.Opened, c.Resolved)
		}
	}
	if most == 0 {
		return s.noData()
	}
	top, step := countAxis(most)
	y := func(v int64) float64 { return padT + plotH - plotH*float64(v)/float64(top) }
	for v := int64(0); v <= top; v += step {
		s.line(padL, y(v), padL+plotW, y(v), "#e3e3e3", "")
		s.text(padL-6, y(v)+4, "end", strconv.FormatInt(v, 10))
	}
	n := float64(max(len(labels), 1))
	at := func(i int) float64 { return padL + (float64(i)+0.5)*plotW/n }
	s.legend([]string{"created", "resolved"}, palette, nil)
	s.xLabels(labels, at, padT+plotH+18)
	bw := 0.4 * plotW / n
	for i, st := range stats {
		c := st.Counts
		if c == nil || i >= len(labels) {
			continue
		}
		for k, v := range []int64{c.Opened, c.Resolved} {
			name := [...]string{"created", "resolved"}[k]
			s.rect(at(i)-bw+float64(k)*bw, y(v), bw, y(0)-y(v), palette[k], labels[i]+": "+strconv.FormatInt(v, 10)+" "+name)
		}
	}
	return s.end()
}

func backlogChart(stats []Stats, labels []string) string {
	s := newSVG("Backlog", chartH)
	var values []int64
	for _, st := range stats {
		if st.Counts == nil {
			return s.noData()
		}
		values = append(values, st.Counts.BacklogEnd)
	}
	var most int64
	for _, v := range values {
		most = max(most, v)
	}
	if len(values) == 0 || most == 0 {
		return s.noData()
	}
	top, step := countAxis(most)
	y := func(v int64) float64 { return padT + plotH - plotH*float64(v)/float64(top) }
	for v := int64(0); v <= top; v += step {
		s.line(padL, y(v), padL+plotW, y(v), "#e3e3e3", "")
		s.text(padL-6, y(v)+4, "end", strconv.FormatInt(v, 10))
	}
	n := float64(max(len(labels), 1))
	at := func(i int) float64 { return padL + (float64(i)+0.5)*plotW/n }
	s.xLabels(labels, at, padT+plotH+18)
	var pts [][2]float64
	for i, v := range values {
		if i >= len(labels) {
			break
		}
		pts = append(pts, [2]float64{at(i), y(v)})
		s.circle(at(i), y(v), palette[0], "end of "+labels[i]+": "+strconv.FormatInt(v, 10)+" open")
	}
	s.polyline(pts, palette[0], "")
	return s.end()
}

var weekdays = [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

// heatShades is a sequential blue scale, light to dark.
var heatShades = []string{"#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"}

func (r Report) writeArrivals(bw *bufio.Writer) {
	if r.Arrivals == nil {
		return
	}
	bw.WriteString("<section id=\"arrivals\"><h2>Arrivals by weekday and hour (" + esc(r.Period.Zone) + ")</h2>\n")
	const cellW, cellH, left, topPad = 23.0, 24.0, 48.0, 22.0
	h := topPad + 7*cellH + 28
	s := newSVG("Incidents opened by weekday and hour, "+r.Period.Zone, h)
	var most int64
	for d := range r.Arrivals.Counts {
		for _, n := range r.Arrivals.Counts[d] {
			most = max(most, n)
		}
	}
	for hr := 0; hr < 24; hr += 3 {
		s.text(left+float64(hr)*cellW+cellW/2, topPad-6, "middle", strconv.Itoa(hr)+"h")
	}
	for d, row := range r.Arrivals.Counts {
		y := topPad + float64(d)*cellH
		s.text(left-6, y+cellH/2+4, "end", weekdays[d])
		for hr, n := range row {
			shade := heatShades[0]
			if n > 0 && most > 0 {
				shade = heatShades[1+min(3, int(4*float64(n-1)/float64(most)))]
			}
			s.rect(left+float64(hr)*cellW+1, y+1, cellW-2, cellH-2, shade,
				weekdays[d]+" "+pad2(hr)+":00-"+pad2(hr+1)+":00: "+strconv.FormatInt(n, 10)+" opened")
		}
	}
	ly := topPad + 7*cellH + 18
	s.text(left, ly, "start", "fewer")
	for i, c := range heatShades {
		s.rect(left+44+float64(i)*22, ly-11, 20, 12, c, "")
	}
	s.text(left+44+float64(len(heatShades))*22+4, ly, "start", "more (most: "+strconv.FormatInt(most, 10)+" in an hour slot)")
	figure(bw, "Incidents opened, by weekday and hour of the day", s.end())
	bw.WriteString("</section>\n")
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

var agingNames = []string{"< 1 day", "1-5 days", "5-10 days", "10-30 days", "30+ days"}
var agingShades = []string{"#fdd0a2", "#fdae6b", "#f16913", "#d94801", "#7f2704"}

// writeAging writes the backlog as of AsOf by age, a stacked bar for
// "all" and one for each group of agingGrouping.
func (r Report) writeAging(bw *bufio.Writer) {
	all, ok := r.all()
	if !ok || all.Stats.Counts == nil || all.Stats.Counts.Aging == nil {
		return
	}
	asOf := r.Period.AsOf
	if asOf.IsZero() {
		asOf = r.Period.To
	}
	bw.WriteString("<section id=\"aging\"><h2>Backlog aging as of " + esc(asOf.In(r.location()).Format(instantLayout)) + "</h2>\n")
	g := r.agingGrouping()
	writeAgingChart(bw, g.Key, agingBars(all, g))
	bw.WriteString("</section>\n")
}

// agingGrouping is the grouping the aging chart has a bar per group of:
// priority if the report has it, else the first after "all", else "all".
func (r Report) agingGrouping() Grouping {
	if p, ok := r.grouping(KeyPriority); ok {
		return p
	}
	if len(r.Groupings) > 1 {
		return r.Groupings[1]
	}
	return r.Groupings[0]
}

// agingBar is one bar of the aging chart: a group's backlog per age class.
type agingBar struct {
	label  string
	counts [5]int64
	total  int64
}

// agingBars makes the bars of "all" and of g's groups (only "all" when g
// is "all"), leaving out groups without aging.
func agingBars(all Group, g Grouping) []agingBar {
	bars := []agingBar{}
	rowsOf := append([]Group{all}, g.Groups...)
	if g.Key == KeyAll {
		rowsOf = []Group{all}
	}
	for i, grp := range rowsOf {
		c := grp.Stats.Counts
		if c == nil || c.Aging == nil {
			continue
		}
		b := agingBar{label: groupLabel(grp.Value)}
		if i == 0 {
			b.label = "all"
		}
		for k := 0; k < 5; k++ {
			b.counts[k] = *c.Aging.class(k)
			b.total += b.counts[k]
		}
		bars = append(bars, b)
	}
	return bars
}

// writeAgingChart writes the figure of the bars, per the grouping named
// key: each bar stacks the age classes from the youngest.
func writeAgingChart(bw *bufio.Writer, key string, bars []agingBar) {
	rowH := 26.0
	h := padT + rowH*float64(len(bars)) + 34
	s := newSVG("Backlog aging per "+key, h)
	var most int64
	for _, b := range bars {
		most = max(most, b.total)
	}
	if most == 0 {
		figure(bw, "Open incidents by age", s.noData())
		return
	}
	s.legend(agingNames, agingShades, nil)
	top, step := countAxis(most)
	x := func(v int64) float64 { return padL + 40 + (plotW-40)*float64(v)/float64(top) }
	base := padT + rowH*float64(len(bars))
	for v := int64(0); v <= top; v += step {
		s.line(x(v), padT, x(v), base, "#e3e3e3", "")
		s.text(x(v), base+16, "middle", strconv.FormatInt(v, 10))
	}
	for i, b := range bars {
		y := padT + float64(i)*rowH + 4
		s.text(x(0)-6, y+rowH/2+1, "end", b.label)
		var acc int64
		for k, n := range b.counts {
			if n > 0 {
				s.rect(x(acc), y, x(acc+n)-x(acc), rowH-8, agingShades[k], b.label+", "+agingNames[k]+": "+strconv.FormatInt(n, 10)+" open")
			}
			acc += n
		}
	}
	figure(bw, "Open incidents by age, per "+key+" (days of 24 hours)", s.end())
}

func (r Report) writeTop(bw *bufio.Writer) {
	if r.Top == nil {
		return
	}
	bw.WriteString("<section id=\"top\"><h2>Top services and categories</h2>\n<div class=\"charts\">\n")
	for _, x := range []struct {
		name string
		list []Volume
	}{{"service", r.Top.Services}, {"category", r.Top.Categories}} {
		bw.WriteString("<figure><figcaption>By " + x.name + ": most opened and most breached</figcaption>\n")
		if len(x.list) == 0 {
			bw.WriteString("<p>No incident in the period.</p></figure>\n")
			continue
		}
		var most int64
		for _, v := range x.list {
			most = max(most, v.Opened, v.Breached)
		}
		bw.WriteString("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">" + x.name + "</th><th scope=\"col\">opened</th><th scope=\"col\"></th><th scope=\"col\">SLA breaches</th><th scope=\"col\"></th></tr></thead><tbody>\n")
		for _, v := range x.list {
			bw.WriteString("<tr><td>" + esc(groupLabel(v.Value)) + "</td><td class=\"n\">" + strconv.FormatInt(v.Opened, 10) + "</td>" +
				barCell(v.Opened, most, "#0072B2") + "<td class=\"n\">" + strconv.FormatInt(v.Breached, 10) + "</td>" + barCell(v.Breached, most, "#D55E00") + "</tr>\n")
		}
		bw.WriteString("</tbody></table></div></figure>\n")
	}
	bw.WriteString("</div>\n</section>\n")
}

func barCell(v, most int64, color string) string {
	w := 0.0
	if most > 0 {
		w = 120 * float64(v) / float64(most)
	}
	return `<td class="bar"><span style="width:` + num(w) + `px;background:` + color + `"></span></td>`
}

// breachOrder lists breaches by priority (P1 first, none last), then the
// largest overrun, then as the report lists them.
func breachOrder(list []Breach) []Breach {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(x, y Breach) int {
		px, py := int(x.Priority), int(y.Priority)
		if px == 0 {
			px = math.MaxInt32
		}
		if py == 0 {
			py = math.MaxInt32
		}
		return cmp.Or(cmp.Compare(px, py), cmp.Compare(y.Overrun, x.Overrun))
	})
	return out
}

// writeBreaches writes the drill-down of the listed breaches: all of them
// as the section id, or a customer's SLA breaches when id is "".
func (r Report) writeBreaches(bw *bufio.Writer, customer, id string) {
	if r.Breaches == nil {
		return
	}
	loc := r.location()
	var list []Breach
	for _, b := range r.Breaches.Listed {
		if id != "" || (b.Customer == customer && b.Kind == sla.SLA) { // a customer is told of SLA breaches
			list = append(list, b)
		}
	}
	if id != "" {
		bw.WriteString("<section id=\"" + id + "\"><h2>SLA and OLA breaches: the " + strconv.Itoa(len(list)) + " largest of " +
			strconv.FormatInt(r.Breaches.Total, 10) + ", by priority, then overrun</h2>\n")
	} else {
		bw.WriteString("<h3>SLA breaches explained (" + strconv.Itoa(len(list)) + " listed)</h3>\n")
	}
	if len(list) == 0 {
		bw.WriteString("<p>No breach listed.</p>\n")
	}
	for i, b := range breachOrder(list) {
		open := ""
		if i == 0 {
			open = " open" // the first explained, the others a click away
		}
		bw.WriteString("<details" + open + "><summary>" + esc(b.Priority.String()+" · "+b.Incident+" · "+groupLabel(b.Customer)+" · "+
			b.Kind.String()+" "+b.Policy+" "+string(b.Metric)+" · breached "+b.BreachedAt.In(loc).Format(instantLayout)+
			" · goal "+humanDuration(b.Goal)+", overrun "+humanDuration(b.Overrun)) + "</summary>\n")
		bw.WriteString("<p class=\"note\">" + esc("Service "+groupLabel(b.Service)+"; held by "+groupLabel(b.Group)+" at the breach; cycle "+strconv.Itoa(b.Cycle)+".") + "</p>\n")
		if len(b.Timeline) == 0 {
			bw.WriteString("<p class=\"note\">No timeline recorded for this breach.</p>\n")
		} else {
			bw.WriteString("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">time (" + esc(r.Period.Zone) +
				")</th><th scope=\"col\">step</th><th scope=\"col\">accrued</th><th scope=\"col\">of goal</th></tr></thead><tbody>\n")
			for _, st := range b.Timeline {
				share := "n/a"
				if b.Goal > 0 {
					share = strconv.FormatFloat(100*float64(st.Accrued)/float64(b.Goal), 'f', 0, 64) + "%"
				}
				bw.WriteString("<tr><td>" + esc(st.At.In(loc).Format(instantLayout)) + "</td><td>" + esc(st.What) +
					"</td><td class=\"n\">" + esc(humanDuration(st.Accrued)) + "</td><td class=\"n\">" + share + "</td></tr>\n")
			}
			bw.WriteString("</tbody></table></div>\n")
		}
		bw.WriteString("</details>\n")
	}
	if id != "" {
		bw.WriteString("</section>\n")
	}
}

func (r Report) customerGroup(customer string) (Group, bool) {
	g, ok := r.grouping(KeyCustomer)
	if !ok {
		return Group{}, false
	}
	for _, grp := range g.Groups {
		if grp.Value == customer {
			return grp, true
		}
	}
	return Group{}, false
}

func (r Report) writeCustomers(bw *bufio.Writer) {
	g, ok := r.grouping(KeyCustomer)
	bw.WriteString("<section id=\"customers\"><h2>Per customer</h2>\n")
	if !ok {
		bw.WriteString("<p>Group the report by customer for a section per customer.</p>\n</section>\n")
		return
	}
	bw.WriteString("<p>")
	for _, grp := range g.Groups {
		bw.WriteString(`<a href="#customer-` + esc(anchor(grp.Value)) + `">` + esc(groupLabel(grp.Value)) + "</a> ")
	}
	bw.WriteString("</p>\n")
	for _, grp := range g.Groups {
		bw.WriteString(`<div class="customer" id="customer-` + esc(anchor(grp.Value)) + `"><h2>` + esc(groupLabel(grp.Value)) + "</h2>\n")
		r.writeCustomer(bw, grp)
		bw.WriteString("</div>\n")
	}
	bw.WriteString("</section>\n")
}

// anchor makes an id of a value: letters and digits kept, others as "-"
// and their code, so that ids stay distinct.
func anchor(v string) string {
	var b strings.Builder
	for _, c := range v {
		if c < 128 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b.WriteRune(c)
		} else {
			b.WriteString("-" + strconv.Itoa(int(c)))
		}
	}
	return b.String()
}

// writeCustomer writes what a customer is told: compliance per policy and
// metric, headline durations and counts, and every listed breach
// explained.
func (r Report) writeCustomer(bw *bufio.Writer, grp Group) {
	target := r.Period.Targets.Compliance
	t := table{title: "SLA compliance per policy and metric", head: []string{"policy", "metric", "compliance", "met", "breached", "cancelled"},
		right: []bool{false, false, true, true, true, true}}
	for _, c := range grp.Stats.SLA {
		if c.Policy == AllPolicies || c.Kind != sla.SLA { // OLAs are the provider's own business
			continue
		}
		t.rows = append(t.rows, []string{c.Policy, string(c.Metric), ratioText(c.Ratio(), target),
			strconv.FormatInt(c.Met, 10), strconv.FormatInt(c.Breached, 10), strconv.FormatInt(c.Cancelled, 10)})
	}
	t.note = "No SLA cycle was decided in the period."
	if len(t.rows) > 0 {
		t.note = "Compliance = met / (met + breached); cancelled cycles are excluded."
	}
	writeTable(bw, t, "h3")
	k := table{title: "Incidents", head: []string{"KPI", "value"}, right: []bool{false, true}}
	for _, kv := range statRows(Stats{Counts: grp.Stats.Counts, Durations: grp.Stats.Durations, Rates: grp.Stats.Rates}, true) {
		switch kv.kpi {
		case "opened", "resolved", "backlog_end", "mtta_wall_mean", "mttr_wall_mean", "mttr_wall_median", "mttr_wall_p90",
			"mttr_business_mean", "first_contact_resolution", "reopen_rate":
			k.rows = append(k.rows, []string{kpiLabel(kv.kpi), kv.value.String()})
			if kv.value.Few {
				k.note = noteFew
			}
		}
	}
	if len(grp.Calendars) > 0 {
		k.rows = append(k.rows, []string{"business hours measured on", strings.Join(grp.Calendars, ", ")})
	}
	writeTable(bw, k, "h3")
	r.writeBreaches(bw, grp.Value, "")
	if r.Breaches != nil && int64(len(r.Breaches.Listed)) < r.Breaches.Total {
		bw.WriteString("<p class=\"note\">" + esc("The report lists the "+strconv.Itoa(len(r.Breaches.Listed))+
			" largest breaches of "+strconv.FormatInt(r.Breaches.Total, 10)+"; the compliance above counts every one.") + "</p>\n")
	}
}
