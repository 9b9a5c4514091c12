// Package interval is the arithmetic of half-open stretches of time in Unix
// nanoseconds, as report keeps outages and maintenance and report/slo keeps
// downtime: the union of a list, and what is left of one list outside
// another.
package interval

import (
	"cmp"
	"slices"
)

// Interval is [Start, End) in Unix nanoseconds.
type Interval struct{ Start, End int64 }

// Union sorts iv in place and merges the intervals that overlap or touch;
// the result shares iv's memory and is sorted and disjoint.
func Union(iv []Interval) []Interval {
	if len(iv) == 0 {
		return nil
	}
	slices.SortFunc(iv, func(x, y Interval) int {
		if x.Start != y.Start {
			return cmp.Compare(x.Start, y.Start)
		}
		return cmp.Compare(x.End, y.End)
	})
	out := iv[:1]
	for _, v := range iv[1:] {
		last := &out[len(out)-1]
		if v.Start <= last.End {
			last.End = max(last.End, v.End)
			continue
		}
		out = append(out, v)
	}
	return out
}

// Minus returns the parts of the sorted, disjoint intervals iv outside the
// sorted, disjoint intervals cut.
func Minus(iv, cut []Interval) []Interval {
	var out []Interval
	j := 0
	for _, v := range iv {
		s := v.Start
		for j < len(cut) && cut[j].End <= s {
			j++
		}
		for k := j; k < len(cut) && cut[k].Start < v.End; k++ {
			if cut[k].Start > s {
				out = append(out, Interval{s, cut[k].Start})
			}
			s = max(s, cut[k].End)
		}
		if s < v.End {
			out = append(out, Interval{s, v.End})
		}
	}
	return out
}
