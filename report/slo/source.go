package slo

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/interval"
	"github.com/go-itsm/itsm/internal/invalid"
)

// Source counts what an SLO measures in a window [from, to): bad events
// (or bad agreed time, in nanoseconds) and all of them, 0 <= bad <=
// total. Measure says which, and so which low-traffic guard applies
// (Time: MinAgreed; any other value: MinEvents). Implementations must be
// pure and safe for concurrent use; the sources of this package are.
type Source interface {
	Count(from, to time.Time) (bad, total float64)
	Measure() Measure
}

// Measure is what a Source counts: events (requests, transactions) or
// agreed service time. It marshals as "events" or "time".
type Measure uint8

// The measures.
const (
	Events Measure = iota + 1
	Time
)

var measureWords = invalid.Words{Type: "Measure", Words: []string{"", "events", "time"}}

// String returns the measure's word.
func (m Measure) String() string { return measureWords.String(uint8(m)) }

// MarshalText implements encoding.TextMarshaler.
func (m Measure) MarshalText() ([]byte, error) { return measureWords.Marshal(uint8(m), ErrInvalid) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *Measure) UnmarshalText(b []byte) error {
	v, err := measureWords.Parse(string(b), ErrInvalid)
	*m = Measure(v)
	return err
}

// Sample is one observation for an event-based SLO: Bad of Total events
// (requests, transactions, incidents resolved late...) counted at At, as
// a scrape of counters' increase would give them.
type Sample struct {
	At         time.Time
	Bad, Total int64
}

type sampleJSON struct {
	At    time.Time `json:"at"`
	Bad   int64     `json:"bad"`
	Total int64     `json:"total"`
}

// MarshalJSON implements json.Marshaler: {"at": ..., "bad": 2, "total": 100}.
func (s Sample) MarshalJSON() ([]byte, error) { return json.Marshal(sampleJSON(s)) }

// UnmarshalJSON implements json.Unmarshaler, strictly.
func (s *Sample) UnmarshalJSON(b []byte) error {
	var j sampleJSON
	if err := invalid.Decode(b, &j, ErrInvalid); err != nil {
		return err
	}
	*s = Sample(j)
	return nil
}

// eventSource answers a window with two binary searches over prefix sums.
type eventSource struct {
	at         []int64 // sorted Unix ns
	bad, total []int64 // prefix sums, len(at)+1
}

// NewEventSource returns a Source of events over samples: a window counts
// the samples whose At lies in it. Samples need an instant and 0 <= Bad
// <= Total; they are copied and sorted, and sums saturate at the largest
// int64. Errors are *FieldError values ("samples[3]") wrapping ErrInvalid.
func NewEventSource(samples []Sample) (Source, error) {
	for i, x := range samples {
		if x.Bad < 0 || x.Total < x.Bad {
			return nil, fieldError("samples["+strconv.Itoa(i)+"]", strconv.FormatInt(x.Bad, 10)+" of "+strconv.FormatInt(x.Total, 10), "need 0 <= bad <= total")
		}
		if x.At.IsZero() || !inRange(x.At) {
			return nil, fieldError("samples["+strconv.Itoa(i)+"].at", x.At.String(), "need an instant between the years 1678 and 2261")
		}
	}
	s := samples
	byTime := func(x, y Sample) int { return x.At.Compare(y.At) }
	if !slices.IsSortedFunc(s, byTime) { // scrapes arrive in order: no copy
		s = slices.Clone(samples)
		slices.SortStableFunc(s, byTime)
	}
	src := &eventSource{at: make([]int64, len(s)), bad: make([]int64, len(s)+1), total: make([]int64, len(s)+1)}
	for i, x := range s {
		src.at[i] = x.At.UnixNano()
		src.bad[i+1] = satAdd(src.bad[i], x.Bad)
		src.total[i+1] = satAdd(src.total[i], x.Total)
	}
	return src, nil
}

func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

func (s *eventSource) Measure() Measure { return Events }

func (s *eventSource) Count(from, to time.Time) (bad, total float64) {
	lo, _ := slices.BinarySearch(s.at, nanos(from)) // the samples before from
	hi, _ := slices.BinarySearch(s.at, nanos(to))
	if hi <= lo {
		return 0, 0
	}
	return float64(s.bad[hi] - s.bad[lo]), float64(s.total[hi] - s.total[lo])
}

// LatencySample is one request's latency, observed at At.
type LatencySample struct {
	At      time.Time
	Latency time.Duration
}

type latencySampleJSON struct {
	At      time.Time         `json:"at"`
	Latency duration.Duration `json:"latency"`
}

// MarshalJSON implements json.Marshaler: {"at": ..., "latency": "120ms"}.
func (s LatencySample) MarshalJSON() ([]byte, error) {
	return json.Marshal(latencySampleJSON{s.At, duration.Duration(s.Latency)})
}

// UnmarshalJSON implements json.Unmarshaler, strictly.
func (s *LatencySample) UnmarshalJSON(b []byte) error {
	var j latencySampleJSON
	if err := invalid.Decode(b, &j, ErrInvalid); err != nil {
		return err
	}
	*s = LatencySample{j.At, time.Duration(j.Latency)}
	return nil
}

// NewLatencySource returns a Source of events for a latency SLO: each
// sample is one request, good when its Latency is at most threshold (the
// "le" of a Prometheus histogram bucket, as Sloth and Pyrra count it), bad
// when slower. threshold must be positive, latencies not negative.
func NewLatencySource(threshold time.Duration, samples []LatencySample) (Source, error) {
	if threshold <= 0 {
		return nil, fieldError("threshold", threshold.String(), "must be positive")
	}
	ev := make([]Sample, len(samples))
	for i, x := range samples {
		if x.Latency < 0 {
			return nil, fieldError("samples["+strconv.Itoa(i)+"].latency", x.Latency.String(), "must not be negative")
		}
		ev[i] = Sample{At: x.At, Total: 1}
		if x.Latency > threshold {
			ev[i].Bad = 1
		}
	}
	return NewEventSource(ev)
}

// Histogram is a latency histogram's increase over a scrape interval,
// observed at At, in Prometheus's form: Buckets are cumulative (each
// counts the requests at most Le long), with strictly increasing Le, and
// Count is the requests of all latencies (the +Inf bucket).
type Histogram struct {
	At      time.Time
	Buckets []Bucket
	Count   int64
}

// Bucket is one cumulative histogram bucket: Count requests took at most
// Le.
type Bucket struct {
	Le    time.Duration
	Count int64
}

type histogramJSON struct {
	At      time.Time    `json:"at"`
	Buckets []bucketJSON `json:"buckets"`
	Count   int64        `json:"count"`
}

type bucketJSON struct {
	Le    duration.Duration `json:"le"`
	Count int64             `json:"count"`
}

// MarshalJSON implements json.Marshaler:
// {"at": ..., "buckets": [{"le": "100ms", "count": 90}, ...], "count": 100}.
func (h Histogram) MarshalJSON() ([]byte, error) {
	j := histogramJSON{At: h.At, Count: h.Count, Buckets: make([]bucketJSON, len(h.Buckets))}
	for i, b := range h.Buckets {
		j.Buckets[i] = bucketJSON{duration.Duration(b.Le), b.Count}
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler, strictly.
func (h *Histogram) UnmarshalJSON(b []byte) error {
	var j histogramJSON
	if err := invalid.Decode(b, &j, ErrInvalid); err != nil {
		return err
	}
	out := Histogram{At: j.At, Count: j.Count, Buckets: make([]Bucket, len(j.Buckets))}
	for i, b := range j.Buckets {
		out.Buckets[i] = Bucket{time.Duration(b.Le), b.Count}
	}
	*h = out
	return nil
}

// NewHistogramSource returns a Source of events for a latency SLO from
// histograms: in each, the good requests are those of the bucket whose Le
// is threshold, the bad ones the rest of Count. threshold must be a bucket
// bound of every histogram (as Pyrra requires: a histogram cannot say how
// many requests fell below a latency between two bounds); the error lists
// the bounds there are.
func NewHistogramSource(threshold time.Duration, histograms []Histogram) (Source, error) {
	if threshold <= 0 {
		return nil, fieldError("threshold", threshold.String(), "must be positive")
	}
	ev := make([]Sample, len(histograms))
	for i, h := range histograms {
		path := "histograms[" + strconv.Itoa(i) + "]"
		good := int64(-1)
		for k, b := range h.Buckets {
			bp := path + ".buckets[" + strconv.Itoa(k) + "]"
			switch {
			case k > 0 && b.Le <= h.Buckets[k-1].Le:
				return nil, fieldError(bp+".le", b.Le.String(), "bounds must increase")
			case b.Count < 0 || (k > 0 && b.Count < h.Buckets[k-1].Count) || b.Count > h.Count:
				return nil, fieldError(bp+".count", strconv.FormatInt(b.Count, 10), "cumulative counts must not decrease, nor exceed the histogram's count")
			}
			if b.Le == threshold {
				good = b.Count
			}
		}
		if h.Count < 0 {
			return nil, fieldError(path+".count", strconv.FormatInt(h.Count, 10), "must not be negative")
		}
		if good < 0 {
			bounds := make([]string, len(h.Buckets))
			for k, b := range h.Buckets {
				bounds[k] = b.Le.String()
			}
			return nil, fieldError(path+".buckets", threshold.String(), "the threshold is no bucket bound (known: "+invalid.Names(bounds)+")")
		}
		ev[i] = Sample{At: h.At, Bad: h.Count - good, Total: h.Count}
	}
	src, err := NewEventSource(ev)
	if err != nil {
		var fe *FieldError
		if asFieldError(err, &fe) {
			fe.Path = "histograms" + fe.Path[len("samples"):]
		}
	}
	return src, err
}

type downtimeSource struct {
	outages []interval.Interval // sorted, disjoint
	cal     *calendar.Calendar
}

// NewDowntimeSource returns a Source of agreed time for an availability
// SLO: bad is the agreed service time (business time on cal; all the time
// when cal is nil) during which the service was out, total the agreed
// service time, both in nanoseconds. An outage with a zero End lasts until
// now. Overlapping or touching outages count once. Errors are *FieldError
// values ("outages[2]") wrapping ErrInvalid.
func NewDowntimeSource(outages []calendar.Interval, cal *calendar.Calendar) (Source, error) {
	iv := make([]interval.Interval, 0, len(outages))
	for i, o := range outages {
		path := "outages[" + strconv.Itoa(i) + "]"
		if o.Start.IsZero() || !inRange(o.Start) {
			return nil, fieldError(path+".start", o.Start.String(), "need an instant between the years 1678 and 2261")
		}
		if !o.End.IsZero() && (!inRange(o.End) || !o.End.After(o.Start)) {
			return nil, fieldError(path+".end", o.End.String(), "need an end after the start (or none, for an outage still on)")
		}
		end := int64(math.MaxInt64)
		if !o.End.IsZero() {
			end = o.End.UnixNano()
		}
		iv = append(iv, interval.Interval{Start: o.Start.UnixNano(), End: end})
	}
	return &downtimeSource{interval.Union(iv), cal}, nil
}

func (s *downtimeSource) Measure() Measure { return Time }

func (s *downtimeSource) Count(from, to time.Time) (bad, total float64) {
	f, t := nanos(from), nanos(to)
	if t <= f {
		return 0, 0
	}
	var down float64
	i, _ := slices.BinarySearchFunc(s.outages, f, func(o interval.Interval, f int64) int { // first outage ending after f
		if o.End <= f {
			return -1
		}
		return 1
	})
	for ; i < len(s.outages) && s.outages[i].Start < t; i++ {
		o := s.outages[i]
		down += agreed(s.cal, interval.Interval{Start: max(o.Start, f), End: min(o.End, t)})
	}
	return down, agreed(s.cal, interval.Interval{Start: f, End: t})
}

// agreed is the agreed service time in v in nanoseconds: business time on
// cal, or wall time without a calendar (in float64, so that a window of
// centuries does not overflow).
func agreed(cal *calendar.Calendar, v interval.Interval) float64 {
	if cal == nil {
		return float64(v.End) - float64(v.Start)
	}
	return float64(cal.Between(time.Unix(0, v.Start), time.Unix(0, v.End)))
}

// inRange reports whether int64 nanoseconds since 1970 represent t (the
// years 1678 to 2261, less the outermost second).
func inRange(t time.Time) bool {
	const limit = math.MaxInt64 / int64(time.Second)
	s := t.Unix()
	return s > -limit && s < limit
}

// nanos is t in Unix nanoseconds, clamped to the int64 range (a window
// reaching before 1678 counts from there).
func nanos(t time.Time) int64 {
	if inRange(t) {
		return t.UnixNano()
	}
	if t.Unix() < 0 {
		return math.MinInt64
	}
	return math.MaxInt64
}
