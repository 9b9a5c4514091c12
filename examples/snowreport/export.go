package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// The columns the tool reads, by their ServiceNow field names. Headers are
// matched without regard to case, and the column labels of a list export
// ("Number", "Incident state", "Opened", ...) are accepted too.
const (
	colNumber = iota
	colState
	colHoldReason
	colOpened
	colUpdated
	colModCount
	colResolved
	colClosed
	colReassign
	colReopen
	colMadeSLA
	colPriority
	colGroup
	colAssignee
	colCount
)

var columnNames = [colCount][]string{
	colNumber:     {"number"},
	colState:      {"incident_state", "state", "incident state"},
	colHoldReason: {"hold_reason", "on hold reason"},
	colOpened:     {"opened_at", "opened"},
	colUpdated:    {"sys_updated_at", "updated"},
	colModCount:   {"sys_mod_count", "updates"},
	colResolved:   {"resolved_at", "resolved"},
	colClosed:     {"closed_at", "closed"},
	colReassign:   {"reassignment_count", "reassignment count"},
	colReopen:     {"reopen_count", "reopen count"},
	colMadeSLA:    {"made_sla", "made sla"},
	colPriority:   {"priority"},
	colGroup:      {"assignment_group", "assignment group"},
	colAssignee:   {"assigned_to", "assigned to"},
}

// The columns without which there is no report.
var requiredColumns = []int{colNumber, colState, colOpened, colUpdated}

// unset marks a field no row has given a readable value for.
const unset = math.MinInt64

// rowKey orders the rows of one incident: sys_updated_at in seconds, then
// sys_mod_count (the update's number), packed in one int64; rows with equal
// keys keep their order in the file.
func rowKey(at int64, mod int) int64 { return at<<16 | int64(mod) }

func keyTime(k int64) int64 { return k >> 16 }

// step is one row of an incident as the transition matrix needs it: its
// place in the incident's order, its line, its state and a hash of its
// group and of its assignee. 24 bytes, no strings.
type step struct {
	key   int64
	line  uint32
	group uint32
	who   uint32
	node  node
}

// record is the compact state of one incident: each field the KPIs use as
// the latest row (by rowKey) in which it was readable says, with that
// row's key, and the incident's steps.
type record struct {
	number string

	latest int64 // key of the latest row
	node   node
	nodeK  int64

	opened, openedK     int64
	resolved, resolvedK int64 // resolved == unset: empty in its latest readable row
	closed, closedK     int64
	reassign, reassignK int64 // -1: empty
	reopen, reopenK     int64
	made, madeK         int64 // 1 true, 0 false, -1 empty
	prio, prioK         int64 // 1..5, 0 empty

	steps  []step
	sorted bool // steps are in key order
}

func newRecord(number string) record {
	return record{number: number, latest: unset, nodeK: unset, openedK: unset, resolvedK: unset, closedK: unset,
		reassignK: unset, reopenK: unset, madeK: unset, prioK: unset, sorted: true}
}

// set stores v in *dst when key is at least as late as *dstK.
func set(dst, dstK *int64, v, key int64) {
	if key >= *dstK {
		*dst, *dstK = v, key
	}
}

// errRestart asks for another pass with the other date order.
type errRestart struct{ order dateOrder }

func (e errRestart) Error() string { return "snowreport: restart with dates " + e.order.String() }

// dateSample is a date value and where it was read.
type dateSample struct {
	line  int
	value string
}

// pass is one reading of the export.
type pass struct {
	order     dateOrder
	fixed     bool // -dates named the order
	orderUsed int  // dd-MM / MM-dd dates read
	firstDM   dateSample
	dayFirst  dateSample // first date whose first number is over 12
	monthFirs dateSample // first date whose second number is over 12

	cols     [colCount]int
	index    map[string]int32
	records  []record
	quality  *quality
	rows     int // data rows read (records of the CSV after the header)
	applied  int
	asOf     int64
	haveAsOf bool
}

// readExport reads the CSV text from r into a pass. A flaw in a row is
// counted in q (and listed, with its line, if q lists); only a missing
// header or required column, a read error, or a date order it cannot tell
// end the pass with an error.
func (p *pass) read(r io.Reader) error {
	sc := newRecordScanner(r)
	header, err := sc.next()
	if errors.Is(err, io.EOF) {
		return ErrEmpty
	}
	if err != nil {
		return fmt.Errorf("snowreport: reading the header: %w", err)
	}
	for i := range p.cols {
		p.cols[i] = -1
	}
	for i, h := range header {
		name := strings.ToLower(string(trimSpace(h)))
		for c, names := range columnNames {
			for _, n := range names {
				if name == n && p.cols[c] < 0 {
					p.cols[c] = i
				}
			}
		}
	}
	for _, c := range requiredColumns {
		if p.cols[c] < 0 {
			return fmt.Errorf("snowreport: the header (line 1) has no %q column: is this an incident export?", columnNames[c][0])
		}
	}
	p.index = map[string]int32{}
	for {
		fields, err := sc.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, errUnterminatedQuote) {
			p.rows++
			p.quality.skip(sc.start, "", skipQuote, fmt.Sprintf("from line %d to the end (line %d)", sc.start, sc.line))
			break
		}
		if err != nil {
			return fmt.Errorf("snowreport: line %d: %w", sc.line, err)
		}
		p.rows++
		if err := p.row(fields, sc.start); err != nil {
			return err
		}
	}
	if !p.fixed && p.orderUsed > 0 && p.dayFirst.line == 0 && p.monthFirs.line == 0 {
		return fmt.Errorf("snowreport: dates: in all %d dates written day-month or month-day (such as line %d: %q) both numbers are 12 or less, so the order cannot be told; name it with -dates dmy (dd-MM-yyyy) or -dates mdy (MM-dd-yyyy)",
			p.orderUsed, p.firstDM.line, p.firstDM.value)
	}
	return nil
}

func (p *pass) field(fields [][]byte, c int) []byte {
	i := p.cols[c]
	if i < 0 || i >= len(fields) {
		return nil
	}
	v := trimSpace(fields[i])
	if len(v) == 1 && v[0] == '?' { // the audit export's empty value
		return nil
	}
	return v
}

// instant reads a date; ok is false for an unreadable one. It returns an
// error when the date shows the pass reads dates in the wrong order.
func (p *pass) instant(v []byte, line int) (sec int64, ok bool, err error) {
	sec, ev, withOrder, perr := parseInstant(v, p.order)
	if withOrder {
		if p.orderUsed == 0 {
			p.firstDM = dateSample{line, string(v)}
		}
		p.orderUsed++
	}
	switch ev {
	case evidenceDayFirst:
		if p.dayFirst.line == 0 {
			p.dayFirst = dateSample{line, string(v)}
		}
	case evidenceMonthFirst:
		if p.monthFirs.line == 0 {
			p.monthFirs = dateSample{line, string(v)}
		}
	}
	if !p.fixed && ev != evidenceNone {
		if p.dayFirst.line > 0 && p.monthFirs.line > 0 {
			return 0, false, fmt.Errorf("snowreport: dates: the export has day-first dates (line %d: %q) and month-first dates (line %d: %q); name the layout with -dates dmy or -dates mdy (dates that do not fit it are then counted as unreadable)",
				p.dayFirst.line, p.dayFirst.value, p.monthFirs.line, p.monthFirs.value)
		}
		if ev == evidenceMonthFirst && p.order != monthFirst {
			return 0, false, errRestart{monthFirst}
		}
		if ev == evidenceDayFirst && p.order != dayFirst {
			return 0, false, errRestart{dayFirst}
		}
	}
	return sec, perr == nil, nil
}

func (p *pass) row(fields [][]byte, line int) error {
	number := p.field(fields, colNumber)
	if len(number) == 0 {
		p.quality.skip(line, "", skipNoNumber, "")
		return nil
	}
	updated := p.field(fields, colUpdated)
	at, ok, err := p.instant(updated, line)
	if err != nil {
		return err
	}
	if !ok {
		p.quality.skip(line, string(number), skipUpdated, string(updated))
		return nil
	}
	mod := 0
	if v := p.field(fields, colModCount); v != nil {
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 0 {
			p.quality.ignore(line, string(number), "sys_mod_count", string(v))
		} else {
			mod = min(n, math.MaxUint16)
		}
	}
	key := rowKey(at, mod)

	i, found := p.index[string(number)]
	if !found {
		i = int32(len(p.records))
		p.records = append(p.records, newRecord(string(number)))
		p.index[p.records[i].number] = i
	}
	rec := &p.records[i]
	p.applied++
	if !p.haveAsOf || at > p.asOf {
		p.asOf, p.haveAsOf = at, true
	}
	if key >= rec.latest {
		rec.latest = key
	}

	st := step{key: key, line: uint32(line)}
	label := p.field(fields, colState)
	if n, ok := stateNode(label, p.field(fields, colHoldReason)); ok {
		st.node = n
		if key >= rec.nodeK {
			rec.node, rec.nodeK = n, key
		}
	} else {
		p.quality.ignore(line, rec.number, "incident_state", string(label))
	}
	st.group = hash(p.field(fields, colGroup))
	st.who = hash(p.field(fields, colAssignee))
	if len(rec.steps) > 0 && key < rec.steps[len(rec.steps)-1].key {
		rec.sorted = false
	}
	rec.steps = append(rec.steps, st)

	if v := p.field(fields, colOpened); v == nil {
		p.quality.ignore(line, rec.number, "opened_at", "")
	} else if sec, ok, err := p.instant(v, line); err != nil {
		return err
	} else if ok {
		set(&rec.opened, &rec.openedK, sec, key)
	} else {
		p.quality.ignore(line, rec.number, "opened_at", string(v))
	}
	for _, f := range []struct {
		col  int
		name string
		v, k *int64
	}{{colResolved, "resolved_at", &rec.resolved, &rec.resolvedK}, {colClosed, "closed_at", &rec.closed, &rec.closedK}} {
		if p.cols[f.col] < 0 {
			continue
		}
		v := p.field(fields, f.col)
		if v == nil {
			set(f.v, f.k, unset, key)
			continue
		}
		sec, ok, err := p.instant(v, line)
		if err != nil {
			return err
		}
		if ok {
			set(f.v, f.k, sec, key)
		} else {
			p.quality.ignore(line, rec.number, f.name, string(v))
		}
	}
	for _, f := range []struct {
		col  int
		name string
		v, k *int64
	}{{colReassign, "reassignment_count", &rec.reassign, &rec.reassignK}, {colReopen, "reopen_count", &rec.reopen, &rec.reopenK}} {
		if p.cols[f.col] < 0 {
			continue
		}
		v := p.field(fields, f.col)
		if v == nil {
			set(f.v, f.k, -1, key)
			continue
		}
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 0 {
			p.quality.ignore(line, rec.number, f.name, string(v))
			continue
		}
		set(f.v, f.k, int64(n), key)
	}
	if p.cols[colMadeSLA] >= 0 {
		v := p.field(fields, colMadeSLA)
		switch strings.ToLower(string(v)) {
		case "":
			set(&rec.made, &rec.madeK, -1, key)
		case "true", "1", "yes":
			set(&rec.made, &rec.madeK, 1, key)
		case "false", "0", "no":
			set(&rec.made, &rec.madeK, 0, key)
		default:
			p.quality.ignore(line, rec.number, "made_sla", string(v))
		}
	}
	if p.cols[colPriority] >= 0 {
		v := p.field(fields, colPriority)
		if v == nil {
			set(&rec.prio, &rec.prioK, 0, key)
		} else if n, ok := parsePriority(v); ok {
			set(&rec.prio, &rec.prioK, int64(n), key)
		} else {
			p.quality.ignore(line, rec.number, "priority", string(v))
		}
	}
	return nil
}

// parsePriority reads "1 - Critical", "1", "P1" or "Critical" (ServiceNow's
// five priorities: Critical, High, Moderate, Low, Planning).
func parsePriority(v []byte) (int, bool) {
	s := strings.ToLower(string(v))
	s = strings.TrimPrefix(s, "p")
	if num, _, _ := strings.Cut(s, " "); len(num) == 1 && num[0] >= '1' && num[0] <= '5' {
		return int(num[0] - '0'), true
	}
	for i, w := range []string{"critical", "high", "moderate", "low", "planning"} {
		if s == w {
			return i + 1, true
		}
	}
	return 0, false
}

// hash identifies a group or assignee without keeping its name; 0 is
// empty. Two names colliding (one chance in four billion per pair) would
// hide one change.
func hash(v []byte) uint32 {
	if len(v) == 0 {
		return 0
	}
	h := uint32(2166136261) // FNV-1a
	for _, c := range v {
		h ^= uint32(c)
		h *= 16777619
	}
	return h | 1
}
