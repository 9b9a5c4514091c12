package escalation

import (
	"reflect"
	"testing"

	"github.com/go-itsm/itsm/incident"
)

// conditionJSON spells out incident.Selector's fields, since the strict
// decoder does not read embedded structs: a field added to Selector must
// be added there too, or conditions would refuse it as an unknown key.
func TestConditionJSONKeepsUpWithSelector(t *testing.T) {
	sel := reflect.TypeFor[incident.Selector]()
	wire := reflect.TypeFor[conditionJSON]()
	for i := range sel.NumField() {
		f := sel.Field(i)
		w, ok := wire.FieldByName(f.Name)
		if !ok {
			t.Errorf("conditionJSON lacks Selector.%s", f.Name)
			continue
		}
		if w.Type != f.Type || w.Tag.Get("json") != f.Tag.Get("json") {
			t.Errorf("conditionJSON.%s is %s `%s`, Selector's is %s `%s`", f.Name, w.Type, w.Tag, f.Type, f.Tag)
		}
	}
	if wire.NumField() != sel.NumField()+2 {
		t.Errorf("conditionJSON has %d fields, want Selector's %d and open, closed", wire.NumField(), sel.NumField())
	}
}
