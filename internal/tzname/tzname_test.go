package tzname

import (
	"errors"
	"testing"
	"time"
)

func TestNameAndLoad(t *testing.T) {
	ams, err := Load("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		loc  *time.Location
		want error
	}{
		{ams, nil},
		{time.UTC, nil},
		{time.Local, ErrNotIANA},
		{time.FixedZone("X", 3600), ErrNotIANA},
	} {
		name, err := Of(tt.loc)
		if !errors.Is(err, tt.want) {
			t.Errorf("Of(%v) = %q, %v; want %v", tt.loc, name, err, tt.want)
		}
		if err == nil {
			if back, err := Load(name); err != nil || back.String() != name {
				t.Errorf("Load(%q) = %v, %v", name, back, err)
			}
		}
	}
	for name, want := range map[string]error{"Local": ErrLocal, "": ErrUnknown, "Mars/Olympus": ErrUnknown} {
		if _, err := Load(name); !errors.Is(err, want) {
			t.Errorf("Load(%q) = %v; want %v", name, err, want)
		}
	}
}
