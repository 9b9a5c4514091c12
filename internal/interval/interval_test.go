package interval

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestUnionAndMinus(t *testing.T) {
	for _, tt := range []struct {
		name       string
		iv, cut    []Interval
		union      []Interval
		unionMinus []Interval
	}{
		{name: "empty"},
		{name: "overlapping and touching merge",
			iv:         []Interval{{5, 7}, {1, 3}, {2, 4}, {4, 5}, {9, 10}},
			cut:        []Interval{{2, 3}, {6, 9}},
			union:      []Interval{{1, 7}, {9, 10}},
			unionMinus: []Interval{{1, 2}, {3, 6}, {9, 10}}},
		{name: "cut covers all",
			iv: []Interval{{3, 4}}, cut: []Interval{{0, 10}},
			union: []Interval{{3, 4}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			u := Union(slices.Clone(tt.iv))
			if !slices.Equal(u, tt.union) {
				t.Fatalf("Union = %v; want %v", u, tt.union)
			}
			if m := Minus(u, tt.cut); !slices.Equal(m, tt.unionMinus) {
				t.Fatalf("Minus = %v; want %v", m, tt.unionMinus)
			}
		})
	}
}

// Against a reference on a grid of small integers: a point is in the
// union if some interval holds it, in the difference if no cut does.
func TestAgainstPoints(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func() []Interval {
		var out []Interval
		for range rng.IntN(6) {
			s := rng.Int64N(40)
			out = append(out, Interval{s, s + 1 + rng.Int64N(8)})
		}
		return out
	}
	in := func(list []Interval, p int64) bool {
		return slices.ContainsFunc(list, func(v Interval) bool { return v.Start <= p && p < v.End })
	}
	for range 2000 {
		iv, cut := random(), random()
		u, c := Union(slices.Clone(iv)), Union(slices.Clone(cut))
		m := Minus(u, c)
		for p := int64(-1); p < 50; p++ {
			if in(u, p) != in(iv, p) {
				t.Fatalf("Union(%v) = %v: wrong at %d", iv, u, p)
			}
			if in(m, p) != (in(iv, p) && !in(cut, p)) {
				t.Fatalf("Minus(%v, %v) = %v: wrong at %d", u, c, m, p)
			}
		}
		for i := 1; i < len(u); i++ {
			if u[i].Start <= u[i-1].End {
				t.Fatalf("Union(%v) = %v: not disjoint and apart", iv, u)
			}
		}
	}
}
