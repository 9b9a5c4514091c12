// Package jsontime helps the itsm packages write optional instants to JSON:
// a zero time.Time is left out (a nil pointer with omitempty) rather than
// written as 0001-01-01T00:00:00Z.
package jsontime

import "time"

// Ptr returns &t, or nil for the zero time.
func Ptr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// Val returns *p, or the zero time for nil.
func Val(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return *p
}
