package escalation

import (
	"strconv"
	"strings"
)

// The enumerations of this package marshal as lower-case words; the zero
// value of those without a meaningful zero marshals as "" and is rejected by
// validation.

func wordOf(words []string, v uint8) string {
	if int(v) < len(words) {
		return words[v]
	}
	return strconv.Itoa(int(v))
}

func marshalWord(words []string, v uint8, what string) ([]byte, error) {
	if int(v) >= len(words) {
		return nil, &FieldError{Field: what, Value: strconv.Itoa(int(v)), Reason: "not a known " + what, Err: ErrUnknownWord}
	}
	return []byte(words[v]), nil
}

func parseWord(words []string, s, what string) (uint8, error) {
	for i, w := range words {
		if w == s {
			return uint8(i), nil
		}
	}
	known := make([]string, 0, len(words))
	for _, w := range words {
		if w != "" {
			known = append(known, w)
		}
	}
	return 0, &FieldError{Field: what, Value: s, Reason: "unknown; want one of " + strings.Join(known, ", "), Err: ErrUnknownWord}
}

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

var onWords = []string{"", "opened", "assigned", "entered", "customer_update", "not_acknowledged", "still_in", "sla_used", "sla_breached"}

// String returns the trigger's word.
func (o On) String() string { return wordOf(onWords, uint8(o)) }

// MarshalText implements encoding.TextMarshaler.
func (o On) MarshalText() ([]byte, error) { return marshalWord(onWords, uint8(o), "trigger") }

// UnmarshalText implements encoding.TextUnmarshaler.
func (o *On) UnmarshalText(b []byte) error {
	v, err := parseWord(onWords, string(b), "trigger")
	*o = On(v)
	return err
}

// Task is what a step asks the host to do. It marshals as a lower-case
// word; the zero Task is none and fails validation.
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

var taskWords = []string{"", "notify", "reassign", "raise_priority", "declare_major", "request_update"}

// String returns the task's word.
func (a Task) String() string { return wordOf(taskWords, uint8(a)) }

// MarshalText implements encoding.TextMarshaler.
func (a Task) MarshalText() ([]byte, error) { return marshalWord(taskWords, uint8(a), "task") }

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *Task) UnmarshalText(b []byte) error {
	v, err := parseWord(taskWords, string(b), "task")
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

var targetWords = []string{"", "person", "group", "role", "on_call", "members", "contacts"}

// String returns the kind's word.
func (k TargetKind) String() string { return wordOf(targetWords, uint8(k)) }

// MarshalText implements encoding.TextMarshaler.
func (k TargetKind) MarshalText() ([]byte, error) {
	return marshalWord(targetWords, uint8(k), "target kind")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *TargetKind) UnmarshalText(b []byte) error {
	v, err := parseWord(targetWords, string(b), "target kind")
	*k = TargetKind(v)
	return err
}

// Rank is a position on call: primary or secondary. The zero Rank is
// Primary. It marshals as "primary" or "secondary".
type Rank uint8

// The ranks.
const (
	Primary Rank = iota
	Secondary
)

var rankWords = []string{"primary", "secondary"}

// String returns the rank's word.
func (r Rank) String() string { return wordOf(rankWords, uint8(r)) }

// MarshalText implements encoding.TextMarshaler.
func (r Rank) MarshalText() ([]byte, error) { return marshalWord(rankWords, uint8(r), "rank") }

// UnmarshalText implements encoding.TextUnmarshaler; "" reads as primary.
func (r *Rank) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*r = Primary
		return nil
	}
	v, err := parseWord(rankWords, string(b), "rank")
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

var recipientWords = []string{"", "person", "group", "contact"}

// String returns the kind's word.
func (k RecipientKind) String() string { return wordOf(recipientWords, uint8(k)) }

// MarshalText implements encoding.TextMarshaler.
func (k RecipientKind) MarshalText() ([]byte, error) {
	return marshalWord(recipientWords, uint8(k), "recipient kind")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *RecipientKind) UnmarshalText(b []byte) error {
	v, err := parseWord(recipientWords, string(b), "recipient kind")
	*k = RecipientKind(v)
	return err
}
