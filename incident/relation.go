package incident

// Relation says how an incident relates to another record of the service
// desk: a problem, a change, a known error or another incident it
// duplicates. It marshals as a lower-case word; the zero value, which no
// relate event has, as "".
type Relation uint8

// The relations, with ServiceNow's field in parentheses.
const (
	// RelatedProblem: the problem record that investigates the incident's
	// cause (problem_id).
	RelatedProblem Relation = 1 + iota
	// RelatedCausedBy: the change that caused the incident (caused_by).
	RelatedCausedBy
	// RelatedChange: the change request raised to fix it (rfc).
	RelatedChange
	// RelatedKnownError: the known error (a problem with a documented
	// workaround, or its knowledge article) that matches the incident.
	RelatedKnownError
	// RelatedDuplicateOf: the incident this one duplicates; it must not be
	// the incident itself.
	RelatedDuplicateOf
	relations = 1 + iota // one more than the last relation
)

// String returns the relation as a word ("problem", "caused_by", "change",
// "known_error", "duplicate_of"); the zero relation is "" and an unknown
// one prints as "Relation(n)".
func (r Relation) String() string { return relationWords.String(uint8(r)) }

// MarshalText implements encoding.TextMarshaler.
func (r Relation) MarshalText() ([]byte, error) {
	return relationWords.Marshal(uint8(r), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler; an unknown word fails
// with ErrUnknownWord, listing the known words.
func (r *Relation) UnmarshalText(b []byte) error {
	v, err := relationWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*r = Relation(v)
	return nil
}

// Related returns the ID of the record inc relates to by r ("" if none, or
// for an unknown relation).
func (inc *Incident) Related(r Relation) string {
	switch r {
	case RelatedProblem:
		return inc.Problem
	case RelatedCausedBy:
		return inc.CausedBy
	case RelatedChange:
		return inc.Change
	case RelatedKnownError:
		return inc.KnownError
	case RelatedDuplicateOf:
		return inc.DuplicateOf
	}
	return ""
}

// relate sets the ID of relation r.
func (inc *Incident) relate(r Relation, id string) {
	switch r {
	case RelatedProblem:
		inc.Problem = id
	case RelatedCausedBy:
		inc.CausedBy = id
	case RelatedChange:
		inc.Change = id
	case RelatedKnownError:
		inc.KnownError = id
	case RelatedDuplicateOf:
		inc.DuplicateOf = id
	}
}

// Fix says how a resolution restored the service: by a workaround (the
// cause stays, typically with a problem or known error to follow it) or by
// a permanent fix (ServiceNow's close codes "Solved (Work Around)" and
// "Solved (Permanently)"). It marshals as "workaround" or "permanent"; the
// zero value, a resolution that does not say, as "".
type Fix uint8

// The kinds of fix.
const (
	FixWorkaround Fix = 1 + iota
	FixPermanent
)

// String returns the fix as a word; the zero Fix is "" and an unknown one
// prints as "Fix(n)".
func (f Fix) String() string { return fixWords.String(uint8(f)) }

// MarshalText implements encoding.TextMarshaler.
func (f Fix) MarshalText() ([]byte, error) { return fixWords.Marshal(uint8(f), ErrUnknownWord) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (f *Fix) UnmarshalText(b []byte) error {
	v, err := fixWords.Parse(string(b), ErrUnknownWord)
	if err != nil {
		return err
	}
	*f = Fix(v)
	return nil
}
