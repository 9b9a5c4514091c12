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
// least a minute after the one before.
func generateHistory(rng *rand.Rand, id string, t time.Time) []incident.Event {
	minutes := func(lo, hi int) time.Duration { return time.Duration(lo+rng.IntN(hi-lo+1)) * time.Minute }
	x := rng.Float64()
	c := genCustomers[len(genCustomers)-1]
	for _, gc := range genCustomers {
		if x < gc.share {
			c = gc
			break
		}
		x -= gc.share
	}
	ev := func(typ incident.EventType, actor string) incident.Event {
		return incident.Event{At: t, Actor: actor, Type: typ}
	}
	open := ev(incident.EventOpen, "caller-"+id)
	open.ID, open.Customer, open.Service = id, c.name, c.services[rng.IntN(len(c.services))]
	open.Category, open.Caller = genCategories[rng.IntN(len(genCategories))], "caller-"+id
	open.Impact, open.Urgency = incident.Impact(1+rng.IntN(3)), incident.Urgency(1+rng.IntN(3))
	events := []incident.Event{open}
	add := func(e incident.Event) { events = append(events, e) }

	t = t.Add(minutes(1, 30))
	assign := ev(incident.EventAssign, "dispatcher")
	assign.Group, assign.Assignee = "service-desk", fmt.Sprintf("agent-%d", rng.IntN(40))
	add(assign)
	t = t.Add(minutes(1, 60))
	start := ev(incident.EventTransition, assign.Assignee)
	start.Action = "start"
	add(start)
	t = t.Add(minutes(1, 240))
	reply := ev(incident.EventComment, assign.Assignee)
	reply.CustomerVisible, reply.Note = true, "looking into it"
	add(reply)
	if rng.Float64() < 0.25 {
		t = t.Add(minutes(10, 600))
		re := ev(incident.EventAssign, "dispatcher")
		re.Group = genGroups[rng.IntN(len(genGroups))]
		re.Assignee, re.Reason = re.Group+"-engineer", "needs the specialists"
		add(re)
	}
	if rng.Float64() < 0.15 {
		t = t.Add(minutes(10, 300))
		hold := ev(incident.EventTransition, "agent")
		hold.Action, hold.HoldReason = "hold", "awaiting_caller"
		add(hold)
		t = t.Add(minutes(30, 2880))
		back := ev(incident.EventComment, "caller-"+id)
		back.FromCaller, back.Note = true, "here is the information"
		add(back)
	}
	switch r := rng.Float64(); {
	case r < 0.04:
		t = t.Add(minutes(5, 600))
		cancel := ev(incident.EventTransition, "agent")
		cancel.Action, cancel.Reason = "cancel", "duplicate"
		add(cancel)
		return events
	case r < 0.07:
		return events // still open
	}
	resolve := func() {
		t = t.Add(minutes(20, 5000))
		res := ev(incident.EventTransition, "agent")
		res.Action, res.ResolutionCode, res.Note = "resolve", "solved", "fixed"
		add(res)
	}
	resolve()
	if rng.Float64() < 0.08 {
		t = t.Add(minutes(30, 3000))
		reopen := ev(incident.EventTransition, "caller-"+id)
		reopen.Action, reopen.Reason = "reopen", "still broken"
		add(reopen)
		resolve()
	}
	if rng.Float64() < 0.85 {
		t = t.Add(72 * time.Hour)
		closing := ev(incident.EventTransition, "system")
		closing.Action = "close"
		add(closing)
	}
	return events
}
