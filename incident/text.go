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
// fields are checked with their names in validateFields). The SDK rejects
// such text rather than repair it: encoding/json would write each bad byte
// as U+FFFD, and the incident rebuilt from the JSON of its events would
// differ from the one that was applied.
//
// It runs for every event of every replay, and most of an event's texts
// are empty: the first pass tests each field in line (an empty text costs
// a comparison), and only an event that fails it is walked again, through
// texts, to name the field.
func (e *Event) validateText() error {
	if valid(e.Actor) && valid(e.ID) && valid(e.Title) && valid(e.Service) &&
		valid(e.ConfigurationItem) && valid(e.Customer) && valid(e.Category) && valid(e.Caller) &&
		valid(e.ParentID) && valid(e.Group) && valid(e.Assignee) && valid(string(e.Action)) &&
		valid(string(e.HoldReason)) && valid(e.ResolutionCode) && valid(e.Note) &&
		valid(e.Reason) && valid(e.RootCause) && valid(e.Responsible) && valid(e.RelatedID) {
		return nil
	}
	for i, s := range e.texts() {
		if err := invalid.Text(textNames[i], s, ErrInvalidEvent); err != nil {
			return err
		}
	}
	return nil
}

// valid reports whether s is valid UTF-8; the empty text is decided in
// line.
func valid(s string) bool { return s == "" || validUTF8(s) }

// validUTF8 is utf8.ValidString made for the short texts of events
// (names, codes, states), which utf8.ValidString reads at some 20
// instructions a byte: up to 32 bytes of ASCII are read here, an index at
// a time, at about 4; a longer text, or the rest of one from its first
// byte of U+0080 or above, goes to utf8.ValidString, whose word-at-a-time
// reading of ASCII pays off there.
func validUTF8(s string) bool {
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
