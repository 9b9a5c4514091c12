package report

import (
	"bufio"
	"html"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// WriteHTML writes the report as one self-contained HTML page: the same
// tables as WriteText, preceded by inline SVG charts (SLA compliance per
// bucket, created vs resolved per bucket, backlog over the period, and the
// distribution of the time to resolve per priority). It has no
// JavaScript, no external style sheet, font or image, so it can be mailed
// or archived as it is.
func (r Report) WriteHTML(w io.Writer) error {
	bw := bufio.NewWriter(w)
	title, lines := r.heading()
	bw.WriteString(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>` + html.EscapeString(title) + `</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;font-size:.85em}
th,td{border:1px solid #ccc;padding:.25em .6em}th{background:#f2f2f2}
td.n{text-align:right;font-variant-numeric:tabular-nums}
figure{display:inline-block;margin:0 1.5em 1.5em 0;vertical-align:top}
figcaption{font-weight:600;margin-bottom:.3em}
svg text{font-size:11px;fill:#333}
</style>
</head>
<body>
<h1>` + html.EscapeString(title) + "</h1>\n<p>")
	for i, l := range lines {
		if i > 0 {
			bw.WriteString("<br>\n")
		}
		bw.WriteString(html.EscapeString(l))
	}
	bw.WriteString("</p>\n")
	for _, c := range r.charts() {
		bw.WriteString("<figure><figcaption>" + html.EscapeString(c.caption) + "</figcaption>\n" + c.svg + "</figure>\n")
	}
	for _, t := range r.tables() {
		bw.WriteString("<h2>" + html.EscapeString(t.title) + "</h2>\n")
		if len(t.rows) == 0 {
			bw.WriteString("<p>" + html.EscapeString(t.note) + "</p>\n")
			continue
		}
		bw.WriteString("<table>\n<thead><tr>")
		for _, h := range t.head {
			bw.WriteString("<th>" + html.EscapeString(h) + "</th>")
		}
		bw.WriteString("</tr></thead>\n<tbody>\n")
		for _, row := range t.rows {
			bw.WriteString("<tr>")
			for i, c := range row {
				if t.right[i] {
					bw.WriteString(`<td class="n">`)
				} else {
					bw.WriteString("<td>")
				}
				bw.WriteString(html.EscapeString(c) + "</td>")
			}
			bw.WriteString("</tr>\n")
		}
		bw.WriteString("</tbody>\n</table>\n")
		if t.note != "" {
			bw.WriteString("<p>" + html.EscapeString(t.note) + "</p>\n")
		}
	}
	bw.WriteString("</body>\n</html>\n")
	return bw.Flush()
}

type chart struct{ caption, svg string }

// Chart geometry, in SVG user units.
const (
	chartW, chartH                      = 640.0, 260.0
	padLeft, padRight, padTop, padBotom = 56.0, 16.0, 28.0, 44.0
	plotW, plotH                        = chartW - padLeft - padRight, chartH - padTop - padBotom
)

var palette = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"}

func num(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

type svgBuilder struct{ strings.Builder }

func newSVG(label string) *svgBuilder {
	s := &svgBuilder{}
	s.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="` + num(chartW) + `" height="` + num(chartH) +
		`" viewBox="0 0 ` + num(chartW) + " " + num(chartH) + `" role="img" aria-label="` + html.EscapeString(label) + `">` + "\n")
	return s
}

func (s *svgBuilder) text(x, y float64, anchor, t string) {
	s.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `" text-anchor="` + anchor + `">` + html.EscapeString(t) + "</text>\n")
}

func (s *svgBuilder) line(x1, y1, x2, y2 float64, stroke string) {
	s.WriteString(`<line x1="` + num(x1) + `" y1="` + num(y1) + `" x2="` + num(x2) + `" y2="` + num(y2) + `" stroke="` + stroke + `"/>` + "\n")
}

func (s *svgBuilder) rect(x, y, w, h float64, fill, title string) {
	s.WriteString(`<rect x="` + num(x) + `" y="` + num(y) + `" width="` + num(w) + `" height="` + num(h) + `" fill="` + fill + `">`)
	if title != "" {
		s.WriteString("<title>" + html.EscapeString(title) + "</title>")
	}
	s.WriteString("</rect>\n")
}

func (s *svgBuilder) polyline(pts [][2]float64, stroke string) {
	if len(pts) < 2 {
		return
	}
	s.WriteString(`<polyline fill="none" stroke="` + stroke + `" stroke-width="2" points="`)
	for i, p := range pts {
		if i > 0 {
			s.WriteString(" ")
		}
		s.WriteString(num(p[0]) + "," + num(p[1]))
	}
	s.WriteString(`"/>` + "\n")
}

func (s *svgBuilder) circle(x, y float64, fill, title string) {
	s.WriteString(`<circle cx="` + num(x) + `" cy="` + num(y) + `" r="3" fill="` + fill + `"><title>` + html.EscapeString(title) + "</title></circle>\n")
}

// legend writes the series names across the top.
func (s *svgBuilder) legend(names, colors []string) {
	x := padLeft
	for i, n := range names {
		s.rect(x, 8, 10, 10, colors[i%len(colors)], "")
		s.text(x+14, 17, "start", n)
		x += 24 + 7*float64(len(n))
	}
}

func (s *svgBuilder) noData() string {
	s.text(chartW/2, chartH/2, "middle", "no data")
	s.WriteString("</svg>\n")
	return s.String()
}

// yAxis draws horizontal grid lines at the ticks with their labels.
func (s *svgBuilder) yAxis(ticks []float64, max float64, label func(float64) string) {
	for _, t := range ticks {
		y := padTop + plotH - plotH*t/max
		s.line(padLeft, y, padLeft+plotW, y, "#e0e0e0")
		s.text(padLeft-6, y+4, "end", label(t))
	}
	s.line(padLeft, padTop+plotH, padLeft+plotW, padTop+plotH, "#888")
}

// xLabels writes bucket labels under the plot, thinned to about twelve.
func (s *svgBuilder) xLabels(labels []string, at func(int) float64) {
	step := (len(labels) + 11) / 12
	for i, l := range labels {
		if i%max(step, 1) == 0 {
			s.text(at(i), padTop+plotH+16, "middle", l)
		}
	}
}

// niceCeil returns 1, 2 or 5 times a power of ten at or above v (at least
// 1), and four ticks up to it.
func niceCeil(v float64) (float64, []float64) {
	if !(v > 1) {
		v = 1
	}
	exp := math.Pow(10, math.Floor(math.Log10(v)))
	top := 10 * exp
	for _, f := range []float64{1, 2, 5} {
		if f*exp >= v {
			top = f * exp
			break
		}
	}
	return top, []float64{0, top / 4, top / 2, 3 * top / 4, top}
}

func (r Report) charts() []chart {
	if len(r.Groupings) == 0 || len(r.Groupings[0].Groups) == 0 {
		return nil
	}
	all := r.Groupings[0].Groups[0]
	spans, stats := r.bucketStats(all)
	labels := make([]string, len(spans))
	for i, b := range spans {
		labels[i] = b.Label
	}
	n := float64(max(len(labels), 1))
	center := func(i int) float64 { return padLeft + (float64(i)+0.5)*plotW/n }
	var out []chart
	if r.Period.Has(FamilySLA) {
		out = append(out, chart{"SLA compliance per " + r.Period.Bucket.String(), slaChart(all.Stats.SLA, stats, labels, center)})
	}
	if r.Period.Has(FamilyCounts) {
		out = append(out, chart{"Created vs resolved per " + r.Period.Bucket.String(), flowChart(stats, labels, center)},
			chart{"Backlog", backlogChart(stats, labels)})
	}
	if r.Period.Has(FamilyDurations) {
		g := r.Groupings[0]
		for _, grp := range r.Groupings {
			if grp.Key == KeyPriority {
				g = grp
			}
		}
		if g.Key == KeyAll && len(r.Groupings) > 1 {
			g = r.Groupings[1]
		}
		clock := "wall clock"
		if r.Period.BusinessHours {
			clock = "business hours"
		}
		per := " per " + g.Key
		if g.Key == KeyAll {
			per = ", all incidents"
		}
		out = append(out, chart{"Time to resolve" + per + " (" + clock + "): median, p90, p95, p99", durationChart(g, r.Period.BusinessHours)})
	}
	return out
}

func slaChart(period []Compliance, stats []Stats, labels []string, center func(int) float64) string {
	s := newSVG("SLA compliance per bucket")
	var series []Compliance
	for _, c := range period {
		if c.Policy == AllPolicies {
			series = append(series, c)
		}
	}
	if len(series) == 0 {
		return s.noData()
	}
	names := make([]string, len(series))
	for i, c := range series {
		names[i] = c.Kind.String() + " " + string(c.Metric)
	}
	s.legend(names, palette)
	s.yAxis([]float64{0, 25, 50, 75, 100}, 100, func(v float64) string { return strconv.Itoa(int(v)) + "%" })
	s.xLabels(labels, center)
	for si, c := range series {
		color := palette[si%len(palette)]
		var pts [][2]float64
		for i, st := range stats {
			v, ok := Fraction{}, false
			for _, b := range st.SLA {
				if b.Kind == c.Kind && b.Policy == AllPolicies && b.Metric == c.Metric {
					v, ok = b.Ratio(), true
				}
			}
			ratio, valid := v.Value()
			if !ok || !valid {
				s.polyline(pts, color)
				pts = pts[:0]
				continue
			}
			p := [2]float64{center(i), padTop + plotH - plotH*ratio}
			pts = append(pts, p)
			s.circle(p[0], p[1], color, labels[i]+": "+names[si]+" "+ratioValue(ratio, true).String())
		}
		s.polyline(pts, color)
	}
	s.WriteString("</svg>\n")
	return s.String()
}

func flowChart(stats []Stats, labels []string, center func(int) float64) string {
	s := newSVG("Created vs resolved per bucket")
	top := 0.0
	for _, st := range stats {
		if c := st.Counts; c != nil {
			top = math.Max(top, math.Max(float64(c.Opened), float64(c.Resolved)))
		}
	}
	if top == 0 {
		return s.noData()
	}
	top, ticks := niceCeil(top)
	s.legend([]string{"created", "resolved"}, palette)
	s.yAxis(ticks, top, func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) })
	s.xLabels(labels, center)
	bw := 0.4 * plotW / float64(max(len(labels), 1))
	for i, st := range stats {
		c := st.Counts
		if c == nil {
			continue
		}
		for k, v := range []int64{c.Opened, c.Resolved} {
			h := plotH * float64(v) / top
			name := [...]string{"created", "resolved"}[k]
			s.rect(center(i)-bw+float64(k)*bw, padTop+plotH-h, bw, h, palette[k], labels[i]+": "+strconv.FormatInt(v, 10)+" "+name)
		}
	}
	s.WriteString("</svg>\n")
	return s.String()
}

func backlogChart(stats []Stats, labels []string) string {
	s := newSVG("Backlog")
	var values []int64
	for i, st := range stats {
		if st.Counts == nil {
			return s.noData()
		}
		if i == 0 {
			values = append(values, st.Counts.BacklogStart)
		}
		values = append(values, st.Counts.BacklogEnd)
	}
	top := 0.0
	for _, v := range values {
		top = math.Max(top, float64(v))
	}
	if len(values) == 0 || top == 0 {
		return s.noData()
	}
	top, ticks := niceCeil(top)
	n := float64(len(values) - 1)
	at := func(i int) float64 { return padLeft + float64(i)*plotW/n }
	s.yAxis(ticks, top, func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) })
	s.xLabels(labels, func(i int) float64 { return at(i) + plotW/(2*n) })
	var pts [][2]float64
	for i, v := range values {
		pts = append(pts, [2]float64{at(i), padTop + plotH - plotH*float64(v)/top})
	}
	s.polyline(pts, palette[0])
	for i, p := range pts {
		when := "start"
		if i > 0 {
			when = "end of " + labels[i-1]
		}
		s.circle(p[0], p[1], palette[0], when+": "+strconv.FormatInt(values[i], 10)+" open")
	}
	s.WriteString("</svg>\n")
	return s.String()
}

// maxAxis is the longest duration the time-to-resolve axis shows.
const maxAxis = 100 * 365 * 24 * time.Hour

var durationSteps = []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour,
	2 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour, 48 * time.Hour, 7 * 24 * time.Hour,
	14 * 24 * time.Hour, 30 * 24 * time.Hour, 90 * 24 * time.Hour, 365 * 24 * time.Hour}

func durationChart(g Grouping, business bool) string {
	s := newSVG("Time to resolve per group")
	type bar struct {
		label string
		q     Quantiles
	}
	var bars []bar
	var longest time.Duration
	for _, grp := range g.Groups {
		d := grp.Stats.Durations
		if d == nil {
			continue
		}
		dist := d.MTTR.Wall
		if business && d.MTTR.Business != nil {
			dist = *d.MTTR.Business
		}
		if dist.Quantiles == nil {
			continue
		}
		bars = append(bars, bar{groupLabel(grp.Value), *dist.Quantiles})
		longest = max(longest, dist.Quantiles.P99)
	}
	if len(bars) == 0 {
		return s.noData()
	}
	// A report read from JSON may hold any quantile: the axis stops at a
	// century, so that it has a bounded number of ticks and no overflow.
	longest = min(longest, maxAxis)
	step := durationSteps[len(durationSteps)-1]
	for _, st := range durationSteps {
		if time.Duration(4)*st >= longest {
			step = st
			break
		}
	}
	ticks := max(4, int(longest/step)) // beyond the last step: a tick per step
	if time.Duration(ticks)*step < longest {
		ticks++
	}
	top := time.Duration(ticks) * step
	shades := []string{palette[0], "#6baed6", "#9ecae1", "#c6dbef"}
	s.legend([]string{"median", "p90", "p95", "p99"}, shades)
	left, width := padLeft+24, plotW-24
	for k := 0; k <= ticks; k++ {
		t := time.Duration(k) * step
		x := left + width*float64(t)/float64(top)
		s.line(x, padTop, x, padTop+plotH, "#e0e0e0")
		anchor := "middle"
		if k == ticks {
			anchor = "end" // keep the last label inside the picture
		}
		s.text(x, padTop+plotH+16, anchor, shortDuration(t))
	}
	rowH := plotH / float64(len(bars))
	for i, b := range bars {
		y := padTop + float64(i)*rowH + rowH*0.15
		h := rowH * 0.7
		s.text(left-6, y+h/2+4, "end", b.label)
		for k, v := range []time.Duration{b.q.P99, b.q.P95, b.q.P90, b.q.Median} {
			name := [...]string{"p99", "p95", "p90", "median"}[k]
			s.rect(left, y, width*float64(min(max(v, 0), top))/float64(top), h, shades[3-k], b.label+" "+name+": "+v.Round(time.Second).String())
		}
	}
	s.WriteString("</svg>\n")
	return s.String()
}

// shortDuration writes an axis label (d >= 0): whole days as "3d", the
// rest as a Go duration rounded to the second without its zero units
// ("1h30m", "45m", "36h", "1h5s").
func shortDuration(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d == 0:
		return "0"
	case d%day == 0:
		return strconv.FormatInt(int64(d/day), 10) + "d"
	}
	d = d.Round(time.Second)
	var b []byte
	for _, u := range [...]struct {
		unit time.Duration
		name byte
	}{{time.Hour, 'h'}, {time.Minute, 'm'}, {time.Second, 's'}} {
		if n := d / u.unit; n != 0 {
			b = append(strconv.AppendInt(b, int64(n), 10), u.name)
			d -= n * u.unit
		}
	}
	if len(b) == 0 {
		return "0" // under half a second
	}
	return string(b)
}
