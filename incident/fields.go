package incident

import (
	"maps"
	"slices"
	"strconv"
)

// Limits of the custom fields an event carries (see Event.Fields).
const (
	// MaxFields is the most custom fields one event sets, and the most an
	// incident keeps.
	MaxFields = 32
	// MaxFieldValue is the longest value of a custom field, in bytes.
	MaxFieldValue = 1024
)

// validateFields checks the custom fields of an event: names are
// lower-case words, values valid UTF-8 of at most MaxFieldValue bytes, at
// most MaxFields of them.
func validateFields(fields map[string]string) error {
	if len(fields) > MaxFields {
		return eventField("fields", strconv.Itoa(len(fields))+" fields", "at most "+strconv.Itoa(MaxFields)+" custom fields")
	}
	for _, name := range slices.Sorted(maps.Keys(fields)) { // the first bad name, the same one every time
		v := fields[name]
		switch {
		case !isWord(name):
			return eventField("fields", name, "a custom field's name is a lower-case word (a letter, then letters, digits or _)")
		case len(v) > MaxFieldValue:
			return eventField("fields."+name, v, "is longer than "+strconv.Itoa(MaxFieldValue)+" bytes")
		case !validUTF8(v):
			return eventField("fields."+name, v, "is not valid UTF-8")
		}
	}
	return nil
}

// mergeFields returns cur with set applied: a value replaces, an empty
// value removes the field. It returns cur itself when nothing changes, and
// a new map otherwise (maps of incidents are never changed once made), nil
// when no field is left.
func mergeFields(cur, set map[string]string) (map[string]string, bool) {
	changed := false
	for k, v := range set {
		if old, ok := cur[k]; (ok && old != v) || (!ok && v != "") {
			changed = true
			break
		}
	}
	if !changed {
		return cur, false
	}
	out := make(map[string]string, len(cur)+len(set))
	maps.Copy(out, cur)
	for k, v := range set {
		if v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil, true
	}
	return out, true
}
