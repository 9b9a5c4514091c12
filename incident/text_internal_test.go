package incident

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every text of an event is checked, by the fast pass and by the naming
// one: each string field of Event, set to invalid UTF-8 alone, is seen by
// payload as not ASCII and refused by validateText with its JSON name as
// the path. A field added to Event and not to both fails here.
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
		if _, ascii := e.payload(); ascii {
			t.Errorf("%s (%s) with invalid UTF-8: payload says ASCII", f.Name, name)
		}
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

// validUTF8 agrees with utf8.ValidString on every text, and asciiBits
// finds every byte outside ASCII: short and long, ASCII and not, a bad
// byte at each position of texts of every length up to 40 (around each
// of asciiBits's word boundaries), and random bytes.
func TestValidUTF8IsValidString(t *testing.T) {
	texts := []string{"", "a", "bob", "héllo", "€", "h\xc3", "\xd8abc", "abc\xd8", "\xed\xa0\x80"}
	for n := 1; n <= 40; n++ {
		for i := range n {
			for _, c := range []byte{0x80, 0xc3, 0xff} {
				b := []byte(strings.Repeat("a", n))
				b[i] = c
				texts = append(texts, string(b))
			}
		}
		ascii := strings.Repeat("a", n)
		texts = append(texts, ascii, ascii+"é", "é"+ascii)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(rng.IntN(256))
			if rng.IntN(4) > 0 {
				b[i] &= 0x7f
			}
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		if validUTF8(s) != utf8.ValidString(s) {
			t.Errorf("validUTF8(%q) = %v", s, validUTF8(s))
		}
		isASCII := !strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf })
		if got := asciiBits(s)&nonASCII == 0; got != isASCII {
			t.Errorf("asciiBits(%q) says ASCII %v", s, got)
		}
	}
}
