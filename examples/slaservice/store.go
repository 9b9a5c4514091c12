package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"
)

// Store is the service's database: the events of every incident (the
// source of truth), a projection with each incident's current state and
// next wake-up, the keys of the escalation actions already fired, the
// outbox of actions to deliver, and the API tokens. It runs on an embedded
// SQLite file or on PostgreSQL; several replicas may share one PostgreSQL
// database (see timers.go and outbox.go for how they share the work).
//
// Appends go through a group commit: a committer goroutine takes every
// append waiting (up to MaxBatch) and writes them in one transaction; the
// commit returns without waiting for the disk, the committer goes on with
// the next batch, and syncLoop makes everything committed so far durable
// with one flush (an fsync of SQLite's write-ahead log; on PostgreSQL one
// synchronous commit, see sync) and only then acknowledges those appends.
// At most one batch is being flushed while the next commits, so the
// appends arriving meanwhile make the batch after that large. An append
// returns only once its event is on disk, or with the reason it was
// refused; a refused event is never written and does not fail the others
// of its batch.
type Store struct {
	db    *sql.DB
	pg    bool
	rules *rules
	cfg   StoreConfig
	m     *metrics

	cache incidentCache
	reqs  chan *appendReq
	quit  chan struct{}
	wg    sync.WaitGroup
	once  sync.Once

	// SQLite only: the committer's own connection, with synchronous=OFF,
	// the write-ahead log it appends to, and the acknowledgements waiting
	// for that log's next fsync (see syncLoop).
	wconn   *sql.Conn
	walPath string
	wal     *os.File
	syncq   chan syncJob
	syncwg  sync.WaitGroup
	// unsynced bounds the batches committed and not yet acknowledged: one
	// being fsynced and one committed behind it. The committer waits for a
	// slot, and the appends that come meanwhile make the next batch big.
	unsynced chan struct{}
	// replica names this process's row in wal_flush (PostgreSQL).
	replica string
	// writeMu orders this process's SQLite write transactions (the
	// committer's, the timers', the outbox's) in Go, so that they wait for
	// each other on a mutex instead of in SQLite's busy handler, which
	// polls with sleeps of up to 100 ms.
	writeMu sync.Mutex
}

// lockWrites takes writeMu on SQLite (PostgreSQL's row locks need no
// help) and returns its release.
func (s *Store) lockWrites() func() {
	if s.pg {
		return func() {}
	}
	s.writeMu.Lock()
	return s.writeMu.Unlock
}

// syncJob is a committed batch waiting for the fsync that makes it
// durable before it is acknowledged.
type syncJob struct {
	batch   []*appendReq
	results []appendResult
}

// StoreConfig are the store's limits and clock.
type StoreConfig struct {
	// Now is the clock (time.Now in main, a fixed clock in tests).
	Now func() time.Time
	// MaxEvents bounds an incident's history.
	MaxEvents int
	// Committers is the number of concurrent group-commit transactions on
	// PostgreSQL (default 1: with commits pipelined behind one shared
	// flush, more committers make smaller batches; see sync). SQLite
	// always has one (one writer at a time anyway).
	Committers int
	// MaxBatch bounds the events of one group commit.
	MaxBatch int
}

// Refusals. Each wraps one of these for errors.Is; statusOf maps them to
// HTTP statuses.
var (
	errBadRequest  = errors.New("bad request")
	errForbidden   = errors.New("forbidden")
	errHistoryFull = errors.New("history full")
	errLate        = errors.New("late event refused")
)

// LateEventError is a late event (dated before the incident's last event)
// that the history does not replay with at its place in time.
type LateEventError struct {
	Incident string
	At       time.Time
	// Position is the 0-based place in the history the event would take.
	Position int
	Err      error
}

// Error implements error.
func (e *LateEventError) Error() string {
	return fmt.Sprintf("slaservice: a late event at %s for %s (position %d of its history) is refused: the history does not replay with it: %v",
		e.At.Format(time.RFC3339Nano), e.Incident, e.Position, e.Err)
}

// Unwrap gives errors.Is both errLate and the SDK's cause.
func (e *LateEventError) Unwrap() []error { return []error{errLate, e.Err} }

// OpenStore opens the database at dsn: a PostgreSQL URL
// (postgres://...) or a SQLite file path, migrates it and starts the
// committers.
func OpenStore(ctx context.Context, dsn string, r *rules, cfg StoreConfig, m *metrics) (*Store, error) {
	db, pg, err := openDB(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if m == nil {
		m = newMetrics()
	}
	s := &Store{db: db, pg: pg, rules: r, cfg: cfg.withDefaults(pg), m: m, reqs: make(chan *appendReq), quit: make(chan struct{})}
	s.cache.max = 100000
	if err := s.start(ctx, dsn); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// openDB opens and migrates the database at dsn; pg says it is
// PostgreSQL.
func openDB(ctx context.Context, dsn string) (db *sql.DB, pg bool, err error) {
	pg = strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
	if pg {
		db, err = sql.Open("pgx", dsn)
		if err == nil {
			db.SetMaxOpenConns(32)
			db.SetMaxIdleConns(32)
		}
	} else {
		// WAL with synchronous=FULL: a commit is on disk when it returns.
		// BEGIN IMMEDIATE takes the write lock up front, so concurrent
		// writers wait (busy_timeout) instead of failing mid-transaction.
		db, err = sql.Open("sqlite", "file:"+dsn+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=wal_autocheckpoint(0)&_txlock=immediate")
		if err == nil {
			db.SetMaxOpenConns(8)
		}
	}
	if err != nil {
		return nil, false, fmt.Errorf("slaservice: open database: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, false, fmt.Errorf("slaservice: database unreachable: %w", err)
	}
	if _, err := migrate(ctx, db, pg); err != nil {
		db.Close()
		return nil, false, err
	}
	return db, pg, nil
}

// withDefaults fills in what cfg leaves zero; SQLite has one committer
// whatever cfg says.
func (cfg StoreConfig) withDefaults(pg bool) StoreConfig {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxEvents <= 0 {
		cfg.MaxEvents = 10000
	}
	if cfg.Committers <= 0 || !pg {
		cfg.Committers = 1
	}
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = 256
	}
	return cfg
}

// start opens SQLite's write-ahead log and starts its checkpoints, or
// registers this replica's flush row on PostgreSQL, then starts the sync
// loop and the committers.
func (s *Store) start(ctx context.Context, dsn string) error {
	if s.pg {
		var b [8]byte
		_, _ = rand.Read(b[:])
		s.replica = hex.EncodeToString(b[:])
		if _, err := s.db.ExecContext(ctx, `INSERT INTO wal_flush (replica, n) VALUES ($1, 0)`, s.replica); err != nil {
			return fmt.Errorf("slaservice: wal_flush: %w", err)
		}
	} else {
		if err := s.openWAL(ctx, dsn); err != nil {
			return err
		}
		s.wg.Add(1)
		go s.checkpointLoop()
	}
	s.syncq = make(chan syncJob, 64)
	s.unsynced = make(chan struct{}, s.cfg.Committers+1)
	s.syncwg.Add(1)
	go s.syncLoop()
	for range s.cfg.Committers {
		s.wg.Add(1)
		go s.commitLoop()
	}
	return nil
}

// checkpointLoop copies SQLite's write-ahead log into the database file
// in the background (PASSIVE: it never blocks a writer), instead of
// SQLite's automatic checkpoint, which runs inside the commit that fills
// the log and makes that commit's appends wait for it.
func (s *Store) checkpointLoop() {
	defer s.wg.Done()
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-s.quit:
			return
		case <-t.C:
			_, _ = s.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}
}

// Close stops the committers (after the batches in flight) and closes the
// database.
func (s *Store) Close() error {
	var err error
	s.once.Do(func() {
		close(s.quit)
		s.wg.Wait()
		close(s.syncq)
		s.syncwg.Wait()
		if s.pg {
			_, _ = s.db.Exec(`DELETE FROM wal_flush WHERE replica = $1`, s.replica)
		}
		if s.wconn != nil {
			// Hand the log back to SQLite fully synced: the committer's
			// connection syncs again, and a synced checkpoint empties the
			// log, so that closing the last connection cannot checkpoint
			// unsynced.
			_, _ = s.wconn.ExecContext(context.Background(), `PRAGMA synchronous=FULL`)
			_ = s.wconn.Close()
			_, _ = s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
			_ = s.wal.Close()
		}
		err = s.db.Close()
	})
	return err
}

// Group commit on SQLite. SQLite's synchronous=FULL would fsync the log
// inside every commit, while the committer waits and the write lock is
// held. Instead, the committer's connection commits with synchronous=OFF
// (its frames reach the log, not yet the disk) and goes on with the next
// batch at once, while syncLoop fsyncs the log once for every batch
// committed meanwhile and only then acknowledges them. An event is still
// acknowledged only once it is on disk, and one fsync covers many
// batches. Checkpoints, which copy the log into the database file and let
// the next writer restart the log, run on other connections with
// synchronous=FULL (checkpointLoop, Close): SQLite syncs the log before
// copying and the database file before it marks the copy complete, so
// the log is never restarted over frames that are not yet safe in the
// database file. (A reader may see an event a few milliseconds before its
// fsync; after a power loss at that moment the event, never acknowledged,
// may be gone.)
func (s *Store) openWAL(ctx context.Context, path string) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA synchronous=OFF`); err != nil {
		conn.Close()
		return err
	}
	s.wconn, s.walPath = conn, path+"-wal"
	if s.wal, err = os.OpenFile(s.walPath, os.O_RDWR, 0); err != nil {
		conn.Close()
		return fmt.Errorf("slaservice: open the write-ahead log: %w", err)
	}
	return nil
}

// syncWAL fsyncs the write-ahead log, reopening it if SQLite replaced the
// file.
func (s *Store) syncWAL() error {
	fi, err := os.Stat(s.walPath)
	if err != nil {
		return err
	}
	if cur, err := s.wal.Stat(); err != nil || !os.SameFile(fi, cur) {
		f, err := os.OpenFile(s.walPath, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		s.wal.Close()
		s.wal = f
	}
	return s.wal.Sync()
}

// sync makes every commit so far durable. On PostgreSQL the batches
// commit with synchronous_commit off (the commit returns before its WAL
// record is flushed), and one small transaction that writes (this
// replica's row of wal_flush) and commits synchronously flushes the WAL
// up to its own commit record, so every batch committed before it too:
// one flush for many batches, as on SQLite. (A transaction that writes no
// WAL of its own, such as SELECT txid_current(), commits without a flush:
// it would not do.)
func (s *Store) sync() error {
	if !s.pg {
		return s.syncWAL()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := s.db.ExecContext(ctx, `UPDATE wal_flush SET n = n + 1 WHERE replica = $1`, s.replica)
	if err == nil {
		if n, _ := res.RowsAffected(); n != 1 {
			err = fmt.Errorf("slaservice: wal_flush has no row for replica %s", s.replica)
		}
	}
	return err
}

// syncLoop acknowledges committed batches after the fsync that makes them
// durable, one fsync for all the batches waiting.
func (s *Store) syncLoop() {
	defer s.syncwg.Done()
	for job := range s.syncq {
		jobs := []syncJob{job}
	drain:
		for {
			select {
			case j, ok := <-s.syncq:
				if !ok {
					break drain
				}
				jobs = append(jobs, j)
			default:
				break drain
			}
		}
		err := s.sync()
		for _, j := range jobs {
			if err != nil {
				for i := range j.results {
					if j.results[i].Err == nil {
						j.results[i] = appendResult{Err: fmt.Errorf("slaservice: flush of the write-ahead log: %w", err)}
					}
				}
			}
			s.reply(j.batch, j.results)
			<-s.unsynced
		}
	}
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

func (s *Store) q(query string) string { return rebind(s.pg, query) }

// appendReq is one event waiting for its group commit.
type appendReq struct {
	id string
	e  incident.Event
	// may authorizes the event against the incident as it stands inside
	// the transaction (nil: anyone); exists is false for a new incident.
	may  func(cur incident.Incident, exists bool) error
	done chan appendResult
}

// appendResult is the outcome of an append.
type appendResult struct {
	Incident incident.Incident
	Effects  incident.Effects
	// Seq is the event's number in its incident (1 for the open event),
	// in order of arrival; Events the history's length after it.
	Seq, Events int
	// Late is set when the event was inserted before later ones.
	Late bool
	Err  error
}

// errClosed is the answer to appends after Close.
var errClosed = errors.New("slaservice: the store is shutting down")

// Append stores e as the next event of the incident id and returns once it
// is committed, or refused (the stored history is then unchanged). An
// event dated before the incident's last event is inserted at its place in
// time if the whole history replays with it (a *LateEventError otherwise).
func (s *Store) Append(ctx context.Context, id string, e incident.Event, may func(incident.Incident, bool) error) appendResult {
	req := &appendReq{id: id, e: e, may: may, done: make(chan appendResult, 1)}
	select {
	case s.reqs <- req:
	case <-s.quit:
		return appendResult{Err: errClosed}
	case <-ctx.Done():
		return appendResult{Err: ctx.Err()}
	}
	// Once handed over, the request is committed or refused whatever the
	// caller does: wait for the outcome.
	return <-req.done
}

func (s *Store) commitLoop() {
	defer s.wg.Done()
	for {
		var first *appendReq
		select {
		case first = <-s.reqs:
		case <-s.quit:
			return
		}
		s.unsynced <- struct{}{} // released once this batch is acknowledged
		batch := []*appendReq{first}
	drain:
		for len(batch) < s.cfg.MaxBatch {
			select {
			case r := <-s.reqs:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		s.commitBatch(batch)
	}
}

// commitBatch writes a batch in one transaction, retrying a few times when
// another replica or committer got in the way (a conflict on a new
// incident, a deadlock, a serialization failure).
func (s *Store) commitBatch(batch []*appendReq) {
	s.m.batchSize.Observe(float64(len(batch)))
	var results []appendResult
	var err error
	for attempt := range 5 {
		results, err = s.tryBatch(batch)
		if err == nil {
			break
		}
		s.cache.drop(batch)
		time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
	}
	if err != nil {
		for i := range batch {
			results[i] = appendResult{Err: fmt.Errorf("slaservice: commit: %w", err)}
		}
	}
	accepted := false
	for _, r := range results {
		accepted = accepted || r.Err == nil
	}
	if err == nil && accepted {
		s.syncq <- syncJob{batch, results}
		return
	}
	s.reply(batch, results)
	<-s.unsynced
}

// reply answers the appends of a batch.
func (s *Store) reply(batch []*appendReq, results []appendResult) {
	for i, r := range batch {
		if results[i].Err != nil {
			s.m.ingested.WithLabelValues("refused").Inc()
		} else {
			s.m.ingested.WithLabelValues("accepted").Inc()
		}
		r.done <- results[i]
	}
}

// stored is an incident's projection row as locked by a batch.
type stored struct {
	tenant   string
	events   int
	fired    int
	breaches int
}

// work is one incident of a batch while the batch is applied.
type work struct {
	row     stored
	exists  bool
	inc     incident.Incident
	fired   escalation.Fired
	loaded  bool // inc is the stored history's fold
	changed bool
}

func (s *Store) tryBatch(batch []*appendReq) (results []appendResult, err error) {
	results = make([]appendResult, len(batch))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	defer s.lockWrites()()
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return results, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	ids := make([]string, 0, len(batch))
	for _, r := range batch {
		ids = append(ids, r.id)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	works, err := s.lockWorks(ctx, tx, ids)
	if err != nil {
		return results, err
	}
	// Apply each event in arrival order; a refusal touches nothing.
	var inserts []insert
	for i, r := range batch {
		w := works[r.id]
		res := s.applyOne(w, r)
		if res.Err == nil {
			body, jerr := json.Marshal(r.e)
			if jerr != nil {
				res = appendResult{Err: jerr}
			} else {
				w.row.events++
				res.Seq, res.Events = w.row.events, w.row.events
				inserts = append(inserts, insert{r.id, w.row.events, r.e, body})
				w.changed = true
			}
		}
		results[i] = res
	}
	if len(inserts) == 0 {
		return results, tx.Commit()
	}
	changed, err := s.writeWorks(ctx, tx, ids, works, inserts)
	if err != nil {
		return results, err
	}
	if err := tx.Commit(); err != nil {
		return results, err
	}
	for _, id := range changed {
		s.cache.put(id, works[id].row.events, works[id].inc)
	}
	return results, nil
}

// beginWrite begins the transaction of a batch, on the write connection
// if the store has one.
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	var tx *sql.Tx
	var err error
	if s.wconn != nil {
		tx, err = s.wconn.BeginTx(ctx, nil)
	} else {
		tx, err = s.db.BeginTx(ctx, nil)
	}
	if err != nil {
		return nil, err
	}
	if s.pg {
		// Acknowledged only after sync's flush; see sync.
		if _, err := tx.ExecContext(ctx, `SET LOCAL synchronous_commit TO OFF`); err != nil {
			tx.Rollback()
			return nil, err
		}
	}
	return tx, nil
}

// lockWorks locks the rows of the incidents ids (sorted) in tx and
// returns each one's work: the stored row, the incident folded from its
// history (from the cache when the history has not grown since) and its
// fired escalation keys.
func (s *Store) lockWorks(ctx context.Context, tx *sql.Tx, ids []string) (map[string]*work, error) {
	works, err := s.lockRows(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	if err := s.loadWorks(ctx, tx, ids, works); err != nil {
		return nil, err
	}
	return works, nil
}

// lockRows locks the rows of the incidents ids (sorted) in tx, in id
// order, so that two committers never deadlock, and returns a work for
// each id with its stored row, if any.
func (s *Store) lockRows(ctx context.Context, tx *sql.Tx, ids []string) (map[string]*work, error) {
	works := make(map[string]*work, len(ids))
	for _, id := range ids {
		works[id] = &work{}
	}
	lock := `SELECT id, tenant, events, fired, breaches FROM incidents WHERE id IN ` + placeholders(1, len(ids)) + ` ORDER BY id`
	if s.pg {
		lock += ` FOR UPDATE`
	}
	rows, err := tx.QueryContext(ctx, s.q(lock), anys(ids)...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id string
		var st stored
		if err := rows.Scan(&id, &st.tenant, &st.events, &st.fired, &st.breaches); err != nil {
			rows.Close()
			return nil, err
		}
		works[id].row, works[id].exists = st, true
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	return works, nil
}

// loadWorks gives each locked work its incident, folded from its history or
// taken from the cache, and its fired escalation keys. The cache holds
// folds of recent histories; one whose length matches the locked row is
// the stored history (a history only grows).
func (s *Store) loadWorks(ctx context.Context, tx *sql.Tx, ids []string, works map[string]*work) error {
	var load, withFired []string
	for _, id := range ids {
		w := works[id]
		if !w.exists {
			w.loaded = true
			continue
		}
		if inc, ok := s.cache.get(id, w.row.events); ok {
			w.inc, w.loaded = inc, true
		} else {
			load = append(load, id)
		}
		if w.row.fired > 0 {
			withFired = append(withFired, id)
		}
	}
	if len(load) > 0 {
		histories, err := s.histories(ctx, tx, load)
		if err != nil {
			return err
		}
		for _, id := range load {
			inc, err := s.rules.replay(histories[id])
			if err != nil {
				return fmt.Errorf("slaservice: stored history of %s does not replay: %w", id, err)
			}
			works[id].inc, works[id].loaded = inc, true
		}
	}
	if len(withFired) > 0 {
		fired, err := s.firedKeys(ctx, tx, withFired)
		if err != nil {
			return err
		}
		for id, f := range fired {
			works[id].fired = f
		}
	}
	return nil
}

// insert is an accepted event of a batch, as stored.
type insert struct {
	id   string
	seq  int
	e    incident.Event
	body []byte
}

// writeWorks inserts a batch's accepted events in tx and the projection of
// each incident they changed (evaluated as it now stands), and returns the
// changed incidents' IDs.
func (s *Store) writeWorks(ctx context.Context, tx *sql.Tx, ids []string, works map[string]*work, inserts []insert) ([]string, error) {
	now := s.cfg.Now()
	args := make([]any, 0, 5*len(inserts))
	for _, in := range inserts {
		args = append(args, in.id, in.seq, in.e.At.UnixNano(), string(in.body), now.UnixNano())
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO events (incident_id, seq, at_ns, body, acked_ns) VALUES `+placeholders(len(inserts), 5)), args...); err != nil {
		return nil, err
	}
	var changed []string
	args = args[:0]
	for _, id := range ids {
		w := works[id]
		if !w.changed {
			continue
		}
		row, err := s.project(id, w.inc, w.row, w.fired, now)
		if err != nil {
			return nil, err
		}
		changed = append(changed, id)
		args = append(args, row...)
		if n := row[7].(int); n > w.row.breaches {
			s.m.breaches.Add(float64(n - w.row.breaches))
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(upsertIncidents(len(changed))), args...); err != nil {
		return nil, err
	}
	return changed, nil
}

// applyOne validates and applies one event to the incident in memory.
func (s *Store) applyOne(w *work, r *appendReq) appendResult {
	e := r.e
	if r.may != nil {
		if err := r.may(w.inc, w.exists || w.changed); err != nil {
			return appendResult{Err: err}
		}
	}
	if !w.exists && !w.changed && e.Type == incident.EventOpen && e.ID != r.id {
		return appendResult{Err: fmt.Errorf("slaservice: %w: the open event's id %q is not the incident %q", errBadRequest, e.ID, r.id)}
	}
	if w.row.events >= s.cfg.MaxEvents {
		return appendResult{Err: fmt.Errorf("slaservice: %w: incident %s has %d events, the most one incident may have", errHistoryFull, r.id, w.row.events)}
	}
	history := w.inc.History()
	if n := len(history); n > 0 && !e.At.IsZero() && e.At.Before(history[n-1].At) {
		// Late: insert it after every event at or before its instant and
		// replay the whole history with it.
		p := len(history)
		for p > 0 && history[p-1].At.After(e.At) {
			p--
		}
		with := slices.Insert(history, p, e)
		inc, err := s.rules.replay(with)
		if err != nil {
			var ie *incident.InvalidEventError
			if errors.As(err, &ie) {
				err = ie
			}
			return appendResult{Err: &LateEventError{Incident: r.id, At: e.At, Position: p, Err: err}}
		}
		w.inc = inc
		return appendResult{Incident: inc, Late: true}
	}
	inc, eff, err := s.rules.apply(w.inc, e)
	if err != nil {
		return appendResult{Err: err}
	}
	w.inc = inc
	return appendResult{Incident: inc, Effects: eff}
}

// project evaluates inc and returns its projection row in the column
// order of upsertIncidents.
func (s *Store) project(id string, inc incident.Incident, row stored, fired escalation.Fired, now time.Time) ([]any, error) {
	at := now
	if u := inc.UpdatedAt; u.After(at) {
		at = u // an event within the allowed skew ahead counts as happened
	}
	start := time.Now()
	ev, err := s.rules.evaluate(inc, fired, at)
	s.m.evalSeconds.Observe(time.Since(start).Seconds())
	if err != nil {
		return nil, err
	}
	view, err := incidentView(inc, row.events)
	if err != nil {
		return nil, err
	}
	var wake any
	switch {
	case len(ev.Due) > 0:
		wake = now.UnixNano()
	case !ev.Next.IsZero():
		wake = ev.Next.UnixNano()
	}
	return []any{id, inc.Customer, string(inc.State), int(inc.Priority), slaState(ev.Results), row.events, row.fired,
		breaches(ev.Results), inc.OpenedAt.UnixNano(), inc.UpdatedAt.UnixNano(), wake, now.UnixNano(), string(view)}, nil
}

// upsertIncidents writes n projection rows.
func upsertIncidents(n int) string {
	return `INSERT INTO incidents (id, tenant, state, priority, sla_state, events, fired, breaches, opened_ns, last_at_ns, next_wake_ns, updated_ns, view) VALUES ` +
		placeholders(n, 13) + ` ON CONFLICT (id) DO UPDATE SET tenant = excluded.tenant, state = excluded.state, priority = excluded.priority,
		sla_state = excluded.sla_state, events = excluded.events, fired = excluded.fired, breaches = excluded.breaches, opened_ns = excluded.opened_ns,
		last_at_ns = excluded.last_at_ns, next_wake_ns = excluded.next_wake_ns, updated_ns = excluded.updated_ns, view = excluded.view`
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// histories reads the histories of ids in time order (events at the same
// instant in order of arrival).
func (s *Store) histories(ctx context.Context, q querier, ids []string) (map[string][]incident.Event, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT incident_id, body FROM events WHERE incident_id IN `+placeholders(1, len(ids))+` ORDER BY incident_id, at_ns, seq`), anys(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string][]incident.Event, len(ids))
	for rows.Next() {
		var id, body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, err
		}
		var e incident.Event
		if err := json.Unmarshal([]byte(body), &e); err != nil {
			return nil, fmt.Errorf("slaservice: stored event of %s: %w", id, err)
		}
		out[id] = append(out[id], e)
	}
	return out, rows.Err()
}

// firedKeys reads the fired records of ids.
func (s *Store) firedKeys(ctx context.Context, q querier, ids []string) (map[string]escalation.Fired, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT incident_id, key_json FROM fired WHERE incident_id IN `+placeholders(1, len(ids))), anys(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]escalation.Fired{}
	for rows.Next() {
		var id, kj string
		if err := rows.Scan(&id, &kj); err != nil {
			return nil, err
		}
		var k escalation.Key
		if err := json.Unmarshal([]byte(kj), &k); err != nil {
			return nil, fmt.Errorf("slaservice: stored fired key of %s: %w", id, err)
		}
		f := out[id]
		f.Add(k)
		out[id] = f
	}
	return out, rows.Err()
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// incidentCache keeps the folds of recently written incidents, each with
// the length of the history it folds, so that an append to a hot incident
// does not read and replay its history. It is only a shortcut: a fold is
// used only when its length matches the locked row (another replica's
// append makes it stale). When full it is emptied.
type incidentCache struct {
	mu  sync.Mutex
	max int
	m   map[string]cached
}

type cached struct {
	events int
	inc    incident.Incident
}

func (c *incidentCache) get(id string, events int) (incident.Incident, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[id]
	if !ok || e.events != events {
		return incident.Incident{}, false
	}
	return e.inc, true
}

func (c *incidentCache) put(id string, events int, inc incident.Incident) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= c.max {
		c.m = make(map[string]cached)
	}
	c.m[id] = cached{events, inc}
}

func (c *incidentCache) drop(batch []*appendReq) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range batch {
		delete(c.m, r.id)
	}
}
