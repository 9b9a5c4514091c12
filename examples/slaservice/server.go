package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

//go:embed openapi.json
var openAPI []byte

// Server is the HTTP JSON API over a Store (openapi.json describes it):
//
//	POST /incidents/{id}/events       append one event (JSON incident.Event)
//	GET  /incidents/{id}/events       the history, paginated (?after, ?limit)
//	GET  /incidents/{id}              the incident's current state
//	GET  /incidents/{id}/sla          SLA and OLA statuses (?at=RFC 3339, default now)
//	GET  /incidents/{id}/escalations  actions due by ?at and not yet fired, and the fired ones
//	GET  /incidents                   the incidents the caller sees, paginated
//	GET  /report                      the KPI report of [?from, ?to)
//	GET  /healthz, /readyz, /metrics, /openapi.json   unauthenticated
//
// Every other route needs a bearer token. Errors are JSON {"error": "..."}
// with a 4xx status for the client's mistakes and 500 for the server's; an
// incident the caller may not see answers 404 like one that does not
// exist.
type Server struct {
	store  *Store
	tokens *tokens
	spec   report.Spec
	cfg    ServerConfig
	log    *slog.Logger
	ready  atomic.Bool
}

// ServerConfig are the API's limits and clock.
type ServerConfig struct {
	Now func() time.Time
	// MaxSkew is how far ahead of Now an event may be dated.
	MaxSkew time.Duration
	// MaxBody bounds a request body.
	MaxBody int64
}

// NewServer returns the API over store, reporting as spec says (each
// request gives its From and To).
func NewServer(store *Store, spec report.Spec, cfg ServerConfig, log *slog.Logger) *Server {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxSkew <= 0 {
		cfg.MaxSkew = 5 * time.Minute
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 64 << 10
	}
	s := &Server{store: store, tokens: &tokens{s: store}, spec: spec, cfg: cfg, log: log}
	s.ready.Store(true)
	return s
}

// SetReady sets what /readyz answers besides the database check: false
// while shutting down, so that load balancers stop sending requests.
func (s *Server) SetReady(ok bool) { s.ready.Store(ok) }

const (
	defaultReportSpan = 30 * 24 * time.Hour
	defaultPage       = 100
	maxPage           = 1000
)

// handlerFunc is a route's handler for an authenticated caller.
type handlerFunc func(w http.ResponseWriter, r *http.Request, p principal)

// Handler returns the routes. A known path with another method answers
// 405 with Allow; an unknown path 404.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	route := func(pattern string, methods map[string]handlerFunc) {
		allow := make([]string, 0, len(methods))
		for m := range methods {
			allow = append(allow, m)
		}
		slices.Sort(allow)
		mux.Handle(pattern, s.observe(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			method := r.Method
			if method == http.MethodHead {
				method = http.MethodGet
			}
			h, ok := methods[method]
			if !ok {
				w.Header().Set("Allow", strings.Join(allow, ", "))
				writeError(w, http.StatusMethodNotAllowed, fmt.Errorf("slaservice: %s %s: method not allowed (allowed: %s)", r.Method, r.URL.Path, strings.Join(allow, ", ")))
				return
			}
			p, err := s.tokens.authenticate(r)
			if err != nil {
				w.Header().Set("WWW-Authenticate", `Bearer realm="slaservice"`)
				writeError(w, statusOf(err), err)
				return
			}
			h(w, r, p)
		})))
	}
	route("/incidents/{id}/events", map[string]handlerFunc{"POST": s.postEvent, "GET": s.getEvents})
	route("/incidents/{id}", map[string]handlerFunc{"GET": s.getIncident})
	route("/incidents/{id}/sla", map[string]handlerFunc{"GET": s.getSLA})
	route("/incidents/{id}/escalations", map[string]handlerFunc{"GET": s.getEscalations})
	route("/incidents", map[string]handlerFunc{"GET": s.listIncidents})
	route("/report", map[string]handlerFunc{"GET": s.getReport})
	open := func(pattern string, h http.Handler) {
		mux.Handle(pattern, s.observe(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				w.Header().Set("Allow", "GET")
				writeError(w, http.StatusMethodNotAllowed, fmt.Errorf("slaservice: %s %s: method not allowed (allowed: GET)", r.Method, r.URL.Path))
				return
			}
			h.ServeHTTP(w, r)
		})))
	}
	open("/healthz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	}))
	open("/readyz", http.HandlerFunc(s.readyz))
	open("/metrics", promhttp.HandlerFor(gatherer(s.store), promhttp.HandlerOpts{}))
	open("/openapi.json", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openAPI)
	}))
	mux.Handle("/", s.observe("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Errorf("slaservice: no route %s %s", r.Method, r.URL.Path))
	})))
	return mux
}

// observe counts requests by route and status and logs server errors.
func (s *Server) observe(route string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		start := time.Now()
		h.ServeHTTP(sw, r)
		s.store.m.requests.WithLabelValues(route, strconv.Itoa(sw.code)).Inc()
		level := slog.LevelDebug
		if sw.code >= 500 {
			level = slog.LevelError
		}
		s.log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "status", sw.code, "duration", time.Since(start))
	})
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

// WriteHeader records the status for the metrics and the log.
func (w *statusWriter) WriteHeader(code int) { w.code = code; w.ResponseWriter.WriteHeader(code) }

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if !s.ready.Load() {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "shutting down"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unreachable", "error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"slaservice: cannot encode the response"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, map[string]string{"error": err.Error()})
}

// statusOf maps an error from the SDK, the store or the request to an
// HTTP status. Incident.Apply's errors are a *FieldError (a malformed
// event: 400) or a *TransitionError (the incident's state refuses it:
// 409); a late event the history does not replay with and a full history
// are 409 too. A report spec is invalid only through the period the
// request asked for, so report.ErrInvalidSpec is a 400.
func statusOf(err error) int {
	switch {
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized
	case errors.Is(err, errNotFound):
		return http.StatusNotFound
	case errors.Is(err, errForbidden):
		return http.StatusForbidden
	case errors.Is(err, errLate), errors.Is(err, errHistoryFull):
		return http.StatusConflict
	case errors.Is(err, errBadRequest), errors.Is(err, incident.ErrInvalidEvent), errors.Is(err, incident.ErrOutOfOrder),
		errors.Is(err, report.ErrInvalidSpec):
		return http.StatusBadRequest
	case errors.Is(err, incident.ErrNotAllowed), errors.Is(err, incident.ErrGuard):
		return http.StatusConflict
	case errors.Is(err, errClosed):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// QueryError is a query parameter or path the service cannot use; it
// answers 400.
type QueryError struct {
	Param, Value, Reason string
}

// Error implements error.
func (e *QueryError) Error() string {
	return fmt.Sprintf("slaservice: %s=%q: %s", e.Param, e.Value, e.Reason)
}

// Unwrap makes a QueryError a bad request for statusOf.
func (e *QueryError) Unwrap() error { return errBadRequest }

// FutureEventError is an event dated further ahead of the server's clock
// than the allowed skew.
type FutureEventError struct {
	At, Now time.Time
	MaxSkew time.Duration
}

// Error implements error.
func (e *FutureEventError) Error() string {
	return fmt.Sprintf("slaservice: the event is dated %s, %s ahead of the server's clock (%s); at most %s ahead is accepted: check the sender's clock",
		e.At.Format(time.RFC3339Nano), e.At.Sub(e.Now).Round(time.Second), e.Now.UTC().Format(time.RFC3339), e.MaxSkew)
}

// Unwrap makes a FutureEventError a bad request.
func (e *FutureEventError) Unwrap() error { return errBadRequest }

// incidentID reads and checks the {id} path value.
func incidentID(r *http.Request) (string, error) {
	id := r.PathValue("id")
	ok := len(id) > 0 && len(id) <= 128
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_.:", c)) {
			ok = false
		}
	}
	if !ok {
		return "", &QueryError{Param: "id", Value: id, Reason: "an incident id is 1 to 128 letters, digits, '-', '_', '.' or ':'"}
	}
	return id, nil
}

// may is the authorization of one event, checked against the incident as
// it stands in the append's transaction.
func may(p principal, id string, e incident.Event) func(cur incident.Incident, exists bool) error {
	return func(cur incident.Incident, exists bool) error {
		if !exists {
			if e.Type != incident.EventOpen {
				return fmt.Errorf("slaservice: %w: no incident %q (its first event must be open)", errNotFound, id)
			}
			if p.role != roleAgent {
				return fmt.Errorf("slaservice: %w: a customer posts only caller replies to its incidents, not open events", errForbidden)
			}
			if !p.scope.has(e.Customer) {
				return fmt.Errorf("slaservice: %w: %s may not open incidents for customer %q", errForbidden, p.name, e.Customer)
			}
			return nil
		}
		if !p.scope.has(cur.Customer) {
			return fmt.Errorf("slaservice: %w: no incident %q", errNotFound, id)
		}
		if p.role == roleCustomer {
			if e.Type != incident.EventComment || !e.FromCaller || e.CustomerVisible || e.FirstResponse {
				return fmt.Errorf("slaservice: %w: a customer posts only caller replies (type comment with from_caller)", errForbidden)
			}
			return nil
		}
		if e.Type == incident.EventClassify && e.Customer != "" && !p.scope.has(e.Customer) {
			return fmt.Errorf("slaservice: %w: %s may not move an incident to customer %q", errForbidden, p.name, e.Customer)
		}
		return nil
	}
}

// postEvent appends one event. The response is the incident's summary
// after it, not its history.
func (s *Server) postEvent(w http.ResponseWriter, r *http.Request, p principal) {
	id, err := incidentID(r)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	if tooBig := (*http.MaxBytesError)(nil); errors.As(err, &tooBig) {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Errorf("slaservice: the body exceeds %d bytes", s.cfg.MaxBody))
		return
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, fmt.Errorf("slaservice: reading the body: %v", err))
		return
	}
	var e incident.Event
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		writeError(w, http.StatusBadRequest, fmt.Errorf("slaservice: the body is not an event: %v", err))
		return
	}
	if dec.More() {
		writeError(w, http.StatusBadRequest, fmt.Errorf("slaservice: the body holds more than one JSON value"))
		return
	}
	now := s.cfg.Now()
	if e.At.After(now.Add(s.cfg.MaxSkew)) {
		err := &FutureEventError{At: e.At, Now: now, MaxSkew: s.cfg.MaxSkew}
		writeError(w, statusOf(err), err)
		return
	}
	if !e.At.IsZero() && e.At.Year() < 1900 {
		writeError(w, http.StatusBadRequest, fmt.Errorf("slaservice: the event is dated %s: events before 1900 are refused", e.At.Format(time.RFC3339)))
		return
	}
	res := s.store.Append(r.Context(), id, e, may(p, id, e))
	if res.Err != nil {
		writeError(w, statusOf(res.Err), res.Err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{
		"incident": id, "seq": res.Seq, "events": res.Events, "late": res.Late,
		"state": res.Incident.State, "priority": res.Incident.Priority, "effects": effectWords(res.Effects),
	})
}

// effectWords lists what an event did, for the response.
func effectWords(e incident.Effects) []string {
	out := []string{}
	add := func(ok bool, w string) {
		if ok {
			out = append(out, w)
		}
	}
	add(e.Opened, "opened")
	add(e.StateChanged && !e.Opened, "state "+string(e.From.State)+" -> "+string(e.To.State))
	add(e.PriorityChanged, "priority "+e.PriorityFrom.String()+" -> "+e.PriorityTo.String())
	add(e.Reassigned, "reassigned "+e.GroupFrom+" -> "+e.GroupTo)
	add(e.Responded, "responded")
	add(e.Restored, "restored")
	add(e.Resolved, "resolved")
	add(e.Reopened, "reopened")
	add(e.Closed, "closed")
	add(e.Cancelled, "cancelled")
	return out
}

func (s *Server) getIncident(w http.ResponseWriter, r *http.Request, p principal) {
	id, err := incidentID(r)
	if err == nil {
		var row incidentRow
		if row, err = s.store.Incident(r.Context(), id, p.scope); err == nil {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(append(row.View, '\n'))
			return
		}
	}
	writeError(w, statusOf(err), err)
}

// limit reads ?limit (default defaultPage, at most maxPage).
func limit(r *http.Request) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return defaultPage, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxPage {
		return 0, &QueryError{Param: "limit", Value: v, Reason: fmt.Sprintf("want a number from 1 to %d", maxPage)}
	}
	return n, nil
}

// listIncidents pages through the caller's incidents in id order: ?after
// is the last id of the previous page (the response's next).
func (s *Server) listIncidents(w http.ResponseWriter, r *http.Request, p principal) {
	n, err := limit(r)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	rows, err := s.store.List(r.Context(), p.scope, r.URL.Query().Get("after"), n)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	out := map[string]any{"incidents": rows}
	if rows == nil {
		out["incidents"] = []incidentRow{}
	}
	if len(rows) == n {
		out["next"] = rows[len(rows)-1].ID
	}
	writeJSON(w, http.StatusOK, out)
}

// getEvents pages through a history in time order; ?after is the
// previous page's next cursor.
func (s *Server) getEvents(w http.ResponseWriter, r *http.Request, p principal) {
	id, err := incidentID(r)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	n, err := limit(r)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	var after *cursor
	if v := r.URL.Query().Get("after"); v != "" {
		c, err := parseCursor(v)
		if err != nil {
			writeError(w, statusOf(err), err)
			return
		}
		after = &c
	}
	if _, err := s.store.Incident(r.Context(), id, p.scope); err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	events, next, err := s.store.Events(r.Context(), id, after, n)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	out := map[string]any{"incident": id, "events": events}
	if events == nil {
		out["events"] = []storedEvent{}
	}
	if next != nil {
		out["next"] = next.String()
	}
	writeJSON(w, http.StatusOK, out)
}

// instant reads the query parameter name as an RFC 3339 instant; ok is
// false when the request leaves it out.
func instant(r *http.Request, name string) (t time.Time, ok bool, err error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return time.Time{}, false, nil
	}
	t, err = time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, false, &QueryError{Param: name, Value: v, Reason: "want an RFC 3339 instant such as 2026-11-23T09:00:00Z"}
	}
	return t, true, nil
}

// evaluate evaluates the incident of the request at ?at (default now),
// over its events up to that instant. It writes the error response itself
// and reports whether the caller should go on.
func (s *Server) evaluate(w http.ResponseWriter, r *http.Request, p principal) (evaluation, []string, bool) {
	fail := func(err error) (evaluation, []string, bool) {
		writeError(w, statusOf(err), err)
		return evaluation{}, nil, false
	}
	id, err := incidentID(r)
	if err != nil {
		return fail(err)
	}
	at, ok, err := instant(r, "at")
	if err != nil {
		return fail(err)
	}
	if !ok {
		at = s.cfg.Now()
	}
	events, fired, err := s.store.History(r.Context(), id, p.scope)
	if err != nil {
		return fail(err)
	}
	k := 0
	for k < len(events) && !events[k].At.After(at) {
		k++
	}
	if k == 0 {
		return fail(&QueryError{Param: "at", Value: at.Format(time.RFC3339), Reason: "the incident was not open yet"})
	}
	inc, err := s.store.rules.replay(events[:k])
	if err != nil {
		return fail(err)
	}
	ev, err := s.store.rules.evaluate(inc, fired, at)
	if err != nil {
		return fail(err)
	}
	keys := []string{}
	for _, k := range fired.Keys() {
		keys = append(keys, keyString(k))
	}
	return ev, keys, true
}

func (s *Server) getSLA(w http.ResponseWriter, r *http.Request, p principal) {
	ev, _, ok := s.evaluate(w, r, p)
	if !ok {
		return
	}
	out := map[string]any{"incident": ev.Incident.ID, "at": ev.At, "sla_state": slaState(ev.Results), "results": ev.Results}
	if !ev.Next.IsZero() {
		out["next_change"] = ev.Next
	}
	writeJSON(w, http.StatusOK, out)
}

// getEscalations lists the escalation actions due by ?at that have not
// fired yet (the timers fire them into the outbox shortly after they are
// due), and the keys of those that have.
func (s *Server) getEscalations(w http.ResponseWriter, r *http.Request, p principal) {
	ev, fired, ok := s.evaluate(w, r, p)
	if !ok {
		return
	}
	out := map[string]any{"incident": ev.Incident.ID, "at": ev.At, "policy": ev.Policy, "due": ev.Due, "fired": fired}
	if ev.Due == nil {
		out["due"] = []any{}
	}
	if !ev.Next.IsZero() {
		out["next"] = ev.Next
	}
	writeJSON(w, http.StatusOK, out)
}

// period reads the report's [?from, ?to): to defaults to now, from to
// defaultReportSpan before to.
func (s *Server) period(r *http.Request) (from, to time.Time, err error) {
	to, ok, err := instant(r, "to")
	if err != nil {
		return from, to, err
	}
	if !ok {
		to = s.cfg.Now()
	}
	from, ok, err = instant(r, "from")
	if err != nil {
		return from, to, err
	}
	if !ok {
		from = to.Add(-defaultReportSpan)
	}
	if !from.Before(to) {
		return from, to, &QueryError{Param: "from", Value: r.URL.Query().Get("from"),
			Reason: "the period [from, to) is empty: want from before to (" + to.Format(time.RFC3339) + ")"}
	}
	return from, to, nil
}

// getReport writes the KPI report of the period over the incidents the
// caller sees, as of the earlier of to and now.
func (s *Server) getReport(w http.ResponseWriter, r *http.Request, p principal) {
	from, to, err := s.period(r)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	spec := s.spec
	spec.From, spec.To = from, to
	acc, err := report.NewAccumulator(spec)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	asOf := to
	if now := s.cfg.Now(); now.Before(asOf) {
		asOf = now
	}
	err = s.store.EachHistory(r.Context(), p.scope, func(id string, events []incident.Event) error {
		k := 0
		for k < len(events) && events[k].At.Before(asOf) {
			k++
		}
		if k == 0 {
			return nil // opened after the report was made
		}
		inc, err := s.store.rules.replay(events[:k])
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		ev, err := s.store.rules.evaluate(inc, nil, asOf)
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		rec, err := s.store.rules.record(ev)
		if err == nil {
			err = acc.Add(rec)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		return nil
	})
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	var buf bytes.Buffer
	if err := acc.Report().WriteJSON(&buf); err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = buf.WriteTo(w)
}
