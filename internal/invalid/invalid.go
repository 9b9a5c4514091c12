// Package invalid is the SDK's one voice for bad input: the error every
// package returns for an invalid field (Error), strict JSON decoding that
// names the path of what it refuses (Decode), and enumeration words with one
// rule for zero and unknown values (Words).
//
// Each package keeps its own sentinels and exports Error under its own name
// (type FieldError = invalid.Error), so errors.Is works with the package's
// sentinel and errors.As with *FieldError the same way in every package.
// An error's message starts with the package name, taken from its
// sentinel's message ("sla: invalid policy" gives "sla").
package invalid

import (
	"errors"
	"strconv"
	"strings"
)

// Error is an invalid field of an input. Path locates it as a JSON path
// from the value being checked ("targets[1].goal", "steps[0]"; empty for
// the value itself); Value is the offending value as text (empty when
// there is none, such as a missing field); Reason says what is wrong. Err
// is the package's sentinel, for errors.Is; Cause, when set, is the error of
// another package (or of the standard library) that this one reports, and
// errors.Is and errors.As see it too.
type Error struct {
	Path   string
	Value  string
	Reason string
	Err    error
	Cause  error
}

// Error implements error: "pkg: path: reason" with the value quoted after
// the path when there is one: `sla: targets[1].goal "-1h": must be positive`.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(Package(e.Err))
	b.WriteString(": ")
	b.WriteString(e.Path)
	if e.Value != "" {
		if e.Path != "" {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Quote(clip(e.Value)))
	}
	if e.Path != "" || e.Value != "" {
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns the sentinel and the cause.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// Package returns the package name a sentinel's message starts with
// ("sla: invalid policy" gives "sla"); "itsm" for nil.
func Package(sentinel error) string {
	if sentinel == nil {
		return "itsm"
	}
	pkg, _, ok := strings.Cut(sentinel.Error(), ":")
	if !ok {
		return "itsm"
	}
	return pkg
}

// At returns err with its path under prefix: a field name ("targets[1]"),
// an index ("[2]") or a key. An *Error of the same sentinel keeps its
// detail; any other error (another package's, the standard library's)
// becomes the cause of a new *Error wrapping sentinel, so that every error
// a package returns satisfies its own sentinel.
func At(prefix string, err error, sentinel error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		out := *e
		out.Path = join(prefix, e.Path)
		if !errors.Is(err, sentinel) {
			out.Err, out.Cause = sentinel, err
		}
		return &out
	}
	return &Error{Path: prefix, Reason: strings.TrimPrefix(err.Error(), "json: "), Err: sentinel, Cause: err}
}

// join puts a path under prefix: "a" and "b" give "a.b", "a" and "[1]"
// give "a[1]".
func join(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	case path[0] == '[':
		return prefix + path
	}
	return prefix + "." + path
}

// clip keeps a value quoted in a message short.
func clip(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not in the middle of a rune
		cut--
	}
	return s[:cut] + "..."
}
