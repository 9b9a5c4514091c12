package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
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

// unset marks a time field no readable row has set, or that its latest
// readable row left empty (resolved_at of an incident never resolved).
const unset = math.MinInt64

// rowKey orders the rows of one incident: sys_updated_at in seconds, then
// sys_mod_count (the update's number), packed in one int64; rows with equal
// keys keep their order in the file.
func rowKey(at int64, mod int) int64 { return at<<16 | int64(mod) }

// The fields of a record, each with the key of the row it was taken from.
const (
	fieldState = iota
	fieldOpened
	fieldResolved
	fieldClosed
	fieldReassign
	fieldReopen
	fieldMadeSLA
	fieldPriority
	fieldCount
)

// record is the compact state of one incident: each field the KPIs use as
// the latest row (by rowKey, then file order) in which it was readable
// says it, with that row's key (keys[f], when bit f of has is set); and
// where the walk of its rows in order stands (see feed). 144 bytes and the
// number, however many rows the incident has.
type record struct {
	number                   string
	opened, resolved, closed int64 // resolved, closed == unset: empty
	keys                     [fieldCount]int64
	last                     int64  // key of the latest row walked
	reassign, reopen         int32  // -1: empty
	cut                      uint32 // line of the first row read out of order; 0: none yet
	walk                     walkState
	has                      uint8 // bit f: field f was taken from a row
	made, prio               int8  // made: 1 true, 0 false, -1 empty; prio 1..5, 0 empty
	node                     node
}

// recordChunk is how many records one block holds.
const recordChunk = 1 << 9 // 72 KB: a small export does not pay for more

// errRestart asks for another pass with the other date order.
type errRestart struct {
	order dateOrder
	at    dateSample // the date that showed it
}

func (e errRestart) Error() string { return "snowreport: restart with dates " + e.order.String() }

// dateSample is a date value and where it was read.
type dateSample struct {
	line  int
	value string
}

// pass is one reading of the export.
type pass struct {
	order      dateOrder
	fixed      bool // -dates named the order
	orderUsed  int  // dd-MM / MM-dd dates read
	firstDM    dateSample
	dayFirst   dateSample // first date whose first number is over 12
	monthFirst dateSample // first date whose second number is over 12

	cols     [colCount]int
	index    map[string]int32
	blocks   [][]record // the records, in blocks never copied when they grow
	nrecords int
	groups   map[string]uint32 // assignment_group and assigned_to values, interned
	quality  *quality

	check      moveCheck
	tally      tally          // the walk of rows read in order (feed), then resort's
	log        spillLog[step] // every applied row's step, for resort
	outOfOrder int            // incidents with a row read out of order
	findings   *sorter[finding]
	rows       int // data rows read (records of the CSV after the header)
	applied    int
	asOf       int64
	haveAsOf   bool
	lowerBuf   [32]byte
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
	p.log.c = stepCodec
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
	if !p.fixed && p.orderUsed > 0 && p.dayFirst.line == 0 && p.monthFirst.line == 0 {
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
	if len(v) == 0 || len(v) == 1 && v[0] == '?' { // "?" is the audit export's empty value
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
		if p.monthFirst.line == 0 {
			p.monthFirst = dateSample{line, string(v)}
		}
	}
	if !p.fixed && ev != evidenceNone {
		if p.dayFirst.line > 0 && p.monthFirst.line > 0 {
			return 0, false, fmt.Errorf("snowreport: dates: the export has day-first dates (line %d: %q) and month-first dates (line %d: %q); name the layout with -dates dmy or -dates mdy (dates that do not fit it are then counted as unreadable)",
				p.dayFirst.line, p.dayFirst.value, p.monthFirst.line, p.monthFirst.value)
		}
		if ev == evidenceMonthFirst && p.order != monthFirst {
			return 0, false, errRestart{monthFirst, p.monthFirst}
		}
		if ev == evidenceDayFirst && p.order != dayFirst {
			return 0, false, errRestart{dayFirst, p.dayFirst}
		}
	}
	return sec, perr == nil, nil
}

// text returns the text field of column c, or nil when it is not valid
// UTF-8: the value is then ignored as unreadable (listed with its bytes
// quoted), like the SDK, which refuses such text rather than repair it.
func (p *pass) text(fields [][]byte, c, line int, number string) []byte {
	v := p.field(fields, c)
	if v != nil && !utf8.Valid(v) {
		p.quality.ignore(line, number, columnNames[c][0], strconv.Quote(string(v)))
		return nil
	}
	return v
}

func (p *pass) row(fields [][]byte, line int) error {
	number, at, key, ok, err := p.identify(fields, line)
	if !ok || err != nil {
		return err
	}
	i, rec := p.recordOf(number)
	p.applied++
	if !p.haveAsOf || at > p.asOf {
		p.asOf, p.haveAsOf = at, true
	}

	st := step{key: key, rec: i, line: uint32(line),
		group: p.intern(p.text(fields, colGroup, line, rec.number)), who: p.intern(p.text(fields, colAssignee, line, rec.number))}
	label := p.field(fields, colState)
	n, stateOK := stateNode(label, p.field(fields, colHoldReason))
	st.node = n
	if err := p.log.add(st); err != nil {
		return err
	}
	if err := p.feed(rec, st); err != nil {
		return err
	}
	if !stateOK {
		p.quality.ignore(line, rec.number, "incident_state", string(label))
	} else if rec.newer(fieldState, key) {
		rec.node = n
	}
	if err := p.takeInstants(rec, fields, key, line); err != nil {
		return err
	}
	p.takeCounters(rec, fields, key, line)
	return nil
}

// identify reads what places a row: the incident's number and the row's
// instant (sys_updated_at) and key (with sys_mod_count). A row without
// them is counted as skipped (ok false); err is the date order's restart
// or a temporary file's error.
func (p *pass) identify(fields [][]byte, line int) (number []byte, at, key int64, ok bool, err error) {
	number = p.field(fields, colNumber)
	if len(number) == 0 {
		p.quality.skip(line, "", skipNoNumber, "")
		return nil, 0, 0, false, nil
	}
	if !utf8.Valid(number) {
		p.quality.skip(line, "", skipNoNumber, fmt.Sprintf("%q is not valid UTF-8", number))
		return nil, 0, 0, false, nil
	}
	updated := p.field(fields, colUpdated)
	if at, ok, err = p.instant(updated, line); err != nil || !ok {
		if err == nil {
			p.quality.skip(line, string(number), skipUpdated, string(updated))
		}
		return nil, 0, 0, false, err
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
	return number, at, rowKey(at, mod), true, nil
}

// recordOf returns the record of the incident number, and its index; a
// new number gets a new record.
func (p *pass) recordOf(number []byte) (int32, *record) {
	if i, found := p.index[string(number)]; found {
		return i, p.record(i)
	}
	i := int32(p.nrecords)
	if i%recordChunk == 0 {
		p.blocks = append(p.blocks, make([]record, recordChunk))
	}
	p.nrecords++
	rec := p.record(i)
	*rec = record{number: string(number)}
	p.index[rec.number] = i
	return i, rec
}

// newer reports whether a row of key is at least as late as the one field
// f was taken from (a later row in the file wins a tie), and if so makes
// that row its source.
func (rec *record) newer(f int, key int64) bool {
	if rec.has&(1<<f) != 0 && key < rec.keys[f] {
		return false
	}
	rec.keys[f] = key
	rec.has |= 1 << f
	return true
}

// takeInstants takes the row's opened_at, resolved_at and closed_at into
// rec where the row is the latest to say them.
func (p *pass) takeInstants(rec *record, fields [][]byte, key int64, line int) error {
	if v := p.field(fields, colOpened); v == nil {
		p.quality.ignore(line, rec.number, "opened_at", "")
	} else if sec, ok, err := p.instant(v, line); err != nil {
		return err
	} else if ok {
		if rec.newer(fieldOpened, key) {
			rec.opened = sec
		}
	} else {
		p.quality.ignore(line, rec.number, "opened_at", string(v))
	}
	for _, f := range []struct {
		col, field int
		name       string
		v          *int64
	}{{colResolved, fieldResolved, "resolved_at", &rec.resolved}, {colClosed, fieldClosed, "closed_at", &rec.closed}} {
		if p.cols[f.col] < 0 {
			continue
		}
		v := p.field(fields, f.col)
		if v == nil {
			if rec.newer(f.field, key) {
				*f.v = unset
			}
			continue
		}
		sec, ok, err := p.instant(v, line)
		if err != nil {
			return err
		}
		if !ok {
			p.quality.ignore(line, rec.number, f.name, string(v))
		} else if rec.newer(f.field, key) {
			*f.v = sec
		}
	}
	return nil
}

// takeCounters takes the row's reassignment_count, reopen_count, made_sla
// and priority into rec where the row is the latest to say them.
func (p *pass) takeCounters(rec *record, fields [][]byte, key int64, line int) {
	for _, f := range []struct {
		col, field int
		name       string
		v          *int32
	}{{colReassign, fieldReassign, "reassignment_count", &rec.reassign}, {colReopen, fieldReopen, "reopen_count", &rec.reopen}} {
		if p.cols[f.col] < 0 {
			continue
		}
		v := p.field(fields, f.col)
		if v == nil {
			if rec.newer(f.field, key) {
				*f.v = -1
			}
			continue
		}
		n, ok := count(v)
		if !ok {
			p.quality.ignore(line, rec.number, f.name, string(v))
		} else if rec.newer(f.field, key) {
			*f.v = n
		}
	}
	if p.cols[colMadeSLA] >= 0 {
		v := p.field(fields, colMadeSLA)
		made := int8(-2)
		switch string(lower(v, p.lowerBuf[:])) {
		case "":
			made = -1
		case "true", "1", "yes":
			made = 1
		case "false", "0", "no":
			made = 0
		default:
			p.quality.ignore(line, rec.number, "made_sla", string(v))
		}
		if made > -2 && rec.newer(fieldMadeSLA, key) {
			rec.made = made
		}
	}
	if p.cols[colPriority] >= 0 {
		v := p.field(fields, colPriority)
		pr, ok := int8(0), true
		if v != nil {
			pr, ok = parsePriority(lower(v, p.lowerBuf[:]))
		}
		if !ok {
			p.quality.ignore(line, rec.number, "priority", string(v))
		} else if rec.newer(fieldPriority, key) {
			rec.prio = pr
		}
	}
}

func (p *pass) record(i int32) *record { return &p.blocks[i/recordChunk][i%recordChunk] }

// intern returns the id of an assignment_group or assigned_to value; 0 is
// empty.
func (p *pass) intern(v []byte) uint32 {
	if len(v) == 0 {
		return 0
	}
	if id, ok := p.groups[string(v)]; ok {
		return id
	}
	if p.groups == nil {
		p.groups = map[string]uint32{}
	}
	id := uint32(len(p.groups) + 1)
	p.groups[string(v)] = id
	return id
}

// count reads a non-negative count such as reassignment_count.
func count(v []byte) (int32, bool) {
	if len(v) == 0 || len(v) > 9 {
		return 0, false
	}
	n := int32(0)
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int32(c-'0')
	}
	return n, true
}

// lower returns v in lower case (ASCII), in buf when it fits: values
// longer than buf are returned as they are and match nothing.
func lower(v, buf []byte) []byte {
	if len(v) > len(buf) {
		return v
	}
	for i, c := range v {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(v)]
}

// parsePriority reads "1 - Critical", "1", "P1" or "Critical" (ServiceNow's
// five priorities: Critical, High, Moderate, Low, Planning).
// v is in lower case.
func parsePriority(v []byte) (int8, bool) {
	if len(v) == 2 && v[0] == 'p' {
		v = v[1:]
	}
	if len(v) > 0 && v[0] >= '1' && v[0] <= '5' && (len(v) == 1 || v[1] == ' ') {
		return int8(v[0] - '0'), true
	}
	switch string(v) {
	case "critical":
		return 1, true
	case "high":
		return 2, true
	case "moderate":
		return 3, true
	case "low":
		return 4, true
	case "planning":
		return 5, true
	}
	return 0, false
}
