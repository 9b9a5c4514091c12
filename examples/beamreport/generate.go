package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/go-itsm/itsm/incident"
)

// generateEvents writes a seeded year of incidents as event logs: n
// incidents opened from December 2025 to December 2026, their events
// spread over shards files events-000.jsonl, events-001.jsonl... in dir
// (event j of incident i goes to shard (i+j) mod shards, so every
// incident's history is split across files). The same n, shards and seed
// give the same files. It returns the files' paths.
//
// The histories use the default lifecycle: open, assign to the service
// desk, start, first response, sometimes a reassignment, a hold awaiting
// the caller ended by the caller's reply, a cancellation, a reopening;
// most are resolved and closed, a few are still open. Customers: acme,
// globex and initech (each with its contract) and two on the catch-all.
func generateEvents(dir string, n, shards int, seed uint64) ([]string, error) {
	if n < 0 || shards < 1 {
		return nil, fmt.Errorf("beamreport: cannot generate %d incidents into %d shards", n, shards)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	paths := make([]string, shards)
	writers := make([]*bufio.Writer, shards)
	files := make([]*os.File, shards)
	for i := range shards {
		paths[i] = filepath.Join(dir, fmt.Sprintf("events-%03d.jsonl", i))
		f, err := os.Create(paths[i])
		if err != nil {
			return nil, err
		}
		files[i], writers[i] = f, bufio.NewWriterSize(f, 1<<20)
	}
	rng := rand.New(rand.NewPCG(seed, 0x17e5))
	start := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	span := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC).Sub(start)
	var line []byte
	for i := range n {
		id := fmt.Sprintf("INC%07d", i+1)
		events := generateHistory(rng, id, start.Add(time.Duration(rng.Int64N(int64(span/time.Minute)))*time.Minute))
		for j, e := range events {
			var err error
			line, err = json.Marshal(eventLine{Incident: id, Event: mustJSON(e)})
			if err != nil {
				return nil, err
			}
			w := writers[(i+j)%shards]
			w.Write(line)
			w.WriteByte('\n')
		}
	}
	for i := range shards {
		if err := writers[i].Flush(); err != nil {
			return nil, err
		}
		if err := files[i].Close(); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

func mustJSON(e incident.Event) json.RawMessage {
	b, err := json.Marshal(e)
	if err != nil {
		panic(err) // an Event always encodes
	}
	return b
}

var (
	genCustomers = []struct {
		name     string
		share    float64
		services []string
	}{
		{"acme", 0.30, []string{"webshop", "payments", "mail"}},
		{"globex", 0.25, []string{"erp", "intranet"}},
		{"initech", 0.20, []string{"tps", "mail"}},
		{"umbrella", 0.15, []string{"lab", "mail"}},
		{"hooli", 0.10, []string{"search"}},
	}
	genGroups     = []string{"network", "unix", "windows", "dba", "storage"}
	genCategories = []string{"hardware", "software", "network", "access"}
)

// generateHistory is one incident's events, opened at t, each event at
// least a minute after the one before: the desk takes it and answers,
// specialists may take it over, the caller may be waited for; then it is
// cancelled, left open or resolved (and perhaps reopened and resolved
// again), and most resolved incidents are closed three days later.
func generateHistory(rng *rand.Rand, id string, t time.Time) []incident.Event {
	g := &generated{rng: rng, id: id, t: t}
	g.open()
	g.work()
	switch r := rng.Float64(); {
	case r < 0.04:
		g.after(5, 600)
		cancel := g.event(incident.EventTransition, "agent")
		cancel.Action, cancel.Reason = "cancel", "duplicate"
		return g.add(cancel)
	case r < 0.07:
		return g.events // still open
	}
	g.resolve()
	if rng.Float64() < 0.08 {
		g.after(30, 3000)
		reopen := g.event(incident.EventTransition, "caller-"+id)
		reopen.Action, reopen.Reason = "reopen", "still broken"
		g.add(reopen)
		g.resolve()
	}
	if rng.Float64() < 0.85 {
		g.t = g.t.Add(72 * time.Hour)
		closing := g.event(incident.EventTransition, "system")
		closing.Action = "close"
		g.add(closing)
	}
	return g.events
}

// generated is an incident's history as generateHistory writes it: the
// events so far and the instant of the next.
type generated struct {
	rng    *rand.Rand
	id     string
	t      time.Time
	events []incident.Event
}

// after moves the clock on by lo to hi minutes.
func (g *generated) after(lo, hi int) {
	g.t = g.t.Add(time.Duration(lo+g.rng.IntN(hi-lo+1)) * time.Minute)
}

func (g *generated) event(typ incident.EventType, actor string) incident.Event {
	return incident.Event{At: g.t, Actor: actor, Type: typ}
}

func (g *generated) add(e incident.Event) []incident.Event {
	g.events = append(g.events, e)
	return g.events
}

// open opens the incident for a customer drawn by its share.
func (g *generated) open() {
	x := g.rng.Float64()
	c := genCustomers[len(genCustomers)-1]
	for _, gc := range genCustomers {
		if x < gc.share {
			c = gc
			break
		}
		x -= gc.share
	}
	open := g.event(incident.EventOpen, "caller-"+g.id)
	open.ID, open.Customer, open.Service = g.id, c.name, c.services[g.rng.IntN(len(c.services))]
	open.Category, open.Caller = genCategories[g.rng.IntN(len(genCategories))], "caller-"+g.id
	open.Impact, open.Urgency = incident.Impact(1+g.rng.IntN(3)), incident.Urgency(1+g.rng.IntN(3))
	g.add(open)
}

// work: the desk assigns, starts and answers; a quarter go on to the
// specialists, and some wait for the caller's information.
func (g *generated) work() {
	g.after(1, 30)
	assign := g.event(incident.EventAssign, "dispatcher")
	assign.Group, assign.Assignee = "service-desk", fmt.Sprintf("agent-%d", g.rng.IntN(40))
	g.add(assign)
	g.after(1, 60)
	start := g.event(incident.EventTransition, assign.Assignee)
	start.Action = "start"
	g.add(start)
	g.after(1, 240)
	reply := g.event(incident.EventComment, assign.Assignee)
	reply.CustomerVisible, reply.Note = true, "looking into it"
	g.add(reply)
	if g.rng.Float64() < 0.25 {
		g.after(10, 600)
		re := g.event(incident.EventAssign, "dispatcher")
		re.Group = genGroups[g.rng.IntN(len(genGroups))]
		re.Assignee, re.Reason = re.Group+"-engineer", "needs the specialists"
		g.add(re)
	}
	if g.rng.Float64() < 0.15 {
		g.after(10, 300)
		hold := g.event(incident.EventTransition, "agent")
		hold.Action, hold.HoldReason = "hold", "awaiting_caller"
		g.add(hold)
		g.after(30, 2880)
		back := g.event(incident.EventComment, "caller-"+g.id)
		back.FromCaller, back.Note = true, "here is the information"
		g.add(back)
	}
}

func (g *generated) resolve() {
	g.after(20, 5000)
	res := g.event(incident.EventTransition, "agent")
	res.Action, res.ResolutionCode, res.Note = "resolve", "solved", "fixed"
	g.add(res)
}
