package main

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func openTestStore(t *testing.T, dsn string) *Store {
	t.Helper()
	r, err := newRules()
	require.NoError(t, err)
	s, err := OpenStore(context.Background(), dsn, r, StoreConfig{}, newMetrics())
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// TestMigrations: a restart migrates nothing twice, and a database newer
// than the binary is refused rather than misread.
func TestMigrations(t *testing.T) {
	each(t, func(t *testing.T, dsn func(testing.TB) string) {
		db := dsn(t)
		s := openTestStore(t, db)
		require.NoError(t, s.Close())
		s = openTestStore(t, db)
		var n, newest int
		require.NoError(t, s.db.QueryRow(`SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &newest))
		assert.Equal(t, len(migrations), n)
		assert.Equal(t, migrations[len(migrations)-1].version, newest)
		_, err := s.db.Exec(s.q(`INSERT INTO schema_migrations (version, name, applied_ns) VALUES (?, 'from the future', 0)`), newest+1)
		require.NoError(t, err)
		require.NoError(t, s.Close())
		r, err := newRules()
		require.NoError(t, err)
		_, err = OpenStore(context.Background(), db, r, StoreConfig{}, newMetrics())
		require.Error(t, err)
		assert.Contains(t, err.Error(), "upgrade the binary")
	})
}

// TestReplicasAppendToTheSameIncidents: two stores (two replicas) on one
// PostgreSQL database append concurrently to the same incidents, opens
// included; every append succeeds, each history has every event once,
// and the projection counts them.
func TestReplicasAppendToTheSameIncidents(t *testing.T) {
	db := pgSchema(t, requirePG(t))
	stores := []*Store{openTestStore(t, db), openTestStore(t, db)}
	base := time.Now().Add(-time.Hour).UTC()
	const incidents, writers, per = 3, 8, 20
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := stores[w%2]
			ctx := context.Background()
			for i := range per {
				id := fmt.Sprintf("SH%d", (w+i)%incidents)
				// Every writer tries to open; all but the first are refused.
				_ = s.Append(ctx, id, incidentEvent(base, id, -1), nil)
				e := incidentEvent(base, id, w*per+i)
				if res := s.Append(ctx, id, e, nil); res.Err != nil {
					t.Errorf("%s %s: %v", id, e.Note, res.Err)
				}
			}
		}()
	}
	wg.Wait()
	for i := range incidents {
		id := fmt.Sprintf("SH%d", i)
		h, err := stores[0].histories(context.Background(), stores[0].db, []string{id})
		require.NoError(t, err)
		events := h[id]
		require.NotEmpty(t, events)
		assert.Equal(t, "open", events[0].Type.String(), id)
		notes := map[string]int{}
		for _, e := range events[1:] {
			notes[e.Note]++
		}
		for note, n := range notes {
			assert.Equal(t, 1, n, "%s: %s stored %d times", id, note, n)
		}
		var count int
		require.NoError(t, stores[1].db.QueryRow(`SELECT events FROM incidents WHERE id = $1`, id).Scan(&count))
		assert.Equal(t, len(events), count, id)
		_, err = stores[1].rules.replay(events)
		assert.NoError(t, err, "%s replays", id)
	}
	var total int
	require.NoError(t, stores[0].db.QueryRow(`SELECT count(*) FROM events WHERE incident_id LIKE 'SH%'`).Scan(&total))
	assert.Equal(t, incidents+writers*per, total)
}

// TestRulesChangeReprojects: a start with other rules re-evaluates every
// incident's projection (here the group step comes after 5 minutes
// instead of 15, so the next wake-up moves), and a start with the same
// rules does nothing.
func TestRulesChangeReprojects(t *testing.T) {
	each(t, func(t *testing.T, dsn func(testing.TB) string) {
		db := dsn(t)
		c := newClock(fixedNow)
		s := start(t, db, c)
		s.post("INC1", event("09:50", `"type":"open","id":"INC1","customer":"globex"`))
		wake := func(s *Store) int64 {
			var ns int64
			require.NoError(t, s.db.QueryRow(`SELECT next_wake_ns FROM incidents WHERE id = 'INC1'`).Scan(&ns))
			return ns
		}
		assert.Equal(t, time.Date(2026, 11, 23, 10, 5, 0, 0, time.UTC).UnixNano(), wake(s.store), "the group step at 09:50 + 15m")
		n, err := s.store.ReprojectIfRulesChanged(context.Background())
		require.NoError(t, err)
		assert.Equal(t, 1, n, "the first start records the rules")
		n, err = s.store.ReprojectIfRulesChanged(context.Background())
		require.NoError(t, err)
		assert.Zero(t, n, "same rules, nothing to do")
		s.stop()

		r, err := newRules()
		require.NoError(t, err)
		list := escalationPolicyList()
		list[0].Steps[0].Trigger.After = 5 * time.Minute
		r.escalations, err = escalation.NewSet(list, escalation.WithDirectory(directory{}))
		require.NoError(t, err)
		r.fingerprint = "other rules"
		store, err := OpenStore(context.Background(), db, r, StoreConfig{Now: c.now}, newMetrics())
		require.NoError(t, err)
		defer store.Close()
		n, err = store.ReprojectIfRulesChanged(context.Background())
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		assert.Equal(t, fixedNow.UnixNano(), wake(store), "the group step (09:55) is due now")
	})
}

func TestRulesFingerprint(t *testing.T) {
	a, err := rulesFingerprint()
	require.NoError(t, err)
	b, err := rulesFingerprint()
	require.NoError(t, err)
	assert.Equal(t, a, b)
	assert.Len(t, a, 64)
}
