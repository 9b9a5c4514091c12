package sla

import "strconv"

// word returns words[v], or the number for an unknown value.
func word(words []string, v uint8) string {
	if int(v) < len(words) && words[v] != "" {
		return words[v]
	}
	return strconv.Itoa(int(v))
}

func marshalWord(words []string, v uint8, field string) ([]byte, error) {
	if int(v) >= len(words) || words[v] == "" {
		return nil, &FieldError{Field: field, Value: strconv.Itoa(int(v)), Reason: "unknown value"}
	}
	return []byte(words[v]), nil
}

func parseWord(words []string, s, field string) (uint8, error) {
	for i, w := range words {
		if w != "" && w == s {
			return uint8(i), nil
		}
	}
	return 0, &FieldError{Field: field, Value: s, Reason: "unknown word"}
}
