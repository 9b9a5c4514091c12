package escalation

import (
	"slices"
	"strconv"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/rickb777/date/v2"
)

// Layer is one rotation of an on-call schedule: Members take turns of
// length Turn, the first turn starting on Start at Handoff in Location, and
// the layer covers only the times its Restrictions allow. Layers are plain
// data; NewSchedule validates them.
//
// Turns are counted in wall-clock time in Location: a daily rotation hands
// off at Handoff every day, so the turn that spans a daylight-saving change
// lasts 23 or 25 hours. A handoff whose wall time does not exist (inside a
// spring-forward gap) happens at the end of the gap; one that exists twice
// (a fall-back overlap) at its first occurrence.
type Layer struct {
	// Name identifies the layer in shifts; required and unique in a
	// schedule.
	Name string
	// Rank says whether the layer staffs the primary or the secondary.
	Rank Rank
	// Location is the zone of Start, Handoff and Restrictions; required.
	Location *time.Location
	// Start is the local date of the first handoff, and Handoff its local
	// time: PagerDuty's rotation_virtual_start. Before it the layer has
	// nobody.
	Start   date.Date
	Handoff calendar.TimeOfDay
	// Turn is the rotation length: 24h (daily), 168h (weekly), 12h; whole
	// minutes, at least an hour.
	Turn time.Duration
	// Members take turns in this order, starting with the first at Start.
	// A name may appear more than once.
	Members []string
	// Restrictions are the wall-clock hours in Location during which the
	// layer is on call, in calendar.Week form: "Mon-Sun 18:00-08:00"
	// (nights, a daily restriction), "Sat-Sun 00:00-24:00" or "Fri
	// 18:00-24:00; Sat-Sun 00:00-24:00; Mon 00:00-08:00" (a weekly one).
	// The zero Week means no restriction. Outside them the layer has
	// nobody; the rotation keeps turning regardless, so restrictions never
	// shift whose turn it is.
	Restrictions calendar.Week
	// End is the instant from which the layer has nobody (PagerDuty's
	// layer end); zero for a layer that does not end.
	End time.Time
	// Holidays, if set, is a calendar whose holidays (dates it is closed
	// all day by an exception) the layer's restrictions follow, on dates
	// in Location: the layer is off on them, or on call all day if
	// OnHolidays is "on".
	Holidays   *calendar.Calendar
	OnHolidays OnHolidays
}

// Override puts Person on call at Rank for [Start, End), above every layer:
// a swap, a sick day, a holiday cover.
type Override struct {
	Rank   Rank      `json:"rank,omitempty"`
	Person string    `json:"person"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
}

// Responders is who is on call at an instant. Either may be empty: a gap.
type Responders struct {
	Primary   string `json:"primary,omitempty"`
	Secondary string `json:"secondary,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler; decoding is strict (errors
// wrap ErrInvalidSchedule).
func (r *Responders) UnmarshalJSON(b []byte) error {
	type plain Responders
	return invalid.Decode(b, (*plain)(r), ErrInvalidSchedule)
}

// Schedule is an on-call schedule: layers of rotations per rank, with
// overrides on top. At an instant, the rank's override if any wins;
// otherwise the last layer of that rank (in the order given: later layers
// are higher) that has someone on call. "Have two of everything": the
// secondary is a second person, so a secondary who is also the primary at
// that instant counts as missing. Gaps reports where a required rank has
// nobody.
//
// A Schedule is built by NewSchedule (or unmarshalled from JSON), is
// immutable and is safe for concurrent use. The zero Schedule has nobody on
// call. Responders costs a few zone
// lookups per layer and a binary search in the overrides, whatever the
// instant: the turn is computed arithmetically, never by walking turns.
type Schedule struct {
	name      string
	layers    []Layer
	overrides []Override
	required  []Rank
	ranks     [2][]layer
	covers    [2][]cover
	// precedence decides between overlapping layers; "" is LastLayer.
	precedence Precedence
}

// layer is a validated Layer in Unix seconds and wall seconds.
type layer struct {
	name     string
	loc      *time.Location
	w0       int64 // wall reading of the first handoff
	start    int64 // its instant
	turn     int64 // seconds
	members  []string
	restrict *calendar.Calendar // nil: always on
	end      int64              // Unix second from which the layer has nobody; 0: never
}

// cover is a stretch of one override after later ones have cut it.
type cover struct {
	start, end time.Time
	person     string
}

// A ScheduleOption configures NewSchedule.
type ScheduleOption interface{ applySchedule(*Schedule) error }

type scheduleOption func(*Schedule) error

func (f scheduleOption) applySchedule(s *Schedule) error { return f(s) }

// WithOverrides adds overrides; where they overlap for one rank, the later
// one wins.
func WithOverrides(overrides ...Override) ScheduleOption {
	return scheduleOption(func(s *Schedule) error {
		s.overrides = append(s.overrides, overrides...)
		return nil
	})
}

// WithRequired sets the ranks Gaps reports on; without this option, the
// primary. WithRequired(Primary, Secondary) asks for two of everything;
// WithRequired() for nothing (a schedule that is meant to have holes, such
// as an after-hours one).
func WithRequired(ranks ...Rank) ScheduleOption {
	return scheduleOption(func(s *Schedule) error {
		s.required = append(make([]Rank, 0, len(ranks)), ranks...)
		return nil
	})
}

// NewSchedule validates layers and options and returns the schedule. Errors
// are *FieldError values naming the schedule and field; all wrap
// ErrInvalidSchedule.
func NewSchedule(name string, layers []Layer, opts ...ScheduleOption) (*Schedule, error) {
	s := &Schedule{name: name, required: []Rank{Primary}}
	for _, o := range opts {
		if o != nil {
			if err := o.applySchedule(s); err != nil {
				return nil, err
			}
		}
	}
	bad := func(field, value, reason string) error {
		return &FieldError{Path: field, Value: value, Reason: reason + ", in schedule " + strconv.Quote(name), Err: ErrInvalidSchedule}
	}
	if name == "" {
		return nil, &FieldError{Path: "name", Reason: "a schedule needs a name", Err: ErrInvalidSchedule}
	}
	if err := invalid.Text("name", name, ErrInvalidSchedule); err != nil {
		return nil, err
	}
	if len(layers) == 0 {
		return nil, bad("layers", "", "a schedule needs at least one layer")
	}
	names := map[string]int{}
	for i, l := range layers {
		field := "layers[" + strconv.Itoa(i) + "]"
		if j, ok := names[l.Name]; ok {
			return nil, bad(field+".name", l.Name, "two layers with one name (layers["+strconv.Itoa(j)+"])")
		}
		names[l.Name] = i
		c, err := compileLayer(l, func(f, v, r string) error { return bad(field+"."+f, v, r) })
		if err != nil {
			return nil, err
		}
		if err := compileLayerRules(&c, l, func(f, v, r string) error { return bad(field+"."+f, v, r) }); err != nil {
			return nil, err
		}
		l.Members = slices.Clone(l.Members)
		l.Restrictions = l.Restrictions.Clone()
		s.layers = append(s.layers, l)
		s.ranks[l.Rank] = append(s.ranks[l.Rank], c)
	}
	for i, o := range s.overrides {
		field := "overrides[" + strconv.Itoa(i) + "]"
		switch {
		case o.Rank > Secondary:
			return nil, bad(field+".rank", o.Rank.String(), "want primary or secondary")
		case o.Person == "":
			return nil, bad(field+".person", "", "an override needs a person")
		case o.Start.IsZero() || o.End.IsZero():
			return nil, bad(field, "", "an override needs a start and an end")
		case !o.Start.Before(o.End):
			return nil, bad(field+".end", o.End.Format(time.RFC3339), "must be after the start "+o.Start.Format(time.RFC3339))
		}
		s.overrides[i].Start, s.overrides[i].End = o.Start.Round(0), o.End.Round(0)
		s.covers[o.Rank] = addCover(s.covers[o.Rank], cover{o.Start.Round(0), o.End.Round(0), o.Person})
	}
	for i, r := range s.required {
		if r > Secondary {
			return nil, bad("required["+strconv.Itoa(i)+"]", r.String(), "want primary or secondary")
		}
	}
	return s, nil
}

func compileLayer(l Layer, bad func(field, value, reason string) error) (layer, error) {
	switch {
	case l.Name == "":
		return layer{}, bad("name", "", "a layer needs a name")
	case invalid.Text("", l.Name, ErrInvalidSchedule) != nil:
		return layer{}, bad("name", l.Name, "not valid UTF-8")
	case l.Rank > Secondary:
		return layer{}, bad("rank", l.Rank.String(), "want primary or secondary")
	case l.Location == nil:
		return layer{}, bad("location", "nil", "a layer needs its time zone")
	case l.Start == date.Zero:
		return layer{}, bad("start", "", "a layer needs the date of its first handoff")
	case l.Start.Year() < calendar.MinYear || l.Start.Year() > calendar.MaxYear:
		return layer{}, bad("start", l.Start.String(), "outside the supported years")
	case l.Handoff < 0 || l.Handoff >= secondsPerDay:
		return layer{}, bad("handoff", l.Handoff.String(), "want a time of day from 00:00 to before 24:00")
	case l.Turn < time.Hour:
		return layer{}, bad("turn", l.Turn.String(), "a turn lasts at least an hour")
	case l.Turn%time.Minute != 0:
		return layer{}, bad("turn", l.Turn.String(), "a turn is a whole number of minutes")
	case len(l.Members) == 0:
		return layer{}, bad("members", "", "a layer needs at least one member")
	}
	for i, m := range l.Members {
		if m == "" {
			return layer{}, bad("members["+strconv.Itoa(i)+"]", "", "a member needs a name")
		}
	}
	w0 := wallOf(l.Start, int64(l.Handoff))
	c := layer{name: l.Name, loc: l.Location, w0: w0, start: wallInstant(l.Location, w0),
		turn: int64(l.Turn / time.Second), members: slices.Clone(l.Members)}
	if !l.Restrictions.IsEmpty() {
		cal, err := calendar.New(l.Location, l.Restrictions)
		if err != nil {
			fe := causeAt("restrictions", l.Restrictions.String(), err, ErrInvalidSchedule).(*FieldError)
			out := bad(fe.Path, fe.Value, fe.Reason).(*FieldError)
			out.Cause = err // the calendar's error, for errors.Is and errors.As
			return layer{}, out
		}
		// A restriction that is open all week restricts nothing; dropping
		// it spares NextClose a search to the calendar's horizon.
		ref := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
		if cal.Between(ref, ref.AddDate(0, 0, 7)) < 7*24*time.Hour {
			c.restrict = cal
		}
	}
	return c, nil
}

// addCover inserts n into the sorted, disjoint covers, cutting what it
// overlaps: the later override wins.
func addCover(covers []cover, n cover) []cover {
	out := make([]cover, 0, len(covers)+2)
	for _, c := range covers {
		if !c.end.After(n.start) || !c.start.Before(n.end) {
			out = append(out, c)
			continue
		}
		if c.start.Before(n.start) {
			out = append(out, cover{c.start, n.start, c.person})
		}
		if c.end.After(n.end) {
			out = append(out, cover{n.end, c.end, c.person})
		}
	}
	out = append(out, n)
	slices.SortFunc(out, func(a, b cover) int { return a.start.Compare(b.start) })
	return out
}

// Name returns the schedule's name.
func (s *Schedule) Name() string { return s.name }

// Layers returns a copy of the schedule's layers.
func (s *Schedule) Layers() []Layer {
	out := slices.Clone(s.layers)
	for i := range out {
		out[i].Members = slices.Clone(out[i].Members)
		out[i].Restrictions = out[i].Restrictions.Clone()
	}
	return out
}

// Overrides returns a copy of the schedule's overrides, as given.
func (s *Schedule) Overrides() []Override { return slices.Clone(s.overrides) }

// Required returns the ranks Gaps reports on.
func (s *Schedule) Required() []Rank { return slices.Clone(s.required) }

// Responders returns who is on call at t.
func (s *Schedule) Responders(t time.Time) Responders {
	p, _ := s.at(Primary, t)
	sec, _ := s.secondaryAt(t, p)
	return Responders{Primary: p, Secondary: sec}
}

// onCall returns who holds rank r at t, as Responders reports it, looking
// the secondary up only when it is asked for.
func (s *Schedule) onCall(r Rank, t time.Time) string {
	p, _ := s.at(Primary, t)
	if r == Secondary {
		p, _ = s.secondaryAt(t, p)
	}
	return p
}

// secondaryAt is at(Secondary, t) with the rule that makes "two of
// everything" mean two people: a secondary who is also the primary at t
// (given as primary) does not count, and the secondary is nobody.
func (s *Schedule) secondaryAt(t time.Time, primary string) (string, int) {
	p, src := s.at(Secondary, t)
	if p == primary {
		return "", -2 // also when both are nobody, which at reports so
	}
	return p, src
}

// at returns who holds rank r at t and where from: the index of the layer,
// or -1 for an override; "" and -2 for nobody. It does not apply the
// secondary-is-not-the-primary rule (secondaryAt does).
func (s *Schedule) at(r Rank, t time.Time) (string, int) {
	if covers := s.covers[r]; len(covers) > 0 {
		if i := coverAt(covers, t); i < len(covers) && !covers[i].start.After(t) {
			return covers[i].person, -1
		}
	}
	return s.pickLayer(s.ranks[r], t)
}

// at returns the member on call at t, if the layer has one.
func (l *layer) at(t time.Time) (string, bool) {
	u := t.Unix()
	if u < l.start || (l.end != 0 && u >= l.end) || (l.restrict != nil && !l.restrict.IsOpen(t)) {
		return "", false
	}
	k := l.turnAt(t, u)
	return l.members[k%int64(len(l.members))], true
}

// turnAt returns the index of the turn that holds t (u is t in Unix
// seconds, at or after the first handoff): the number of handoffs after
// the first that happened at or before t.
func (l *layer) turnAt(t time.Time, u int64) int64 {
	tl := t.In(l.loc)
	_, off := tl.Zone()
	k := floorDiv(u+int64(off)-l.w0, l.turn)
	// The reading of t is exact, and counting turns by it is exact too,
	// except just after a fall-back transition, where readings repeat: a
	// handoff at the first 02:30 has happened although t reads 02:15 the
	// second time round. Check against the real handoff instants there;
	// offsets change by less than a day, so a few steps settle it.
	if zs, _ := tl.ZoneBounds(); !zs.IsZero() && u-zs.Unix() < secondsPerDay {
		for i := 0; i < 48 && l.handoff(k+1) <= u; i++ {
			k++
		}
		for i := 0; i < 48 && k > 0 && l.handoff(k) > u; i++ {
			k--
		}
	}
	return max(k, 0)
}

// handoff returns the instant of handoff k (0 is the first).
func (l *layer) handoff(k int64) int64 { return wallInstant(l.loc, l.w0+k*l.turn) }

// next returns the first instant after t at which the layer's answer may
// change: its first handoff, the next handoff, a restriction boundary.
func (l *layer) next(t time.Time) time.Time {
	u := t.Unix()
	if u < l.start {
		return time.Unix(l.start, 0).In(t.Location())
	}
	if l.end != 0 && u >= l.end {
		return time.Time{} // ended: nothing changes any more
	}
	n := time.Unix(l.handoff(l.turnAt(t, u)+1), 0).In(t.Location())
	if l.end != 0 && l.end < n.Unix() {
		n = time.Unix(l.end, 0).In(t.Location())
	}
	if l.restrict != nil {
		var b time.Time
		var err error
		if l.restrict.IsOpen(t) {
			b, err = l.restrict.NextClose(t)
		} else {
			b, err = l.restrict.NextOpen(t)
		}
		if err == nil && b.After(t) && b.Before(n) {
			n = b
		}
	}
	return n
}

// coverAt returns the index of the first of the sorted, disjoint covers
// that ends after t (len(covers) if none does): the cover that holds t if
// it has started, otherwise the next one to start.
func coverAt(covers []cover, t time.Time) int {
	lo, hi := 0, len(covers)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if covers[m].end.After(t) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
