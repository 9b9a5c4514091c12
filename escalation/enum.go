package escalation

import "github.com/go-itsm/itsm/internal/invalid"

// The enumerations of this package marshal as lower-case words by the
// SDK's one rule (internal/invalid.Words): a value with a word marshals as
// it; a zero value without a word (On, Task, TargetKind and RecipientKind
// unset) marshals as "" and reads from "", and validation rejects it where
// a value is required; any other value is unknown: it prints as Type(n)
// ("On(9)") and fails to marshal, and a word that is not the
// enumeration's fails to parse, listing the known words. Errors wrap
// ErrUnknownWord.

// On says what a step's trigger counts its delay from. It marshals as a
// lower-case word; the zero On is no trigger and fails validation.
type On uint8

// The triggers. See Trigger for the fields each one reads and doc.go for
// the anchors and occurrences in detail.
const (
	// OnOpened: After since the incident was opened.
	OnOpened On = iota + 1
	// OnAssigned: After since the incident's latest assignment (its first
	// group or assignee, or a move to another group).
	OnAssigned
	// OnEntered: After since the incident last entered State, whether or
	// not it is still there.
	OnEntered
	// OnCustomerUpdate: After since the last update to the customer (an
	// agent's customer-visible comment), or since opening if none.
	OnCustomerUpdate
	// OnNotAcknowledged: After since the latest assignment (or opening),
	// while nobody has acknowledged it.
	OnNotAcknowledged
	// OnStillIn: After since the incident entered State, while it is still
	// in State.
	OnStillIn
	// OnSLAUsed: the current cycle of an SLA metric has used the fraction
	// Used of its goal (plus After).
	OnSLAUsed
	// OnSLABreached: the current cycle of an SLA metric is breached (plus
	// After).
	OnSLABreached
)

var onWords = invalid.Words{Type: "On", Words: []string{"", "opened", "assigned", "entered", "customer_update", "not_acknowledged", "still_in", "sla_used", "sla_breached"}}

// String returns the trigger's word, "" for the zero On, On(n) for an
// unknown one.
func (o On) String() string { return onWords.String(uint8(o)) }

// MarshalText implements encoding.TextMarshaler.
func (o On) MarshalText() ([]byte, error) { return onWords.Marshal(uint8(o), ErrUnknownWord) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (o *On) UnmarshalText(b []byte) error {
	v, err := onWords.Parse(string(b), ErrUnknownWord)
	*o = On(v)
	return err
}

// Task is what a step asks the host to do. It marshals as a lower-case
// word; the zero Task is none and fails validation. (Task was called
// Action before: Action is the incident lifecycle's word.)
type Task uint8

// The tasks.
const (
	// Notify sends a notification to each target's recipients.
	Notify Task = iota + 1
	// Reassign moves the incident to the step's single target (a group, a
	// person, or whoever is on call); the host appends the assign event.
	Reassign
	// RaisePriority raises the incident's priority to Step.RaiseTo (one
	// level up when zero); the host appends the prioritize event.
	RaisePriority
	// DeclareMajor proposes the incident as a major incident candidate;
	// declaring it stays a human decision (the host tells the step's
	// targets and appends the major event if they agree).
	DeclareMajor
	// RequestUpdate asks the step's targets for a status update to the
	// customer (or, with the customer's contacts as the target, sends it).
	RequestUpdate
)

var taskWords = invalid.Words{Type: "Task", Words: []string{"", "notify", "reassign", "raise_priority", "declare_major", "request_update"}}

// String returns the task's word, "" for the zero Task, Task(n) for an
// unknown one.
func (a Task) String() string { return taskWords.String(uint8(a)) }

// MarshalText implements encoding.TextMarshaler.
func (a Task) MarshalText() ([]byte, error) { return taskWords.Marshal(uint8(a), ErrUnknownWord) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *Task) UnmarshalText(b []byte) error {
	v, err := taskWords.Parse(string(b), ErrUnknownWord)
	*a = Task(v)
	return err
}

// targeted reports whether the task goes target by target (one due
// task per target) rather than acting once on the incident.
func (a Task) targeted() bool { return a == Notify || a == Reassign || a == RequestUpdate }

// TargetKind says whom a Target names. It marshals as a lower-case word;
// the zero TargetKind fails validation.
type TargetKind uint8

// The target kinds.
const (
	// TargetPerson is one named person (Target.Person).
	TargetPerson TargetKind = iota + 1
	// TargetGroup is an assignment group or tier as a queue (Target.Group,
	// or the incident's group): functional escalation, L1 to L2 to a vendor.
	TargetGroup
	// TargetRole is whoever holds a role (Target.Role) for a group, such as
	// the group's manager or the duty manager, as the Directory answers:
	// hierarchical escalation.
	TargetRole
	// TargetOnCall is whoever is on call on a schedule (Target.Schedule) at
	// Target.Rank: the primary or the secondary.
	TargetOnCall
	// TargetMembers is everyone in a group, as the Directory answers: a P1
	// goes to all engineers at once.
	TargetMembers
	// TargetContacts is the incident customer's contacts, as the Directory
	// answers: status updates.
	TargetContacts
)

var targetWords = invalid.Words{Type: "TargetKind", Words: []string{"", "person", "group", "role", "on_call", "members", "contacts"}}

// String returns the kind's word, "" for the zero kind, TargetKind(n) for
// an unknown one.
func (k TargetKind) String() string { return targetWords.String(uint8(k)) }

// MarshalText implements encoding.TextMarshaler.
func (k TargetKind) MarshalText() ([]byte, error) {
	return targetWords.Marshal(uint8(k), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *TargetKind) UnmarshalText(b []byte) error {
	v, err := targetWords.Parse(string(b), ErrUnknownWord)
	*k = TargetKind(v)
	return err
}

// Rank is a position on call: primary or secondary. The zero Rank is
// Primary. It marshals as "primary" or "secondary"; a document leaves it
// out for the primary (JSON fields of type Rank are omitempty), and "" is
// not a rank.
type Rank uint8

// The ranks.
const (
	Primary Rank = iota
	Secondary
)

var rankWords = invalid.Words{Type: "Rank", Words: []string{"primary", "secondary"}}

// String returns the rank's word, Rank(n) for an unknown one.
func (r Rank) String() string { return rankWords.String(uint8(r)) }

// MarshalText implements encoding.TextMarshaler.
func (r Rank) MarshalText() ([]byte, error) { return rankWords.Marshal(uint8(r), ErrUnknownWord) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *Rank) UnmarshalText(b []byte) error {
	v, err := rankWords.Parse(string(b), ErrUnknownWord)
	*r = Rank(v)
	return err
}

// RecipientKind says what a Recipient's ID names. It marshals as a
// lower-case word.
type RecipientKind uint8

// The recipient kinds.
const (
	// RecipientPerson: a person (an on-call responder, a manager, a member).
	RecipientPerson RecipientKind = iota + 1
	// RecipientGroup: an assignment group's queue.
	RecipientGroup
	// RecipientContact: a customer contact.
	RecipientContact
)

var recipientWords = invalid.Words{Type: "RecipientKind", Words: []string{"", "person", "group", "contact"}}

// String returns the kind's word, "" for the zero kind, RecipientKind(n)
// for an unknown one.
func (k RecipientKind) String() string { return recipientWords.String(uint8(k)) }

// MarshalText implements encoding.TextMarshaler.
func (k RecipientKind) MarshalText() ([]byte, error) {
	return recipientWords.Marshal(uint8(k), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *RecipientKind) UnmarshalText(b []byte) error {
	v, err := recipientWords.Parse(string(b), ErrUnknownWord)
	*k = RecipientKind(v)
	return err
}
