package incident

import "github.com/go-itsm/itsm/internal/invalid"

// validateText refuses an event whose text is not valid UTF-8 (custom
// fields are checked with their names in validateFields). The SDK rejects
// such text rather than repair it: encoding/json would write each bad byte
// as U+FFFD, and the incident rebuilt from the JSON of its events would
// differ from the one that was applied.
func (e *Event) validateText() error {
	for _, f := range [...]struct{ name, value string }{
		{"actor", e.Actor},
		{"id", e.ID},
		{"title", e.Title},
		{"service", e.Service},
		{"configuration_item", e.ConfigurationItem},
		{"customer", e.Customer},
		{"category", e.Category},
		{"caller", e.Caller},
		{"parent_id", e.ParentID},
		{"group", e.Group},
		{"assignee", e.Assignee},
		{"action", string(e.Action)},
		{"hold_reason", string(e.HoldReason)},
		{"resolution_code", e.ResolutionCode},
		{"note", e.Note},
		{"reason", e.Reason},
		{"root_cause", e.RootCause},
		{"responsible", e.Responsible},
		{"related_id", e.RelatedID},
	} {
		if err := invalid.Text(f.name, f.value, ErrInvalidEvent); err != nil {
			return err
		}
	}
	return nil
}
