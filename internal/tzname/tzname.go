// Package tzname is how the itsm packages write a time zone to JSON and read
// it back: as an IANA name. A time.Local or a fixed zone is refused both
// ways, since another machine could not read it back as the same zone.
package tzname

import (
	"errors"
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
	if l, err := time.LoadLocation(name); err != nil || name == "Local" || l.String() != name {
		return name, ErrNotIANA
	}
	return name, nil
}

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
