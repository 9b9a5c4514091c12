package calendar

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// secondsPerDay is the length of a wall-clock day; TimeOfDay 24:00 equals it.
const secondsPerDay = 24 * 60 * 60

// TimeOfDay is a wall-clock reading in seconds since local midnight, from 00:00
// to 24:00 inclusive. 24:00 is valid only as the end of a Span. It marshals as
// "15:04" (or "15:04:05" when it has seconds).
type TimeOfDay int32

// Clock returns the TimeOfDay hh:mm:ss. It does not validate; NewWeek and
// ParseTimeOfDay do.
func Clock(hh, mm, ss int) TimeOfDay { return TimeOfDay(hh*3600 + mm*60 + ss) }

// ParseTimeOfDay parses "15:04", "15:04:05" or "24:00". It fails with a
// *FieldError wrapping ErrInvalidWeek.
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	t, ok := parseClock(s)
	if !ok {
		return 0, fieldError(ErrInvalidWeek, "", s, "want HH:MM or HH:MM:SS between 00:00 and 24:00")
	}
	return t, nil
}

func parseClock(s string) (TimeOfDay, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var v [3]int
	for i, p := range parts {
		if len(p) != 2 || p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' {
			return 0, false
		}
		v[i] = int(p[0]-'0')*10 + int(p[1]-'0')
	}
	if v[1] > 59 || v[2] > 59 || v[0] > 24 || (v[0] == 24 && (v[1] != 0 || v[2] != 0)) {
		return 0, false
	}
	return Clock(v[0], v[1], v[2]), true
}

// String formats t as "15:04", or "15:04:05" when it has seconds.
func (t TimeOfDay) String() string {
	h, m, s := int(t)/3600, int(t)/60%60, int(t)%60
	if s != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}

// MarshalText implements encoding.TextMarshaler.
func (t TimeOfDay) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	v, err := ParseTimeOfDay(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// UnmarshalJSON implements json.Unmarshaler: a JSON string such as
// "09:00"; anything else fails with a *FieldError wrapping ErrInvalidWeek.
func (t *TimeOfDay) UnmarshalJSON(b []byte) error {
	return textJSON(b, `"09:00"`, t.UnmarshalText)
}

// textJSON reads a JSON string with parse; null is left alone, as
// encoding/json's convention asks, and any other JSON value is an error
// that says what is wanted.
func textJSON(b []byte, example string, parse func([]byte) error) error {
	if isNull(b) {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return &FieldError{Value: string(bytes.TrimSpace(b)), Reason: "want a string such as " + example, Err: ErrInvalidWeek, Cause: err}
	}
	return parse([]byte(s))
}

// Span is a working interval [Start, End) in wall-clock time. An End at or
// before Start crosses midnight: Span{22:00, 06:00} runs from 22:00 to 06:00 on
// the next day and belongs to the day on which it starts. 00:00-24:00 is a
// whole day. Start == End is rejected: it could mean nothing or a whole day.
type Span struct {
	Start TimeOfDay `json:"start"`
	End   TimeOfDay `json:"end"`
}

// String formats s as "09:00-17:00".
func (s Span) String() string { return s.Start.String() + "-" + s.End.String() }

// MarshalText implements encoding.TextMarshaler.
func (s Span) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts "09:00-17:00"
// and fails with a *FieldError wrapping ErrInvalidWeek.
func (s *Span) UnmarshalText(b []byte) error {
	v, err := parseSpanText(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// UnmarshalJSON implements json.Unmarshaler: a JSON string such as
// "09:00-17:00"; anything else fails with a *FieldError wrapping
// ErrInvalidWeek.
func (s *Span) UnmarshalJSON(b []byte) error {
	return textJSON(b, `"09:00-17:00"`, s.UnmarshalText)
}

// validate reports why s is not a usable span: a *FieldError wrapping
// ErrInvalidWeek, with the span as its value and no path.
func (s Span) validate() *FieldError {
	switch {
	case s.Start < 0 || s.Start >= secondsPerDay:
		return fieldError(ErrInvalidWeek, "", s.String(), "the start must be from 00:00 to before 24:00")
	case s.End < 0 || s.End > secondsPerDay:
		return fieldError(ErrInvalidWeek, "", s.String(), "the end must be from 00:00 to 24:00")
	case s.Start == s.End:
		return fieldError(ErrInvalidWeek, "", s.String(), "start equals end; use 00:00-24:00 for a whole day")
	}
	return nil
}

// validateSpans checks a list of spans; an error names the span's index.
func validateSpans(spans []Span) error {
	for i, s := range spans {
		if err := s.validate(); err != nil {
			err.Path = "[" + strconv.Itoa(i) + "]"
			return err
		}
	}
	return nil
}

// bounds returns the span as seconds from the start of its day; end may exceed
// one day for spans that cross midnight.
func (s Span) bounds() (start, end int32) {
	start, end = int32(s.Start), int32(s.End)
	if end <= start {
		end += secondsPerDay
	}
	return start, end
}

// Week is the regular working hours of each weekday, indexed by time.Weekday.
// A weekday with no spans is closed. The zero Week is closed every day.
// It marshals as the text form that ParseWeek reads.
type Week [7][]Span

// normalize returns the week's spans per weekday as merged, sorted
// second-of-day bounds, after validating every span. An error names the
// span by weekday and index ("mon[0]").
func (w Week) normalize() ([7][]daySpan, error) {
	var out [7][]daySpan
	for wd, spans := range w {
		for i, s := range spans {
			if err := s.validate(); err != nil {
				err.Path = weekKeys[wd] + "[" + strconv.Itoa(i) + "]"
				return out, err
			}
			a, b := s.bounds()
			out[wd] = append(out[wd], daySpan{a, b})
		}
		out[wd] = mergeDaySpans(out[wd])
	}
	return out, nil
}

// Clone returns a deep copy of w (a Week's days are slices: a calendar, or
// any holder of a week, keeps its own).
func (w Week) Clone() Week {
	for wd := range w {
		w[wd] = cloneOrNil(w[wd])
	}
	return w
}

// IsEmpty reports whether no weekday has hours.
func (w Week) IsEmpty() bool {
	for _, spans := range w {
		if len(spans) > 0 {
			return false
		}
	}
	return true
}

// daySpan is a span in seconds from the start of the day it belongs to.
type daySpan struct{ start, end int32 }

func mergeDaySpans(s []daySpan) []daySpan {
	slices.SortFunc(s, func(a, b daySpan) int { return int(a.start - b.start) })
	out := s[:0]
	for _, x := range s {
		if n := len(out); n > 0 && x.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, x.end)
			continue
		}
		out = append(out, x)
	}
	return out
}

// ParseWeek reads the compact text form of weekly hours: groups separated by
// ";", each a list of days and a list of spans, for example
//
//	Mon-Fri 09:00-12:30,13:30-18:00; Sat 10:00-14:00
//	Mon-Sun 00:00-24:00
//	Mon,Wed,Fri 22:00-06:00
//
// Days are three-letter English names (any case); a range may wrap (Fri-Mon).
// A day named in several groups gets the spans of all of them; overlapping
// and touching spans are merged by New. The empty string is a closed week;
// a trailing ";" is allowed.
// An error is a *FieldError wrapping ErrInvalidWeek (and ErrUnknownWord for
// a misspelt day), with the text as its value; its Cause, a *SyntaxError,
// gives the column (1-based) of the fault.
func ParseWeek(s string) (Week, error) {
	w, err := parseWeek(s)
	if err != nil {
		return Week{}, err.fieldOf(ErrInvalidWeek, true)
	}
	return w, nil
}

func parseWeek(s string) (Week, *SyntaxError) {
	var w Week
	col := 0
	groups := strings.Split(s, ";")
	for gi, group := range groups {
		groupCol := col
		col += len(group) + 1
		trimmed := strings.TrimSpace(group)
		if trimmed == "" {
			if gi == len(groups)-1 {
				continue // an empty week, or a trailing ";"
			}
			return w, &SyntaxError{Input: s, Column: groupCol + 1, Reason: "empty group", Err: ErrInvalidWeek}
		}
		lead := groupCol + strings.Index(group, trimmed)
		days, spans, ok := strings.Cut(trimmed, " ")
		if !ok {
			return w, &SyntaxError{Input: s, Column: lead + len(trimmed) + 1, Reason: "want days followed by hours, as in \"Mon-Fri 09:00-17:00\"", Err: ErrInvalidWeek}
		}
		dayset, err := parseDays(s, days, lead)
		if err != nil {
			return w, err
		}
		spansCol := lead + len(days) + 1 + (len(spans) - len(strings.TrimLeft(spans, " ")))
		spans = strings.TrimSpace(spans)
		var list []Span
		for _, item := range strings.Split(spans, ",") {
			sp, err := parseSpan(strings.TrimSpace(item), spansCol+len(item)-len(strings.TrimLeft(item, " ")))
			if err != nil {
				err.Input = s
				return w, err
			}
			list = append(list, sp)
			spansCol += len(item) + 1
		}
		for wd := range 7 {
			if dayset&(1<<wd) != 0 {
				w[wd] = append(w[wd], list...)
			}
		}
	}
	return w, nil
}

// MustParseWeek is ParseWeek for constant input; it panics on error.
func MustParseWeek(s string) Week {
	w, err := ParseWeek(s)
	if err != nil {
		panic(err)
	}
	return w
}

func parseDays(input, days string, col int) (uint8, *SyntaxError) {
	var set uint8
	for _, part := range strings.Split(days, ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, ok := weekdayNamed(from, 3)
		if !ok {
			return 0, &SyntaxError{Input: input, Column: col + 1, Reason: unknownDay(from), Err: ErrUnknownWord}
		}
		b := a
		if isRange {
			if b, ok = weekdayNamed(to, 3); !ok {
				return 0, &SyntaxError{Input: input, Column: col + len(from) + 2, Reason: unknownDay(to), Err: ErrUnknownWord}
			}
		}
		for d := a; ; d = (d + 1) % 7 {
			set |= 1 << d
			if d == b {
				break
			}
		}
		col += len(part) + 1
	}
	return set, nil
}

// weekdayNamed returns the weekday whose English name (time.Weekday's
// String) is s, in any case, or whose name begins with s when letters > 0
// and s has that many: "mon" for ParseWeek (3), "MO" for iCalendar (2),
// "monday" for holiday rules (0).
func weekdayNamed(s string, letters int) (time.Weekday, bool) {
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		name := wd.String()
		if letters > 0 {
			name = name[:letters]
		}
		if strings.EqualFold(s, name) {
			return wd, true
		}
	}
	return 0, false
}

func unknownDay(s string) string {
	return fmt.Sprintf("unknown day %q (known: Mon, Tue, Wed, Thu, Fri, Sat, Sun)", s)
}

func parseSpan(s string, col int) (Span, *SyntaxError) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return Span{}, &SyntaxError{Input: s, Column: col + 1, Reason: "want a span such as 09:00-17:00", Err: ErrInvalidWeek}
	}
	start, ok := parseClock(a)
	if !ok || start == secondsPerDay {
		return Span{}, &SyntaxError{Input: s, Column: col + 1, Reason: fmt.Sprintf("bad start time %q; want HH:MM or HH:MM:SS before 24:00", a), Err: ErrInvalidWeek}
	}
	end, ok := parseClock(b)
	if !ok {
		return Span{}, &SyntaxError{Input: s, Column: col + len(a) + 2, Reason: fmt.Sprintf("bad end time %q; want HH:MM or HH:MM:SS up to 24:00", b), Err: ErrInvalidWeek}
	}
	sp := Span{start, end}
	if err := sp.validate(); err != nil {
		return Span{}, &SyntaxError{Input: s, Column: col + 1, Reason: err.Reason, Err: ErrInvalidWeek}
	}
	return sp, nil
}

// parseSpanText reads one span, "09:00-17:00", failing with a *FieldError
// wrapping ErrInvalidWeek whose value is the text.
func parseSpanText(s string) (Span, error) {
	v, se := parseSpan(s, 0)
	if se != nil {
		return Span{}, &FieldError{Value: s, Reason: se.Reason, Err: ErrInvalidWeek, Cause: se}
	}
	return v, nil
}

// String formats w in the text form ParseWeek reads, grouping consecutive
// days (Monday first) that have the same hours.
func (w Week) String() string {
	var groups []string
	order := [7]int{1, 2, 3, 4, 5, 6, 0}
	for i := 0; i < 7; {
		wd := order[i]
		j := i + 1
		for j < 7 && slices.Equal(w[order[j]], w[wd]) {
			j++
		}
		if len(w[wd]) > 0 {
			days := time.Weekday(wd).String()[:3]
			if j-i > 1 {
				days += "-" + time.Weekday(order[j-1]).String()[:3]
			}
			spans := make([]string, len(w[wd]))
			for k, s := range w[wd] {
				spans[k] = s.String()
			}
			groups = append(groups, days+" "+strings.Join(spans, ","))
		}
		i = j
	}
	return strings.Join(groups, "; ")
}

// MarshalText implements encoding.TextMarshaler.
func (w Week) MarshalText() ([]byte, error) { return []byte(w.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseWeek.
func (w *Week) UnmarshalText(b []byte) error {
	v, err := ParseWeek(string(b))
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// UnmarshalJSON implements json.Unmarshaler: a JSON string in the form
// ParseWeek reads; anything else fails with a *FieldError wrapping
// ErrInvalidWeek.
func (w *Week) UnmarshalJSON(b []byte) error {
	return textJSON(b, `"Mon-Fri 09:00-17:00"`, w.UnmarshalText)
}
