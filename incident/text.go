package incident

import (
	"unicode/utf8"

	"github.com/go-itsm/itsm/internal/invalid"
)

// textNames are the JSON names of an event's texts, in the order of
// Event.texts.
var textNames = [...]string{
	"actor", "id", "title", "service", "configuration_item", "customer", "category", "caller",
	"parent_id", "group", "assignee", "action", "hold_reason", "resolution_code", "note",
	"reason", "root_cause", "responsible", "related_id",
}

// texts returns an event's texts, in the order of textNames.
func (e *Event) texts() [len(textNames)]string {
	return [...]string{
		e.Actor, e.ID, e.Title, e.Service, e.ConfigurationItem, e.Customer, e.Category, e.Caller,
		e.ParentID, e.Group, e.Assignee, string(e.Action), string(e.HoldReason), e.ResolutionCode, e.Note,
		e.Reason, e.RootCause, e.Responsible, e.RelatedID,
	}
}

// validateText refuses an event whose text is not valid UTF-8 (custom
// fields are checked with their names in validateFields), naming the first
// such text. The SDK rejects such text rather than repair it:
// encoding/json would write each bad byte as U+FFFD, and the incident
// rebuilt from the JSON of its events would differ from the one that was
// applied.
//
// It runs only for an event with a byte outside ASCII in some text (see
// Event.payload, which looks at every text of every event once): ASCII is
// valid UTF-8.
func (e *Event) validateText() error {
	for i, s := range e.texts() {
		if err := invalid.Text(textNames[i], s, ErrInvalidEvent); err != nil {
			return err
		}
	}
	return nil
}

// nonASCII has the high bit of each byte of a word: asciiBits(s)&nonASCII
// is zero exactly when s is ASCII.
const nonASCII = 0x8080808080808080

// asciiBits returns the bitwise or of the bytes of s, a word at a time:
// asciiBits(s)&nonASCII != 0 when some byte of s is not ASCII. The texts
// of events are mostly short (names, codes, states), so a short text is
// read in two overlapping loads rather than byte by byte, and a long one
// eight bytes at a time (the last word overlapping the one before).
func asciiBits(s string) uint64 {
	n := len(s)
	switch {
	case n >= 8:
		w := word64(s[n-8:])
		for i := 0; i+8 <= n; i += 8 {
			w |= word64(s[i:])
		}
		return w
	case n >= 4:
		return uint64(word32(s) | word32(s[n-4:]))
	case n > 0: // the bytes at 0, n/2 and n-1 are all of them
		return uint64(s[0] | s[n/2] | s[n-1])
	}
	return 0
}

// word64 and word32 read the first 8 and 4 bytes of s as one word (the
// compiler makes each one load).
func word64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func word32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// validUTF8 is utf8.ValidString with asciiBits's fast answer for ASCII
// text.
func validUTF8(s string) bool {
	return asciiBits(s)&nonASCII == 0 || utf8.ValidString(s)
}
