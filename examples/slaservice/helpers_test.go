package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fixedNow is the tests' default clock: a Monday morning.
var fixedNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// backend is a database the suites run against.
type backend struct {
	name string
	// dsn returns a fresh, empty database for one test.
	dsn func(t testing.TB) string
}

// backends is SQLite always, and PostgreSQL when $SLASERVICE_PG_URL
// points at a reachable server (each test gets a schema of its own).
func backends(t testing.TB) []backend {
	out := []backend{{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "slaservice.db") }}}
	if pg := pgURL(t); pg != "" {
		out = append(out, backend{"postgres", func(t testing.TB) string { return pgSchema(t, pg) }})
	}
	return out
}

var (
	pgOnce      sync.Once
	pgReachable string
)

// pgURL is $SLASERVICE_PG_URL if a server answers there, else "" (the
// PostgreSQL suites skip).
func pgURL(t testing.TB) string {
	pgOnce.Do(func() {
		u := os.Getenv("SLASERVICE_PG_URL")
		if u == "" {
			return
		}
		db, err := sql.Open("pgx", u)
		if err != nil {
			return
		}
		defer db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		if db.PingContext(ctx) == nil {
			pgReachable = u
		}
	})
	if pgReachable == "" {
		if os.Getenv("SLASERVICE_PG_REQUIRED") != "" {
			t.Fatal("$SLASERVICE_PG_REQUIRED is set but $SLASERVICE_PG_URL is not set or unreachable")
		}
		t.Log("PostgreSQL suite skipped: $SLASERVICE_PG_URL is not set or unreachable")
	}
	return pgReachable
}

// requirePG skips the test without PostgreSQL.
func requirePG(t *testing.T) string {
	u := pgURL(t)
	if u == "" {
		t.Skip("needs PostgreSQL: set $SLASERVICE_PG_URL (.ci/run does)")
	}
	return u
}

// pgSchema creates a schema for one test and returns base's URL with it
// as the search path; the schema is dropped after the test.
func pgSchema(t testing.TB, base string) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", base)
	require.NoError(t, err)
	_, err = db.Exec("CREATE SCHEMA " + schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = db.Exec("DROP SCHEMA " + schema + " CASCADE")
		db.Close()
	})
	u, err := url.Parse(base)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// clock is a settable clock for the service.
type clock struct{ ns atomic.Int64 }

func newClock(t time.Time) *clock { c := &clock{}; c.set(t); return c }
func (c *clock) now() time.Time   { return time.Unix(0, c.ns.Load()).UTC() }
func (c *clock) set(t time.Time)  { c.ns.Store(t.UnixNano()) }

// service is a slaservice running in the test process on a loopback port.
type service struct {
	t     *testing.T
	url   string
	dsn   string
	clock *clock
	store *Store
	srv   *Server
	hs    *http.Server
	// tokens by name: root (agent, every tenant), acme-agent (agent of
	// acme), acme (customer acme), globex (customer globex).
	tokens map[string]string
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// start runs the service over dsn with the clock c.
func start(t *testing.T, dsn string, c *clock) *service {
	t.Helper()
	r, err := newRules()
	require.NoError(t, err)
	spec, err := reportSpec()
	require.NoError(t, err)
	store, err := OpenStore(context.Background(), dsn, r, StoreConfig{Now: c.now}, newMetrics())
	require.NoError(t, err)
	srv := NewServer(store, spec, ServerConfig{Now: c.now}, quiet)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	hs := &http.Server{Handler: srv.Handler()}
	go func() { _ = hs.Serve(ln) }()
	s := &service{t: t, url: "http://" + ln.Addr().String(), dsn: dsn, clock: c, store: store, srv: srv, hs: hs, tokens: map[string]string{}}
	ctx := context.Background()
	for _, tk := range []struct{ name, role, tenants string }{
		{"root", roleAgent, "*"}, {"acme-agent", roleAgent, "acme"}, {"acme", roleCustomer, "acme"}, {"globex", roleCustomer, "globex"},
	} {
		tok := "test-token-" + tk.name
		if err := store.storeToken(ctx, tok, tk.name, tk.role, tk.tenants); err != nil {
			require.ErrorContains(t, err, "store token", "tokens survive a restart")
		}
		s.tokens[tk.name] = tok
	}
	t.Cleanup(s.stop)
	return s
}

func (s *service) stop() {
	_ = s.hs.Close()
	_ = s.store.Close()
}

// do sends a request as the token's owner ("" for none) and decodes the
// JSON answer.
func (s *service) do(who, method, path, body string) (int, map[string]any) {
	s.t.Helper()
	code, _, out := s.doHeader(who, method, path, body)
	return code, out
}

func (s *service) doHeader(who, method, path, body string) (int, http.Header, map[string]any) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(body))
	require.NoError(s.t, err)
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+s.tokens[who])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(s.t, err)
	var out map[string]any
	if method != http.MethodHead {
		require.NoError(s.t, json.Unmarshal(b, &out), "%s %s: %s", method, path, b)
		require.Equal(s.t, "application/json", resp.Header.Get("Content-Type"))
	}
	return resp.StatusCode, resp.Header, out
}

// post appends an event as root and requires a 201.
func (s *service) post(id, e string) map[string]any {
	s.t.Helper()
	code, body := s.do("root", "POST", "/incidents/"+id+"/events", e)
	require.Equal(s.t, http.StatusCreated, code, "%s: %v", e, body)
	return body
}

// storedEvents counts the rows of the events table.
func (s *service) storedEvents() int {
	s.t.Helper()
	var n int
	require.NoError(s.t, s.store.db.QueryRow(`SELECT count(*) FROM events`).Scan(&n))
	return n
}

// event is an event JSON at hh:mm on the day of fixedNow, by an agent.
func event(at string, fields string) string {
	return fmt.Sprintf(`{"at":"2026-11-23T%s:00Z","actor":"agent",%s}`, at, fields)
}

// each runs f as a subtest on every backend.
func each(t *testing.T, f func(t *testing.T, dsn func(t testing.TB) string)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) { f(t, b.dsn) })
	}
}

func io_copy(w io.Writer, resp *http.Response) (int64, error) { return io.Copy(w, resp.Body) }
