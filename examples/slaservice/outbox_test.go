package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// receiver is a webhook on loopback that honours Idempotency-Key: it
// processes each key once and counts every attempt.
type receiver struct {
	url string
	// fail makes the first n attempts of every key answer 503.
	fail  int
	delay time.Duration

	mu        sync.Mutex
	attempts  map[string]int
	processed map[string]int
	payloads  map[string]outboxPayload
	total     atomic.Int64
}

func newReceiver(t *testing.T, fail int, delay time.Duration) *receiver {
	r := &receiver{fail: fail, delay: delay, attempts: map[string]int{}, processed: map[string]int{}, payloads: map[string]outboxPayload{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := &http.Server{Handler: http.HandlerFunc(r.serve)}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	r.url = "http://" + ln.Addr().String() + "/hook"
	return r
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	key := req.Header.Get("Idempotency-Key")
	body, _ := io.ReadAll(req.Body)
	time.Sleep(r.delay)
	r.total.Add(1)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.attempts[key]++
	if key == "" || r.attempts[key] <= r.fail {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	if r.processed[key] == 0 { // honour the key: a repeat is acknowledged, not redone
		var p outboxPayload
		if json.Unmarshal(body, &p) == nil && p.IdempotencyKey == key {
			r.payloads[key] = p
		}
	}
	r.processed[key]++
	w.WriteHeader(http.StatusNoContent)
}

// distinct returns the keys processed and how many times each came in.
func (r *receiver) snapshot() (processed map[string]int, attempts map[string]int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	processed, attempts = map[string]int{}, map[string]int{}
	for k, v := range r.processed {
		processed[k] = v
	}
	for k, v := range r.attempts {
		attempts[k] = v
	}
	return processed, attempts
}

// outboxRows reads the outbox: status by idempotency key.
func outboxRows(t *testing.T, s *Store) map[string]string {
	rows, err := s.db.Query(`SELECT incident_id, key, status FROM outbox`)
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, key, status string
		require.NoError(t, rows.Scan(&id, &key, &status))
		out[id+"/"+key] = status
	}
	require.NoError(t, rows.Err())
	return out
}

// TestTimersFireIntoOutboxAndDeliver: due actions go to the outbox once,
// the webhook gets each with its Idempotency-Key, failures are retried,
// and the escalations endpoint shows them fired.
func TestTimersFireIntoOutboxAndDeliver(t *testing.T) {
	each(t, func(t *testing.T, dsn func(testing.TB) string) {
		c := newClock(fixedNow)
		s := start(t, dsn(t), c)
		hook := newReceiver(t, 1, 0)
		// Unacknowledged since 08:00: the group step at 08:15 and its two
		// repeats (08:45, 09:15) are due at 10:00.
		s.post("INC1", event("08:00", `"type":"open","id":"INC1","customer":"acme","impact":1,"urgency":1`))
		s.post("INC2", event("09:55", `"type":"open","id":"INC2","customer":"globex"`))

		n, err := s.store.FireDue(context.Background())
		require.NoError(t, err)
		assert.Equal(t, 1, n, "INC1 is due; INC2 is not until its 10:10")
		n, err = s.store.FireDue(context.Background())
		require.NoError(t, err)
		assert.Equal(t, 0, n, "nothing is due twice")
		rows := outboxRows(t, s.store)
		require.Len(t, rows, 3, "%v", rows)
		for k, st := range rows {
			assert.Equal(t, "pending", st, k)
		}
		code, body := s.do("root", "GET", "/incidents/INC1/escalations", "")
		require.Equal(t, http.StatusOK, code)
		assert.Empty(t, body["due"])
		assert.Len(t, body["fired"], 3)

		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			s.store.RunDelivery(ctx, DeliveryConfig{Webhook: hook.url, Every: 20 * time.Millisecond, Backoff: 10 * time.Millisecond, Timeout: time.Second}, quiet)
			close(done)
		}()
		// The clock is fixed: the backoff waits are measured on it, so move
		// it on while waiting.
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			c.set(c.now().Add(time.Second))
			if p, _ := hook.snapshot(); len(p) == 3 {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		processed, attempts := hook.snapshot()
		require.Len(t, processed, 3)
		for k := range rows {
			assert.Equal(t, 1, processed[k], k)
			assert.Equal(t, 2, attempts[k], "%s: failed once, retried once", k)
			p := hook.payloads[k]
			assert.Equal(t, "INC1", p.Incident)
			assert.Equal(t, "acme", p.Tenant)
			assert.Equal(t, "notify", p.Action.Task.String())
		}
		require.Eventually(t, func() bool {
			for _, st := range outboxRows(t, s.store) {
				if st != "delivered" {
					return false
				}
			}
			return true
		}, 10*time.Second, 20*time.Millisecond)
		cancel()
		<-done

		// At 11:00 INC1's manager step (75% of P1's 4-hour resolution) is
		// due, and INC2's group step (10:10) and first repeat (10:40).
		c.set(time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC))
		_, err = s.store.FireDue(context.Background())
		require.NoError(t, err)
		rows = outboxRows(t, s.store)
		assert.Len(t, rows, 6, "%v", rows)
		for _, k := range []string{"INC1/standard/manager/0/1/notify/role:manager", "INC2/standard/group/0/1/notify/group", "INC2/standard/group/1/1/notify/group"} {
			assert.Equal(t, "pending", rows[k], "%s: %v", k, rows)
		}
	})
}

// TestDeliveryGivesUp marks a row failed after MaxAttempts.
func TestDeliveryGivesUp(t *testing.T) {
	c := newClock(fixedNow)
	s := start(t, dsnSQLite(t), c)
	hook := newReceiver(t, 1000, 0)
	s.post("INC1", event("09:40", `"type":"open","id":"INC1","customer":"acme"`))
	_, err := s.store.FireDue(context.Background())
	require.NoError(t, err)
	require.Len(t, outboxRows(t, s.store), 1)
	cfg := DeliveryConfig{Webhook: hook.url, Backoff: time.Millisecond, MaxAttempts: 3, Timeout: time.Second}
	cfg.defaults()
	for range 3 {
		batch, err := s.store.claimOutbox(context.Background(), cfg)
		require.NoError(t, err)
		require.Len(t, batch, 1)
		s.store.deliver(&http.Client{}, cfg, batch[0], quiet)
		c.set(c.now().Add(time.Second))
	}
	for k, st := range outboxRows(t, s.store) {
		assert.Equal(t, "failed", st, k)
	}
	_, attempts := hook.snapshot()
	assert.Equal(t, 3, attempts["INC1/standard/group/0/1/notify/group"], "%v", attempts)
}

// TestConcurrentAppends: many clients, some on the same incident, all
// acknowledged events stored once and in per-incident order.
func TestConcurrentAppends(t *testing.T) {
	each(t, func(t *testing.T, dsn func(testing.TB) string) {
		s := start(t, dsn(t), newClock(fixedNow))
		const clients, per = 16, 15
		var wg sync.WaitGroup
		errs := make(chan error, clients*per)
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				id := fmt.Sprintf("C%d", c%4) // four clients per incident
				for i := range per {
					e := fmt.Sprintf(`{"at":"2026-11-23T09:%02d:%02dZ","actor":"a%d","type":"comment","note":"%d-%d"}`, i, c, c, c, i)
					code, body := s.do("root", "POST", "/incidents/"+id+"/events", e)
					if code != http.StatusCreated {
						errs <- fmt.Errorf("%s: %d %v", e, code, body)
					}
				}
			}()
		}
		for i := range 4 {
			s.post(fmt.Sprintf("C%d", i), event("08:00", fmt.Sprintf(`"type":"open","id":"C%d"`, i)))
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			// A comment that raced ahead of its incident's open is refused
			// (404); anything else is a bug.
			assert.Contains(t, err.Error(), "404", "%v", err)
		}
		var stored, incidents int
		require.NoError(t, s.store.db.QueryRow(`SELECT count(*) FROM events`).Scan(&stored))
		require.NoError(t, s.store.db.QueryRow(`SELECT sum(events) FROM incidents`).Scan(&incidents))
		assert.Equal(t, stored, incidents, "the projection counts every stored event")
		var dup int
		require.NoError(t, s.store.db.QueryRow(`SELECT count(*) FROM (SELECT incident_id, seq FROM events GROUP BY incident_id, seq HAVING count(*) > 1) d`).Scan(&dup))
		assert.Zero(t, dup)
		accepted := stored
		assert.LessOrEqual(t, accepted, clients*per+4)
	})
}
