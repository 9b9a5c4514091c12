package report

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/internal/interval"
	"github.com/go-itsm/itsm/sla"
)

// An Option configures NewAccumulator.
type Option interface{ apply(*options) error }

type options struct {
	keys     map[string]func(Record) string
	services []string
}

type optionFunc func(*options) error

func (f optionFunc) apply(o *options) error { return f(o) }

// WithKey registers a grouping key for Spec.GroupBy: name (not a built-in
// key, not "all") and a pure function giving a record's group. Shards to
// be merged must register the same names; the functions are the host's
// to keep identical.
func WithKey(name string, key func(Record) string) Option {
	return optionFunc(func(o *options) error {
		if name == "" || name == KeyAll || slices.Contains(builtinKeys, name) {
			return specError("key", name, "a custom key needs a name that is not built in")
		}
		if key == nil {
			return specError("key", name, "nil key function")
		}
		o.keys[name] = key
		return nil
	})
}

// WithServices declares the services a spec and its outages may name
// (the host's service catalogue), so that a misspelt service in
// AvailabilitySpec.Services, in a maintenance window or in AddOutage is
// an error listing the known ones, not an availability of its own.
// Without it any name is accepted. Records are not checked: an incident
// may name a service the catalogue has since dropped.
func WithServices(names ...string) Option {
	return optionFunc(func(o *options) error {
		for i, n := range names {
			if n == "" {
				return specError("services["+strconv.Itoa(i)+"]", "", "a service needs a name")
			}
		}
		o.services = append(slices.Clip(o.services), names...)
		slices.Sort(o.services)
		o.services = slices.Compact(o.services)
		return nil
	})
}

// Accumulator aggregates Records into a Report. It takes records one at a
// time (streaming: its memory grows with the number of distinct groups,
// buckets and SLA metrics, not with the records, except for what the
// quantiles, recurring incidents and outages need: eight bytes per
// duration sample, 26 bytes and the ID per incident opened in the
// period, and the major incidents' intervals), and merges exactly with
// another accumulator of the same spec, so shards can be aggregated
// separately and combined in any order: the Report is a function of the
// multiset of records added, whatever the order or the split. Shards of
// other processes travel as MarshalBinary's bytes and come back with
// UnmarshalBinary; custom key functions do not travel, so the receiving
// side registers the same WithKey options.
//
// An Accumulator is not safe for concurrent use; give each goroutine its
// own and Merge them. The zero Accumulator has no spec: its Add, AddOutage,
// Merge and MarshalBinary fail with ErrInvalidSpec and its Report is
// empty; NewAccumulator is the way in, or UnmarshalBinary, which brings
// the spec along.
type Accumulator struct {
	spec       Spec
	names      []string // grouping names; 0 is "all"
	custom     []string // sorted custom key names, for Merge
	services   []string // WithServices; nil for any
	spans      []Span
	bounds     []int64 // bucket boundaries in Unix nanoseconds, len(spans)+1
	from, to   int64
	asOf       int64              // Spec.AsOf
	cal        *calendar.Calendar // Spec.Calendar, when durations are measured
	business   bool               // business hours are measured
	calNames   []string           // calendar names by id: Spec.Calendars' sorted, "default", "unnamed"
	calDef     int                // the id of Spec.Calendar
	calSeen    []calAlias         // calendars met, by identity
	calJSON    [][]byte           // JSON definitions of the named calendars, by id
	calDefJSON []byte             // the JSON definition of Spec.Calendar, nil if none

	groupings []grouping
	cells     map[comboKey]*cell

	slaKeys  []slaKey
	slaIndex map[slaKey]int

	breachCount  int64
	breaches     []Breach // a heap: the breach to evict first at the root
	breachGroups map[breachGroupKey]int64

	outages map[string][]interval.Interval

	// strs interns the record fields the spec needs (needs); seen marks
	// the services of records that touch the period, for availability.
	strs  intern
	needs [nFields]bool
	seen  []bool

	recur recurrence

	arrivals [7][24]int64 // openings by weekday (Monday first) and hour
	// the report zone's offset (seconds) over [zoneFrom, zoneTo) in Unix
	// seconds, for arrivals
	zoneOffset, zoneFrom, zoneTo int64
	volumes                      []volume          // by interned service or category
	trend                        [nTrend][]samples // MTTA and MTTR per bucket of "all" (nil without buckets)

	has      [FamilyRecurring + 1]bool // the spec's families
	fx       facts                     // scratch of Add
	rec      Record                    // the record being added
	lastSpan int                       // the bucket found last: a record's instants tend to share it
}

// The names of calendars that Spec.Calendars does not name.
const (
	defaultCalendar = "default"
	unnamedCalendar = "unnamed"
)

type calAlias struct {
	c  *calendar.Calendar
	id int
}

// maxCalAliases bounds the calendars remembered by identity: records
// decoded from JSON each bring their own copy.
const maxCalAliases = 1024

// calID returns the id of c's name: by identity, else by an equal
// definition among the named calendars and then Spec.Calendar's (a record
// decoded from JSON brings its own copy of the calendar), else "unnamed".
func (a *Accumulator) calID(c *calendar.Calendar) int {
	for _, al := range a.calSeen {
		if al.c == c {
			return al.id
		}
	}
	id := len(a.calNames) - 1 // unnamed
	if b, err := c.MarshalJSON(); err == nil {
		for i, def := range a.calJSON {
			if string(def) == string(b) {
				id = i
				break
			}
		}
		if id == len(a.calNames)-1 && a.calDefJSON != nil && string(a.calDefJSON) == string(b) {
			id = a.calDef
		}
	}
	if len(a.calSeen) < maxCalAliases {
		a.calSeen = append(a.calSeen, calAlias{c, id})
	}
	return id
}

// calendarNames lists the names of the calendars in mask, in id order.
func (a *Accumulator) calendarNames(mask uint64) []string {
	var out []string
	for i, n := range a.calNames {
		if mask&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

type comboKey [MaxGroupings]int32

// cell holds the duration samples of the incidents that share one value
// of every grouping: each sample is stored once and serves every
// grouping's quantiles.
type cell struct {
	combo   comboKey
	samples [nDur]samples
}

// The duration metrics: index = 2*metric + clock.
const (
	durMTTA = iota
	durMTRS
	durMTTR
	durHold
	nMetric
	nDur = 2 * nMetric
)

type grouping struct {
	// field is the interned record field of a built-in key, or -1 (all,
	// priority, custom keys): byString maps the field's interned string
	// to 1 + the group's index; the others have a key function and index
	// maps their values.
	field    int
	byString []int32
	key      func(*Record) string
	index    map[string]int32
	values   []string
	stats    []*groupStats
}

// The record fields the accumulator interns, once per record, for the
// groupings, availability and recurrence that need them.
const (
	fieldService = iota
	fieldCI
	fieldCategory
	fieldCustomer
	fieldGroup
	nFields
)

func fieldValue(r *Record, f int) string {
	switch f {
	case fieldService:
		return r.Service
	case fieldCI:
		return r.ConfigurationItem
	case fieldCategory:
		return r.Category
	case fieldCustomer:
		return r.Customer
	}
	return r.CurrentGroup()
}

func fieldOf(key string) int {
	switch key {
	case KeyService:
		return fieldService
	case KeyConfigurationItem:
		return fieldCI
	case KeyCategory:
		return fieldCategory
	case KeyCustomer:
		return fieldCustomer
	case KeyGroup:
		return fieldGroup
	}
	return -1
}

// groupID returns the index of value's group in gr, creating the group.
// fid is the record's interned fields (nil: intern value here).
func (a *Accumulator) groupID(gr *grouping, value string, fid *[nFields]uint32) int32 {
	if gr.field >= 0 {
		var s uint32
		if fid != nil {
			s = fid[gr.field]
		} else {
			s = a.strs.id(value)
		}
		for int(s) >= len(gr.byString) {
			gr.byString = append(gr.byString, 0)
		}
		if g := gr.byString[s]; g > 0 {
			return g - 1
		}
		gr.byString[s] = int32(len(gr.values)) + 1
		value = a.strs.names[s]
	} else {
		if g, ok := gr.index[value]; ok {
			return g
		}
		value = strings.Clone(value)
		gr.index[value] = int32(len(gr.values))
	}
	gr.values = append(gr.values, value)
	gr.stats = append(gr.stats, a.newGroupStats())
	return int32(len(gr.values) - 1)
}

// newGroupStats returns the stats of a group without records.
func (a *Accumulator) newGroupStats() *groupStats {
	return &groupStats{buckets: make([]*bucketStats, len(a.spans)), backlog: make([]int64, len(a.bounds)+1)}
}

type groupStats struct {
	buckets []*bucketStats // nil until touched
	backlog []int64        // difference array over the boundaries
	aging   Aging
	// calendars has bit i set when business hours of the group's records
	// were measured on calendar i.
	calendars uint64
}

type bucketStats struct {
	opened, resolved, closed, cancelled, reopened int64
	// over the resolutions of the bucket:
	reopenedLater, reassigned, reassignments, escalated, firstContact, firstGroup int64
	dur                                                                           [nDur]sum
	sla                                                                           [][3]int64 // by SLA key: met, breached, cancelled
}

type slaKey struct {
	kind   sla.Kind
	policy string
	metric sla.Metric
}

type breachGroupKey struct {
	group  string
	kind   sla.Kind
	metric sla.Metric
}

// NewAccumulator validates spec (applying its defaults) and returns an
// empty accumulator for it. Errors are *FieldError values wrapping
// ErrInvalidSpec.
func NewAccumulator(spec Spec, opts ...Option) (*Accumulator, error) {
	o := options{keys: map[string]func(Record) string{}}
	for _, opt := range opts {
		if opt != nil {
			if err := opt.apply(&o); err != nil {
				return nil, err
			}
		}
	}
	s, err := spec.validated(o.keys, o.services)
	if err != nil {
		return nil, err
	}
	spans, err := buckets(s.From, s.To, s.Location, s.Bucket)
	if err != nil {
		return nil, err
	}
	a := &Accumulator{
		spec: s, services: o.services, spans: spans, from: s.From.UnixNano(), to: s.To.UnixNano(), asOf: s.AsOf.UnixNano(),
		cells: map[comboKey]*cell{}, slaIndex: map[slaKey]int{}, breachGroups: map[breachGroupKey]int64{},
		outages: map[string][]interval.Interval{},
	}
	for _, f := range s.KPIs {
		a.has[f] = true
	}
	a.initCalendars()
	for _, sp := range spans {
		a.bounds = append(a.bounds, sp.From.UnixNano())
	}
	a.bounds = append(a.bounds, a.to)
	a.initGroupings(o.keys)
	a.initOverview()
	return a, nil
}

// initCalendars names the calendars of business hours: those of
// Spec.Calendars in the order of their names, then "default" and
// "unnamed". Spec.Calendar takes the name it has in Calendars, if any,
// else "default"; each named calendar's JSON names the records'
// calendars equal to it.
func (a *Accumulator) initCalendars() {
	s := &a.spec
	if a.has[FamilyDurations] && (s.Calendar != nil || len(s.Calendars) > 0) {
		a.business, a.cal = true, s.Calendar
	}
	a.calNames = append(slices.Sorted(maps.Keys(s.Calendars)), defaultCalendar, unnamedCalendar)
	for i, n := range a.calNames[:len(s.Calendars)] {
		c := s.Calendars[n]
		a.calSeen = append(a.calSeen, calAlias{c, i})
		b, err := c.MarshalJSON()
		if err != nil {
			b = nil
		}
		a.calJSON = append(a.calJSON, b)
	}
	a.calDef = len(a.calNames) - 2
	if s.Calendar != nil {
		if b, err := s.Calendar.MarshalJSON(); err == nil {
			a.calDefJSON = b
		}
		if id := a.calID(s.Calendar); id < len(s.Calendars) {
			a.calDef = id
		} else {
			a.calSeen[len(a.calSeen)-1].id = a.calDef
		}
	}
}

// initGroupings sets up "all" and the groupings of Spec.GroupBy, each by
// a key function (custom keys, from keys, and the priority) or by a
// field of the record, and the fields the groupings and the families
// need.
func (a *Accumulator) initGroupings(keys map[string]func(Record) string) {
	a.names = append([]string{KeyAll}, a.spec.GroupBy...)
	for k := range keys {
		a.custom = append(a.custom, k)
	}
	slices.Sort(a.custom)
	a.groupings = make([]grouping, len(a.names))
	for i, name := range a.names {
		gr := &a.groupings[i]
		gr.field = -1
		switch custom := keys[name]; {
		case i == 0:
			gr.key = func(*Record) string { return KeyAll }
		case custom != nil:
			gr.key = func(r *Record) string { return custom(*r) }
		case name == KeyPriority:
			gr.key = func(r *Record) string { return r.Priority.String() } // allocates nothing for P1-P9
		default:
			gr.field = fieldOf(name)
			a.needs[gr.field] = true
		}
		if gr.field < 0 {
			gr.index = map[string]int32{}
		}
	}
	if a.has[FamilyAvailability] {
		a.needs[fieldService] = true
	}
	if a.has[FamilyRecurring] {
		a.needs[fieldService], a.needs[fieldCI], a.needs[fieldCategory] = true, true, true
	}
	if a.has[FamilyCounts] {
		a.needs[fieldService], a.needs[fieldCategory] = true, true
	}
}

// Spec returns the validated spec, with its defaults applied.
func (a *Accumulator) Spec() Spec {
	s := a.spec
	s.GroupBy = slices.Clone(s.GroupBy)
	s.KPIs = slices.Clone(s.KPIs)
	s.Recurring.By = slices.Clone(s.Recurring.By)
	s.Availability.Services = maps.Clone(s.Availability.Services)
	s.Availability.Maintenance = slices.Clone(s.Availability.Maintenance)
	s.Calendars = maps.Clone(s.Calendars)
	s.FirstLine = slices.Clone(s.FirstLine)
	return s
}

// bucket returns the index of the bucket holding t (Unix ns), or -1
// outside the period.
func (a *Accumulator) bucket(t int64) int {
	if t < a.from || t >= a.to {
		return -1
	}
	if i := a.lastSpan; a.bounds[i] <= t && t < a.bounds[i+1] {
		return i
	}
	a.lastSpan = upperBound(a.bounds, t) - 1
	return a.lastSpan
}

// boundsUpTo returns the number of bucket boundaries at or before t.
func (a *Accumulator) boundsUpTo(t int64) int {
	switch {
	case t < a.from:
		return 0
	case t >= a.to:
		return len(a.bounds)
	}
	return a.bucket(t) + 1
}

// Add adds one incident's record. It returns a *RecordError (wrapping
// ErrInvalidRecord) for an inconsistent record and then changes nothing.
// Records that cannot touch the period (opened at or after its end, or
// closed before its start) are checked and otherwise ignored. Add keeps
// no reference to r's slices.
func (a *Accumulator) Add(r Record) error {
	if err := a.ready(); err != nil {
		return err
	}
	// The record is copied into the accumulator rather than passed by
	// address: the key functions are called indirectly, so a pointer to
	// the parameter would move every record to the heap.
	a.rec = r
	err := a.add(&a.rec)
	a.rec = Record{} // keep no reference to the host's slices
	return err
}

func (a *Accumulator) add(r *Record) error {
	if err := r.validate(); err != nil {
		return err
	}
	if !r.OpenedAt.Before(a.spec.To) || (!r.ClosedAt.IsZero() && r.ClosedAt.Before(a.spec.From)) {
		return nil
	}
	fx := &a.fx
	a.factsOf(r, fx)
	var fid [nFields]uint32
	for f, need := range a.needs {
		if need {
			fid[f] = a.strs.id(fieldValue(r, f))
		}
	}
	var combo comboKey
	for g := range a.groupings {
		gr := &a.groupings[g]
		var id int32
		switch {
		case g == 0 && len(gr.values) > 0: // "all" has one group
		case gr.field >= 0:
			id = a.groupID(gr, "", &fid)
		default:
			id = a.groupID(gr, gr.key(r), nil)
		}
		if g > 0 {
			combo[g-1] = id
		}
		if g > 0 || len(a.groupings) == 1 {
			// With a grouping, "all" is the sum of its groups: the report
			// adds them up once instead of every record paying for it.
			a.apply(gr.stats[id], fx)
		}
	}
	if len(fx.durs) > 0 {
		c := a.cells[combo]
		if c == nil {
			c = &cell{combo: combo}
			a.cells[combo] = c
		}
		for _, d := range fx.durs {
			c.samples[d.dur].add(d.v)
		}
	}
	if a.has[FamilyCounts] && !a.has[FamilySLA] && len(r.SLA) > 0 {
		fx.breached = a.countBreaches(r) // else factsOf counted them
	}
	a.addOverview(r, fx, &fid)
	if a.has[FamilySLA] {
		a.addBreaches(r)
	}
	if a.has[FamilyAvailability] && r.Service != "" {
		for int(fid[fieldService]) >= len(a.seen) {
			a.seen = append(a.seen, false)
		}
		a.seen[fid[fieldService]] = true
		a.addOutage(r)
	}
	if at := r.OpenedAt.UnixNano(); a.has[FamilyRecurring] && at >= a.from && at < a.to {
		a.recur.add(r, at, &fid)
	}
	return nil
}

func (a *Accumulator) apply(gs *groupStats, fx *facts) {
	at := func(b int) *bucketStats {
		if gs.buckets[b] == nil {
			gs.buckets[b] = &bucketStats{}
		}
		return gs.buckets[b]
	}
	if fx.opened >= 0 {
		at(fx.opened).opened++
	}
	if fx.closed >= 0 {
		at(fx.closed).closed++
	}
	if fx.cancelled >= 0 {
		at(fx.cancelled).cancelled++
	}
	for _, b := range fx.reopened {
		at(b).reopened++
	}
	for _, f := range fx.res {
		bs := at(f.bucket)
		bs.resolved++
		if f.reopenedLater {
			bs.reopenedLater++
		}
		if f.reassignments > 0 {
			bs.reassigned++
		}
		bs.reassignments += f.reassignments
		if f.firstContact {
			bs.firstContact++
		}
		if f.firstGroup {
			bs.firstGroup++
		}
		if f.escalated {
			bs.escalated++
		}
	}
	for _, d := range fx.durs {
		at(d.bucket).dur[d.dur].add(d.v)
	}
	for _, iv := range fx.backlog {
		gs.backlog[iv[0]]++
		gs.backlog[iv[1]]--
	}
	if fx.aging >= 0 {
		gs.aging.add(fx.aging)
	}
	if fx.calendar >= 0 {
		gs.calendars |= 1 << fx.calendar
	}
	for _, s := range fx.sla {
		bs := at(s.bucket)
		for len(bs.sla) <= s.key {
			bs.sla = append(bs.sla, [3]int64{})
		}
		bs.sla[s.key][s.result]++
	}
}

// ready reports the zero Accumulator, which has no spec to aggregate by.
func (a *Accumulator) ready() error {
	if a.names == nil {
		return &FieldError{Path: "accumulator", Reason: "the zero Accumulator has no spec; build one with NewAccumulator", Err: ErrInvalidSpec}
	}
	return nil
}
