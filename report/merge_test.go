package report_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomRecords returns n valid records opened between 1 February and 12
// April 2026, with every feature a record can have: reassignments, holds
// (some still open), reopenings, closures, cancellations, major incidents,
// escalations and SLA outcomes in every state.
func randomRecords(seed uint64, n int) []report.Record {
	rng := rand.New(rand.NewPCG(seed, 7))
	services := []string{"mail", "erp", "vpn", "wifi", ""}
	groups := []string{"desk", "network", "apps", "dba"}
	categories := []string{"hardware", "software", "access", ""}
	base := time.Date(2026, 2, 1, 0, 0, 0, 0, ams)
	out := make([]report.Record, 0, n)
	for i := 0; i < n; i++ {
		opened := base.Add(time.Duration(rng.IntN(70*24*60)) * time.Minute)
		r := report.Record{
			ID: fmt.Sprintf("INC%05d", i), Priority: 0, Service: services[rng.IntN(len(services))],
			ConfigurationItem: fmt.Sprintf("ci%d", rng.IntN(6)), Customer: []string{"acme", "globex"}[rng.IntN(2)],
			Category: categories[rng.IntN(len(categories))], OpenedAt: opened,
		}
		if rng.IntN(10) == 0 {
			r.EscalatedAt = opened.Add(2 * time.Hour)
		}
		if rng.IntN(8) > 0 {
			r.Priority = 1 + r.Priority + incidentPriority(rng.IntN(5))
		}
		now := opened
		step := func(max time.Duration) time.Time {
			now = now.Add(time.Duration(rng.Int64N(int64(max))) + time.Minute)
			return now
		}
		group := ""
		for k := 0; k < rng.IntN(4); k++ {
			g := groups[rng.IntN(len(groups))]
			if g == group {
				continue
			}
			at := opened
			if k > 0 || rng.IntN(2) == 0 {
				at = step(6 * time.Hour)
			}
			r.Assignments = append(r.Assignments, report.Assignment{At: at, Group: g})
			group = g
		}
		if rng.IntN(5) > 0 {
			r.RespondedAt = step(4 * time.Hour)
		}
		if rng.IntN(3) == 0 {
			start := step(24 * time.Hour)
			end := step(48 * time.Hour)
			r.Holds = append(r.Holds, calendarInterval(start, end))
		}
		if rng.IntN(10) == 0 {
			r.RestoredAt = step(12 * time.Hour)
		}
		state := "open"
		for k := 0; k < 3 && rng.IntN(5) > 0; k++ {
			r.Resolutions = append(r.Resolutions, step(5*24*time.Hour))
			state = "resolved"
			if rng.IntN(6) > 0 {
				break
			}
			r.Reopenings = append(r.Reopenings, step(3*24*time.Hour))
			state = "open"
		}
		switch {
		case state == "resolved" && rng.IntN(2) == 0:
			r.ClosedAt = step(7 * 24 * time.Hour)
		case state == "open" && rng.IntN(12) == 0:
			r.ClosedAt, r.Cancelled = step(24*time.Hour), true
		case state == "open" && rng.IntN(4) == 0:
			r.Holds = append(r.Holds, calendarInterval(step(24*time.Hour), time.Time{}))
		}
		if rng.IntN(25) == 0 {
			r.Major = true
		}
		for _, m := range []sla.Metric{sla.Respond, sla.Resolve} {
			goal := time.Duration(1+rng.IntN(8)) * time.Hour
			o := report.Outcome{Policy: []string{"gold", "silver"}[rng.IntN(2)], Metric: m, Cycle: 1, Goal: goal}
			switch rng.IntN(5) {
			case 0:
				o.State, o.Accrued = sla.Running, goal/2
			case 1:
				o.State, o.Accrued, o.Ended = sla.Met, goal/2, opened.Add(goal)
			case 2, 3:
				o.State, o.Accrued, o.BreachedAt = sla.Breached, goal+time.Duration(rng.IntN(600))*time.Minute, opened.Add(goal+time.Duration(rng.IntN(72))*time.Hour)
			case 4:
				o.State, o.Accrued, o.Ended = sla.Cancelled, goal/3, opened.Add(time.Hour)
			}
			r.SLA = append(r.SLA, o)
		}
		if rng.IntN(5) == 0 && group != "" {
			r.SLA = append(r.SLA, report.Outcome{Policy: "ola-" + group, Kind: sla.OLA, Group: group, Metric: sla.Resolve, Cycle: 1,
				State: sla.Met, Goal: 8 * time.Hour, Accrued: time.Hour, Ended: opened.Add(3 * time.Hour)})
		}
		out = append(out, r)
	}
	return out
}

func calendarInterval(start, end time.Time) calendar.Interval {
	return calendar.Interval{Start: start, End: end}
}

// fullSpec asks for every family with buckets, three groupings, business
// hours, a short breach list, recurrence and availability with a target,
// a service calendar and maintenance.
func fullSpec(t testing.TB) report.Spec {
	s := march()
	s.Bucket = report.Week
	s.GroupBy = []string{report.KeyPriority, report.KeyService, report.KeyGroup}
	s.Calendar = office(t)
	s.BreachLimit = 7
	s.Recurring = report.Recurring{Threshold: 2, Window: 48 * time.Hour, MaxIncidents: 3}
	s.Availability = report.AvailabilitySpec{Target: 0.99, Services: map[string]*calendar.Calendar{"erp": office(t)},
		Maintenance: []report.Window{{Start: at(8, 1, 0), End: at(8, 5, 0)}, {Service: "mail", Start: at(15, 0, 0), End: at(15, 12, 0)}}}
	return s
}

// Merging shards equals one pass: records split at random over shards,
// shards merged in a random order (a random tree), give the report of
// one accumulator fed everything, exactly.
func TestMergeEqualsOnePass(t *testing.T) {
	for seed := uint64(1); seed <= 12; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			spec := fullSpec(t)
			records := randomRecords(seed, 300)
			outages := []report.Window{{Service: "vpn", Start: at(3, 10, 0), End: at(3, 12, 0)}, {Service: "vpn", Start: at(3, 11, 0)},
				{Service: "wifi", Start: at(20, 8, 0), End: at(21, 8, 0)}}
			want := aggregate(t, spec, records, outages).Report()

			rng := rand.New(rand.NewPCG(seed, 99))
			pool := make([]*report.Accumulator, 1+rng.IntN(6))
			for i := range pool {
				var err error
				pool[i], err = report.NewAccumulator(spec)
				require.NoError(t, err)
			}
			order := rng.Perm(len(records))
			for _, i := range order {
				require.NoError(t, pool[rng.IntN(len(pool))].Add(records[i]))
			}
			for _, o := range outages {
				require.NoError(t, pool[rng.IntN(len(pool))].AddOutage(o))
			}
			if rng.IntN(2) == 0 {
				_ = pool[0].Report() // a report in between changes nothing
			}
			for len(pool) > 1 {
				i, j := rng.IntN(len(pool)), rng.IntN(len(pool)-1)
				if j >= i {
					j++
				}
				require.NoError(t, pool[i].Merge(pool[j]))
				pool = append(pool[:j], pool[j+1:]...)
			}
			got := pool[0].Report()
			require.Equal(t, want, got)
			assert.NotEmpty(t, want.Breaches.Listed)
			assert.NotEmpty(t, want.Recurring.Listed)
		})
	}
}

func TestMergeLeavesOtherUnchanged(t *testing.T) {
	spec := fullSpec(t)
	a, _ := report.NewAccumulator(spec)
	b, _ := report.NewAccumulator(spec)
	records := randomRecords(3, 100)
	for _, r := range records[:50] {
		require.NoError(t, a.Add(r))
	}
	for _, r := range records[50:] {
		require.NoError(t, b.Add(r))
	}
	before := b.Report()
	require.NoError(t, a.Merge(b))
	require.NoError(t, a.Add(records[0]))
	assert.Equal(t, before, b.Report())
}

func TestMergeIncompatible(t *testing.T) {
	spec := march()
	a, _ := report.NewAccumulator(spec)
	other := spec
	other.Bucket = report.Day
	b, _ := report.NewAccumulator(other)
	require.ErrorIs(t, a.Merge(b), report.ErrIncompatible)
	require.ErrorIs(t, a.Merge(a), report.ErrIncompatible)
	require.ErrorIs(t, a.Merge(nil), report.ErrIncompatible)
	c, _ := report.NewAccumulator(spec, report.WithKey("tier", func(report.Record) string { return "" }))
	require.ErrorIs(t, a.Merge(c), report.ErrIncompatible)
	// The same spec built twice, calendars equal by definition: compatible.
	s1, s2 := march(), march()
	s1.Calendar, s2.Calendar = office(t), office(t)
	x, _ := report.NewAccumulator(s1)
	y, _ := report.NewAccumulator(s2)
	require.NoError(t, x.Merge(y))
}

// aggregate adds records and outages to one accumulator of spec: the
// reference a merged or decoded accumulator must equal.
func aggregate(t *testing.T, spec report.Spec, records []report.Record, outages []report.Window) *report.Accumulator {
	t.Helper()
	one, err := report.NewAccumulator(spec)
	require.NoError(t, err)
	for _, r := range records {
		require.NoError(t, one.Add(r))
	}
	for _, o := range outages {
		require.NoError(t, one.AddOutage(o))
	}
	return one
}
