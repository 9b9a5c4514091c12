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
	byOpening, spare := rc.sortedByOpening()
	start := make([]int, len(strs.names)+1)
	countingSort(byOpening, spare, start, recurCategory)
	byCategory, sorted := spare, byOpening // byOpening is free again: the sort by key writes there
	var found []finding
	for _, by := range spec.Recurring.By {
		key := recurService
		if by == KeyConfigurationItem {
			key = recurCI
		}
		countingSort(byCategory, sorted, start, key)
		found = rc.appendFindings(found, sorted, by, key, spec, strs)
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

// sortedByOpening returns the log's entries sorted by opening (an LSD
// radix sort) and a spare buffer of the same length.
func (rc *recurrence) sortedByOpening() (sorted, spare []recurEntry) {
	total := rc.log.n
	buf, tmp := make([]recurEntry, 0, total), make([]recurEntry, total)
	for _, blk := range rc.log.b {
		buf = append(buf, blk...)
	}
	var plan radixPlan
	for i := range buf {
		plan.count(buf[i].at)
	}
	var passes [8]int
	for _, b := range plan.passes(total, &passes) {
		scatterEntries(buf, tmp, plan.offsets[b], uint(8*b))
		buf, tmp = tmp, buf
	}
	return buf, tmp
}

// recurField names the string of an entry a counting sort orders by.
type recurField uint8

const (
	recurService recurField = iota
	recurCI
	recurCategory
)

// of returns the entry's string of the field.
func (f recurField) of(e *recurEntry) uint32 {
	switch f {
	case recurCategory:
		return e.category
	case recurCI:
		return e.ci
	}
	return e.service
}

// countingSort puts in into out ordered by the field, stably; start has
// room for one more than the strings the field may hold.
func countingSort(in, out []recurEntry, start []int, field recurField) {
	clear(start)
	for i := range in {
		start[field.of(&in[i])+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	for i := range in {
		k := field.of(&in[i])
		out[start[k]] = in[i]
		start[k]++
	}
}

// finding is a Recurrence before its incident IDs are read.
type finding struct {
	Recurrence
	ids []uint32 // the first MaxIncidents, in order
}

// appendFindings appends to found the findings by the key by (its field
// key) of sorted, the entries ordered by key, category and opening: one
// per value and category with incidents in a qualifying window.
// Incidents without the key are not compared.
func (rc *recurrence) appendFindings(found []finding, sorted []recurEntry, by string, key recurField, spec *Spec, strs *intern) []finding {
	n := spec.Recurring.Threshold
	empty, hasEmpty := strs.index[""]
	for lo := 0; lo < len(sorted); {
		v, c := key.of(&sorted[lo]), sorted[lo].category
		hi := lo + 1
		for hi < len(sorted) && key.of(&sorted[hi]) == v && sorted[hi].category == c {
			hi++
		}
		list := sorted[lo:hi]
		lo = hi
		if len(list) < n || (hasEmpty && v == empty) {
			continue
		}
		rc.orderTies(list)
		f := finding{Recurrence: Recurrence{By: by, Value: strs.names[v], Category: strs.names[c], Total: int64(len(list))}}
		f.mark(list, n, int64(spec.Recurring.Window), spec.Recurring.MaxIncidents)
		if f.Count > 0 {
			found = append(found, f)
		}
	}
	return found
}

// orderTies puts the entries of list (sorted by opening) with equal
// openings, which keep the order of adding, in ID order, so that the
// order of shards does not matter.
func (rc *recurrence) orderTies(list []recurEntry) {
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
}

// mark counts the incidents of list (sorted) in a window of n openings
// spanning less than window, each once, sets the first and last of their
// openings and keeps the IDs of the first maxIDs.
func (f *finding) mark(list []recurEntry, n int, window int64, maxIDs int) {
	var firstAt, lastAt int64
	next := 0 // first index not yet marked
	for i := 0; i+n-1 < len(list); i++ {
		if list[i+n-1].at-list[i].at >= window {
			continue
		}
		for j := max(i, next); j <= i+n-1; j++ {
			e := &list[j]
			if f.Count == 0 {
				firstAt = e.at
			}
			lastAt = e.at
			f.Count++
			if len(f.ids) < maxIDs {
				f.ids = append(f.ids, e.id)
			}
		}
		next = i + n
	}
	if f.Count > 0 {
		f.First, f.Last = time.Unix(0, firstAt).UTC(), time.Unix(0, lastAt).UTC()
	}
}
