package report

import (
	"bytes"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/go-itsm/itsm/internal/tzname"
)

// BucketSize is the width of a report's time buckets: the whole period
// (one bucket), a day, an ISO week (Monday to Monday) or a calendar month,
// in the spec's time zone. It marshals as "period", "day", "week" or
// "month"; the zero value is Whole.
type BucketSize uint8

// The bucket sizes.
const (
	Whole BucketSize = iota
	Day
	Week
	Month
)

var bucketWords = invalid.Words{Type: "BucketSize", Words: []string{"period", "day", "week", "month"}}

// String returns the size's word, or "BucketSize(n)" for an unknown value.
func (b BucketSize) String() string { return bucketWords.String(uint8(b)) }

// MarshalText implements encoding.TextMarshaler; an unknown value fails
// with ErrUnknownWord.
func (b BucketSize) MarshalText() ([]byte, error) {
	return bucketWords.Marshal(uint8(b), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler: one of the words
// (Whole is "period"; "" is not a word), else ErrUnknownWord listing them.
func (b *BucketSize) UnmarshalText(t []byte) error {
	v, err := bucketWords.Parse(string(t), ErrUnknownWord)
	if err == nil {
		*b = BucketSize(v)
	}
	return err
}

// Family names a family of KPIs, so a spec can ask for some of them only.
// It marshals as a lower-case word.
type Family uint8

// The KPI families. See the package doc for what each one holds.
const (
	// FamilyCounts ("counts"): opened, resolved, closed, cancelled, reopened, backlog and
	// its change, backlog aging.
	FamilyCounts Family = iota + 1
	// FamilyDurations ("durations"): MTTA, MTRS, MTTR and time on hold, wall-clock and in
	// business hours.
	FamilyDurations
	// FamilySLA ("sla"): SLA/OLA compliance per policy and metric, the breach
	// list and breaches by group.
	FamilySLA
	// FamilyRates ("rates"): reopen rate, reassignment rate and mean reassignments,
	// escalation rate, first-contact resolution.
	FamilyRates
	// FamilyAvailability ("availability"): availability per service, MTBF, MTBSI, error budget
	// and burn rate.
	FamilyAvailability
	// FamilyRecurring ("recurring"): recurring incidents (problem candidates).
	FamilyRecurring
)

var familyWords = invalid.Words{Type: "Family", Words: []string{"", "counts", "durations", "sla", "rates", "availability", "recurring"}}

// AllFamilies lists every family, in report order.
func AllFamilies() []Family {
	return []Family{FamilyCounts, FamilyDurations, FamilySLA, FamilyRates, FamilyAvailability, FamilyRecurring}
}

// String returns the family's word, "" for the zero Family (no family)
// or "Family(n)" for an unknown value.
func (f Family) String() string { return familyWords.String(uint8(f)) }

// MarshalText implements encoding.TextMarshaler: the word, "" for the
// zero Family; an unknown value fails with ErrUnknownWord.
func (f Family) MarshalText() ([]byte, error) { return familyWords.Marshal(uint8(f), ErrUnknownWord) }

// UnmarshalText implements encoding.TextUnmarshaler: a family's word ("" is
// the zero Family, which NewAccumulator refuses in Spec.KPIs), else
// ErrUnknownWord listing the words.
func (f *Family) UnmarshalText(t []byte) error {
	v, err := familyWords.Parse(string(t), ErrUnknownWord)
	if err == nil {
		*f = Family(v)
	}
	return err
}

// The built-in grouping keys of Spec.GroupBy. A host adds its own with
// WithKey.
const (
	KeyPriority          = "priority"           // "P1".."P5", "none" if unset
	KeyService           = "service"            // Record.Service
	KeyCustomer          = "customer"           // Record.Customer
	KeyGroup             = "group"              // the current assignment group (the last Assignment)
	KeyCategory          = "category"           // Record.Category
	KeyConfigurationItem = "configuration_item" // Record.ConfigurationItem
)

// KeyAll is the name of the grouping every report has: one group, "all",
// holding every incident. It cannot be used in GroupBy.
const KeyAll = "all"

var builtinKeys = []string{KeyPriority, KeyService, KeyCustomer, KeyGroup, KeyCategory, KeyConfigurationItem}

// Limits of a spec.
const (
	// MaxGroupings is the most keys GroupBy may name.
	MaxGroupings = 8
	// MaxBuckets is the most buckets a period may have (27 years of days).
	MaxBuckets = 10000
	// DefaultBreachLimit is how many breaches the report lists when
	// Spec.BreachLimit is zero; MaxBreachLimit the most it may ask for.
	DefaultBreachLimit = 100
	MaxBreachLimit     = 100000
)

// Spec says what a report covers and how: the period and its time zone,
// the buckets, the groupings, the KPI families, the business calendar and
// the rules of the breach list, recurring incidents and availability.
//
// A Spec is a plain value; NewAccumulator validates it, applies the
// defaults documented on each field, and keeps its own copy. It round-trips
// through JSON: the location as its IANA name ("zone"), calendars as their
// JSON definitions, durations as Go durations.
type Spec struct {
	// From and To bound the period [From, To). Required, To after From,
	// both within the years 1678 to 2261 (int64 nanoseconds since 1970).
	From, To time.Time
	// Location is the time zone of buckets and labels (aging counts days
	// of 24 hours, whatever the zone). Required; JSON "zone", an IANA
	// name.
	Location *time.Location
	// Bucket cuts the period into buckets (day, ISO week, month, or the
	// whole period). The first and last buckets are clipped to the period.
	Bucket BucketSize
	// GroupBy names the groupings, each its own breakdown of the KPIs:
	// built-in keys (KeyPriority, KeyService, ...) or keys registered with
	// WithKey. The "all" grouping is always there.
	GroupBy []string
	// KPIs lists the families to compute; empty means all of them.
	KPIs []Family
	// Calendar, if set, is the business calendar of the business-hours
	// durations of records without their own (Record.Calendar). Business
	// hours are measured when Calendar or Calendars is set; otherwise only
	// wall-clock durations are.
	Calendar *calendar.Calendar
	// Calendars names the calendars records may carry (the map the host
	// gave sla.WithCalendars), at most MaxCalendars: a group's KPIs say
	// which of them its business hours were measured on. A record's
	// calendar is named by identity or, failing that, by an equal JSON
	// definition; Spec.Calendar is "default" unless named here; any other
	// calendar is "unnamed". JSON "calendars".
	Calendars map[string]*calendar.Calendar
	// AsOf is the instant the report is made as of: backlog aging counts
	// the incidents open at AsOf by their age at AsOf. Zero means To; an
	// instant after To is taken as To (pass the host's now: the report of
	// the running month ages its backlog at now, not at the month's end).
	// It must be after From. JSON "as_of".
	AsOf time.Time
	// FirstLine names the first-line groups (the service desk) for first
	// contact resolution: a resolution counts only when one of them held
	// the incident at the resolution. Empty means the first assigned
	// group is the first line. JSON "first_line".
	FirstLine []string
	// Targets are the service levels the headline KPIs are judged
	// against (the HTML dashboard colours its tiles by them).
	Targets Targets
	// BreachLimit is how many breaches the breach list keeps (the largest
	// overruns); 0 means DefaultBreachLimit. Every breach is counted.
	BreachLimit int
	// Recurring configures the detection of recurring incidents.
	Recurring Recurring
	// Availability configures availability, MTBF, MTBSI and the SLO.
	Availability AvailabilitySpec
}

// MaxCalendars is the most calendars Spec.Calendars may name.
const MaxCalendars = 62

// Targets are the service levels of the headline KPIs over the period.
// A zero field has no target.
type Targets struct {
	// Compliance is the SLA compliance goal (met / decided cycles over
	// every SLA policy and metric), 0 < Compliance <= 1.
	Compliance float64
	// MTTA and MTTR are the longest acceptable means (wall clock).
	MTTA, MTTR time.Duration
	// Backlog is the most open incidents acceptable at the period's end.
	Backlog int64
	// Breaches is the most SLA breaches acceptable in the period.
	Breaches int64
}

type targetsJSON struct {
	Compliance float64           `json:"compliance,omitempty"`
	MTTA       duration.Duration `json:"mtta,omitempty"`
	MTTR       duration.Duration `json:"mttr,omitempty"`
	Backlog    int64             `json:"backlog,omitempty"`
	Breaches   int64             `json:"breaches,omitempty"`
}

// MarshalJSON implements json.Marshaler (durations as Go durations).
func (t Targets) MarshalJSON() ([]byte, error) {
	return json.Marshal(targetsJSON{t.Compliance, duration.Duration(t.MTTA), duration.Duration(t.MTTR), t.Backlog, t.Breaches})
}

// UnmarshalJSON implements json.Unmarshaler.
func (t *Targets) UnmarshalJSON(b []byte) error {
	var j targetsJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*t = Targets{j.Compliance, time.Duration(j.MTTA), time.Duration(j.MTTR), j.Backlog, j.Breaches}
	return nil
}

// Recurring says when incidents recur: Threshold or more incidents of the
// same key (service, or configuration item) and category opened within
// Window of each other. The zero value is 3 within 7 days, by service and
// by configuration item, listing the 100 largest findings with up to 10
// incident IDs each.
type Recurring struct {
	// Threshold is N, at least 2; 0 means 3.
	Threshold int
	// Window is the span within which N incidents must open; 0 means 7 x
	// 24h. JSON: a Go or ISO 8601 duration.
	Window time.Duration
	// By lists the keys: KeyService and/or KeyConfigurationItem; empty
	// means both.
	By []string
	// MaxIncidents is how many incident IDs a finding lists; 0 means 10.
	MaxIncidents int
	// Limit is how many findings the report lists (those with the most
	// incidents); 0 means 100. Every finding is counted.
	Limit int
}

// AvailabilitySpec configures availability. Outages come from major
// incidents (opened to service restored) unless IgnoreMajor, and from
// Accumulator.AddOutage.
type AvailabilitySpec struct {
	// Target is the availability SLO (0.999 for "three nines") for the
	// error budget and burn rate; 0 means none. Otherwise 0 < Target < 1.
	Target float64
	// ServiceTime is the agreed service time of every service without an
	// entry in Services; nil means all the time (24x7, wall clock).
	ServiceTime *calendar.Calendar
	// Services gives services their own agreed service time.
	Services map[string]*calendar.Calendar
	// Maintenance lists planned maintenance windows, excluded from the
	// agreed service time (and so from the denominator) and from downtime.
	Maintenance []Window
	// IgnoreMajor stops major incidents from counting as outages; use it
	// when the host reports outages itself with AddOutage.
	IgnoreMajor bool
}

// Window is a span of time [Start, End) of a service: a planned
// maintenance window or an outage. An empty Service in a maintenance
// window means every service.
type Window struct {
	Service    string    `json:"service,omitempty"`
	Start, End time.Time `json:"-"`
}

type windowJSON struct {
	Service string    `json:"service,omitempty"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
}

// MarshalJSON implements json.Marshaler.
func (w Window) MarshalJSON() ([]byte, error) {
	return json.Marshal(windowJSON(w))
}

// UnmarshalJSON implements json.Unmarshaler, strictly: an unknown key or
// a wrong type is a *FieldError wrapping ErrInvalidSpec (a window is a
// maintenance window of a Spec). It does not validate: NewAccumulator
// and AddOutage do.
func (w *Window) UnmarshalJSON(b []byte) error {
	var j windowJSON
	if err := decodeStrict(b, &j, ErrInvalidSpec); err != nil {
		return err
	}
	*w = Window(j)
	return nil
}

// inRange reports whether t is a supported instant: int64 nanoseconds
// since 1970 represent it (the years 1678 to 2261; the two outermost
// seconds are left out to keep the test to one comparison of seconds).
func inRange(t time.Time) bool {
	const limit = math.MaxInt64 / int64(time.Second)
	s := t.Unix()
	return s > -limit && s < limit
}

// validated returns s with defaults applied and its slices and maps
// copied, or the first error. keys are the custom keys registered;
// services, when not nil, the services a spec may name (WithServices).
// The parts are checked in the order of this function, each in the
// order of its fields, so that the first error is always the same one.
func (s Spec) validated(keys map[string]func(Record) string, services []string) (Spec, error) {
	v := s
	if err := v.validatePeriod(); err != nil {
		return Spec{}, err
	}
	if err := v.validateCalendars(); err != nil {
		return Spec{}, err
	}
	if err := v.validateFirstLine(); err != nil {
		return Spec{}, err
	}
	if err := v.Targets.validate(); err != nil {
		return Spec{}, err
	}
	if v.Location == nil {
		return Spec{}, specError("zone", "", "a report needs a time zone (time.UTC is explicit; nil is not)")
	}
	if _, err := v.Bucket.MarshalText(); err != nil {
		return Spec{}, specError("bucket", v.Bucket.String(), "unknown bucket size (known: period, day, week, month)")
	}
	if err := v.validateGroupBy(keys); err != nil {
		return Spec{}, err
	}
	if err := v.validateKPIs(); err != nil {
		return Spec{}, err
	}
	if err := defaultInRange(&v.BreachLimit, DefaultBreachLimit, 0, MaxBreachLimit, "breach_limit"); err != nil {
		return Spec{}, err
	}
	if err := v.Recurring.validate(); err != nil {
		return Spec{}, err
	}
	if err := v.Availability.validate(services); err != nil {
		return Spec{}, err
	}
	return v, nil
}

// validatePeriod checks From, To and AsOf, and sets a zero AsOf, or one
// at or after To, to To.
func (v *Spec) validatePeriod() error {
	if v.From.IsZero() {
		return specError("from", "", "the period needs its start")
	}
	if v.To.IsZero() {
		return specError("to", "", "the period needs its end")
	}
	if !inRange(v.From) {
		return specError("from", v.From.String(), "outside the years 1678 to 2261")
	}
	if !inRange(v.To) {
		return specError("to", v.To.String(), "outside the years 1678 to 2261")
	}
	if !v.To.After(v.From) {
		return specError("to", v.To.Format(time.RFC3339Nano), "must be after from "+v.From.Format(time.RFC3339Nano))
	}
	switch {
	case v.AsOf.IsZero() || !v.AsOf.Before(v.To):
		v.AsOf = v.To
	case !inRange(v.AsOf) || !v.AsOf.After(v.From):
		return specError("as_of", v.AsOf.Format(time.RFC3339Nano), "must be after from "+v.From.Format(time.RFC3339Nano))
	}
	return nil
}

// validateCalendars checks the named calendars and copies their map.
func (v *Spec) validateCalendars() error {
	if len(v.Calendars) > MaxCalendars {
		return specError("calendars", strconv.Itoa(len(v.Calendars)), "at most "+strconv.Itoa(MaxCalendars)+" named calendars")
	}
	v.Calendars = maps.Clone(v.Calendars)
	for name, c := range v.Calendars {
		if name == "" || name == defaultCalendar || name == unnamedCalendar || c == nil {
			return specError("calendars", name, `a named calendar needs a name (not "default" or "unnamed") and a calendar`)
		}
	}
	return nil
}

// validateFirstLine checks the first-line groups and copies their list.
func (v *Spec) validateFirstLine() error {
	v.FirstLine = slices.Clone(v.FirstLine)
	for i, g := range v.FirstLine {
		if g == "" || repeated(v.FirstLine, i) {
			return specError("first_line["+strconv.Itoa(i)+"]", g, "a first-line group needs a name, once")
		}
	}
	return nil
}

// validate checks that no target is negative and that a compliance
// target is a ratio.
func (t Targets) validate() error {
	switch {
	case t.Compliance != 0 && !(t.Compliance > 0 && t.Compliance <= 1):
		return specError("targets.compliance", strconv.FormatFloat(t.Compliance, 'g', -1, 64), "must be 0 (none) or in (0, 1]")
	case t.MTTA < 0:
		return specError("targets.mtta", t.MTTA.String(), "cannot be negative")
	case t.MTTR < 0:
		return specError("targets.mttr", t.MTTR.String(), "cannot be negative")
	case t.Backlog < 0:
		return specError("targets.backlog", strconv.FormatInt(t.Backlog, 10), "cannot be negative")
	case t.Breaches < 0:
		return specError("targets.breaches", strconv.FormatInt(t.Breaches, 10), "cannot be negative")
	}
	return nil
}

// validateGroupBy checks that GroupBy names each built-in or custom key
// at most once, and copies its list.
func (v *Spec) validateGroupBy(keys map[string]func(Record) string) error {
	v.GroupBy = slices.Clone(v.GroupBy)
	if len(v.GroupBy) > MaxGroupings {
		return specError("group_by", strconv.Itoa(len(v.GroupBy)), "at most "+strconv.Itoa(MaxGroupings)+" groupings")
	}
	for i, k := range v.GroupBy {
		field := "group_by[" + strconv.Itoa(i) + "]"
		if _, custom := keys[k]; !custom && !slices.Contains(builtinKeys, k) {
			known := append(slices.Clone(builtinKeys), slices.Sorted(maps.Keys(keys))...)
			return specError(field, k, "no such grouping key (known: "+invalid.Names(known)+"; register others with WithKey)")
		}
		if repeated(v.GroupBy, i) {
			return specError(field, k, "named twice")
		}
	}
	return nil
}

// validateKPIs checks that KPIs names each family at most once, and
// sets them sorted in a list of their own (all of them when empty).
func (v *Spec) validateKPIs() error {
	v.KPIs = slices.Clone(v.KPIs)
	for i, f := range v.KPIs {
		if f == 0 || int(f) >= len(familyWords.Words) {
			return specError("kpis["+strconv.Itoa(i)+"]", f.String(), "no such KPI family (known: "+familyNames()+")")
		}
		if repeated(v.KPIs, i) {
			return specError("kpis["+strconv.Itoa(i)+"]", f.String(), "named twice")
		}
	}
	if len(v.KPIs) == 0 {
		v.KPIs = AllFamilies()
	}
	slices.Sort(v.KPIs)
	return nil
}

// validate checks r, applies its defaults and copies its list of keys.
func (r *Recurring) validate() error {
	if err := defaultInRange(&r.Threshold, 3, 2, 1000, "recurring.threshold"); err != nil {
		return err
	}
	switch {
	case r.Window == 0:
		r.Window = 7 * 24 * time.Hour
	case r.Window < 0:
		return specError("recurring.window", r.Window.String(), "must be positive")
	}
	r.By = slices.Clone(r.By)
	for i, k := range r.By {
		if k != KeyService && k != KeyConfigurationItem {
			return specError("recurring.by["+strconv.Itoa(i)+"]", k, "must be service or configuration_item")
		}
		if repeated(r.By, i) {
			return specError("recurring.by["+strconv.Itoa(i)+"]", k, "named twice")
		}
	}
	if len(r.By) == 0 {
		r.By = []string{KeyService, KeyConfigurationItem}
	}
	if err := defaultInRange(&r.MaxIncidents, 10, 0, 1000, "recurring.max_incidents"); err != nil {
		return err
	}
	return defaultInRange(&r.Limit, 100, 0, 100000, "recurring.limit")
}

// validate checks a (services, when not nil, are the services it may
// name) and copies its map and list.
func (a *AvailabilitySpec) validate(services []string) error {
	if a.Target != 0 && !(a.Target > 0 && a.Target < 1) {
		return specError("availability.target", strconv.FormatFloat(a.Target, 'g', -1, 64), "must be 0 (none) or between 0 and 1, exclusive")
	}
	a.Services = maps.Clone(a.Services)
	for _, name := range slices.Sorted(maps.Keys(a.Services)) { // the first error is always the same
		if name == "" {
			return specError("availability.services", "", "a service needs a name")
		}
		if a.Services[name] == nil {
			return specError("availability.services."+name, "", "nil calendar")
		}
		if err := knownService("availability.services."+name, name, services); err != nil {
			return err
		}
	}
	a.Maintenance = slices.Clone(a.Maintenance)
	for i, w := range a.Maintenance {
		if err := w.validateMaintenance("availability.maintenance["+strconv.Itoa(i)+"]", services); err != nil {
			return err
		}
	}
	return nil
}

// validateMaintenance checks a maintenance window at path: its bounds,
// their order and its service, if it names one.
func (w Window) validateMaintenance(path string, services []string) error {
	if w.Start.IsZero() || !inRange(w.Start) {
		return specError(path+".start", stampOrEmpty(w.Start), "a window needs a start within the years 1678 to 2261")
	}
	if w.End.IsZero() || !inRange(w.End) {
		return specError(path+".end", stampOrEmpty(w.End), "a window needs an end within the years 1678 to 2261")
	}
	if !w.End.After(w.Start) {
		return specError(path+".end", stamp(w.End), "the end must be after the start "+stamp(w.Start))
	}
	if w.Service == "" {
		return nil
	}
	return knownService(path+".service", w.Service, services)
}

// defaultInRange sets a zero *n to def; any other value must be in
// [lo, hi] (a zero lo says in the message that 0 means the default).
func defaultInRange(n *int, def, lo, hi int, path string) error {
	switch {
	case *n == 0:
		*n = def
	case *n < lo || *n > hi:
		return specError(path, strconv.Itoa(*n), "must be "+strconv.Itoa(lo)+" to "+strconv.Itoa(hi))
	}
	return nil
}

// repeated reports whether list[i] is also at an earlier index: a name
// given twice is reported at its second place.
func repeated[T comparable](list []T, i int) bool {
	return slices.Index(list, list[i]) != i
}

// knownService checks that name is one of services, when the host gave
// them (WithServices).
func knownService(path, name string, services []string) error {
	if services == nil || slices.Contains(services, name) {
		return nil
	}
	return specError(path, name, "no such service (known: "+invalid.Names(services)+")")
}

func stampOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return stamp(t)
}

// familyNames lists the KPI families' words.
func familyNames() string {
	var names []string
	for _, f := range AllFamilies() {
		names = append(names, f.String())
	}
	return invalid.Names(names)
}

// Previous returns the spec of the period just before s's, for Compare:
// the same number of calendar months before when s covers whole local
// months, the same number of local days when it covers whole local days,
// and the same duration otherwise. Everything else is kept. Local
// midnights are instants as calendar.Date gives them (the end of a DST
// gap that skips midnight), as bucket boundaries are.
func (s Spec) Previous() Spec {
	p := s
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	from, to := s.From.In(loc), s.To.In(loc)
	midnight := func(t time.Time) bool { return t.Equal(calendar.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, loc)) }
	switch {
	case midnight(from) && midnight(to) && from.Day() == 1 && to.Day() == 1:
		months := (to.Year()-from.Year())*12 + int(to.Month()) - int(from.Month())
		p.From = calendar.Date(from.Year(), from.Month()-time.Month(months), 1, 0, 0, 0, loc)
	case midnight(from) && midnight(to):
		days := int(math.Round(float64(time.Date(to.Year(), to.Month(), to.Day(), 12, 0, 0, 0, time.UTC).Sub(
			time.Date(from.Year(), from.Month(), from.Day(), 12, 0, 0, 0, time.UTC))) / float64(24*time.Hour)))
		p.From = calendar.Date(from.Year(), from.Month(), from.Day()-days, 0, 0, 0, loc)
	default:
		p.From = s.From.Add(-s.To.Sub(s.From))
	}
	p.To = s.From
	return p
}

type recurringJSON struct {
	Threshold    int               `json:"threshold,omitempty"`
	Window       duration.Duration `json:"window,omitempty"`
	By           []string          `json:"by,omitempty"`
	MaxIncidents int               `json:"max_incidents,omitempty"`
	Limit        int               `json:"limit,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (r Recurring) MarshalJSON() ([]byte, error) {
	return json.Marshal(recurringJSON{r.Threshold, duration.Duration(r.Window), r.By, r.MaxIncidents, r.Limit})
}

// UnmarshalJSON implements json.Unmarshaler, strictly (see Spec's).
func (r *Recurring) UnmarshalJSON(b []byte) error {
	var j recurringJSON
	if err := decodeStrict(b, &j, ErrInvalidSpec); err != nil {
		return err
	}
	*r = Recurring{j.Threshold, time.Duration(j.Window), j.By, j.MaxIncidents, j.Limit}
	return nil
}

type availabilityJSON struct {
	Target      float64                       `json:"target,omitempty"`
	ServiceTime *calendar.Calendar            `json:"service_time,omitempty"`
	Services    map[string]*calendar.Calendar `json:"services,omitempty"`
	Maintenance []Window                      `json:"maintenance,omitempty"`
	IgnoreMajor bool                          `json:"ignore_major,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (a AvailabilitySpec) MarshalJSON() ([]byte, error) {
	return json.Marshal(availabilityJSON(a))
}

// UnmarshalJSON implements json.Unmarshaler, strictly (see Spec's).
func (a *AvailabilitySpec) UnmarshalJSON(b []byte) error {
	var j availabilityJSON
	if err := decodeStrict(b, &j, ErrInvalidSpec); err != nil {
		return err
	}
	*a = AvailabilitySpec(j)
	return nil
}

type specJSON struct {
	From         time.Time                     `json:"from"`
	To           time.Time                     `json:"to"`
	Zone         string                        `json:"zone"`
	Bucket       BucketSize                    `json:"bucket"`
	GroupBy      []string                      `json:"group_by,omitempty"`
	KPIs         familyList                    `json:"kpis,omitempty"`
	Calendar     *calendar.Calendar            `json:"calendar,omitempty"`
	Calendars    map[string]*calendar.Calendar `json:"calendars,omitempty"`
	AsOf         time.Time                     `json:"as_of,omitzero"`
	FirstLine    []string                      `json:"first_line,omitempty"`
	Targets      Targets                       `json:"targets,omitzero"`
	BreachLimit  int                           `json:"breach_limit,omitempty"`
	Recurring    Recurring                     `json:"recurring"`
	Availability AvailabilitySpec              `json:"availability"`
}

// familyList is Spec.KPIs on the wire: decoded word by word, so that an
// unknown word's error names its index ("kpis[1]"); the strict decoder
// takes a list of a one-byte type for bytes.
type familyList []Family

// UnmarshalJSON implements json.Unmarshaler.
func (l *familyList) UnmarshalJSON(b []byte) error {
	var words []json.RawMessage
	if err := json.Unmarshal(b, &words); err != nil {
		return err
	}
	out := make(familyList, len(words))
	for i, w := range words {
		if err := json.Unmarshal(w, &out[i]); err != nil {
			return invalid.At("["+strconv.Itoa(i)+"]", err, ErrUnknownWord)
		}
	}
	*l = out
	return nil
}

// MarshalJSON implements json.Marshaler. It fails for a location that is
// not an IANA name (time.Local, a time.FixedZone), as calendars do.
func (s Spec) MarshalJSON() ([]byte, error) {
	zone := ""
	if s.Location != nil {
		var err error
		if zone, err = tzname.Of(s.Location); err != nil {
			return nil, &FieldError{Path: "zone", Value: s.Location.String(), Reason: err.Error(), Err: ErrInvalidSpec, Cause: err}
		}
	}
	return json.Marshal(specJSON{s.From, s.To, zone, s.Bucket, s.GroupBy, s.KPIs, s.Calendar, s.Calendars, s.AsOf, s.FirstLine, s.Targets,
		s.BreachLimit, s.Recurring, s.Availability})
}

// UnmarshalJSON implements json.Unmarshaler. Decoding is strict: a key
// that is not a field (a misspelling), a key given twice, a value of the
// wrong type, a number out of range, an unknown word, a malformed
// duration or calendar, or a zone that is not an IANA name is a
// *FieldError wrapping ErrInvalidSpec whose path names the field
// ("recurring.window", "availability.maintenance[0].start"). An empty
// zone leaves Location nil. The values themselves (ranges, order, the
// names of grouping keys and services) are checked by NewAccumulator,
// which knows the options.
func (s *Spec) UnmarshalJSON(b []byte) error {
	var j specJSON
	if err := decodeStrict(b, &j, ErrInvalidSpec); err != nil {
		return err
	}
	var loc *time.Location
	if j.Zone != "" {
		l, err := tzname.Load(j.Zone)
		if err != nil {
			return &FieldError{Path: "zone", Value: j.Zone, Reason: err.Error(), Err: ErrInvalidSpec, Cause: err}
		}
		loc = l
	}
	*s = Spec{From: j.From, To: j.To, Location: loc, Bucket: j.Bucket, GroupBy: j.GroupBy, KPIs: []Family(j.KPIs),
		Calendar: j.Calendar, Calendars: j.Calendars, AsOf: j.AsOf, FirstLine: j.FirstLine, Targets: j.Targets, BreachLimit: j.BreachLimit, Recurring: j.Recurring, Availability: j.Availability}
	return nil
}

// sameSpec reports whether two validated specs describe the same report,
// so that accumulators built from them can merge. Calendars are the same
// when they are one calendar or have the same JSON definition.
func sameSpec(a, b *Spec) bool {
	if !a.From.Equal(b.From) || !a.To.Equal(b.To) || a.Location.String() != b.Location.String() ||
		a.Bucket != b.Bucket || !slices.Equal(a.GroupBy, b.GroupBy) || !slices.Equal(a.KPIs, b.KPIs) ||
		!sameCalendar(a.Calendar, b.Calendar) || a.BreachLimit != b.BreachLimit || !a.AsOf.Equal(b.AsOf) ||
		a.Targets != b.Targets || len(a.Calendars) != len(b.Calendars) || !slices.Equal(a.FirstLine, b.FirstLine) {
		return false
	}
	for k, c := range a.Calendars {
		if d, ok := b.Calendars[k]; !ok || !sameCalendar(c, d) {
			return false
		}
	}
	ra, rb := a.Recurring, b.Recurring
	if ra.Threshold != rb.Threshold || ra.Window != rb.Window || !slices.Equal(ra.By, rb.By) || ra.MaxIncidents != rb.MaxIncidents || ra.Limit != rb.Limit {
		return false
	}
	aa, ab := a.Availability, b.Availability
	if aa.Target != ab.Target || aa.IgnoreMajor != ab.IgnoreMajor || !sameCalendar(aa.ServiceTime, ab.ServiceTime) ||
		len(aa.Services) != len(ab.Services) || len(aa.Maintenance) != len(ab.Maintenance) {
		return false
	}
	for k, c := range aa.Services {
		if d, ok := ab.Services[k]; !ok || !sameCalendar(c, d) {
			return false
		}
	}
	for i, w := range aa.Maintenance {
		v := ab.Maintenance[i]
		if w.Service != v.Service || !w.Start.Equal(v.Start) || !w.End.Equal(v.End) {
			return false
		}
	}
	return true
}

func sameCalendar(a, b *calendar.Calendar) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}
