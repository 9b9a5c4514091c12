package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"sync"

	"github.com/go-itsm/itsm/incident"
)

// record is one line of the event log: an event of one incident.
type record struct {
	Incident string         `json:"incident"`
	Event    incident.Event `json:"event"`
}

// Store is an append-only JSON-lines event log with the incidents folded
// from it in memory. Every append is written and fsynced before it is
// acknowledged, so a crash loses no acknowledged event; at most the line
// being written when the process died is cut short, and Open detects and
// reports that.
type Store struct {
	mu        sync.Mutex
	f         *os.File
	size      int64 // bytes of complete lines
	lc        *incident.Lifecycle
	incidents map[string]incident.Incident // each one's History is its events
	// Recovered describes a truncated last line found by Open, if any.
	Recovered string
}

// OpenStore opens (or creates) the log at path and replays it. A line that
// does not parse in the middle of the file is corruption and an error. A
// last line without its newline is an append that never completed (and was
// never acknowledged): it is moved to path+".truncated", cut from the log,
// and described in Recovered, so nothing is silently dropped.
func OpenStore(path string, lc *incident.Lifecycle) (*Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	s := &Store{f: f, lc: lc, incidents: map[string]incident.Incident{}}
	if err := s.load(path); err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) load(path string) error {
	r := bufio.NewReader(s.f)
	line := 0
	for {
		b, err := r.ReadBytes('\n')
		if len(b) > 0 && b[len(b)-1] == '\n' {
			line++
			var rec record
			if jerr := json.Unmarshal(bytes.TrimSpace(b), &rec); jerr != nil || rec.Incident == "" {
				return fmt.Errorf("slaservice: %s line %d is corrupt: %v", path, line, jerr)
			}
			if _, _, aerr := s.apply(rec.Incident, rec.Event); aerr != nil {
				return fmt.Errorf("slaservice: %s line %d: %w", path, line, aerr)
			}
			s.size += int64(len(b))
			continue
		}
		if len(b) > 0 { // a last line cut short by a crash
			if werr := os.WriteFile(path+".truncated", b, 0o644); werr != nil {
				return werr
			}
			if terr := s.f.Truncate(s.size); terr != nil {
				return terr
			}
			s.Recovered = fmt.Sprintf("line %d was incomplete (%d bytes, never acknowledged); moved to %s.truncated", line+1, len(b), path)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	_, err := s.f.Seek(s.size, io.SeekStart)
	return err
}

// apply folds e into the incident id in memory, without writing.
func (s *Store) apply(id string, e incident.Event) (incident.Incident, incident.Effects, error) {
	cur, ok := s.incidents[id]
	if !ok && e.Type == incident.EventOpen && e.ID != id {
		return incident.Incident{}, incident.Effects{}, fmt.Errorf("%w: the open event's id %q is not the incident %q", errBadRequest, e.ID, id)
	}
	next, eff, err := cur.Apply(s.lc, e)
	if err != nil {
		return incident.Incident{}, incident.Effects{}, err
	}
	s.incidents[id] = next
	return next, eff, nil
}

var errBadRequest = errors.New("bad request")

// Append validates e against the incident's lifecycle, writes and fsyncs it,
// and only then makes it visible.
func (s *Store) Append(id string, e incident.Event) (incident.Incident, incident.Effects, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	prev, existed := s.incidents[id]
	inc, eff, err := s.apply(id, e)
	if err != nil {
		return inc, eff, err
	}
	undo := func() {
		if !existed {
			delete(s.incidents, id)
		} else {
			s.incidents[id] = prev
		}
	}
	// rollback undoes a failed append in memory and in the file: no line,
	// whole or partial, of an event that was not acknowledged stays behind
	// for the next append to follow or the next start to replay, and the
	// write offset is back at the end of the last complete line.
	rollback := func(err error) (incident.Incident, incident.Effects, error) {
		undo()
		_ = s.f.Truncate(s.size)
		_, _ = s.f.Seek(s.size, io.SeekStart)
		return incident.Incident{}, incident.Effects{}, err
	}
	b, err := json.Marshal(record{Incident: id, Event: e})
	if err != nil {
		undo()
		return incident.Incident{}, incident.Effects{}, err
	}
	b = append(b, '\n')
	if _, err := s.f.Write(b); err != nil {
		return rollback(err)
	}
	if err := s.f.Sync(); err != nil {
		return rollback(err)
	}
	s.size += int64(len(b))
	return inc, eff, nil
}

// Events returns a copy of an incident's events.
func (s *Store) Events(id string) ([]incident.Event, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	inc, ok := s.incidents[id]
	if !ok {
		return nil, false
	}
	return inc.History(), true
}

// Incident returns the current state of an incident.
func (s *Store) Incident(id string) (incident.Incident, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	inc, ok := s.incidents[id]
	return inc, ok
}

// IDs returns the incident ids in order.
func (s *Store) IDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0, len(s.incidents))
	for id := range s.incidents {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Close closes the log.
func (s *Store) Close() error { return s.f.Close() }
