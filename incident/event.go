package incident

import (
	"strconv"
	"time"

	"github.com/go-itsm/itsm/internal/invalid"
)

// EventType says what an event does. It marshals as a lower-case word; the
// zero value, which no valid event has, as "".
type EventType uint8

// The event types. See Event for the payload fields each one carries.
const (
	// EventOpen creates the incident; it must be the first event and
	// appears once.
	EventOpen EventType = 1 + iota
	// EventTransition takes a named action of the lifecycle.
	EventTransition
	// EventAssign sets the assignment group and/or assignee.
	EventAssign
	// EventClassify corrects the classification: impact, urgency and the
	// descriptive fields.
	EventClassify
	// EventPrioritize overrides the computed priority, with a reason.
	EventPrioritize
	// EventComment adds a note: an agent's work note, an agent's update
	// visible to the customer, or the caller's reply.
	EventComment
	// EventWorkaround records that service was restored by a workaround.
	EventWorkaround
	// EventMajor declares the incident a major incident.
	EventMajor
	// EventReview records the post-incident review: root cause and who was
	// responsible.
	EventReview
	// EventLink sets (or clears) the parent incident.
	EventLink
	// EventRelate relates the incident to a problem, a change, a known
	// error or the incident it duplicates (or removes that relation).
	EventRelate
)

// String returns the type as a word; the zero type is "" and an unknown
// type prints as "EventType(n)".
func (t EventType) String() string { return eventWords.String(uint8(t)) }

// MarshalText implements encoding.TextMarshaler.
func (t EventType) MarshalText() ([]byte, error) {
	return eventWords.Marshal(uint8(t), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler; an unknown word fails
// with ErrUnknownWord, listing the known words.
func (t *EventType) UnmarshalText(b []byte) error {
	v, err := eventWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*t = EventType(v)
	return nil
}

// Event is one entry of an incident's history: what happened (Type and its
// payload), when (At) and who did it (Actor). Hosts persist events; the
// incident is a fold over them (see Incident.Apply and Replay).
//
// Which payload fields belong to which type (a field that does not belong to
// the event's type makes the event invalid, so a host's mistake is never
// silently ignored; Note and Reason belong to every type):
//
//	open        ID (required), Title, Service, ConfigurationItem, Customer,
//	            Category, Caller, Impact, Urgency, CustomerDeclared, ParentID,
//	            Group, Assignee
//	transition  Action (required), HoldReason (required when entering an
//	            on-hold state, forbidden otherwise), ResolutionCode (only when
//	            entering a resolved state from an open one)
//	assign      Group and/or Assignee (at least one)
//	classify    Impact, Urgency, Title, Service, ConfigurationItem, Customer,
//	            Category (at least one)
//	prioritize  Priority (required), Reason (required)
//	comment     Note (required), CustomerVisible, FromCaller, FirstResponse
//	workaround  Note (required: the workaround)
//	major       MajorStep (empty: declare at once); Reason required to
//	            propose, reject and withdraw
//	review      RootCause (required), Responsible (required)
//	link        ParentID (empty to unlink)
//	relate      Relation (required), RelatedID (empty to remove the relation)
//
// and Fields (custom fields) belong to open and classify, Fix to a
// transition that resolves.
//
// Event is a plain value; JSON keys are the snake_case field names, empty
// fields are omitted, and Type marshals as its word.
type Event struct {
	// At is the instant the event happened; it must not be zero and must not
	// be before the previous event of the incident.
	At time.Time `json:"at"`
	// Actor identifies who caused the event (a user, the caller, "system");
	// required.
	Actor string    `json:"actor"`
	Type  EventType `json:"type"`

	// ID, the host's identifier of the incident; open only.
	ID                string `json:"id,omitempty"`
	Title             string `json:"title,omitempty"`
	Service           string `json:"service,omitempty"`
	ConfigurationItem string `json:"configuration_item,omitempty"`
	Customer          string `json:"customer,omitempty"`
	Category          string `json:"category,omitempty"`
	Caller            string `json:"caller,omitempty"`
	// Impact and Urgency are levels of the lifecycle's Matrix. An open
	// event without them takes the lowest levels.
	Impact  Impact  `json:"impact,omitempty"`
	Urgency Urgency `json:"urgency,omitempty"`
	// CustomerDeclared marks the open event's impact as declared by the
	// customer. A customer-declared Impact of 1 is trusted at intake and
	// gives TopPriority whatever the urgency ("fix first, discuss later").
	CustomerDeclared bool `json:"customer_declared,omitempty"`
	// ParentID links the incident to its parent incident.
	ParentID string `json:"parent_id,omitempty"`

	// Group is the assignment group, Assignee the person within it.
	Group    string `json:"group,omitempty"`
	Assignee string `json:"assignee,omitempty"`

	// Action is the lifecycle action a transition event takes.
	Action Action `json:"action,omitempty"`
	// HoldReason says what an incident put on hold is waiting for.
	HoldReason HoldReason `json:"hold_reason,omitempty"`
	// ResolutionCode classifies a resolution (e.g. "solved", "workaround",
	// "not_reproducible"); the note goes in Note.
	ResolutionCode string `json:"resolution_code,omitempty"`

	// Priority is the priority a prioritize event sets.
	Priority Priority `json:"priority,omitempty"`

	// Note is free text for the activity stream: a comment's body, a
	// resolution note, a workaround's description.
	Note string `json:"note,omitempty"`
	// Reason says why a change was made: a priority override, a
	// cancellation, a reopening, a reclassification, a reassignment.
	Reason string `json:"reason,omitempty"`

	// CustomerVisible marks an agent's comment as visible to the customer;
	// the first such comment is the first response.
	CustomerVisible bool `json:"customer_visible,omitempty"`
	// FromCaller marks a comment as written by the caller (a customer
	// update). While the incident is on hold awaiting the caller, it takes
	// the lifecycle's caller_reply trigger (back to in progress by default).
	FromCaller bool `json:"from_caller,omitempty"`
	// FirstResponse marks an agent's comment as the response to the caller
	// even if it is not customer visible (a phone call, say).
	FirstResponse bool `json:"first_response,omitempty"`

	// RootCause and Responsible are the post-incident review's findings:
	// what caused the incident and who (team, vendor, party) was
	// responsible.
	RootCause   string `json:"root_cause,omitempty"`
	Responsible string `json:"responsible,omitempty"`

	// Fix says whether a resolution is a workaround or a permanent fix;
	// only on a transition that resolves.
	Fix Fix `json:"fix,omitempty"`
	// MajorStep is the step of the major-incident workflow a major event
	// takes; the zero step declares the incident major at once.
	MajorStep MajorStep `json:"major_step,omitempty"`
	// Relation and RelatedID relate the incident to another record (a
	// relate event): RelatedID is that record's ID in the host's tool, or
	// empty to remove the relation.
	Relation  Relation `json:"relation,omitempty"`
	RelatedID string   `json:"related_id,omitempty"`

	// Fields are custom fields (a channel, a location, a service
	// offering...), which the incident keeps (Incident.Fields) and a
	// Selector can match: names are lower-case words, values strings of
	// at most MaxFieldValue bytes, at most MaxFields of them. On open they
	// are the incident's first fields; on classify a value replaces the
	// field's and an empty value removes the field. The map is not
	// modified; an applied event keeps its own copy.
	Fields map[string]string `json:"fields,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler strictly: an unknown key (a
// misspelt "customer_visble"), a key given twice, a wrong type or an
// unknown word is a *FieldError wrapping ErrInvalidEvent that names the
// key ("incident: unknown field ..."); an unknown word wraps ErrUnknownWord
// too. It checks the form only: Apply and Replay check the event against
// the lifecycle.
func (e *Event) UnmarshalJSON(b []byte) error {
	type plain Event
	var p plain
	if err := invalid.Decode(b, &p, ErrInvalidEvent); err != nil {
		return err
	}
	*e = Event(p)
	return nil
}

// field bits for checking which payload fields an event carries.
const (
	fID uint32 = 1 << iota
	fTitle
	fService
	fCI
	fCustomer
	fCategory
	fCaller
	fImpact
	fUrgency
	fCustomerDeclared
	fParentID
	fGroup
	fAssignee
	fAction
	fHoldReason
	fResolutionCode
	fPriority
	fNote
	fReason
	fCustomerVisible
	fFromCaller
	fFirstResponse
	fRootCause
	fResponsible
	fFix
	fMajorStep
	fRelation
	fRelatedID
	fFields
)

var fieldNames = [...]string{
	"id", "title", "service", "configuration_item", "customer", "category", "caller",
	"impact", "urgency", "customer_declared", "parent_id", "group", "assignee",
	"action", "hold_reason", "resolution_code", "priority", "note", "reason",
	"customer_visible", "from_caller", "first_response", "root_cause", "responsible",
	"fix", "major_step", "relation", "related_id", "fields",
}

// allowedFields lists, per event type, the payload fields it may carry.
var allowedFields = [...]uint32{
	EventOpen: fID | fTitle | fService | fCI | fCustomer | fCategory | fCaller | fImpact | fUrgency |
		fCustomerDeclared | fParentID | fGroup | fAssignee | fNote | fReason | fFields,
	EventTransition: fAction | fHoldReason | fResolutionCode | fFix | fNote | fReason,
	EventAssign:     fGroup | fAssignee | fNote | fReason,
	EventClassify:   fImpact | fUrgency | fTitle | fService | fCI | fCustomer | fCategory | fFields | fNote | fReason,
	EventPrioritize: fPriority | fNote | fReason,
	EventComment:    fNote | fReason | fCustomerVisible | fFromCaller | fFirstResponse,
	EventWorkaround: fNote | fReason,
	EventMajor:      fMajorStep | fNote | fReason,
	EventReview:     fRootCause | fResponsible | fNote | fReason,
	EventLink:       fParentID | fNote | fReason,
	EventRelate:     fRelation | fRelatedID | fNote | fReason,
}

// payload returns the bit set of the payload fields e carries and whether
// every text of e (the actor's too) is ASCII, in one pass: an event is
// checked on every replay, most of its texts are empty and the others are
// short, so each text is looked at once, for both answers.
func (e *Event) payload() (m uint32, ascii bool) {
	bytes := asciiBits(e.Actor)
	// The fields most events leave empty are looked at one by one only if
	// one of them is set.
	if len(e.ID)|len(e.Title)|len(e.Service)|len(e.ConfigurationItem)|len(e.Customer)|len(e.Category)|
		len(e.Caller)|len(e.ParentID)|len(e.ResolutionCode)|len(e.RootCause)|len(e.Responsible)|len(e.RelatedID) != 0 {
		m, bytes = e.rareFields(bytes)
	}
	if uint8(e.Impact)|uint8(e.Urgency)|uint8(e.Priority)|uint8(e.Fix)|uint8(e.MajorStep)|uint8(e.Relation) != 0 {
		if e.Impact != 0 {
			m |= fImpact
		}
		if e.Urgency != 0 {
			m |= fUrgency
		}
		if e.Priority != 0 {
			m |= fPriority
		}
		if e.Fix != 0 {
			m |= fFix
		}
		if e.MajorStep != 0 {
			m |= fMajorStep
		}
		if e.Relation != 0 {
			m |= fRelation
		}
	}
	if e.CustomerDeclared {
		m |= fCustomerDeclared
	}
	if e.Group != "" {
		m |= fGroup
		bytes |= asciiBits(e.Group)
	}
	if e.Assignee != "" {
		m |= fAssignee
		bytes |= asciiBits(e.Assignee)
	}
	if e.Action != "" {
		m |= fAction
		bytes |= asciiBits(string(e.Action))
	}
	if e.HoldReason != "" {
		m |= fHoldReason
		bytes |= asciiBits(string(e.HoldReason))
	}
	if e.Note != "" {
		m |= fNote
		bytes |= asciiBits(e.Note)
	}
	if e.Reason != "" {
		m |= fReason
		bytes |= asciiBits(e.Reason)
	}
	if e.CustomerVisible {
		m |= fCustomerVisible
	}
	if e.FromCaller {
		m |= fFromCaller
	}
	if e.FirstResponse {
		m |= fFirstResponse
	}
	if len(e.Fields) != 0 {
		m |= fFields
	}
	return m, bytes&nonASCII == 0
}

// rareFields is payload for the string fields most events leave empty: it
// returns their bits, and bytes with their asciiBits added.
func (e *Event) rareFields(bytes uint64) (uint32, uint64) {
	var m uint32
	rare := [...]struct {
		text string
		bit  uint32
	}{
		{e.ID, fID}, {e.Title, fTitle}, {e.Service, fService}, {e.ConfigurationItem, fCI},
		{e.Customer, fCustomer}, {e.Category, fCategory}, {e.Caller, fCaller}, {e.ParentID, fParentID},
		{e.ResolutionCode, fResolutionCode}, {e.RootCause, fRootCause}, {e.Responsible, fResponsible},
		{e.RelatedID, fRelatedID},
	}
	for _, r := range rare {
		if r.text != "" {
			m |= r.bit
			bytes |= asciiBits(r.text)
		}
	}
	return m, bytes
}

// validateShape checks what can be checked of an event without the
// incident's state: type, instant, actor, which fields it carries, required
// fields and value ranges.
func (e *Event) validateShape(m Matrix) error {
	if e.Type < EventOpen || int(e.Type) >= len(allowedFields) {
		return eventField("type", strconv.Itoa(int(e.Type)), "unknown event type")
	}
	if e.At.IsZero() {
		return eventField("at", "", "an event needs its instant")
	}
	if e.Actor == "" {
		return eventField("actor", "", "an event needs an actor")
	}
	have, ascii := e.payload()
	if !ascii {
		if err := e.validateText(); err != nil {
			return err
		}
	}
	if extra := have &^ allowedFields[e.Type]; extra != 0 {
		for i, name := range fieldNames {
			if extra&(1<<i) != 0 {
				return eventField(name, "", "does not belong to a "+e.Type.String()+" event")
			}
		}
	}
	if e.Impact != 0 && int(e.Impact) > m.Impacts() {
		return eventField("impact", strconv.Itoa(int(e.Impact)), "must be 1 to "+strconv.Itoa(m.Impacts()))
	}
	if e.Urgency != 0 && int(e.Urgency) > m.Urgencies() {
		return eventField("urgency", strconv.Itoa(int(e.Urgency)), "must be 1 to "+strconv.Itoa(m.Urgencies()))
	}
	if e.Fix > FixPermanent {
		return eventField("fix", e.Fix.String(), "must be workaround or permanent")
	}
	if len(e.Fields) != 0 {
		if err := validateFields(e.Fields); err != nil {
			return err
		}
	}
	return e.validatePayload(have)
}

// validatePayload checks the rules of e's type on the payload fields it
// carries (have, from payload): what it requires and what may not go
// together.
func (e *Event) validatePayload(have uint32) error {
	switch e.Type {
	case EventOpen:
		if e.ID == "" {
			return eventField("id", "", "an open event needs the incident's id")
		}
		if e.CustomerDeclared && e.Impact == 0 {
			return eventField("customer_declared", "", "a customer-declared impact needs the impact")
		}
		if e.ParentID != "" && e.ParentID == e.ID {
			return eventField("parent_id", e.ParentID, "an incident cannot be its own parent")
		}
	case EventTransition:
		if e.Action == "" {
			return eventField("action", "", "a transition event needs an action")
		}
	case EventAssign:
		if have&(fGroup|fAssignee) == 0 {
			return eventField("group", "", "an assign event needs a group or an assignee")
		}
	case EventClassify:
		if have&(fImpact|fUrgency|fTitle|fService|fCI|fCustomer|fCategory|fFields) == 0 {
			return eventField("impact", "", "a classify event needs at least one field to change")
		}
	case EventPrioritize:
		if e.Priority < P1 || e.Priority > LowestPriority {
			return eventField("priority", strconv.Itoa(int(e.Priority)), "must be P1 to P5")
		}
		if e.Reason == "" {
			return eventField("reason", "", "a priority override needs a reason")
		}
	case EventComment:
		if e.Note == "" {
			return eventField("note", "", "a comment needs its text")
		}
		if e.FromCaller && e.FirstResponse {
			return eventField("first_response", "", "the caller's own comment is not a response to the caller")
		}
	case EventWorkaround:
		if e.Note == "" {
			return eventField("note", "", "a workaround event needs the workaround's description")
		}
	case EventMajor:
		if e.MajorStep > MajorWithdraw {
			return eventField("major_step", e.MajorStep.String(), "not a step of the major-incident workflow")
		}
		if e.MajorStep != MajorDeclare && e.MajorStep != MajorAccept && e.Reason == "" {
			return eventField("reason", "", "a major event that proposes, rejects or withdraws needs a reason")
		}
	case EventRelate:
		if e.Relation == 0 || int(e.Relation) >= relations {
			return eventField("relation", e.Relation.String(), "a relate event needs a relation (known: problem, caused_by, change, known_error, duplicate_of)")
		}
		if e.Relation == RelatedDuplicateOf && e.RelatedID != "" && e.RelatedID == e.ID {
			return eventField("related_id", e.RelatedID, "an incident cannot duplicate itself")
		}
	case EventReview:
		if e.RootCause == "" {
			return eventField("root_cause", "", "a post-incident review needs the root cause")
		}
		if e.Responsible == "" {
			return eventField("responsible", "", "a post-incident review needs who was responsible")
		}
	}
	return nil
}
