package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// migration is one versioned step of the schema. Migrations run in order,
// each in its own transaction together with its row in schema_migrations,
// when the service starts; a database newer than the binary is refused.
type migration struct {
	version int
	name    string
	// sql is the statements, separated by ";\n"; {{id}} is the dialect's
	// auto-increment primary key.
	sql string
}

var migrations = []migration{
	{1, "event store, projection, fired keys, outbox, tokens", `
CREATE TABLE events (
	incident_id TEXT NOT NULL,
	seq BIGINT NOT NULL,
	at_ns BIGINT NOT NULL,
	body TEXT NOT NULL,
	acked_ns BIGINT NOT NULL,
	PRIMARY KEY (incident_id, seq)
);
CREATE INDEX events_by_time ON events (incident_id, at_ns, seq);
CREATE TABLE incidents (
	id TEXT PRIMARY KEY,
	tenant TEXT NOT NULL,
	state TEXT NOT NULL,
	priority INTEGER NOT NULL,
	sla_state TEXT NOT NULL,
	events BIGINT NOT NULL,
	fired BIGINT NOT NULL,
	breaches INTEGER NOT NULL,
	opened_ns BIGINT NOT NULL,
	last_at_ns BIGINT NOT NULL,
	next_wake_ns BIGINT,
	updated_ns BIGINT NOT NULL,
	view TEXT NOT NULL
);
CREATE INDEX incidents_by_wake ON incidents (next_wake_ns);
CREATE INDEX incidents_by_tenant ON incidents (tenant, id);
CREATE TABLE fired (
	incident_id TEXT NOT NULL,
	key TEXT NOT NULL,
	key_json TEXT NOT NULL,
	fired_ns BIGINT NOT NULL,
	PRIMARY KEY (incident_id, key)
);
CREATE TABLE outbox (
	id {{id}},
	incident_id TEXT NOT NULL,
	key TEXT NOT NULL,
	payload TEXT NOT NULL,
	status TEXT NOT NULL,
	created_ns BIGINT NOT NULL,
	next_attempt_ns BIGINT NOT NULL,
	attempts INTEGER NOT NULL,
	delivered_ns BIGINT,
	last_error TEXT NOT NULL,
	UNIQUE (incident_id, key)
);
CREATE INDEX outbox_by_due ON outbox (status, next_attempt_ns);
CREATE TABLE tokens (
	hash TEXT PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL,
	tenants TEXT NOT NULL,
	created_ns BIGINT NOT NULL
)`},
	{2, "flush markers of the PostgreSQL group commit", `
CREATE TABLE wal_flush (
	replica TEXT PRIMARY KEY,
	n BIGINT NOT NULL
)`},
	{3, "settings: the fingerprint of the rules the projection was computed with", `
CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
)`},
}

// migrate brings the schema to the latest version. On PostgreSQL an
// advisory lock makes replicas that start together migrate one after the
// other.
func migrate(ctx context.Context, db *sql.DB, pg bool) (int, error) {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ns BIGINT NOT NULL)`); err != nil {
		return 0, fmt.Errorf("slaservice: schema_migrations: %w", err)
	}
	version := 0
	for _, m := range migrations {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return version, err
		}
		if pg {
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7242601)`); err != nil {
				tx.Rollback()
				return version, err
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, rebind(pg, `SELECT count(*) FROM schema_migrations WHERE version = ?`), m.version).Scan(&n); err != nil {
			tx.Rollback()
			return version, err
		}
		if n == 0 {
			id := "INTEGER PRIMARY KEY AUTOINCREMENT"
			if pg {
				id = "BIGSERIAL PRIMARY KEY"
			}
			for _, stmt := range strings.Split(strings.ReplaceAll(m.sql, "{{id}}", id), ";\n") {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					tx.Rollback()
					return version, fmt.Errorf("slaservice: migration %d (%s): %w", m.version, m.name, err)
				}
			}
			if _, err := tx.ExecContext(ctx, rebind(pg, `INSERT INTO schema_migrations (version, name, applied_ns) VALUES (?, ?, ?)`), m.version, m.name, time.Now().UnixNano()); err != nil {
				tx.Rollback()
				return version, err
			}
		}
		if err := tx.Commit(); err != nil {
			return version, err
		}
		version = m.version
	}
	var newest int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&newest); err != nil {
		return version, err
	}
	if newest > version {
		return version, fmt.Errorf("slaservice: the database has schema version %d, this binary knows up to %d: upgrade the binary", newest, version)
	}
	return version, nil
}

// rebind turns the ? placeholders of a query into PostgreSQL's $1, $2, ...
// The service's queries have no ? inside string literals.
func rebind(pg bool, q string) string {
	if !pg {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// placeholders is "(?, ?), (?, ?)" for rows rows of cols columns.
func placeholders(rows, cols int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", rows), ", ")
}
