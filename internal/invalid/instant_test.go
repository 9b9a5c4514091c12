package invalid

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"
)

// TestInstantDoesNotDependOnTheMachine follows FuzzRecordAdd's finding
// (issue 20): "+00:00" read on a machine in UTC came back as time.Local,
// and the JSON the SDK writes for it ("Z") as time.UTC, so a record did
// not read back equal. Decode gives every decoded instant a location that
// depends on the text only.
var errInstant = errors.New("pkg: invalid")

func TestInstantDoesNotDependOnTheMachine(t *testing.T) {
	saved := time.Local
	defer func() { time.Local = saved }()
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	type wire struct {
		At []time.Time `json:"at"`
	}
	in := []byte(`{"at":["2026-04-07T13:47:02+00:00","2026-04-07T13:47:02Z","2026-07-01T09:00:00+02:00","2026-01-01T09:00:00-05:00"]}`)
	var first []time.Time
	// A machine in UTC has a Local of its own, named "Local", at offset 0.
	for _, local := range []*time.Location{time.FixedZone("Local", 0), ams, time.FixedZone("EST", -5*3600)} {
		time.Local = local
		var w wire
		if err := Decode(in, &w, errInstant); err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = w.At
		}
		for i, at := range w.At {
			if at.Location() == time.Local {
				t.Errorf("Local %v: instant %d decoded in time.Local", local, i)
			}
			if !reflect.DeepEqual(at, first[i]) {
				t.Errorf("Local %v: instant %d decoded as %#v, elsewhere %#v", local, i, at, first[i])
			}
			// What the SDK writes reads back the same.
			b, _ := json.Marshal(at)
			var back wire
			if err := Decode([]byte(`{"at":[`+string(b)+`]}`), &back, errInstant); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back.At[0], at) {
				t.Errorf("Local %v: %s read back as %#v, not %#v", local, b, back.At[0], at)
			}
		}
	}
	if first[0].Location() != time.UTC || first[1].Location() != time.UTC {
		t.Errorf("offset zero: %v, %v; want UTC", first[0].Location(), first[1].Location())
	}
	if _, off := first[2].Zone(); off != 7200 {
		t.Errorf("+02:00 kept as offset %d", off)
	}
}
