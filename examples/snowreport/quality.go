package main

import (
	"bufio"
	"encoding/csv"
	"io"
	"os"
	"strconv"
)

// Why a row was skipped. Every other row is applied.
type skipReason uint8

const (
	skipQuote    skipReason = iota // a quoted field never closes
	skipNoNumber                   // no incident number
	skipUpdated                    // sys_updated_at empty or unreadable: the row has no place in its incident's order
	skipCount
)

var skipNames = [skipCount]string{
	"quoted field not closed before the end of the file (the rest of the file is one row)",
	"no incident number",
	"sys_updated_at empty or unreadable (the row cannot be placed in order)",
}

// quality collects the data-quality findings: counts by kind for the
// report, and, when a listing file is given, one CSV line per finding
// (line, number, finding, detail) in the order they are found: the rows
// and values while reading, in file order, then the moves, by line.
type quality struct {
	skipped [skipCount]int
	ignored map[string]int // by field: a value that was not readable, the row applied without it
	moves   map[string]int // by kind: moves the checked lifecycle lacks, applied
	list    *listing
}

func newQuality(list *listing) *quality {
	return &quality{ignored: map[string]int{}, moves: map[string]int{}, list: list}
}

func (q *quality) total() int {
	n := 0
	for _, c := range q.skipped {
		n += c
	}
	for _, c := range q.ignored {
		n += c
	}
	for _, c := range q.moves {
		n += c
	}
	return n
}

func (q *quality) skip(line int, number string, r skipReason, detail string) {
	q.skipped[r]++
	q.list.add(line, number, "row skipped: "+skipNames[r], detail)
}

func (q *quality) ignore(line int, number, field, value string) {
	q.ignored[field]++
	what := field + ": unreadable value ignored"
	if value == "" {
		what = field + ": empty"
	}
	q.list.add(line, number, what, value)
}

// listing writes findings as CSV to a file; a nil *listing writes nothing.
type listing struct {
	f   *os.File
	buf *bufio.Writer
	w   *csv.Writer
}

func createListing(name string) (*listing, error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	l := &listing{f: f}
	l.restart()
	return l, nil
}

// restart empties the file, for a new pass over the export.
func (l *listing) restart() {
	if l == nil {
		return
	}
	l.f.Truncate(0)
	l.f.Seek(0, io.SeekStart)
	l.buf = bufio.NewWriterSize(l.f, 1<<16)
	l.w = csv.NewWriter(l.buf)
	l.w.Write([]string{"line", "number", "finding", "detail"})
}

func (l *listing) add(line int, number, finding, detail string) {
	if l == nil {
		return
	}
	l.w.Write([]string{strconv.Itoa(line), number, finding, detail})
}

func (l *listing) close() error {
	if l == nil {
		return nil
	}
	l.w.Flush()
	if err := l.w.Error(); err != nil {
		l.f.Close()
		return err
	}
	if err := l.buf.Flush(); err != nil {
		l.f.Close()
		return err
	}
	return l.f.Close()
}
