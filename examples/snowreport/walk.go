package main

import (
	"cmp"
	"encoding/binary"
	"slices"
)

// step is one applied row as the transition matrix needs it: its incident,
// its place in the incident's order, its line, its state, and its group and
// assignee as interned ids. No strings; 25 bytes in a spill file.
type step struct {
	key   int64
	rec   int32
	line  uint32
	group uint32
	who   uint32
	node  node
}

// stepOrder is the order of the walk: by incident, then rowKey, then file
// order (the line).
func stepOrder(a, b step) int {
	switch {
	case a.rec != b.rec:
		return cmp.Compare(a.rec, b.rec)
	case a.key != b.key:
		return cmp.Compare(a.key, b.key)
	}
	return cmp.Compare(a.line, b.line)
}

// stepSorter returns a function that sorts a run of steps of n incidents
// in stepOrder: a counting sort by incident (stable, so each incident's
// steps stay in file order), then each incident's steps by key, by
// insertion while they are few.
func stepSorter(n int) func([]step) {
	var tmp []step
	end := make([]int32, n+1)
	return func(run []step) {
		if cap(tmp) < cap(run) {
			tmp = make([]step, cap(run))
		}
		tmp = tmp[:len(run)]
		clear(end)
		for _, s := range run {
			end[s.rec+1]++
		}
		for i := 1; i < len(end); i++ {
			end[i] += end[i-1]
		}
		for _, s := range run { // end[r] is where incident r's next step goes
			tmp[end[s.rec]] = s
			end[s.rec]++
		}
		copy(run, tmp)
		for i := 0; i < len(run); {
			j := int(end[run[i].rec])
			if g := run[i:j]; len(g) > 16 {
				slices.SortStableFunc(g, stepOrder)
			} else {
				for a := 1; a < len(g); a++ {
					for b := a; b > 0 && stepOrder(g[b], g[b-1]) < 0; b-- {
						g[b], g[b-1] = g[b-1], g[b]
					}
				}
			}
			i = j
		}
	}
}

// walkState is where the walk of one incident's rows stands: whether a
// row was walked, the last known state, and the last row's group and
// assignee.
type walkState struct {
	group, who uint32
	prev       node
	started    bool
}

// tally is what the walk over every incident's rows adds up: the
// transition matrix, the observed changes, and the moves the checked
// lifecycle lacks (by from and to; assignment changes apart).
type tally struct {
	matrix       [nodeCount][nodeCount]int
	lacks        [nodeCount][nodeCount]int
	assignLacks  int
	groupChanges int
	reopenMoves  int
	assignAfter  int
}

// add adds o to t, times sign (1 or -1).
func (t *tally) add(o *tally, sign int) {
	for i := range t.matrix {
		for j := range t.matrix[i] {
			t.matrix[i][j] += sign * o.matrix[i][j]
			t.lacks[i][j] += sign * o.lacks[i][j]
		}
	}
	t.assignLacks += sign * o.assignLacks
	t.groupChanges += sign * o.groupChanges
	t.reopenMoves += sign * o.reopenMoves
	t.assignAfter += sign * o.assignAfter
}

// finding is a move the checked lifecycle lacks, for the -issues listing.
type finding struct {
	line     uint32
	rec      int32
	from, to node
	flags    uint8
}

const (
	findingAssignment = 1 << iota // an assignment change, not a move
	findingExact                  // found by the walk of sorted steps, after the read
)

// findingOrder is the listing's order: by line; on one line the
// assignment change before the move, as the walk finds them.
func findingOrder(a, b finding) int {
	if c := cmp.Compare(a.line, b.line); c != 0 {
		return c
	}
	return cmp.Compare(b.flags&findingAssignment, a.flags&findingAssignment)
}

var findingCodec = codec[finding]{
	size: 11,
	put: func(b []byte, f finding) {
		binary.LittleEndian.PutUint32(b, f.line)
		binary.LittleEndian.PutUint32(b[4:], uint32(f.rec))
		b[8], b[9], b[10] = byte(f.from), byte(f.to), f.flags
	},
	get: func(b []byte) finding {
		return finding{line: binary.LittleEndian.Uint32(b), rec: int32(binary.LittleEndian.Uint32(b[4:])),
			from: node(b[8]), to: node(b[9]), flags: b[10]}
	},
}

// walk takes the next row s of an incident (rows come in stepOrder) from
// where w stands: it counts the move and the changes in t, and passes each
// finding to emit when emit is not nil.
func (t *tally) walk(w *walkState, s step, check *moveCheck, emit func(finding) error) error {
	if w.started && (s.group != w.group || s.who != w.who) && w.prev.resolved() && s.node.resolved() {
		t.assignAfter++
		if check.assignAfterResolution {
			t.assignLacks++
			if emit != nil {
				if err := emit(finding{line: s.line, rec: s.rec, from: w.prev, to: s.node, flags: findingAssignment}); err != nil {
					return err
				}
			}
		}
	}
	if w.started && s.group != w.group && s.group != 0 && w.group != 0 {
		t.groupChanges++
	}
	w.group, w.who, w.started = s.group, s.who, true
	if s.node == nodeUnknown {
		return nil
	}
	if w.prev != nodeUnknown && s.node != w.prev {
		t.matrix[w.prev][s.node]++
		if w.prev.resolved() && s.node.open() {
			t.reopenMoves++
		}
		if check.lacks[w.prev][s.node] {
			t.lacks[w.prev][s.node]++
			if emit != nil {
				if err := emit(finding{line: s.line, rec: s.rec, from: w.prev, to: s.node}); err != nil {
					return err
				}
			}
		}
	}
	w.prev = s.node
	return nil
}

// feed walks a row as it is read, while its incident's rows have come in
// order (rowKey never decreasing; equal keys keep file order, as the sort
// would). The first row that comes earlier than one already walked sets
// rec.cut to its line and ends the walk of the incident during the read:
// resort then walks all its rows again in order, and takes back what
// the walk had counted from the rows before the cut.
func (p *pass) feed(rec *record, s step) error {
	if rec.cut != 0 {
		return nil
	}
	if rec.walk.started && s.key < rec.last {
		rec.cut = s.line
		p.outOfOrder++
		return nil
	}
	rec.last = s.key
	return p.tally.walk(&rec.walk, s, &p.check, p.emit)
}

// emit keeps a finding for the listing, when there is one.
func (p *pass) emit(f finding) error {
	if p.quality.list == nil {
		return nil
	}
	if p.findings == nil {
		p.findings = &sorter[finding]{c: findingCodec, cmp: findingOrder}
	}
	return p.findings.add(f)
}

// resort walks, in order, the rows of every incident whose rows were read
// out of order: their steps, read back from the log, are sorted on disk.
// The walk of each incident is counted, and the walk of its rows before
// the cut (in file order, which was their sorted order too: that is what
// feed walked) is taken back.
func (p *pass) resort() error {
	if p.outOfOrder == 0 {
		return nil
	}
	s := &sorter[step]{c: stepCodec, cmp: stepOrder, sort: stepSorter(p.nrecords)}
	defer s.close()
	err := p.log.each(func(st step) error {
		if p.record(st.rec).cut != 0 {
			return s.add(st)
		}
		return nil
	})
	if err != nil {
		return err
	}
	p.log.close()
	var exact, before tally
	var w, wb walkState
	cur := int32(-1)
	var cut uint32
	emit := func(f finding) error {
		f.flags |= findingExact
		return p.emit(f)
	}
	err = s.each(func(st step) error {
		if st.rec != cur {
			cur, cut = st.rec, p.record(st.rec).cut
			w, wb = walkState{}, walkState{}
		}
		if st.line < cut {
			before.walk(&wb, st, &p.check, nil)
		}
		return exact.walk(&w, st, &p.check, emit)
	})
	if err != nil {
		return err
	}
	p.tally.add(&exact, 1)
	p.tally.add(&before, -1)
	return nil
}

// close removes the pass's temporary files.
func (p *pass) close() {
	p.log.close()
	if p.findings != nil {
		p.findings.close()
	}
}
