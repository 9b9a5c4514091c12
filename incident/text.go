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
// differ from the one that was applied. Most texts of an event are empty,
// so the check of an empty one is inline: this runs for every event of
// every replay.
func (e *Event) validateText() error {
	for i, s := range e.texts() {
		if s != "" && !utf8.ValidString(s) {
			return invalid.Text(textNames[i], s, ErrInvalidEvent)
		}
	}
	return nil
}
