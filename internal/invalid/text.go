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
	if ValidUTF8(s) {
		return nil
	}
	return &Error{Path: path, Value: s, Reason: fmt.Sprintf("not valid UTF-8 (byte %#02x at offset %d)", s[badByte(s)], badByte(s)), Err: sentinel}
}

// ValidUTF8 is utf8.ValidString made for the short texts the SDK mostly
// takes in (names, codes, states), which utf8.ValidString reads at some 20
// instructions a byte: up to 32 bytes of ASCII are read here, an index at
// a time, at about 4; a longer text, or the rest of one from its first
// byte of U+0080 or above, goes to utf8.ValidString, whose word-at-a-time
// reading of ASCII pays off there.
func ValidUTF8(s string) bool {
	if len(s) > 32 {
		return utf8.ValidString(s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return utf8.ValidString(s[i:])
		}
	}
	return true
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
