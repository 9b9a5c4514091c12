package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// Delivery. A worker on each replica claims pending outbox rows (FOR
// UPDATE SKIP LOCKED on PostgreSQL), leases them by moving their next
// attempt past the lease and commits; then it posts each action to the
// webhook with its stable key as Idempotency-Key and records the outcome:
// delivered, or the error and a next attempt with exponential backoff
// (failed for good after MaxAttempts). A replica that dies holding a lease
// loses nothing: the row comes due again when the lease runs out and
// another replica posts it with the same key. So every action is delivered
// at least once, and exactly once to a receiver that honours the key.

// DeliveryConfig configures the delivery worker.
type DeliveryConfig struct {
	// Webhook is the URL actions are posted to.
	Webhook string
	// Every is the polling interval.
	Every time.Duration
	// Lease is how long a claimed row is left to its replica; it must
	// exceed Timeout.
	Lease time.Duration
	// Timeout bounds one POST.
	Timeout time.Duration
	// Backoff is the wait after the first failure; it doubles after each
	// further one, up to MaxBackoff, with +-20% jitter.
	Backoff, MaxBackoff time.Duration
	// MaxAttempts is the number of attempts before a row is marked failed.
	MaxAttempts int
}

func (c *DeliveryConfig) defaults() {
	if c.Every <= 0 {
		c.Every = time.Second
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.Lease <= c.Timeout {
		c.Lease = 3 * c.Timeout
	}
	if c.Backoff <= 0 {
		c.Backoff = time.Second
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = 5 * time.Minute
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 20
	}
}

// claimed is one outbox row leased to this replica.
type claimed struct {
	id       int64
	incident string
	key      string
	payload  string
	attempts int
}

// RunDelivery delivers the outbox until ctx ends.
func (s *Store) RunDelivery(ctx context.Context, cfg DeliveryConfig, log *slog.Logger) {
	cfg.defaults()
	client := &http.Client{Timeout: cfg.Timeout}
	t := time.NewTicker(cfg.Every)
	defer t.Stop()
	for {
		for range 100 {
			batch, err := s.claimOutbox(ctx, cfg)
			if err != nil {
				if ctx.Err() == nil {
					log.Error("outbox claim", "err", err)
				}
				break
			}
			if len(batch) == 0 {
				break
			}
			var wg sync.WaitGroup
			for _, c := range batch {
				wg.Add(1)
				go func() {
					defer wg.Done()
					s.deliver(client, cfg, c, log)
				}()
			}
			wg.Wait()
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *Store) claimOutbox(ctx context.Context, cfg DeliveryConfig) (batch []claimed, err error) {
	defer s.lockWrites()()
	now := s.cfg.Now()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	q := `SELECT id, incident_id, key, payload, attempts FROM outbox WHERE status = 'pending' AND next_attempt_ns <= ? ORDER BY next_attempt_ns, id LIMIT 16`
	if s.pg {
		q += ` FOR UPDATE SKIP LOCKED`
	}
	rows, err := tx.QueryContext(ctx, s.q(q), now.UnixNano())
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var c claimed
		if err := rows.Scan(&c.id, &c.incident, &c.key, &c.payload, &c.attempts); err != nil {
			rows.Close()
			return nil, err
		}
		c.attempts++
		batch = append(batch, c)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(batch) == 0 {
		return nil, tx.Commit()
	}
	ids := make([]int64, len(batch))
	for i, c := range batch {
		ids[i] = c.id
	}
	args := append([]any{now.Add(cfg.Lease).UnixNano()}, anys(ids)...)
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE outbox SET next_attempt_ns = ?, attempts = attempts + 1 WHERE id IN `+placeholders(1, len(ids))), args...); err != nil {
		return nil, err
	}
	return batch, tx.Commit()
}

// deliver posts one action and records the outcome.
func (s *Store) deliver(client *http.Client, cfg DeliveryConfig, c claimed, log *slog.Logger) {
	ikey := c.incident + "/" + c.key
	req, err := http.NewRequest(http.MethodPost, cfg.Webhook, bytes.NewReader([]byte(c.payload)))
	if err == nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", ikey)
		var resp *http.Response
		if resp, err = client.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
			if resp.StatusCode/100 != 2 {
				err = fmt.Errorf("webhook answered %s", resp.Status)
			}
		}
	}
	now := s.cfg.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err == nil {
		s.m.deliveries.WithLabelValues("delivered").Inc()
		unlock := s.lockWrites()
		_, uerr := s.db.ExecContext(ctx, s.q(`UPDATE outbox SET status = 'delivered', delivered_ns = ?, last_error = '' WHERE id = ?`), now.UnixNano(), c.id)
		unlock()
		if uerr != nil {
			log.Error("outbox record delivery", "key", ikey, "err", uerr) // posted again after the lease, same key
		}
		return
	}
	s.m.deliveryFailures.Inc()
	status := "pending"
	if c.attempts >= cfg.MaxAttempts {
		status = "failed"
		s.m.deliveries.WithLabelValues("failed").Inc()
	}
	wait := cfg.Backoff << min(c.attempts-1, 30)
	if wait > cfg.MaxBackoff || wait <= 0 {
		wait = cfg.MaxBackoff
	}
	wait = time.Duration(float64(wait) * (0.8 + 0.4*rand.Float64()))
	log.Warn("outbox delivery failed", "key", ikey, "attempt", c.attempts, "status", status, "retry_in", wait.String(), "err", err)
	unlock := s.lockWrites()
	_, uerr := s.db.ExecContext(ctx, s.q(`UPDATE outbox SET status = ?, next_attempt_ns = ?, last_error = ? WHERE id = ?`), status, now.Add(wait).UnixNano(), err.Error(), c.id)
	unlock()
	if uerr != nil {
		log.Error("outbox record failure", "key", ikey, "err", uerr)
	}
}
