package main

import (
	"fmt"
	"time"

	"github.com/go-itsm/itsm/incident"
)

// history writes one incident's event history in time order, applying
// each event to the incident as it goes (Incident.Apply), so that the simulation always knows
// the incident's state and a history the lifecycle would refuse is caught
// at the event that breaks it. While time passes it writes the comments
// that come by themselves: the agent's customer updates at the contract's
// cadence and, now and then, a caller asking for news.
type history struct {
	lc     *incident.Lifecycle
	inc    incident.Incident
	events []incident.Event
	now    time.Time
	err    error

	updater    string
	cadence    cadence
	nextUpdate time.Time
	jitter     func() float64

	caller  string
	chaseAt time.Time
}

func newHistory(lc *incident.Lifecycle, jitter func() float64) *history {
	return &history{lc: lc, jitter: jitter}
}

// add appends e at the current instant.
func (h *history) add(actor string, e incident.Event) {
	if h.err != nil {
		return
	}
	e.At, e.Actor = h.now, actor
	next, _, err := h.inc.Apply(h.lc, e)
	if err != nil {
		h.err = fmt.Errorf("simulated history of %s: event %d: %w", h.inc.ID, len(h.events), err)
		return
	}
	h.inc, h.events = next, append(h.events, e)
}

// transition appends a lifecycle action.
func (h *history) transition(actor string, a incident.Action, e incident.Event) {
	e.Type, e.Action = incident.EventTransition, a
	h.add(actor, e)
}

// comment appends a note; visible ones are updates to the customer.
func (h *history) comment(actor, note string, visible bool) {
	h.add(actor, incident.Event{Type: incident.EventComment, Note: note, CustomerVisible: visible})
}

// incident is the incident as it stands.
func (h *history) incident() incident.Incident { return h.inc }

// updates starts (or, with the zero cadence, stops) the customer updates.
func (h *history) updates(actor string, c cadence) {
	h.updater, h.cadence = actor, c
	h.scheduleUpdate()
}

// scheduleUpdate sets the next update: the agreed cadence, usually kept,
// sometimes missed.
func (h *history) scheduleUpdate() {
	h.nextUpdate = time.Time{}
	if h.cadence.every <= 0 || h.cadence.cal == nil {
		return
	}
	gap := time.Duration(float64(h.cadence.every) * h.jitter()).Round(time.Second)
	t, err := h.cadence.cal.Add(h.now, gap)
	if err != nil {
		h.err = err
		return
	}
	h.nextUpdate = t
}

// chase makes the caller ask for news at t, if the incident is still open
// then and not waiting for the caller.
func (h *history) chase(caller string, t time.Time) { h.caller, h.chaseAt = caller, t }

// until moves the clock to t, writing the comments due before it.
func (h *history) until(t time.Time) {
	for h.err == nil {
		next := t
		if !h.nextUpdate.IsZero() && h.nextUpdate.Before(next) {
			next = h.nextUpdate
		}
		if !h.chaseAt.IsZero() && h.chaseAt.Before(next) {
			next = h.chaseAt
		}
		if !next.Before(t) {
			break
		}
		if next.After(h.now) {
			h.now = next
		}
		inc := h.incident()
		if !inc.Flags.Has(incident.FlagOpen) {
			h.nextUpdate, h.chaseAt = time.Time{}, time.Time{}
			break
		}
		if next.Equal(h.nextUpdate) {
			h.comment(h.updater, "Status update: work in progress.", true)
			h.scheduleUpdate()
			continue
		}
		h.chaseAt = time.Time{}
		if inc.HoldReason != incident.AwaitingCaller { // a reply would resume it
			h.add(h.caller, incident.Event{Type: incident.EventComment, Note: "Any news on this?", FromCaller: true})
		}
	}
	if t.After(h.now) {
		h.now = t
	}
}

// after moves the clock on by d of wall-clock time.
func (h *history) after(d time.Duration) { h.until(h.now.Add(d.Round(time.Second))) }
