package main

import (
	"context"
	"database/sql"
	"errors"
)

// ReprojectIfRulesChanged re-evaluates every incident's projection (state,
// SLA state, next wake-up) when the rules the service runs with differ
// from those the projection was computed with, and records the new rules'
// fingerprint. It returns the number of incidents re-evaluated. The
// events are the truth and the SDK is a pure function of them, so a
// change of policies or calendars is a replay, never a patch: an incident
// whose new policy wakes earlier than the old one is not left asleep until
// the old wake-up. Incidents are re-evaluated a page at a time, each page
// in one transaction with its rows locked, so appends and timers go on
// meanwhile. During a rolling deploy, replicas still on the old rules may
// overwrite a projection with the old rules' view until they restart;
// each event or timer run re-evaluates the incident anyway.
func (s *Store) ReprojectIfRulesChanged(ctx context.Context) (int, error) {
	var stored string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'rules'`).Scan(&stored)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if stored == s.rules.fingerprint {
		return 0, nil
	}
	total := 0
	after := ""
	for {
		page, err := s.List(ctx, scope{all: true}, after, 200)
		if err != nil {
			return total, err
		}
		if len(page) == 0 {
			break
		}
		ids := make([]string, len(page))
		for i, r := range page {
			ids[i] = r.ID
		}
		if err := s.reproject(ctx, ids); err != nil {
			return total, err
		}
		total += len(ids)
		after = ids[len(ids)-1]
	}
	_, err = s.db.ExecContext(ctx, s.q(`INSERT INTO settings (key, value) VALUES ('rules', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`), s.rules.fingerprint)
	return total, err
}

// reproject re-evaluates the projection rows of ids in one transaction.
func (s *Store) reproject(ctx context.Context, ids []string) (err error) {
	defer s.lockWrites()()
	now := s.cfg.Now()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	lock := `SELECT id, tenant, events, fired, breaches FROM incidents WHERE id IN ` + placeholders(1, len(ids)) + ` ORDER BY id`
	if s.pg {
		lock += ` FOR UPDATE`
	}
	rows, err := tx.QueryContext(ctx, s.q(lock), anys(ids)...)
	if err != nil {
		return err
	}
	rowOf := map[string]stored{}
	var locked []string
	for rows.Next() {
		var id string
		var st stored
		if err := rows.Scan(&id, &st.tenant, &st.events, &st.fired, &st.breaches); err != nil {
			rows.Close()
			return err
		}
		rowOf[id] = st
		locked = append(locked, id)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	histories, err := s.histories(ctx, tx, locked)
	if err != nil {
		return err
	}
	fired, err := s.firedKeys(ctx, tx, locked)
	if err != nil {
		return err
	}
	var args []any
	for _, id := range locked {
		inc, err := s.rules.replay(histories[id])
		if err != nil {
			return err
		}
		proj, err := s.project(id, inc, rowOf[id], fired[id], now)
		if err != nil {
			return err
		}
		args = append(args, proj...)
	}
	if _, err := tx.ExecContext(ctx, s.q(upsertIncidents(len(locked))), args...); err != nil {
		return err
	}
	return tx.Commit()
}
