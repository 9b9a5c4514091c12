package escalation

import (
	"iter"
	"slices"
	"time"

	"github.com/go-itsm/itsm/internal/invalid"
)

// Shift is a stretch of time during which one person holds a rank, from one
// source: a layer (by name) or an override.
type Shift struct {
	Rank     Rank      `json:"rank"`
	Person   string    `json:"person"`
	Layer    string    `json:"layer,omitempty"`
	Override bool      `json:"override,omitempty"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
}

// UnmarshalJSON implements json.Unmarshaler; decoding is strict (errors
// wrap ErrInvalidSchedule).
func (s *Shift) UnmarshalJSON(b []byte) error {
	type plain Shift
	return invalid.Decode(b, (*plain)(s), ErrInvalidSchedule)
}

// Gap is a stretch of time during which a required rank has nobody.
type Gap struct {
	Rank  Rank      `json:"rank"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// UnmarshalJSON implements json.Unmarshaler; decoding is strict (errors
// wrap ErrInvalidSchedule).
func (g *Gap) UnmarshalJSON(b []byte) error {
	type plain Gap
	return invalid.Decode(b, (*plain)(g), ErrInvalidSchedule)
}

// Shifts yields the shifts that overlap [from, to), clipped to it: first
// every primary shift in order of start, then every secondary one. A shift
// is maximal: consecutive turns of one person from one source are one
// shift. A secondary who is also the primary is not a shift (see
// Schedule). Nothing is yielded when to is not after from. The work is
// proportional to the number of handoffs, restriction boundaries and
// overrides in the range.
func (s *Schedule) Shifts(from, to time.Time) iter.Seq[Shift] {
	return func(yield func(Shift) bool) {
		for _, r := range [...]Rank{Primary, Secondary} {
			ok := s.sweep(r, from, to, func(person string, src int, a, b time.Time) bool {
				if person == "" {
					return true
				}
				sh := Shift{Rank: r, Person: person, Start: a, End: b, Override: src == -1}
				if src >= 0 {
					sh.Layer = s.ranks[r][src].name
				}
				return yield(sh)
			})
			if !ok {
				return
			}
		}
	}
}

// Gaps yields the stretches of [from, to) during which a required rank (see
// WithRequired) has nobody on call, per rank in the order required, each
// rank's in order of start.
func (s *Schedule) Gaps(from, to time.Time) iter.Seq[Gap] {
	return func(yield func(Gap) bool) {
		for i, r := range s.required {
			if slices.Contains(s.required[:i], r) {
				continue
			}
			ok := s.sweep(r, from, to, func(person string, _ int, a, b time.Time) bool {
				return person != "" || yield(Gap{Rank: r, Start: a, End: b})
			})
			if !ok {
				return
			}
		}
	}
}

// sweep calls emit for the maximal stretches of [from, to) during which
// rank r is held by one person from one source ("" when nobody holds it),
// in order. It stops early when emit returns false and then returns false.
func (s *Schedule) sweep(r Rank, from, to time.Time, emit func(person string, src int, a, b time.Time) bool) bool {
	from, to = from.Round(0), to.Round(0)
	if !from.Before(to) {
		return true
	}
	who := func(t time.Time) (string, int) {
		if r == Secondary {
			prim, _ := s.at(Primary, t)
			return s.secondaryAt(t, prim)
		}
		return s.at(r, t)
	}
	curP, curSrc := who(from)
	curStart := from
	for t := from; t.Before(to); {
		n := s.nextChange(r, t)
		if !n.After(t) || n.After(to) {
			n = to // every boundary lies after t; this only guards progress
		}
		if n.Equal(to) {
			break
		}
		p, src := who(n)
		if p != curP || src != curSrc {
			if !emit(curP, curSrc, curStart, n) {
				return false
			}
			curP, curSrc, curStart = p, src, n
		}
		t = n
	}
	return emit(curP, curSrc, curStart, to)
}

// nextChange returns the first instant after t at which who holds rank r
// may change. The secondary depends on the primary too (a secondary who is
// the primary does not count).
func (s *Schedule) nextChange(r Rank, t time.Time) time.Time {
	var best time.Time
	consider := func(n time.Time) {
		if n.After(t) && (best.IsZero() || n.Before(best)) {
			best = n
		}
	}
	ranks := [2]Rank{r, Primary}
	n := 1
	if r == Secondary {
		n = 2
	}
	for _, rk := range ranks[:n] {
		for i := range s.ranks[rk] {
			consider(s.ranks[rk][i].next(t))
		}
		covers := s.covers[rk]
		if i := coverAt(covers, t); i < len(covers) {
			if covers[i].start.After(t) {
				consider(covers[i].start)
			} else {
				consider(covers[i].end)
			}
		}
	}
	return best
}
