package report_test

import (
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
	"github.com/stretchr/testify/require"
)

// evaluated runs the host's chain up to the record's input: the fold of
// events and the SLA evaluation at now (with an empty set if set is nil).
func evaluated(t testing.TB, set *sla.Set, events []incident.Event, now time.Time) sla.Evaluation {
	t.Helper()
	if set == nil {
		var err error
		set, err = sla.NewSet(nil)
		require.NoError(t, err)
	}
	c, err := incident.Replay(set.Lifecycle(), events)
	require.NoError(t, err)
	ev, err := set.Evaluate(c, now)
	require.NoError(t, err)
	return ev
}

var ams = mustLoad("Europe/Amsterdam")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is an instant in March 2026, Amsterdam (CET until the 29th, CEST
// after).
func at(day, hour, minute int) time.Time { return time.Date(2026, 3, day, hour, minute, 0, 0, ams) }

// office is the Mon-Fri 09:00-17:00 calendar of the tests.
func office(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(ams, calendar.MustParseWeek("Mon-Fri 09:00-17:00"))
	require.NoError(t, err)
	return c
}

// march is a spec for [1 March, 1 April) 2026 in Amsterdam, one bucket.
func march() report.Spec {
	return report.Spec{From: at(1, 0, 0), To: time.Date(2026, 4, 1, 0, 0, 0, 0, ams), Location: ams}
}

// build adds records to a fresh accumulator of spec and returns the
// report.
func build(t testing.TB, spec report.Spec, records ...report.Record) report.Report {
	t.Helper()
	acc, err := report.NewAccumulator(spec)
	require.NoError(t, err)
	for _, r := range records {
		require.NoError(t, acc.Add(r))
	}
	return acc.Report()
}

// group returns the group of grouping key with value.
func group(t testing.TB, rep report.Report, key, value string) report.Group {
	t.Helper()
	for _, g := range rep.Groupings {
		if g.Key != key {
			continue
		}
		for _, grp := range g.Groups {
			if grp.Value == value {
				return grp
			}
		}
	}
	t.Fatalf("no group %s=%q", key, value)
	return report.Group{}
}

func all(t testing.TB, rep report.Report) report.Stats {
	t.Helper()
	return group(t, rep, report.KeyAll, report.KeyAll).Stats
}

func times(ts ...time.Time) []time.Time { return ts }

func incidentPriority(n int) incident.Priority { return incident.Priority(n) }
