// Package tzname is how the itsm packages write a time zone to JSON and read
// it back: as an IANA name. A time.Local or a fixed zone is refused both
// ways, since another machine could not read it back as the same zone.
package tzname

import (
	"errors"
	"sync"
	"time"
)

// The reasons a zone cannot be written or read; callers put them in their
// own typed errors.
var (
	ErrNotIANA = errors.New("only IANA zone names (and UTC) can be written to JSON")
	ErrLocal   = errors.New("name an IANA zone; Local depends on the machine")
	ErrUnknown = errors.New("unknown time zone")
)

// Of returns the IANA name of loc, or ErrNotIANA for a location that
// time.LoadLocation would not give back under its name (time.Local, a fixed
// zone).
func Of(loc *time.Location) (string, error) {
	name := loc.String()
	if name == "Local" {
		return name, ErrNotIANA
	}
	if _, ok := loadable.Load(name); ok {
		return name, nil
	}
	if l, err := time.LoadLocation(name); err != nil || l.String() != name {
		return name, ErrNotIANA
	}
	loadable.Store(name, struct{}{})
	return name, nil
}

// loadable holds the names Of has seen time.LoadLocation give back, so
// that writing a calendar to JSON (which report.NewAccumulator does for
// every accumulator) reads the zone database once per zone, not once per
// call. Only names that load are kept: the cache is bounded by the zone
// database, whatever names a caller's fixed zones have.
var loadable sync.Map

// Load returns the location of an IANA name: ErrLocal for "Local", and
// ErrUnknown for a name time.LoadLocation does not know (or "", which would
// mean UTC by accident).
func Load(name string) (*time.Location, error) {
	switch name {
	case "Local":
		return nil, ErrLocal
	case "":
		return nil, ErrUnknown
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, ErrUnknown
	}
	return loc, nil
}
