package invalid

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Decode decodes data, a JSON object, into v, a pointer to a struct whose
// fields carry json tags (a package's wire form of a type), strictly:
//
//   - a key that is no field's, or a key given twice, is an error;
//   - a value of the wrong type, malformed JSON, or an error of a field's
//     own UnmarshalJSON is an error at that field's path;
//   - slices and maps of values are decoded element by element, so an
//     error names the element ("targets[1].goal", `calendars.office`).
//
// Every error is an *Error wrapping sentinel (see At). Decode is for
// configuration and events, not hot loops: it walks the object key by key.
//
// Instants come back with a location that does not depend on the machine
// (see Instant), so that what the SDK decodes is the same value everywhere
// and reads back equal from the JSON the SDK writes.
func Decode(data []byte, v any, sentinel error) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		panic("invalid.Decode: v must point to a struct") // a programming error of the SDK, not input
	}
	return decodeObject(data, rv.Elem(), sentinel)
}

// fieldsOf maps a struct type's JSON names to field indexes.
var fieldsOf sync.Map // reflect.Type -> *structFields

type structFields struct {
	index map[string]int
	names string // the known names, for messages
}

func fields(t reflect.Type) *structFields {
	if f, ok := fieldsOf.Load(t); ok {
		return f.(*structFields)
	}
	f := &structFields{index: map[string]int{}}
	var names []string
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		f.index[name] = i
		names = append(names, name)
	}
	slices.Sort(names)
	f.names = strings.Join(names, ", ")
	fieldsOf.Store(t, f)
	return f
}

func decodeObject(data []byte, v reflect.Value, sentinel error) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return syntaxError(err, sentinel)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return &Error{Value: clipJSON(data), Reason: "want a JSON object", Err: sentinel}
	}
	f := fields(v.Type())
	seen := make(map[string]bool, len(f.index))
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return syntaxError(err, sentinel)
		}
		key := tok.(string) // object keys are strings, or Token failed
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return At(key, syntaxError(err, sentinel), sentinel)
		}
		i, ok := f.index[key]
		if !ok {
			return &Error{Reason: fmt.Sprintf("unknown field %q (known: %s)", clip(key), f.names), Err: sentinel}
		}
		if seen[key] {
			return &Error{Reason: fmt.Sprintf("field %q given twice", key), Err: sentinel}
		}
		seen[key] = true
		if err := decodeValue(raw, v.Field(i), sentinel); err != nil {
			return At(key, err, sentinel)
		}
	}
	if _, err := dec.Token(); err != nil {
		return syntaxError(err, sentinel)
	}
	if _, err := dec.Token(); err != io.EOF {
		return &Error{Reason: "data after the JSON object", Err: sentinel}
	}
	return nil
}

// decodeValue decodes raw into v: slices and maps element by element,
// anything else with encoding/json (and so with the type's own
// UnmarshalJSON or UnmarshalText).
func decodeValue(raw json.RawMessage, v reflect.Value, sentinel error) error {
	if !utf8.Valid(raw) {
		return &Error{Reason: "not valid UTF-8", Err: sentinel}
	}
	isNull := bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
	switch t := v.Type(); {
	case isNull:
		v.SetZero()
		return nil
	case t.Kind() == reflect.Struct && !implementsUnmarshaler(t) && !implementsTextUnmarshaler(t):
		return decodeObject(raw, v, sentinel) // a plain struct is strict too
	case t.Kind() == reflect.Pointer && !implementsUnmarshaler(t.Elem()):
		e := reflect.New(t.Elem())
		if err := decodeValue(raw, e.Elem(), sentinel); err != nil {
			return err
		}
		v.Set(e)
		return nil
	case t.Kind() == reflect.Slice && !isBytes(t) && !implementsUnmarshaler(t):
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			return typeError(err, raw, sentinel)
		}
		out := reflect.MakeSlice(t, len(elems), len(elems))
		for i, e := range elems {
			if err := decodeValue(e, out.Index(i), sentinel); err != nil {
				return At(fmt.Sprintf("[%d]", i), err, sentinel)
			}
		}
		v.Set(out)
		return nil
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String && !implementsUnmarshaler(t):
		var elems map[string]json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			return typeError(err, raw, sentinel)
		}
		out := reflect.MakeMapWithSize(t, len(elems))
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range elems {
				if !yield(k) {
					return
				}
			}
		})
		for _, k := range keys {
			e := reflect.New(t.Elem()).Elem()
			if err := decodeValue(elems[k], e, sentinel); err != nil {
				return At(k, err, sentinel)
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), e)
		}
		v.Set(out)
		return nil
	}
	if err := json.Unmarshal(raw, v.Addr().Interface()); err != nil {
		return typeError(err, raw, sentinel)
	}
	if v.Type() == timeType {
		v.Set(reflect.ValueOf(Instant(v.Interface().(time.Time))))
	}
	return nil
}

var timeType = reflect.TypeFor[time.Time]()

// Instant returns t with a location that does not depend on the machine.
// encoding/json reads an RFC 3339 offset that matches the machine's own
// zone at that instant as time.Local, and any other as a fixed zone: the
// same text gives different values on different machines, and "+00:00"
// read on a machine in UTC comes back from the SDK's JSON ("Z") as
// time.UTC, another value. Instant gives time.Local's instants a fixed
// zone of their offset, and any instant at offset zero time.UTC (what
// "Z" reads as). Other locations (an IANA zone given by the host) are
// kept.
func Instant(t time.Time) time.Time {
	loc := t.Location()
	if loc == time.UTC {
		return t
	}
	name, offset := t.Zone()
	switch {
	case offset == 0 && (loc == time.Local || name == ""):
		return t.UTC()
	case loc == time.Local:
		return t.In(time.FixedZone("", offset))
	}
	return t
}

// isBytes reports whether encoding/json reads t as base64 bytes: a slice
// of a uint8 kind without its own unmarshaller (a []Priority with one is a
// list of numbers, walked element by element like any list).
func isBytes(t reflect.Type) bool {
	e := t.Elem()
	return e.Kind() == reflect.Uint8 && !implementsUnmarshaler(e) && !implementsTextUnmarshaler(e)
}

func implementsUnmarshaler(t reflect.Type) bool {
	return reflect.PointerTo(t).Implements(reflect.TypeFor[json.Unmarshaler]())
}

func implementsTextUnmarshaler(t reflect.Type) bool {
	return reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextUnmarshaler]())
}

// typeError turns an error of encoding/json into an *Error; an *Error (of
// a field's own UnmarshalJSON) passes through.
func typeError(err error, raw json.RawMessage, sentinel error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &Error{Path: te.Field, Value: clipJSON(raw), Reason: "want " + kindName(te.Type), Err: sentinel, Cause: err}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return syntaxError(err, sentinel)
	}
	return &Error{Value: clipJSON(raw), Reason: strings.TrimPrefix(err.Error(), "json: "), Err: sentinel, Cause: err}
}

func syntaxError(err error, sentinel error) error {
	return &Error{Reason: "malformed JSON: " + strings.TrimPrefix(err.Error(), "json: "), Err: sentinel, Cause: err}
}

// kindName says what JSON a Go type wants, in words.
func kindName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if implementsTextUnmarshaler(t) {
		return "a string"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number in range"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return t.String()
}

func clipJSON(raw []byte) string { return clip(string(bytes.TrimSpace(raw))) }
