package incident

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestEventFieldBits checks Event.payload against fieldNames for every
// payload field: an event carrying only that field has only its bit, so
// the shortcut for fields most events leave empty misses none.
func TestEventFieldBits(t *testing.T) {
	rt := reflect.TypeOf(Event{})
	seen := 0
	for i := range rt.NumField() {
		f := rt.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "at" || name == "actor" || name == "type" {
			continue
		}
		bit := -1
		for j, n := range fieldNames {
			if n == name {
				bit = j
			}
		}
		if bit < 0 {
			t.Fatalf("field %s (%q) has no bit in fieldNames", f.Name, name)
		}
		var e Event
		v := reflect.ValueOf(&e).Elem().Field(i)
		switch v.Kind() {
		case reflect.String:
			v.SetString("x")
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Uint8:
			v.SetUint(1)
		case reflect.Map:
			v.Set(reflect.ValueOf(map[string]string{"k": "v"}))
		default:
			t.Fatalf("field %s: unexpected kind %s", f.Name, v.Kind())
		}
		if got, _ := e.payload(); got != 1<<bit {
			t.Errorf("field %s: payload() = %b, want %b", f.Name, got, uint32(1)<<bit)
		}
		seen++
	}
	if seen != len(fieldNames) {
		t.Errorf("checked %d payload fields, fieldNames has %d", seen, len(fieldNames))
	}
	all := Event{At: time.Unix(0, 0), Actor: "a", ID: "i", Note: "n", Impact: 1, Relation: 1}
	if got, _ := all.payload(); got != fID|fNote|fImpact|fRelation {
		t.Errorf("payload() = %b, want %b", got, fID|fNote|fImpact|fRelation)
	}
}
