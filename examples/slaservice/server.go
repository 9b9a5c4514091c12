package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
)

// Server is the HTTP JSON API over a Store:
//
//	POST /incidents/{id}/events    append one event (JSON incident.Event)
//	GET  /incidents/{id}           the incident's current state
//	GET  /incidents/{id}/sla       SLA and OLA statuses (?at=RFC 3339, default now)
//	GET  /incidents/{id}/escalations  escalation actions due by ?at (default now)
//	GET  /incidents                the incident ids
//	GET  /report                   the KPI report of [?from, ?to) (RFC 3339,
//	                               default the 30 days up to now)
//
// Errors are JSON {"error": "..."} with a 4xx status for the client's
// mistakes and 500 for the server's.
type Server struct {
	store       *Store
	slas        *sla.Set
	escalations *escalation.Set
	spec        report.Spec
	now         func() time.Time
}

// NewServer returns the API over store, evaluating SLAs with slas and
// escalations with escalations, reporting as spec says (each request gives
// its From and To), and taking the time from now (time.Now in main, a
// fixed clock in tests).
func NewServer(store *Store, slas *sla.Set, escalations *escalation.Set, spec report.Spec, now func() time.Time) *Server {
	return &Server{store: store, slas: slas, escalations: escalations, spec: spec, now: now}
}

// defaultReportSpan is the period GET /report covers without ?from.
const defaultReportSpan = 30 * 24 * time.Hour

// maxEventBytes bounds a request body: an event is small.
const maxEventBytes = 1 << 20

// Handler returns the routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /incidents/{id}/events", s.postEvent)
	mux.HandleFunc("GET /incidents/{id}", s.getIncident)
	mux.HandleFunc("GET /incidents/{id}/sla", s.getSLA)
	mux.HandleFunc("GET /incidents/{id}/escalations", s.getEscalations)
	mux.HandleFunc("GET /incidents", s.listIncidents)
	mux.HandleFunc("GET /report", s.getReport)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Errorf("no route %s %s", r.Method, r.URL.Path))
	})
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, map[string]string{"error": err.Error()})
}

// statusOf maps an error from the SDK or the store to an HTTP status. The
// store applies events with Incident.Apply, whose errors are a
// *FieldError (a malformed or out-of-order event: 400) or a
// *TransitionError (the incident's state refuses it: 409). A report spec
// is invalid only through the period the request asked for (the rest is
// the service's own, fixed), so report.ErrInvalidSpec is a 400 too.
func statusOf(err error) int {
	switch {
	case errors.Is(err, errBadRequest), errors.Is(err, incident.ErrInvalidEvent), errors.Is(err, incident.ErrOutOfOrder),
		errors.Is(err, report.ErrInvalidSpec):
		return http.StatusBadRequest
	case errors.Is(err, incident.ErrNotAllowed), errors.Is(err, incident.ErrGuard):
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

// QueryError is a query parameter the service cannot use; it answers 400.
type QueryError struct {
	Param, Value, Reason string
}

// Error implements error.
func (e *QueryError) Error() string {
	return fmt.Sprintf("slaservice: query parameter %s=%q: %s", e.Param, e.Value, e.Reason)
}

// Unwrap makes a QueryError a bad request for statusOf.
func (e *QueryError) Unwrap() error { return errBadRequest }

func (s *Server) postEvent(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxEventBytes))
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, err)
		return
	}
	var e incident.Event
	if err := json.Unmarshal(body, &e); err != nil {
		writeError(w, http.StatusBadRequest, fmt.Errorf("the body is not an event: %v", err))
		return
	}
	inc, eff, err := s.store.Append(id, e)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"incident": inc, "effects": effectWords(eff)})
}

// effectWords lists what an event did, for the response.
func effectWords(e incident.Effects) []string {
	var out []string
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

func (s *Server) getIncident(w http.ResponseWriter, r *http.Request) {
	inc, ok := s.store.Incident(r.PathValue("id"))
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Errorf("no incident %q", r.PathValue("id")))
		return
	}
	writeJSON(w, http.StatusOK, inc)
}

func (s *Server) listIncidents(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"incidents": s.store.IDs()})
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

// at reads the ?at= instant, defaulting to now.
func (s *Server) at(r *http.Request) (time.Time, error) {
	t, ok, err := instant(r, "at")
	if err != nil || ok {
		return t, err
	}
	return s.now(), nil
}

// slaView is the SLA response: one entry per policy and metric.
type slaView struct {
	Incident   string       `json:"incident"`
	At         time.Time    `json:"at"`
	Results    []sla.Result `json:"results"`
	NextChange *time.Time   `json:"next_change,omitempty"`
}

func (s *Server) getSLA(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.evaluate(w, r)
	if !ok {
		return
	}
	view := slaView{Incident: ev.Incident.ID, At: ev.At, Results: ev.Results}
	if next, ok := ev.NextChange(); ok {
		view.NextChange = &next
	}
	writeJSON(w, http.StatusOK, view)
}

// evaluate answers the SLA question every GET about an incident starts
// with: its history evaluated at ?at. It writes the error response itself
// and reports whether the caller should go on.
func (s *Server) evaluate(w http.ResponseWriter, r *http.Request) (sla.Evaluation, bool) {
	id := r.PathValue("id")
	events, ok := s.store.Events(id)
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Errorf("no incident %q", id))
		return sla.Evaluation{}, false
	}
	at, err := s.at(r)
	if err != nil {
		writeError(w, statusOf(err), err)
		return sla.Evaluation{}, false
	}
	ev, err := s.slas.Evaluate(events, at)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return sla.Evaluation{}, false
	}
	return ev, true
}

// getEscalations lists the escalation actions due by ?at. The example keeps
// no record of actions carried out, so it passes an empty fired record and
// shows every action due so far with its due time; a host that carries them
// out records their keys and passes them back (see escalation.Fired).
func (s *Server) getEscalations(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.evaluate(w, r)
	if !ok {
		return
	}
	snap, err := escalation.NewSnapshot(s.store.lc, ev.Incident, ev.Results)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	out, err := s.escalations.Evaluate(snap, nil, ev.At)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
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
		to = s.now()
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

// getReport writes the KPI report of the period as JSON (report's
// WriteJSON). The report is made as of the earlier of to and now, since
// what happens after that has not happened yet: every stored incident's
// events before that instant are evaluated with sla.Set.Evaluate at it,
// turned into a report.Record and added to an accumulator of the
// service's spec; the accumulator ignores incidents the period does not
// touch.
func (s *Server) getReport(w http.ResponseWriter, r *http.Request) {
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
	if now := s.now(); now.Before(asOf) {
		asOf = now
	}
	for _, id := range s.store.IDs() {
		events, _ := s.store.Events(id)
		k := 0
		for k < len(events) && events[k].At.Before(asOf) {
			k++
		}
		if k == 0 {
			continue // opened after the report was made
		}
		ev, err := s.slas.Evaluate(events[:k], asOf)
		if err != nil {
			writeError(w, http.StatusInternalServerError, fmt.Errorf("%s: %w", id, err))
			return
		}
		rec, err := report.NewRecord(s.store.lc, ev.Incident, ev.Results)
		if err == nil {
			err = acc.Add(rec)
		}
		if err != nil {
			writeError(w, http.StatusInternalServerError, fmt.Errorf("%s: %w", id, err))
			return
		}
	}
	// Rendered in full before the status line, so that a failure is a 500
	// and not half a report.
	var buf bytes.Buffer
	if err := acc.Report().WriteJSON(&buf); err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = buf.WriteTo(w)
}
