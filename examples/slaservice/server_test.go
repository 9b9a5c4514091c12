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
	spec, err := reportSpec()
	require.NoError(t, err)
	srv := &http.Server{Handler: NewServer(store, slas, escalations, spec, func() time.Time { return fixedNow }).Handler()}
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
		{"GET", "/report?from=yesterday", "", http.StatusBadRequest},
		{"GET", "/report?to=2026-11-23", "", http.StatusBadRequest},
		{"GET", "/report?from=2026-11-23T10:00:00Z&to=2026-11-01T00:00:00Z", "", http.StatusBadRequest},
		{"GET", "/report?from=2026-11-23T10:00:00Z&to=2026-11-23T10:00:00Z", "", http.StatusBadRequest},
		{"GET", "/report?from=2026-11-24T00:00:00Z", "", http.StatusBadRequest},                         // after the default to, now
		{"GET", "/report?from=1500-01-01T00:00:00Z&to=1500-02-01T00:00:00Z", "", http.StatusBadRequest}, // outside the report's years
		{"GET", "/report?from=1700-01-01T00:00:00Z&to=2200-01-01T00:00:00Z", "", http.StatusBadRequest}, // too many weekly buckets
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

func TestReport(t *testing.T) {
	s := start(t, filepath.Join(t.TempDir(), "events.jsonl"))
	for _, e := range []string{
		event("08:00", `"type":"open","id":"INC1","customer":"acme","impact":1,"urgency":1`),
		event("08:05", `"type":"assign","group":"network","assignee":"bob"`),
		event("08:10", `"type":"comment","note":"on it","customer_visible":true`),
		event("08:15", `"type":"transition","action":"start"`),
		event("09:30", `"type":"transition","action":"resolve","resolution_code":"solved","note":"rebooted"`),
	} {
		code, body := s.do("POST", "/incidents/INC1/events", e)
		require.Equal(t, http.StatusCreated, code, "%v", body)
	}
	code, body := s.do("POST", "/incidents/INC2/events", event("09:00", `"type":"open","id":"INC2","customer":"globex","impact":3,"urgency":3`))
	require.Equal(t, http.StatusCreated, code, "%v", body)

	// all returns the period's KPIs of the "all" grouping.
	all := func(body map[string]any) map[string]any {
		t.Helper()
		groupings := body["groupings"].([]any)
		require.NotEmpty(t, groupings)
		return groupings[0].(map[string]any)["groups"].([]any)[0].(map[string]any)["stats"].(map[string]any)
	}
	count := func(stats map[string]any, kpi string) float64 {
		t.Helper()
		return stats["counts"].(map[string]any)[kpi].(float64)
	}

	// By default the 30 days up to now.
	code, body = s.do("GET", "/report", "")
	require.Equal(t, http.StatusOK, code, "%v", body)
	period := body["period"].(map[string]any)
	assert.Equal(t, "2026-10-24T10:00:00Z", period["from"])
	assert.Equal(t, "2026-11-23T10:00:00Z", period["to"])
	assert.Equal(t, "Europe/Amsterdam", period["zone"])
	assert.Equal(t, "week", period["bucket"])
	assert.Equal(t, true, period["business_hours"])
	stats := all(body)
	assert.Equal(t, 2.0, count(stats, "opened"))
	assert.Equal(t, 1.0, count(stats, "resolved"))
	assert.Equal(t, 1.0, count(stats, "backlog_end"))
	mttr := stats["durations"].(map[string]any)["mttr"].(map[string]any)
	assert.Equal(t, "1h30m0s", mttr["wall"].(map[string]any)["mean"])
	assert.Equal(t, "1h30m0s", mttr["business"].(map[string]any)["mean"], "a Monday morning in office hours")
	var respond map[string]any
	for _, c := range stats["sla"].([]any) {
		if c := c.(map[string]any); c["policy"] == "gold" && c["metric"] == "respond" {
			respond = c
		}
	}
	require.NotNil(t, respond, "%v", stats["sla"])
	assert.Equal(t, 1.0, respond["met"])
	var customers []any
	for _, g := range body["groupings"].([]any)[2].(map[string]any)["groups"].([]any) {
		customers = append(customers, g.(map[string]any)["value"])
	}
	assert.Equal(t, []any{"acme", "globex"}, customers)

	// A period that ends before now is reported as of its end: INC1's
	// resolution at 09:30 has not happened yet, its missed update at 09:10
	// has.
	code, body = s.do("GET", "/report?from=2026-11-23T08:30:00Z&to=2026-11-23T09:15:00Z", "")
	require.Equal(t, http.StatusOK, code, "%v", body)
	stats = all(body)
	assert.Equal(t, 1.0, count(stats, "backlog_start"), "INC1")
	assert.Equal(t, 1.0, count(stats, "opened"), "INC2")
	assert.Equal(t, 0.0, count(stats, "resolved"))
	assert.Equal(t, 2.0, count(stats, "backlog_end"))
	assert.Equal(t, 1.0, body["breaches"].(map[string]any)["total"], "the gold update target")

	// A period without incidents is a report of zeros, not an error.
	code, body = s.do("GET", "/report?from=2026-01-01T00:00:00%2B01:00&to=2026-02-01T00:00:00%2B01:00", "")
	require.Equal(t, http.StatusOK, code, "%v", body)
	assert.Equal(t, "2025-12-31T23:00:00Z", body["period"].(map[string]any)["from"])
	assert.Equal(t, 0.0, count(all(body), "opened"))

	// A bad parameter is named in the error.
	code, body = s.do("GET", "/report?from=2026-11-23T08:30:00Z&to=soon", "")
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Contains(t, body["error"], `to="soon"`)
}
