package report

import (
	"cmp"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/sla"
)

// The period-wide views a dashboard needs beyond the KPIs per group: the
// arrival pattern (weekday x hour), the volume and breaches per service
// and category, and the median and p90 trends of MTTA and MTTR.

// Arrivals counts the openings of the period by weekday and hour of the
// day in the report's zone: Counts[0] is Monday, Counts[d][h] the hour
// h:00 to h+1:00 (FamilyCounts).
type Arrivals struct {
	Counts [7][24]int64 `json:"counts"`
}

// Volume is a service's or category's incidents opened in the period and
// its SLA breaches in the period (breached cycles of SLA, not OLA,
// policies).
type Volume struct {
	Value    string `json:"value"`
	Opened   int64  `json:"opened"`
	Breached int64  `json:"breached"`
}

// Top lists the services and categories with the most incidents and the
// most breaches (FamilyCounts): the TopLimit first by each, most opened
// first.
type Top struct {
	Services   []Volume `json:"services,omitempty"`
	Categories []Volume `json:"categories,omitempty"`
}

// TopLimit is how many services (and categories) Top lists by volume, and
// how many by breaches.
const TopLimit = 10

// volume counts, by interned string: as a service and as a category.
type volume struct{ svcOpened, svcBreached, catOpened, catBreached int64 }

// Trend indexes of Accumulator.trend: the wall-clock MTTA and MTTR per
// bucket of the "all" group.
const (
	trendMTTA = iota
	trendMTTR
	nTrend
)

// initOverview makes room for the trends: one run of samples per bucket.
func (a *Accumulator) initOverview() {
	if a.has[FamilyDurations] && len(a.spans) > 1 {
		for k := range a.trend {
			a.trend[k] = make([]samples, len(a.spans))
		}
	}
}

func (a *Accumulator) volumeAt(id uint32) *volume {
	for int(id) >= len(a.volumes) {
		a.volumes = append(a.volumes, volume{})
	}
	return &a.volumes[id]
}

// addOverview adds r's opening and breaches to the arrivals and volumes,
// and its MTTA and MTTR samples to the trends.
func (a *Accumulator) addOverview(r *Record, fx *facts, fid *[nFields]uint32) {
	if a.has[FamilyCounts] {
		if fx.opened >= 0 {
			day, hour := a.weekHour(r.OpenedAt)
			a.arrivals[day][hour]++
			a.volumeAt(fid[fieldService]).svcOpened++
			a.volumeAt(fid[fieldCategory]).catOpened++
		}
		if fx.breached > 0 {
			a.volumeAt(fid[fieldService]).svcBreached += int64(fx.breached)
			a.volumeAt(fid[fieldCategory]).catBreached += int64(fx.breached)
		}
	}
	if a.trend[0] != nil {
		for _, d := range fx.durs {
			switch d.dur {
			case 2 * durMTTA:
				a.trend[trendMTTA][d.bucket].add(d.v)
			case 2 * durMTTR:
				a.trend[trendMTTR][d.bucket].add(d.v)
			}
		}
	}
}

// weekHour returns the weekday (0 Monday) and hour of t in the report's
// zone. The zone's offset is cached with the span it holds for, which a
// period's openings mostly share.
func (a *Accumulator) weekHour(t time.Time) (int, int) {
	u := t.Unix()
	if u < a.zoneFrom || u >= a.zoneTo {
		_, off := t.In(a.spec.Location).Zone()
		start, end := t.In(a.spec.Location).ZoneBounds()
		a.zoneOffset, a.zoneFrom, a.zoneTo = int64(off), math.MinInt64, math.MaxInt64
		if !start.IsZero() {
			a.zoneFrom = start.Unix()
		}
		if !end.IsZero() {
			a.zoneTo = end.Unix()
		}
	}
	local := u + a.zoneOffset
	days := local / 86400
	secs := local % 86400
	if secs < 0 {
		days, secs = days-1, secs+86400
	}
	// 1 January 1970 was a Thursday: weekday 3 counting from Monday.
	wd := (days + 3) % 7
	if wd < 0 {
		wd += 7
	}
	return int(wd), int(secs / 3600)
}

// countBreaches counts r's SLA-kind breaches in the period.
func (a *Accumulator) countBreaches(r *Record) int {
	n := 0
	for i := range r.SLA {
		o := &r.SLA[i]
		if o.State == sla.Breached && o.Kind == sla.SLA && a.bucket(o.BreachedAt.UnixNano()) >= 0 {
			n++
		}
	}
	return n
}

func (a *Accumulator) mergeOverview(o *Accumulator) {
	for d := range a.arrivals {
		for h := range a.arrivals[d] {
			a.arrivals[d][h] += o.arrivals[d][h]
		}
	}
	for i, v := range o.volumes {
		if v == (volume{}) {
			continue
		}
		w := a.volumeAt(a.strs.id(o.strs.names[i]))
		w.svcOpened += v.svcOpened
		w.svcBreached += v.svcBreached
		w.catOpened += v.catOpened
		w.catBreached += v.catBreached
	}
	if a.trend[0] != nil {
		for k := range a.trend {
			for b := range a.trend[k] {
				a.trend[k][b].merge(&o.trend[k][b])
			}
		}
	}
}

// topReport lists the TopLimit first services and categories by volume
// and by breaches.
func (a *Accumulator) topReport() *Top {
	var svc, cat []Volume
	for i, v := range a.volumes {
		name := a.strs.names[i]
		if v.svcOpened > 0 || v.svcBreached > 0 {
			svc = append(svc, Volume{name, v.svcOpened, v.svcBreached})
		}
		if v.catOpened > 0 || v.catBreached > 0 {
			cat = append(cat, Volume{name, v.catOpened, v.catBreached})
		}
	}
	return &Top{Services: topOf(svc), Categories: topOf(cat)}
}

func topOf(all []Volume) []Volume {
	byOpened := func(x, y Volume) int {
		return cmp.Or(cmp.Compare(y.Opened, x.Opened), cmp.Compare(y.Breached, x.Breached), strings.Compare(x.Value, y.Value))
	}
	slices.SortFunc(all, func(x, y Volume) int {
		return cmp.Or(cmp.Compare(y.Breached, x.Breached), byOpened(x, y))
	})
	var out []Volume
	for i, v := range all {
		if i < TopLimit && v.Breached > 0 {
			out = append(out, v)
		}
	}
	slices.SortFunc(all, byOpened)
	for _, v := range all[:min(TopLimit, len(all))] {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, byOpened)
	return out
}

// trendQuantiles sets the quantiles of the wall-clock MTTA and MTTR of
// each bucket of the "all" group.
func (a *Accumulator) trendQuantiles(g *Group, scratch *[]int64) {
	if d := g.Stats.Durations; d != nil && len(g.Buckets) == 1 && g.Buckets[0].Durations != nil {
		// One bucket is the period: its quantiles are the period's.
		b := g.Buckets[0].Durations
		b.MTTA.Wall.Quantiles, b.MTTR.Wall.Quantiles = cloneQuantiles(d.MTTA.Wall.Quantiles), cloneQuantiles(d.MTTR.Wall.Quantiles)
		return
	}
	if a.trend[0] == nil {
		return
	}
	var merged samples
	for b := range g.Buckets {
		d := g.Buckets[b].Durations
		if d == nil {
			continue
		}
		for k, dist := range []*Distribution{&d.MTTA.Wall, &d.MTTR.Wall} {
			s := &a.trend[k][b]
			if s.n == 0 {
				continue
			}
			s.sortAll(scratch)
			q := quantiles([]*samples{s}, s.n, &merged, scratch)
			dist.Quantiles = &q
		}
	}
}

// Moment is one line of a breached SLA clock's timeline (sla.Moment, the
// same word), for the drill-down that settles a dispute: what happened (the clock action's word, "threshold"
// or "breach") and the business time accrued at that instant.
type Moment struct {
	At      time.Time
	What    string
	Accrued time.Duration
}

type stepJSON struct {
	At      time.Time         `json:"at"`
	What    string            `json:"what"`
	Accrued duration.Duration `json:"accrued"`
}

// MarshalJSON implements json.Marshaler (the accrued time as a Go
// duration).
func (s Moment) MarshalJSON() ([]byte, error) {
	return json.Marshal(stepJSON{s.At, s.What, duration.Duration(s.Accrued)})
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *Moment) UnmarshalJSON(b []byte) error {
	var j stepJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = Moment{j.At, j.What, time.Duration(j.Accrued)}
	return nil
}

func cloneQuantiles(q *Quantiles) *Quantiles {
	if q == nil {
		return nil
	}
	c := *q
	return &c
}
