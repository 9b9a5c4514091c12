package report

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/internal/interval"
	"github.com/go-itsm/itsm/sla"
)

// The binary form of an Accumulator: a magic string and version, then
// everything in a fixed order, integers as varints (counts and indexes
// unsigned, values signed, sorted samples as differences), strings and
// the spec's JSON length-prefixed. Maps are written sorted, so an
// accumulator encodes to the same bytes whatever the history of its maps.
const binaryMagic = "itsm.report.Accumulator\x02"

// MarshalBinary implements encoding.BinaryMarshaler: it encodes all the
// accumulator holds — its spec (as JSON: the location must be an IANA
// zone, as Spec.MarshalJSON requires), the names of its custom keys and
// what it aggregated — so that shards aggregated in other processes (the
// workers of a map-reduce engine) can be sent to one place and merged.
// Like Report, it sorts the duration samples in place and changes nothing
// else. The size is about that of the accumulator's memory, less for the
// samples (sorted, written as differences).
func (a *Accumulator) MarshalBinary() ([]byte, error) {
	var e encoder
	if err := a.encode(&e); err != nil {
		return nil, err
	}
	return e.b, nil
}

// encode writes a into e (MarshalBinary's work): the header (magic,
// spec, custom keys), then each section of the state in the order decode
// reads them; e.marks, when not nil, collects where each part of the
// encoding starts, for the corruption test.
func (a *Accumulator) encode(e *encoder) error {
	if err := a.ready(); err != nil {
		return err
	}
	spec, err := json.Marshal(a.spec)
	if err != nil {
		return err
	}
	e.mark("magic")
	e.b = append(e.b, binaryMagic...)
	e.mark("spec")
	e.bytes(spec)
	e.mark("custom keys")
	e.strings(a.custom)
	var scratch []int64 // the sorting space of every list of samples
	a.encodeStrings(e)
	a.encodeSLAKeys(e)
	a.encodeGroupings(e)
	a.encodeCells(e, &scratch)
	a.encodeBreaches(e)
	a.encodeBreachGroups(e)
	a.encodeOutages(e)
	a.encodeRecurrence(e)
	a.encodeOverview(e)
	a.encodeTrends(e, &scratch)
	return nil
}

// UnmarshalBinary implements encoding.BinaryUnmarshaler: it replaces all
// a holds with what MarshalBinary encoded, so that a.Merge(b) after
// b.UnmarshalBinary(data) merges a shard encoded elsewhere exactly. a is
// either the zero Accumulator, for a spec without custom keys (the spec
// travels; key functions cannot), or one that NewAccumulator built with
// the same spec and the same custom keys. It fails with ErrIncompatible
// for another spec or other keys, with ErrInvalidEncoding for data that
// MarshalBinary did not write (truncated, corrupted, inconsistent), and
// then leaves a unchanged.
func (a *Accumulator) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if !bytes.HasPrefix(data, []byte(binaryMagic)) {
		return d.fail("not an encoded accumulator (or another version)")
	}
	d.b = d.b[len(binaryMagic):]
	var spec Spec
	if err := json.Unmarshal(d.bytes(), &spec); err != nil || d.err != nil {
		if d.err == nil {
			return d.fail("the spec does not decode: " + strings.TrimPrefix(err.Error(), "report: "))
		}
		return d.err
	}
	custom := d.strings()
	if d.err != nil {
		return d.err
	}
	var n *Accumulator
	if a.ready() != nil { // the zero Accumulator
		if len(custom) > 0 {
			return &FieldError{Path: "accumulator", Value: strings.Join(custom, ","),
				Reason: "custom keys cannot be encoded: decode into an accumulator built with the same WithKey options", Err: ErrIncompatible}
		}
		var err error
		if n, err = NewAccumulator(spec); err != nil {
			return d.fail(specReason(err))
		}
	} else {
		keys := map[string]func(Record) string{}
		for _, k := range custom {
			keys[k] = nil
		}
		v, err := spec.validated(keys, a.services)
		if err != nil {
			return d.fail(specReason(err))
		}
		if !sameSpec(&a.spec, &v) || !slices.Equal(a.custom, custom) {
			return &FieldError{Path: "accumulator", Reason: "the encoded accumulator has another spec or other keys", Err: ErrIncompatible}
		}
		n = a.emptyCopy()
	}
	if err := n.decode(&d); err != nil {
		return err
	}
	*a = *n
	return nil
}

// specReason says why an encoded spec does not validate.
func specReason(err error) string {
	if fe, ok := err.(*FieldError); ok {
		return "spec " + fe.Path + ": " + fe.Reason
	}
	return "invalid spec"
}

// emptyCopy returns an accumulator of a's spec and keys that holds
// nothing.
func (a *Accumulator) emptyCopy() *Accumulator {
	n := &Accumulator{spec: a.spec, names: a.names, custom: a.custom, services: a.services, spans: a.spans, bounds: a.bounds, from: a.from, to: a.to, asOf: a.asOf,
		cal: a.cal, business: a.business, calNames: a.calNames, calDef: a.calDef, calSeen: slices.Clone(a.calSeen), calJSON: a.calJSON, cells: map[comboKey]*cell{}, slaIndex: map[slaKey]int{}, breachGroups: map[breachGroupKey]int64{},
		outages: map[string][]interval.Interval{}, needs: a.needs, has: a.has}
	n.initOverview()
	n.groupings = make([]grouping, len(a.groupings))
	for i, g := range a.groupings {
		n.groupings[i] = grouping{field: g.field, key: g.key}
		if g.field < 0 {
			n.groupings[i].index = map[string]int32{}
		}
	}
	return n
}

// decode reads the state after the spec and keys into the empty a: each
// section in the order encode writes them, then nothing more. Its error
// is the decoder's first.
func (a *Accumulator) decode(d *decoder) error {
	nstr, err := a.decodeStrings(d)
	if err != nil {
		return err
	}
	nsla, err := a.decodeSLAKeys(d)
	if err != nil {
		return err
	}
	if err := a.decodeGroupings(d, nsla); err != nil {
		return err
	}
	if err := a.decodeCells(d); err != nil {
		return err
	}
	if err := a.decodeBreaches(d); err != nil {
		return err
	}
	a.decodeBreachGroups(d)
	if err := a.decodeOutages(d); err != nil {
		return err
	}
	if err := a.decodeRecurrence(d, nstr); err != nil {
		return err
	}
	if err := a.decodeOverview(d, nstr); err != nil {
		return err
	}
	a.decodeTrends(d)
	if d.err == nil && len(d.b) > 0 {
		return d.fail("trailing bytes")
	}
	return d.err
}

// The sections of the state, each writer next to its reader. A reader
// returns an error where it cannot go on (its decoder's first error); one
// that can reads zeros after an error, which sticks.

// encodeStrings writes the interned strings and which of them were seen.
func (a *Accumulator) encodeStrings(e *encoder) {
	e.mark("strings")
	e.strings(a.strs.names)
	e.mark("seen")
	e.uint(uint64(len(a.seen)))
	for _, s := range a.seen {
		e.bool(s)
	}
}

// decodeStrings reads what encodeStrings wrote and returns the number of
// strings: the limit of the string indexes of the later sections, which
// may intern more.
func (a *Accumulator) decodeStrings(d *decoder) (int, error) {
	for i, s := range d.strings() {
		if a.strs.id(s) != uint32(i) {
			return 0, d.fail("a string is interned twice")
		}
	}
	nstr := len(a.strs.names)
	a.seen = make([]bool, d.count(1))
	if len(a.seen) > nstr {
		return 0, d.fail("seen")
	}
	for i := range a.seen {
		a.seen[i] = d.bool()
	}
	return nstr, nil
}

// encodeSLAKeys writes the SLA keys in the order of their indexes.
func (a *Accumulator) encodeSLAKeys(e *encoder) {
	e.mark("sla keys")
	e.uint(uint64(len(a.slaKeys)))
	for _, k := range a.slaKeys {
		e.uint(uint64(k.kind))
		e.string(k.policy)
		e.string(string(k.metric))
	}
}

// decodeSLAKeys reads what encodeSLAKeys wrote and returns the number of
// keys.
func (a *Accumulator) decodeSLAKeys(d *decoder) (int, error) {
	nsla := d.count(3)
	for i := 0; i < nsla; i++ {
		k := slaKey{kind: sla.Kind(d.small(uint64(sla.OLA))), policy: d.string(), metric: sla.Metric(d.string())}
		if d.err == nil && a.slaID(k) != i {
			return 0, d.fail("an SLA key is listed twice")
		}
	}
	return nsla, nil
}

// encodeGroupings writes each grouping's values and their statistics.
func (a *Accumulator) encodeGroupings(e *encoder) {
	for g := range a.groupings {
		gr := &a.groupings[g]
		e.mark("grouping values")
		e.strings(gr.values)
		for _, gs := range gr.stats {
			e.groupStats(gs)
		}
	}
}

// decodeGroupings reads what encodeGroupings wrote; nsla is the number
// of SLA keys.
func (a *Accumulator) decodeGroupings(d *decoder, nsla int) error {
	for g := range a.groupings {
		gr := &a.groupings[g]
		values := d.strings()
		if g == 0 && (len(values) > 1 || (len(values) == 1 && values[0] != KeyAll)) {
			return d.fail(`the grouping "all" has one group, "all"`)
		}
		for _, v := range values {
			id := len(gr.values)
			if int(a.groupID(gr, v, nil)) != id {
				return d.fail("a group is listed twice")
			}
			if err := d.groupStats(gr.stats[id], nsla, len(a.calNames)); err != nil {
				return err
			}
		}
	}
	return nil
}

// encodeCells writes the cells (the duration samples of each combination
// of groups) sorted by their combination.
func (a *Accumulator) encodeCells(e *encoder, scratch *[]int64) {
	cells := slices.SortedFunc(maps.Values(a.cells), func(x, y *cell) int { return slices.Compare(x.combo[:], y.combo[:]) })
	e.mark("cells")
	e.uint(uint64(len(cells)))
	for _, c := range cells {
		for g := 1; g < len(a.groupings); g++ {
			e.uint(uint64(c.combo[g-1]))
		}
		for i := range c.samples {
			e.mark("cell samples")
			e.samples(&c.samples[i], scratch)
		}
	}
}

// decodeCells reads what encodeCells wrote.
func (a *Accumulator) decodeCells(d *decoder) error {
	ncells := d.count(nDur)
	for i := 0; i < ncells; i++ {
		var combo comboKey
		for g := 1; g < len(a.groupings); g++ {
			combo[g-1] = int32(d.index(len(a.groupings[g].values)))
		}
		if d.err != nil {
			return d.err
		}
		if a.cells[combo] != nil {
			return d.fail("a cell is listed twice")
		}
		c := &cell{combo: combo}
		a.cells[combo] = c
		for k := range c.samples {
			d.samples(&c.samples[k])
		}
	}
	return nil
}

// encodeBreaches writes the count of breaches and the listed ones, in
// the breach list's order.
func (a *Accumulator) encodeBreaches(e *encoder) {
	e.mark("breach count")
	e.int(a.breachCount)
	breaches := slices.Clone(a.breaches)
	slices.SortFunc(breaches, func(x, y Breach) int {
		if breachBefore(&x, &y) {
			return -1
		}
		if breachBefore(&y, &x) {
			return 1
		}
		return 0
	})
	e.mark("breaches")
	e.uint(uint64(len(breaches)))
	for i := range breaches {
		b := &breaches[i]
		e.string(b.Incident)
		e.uint(uint64(b.Priority))
		e.string(b.Service)
		e.string(b.Policy)
		e.uint(uint64(b.Kind))
		e.string(string(b.Metric))
		e.int(int64(b.Cycle))
		e.int(b.BreachedAt.UnixNano())
		e.int(int64(b.Goal))
		e.int(int64(b.Overrun))
		e.string(b.Group)
		e.string(b.Customer)
		e.uint(uint64(len(b.Timeline)))
		for _, s := range b.Timeline {
			e.int(s.At.UnixNano())
			e.string(s.What)
			e.int(int64(s.Accrued))
		}
	}
}

// decodeBreaches reads what encodeBreaches wrote and offers each breach
// to the list again.
func (a *Accumulator) decodeBreaches(d *decoder) error {
	a.breachCount = d.int()
	for i, nb := 0, d.count(11); i < nb; i++ {
		b := Breach{Incident: d.string(), Priority: incident.Priority(d.small(math.MaxUint8)), Service: d.string(), Policy: d.string(),
			Kind: sla.Kind(d.small(uint64(sla.OLA))), Metric: sla.Metric(d.string()), Cycle: int(d.int()),
			BreachedAt: time.Unix(0, d.int()).UTC(), Goal: time.Duration(d.int()), Overrun: time.Duration(d.int()), Group: d.string(),
			Customer: d.string()}
		if ns := d.count(3); ns > 0 {
			b.Timeline = make([]Moment, ns)
			for k := range b.Timeline {
				b.Timeline[k] = Moment{At: time.Unix(0, d.int()).UTC(), What: d.string(), Accrued: time.Duration(d.int())}
			}
		}
		if d.err != nil {
			return d.err
		}
		a.offerBreach(b)
	}
	return nil
}

// encodeBreachGroups writes the breach counts per group at breach, kind
// and metric, sorted by their key.
func (a *Accumulator) encodeBreachGroups(e *encoder) {
	groups := slices.SortedFunc(maps.Keys(a.breachGroups), func(x, y breachGroupKey) int {
		return cmp.Or(strings.Compare(x.group, y.group), cmp.Compare(x.kind, y.kind), strings.Compare(string(x.metric), string(y.metric)))
	})
	e.mark("breach groups")
	e.uint(uint64(len(groups)))
	for _, k := range groups {
		e.string(k.group)
		e.uint(uint64(k.kind))
		e.string(string(k.metric))
		e.int(a.breachGroups[k])
	}
}

// decodeBreachGroups reads what encodeBreachGroups wrote.
func (a *Accumulator) decodeBreachGroups(d *decoder) {
	for i, ng := 0, d.count(4); i < ng; i++ {
		k := breachGroupKey{group: d.string(), kind: sla.Kind(d.small(uint64(sla.OLA))), metric: sla.Metric(d.string())}
		a.breachGroups[k] += d.int()
	}
}

// encodeOutages writes each service's outages, the services sorted.
func (a *Accumulator) encodeOutages(e *encoder) {
	services := slices.Sorted(maps.Keys(a.outages))
	e.mark("outages")
	e.uint(uint64(len(services)))
	for _, s := range services {
		e.string(s)
		e.uint(uint64(len(a.outages[s])))
		for _, iv := range a.outages[s] {
			e.int(iv.Start)
			e.int(iv.End)
		}
	}
}

// decodeOutages reads what encodeOutages wrote.
func (a *Accumulator) decodeOutages(d *decoder) error {
	for i, ns := 0, d.count(2); i < ns; i++ {
		s := d.string()
		for j, no := 0, d.count(2); j < no; j++ {
			start, end := d.int(), d.int()
			if d.err == nil && start >= end {
				return d.fail("an outage ends before it starts")
			}
			a.outage(s, start, end)
		}
	}
	return nil
}

// encodeRecurrence writes the recurrence log: per incident opened in the
// period its opening, its ID (its length plus one; 0 for none) and its
// service, configuration item and category as string indexes.
func (a *Accumulator) encodeRecurrence(e *encoder) {
	rc := &a.recur
	e.mark("recurrence log")
	e.uint(uint64(rc.log.n))
	for i := 0; i < rc.log.n; i++ {
		en := rc.log.at(i)
		e.int(en.at)
		if en.id == noID {
			e.uint(0)
		} else {
			id := rc.ids.get(en.id)
			e.uint(uint64(len(id)) + 1)
			e.b = append(e.b, id...)
		}
		e.uint(uint64(en.service))
		e.uint(uint64(en.ci))
		e.uint(uint64(en.category))
	}
}

// decodeRecurrence reads what encodeRecurrence wrote; nstr is the number
// of strings the indexes may refer to.
func (a *Accumulator) decodeRecurrence(d *decoder, nstr int) error {
	for i, ne := 0, d.count(5); i < ne; i++ {
		at := d.int()
		id := uint32(noID)
		if n := d.small(MaxIDLength + 1); n > 0 {
			id = a.recur.ids.storeBytes(d.next(int(n - 1)))
		}
		service, ci, category := d.index(nstr), d.index(nstr), d.index(nstr)
		if d.err != nil {
			return d.err
		}
		a.recur.log.append(recurEntry{at, id, uint32(service), uint32(ci), uint32(category)})
	}
	return nil
}

// encodeOverview writes the arrivals by weekday and hour and the volumes
// of the top lists.
func (a *Accumulator) encodeOverview(e *encoder) {
	e.mark("arrivals")
	for d := range a.arrivals {
		for h := range a.arrivals[d] {
			e.int(a.arrivals[d][h])
		}
	}
	e.mark("volumes")
	e.uint(uint64(len(a.volumes)))
	for _, v := range a.volumes {
		e.int(v.svcOpened)
		e.int(v.svcBreached)
		e.int(v.catOpened)
		e.int(v.catBreached)
	}
}

// decodeOverview reads what encodeOverview wrote; there is at most one
// volume per string of the nstr.
func (a *Accumulator) decodeOverview(d *decoder, nstr int) error {
	for w := range a.arrivals {
		for h := range a.arrivals[w] {
			a.arrivals[w][h] = d.int()
		}
	}
	nv := d.count(4)
	if nv > nstr {
		return d.fail("more volumes than strings")
	}
	a.volumes = make([]volume, nv)
	for i := range a.volumes {
		a.volumes[i] = volume{d.int(), d.int(), d.int(), d.int()}
	}
	return nil
}

// encodeTrends writes the samples of the dashboard's trends.
func (a *Accumulator) encodeTrends(e *encoder, scratch *[]int64) {
	e.mark("trends")
	for k := range a.trend {
		for b := range a.trend[k] {
			e.samples(&a.trend[k][b], scratch)
		}
	}
}

// decodeTrends reads what encodeTrends wrote.
func (a *Accumulator) decodeTrends(d *decoder) {
	for k := range a.trend {
		for b := range a.trend[k] {
			d.samples(&a.trend[k][b])
		}
	}
}

type encoder struct {
	b     []byte
	marks *[]binaryMark // nil but in tests
}

// binaryMark is where a part of the encoding starts.
type binaryMark struct {
	name string
	at   int
}

func (e *encoder) mark(name string) {
	if e.marks != nil {
		*e.marks = append(*e.marks, binaryMark{name, len(e.b)})
	}
}

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) bytes(b []byte) {
	e.uint(uint64(len(b)))
	e.b = append(e.b, b...)
}

func (e *encoder) string(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// samples writes s sorted: its count, its first value and the
// differences.
func (e *encoder) samples(s *samples, scratch *[]int64) {
	s.sortAll(scratch)
	e.uint(uint64(s.n))
	prev := int64(0)
	for k, ch := range s.chunks {
		for j, v := range ch {
			if k == 0 && j == 0 {
				e.int(v)
			} else {
				e.uint(uint64(v - prev)) // sorted: never negative, even across the int64 range
			}
			prev = v
		}
	}
}

// samples reads what encoder.samples wrote into s.
func (d *decoder) samples(s *samples) {
	m := d.count(1)
	v := int64(0)
	for j := 0; j < m; j++ {
		if j == 0 {
			v = d.int()
		} else {
			v += int64(d.uint())
		}
		s.add(v)
	}
}

func (e *encoder) strings(list []string) {
	e.uint(uint64(len(list)))
	for _, s := range list {
		e.string(s)
	}
}

// groupStats writes the touched buckets (index, counters), the backlog
// difference array and the aging classes.
func (e *encoder) groupStats(gs *groupStats) {
	n := 0
	for _, bs := range gs.buckets {
		if bs != nil {
			n++
		}
	}
	e.mark("group buckets")
	e.uint(uint64(n))
	for i, bs := range gs.buckets {
		if bs == nil {
			continue
		}
		e.mark("group bucket")
		e.uint(uint64(i))
		for _, v := range [...]int64{bs.opened, bs.resolved, bs.closed, bs.cancelled, bs.reopened,
			bs.reopenedLater, bs.reassigned, bs.reassignments, bs.escalated, bs.firstContact, bs.firstGroup} {
			e.int(v)
		}
		e.mark("bucket durations")
		for _, s := range bs.dur {
			e.int(s.n)
			e.uint(s.hi)
			e.uint(s.lo)
		}
		e.mark("bucket sla")
		e.uint(uint64(len(bs.sla)))
		for _, c := range bs.sla {
			e.int(c[0])
			e.int(c[1])
			e.int(c[2])
		}
	}
	e.mark("group backlog")
	for _, v := range gs.backlog {
		e.int(v)
	}
	e.mark("group aging")
	for i := 0; i < 5; i++ {
		e.int(*gs.aging.class(i))
	}
	e.uint(gs.calendars)
}

// decoder reads what encoder wrote. Its first error sticks: later reads
// return zero values, so a decoding function checks once, at its end.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(reason string) error {
	if d.err == nil {
		d.err = &FieldError{Path: "accumulator", Reason: reason, Err: ErrInvalidEncoding}
	}
	return d.err
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("truncated or overlong integer")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("truncated or overlong integer")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// small reads an unsigned integer that must be at most limit.
func (d *decoder) small(limit uint64) uint64 {
	v := d.uint()
	if v > limit {
		d.fail("a number or index out of range")
		return 0
	}
	return v
}

// index reads an index into a list of n.
func (d *decoder) index(n int) int {
	v := d.uint()
	if v >= uint64(n) {
		d.fail("an index out of range")
		return 0
	}
	return int(v)
}

// count reads a number of elements that take at least size bytes each,
// so that a corrupt count cannot make the decoder allocate more than the
// data could hold.
func (d *decoder) count(size int) int {
	v := d.uint()
	if v > uint64(len(d.b)/size) {
		d.fail("a count larger than the data")
		return 0
	}
	return int(v)
}

func (d *decoder) bool() bool {
	switch d.small(1) {
	case 1:
		return true
	}
	return false
}

// next returns the next n bytes (not copied).
func (d *decoder) next(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b) {
		d.fail("truncated")
		return nil
	}
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) bytes() []byte { return d.next(d.count(1)) }

func (d *decoder) string() string { return string(d.bytes()) }

func (d *decoder) strings() []string {
	out := make([]string, d.count(1))
	for i := range out {
		out[i] = d.string()
	}
	return out
}

// groupStats reads what encoder.groupStats wrote into the empty gs;
// nsla is the number of SLA keys.
func (d *decoder) groupStats(gs *groupStats, nsla, ncal int) error {
	last := -1
	for i, n := 0, d.count(1+11+3*nDur+1); i < n; i++ {
		b := d.index(len(gs.buckets))
		if d.err == nil && b <= last {
			return d.fail("buckets out of order")
		}
		last = b
		bs := &bucketStats{}
		for _, p := range [...]*int64{&bs.opened, &bs.resolved, &bs.closed, &bs.cancelled, &bs.reopened,
			&bs.reopenedLater, &bs.reassigned, &bs.reassignments, &bs.escalated, &bs.firstContact, &bs.firstGroup} {
			*p = d.int()
		}
		for k := range bs.dur {
			bs.dur[k] = sum{n: d.int(), hi: d.uint(), lo: d.uint()}
		}
		if m := d.count(3); m > nsla {
			return d.fail("more SLA counts than keys")
		} else if m > 0 {
			bs.sla = make([][3]int64, m)
			for k := range bs.sla {
				bs.sla[k] = [3]int64{d.int(), d.int(), d.int()}
			}
		}
		if d.err != nil {
			return d.err
		}
		gs.buckets[b] = bs
	}
	for i := range gs.backlog {
		gs.backlog[i] = d.int()
	}
	for i := 0; i < 5; i++ {
		*gs.aging.class(i) = d.int()
	}
	gs.calendars = d.uint()
	if d.err == nil && gs.calendars>>ncal != 0 {
		return d.fail("a group names an unknown calendar")
	}
	return d.err
}
