package incident

import (
	"strconv"
)

// Enumerations marshal as lower-case words. These helpers map a small integer
// enumeration to and from its word table, where words[0] is the zero value's
// word (often "").

func wordOf(words []string, v uint8) string {
	if int(v) < len(words) {
		return words[v]
	}
	return strconv.Itoa(int(v))
}

func marshalWord(words []string, v uint8, field string, sentinel error) ([]byte, error) {
	if int(v) < len(words) {
		return []byte(words[v]), nil
	}
	return nil, &FieldError{Path: field, Value: strconv.Itoa(int(v)), Reason: "not a known value", Err: sentinel}
}

func parseWord(words []string, s, field string, zeroOK bool, sentinel error) (uint8, error) {
	for i, w := range words {
		if w == s && (i > 0 || zeroOK) {
			return uint8(i), nil
		}
	}
	return 0, &FieldError{Path: field, Value: s, Reason: "not a known value", Err: sentinel}
}

// isWord reports whether s is a lower-case word as states, actions, hold
// reasons and guard names must be: a letter, then letters, digits or
// underscores, at most 64 bytes.
func isWord(s string) bool {
	if s == "" || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}
