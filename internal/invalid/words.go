package invalid

import (
	"strconv"
	"strings"
)

// Words is an enumeration's table of lower-case words: Words[v] is value
// v's word. The one rule for every enumeration of the SDK: a value with a
// word marshals as it and parses from it; the zero value without a word
// ("" at index 0: unset) marshals as "" and parses from ""; any other value
// is unknown: it prints as Type(n) and fails to marshal, and a word that is
// not in the table fails to parse, with the known words in the message.
type Words struct {
	Type  string   // the Go type's name, for String and messages
	Words []string // indexed by value
}

// String returns v's word, "" for an unset zero value, or "Type(n)" for an
// unknown value.
func (w Words) String(v uint8) string {
	if int(v) < len(w.Words) && (w.Words[v] != "" || v == 0) {
		return w.Words[v]
	}
	return w.Type + "(" + strconv.Itoa(int(v)) + ")"
}

// Marshal returns v's word as text, or an *Error wrapping sentinel for an
// unknown value.
func (w Words) Marshal(v uint8, sentinel error) ([]byte, error) {
	if int(v) < len(w.Words) && (w.Words[v] != "" || v == 0) {
		return []byte(w.Words[v]), nil
	}
	return nil, &Error{Value: strconv.Itoa(int(v)), Reason: "not a known " + w.Type, Err: sentinel}
}

// Parse returns the value whose word is s, or an *Error wrapping sentinel
// that lists the known words.
func (w Words) Parse(s string, sentinel error) (uint8, error) {
	for i, word := range w.Words {
		if word == s && (word != "" || i == 0) {
			return uint8(i), nil
		}
	}
	return 0, &Error{Value: s, Reason: "unknown " + w.Type + " (known: " + w.known() + ")", Err: sentinel}
}

func (w Words) known() string {
	var out []string
	for _, word := range w.Words {
		if word != "" {
			out = append(out, word)
		}
	}
	return strings.Join(out, ", ")
}

// Names returns a message fragment listing names: "a, b, c", or "none".
func Names(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
