package main

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLifecycleAndRestart(t *testing.T) {
	each(t, func(t *testing.T, dsn func(testing.TB) string) {
		db := dsn(t)
		s := start(t, db, newClock(fixedNow))
		for _, e := range []string{
			event("08:00", `"type":"open","id":"INC1","customer":"acme","impact":1,"urgency":1`),
			event("08:05", `"type":"assign","group":"network","assignee":"bob"`),
			event("08:10", `"type":"comment","note":"on it","customer_visible":true`),
			event("08:15", `"type":"transition","action":"start"`),
		} {
			s.post("INC1", e)
		}
		body := s.post("INC2", event("09:00", `"type":"open","id":"INC2","customer":"globex","impact":3,"urgency":3`))
		assert.Equal(t, 1.0, body["seq"])
		assert.Equal(t, []any{"opened", "priority none -> P5"}, body["effects"])
		assert.NotContains(t, body, "history", "a POST answers with a summary, not the history")

		code, body := s.do("root", "GET", "/incidents/INC1", "")
		require.Equal(t, http.StatusOK, code)
		assert.Equal(t, "in_progress", body["state"])
		assert.Equal(t, 4.0, body["events"])
		assert.NotContains(t, body, "history")

		code, body = s.do("root", "GET", "/incidents/INC1/sla", "")
		require.Equal(t, http.StatusOK, code)
		first := body["results"].([]any)[0].(map[string]any)
		assert.Equal(t, "gold", first["policy"])
		assert.Equal(t, "met", first["status"].(map[string]any)["state"], "responded in 10 minutes")
		assert.NotEmpty(t, body["next_change"])

		code, body = s.do("root", "GET", "/incidents/INC2/escalations", "")
		require.Equal(t, http.StatusOK, code, "%v", body)
		due := body["due"].([]any)
		require.NotEmpty(t, due, "INC2 has been unacknowledged for an hour: %v", body)
		assert.Equal(t, "group", due[0].(map[string]any)["key"].(map[string]any)["step"])

		// Restart: every incident comes back from the database.
		s.stop()
		s = start(t, db, newClock(fixedNow))
		code, body = s.do("root", "GET", "/incidents", "")
		require.Equal(t, http.StatusOK, code)
		incs := body["incidents"].([]any)
		require.Len(t, incs, 2)
		assert.Equal(t, "INC1", incs[0].(map[string]any)["id"])
		assert.Equal(t, "acme", incs[0].(map[string]any)["tenant"])
		code, body = s.do("root", "GET", "/incidents/INC1", "")
		require.Equal(t, http.StatusOK, code)
		assert.Equal(t, "network", body["group"])
		body = s.post("INC1", event("09:45", `"type":"transition","action":"resolve","resolution_code":"solved","note":"rebooted"`))
		assert.Equal(t, "resolved", body["state"])
		assert.Equal(t, 5.0, body["seq"])
	})
}

// TestBadInput sends every endpoint input it must refuse and checks the
// status, the error and that nothing reached the store.
func TestBadInput(t *testing.T) {
	each(t, func(t *testing.T, dsn func(testing.TB) string) {
		s := start(t, dsn(t), newClock(fixedNow))
		s.post("INC1", event("08:00", `"type":"open","id":"INC1","customer":"acme"`))
		stored := s.storedEvents()
		cases := []struct {
			method, path, body string
			want               int
			says               string
		}{
			{"POST", "/incidents/INC1/events", `{not json`, 400, "not an event"},
			{"POST", "/incidents/INC1/events", ``, 400, "not an event"},
			{"POST", "/incidents/INC1/events", event("08:01", `"type":"comment","note":"x","colour":"red"`), 400, "unknown field"},
			{"POST", "/incidents/INC1/events", event("08:01", `"type":"comment","note":"x"`) + `{}`, 400, "more than one"},
			{"POST", "/incidents/INC1/events", event("08:01", `"type":"teleport"`), 400, "teleport"},
			{"POST", "/incidents/INC1/events", event("08:01", `"type":"comment"`), 400, "incident:"},
			{"POST", "/incidents/INC1/events", `{"at":"2026-11-23T08:01:00Z","type":"comment","note":"no actor"}`, 400, "incident:"},
			{"POST", "/incidents/INC1/events", `{"actor":"a","type":"comment","note":"no instant"}`, 400, "incident:"},
			{"POST", "/incidents/INC1/events", `{"at":"2030-01-01T00:00:00Z","actor":"a","type":"comment","note":"bad clock"}`, 400, "ahead of the server's clock"},
			{"POST", "/incidents/INC1/events", `{"at":"1200-01-01T00:00:00Z","actor":"a","type":"comment","note":"x"}`, 400, "before 1900"},
			{"POST", "/incidents/INC1/events", `{"note":"` + strings.Repeat("x", 70<<10) + `"}`, 413, "exceeds"},
			{"POST", "/incidents/INC1/events", event("08:01", `"type":"open","id":"INC1"`), 409, "incident:"},
			{"POST", "/incidents/INC1/events", event("08:01", `"type":"transition","action":"close"`), 409, "incident:"},
			{"POST", "/incidents/INC2/events", event("08:00", `"type":"open","id":"OTHER"`), 400, "not the incident"},
			{"POST", "/incidents/INC9/events", event("08:00", `"type":"comment","note":"x"`), 404, "first event must be open"},
			{"POST", "/incidents/bad%20id/events", event("08:00", `"type":"open","id":"bad id"`), 400, "incident id"},
			{"POST", "/incidents/" + strings.Repeat("x", 129) + "/events", event("08:00", `"type":"comment","note":"x"`), 400, "incident id"},
			{"GET", "/incidents/NOPE", "", 404, "no incident"},
			{"GET", "/incidents/NOPE/sla", "", 404, "no incident"},
			{"GET", "/incidents/NOPE/escalations", "", 404, "no incident"},
			{"GET", "/incidents/NOPE/events", "", 404, "no incident"},
			{"GET", "/incidents/INC1/sla?at=yesterday", "", 400, "at="},
			{"GET", "/incidents/INC1/sla?at=2026-11-23T07:00:00Z", "", 400, "not open yet"},
			{"GET", "/incidents/INC1/escalations?at=soon", "", 400, "at="},
			{"GET", "/incidents/INC1/events?limit=0", "", 400, "limit="},
			{"GET", "/incidents/INC1/events?limit=5000", "", 400, "limit="},
			{"GET", "/incidents/INC1/events?after=x", "", 400, "after="},
			{"GET", "/incidents?limit=abc", "", 400, "limit="},
			{"GET", "/nowhere", "", 404, "no route"},
			{"GET", "/report?from=yesterday", "", 400, "from="},
			{"GET", "/report?to=2026-11-23", "", 400, "to="},
			{"GET", "/report?from=2026-11-23T10:00:00Z&to=2026-11-01T00:00:00Z", "", 400, "empty"},
			{"GET", "/report?from=2026-11-24T00:00:00Z", "", 400, "empty"},
			{"GET", "/report?from=1500-01-01T00:00:00Z&to=1500-02-01T00:00:00Z", "", 400, "report:"},
			{"GET", "/report?from=1700-01-01T00:00:00Z&to=2200-01-01T00:00:00Z", "", 400, "report:"},
		}
		for _, tc := range cases {
			code, body := s.do("root", tc.method, tc.path, tc.body)
			assert.Equal(t, tc.want, code, "%s %s %.80s: %v", tc.method, tc.path, tc.body, body)
			assert.Contains(t, body["error"], tc.says, "%s %s %.80s", tc.method, tc.path, tc.body)
		}
		// Methods a path does not have: 405 with Allow.
		for path, allow := range map[string]string{
			"/incidents/INC1": "GET", "/incidents/INC1/events": "GET, POST", "/incidents": "GET",
			"/incidents/INC1/sla": "GET", "/report": "GET", "/healthz": "GET", "/metrics": "GET",
		} {
			for _, m := range []string{"DELETE", "PUT", "PATCH"} {
				code, h, body := s.doHeader("root", m, path, "")
				assert.Equal(t, http.StatusMethodNotAllowed, code, "%s %s", m, path)
				assert.Equal(t, allow, h.Get("Allow"), "%s %s", m, path)
				assert.Contains(t, body["error"], "method not allowed")
			}
		}
		// No token, a wrong token: 401, before anything else is looked at.
		for _, path := range []string{"/incidents", "/incidents/INC1", "/incidents/INC1/events", "/report"} {
			code, h, body := s.doHeader("", "GET", path, "")
			assert.Equal(t, http.StatusUnauthorized, code, path)
			assert.Contains(t, h.Get("WWW-Authenticate"), "Bearer")
			assert.Contains(t, body["error"], "Bearer")
		}
		s.tokens["mallory"] = "slas_not-a-token"
		code, body := s.do("mallory", "POST", "/incidents/INC1/events", event("08:02", `"type":"comment","note":"x"`))
		assert.Equal(t, http.StatusUnauthorized, code, "%v", body)
		assert.Equal(t, stored, s.storedEvents(), "no refusal reached the store")
		code, _ = s.do("root", "GET", "/incidents/INC1/events", "")
		assert.Equal(t, http.StatusOK, code)
	})
}

// TestFutureAndLateEvents: a bad clock is refused instead of bricking
// the incident; a late event is inserted at its place when the history
// replays with it, refused with the reason otherwise.
func TestFutureAndLateEvents(t *testing.T) {
	each(t, func(t *testing.T, dsn func(testing.TB) string) {
		c := newClock(fixedNow)
		s := start(t, dsn(t), c)
		s.post("INC1", event("08:00", `"type":"open","id":"INC1","customer":"acme","impact":2,"urgency":2`))
		s.post("INC1", event("08:30", `"type":"assign","group":"network"`))
		// Within the skew (5 minutes ahead) is accepted, beyond is not.
		code, body := s.do("root", "POST", "/incidents/INC1/events", event("10:06", `"type":"comment","note":"ahead"`))
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Contains(t, body["error"], "6m0s ahead")
		s.post("INC1", event("10:04", `"type":"comment","note":"slightly ahead"`))
		// The incident is not bricked: a real event after it still goes in.
		c.set(fixedNow.Add(10 * time.Minute))
		s.post("INC1", event("10:05", `"type":"comment","note":"now"`))

		// A late comment goes in at its place in time.
		body = s.post("INC1", event("08:10", `"type":"comment","note":"late, by phone","first_response":true`))
		assert.Equal(t, true, body["late"])
		assert.Equal(t, 5.0, body["seq"])
		code, body = s.do("root", "GET", "/incidents/INC1/events", "")
		require.Equal(t, http.StatusOK, code)
		var notes []any
		for _, e := range body["events"].([]any) {
			notes = append(notes, e.(map[string]any)["event"].(map[string]any)["note"])
		}
		assert.Equal(t, []any{nil, "late, by phone", nil, "slightly ahead", "now"}, notes)
		code, body = s.do("root", "GET", "/incidents/INC1", "")
		require.Equal(t, http.StatusOK, code)
		assert.Equal(t, "2026-11-23T08:10:00Z", body["first_response_at"], "the replay took the late response")

		// A late event the history does not replay with is refused with
		// the reason, and the history is untouched.
		before := s.storedEvents()
		code, body = s.do("root", "POST", "/incidents/INC1/events", event("07:00", `"type":"comment","note":"before the open"`))
		assert.Equal(t, http.StatusConflict, code)
		assert.Contains(t, body["error"], "position 0")
		code, body = s.do("root", "POST", "/incidents/INC1/events", event("08:20", `"type":"transition","action":"close"`))
		assert.Equal(t, http.StatusConflict, code, "%v", body)
		assert.Contains(t, body["error"], "does not replay")
		assert.Equal(t, before, s.storedEvents())
	})
}

func TestHistoryIsBounded(t *testing.T) {
	c := newClock(fixedNow)
	s := start(t, dsnSQLite(t), c)
	s.store.cfg.MaxEvents = 3
	s.post("INC1", event("08:00", `"type":"open","id":"INC1"`))
	s.post("INC1", event("08:01", `"type":"comment","note":"1"`))
	s.post("INC1", event("08:02", `"type":"comment","note":"2"`))
	code, body := s.do("root", "POST", "/incidents/INC1/events", event("08:03", `"type":"comment","note":"3"`))
	assert.Equal(t, http.StatusConflict, code)
	assert.Contains(t, body["error"], "the most one incident may have")
	assert.Equal(t, 3, s.storedEvents())
}

func dsnSQLite(t testing.TB) string { return backends(t)[0].dsn(t) }

func TestTenantIsolation(t *testing.T) {
	each(t, func(t *testing.T, dsn func(testing.TB) string) {
		s := start(t, dsn(t), newClock(fixedNow))
		s.post("A1", event("08:00", `"type":"open","id":"A1","customer":"acme","impact":2,"urgency":2`))
		s.post("A1", event("08:01", `"type":"assign","group":"desk","assignee":"bob"`))
		s.post("A1", event("08:02", `"type":"transition","action":"start"`))
		s.post("A1", event("08:05", `"type":"transition","action":"hold","hold_reason":"awaiting_caller"`))
		s.post("G1", event("08:00", `"type":"open","id":"G1","customer":"globex"`))

		// Another tenant's incident is 404 on every route, for customers
		// and for agents of other tenants, and its data never shows.
		for _, who := range []string{"acme", "acme-agent"} {
			for _, p := range []string{"/incidents/G1", "/incidents/G1/sla", "/incidents/G1/escalations", "/incidents/G1/events"} {
				code, body := s.do(who, "GET", p, "")
				assert.Equal(t, http.StatusNotFound, code, "%s %s", who, p)
				assert.NotContains(t, body["error"], "globex")
			}
			code, _ := s.do(who, "POST", "/incidents/G1/events", event("08:10", `"type":"comment","note":"hi","from_caller":true`))
			assert.Equal(t, http.StatusNotFound, code, who)
			code, body := s.do(who, "GET", "/incidents", "")
			require.Equal(t, http.StatusOK, code)
			require.Len(t, body["incidents"], 1, who)
			assert.Equal(t, "A1", body["incidents"].([]any)[0].(map[string]any)["id"])
		}
		code, body := s.do("globex", "GET", "/incidents/A1", "")
		assert.Equal(t, http.StatusNotFound, code, "%v", body)

		// A customer reads its own incident and posts caller replies only.
		code, body = s.do("acme", "GET", "/incidents/A1", "")
		require.Equal(t, http.StatusOK, code)
		assert.Equal(t, "on_hold", body["state"])
		code, body = s.do("acme", "POST", "/incidents/A1/events", event("08:20", `"type":"comment","note":"still broken","from_caller":true`))
		require.Equal(t, http.StatusCreated, code, "%v", body)
		assert.Equal(t, "in_progress", body["state"], "the caller's reply resumes the incident")
		for _, e := range []string{
			event("08:21", `"type":"comment","note":"agent-ish"`),
			event("08:21", `"type":"comment","note":"x","from_caller":true,"customer_visible":true`),
			event("08:21", `"type":"transition","action":"resolve","resolution_code":"solved"`),
		} {
			code, body = s.do("acme", "POST", "/incidents/A1/events", e)
			assert.Equal(t, http.StatusForbidden, code, "%s: %v", e, body)
		}
		code, _ = s.do("acme", "POST", "/incidents/A2/events", event("08:21", `"type":"open","id":"A2","customer":"acme"`))
		assert.Equal(t, http.StatusForbidden, code, "customers do not open incidents")

		// An agent of acme opens only acme's incidents and moves none away.
		code, _ = s.do("acme-agent", "POST", "/incidents/G2/events", event("08:21", `"type":"open","id":"G2","customer":"globex"`))
		assert.Equal(t, http.StatusForbidden, code)
		code, _ = s.do("acme-agent", "POST", "/incidents/A1/events", event("08:22", `"type":"classify","customer":"globex"`))
		assert.Equal(t, http.StatusForbidden, code)
		code, body = s.do("acme-agent", "POST", "/incidents/A3/events", event("08:22", `"type":"open","id":"A3","customer":"acme"`))
		assert.Equal(t, http.StatusCreated, code, "%v", body)

		// The report counts only the caller's incidents.
		opened := func(who string) float64 {
			code, body := s.do(who, "GET", "/report?from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z", "")
			require.Equal(t, http.StatusOK, code, "%v", body)
			stats := body["groupings"].([]any)[0].(map[string]any)["groups"].([]any)[0].(map[string]any)["stats"].(map[string]any)
			return stats["counts"].(map[string]any)["opened"].(float64)
		}
		assert.Equal(t, 3.0, opened("root"))
		assert.Equal(t, 2.0, opened("acme"))
		assert.Equal(t, 1.0, opened("globex"))
	})
}

func TestPagination(t *testing.T) {
	each(t, func(t *testing.T, dsn func(testing.TB) string) {
		s := start(t, dsn(t), newClock(fixedNow))
		for _, id := range []string{"I1", "I2", "I3", "I4", "I5"} {
			s.post(id, event("08:00", `"type":"open","id":"`+id+`","customer":"acme"`))
		}
		var ids []any
		path := "/incidents?limit=2"
		for range 10 {
			code, body := s.do("root", "GET", path, "")
			require.Equal(t, http.StatusOK, code)
			for _, r := range body["incidents"].([]any) {
				ids = append(ids, r.(map[string]any)["id"])
			}
			next, ok := body["next"].(string)
			if !ok {
				break
			}
			path = "/incidents?limit=2&after=" + next
		}
		assert.Equal(t, []any{"I1", "I2", "I3", "I4", "I5"}, ids)

		for i := 1; i <= 6; i++ {
			s.post("I1", event("08:1"+string(rune('0'+i)), `"type":"comment","note":"n`+string(rune('0'+i))+`"`))
		}
		s.post("I1", event("08:05", `"type":"comment","note":"late"`))
		var notes []any
		path = "/incidents/I1/events?limit=3"
		for range 10 {
			code, body := s.do("root", "GET", path, "")
			require.Equal(t, http.StatusOK, code, "%v", body)
			for _, e := range body["events"].([]any) {
				notes = append(notes, e.(map[string]any)["event"].(map[string]any)["note"])
			}
			next, ok := body["next"].(string)
			if !ok {
				break
			}
			path = "/incidents/I1/events?limit=3&after=" + next
		}
		assert.Equal(t, []any{nil, "late", "n1", "n2", "n3", "n4", "n5", "n6"}, notes)
	})
}

func TestHealthAndMetrics(t *testing.T) {
	s := start(t, dsnSQLite(t), newClock(fixedNow))
	s.post("INC1", event("08:00", `"type":"open","id":"INC1","customer":"acme"`))
	code, body := s.do("", "GET", "/healthz", "")
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, "ok", body["status"])
	code, _ = s.do("", "GET", "/readyz", "")
	assert.Equal(t, http.StatusOK, code)
	code, _ = s.do("", "GET", "/openapi.json", "")
	assert.Equal(t, http.StatusOK, code)

	resp, err := http.Get(s.url + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	var b strings.Builder
	_, _ = io_copy(&b, resp)
	for _, m := range []string{ // INC1 missed gold's 15-minute response
		`slaservice_events_ingested_total{outcome="accepted"} 1`, "slaservice_evaluation_seconds_count",
		`slaservice_incidents{sla_state="breached"} 1`, "slaservice_sla_breaches_total", `slaservice_outbox_depth{status="pending"} 0`,
		"slaservice_outbox_delivery_failures_total", "slaservice_group_commit_events_count",
	} {
		assert.Contains(t, b.String(), m)
	}
	s.srv.SetReady(false)
	code, _ = s.do("", "GET", "/readyz", "")
	assert.Equal(t, http.StatusServiceUnavailable, code)
}

// TestOpenAPIDescribesEveryRoute compares openapi.json with the routes the
// service answers: every described path and method exists (the 405's
// Allow lists exactly the described methods), and the spec is valid JSON.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	s := start(t, dsnSQLite(t), newClock(fixedNow))
	var spec struct {
		Paths map[string]map[string]any
	}
	require.NoError(t, json.Unmarshal(openAPI, &spec))
	require.Len(t, spec.Paths, 10)
	for path, ops := range spec.Paths {
		var methods []string
		for m := range ops {
			methods = append(methods, strings.ToUpper(m))
		}
		slices.Sort(methods)
		code, h, _ := s.doHeader("root", "TRACE", strings.ReplaceAll(path, "{id}", "INC1"), "")
		assert.Equal(t, http.StatusMethodNotAllowed, code, path)
		assert.Equal(t, strings.Join(methods, ", "), h.Get("Allow"), path)
	}
}

func TestTokens(t *testing.T) {
	s := start(t, dsnSQLite(t), newClock(fixedNow))
	ctx := context.Background()
	tok, err := s.store.CreateToken(ctx, "carol", roleAgent, "acme")
	require.NoError(t, err)
	s.tokens["carol"] = tok
	code, _ := s.do("carol", "GET", "/incidents", "")
	assert.Equal(t, http.StatusOK, code, "a new token works at once")
	var stored string
	require.NoError(t, s.store.db.QueryRow(`SELECT hash FROM tokens WHERE name = 'carol'`).Scan(&stored))
	assert.NotContains(t, stored, tok, "only the hash is stored")
	assert.Len(t, stored, 64)

	require.NoError(t, s.store.RevokeToken(ctx, "carol"))
	require.Error(t, s.store.RevokeToken(ctx, "carol"))
	s.srv.tokens.mu.Lock()
	s.srv.tokens.loadedAt = time.Now().Add(-tokenTTL) // as if tokenTTL had passed
	s.srv.tokens.mu.Unlock()
	code, _ = s.do("carol", "GET", "/incidents", "")
	assert.Equal(t, http.StatusUnauthorized, code, "a revoked token stops working within tokenTTL")

	for _, bad := range []struct{ name, role, tenants string }{
		{"", roleAgent, "*"}, {"x", "admin", "*"}, {"x", roleCustomer, "*"}, {"x", roleCustomer, "a,b"}, {"x", roleAgent, ""},
	} {
		_, err := s.store.CreateToken(ctx, bad.name, bad.role, bad.tenants)
		assert.Error(t, err, "%+v", bad)
	}
}
