package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var fixedNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// service is a running slaservice on a loopback port over a log file.
type service struct {
	t     *testing.T
	url   string
	srv   *http.Server
	store *Store
}

func start(t *testing.T, data string) *service {
	t.Helper()
	lc, err := incident.DefaultLifecycle()
	require.NoError(t, err)
	store, err := OpenStore(data, lc)
	require.NoError(t, err)
	slas, err := policies(lc)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	escalations, err := escalationPolicies()
	require.NoError(t, err)
	srv := &http.Server{Handler: NewServer(store, slas, escalations, func() time.Time { return fixedNow }).Handler()}
	go func() { _ = srv.Serve(ln) }()
	s := &service{t: t, url: "http://" + ln.Addr().String(), srv: srv, store: store}
	t.Cleanup(s.stop)
	return s
}

func (s *service) stop() {
	_ = s.srv.Close()
	_ = s.store.Close()
}

func (s *service) do(method, path, body string) (int, map[string]any) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(body))
	require.NoError(s.t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(s.t, err)
	var out map[string]any
	require.NoError(s.t, json.Unmarshal(b, &out), "%s", b)
	assert.Equal(s.t, "application/json", resp.Header.Get("Content-Type"))
	return resp.StatusCode, out
}

func event(at string, fields string) string {
	return fmt.Sprintf(`{"at":"2026-11-23T%s:00Z","actor":"agent",%s}`, at, fields)
}

func TestServiceLifecycleAndRestart(t *testing.T) {
	data := filepath.Join(t.TempDir(), "events.jsonl")
	s := start(t, data)
	for _, e := range []string{
		event("08:00", `"type":"open","id":"INC1","customer":"acme","impact":1,"urgency":1`),
		event("08:05", `"type":"assign","group":"network","assignee":"bob"`),
		event("08:10", `"type":"comment","note":"on it","customer_visible":true`),
		event("08:15", `"type":"transition","action":"start"`),
	} {
		code, body := s.do("POST", "/incidents/INC1/events", e)
		require.Equal(t, http.StatusCreated, code, "%v", body)
	}
	code, body := s.do("POST", "/incidents/INC2/events", event("09:00", `"type":"open","id":"INC2","customer":"globex","impact":3,"urgency":3`))
	require.Equal(t, http.StatusCreated, code, "%v", body)

	code, body = s.do("GET", "/incidents/INC1", "")
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "in_progress", body["state"])

	code, body = s.do("GET", "/incidents/INC1/sla", "")
	require.Equal(t, http.StatusOK, code)
	results := body["results"].([]any)
	first := results[0].(map[string]any)
	assert.Equal(t, "gold", first["policy"])
	assert.Equal(t, "met", first["status"].(map[string]any)["state"], "responded in 10 minutes")
	assert.NotEmpty(t, body["next_change"])

	code, body = s.do("GET", "/incidents/INC2/escalations", "")
	require.Equal(t, http.StatusOK, code, "%v", body)
	due := body["due"].([]any)
	require.NotEmpty(t, due, "INC2 has been unacknowledged for an hour: %v", body)
	assert.Equal(t, "group", due[0].(map[string]any)["key"].(map[string]any)["step"])

	// Restart: every incident comes back from the log.
	s.stop()
	s = start(t, data)
	code, body = s.do("GET", "/incidents", "")
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, []any{"INC1", "INC2"}, body["incidents"])
	code, body = s.do("GET", "/incidents/INC1", "")
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "in_progress", body["state"])
	assert.Equal(t, "network", body["group"])
	code, _ = s.do("POST", "/incidents/INC1/events", event("10:00", `"type":"transition","action":"resolve","resolution_code":"solved","note":"rebooted"`))
	assert.Equal(t, http.StatusCreated, code)
}

func TestServiceBadRequests(t *testing.T) {
	s := start(t, filepath.Join(t.TempDir(), "events.jsonl"))
	cases := []struct {
		method, path, body string
		want               int
	}{
		{"POST", "/incidents/INC1/events", `{not json`, http.StatusBadRequest},
		{"POST", "/incidents/INC1/events", event("08:00", `"type":"open","id":"OTHER"`), http.StatusBadRequest},
		{"POST", "/incidents/INC1/events", event("08:00", `"type":"open"`), http.StatusBadRequest},
		{"POST", "/incidents/INC9/events", event("08:00", `"type":"transition","action":"resolve"`), http.StatusConflict},
		{"GET", "/incidents/NOPE", "", http.StatusNotFound},
		{"GET", "/incidents/NOPE/sla", "", http.StatusNotFound},
		{"GET", "/nowhere", "", http.StatusNotFound},
		{"POST", "/incidents/INC1/events", `{"at":"` + strings.Repeat("x", maxEventBytes) + `"}`, http.StatusRequestEntityTooLarge},
	}
	for _, tc := range cases {
		code, body := s.do(tc.method, tc.path, tc.body)
		assert.Equal(t, tc.want, code, "%s %s %.60s: %v", tc.method, tc.path, tc.body, body)
		assert.NotEmpty(t, body["error"])
	}
	code, _ := s.do("POST", "/incidents/INC1/events", event("08:00", `"type":"open","id":"INC1"`))
	require.Equal(t, http.StatusCreated, code)
	code, _ = s.do("POST", "/incidents/INC1/events", event("08:01", `"type":"open","id":"INC1"`))
	assert.Equal(t, http.StatusConflict, code, "opened twice")
	code, body := s.do("GET", "/incidents/INC1/sla?at=yesterday", "")
	assert.Equal(t, http.StatusBadRequest, code, "%v", body)
	code, _ = s.do("POST", "/incidents/INC1/events", event("07:00", `"type":"comment","note":"late"`))
	assert.Equal(t, http.StatusBadRequest, code, "an event before the last one")
	// Nothing rejected reached the log.
	b, err := os.ReadFile(s.store.f.Name())
	require.NoError(t, err)
	assert.Equal(t, 1, bytes.Count(b, []byte("\n")))
}

func TestTruncatedLastLineIsReported(t *testing.T) {
	data := filepath.Join(t.TempDir(), "events.jsonl")
	s := start(t, data)
	code, _ := s.do("POST", "/incidents/INC1/events", event("08:00", `"type":"open","id":"INC1"`))
	require.Equal(t, http.StatusCreated, code)
	s.stop()
	// A crash in the middle of the next append.
	f, err := os.OpenFile(data, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"incident":"INC1","event":{"at":"2026-11-23T08:`)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	lc, _ := incident.DefaultLifecycle()
	store, err := OpenStore(data, lc)
	require.NoError(t, err)
	assert.Contains(t, store.Recovered, "line 2 was incomplete")
	tail, err := os.ReadFile(data + ".truncated")
	require.NoError(t, err)
	assert.Contains(t, string(tail), `"incident":"INC1"`, "the partial line is kept, not dropped")
	_, ok := store.Incident("INC1")
	assert.True(t, ok)
	_, _, err = store.Append("INC1", incident.Event{At: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), Actor: "a", Type: incident.EventComment, Note: "after recovery"})
	require.NoError(t, err)
	require.NoError(t, store.Close())
	store, err = OpenStore(data, lc)
	require.NoError(t, err, "the log is whole again")
	assert.Empty(t, store.Recovered)
	require.NoError(t, store.Close())

	// Corruption in the middle is an error, not a silent skip.
	require.NoError(t, os.WriteFile(data, []byte("garbage\n{\"incident\":\"X\"}\n"), 0o644))
	_, err = OpenStore(data, lc)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "line 1 is corrupt")
}
