package report

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// recurrence keeps, per key and category, the openings in the period and
// the incidents' IDs (once each, in an arena: a million IDs cost their
// bytes and four more each).
type recurrence struct {
	ids  []byte
	ends []uint32 // ID i is ids[ends[i-1]:ends[i]]
	keys map[recurKey]*recurList
}

type recurKey struct {
	by              string
	value, category string
}

type recurList struct {
	at []int64
	id []uint32
}

func (rc *recurrence) id(i uint32) string {
	start := uint32(0)
	if i > 0 {
		start = rc.ends[i-1]
	}
	return string(rc.ids[start:rc.ends[i]])
}

func (rc *recurrence) storeID(id string) uint32 {
	if len(rc.ids)+len(id) > math.MaxUint32 {
		id = "" // beyond 4 GiB of IDs: keep counting, stop naming
	}
	rc.ids = append(rc.ids, id...)
	rc.ends = append(rc.ends, uint32(len(rc.ids)))
	return uint32(len(rc.ends) - 1)
}

func (rc *recurrence) add(r *Record, a *Accumulator) {
	at := r.OpenedAt.UnixNano()
	if at < a.from || at >= a.to {
		return
	}
	stored, id := false, uint32(0)
	for _, by := range a.spec.Recurring.By {
		value := r.Service
		if by == KeyConfigurationItem {
			value = r.ConfigurationItem
		}
		if value == "" {
			continue
		}
		if !stored {
			id, stored = rc.storeID(r.ID), true
		}
		k := recurKey{by, value, r.Category}
		l := rc.keys[k]
		if l == nil {
			l = &recurList{}
			rc.keys[recurKey{by, strings.Clone(value), strings.Clone(r.Category)}] = l
		}
		l.at = append(l.at, at)
		l.id = append(l.id, id)
	}
}

func (rc *recurrence) merge(o *recurrence) {
	base := uint32(len(rc.ends))
	offset := uint32(len(rc.ids))
	rc.ids = append(rc.ids, o.ids...)
	for _, e := range o.ends {
		rc.ends = append(rc.ends, e+offset)
	}
	for k, ol := range o.keys {
		l := rc.keys[k]
		if l == nil {
			l = &recurList{}
			rc.keys[k] = l
		}
		l.at = append(l.at, ol.at...)
		for _, i := range ol.id {
			l.id = append(l.id, i+base)
		}
	}
}

// report finds, per key and category, the incidents that lie in a window
// of threshold openings spanning less than window: sorted by opening (then
// ID), every i with at[i+N-1] - at[i] < window marks i..i+N-1.
func (rc *recurrence) report(spec *Spec) []Recurrence {
	n, window := spec.Recurring.Threshold, int64(spec.Recurring.Window)
	var out []Recurrence
	type entry struct {
		at int64
		id string
	}
	var list []entry
	for k, l := range rc.keys {
		if len(l.at) < n {
			continue
		}
		list = list[:0]
		for i := range l.at {
			list = append(list, entry{l.at[i], rc.id(l.id[i])})
		}
		slices.SortFunc(list, func(x, y entry) int { return cmp.Or(cmp.Compare(x.at, y.at), strings.Compare(x.id, y.id)) })
		f := Recurrence{By: k.by, Value: k.value, Category: k.category, Total: int64(len(list))}
		next := 0 // first index not yet marked
		for i := 0; i+n-1 < len(list); i++ {
			if list[i+n-1].at-list[i].at >= window {
				continue
			}
			for j := max(i, next); j <= i+n-1; j++ {
				if f.Count == 0 {
					f.First = time.Unix(0, list[j].at).UTC()
				}
				f.Last = time.Unix(0, list[j].at).UTC()
				f.Count++
				if len(f.Incidents) < spec.Recurring.MaxIncidents {
					f.Incidents = append(f.Incidents, list[j].id)
				}
			}
			next = i + n
		}
		if f.Count > 0 {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(x, y Recurrence) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), strings.Compare(x.By, y.By),
			strings.Compare(x.Value, y.Value), strings.Compare(x.Category, y.Category))
	})
	return out
}
