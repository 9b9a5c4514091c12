package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"
	"sync/atomic"
)

// Bounded memory for what grows with rows. The transition matrix needs the
// rows of an incident in time order; when an export has them in that order
// (the usual one) each row is walked as it is read and forgotten. Every row
// is also appended, as a 25-byte step, to a log that stays in memory up to
// logBytes and goes on to a temporary file after that; when some incident's
// rows turn out to be out of order, the steps of those incidents are read
// back from the log and sorted on disk (sorted runs of runSteps steps,
// merged at most fanIn at a time). Temporary files are created in
// os.TempDir ($TMPDIR) and unlinked at once, so nothing is left behind even
// when the process is killed; where an open file cannot be unlinked
// (Windows) it is removed when closed.
var (
	logBytes = 1 << 20 // in-memory part of the step log, bytes
	runSteps = 1 << 16 // steps sorted in memory at a time (2 MB, and 2 MB to sort into)
	fanIn    = 64      // runs merged at once; each reads through a 64 KB buffer
)

// openSpills counts temporary files not yet closed (for tests).
var openSpills atomic.Int64

// spillFile is a temporary file for data that does not fit in memory.
type spillFile struct {
	f      *os.File
	linked bool // still has a name in its directory
}

func createSpill() (*spillFile, error) {
	f, err := os.CreateTemp("", "snowreport-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("snowreport: temporary file: %w", err)
	}
	openSpills.Add(1)
	s := &spillFile{f: f, linked: true}
	if os.Remove(f.Name()) == nil {
		s.linked = false
	}
	return s, nil
}

func (s *spillFile) close() {
	if s == nil || s.f == nil {
		return
	}
	s.f.Close()
	if s.linked {
		os.Remove(s.f.Name())
	}
	s.f = nil
	openSpills.Add(-1)
}

func spillErr(err error) error { return fmt.Errorf("snowreport: temporary file: %w", err) }

// codec encodes values of T in size bytes.
type codec[T any] struct {
	size int
	put  func([]byte, T)
	get  func([]byte) T
}

var stepCodec = codec[step]{
	size: 25,
	put: func(b []byte, s step) {
		binary.LittleEndian.PutUint64(b, uint64(s.key))
		binary.LittleEndian.PutUint32(b[8:], uint32(s.rec))
		binary.LittleEndian.PutUint32(b[12:], s.line)
		binary.LittleEndian.PutUint32(b[16:], s.group)
		binary.LittleEndian.PutUint32(b[20:], s.who)
		b[24] = byte(s.node)
	},
	get: func(b []byte) step {
		return step{
			key:   int64(binary.LittleEndian.Uint64(b)),
			rec:   int32(binary.LittleEndian.Uint32(b[8:])),
			line:  binary.LittleEndian.Uint32(b[12:]),
			group: binary.LittleEndian.Uint32(b[16:]),
			who:   binary.LittleEndian.Uint32(b[20:]),
			node:  node(b[24]),
		}
	},
}

// spillLog is an append-only sequence of values: in memory up to
// logBytes, then on a temporary file.
type spillLog[T any] struct {
	c    codec[T]
	buf  []byte
	file *spillFile
	size int64 // bytes written to the file
}

func (l *spillLog[T]) add(v T) error {
	if len(l.buf)+l.c.size > cap(l.buf) {
		if limit := max(logBytes, l.c.size); cap(l.buf) < limit {
			// The buffer grows as a slice does, up to logBytes: a small
			// export does not pay for a megabyte.
			grown := make([]byte, len(l.buf), min(max(2*cap(l.buf), 4096), limit))
			copy(grown, l.buf)
			l.buf = grown
		} else if err := l.flush(); err != nil {
			return err
		}
	}
	n := len(l.buf)
	l.buf = l.buf[:n+l.c.size]
	l.c.put(l.buf[n:], v)
	return nil
}

func (l *spillLog[T]) flush() error {
	if l.file == nil {
		f, err := createSpill()
		if err != nil {
			return err
		}
		l.file = f
	}
	if _, err := l.file.f.Write(l.buf); err != nil {
		return spillErr(err)
	}
	l.size += int64(len(l.buf))
	l.buf = l.buf[:0]
	return nil
}

// each calls fn with every value, in the order they were added.
func (l *spillLog[T]) each(fn func(T) error) error {
	if l.file != nil {
		r := bufio.NewReaderSize(io.NewSectionReader(l.file.f, 0, l.size), 1<<16)
		b := make([]byte, l.c.size)
		for range l.size / int64(l.c.size) {
			if _, err := io.ReadFull(r, b); err != nil {
				return spillErr(err)
			}
			if err := fn(l.c.get(b)); err != nil {
				return err
			}
		}
	}
	for b := l.buf; len(b) > 0; b = b[l.c.size:] {
		if err := fn(l.c.get(b)); err != nil {
			return err
		}
	}
	return nil
}

func (l *spillLog[T]) close() { l.file.close() }

// span is a sorted run on a spill file: n values from byte off.
type span struct{ off, n int64 }

// sorter sorts any number of values in bounded memory: runs of runSteps
// values sorted in memory and written to a temporary file, merged at most
// fanIn at a time. Values that fit in one run never touch the disk. cmp
// must be a total order (values it calls equal may come out in any order).
type sorter[T any] struct {
	c    codec[T]
	cmp  func(a, b T) int
	sort func([]T) // sorts a run in cmp's order, when set (else slices.SortFunc)
	run  []T
	file *spillFile
	w    *bufio.Writer
	off  int64
	runs []span
}

func (s *sorter[T]) add(v T) error {
	if s.run == nil {
		s.run = make([]T, 0, runSteps)
	}
	s.run = append(s.run, v)
	if len(s.run) == cap(s.run) {
		return s.flushRun()
	}
	return nil
}

func (s *sorter[T]) sortRun() {
	if s.sort != nil {
		s.sort(s.run)
	} else {
		slices.SortFunc(s.run, s.cmp)
	}
}

func (s *sorter[T]) flushRun() error {
	s.sortRun()
	if s.file == nil {
		f, err := createSpill()
		if err != nil {
			return err
		}
		s.file, s.w = f, bufio.NewWriterSize(f.f, 1<<16)
	}
	b := make([]byte, s.c.size)
	for _, v := range s.run {
		s.c.put(b, v)
		if _, err := s.w.Write(b); err != nil {
			return spillErr(err)
		}
	}
	n := int64(len(s.run))
	s.runs = append(s.runs, span{s.off, n})
	s.off += n * int64(s.c.size)
	s.run = s.run[:0]
	return nil
}

// each calls fn with every value added, in cmp's order. The sorter is
// spent afterwards.
func (s *sorter[T]) each(fn func(T) error) error {
	if len(s.runs) == 0 {
		s.sortRun()
		for _, v := range s.run {
			if err := fn(v); err != nil {
				return err
			}
		}
		return nil
	}
	if len(s.run) > 0 {
		if err := s.flushRun(); err != nil {
			return err
		}
	}
	s.run = nil // the merge needs its memory more
	if err := s.w.Flush(); err != nil {
		return spillErr(err)
	}
	for len(s.runs) > fanIn {
		if err := s.cascade(); err != nil {
			return err
		}
	}
	return s.merge(s.file, s.runs, fn)
}

// cascade merges the runs fanIn at a time into a new file.
func (s *sorter[T]) cascade() error {
	next, err := createSpill()
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(next.f, 1<<16)
	b := make([]byte, s.c.size)
	var runs []span
	var off int64
	for i := 0; i < len(s.runs); i += fanIn {
		group := s.runs[i:min(i+fanIn, len(s.runs))]
		var n int64
		err := s.merge(s.file, group, func(v T) error {
			s.c.put(b, v)
			n++
			_, err := w.Write(b)
			return err
		})
		if err != nil {
			next.close()
			return spillErr(err)
		}
		runs = append(runs, span{off, n})
		off += n * int64(s.c.size)
	}
	if err := w.Flush(); err != nil {
		next.close()
		return spillErr(err)
	}
	s.file.close()
	s.file, s.runs = next, runs
	return nil
}

// merge calls fn with the values of runs of f in order: a binary heap of
// one reader per run.
func (s *sorter[T]) merge(f *spillFile, runs []span, fn func(T) error) error {
	type head struct {
		v    T
		left int64
		r    *bufio.Reader
	}
	b := make([]byte, s.c.size)
	read := func(h *head) error {
		if _, err := io.ReadFull(h.r, b); err != nil {
			return spillErr(err)
		}
		h.v = s.c.get(b)
		h.left--
		return nil
	}
	heap := make([]*head, 0, len(runs))
	for _, sp := range runs {
		if sp.n == 0 {
			continue
		}
		h := &head{left: sp.n, r: bufio.NewReaderSize(io.NewSectionReader(f.f, sp.off, sp.n*int64(s.c.size)), 1<<16)}
		if err := read(h); err != nil {
			return err
		}
		heap = append(heap, h)
	}
	less := func(i, j int) bool { return s.cmp(heap[i].v, heap[j].v) < 0 }
	down := func(i int) {
		for {
			m, l, r := i, 2*i+1, 2*i+2
			if l < len(heap) && less(l, m) {
				m = l
			}
			if r < len(heap) && less(r, m) {
				m = r
			}
			if m == i {
				return
			}
			heap[i], heap[m] = heap[m], heap[i]
			i = m
		}
	}
	for i := len(heap)/2 - 1; i >= 0; i-- {
		down(i)
	}
	for len(heap) > 0 {
		h := heap[0]
		if err := fn(h.v); err != nil {
			return err
		}
		if h.left == 0 {
			heap[0] = heap[len(heap)-1]
			heap = heap[:len(heap)-1]
		} else if err := read(h); err != nil {
			return err
		}
		down(0)
	}
	return nil
}

func (s *sorter[T]) close() {
	s.file.close()
	s.file, s.run = nil, nil
}
