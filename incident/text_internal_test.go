package incident

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// Every text of an event is checked, by the fast pass and by the naming
// one: each string field of Event, set to invalid UTF-8 alone, is refused
// with its JSON name as the path. A field added to Event and not to
// validateText fails here.
func TestValidateTextCoversEveryText(t *testing.T) {
	ty := reflect.TypeOf(Event{})
	checked := 0
	for i := range ty.NumField() {
		f := ty.Field(i)
		if f.Type.Kind() != reflect.String {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		var e Event
		reflect.ValueOf(&e).Elem().Field(i).SetString("ok \xd8")
		err := e.validateText()
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Path != name || !errors.Is(err, ErrInvalidEvent) {
			t.Errorf("%s (%s) with invalid UTF-8: %v", f.Name, name, err)
		}
		checked++
	}
	if checked != len(textNames) {
		t.Errorf("Event has %d texts, validateText names %d", checked, len(textNames))
	}
}
