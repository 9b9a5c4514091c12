package report

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"time"
)

// recurrence keeps one entry per incident opened in the period: its
// opening, its ID and its service, CI and category as interned strings of
// the accumulator. Entries go to one log in the order added (sequential
// writes, no per-key lookup), IDs to an arena (a million IDs cost their
// bytes and two more each). The report groups the log by key with two
// counting sorts, which are linear.
type recurrence struct {
	ids idArena
	log blocks[recurEntry]
}

type recurEntry struct {
	at                    int64
	id                    uint32
	service, ci, category uint32
}

// intern maps strings to small integers.
type intern struct {
	index map[string]uint32
	names []string
}

func (in *intern) id(s string) uint32 {
	if i, ok := in.index[s]; ok {
		return i
	}
	if in.index == nil {
		in.index = map[string]uint32{}
	}
	s = strings.Clone(s)
	i := uint32(len(in.names))
	in.index[s] = i
	in.names = append(in.names, s)
	return i
}

func (rc *recurrence) add(r *Record, at int64, fid *[nFields]uint32) {
	rc.log.append(recurEntry{at, rc.ids.store(r.ID), fid[fieldService], fid[fieldCI], fid[fieldCategory]})
}

// merge appends o's entries; strs and ostrs are the accumulators' string
// tables. Every entry has its own ID (one per incident added), so each is
// stored once; the interned strings are mapped once, up front.
func (rc *recurrence) merge(o *recurrence, strs, ostrs *intern) {
	if o.log.n == 0 {
		return
	}
	remap := make([]uint32, len(ostrs.names))
	for i, s := range ostrs.names {
		remap[i] = strs.id(s)
	}
	for i := 0; i < o.log.n; i++ {
		e := o.log.at(i)
		rc.log.append(recurEntry{e.at, rc.ids.storeBytes(o.ids.get(e.id)), remap[e.service], remap[e.ci], remap[e.category]})
	}
}

// scatterEntries is a pass of the radix sort by opening (see radixPlan
// and scatterInt64).
func scatterEntries(src, dst []recurEntry, h [256]int, shift uint) {
	for i := range src {
		k := radixDigit(src[i].at, shift)
		dst[h[k]] = src[i]
		h[k]++
	}
}

// Recurrences lists the recurring-incident findings of the period.
type Recurrences struct {
	// Total counts the findings.
	Total int64 `json:"total"`
	// Listed are the Recurring.Limit findings with the most incidents
	// (ties: by key, value and category).
	Listed []Recurrence `json:"listed,omitempty"`
}

// report finds, per key (service or CI) and category, the incidents that
// lie in a window of threshold openings spanning less than window: sorted
// by opening (then ID), every i with at[i+N-1] - at[i] < window marks
// i..i+N-1. Findings are ranked before their incident IDs are read, so
// only the listed ones cost strings.
//
// The log is put in key order by stable linear sorts, least significant
// first, moving the entries themselves (sequential memory, no
// indirection): by opening (radix), by category and by value (counting).
func (rc *recurrence) report(spec *Spec, strs *intern) *Recurrences {
	n, window := spec.Recurring.Threshold, int64(spec.Recurring.Window)
	total := rc.log.n
	buf, tmp := make([]recurEntry, 0, total), make([]recurEntry, total)
	for _, blk := range rc.log.b {
		buf = append(buf, blk...)
	}
	// By opening: LSD radix.
	var plan radixPlan
	for i := range buf {
		plan.count(buf[i].at)
	}
	var passes [8]int
	for _, b := range plan.passes(total, &passes) {
		scatterEntries(buf, tmp, plan.offsets[b], uint(8*b))
		buf, tmp = tmp, buf
	}
	start := make([]int, len(strs.names)+1)
	counting := func(in, out []recurEntry, ci bool, category bool) {
		clear(start)
		key := func(e *recurEntry) uint32 {
			switch {
			case category:
				return e.category
			case ci:
				return e.ci
			}
			return e.service
		}
		for i := range in {
			start[key(&in[i])+1]++
		}
		for k := 1; k < len(start); k++ {
			start[k] += start[k-1]
		}
		for i := range in {
			k := key(&in[i])
			out[start[k]] = in[i]
			start[k]++
		}
	}
	counting(buf, tmp, false, true)
	byCategory, sorted := tmp, buf
	// mark calls visit for each incident of list in a qualifying window,
	// in order.
	mark := func(list []recurEntry, visit func(*recurEntry)) {
		next := 0 // first index not yet marked
		for i := 0; i+n-1 < len(list); i++ {
			if list[i+n-1].at-list[i].at >= window {
				continue
			}
			for j := max(i, next); j <= i+n-1; j++ {
				visit(&list[j])
			}
			next = i + n
		}
	}
	type finding struct {
		Recurrence
		ids []uint32 // the first MaxIncidents, in order
	}
	var found []finding
	empty, hasEmpty := strs.index[""]
	for _, by := range spec.Recurring.By {
		ci := by == KeyConfigurationItem
		value := func(e *recurEntry) uint32 {
			if ci {
				return e.ci
			}
			return e.service
		}
		counting(byCategory, sorted, ci, false)
		for lo := 0; lo < total; {
			v, c := value(&sorted[lo]), sorted[lo].category
			hi := lo + 1
			for hi < total && value(&sorted[hi]) == v && sorted[hi].category == c {
				hi++
			}
			list := sorted[lo:hi]
			lo = hi
			if len(list) < n || (hasEmpty && v == empty) {
				continue
			}
			// Equal openings keep the order of adding: put them in ID
			// order, so that the order of shards does not matter.
			for a := 0; a < len(list); {
				b := a + 1
				for b < len(list) && list[b].at == list[a].at {
					b++
				}
				if b-a > 1 {
					slices.SortFunc(list[a:b], func(x, y recurEntry) int { return bytes.Compare(rc.ids.get(x.id), rc.ids.get(y.id)) })
				}
				a = b
			}
			f := finding{Recurrence: Recurrence{By: by, Value: strs.names[v], Category: strs.names[c], Total: int64(len(list))}}
			var firstAt, lastAt int64
			mark(list, func(e *recurEntry) {
				if f.Count == 0 {
					firstAt = e.at
				}
				lastAt = e.at
				f.Count++
				if len(f.ids) < spec.Recurring.MaxIncidents {
					f.ids = append(f.ids, e.id)
				}
			})
			if f.Count > 0 {
				f.First, f.Last = time.Unix(0, firstAt).UTC(), time.Unix(0, lastAt).UTC()
				found = append(found, f)
			}
		}
	}
	slices.SortFunc(found, func(x, y finding) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), strings.Compare(x.By, y.By),
			strings.Compare(x.Value, y.Value), strings.Compare(x.Category, y.Category))
	})
	out := &Recurrences{Total: int64(len(found))}
	for _, f := range found[:min(len(found), spec.Recurring.Limit)] {
		for _, id := range f.ids {
			f.Incidents = append(f.Incidents, string(rc.ids.get(id)))
		}
		out.Listed = append(out.Listed, f.Recurrence)
	}
	return out
}
