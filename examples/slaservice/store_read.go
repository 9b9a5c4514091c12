package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
)

// errNotFound is an incident that does not exist or that the caller may
// not see: the two answer alike (404), so that ids of other tenants leak
// nothing.
var errNotFound = errors.New("not found")

// scope is the set of tenants a caller sees; all is every tenant.
type scope struct {
	all     bool
	tenants []string
}

func (sc scope) has(tenant string) bool {
	if sc.all {
		return true
	}
	for _, t := range sc.tenants {
		if t == tenant {
			return true
		}
	}
	return false
}

// where is the SQL condition and arguments restricting tenant to sc.
func (sc scope) where(col string) (string, []any) {
	if sc.all {
		return "1 = 1", nil
	}
	if len(sc.tenants) == 0 {
		return "1 = 0", nil
	}
	return col + " IN " + placeholders(1, len(sc.tenants)), anys(sc.tenants)
}

// incidentRow is an incident's projection row.
type incidentRow struct {
	ID       string          `json:"id"`
	Tenant   string          `json:"tenant"`
	State    string          `json:"state"`
	Priority int             `json:"priority"`
	SLAState string          `json:"sla_state"`
	Events   int             `json:"events"`
	View     json.RawMessage `json:"-"`
}

// Incident reads an incident's projection, if sc sees it.
func (s *Store) Incident(ctx context.Context, id string, sc scope) (incidentRow, error) {
	var r incidentRow
	var view string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id, tenant, state, priority, sla_state, events, view FROM incidents WHERE id = ?`), id).
		Scan(&r.ID, &r.Tenant, &r.State, &r.Priority, &r.SLAState, &r.Events, &view)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !sc.has(r.Tenant)) {
		return incidentRow{}, fmt.Errorf("slaservice: %w: no incident %q", errNotFound, id)
	}
	r.View = json.RawMessage(view)
	return r, err
}

// List pages through the incidents sc sees, in id order, after the id
// after.
func (s *Store) List(ctx context.Context, sc scope, after string, limit int) ([]incidentRow, error) {
	cond, args := sc.where("tenant")
	args = append(args, after, limit)
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, tenant, state, priority, sla_state, events FROM incidents WHERE `+cond+` AND id > ? ORDER BY id LIMIT ?`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []incidentRow
	for rows.Next() {
		var r incidentRow
		if err := rows.Scan(&r.ID, &r.Tenant, &r.State, &r.Priority, &r.SLAState, &r.Events); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// storedEvent is one event with its place in the store.
type storedEvent struct {
	Seq   int            `json:"seq"`
	Event incident.Event `json:"event"`
}

// cursor is a position in a history's time order: after the event at
// atNS with number seq. Its text form is "atNS.seq".
type cursor struct {
	atNS int64
	seq  int
}

func (c cursor) String() string { return strconv.FormatInt(c.atNS, 10) + "." + strconv.Itoa(c.seq) }

func parseCursor(s string) (cursor, error) {
	a, b, ok := strings.Cut(s, ".")
	at, err1 := strconv.ParseInt(a, 10, 64)
	seq, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || seq < 0 {
		return cursor{}, &QueryError{Param: "after", Value: s, Reason: "want the next cursor of the previous page"}
	}
	return cursor{at, seq}, nil
}

// Events pages through an incident's history in time order.
func (s *Store) Events(ctx context.Context, id string, after *cursor, limit int) ([]storedEvent, *cursor, error) {
	q := `SELECT seq, at_ns, body FROM events WHERE incident_id = ?`
	args := []any{id}
	if after != nil {
		q += ` AND (at_ns > ? OR (at_ns = ? AND seq > ?))`
		args = append(args, after.atNS, after.atNS, after.seq)
	}
	q += ` ORDER BY at_ns, seq LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.db.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []storedEvent
	var last cursor
	var next *cursor
	for rows.Next() {
		var se storedEvent
		var at int64
		var body string
		if err := rows.Scan(&se.Seq, &at, &body); err != nil {
			return nil, nil, err
		}
		if len(out) == limit {
			next = &last
			break
		}
		if err := json.Unmarshal([]byte(body), &se.Event); err != nil {
			return nil, nil, err
		}
		out = append(out, se)
		last = cursor{at, se.Seq}
	}
	return out, next, rows.Err()
}

// History reads an incident's whole history and its fired record, if sc
// sees it.
func (s *Store) History(ctx context.Context, id string, sc scope) ([]incident.Event, escalation.Fired, error) {
	if _, err := s.Incident(ctx, id, sc); err != nil {
		return nil, nil, err
	}
	h, err := s.histories(ctx, s.db, []string{id})
	if err != nil {
		return nil, nil, err
	}
	f, err := s.firedKeys(ctx, s.db, []string{id})
	if err != nil {
		return nil, nil, err
	}
	return h[id], f[id], nil
}

// EachHistory calls fn with the history of every incident sc sees, in id
// order, reading pageSize incidents at a time.
func (s *Store) EachHistory(ctx context.Context, sc scope, fn func(id string, events []incident.Event) error) error {
	const pageSize = 500
	after := ""
	for {
		page, err := s.List(ctx, sc, after, pageSize)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		ids := make([]string, len(page))
		for i, r := range page {
			ids[i] = r.ID
		}
		h, err := s.histories(ctx, s.db, ids)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := fn(id, h[id]); err != nil {
				return err
			}
		}
		after = ids[len(ids)-1]
	}
}
