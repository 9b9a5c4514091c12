package invalid

import (
	"fmt"
	"unicode/utf8"
)

// Text checks a text the SDK takes in (a name, a reason, a note, an ID):
// invalid UTF-8 is refused with an *Error at path wrapping sentinel, whose
// reason gives the offset of the first bad byte. The SDK rejects such text
// at the door rather than repair it, because encoding/json would turn each
// bad byte into U+FFFD and the value would not survive a round trip.
func Text(path, s string, sentinel error) error {
	if utf8.ValidString(s) {
		return nil
	}
	return &Error{Path: path, Value: s, Reason: fmt.Sprintf("not valid UTF-8 (byte %#02x at offset %d)", s[badByte(s)], badByte(s)), Err: sentinel}
}

// Texts checks each text of a list, with the index in the path.
func Texts(path string, list []string, sentinel error) error {
	for i, s := range list {
		if err := Text(fmt.Sprintf("%s[%d]", path, i), s, sentinel); err != nil {
			return err
		}
	}
	return nil
}

// badByte returns the offset of the first byte of s that does not start a
// valid UTF-8 sequence; len(s) when there is none.
func badByte(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(s)
}
