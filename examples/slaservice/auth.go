package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Roles. An agent posts any event and reads everything of its tenants; a
// customer reads only its own tenant's incidents and posts only caller
// replies (comments with from_caller).
const (
	roleAgent    = "agent"
	roleCustomer = "customer"
)

// principal is an authenticated caller.
type principal struct {
	name  string
	role  string
	scope scope
}

// errUnauthorized is a request without a valid bearer token (401).
var errUnauthorized = errors.New("unauthorized")

// tokens authenticates bearer tokens. A token is 32 random bytes; the
// database keeps only its SHA-256 (a fast hash is enough for a secret of
// that entropy: there is nothing to brute-force), and the comparison of
// hashes is constant-time. The table is read into memory and read again,
// at most once a second, when an unknown token comes, so that a token
// created on another replica or by the CLI works at once, and at least
// every tokenTTL, so that a revoked token stops working within that time.
type tokens struct {
	s        *Store
	mu       sync.Mutex
	byHash   map[string]tokenRow
	loadedAt time.Time
}

type tokenRow struct {
	hash    []byte
	name    string
	role    string
	tenants string
}

// tokenTTL is how long a revoked token may still be honoured.
const tokenTTL = 10 * time.Second

func hashToken(tok string) []byte {
	h := sha256.Sum256([]byte(tok))
	return h[:]
}

// CreateToken stores a new token for name and returns it; it is shown
// once and never stored in clear. tenants is a comma-separated list, or *
// for every tenant (agents only); a customer has exactly one tenant.
func (s *Store) CreateToken(ctx context.Context, name, role, tenants string) (string, error) {
	if err := checkToken(name, role, tenants); err != nil {
		return "", err
	}
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", err
	}
	tok := "slas_" + base64.RawURLEncoding.EncodeToString(raw[:])
	return tok, s.storeToken(ctx, tok, name, role, tenants)
}

func checkToken(name, role, tenants string) error {
	if name == "" {
		return fmt.Errorf("slaservice: a token needs a name")
	}
	switch role {
	case roleAgent:
	case roleCustomer:
		if tenants == "*" || tenants == "" || strings.Contains(tenants, ",") {
			return fmt.Errorf("slaservice: a customer token has exactly one tenant, not %q", tenants)
		}
	default:
		return fmt.Errorf("slaservice: unknown role %q: want agent or customer", role)
	}
	if tenants == "" {
		return fmt.Errorf("slaservice: a token needs tenants (a comma-separated list, or * for all)")
	}
	return nil
}

func (s *Store) storeToken(ctx context.Context, tok, name, role, tenants string) error {
	if err := checkToken(name, role, tenants); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO tokens (hash, name, role, tenants, created_ns) VALUES (?, ?, ?, ?, ?)`),
		hex.EncodeToString(hashToken(tok)), name, role, tenants, time.Now().UnixNano())
	if err != nil {
		return fmt.Errorf("slaservice: store token %q: %w", name, err)
	}
	return nil
}

// RevokeToken deletes the token called name.
func (s *Store) RevokeToken(ctx context.Context, name string) error {
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM tokens WHERE name = ?`), name)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("slaservice: no token called %q", name)
	}
	return nil
}

// HasTokens reports whether any token exists.
func (s *Store) HasTokens(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM tokens`).Scan(&n)
	return n > 0, err
}

func (t *tokens) load(ctx context.Context) error {
	rows, err := t.s.db.QueryContext(ctx, `SELECT hash, name, role, tenants FROM tokens`)
	if err != nil {
		return err
	}
	defer rows.Close()
	m := map[string]tokenRow{}
	for rows.Next() {
		var r tokenRow
		var h string
		if err := rows.Scan(&h, &r.name, &r.role, &r.tenants); err != nil {
			return err
		}
		if r.hash, err = hex.DecodeString(h); err != nil {
			return fmt.Errorf("slaservice: token %q has a malformed hash", r.name)
		}
		m[h] = r
	}
	if err := rows.Err(); err != nil {
		return err
	}
	t.byHash, t.loadedAt = m, time.Now()
	return nil
}

// authenticate returns the caller of r.
func (t *tokens) authenticate(r *http.Request) (principal, error) {
	auth := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || tok == "" {
		return principal{}, fmt.Errorf("slaservice: %w: send Authorization: Bearer <token>", errUnauthorized)
	}
	h := hashToken(tok)
	key := hex.EncodeToString(h)
	t.mu.Lock()
	row, found := t.byHash[key]
	if age := time.Since(t.loadedAt); (!found && age > time.Second) || age > tokenTTL {
		if err := t.load(r.Context()); err != nil {
			t.mu.Unlock()
			return principal{}, err
		}
		row, found = t.byHash[key]
	}
	t.mu.Unlock()
	if !found || subtle.ConstantTimeCompare(row.hash, h) != 1 {
		return principal{}, fmt.Errorf("slaservice: %w: unknown token", errUnauthorized)
	}
	p := principal{name: row.name, role: row.role}
	if row.tenants == "*" {
		p.scope.all = true
	} else {
		p.scope.tenants = strings.Split(row.tenants, ",")
	}
	return p, nil
}
