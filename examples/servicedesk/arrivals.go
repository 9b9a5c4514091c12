package main

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
)

// arrival is an incident's opening: when and for whom.
type arrival struct {
	at       time.Time
	customer *customer
}

// Arrival profiles in the customer's local time: calls peak in the
// morning, dip at lunch and fade in the evening; Mondays are busiest;
// weekends and public holidays are quiet; summer and December are slow.
var (
	hourWeight = [24]float64{
		0.05, 0.03, 0.03, 0.03, 0.04, 0.08, 0.20, 0.50, 1.20, 1.60, 1.50, 1.30,
		0.90, 1.20, 1.40, 1.30, 1.10, 0.80, 0.50, 0.35, 0.25, 0.20, 0.12, 0.08}
	weekdayWeight = [7]float64{ // Sunday first, as time.Weekday
		0.25, 1.20, 1.10, 1.05, 1.00, 0.85, 0.30}
	monthWeight = [13]float64{0, // January is 1
		1.10, 1.05, 1.00, 1.00, 0.95, 0.95, 0.85, 0.80, 1.05, 1.05, 1.00, 0.85}
)

// holidayWeight is how busy a public holiday of the customer's calendar is
// compared with a working day.
const holidayWeight = 0.3

// rate is the relative arrival rate of customer c in the hour that starts
// at t.
func rate(c *customer, t time.Time) float64 {
	local := t.In(c.hours.Location())
	h, wd := hourWeight[local.Hour()], weekdayWeight[local.Weekday()]
	if c.roundTheClock {
		// A web shop's customers call at night and at weekends too.
		h, wd = 0.4+0.6*h, 0.5+0.5*wd
	}
	w := c.share * h * wd * monthWeight[local.Month()]
	if ex, ok := c.hours.ExceptionOn(date.NewAt(local)); ok && ex.Kind == calendar.Closed {
		w *= holidayWeight
	}
	return w
}

// arrivals draws n openings in [from, to), distributed over the hours of
// the period and the customers by their rates, sorted by time.
func arrivals(rng *rand.Rand, customers []*customer, from, to time.Time, n int) []arrival {
	type slot struct {
		at       time.Time
		customer *customer
	}
	var slots []slot
	var cumulative []float64
	total := 0.0
	for t := from; t.Before(to); t = t.Add(time.Hour) {
		for _, c := range customers {
			total += rate(c, t)
			slots = append(slots, slot{t, c})
			cumulative = append(cumulative, total)
		}
	}
	out := make([]arrival, 0, n)
	for range n {
		i := sort.SearchFloat64s(cumulative, rng.Float64()*total)
		i = min(i, len(slots)-1)
		s := slots[i]
		at := s.at.Add(time.Duration(rng.IntN(3600)) * time.Second)
		if !at.Before(to) {
			at = to.Add(-time.Second)
		}
		out = append(out, arrival{at: at.In(from.Location()), customer: s.customer})
	}
	slices.SortStableFunc(out, func(a, b arrival) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return cmp.Compare(a.customer.name, b.customer.name)
	})
	return out
}

// volume is the expected number of arrivals in [from, to) at the rates that
// give n arrivals in [pFrom, pTo).
func volume(customers []*customer, from, to, pFrom, pTo time.Time, n int) int {
	sum := func(a, b time.Time) float64 {
		s := 0.0
		for t := a; t.Before(b); t = t.Add(time.Hour) {
			for _, c := range customers {
				s += rate(c, t)
			}
		}
		return s
	}
	p := sum(pFrom, pTo)
	if p == 0 {
		return 0
	}
	return int(math.Round(float64(n) * sum(from, to) / p))
}
