package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
)

// Timers. Every incident's projection row holds its next wake-up: the
// earliest instant at which an SLA status or an escalation changes by
// itself (the SDK's next-change instants), or now when an action is due.
// Each replica polls for due rows; PostgreSQL's FOR UPDATE SKIP LOCKED
// hands each due incident to one replica at a time, so replicas share the
// work without a coordinator. The replica evaluates the incident, writes
// its due actions to the outbox and their keys to the fired record, and
// moves the wake-up, all in one transaction: an action is either in the
// outbox and fired, or neither, whatever crashes when.

// outboxPayload is what the webhook receives for one action.
type outboxPayload struct {
	// IdempotencyKey is also the Idempotency-Key header: the incident id
	// and the action's escalation.Key, stable across replicas and retries.
	IdempotencyKey string         `json:"idempotency_key"`
	Incident       string         `json:"incident"`
	Tenant         string         `json:"tenant"`
	Policy         string         `json:"policy"`
	Action         escalation.Due `json:"action"`
}

// RunTimers fires due incidents every interval until ctx ends.
func (s *Store) RunTimers(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		for range 100 { // drain a backlog, a bounded number of batches per tick
			n, err := s.FireDue(ctx)
			if err != nil {
				if ctx.Err() == nil {
					log.Error("timers", "err", err)
				}
				break
			}
			if n == 0 {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// FireDue claims up to a batch of incidents whose wake-up has come and
// fires their due actions; it returns how many incidents it claimed.
func (s *Store) FireDue(ctx context.Context) (n int, err error) {
	defer s.lockWrites()()
	now := s.cfg.Now()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	ids, rowOf, err := s.claimDue(ctx, tx, now)
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, tx.Commit()
	}
	histories, err := s.histories(ctx, tx, ids)
	if err != nil {
		return 0, err
	}
	fired, err := s.firedKeys(ctx, tx, ids)
	if err != nil {
		return 0, err
	}
	var upserts []any
	incs := map[string]incident.Incident{}
	for _, id := range ids {
		row := rowOf[id]
		inc, ok := s.cache.get(id, row.events)
		if !ok {
			if inc, err = s.rules.replay(histories[id]); err != nil {
				return 0, err
			}
		}
		incs[id] = inc
		proj, err := s.fire(ctx, tx, id, inc, row, fired[id], now)
		if err != nil {
			return 0, err
		}
		upserts = append(upserts, proj...)
	}
	if _, err := tx.ExecContext(ctx, s.q(upsertIncidents(len(ids))), upserts...); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	for _, id := range ids {
		s.cache.put(id, rowOf[id].events, incs[id])
	}
	return len(ids), nil
}

// claimDue locks, in tx, up to 64 incidents whose wake-up is at or before
// now (PostgreSQL: skipping those another replica holds) and returns their
// IDs, soonest first, and rows.
func (s *Store) claimDue(ctx context.Context, tx *sql.Tx, now time.Time) ([]string, map[string]stored, error) {
	claim := `SELECT id, tenant, events, fired, breaches FROM incidents WHERE next_wake_ns IS NOT NULL AND next_wake_ns <= ? ORDER BY next_wake_ns LIMIT 64`
	if s.pg {
		claim += ` FOR UPDATE SKIP LOCKED`
	}
	rows, err := tx.QueryContext(ctx, s.q(claim), now.UnixNano())
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	rowOf := map[string]stored{}
	for rows.Next() {
		var id string
		var st stored
		if err := rows.Scan(&id, &st.tenant, &st.events, &st.fired, &st.breaches); err != nil {
			rows.Close()
			return nil, nil, err
		}
		ids = append(ids, id)
		rowOf[id] = st
	}
	if err := rows.Close(); err != nil {
		return nil, nil, err
	}
	return ids, rowOf, nil
}

// fire evaluates a claimed incident at now (or at its last event, if
// later), puts each escalation task now due in the outbox and marks it
// fired, in tx, and returns the incident's projection row.
func (s *Store) fire(ctx context.Context, tx *sql.Tx, id string, inc incident.Incident, row stored, f escalation.Fired, now time.Time) ([]any, error) {
	at := now
	if inc.UpdatedAt.After(at) {
		at = inc.UpdatedAt
	}
	start := time.Now()
	ev, err := s.rules.evaluate(inc, f, at)
	s.m.evalSeconds.Observe(time.Since(start).Seconds())
	if err != nil {
		return nil, err
	}
	for _, due := range ev.Due {
		key := keyString(due.Key)
		kj, err := json.Marshal(due.Key)
		if err != nil {
			return nil, err
		}
		payload, err := json.Marshal(outboxPayload{IdempotencyKey: id + "/" + key, Incident: id, Tenant: row.tenant, Policy: ev.Policy, Action: due})
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO outbox (incident_id, key, payload, status, created_ns, next_attempt_ns, attempts, last_error)
				VALUES (?, ?, ?, 'pending', ?, ?, 0, '') ON CONFLICT (incident_id, key) DO NOTHING`), id, key, string(payload), now.UnixNano(), now.UnixNano()); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO fired (incident_id, key, key_json, fired_ns) VALUES (?, ?, ?, ?) ON CONFLICT (incident_id, key) DO NOTHING`),
			id, key, string(kj), now.UnixNano()); err != nil {
			return nil, err
		}
		f.Add(due.Key)
	}
	row.fired = len(f)
	proj, err := s.project(id, inc, row, f, now)
	if err != nil {
		return nil, err
	}
	if b := proj[7].(int); b > row.breaches {
		s.m.breaches.Add(float64(b - row.breaches))
	}
	return proj, nil
}
