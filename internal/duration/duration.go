// Package duration parses and serializes durations for the itsm packages.
//
// Configuration files written by people use Go durations ("4h30m", "90s");
// configuration exported from other ITSM tools uses ISO 8601 ("PT4H30M",
// "P3D", "P2W"). Parse accepts both. Durations are always emitted as Go
// durations (time.Duration.String), so a value read in either form is written
// back in one canonical form.
//
// ISO 8601 support is deliberately limited to the forms whose length is fixed:
// weeks ("PnW", a week is 7 x 24 hours), days ("PnD", a day is 24 hours),
// hours, minutes and seconds ("PTnHnMnS"). Years and months are rejected
// because their length depends on the calendar. Only the last component may
// carry a decimal fraction ("PT1.5H", "PT0,5S"), as ISO 8601 prescribes. A
// leading "-" negates the value. Designators are accepted in either case.
package duration

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/go-itsm/itsm/internal/invalid"
)

// ErrSyntax is the sentinel of every parse error: a string that is neither
// a Go nor an ISO 8601 duration. The errors are *invalid.Error values (the
// SDK's one error shape) with the rejected text as Value, so a package that
// decodes a duration reports it at its field's path (invalid.At).
var ErrSyntax = errors.New("duration: invalid duration")

func syntaxError(input, reason string) error {
	return &invalid.Error{Value: input, Reason: reason, Err: ErrSyntax}
}

// Parse parses a Go duration ("4h30m", "-1.5h") or an ISO 8601 duration
// ("PT4H30M", "P1DT2H", "P2W", "-PT30S"). See the package doc for the ISO 8601
// forms that are accepted.
func Parse(s string) (time.Duration, error) {
	if s == "" {
		return 0, syntaxError(s, "empty")
	}
	body := s
	neg := false
	if body[0] == '-' || body[0] == '+' {
		neg = body[0] == '-'
		body = body[1:]
	}
	if body != "" && (body[0] == 'P' || body[0] == 'p') {
		d, err := parseISO(body[1:])
		if err != nil {
			return 0, syntaxError(s, err.Error())
		}
		if neg {
			d = -d
		}
		return d, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, syntaxError(s, `neither a Go duration ("4h30m") nor ISO 8601 ("PT4H30M")`)
	}
	return d, nil
}

const day = 24 * time.Hour

// isoErr is the reason text of an ISO 8601 parse failure.
type isoErr string

func (e isoErr) Error() string { return string(e) }

// parseISO parses the part of an ISO 8601 duration after the leading 'P'.
func parseISO(s string) (time.Duration, error) {
	if s == "" {
		return 0, isoErr("no components after P")
	}
	var total time.Duration
	inTime := false
	lastRank := 0
	components := 0
	timeComponents := 0
	weeks := false
	for s != "" {
		if s[0] == 'T' || s[0] == 't' {
			if inTime {
				return 0, isoErr("T appears twice")
			}
			inTime = true
			s = s[1:]
			continue
		}
		n, i, err := isoNumber(s)
		if err != nil {
			return 0, err
		}
		r, unit, err := isoDesignator(s[i], inTime)
		if err != nil {
			return 0, err
		}
		if r <= lastRank {
			return 0, isoErr(fmt.Sprintf("designator %q out of order or repeated", s[i]))
		}
		if r == 1 {
			weeks = true
		} else if weeks {
			return 0, isoErr("weeks cannot be combined with other components")
		}
		lastRank = r
		s = s[i+1:]
		if n.hasFrac && s != "" {
			return 0, isoErr("only the last component may have a fraction")
		}
		components++
		if inTime {
			timeComponents++
		}
		v, err := n.times(unit)
		if err != nil {
			return 0, err
		}
		if total > math.MaxInt64-v {
			return 0, isoErr("value out of range")
		}
		total += v
	}
	if components == 0 {
		return 0, isoErr("no components")
	}
	if inTime && timeComponents == 0 {
		return 0, isoErr("T without time components")
	}
	return total, nil
}

// isoValue is the number of one component of an ISO 8601 duration: whole
// units and a fraction frac/scale of one.
type isoValue struct {
	whole, frac uint64
	scale       float64
	hasFrac     bool
}

// isoNumber reads the number that starts s (digits, then a fraction after
// "." or ","; digits beyond the precision are ignored) and returns it with
// the index of the designator that must follow it.
func isoNumber(s string) (isoValue, int, error) {
	n := isoValue{scale: 1}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		if n.whole > (math.MaxUint64-9)/10 {
			return n, 0, isoErr("value out of range")
		}
		n.whole = n.whole*10 + uint64(s[i]-'0')
		i++
	}
	digits := i
	if i < len(s) && (s[i] == '.' || s[i] == ',') {
		n.hasFrac = true
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if n.frac <= (1<<62)/10 { // ignore digits beyond precision
				n.frac = n.frac*10 + uint64(s[i]-'0')
				n.scale *= 10
			}
			digits++
			i++
		}
	}
	if digits == 0 {
		return n, 0, isoErr("missing number")
	}
	if i >= len(s) {
		return n, 0, isoErr("number without designator")
	}
	return n, i, nil
}

// times returns n units, or an error if that is out of range.
func (n isoValue) times(unit time.Duration) (time.Duration, error) {
	if n.whole > uint64(math.MaxInt64/int64(unit)) {
		return 0, isoErr("value out of range")
	}
	v := time.Duration(n.whole) * unit
	// The fraction is less than one unit (at most a week), so it converts
	// without overflow; the sum is checked.
	f := time.Duration(float64(n.frac) * (float64(unit) / n.scale))
	if v > math.MaxInt64-f {
		return 0, isoErr("value out of range")
	}
	return v + f, nil
}

// isoDesignator returns the rank of designator c (each may appear once,
// in the order of the ranks) and its unit; inTime says whether it comes
// after the T.
func isoDesignator(c byte, inTime bool) (int, time.Duration, error) {
	switch {
	case !inTime && (c == 'W' || c == 'w'):
		return 1, 7 * day, nil
	case !inTime && (c == 'D' || c == 'd'):
		return 2, day, nil
	case inTime && (c == 'H' || c == 'h'):
		return 3, time.Hour, nil
	case inTime && (c == 'M' || c == 'm'):
		return 4, time.Minute, nil
	case inTime && (c == 'S' || c == 's'):
		return 5, time.Second, nil
	case !inTime && (c == 'Y' || c == 'y' || c == 'M' || c == 'm'):
		return 0, 0, isoErr("years and months have no fixed length")
	}
	return 0, 0, isoErr(fmt.Sprintf("unexpected designator %q", c))
}

// Duration is a time.Duration that marshals as a Go duration string
// ("4h30m0s") and unmarshals from a Go or an ISO 8601 duration string.
// The zero value is a zero duration.
type Duration time.Duration

// String returns the Go form of d, as time.Duration.String does.
func (d Duration) String() string { return time.Duration(d).String() }

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with Parse.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON implements json.Marshaler: a JSON string in Go form.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON implements json.Unmarshaler. It accepts a JSON string in Go
// or ISO 8601 form; null leaves d unchanged, as encoding/json does for other
// types. Numbers are rejected: a bare number has no unit.
func (d *Duration) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return syntaxError(string(b), `want a string such as "4h30m" or "PT4H30M"`)
	}
	return d.UnmarshalText([]byte(s))
}
