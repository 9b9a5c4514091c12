package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/go-itsm/itsm/incident"
)

// The input formats, told apart by the file name's extension.
const (
	// formatEvents is the event log of examples/slaservice: one JSON
	// object per line, {"incident": "INC1", "event": {...incident.Event}}
	// (.jsonl, .ndjson or .json).
	formatEvents byte = 'e'
	// formatServiceNow is the audit-style ServiceNow export that
	// examples/snowreport reads: CSV with a header and one row per update
	// of an incident (.csv).
	formatServiceNow byte = 's'
)

// formatOf returns the format of the file at p, from its extension.
func formatOf(p string) (byte, error) {
	switch strings.ToLower(path.Ext(p)) {
	case ".jsonl", ".ndjson", ".json":
		return formatEvents, nil
	case ".csv":
		return formatServiceNow, nil
	}
	return 0, fmt.Errorf("beamreport: %s: unknown input format: want .jsonl (event log) or .csv (ServiceNow export)", p)
}

// An Entry is one line of an input file, parsed and checked, on its way to
// the fold of its incident: the unit the pipeline groups by incident. Its
// order within the incident is (At, Seq, File, Line): the instant of the
// event or update, then ServiceNow's sys_mod_count (0 for events), then
// where it was read, so that events at the same instant keep the order of
// the log, even when the log is split into shards named in log order.
type Entry struct {
	Format byte
	File   string
	Line   int
	At     time.Time
	Seq    int
	// Data is the event's JSON (formatEvents) or the row as a JSON object
	// of the columns read (formatServiceNow).
	Data []byte
}

// before reports whether e comes before o in its incident's history.
func (e Entry) before(o Entry) bool {
	if c := e.At.Compare(o.At); c != 0 {
		return c < 0
	}
	if e.Seq != o.Seq {
		return e.Seq < o.Seq
	}
	if e.File != o.File {
		return e.File < o.File
	}
	return e.Line < o.Line
}

// where names the entry's place in the input, for problems.
func (e Entry) where() string { return fmt.Sprintf("%s:%d", e.File, e.Line) }

// A Keyed entry is an Entry with its incident's key: the format and the
// incident's identifier ("events/INC1", "servicenow/INC0000001"), so that
// two systems' numbers never mix.
type Keyed struct {
	Key   string
	Entry Entry
}

// incidentKey is the key of incident id read in format f.
func incidentKey(f byte, id string) string {
	if f == formatServiceNow {
		return "servicenow/" + id
	}
	return "events/" + id
}

// A Problem is an input line or an incident the report leaves out, and
// why. Problems are reported, never silently dropped.
type Problem struct {
	Where string // file:line, or the incident's key
	What  string
}

func (p Problem) String() string { return p.Where + ": " + p.What }

// eventLine is one line of the event log.
type eventLine struct {
	Incident string          `json:"incident"`
	Event    json.RawMessage `json:"event"`
}

// readEvents parses an event log from r, named name, and gives each valid
// line to emit and each malformed one to problem. A line is valid when it
// is a JSON object with an incident and an event that decodes as an
// incident.Event with an instant; whether the event fits its history is
// decided by the fold. Blank lines are skipped. It returns an error only
// when r fails.
func readEvents(name string, r io.Reader, emit func(Keyed), problem func(Problem)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, line)
		var l eventLine
		if err := json.Unmarshal(b, &l); err != nil {
			problem(Problem{where, "not an event log line: " + err.Error()})
			continue
		}
		if l.Incident == "" {
			problem(Problem{where, `no "incident"`})
			continue
		}
		var ev incident.Event
		if err := json.Unmarshal(l.Event, &ev); err != nil {
			problem(Problem{where, "event: " + err.Error()})
			continue
		}
		if ev.At.IsZero() {
			problem(Problem{where, "event: no instant (at)"})
			continue
		}
		emit(Keyed{Key: incidentKey(formatEvents, l.Incident), Entry: Entry{
			Format: formatEvents, File: name, Line: line, At: ev.At, Data: bytes.Clone(l.Event)}})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("beamreport: %s: %w", name, err)
	}
	return nil
}

// The ServiceNow export's columns: those the fold reads, and of them those
// every export must have.
var (
	snowColumns  = []string{"number", "incident_state", "opened_at", "sys_updated_at", "sys_mod_count", "impact", "urgency", "priority", "caller_id", "category", "cmdb_ci", "company", "location", "business_service", "assignment_group", "assigned_to", "closed_code"}
	snowRequired = []string{"number", "incident_state", "opened_at", "sys_updated_at", "impact", "urgency", "priority"}
)

// readServiceNow parses a ServiceNow export from r, named name, as
// readEvents does an event log. Each row keeps the columns the fold reads
// ("?" and missing optional columns are empty). A malformed row is a
// problem; a file without a required column is an error. An empty file is
// an empty shard, not an error.
func readServiceNow(name string, r io.Reader, emit func(Keyed), problem func(Problem)) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("beamreport: %s: reading the header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, c := range snowRequired {
		if _, ok := col[c]; !ok {
			return fmt.Errorf("beamreport: %s: the export has no %q column", name, c)
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				problem(Problem{fmt.Sprintf("%s:%d", name, pe.Line), pe.Err.Error()})
				continue
			}
			return fmt.Errorf("beamreport: %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		row := map[string]string{}
		for _, c := range snowColumns {
			if i, ok := col[c]; ok && i < len(rec) {
				if v := strings.TrimSpace(rec[i]); v != "?" && v != "" {
					row[c] = v
				}
			}
		}
		where := fmt.Sprintf("%s:%d", name, line)
		sr, err := parseSnowRow(row)
		if err != nil {
			problem(Problem{where, err.Error()})
			continue
		}
		data, _ := json.Marshal(row) // a map of strings always encodes
		emit(Keyed{Key: incidentKey(formatServiceNow, sr.number), Entry: Entry{
			Format: formatServiceNow, File: name, Line: line, At: sr.updatedAt, Seq: sr.modCount, Data: data}})
	}
}

// readFile parses the file named name in its format (formatOf).
func readFile(name string, r io.Reader, emit func(Keyed), problem func(Problem)) error {
	f, err := formatOf(name)
	if err != nil {
		return err
	}
	if f == formatServiceNow {
		return readServiceNow(name, r, emit, problem)
	}
	return readEvents(name, r, emit, problem)
}

// encodeEntry is the pipeline's coder for an Entry: a compact binary form
// (Beam's default JSON coder would spend more time than the fold).
func encodeEntry(e Entry) []byte {
	b := make([]byte, 0, 32+len(e.File)+len(e.Data))
	b = append(b, e.Format)
	b = binary.AppendUvarint(b, uint64(len(e.File)))
	b = append(b, e.File...)
	b = binary.AppendVarint(b, int64(e.Line))
	b = binary.AppendVarint(b, e.At.UnixNano())
	b = binary.AppendVarint(b, int64(e.Seq))
	b = binary.AppendUvarint(b, uint64(len(e.Data)))
	return append(b, e.Data...)
}

// errBadEntry is the error of decodeEntry for bytes encodeEntry did not
// write.
var errBadEntry = errors.New("beamreport: malformed entry encoding")

// decodeEntry reverses encodeEntry. Instants come back in UTC.
func decodeEntry(b []byte) (Entry, error) {
	var e Entry
	if len(b) == 0 {
		return e, errBadEntry
	}
	e.Format, b = b[0], b[1:]
	str := func() ([]byte, bool) {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, false
		}
		s := b[k : k+int(n)]
		b = b[k+int(n):]
		return s, true
	}
	num := func() (int64, bool) {
		v, k := binary.Varint(b)
		if k <= 0 {
			return 0, false
		}
		b = b[k:]
		return v, true
	}
	file, ok1 := str()
	line, ok2 := num()
	at, ok3 := num()
	seq, ok4 := num()
	data, ok5 := str()
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || len(b) != 0 {
		return Entry{}, errBadEntry
	}
	e.File, e.Line, e.At, e.Seq, e.Data = string(file), int(line), time.Unix(0, at).UTC(), int(seq), bytes.Clone(data)
	return e, nil
}
