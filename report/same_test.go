package report_test

import (
	"iter"
	"math"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"
)

// requireSame is require.Equal for values without cycles (reports), made
// for the fuzz targets that compare a report per input: reflect.DeepEqual
// remembers every slice, map and pointer it has compared (to stop on
// cycles), which costs a map insert per slice of a report, and was a sixth
// of FuzzMergeShards's time. same walks the two trees without that
// memory; when it cannot tell them equal, require.Equal decides and
// reports the difference, so same only needs to be right when it says
// equal.
func requireSame(t *testing.T, want, got any) {
	t.Helper()
	if !same(reflect.ValueOf(want), reflect.ValueOf(got)) {
		require.Equal(t, want, got)
	}
}

// same reports whether a and b are deeply equal as reflect.DeepEqual
// defines it, for kinds a report holds; any other kind is "cannot tell"
// (false).
func same(a, b reflect.Value) bool {
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	case reflect.String:
		return a.String() == b.String()
	case reflect.Struct:
		for i := range a.NumField() {
			if !same(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Array:
		return sameElements(a, b)
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		return a.UnsafePointer() == b.UnsafePointer() || sameElements(a, b)
	case reflect.Pointer:
		return a.UnsafePointer() == b.UnsafePointer() || !a.IsNil() && !b.IsNil() && same(a.Elem(), b.Elem())
	case reflect.Interface:
		return a.IsNil() == b.IsNil() && (a.IsNil() || same(a.Elem(), b.Elem()))
	case reflect.Map:
		return a.IsNil() == b.IsNil() && a.Len() == b.Len() && sameEntries(a, b)
	}
	return false
}

// sameEntries is same for two maps of one length (apart from same, whose
// values would otherwise escape with the iterator).
func sameEntries(a, b reflect.Value) bool {
	for it := a.MapRange(); it.Next(); {
		w := b.MapIndex(it.Key())
		if !w.IsValid() || !same(it.Value(), w) {
			return false
		}
	}
	return true
}

func sameElements(a, b reflect.Value) bool {
	for i := range a.Len() {
		if !same(a.Index(i), b.Index(i)) {
			return false
		}
	}
	return true
}

// TestSameTellsReportsApart: two reports built apart from the same records
// are the same; changing any one number, text or flag of the second (each
// of the 2,000-odd reachable without a map) makes them differ.
func TestSameTellsReportsApart(t *testing.T) {
	spec := fullSpec(t)
	want, got := build(t, spec, randomRecords(42, 4)...), build(t, spec, randomRecords(42, 4)...) // no memory shared
	require.True(t, same(reflect.ValueOf(want), reflect.ValueOf(got)))
	leaves := 0
	for leaf := range settableLeaves(reflect.ValueOf(&got).Elem()) {
		old := reflect.New(leaf.Type()).Elem()
		old.Set(leaf)
		switch leaf.Kind() {
		case reflect.Bool:
			leaf.SetBool(!leaf.Bool())
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			leaf.SetInt(leaf.Int() ^ 1)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			leaf.SetUint(leaf.Uint() ^ 1)
		case reflect.Float32, reflect.Float64:
			leaf.SetFloat(math.Nextafter(leaf.Float(), math.Inf(1)))
		case reflect.String:
			leaf.SetString(leaf.String() + "x")
		}
		require.False(t, same(reflect.ValueOf(want), reflect.ValueOf(got)), "a change at leaf %d", leaves)
		leaf.Set(old)
		leaves++
	}
	require.Greater(t, leaves, 100)
	require.True(t, same(reflect.ValueOf(want), reflect.ValueOf(got)))
}

// settableLeaves yields the settable booleans, numbers and texts inside v,
// through structs, arrays, slices and pointers (not maps, whose values
// cannot be set in place).
func settableLeaves(v reflect.Value) iter.Seq[reflect.Value] {
	return func(yield func(reflect.Value) bool) { walkLeaves(v, yield) }
}

func walkLeaves(v reflect.Value, yield func(reflect.Value) bool) bool {
	switch v.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64, reflect.String:
		return !v.CanSet() || yield(v)
	case reflect.Struct:
		for i := range v.NumField() {
			if !walkLeaves(v.Field(i), yield) {
				return false
			}
		}
	case reflect.Array, reflect.Slice:
		for i := range v.Len() {
			if !walkLeaves(v.Index(i), yield) {
				return false
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			return walkLeaves(v.Elem(), yield)
		}
	}
	return true
}
